/* SPDX-License-Identifier: Apache-2.0 */
/* Scroll memory benchmark through the driver manager: runs one query with a static cursor
 * and moves back and forth over the whole result (every row forward in blocks of 256, every
 * row backward with SQL_FETCH_PRIOR in blocks of 256, then 2,000 SQL_FETCH_ABSOLUTE jumps to
 * pseudo-random rows (half counted from the end, negative), 2,000 SQL_FETCH_RELATIVE moves,
 * 200 bookmarks read at random rows (SQLSetPos + SQLGetData of column 0) and fetched back with
 * SQL_FETCH_BOOKMARK, FIRST and LAST: every orientation), checking each position's first
 * column against the row number; or, with mode "forward", the same query read once with a forward-only cursor. Prints
 * rows, the count of positioned fetches and the process's peak RSS (getrusage). */
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define BLOCK 256
#define COLBUF 64

static void die(SQLHSTMT st, const char *what)
{
    SQLCHAR state[6], msg[512];
    SQLINTEGER native;
    SQLSMALLINT len;

    fprintf(stderr, "%s failed\n", what);
    if (SQLGetDiagRec(SQL_HANDLE_STMT, st, 1, state, &native, msg, sizeof msg, &len) == SQL_SUCCESS)
        fprintf(stderr, "  %s: %s\n", state, msg);
    exit(1);
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static SQLBIGINT nums[BLOCK];
static SQLLEN inds[BLOCK];
static SQLULEN fetched;

/* Fetches and checks that the rowset starts at row `first` (column 1 is the row number). */
static void fetch_at(SQLHSTMT st, SQLSMALLINT o, SQLLEN off, long long first)
{
    SQLRETURN rc = SQLFetchScroll(st, o, off);
    if (!SQL_SUCCEEDED(rc))
        die(st, "SQLFetchScroll");
    if (fetched == 0 || nums[0] != first) {
        fprintf(stderr, "orientation %d offset %ld: row %lld, expected %lld\n", o, (long)off,
                (long long)nums[0], first);
        exit(1);
    }
}

static unsigned long long next_rand(unsigned long long *seed, unsigned long long n)
{
    *seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (*seed >> 33) % n;
}

/* ABSOLUTE from the end, RELATIVE both ways, and BOOKMARK: the orientations the sweeps and
 * jumps of main leave out. Returns the count of positioned fetches. */
static unsigned long long scroll_more(SQLHSTMT st, long long total, unsigned long long *seed)
{
    unsigned long long moves = 0;
    long long cur = 1;
    unsigned char bm[16];
    SQLLEN bmlen;

    fetch_at(st, SQL_FETCH_FIRST, 0, 1);
    for (int i = 0; i < 1000; i++, moves++) { /* ABSOLUTE -k: the k-th row from the end */
        long long k = (long long)next_rand(seed, (unsigned long long)total) + 1;
        fetch_at(st, SQL_FETCH_ABSOLUTE, (SQLLEN)-k, total - k + 1);
        cur = total - k + 1;
    }
    for (int i = 0; i < 2000; i++, moves++) { /* RELATIVE, staying inside the result */
        long long to = (long long)next_rand(seed, (unsigned long long)total) + 1;
        fetch_at(st, SQL_FETCH_RELATIVE, (SQLLEN)(to - cur), to);
        cur = to;
    }
    for (int i = 0; i < 200; i++, moves += 2) { /* a bookmark read at one row, fetched later */
        long long r = (long long)next_rand(seed, (unsigned long long)total) + 1;
        fetch_at(st, SQL_FETCH_ABSOLUTE, (SQLLEN)r, r);
        if (!SQL_SUCCEEDED(SQLSetPos(st, 1, SQL_POSITION, SQL_LOCK_NO_CHANGE)) ||
            !SQL_SUCCEEDED(SQLGetData(st, 0, SQL_C_VARBOOKMARK, bm, sizeof bm, &bmlen)))
            die(st, "bookmark");
        fetch_at(st, SQL_FETCH_FIRST, 0, 1);
        SQLSetStmtAttr(st, SQL_ATTR_FETCH_BOOKMARK_PTR, bm, 0);
        fetch_at(st, SQL_FETCH_BOOKMARK, 0, r);
    }
    return moves;
}

int main(int argc, char **argv)
{
    SQLHENV env;
    SQLHDBC dbc;
    SQLHSTMT st;
    SQLLEN total = 0;
    unsigned long long moves = 0, rows = 0;
    int scroll;
    struct timespec t0, t1;

    if (argc < 4 || (strcmp(argv[1], "forward") && strcmp(argv[1], "scroll"))) {
        fprintf(stderr, "usage: %s forward|scroll CONNECTION-STRING SQL (column 1: row number 1..N in order)\n", argv[0]);
        return 2;
    }
    scroll = strcmp(argv[1], "scroll") == 0;
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
    if (!SQL_SUCCEEDED(SQLDriverConnect(dbc, NULL, (SQLCHAR *)argv[2], SQL_NTS, NULL, 0, NULL,
                                        SQL_DRIVER_NOPROMPT))) {
        fprintf(stderr, "connect failed\n");
        return 1;
    }
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    if (scroll) {
        SQLSetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER)SQL_CURSOR_STATIC, 0);
        SQLSetStmtAttr(st, SQL_ATTR_USE_BOOKMARKS, (SQLPOINTER)SQL_UB_VARIABLE, 0);
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (!SQL_SUCCEEDED(SQLExecDirect(st, (SQLCHAR *)argv[3], SQL_NTS)))
        die(st, "execute");
    SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)(SQLULEN)BLOCK, 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0);
    SQLBindCol(st, 1, SQL_C_SBIGINT, nums, 0, inds);
    for (;;) { /* every row forward */
        SQLRETURN rc = SQLFetchScroll(st, SQL_FETCH_NEXT, 0);
        if (rc == SQL_NO_DATA)
            break;
        if (!SQL_SUCCEEDED(rc) || nums[0] != (SQLBIGINT)rows + 1)
            die(st, "forward fetch");
        rows += fetched;
        moves++;
    }
    if (scroll) {
        unsigned long long seed = 12345, back = 0;
        if (!SQL_SUCCEEDED(SQLRowCount(st, &total)) || (unsigned long long)total != rows)
            die(st, "SQLRowCount");
        fetch_at(st, SQL_FETCH_LAST, 0, total - BLOCK + 1);
        back = fetched;
        for (long long at = total - BLOCK + 1; at > 1; moves++) { /* every row backward */
            at = at > BLOCK ? at - BLOCK : 1;
            fetch_at(st, SQL_FETCH_PRIOR, 0, at);
            back += fetched;
        }
        for (int i = 0; i < 2000; i++, moves++) { /* jumps */
            long long r = (long long)next_rand(&seed, (unsigned long long)total) + 1;
            fetch_at(st, SQL_FETCH_ABSOLUTE, (SQLLEN)r, r);
        }
        moves += scroll_more(st, total, &seed);
        fetch_at(st, SQL_FETCH_FIRST, 0, 1);
        moves++;
        (void)back;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%-8s rows=%llu fetches=%llu seconds=%.2f peak_rss_kb=%ld\n", argv[1], rows, moves,
           (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, peak_rss_kb());
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    return 0;
}
