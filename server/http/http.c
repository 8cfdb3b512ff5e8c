/* SPDX-License-Identifier: Apache-2.0 */
/* libmicrohttpd glue: one request context per connection, auth, routing, response. */
#include "config.h"
#include "server/http/http.h"
#include "server/http/auth.h"
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
} conn_ctx;

static struct MHD_Daemon *daemon_handle;

const char *srv_query_arg(const srv_request *req, const char *name)
{
    if (!req->http)
        return NULL;
    return MHD_lookup_connection_value((struct MHD_Connection *)req->http,
                                       MHD_GET_ARGUMENT_KIND, name);
}

static int body_append(conn_ctx *cx, const char *data, size_t n)
{
    if (cx->too_large || cx->len + n > SRV_HTTP_BODY_LIMIT) {
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

static void dispatch(struct MHD_Connection *c, const char *url, const char *method,
                     conn_ctx *cx, srv_response *res)
{
    char email[320], keyname[256];
    srv_request req = {.method = method, .path = url, .http = c};
    req.body = cx->body ? cx->body : "";
    req.body_len = cx->len;
    req.db = srv_store_thread_db();
    if (!req.db) {
        srv_reply_error(res, 503, "SERVICEUNAVAILABLE", NULL, "the store cannot be opened");
        return;
    }
    const char *key = api_key_of(c);
    int a = key ? srv_auth_check(req.db, key, email, sizeof email, keyname, sizeof keyname) : 1;
    if (a != 0) {
        if (a < 0)
            srv_reply_error(res, 500, "INTERNALERROR", NULL, "cannot check the API key");
        else
            srv_reply_error(res, 401, "AUTHEXCEPTION", NULL,
                            key ? "The API key is not valid."
                                : "An API key is required: Authorization: ApiKey <key>.");
        return;
    }
    req.user_email = email;
    req.key_name = keyname;
    if (cx->too_large) {
        srv_reply_error(res, 413, "CONTENTTOOLARGE", NULL,
                        "The request body is larger than %u bytes.", SRV_HTTP_BODY_LIMIT);
        return;
    }
    srv_handler fn = NULL;
    char **params = NULL;
    size_t nparams = 0;
    srv_match m = srv_router_match(method, url, &fn, &params, &nparams);
    if (m == SRV_MATCH_NOT_FOUND) {
        srv_reply_error(res, 404, "NOTFOUND", "PATH_NOT_FOUND", "No such endpoint: %s %s",
                        method, url);
        return;
    }
    if (m == SRV_MATCH_BAD_METHOD) {
        srv_reply_error(res, 405, "METHODNOTALLOWED", NULL, "%s is not allowed on %s", method,
                        url);
        return;
    }
    if (m == SRV_MATCH_BAD_PATH) {
        srv_reply_error(res, 400, "BADREQUEST", NULL, "Malformed percent-encoding in the path.");
        return;
    }
    req.params = params;
    req.nparams = nparams;
    if (!body_is_blank(req.body, req.body_len)) {
        /* require_null_terminated: trailing garbage after the value is a bad body too. */
        req.json = cJSON_ParseWithLengthOpts(req.body, req.body_len + 1, NULL, 1);
        if (!req.json) {
            srv_reply_error(res, 400, "INVALIDINPUT", NULL, "The request body is not valid JSON.");
            srv_router_free_params(params, nparams);
            return;
        }
    }
    fn(&req, res);
    if (req.db && !sqlite3_get_autocommit(req.db))
        srv_store_rollback(req.db); /* a handler that forgot its transaction must not leak it */
    cJSON_Delete(req.json);
    srv_router_free_params(params, nparams);
    if (!res->json && !res->stream)
        srv_reply_error(res, 500, "INTERNALERROR", NULL, "The handler gave no answer.");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    conn_ctx *cx = *con_cls;
    if (!cx) {
        cx = calloc(1, sizeof *cx);
        if (!cx)
            return MHD_NO;
        *con_cls = cx;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (!cl || strtoull(cl, NULL, 10) <= SRV_HTTP_BODY_LIMIT)
            return MHD_YES;
        /* Announced too large: answer 413 now rather than read it all (MHD then closes). */
        cx->too_large = 1;
    } else if (cx->responded) {
        *upload_data_size = 0;
        return MHD_YES;
    } else if (*upload_data_size) {
        if (body_append(cx, upload_data, *upload_data_size) != 0)
            return MHD_NO;
        *upload_data_size = 0;
        return MHD_YES;
    }
    srv_response res = {0};
    if (strcmp(url, "/") == 0 && strcmp(method, "GET") == 0) {
        /* The ping clients use; no key needed. */
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "message", "GO ROCKSET!");
        srv_reply_json(&res, 200, o);
    } else {
        dispatch(c, url, method, cx, &res);
    }
    if (res.status >= 500 && res.status != 501)
        fprintf(stderr, "rockset-local: %s %s -> %d\n", method, url, res.status);
    enum MHD_Result ret = send_response(c, &res);
    cx->responded = 1;
    cJSON_Delete(res.json);
    return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    conn_ctx *cx = *con_cls;
    if (cx) {
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
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)300, MHD_OPTION_END);
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
