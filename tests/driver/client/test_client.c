/* SPDX-License-Identifier: Apache-2.0 */
/* The API client against a scripted fake server: queries and pages, retries, errors,
 * cancellation, timeouts, compression, and the in-memory row source. */
#include <sys/stat.h>
#include <CUnit/Basic.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "driver/client/http.h"
#include "driver/client/log.h"
#include "driver/client/rs_client.h"
#include "tests/driver/client/fake_server.h"
#include "tests/cunit_main.h"

#define KEY "sEcReTkEy0123456789"

static fake_server *fs;

static long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)(ts.tv_sec * 1000L + ts.tv_nsec / 1000000L);
}

static long stall_ms; /* the next new_client's stall limit, 0 = none */

static rs_client *new_client(int retries, long timeout_ms)
{
    rs_client_config cfg;
    rs_error err;
    rs_client *c;

    memset(&cfg, 0, sizeof cfg);
    cfg.stall_timeout_ms = stall_ms;
    cfg.server = fs_url(fs);
    cfg.api_key = KEY;
    cfg.ssl_verify = 1;
    cfg.max_retries = retries;
    cfg.timeout_ms = timeout_ms;
    rs_error_clear(&err);
    c = rs_client_new(&cfg, &err);
    CU_ASSERT_PTR_NOT_NULL(c);
    return c;
}

static void push(int status, const char *headers, const char *body)
{
    fs_resp r = { status, headers, body, FS_NORMAL, 0, 0, 0 };
    fs_push(fs, &r);
}

static int setup(void)
{
    fs = fs_start();
    return fs ? 0 : 1;
}

static int teardown(void)
{
    fs_stop(fs);
    return 0;
}

/* Every test starts with a fresh server so scripts and request logs do not mix. */
static void restart(void)
{
    fs_stop(fs);
    fs = fs_start();
}

static void test_query_pages(void)
{
    rs_client *c;
    rs_rowsource *rs = NULL;
    rs_query_request q;
    rs_query_param p[2] = { { "n", "int", "5", 0 }, { "s", "string", NULL, 1 } };
    const rs_page *pg;
    rs_error err;

    restart();
    push(200, NULL, "{\"query_id\":\"q/1\",\"results\":[{\"a\":1},{\"a\":2}],"
                    "\"results_total_doc_count\":3,\"pagination\":{\"next_cursor\":\"c 1\"},"
                    "\"column_fields\":[{\"name\":\"a\",\"type\":\"\"}]}");
    push(200, NULL, "{\"results\":[{\"a\":3}],\"pagination\":{\"next_cursor\":null}}");
    c = new_client(0, 0);
    memset(&q, 0, sizeof q);
    q.sql = "SELECT a FROM t WHERE n = :n";
    q.params = p;
    q.nparams = 2;
    q.page_size = 2;
    q.default_row_limit = 100;
    rs_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(rs_client_query(c, &q, &rs, &err), 0);
    CU_ASSERT_EQUAL(rs->ncols, 1);
    CU_ASSERT_STRING_EQUAL(rs->cols[0].name, "a");
    CU_ASSERT_EQUAL(rs->total_rows, 3);
    CU_ASSERT_STRING_EQUAL(rs->query_id, "q/1");
    CU_ASSERT_EQUAL(fs_nrequests(fs), 1); /* columns known after the first answer only */
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), 1);
    CU_ASSERT_EQUAL(pg->nrows, 2);
    CU_ASSERT_STRING_EQUAL(pg->cells[1].text, "2");
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), 1);
    CU_ASSERT_EQUAL(pg->nrows, 1);
    CU_ASSERT_STRING_EQUAL(pg->cells[0].text, "3");
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), 0);
    rs_rowsource_close(rs);
    rs_client_free(c);

    CU_ASSERT_EQUAL(fs_nrequests(fs), 2);
    /* keep-alive: the query's connection, and the one its pages are read on in the background
     * (the first stays free for other statements) */
    CU_ASSERT_EQUAL(fs_nconnections(fs), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(fs_request(fs, 0), "POST /v1/orgs/self/queries HTTP/1.1"));
    CU_ASSERT_PTR_NOT_NULL(strstr(fs_request(fs, 0), "Authorization: ApiKey " KEY "\r\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(fs_request(fs, 0), "User-Agent: rockset-odbc/"));
    CU_ASSERT_PTR_NOT_NULL(strstr(fs_request(fs, 0), "Content-Type: application/json"));
    CU_ASSERT_PTR_NOT_NULL(strstr(fs_request(fs, 0), "Accept-Encoding: "));
    CU_ASSERT_PTR_NOT_NULL(strstr(fs_request(fs, 0),
        "{\"sql\":{\"query\":\"SELECT a FROM t WHERE n = :n\",\"parameters\":[{\"name\":\"n\","
        "\"type\":\"int\",\"value\":\"5\"},{\"name\":\"s\",\"type\":\"string\",\"value\":null}],"
        "\"default_row_limit\":100},\"max_initial_results\":2}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(fs_request(fs, 1),
        "GET /v1/orgs/self/queries/q%2F1/pages?cursor=c%201&docs=2&offset=0 HTTP/1.1"));
    CU_ASSERT_PTR_NULL(strstr(fs_request(fs, 1), "Content-Type"));
}

static void test_unpaginated_and_lambda(void)
{
    rs_client *c;
    rs_rowsource *rs = NULL;
    rs_query_request q;
    const rs_page *pg;
    rs_error err;

    restart();
    /* chunked in tiny pieces: decoded as it arrives */
    fs_resp r = { 200, NULL, "{\"results\":[{\"x\":\"a\"},{\"x\":\"b\"},{\"y\":1}]}", FS_NORMAL,
                  0, 3, 0 };
    fs_push(fs, &r);
    c = new_client(0, 0);
    memset(&q, 0, sizeof q);
    q.lambda_ws = "my ws";
    q.lambda_name = "ql";
    q.page_size = 100;
    rs_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(rs_client_query(c, &q, &rs, &err), 0);
    CU_ASSERT_EQUAL(rs->ncols, 2);
    CU_ASSERT_EQUAL(rs->total_rows, 3);
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), 1);
    CU_ASSERT_EQUAL(pg->nrows, 3);
    CU_ASSERT_EQUAL(pg->cells[5].kind, RS_V_INT);
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), 0);
    rs_rowsource_close(rs);
    CU_ASSERT_PTR_NOT_NULL(strstr(fs_request(fs, 0),
                                  "POST /v1/orgs/self/ws/my%20ws/lambdas/ql/tags/latest "));
    q.lambda_version = "abc123";
    push(200, NULL, "{\"results\":[]}");
    CU_ASSERT_EQUAL_FATAL(rs_client_query(c, &q, &rs, &err), 0);
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), 0);
    rs_rowsource_close(rs);
    CU_ASSERT_PTR_NOT_NULL(strstr(fs_request(fs, 1), "/lambdas/ql/versions/abc123 "));
    rs_client_free(c);
}

