/* SPDX-License-Identifier: Apache-2.0 */
/* Fetch benchmark through the driver manager: any ODBC driver, so the same program measures
 * rockset-odbc and a peer (psqlODBC) on the same rows. Prints rows, seconds, rows/s and the
 * process's peak RSS; fetches with SQLBindCol and a block cursor (the way BI tools read). */
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define BLOCK 256
#define MAXCOLS 16
#define COLBUF 64

static void die(SQLSMALLINT type, SQLHANDLE h, const char *what)
{
    SQLCHAR state[6], msg[512];
    SQLINTEGER native;
    SQLSMALLINT len;

    fprintf(stderr, "%s failed\n", what);
    if (SQLGetDiagRec(type, h, 1, state, &native, msg, sizeof msg, &len) == SQL_SUCCESS)
        fprintf(stderr, "  %s: %s\n", state, msg);
    exit(1);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

int main(int argc, char **argv)
{
    SQLHENV env;
    SQLHDBC dbc;
    SQLHSTMT st;
    SQLSMALLINT ncols;
    SQLULEN fetched = 0;
    static char bufs[MAXCOLS][BLOCK][COLBUF];
    static SQLLEN inds[MAXCOLS][BLOCK];
    unsigned long long rows = 0;
    double t0, t1;

    if (argc < 4) {
        fprintf(stderr, "usage: %s LABEL CONNECTION-STRING SQL\n", argv[0]);
        return 2;
    }
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
    if (!SQL_SUCCEEDED(SQLDriverConnect(dbc, NULL, (SQLCHAR *)argv[2], SQL_NTS, NULL, 0, NULL,
                                        SQL_DRIVER_NOPROMPT)))
        die(SQL_HANDLE_DBC, dbc, "connect");
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    long rss_before = peak_rss_kb();
    t0 = now_s();
    if (!SQL_SUCCEEDED(SQLExecDirect(st, (SQLCHAR *)argv[3], SQL_NTS)))
        die(SQL_HANDLE_STMT, st, "execute");
    SQLNumResultCols(st, &ncols);
    if (ncols > MAXCOLS)
        ncols = MAXCOLS;
    SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)(SQLULEN)BLOCK, 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0);
    for (SQLSMALLINT c = 0; c < ncols; c++)
        SQLBindCol(st, c + 1, SQL_C_CHAR, bufs[c], COLBUF, inds[c]);
    for (;;) {
        SQLRETURN rc = SQLFetchScroll(st, SQL_FETCH_NEXT, 0);
        if (rc == SQL_NO_DATA)
            break;
        if (!SQL_SUCCEEDED(rc))
            die(SQL_HANDLE_STMT, st, "fetch");
        rows += fetched;
    }
    t1 = now_s();
    printf("%-10s rows=%llu cols=%d seconds=%.3f rows_per_s=%.0f peak_rss_kb=%ld (before execute %ld)\n",
           argv[1], rows, ncols, t1 - t0, rows / (t1 - t0), peak_rss_kb(), rss_before);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    return 0;
}
