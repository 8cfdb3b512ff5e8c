/* SPDX-License-Identifier: Apache-2.0 */
/* The second half of the result decoder: when an answer's body is complete, fix the columns
 * (first answer only), lay the collected entries out row-major and infer column kinds. */
#include "driver/client/result_decode_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int page_fail(rs_error *err, rs_err_kind kind, const char *msg)
{
    rs_error_set(err, kind, "%s", msg);
    return -1;
}

static rs_vkind page_kind_from_type(const char *t)
{
    static const struct { const char *name; rs_vkind kind; } map[] = {
        { "int", RS_V_INT }, { "float", RS_V_FLOAT }, { "bool", RS_V_BOOL },
        { "string", RS_V_STRING }, { "bytes", RS_V_BYTES }, { "date", RS_V_DATE },
        { "time", RS_V_TIME }, { "datetime", RS_V_DATETIME }, { "timestamp", RS_V_TIMESTAMP },
        { "object", RS_V_OBJECT }, { "array", RS_V_ARRAY }, { "null", RS_V_NULL },
        { "undefined", RS_V_NULL },
    };
    size_t i;

    if (!*t)
        return RS_V_NULL;
    for (i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcasecmp(t, map[i].name) == 0)
            return map[i].kind;
    return RS_V_OTHER;
}

static int page_add_col(rs_decoder *d, const char *name, const char *type)
{
    rs_column *c = &d->cols[d->ncols];

    memset(c, 0, sizeof *c);
    c->name = strdup(name);
    if (!c->name)
        return -1;
    snprintf(c->rockset_type, sizeof c->rockset_type, "%s", type ? type : "");
    c->kind = RS_V_NULL;
    c->nullable = 1;
    d->ncols++;
    return 0;
}

/* column_fields decides the columns only when every entry names one. Returns 1 used, 0 not,
 * -1 out of memory. */
static int page_cols_from_fields(rs_decoder *d)
{
    cJSON *cf = cJSON_GetObjectItem(d->root, "column_fields"), *it;
    int n = cJSON_GetArraySize(cf);

    if (!cJSON_IsArray(cf) || n == 0)
        return 0;
    cJSON_ArrayForEach(it, cf) {
        cJSON *name = cJSON_GetObjectItem(it, "name");
        if (!cJSON_IsString(name) || !name->valuestring[0])
            return 0;
    }
    d->cols = calloc((size_t)n, sizeof *d->cols);
    if (!d->cols)
        return -1;
    cJSON_ArrayForEach(it, cf) {
        cJSON *type = cJSON_GetObjectItem(it, "type");
        if (page_add_col(d, cJSON_GetObjectItem(it, "name")->valuestring,
                         cJSON_IsString(type) ? type->valuestring : "") != 0)
            return -1;
    }
    return 1;
}

/* The first name column_fields lists twice, or NULL. A row is a JSON object, so an answer
 * cannot carry two values under one name: reading such a result would give the second
 * column the first one's value, or NULL, with no error. */
static const char *page_dup_field(const rs_decoder *d)
{
    cJSON *cf = cJSON_GetObjectItem(d->root, "column_fields"), *a, *b;

    cJSON_ArrayForEach(a, cf) {
        cJSON *na = cJSON_GetObjectItem(a, "name");
        if (!cJSON_IsString(na))
            continue;
        for (b = a->next; b; b = b->next) {
            cJSON *nb = cJSON_GetObjectItem(b, "name");
            if (cJSON_IsString(nb) && strcmp(na->valuestring, nb->valuestring) == 0)
                return na->valuestring;
        }
    }
    return NULL;
}

static int page_fix_columns(rs_decoder *d)
{
    uint32_t k;
    size_t c, slot;
    int r = page_cols_from_fields(d);

    if (r < 0)
        return -1;
    d->key2col = malloc((d->capkeys ? d->capkeys : 1) * sizeof *d->key2col);
    if (!d->key2col)
        return -1;
    if (r == 0) {
        d->cols = calloc(d->nkeys ? d->nkeys : 1, sizeof *d->cols);
        if (!d->cols)
            return -1;
        for (k = 0; k < d->nkeys; k++) {
            if (page_add_col(d, d->keys[k], "") != 0)
                return -1;
            d->key2col[k] = k;
        }
    } else {
        for (k = 0; k < d->nkeys; k++)
            d->key2col[k] = RS_DEC_NONE;
        for (c = 0; c < d->ncols; c++) {
            k = rs_dec_key_find(d, d->cols[c].name, strlen(d->cols[c].name), &slot);
            if (k != RS_DEC_NONE && d->key2col[k] == RS_DEC_NONE)
                d->key2col[k] = (uint32_t)c;
        }
    }
    d->fixed = 1;
    return 0;
}