static void test_retry_after(void)
{
    rs_client *c;
    cJSON *out = NULL;
    rs_error err;
    long t0;

    restart();
    push(429, "Retry-After: 1\r\n", "{\"message\":\"slow down\",\"type\":\"RATELIMITEXCEEDED\"}");
    push(200, NULL, "{\"data\":{\"ok\":true}}");
    c = new_client(3, 0);
    t0 = now_ms();
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_client_call(c, "GET", "/v1/orgs/self", NULL, &out, &err), 0);
    CU_ASSERT(now_ms() - t0 >= 950);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 2);
    CU_ASSERT_TRUE(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(out, "data"), "ok")));
    cJSON_Delete(out);
    rs_client_free(c);
}

/* Retry-After as an HTTP date (RFC 9110: IMF-fixdate and the two obsolete forms). */
static void test_retry_after_date(void)
{
    const long long t = 784111777; /* Sun, 06 Nov 1994 08:49:37 GMT */
    rs_client *c;
    cJSON *out = NULL;
    rs_error err;
    char hdr[96];
    time_t later = time(NULL) + 2;
    struct tm tm;
    long t0;

    CU_ASSERT_EQUAL(rs_http_retry_after_ms(" Sun, 06 Nov 1994 08:49:40 GMT\r\n", t), 3000);
    CU_ASSERT_EQUAL(rs_http_retry_after_ms("Sunday, 06-Nov-94 08:49:47 GMT", t), 10000);
    CU_ASSERT_EQUAL(rs_http_retry_after_ms("Sun Nov  6 08:49:39 1994", t), 2000);
    CU_ASSERT_EQUAL(rs_http_retry_after_ms("Sun, 06 Nov 1994 08:00:00 GMT", t), 0);  /* past */
    CU_ASSERT_EQUAL(rs_http_retry_after_ms("Mon, 07 Nov 1994 08:49:37 GMT", t), 60000); /* cap */
    CU_ASSERT_EQUAL(rs_http_retry_after_ms("Sat, 01 Mar 2025 00:00:05 GMT", 1740787200), 5000);
    CU_ASSERT_EQUAL(rs_http_retry_after_ms("7", t), 7000);
    CU_ASSERT_EQUAL(rs_http_retry_after_ms("7 s", t), -1);
    CU_ASSERT_EQUAL(rs_http_retry_after_ms("Sun, 06 Foo 1994 08:49:40 GMT", t), -1);
    CU_ASSERT_EQUAL(rs_http_retry_after_ms("soon", t), -1);

    /* end to end: the client waits until the date */
    gmtime_r(&later, &tm);
    strftime(hdr, sizeof hdr, "Retry-After: %a, %d %b %Y %H:%M:%S GMT\r\n", &tm);
    restart();
    push(503, hdr, "{\"message\":\"busy\",\"type\":\"SERVICEUNAVAILABLE\"}");
    push(200, NULL, "{\"data\":{\"ok\":true}}");
    c = new_client(3, 0);
    t0 = now_ms();
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_client_call(c, "GET", "/v1/orgs/self", NULL, &out, &err), 0);
    CU_ASSERT(now_ms() - t0 >= 900);  /* our own first backoff would be 200 ms */
    CU_ASSERT(now_ms() - t0 < 5000);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 2);
    cJSON_Delete(out);
    rs_client_free(c);
}

