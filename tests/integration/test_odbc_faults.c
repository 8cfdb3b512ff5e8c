/* SPDX-License-Identifier: Apache-2.0 */
/* The driver through the driver manager against a misbehaving server (the scripted fake
 * server): answers cut short, connections reset or closed, a server that goes silent,
 * answers of the wrong shape, values and answers past the size limits, error statuses and
 * which requests are repeated after them, a redirect, a gzip bomb, a malformed catalog
 * listing, too many columns. Each case expects one SQLSTATE and, where it matters, counts
 * the requests the server saw. Needs RS_DRIVER_LIB (tests/odbc-env.sh exports it). */
#include "itest.h"
#include "tests/cunit_main.h"
#include "tests/driver/client/fake_server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static fake_server *fs;
static SQLHENV env;
static SQLHDBC dbc;
static SQLHSTMT st;

static long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)(ts.tv_sec * 1000L + ts.tv_nsec / 1000000L);
}

static void push_full(int status, const char *headers, const char *body, int action, int gzip)
{
    fs_resp r = { status, headers, body, action, 0, 0, gzip };
    fs_push(fs, &r);
}

static void push(int status, const char *body)
{
    push_full(status, NULL, body, FS_NORMAL, 0);
}

/* A fresh fake server answering the two connect calls, a connection to it and a statement. */
static void fake_connect(const char *extra)
{
    char cs[1024];
    SQLRETURN rc;

    fs = fs_start();
    CU_ASSERT_FATAL(fs != NULL);
    push(200, "{\"data\":{\"name\":\"fake\"}}");
    push(200, "{\"data\":{\"email\":\"a@b.c\"}}");
    snprintf(cs, sizeof cs, "Driver=%s;Server=%s;ApiKey=fakekey;MaxRetries=2;%s",
             getenv("RS_DRIVER_LIB"), fs_url(fs), extra);
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
    rc = SQLDriverConnect(dbc, NULL, (SQLCHAR *)cs, SQL_NTS, NULL, 0, NULL, SQL_DRIVER_NOPROMPT);
    if (!SQL_SUCCEEDED(rc))
        it_dump(SQL_HANDLE_DBC, dbc, "SQLDriverConnect", __LINE__);
    CU_ASSERT_FATAL(SQL_SUCCEEDED(rc));
    CU_ASSERT_EQUAL(fs_nrequests(fs), 2);
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
}

static void fake_disconnect(void)
{
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    fs_stop(fs);
}

/* Runs sql, expects SQL_ERROR with state, and (when given) a message containing want. */
static void expect_exec_error(const char *sql, const char *state, const char *want)
{
    SQLRETURN rc = SQLExecDirect(st, (SQLCHAR *)sql, SQL_NTS);

    CU_ASSERT_EQUAL(rc, SQL_ERROR);
    CU_ASSERT_STRING_EQUAL(it_state(SQL_HANDLE_STMT, st), state);
    if (want && !strstr(it_msg(SQL_HANDLE_STMT, st), want)) {
        fprintf(stderr, "\n  message \"%s\" lacks \"%s\"\n", it_msg(SQL_HANDLE_STMT, st), want);
        CU_FAIL("message");
    }
    SQLFreeStmt(st, SQL_CLOSE);
}

/* 1. An answer cut short (Content-Length promised, half sent, closed): 08S01, and the query
 * POST is not sent again. */
static void test_truncated_answer(void)
{
    fake_connect("");
    push_full(200, NULL, "{\"query_id\":\"q\",\"results\":[{\"a\":1},{\"a\":2},{\"a\":3}]}",
              FS_TRUNCATE, 0);
    push(200, "{\"query_id\":\"twice\",\"results\":[{\"a\":1}]}");
    expect_exec_error("SELECT a FROM t", "08S01", NULL);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 3);
    fake_disconnect();
}

/* 2. The connection reset (RST) once the query was read: 08S01, not sent again. */
static void test_connection_reset(void)
{
    fake_connect("");
    push_full(0, NULL, NULL, FS_RESET, 0);
    push(200, "{\"query_id\":\"twice\",\"results\":[{\"a\":1}]}");
    expect_exec_error("INSERT INTO ws.c SELECT 1", "08S01", NULL);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 3);
    fake_disconnect();
}

/* 3. The kept-alive connection closed by the server after it read the query, without an
 * answer: libcurl would re-send the POST on a new connection by itself; the driver refuses
 * (08S01, the server saw it once). A page GET in the same situation is re-sent. */
