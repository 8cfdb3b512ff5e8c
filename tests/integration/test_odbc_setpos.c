/* SPDX-License-Identifier: Apache-2.0 */
/* Writes through a static cursor against rockset-local (issue #16): SQLSetPos SQL_UPDATE and
 * SQL_DELETE, SQLBulkOperations SQL_ADD and by bookmark, a row the server refuses, the
 * read-only refusal, a result without _id, and what SQLGetInfo/SQLGetFunctions say. */
#include "itest.h"
#include "tests/cunit_main.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void scalar_is(const char *sql, const char *want)
{
    char *v = it_scalar(sql);
    if (strcmp(v, want) != 0)
        fprintf(stderr, "\n%s: got %s, want %s\n", sql, v, want);
    CU_ASSERT_STRING_EQUAL(v, want);
    free(v);
}

/* commons.sp_a with s1..s3 (n 1..3, name a..c). */
static void setup(void)
{
    SQLHSTMT st = it_stmt();
    it_exec(st, "DROP TABLE IF EXISTS commons.sp_a");
    SQLFreeStmt(st, SQL_CLOSE);
    it_exec(st, "CREATE TABLE commons.sp_a (n INTEGER, name VARCHAR(10))");
    SQLFreeStmt(st, SQL_CLOSE);
    it_exec(st, "INSERT INTO commons.sp_a (_id, n, name) VALUES ('s1', 1, 'a'), ('s2', 2, 'b'),"
                " ('s3', 3, 'c')");
    it_free(st);
}

/* A static, updatable cursor over sql with rowset size rows. */
static SQLHSTMT open_cursor(const char *sql, SQLULEN rows)
{
    SQLHSTMT st = it_stmt();
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER)SQL_CURSOR_STATIC, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_CONCURRENCY, (SQLPOINTER)SQL_CONCUR_VALUES, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)rows, 0), st);
    it_exec(st, sql);
    return st;
}

static void test_update_delete(void)
{
    SQLINTEGER n[3];
    char name[3][11];
    SQLLEN nind[3], nameind[3], rows = -1;
    SQLUSMALLINT status[3];
    SQLULEN conc = 0;
    SQLHSTMT st;

    it_connect("");
    setup();
    st = open_cursor("SELECT _id, n, name FROM commons.sp_a ORDER BY n", 1);
    IT_STMT_OK(SQLGetStmtAttr(st, SQL_ATTR_CONCURRENCY, &conc, 0, NULL), st);
    CU_ASSERT_EQUAL(conc, SQL_CONCUR_VALUES);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_STATUS_PTR, status, 0), st);
    IT_STMT_OK(SQLBindCol(st, 2, SQL_C_SLONG, n, 0, nind), st);
    IT_STMT_OK(SQLBindCol(st, 3, SQL_C_CHAR, name, sizeof name[0], nameind), st);
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_ABSOLUTE, 2), st);
    CU_ASSERT_STRING_EQUAL(name[0], "b");
    strcpy(name[0], "B2");
    nameind[0] = SQL_NTS;
    n[0] = 20;
    IT_STMT_OK(SQLSetPos(st, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), st);
    CU_ASSERT_EQUAL(status[0], SQL_ROW_UPDATED);
    IT_STMT_OK(SQLRowCount(st, &rows), st);
    CU_ASSERT_EQUAL(rows, 1);
    /* a NULL through the indicator */
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_ABSOLUTE, 1), st);
    nameind[0] = SQL_NULL_DATA;
    IT_STMT_OK(SQLSetPos(st, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), st);
    /* SQL_COLUMN_IGNORE is not supported: an honest error */
    nameind[0] = SQL_COLUMN_IGNORE;
    IT_STATE(SQLSetPos(st, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_HANDLE_STMT, st, SQL_ERROR,
             "HYC00");
    SQLFreeStmt(st, SQL_UNBIND);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)3, 0), st);
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_FIRST, 0), st);
    IT_STMT_OK(SQLSetPos(st, 3, SQL_DELETE, SQL_LOCK_NO_CHANGE), st);
    CU_ASSERT_EQUAL(status[2], SQL_ROW_DELETED);
    IT_STMT_OK(SQLRowCount(st, &rows), st);
    CU_ASSERT_EQUAL(rows, 1);
    it_free(st);
    /* read your writes on this connection, then a new connection sees them too */
    scalar_is("SELECT name FROM commons.sp_a WHERE _id = 's2'", "B2");
    scalar_is("SELECT TYPEOF(n) FROM commons.sp_a WHERE _id = 's2'", "int");
    scalar_is("SELECT n FROM commons.sp_a WHERE _id = 's2'", "20");
    scalar_is("SELECT TYPEOF(name) FROM commons.sp_a WHERE _id = 's1'", "null");
    scalar_is("SELECT COUNT(*) FROM commons.sp_a WHERE _id = 's3'", "0");
    it_disconnect();
    it_connect("");
    scalar_is("SELECT COUNT(*) FROM commons.sp_a", "2");
    it_disconnect();
}