static void test_retries_exhausted(void)
{
    rs_client *c;
    cJSON *out = NULL;
    rs_error err;

    restart();
    push(503, NULL, "<html>busy</html>");
    push(503, NULL, "<html>busy</html>");
    push(503, NULL, "<html>still busy</html>");
    push(200, NULL, "{}");
    c = new_client(2, 0);
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_client_call(c, "GET", "/v1/orgs/self/ws", NULL, &out, &err), -1);
    CU_ASSERT_PTR_NULL(out);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 3);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_HTTP);
    CU_ASSERT_EQUAL(err.http_status, 503);
    CU_ASSERT_STRING_EQUAL(err.message, "HTTP 503 from server: <html>still busy</html>");
    rs_client_free(c);
}

static void test_error_model(void)
{
    rs_client *c;
    rs_rowsource *rs = NULL;
    rs_query_request q;
    rs_error err;

    restart();
    push(400, NULL, "{\"message\":\"Function `COUT` not found.\",\"message_key\":null,"
                    "\"type\":\"QUERY_ERROR\",\"line\":1,\"column\":8,\"trace_id\":null,"
                    "\"error_id\":\"function_not_found\",\"query_id\":\"qe1\","
                    "\"internal_errors\":null}");
    push(404, NULL, "{\"message\":\"Collection not found, key " KEY "\",\"message_key\":"
                    "\"COLLECTION_DOES_NOT_EXIST\",\"type\":\"NOTFOUND\"}");
    push(200, NULL, "{\"results\":[],\"query_errors\":[{\"type\":\"QUERY_ERROR\",\"message\":"
                    "\"late failure\",\"status_code\":400}]}");
    c = new_client(3, 0);
    memset(&q, 0, sizeof q);
    q.sql = "SELECT COUT(*) FROM t";
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_client_query(c, &q, &rs, &err), -1);
    CU_ASSERT_PTR_NULL(rs);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_HTTP);
    CU_ASSERT_EQUAL(err.http_status, 400);
    CU_ASSERT_STRING_EQUAL(err.message, "Function `COUT` not found.");
    CU_ASSERT_STRING_EQUAL(err.type, "QUERY_ERROR");
    CU_ASSERT_STRING_EQUAL(err.message_key, "");
    CU_ASSERT_EQUAL(err.line, 1);
    CU_ASSERT_EQUAL(err.column, 8);
    CU_ASSERT_STRING_EQUAL(err.error_id, "function_not_found");
    CU_ASSERT_STRING_EQUAL(err.query_id, "qe1");
    CU_ASSERT_EQUAL(rs_client_query(c, &q, &rs, &err), -1);
    CU_ASSERT_EQUAL(err.http_status, 404);
    CU_ASSERT_STRING_EQUAL(err.message_key, "COLLECTION_DOES_NOT_EXIST");
    CU_ASSERT_PTR_NULL(strstr(err.message, KEY)); /* an echoed key is blanked */
    CU_ASSERT_EQUAL(rs_client_query(c, &q, &rs, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_HTTP);
    CU_ASSERT_STRING_EQUAL(err.message, "late failure");
    CU_ASSERT_EQUAL(fs_nrequests(fs), 3); /* 4xx are not retried */
    rs_client_free(c);
}

