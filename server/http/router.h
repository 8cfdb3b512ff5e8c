/* SPDX-License-Identifier: Apache-2.0 */
/* Route table of rockset-local: patterns registered at startup (before any request thread
 * runs, so the table needs no lock), matched against the raw path of each request. */
#ifndef SRV_ROUTER_H
#define SRV_ROUTER_H

#include "server/srv.h"

typedef enum srv_match {
    SRV_MATCH_OK,          /* fn and params set (free params with srv_router_free_params) */
    SRV_MATCH_NOT_FOUND,   /* no pattern matches the path                                  */
    SRV_MATCH_BAD_METHOD,  /* a pattern matches the path, but for other methods            */
    SRV_MATCH_BAD_PATH,    /* malformed percent-encoding (or an encoded NUL)               */
    SRV_MATCH_DOUBLE_ENCODED /* a segment still holds a %XX escape once decoded            */
} srv_match;

srv_match srv_router_match(const char *method, const char *path, srv_handler *fn,
                           char ***params, size_t *nparams);
void srv_router_free_params(char **params, size_t nparams);
/* Forgets every route (tests register their own tables). */
void srv_router_reset(void);

/* Decodes %XX escapes of in[0..len); NULL on a malformed escape or an encoded NUL. */
char *srv_percent_decode(const char *in, size_t len);

#endif
