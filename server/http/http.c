/* SPDX-License-Identifier: Apache-2.0 */
/* libmicrohttpd glue: one request context per connection, auth, routing, response. */
#include "config.h"
#include "server/http/http.h"
#include "server/http/auth.h"
#include "server/http/limits.h"
#include "server/http/router.h"
#include "server/store/store.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct conn_ctx {
    char *body;
    size_t len, cap;
    int too_large;
    int responded;   /* a response is queued: later calls only drain the body */
    /* Who the API key of the headers belongs to: checked in the first call, before any
     * body byte is read, so a client without a valid key cannot make us buffer a body. */
    char email[320];
    char key_name[256];
    char **args;     /* query values decoded for srv_query_arg, freed with the request */
    size_t nargs;
} conn_ctx;

/* What srv_request.http points to. */
typedef struct http_call {
    struct MHD_Connection *c;
    conn_ctx *cx;
} http_call;

static struct MHD_Daemon *daemon_handle;

/* Query values arrive still escaped (see keep_escaped) and were checked by args_ok before
 * the handler ran, so decoding cannot fail here but for memory. */
const char *srv_query_arg(const srv_request *req, const char *name)
{
    const http_call *h = req->http;
    if (!h)
        return NULL;
    const char *raw = MHD_lookup_connection_value(h->c, MHD_GET_ARGUMENT_KIND, name);
    char *v = raw ? srv_percent_decode(raw, strlen(raw)) : NULL;
    char **a = v ? realloc(h->cx->args, (h->cx->nargs + 1) * sizeof *a) : NULL;
    if (!a) {
        free(v);
        return NULL;
    }
    a[h->cx->nargs++] = v;
    h->cx->args = a;
    return v;
}

int srv_request_fd(const srv_request *req)
{
    const http_call *h = req->http;
    const union MHD_ConnectionInfo *ci =
        h ? MHD_get_connection_info(h->c, MHD_CONNECTION_INFO_CONNECTION_FD) : NULL;
    return ci ? (int)ci->connect_fd : -1;
}

/* libmicrohttpd decodes the URL and the query before the access handler sees them; the
 * router decoded the path again, so "%2561" named "a", and a decoded "%00" ended the C string
 * ("a%00b" named "a"). Leaving both as sent makes the router (and srv_query_arg) the one
 * place that decodes, once, refusing %00. */
static size_t keep_escaped(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    return strlen(s);
}

int srv_http_body_has_nul(const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (b[i] == '\0')
            return 1;
        if (b[i] == '\\' && i + 1 < n) {
            if (b[i + 1] == 'u' && n - i >= 6 && memcmp(b + i + 2, "0000", 4) == 0)
                return 1;
            i++; /* skip the escaped character: in \\u0000 the escape is \\ and u0000 is text */
        }
    }
    return 0;
}

static int body_append(conn_ctx *cx, const char *data, size_t n)
{
    if (cx->too_large || cx->len + n > srv_limits_get()->max_body) {
        /* Keep reading (and dropping) the body so the 413 reaches the client. */
        cx->too_large = 1;
        free(cx->body);
        cx->body = NULL;
        cx->len = cx->cap = 0;
        return 0;
    }
    if (cx->len + n + 1 > cx->cap) {
        size_t cap = cx->cap ? cx->cap : 4096;
        while (cap < cx->len + n + 1)
            cap *= 2;
        char *b = realloc(cx->body, cap);
        if (!b)
            return -1;
        cx->body = b;
        cx->cap = cap;
    }
    memcpy(cx->body + cx->len, data, n);
    cx->len += n;
    cx->body[cx->len] = '\0';
    return 0;
}

typedef struct stream_ctx {
    srv_stream_fn fn;
    void *cls;
    void (*free_fn)(void *);
} stream_ctx;

static ssize_t stream_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    stream_ctx *s = cls;
    ssize_t n = s->fn(s->cls, buf, max);
    if (n == -1)
        return MHD_CONTENT_READER_END_OF_STREAM;
    if (n < 0 || n == 0)
        return MHD_CONTENT_READER_END_WITH_ERROR;
    return n;
}

