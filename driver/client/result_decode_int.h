/* SPDX-License-Identifier: Apache-2.0 */
/* Private to the result decoder (result_decode.c: events; result_nest.c: nested values;
 * result_page.c: pages, columns). */
#ifndef RS_RESULT_DECODE_INT_H
#define RS_RESULT_DECODE_INT_H

#include <cjson/cJSON.h>
#include <stdint.h>
#include "driver/client/jsonstream.h"
#include "driver/client/result_decode.h"

#define RS_DEC_NONE UINT32_MAX
#define RS_DEC_CHUNK 65536
/* Standard chunks kept between pages for reuse (4 MiB): a default page (10,000 rows) needs
 * fewer, so memory still follows the page size. */
#define RS_DEC_SPARE 64

/* How a column's string values become RS_V_TIMESTAMP: not at all; all of them (column_fields
 * said "timestamp"); or those of the ISO form (the first page's values were all of it). */
enum { RS_DEC_TS_NO, RS_DEC_TS_TYPED, RS_DEC_TS_INFERRED };

enum { D_ROOT_START, D_ROOT, D_CAPTURE, D_SKIP, D_RESULTS_START, D_RESULTS, D_ROW,
       D_ROW_VALUE, D_NESTED, D_END };

typedef struct rs_dec_chunk {
    struct rs_dec_chunk *next;
    size_t used, size;
    char data[];
} rs_dec_chunk;

typedef struct rs_dec_entry {
    uint32_t key;
    rs_cell cell;
} rs_dec_entry;

typedef struct rs_dec_buf {
    char *p;
    size_t len, cap;
} rs_dec_buf;

struct rs_decoder {
    rs_jsonstream *js;
    rs_error *err;
    size_t max_value, max_page; /* 0 = none (rs_decode_set_limits) */
    size_t fed;                 /* this answer's bytes so far */
    int st, skip_ret, skip_depth;
    /* key dictionary: every key seen in the first answer's rows */
    char **keys;
    size_t *keylens;
    uint32_t nkeys, capkeys;
    uint32_t *hash;          /* open addressing, key index + 1, 0 = empty */
    size_t hcap;
    uint32_t *key2col;       /* per key, once columns are fixed (capkeys entries) */
    size_t dropped;          /* this page's values whose key is no result column */
    char dropped_key[128];   /* the first such key of this page */
    int fixed;
    rs_column *cols;
    size_t ncols;
    unsigned char *ts_cols;  /* per column: RS_DEC_TS_NO, _TYPED or _INFERRED */
    /* the current answer */
    rs_dec_chunk *arena;
    rs_dec_chunk *spare;     /* standard chunks of earlier pages, for reuse */
    size_t nspare;
    rs_dec_entry *ents;
    size_t nents, capents;
    size_t *rowstart;
    size_t nrows, caprows;
    rs_cell *matrix;
    size_t capmatrix;
    rs_page page;
    uint32_t cur_key;
    uint32_t *pred;          /* key index seen at each position of the previous row */
    size_t npred, kpos;
    /* captured root members */
    cJSON *root;
    cJSON **cstack;
    int cdepth, ccap;
    char *ckey;              /* root key being captured, then pending key inside it */
    char *pkey;
    /* a nested value being re-serialized */
    rs_dec_buf nest, tag, val;
    int ndepth, ncomma, nkey_is_tag, nkey_is_val, has_tag, has_val, val_is_str;
    size_t val_start, val_end;
};

/* result_decode.c, for result_nest.c: */
/* Adds a cell of the current row under the current key; copy: text goes into the arena. */
int rs_dec_add_cell(rs_decoder *d, rs_vkind kind, const char *text, size_t len, int copy);
int rs_dec_nomem(rs_decoder *d);   /* sets RS_ERR_NOMEM, returns -1 */
/* A chunk of at least n bytes pushed on top of the arena; NULL when out of memory. */
rs_dec_chunk *rs_dec_push_chunk(rs_decoder *d, size_t n);
int rs_dec_buf_put(rs_dec_buf *b, const char *s, size_t n); /* appends, NUL-terminated */

/* result_nest.c: a row value that is an object or an array, event by event. */
void rs_dec_nest_begin(rs_decoder *d);
int rs_dec_nest_event(rs_decoder *d, const rs_js_event *ev); /* -1: out of memory */
/* After its last event: the cell (JSON text, or a wrapper's value). 0, or -1 with err set. */
int rs_dec_nest_finish(rs_decoder *d);

/* 1 when s is exactly YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z with fields in range: the form the live
 * service sends timestamps in. */
int rs_dec_is_iso_timestamp(const char *s, size_t n);

/* The column named name, RS_DEC_NONE when there is none. */
uint32_t rs_dec_col_named(const rs_decoder *d, const char *s, size_t n);

/* Index of key s in the dictionary, RS_DEC_NONE when absent (*slot: where it would go). */
uint32_t rs_dec_key_find(const rs_decoder *d, const char *s, size_t n, size_t *slot);

#endif
