/* SPDX-License-Identifier: Apache-2.0 */
/* Static cursors through the driver manager (issue #15): every SQLFetchScroll orientation on
 * a paginated result of 125,000 rows (a triple cross join of commons.sample, PageSize=1000,
 * so 125 server pages of which the client holds two), block cursors across page boundaries,
 * SQLSetPos + SQLGetData on any row of a block, bookmarks (fixed and variable,
 * SQL_ATTR_FETCH_BOOKMARK_PTR, column 0), SQLExtendedFetch, the exact SQLRowCount,
 * SQL_ATTR_MAX_ROWS, cursor type substitution (01S02), a server that does not paginate
 * (PageSize=0) and a catalog result. The 1M-row run is bench/scroll_memory.sh. */
#include "itest.h"
#include "tests/cunit_main.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_ROWS 125000L
static const char *const big_sql =
    "SELECT a.id AS a, b.id AS b, c.id AS c FROM commons.sample a CROSS JOIN commons.sample b"
    " CROSS JOIN commons.sample c ORDER BY a, b, c";

/* The value the columns encode for result row n (1-based): a*10000 + b*100 + c. */
static long want(long n)
{
    return ((n - 1) / 2500 + 1) * 10000 + ((n - 1) / 50 % 50 + 1) * 100 + (n - 1) % 50 + 1;
}

static long row_value(SQLHSTMT st)
{
    SQLINTEGER a = 0, b = 0, c = 0;
    SQLLEN ind;

    SQLGetData(st, 1, SQL_C_SLONG, &a, 0, &ind);
    SQLGetData(st, 2, SQL_C_SLONG, &b, 0, &ind);
    SQLGetData(st, 3, SQL_C_SLONG, &c, 0, &ind);
    return a * 10000L + b * 100L + c;
}

static SQLHSTMT static_stmt(void)
{
    SQLHSTMT st = it_stmt();
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER)SQL_CURSOR_STATIC, 0), st);
    return st;
}

/* Fetches with orientation/offset and checks the row it lands on (0: SQL_NO_DATA). */
static void expect_row(SQLHSTMT st, SQLSMALLINT o, SQLLEN off, long row, int line)
{
    SQLRETURN rc = SQLFetchScroll(st, o, off);
    SQLULEN num = 0;

    if (row == 0) {
        if (rc != SQL_NO_DATA)
            printf("line %d: orientation %d offset %ld: rc %d, wanted SQL_NO_DATA\n", line, o,
                   (long)off, rc);
        CU_ASSERT_EQUAL(rc, SQL_NO_DATA);
        return;
    }
    if (!SQL_SUCCEEDED(rc))
        it_dump(SQL_HANDLE_STMT, st, "SQLFetchScroll", line);
    CU_ASSERT(SQL_SUCCEEDED(rc));
    if (row_value(st) != want(row))
        printf("line %d: orientation %d offset %ld: got %ld, wanted row %ld (%ld)\n", line, o,
               (long)off, row_value(st), row, want(row));
    CU_ASSERT_EQUAL(row_value(st), want(row));
    CU_ASSERT(SQL_SUCCEEDED(SQLGetStmtAttr(st, SQL_ATTR_ROW_NUMBER, &num, 0, NULL)));
    CU_ASSERT_EQUAL(num, (SQLULEN)row);
}
#define EXPECT(st, o, off, row) expect_row(st, o, off, row, __LINE__)

