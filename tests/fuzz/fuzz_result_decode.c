/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the driver's query-answer decoder (driver/client/result_decode.c), which
 * reads whatever bytes a server sends. The input is one or more answers separated by NUL
 * bytes (a QueryResponse, then pages mapped onto its columns), each fed in chunks whose size
 * the first byte picks, so that every split point of the streaming tokenizer is tried; after
 * each answer every cell, column and accessor is read, as the statement would. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "driver/client/result_decode.h"

/* Reads every byte the decoder hands out: ASan flags a cell pointing outside its arena. */
static size_t touch(const char *s, size_t n)
{
    size_t h = 0;
    for (size_t i = 0; i < n; i++)
        h = h * 31 + (unsigned char)s[i];
    return h;
}

static void read_answer(rs_decoder *d)
{
    const rs_page *p = rs_decode_page(d);
    size_t ncols, h = 0;
    rs_column *cols = rs_decode_columns(d, &ncols);
    rs_error err;
    for (size_t c = 0; c < ncols; c++)
        h += strlen(cols[c].name) + strlen(cols[c].rockset_type) + (size_t)cols[c].kind;
    if (p) {
        if (p->ncols > ncols)
            abort(); /* a page wider than the columns the statement was told about */
        for (size_t i = 0; i < p->nrows * p->ncols; i++) {
            const rs_cell *cell = &p->cells[i];
            if (cell->text) {
                h += touch(cell->text, cell->len);
                if (cell->text[cell->len] != '\0')
                    abort(); /* the header promises a NUL after every text */
            }
        }
    }
    const char *key = NULL, *cur = rs_decode_next_cursor(d);
    h += rs_decode_dropped(d, &key) + (key ? strlen(key) : 0) + (cur ? strlen(cur) : 0);
    h += strlen(rs_decode_query_id(d)) + (size_t)rs_decode_total(d) + (size_t)rs_decode_paginated(d);
    rs_error_clear(&err);
    rs_decode_query_errors(d, &err);
    size_t ncoll;
    char **coll = rs_decode_collections(d, &ncoll);
    for (size_t i = 0; i < ncoll; i++) {
        h += strlen(coll[i]);
        free(coll[i]);
    }
    free(coll);
    /* a column learnt later from the schema, as a `SELECT *` does */
    rs_decode_add_column(d, "fuzz_added", "string");
    (void)h;
}

static void decode_all(const uint8_t *data, size_t size, size_t chunk, size_t max_value)
{
    rs_decoder *d = rs_decode_new();
    if (!d)
        return;
    rs_decode_set_limits(d, max_value, 1 << 20);
    const uint8_t *end = data + size;
    while (data <= end) {
        const uint8_t *nul = memchr(data, 0, (size_t)(end - data));
        const uint8_t *stop = nul ? nul : end;
        rs_error err;
        rs_error_clear(&err);
        rs_decode_begin(d);
        int rc = 0;
        for (const uint8_t *p = data; rc == 0 && p < stop; p += chunk) {
            size_t n = (size_t)(stop - p) < chunk ? (size_t)(stop - p) : chunk;
            rc = rs_decode_feed(d, (const char *)p, n, &err);
        }
        if (rc == 0 && rs_decode_finish(d, &err) == 0)
            read_answer(d);
        if (!nul)
            break;
        data = nul + 1;
    }
    rs_decode_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 65536)
        return 0;
    /* first byte: chunk size (1..64, or the whole answer) and whether values are bounded */
    size_t chunk = (data[0] & 0x3f) ? (size_t)(data[0] & 0x3f) : size;
    size_t max_value = (data[0] & 0x40) ? 64 : 0;
    decode_all(data + 1, size - 1, chunk, max_value);
    /* the base64 decoder of BYTES values, on the same bytes */
    unsigned char *out = malloc(3 * (size / 4) + 3);
    if (out) {
        rs_decode_base64((const char *)data, size, out);
        free(out);
    }
    return 0;
}
