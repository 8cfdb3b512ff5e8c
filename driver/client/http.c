/* SPDX-License-Identifier: Apache-2.0 */
/* libcurl transport. The easy handle lives as long as the client so that curl keeps the
 * connection alive between requests; every per-request option is set on each request because
 * curl keeps options across transfers. */
#include "config.h"
#include "driver/client/http.h"
#include "driver/client/log.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define RS_HTTP_ERRBODY_MAX 65536
#define RS_HTTP_RETRY_AFTER_MAX_MS 60000L
#define RS_HTTP_BACKOFF_BASE_MS 200L
#define RS_HTTP_BACKOFF_MAX_MS 8000L

struct rs_http {
    CURL *curl;
    char *base;
    char *api_key;
    struct curl_slist *hdr_body, *hdr_nobody;
    int max_retries;
    long stall_ms;        /* the stall limit of every request, 0 = none */
    atomic_int cancel;
    char curl_err[CURL_ERROR_SIZE];
    char server[64];      /* the last answer's Server header, "" when none */
};

/* One attempt's state, seen by the callbacks. */
typedef struct rs_http_xfer {
    rs_http *h;
    const rs_http_req *req;
    rs_error *err;
    long status;
    size_t delivered;     /* body bytes handed to the sink */
    size_t received;      /* body bytes received, any status */
    int sink_failed;
    long retry_after_ms;  /* -1 when the answer had no Retry-After */
    char *errbody;
    size_t errlen;
    size_t body_pos;      /* request body bytes handed to libcurl */
    int rewind_refused;   /* libcurl wanted to send the body again and was refused */
    long stall_ms;        /* this attempt's stall limit, 0 = none */
    long last_ms;         /* when a byte last moved (either way) */
    curl_off_t last_dn, last_un;
    int stalled;          /* the stall limit ended the transfer */
} rs_http_xfer;

static pthread_once_t rs_http_once = PTHREAD_ONCE_INIT;
static void rs_http_global_init(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

static long rs_http_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)(ts.tv_sec * 1000L + ts.tv_nsec / 1000000L);
}

static struct curl_slist *rs_http_headers(const char *api_key, int with_body)
{
    struct curl_slist *l = NULL, *n;
    size_t len = strlen(api_key) + 32;
    char *auth = malloc(len);

    if (!auth)
        return NULL;
    snprintf(auth, len, "Authorization: ApiKey %s", api_key);
    l = curl_slist_append(l, auth);
    free(auth);
    if (!l)
        return NULL;
    /* Expect: 100-continue would add a round trip to every large query. */
    const char *more[] = { "Accept: application/json", "Expect:",
                           with_body ? "Content-Type: application/json" : NULL };
    for (size_t i = 0; i < 3 && more[i]; i++) {
        n = curl_slist_append(l, more[i]);
        if (!n) {
            curl_slist_free_all(l);
            return NULL;
        }
        l = n;
    }
    return l;
}

static int rs_http_set_tls_proxy(rs_http *h, const rs_client_config *cfg)
{
    CURL *c = h->curl;
    char ua[256];
    CURLcode rc = CURLE_OK;

    snprintf(ua, sizeof ua, "rockset-odbc/%s%s%s", PACKAGE_VERSION,
             cfg->user_agent_extra && *cfg->user_agent_extra ? " " : "",
             cfg->user_agent_extra ? cfg->user_agent_extra : "");
    rc |= curl_easy_setopt(c, CURLOPT_USERAGENT, ua);
    rc |= curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    rc |= curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    rc |= curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
    rc |= curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, cfg->ssl_verify ? 1L : 0L);
    rc |= curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, cfg->ssl_verify ? 2L : 0L);
    if (cfg->ca_info && *cfg->ca_info)
        rc |= curl_easy_setopt(c, CURLOPT_CAINFO, cfg->ca_info);
    if (cfg->proxy && *cfg->proxy)
        rc |= curl_easy_setopt(c, CURLOPT_PROXY, cfg->proxy);
    if (cfg->connect_timeout_ms > 0)
        rc |= curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, cfg->connect_timeout_ms);
    rc |= curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->curl_err);
    rc |= curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    return rc == CURLE_OK ? 0 : -1;
}

