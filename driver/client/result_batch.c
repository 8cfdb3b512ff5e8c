/* SPDX-License-Identifier: Apache-2.0 */
/* The batch splitter of one-answer results (result_batch.h). It only follows the JSON
 * structure (strings, escapes, nesting) far enough to find the root "results" array and
 * the commas between its rows; the decoder still judges the JSON itself, so an answer this
 * scan misreads is at worst not cut, never decoded differently. */
#include "driver/client/result_batch.h"

#include <stdlib.h>
#include <string.h>

#define RS_RBATCH_OPEN "{\"results\":["
#define RS_RBATCH_CLOSE "]}"

struct rs_rbatch {
    const rs_rbatch_ops *ops;
    void *ud;
    size_t max_rows, max_bytes;
    size_t rows, bytes;   /* since the last cut */
    size_t cuts;
    int depth;
    int in_str, esc;
    int expect_key;       /* the next string at depth 1 is a root key */
    int str_is_key;       /* the string being scanned is a root key */
    int key_results;      /* the last root key was "results" */
    int in_results;       /* depth 2 is the results array */
    size_t klen;
    char kbuf[8];
};

rs_rbatch *rs_rbatch_new(const rs_rbatch_ops *ops, void *ud, size_t rows, size_t bytes)
{
    rs_rbatch *b = calloc(1, sizeof *b);

    if (!b)
        return NULL;
    b->ops = ops;
    b->ud = ud;
    b->max_rows = rows ? rows : RS_RBATCH_ROWS;
    b->max_bytes = bytes ? bytes : RS_RBATCH_BYTES;
    return b;
}

void rs_rbatch_free(rs_rbatch *b)
{
    free(b);
}

size_t rs_rbatch_cuts(const rs_rbatch *b)
{
    return b->cuts;
}

/* Scans the rest of a string from data[i]; returns the index after it (or n). */
static size_t rbatch_string(rs_rbatch *b, const char *data, size_t i, size_t n)
{
    while (i < n) {
        char c = data[i++];
        if (b->esc) {
            b->esc = 0;
            continue;
        }
        if (c == '\\') {
            b->esc = 1;
            b->klen = sizeof b->kbuf + 1; /* an escaped key is never taken for "results" */
        } else if (c == '"') {
            b->in_str = 0;
            if (b->str_is_key)
                b->key_results = b->klen == 7 && memcmp(b->kbuf, "results", 7) == 0;
            return i;
        } else if (b->str_is_key && b->klen < sizeof b->kbuf) {
            b->kbuf[b->klen++] = c;
        } else if (b->str_is_key) {
            b->klen = sizeof b->kbuf + 1;
        }
    }
    return i;
}

/* Closes the answer before data[i] (a comma between rows) and opens the next one. */
static int rbatch_cut(rs_rbatch *b, rs_error *err)
{
    if (b->ops->feed(b->ud, RS_RBATCH_CLOSE, strlen(RS_RBATCH_CLOSE), err) != 0 ||
        b->ops->cut(b->ud, err) != 0 ||
        b->ops->feed(b->ud, RS_RBATCH_OPEN, strlen(RS_RBATCH_OPEN), err) != 0)
        return -1;
    b->cuts++;
    b->rows = 0;
    return 0;
}

/* A structural character outside strings. 1: data[i] is a comma to cut at. */
static int rbatch_struct(rs_rbatch *b, char c)
{
    switch (c) {
    case '"':
        b->in_str = 1;
        b->str_is_key = b->depth == 1 && b->expect_key;
        b->expect_key = 0;
        b->klen = 0;
        if (b->str_is_key)
            b->key_results = 0;
        return 0;
    case '{':
    case '[':
        if (b->depth == 1 && c == '[' && b->key_results)
            b->in_results = 1;
        else if (b->depth == 2 && b->in_results && c == '{')
            b->rows++;
        if (++b->depth == 1)
            b->expect_key = 1;
        return 0;
    case '}':
    case ']':
        if (--b->depth == 1)
            b->in_results = 0;
        return 0;
    case ',':
        if (b->depth == 1)
            b->expect_key = 1;
        return b->depth == 2 && b->in_results &&
               (b->rows >= b->max_rows || b->bytes >= b->max_bytes);
    default:
        return 0;
    }
}

int rs_rbatch_sink(void *ud, const char *data, size_t n, rs_error *err)
{
    rs_rbatch *b = ud;
    size_t i = 0, start = 0;

    b->bytes += n;
    while (i < n) {
        if (b->in_str) {
            i = rbatch_string(b, data, i, n);
            continue;
        }
        if (!rbatch_struct(b, data[i++]))
            continue;
        /* data[i - 1] is the comma after a row: it is replaced by the cut */
        if ((i - 1 > start && b->ops->feed(b->ud, data + start, i - 1 - start, err) != 0) ||
            rbatch_cut(b, err) != 0)
            return -1;
        start = i;
        b->bytes = n - i;
    }
    if (n > start)
        return b->ops->feed(b->ud, data + start, n - start, err);
    return 0;
}
