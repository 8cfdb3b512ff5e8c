/* SPDX-License-Identifier: Apache-2.0 */
/* The HTTP transport of the API client: one libcurl easy handle (one keep-alive connection),
 * the ApiKey header, TLS options, bounded retries with backoff, cancellation and the mapping
 * of transport failures and error answers onto rs_error.
 *
 * Which requests are repeated (RFC 9110 9.2.2: a client SHOULD NOT automatically retry a
 * non-idempotent request unless it can tell the request was never applied):
 *  - GET, HEAD, PUT, DELETE (idempotent): after a connect failure, a transfer failure that
 *    received nothing, or a 429/502/503/504 answer; at most max_retries times.
 *  - POST (a query may change data and runs on the server): only when the server provably
 *    did not act on it: the connection could not be made, or a 429 (rate limit: refused
 *    before it ran). Never after a 502/503/504 (a gateway may have passed it on) nor after a
 *    connection that broke once the request was out. libcurl's own silent re-send on a
 *    reused connection that turns out closed is allowed only while no body byte was sent.
 * Every request is bounded: timeout_ms when set, and the stall limit (no byte received for
 * that long) always, unless the client was configured without one. */
#ifndef RS_HTTP_H
#define RS_HTTP_H

#include <stddef.h>
#include "driver/client/rs_client.h"
#include "driver/client/rs_error.h"

typedef struct rs_http rs_http;

/* Receives the body of a 2xx answer as it arrives. 0 continue; -1 stop (err already set). */
typedef int (*rs_http_sink)(void *ud, const char *data, size_t n, rs_error *err);

typedef struct rs_http_req {
    const char *method;      /* "GET", "POST", "PUT", "PATCH", "DELETE"                */
    const char *path;        /* path and query string, appended to the base URL        */
    const char *body;        /* NULL = no body (and no Content-Type)                    */
    size_t body_len;
    long timeout_ms;         /* whole request; 0 = none                                 */
    rs_http_sink sink;
    void *sink_ud;
    int no_retry;            /* 1: one attempt only (best-effort calls)                 */
    long stall_ms;           /* > 0: this request's stall limit instead of the client's  */
} rs_http_req;

/* base_url: scheme://host[:port][/prefix] without a trailing slash. */
rs_http *rs_http_new(const rs_client_config *cfg, const char *base_url, rs_error *err);
void rs_http_free(rs_http *h);
void rs_http_cancel(rs_http *h);
/* The Server header of the last answer ("" when it had none), e.g. "rockset-local/0.1.0". */
const char *rs_http_server(const rs_http *h);
void rs_http_reset_cancel(rs_http *h);
int rs_http_cancelled(rs_http *h);

/* 0 when a 2xx answer was fully delivered to the sink (*status receives it); -1 with err set
 * otherwise (RS_ERR_HTTP with the parsed ErrorModel for error answers). */
int rs_http_perform(rs_http *h, const rs_http_req *req, long *status, rs_error *err);

/* A Retry-After value (delta-seconds or an HTTP date, compared with now, seconds since the
 * epoch) as the wait in ms, capped at a minute; -1 when it is neither. */
long rs_http_retry_after_ms(const char *value, long long now);

/* 1 when a request with this method may be repeated (RFC 9110 9.2.2 idempotent methods). */
int rs_http_idempotent(const char *method);

/* Fills err from an error answer's body (ErrorModel JSON or anything else). */
void rs_http_error_from_body(rs_error *err, long status, const char *body, size_t len);

#endif