/* Dominant kind of each column's non-null values; int with float is float, not mixed. */
static int page_infer_kinds(rs_decoder *d)
{
    enum { NK = RS_V_OTHER + 1 };
    size_t (*counts)[NK] = calloc(d->ncols ? d->ncols : 1, sizeof *counts);
    size_t r, c;
    int k;

    if (!counts)
        return -1;
    for (r = 0; r < d->nrows; r++)
        for (c = 0; c < d->ncols; c++)
            counts[c][d->matrix[r * d->ncols + c].kind]++;
    for (c = 0; c < d->ncols; c++) {
        size_t *n = counts[c];
        int distinct = 0, best = -1;
        if (n[RS_V_INT] && n[RS_V_FLOAT]) {
            n[RS_V_FLOAT] += n[RS_V_INT];
            n[RS_V_INT] = 0;
        }
        for (k = RS_V_BOOL; k < NK; k++) {
            if (!n[k])
                continue;
            distinct++;
            if (best < 0 || n[k] > n[best])
                best = k;
        }
        d->cols[c].kind = best >= 0 ? (rs_vkind)best : page_kind_from_type(d->cols[c].rockset_type);
        d->cols[c].mixed = distinct > 1;
    }
    free(counts);
    return 0;
}

static int page_digits(const char *s, size_t n, int lo, int hi)
{
    int v = 0;

    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    return v >= lo && v <= hi;
}

int rs_dec_is_iso_timestamp(const char *s, size_t n)
{
    size_t f;

    /* 2023-08-23T19:03:04 is 19 characters; then an optional fraction, then Z */
    if (n < 20 || s[n - 1] != 'Z' || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
        s[13] != ':' || s[16] != ':')
        return 0;
    if (!page_digits(s, 4, 0, 9999) || !page_digits(s + 5, 2, 1, 12) ||
        !page_digits(s + 8, 2, 1, 31) || !page_digits(s + 11, 2, 0, 23) ||
        !page_digits(s + 14, 2, 0, 59) || !page_digits(s + 17, 2, 0, 60))
        return 0;
    if (n == 20)
        return 1;
    f = n - 21; /* digits between '.' and 'Z' */
    return s[19] == '.' && f >= 1 && f <= 9 && page_digits(s + 20, f, 0, 999999999);
}

/* Which columns' strings are timestamps, decided once from the first answer. The live
 * service types nothing ("" or no column_fields), so a column whose non-null values are all
 * ISO timestamp strings is taken for a timestamp column, as the values say. */
static int page_ts_columns(rs_decoder *d)
{
    size_t i, c;
    unsigned char *seen;

    d->ts_cols = calloc(d->ncols ? d->ncols : 1, 1);
    seen = calloc(d->ncols ? d->ncols : 1, 1);
    if (!d->ts_cols || !seen) {
        free(seen);
        return -1;
    }
    for (c = 0; c < d->ncols; c++) {
        if (strcasecmp(d->cols[c].rockset_type, "timestamp") == 0)
            d->ts_cols[c] = RS_DEC_TS_TYPED;
        else if (!d->cols[c].rockset_type[0])
            d->ts_cols[c] = RS_DEC_TS_INFERRED; /* until a value says otherwise */
    }
    for (i = 0; i < d->nents; i++) {
        const rs_cell *cell = &d->ents[i].cell;
        c = d->key2col[d->ents[i].key];
        if (c == RS_DEC_NONE || d->ts_cols[c] != RS_DEC_TS_INFERRED ||
            cell->kind == RS_V_ABSENT || cell->kind == RS_V_NULL)
            continue;
        if (cell->kind == RS_V_STRING && rs_dec_is_iso_timestamp(cell->text, cell->len))
            seen[c] = 1;
        else
            d->ts_cols[c] = RS_DEC_TS_NO;
    }
    for (c = 0; c < d->ncols; c++)
        if (d->ts_cols[c] == RS_DEC_TS_INFERRED && !seen[c])
            d->ts_cols[c] = RS_DEC_TS_NO; /* no values: nothing to go by */
    free(seen);
    return 0;
}

/* A string cell of a timestamp column becomes a timestamp; in an inferred column only when
 * it has the form, so that a later odd value stays text (and 22018 for a timestamp target). */
