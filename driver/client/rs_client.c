/* SPDX-License-Identifier: Apache-2.0 */
/* The Rockset API client: URL checks, control-plane calls (small JSON answers, parsed with
 * cJSON), and query requests, whose answers stream through a row source. */
#include "driver/client/rs_client_int.h"
#include "driver/client/log.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define RS_CLIENT_BODY_MAX (64u * 1024u * 1024u)
/* Past the query's own timeout, how long to wait for the server to report it. */
#define RS_CLIENT_TIMEOUT_GRACE_MS 15000L

/* The configuration kept (strings owned) so that a query's producer thread can get a
 * transport of its own, configured alike (prefetch.c). */
typedef struct rs_client_cfgcopy {
    rs_client_config cfg;
    char *base, *server, *api_key, *ca_info, *proxy, *ua;
} rs_client_cfgcopy;

struct rs_client {
    rs_http *http;
    long timeout_ms;
    long stall_ms;
    size_t max_value, max_page;
    int refs;
    rs_client_cfgcopy cc;
    /* Producer transports: the ones in use (so that a cancel reaches them) and one idle,
     * kept with its keep-alive connection for the next query. mu guards both: a cancel
     * comes from any thread. */
    pthread_mutex_t mu;
    rs_http **busy;
    size_t nbusy, capbusy;
    rs_http *idle;
};

void rs_client_limits(const rs_client *c, size_t *max_value, size_t *max_page)
{
    *max_value = c->max_value;
    *max_page = c->max_page;
}

rs_http *rs_client_http(rs_client *c) { return c->http; }
const char *rs_client_server(rs_client *c) { return rs_http_server(c->http); }
void rs_client_ref(rs_client *c) { c->refs++; }

void rs_client_unref(rs_client *c)
{
    if (!c || --c->refs > 0)
        return;
    rs_http_free(c->http);
    rs_http_free(c->idle);
    free(c->busy);
    pthread_mutex_destroy(&c->mu);
    if (c->cc.api_key)
        memset(c->cc.api_key, 0, strlen(c->cc.api_key)); /* as the transport does with its copy */
    free(c->cc.base), free(c->cc.server), free(c->cc.api_key);
    free(c->cc.ca_info), free(c->cc.proxy), free(c->cc.ua);
    free(c);
}

void rs_client_free(rs_client *c) { rs_client_unref(c); }
/* The connection's own transport and every producer's: a cancel stops the statement's
 * requests wherever they run. */
void rs_client_cancel(rs_client *c)
{
    if (!c)
        return;
    rs_http_cancel(c->http);
    pthread_mutex_lock(&c->mu);
    for (size_t i = 0; i < c->nbusy; i++)
        rs_http_cancel(c->busy[i]);
    pthread_mutex_unlock(&c->mu);
}

rs_http *rs_client_http_acquire(rs_client *c, rs_error *err)
{
    rs_http *h;

    pthread_mutex_lock(&c->mu);
    if (c->nbusy == c->capbusy) {
        size_t cap = c->capbusy ? c->capbusy * 2 : 4;
        rs_http **b = realloc(c->busy, cap * sizeof *b);
        if (!b) {
            pthread_mutex_unlock(&c->mu);
            rs_error_set(err, RS_ERR_NOMEM, "out of memory");
            return NULL;
        }
        c->busy = b;
        c->capbusy = cap;
    }
    h = c->idle;
    c->idle = NULL;
    if (!h)
        h = rs_http_new(&c->cc.cfg, c->cc.base, err);
    if (h) {
        rs_http_reset_cancel(h);
        c->busy[c->nbusy++] = h;
    }
    pthread_mutex_unlock(&c->mu);
    return h;
}

void rs_client_http_release(rs_client *c, rs_http *h)
{
    if (!h)
        return;
    pthread_mutex_lock(&c->mu);
    for (size_t i = 0; i < c->nbusy; i++) {
        if (c->busy[i] == h) {
            c->busy[i] = c->busy[--c->nbusy];
            break;
        }
    }
    if (!c->idle) {
        rs_http_reset_cancel(h);
        c->idle = h;
        h = NULL;
    }
    pthread_mutex_unlock(&c->mu);
    rs_http_free(h);
}

