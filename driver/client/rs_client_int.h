/* SPDX-License-Identifier: Apache-2.0 */
/* Private to the client (rs_client.c, query_source.c): the transport a query row source
 * keeps using for its pages, and the reference count that keeps it alive that long. */
#ifndef RS_CLIENT_INT_H
#define RS_CLIENT_INT_H

#include "driver/client/http.h"
#include "driver/client/rs_client.h"

rs_http *rs_client_http(rs_client *c);
void rs_client_ref(rs_client *c);
void rs_client_unref(rs_client *c);
/* The answer bounds from the configuration (defaults applied). */
void rs_client_limits(const rs_client *c, size_t *max_value, size_t *max_page);

/* A transport of its own for a query's producer thread (prefetch.c), configured as the
 * client's transport: the idle one an earlier query handed back (with its keep-alive
 * connection) or a new one. rs_client_cancel reaches it until it is released. NULL with err
 * set. Any thread. */
rs_http *rs_client_http_acquire(rs_client *c, rs_error *err);
/* Gives it back: kept idle for the next query when none is, else freed. */
void rs_client_http_release(rs_client *c, rs_http *h);

/* rs_client_call with a body already in text (len bytes). */
int rs_client_call_text(rs_client *c, const char *method, const char *path_and_query,
                        const char *text, size_t len, cJSON **out, rs_error *err);

/* Sends the query body to path (POST) and returns a row source whose first page is already
 * decoded (so its columns are known). timeout_ms bounds each HTTP request; 0 = none.
 * post_stall_ms > 0: the POST's own stall limit (a query may be silent while it runs);
 * pages use the client's. batched (with page_size 0): read the one answer in bounded batches
 * on a thread of its own (prefetch.h); 0 reads it whole, on the client's transport (a small
 * metadata answer needs no thread). */
int rs_query_source_open(rs_client *c, const char *path, const char *body, long page_size,
                         int batched, long timeout_ms, long post_stall_ms, rs_rowsource **out,
                         rs_error *err);

#endif