rs_http *rs_http_new(const rs_client_config *cfg, const char *base_url, rs_error *err)
{
    rs_http *h;

    pthread_once(&rs_http_once, rs_http_global_init);
    h = calloc(1, sizeof *h);
    if (!h) {
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        return NULL;
    }
    atomic_init(&h->cancel, 0);
    h->max_retries = cfg->max_retries < 0 ? 0 : cfg->max_retries;
    h->stall_ms = cfg->stall_timeout_ms > 0 ? cfg->stall_timeout_ms : 0;
    h->base = strdup(base_url);
    h->api_key = strdup(cfg->api_key ? cfg->api_key : "");
    h->curl = curl_easy_init();
    if (h->api_key) {
        h->hdr_body = rs_http_headers(h->api_key, 1);
        h->hdr_nobody = rs_http_headers(h->api_key, 0);
    }
    if (!h->base || !h->api_key || !h->curl || !h->hdr_body || !h->hdr_nobody) {
        rs_error_set(err, RS_ERR_NOMEM, "could not set up the HTTP client (out of memory)");
        rs_http_free(h);
        return NULL;
    }
    if (rs_http_set_tls_proxy(h, cfg) != 0) {
        rs_error_set(err, RS_ERR_CONFIG, "libcurl refused an option (TLS, proxy or timeout)");
        rs_http_free(h);
        return NULL;
    }
    return h;
}

void rs_http_free(rs_http *h)
{
    if (!h)
        return;
    if (h->curl)
        curl_easy_cleanup(h->curl);
    curl_slist_free_all(h->hdr_body);
    curl_slist_free_all(h->hdr_nobody);
    if (h->api_key)
        memset(h->api_key, 0, strlen(h->api_key));
    free(h->api_key);
    free(h->base);
    free(h);
}

void rs_http_cancel(rs_http *h) { atomic_store(&h->cancel, 1); }
void rs_http_reset_cancel(rs_http *h) { atomic_store(&h->cancel, 0); }
int rs_http_cancelled(rs_http *h) { return atomic_load(&h->cancel); }

/* ---- callbacks ------------------------------------------------------------------------ */

static size_t rs_http_on_body(char *p, size_t size, size_t nmemb, void *ud)
{
    rs_http_xfer *x = ud;
    size_t n = size * nmemb;

    x->received += n;
    if (x->status == 0)
        curl_easy_getinfo(x->h->curl, CURLINFO_RESPONSE_CODE, &x->status);
    if (x->status >= 200 && x->status < 300) {
        if (x->req->sink && x->req->sink(x->req->sink_ud, p, n, x->err) != 0) {
            x->sink_failed = 1;
            return 0;
        }
        x->delivered += n;
        /* The sink may have waited for the application (a streamed one-answer result holds
         * the transfer until the previous batch is taken): that time is the reader's, not
         * a server stall, so the stall clock restarts here. */
        if (x->stall_ms > 0)
            x->last_ms = rs_http_now_ms();
        return n;
    }
    /* An error answer: keep its start for the message, drop the rest. */
    if (x->errlen < RS_HTTP_ERRBODY_MAX) {
        size_t keep = n < RS_HTTP_ERRBODY_MAX - x->errlen ? n : RS_HTTP_ERRBODY_MAX - x->errlen;
        char *b = realloc(x->errbody, x->errlen + keep + 1);
        if (!b)
            return 0;
        memcpy(b + x->errlen, p, keep);
        x->errlen += keep;
        b[x->errlen] = '\0';
        x->errbody = b;
    }
    return n;
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian), without timegm or the TZ. */
static long long rs_http_days(long y, int m, int d)
{
    long era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (long long)era * 146097 + doe - 719468;
}