static void test_reused_connection_closed(void)
{
    fake_connect("PageSize=1");
    push_full(0, NULL, NULL, FS_DROP, 0);
    push(200, "{\"query_id\":\"twice\",\"results\":[{\"a\":1}]}");
    expect_exec_error("INSERT INTO ws.c SELECT 1", "08S01", "not sent again");
    CU_ASSERT_EQUAL(fs_nrequests(fs), 3);
    fake_disconnect();

    fake_connect("PageSize=1");
    push(200, "{\"query_id\":\"q\",\"results\":[{\"a\":1}],\"pagination\":{\"next_cursor\":\"c\"}}");
    push_full(0, NULL, NULL, FS_DROP, 0);
    push(200, "{\"results\":[{\"a\":2}],\"pagination\":{\"next_cursor\":null}}");
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT a FROM t", SQL_NTS), st);
    CU_ASSERT_EQUAL(SQLFetch(st), SQL_SUCCESS);
    CU_ASSERT_EQUAL(SQLFetch(st), SQL_SUCCESS);
    CU_ASSERT_STRING_EQUAL(it_get(st, 1), "2");
    CU_ASSERT_EQUAL(SQLFetch(st), SQL_NO_DATA);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 5);
    fake_disconnect();
}

/* 4. A server that accepts the query and sends nothing, with QueryTimeout 0: the stall
 * limit ends it (HYT00) instead of a hang; a silent page fetch likewise. */
static void test_stall(void)
{
    long t0;

    fake_connect("StallTimeout=1;QueryTimeout=0;PageSize=1");
    push_full(0, NULL, NULL, FS_STALL, 0);
    t0 = now_ms();
    expect_exec_error("SELECT a FROM t", "HYT00", "StallTimeout");
    CU_ASSERT(now_ms() - t0 < 4000);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 3);
    push(200, "{\"query_id\":\"q\",\"results\":[{\"a\":1}],\"pagination\":{\"next_cursor\":\"c\"}}");
    push_full(0, NULL, NULL, FS_STALL, 0);
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT a FROM t", SQL_NTS), st);
    CU_ASSERT_EQUAL(SQLFetch(st), SQL_SUCCESS);
    t0 = now_ms();
    IT_STATE(SQLFetch(st), SQL_HANDLE_STMT, st, SQL_ERROR, "HYT00");
    CU_ASSERT(now_ms() - t0 < 4000);
    fake_disconnect();
}

/* 5. SQLColumns' DESCRIBE on a silent server honours the connection's Timeout (HYT00 after
 * about a second), though the stall limit is a minute. */
static void test_describe_timeout(void)
{
    long t0;

    fake_connect("StallTimeout=60;Timeout=1");
    push(200, "{\"data\":[{\"name\":\"t\",\"workspace\":\"ws\",\"status\":\"READY\"}]}");
    push_full(0, NULL, NULL, FS_STALL, 0);
    t0 = now_ms();
    CU_ASSERT_EQUAL(SQLColumns(st, NULL, 0, (SQLCHAR *)"ws", SQL_NTS, (SQLCHAR *)"t", SQL_NTS,
                               NULL, 0), SQL_ERROR);
    CU_ASSERT_STRING_EQUAL(it_state(SQL_HANDLE_STMT, st), "HYT00");
    CU_ASSERT(now_ms() - t0 < 4000);
    CU_ASSERT_PTR_NOT_NULL(strstr(fs_request(fs, 3), "\"timeout_ms\":1000"));
    fake_disconnect();
}

/* 6. Answers of the wrong shape: results not an array, a row not an object (HY000); members
 * of the wrong type the driver does not need are ignored, never crash. */
static void test_bad_shapes(void)
{
    fake_connect("");
    push(200, "{\"query_id\":\"q\",\"results\":{\"a\":1}}");
    expect_exec_error("SELECT a FROM t", "HY000", "results is not an array");
    push(200, "{\"query_id\":\"q\",\"results\":[{\"a\":1},[2]]}");
    expect_exec_error("SELECT a FROM t", "HY000", "not an object");
    push(200, "[1,2,3]");
    expect_exec_error("SELECT a FROM t", "HY000", "not a JSON object");
    push(200, "{\"query_id\":7,\"column_fields\":\"a\",\"results_total_doc_count\":\"x\","
              "\"pagination\":{\"next_cursor\":5},\"query_errors\":\"none\","
              "\"collections\":{},\"results\":[{\"a\":1}]}");
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT a FROM t", SQL_NTS), st);
    CU_ASSERT_EQUAL(SQLFetch(st), SQL_SUCCESS);
    CU_ASSERT_STRING_EQUAL(it_get(st, 1), "1");
    CU_ASSERT_EQUAL(SQLFetch(st), SQL_NO_DATA);
    fake_disconnect();
}