static void test_cursor_type_attrs(void)
{
    SQLHSTMT st;
    SQLULEN v = 0;

    it_connect("");
    st = it_stmt();
    IT_STATE(SQLSetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER)SQL_CURSOR_KEYSET_DRIVEN, 0),
             SQL_HANDLE_STMT, st, SQL_SUCCESS_WITH_INFO, "01S02");
    IT_STMT_OK(SQLGetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, &v, 0, NULL), st);
    CU_ASSERT_EQUAL(v, SQL_CURSOR_STATIC);
    IT_STATE(SQLSetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER)SQL_CURSOR_DYNAMIC, 0),
             SQL_HANDLE_STMT, st, SQL_SUCCESS_WITH_INFO, "01S02");
    IT_STMT_OK(SQLGetStmtAttr(st, SQL_ATTR_CURSOR_SCROLLABLE, &v, 0, NULL), st);
    CU_ASSERT_EQUAL(v, SQL_SCROLLABLE);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_CURSOR_SCROLLABLE, (SQLPOINTER)SQL_NONSCROLLABLE, 0), st);
    IT_STMT_OK(SQLGetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, &v, 0, NULL), st);
    CU_ASSERT_EQUAL(v, SQL_CURSOR_FORWARD_ONLY);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_CURSOR_SCROLLABLE, (SQLPOINTER)SQL_SCROLLABLE, 0), st);
    IT_STMT_OK(SQLGetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, &v, 0, NULL), st);
    CU_ASSERT_EQUAL(v, SQL_CURSOR_STATIC);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_CURSOR_SENSITIVITY, (SQLPOINTER)SQL_INSENSITIVE, 0), st);
    it_free(st);
    /* SQL_INSENSITIVE alone asks for a static cursor ("corresponds to a static cursor with
     * read-only concurrency"): the type follows, and the result scrolls */
    st = it_stmt();
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_CURSOR_SENSITIVITY, (SQLPOINTER)SQL_INSENSITIVE, 0), st);
    IT_STMT_OK(SQLGetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, &v, 0, NULL), st);
    CU_ASSERT_EQUAL(v, SQL_CURSOR_STATIC);
    IT_STMT_OK(SQLGetStmtAttr(st, SQL_ATTR_CURSOR_SCROLLABLE, &v, 0, NULL), st);
    CU_ASSERT_EQUAL(v, SQL_SCROLLABLE);
    /* two rowset sizes: SQL_ROWSET_SIZE is SQLExtendedFetch's, SQL_ATTR_ROW_ARRAY_SIZE the
     * others'; setting one leaves the other alone */
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ROWSET_SIZE, (SQLPOINTER)3, 0), st);
    IT_STMT_OK(SQLGetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, &v, 0, NULL), st);
    CU_ASSERT_EQUAL(v, 1);
    IT_STMT_OK(SQLGetStmtAttr(st, SQL_ROWSET_SIZE, &v, 0, NULL), st);
    CU_ASSERT_EQUAL(v, 3);
    it_free(st);
    it_disconnect();
}