static void test_bad_bodies(void)
{
    rs_client *c;
    rs_rowsource *rs = NULL;
    rs_query_request q;
    cJSON *out = NULL;
    rs_error err;
    fs_resp trunc = { 200, NULL, "{\"results\":[{\"a\":1},{\"a\":2},{\"a\":3}]}", FS_TRUNCATE,
                      0, 0, 0 };

    restart();
    push(200, NULL, "{\"results\":[{\"a\":1},]}");
    fs_push(fs, &trunc);
    push(200, NULL, "not json");
    c = new_client(0, 0);
    memset(&q, 0, sizeof q);
    q.sql = "SELECT 1";
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_client_query(c, &q, &rs, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_PROTOCOL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "byte"));
    CU_ASSERT_EQUAL(rs_client_query(c, &q, &rs, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_NETWORK);
    CU_ASSERT_EQUAL(rs_client_call(c, "GET", "/v1/orgs/self", NULL, &out, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_PROTOCOL);
    rs_client_free(c);
}

static void test_drop(void)
{
    rs_client *c;
    rs_rowsource *rs = NULL;
    rs_query_request q;
    cJSON *out = NULL;
    rs_error err;
    fs_resp drop = { 0, NULL, NULL, FS_DROP, 0, 0, 0 };

    restart();
    fs_push(fs, &drop);           /* a POST that may have run is not repeated */
    fs_push(fs, &drop);           /* a GET is */
    push(200, NULL, "{\"data\":[]}");
    c = new_client(2, 0);
    memset(&q, 0, sizeof q);
    q.sql = "INSERT INTO t SELECT 1";
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_client_query(c, &q, &rs, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_NETWORK);
    CU_ASSERT_EQUAL(rs_client_call(c, "GET", "/v1/orgs/self/ws", NULL, &out, &err), 0);
    CU_ASSERT_TRUE(cJSON_IsArray(cJSON_GetObjectItem(out, "data")));
    cJSON_Delete(out);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 3);
    rs_client_free(c);
}

/* A query POST is repeated only when the server provably did not act on it: after a 429
 * (refused before it ran), never after 502/503/504; a GET is repeated after those too. */
static void test_post_retry_policy(void)
{
    static const int status[] = { 502, 503, 504 };
    rs_client *c;
    rs_rowsource *rs = NULL;
    rs_query_request q;
    cJSON *out = NULL;
    rs_error err;

    restart();
    for (int i = 0; i < 3; i++) {
        push(status[i], "Retry-After: 0\r\n", "{\"message\":\"busy\",\"type\":\"x\"}");
        push(200, NULL, "{\"query_id\":\"ran-twice\",\"results\":[]}");
    }
    c = new_client(3, 0);
    memset(&q, 0, sizeof q);
    q.sql = "INSERT INTO t SELECT 1";
    for (int i = 0; i < 3; i++) {
        rs_error_clear(&err);
        CU_ASSERT_EQUAL(rs_client_query(c, &q, &rs, &err), -1);
        CU_ASSERT_EQUAL(err.kind, RS_ERR_HTTP);
        CU_ASSERT_EQUAL(err.http_status, status[i]);
        CU_ASSERT_EQUAL(fs_nrequests(fs), 1 + 2 * i);
        /* the 200 meant for a retry goes to the next call instead (a GET here) */
        CU_ASSERT_EQUAL(rs_client_call(c, "GET", "/v1/orgs/self", NULL, &out, &err), 0);
        cJSON_Delete(out);
        out = NULL;
    }
    /* 429: refused before it ran, so repeated */
    push(429, "Retry-After: 0\r\n", "{\"message\":\"slow\",\"type\":\"RATELIMITEXCEEDED\"}");
    push(200, NULL, "{\"query_id\":\"ok\",\"results\":[]}");
    CU_ASSERT_EQUAL(rs_client_query(c, &q, &rs, &err), 0);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 8);
    rs_rowsource_close(rs);
    /* DELETE is idempotent: repeated after a 503 */
    push(503, "Retry-After: 0\r\n", "{}");
    push(200, NULL, "{\"data\":{}}");
    CU_ASSERT_EQUAL(rs_client_call(c, "DELETE", "/v1/orgs/self/queries/x", NULL, &out, &err), 0);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 10);
    cJSON_Delete(out);
    CU_ASSERT_TRUE(rs_http_idempotent("GET") && rs_http_idempotent("DELETE"));
    CU_ASSERT_FALSE(rs_http_idempotent("POST") || rs_http_idempotent("PATCH"));
    rs_client_free(c);
}

/* A kept-alive connection the server closes after reading a request, without a word:
 * libcurl would send the request again on a fresh connection by itself. A query POST must
 * not be (the server may have run it); a GET is, silently and correctly. */