static rs_vkind page_cell_kind(const rs_decoder *d, size_t c, const rs_cell *cell)
{
    if (cell->kind != RS_V_STRING || d->ts_cols[c] == RS_DEC_TS_NO)
        return cell->kind;
    if (d->ts_cols[c] == RS_DEC_TS_TYPED || rs_dec_is_iso_timestamp(cell->text, cell->len))
        return RS_V_TIMESTAMP;
    return RS_V_STRING;
}

/* Lays row r's entries out into its cells. seen[c] == r marks the columns written: a row
 * nearly always has them all, so only the rare row with a gap clears cells, instead of the
 * whole matrix being cleared first (one write per cell, not two). */
static void page_layout_row(rs_decoder *d, size_t r, size_t *seen)
{
    /* no columns: no matrix either (NULL + 0 is undefined), and every entry is dropped */
    rs_cell *row = d->ncols ? d->matrix + r * d->ncols : NULL;
    size_t i, c, filled = 0;

    for (i = d->rowstart[r]; i < d->rowstart[r + 1]; i++) {
        rs_cell cell = d->ents[i].cell;
        c = d->key2col[d->ents[i].key];
        if (c == RS_DEC_NONE) {
            if (cell.kind != RS_V_ABSENT && d->dropped++ == 0)
                snprintf(d->dropped_key, sizeof d->dropped_key, "%s", d->keys[d->ents[i].key]);
            continue;
        }
        cell.kind = page_cell_kind(d, c, &cell);
        row[c] = cell;
        if (seen[c] != r) {
            seen[c] = r;
            filled++;
        }
    }
    if (filled == d->ncols)
        return;
    for (c = 0; c < d->ncols; c++)
        if (seen[c] != r)
            memset(&row[c], 0, sizeof row[c]); /* RS_V_ABSENT, NULL text */
}

static int page_layout(rs_decoder *d)
{
    size_t need = d->nrows * d->ncols, r, c;
    size_t *seen;

    if (!d->ts_cols && page_ts_columns(d) != 0)
        return -1;
    if (need > d->capmatrix) {
        rs_cell *m = realloc(d->matrix, need * sizeof *m);
        if (!m)
            return -1;
        d->matrix = m;
        d->capmatrix = need;
    }
    seen = malloc((d->ncols ? d->ncols : 1) * sizeof *seen);
    if (!seen)
        return -1;
    for (c = 0; c < d->ncols; c++)
        seen[c] = SIZE_MAX;
    for (r = 0; r < d->nrows; r++)
        page_layout_row(d, r, seen);
    free(seen);
    d->page.nrows = d->nrows;
    d->page.ncols = d->ncols;
    d->page.cells = d->matrix;
    return 0;
}

int rs_decode_finish(rs_decoder *d, rs_error *err)
{
    int first = !d->fixed;
    const char *dup;

    if (rs_js_finish(d->js) != 0) {
        rs_error_set(err, RS_ERR_PROTOCOL,
                     "the server's query answer is incomplete or not valid JSON (%s)",
                     rs_js_error(d->js));
        return -1;
    }
    if (d->st != D_END)
        return page_fail(err, RS_ERR_PROTOCOL, "the server's query answer is incomplete");
    if (first && (dup = page_dup_field(d)) != NULL) {
        rs_error_set(err, RS_ERR_PROTOCOL,
                     "the result has more than one column named \"%s\" and a Rockset answer "
                     "holds one value per name; give each column a distinct alias (AS)", dup);
        return -1;
    }
    if (first && page_fix_columns(d) != 0)
        return page_fail(err, RS_ERR_NOMEM, "out of memory while decoding a query answer");
    if (first && d->ncols > RS_ROWSOURCE_MAX_COLS) {
        rs_error_set(err, RS_ERR_LIMIT, "the result has %zu columns; ODBC numbers result "
                     "columns with a SQLSMALLINT, so at most %d can be returned: select fewer "
                     "fields", d->ncols, RS_ROWSOURCE_MAX_COLS);
        return -1;
    }
    if (page_layout(d) != 0 || (first && page_infer_kinds(d) != 0))
        return page_fail(err, RS_ERR_NOMEM, "out of memory while decoding a query answer");
    return 0;
}

uint32_t rs_dec_col_named(const rs_decoder *d, const char *s, size_t n)
{
    for (size_t c = 0; c < d->ncols; c++)
        if (strlen(d->cols[c].name) == n && memcmp(d->cols[c].name, s, n) == 0)
            return (uint32_t)c;
    return RS_DEC_NONE;
}