static void test_bulk_add_and_bookmarks(void)
{
    char id[2][8] = {"new1", ""}, name[2][11] = {"x", "y"};
    SQLINTEGER n[2] = {7, 8};
    SQLLEN idind[2] = {SQL_NTS, SQL_NULL_DATA}, nind[2] = {0, 0}, nameind[2] = {SQL_NTS, SQL_NTS};
    SQLUSMALLINT status[2], ops[2] = {SQL_ROW_PROCEED, SQL_ROW_PROCEED};
    int64_t bm[2];
    SQLLEN bmind[2], rows = -1;
    SQLUSMALLINT supported = 0;
    SQLHSTMT st;

    it_connect("");
    setup();
    IT_OK(SQLGetFunctions(it_dbc, SQL_API_SQLBULKOPERATIONS, &supported), SQL_HANDLE_DBC, it_dbc);
    CU_ASSERT_EQUAL(supported, SQL_TRUE);
    st = open_cursor("SELECT _id, n, name FROM commons.sp_a ORDER BY n", 2);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_STATUS_PTR, status, 0), st);
    IT_STMT_OK(SQLBindCol(st, 1, SQL_C_CHAR, id, sizeof id[0], idind), st);
    IT_STMT_OK(SQLBindCol(st, 2, SQL_C_SLONG, n, 0, nind), st);
    IT_STMT_OK(SQLBindCol(st, 3, SQL_C_CHAR, name, sizeof name[0], nameind), st);
    strcpy(id[0], "new1");
    idind[0] = SQL_NTS;
    idind[1] = SQL_NULL_DATA; /* the service chooses this one's _id */
    IT_STMT_OK(SQLBulkOperations(st, SQL_ADD), st);
    CU_ASSERT_EQUAL(status[0], SQL_ROW_ADDED);
    CU_ASSERT_EQUAL(status[1], SQL_ROW_ADDED);
    IT_STMT_OK(SQLRowCount(st, &rows), st);
    CU_ASSERT_EQUAL(rows, 2);
    it_free(st);
    scalar_is("SELECT COUNT(*) FROM commons.sp_a", "5");
    scalar_is("SELECT name FROM commons.sp_a WHERE _id = 'new1'", "x");
    scalar_is("SELECT name FROM commons.sp_a WHERE n = 8", "y");

    /* by bookmark: rows 1 and 2 (s1, s2); row 2 is left out by SQL_ATTR_ROW_OPERATION_PTR */
    st = it_stmt();
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_USE_BOOKMARKS, (SQLPOINTER)SQL_UB_VARIABLE, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER)SQL_CURSOR_STATIC, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_CONCURRENCY, (SQLPOINTER)SQL_CONCUR_VALUES, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)2, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_STATUS_PTR, status, 0), st);
    it_exec(st, "SELECT _id, n, name FROM commons.sp_a ORDER BY n");
    IT_STMT_OK(SQLBindCol(st, 0, SQL_C_VARBOOKMARK, bm, sizeof bm[0], bmind), st);
    IT_STMT_OK(SQLBindCol(st, 3, SQL_C_CHAR, name, sizeof name[0], nameind), st);
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_FIRST, 0), st);
    CU_ASSERT_EQUAL(bm[0], 1);
    CU_ASSERT_STRING_EQUAL(name[1], "b");
    strcpy(name[0], "bm1");
    strcpy(name[1], "bm2");
    nameind[0] = nameind[1] = SQL_NTS;
    ops[1] = SQL_ROW_IGNORE;
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_OPERATION_PTR, ops, 0), st);
    IT_STMT_OK(SQLBulkOperations(st, SQL_UPDATE_BY_BOOKMARK), st);
    CU_ASSERT_EQUAL(status[0], SQL_ROW_UPDATED);
    IT_STMT_OK(SQLRowCount(st, &rows), st);
    CU_ASSERT_EQUAL(rows, 1);
    /* fetch by bookmark: row 2 into buffer row 1 */
    ops[1] = SQL_ROW_PROCEED;
    bm[0] = 2;
    bm[1] = 1;
    IT_STMT_OK(SQLBulkOperations(st, SQL_FETCH_BY_BOOKMARK), st);
    CU_ASSERT_STRING_EQUAL(name[0], "b");
    ops[0] = SQL_ROW_IGNORE;
    IT_STMT_OK(SQLBulkOperations(st, SQL_DELETE_BY_BOOKMARK), st); /* row 1: s1 */
    CU_ASSERT_EQUAL(status[1], SQL_ROW_DELETED);
    it_free(st);
    scalar_is("SELECT name FROM commons.sp_a WHERE _id = 's2'", "b");
    scalar_is("SELECT COUNT(*) FROM commons.sp_a WHERE _id = 's1'", "0");
    it_disconnect();
}