static int rs_http_month(const char *s)
{
    static const char names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

    for (int i = 0; i < 12; i++)
        if (strncmp(s, names + 3 * i, 3) == 0)
            return i + 1;
    return 0;
}

/* An HTTP date (RFC 9110 5.6.7: IMF-fixdate, or the obsolete RFC 850 and asctime forms) as
 * seconds since the epoch; -1 when v is not one. Parsed by hand: strptime follows the
 * application's locale, and month names here are always English. */
static long long rs_http_date(const char *v)
{
    char mon[4] = "", wd[16] = "";
    int d, hh, mm, ss, m, n = 0;
    long y;

    if (sscanf(v, "%15[A-Za-z], %2d %3s %4ld %2d:%2d:%2d GMT%n", wd, &d, mon, &y, &hh, &mm,
               &ss, &n) == 7 && n > 0) {
        /* IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT */
    } else if (sscanf(v, "%15[A-Za-z], %2d-%3s-%2ld %2d:%2d:%2d GMT%n", wd, &d, mon, &y, &hh,
                      &mm, &ss, &n) == 7 && n > 0) {
        y += y < 70 ? 2000 : 1900; /* RFC 850: Sunday, 06-Nov-94 08:49:37 GMT */
    } else if (sscanf(v, "%3s %3s %2d %2d:%2d:%2d %4ld%n", wd, mon, &d, &hh, &mm, &ss, &y,
                      &n) == 7 && n > 0) {
        /* asctime: Sun Nov  6 08:49:37 1994 */
    } else {
        return -1;
    }
    m = rs_http_month(mon);
    if (!m || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 60 || hh < 0 || mm < 0 || ss < 0)
        return -1;
    return rs_http_days(y, m, d) * 86400LL + hh * 3600LL + mm * 60LL + ss;
}