int rs_decode_add_column(rs_decoder *d, const char *name, const char *rockset_type)
{
    size_t n = strlen(name);
    rs_column *cols;
    unsigned char *ts;
    uint32_t k, c;
    size_t slot;

    if (!d->fixed || rs_dec_col_named(d, name, n) != RS_DEC_NONE)
        return 0;
    if (d->ncols >= RS_ROWSOURCE_MAX_COLS)
        return 0; /* its values stay dropped, and are reported as such */
    cols = realloc(d->cols, (d->ncols + 1) * sizeof *cols);
    if (!cols)
        return -1;
    d->cols = cols;
    ts = realloc(d->ts_cols, d->ncols + 1);
    if (!ts)
        return -1;
    d->ts_cols = ts;
    c = (uint32_t)d->ncols;
    if (page_add_col(d, name, rockset_type) != 0)
        return -1;
    d->cols[c].kind = page_kind_from_type(d->cols[c].rockset_type);
    ts[c] = strcasecmp(d->cols[c].rockset_type, "timestamp") == 0 ? RS_DEC_TS_TYPED : RS_DEC_TS_NO;
    k = rs_dec_key_find(d, name, n, &slot);
    if (k != RS_DEC_NONE && d->key2col[k] == RS_DEC_NONE)
        d->key2col[k] = c;
    /* the page in hand gets the new column too */
    d->dropped = 0;
    d->dropped_key[0] = '\0';
    return page_layout(d);
}

/* order[i]: the old index of the column that goes to position i. */
static int page_column_order(const rs_decoder *d, const char *const *names, size_t n,
                             uint32_t *order)
{
    unsigned char *taken = calloc(d->ncols ? d->ncols : 1, 1);
    size_t k = 0;

    if (!taken)
        return -1;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = rs_dec_col_named(d, names[i], strlen(names[i]));
        if (c != RS_DEC_NONE && !taken[c]) {
            taken[c] = 1;
            order[k++] = c;
        }
    }
    for (uint32_t c = 0; c < d->ncols; c++)
        if (!taken[c])
            order[k++] = c;
    free(taken);
    return 0;
}

int rs_decode_order_columns(rs_decoder *d, const char *const *names, size_t n)
{
    uint32_t *order, *newpos;
    rs_column *cols;
    unsigned char *ts;
    size_t nc = d->ncols ? d->ncols : 1;

    if (!d->fixed || d->ncols < 2)
        return 0;
    order = malloc(nc * sizeof *order);
    newpos = malloc(nc * sizeof *newpos);
    cols = malloc(nc * sizeof *cols);
    ts = malloc(nc);
    if (!order || !newpos || !cols || !ts || page_column_order(d, names, n, order) != 0) {
        free(order), free(newpos), free(cols), free(ts);
        return -1;
    }
    for (size_t i = 0; i < d->ncols; i++) {
        cols[i] = d->cols[order[i]];
        ts[i] = d->ts_cols ? d->ts_cols[order[i]] : RS_DEC_TS_NO;
        newpos[order[i]] = (uint32_t)i;
    }
    for (uint32_t k = 0; k < d->nkeys; k++)
        if (d->key2col[k] != RS_DEC_NONE)
            d->key2col[k] = newpos[d->key2col[k]];
    free(d->cols);
    d->cols = cols;
    if (d->ts_cols) {
        free(d->ts_cols);
        d->ts_cols = ts;
    } else {
        free(ts);
    }
    free(order);
    free(newpos);
    d->dropped = 0; /* the page in hand is laid out again, and counts its drops again */
    d->dropped_key[0] = '\0';
    return page_layout(d);
}

size_t rs_decode_dropped(const rs_decoder *d, const char **first_key)
{
    if (first_key)
        *first_key = d->dropped_key;
    return d->dropped;
}

char **rs_decode_collections(const rs_decoder *d, size_t *n)
{
    cJSON *a = cJSON_GetObjectItem(d->root, "collections"), *it;
    char **out;
    size_t k = 0;

    *n = 0;
    if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) == 0)
        return NULL;
    out = calloc((size_t)cJSON_GetArraySize(a), sizeof *out);
    if (!out)
        return NULL;
    cJSON_ArrayForEach(it, a)
        if (cJSON_IsString(it) && (out[k] = strdup(it->valuestring)) != NULL)
            k++;
    *n = k;
    return out;
}

const rs_page *rs_decode_page(const rs_decoder *d)
{
    return &d->page;
}

rs_column *rs_decode_columns(const rs_decoder *d, size_t *ncols)
{
    *ncols = d->ncols;
    return d->cols;
}

int rs_decode_paginated(const rs_decoder *d)
{
    return cJSON_IsObject(cJSON_GetObjectItem(d->root, "pagination"));
}

