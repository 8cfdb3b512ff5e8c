/* SPDX-License-Identifier: Apache-2.0 */
/* Fetch benchmark through the driver manager: any ODBC driver, so the same program measures
 * rockset-odbc and a peer (psqlODBC) on the same rows.
 *
 *   bench/odbc_fetch [-m bound|getdata] [-b ROWSET] [-n QUERIES] LABEL CONNECTION-STRING SQL
 *   bench/odbc_fetch -c LABEL CONNECTION-STRING SCHEMA
 *
 * bound (default): every column bound as SQL_C_CHAR, SQLFetchScroll with a rowset of ROWSET rows
 * (default 256; 1 is the row-at-a-time way); getdata: SQLFetch and SQLGetData(SQL_C_CHAR) per
 * column. -n: execute SQL QUERIES times, each fetched to the end (point queries). -c: the catalog
 * way: SQLTables(schema SCHEMA, every table) then SQLColumns of each table it names, all read.
 * Prints rows, the client's CPU (user+sys from execute on, all threads), seconds, rows/s, the
 * process's peak RSS and the CPU per query. */
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define MAXBLOCK 1000
#define MAXCOLS 16
#define COLBUF 64
#define MAXTABLES 4096

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

static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec / 1e6;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static char bufs[MAXCOLS][MAXBLOCK][COLBUF];
static SQLLEN inds[MAXCOLS][MAXBLOCK];

/* Reads the open result to its end with a bound rowset of `block` rows; returns the rows. */
static unsigned long long fetch_bound(SQLHSTMT st, SQLULEN block)
{
    SQLSMALLINT ncols;
    SQLULEN fetched = 0;
    unsigned long long rows = 0;

    SQLNumResultCols(st, &ncols);
    if (ncols > MAXCOLS)
        ncols = MAXCOLS;
    SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)block, 0);
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
    SQLFreeStmt(st, SQL_UNBIND);
    return rows;
}

/* Reads the open result to its end row by row, each column with SQLGetData. */
static unsigned long long fetch_getdata(SQLHSTMT st)
{
    SQLSMALLINT ncols;
    unsigned long long rows = 0;
    char buf[COLBUF];
    SQLLEN ind;

    SQLNumResultCols(st, &ncols);
    for (;;) {
        SQLRETURN rc = SQLFetch(st);
        if (rc == SQL_NO_DATA)
            break;
        if (!SQL_SUCCEEDED(rc))
            die(SQL_HANDLE_STMT, st, "fetch");
        for (SQLSMALLINT c = 1; c <= ncols; c++)
            if (!SQL_SUCCEEDED(SQLGetData(st, (SQLUSMALLINT)c, SQL_C_CHAR, buf, sizeof buf, &ind)))
                die(SQL_HANDLE_STMT, st, "SQLGetData");
        rows++;
    }
    return rows;
}

/* SQLTables over SCHEMA, then SQLColumns for every table it lists; returns the rows read. */
static unsigned long long run_catalog(SQLHSTMT st, const char *schema, long *queries)
{
    static char names[MAXTABLES][2][128];
    SQLLEN ind[2];
    char cat[128];
    long n = 0;
    unsigned long long rows = 0;

    if (!SQL_SUCCEEDED(SQLTables(st, NULL, 0, (SQLCHAR *)schema, SQL_NTS, (SQLCHAR *)"%",
                                 SQL_NTS, (SQLCHAR *)"TABLE", SQL_NTS)))
        die(SQL_HANDLE_STMT, st, "SQLTables");
    while (SQL_SUCCEEDED(SQLFetch(st))) {
        SQLLEN i0;
        SQLGetData(st, 1, SQL_C_CHAR, cat, sizeof cat, &i0);
        SQLGetData(st, 2, SQL_C_CHAR, names[n][0], sizeof names[n][0], &ind[0]);
        SQLGetData(st, 3, SQL_C_CHAR, names[n][1], sizeof names[n][1], &ind[1]);
        if (ind[0] == SQL_NULL_DATA)
            names[n][0][0] = 0;
        rows++;
        if (n < MAXTABLES - 1)
            n++;
    }
    SQLCloseCursor(st);
    for (long i = 0; i < n; i++) {
        SQLCHAR *sch = (SQLCHAR *)names[i][0], *tab = (SQLCHAR *)names[i][1];
        if (!SQL_SUCCEEDED(SQLColumns(st, NULL, 0, sch[0] ? sch : NULL, SQL_NTS, tab, SQL_NTS,
                                      (SQLCHAR *)"%", SQL_NTS)))
            die(SQL_HANDLE_STMT, st, "SQLColumns");
        rows += fetch_getdata(st);
        SQLCloseCursor(st);
    }
    *queries = n + 1;
    return rows;
}

int main(int argc, char **argv)
{
    SQLHENV env;
    SQLHDBC dbc;
    SQLHSTMT st;
    int opt, getdata = 0, catalog = 0;
    long block = 256, queries = 1;
    unsigned long long rows = 0;

    while ((opt = getopt(argc, argv, "m:b:n:c")) != -1) {
        if (opt == 'm')
            getdata = strcmp(optarg, "getdata") == 0;
        else if (opt == 'b')
            block = atol(optarg);
        else if (opt == 'n')
            queries = atol(optarg);
        else if (opt == 'c')
            catalog = 1;
        else
            return 2;
    }
    if (argc - optind < 3 || block < 1 || block > MAXBLOCK || queries < 1) {
        fprintf(stderr, "usage: %s [-m bound|getdata] [-b ROWSET] [-n QUERIES] [-c] LABEL "
                        "CONNECTION-STRING SQL-OR-SCHEMA\n", argv[0]);
        return 2;
    }
    const char *label = argv[optind], *conn = argv[optind + 1], *sql = argv[optind + 2];
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
    if (!SQL_SUCCEEDED(SQLDriverConnect(dbc, NULL, (SQLCHAR *)conn, SQL_NTS, NULL, 0, NULL,
                                        SQL_DRIVER_NOPROMPT)))
        die(SQL_HANDLE_DBC, dbc, "connect");
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    long rss_before = peak_rss_kb();
    double t0 = now_s(), c0 = cpu_s();
    if (catalog) {
        rows = run_catalog(st, sql, &queries);
    } else {
        for (long q = 0; q < queries; q++) {
            if (!SQL_SUCCEEDED(SQLExecDirect(st, (SQLCHAR *)sql, SQL_NTS)))
                die(SQL_HANDLE_STMT, st, "execute");
            rows += getdata ? fetch_getdata(st) : fetch_bound(st, (SQLULEN)block);
            SQLCloseCursor(st);
        }
    }
    double t1 = now_s(), cpu = cpu_s() - c0;
    printf("%-10s rows=%llu cpu_s=%.4f seconds=%.3f rows_per_s=%.0f peak_rss_kb=%ld "
           "us_per_query=%.1f (before execute %ld)\n", label, rows, cpu, t1 - t0,
           rows / (t1 - t0), peak_rss_kb(), cpu * 1e6 / queries, rss_before);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    return 0;
}