long rs_http_retry_after_ms(const char *v, long long now)
{
    char *end;
    long long secs, when;

    while (*v == ' ' || *v == '\t')
        v++;
    if (*v >= '0' && *v <= '9') {
        secs = strtoll(v, &end, 10);
        while (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n')
            end++;
        if (*end)
            return -1;
    } else {
        when = rs_http_date(v);
        if (when < 0)
            return -1;
        secs = when > now ? when - now : 0; /* a date in the past: retry now */
    }
    return secs > RS_HTTP_RETRY_AFTER_MAX_MS / 1000 ? RS_HTTP_RETRY_AFTER_MAX_MS
                                                    : (long)secs * 1000L;
}

static size_t rs_http_on_header(char *p, size_t size, size_t nmemb, void *ud)
{
    rs_http_xfer *x = ud;
    size_t n = size * nmemb;

    if (n > 7 && strncasecmp(p, "server:", 7) == 0) {
        size_t b = 7, e = n;
        while (b < e && (p[b] == ' ' || p[b] == '\t'))
            b++;
        while (e > b && (p[e - 1] == '\r' || p[e - 1] == '\n' || p[e - 1] == ' '))
            e--;
        snprintf(x->h->server, sizeof x->h->server, "%.*s", (int)(e - b), p + b);
    }
    if (n > 12 && strncasecmp(p, "retry-after:", 12) == 0) {
        char tmp[64];
        size_t k = n - 12 < sizeof tmp - 1 ? n - 12 : sizeof tmp - 1;
        long ms;
        memcpy(tmp, p + 12, k);
        tmp[k] = '\0';
        /* a value we cannot read falls back to our own backoff */
        ms = rs_http_retry_after_ms(tmp, (long long)time(NULL));
        if (ms >= 0)
            x->retry_after_ms = ms;
    }
    return n;
}

/* The request body is handed to libcurl through a read callback, not CURLOPT_POSTFIELDS, so
 * that libcurl must ask before it sends it again. It asks (CURLOPT_SEEKFUNCTION: "called to
 * rewind a stream when data has already been sent to the server and needs to be sent again
 * ... when an existing HTTP connection is reused too late and the server closes the
 * connection") only when body bytes already went out; a request whose body never left is
 * re-sent without asking, which is safe. */
static size_t rs_http_on_read(char *p, size_t size, size_t nmemb, void *ud)
{
    rs_http_xfer *x = ud;
    size_t room = size * nmemb, left = x->req->body_len - x->body_pos;
    size_t n = left < room ? left : room;

    if (n)
        memcpy(p, x->req->body + x->body_pos, n);
    x->body_pos += n;
    return n;
}

static int rs_http_on_seek(void *ud, curl_off_t offset, int origin)
{
    rs_http_xfer *x = ud;

    if (origin != SEEK_SET || offset < 0 || (size_t)offset > x->req->body_len)
        return CURL_SEEKFUNC_FAIL;
    if (!rs_http_idempotent(x->req->method)) {
        /* The server may have the whole request and may have run it: a second copy could run
         * a query (an INSERT) twice. Fail the transfer instead (CURLE_SEND_FAIL_REWIND). */
        x->rewind_refused = 1;
        return CURL_SEEKFUNC_FAIL;
    }
    x->body_pos = (size_t)offset;
    return CURL_SEEKFUNC_OK;
}

/* Cancellation, and the stall limit. libcurl's own CURLOPT_LOW_SPEED_LIMIT/TIME judge an
 * average over a window of up to 6 s, so after the request went out a silent server was
 * caught only 6 s past a 1 s limit (measured: 7.2 s); here the clock restarts whenever a byte
 * moves, and the callback runs about once a second even when nothing does ("during slow
 * periods ... it can slow down to about one call per second", CURLOPT_XFERINFOFUNCTION). */
static int rs_http_on_progress(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut,
                               curl_off_t un)
{
    rs_http_xfer *x = ud;
    long now;

    (void)dt, (void)ut;
    if (atomic_load(&x->h->cancel))
        return 1;
    if (x->stall_ms <= 0)
        return 0;
    now = rs_http_now_ms();
    if (dn != x->last_dn || un != x->last_un || x->last_ms == 0) {
        x->last_dn = dn;
        x->last_un = un;
        x->last_ms = now;
        return 0;
    }
    if (now - x->last_ms < x->stall_ms)
        return 0;
    x->stalled = 1;
    return 1;
}

/* ---- one attempt ---------------------------------------------------------------------- */

static int rs_http_setup(rs_http *h, const rs_http_req *req, rs_http_xfer *x, char **url)
{
    CURL *c = h->curl;
    size_t len = strlen(h->base) + strlen(req->path) + 1;
    CURLcode rc = CURLE_OK;

    *url = malloc(len);
    if (!*url)
        return -1;
    snprintf(*url, len, "%s%s", h->base, req->path);
    rc |= curl_easy_setopt(c, CURLOPT_URL, *url);
    rc |= curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    rc |= curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, (char *)NULL);
    if (req->body || strcmp(req->method, "POST") == 0) {
        rc |= curl_easy_setopt(c, CURLOPT_POST, 1L);
        rc |= curl_easy_setopt(c, CURLOPT_POSTFIELDS, (char *)NULL);
        rc |= curl_easy_setopt(c, CURLOPT_READFUNCTION, rs_http_on_read);
        rc |= curl_easy_setopt(c, CURLOPT_SEEKFUNCTION, rs_http_on_seek);
        rc |= curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                               (curl_off_t)(req->body ? req->body_len : 0));
    }
    if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "POST") != 0)
        rc |= curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, req->method);
    /* A bound even without a timeout: no byte either way for stall_ms ends the transfer
     * (rs_http_on_progress). */
    x->stall_ms = req->stall_ms > 0 ? req->stall_ms : h->stall_ms;
    rc |= curl_easy_setopt(c, CURLOPT_HTTPHEADER, req->body ? h->hdr_body : h->hdr_nobody);
    rc |= curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, req->timeout_ms > 0 ? req->timeout_ms : 0L);
    rc |= curl_easy_setopt(c, CURLOPT_READDATA, x); /* never a previous attempt's state */
    rc |= curl_easy_setopt(c, CURLOPT_SEEKDATA, x);
    rc |= curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, rs_http_on_body);
    rc |= curl_easy_setopt(c, CURLOPT_WRITEDATA, x);
    rc |= curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, rs_http_on_header);
    rc |= curl_easy_setopt(c, CURLOPT_HEADERDATA, x);
    rc |= curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    rc |= curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, rs_http_on_progress);
    rc |= curl_easy_setopt(c, CURLOPT_XFERINFODATA, x);
    return rc == CURLE_OK ? 0 : -1;
}