/* Copies the configuration's strings, for rs_client_http_acquire. 0, or -1 out of memory. */
static int rs_client_keep_config(rs_client *c, const rs_client_config *cfg, const char *base)
{
    rs_client_cfgcopy *k = &c->cc;

#define RS_CC_DUP(dst, src) (!(src) || ((dst) = strdup(src)) != NULL)
    k->cfg = *cfg;
    if (!RS_CC_DUP(k->base, base) || !RS_CC_DUP(k->server, cfg->server) ||
        !RS_CC_DUP(k->api_key, cfg->api_key) || !RS_CC_DUP(k->ca_info, cfg->ca_info) ||
        !RS_CC_DUP(k->proxy, cfg->proxy) || !RS_CC_DUP(k->ua, cfg->user_agent_extra))
        return -1;
#undef RS_CC_DUP
    k->cfg.server = k->server;
    k->cfg.api_key = k->api_key;
    k->cfg.ca_info = k->ca_info;
    k->cfg.proxy = k->proxy;
    k->cfg.user_agent_extra = k->ua;
    return 0;
}
void rs_client_reset_cancel(rs_client *c) { if (c) rs_http_reset_cancel(c->http); }

/* scheme://host[:port][/prefix]: returns the normalized base (no trailing '/') or NULL. */
static char *rs_client_base_url(const char *server, rs_error *err)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *base = NULL;
    size_t n;

    if (!server || !*server) {
        rs_error_set(err, RS_ERR_CONFIG, "no server URL given (e.g. https://api.usw2a1.rockset.com)");
        goto out;
    }
    if (!u || curl_url_set(u, CURLUPART_URL, server, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !*host) {
        rs_error_set(err, RS_ERR_CONFIG,
                     "invalid server URL \"%.200s\": expected http(s)://host[:port]", server);
        goto out;
    }
    if (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0) {
        rs_error_set(err, RS_ERR_CONFIG, "unsupported URL scheme \"%.32s\" in \"%.200s\": use "
                     "http or https", scheme, server);
        goto out;
    }
    if (strchr(server, '?') || strchr(server, '#')) {
        rs_error_set(err, RS_ERR_CONFIG, "the server URL \"%.200s\" must not carry a query or "
                     "fragment", server);
        goto out;
    }
    base = strdup(server);
    if (!base) {
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        goto out;
    }
    n = strlen(base);
    while (n > 0 && base[n - 1] == '/')
        base[--n] = '\0';
out:
    curl_free(scheme);
    curl_free(host);
    curl_url_cleanup(u);
    return base;
}

rs_client *rs_client_new(const rs_client_config *cfg, rs_error *err)
{
    rs_client *c;
    char *base;

    if (!cfg) {
        rs_error_set(err, RS_ERR_CONFIG, "no client configuration");
        return NULL;
    }
    if (cfg->api_key && strpbrk(cfg->api_key, "\r\n")) {
        /* It goes into a header line: a line break would forge headers. */
        rs_error_set(err, RS_ERR_CONFIG, "the API key contains a line break");
        return NULL;
    }
    base = rs_client_base_url(cfg->server, err);
    if (!base)
        return NULL;
    if (cfg->api_key)
        rs_log_add_secret(cfg->api_key);
    c = calloc(1, sizeof *c);
    if (!c) {
        free(base);
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        return NULL;
    }
    c->refs = 1;
    pthread_mutex_init(&c->mu, NULL);
    c->timeout_ms = cfg->timeout_ms;
    c->stall_ms = cfg->stall_timeout_ms;
    c->max_value = cfg->max_value_bytes ? cfg->max_value_bytes : RS_CLIENT_DEFAULT_MAX_VALUE;
    c->max_page = cfg->max_page_bytes ? cfg->max_page_bytes : RS_CLIENT_DEFAULT_MAX_PAGE;
    c->http = rs_http_new(cfg, base, err);
    if (c->http && rs_client_keep_config(c, cfg, base) != 0)
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    free(base);
    if (!c->http || !c->cc.base) {
        rs_client_unref(c);
        return NULL;
    }
    return c;
}

typedef struct rs_client_acc {
    char *p;
    size_t len, cap;
} rs_client_acc;

