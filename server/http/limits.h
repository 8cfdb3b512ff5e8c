/* SPDX-License-Identifier: Apache-2.0 */
/* The limits a Rockset deployment enforces, as rockset-local applies them: request rate per
 * API key and per organization (429 RATELIMITEXCEEDED with Retry-After), request body size
 * (413), documents per write request (400) and the query timeout (default and ceiling).
 * main.c sets them once before the daemon starts; the request threads only read them. Where
 * each default comes from is in docs/server.md ("Limits"). */
#ifndef SRV_LIMITS_H
#define SRV_LIMITS_H

#include "server/srv.h"

/* Rockset's Write API: "requests are capped at 10 MiB and 20,000 documents per request". */
#define SRV_LIMIT_BODY_DEFAULT (10u * 1024u * 1024u)
#define SRV_LIMIT_DOCS_DEFAULT 20000L
/* The Query Execution Timeout of a dedicated Virtual Instance (30 minutes). */
#define SRV_LIMIT_QUERY_TIMEOUT_DEFAULT (30LL * 60 * 1000)

typedef struct srv_limits {
    int rate_per_key;           /* requests per second of one API key; 0 = no limit        */
    int rate_per_org;           /* requests per second of all keys together; 0 = no limit  */
    size_t max_body;            /* largest request body in bytes                           */
    long max_docs;              /* documents per add/patch/delete request; 0 = no limit    */
    long long query_timeout_ms; /* timeout of a query that gives none, and the most one may
                                   ask for; 0 = none                                        */
} srv_limits;

void srv_limits_defaults(srv_limits *l);
/* Before srv_http_start only: the request threads read the limits without a lock. */
void srv_limits_set(const srv_limits *l);
const srv_limits *srv_limits_get(void);

/* A token bucket holding at most one second of requests (at least 1). */
typedef struct srv_bucket {
    double tokens;
    long long last_us;          /* 0: never used (starts full) */
} srv_bucket;

/* Refills b for rate tokens per second up to now_us; returns the microseconds until one token
 * is there (0: one is there now). Taking it is srv_bucket_take. */
long long srv_bucket_wait(srv_bucket *b, int rate, long long now_us);
void srv_bucket_take(srv_bucket *b);

/* Counts a request of the key `who` (any string naming it) against the per-key and the
 * per-organization rate. 0: it may go on; -1: res holds the 429 with Retry-After. */
int srv_limits_admit(const char *who, srv_response *res);

/* Applies the query timeout to the body of a request that runs a query: no (or a zero)
 * timeout_ms gets the default, a larger one is lowered to it. *json may be NULL (an empty
 * body) and is then created; values that are not whole numbers are left for the handler's
 * 400. 0 ok, -1 out of memory. */
int srv_limits_query_timeout(cJSON **json);
/* 1 when METHOD PATH runs a query (POST /queries, Query Lambda executions). */
int srv_limits_runs_query(const char *method, const char *path);

/* Documents per write request: 0 when n is within the limit, else res holds the 400. */
int srv_limits_docs(int n, srv_response *res);

#endif