/* The server refuses the patch of a document deleted behind the cursor's back. */
static void test_row_error(void)
{
    char name[2][11];
    SQLLEN nameind[2];
    SQLUSMALLINT status[2];
    SQLLEN diag_row = 0, rows = -1;
    SQLHSTMT st, other;

    it_connect("");
    setup();
    st = open_cursor("SELECT _id, name FROM commons.sp_a ORDER BY n", 2);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_STATUS_PTR, status, 0), st);
    IT_STMT_OK(SQLBindCol(st, 2, SQL_C_CHAR, name, sizeof name[0], nameind), st);
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_FIRST, 0), st);
    other = it_stmt();
    it_exec(other, "DELETE FROM commons.sp_a WHERE _id = 's1'");
    it_free(other);
    strcpy(name[0], "p1");
    strcpy(name[1], "p2");
    nameind[0] = nameind[1] = SQL_NTS; /* the fetch left the old lengths there */
    IT_STATE(SQLSetPos(st, 0, SQL_UPDATE, SQL_LOCK_NO_CHANGE), SQL_HANDLE_STMT, st,
             SQL_SUCCESS_WITH_INFO, "HY000");
    CU_ASSERT_EQUAL(status[0], SQL_ROW_ERROR);
    CU_ASSERT_EQUAL(status[1], SQL_ROW_UPDATED);
    SQLGetDiagField(SQL_HANDLE_STMT, st, 1, SQL_DIAG_ROW_NUMBER, &diag_row, 0, NULL);
    CU_ASSERT_EQUAL(diag_row, 1);
    IT_STMT_OK(SQLRowCount(st, &rows), st);
    CU_ASSERT_EQUAL(rows, 1);
    it_free(st);
    scalar_is("SELECT name FROM commons.sp_a WHERE _id = 's2'", "p2");
    scalar_is("SELECT COUNT(*) FROM commons.sp_a WHERE _id = 's1'", "0");
    it_disconnect();
}

static void test_refusals(void)
{
    SQLUINTEGER ops = 0, ca1 = 0;
    SQLHSTMT st;

    it_connect("");
    setup();
    SQLGetInfo(it_dbc, SQL_POS_OPERATIONS, &ops, sizeof ops, NULL);
    CU_ASSERT(ops & SQL_POS_UPDATE && ops & SQL_POS_DELETE && ops & SQL_POS_ADD);
    SQLGetInfo(it_dbc, SQL_STATIC_CURSOR_ATTRIBUTES1, &ca1, sizeof ca1, NULL);
    CU_ASSERT(ca1 & SQL_CA1_POS_UPDATE && ca1 & SQL_CA1_POS_DELETE && ca1 & SQL_CA1_BULK_ADD);
    /* no _id in the result */
    st = open_cursor("SELECT n, name FROM commons.sp_a ORDER BY n", 1);
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_FIRST, 0), st);
    IT_STATE(SQLSetPos(st, 1, SQL_DELETE, SQL_LOCK_NO_CHANGE), SQL_HANDLE_STMT, st, SQL_ERROR,
             "HYC00");
    CU_ASSERT(strstr(it_msg(SQL_HANDLE_STMT, st), "_id") != NULL);
    it_free(st);
    /* a read-only cursor */
    st = it_stmt();
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER)SQL_CURSOR_STATIC, 0), st);
    it_exec(st, "SELECT _id, n FROM commons.sp_a ORDER BY n");
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_FIRST, 0), st);
    IT_STATE(SQLSetPos(st, 1, SQL_DELETE, SQL_LOCK_NO_CHANGE), SQL_HANDLE_STMT, st, SQL_ERROR,
             "HY092");
    it_free(st);
    /* two collections */
    st = open_cursor("SELECT a._id, a.n FROM commons.sp_a a JOIN commons.sample b ON a.n = b.id",
                     1);
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_FIRST, 0), st);
    IT_STATE(SQLSetPos(st, 1, SQL_DELETE, SQL_LOCK_NO_CHANGE), SQL_HANDLE_STMT, st, SQL_ERROR,
             "HYC00");
    it_free(st);
    it_disconnect();
    /* a read-only connection */
    it_connect("ReadOnly=1");
    st = open_cursor("SELECT _id, n FROM commons.sp_a ORDER BY n", 1);
    IT_STMT_OK(SQLFetchScroll(st, SQL_FETCH_FIRST, 0), st);
    IT_STATE(SQLSetPos(st, 1, SQL_DELETE, SQL_LOCK_NO_CHANGE), SQL_HANDLE_STMT, st, SQL_ERROR,
             "25000");
    IT_STATE(SQLBulkOperations(st, SQL_ADD), SQL_HANDLE_STMT, st, SQL_ERROR, "25000");
    it_free(st);
    scalar_is("SELECT COUNT(*) FROM commons.sp_a", "3");
    it_disconnect();
}

int main(void)
{
    static const cu_case cases[] = {
        {"SQLSetPos update and delete", test_update_delete},
        {"SQLBulkOperations add and by bookmark", test_bulk_add_and_bookmarks},
        {"a row the server refuses", test_row_error},
        {"refusals: no _id, read-only cursor and connection", test_refusals},
        {NULL, NULL}};
    return cu_run("odbc_setpos", cases);
}