/* Removes any copy of the key from a message (a server could echo a header back). */
static void rs_http_redact(rs_http *h, rs_error *err)
{
    size_t n = strlen(h->api_key);
    char *p;

    if (n < 4)
        return;
    while ((p = strstr(err->message, h->api_key)) != NULL)
        memset(p, '*', n);
}

static void rs_http_copy_str(char *dst, size_t size, const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItem(o, key);

    if (cJSON_IsString(v))
        snprintf(dst, size, "%s", v->valuestring);
}

void rs_http_error_from_body(rs_error *err, long status, const char *body, size_t len)
{
    cJSON *o = body && len ? cJSON_ParseWithLength(body, len) : NULL;
    const cJSON *msg = cJSON_GetObjectItem(o, "message");
    const cJSON *line = cJSON_GetObjectItem(o, "line"), *col = cJSON_GetObjectItem(o, "column");
    char snippet[201];
    size_t i, n;

    if (cJSON_IsObject(o) && (cJSON_IsString(msg) || cJSON_GetObjectItem(o, "type"))) {
        const cJSON *type = cJSON_GetObjectItem(o, "type");
        if (cJSON_IsString(msg) && msg->valuestring[0])
            rs_error_set(err, RS_ERR_HTTP, "%s", msg->valuestring);
        else
            rs_error_set(err, RS_ERR_HTTP, "HTTP %ld from server (%s)", status,
                         cJSON_IsString(type) ? type->valuestring : "no message");
        rs_http_copy_str(err->type, sizeof err->type, o, "type");
        rs_http_copy_str(err->message_key, sizeof err->message_key, o, "message_key");
        rs_http_copy_str(err->error_id, sizeof err->error_id, o, "error_id");
        rs_http_copy_str(err->query_id, sizeof err->query_id, o, "query_id");
        if (cJSON_IsNumber(line))
            err->line = line->valueint;
        if (cJSON_IsNumber(col))
            err->column = col->valueint;
    } else if (len == 0) {
        rs_error_set(err, RS_ERR_HTTP, "HTTP %ld from server (empty body)", status);
    } else {
        n = len < 200 ? len : 200;
        for (i = 0; i < n; i++)
            snippet[i] = (body[i] >= 0x20 && body[i] < 0x7f) ? body[i] : ' ';
        snippet[n] = '\0';
        rs_error_set(err, RS_ERR_HTTP, "HTTP %ld from server: %s", status, snippet);
    }
    err->http_status = (int)status;
    cJSON_Delete(o);
}

enum { RS_HTTP_DONE, RS_HTTP_FAIL, RS_HTTP_RETRY };

int rs_http_idempotent(const char *method)
{
    static const char *const safe[] = { "GET", "HEAD", "PUT", "DELETE", "OPTIONS", NULL };

    for (int i = 0; safe[i]; i++)
        if (strcmp(method, safe[i]) == 0)
            return 1;
    return 0;
}