static void test_reused_connection_closed(void)
{
    rs_client *c;
    rs_rowsource *rs = NULL;
    rs_query_request q;
    cJSON *out = NULL;
    rs_error err;
    fs_resp drop = { 0, NULL, NULL, FS_DROP, 0, 0, 0 };

    restart();
    push(200, NULL, "{\"data\":{}}");
    fs_push(fs, &drop);
    push(200, NULL, "{\"query_id\":\"ran-twice\",\"results\":[{\"n\":1}]}");
    c = new_client(3, 0);
    memset(&q, 0, sizeof q);
    q.sql = "INSERT INTO t SELECT 1";
    q.page_size = 10; /* the POST goes on the connection the GET left open (PageSize 0 would
                         read its one answer on a connection of its own) */
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_client_call(c, "GET", "/v1/orgs/self", NULL, &out, &err), 0);
    cJSON_Delete(out);
    out = NULL;
    CU_ASSERT_EQUAL(rs_client_query(c, &q, &rs, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_NETWORK);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "not sent again"));
    CU_ASSERT_EQUAL(fs_nrequests(fs), 2); /* the POST went out once */
    rs_client_free(c);

    restart();
    push(200, NULL, "{\"data\":{}}");
    fs_push(fs, &drop);
    push(200, NULL, "{\"data\":{\"again\":true}}");
    c = new_client(0, 0); /* no retries of ours: libcurl's re-send on a new connection */
    CU_ASSERT_EQUAL(rs_client_call(c, "GET", "/v1/orgs/self", NULL, &out, &err), 0);
    cJSON_Delete(out);
    out = NULL;
    CU_ASSERT_EQUAL(rs_client_call(c, "GET", "/v1/orgs/self/ws", NULL, &out, &err), 0);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 3);
    CU_ASSERT_EQUAL(fs_nconnections(fs), 2);
    cJSON_Delete(out);
    rs_client_free(c);
}

/* A server that takes the request and sends nothing: with no timeout the stall limit ends
 * the request, and the message names it. */
static void test_stall_limit(void)
{
    rs_client *c;
    rs_rowsource *rs = NULL;
    rs_query_request q;
    rs_error err;
    fs_resp stall = { 0, NULL, NULL, FS_STALL, 0, 0, 0 };
    long t0;

    restart();
    fs_push(fs, &stall);
    stall_ms = 1000;
    c = new_client(3, 0);
    stall_ms = 0;
    memset(&q, 0, sizeof q);
    q.sql = "SELECT 1";
    rs_error_clear(&err);
    t0 = now_ms();
    CU_ASSERT_EQUAL(rs_client_query(c, &q, &rs, &err), -1);
    CU_ASSERT(now_ms() - t0 >= 900);
    CU_ASSERT(now_ms() - t0 < 3500);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_TIMEOUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "StallTimeout"));
    CU_ASSERT_EQUAL(fs_nrequests(fs), 1); /* a timed-out query is not repeated */
    rs_client_free(c);
}

/* A redirect is not followed: the key would go along to wherever it points. */
static void test_redirect_not_followed(void)
{
    rs_client *c;
    cJSON *out = NULL;
    rs_error err;

    restart();
    push(302, "Location: http://127.0.0.2:9/v1/orgs/self\r\n", "");
    c = new_client(3, 0);
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_client_call(c, "GET", "/v1/orgs/self", NULL, &out, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_HTTP);
    CU_ASSERT_EQUAL(err.http_status, 302);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "127.0.0.2"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "not followed"));
    CU_ASSERT_EQUAL(fs_nrequests(fs), 1);
    rs_client_free(c);
}

static void test_timeout(void)
{
    rs_client *c;
    cJSON *out = NULL;
    rs_error err;
    fs_resp slow = { 200, NULL, "{}", FS_NORMAL, 3000, 0, 0 };
    long t0;

    restart();
    fs_push(fs, &slow);
    c = new_client(0, 300);
    t0 = now_ms();
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_client_call(c, "GET", "/v1/orgs/self", NULL, &out, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_TIMEOUT);
    CU_ASSERT(now_ms() - t0 < 2000);
    rs_client_free(c);
}

static void *cancel_later(void *ud)
{
    struct timespec ts = { 0, 300 * 1000000L };

    nanosleep(&ts, NULL);
    rs_client_cancel(ud);
    return NULL;
}

static void test_cancel(void)
{
    rs_client *c;
    rs_rowsource *rs = NULL;
    rs_query_request q;
    cJSON *out = NULL;
    rs_error err;
    pthread_t th;
    fs_resp slow = { 200, NULL, "{\"results\":[]}", FS_NORMAL, 5000, 0, 0 };
    long t0;

    restart();
    fs_push(fs, &slow);
    push(503, "Retry-After: 10\r\n", "{}");
    c = new_client(3, 0);
    memset(&q, 0, sizeof q);
    q.sql = "SELECT SLEEP(5)";
    rs_error_clear(&err);
    /* during a transfer */
    t0 = now_ms();
    pthread_create(&th, NULL, cancel_later, c);
    CU_ASSERT_EQUAL(rs_client_query(c, &q, &rs, &err), -1);
    pthread_join(th, NULL);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_CANCELLED);
    CU_ASSERT(now_ms() - t0 < 2500);
    /* stays cancelled until reset */
    CU_ASSERT_EQUAL(rs_client_call(c, "GET", "/v1/orgs/self", NULL, &out, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_CANCELLED);
    /* during a backoff sleep */
    rs_client_reset_cancel(c);
    t0 = now_ms();
    pthread_create(&th, NULL, cancel_later, c);
    CU_ASSERT_EQUAL(rs_client_call(c, "GET", "/v1/orgs/self", NULL, &out, &err), -1);
    pthread_join(th, NULL);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_CANCELLED);
    CU_ASSERT(now_ms() - t0 < 2500);
    rs_client_free(c);
}

