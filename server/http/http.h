/* SPDX-License-Identifier: Apache-2.0 */
/* The HTTP layer of rockset-local: libmicrohttpd with a thread pool, request bodies
 * accumulated up to SRV_HTTP_BODY_LIMIT, authentication, routing, JSON or streamed answers. */
#ifndef SRV_HTTP_H
#define SRV_HTTP_H

#include "server/srv.h"

/* Largest request body accepted (413 CONTENTTOOLARGE above it). */
#define SRV_HTTP_BODY_LIMIT (64u * 1024u * 1024u)

/* 1 when a JSON body holds a NUL: a raw 0 byte or a \u0000 escape (outside an escaped
 * backslash). cJSON would cut the string there. */
int srv_http_body_has_nul(const char *b, size_t n);

/* Starts the daemon on cfg->bind:cfg->port (0 = any free port); *port_out gets the real
 * port. 0 ok, -1 error (printed). */
int srv_http_start(const srv_config *cfg, int *port_out);
/* Stops accepting, waits for the request threads, closes their database connections. */
void srv_http_stop(void);

#endif