static int rs_client_accumulate(void *ud, const char *data, size_t n, rs_error *err)
{
    rs_client_acc *a = ud;

    if (a->len + n + 1 > RS_CLIENT_BODY_MAX) {
        rs_error_set(err, RS_ERR_PROTOCOL, "the server's answer exceeds %u bytes",
                     RS_CLIENT_BODY_MAX);
        return -1;
    }
    if (a->len + n + 1 > a->cap) {
        size_t cap = a->cap ? a->cap : 4096;
        char *p;
        while (cap < a->len + n + 1)
            cap *= 2;
        p = realloc(a->p, cap);
        if (!p) {
            rs_error_set(err, RS_ERR_NOMEM, "out of memory reading the server's answer");
            return -1;
        }
        a->p = p;
        a->cap = cap;
    }
    memcpy(a->p + a->len, data, n);
    a->len += n;
    a->p[a->len] = '\0';
    return 0;
}

int rs_client_call_text(rs_client *c, const char *method, const char *path_and_query,
                        const char *text, size_t len, cJSON **out, rs_error *err)
{
    rs_client_acc acc = { NULL, 0, 0 };
    rs_http_req req;
    long status = 0;
    int rc;

    if (out)
        *out = NULL;
    if (!c || !method || !path_and_query) {
        rs_error_set(err, RS_ERR_CONFIG, "rs_client_call: missing method or path");
        return -1;
    }
    memset(&req, 0, sizeof req);
    req.method = method;
    req.path = path_and_query;
    req.body = text;
    req.body_len = text ? len : 0;
    req.timeout_ms = c->timeout_ms;
    req.sink = rs_client_accumulate;
    req.sink_ud = &acc;
    rc = rs_http_perform(c->http, &req, &status, err);
    if (rc == 0 && out) {
        /* Every 2xx carries JSON; an empty one is tolerated as an empty object. */
        *out = acc.len ? cJSON_ParseWithLength(acc.p, acc.len) : cJSON_CreateObject();
        if (!*out) {
            rs_error_set(err, RS_ERR_PROTOCOL, "%s %s: the server's answer (HTTP %ld) is not "
                         "valid JSON", method, path_and_query, status);
            rc = -1;
        }
    }
    free(acc.p);
    return rc;
}

int rs_client_call(rs_client *c, const char *method, const char *path_and_query,
                   const cJSON *body, cJSON **out, rs_error *err)
{
    char *text = NULL;
    int rc;

    if (body && !(text = cJSON_PrintUnformatted(body))) {
        rs_error_set(err, RS_ERR_NOMEM, "out of memory building the request");
        return -1;
    }
    rc = rs_client_call_text(c, method, path_and_query, text, text ? strlen(text) : 0, out, err);
    cJSON_free(text);
    return rc;
}

char *rs_client_escape_segment(const char *segment)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = segment ? strlen(segment) : 0, i, o = 0;
    char *out = malloc(3 * n + 1);

    if (!out)
        return NULL;
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)segment[i];
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
            ch == '-' || ch == '.' || ch == '_' || ch == '~') {
            out[o++] = (char)ch;
        } else {
            out[o++] = '%';
            out[o++] = hex[ch >> 4];
            out[o++] = hex[ch & 15];
        }
    }
    out[o] = '\0';
    return out;
}

static cJSON *rs_client_params_json(const rs_query_request *req)
{
    cJSON *arr = cJSON_CreateArray();
    size_t i;

    for (i = 0; arr && i < req->nparams; i++) {
        const rs_query_param *p = &req->params[i];
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddItemToArray(arr, o) ||
            !cJSON_AddStringToObject(o, "name", p->name ? p->name : "") ||
            !cJSON_AddStringToObject(o, "type", p->type ? p->type : "string") ||
            !(p->is_null || !p->value ? cJSON_AddNullToObject(o, "value")
                                      : cJSON_AddStringToObject(o, "value", p->value))) {
            cJSON_Delete(arr);
            return NULL;
        }
    }
    return arr;
}