/* A cancel while a later page is being fetched ends that fetch, and the statement with it. */
static void test_cancel_page_fetch(void)
{
    rs_client *c;
    rs_rowsource *rs = NULL;
    rs_query_request q;
    const rs_page *pg;
    rs_error err;
    pthread_t th;
    fs_resp slow = { 200, NULL, "{\"results\":[{\"a\":2}],\"pagination\":{\"next_cursor\":null}}",
                     FS_NORMAL, 5000, 0, 0 };
    long t0;

    restart();
    push(429, "Retry-After: 0\r\n", "{\"message\":\"slow\",\"type\":\"RATELIMITEXCEEDED\"}");
    push(200, NULL, "{\"query_id\":\"q\",\"results\":[{\"a\":1}],\"pagination\":{\"next_cursor\":\"n\"}}");
    fs_push(fs, &slow);
    push(503, "Retry-After: 0\r\n", "{\"message\":\"busy\",\"type\":\"SERVICEUNAVAILABLE\"}");
    c = new_client(1, 0);
    memset(&q, 0, sizeof q);
    q.sql = "SELECT a FROM t";
    q.page_size = 1;
    rs_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(rs_client_query(c, &q, &rs, &err), 0); /* a 429 POST is retried */
    CU_ASSERT_EQUAL(fs_nrequests(fs), 2);
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), 1);
    t0 = now_ms();
    pthread_create(&th, NULL, cancel_later, c);
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), -1);
    pthread_join(th, NULL);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_CANCELLED);
    CU_ASSERT(now_ms() - t0 < 2500);
    /* the query's id was known: the server was told to stop it, once (a 503 is not retried) */
    CU_ASSERT_EQUAL_FATAL(fs_nrequests(fs), 4);
    {
        const char *want = "DELETE /v1/orgs/self/queries/q HTTP/1.1\r\n";
        CU_ASSERT_EQUAL(strncmp(fs_request(fs, 3), want, strlen(want)), 0);
    }
    /* and the client stays cancelled, as the cancel left it */
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_CANCELLED);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 4);
    rs_rowsource_close(rs);
    rs_client_free(c);
}

static void test_gzip_and_chunks(void)
{
    rs_client *c;
    cJSON *out = NULL;
    rs_error err;
    fs_resp gz = { 200, NULL, "{\"data\":{\"name\":\"compressed\"}}", FS_NORMAL, 0, 0, 1 };
    fs_resp gzc = { 200, NULL, "{\"data\":{\"name\":\"both\"}}", FS_NORMAL, 0, 5, 1 };

    restart();
    fs_push(fs, &gz);
    fs_push(fs, &gzc);
    c = new_client(0, 0);
    rs_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(rs_client_call(c, "GET", "/v1/orgs/self", NULL, &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(out, "data"), "name")->valuestring,
                           "compressed");
    cJSON_Delete(out);
    CU_ASSERT_EQUAL_FATAL(rs_client_call(c, "GET", "/v1/orgs/self", NULL, &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(out, "data"), "name")->valuestring,
                           "both");
    cJSON_Delete(out);
    CU_ASSERT_PTR_NOT_NULL(strstr(fs_request(fs, 0), "gzip"));
    rs_client_free(c);
}

