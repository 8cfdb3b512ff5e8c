/* SPDX-License-Identifier: Apache-2.0 */
/* The driver through the driver manager against the scripted fake server, for what rockset-local
 * cannot show: the summed row count of INSERT INTO ... SELECT over a parameter array, the
 * DELETE of a query that SQLCancel stopped while a page was coming, and an inferred timestamp
 * column meeting a later value that is no timestamp, and a static cursor's exact row count when
 * no answer carries results_total_doc_count. Needs RS_DRIVER_LIB
 * (tests/odbc-env.sh exports it). */
#include "itest.h"
#include "tests/cunit_main.h"
#include "tests/driver/client/fake_server.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static fake_server *fs;
static SQLHENV env;
static SQLHDBC dbc;

static void push(int status, const char *body, int delay_ms)
{
    fs_resp r = { status, NULL, body, FS_NORMAL, delay_ms, 0, 0 };
    fs_push(fs, &r);
}

/* A fresh fake server answering the two connect calls, and a connection to it. */
static void fake_connect(const char *extra)
{
    char cs[1024];
    SQLRETURN rc;

    fs = fs_start();
    CU_ASSERT_FATAL(fs != NULL);
    push(200, "{\"data\":{\"name\":\"fake\"}}", 0);
    push(200, "{\"data\":{\"email\":\"a@b.c\"}}", 0);
    snprintf(cs, sizeof cs, "Driver=%s;Server=%s;ApiKey=fakekey;MaxRetries=0;%s",
             getenv("RS_DRIVER_LIB"), fs_url(fs), extra);
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
    rc = SQLDriverConnect(dbc, NULL, (SQLCHAR *)cs, SQL_NTS, NULL, 0, NULL, SQL_DRIVER_NOPROMPT);
    if (!SQL_SUCCEEDED(rc))
        it_dump(SQL_HANDLE_DBC, dbc, "SQLDriverConnect", __LINE__);
    CU_ASSERT_FATAL(SQL_SUCCEEDED(rc));
    CU_ASSERT_EQUAL(fs_nrequests(fs), 2);
}

static void fake_disconnect(void)
{
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    fs_stop(fs);
}

/* SQL_PARAM_ARRAY_ROW_COUNTS is SQL_PARC_NO_BATCH: one count, the whole array's. */
static void test_array_row_count(void)
{
    SQLHSTMT st;
    SQLINTEGER v[3] = {1, 2, 3};
    SQLLEN rows = 0;

    fake_connect("");
    push(200, "{\"query_id\":\"i1\",\"results\":[{\"num_docs_inserted\":2}]}", 0);
    push(200, "{\"query_id\":\"i2\",\"results\":[{\"num_docs_inserted\":5}]}", 0);
    push(200, "{\"query_id\":\"i3\",\"results\":[{\"num_docs_inserted\":0}]}", 0);
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, (SQLPOINTER)3, 0), st);
    IT_STMT_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, v, 0,
                                NULL), st);
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"INSERT INTO ws.c SELECT * FROM ws.src WHERE n = ?",
                             SQL_NTS), st);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 5);
    IT_STMT_OK(SQLRowCount(st, &rows), st);
    CU_ASSERT_EQUAL(rows, 7);
    /* one set alone: its own count */
    push(200, "{\"query_id\":\"i4\",\"results\":[{\"num_docs_inserted\":4}]}", 0);
    IT_STMT_OK(SQLFreeStmt(st, SQL_CLOSE), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, (SQLPOINTER)1, 0), st);
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"INSERT INTO ws.c SELECT * FROM ws.src WHERE n = ?",
                             SQL_NTS), st);
    IT_STMT_OK(SQLRowCount(st, &rows), st);
    CU_ASSERT_EQUAL(rows, 4);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    fake_disconnect();
}

static void *cancel_later(void *st)
{
    struct timespec ts = { 0, 300 * 1000000L };

    nanosleep(&ts, NULL);
    SQLCancel(st);
    return NULL;
}