/* 7. A value nested 100000 deep: HY000 (nesting too deep), no stack exhaustion. */
static void test_deep_nesting(void)
{
    size_t n = 100000;
    char *body = malloc(2 * n + 64), *p = body;

    fake_connect("");
    p += sprintf(p, "{\"results\":[{\"a\":");
    memset(p, '[', n);
    p += n;
    memset(p, ']', n);
    p += n;
    sprintf(p, "}]}");
    push(200, body);
    free(body);
    expect_exec_error("SELECT a FROM t", "HY000", "nesting too deep");
    fake_disconnect();
}

/* 8. A value past MaxValueBytes (a string, an object) is HY000 naming the keyword; one at
 * the bound is read whole. */
static void test_huge_value(void)
{
    char *body = malloc(8192), *p;
    SQLLEN ind = 0;
    char buf[16];

    fake_connect("MaxValueBytes=4096");
    p = body + sprintf(body, "{\"results\":[{\"a\":\"");
    memset(p, 'v', 4096);
    strcpy(p + 4096, "\"}]}");
    push(200, body);
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT a FROM t", SQL_NTS), st);
    CU_ASSERT_EQUAL(SQLFetch(st), SQL_SUCCESS);
    CU_ASSERT_EQUAL(SQLGetData(st, 1, SQL_C_CHAR, buf, sizeof buf, &ind), SQL_SUCCESS_WITH_INFO);
    CU_ASSERT_EQUAL(ind, 4096);
    SQLFreeStmt(st, SQL_CLOSE);
    p = body + sprintf(body, "{\"results\":[{\"a\":\"");
    memset(p, 'v', 5000);
    strcpy(p + 5000, "\"}]}");
    push(200, body);
    expect_exec_error("SELECT a FROM t", "HY000", "MaxValueBytes");
    p = body + sprintf(body, "{\"results\":[{\"a\":{\"k\":\"");
    memset(p, 'v', 5000);
    strcpy(p + 5000, "\"}}]}");
    push(200, body);
    expect_exec_error("SELECT a FROM t", "HY000", "MaxValueBytes");
    free(body);
    fake_disconnect();
}

/* 9. A gzip bomb: 32 MiB of one value compressed to about 32 KiB. MaxPageBytes stops it
 * after 1 MiB (HY000 naming the keyword) instead of holding 32 MiB twice. */
static void test_gzip_bomb(void)
{
    size_t n = 32u << 20;
    char *body = malloc(n + 64), *p;

    fake_connect("MaxPageBytes=1048576");
    p = body + sprintf(body, "{\"results\":[{\"a\":\"");
    memset(p, 'z', n);
    strcpy(p + n, "\"}]}");
    push_full(200, NULL, body, FS_NORMAL, 1);
    free(body);
    expect_exec_error("SELECT a FROM t", "HY000", "MaxPageBytes");
    fake_disconnect();
}

/* 10. Error statuses: a query answered 502, 503 or 504 is not sent again (the server may
 * have run it; HY000 with the server's message); 429 is (the server refused it before it
 * ran). A page GET answered 503 is fetched again. */
static void test_status_retries(void)
{
    static const int status[] = { 502, 503, 504 };
    char want[32];

    fake_connect("PageSize=1");
    for (int i = 0; i < 3; i++) {
        push_full(status[i], "Retry-After: 0\r\n", "{\"message\":\"busy\",\"type\":\"x\"}",
                  FS_NORMAL, 0);
        push(200, "{\"query_id\":\"twice\",\"results\":[]}");
        snprintf(want, sizeof want, "HTTP %d", status[i]);
        expect_exec_error("INSERT INTO ws.c SELECT 1", "HY000", want);
        CU_ASSERT_EQUAL(fs_nrequests(fs), 3 + 2 * i);
        /* the answer meant for a re-sent query goes to the next one */
        IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT 1", SQL_NTS), st);
        SQLFreeStmt(st, SQL_CLOSE);
    }
    push_full(429, "Retry-After: 0\r\n", "{\"message\":\"slow\",\"type\":\"RATELIMITEXCEEDED\"}",
              FS_NORMAL, 0);
    push(200, "{\"query_id\":\"q\",\"results\":[{\"a\":1}],\"pagination\":{\"next_cursor\":\"c\"}}");
    push_full(503, "Retry-After: 0\r\n", "{\"message\":\"busy\"}", FS_NORMAL, 0);
    push(200, "{\"results\":[{\"a\":2}],\"pagination\":{\"next_cursor\":null}}");
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT a FROM t", SQL_NTS), st);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 10);
    CU_ASSERT_EQUAL(SQLFetch(st), SQL_SUCCESS);
    CU_ASSERT_EQUAL(SQLFetch(st), SQL_SUCCESS);
    CU_ASSERT_STRING_EQUAL(it_get(st, 1), "2");
    CU_ASSERT_EQUAL(fs_nrequests(fs), 12);
    fake_disconnect();
}