static void test_every_orientation(void)
{
    SQLHSTMT st;
    SQLLEN n = 0;

    it_connect("PageSize=1000");
    st = static_stmt();
    it_exec(st, big_sql);
    IT_STMT_OK(SQLRowCount(st, &n), st);
    CU_ASSERT_EQUAL(n, N_ROWS);
    EXPECT(st, SQL_FETCH_PRIOR, 0, 0);          /* before the start */
    EXPECT(st, SQL_FETCH_NEXT, 0, 1);
    EXPECT(st, SQL_FETCH_NEXT, 0, 2);
    EXPECT(st, SQL_FETCH_LAST, 0, N_ROWS);
    EXPECT(st, SQL_FETCH_PRIOR, 0, N_ROWS - 1);
    EXPECT(st, SQL_FETCH_NEXT, 0, N_ROWS);
    EXPECT(st, SQL_FETCH_NEXT, 0, 0);           /* after the end */
    EXPECT(st, SQL_FETCH_NEXT, 0, 0);
    EXPECT(st, SQL_FETCH_PRIOR, 0, N_ROWS);     /* from after the end: the last rowset */
    EXPECT(st, SQL_FETCH_FIRST, 0, 1);
    EXPECT(st, SQL_FETCH_ABSOLUTE, 62500, 62500);
    EXPECT(st, SQL_FETCH_RELATIVE, -10, 62490);
    EXPECT(st, SQL_FETCH_RELATIVE, 0, 62490);
    EXPECT(st, SQL_FETCH_RELATIVE, 1000, 63490);
    EXPECT(st, SQL_FETCH_ABSOLUTE, 999, 999);
    EXPECT(st, SQL_FETCH_NEXT, 0, 1000);        /* the last row of the first page ... */
    EXPECT(st, SQL_FETCH_NEXT, 0, 1001);        /* ... then the second page's first */
    EXPECT(st, SQL_FETCH_PRIOR, 0, 1000);
    EXPECT(st, SQL_FETCH_ABSOLUTE, -1, N_ROWS);
    EXPECT(st, SQL_FETCH_ABSOLUTE, -N_ROWS, 1);
    EXPECT(st, SQL_FETCH_ABSOLUTE, -(N_ROWS + 1), 0); /* |offset| > rows and > rowset size */
    EXPECT(st, SQL_FETCH_NEXT, 0, 1);
    EXPECT(st, SQL_FETCH_ABSOLUTE, N_ROWS + 1, 0);
    EXPECT(st, SQL_FETCH_RELATIVE, -1, N_ROWS);  /* after the end: as ABSOLUTE -1 */
    EXPECT(st, SQL_FETCH_RELATIVE, 5, 0);
    EXPECT(st, SQL_FETCH_ABSOLUTE, 0, 0);        /* before the start */
    EXPECT(st, SQL_FETCH_RELATIVE, 3, 3);        /* before the start: as ABSOLUTE 3 */
    EXPECT(st, SQL_FETCH_RELATIVE, -3, 0);       /* from row 3: before the start */
    EXPECT(st, SQL_FETCH_ABSOLUTE, 124001, 124001);
    EXPECT(st, SQL_FETCH_ABSOLUTE, 2, 2);
    IT_STATE(SQLFetchScroll(st, SQL_FETCH_BOOKMARK, 0), SQL_HANDLE_STMT, st, SQL_ERROR, "HY106");
    IT_STATE(SQLFetchScroll(st, 99, 0), SQL_HANDLE_STMT, st, SQL_ERROR, "HY106");
    it_free(st);
    it_disconnect();
}