const char *rs_decode_next_cursor(const rs_decoder *d)
{
    cJSON *p = cJSON_GetObjectItem(d->root, "pagination");
    cJSON *c = cJSON_GetObjectItem(p, "next_cursor");

    return cJSON_IsString(c) && c->valuestring[0] ? c->valuestring : NULL;
}

const char *rs_decode_start_cursor(const rs_decoder *d)
{
    cJSON *p = cJSON_GetObjectItem(d->root, "pagination");
    cJSON *c = cJSON_GetObjectItem(p, "start_cursor");

    return cJSON_IsString(c) && c->valuestring[0] ? c->valuestring : NULL;
}

struct rs_page_hold {
    rs_page page;
    rs_dec_chunk *arena; /* the texts of page's cells */
    rs_cell *cells;
    size_t bytes;
};

rs_page_hold *rs_decode_take_page(rs_decoder *d)
{
    rs_page_hold *h = calloc(1, sizeof *h);
    rs_dec_chunk *c;

    if (!h)
        return NULL;
    h->arena = d->arena;
    h->cells = d->matrix;
    h->page = d->page;
    h->page.cells = h->cells;
    h->bytes = sizeof *h + d->capmatrix * sizeof *d->matrix;
    for (c = h->arena; c; c = c->next)
        h->bytes += sizeof *c + c->size;
    d->arena = NULL;
    d->matrix = NULL;
    d->capmatrix = 0;
    memset(&d->page, 0, sizeof d->page);
    return h;
}

const rs_page *rs_page_hold_page(const rs_page_hold *h)
{
    return &h->page;
}

size_t rs_page_hold_bytes(const rs_page_hold *h)
{
    return h->bytes;
}

void rs_page_hold_free(rs_page_hold *h)
{
    rs_dec_chunk *c, *n;

    if (!h)
        return;
    for (c = h->arena; c; c = n) {
        n = c->next;
        free(c);
    }
    free(h->cells);
    free(h);
}

long long rs_decode_total(const rs_decoder *d)
{
    cJSON *t = cJSON_GetObjectItem(d->root, "results_total_doc_count");

    /* a count out of range (1e400 is inf, and converting that is undefined) is no count */
    if (!cJSON_IsNumber(t) || !(t->valuedouble >= 0 && t->valuedouble < 9.2e18))
        return -1;
    return (long long)t->valuedouble;
}

const char *rs_decode_query_id(const rs_decoder *d)
{
    cJSON *q = cJSON_GetObjectItem(d->root, "query_id");

    return cJSON_IsString(q) ? q->valuestring : "";
}

const char *rs_decode_last_offset(const rs_decoder *d)
{
    cJSON *o = cJSON_GetObjectItem(d->root, "last_offset");

    return cJSON_IsString(o) ? o->valuestring : "";
}

int rs_decode_query_errors(const rs_decoder *d, rs_error *err)
{
    cJSON *qe = cJSON_GetObjectItem(d->root, "query_errors");
    cJSON *first = cJSON_GetArrayItem(qe, 0), *type, *msg, *code;

    if (!cJSON_IsArray(qe) || !first)
        return 0;
    type = cJSON_GetObjectItem(first, "type");
    msg = cJSON_GetObjectItem(first, "message");
    code = cJSON_GetObjectItem(first, "status_code");
    rs_error_set(err, RS_ERR_HTTP, "%s",
                 cJSON_IsString(msg) ? msg->valuestring : "the query failed (query_errors)");
    if (cJSON_IsString(type))
        snprintf(err->type, sizeof err->type, "%s", type->valuestring);
    if (cJSON_IsNumber(code))
        err->http_status = code->valueint;
    snprintf(err->query_id, sizeof err->query_id, "%s", rs_decode_query_id(d));
    return -1;
}

static int b64_val(unsigned char ch)
{
    if (ch >= 'A' && ch <= 'Z') return ch - 'A';
    if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
    if (ch >= '0' && ch <= '9') return ch - '0' + 52;
    if (ch == '+' || ch == '-') return 62;
    if (ch == '/' || ch == '_') return 63;
    return -1;
}

long rs_decode_base64(const char *in, size_t n, unsigned char *out)
{
    unsigned acc = 0;
    int bits = 0, pad = 0;
    long len = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)in[i];
        int v;
        if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t')
            continue;
        if (ch == '=') {
            pad++;
            continue;
        }
        v = b64_val(ch);
        if (v < 0 || pad)
            return -1;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[len++] = (unsigned char)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    /* 6 leftover bits can never be valid; 2 or 4 must be zero padding bits. */
    if (bits >= 6 || acc != 0 || pad > 2)
        return -1;
    return len;
}