/* 429 (RFC 6585: too many requests) is a refusal before the request was acted on, so even a
 * query may be sent again. 502/503/504 may come from a gateway that had passed the request
 * on (or from a server that failed while running it): only idempotent requests are
 * repeated after them. */
static int rs_http_retryable_status(const rs_http_req *req, long s)
{
    if (s == 429)
        return 1;
    return rs_http_idempotent(req->method) && (s == 502 || s == 503 || s == 504);
}

/* A timeout is either the request's own bound or the stall limit: say which, and how to
 * change it. */
static void rs_http_timed_out(const rs_http_req *req, rs_http_xfer *x, long elapsed_ms)
{
    if (!x->stalled)
        rs_error_set(x->err, RS_ERR_TIMEOUT, "%s %s: no complete answer after %ld ms (the "
                     "request's timeout: QueryTimeout for queries, Timeout for other requests, "
                     "ConnectTimeout while connecting)", req->method, req->path, elapsed_ms);
    else
        rs_error_set(x->err, RS_ERR_TIMEOUT, "%s %s: the server sent nothing for %ld s (the "
                     "stall limit, keyword StallTimeout)", req->method, req->path,
                     (x->stall_ms + 999) / 1000);
}

/* A 3xx is never followed (CURLOPT_FOLLOWLOCATION 0): the ApiKey header would go wherever
 * the Location points. */
static void rs_http_redirected(rs_http *h, rs_http_xfer *x)
{
    char *where = NULL;

    curl_easy_getinfo(h->curl, CURLINFO_REDIRECT_URL, &where);
    rs_error_set(x->err, RS_ERR_HTTP, "the server answered HTTP %ld, a redirect to %.300s, which "
                 "is not followed (it would take the API key along): set Server to the URL "
                 "that answers", x->status, where ? where : "(no Location)");
    x->err->http_status = (int)x->status;
}

/* What a failed transfer means, and whether it may be repeated. */
static int rs_http_classify(rs_http *h, const rs_http_req *req, rs_http_xfer *x, CURLcode rc,
                            long elapsed_ms)
{
    const char *what = h->curl_err[0] ? h->curl_err : curl_easy_strerror(rc);
    int idempotent = rs_http_idempotent(req->method);

    switch (rc) {
    case CURLE_ABORTED_BY_CALLBACK:
        if (x->stalled) {
            rs_http_timed_out(req, x, elapsed_ms);
            return RS_HTTP_FAIL;
        }
        rs_error_set(x->err, RS_ERR_CANCELLED, "the request was cancelled");
        return RS_HTTP_FAIL;
    case CURLE_WRITE_ERROR:
        if (x->sink_failed)
            return RS_HTTP_FAIL; /* the consumer set err */
        rs_error_set(x->err, RS_ERR_NOMEM, "could not store the server's answer");
        return RS_HTTP_FAIL;
    case CURLE_OPERATION_TIMEDOUT:
        rs_http_timed_out(req, x, elapsed_ms);
        return RS_HTTP_FAIL;
    case CURLE_SEND_FAIL_REWIND:
        if (!x->rewind_refused)
            break;
        rs_error_set(x->err, RS_ERR_NETWORK, "%s %s: the connection closed before the server "
                     "answered, after the request was sent; it is not sent again because the "
                     "server may have run it", req->method, req->path);
        return RS_HTTP_FAIL;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
        rs_error_set(x->err, RS_ERR_CONNECT, "could not connect to the server (%s)", what);
        return RS_HTTP_RETRY;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_CRL_BADFILE:
        rs_error_set(x->err, RS_ERR_CONNECT, "TLS setup with the server failed (%s)", what);
        return RS_HTTP_FAIL;
    case CURLE_BAD_CONTENT_ENCODING:
        rs_error_set(x->err, RS_ERR_PROTOCOL, "the server's answer could not be decompressed (%s)",
                     what);
        return RS_HTTP_FAIL;
    default:
        break;
    }
    rs_error_set(x->err, RS_ERR_NETWORK, "the connection to the server failed (%s)", what);
    /* An idempotent request whose answer has not started may be repeated (a started one
     * was partly consumed); a POST may already have run. */
    return idempotent && x->received == 0 ? RS_HTTP_RETRY : RS_HTTP_FAIL;
}