static void test_blocks(void)
{
    SQLHSTMT st;
    SQLINTEGER a[10], b[10], c[10];
    SQLLEN ai[10], bi[10], ci[10];
    SQLUSMALLINT status[10];
    SQLULEN fetched = 0;
    char text[16];
    SQLLEN ind;

    it_connect("PageSize=1000");
    st = static_stmt();
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)10, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_STATUS_PTR, status, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0), st);
    IT_STMT_OK(SQLBindCol(st, 1, SQL_C_SLONG, a, 0, ai), st);
    IT_STMT_OK(SQLBindCol(st, 2, SQL_C_SLONG, b, 0, bi), st);
    IT_STMT_OK(SQLBindCol(st, 3, SQL_C_SLONG, c, 0, ci), st);
    it_exec(st, big_sql);
    /* a rowset across the boundary of pages 1 and 2 */
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_ABSOLUTE, 995), st);
    CU_ASSERT_EQUAL(fetched, 10);
    for (int i = 0; i < 10; i++) {
        CU_ASSERT_EQUAL(status[i], SQL_ROW_SUCCESS);
        CU_ASSERT_EQUAL(a[i] * 10000L + b[i] * 100L + c[i], want(995 + i));
    }
    /* SQL_GD_BLOCK: SQLGetData on row 3 (997) and row 10 (1004) of the block */
    IT_STMT_OK(SQLSetPos(st, 3, SQL_POSITION, SQL_LOCK_NO_CHANGE), st);
    IT_STMT_OK(SQLGetData(st, 3, SQL_C_CHAR, text, sizeof text, &ind), st);
    CU_ASSERT_EQUAL(atol(text), want(997) % 100);
    IT_STMT_OK(SQLSetPos(st, 10, SQL_POSITION, SQL_LOCK_NO_CHANGE), st);
    CU_ASSERT_EQUAL(row_value(st), want(1004));
    IT_STATE(SQLSetPos(st, 11, SQL_POSITION, SQL_LOCK_NO_CHANGE), SQL_HANDLE_STMT, st,
             SQL_ERROR, "HY107");
    IT_STATE(SQLSetPos(st, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_HANDLE_STMT, st,
             SQL_ERROR, "HY092");
    memset(a, 0, sizeof a);
    IT_STMT_OK(SQLSetPos(st, 0, SQL_REFRESH, SQL_LOCK_NO_CHANGE), st);
    CU_ASSERT_EQUAL(a[9] * 10000L + b[9] * 100L + c[9], want(1004));
    /* PRIOR from row 5 with a rowset of 10: row 1 and 01S06 */
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_ABSOLUTE, 5), st);
    IT_STATE(SQLFetchScroll(st, SQL_FETCH_PRIOR, 0), SQL_HANDLE_STMT, st,
             SQL_SUCCESS_WITH_INFO, "01S06");
    CU_ASSERT_EQUAL(a[0] * 10000L + b[0] * 100L + c[0], want(1));
    /* the last rowset, then a partial one at the end */
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_LAST, 0), st);
    CU_ASSERT_EQUAL(fetched, 10);
    CU_ASSERT_EQUAL(a[0] * 10000L + b[0] * 100L + c[0], want(N_ROWS - 9));
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_ABSOLUTE, -3), st);
    CU_ASSERT_EQUAL(fetched, 3);
    CU_ASSERT_EQUAL(status[2], SQL_ROW_SUCCESS);
    CU_ASSERT_EQUAL(status[3], SQL_ROW_NOROW);
    CU_ASSERT_EQUAL(a[2] * 10000L + b[2] * 100L + c[2], want(N_ROWS));
    /* NEXT moves by the previous rowset size */
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_ABSOLUTE, 100), st);
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_NEXT, 0), st);
    CU_ASSERT_EQUAL(a[0] * 10000L + b[0] * 100L + c[0], want(110));
    it_free(st);
    it_disconnect();
}

