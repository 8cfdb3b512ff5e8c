/* SPDX-License-Identifier: Apache-2.0 */
/* Query answers (a QueryResponse or a pages answer) -> pages of rs_cell, decoded while the
 * body streams in. Keys may come in any order. The first answer fixes the columns (from
 * column_fields when every entry has a name, else from the keys of its rows in order of first
 * appearance); later answers (pages) are mapped onto those columns by key name, and keys the
 * columns do not know are dropped. A page's texts live in one arena, reused page after page,
 * so memory follows the page size, not the result size. */
#ifndef RS_RESULT_DECODE_H
#define RS_RESULT_DECODE_H

#include <stddef.h>
#include "driver/client/rowsource.h"
#include "driver/client/rs_error.h"

typedef struct rs_decoder rs_decoder;

rs_decoder *rs_decode_new(void);
void rs_decode_free(rs_decoder *d);
/* Bounds on what one answer may cost (0 = none): max_value for one value (a string, number
 * or nested object/array as text), max_page for the answer's bytes after decompression. A
 * passed bound fails the feed with RS_ERR_LIMIT naming MaxValueBytes or MaxPageBytes. */
void rs_decode_set_limits(rs_decoder *d, size_t max_value, size_t max_page);

/* Prepares for the next answer; invalidates the previous page. */
void rs_decode_begin(rs_decoder *d);
/* 0 ok, -1 with err set (RS_ERR_PROTOCOL for bad JSON or an unexpected shape). */
int rs_decode_feed(rs_decoder *d, const char *data, size_t n, rs_error *err);
/* End of the body: checks it was complete and builds the page (and the columns, the first
 * time). 0 ok, -1 with err set. */
int rs_decode_finish(rs_decoder *d, rs_error *err);

/* Valid after a successful finish, until the next begin. */
const rs_page *rs_decode_page(const rs_decoder *d);
/* The columns, owned by the decoder; fixed by the first finished answer. */
rs_column *rs_decode_columns(const rs_decoder *d, size_t *ncols);
/* 1 when the answer had a pagination object; the next cursor, NULL at the end. */
int rs_decode_paginated(const rs_decoder *d);
const char *rs_decode_next_cursor(const rs_decoder *d);
long long rs_decode_total(const rs_decoder *d); /* results_total_doc_count or -1 */
const char *rs_decode_query_id(const rs_decoder *d); /* "" when absent */
/* The offset of the write the statement made (INSERT INTO ... SELECT); "" when absent. */
const char *rs_decode_last_offset(const rs_decoder *d);
/* -1 with err set (RS_ERR_HTTP, the first entry's type and message) when the answer carried
 * a non-empty query_errors; else 0. */
int rs_decode_query_errors(const rs_decoder *d, rs_error *err);

/* Adds a column after the first answer fixed them (a field the first page did not show, learnt
 * from the collection's schema); values of that key in this and later pages land in it.
 * 0 (also when a column of that name exists), -1 out of memory. */
int rs_decode_add_column(rs_decoder *d, const char *name, const char *rockset_type);
/* Puts the columns named in names[0..n-1] first, in that order, the others after them in the
 * order they had; the page in hand and later pages follow. 0, or -1 out of memory. */
int rs_decode_order_columns(rs_decoder *d, const char *const *names, size_t n);
/* How many values of the current page had a key that is no result column (and the first such
 * key): they were not returned, and the caller must say so. */
size_t rs_decode_dropped(const rs_decoder *d, const char **first_key);
/* The answer's "collections" ("ws.coll" strings), malloc'ed; NULL with *n = 0 when none. */
char **rs_decode_collections(const rs_decoder *d, size_t *n);

/* A page taken out of the decoder: it owns its texts and cells, so a static cursor can keep a
 * few recent pages while the decoder reads others. */
typedef struct rs_page_hold rs_page_hold;
/* Moves the current page (its arena and cell matrix) out; the decoder's next answer starts
 * with fresh buffers. NULL when out of memory (the page then stays in the decoder). */
rs_page_hold *rs_decode_take_page(rs_decoder *d);
const rs_page *rs_page_hold_page(const rs_page_hold *h);
/* Bytes the held page occupies (texts and cells). */
size_t rs_page_hold_bytes(const rs_page_hold *h);
void rs_page_hold_free(rs_page_hold *h);
/* pagination.start_cursor of the answer (the cursor of its first row), NULL when none. */
const char *rs_decode_start_cursor(const rs_decoder *d);

/* Decodes base64 (standard or URL alphabet, padding optional, whitespace ignored) into out,
 * which needs room for 3 * (n / 4) + 3 bytes. Returns the length or -1 when invalid. */
long rs_decode_base64(const char *in, size_t n, unsigned char *out);

#endif
