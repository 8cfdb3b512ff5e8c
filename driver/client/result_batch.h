/* SPDX-License-Identifier: Apache-2.0 */
/* Cuts one query answer that holds every row (PageSize 0) into bounded batches while it
 * streams in, without touching the decoder's internals: the bytes are scanned for the
 * boundaries between the rows of the root "results" array, and at a boundary chosen by row
 * count or bytes the answer fed so far is closed ("]}") into a complete answer of its own;
 * the rest goes on as a new answer opened with {"results":[. The decoder thus sees a chain
 * of complete answers: the first fixes the columns (from column_fields when they came before
 * the rows, else from its rows' keys), the later ones are mapped onto them by key name, and
 * a key they lack is counted as dropped, as with pages. Root members after the rows
 * (column_fields, query_errors, counts) land in the last answer of the chain. */
#ifndef RS_RESULT_BATCH_H
#define RS_RESULT_BATCH_H

#include <stddef.h>
#include "driver/client/rs_error.h"

/* Rows per batch, and the bytes after which a batch ends at the next row boundary. */
#define RS_RBATCH_ROWS 10000
#define RS_RBATCH_BYTES (8u * 1024u * 1024u)

typedef struct rs_rbatch rs_rbatch;

/* feed: hands bytes of the current answer on (the decoder's feed). cut: the current answer
 * was closed ("]}" fed already): finish it and hand its rows out, then begin the next one;
 * the opening {"results":[ is fed by the splitter after cut returns 0. Both return 0, or -1
 * with err set, which stops the transfer. */
typedef struct rs_rbatch_ops {
    int (*feed)(void *ud, const char *data, size_t n, rs_error *err);
    int (*cut)(void *ud, rs_error *err);
} rs_rbatch_ops;

/* rows / bytes: the batch bounds (0: RS_RBATCH_ROWS / RS_RBATCH_BYTES). NULL out of memory. */
rs_rbatch *rs_rbatch_new(const rs_rbatch_ops *ops, void *ud, size_t rows, size_t bytes);
void rs_rbatch_free(rs_rbatch *b);
/* An rs_http_sink: scans, feeds, and cuts. */
int rs_rbatch_sink(void *ud, const char *data, size_t n, rs_error *err);
/* How many cuts were made so far (0: the decoder has seen the answer as it came). */
size_t rs_rbatch_cuts(const rs_rbatch *b);

#endif