static void test_call_methods(void)
{
    rs_client *c;
    cJSON *out = NULL, *body = cJSON_Parse("{\"data\":[{\"_id\":\"a\"}]}");
    rs_error err;

    restart();
    push(200, NULL, "{\"data\":[{\"_id\":\"a\",\"status\":\"DELETED\"}]}");
    push(200, NULL, "{\"data\":{}}");
    c = new_client(0, 0);
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_client_call(c, "DELETE", "/v1/orgs/self/ws/w/collections/c/docs", body,
                                   &out, &err), 0);
    cJSON_Delete(out);
    CU_ASSERT_EQUAL(rs_client_call(c, "DELETE", "/v1/orgs/self/ws/w", NULL, &out, &err), 0);
    cJSON_Delete(out);
    cJSON_Delete(body);
    CU_ASSERT_PTR_NOT_NULL(strstr(fs_request(fs, 0), "DELETE /v1/orgs/self/ws/w/collections/c/docs"));
    CU_ASSERT_PTR_NOT_NULL(strstr(fs_request(fs, 0), "\r\n\r\n{\"data\":[{\"_id\":\"a\"}]}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(fs_request(fs, 1), "DELETE /v1/orgs/self/ws/w HTTP/1.1"));
    CU_ASSERT_PTR_NULL(strstr(fs_request(fs, 1), "Content-Type"));
    rs_client_free(c);
}

static void test_connect_refused_and_urls(void)
{
    static const char *bad[] = { "", "not a url", "ftp://host", "http://", "https://h/x?y=1",
                                 NULL };
    rs_client_config cfg;
    rs_client *c;
    cJSON *out = NULL;
    rs_error err;
    char url[64];
    int i;

    restart();
    snprintf(url, sizeof url, "%s", fs_url(fs));
    fs_stop(fs); /* nothing listens there now */
    fs = NULL;
    memset(&cfg, 0, sizeof cfg);
    cfg.server = url;
    cfg.api_key = KEY;
    cfg.max_retries = 1;
    rs_error_clear(&err);
    c = rs_client_new(&cfg, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_EQUAL(rs_client_call(c, "GET", "/v1/orgs/self", NULL, &out, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_CONNECT);
    CU_ASSERT_PTR_NULL(strstr(err.message, KEY));
    rs_client_free(c);
    fs = fs_start();
    /* TLS spoken to a plain HTTP server, and a name that cannot resolve: both CONNECT */
    snprintf(url, sizeof url, "https%s", fs_url(fs) + 4);
    cfg.max_retries = 0;
    cfg.connect_timeout_ms = 5000;
    c = rs_client_new(&cfg, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_EQUAL(rs_client_call(c, "GET", "/v1/orgs/self", NULL, &out, &err), -1);
    if (err.kind != RS_ERR_CONNECT)
        fprintf(stderr, "TLS failure gave kind %d: %s\n", err.kind, err.message);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_CONNECT);
    rs_client_free(c);
    cfg.server = "http://no-such-host.invalid";
    c = rs_client_new(&cfg, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_EQUAL(rs_client_call(c, "GET", "/v1/orgs/self", NULL, &out, &err), -1);
    if (err.kind != RS_ERR_CONNECT)
        fprintf(stderr, "resolve failure gave kind %d: %s\n", err.kind, err.message);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_CONNECT);
    rs_client_free(c);
    for (i = 0; bad[i]; i++) {
        cfg.server = bad[i];
        rs_error_clear(&err);
        CU_ASSERT_PTR_NULL(rs_client_new(&cfg, &err));
        CU_ASSERT_EQUAL(err.kind, RS_ERR_CONFIG);
        CU_ASSERT_NOT_EQUAL(err.message[0], '\0');
    }
    cfg.server = "https://api.usw2a1.rockset.com/";
    c = rs_client_new(&cfg, &err);
    CU_ASSERT_PTR_NOT_NULL(c);
    rs_client_free(c);
    cfg.api_key = "abc\r\nX-Forged: 1";
    rs_error_clear(&err);
    CU_ASSERT_PTR_NULL(rs_client_new(&cfg, &err));
    CU_ASSERT_EQUAL(err.kind, RS_ERR_CONFIG);
}

static void test_escape(void)
{
    char *s = rs_client_escape_segment("a b/c@d~e.f_g-h%");

    CU_ASSERT_STRING_EQUAL(s, "a%20b%2Fc%40d~e.f_g-h%25");
    free(s);
}

static void test_rowsource_outlives_client(void)
{
    rs_client *c;
    rs_rowsource *rs = NULL;
    rs_query_request q;
    const rs_page *pg;
    rs_error err;

    restart();
    push(200, NULL, "{\"query_id\":\"q\",\"results\":[{\"a\":1}],\"pagination\":{\"next_cursor\":\"n\"}}");
    push(200, NULL, "{\"results\":[{\"a\":2}],\"pagination\":{\"next_cursor\":null}}");
    c = new_client(0, 0);
    memset(&q, 0, sizeof q);
    q.sql = "SELECT 1";
    q.page_size = 1;
    rs_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(rs_client_query(c, &q, &rs, &err), 0);
    rs_client_free(c);
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), 1);
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), 1);
    CU_ASSERT_STRING_EQUAL(pg->cells[0].text, "2");
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), 0);
    rs_rowsource_close(rs);
}

