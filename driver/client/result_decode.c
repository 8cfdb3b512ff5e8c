/* SPDX-License-Identifier: Apache-2.0 */
/* Streaming decoder of query answers. Rows are first collected as (key, cell) entries, since
 * column_fields may arrive after results and row objects list keys in any order; finishing
 * an answer lays them out row-major over the columns. Small root members (pagination,
 * column_fields, query_errors, counts) are captured into cJSON; everything else is skipped. */
#include "driver/client/result_decode_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- arena ---------------------------------------------------------------------------- */

/* A chunk of at least n bytes on top of the arena: a spare one from an earlier page when it
 * is big enough, else a new one. */
rs_dec_chunk *rs_dec_push_chunk(rs_decoder *d, size_t n)
{
    size_t size = n > RS_DEC_CHUNK ? n : RS_DEC_CHUNK;
    rs_dec_chunk *nc = d->spare;

    if (nc && size == RS_DEC_CHUNK) {
        d->spare = nc->next;
        d->nspare--;
    } else if (!(nc = malloc(sizeof *nc + size))) {
        return NULL;
    }
    nc->size = size;
    nc->used = 0;
    nc->next = d->arena;
    d->arena = nc;
    return nc;
}

__attribute__((noinline)) static rs_dec_chunk *dec_new_chunk(rs_decoder *d, size_t n)
{
    return rs_dec_push_chunk(d, n);
}

static inline char *dec_alloc(rs_decoder *d, size_t n)
{
    rs_dec_chunk *c = d->arena;
    char *p;

    if ((!c || c->size - c->used < n) && !(c = dec_new_chunk(d, n)))
        return NULL;
    p = c->data + c->used;
    c->used += n;
    return p;
}