static void stream_free(void *cls)
{
    stream_ctx *s = cls;
    if (s->free_fn)
        s->free_fn(s->cls);
    free(s);
}

static enum MHD_Result send_response(struct MHD_Connection *c, srv_response *res)
{
    struct MHD_Response *r = NULL;
    if (res->stream) {
        stream_ctx *s = malloc(sizeof *s);
        if (s) {
            *s = (stream_ctx){res->stream, res->stream_cls, res->stream_free};
            r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024, stream_reader,
                                                  s, stream_free);
            if (!r)
                stream_free(s);
        } else if (res->stream_free) {
            res->stream_free(res->stream_cls);
        }
        res->stream = NULL;
    } else if (res->text) {
        /* a whole answer goes as it is: a callback response would allocate and clear a
         * 64 KiB block per request, more work than a small query's answer itself */
        r = MHD_create_response_from_buffer(res->text_len, res->text, MHD_RESPMEM_MUST_FREE);
        if (!r)
            free(res->text);
        res->text = NULL;
    } else {
        char *text = res->json ? cJSON_PrintUnformatted(res->json) : NULL;
        if (text)
            r = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
    }
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", "application/json");
    /* What answers: the driver reports it as SQL_DBMS_VER (the JSON contract has no place
     * for a server version, so it goes where HTTP puts one). */
    MHD_add_response_header(r, "Server", "rockset-local/" PACKAGE_VERSION);
    if (res->retry_after[0])
        MHD_add_response_header(r, "Retry-After", res->retry_after);
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)res->status, r);
    MHD_destroy_response(r);
    return ret;
}

/* The key from "Authorization: ApiKey <key>"; NULL when absent or of another scheme. */
static const char *api_key_of(struct MHD_Connection *c)
{
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    if (!h)
        return NULL;
    while (*h == ' ')
        h++;
    if (strncasecmp(h, "ApiKey ", 7) != 0)
        return NULL;
    h += 7;
    while (*h == ' ')
        h++;
    return *h ? h : NULL;
}

static int body_is_blank(const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n')
            return 0;
    return 1;
}

/* Checks the key of the headers and keeps who it belongs to; 0 when the caller may go on,
 * else res holds the error (401: no or unknown key). Runs before any body is read. */
static int authenticate(struct MHD_Connection *c, conn_ctx *cx, srv_response *res)
{
    sqlite3 *db = srv_store_thread_db();
    if (!db) {
        srv_reply_error(res, 503, "SERVICEUNAVAILABLE", NULL, "the store cannot be opened");
        return -1;
    }
    const char *key = api_key_of(c);
    int a = key ? srv_auth_check(db, key, cx->email, sizeof cx->email, cx->key_name,
                                 sizeof cx->key_name)
                : 1;
    if (a == 0)
        return 0;
    if (a < 0)
        srv_reply_error(res, 500, "INTERNALERROR", NULL, "cannot check the API key");
    else
        srv_reply_error(res, 401, "AUTHEXCEPTION", NULL,
                        key ? "The API key is not valid."
                            : "An API key is required: Authorization: ApiKey <key>.");
    return -1;
}

static enum MHD_Result arg_ok(void *cls, enum MHD_ValueKind kind, const char *key,
                              const char *value)
{
    (void)kind;
    char *k = srv_percent_decode(key, strlen(key));
    char *v = value ? srv_percent_decode(value, strlen(value)) : NULL;
    int ok = k && (!value || v);
    free(k);
    free(v);
    if (!ok)
        *(int *)cls = 0;
    return ok ? MHD_YES : MHD_NO;
}