/* SQLCancel during a page fetch ends it (HY008) and sends DELETE /queries/{id} once. */
static void test_cancel_deletes_query(void)
{
    SQLHSTMT st;
    pthread_t th;
    const char *want = "DELETE /v1/orgs/self/queries/q-77 HTTP/1.1\r\n";

    fake_connect("PageSize=1");
    push(200, "{\"query_id\":\"q-77\",\"results\":[{\"a\":1}],\"pagination\":"
              "{\"next_cursor\":\"c2\"}}", 0);
    push(200, "{\"results\":[{\"a\":2}],\"pagination\":{\"next_cursor\":null}}", 5000);
    push(200, "{\"data\":{\"query_id\":\"q-77\",\"status\":\"CANCELLED\"}}", 0);
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT a FROM ws.t", SQL_NTS), st);
    CU_ASSERT_FATAL(SQLFetch(st) == SQL_SUCCESS);
    /* the next page is asked for in the background from the first fetch on: the cancel is
     * to find it in flight (a slow machine, valgrind, may take longer than the 300 ms) */
    for (int i = 0; i < 300 && fs_nrequests(fs) < 4; i++) {
        struct timespec ts = { 0, 10 * 1000000L };
        nanosleep(&ts, NULL);
    }
    pthread_create(&th, NULL, cancel_later, st);
    IT_STATE(SQLFetch(st), SQL_HANDLE_STMT, st, SQL_ERROR, "HY008");
    pthread_join(th, NULL);
    CU_ASSERT_EQUAL_FATAL(fs_nrequests(fs), 5);
    CU_ASSERT_EQUAL(strncmp(fs_request(fs, 4), want, strlen(want)), 0);
    /* the statement is reusable afterwards */
    push(200, "{\"query_id\":\"q-78\",\"results\":[{\"a\":3}]}", 0);
    SQLFreeStmt(st, SQL_CLOSE);
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT a FROM ws.t", SQL_NTS), st);
    CU_ASSERT_FATAL(SQLFetch(st) == SQL_SUCCESS);
    CU_ASSERT_STRING_EQUAL(it_get(st, 1), "3");
    CU_ASSERT_EQUAL(fs_nrequests(fs), 6);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    fake_disconnect();
}

/* A column the first page made a timestamp column (untyped ISO strings, as the live service
 * sends them): a later page's value that is no timestamp comes back as sent to SQL_C_CHAR,
 * and is 22018 for a timestamp C type. */
static void test_inferred_timestamp_later_text(void)
{
    SQLHSTMT st;
    SQLSMALLINT type = 0;
    SQLULEN size = 0;
    SQL_TIMESTAMP_STRUCT ts;
    SQLLEN ind = 0;
    char buf[64];

    fake_connect("PageSize=1");
    push(200, "{\"query_id\":\"q-t\",\"column_fields\":[{\"name\":\"t\",\"type\":\"\"}],"
              "\"results\":[{\"t\":\"2023-08-23T19:03:04.735782Z\"}],"
              "\"pagination\":{\"next_cursor\":\"c2\"}}", 0);
    push(200, "{\"results\":[{\"t\":\"not a time\"}],\"pagination\":{\"next_cursor\":null}}",
         0);
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT t FROM ws.t", SQL_NTS), st);
    IT_STMT_OK(SQLDescribeCol(st, 1, NULL, 0, NULL, &type, &size, NULL, NULL), st);
    CU_ASSERT_EQUAL(type, SQL_TYPE_TIMESTAMP);
    CU_ASSERT_EQUAL(size, 26);
    CU_ASSERT_FATAL(SQLFetch(st) == SQL_SUCCESS);
    IT_STMT_OK(SQLGetData(st, 1, SQL_C_TYPE_TIMESTAMP, &ts, sizeof ts, &ind), st);
    CU_ASSERT_EQUAL(ts.year, 2023);
    CU_ASSERT_EQUAL(ts.second, 4);
    CU_ASSERT_EQUAL(ts.fraction, 735782000);
    CU_ASSERT_FATAL(SQLFetch(st) == SQL_SUCCESS); /* the second page */
    IT_STATE(SQLGetData(st, 1, SQL_C_TYPE_TIMESTAMP, &ts, sizeof ts, &ind), SQL_HANDLE_STMT, st,
             SQL_ERROR, "22018");
    IT_STMT_OK(SQLGetData(st, 1, SQL_C_CHAR, buf, sizeof buf, &ind), st);
    CU_ASSERT_STRING_EQUAL(buf, "not a time");
    CU_ASSERT_EQUAL(ind, 10);
    CU_ASSERT_EQUAL(SQLFetch(st), SQL_NO_DATA);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    fake_disconnect();
}

/* An answer naming two columns alike (a server that, unlike rockset-local, lets
 * `SELECT a.i, b.i` through) is an error that says so, never a NULL second column. */
