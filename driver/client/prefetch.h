/* SPDX-License-Identifier: Apache-2.0 */
/* The producer thread of a query row source: it requests the next page while the statement
 * converts the current one, at most one page ahead, on a transport of its own (the
 * connection's stays free for other statements), and streams a one-answer result (PageSize
 * 0) in bounded batches (result_batch.h). The consumer side (query_source.c) holds one page,
 * the hand-off at most one more, and the producer blocks until that one is taken: memory is
 * about two pages whatever the result size. The decoder belongs to the consumer until it
 * hands it over (after learning the columns and taking the first page out), then to the
 * producer until it is joined. */
#ifndef RS_PREFETCH_H
#define RS_PREFETCH_H

#include "driver/client/query_source_int.h"

/* PageSize 0: starts the producer on the POST and waits until the first batch (or the whole
 * answer, or its failure) is in the decoder. 0 with q->pf set when more batches or pages
 * follow, 0 with q->pf NULL when the answer was whole (the source is then a plain one), or
 * -1 with err set. */
int rs_pf_open_stream(rs_qsource *q, const char *path, const char *body, rs_error *err);
/* Starts the producer on the pages that follow q->cursor; from now on the decoder and
 * q->cursor are the producer's. 0 with q->pf set, -1 with err set. */
int rs_pf_start_pages(rs_qsource *q, rs_error *err);
/* Streaming: hands the decoder over once its first page was taken out. */
void rs_pf_release_decoder(rs_prefetch *pf);
/* The next page, moved out to the caller: 1 with *out (and what it dropped), 0 at the end,
 * -1 with err set (the producer's error, again on every later call). */
int rs_pf_next(rs_prefetch *pf, rs_page_hold **out, size_t *dropped, char *key, size_t keysz,
               rs_error *err);
/* Stops the producer (cancelling its request in flight), joins it, frees everything. */
void rs_pf_stop(rs_prefetch *pf);

#endif
