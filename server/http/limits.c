/* SPDX-License-Identifier: Apache-2.0 */
/* Request rate, body size, documents per request and query timeout limits (limits.h). */
#include "server/http/limits.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static srv_limits limits = {0, 0, SRV_LIMIT_BODY_DEFAULT, SRV_LIMIT_DOCS_DEFAULT,
                            SRV_LIMIT_QUERY_TIMEOUT_DEFAULT};

void srv_limits_defaults(srv_limits *l)
{
    *l = (srv_limits){0, 0, SRV_LIMIT_BODY_DEFAULT, SRV_LIMIT_DOCS_DEFAULT,
                      SRV_LIMIT_QUERY_TIMEOUT_DEFAULT};
}

void srv_limits_set(const srv_limits *l)
{
    limits = *l;
}

const srv_limits *srv_limits_get(void)
{
    return &limits;
}

/* ---- rate ---- */

long long srv_bucket_wait(srv_bucket *b, int rate, long long now_us)
{
    /* One second of requests as the burst: a client that keeps to the rate on average is
     * never refused, one that sends a second's worth at once is not either. */
    double cap = rate > 1 ? (double)rate : 1.0;
    if (b->last_us == 0)
        b->tokens = cap;
    else if (now_us > b->last_us)
        b->tokens += (double)(now_us - b->last_us) * rate / 1e6;
    if (b->tokens > cap)
        b->tokens = cap;
    b->last_us = now_us;
    if (b->tokens >= 1.0)
        return 0;
    return (long long)ceil((1.0 - b->tokens) * 1e6 / rate);
}

void srv_bucket_take(srv_bucket *b)
{
    b->tokens -= 1.0;
}

/* One bucket per key, found by name: there are only as many as the keys that made requests,
 * so a list is enough. */
typedef struct key_bucket {
    struct key_bucket *next;
    srv_bucket b;
    char who[];
} key_bucket;

static pthread_mutex_t rate_lock = PTHREAD_MUTEX_INITIALIZER;
static key_bucket *key_buckets;
static srv_bucket org_bucket;

static long long now_micros(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts); /* not the wall clock: a clock step must not refill */
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static srv_bucket *key_bucket_of(const char *who)
{
    for (key_bucket *k = key_buckets; k; k = k->next)
        if (strcmp(k->who, who) == 0)
            return &k->b;
    size_t n = strlen(who) + 1;
    key_bucket *k = calloc(1, sizeof *k + n);
    if (!k)
        return NULL;
    memcpy(k->who, who, n);
    k->next = key_buckets;
    key_buckets = k;
    return &k->b;
}

int srv_limits_admit(const char *who, srv_response *res)
{
    const srv_limits *l = &limits;
    if (l->rate_per_key <= 0 && l->rate_per_org <= 0)
        return 0;
    long long now = now_micros(), wait_key = 0, wait_org = 0;
    pthread_mutex_lock(&rate_lock);
    srv_bucket *kb = l->rate_per_key > 0 ? key_bucket_of(who) : NULL;
    if (kb)
        wait_key = srv_bucket_wait(kb, l->rate_per_key, now);
    if (l->rate_per_org > 0)
        wait_org = srv_bucket_wait(&org_bucket, l->rate_per_org, now);
    /* Take from both or neither: a refused request must not use up the other's budget. */
    if (wait_key == 0 && wait_org == 0) {
        if (kb)
            srv_bucket_take(kb);
        if (l->rate_per_org > 0)
            srv_bucket_take(&org_bucket);
    }
    pthread_mutex_unlock(&rate_lock);
    if (wait_key == 0 && wait_org == 0)
        return 0;
    long long wait = wait_key > wait_org ? wait_key : wait_org;
    /* Retry-After is whole seconds (RFC 9110): round up, so a retry then finds a token. */
    snprintf(res->retry_after, sizeof res->retry_after, "%lld", (wait + 999999) / 1000000);
    if (wait_key >= wait_org)
        srv_reply_error(res, 429, "RATELIMITEXCEEDED", "RATE_LIMIT_EXCEEDED",
                        "This API key is limited to %d requests per second and has reached "
                        "that limit; retry after %s s.", l->rate_per_key, res->retry_after);
    else
        srv_reply_error(res, 429, "RATELIMITEXCEEDED", "RATE_LIMIT_EXCEEDED",
                        "Your organization is limited to %d requests per second and has "
                        "reached that limit; retry after %s s.", l->rate_per_org,
                        res->retry_after);
    return -1;
}