/* {"sql":{...},"max_initial_results":N,"timeout_ms":T} or a lambda's {"parameters":[...]}. */
static char *rs_client_query_body(const rs_query_request *req, int lambda)
{
    cJSON *root = cJSON_CreateObject(), *inner, *params = rs_client_params_json(req);
    char *text = NULL;

    if (!root || !params)
        goto out;
    inner = root;
    if (!lambda) {
        inner = cJSON_AddObjectToObject(root, "sql");
        if (!inner || !cJSON_AddStringToObject(inner, "query", req->sql))
            goto out;
    }
    if (req->nparams)
        cJSON_AddItemToObject(inner, "parameters", params);
    else
        cJSON_Delete(params);
    params = NULL;
    if (req->default_row_limit > 0)
        cJSON_AddNumberToObject(inner, "default_row_limit", (double)req->default_row_limit);
    if (req->page_size > 0) {
        cJSON_AddNumberToObject(root, "max_initial_results", (double)req->page_size);
        if (lambda) { /* lambdas documented only the older pagination switch */
            cJSON_AddTrueToObject(root, "paginate");
            cJSON_AddNumberToObject(root, "initial_paginate_response_doc_count",
                                    (double)req->page_size);
        }
    }
    if (req->timeout_ms > 0)
        cJSON_AddNumberToObject(root, "timeout_ms", (double)req->timeout_ms);
    text = cJSON_PrintUnformatted(root);
out:
    cJSON_Delete(params);
    cJSON_Delete(root);
    return text;
}

static char *rs_client_lambda_path(const rs_query_request *req)
{
    char *ws = rs_client_escape_segment(req->lambda_ws);
    char *name = rs_client_escape_segment(req->lambda_name);
    const char *which = req->lambda_version ? "versions" : "tags";
    char *ver = rs_client_escape_segment(req->lambda_version ? req->lambda_version
                                         : req->lambda_tag ? req->lambda_tag : "latest");
    char *path = NULL;
    size_t n;

    if (ws && name && ver) {
        n = strlen(ws) + strlen(name) + strlen(ver) + 64;
        path = malloc(n);
        if (path)
            snprintf(path, n, "/v1/orgs/self/ws/%s/lambdas/%s/%s/%s", ws, name, which, ver);
    }
    free(ws);
    free(name);
    free(ver);
    return path;
}

int rs_client_query(rs_client *c, const rs_query_request *req, rs_rowsource **out,
                    rs_error *err)
{
    rs_query_request q;
    int lambda;
    char *path, *body;
    long timeout, stall;
    int rc;

    *out = NULL;
    if (!c || !req) {
        rs_error_set(err, RS_ERR_CONFIG, "rs_client_query: no client or request");
        return -1;
    }
    lambda = req->lambda_name != NULL;
    if (!lambda && !req->sql) {
        rs_error_set(err, RS_ERR_CONFIG, "no SQL text and no query lambda to run");
        return -1;
    }
    if (lambda && !req->lambda_ws) {
        rs_error_set(err, RS_ERR_CONFIG, "a query lambda needs a workspace");
        return -1;
    }
    q = *req;
    if (q.metadata && q.timeout_ms <= 0)
        q.timeout_ms = c->timeout_ms; /* the server stops it then too, and says so */
    path = lambda ? rs_client_lambda_path(req) : strdup("/v1/orgs/self/queries");
    body = rs_client_query_body(&q, lambda);
    if (!path || !body) {
        free(path);
        cJSON_free(body);
        rs_error_set(err, RS_ERR_NOMEM, "out of memory building the query request");
        return -1;
    }
    rs_log(RS_LOG_DEBUG, "query %s: %s", path, body);
    /* The server enforces the query timeout and reports it; ours only catches a stuck one.
     * A metadata query is bounded by the Timeout exactly, as a catalog listing is. */
    timeout = q.timeout_ms <= 0 ? 0
              : q.metadata && req->timeout_ms <= 0 ? q.timeout_ms
              : q.timeout_ms + RS_CLIENT_TIMEOUT_GRACE_MS;
    /* A query the application gave a timeout may run that long before its first byte comes:
     * the stall limit must not end it sooner. Without one, the stall limit is the bound. */
    stall = timeout > c->stall_ms && c->stall_ms > 0 ? timeout : 0;
    /* a catalog query (DESCRIBE) answers a few rows: read whole, without a thread */
    rc = rs_query_source_open(c, path, body, req->page_size, !q.metadata, timeout, stall, out,
                              err);
    /* {"num_docs_inserted": N} is a row count only as the answer of an INSERT (a lambda's
     * text is not seen here: it may be one); a SELECT naming a column so keeps its row */
    if (rc == 0 && *out && !req->is_insert && !lambda)
        (*out)->rows_affected = -1;
    free(path);
    cJSON_free(body);
    return rc;
}