static void test_duplicate_column_names(void)
{
    SQLHSTMT st;
    SQLCHAR state[6], msg[512];
    SQLINTEGER native;

    fake_connect("");
    push(200, "{\"query_id\":\"q-d\",\"column_fields\":[{\"name\":\"i\",\"type\":\"\"},"
              "{\"name\":\"i\",\"type\":\"\"}],\"results\":[{\"i\":1}],"
              "\"results_total_doc_count\":1}", 0);
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    CU_ASSERT_EQUAL(SQLExecDirect(st, (SQLCHAR *)"SELECT a.i, b.i FROM t a JOIN t b ON a.i = b.i",
                                  SQL_NTS), SQL_ERROR);
    CU_ASSERT_FATAL(SQL_SUCCEEDED(SQLGetDiagRec(SQL_HANDLE_STMT, st, 1, state, &native, msg,
                                                sizeof msg, NULL)));
    CU_ASSERT_STRING_EQUAL(state, "HY000");
    CU_ASSERT_PTR_NOT_NULL(strstr((char *)msg, "more than one column named \"i\""));
    CU_ASSERT_PTR_NOT_NULL(strstr((char *)msg, "alias"));
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    fake_disconnect();
}

/* A later page holding a key the columns lack (the server's column_fields named fewer): the
 * fetch of that row is SQL_SUCCESS_WITH_INFO with 01000 naming the key, not a silent drop. */
static void test_dropped_key_warns(void)
{
    SQLHSTMT st;
    SQLCHAR state[6], msg[512];
    SQLINTEGER native;
    SQLLEN ind;
    long long v = 0;

    fake_connect("PageSize=1");
    push(200, "{\"query_id\":\"q-w\",\"column_fields\":[{\"name\":\"a\",\"type\":\"\"}],"
              "\"results\":[{\"a\":1}],\"pagination\":{\"next_cursor\":\"c2\"}}", 0);
    push(200, "{\"results\":[{\"a\":2,\"late\":\"value\"}],"
              "\"pagination\":{\"next_cursor\":null}}", 0);
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT a, late FROM ws.t", SQL_NTS), st);
    CU_ASSERT_EQUAL(SQLFetch(st), SQL_SUCCESS);
    CU_ASSERT_EQUAL(SQLFetch(st), SQL_SUCCESS_WITH_INFO);
    CU_ASSERT_FATAL(SQL_SUCCEEDED(SQLGetDiagRec(SQL_HANDLE_STMT, st, 1, state, &native, msg,
                                                sizeof msg, NULL)));
    CU_ASSERT_STRING_EQUAL(state, "01000");
    CU_ASSERT_PTR_NOT_NULL(strstr((char *)msg, "late"));
    IT_STMT_OK(SQLGetData(st, 1, SQL_C_SBIGINT, &v, 0, &ind), st);
    CU_ASSERT_EQUAL(v, 2);
    CU_ASSERT_EQUAL(SQLFetch(st), SQL_NO_DATA);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    fake_disconnect();
}

/* A paginated result of n rows whose answers never carry results_total_doc_count (as
 * rockset-local's first page of a query still being stored): the pages endpoint computed from
 * the request (cursor cS, offset, docs), next_cursor set while rows follow. */
typedef struct count_fake {
    pthread_mutex_t mu;
    long n;
    int requests;
    int bare;   /* 1: the pages endpoint's answers carry no pagination object at all */
} count_fake;

static char *count_answer(const char *req, int *status, void *ud)
{
    count_fake *cf = ud;
    long start = 0, offset = 0, docs = 0, first, end;
    const char *p;
    char *body;
    size_t cap, len;

    pthread_mutex_lock(&cf->mu);
    cf->requests++;
    pthread_mutex_unlock(&cf->mu);
    if (strncmp(req, "DELETE ", 7) == 0)
        return strdup("{\"data\":{\"query_id\":\"q-n\",\"status\":\"COMPLETED\"}}");
    if (strncmp(req, "POST /v1/orgs/self/queries ", 27) == 0) {
        docs = 5; /* the driver's PageSize below: the first answer is one page */
    } else if (strncmp(req, "GET /v1/orgs/self/queries/q-n/pages?", 36) == 0) {
        if ((p = strstr(req, "cursor=c")) != NULL)
            start = atol(p + 8);
        if ((p = strstr(req, "offset=")) != NULL)
            offset = atol(p + 7);
        if ((p = strstr(req, "docs=")) != NULL)
            docs = atol(p + 5);
    } else {
        *status = 404;
        return strdup("{\"message\":\"not in this fake\",\"type\":\"NOTFOUND\"}");
    }
    first = start + offset;
    end = first + docs < cf->n ? first + docs : cf->n;
    cap = 200 + (size_t)(end > first ? end - first : 0) * 24;
    if (!(body = malloc(cap)))
        return NULL;
    len = (size_t)snprintf(body, cap, "{\"query_id\":\"q-n\",\"column_fields\":[{\"name\":\"k\","
                                      "\"type\":\"\"}],\"results\":[");
    for (long i = first; i < end; i++)
        len += (size_t)snprintf(body + len, cap - len, "%s{\"k\":%ld}", i > first ? "," : "", i + 1);
    if (cf->bare && start + offset + docs > 0 && strncmp(req, "GET ", 4) == 0)
        snprintf(body + len, cap - len, "]}");
    else if (end < cf->n)
        snprintf(body + len, cap - len, "],\"pagination\":{\"start_cursor\":\"c%ld\","
                                        "\"next_cursor\":\"c%ld\"}}", first, end);
    else
        snprintf(body + len, cap - len, "],\"pagination\":{\"start_cursor\":\"c%ld\","
                                        "\"next_cursor\":null}}", first);
    return body;
}