static const char *dec_copy(rs_decoder *d, const char *s, size_t n)
{
    char *p = dec_alloc(d, n + 1);

    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Keeps the newest chunk (reused by the next page) and up to RS_DEC_SPARE standard ones as
 * spares for the next page, frees the rest: page after page the same memory serves, with no
 * malloc/free (and page faults, once the heap was trimmed) per chunk. all: frees everything. */
static void dec_arena_reset(rs_decoder *d, int all)
{
    rs_dec_chunk *c = d->arena, *n;

    if (all) {
        for (; d->spare; d->spare = n) {
            n = d->spare->next;
            free(d->spare);
        }
        d->nspare = 0;
    }
    if (!c)
        return;
    n = c->next;
    c->next = NULL;
    c->used = 0;
    while (n) {
        rs_dec_chunk *x = n->next;
        if (!all && n->size == RS_DEC_CHUNK && d->nspare < RS_DEC_SPARE) {
            n->next = d->spare;
            d->spare = n;
            d->nspare++;
        } else {
            free(n);
        }
        n = x;
    }
    if (all) {
        free(c);
        d->arena = NULL;
    }
}

int rs_dec_buf_put(rs_dec_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        char *p;
        while (cap < b->len + n + 1)
            cap *= 2;
        p = realloc(b->p, cap);
        if (!p)
            return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

/* ---- errors --------------------------------------------------------------------------- */

static int dec_fail(rs_decoder *d, rs_err_kind kind, const char *msg)
{
    rs_error_set(d->err, kind, "%s", msg);
    return -1;
}

int rs_dec_nomem(rs_decoder *d)
{
    return dec_fail(d, RS_ERR_NOMEM, "out of memory while decoding a query answer");
}

static int dec_value_too_long(rs_decoder *d)
{
    rs_error_set(d->err, RS_ERR_LIMIT, "a value in the server's answer is longer than %zu "
                 "bytes, the limit set by the MaxValueBytes keyword", d->max_value);
    return -1;
}

/* ---- key dictionary ------------------------------------------------------------------- */

static size_t dec_hash(const char *s, size_t n)
{
    size_t h = 1469598103934665603ULL;

    while (n--)
        h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    return h;
}

uint32_t rs_dec_key_find(const rs_decoder *d, const char *s, size_t n, size_t *slot)
{
    size_t i;

    if (!d->hcap) {
        *slot = 0;
        return RS_DEC_NONE;
    }
    for (i = dec_hash(s, n) & (d->hcap - 1);; i = (i + 1) & (d->hcap - 1)) {
        uint32_t k = d->hash[i];
        if (k == 0) {
            *slot = i;
            return RS_DEC_NONE;
        }
        if (d->keylens[k - 1] == n && memcmp(d->keys[k - 1], s, n) == 0)
            return k - 1;
    }
}

static int dec_rehash(rs_decoder *d)
{
    size_t cap = d->hcap ? d->hcap * 2 : 64, slot;
    uint32_t i;

    free(d->hash);
    d->hash = calloc(cap, sizeof *d->hash);
    if (!d->hash)
        return -1;
    d->hcap = cap;
    for (i = 0; i < d->nkeys; i++) {
        rs_dec_key_find(d, d->keys[i], d->keylens[i], &slot);
        d->hash[slot] = i + 1;
    }
    return 0;
}

/* Index of key s, added to the dictionary when new. A key first seen after the columns
 * were fixed maps to the column of that name, if one was added since (a `*` select's
 * fields learnt from the collection's schema), else to none: its values are counted as
 * dropped, never lost without a word. */
static uint32_t dec_key(rs_decoder *d, const char *s, size_t n)
{
    size_t slot;
    uint32_t k = rs_dec_key_find(d, s, n, &slot);

    if (k != RS_DEC_NONE)
        return k;
    if ((d->nkeys + 1) * 2 > d->hcap) {
        if (dec_rehash(d) != 0)
            return RS_DEC_NONE - 1;
        rs_dec_key_find(d, s, n, &slot);
    }
    if (d->nkeys == d->capkeys) {
        uint32_t cap = d->capkeys ? d->capkeys * 2 : 32;
        char **nk = realloc(d->keys, cap * sizeof *nk);
        size_t *nl;
        if (!nk)
            return RS_DEC_NONE - 1;
        d->keys = nk;
        nl = realloc(d->keylens, cap * sizeof *nl);
        if (!nl)
            return RS_DEC_NONE - 1;
        d->keylens = nl;
        if (d->fixed) {
            uint32_t *kc = realloc(d->key2col, cap * sizeof *kc);
            if (!kc)
                return RS_DEC_NONE - 1;
            d->key2col = kc;
        }
        d->capkeys = cap;
    }
    d->keys[d->nkeys] = malloc(n + 1);
    if (!d->keys[d->nkeys])
        return RS_DEC_NONE - 1;
    memcpy(d->keys[d->nkeys], s, n);
    d->keys[d->nkeys][n] = '\0';
    d->keylens[d->nkeys] = n;
    d->hash[slot] = d->nkeys + 1;
    if (d->fixed)
        d->key2col[d->nkeys] = rs_dec_col_named(d, s, n);
    return d->nkeys++;
}

/* ---- rows ----------------------------------------------------------------------------- */

static int dec_row_start(rs_decoder *d)
{
    if (d->nrows + 1 >= d->caprows) {
        size_t cap = d->caprows ? d->caprows * 2 : 256;
        size_t *n = realloc(d->rowstart, cap * sizeof *n);
        if (!n)
            return rs_dec_nomem(d);
        d->rowstart = n;
        d->caprows = cap;
    }
    d->rowstart[d->nrows++] = d->nents;
    d->rowstart[d->nrows] = d->nents;
    return 0;
}

__attribute__((noinline)) static int dec_grow_ents(rs_decoder *d)
{
    size_t cap = d->capents ? d->capents * 2 : 1024;
    rs_dec_entry *n = realloc(d->ents, cap * sizeof *n);

    if (!n)
        return rs_dec_nomem(d);
    d->ents = n;
    d->capents = cap;
    return 0;
}

int rs_dec_add_cell(rs_decoder *d, rs_vkind kind, const char *text, size_t len, int copy)
{
    rs_dec_entry *e;

    if (d->cur_key == RS_DEC_NONE)
        return 0;
    if (d->nents == d->capents && dec_grow_ents(d) != 0)
        return -1;
    if (copy && text && !(text = dec_copy(d, text, len)))
        return rs_dec_nomem(d);
    e = &d->ents[d->nents++];
    e->key = d->cur_key;
    e->cell.kind = kind;
    e->cell.text = text;
    e->cell.len = len;
    d->rowstart[d->nrows] = d->nents;
    return 0;
}

static int dec_scalar_cell(rs_decoder *d, const rs_js_event *ev)
{
    switch (ev->type) {
    case RS_JS_STRING:
        return rs_dec_add_cell(d, RS_V_STRING, ev->text, ev->len, 1);
    case RS_JS_NUMBER:
        /* typed by the tokenizer, which saw every byte of it already */
        return rs_dec_add_cell(d, ev->is_float ? RS_V_FLOAT : RS_V_INT, ev->text, ev->len, 1);
    case RS_JS_TRUE:
        return rs_dec_add_cell(d, RS_V_BOOL, "true", 4, 0);
    case RS_JS_FALSE:
        return rs_dec_add_cell(d, RS_V_BOOL, "false", 5, 0);
    default:
        return rs_dec_add_cell(d, RS_V_NULL, NULL, 0, 0);
    }
}

/* ---- captured root members (small): built into cJSON from the events ------------------ */

static int cap_add(rs_decoder *d, cJSON *item)
{
    cJSON *parent;

    if (!item)
        return rs_dec_nomem(d);
    if (d->cdepth == 0) {
        cJSON_AddItemToObject(d->root, d->ckey, item);
    } else {
        parent = d->cstack[d->cdepth - 1];
        if (cJSON_IsObject(parent))
            cJSON_AddItemToObject(parent, d->pkey ? d->pkey : "", item);
        else
            cJSON_AddItemToArray(parent, item);
    }
    if (cJSON_IsObject(item) || cJSON_IsArray(item)) {
        if (d->cdepth == d->ccap) {
            int cap = d->ccap ? d->ccap * 2 : 16;
            cJSON **n = realloc(d->cstack, (size_t)cap * sizeof *n);
            if (!n)
                return rs_dec_nomem(d);
            d->cstack = n;
            d->ccap = cap;
        }
        d->cstack[d->cdepth++] = item;
    }
    return 0;
}

/* The event's text NUL-terminated (events are not: they may point into the fed piece), in
 * d->val, which is free outside a nested row value. NULL when out of memory. */
static const char *cap_text(rs_decoder *d, const rs_js_event *ev)
{
    d->val.len = 0;
    if (rs_dec_buf_put(&d->val, ev->text, ev->len) != 0)
        return NULL;
    return d->val.p;
}

static int cap_event(rs_decoder *d, const rs_js_event *ev)
{
    const char *text = NULL;
    int r = 0;

    if (ev->text && !(text = cap_text(d, ev)))
        return rs_dec_nomem(d);
    switch (ev->type) {
    case RS_JS_KEY:
        free(d->pkey);
        d->pkey = strdup(text);
        return d->pkey ? 0 : rs_dec_nomem(d);
    case RS_JS_OBJ_START: r = cap_add(d, cJSON_CreateObject()); break;
    case RS_JS_ARR_START: r = cap_add(d, cJSON_CreateArray()); break;
    case RS_JS_OBJ_END:
    case RS_JS_ARR_END: d->cdepth--; break;
    case RS_JS_STRING: r = cap_add(d, cJSON_CreateString(text)); break;
    case RS_JS_NUMBER: r = cap_add(d, cJSON_CreateNumber(strtod(text, NULL))); break;
    case RS_JS_TRUE: r = cap_add(d, cJSON_CreateTrue()); break;
    case RS_JS_FALSE: r = cap_add(d, cJSON_CreateFalse()); break;
    case RS_JS_NULL: r = cap_add(d, cJSON_CreateNull()); break;
    }
    if (r == 0 && d->cdepth == 0)
        d->st = D_ROOT;
    return r;
}

/* ---- the event dispatcher ------------------------------------------------------------- */

static int dec_ev_is(const rs_js_event *ev, const char *s)
{
    size_t n = strlen(s);

    return ev->len == n && memcmp(ev->text, s, n) == 0;
}

static int dec_root_key(rs_decoder *d, const rs_js_event *ev)
{
    static const char *captured[] = { "column_fields", "pagination", "query_errors",
                                      "results_total_doc_count", "query_id", "collections",
                                      "last_offset", NULL };
    int i;

    if (dec_ev_is(ev, "results")) {
        d->st = D_RESULTS_START;
        return 0;
    }
    for (i = 0; captured[i]; i++) {
        if (dec_ev_is(ev, captured[i])) {
            cJSON_DeleteItemFromObject(d->root, captured[i]); /* a repeated key: last wins */
            free(d->ckey);
            d->ckey = strdup(captured[i]);
            d->cdepth = 0;
            d->st = D_CAPTURE;
            return d->ckey ? 0 : rs_dec_nomem(d);
        }
    }
    d->st = D_SKIP;
    d->skip_ret = D_ROOT;
    d->skip_depth = 0;
    return 0;
}

static int dec_skip(rs_decoder *d, const rs_js_event *ev)
{
    if (ev->type == RS_JS_OBJ_START || ev->type == RS_JS_ARR_START)
        d->skip_depth++;
    else if (ev->type == RS_JS_OBJ_END || ev->type == RS_JS_ARR_END)
        d->skip_depth--;
    if (d->skip_depth == 0 && ev->type != RS_JS_KEY)
        d->st = d->skip_ret;
    return 0;
}

/* A row key the previous row did not have at this position: hashed, remembered. */
__attribute__((noinline)) static int dec_row_key_slow(rs_decoder *d, const rs_js_event *ev,
                                                      size_t pos)
{
    d->cur_key = dec_key(d, ev->text, ev->len);
    if (d->cur_key == RS_DEC_NONE - 1)
        return rs_dec_nomem(d);
    if (pos >= d->npred) {
        size_t cap = pos < 16 ? 16 : pos * 2;
        uint32_t *n = realloc(d->pred, cap * sizeof *n);
        if (!n)
            return rs_dec_nomem(d);
        memset(n + d->npred, 0xff, (cap - d->npred) * sizeof *n);
        d->pred = n;
        d->npred = cap;
    }
    d->pred[pos] = d->cur_key;
    return 0;
}

/* Rows nearly always list their keys in the same order: try the key the previous row had
 * at this position before hashing (keys are short: compared inline, not by a call). */
static inline int dec_row_key(rs_decoder *d, const rs_js_event *ev)
{
    size_t pos = d->kpos++, i;
    uint32_t k;

    if (pos < d->npred && (k = d->pred[pos]) < d->nkeys && d->keylens[k] == ev->len) {
        const char *a = d->keys[k];
        for (i = 0; i < ev->len && a[i] == ev->text[i]; i++)
            ;
        if (i == ev->len) {
            d->cur_key = k;
            return 0;
        }
    }
    return dec_row_key_slow(d, ev, pos);
}

static int dec_row_value(rs_decoder *d, const rs_js_event *ev)
{
    if (ev->type == RS_JS_OBJ_START || ev->type == RS_JS_ARR_START) {
        if (d->cur_key == RS_DEC_NONE) {
            d->st = D_SKIP;
            d->skip_ret = D_ROW;
            d->skip_depth = 1;
            return 0;
        }
        rs_dec_nest_begin(d);
        d->st = D_NESTED;
        return rs_dec_nest_event(d, ev) ? rs_dec_nomem(d) : 0;
    }
    d->st = D_ROW;
    return dec_scalar_cell(d, ev);
}

/* Every event but a row's keys and scalar values (dec_event's fast path). Kept out of line
 * so that the fast path stays a small function: it runs about thirty times per row. */
__attribute__((noinline)) static int dec_event_cold(rs_decoder *d, const rs_js_event *ev)
{
    switch (d->st) {
    case D_ROOT_START:
        if (ev->type != RS_JS_OBJ_START)
            return dec_fail(d, RS_ERR_PROTOCOL, "query answer is not a JSON object");
        d->st = D_ROOT;
        return 0;
    case D_ROOT:
        if (ev->type == RS_JS_OBJ_END) {
            d->st = D_END;
            return 0;
        }
        return dec_root_key(d, ev);
    case D_CAPTURE:
        return cap_event(d, ev);
    case D_SKIP:
        return dec_skip(d, ev);
    case D_RESULTS_START:
        if (ev->type == RS_JS_NULL) {
            d->st = D_ROOT;
            return 0;
        }
        if (ev->type != RS_JS_ARR_START)
            return dec_fail(d, RS_ERR_PROTOCOL, "query answer: results is not an array");
        d->st = D_RESULTS;
        return 0;
    case D_RESULTS:
        if (ev->type == RS_JS_ARR_END) {
            d->st = D_ROOT;
            return 0;
        }
        if (ev->type != RS_JS_OBJ_START)
            return dec_fail(d, RS_ERR_PROTOCOL, "query answer: a result row is not an object");
        d->st = D_ROW;
        d->kpos = 0;
        return dec_row_start(d);
    case D_ROW:
        if (ev->type == RS_JS_OBJ_END) {
            d->st = D_RESULTS;
            return 0;
        }
        d->st = D_ROW_VALUE;
        return dec_row_key(d, ev);
    case D_ROW_VALUE:
        return dec_row_value(d, ev);
    case D_NESTED:
        if (rs_dec_nest_event(d, ev) != 0)
            return rs_dec_nomem(d);
        /* An object or array is kept as JSON text: one value too, bounded like a string. */
        if (d->max_value && d->nest.len > d->max_value)
            return dec_value_too_long(d);
        if (d->ndepth > 0)
            return 0;
        d->st = D_ROW;
        return rs_dec_nest_finish(d);
    default:
        return dec_fail(d, RS_ERR_PROTOCOL, "query answer: unexpected data after the end");
    }
}

static int dec_event(void *ud, const rs_js_event *ev)
{
    rs_decoder *d = ud;

    if (d->st == D_ROW_VALUE && ev->type >= RS_JS_STRING) {
        d->st = D_ROW;
        return dec_scalar_cell(d, ev);
    }
    if (d->st == D_ROW && ev->type == RS_JS_KEY) {
        d->st = D_ROW_VALUE;
        return dec_row_key(d, ev);
    }
    return dec_event_cold(d, ev);
}

/* ---- public API ----------------------------------------------------------------------- */

rs_decoder *rs_decode_new(void)
{
    rs_decoder *d = calloc(1, sizeof *d);

    if (!d)
        return NULL;
    d->js = rs_js_new(dec_event, d, RS_JS_DEFAULT_DEPTH);
    if (!d->js) {
        free(d);
        return NULL;
    }
    rs_decode_begin(d);
    return d;
}

void rs_decode_free(rs_decoder *d)
{
    size_t i;

    if (!d)
        return;
    rs_js_free(d->js);
    for (i = 0; i < d->nkeys; i++)
        free(d->keys[i]);
    free(d->keys);
    free(d->keylens);
    free(d->hash);
    free(d->key2col);
    free(d->ts_cols);
    free(d->pred);
    for (i = 0; i < d->ncols; i++)
        free(d->cols[i].name);
    free(d->cols);
    dec_arena_reset(d, 1);
    free(d->ents);
    free(d->rowstart);
    free(d->matrix);
    cJSON_Delete(d->root);
    free(d->cstack);
    free(d->ckey);
    free(d->pkey);
    free(d->tag.p);
    free(d->val.p);
    free(d);
}

void rs_decode_set_limits(rs_decoder *d, size_t max_value, size_t max_page)
{
    d->max_value = max_value;
    d->max_page = max_page;
    rs_js_set_max_len(d->js, max_value);
}

void rs_decode_begin(rs_decoder *d)
{
    rs_js_reset(d->js);
    d->fed = 0;
    dec_arena_reset(d, 0);
    d->st = D_ROOT_START;
    d->nents = 0;
    d->nrows = 0;
    d->dropped = 0;
    d->dropped_key[0] = '\0';
    memset(&d->page, 0, sizeof d->page);
    cJSON_Delete(d->root);
    d->root = cJSON_CreateObject();
}

int rs_decode_feed(rs_decoder *d, const char *data, size_t n, rs_error *err)
{
    d->err = err;
    if (!d->root)
        return rs_dec_nomem(d);
    d->fed += n;
    if (d->max_page && d->fed > d->max_page) {
        /* Counted after decompression: a small gzip answer that inflates past the bound
         * stops here, before it is held. */
        rs_error_set(err, RS_ERR_LIMIT, "the server's answer (one page of the result) is "
                     "larger than %zu bytes, the limit set by the MaxPageBytes keyword: lower "
                     "PageSize or raise MaxPageBytes", d->max_page);
        return -1;
    }
    if (rs_js_feed(d->js, data, n) == 0)
        return 0;
    if (rs_js_too_long(d->js))
        return dec_value_too_long(d);
    if (!rs_js_stopped_by_consumer(d->js))
        rs_error_set(err, RS_ERR_PROTOCOL, "the server's query answer is not valid JSON (%s)",
                     rs_js_error(d->js));
    return -1;
}