/* ---- query timeout ---- */

int srv_limits_runs_query(const char *method, const char *path)
{
    if (strcmp(method, "POST") != 0)
        return 0;
    if (strcmp(path, "/v1/orgs/self/queries") == 0)
        return 1;
    /* /v1/orgs/self/ws/{ws}/lambdas/{ql}/versions/{v} and .../tags/{tag} */
    static const char *const want[] = {"v1", "orgs", "self", "ws", NULL, "lambdas", NULL, NULL,
                                       NULL};
    const char *p = path;
    size_t i = 0;
    for (; *p == '/' && i < 9; i++) {
        const char *s = ++p;
        while (*p && *p != '/')
            p++;
        size_t n = (size_t)(p - s);
        if (n == 0)
            return 0;
        if (want[i] && (strlen(want[i]) != n || memcmp(s, want[i], n) != 0))
            return 0;
        if (i == 7 && !(n == 8 && memcmp(s, "versions", 8) == 0) &&
            !(n == 4 && memcmp(s, "tags", 4) == 0))
            return 0;
    }
    return i == 9 && *p == '\0';
}

/* The value of a timeout_ms member: -1 absent or null, -2 not a whole number from 0 to
 * 2^53 - 1 (the query layer's bound on request numbers, which refuses those with a 400: a
 * value it refuses must reach it unchanged). */
static double timeout_of(const cJSON *o)
{
    const cJSON *v = cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, "timeout_ms") : NULL;
    if (!v || cJSON_IsNull(v))
        return -1;
    if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0) || v->valuedouble > 9007199254740991.0 ||
        v->valuedouble != floor(v->valuedouble))
        return -2;
    return v->valuedouble;
}

static void lower_to(cJSON *o, double have, long long max)
{
    if (have > (double)max)
        cJSON_ReplaceItemInObjectCaseSensitive(o, "timeout_ms", cJSON_CreateNumber((double)max));
}

int srv_limits_query_timeout(cJSON **json)
{
    long long max = limits.query_timeout_ms;
    if (max <= 0)
        return 0;
    if (!*json && !(*json = cJSON_CreateObject()))
        return -1;
    cJSON *body = *json;
    if (!cJSON_IsObject(body))
        return 0; /* the handler answers 400 */
    cJSON *sql = cJSON_GetObjectItemCaseSensitive(body, "sql");
    double b = timeout_of(body), s = timeout_of(sql);
    if (b == -2 || s == -2)
        return 0; /* refused by the handler with its own message */
    /* The query layer reads both places and takes sql.timeout_ms last; 0 means "none". */
    lower_to(body, b, max);
    lower_to(sql, s, max);
    if (b <= 0 && s <= 0) {
        cJSON *v = cJSON_CreateNumber((double)max);
        if (!v)
            return -1;
        if (cJSON_GetObjectItemCaseSensitive(body, "timeout_ms")) /* 0 or null */
            cJSON_ReplaceItemInObjectCaseSensitive(body, "timeout_ms", v);
        else
            cJSON_AddItemToObject(body, "timeout_ms", v);
        if (s == 0)
            cJSON_DeleteItemFromObjectCaseSensitive(sql, "timeout_ms");
    }
    return 0;
}

/* ---- documents per request ---- */

/* n with thousands separators, as the service words its limit ("20,000"). */
static void grouped(long n, char *out, size_t outlen)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%ld", n), o = 0;
    for (int i = 0; i < len && (size_t)o + 2 < outlen; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

int srv_limits_docs(int n, srv_response *res)
{
    if (limits.max_docs <= 0 || n <= limits.max_docs)
        return 0;
    char max[40];
    grouped(limits.max_docs, max, sizeof max);
    srv_reply_error(res, 400, "INVALIDINPUT", "RECEIVER_REQUEST_MAX_DOCUMENT_LIMIT",
                    "The number of documents specified in this request exceeds the maximum "
                    "allowed limit of %s documents.", max);
    return -1;
}