/* A server whose page answers carry no pagination object (the service always sent one, a
 * proxy or another implementation may not): a full one-row window without a next cursor says
 * nothing about the end. Before, the driver took it for the last row, and SQLRowCount of 37
 * rows came out as the first probe's offset + 1. */
static void test_row_count_bare_pages(void)
{
    count_fake cf = { .n = 37, .bare = 1 };
    SQLHSTMT st;
    SQLLEN rows = -2, ind;
    long long v = 0;

    pthread_mutex_init(&cf.mu, NULL);
    fake_connect("PageSize=5");
    fs_set_handler(fs, count_answer, &cf);
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER)SQL_CURSOR_STATIC, 0), st);
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT k FROM ws.t", SQL_NTS), st);
    IT_STMT_OK(SQLRowCount(st, &rows), st);
    CU_ASSERT_EQUAL(rows, 37);
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_LAST, 0), st);
    IT_STMT_OK(SQLGetData(st, 1, SQL_C_SBIGINT, &v, 0, &ind), st);
    CU_ASSERT_EQUAL(v, 37);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    fake_disconnect();
    pthread_mutex_destroy(&cf.mu);
}

/* Without results_total_doc_count, a static cursor's SQLRowCount, SQL_DIAG_CURSOR_ROW_COUNT
 * and FETCH_LAST search for the end with one-row windows: the count is exact whatever n is
 * (a page and one, one past a power of two, a power of two, larger), and the search takes
 * about 2 log2(n) requests, not n / PageSize. */
