/* SPDX-License-Identifier: Apache-2.0 */
/* Cancel from another thread (HY008) and query timeouts (HYT00), from the statement
 * attribute and from the QueryTimeout keyword. The slow query is a 400-million-row join. */
#include "itest.h"
#include "tests/cunit_main.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define SLOW "SELECT COUNT(*) AS n FROM sales.orders a, sales.orders b, sales.orders c, commons.sample d"

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int use_cancel_handle;

static void *canceller(void *arg)
{
    SQLHSTMT st = arg;
    static SQLRETURN rc;

    usleep(400 * 1000);
    rc = use_cancel_handle ? SQLCancelHandle(SQL_HANDLE_STMT, st) : SQLCancel(st);
    return &rc;
}

static void cancel_other_thread(void)
{
    SQLHSTMT st;
    pthread_t t;
    void *res = NULL;
    double t0;
    SQLRETURN rc;

    it_connect("");
    st = it_stmt();
    CU_ASSERT_FATAL(pthread_create(&t, NULL, canceller, st) == 0);
    t0 = now();
    rc = SQLExecDirect(st, (SQLCHAR *)SLOW, SQL_NTS);
    pthread_join(t, &res);
    CU_ASSERT_EQUAL(rc, SQL_ERROR);
    CU_ASSERT_STRING_EQUAL(it_state(SQL_HANDLE_STMT, st), "HY008");
    CU_ASSERT(now() - t0 < 10.0);
    CU_ASSERT(res && *(SQLRETURN *)res == SQL_SUCCESS);
    /* the statement and the connection still work */
    it_exec(st, "SELECT 1 AS one");
    CU_ASSERT(SQLFetch(st) == SQL_SUCCESS);
    it_free(st);
    it_disconnect();
}

static void test_cancel_other_thread(void)
{
    use_cancel_handle = 0;
    cancel_other_thread();
}

static void test_cancel_handle(void)
{
    use_cancel_handle = 1;
    cancel_other_thread();
}

static void test_query_timeout_attr(void)
{
    SQLHSTMT st;
    SQLULEN v = 0;
    double t0;

    it_connect("");
    st = it_stmt();
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_QUERY_TIMEOUT, (SQLPOINTER)1, 0), st);
    IT_STMT_OK(SQLGetStmtAttr(st, SQL_ATTR_QUERY_TIMEOUT, &v, 0, NULL), st);
    CU_ASSERT_EQUAL(v, 1);
    t0 = now();
    IT_STATE(SQLExecDirect(st, (SQLCHAR *)SLOW, SQL_NTS), SQL_HANDLE_STMT, st, SQL_ERROR, "HYT00");
    CU_ASSERT(now() - t0 < 10.0);
    it_free(st);
    it_disconnect();
}

static void test_query_timeout_keyword(void)
{
    SQLHSTMT st;
    SQLULEN v = 0;

    it_connect("QueryTimeout=1");
    st = it_stmt();
    IT_STMT_OK(SQLGetStmtAttr(st, SQL_ATTR_QUERY_TIMEOUT, &v, 0, NULL), st);
    CU_ASSERT_EQUAL(v, 1);
    IT_STATE(SQLExecDirect(st, (SQLCHAR *)SLOW, SQL_NTS), SQL_HANDLE_STMT, st, SQL_ERROR, "HYT00");
    it_free(st);
    it_disconnect();
}

static void test_cancel_idle(void)
{
    SQLHSTMT st;

    it_connect("");
    st = it_stmt();
    /* nothing running: succeeds (unixODBC then closes the cursor, as ODBC 2 did), and the
     * next statement is not cancelled by it */
    it_exec(st, "SELECT id FROM commons.sample ORDER BY id");
    CU_ASSERT(SQLCancel(st) == SQL_SUCCESS);
    SQLFreeStmt(st, SQL_CLOSE);
    it_exec(st, "SELECT id FROM commons.sample ORDER BY id");
    CU_ASSERT(SQLFetch(st) == SQL_SUCCESS);
    CU_ASSERT_STRING_EQUAL(it_get(st, 1), "1");
    it_free(st);
    it_disconnect();
}

/* Each thread: its own connection, queries and fetches at the same time as the others. */
static void *worker(void *arg)
{
    SQLHENV env;
    SQLHDBC dbc;
    SQLHSTMT st;
    char in[512];
    long *ok = arg;
    SQLINTEGER id;
    SQLLEN ind;

    *ok = 0;
    if (SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env) != SQL_SUCCESS)
        return NULL;
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
    snprintf(in, sizeof in, "DSN=%s;PageSize=7", getenv("RS_DSN"));
    if (SQL_SUCCEEDED(SQLDriverConnect(dbc, NULL, (SQLCHAR *)in, SQL_NTS, NULL, 0, NULL,
                                       SQL_DRIVER_NOPROMPT))) {
        SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
        for (int round = 0; round < 5; round++) {
            long sum = 0;
            SQLBindCol(st, 1, SQL_C_SLONG, &id, 0, &ind);
            if (!SQL_SUCCEEDED(SQLExecDirect(st, (SQLCHAR *)"SELECT id FROM commons.sample", SQL_NTS)))
                break;
            while (SQLFetch(st) == SQL_SUCCESS)
                sum += id;
            SQLCloseCursor(st);
            if (sum == 50 * 51 / 2)
                (*ok)++;
        }
        SQLFreeHandle(SQL_HANDLE_STMT, st);
        SQLDisconnect(dbc);
    }
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    return NULL;
}

static void test_threads(void)
{
    pthread_t t[4];
    long ok[4];

    for (int i = 0; i < 4; i++)
        CU_ASSERT_FATAL(pthread_create(&t[i], NULL, worker, &ok[i]) == 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        CU_ASSERT_EQUAL(ok[i], 5);
    }
}

int main(void)
{
    static const cu_case cases[] = {
        {"four threads, four connections", test_threads},
        {"SQLCancel from another thread", test_cancel_other_thread},
        {"SQLCancelHandle from another thread", test_cancel_handle},
        {"SQL_ATTR_QUERY_TIMEOUT", test_query_timeout_attr},
        {"QueryTimeout keyword", test_query_timeout_keyword},
        {"SQLCancel with nothing running", test_cancel_idle},
        {NULL, NULL},
    };
    return cu_run("odbc cancel", cases);
}