static void test_bookmarks(void)
{
    SQLHSTMT st;
    unsigned char bm[8], saved[8];
    SQLLEN bmind = 0;
    SQLUINTEGER fixed = 0;
    SQLULEN rows = 0;
    SQLUSMALLINT status[4];
    char buf[16];

    it_connect("PageSize=1000");
    st = static_stmt();
    IT_STATE(SQLBindCol(st, 0, SQL_C_VARBOOKMARK, bm, sizeof bm, &bmind), SQL_HANDLE_STMT, st,
             SQL_ERROR, "07009");
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_USE_BOOKMARKS, (SQLPOINTER)SQL_UB_VARIABLE, 0), st);
    IT_STMT_OK(SQLBindCol(st, 0, SQL_C_VARBOOKMARK, bm, sizeof bm, &bmind), st);
    it_exec(st, big_sql);
    EXPECT(st, SQL_FETCH_ABSOLUTE, 77777, 77777);
    CU_ASSERT_EQUAL(bmind, 8);
    memcpy(saved, bm, sizeof saved);
    EXPECT(st, SQL_FETCH_FIRST, 0, 1);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_FETCH_BOOKMARK_PTR, saved, 0), st);
    EXPECT(st, SQL_FETCH_BOOKMARK, 0, 77777);
    EXPECT(st, SQL_FETCH_BOOKMARK, -5, 77772);
    EXPECT(st, SQL_FETCH_BOOKMARK, 50000, 0);
    {
        /* column 0 is described: SQL_BINARY for variable-length bookmarks (8 bytes) */
        SQLSMALLINT type = 0;
        SQLULEN size = 0;
        IT_STMT_OK(SQLDescribeCol(st, 0, NULL, 0, NULL, &type, &size, NULL, NULL), st);
        CU_ASSERT_EQUAL(type, SQL_BINARY);
        CU_ASSERT_EQUAL(size, 8);
    }
    /* column 0 through SQLGetData */
    EXPECT(st, SQL_FETCH_ABSOLUTE, 12, 12);
    IT_STMT_OK(SQLGetData(st, 0, SQL_C_VARBOOKMARK, buf, sizeof buf, &bmind), st);
    {
        int64_t v;
        memcpy(&v, buf, sizeof v);
        CU_ASSERT_EQUAL(v, 12);
        v = N_ROWS + 5; /* no such row */
        memcpy(saved, &v, sizeof v);
    }
    IT_STATE(SQLFetchScroll(st, SQL_FETCH_BOOKMARK, 0), SQL_HANDLE_STMT, st, SQL_ERROR, "HY111");
    it_free(st);
    /* fixed-length (ODBC 2) bookmarks and SQLExtendedFetch, through the driver manager */
    st = static_stmt();
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_USE_BOOKMARKS, (SQLPOINTER)SQL_UB_ON, 0), st);
    IT_STMT_OK(SQLBindCol(st, 0, SQL_C_ULONG, &fixed, 0, &bmind), st);
    it_exec(st, big_sql);
    {
        /* column 0 is described: SQL_INTEGER for fixed-length bookmarks */
        SQLCHAR name[32];
        SQLSMALLINT nlen = -1, type = 0, dig = 0, nul = 0;
        SQLULEN size = 0;
        SQLLEN len = 0;
        IT_STMT_OK(SQLDescribeCol(st, 0, name, sizeof name, &nlen, &type, &size, &dig, &nul), st);
        CU_ASSERT_EQUAL(type, SQL_INTEGER);
        CU_ASSERT_EQUAL(nul, SQL_NO_NULLS);
        CU_ASSERT_EQUAL(nlen, 0);
        IT_STMT_OK(SQLColAttribute(st, 0, SQL_DESC_OCTET_LENGTH, NULL, 0, NULL, &len), st);
        CU_ASSERT_EQUAL(len, 4);
    }
    IT_STMT_OK(SQLExtendedFetch(st, SQL_FETCH_ABSOLUTE, 4321, &rows, status), st);
    CU_ASSERT_EQUAL(rows, 1);
    CU_ASSERT_EQUAL(status[0], SQL_ROW_SUCCESS);
    CU_ASSERT_EQUAL(fixed, 4321);
    CU_ASSERT_EQUAL(row_value(st), want(4321));
    IT_STMT_OK(SQLExtendedFetch(st, SQL_FETCH_LAST, 0, &rows, status), st);
    CU_ASSERT_EQUAL(row_value(st), want(N_ROWS));
    IT_STMT_OK(SQLExtendedFetch(st, SQL_FETCH_PRIOR, 0, &rows, status), st);
    CU_ASSERT_EQUAL(row_value(st), want(N_ROWS - 1));
    IT_STMT_OK(SQLExtendedFetch(st, SQL_FETCH_BOOKMARK, 4321, &rows, status), st);
    CU_ASSERT_EQUAL(row_value(st), want(4321));
    CU_ASSERT_EQUAL(SQLExtendedFetch(st, SQL_FETCH_RELATIVE, N_ROWS, &rows, status), SQL_NO_DATA);
    it_free(st);
    it_disconnect();
}