/* 0 when the path matched a route and every query value decodes; else res holds the error. */
static int route(struct MHD_Connection *c, const char *url, const char *method,
                 srv_response *res, srv_handler *fn, char ***params, size_t *nparams)
{
    int args_good = 1;
    srv_match m = srv_router_match(method, url, fn, params, nparams);
    if (m == SRV_MATCH_OK)
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, arg_ok, &args_good);
    if (m == SRV_MATCH_OK && args_good)
        return 0;
    if (m == SRV_MATCH_NOT_FOUND)
        srv_reply_error(res, 404, "NOTFOUND", "PATH_NOT_FOUND", "No such endpoint: %s %s",
                        method, url);
    else if (m == SRV_MATCH_BAD_METHOD)
        srv_reply_error(res, 405, "METHODNOTALLOWED", NULL, "%s is not allowed on %s", method,
                        url);
    else if (m == SRV_MATCH_DOUBLE_ENCODED)
        srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                        "A path segment is percent-encoded twice (it still holds %%XX once "
                        "decoded): names are encoded once.");
    else if (m == SRV_MATCH_BAD_PATH)
        srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                        "The path has a malformed percent-encoding or an encoded NUL (%%00).");
    else
        srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                        "The query string has a malformed percent-encoding or an encoded NUL "
                        "(%%00).");
    srv_router_free_params(*params, *nparams);
    return -1;
}

/* Parses a non-blank body into req->json; 0 ok, else res holds the 400. */
static int parse_body(srv_request *req, srv_response *res)
{
    if (body_is_blank(req->body, req->body_len))
        return 0;
    /* cJSON keeps strings as C strings: a NUL (raw or \u0000) would silently end a name or
     * an _id there, and the handler would act on another one. */
    if (srv_http_body_has_nul(req->body, req->body_len)) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                        "The request body holds a NUL character (\\u0000), which no name or "
                        "value may contain here.");
        return -1;
    }
    /* require_null_terminated: trailing garbage after the value is a bad body too. */
    req->json = cJSON_ParseWithLengthOpts(req->body, req->body_len + 1, NULL, 1);
    if (req->json)
        return 0;
    srv_reply_error(res, 400, "INVALIDINPUT", NULL, "The request body is not valid JSON.");
    return -1;
}

/* The service's wording of its Write API limit. */
static void reply_too_large(srv_response *res)
{
    srv_reply_error(res, 413, "CONTENTTOOLARGE", NULL, "Payload size exceeds limit of %zu bytes.",
                    srv_limits_get()->max_body);
}

static void dispatch(struct MHD_Connection *c, const char *url, const char *method,
                     conn_ctx *cx, srv_response *res)
{
    http_call call = {c, cx};
    srv_request req = {.method = method, .path = url, .http = &call};
    req.body = cx->body ? cx->body : "";
    req.body_len = cx->len;
    req.user_email = cx->email;
    req.key_name = cx->key_name;
    req.db = srv_store_thread_db();
    if (!req.db) {
        srv_reply_error(res, 503, "SERVICEUNAVAILABLE", NULL, "the store cannot be opened");
        return;
    }
    if (cx->too_large) {
        reply_too_large(res);
        return;
    }
    srv_handler fn = NULL;
    char **params = NULL;
    size_t nparams = 0;
    if (route(c, url, method, res, &fn, &params, &nparams) != 0)
        return;
    req.params = params;
    req.nparams = nparams;
    if (parse_body(&req, res) == 0) {
        /* The query timeout goes into the body the query layer reads: a request without one
         * gets the server's, a longer one is lowered to it (docs/server.md, Limits). */
        if (srv_limits_runs_query(method, url) && srv_limits_query_timeout(&req.json) != 0)
            srv_reply_error(res, 503, "SERVICEUNAVAILABLE", NULL, "out of memory");
        else
            fn(&req, res);
    }
    if (req.db && !sqlite3_get_autocommit(req.db))
        srv_store_rollback(req.db); /* a handler that forgot its transaction must not leak it */
    cJSON_Delete(req.json);
    srv_router_free_params(params, nparams);
    if (!res->json && !res->stream && !res->text)
        srv_reply_error(res, 500, "INTERNALERROR", NULL, "The handler gave no answer.");
}

static int is_ping(const char *url, const char *method)
{
    return strcmp(url, "/") == 0 && strcmp(method, "GET") == 0;
}