/* 11. A redirect to another host is not followed (the API key would go along): HY000 naming
 * it, and the other host sees no request. */
static void test_redirect(void)
{
    fake_server *other = fs_start();
    char loc[160];

    CU_ASSERT_FATAL(other != NULL);
    fake_connect("");
    snprintf(loc, sizeof loc, "Location: %s/v1/orgs/self/queries\r\n", fs_url(other));
    push_full(307, loc, "", FS_NORMAL, 0);
    expect_exec_error("SELECT 1", "HY000", "not followed");
    CU_ASSERT_EQUAL(fs_nrequests(fs), 3);
    CU_ASSERT_EQUAL(fs_nrequests(other), 0);
    fake_disconnect();
    fs_stop(other);
}

/* 12. A malformed catalog listing (data not an array, an entry not an object) is HY000,
 * not an empty catalog. */
static void test_malformed_listing(void)
{
    fake_connect("");
    push(200, "{\"data\":{\"name\":\"ws\"}}");
    CU_ASSERT_EQUAL(SQLTables(st, (SQLCHAR *)"", 0, (SQLCHAR *)"%", SQL_NTS, (SQLCHAR *)"", 0,
                              NULL, 0), SQL_ERROR);
    CU_ASSERT_STRING_EQUAL(it_state(SQL_HANDLE_STMT, st), "HY000");
    CU_ASSERT_PTR_NOT_NULL(strstr(it_msg(SQL_HANDLE_STMT, st), "no list"));
    push(200, "{\"data\":[\"c1\",\"c2\"]}");
    CU_ASSERT_EQUAL(SQLTables(st, NULL, 0, NULL, 0, (SQLCHAR *)"%", SQL_NTS, NULL, 0),
                    SQL_ERROR);
    CU_ASSERT_STRING_EQUAL(it_state(SQL_HANDLE_STMT, st), "HY000");
    CU_ASSERT_PTR_NOT_NULL(strstr(it_msg(SQL_HANDLE_STMT, st), "not an object"));
    fake_disconnect();
}

/* 13. An answer with 32768 columns, one more than SQLNumResultCols can count: HY000. */
static void test_too_many_columns(void)
{
    char *body = malloc(16 * 33000), *p = body;

    fake_connect("");
    p += sprintf(p, "{\"results\":[{");
    for (int i = 0; i < 32768; i++)
        p += sprintf(p, "%s\"c%d\":%d", i ? "," : "", i, i);
    strcpy(p, "}]}");
    push(200, body);
    free(body);
    expect_exec_error("SELECT * FROM t", "HY000", "32768 columns");
    fake_disconnect();
}

int main(void)
{
    static const cu_case cases[] = {
        {"an answer cut short: 08S01, the query not re-sent", test_truncated_answer},
        {"a connection reset: 08S01, the query not re-sent", test_connection_reset},
        {"a reused connection closed: POST not re-sent, GET re-sent", test_reused_connection_closed},
        {"a silent server, QueryTimeout 0: HYT00 after StallTimeout", test_stall},
        {"SQLColumns' DESCRIBE honours Timeout: HYT00", test_describe_timeout},
        {"answers of the wrong shape: HY000 or ignored", test_bad_shapes},
        {"a value nested 100000 deep: HY000", test_deep_nesting},
        {"a value past MaxValueBytes: HY000", test_huge_value},
        {"a gzip bomb stops at MaxPageBytes: HY000", test_gzip_bomb},
        {"502/503/504 not re-sent for a query; 429 and page GETs are", test_status_retries},
        {"a redirect to another host is not followed: HY000", test_redirect},
        {"a malformed catalog listing: HY000", test_malformed_listing},
        {"32768 result columns: HY000", test_too_many_columns},
        {NULL, NULL},
    };
    if (!getenv("RS_DRIVER_LIB")) {
        fprintf(stderr, "test_odbc_faults: RS_DRIVER_LIB is not set (run it via tests/odbc-env.sh)\n");
        return 1;
    }
    return cu_run("odbc faults", cases);
}