/* SQLExtendedFetch's rowset is SQL_ROWSET_SIZE, SQLFetchScroll's SQL_ATTR_ROW_ARRAY_SIZE. */
static void test_rowset_sizes(void)
{
    SQLHSTMT st;
    SQLULEN rows = 0;
    SQLUSMALLINT status[4];

    it_connect("PageSize=1000");
    /* SQLExtendedFetch's rowset is SQL_ROWSET_SIZE (3 rows) while SQLFetchScroll's stays
     * SQL_ATTR_ROW_ARRAY_SIZE (1 row) on the same statement (on the next cursor: the driver
     * manager refuses to mix the two calls on one cursor, HY010) */
    st = static_stmt();
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ROWSET_SIZE, (SQLPOINTER)3, 0), st);
    it_exec(st, big_sql);
    IT_STMT_OK(SQLExtendedFetch(st, SQL_FETCH_ABSOLUTE, 10, &rows, status), st);
    CU_ASSERT_EQUAL(rows, 3);
    CU_ASSERT_EQUAL(status[2], SQL_ROW_SUCCESS);
    IT_STMT_OK(SQLFreeStmt(st, SQL_CLOSE), st);
    it_exec(st, big_sql);
    {
        SQLULEN got = 0;
        IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROWS_FETCHED_PTR, &got, 0), st);
        IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_ABSOLUTE, 20), st);
        CU_ASSERT_EQUAL(got, 1);
        CU_ASSERT_EQUAL(row_value(st), want(20));
    }
    it_free(st);
    it_disconnect();
}

static void test_max_rows_and_small_results(void)
{
    SQLHSTMT st;
    SQLLEN n = 0;

    it_connect("PageSize=1000");
    st = static_stmt();
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_MAX_ROWS, (SQLPOINTER)1500, 0), st);
    it_exec(st, big_sql);
    IT_STMT_OK(SQLRowCount(st, &n), st);
    CU_ASSERT_EQUAL(n, 1500);
    EXPECT(st, SQL_FETCH_LAST, 0, 1500);
    EXPECT(st, SQL_FETCH_NEXT, 0, 0);
    EXPECT(st, SQL_FETCH_ABSOLUTE, 1501, 0);
    it_free(st);
    /* an empty result */
    st = static_stmt();
    it_exec(st, "SELECT id FROM commons.sample WHERE id > 1000");
    CU_ASSERT_EQUAL(SQLFetchScroll(st, SQL_FETCH_LAST, 0), SQL_NO_DATA);
    CU_ASSERT_EQUAL(SQLFetchScroll(st, SQL_FETCH_FIRST, 0), SQL_NO_DATA);
    IT_STMT_OK(SQLRowCount(st, &n), st);
    CU_ASSERT_EQUAL(n, 0);
    it_free(st);
    /* a catalog result scrolls too */
    st = static_stmt();
    IT_STMT_OK(SQLTables(st, NULL, 0, (SQLCHAR *)"commons", SQL_NTS, NULL, 0, NULL, 0), st);
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_LAST, 0), st);
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_FIRST, 0), st);
    CU_ASSERT_STRING_EQUAL(it_get(st, 2), "commons");
    it_free(st);
    it_disconnect();
    /* PageSize=0: the server answers everything in its first response (no pagination) */
    it_connect("PageSize=0");
    st = static_stmt();
    it_exec(st, "SELECT id FROM commons.sample ORDER BY id");
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_LAST, 0), st);
    CU_ASSERT_STRING_EQUAL(it_get(st, 1), "50");
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_ABSOLUTE, 7), st);
    CU_ASSERT_STRING_EQUAL(it_get(st, 1), "7");
    CU_ASSERT_EQUAL(SQLFetchScroll(st, SQL_FETCH_ABSOLUTE, 51), SQL_NO_DATA);
    IT_STMT_OK(SQLRowCount(st, &n), st);
    CU_ASSERT_EQUAL(n, 50);
    it_free(st);
    it_disconnect();
}

int main(void)
{
    static const cu_case cases[] = {
        {"cursor type, scrollability, sensitivity", test_cursor_type_attrs},
        {"every SQLFetchScroll orientation over 125,000 rows", test_every_orientation},
        {"block cursors, SQLSetPos, SQL_GD_BLOCK", test_blocks},
        {"bookmarks and SQLExtendedFetch", test_bookmarks},
        {"SQL_ROWSET_SIZE apart from SQL_ATTR_ROW_ARRAY_SIZE", test_rowset_sizes},
        {"MAX_ROWS, empty, catalog and unpaginated results", test_max_rows_and_small_results},
        {NULL, NULL},
    };
    return cu_run("odbc scroll", cases);
}