static enum MHD_Result answer(struct MHD_Connection *c, const char *url, const char *method,
                              conn_ctx *cx, srv_response *res)
{
    if (res->status >= 500 && res->status != 501)
        fprintf(stderr, "rockset-local: %s %s -> %d\n", method, url, res->status);
    enum MHD_Result ret = send_response(c, res);
    cx->responded = 1;
    cJSON_Delete(res->json);
    free(res->text);            /* not sent (no answer could be made of it) */
    return ret;
}

/* The request rate of the key (429 when over it). Counted here, before the body is read or
 * anything runs, so a refused request did nothing and a client may safely send it again. */
static int admit(const conn_ctx *cx, srv_response *res)
{
    char who[sizeof cx->email + sizeof cx->key_name + 1];
    snprintf(who, sizeof who, "%s\n%s", cx->email, cx->key_name);
    return srv_limits_admit(who, res);
}

/* The first call of a request carries its headers only. An unauthenticated request, or one
 * announcing a body over the limit, is answered there: libmicrohttpd then skips the body and
 * closes the connection instead of reading it. */
static enum MHD_Result first_call(struct MHD_Connection *c, const char *url, const char *method,
                                  void **con_cls)
{
    conn_ctx *cx = calloc(1, sizeof *cx);
    if (!cx)
        return MHD_NO;
    *con_cls = cx;
    if (is_ping(url, method))
        return MHD_YES;
    srv_response res = {0};
    if (authenticate(c, cx, &res) == 0 && admit(cx, &res) == 0) {
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (!cl || strtoull(cl, NULL, 10) <= srv_limits_get()->max_body)
            return MHD_YES;
        reply_too_large(&res);
    }
    return answer(c, url, method, cx, &res);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)cls;
    (void)version;
    conn_ctx *cx = *con_cls;
    if (!cx)
        return first_call(c, url, method, con_cls);
    if (cx->responded) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (body_append(cx, upload_data, *upload_data_size) != 0)
            return MHD_NO;
        *upload_data_size = 0;
        return MHD_YES;
    }
    srv_response res = {0};
    if (is_ping(url, method)) {
        /* The ping clients use; no key needed. */
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "message", "GO ROCKSET!");
        srv_reply_json(&res, 200, o);
    } else {
        dispatch(c, url, method, cx, &res);
    }
    return answer(c, url, method, cx, &res);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    (void)toe;
    conn_ctx *cx = *con_cls;
    if (cx) {
        for (size_t i = 0; i < cx->nargs; i++)
            free(cx->args[i]);
        free(cx->args);
        free(cx->body);
        free(cx);
        *con_cls = NULL;
    }
}

int srv_http_start(const srv_config *cfg, int *port_out)
{
    struct sockaddr_in6 a6;
    struct sockaddr_in a4;
    struct sockaddr *sa;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_USE_AUTO;
    memset(&a4, 0, sizeof a4);
    memset(&a6, 0, sizeof a6);
    if (inet_pton(AF_INET, cfg->bind, &a4.sin_addr) == 1) {
        a4.sin_family = AF_INET;
        a4.sin_port = htons((uint16_t)cfg->port);
        sa = (struct sockaddr *)&a4;
    } else if (inet_pton(AF_INET6, cfg->bind, &a6.sin6_addr) == 1) {
        a6.sin6_family = AF_INET6;
        a6.sin6_port = htons((uint16_t)cfg->port);
        sa = (struct sockaddr *)&a6;
        flags |= MHD_USE_IPv6;
    } else {
        fprintf(stderr, "rockset-local: --bind needs a numeric IP address, not %s\n", cfg->bind);
        return -1;
    }
    daemon_handle = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR, sa,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads > 0 ? cfg->threads : 8),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_UNESCAPE_CALLBACK,
        keep_escaped, NULL, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)300, MHD_OPTION_END);
    if (!daemon_handle) {
        fprintf(stderr, "rockset-local: cannot listen on %s:%d\n", cfg->bind, cfg->port);
        return -1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon_handle,
                                                           MHD_DAEMON_INFO_BIND_PORT);
    *port_out = info ? info->port : cfg->port;
    return 0;
}

void srv_http_stop(void)
{
    if (daemon_handle) {
        MHD_stop_daemon(daemon_handle);
        daemon_handle = NULL;
    }
    srv_store_close_all();
}