static void test_row_count_without_total(void)
{
    static const long sizes[] = { 6, 11, 37, 64, 1001 };
    count_fake cf = { .n = 0 }; /* bare 0: was left uninitialised (valgrind) */
    SQLHSTMT st;
    SQLLEN rows;
    long long v;
    SQLLEN ind;

    pthread_mutex_init(&cf.mu, NULL);
    fake_connect("PageSize=5");
    fs_set_handler(fs, count_answer, &cf);
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER)SQL_CURSOR_STATIC, 0), st);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        long n = sizes[i];
        int log2n = 0, used;

        while ((1L << log2n) < n)
            log2n++;
        pthread_mutex_lock(&cf.mu);
        cf.n = n;
        cf.requests = 0;
        pthread_mutex_unlock(&cf.mu);
        /* SQLRowCount first, then FETCH_LAST */
        IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT k FROM ws.t", SQL_NTS), st);
        rows = -2;
        IT_STMT_OK(SQLRowCount(st, &rows), st);
        CU_ASSERT_EQUAL(rows, n);
        if (rows != n)
            fprintf(stderr, "n=%ld: SQLRowCount %ld\n", n, (long)rows);
        pthread_mutex_lock(&cf.mu);
        used = cf.requests;
        pthread_mutex_unlock(&cf.mu);
        CU_ASSERT(used <= 2 * log2n + 3);
        if (used > 2 * log2n + 3)
            fprintf(stderr, "n=%ld: %d requests to count\n", n, used);
        IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_LAST, 0), st);
        v = 0;
        IT_STMT_OK(SQLGetData(st, 1, SQL_C_SBIGINT, &v, 0, &ind), st);
        CU_ASSERT_EQUAL(v, n);
        IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_PRIOR, 0), st);
        IT_STMT_OK(SQLGetData(st, 1, SQL_C_SBIGINT, &v, 0, &ind), st);
        CU_ASSERT_EQUAL(v, n - 1);
        CU_ASSERT_EQUAL(SQLFetchScroll(st, SQL_FETCH_ABSOLUTE, (SQLLEN)n + 1), SQL_NO_DATA);
        IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_ABSOLUTE, -1), st);
        IT_STMT_OK(SQLGetData(st, 1, SQL_C_SBIGINT, &v, 0, &ind), st);
        CU_ASSERT_EQUAL(v, n);
        IT_STMT_OK(SQLFreeStmt(st, SQL_CLOSE), st);

        /* SQL_DIAG_CURSOR_ROW_COUNT is exact too (SQL_CA2_CRC_EXACT) */
        IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT k FROM ws.t", SQL_NTS), st);
        rows = -2;
        CU_ASSERT_EQUAL(SQLGetDiagField(SQL_HANDLE_STMT, st, 0, SQL_DIAG_CURSOR_ROW_COUNT, &rows,
                                        0, NULL), SQL_SUCCESS);
        CU_ASSERT_EQUAL(rows, n);
        IT_STMT_OK(SQLFreeStmt(st, SQL_CLOSE), st);

        /* FETCH_LAST first: it needs the count too */
        IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT k FROM ws.t", SQL_NTS), st);
        IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_LAST, 0), st);
        v = 0;
        IT_STMT_OK(SQLGetData(st, 1, SQL_C_SBIGINT, &v, 0, &ind), st);
        CU_ASSERT_EQUAL(v, n);
        rows = -2;
        IT_STMT_OK(SQLRowCount(st, &rows), st);
        CU_ASSERT_EQUAL(rows, n);
        CU_ASSERT_EQUAL(SQLFetchScroll(st, SQL_FETCH_NEXT, 0), SQL_NO_DATA);
        IT_STMT_OK(SQLFreeStmt(st, SQL_CLOSE), st);
    }
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    fake_disconnect();
    pthread_mutex_destroy(&cf.mu);
}

static int req_starts(int i, const char *want)
{
    return strncmp(fs_request(fs, i), want, strlen(want)) == 0;
}

/* A service that refuses one document of a batch: that set alone is SQL_PARAM_ERROR with the
 * server's message; then the next query waits for the commit fence, which passes only on the
 * second poll. */
static void test_write_errors_and_fence(void)
{
    SQLHSTMT st;
    SQLINTEGER v[3] = {1, 2, 3};
    SQLUSMALLINT status[3];
    SQLLEN rows = 0, rowno = 0;

    fake_connect("");
    push(200, "{\"data\":[{\"_id\":\"a\",\"status\":\"ADDED\",\"error\":null},"
              "{\"_id\":null,\"status\":\"ERROR\",\"error\":{\"type\":\"INVALIDINPUT\","
              "\"message\":\"field v is too big\"}},"
              "{\"_id\":\"c\",\"status\":\"ADDED\",\"error\":null}],\"last_offset\":\"f1:9\"}", 0);
    push(200, "{\"data\":{\"fence\":\"f1:9\",\"passed\":false},\"offsets\":{\"commit\":\"f1:8\"}}", 0);
    push(200, "{\"data\":{\"fence\":\"f1:9\",\"passed\":true},\"offsets\":{\"commit\":\"f1:9\"}}", 0);
    push(200, "{\"query_id\":\"q1\",\"results\":[{\"n\":2}]}", 0);
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, (SQLPOINTER)3, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_STATUS_PTR, status, 0), st);
    IT_STMT_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, v, 0,
                                NULL), st);
    IT_STATE(SQLExecDirect(st, (SQLCHAR *)"INSERT INTO ws.c (v) VALUES (?)", SQL_NTS),
             SQL_HANDLE_STMT, st, SQL_SUCCESS_WITH_INFO, "HY000");
    CU_ASSERT(strstr(it_msg(SQL_HANDLE_STMT, st), "field v is too big") != NULL);
    CU_ASSERT(SQLGetDiagField(SQL_HANDLE_STMT, st, 1, SQL_DIAG_ROW_NUMBER, &rowno, 0, NULL) ==
              SQL_SUCCESS);
    CU_ASSERT_EQUAL(rowno, 2);
    CU_ASSERT_EQUAL(status[0], SQL_PARAM_SUCCESS);
    CU_ASSERT_EQUAL(status[1], SQL_PARAM_ERROR);
    CU_ASSERT_EQUAL(status[2], SQL_PARAM_SUCCESS);
    IT_STMT_OK(SQLRowCount(st, &rows), st);
    CU_ASSERT_EQUAL(rows, 2);
    CU_ASSERT_EQUAL_FATAL(fs_nrequests(fs), 3);
    CU_ASSERT(req_starts(2, "POST /v1/orgs/self/ws/ws/collections/c/docs HTTP/1.1"));
    CU_ASSERT(strstr(fs_request(fs, 2), "{\"data\":[{\"v\":1},{\"v\":2},{\"v\":3}]}") != NULL);
    IT_STMT_OK(SQLFreeStmt(st, SQL_RESET_PARAMS), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, (SQLPOINTER)1, 0), st);
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT n FROM ws.c", SQL_NTS), st);
    CU_ASSERT_EQUAL_FATAL(fs_nrequests(fs), 6);
    CU_ASSERT(req_starts(3, "POST /v1/orgs/self/ws/ws/collections/c/offsets/commit HTTP/1.1"));
    CU_ASSERT(strstr(fs_request(fs, 3), "{\"name\":[\"f1:9\"]}") != NULL);
    CU_ASSERT(req_starts(4, "POST /v1/orgs/self/ws/ws/collections/c/offsets/commit HTTP/1.1"));
    CU_ASSERT(req_starts(5, "POST /v1/orgs/self/queries HTTP/1.1"));
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    fake_disconnect();
}