static int rs_http_attempt(rs_http *h, const rs_http_req *req, rs_http_xfer *x)
{
    char *url = NULL;
    long t0 = rs_http_now_ms();
    CURLcode rc;
    int r;

    h->curl_err[0] = '\0';
    if (rs_http_setup(h, req, x, &url) != 0) {
        free(url);
        rs_error_set(x->err, RS_ERR_NOMEM, "could not prepare the HTTP request");
        return RS_HTTP_FAIL;
    }
    rc = curl_easy_perform(h->curl);
    free(url);
    curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &x->status);
    t0 = rs_http_now_ms() - t0;
    rs_log(RS_LOG_INFO, "%s %s -> %ld (%s), %zu bytes, %ld ms", req->method, req->path,
           x->status, rc == CURLE_OK ? "ok" : curl_easy_strerror(rc), x->received, t0);
    if (rc != CURLE_OK)
        return rs_http_classify(h, req, x, rc, t0);
    if (x->status >= 200 && x->status < 300)
        return RS_HTTP_DONE;
    if (x->status >= 300 && x->status < 400) {
        rs_http_redirected(h, x);
        return RS_HTTP_FAIL;
    }
    rs_http_error_from_body(x->err, x->status, x->errbody, x->errlen);
    r = rs_http_retryable_status(req, x->status) ? RS_HTTP_RETRY : RS_HTTP_FAIL;
    return r;
}

/* Sleeps before a retry in short slices so that a cancel is seen. 0 slept, -1 cancelled. */
static int rs_http_backoff(rs_http *h, long ms)
{
    long end = rs_http_now_ms() + ms;

    while (rs_http_now_ms() < end) {
        struct timespec ts = { 0, 20 * 1000000L };
        if (atomic_load(&h->cancel))
            return -1;
        nanosleep(&ts, NULL);
    }
    return atomic_load(&h->cancel) ? -1 : 0;
}

int rs_http_perform(rs_http *h, const rs_http_req *req, long *status, rs_error *err)
{
    int attempt, r;

    for (attempt = 0;; attempt++) {
        rs_http_xfer x;
        long delay;

        memset(&x, 0, sizeof x);
        x.h = h;
        x.req = req;
        x.err = err;
        x.retry_after_ms = -1;
        rs_error_clear(err);
        if (atomic_load(&h->cancel)) {
            rs_error_set(err, RS_ERR_CANCELLED, "the request was cancelled");
            return -1;
        }
        r = rs_http_attempt(h, req, &x);
        free(x.errbody);
        if (status)
            *status = x.status;
        if (r == RS_HTTP_DONE)
            return 0;
        rs_http_redact(h, err);
        if (r == RS_HTTP_FAIL || attempt >= h->max_retries || req->no_retry)
            return -1;
        delay = x.retry_after_ms >= 0 ? x.retry_after_ms
                                      : RS_HTTP_BACKOFF_BASE_MS << (attempt < 6 ? attempt : 6);
        if (delay > RS_HTTP_BACKOFF_MAX_MS && x.retry_after_ms < 0)
            delay = RS_HTTP_BACKOFF_MAX_MS;
        rs_log(RS_LOG_WARN, "%s %s: %s; retry %d of %d in %ld ms", req->method, req->path,
               err->message, attempt + 1, h->max_retries, delay);
        if (rs_http_backoff(h, delay) != 0) {
            rs_error_clear(err);
            rs_error_set(err, RS_ERR_CANCELLED, "the request was cancelled");
            return -1;
        }
    }
}

const char *rs_http_server(const rs_http *h)
{
    return h->server;
}