static void test_log_redaction(void)
{
    char path[] = "/tmp/rs_test_log_XXXXXX";
    int fd = mkstemp(path);
    char buf[4096] = "";
    FILE *f;
    size_t n;

    struct stat st;

    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT(fchmod(fd, 0644) == 0);
    close(fd);
    rs_log_configure(RS_LOG_DEBUG, path);
    /* the log is its owner's alone */
    CU_ASSERT(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
    rs_log_add_secret(KEY);
    rs_log(RS_LOG_INFO, "header Authorization: ApiKey %s end", "otherKeyValue42");
    rs_log(RS_LOG_INFO, "registered %s end", KEY);
    rs_log(RS_LOG_DEBUG, "visible line");
    rs_log_configure(RS_LOG_OFF, NULL);
    rs_log(RS_LOG_ERROR, "not written");
    f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    unlink(path);
    CU_ASSERT_PTR_NULL(strstr(buf, "otherKeyValue42"));
    CU_ASSERT_PTR_NULL(strstr(buf, KEY));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "ApiKey ***"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "visible line"));
    CU_ASSERT_PTR_NULL(strstr(buf, "not written"));
}

static void test_memsource(void)
{
    rs_rowsource *rs = rs_memsource_new();
    rs_cell row1[2] = { { RS_V_STRING, "x\0y", 3 }, { RS_V_INT, "42", 0 } };
    rs_cell row2[2] = { { RS_V_NULL, NULL, 0 }, { RS_V_ABSENT, "ignored", 7 } };
    const rs_page *pg;
    rs_error err;

    CU_ASSERT_EQUAL(rs_memsource_add_column(rs, "S", RS_V_STRING), 0);
    CU_ASSERT_EQUAL(rs_memsource_add_column_typed(rs, "N", RS_V_INT, 5, 0), 0);
    CU_ASSERT_EQUAL(rs_memsource_add_row(rs, row1), 0);
    CU_ASSERT_EQUAL(rs_memsource_add_row(rs, row2), 0);
    CU_ASSERT_EQUAL(rs_memsource_add_column(rs, "late", RS_V_INT), -1);
    CU_ASSERT_EQUAL(rs->ncols, 2);
    CU_ASSERT_EQUAL(rs->cols[1].sql_type, 5);
    CU_ASSERT_EQUAL(rs->cols[1].nullable, 0);
    CU_ASSERT_EQUAL(rs->cols[0].nullable, 1);
    CU_ASSERT_EQUAL(rs->total_rows, 2);
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), 1);
    CU_ASSERT_EQUAL(pg->nrows, 2);
    CU_ASSERT_EQUAL(pg->cells[0].len, 3);
    CU_ASSERT_EQUAL(memcmp(pg->cells[0].text, "x\0y", 4), 0);
    CU_ASSERT_STRING_EQUAL(pg->cells[1].text, "42");
    CU_ASSERT_EQUAL(pg->cells[1].len, 2);
    CU_ASSERT_PTR_NULL(pg->cells[2].text);
    CU_ASSERT_EQUAL(pg->cells[3].kind, RS_V_ABSENT);
    CU_ASSERT_PTR_NULL(pg->cells[3].text);
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), 0);
    rs_rowsource_close(rs);
    rs = rs_memsource_new();
    CU_ASSERT_EQUAL(rs_memsource_add_column(rs, "only", RS_V_STRING), 0);
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), 0);
    rs_rowsource_close(rs);
}

int main(void)
{
    static const cu_case cases[] = {
        {"query and pages", test_query_pages},
        {"unpaginated answer, lambdas", test_unpaginated_and_lambda},
        {"429 honours Retry-After", test_retry_after},
        {"retries exhausted", test_retries_exhausted},
        {"ErrorModel and query_errors", test_error_model},
        {"bad and truncated bodies", test_bad_bodies},
        {"dropped connections", test_drop},
        {"timeout", test_timeout},
        {"a query POST is repeated after 429 only", test_post_retry_policy},
        {"a reused connection closed: POST not re-sent, GET re-sent", test_reused_connection_closed},
        {"the stall limit ends a silent request", test_stall_limit},
        {"a redirect is not followed", test_redirect_not_followed},
        {"Retry-After as an HTTP date", test_retry_after_date},
        {"cancel from another thread", test_cancel},
        {"cancel during a page fetch", test_cancel_page_fetch},
        {"gzip and chunked", test_gzip_and_chunks},
        {"control-plane methods", test_call_methods},
        {"connect refused, URL checks", test_connect_refused_and_urls},
        {"segment escaping", test_escape},
        {"row source outlives client", test_rowsource_outlives_client},
        {"log redaction", test_log_redaction},
        {"memsource", test_memsource},
        {NULL, NULL},
    };
    return cu_run_fixture("client", setup, teardown, cases);
}