/* INSERT INTO ... SELECT answers the write's last_offset: the next query on the connection
 * waits for the commit fence of the target collection (passing on the second poll) first. */
static void test_insert_select_fence(void)
{
    SQLHSTMT st;
    SQLLEN rows = 0;

    fake_connect("");
    push(200, "{\"query_id\":\"i1\",\"results\":[{\"num_docs_inserted\":3}],"
              "\"last_offset\":\"f2:7\"}", 0);
    push(200, "{\"data\":{\"fence\":\"f2:7\",\"passed\":false},\"offsets\":{\"commit\":\"f2:6\"}}", 0);
    push(200, "{\"data\":{\"fence\":\"f2:7\",\"passed\":true},\"offsets\":{\"commit\":\"f2:7\"}}", 0);
    push(200, "{\"query_id\":\"q1\",\"results\":[{\"n\":3}]}", 0);
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"INSERT INTO ws.dst SELECT * FROM ws.src", SQL_NTS),
               st);
    IT_STMT_OK(SQLRowCount(st, &rows), st);
    CU_ASSERT_EQUAL(rows, 3);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 3);
    IT_STMT_OK(SQLFreeStmt(st, SQL_CLOSE), st);
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT COUNT(*) AS n FROM ws.dst", SQL_NTS), st);
    CU_ASSERT_EQUAL_FATAL(fs_nrequests(fs), 6);
    CU_ASSERT(req_starts(3, "POST /v1/orgs/self/ws/ws/collections/dst/offsets/commit HTTP/1.1"));
    CU_ASSERT(strstr(fs_request(fs, 3), "{\"name\":[\"f2:7\"]}") != NULL);
    CU_ASSERT(req_starts(4, "POST /v1/orgs/self/ws/ws/collections/dst/offsets/commit HTTP/1.1"));
    CU_ASSERT(req_starts(5, "POST /v1/orgs/self/queries HTTP/1.1"));
    IT_STMT_OK(SQLFetch(st), st);
    CU_ASSERT_STRING_EQUAL(it_get(st, 1), "3");
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    fake_disconnect();
}

int main(void)
{
    static const cu_case cases[] = {
        {"row count of a parameter array (SQL_PARC_NO_BATCH)", test_array_row_count},
        {"SQLCancel during a page fetch deletes the query", test_cancel_deletes_query},
        {"inferred timestamp column, a later value as text", test_inferred_timestamp_later_text},
        {"two columns named alike are an error, not a NULL", test_duplicate_column_names},
        {"a value under a key with no column warns 01000", test_dropped_key_warns},
        {"static cursor: exact row count without results_total_doc_count",
         test_row_count_without_total},
        {"a page answer without pagination says nothing of the end", test_row_count_bare_pages},
        {"a refused document and a fence passing on the second poll", test_write_errors_and_fence},
        {"INSERT INTO ... SELECT: the next query waits for its offset", test_insert_select_fence},
        {NULL, NULL},
    };
    if (!getenv("RS_DRIVER_LIB")) {
        fprintf(stderr, "test_odbc_fake: RS_DRIVER_LIB is not set (run it via tests/odbc-env.sh)\n");
        return 1;
    }
    return cu_run("odbc fake server", cases);
}
