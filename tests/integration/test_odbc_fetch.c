/* SPDX-License-Identifier: Apache-2.0 */
/* Fetching: SQLBindCol, block cursors (column- and row-wise, bind offsets, row status, rows
 * fetched), rows spanning server pages, piecewise SQLGetData, truncation 01004, HY106. */
#include "itest.h"
#include "tests/cunit_main.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_bindcol_all_rows(void)
{
    SQLHSTMT st;
    SQLINTEGER id = 0;
    char name[64];
    SQLLEN idind = 0, nameind = 0;
    int rows = 0, sum = 0;

    it_connect("PageSize=4"); /* 50 rows come in 13 pages */
    st = it_stmt();
    IT_STMT_OK(SQLBindCol(st, 1, SQL_C_SLONG, &id, 0, &idind), st);
    IT_STMT_OK(SQLBindCol(st, 2, SQL_C_CHAR, name, sizeof name, &nameind), st);
    it_exec(st, "SELECT id, name FROM commons.sample ORDER BY id");
    while (SQLFetch(st) == SQL_SUCCESS) {
        rows++;
        sum += id;
        CU_ASSERT(nameind == SQL_NULL_DATA || nameind == (SQLLEN)strlen(name));
        if (id == 2)
            CU_ASSERT_STRING_EQUAL(name, "Zoë");
    }
    CU_ASSERT_EQUAL(rows, 50);
    CU_ASSERT_EQUAL(sum, 50 * 51 / 2);
    IT_STMT_OK(SQLFreeStmt(st, SQL_UNBIND), st);
    SQLCloseCursor(st);
    it_exec(st, "SELECT id FROM commons.sample WHERE id = 9");
    id = -1;
    CU_ASSERT(SQLFetch(st) == SQL_SUCCESS);
    CU_ASSERT_EQUAL(id, -1); /* unbound: untouched */
    it_free(st);
    it_disconnect();
}

static void test_block_column_wise(void)
{
    SQLHSTMT st;
    SQLINTEGER ids[8];
    char names[8][32];
    SQLLEN idind[8], nameind[8];
    SQLUSMALLINT status[8];
    SQLULEN fetched = 0;
    int total = 0, calls = 0;
    SQLRETURN rc;

    it_connect("PageSize=3"); /* rowsets of 8 span pages of 3 */
    st = it_stmt();
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)8, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_STATUS_PTR, status, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0), st);
    IT_STMT_OK(SQLBindCol(st, 1, SQL_C_SLONG, ids, 0, idind), st);
    IT_STMT_OK(SQLBindCol(st, 2, SQL_C_CHAR, names, sizeof names[0], nameind), st);
    it_exec(st, "SELECT id, name FROM commons.sample ORDER BY id");
    while ((rc = SQLFetchScroll(st, SQL_FETCH_NEXT, 0)) == SQL_SUCCESS ||
           rc == SQL_SUCCESS_WITH_INFO) {
        calls++;
        for (SQLULEN i = 0; i < fetched; i++) {
            CU_ASSERT_EQUAL(ids[i], total + 1);
            CU_ASSERT(status[i] == SQL_ROW_SUCCESS);
            total++;
        }
        for (SQLULEN i = fetched; i < 8; i++)
            CU_ASSERT_EQUAL(status[i], SQL_ROW_NOROW);
    }
    CU_ASSERT_EQUAL(rc, SQL_NO_DATA);
    CU_ASSERT_EQUAL(total, 50);
    CU_ASSERT_EQUAL(calls, 7);
    CU_ASSERT_EQUAL(fetched, 0);
    /* a forward-only block and SQLGetData: the rows still held (the last page's) are read,
     * the first row of this rowset of 8 is on a released page of 3 (HY109); scrolling is for
     * static cursors (HY106) */
    SQLCloseCursor(st);
    it_exec(st, "SELECT id FROM commons.sample ORDER BY id");
    CU_ASSERT(SQL_SUCCEEDED(SQLFetch(st)));
    IT_STATE(SQLGetData(st, 1, SQL_C_CHAR, names[0], 32, idind), SQL_HANDLE_STMT, st, SQL_ERROR, "HY109");
    IT_STMT_OK(SQLSetPos(st, 8, SQL_POSITION, SQL_LOCK_NO_CHANGE), st);
    IT_STMT_OK(SQLGetData(st, 1, SQL_C_CHAR, names[0], 32, idind), st);
    CU_ASSERT_STRING_EQUAL(names[0], "8");
    IT_STATE(SQLFetchScroll(st, SQL_FETCH_FIRST, 0), SQL_HANDLE_STMT, st, SQL_ERROR, "HY106");
    it_free(st);
    it_disconnect();
}

struct row {
    SQLINTEGER id;
    SQLLEN idind;
    char name[24];
    SQLLEN nameind;
    double price;
    SQLLEN priceind;
};

static void test_block_row_wise_offset(void)
{
    SQLHSTMT st;
    struct row rows[2][5]; /* two rowset buffers, switched with the bind offset */
    SQLLEN offset = 0;
    SQLULEN fetched = 0;

    it_connect("");
    st = it_stmt();
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)5, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_BIND_TYPE, (SQLPOINTER)sizeof(struct row), 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROW_BIND_OFFSET_PTR, &offset, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0), st);
    IT_STMT_OK(SQLBindCol(st, 1, SQL_C_SLONG, &rows[0][0].id, 0, &rows[0][0].idind), st);
    IT_STMT_OK(SQLBindCol(st, 2, SQL_C_CHAR, rows[0][0].name, sizeof rows[0][0].name, &rows[0][0].nameind), st);
    IT_STMT_OK(SQLBindCol(st, 3, SQL_C_DOUBLE, &rows[0][0].price, 0, &rows[0][0].priceind), st);
    it_exec(st, "SELECT id, name, price FROM commons.sample WHERE id <= 10 ORDER BY id");
    IT_STMT_OK(SQLFetch(st), st);
    CU_ASSERT_EQUAL(fetched, 5);
    offset = (SQLLEN)sizeof rows[0];
    IT_STMT_OK(SQLFetch(st), st);
    CU_ASSERT_EQUAL(fetched, 5);
    for (int i = 0; i < 5; i++) {
        CU_ASSERT_EQUAL(rows[0][i].id, i + 1);
        CU_ASSERT_EQUAL(rows[1][i].id, i + 6);
        /* document 10 has no price */
        CU_ASSERT_EQUAL(rows[1][i].priceind, i == 4 ? SQL_NULL_DATA : (SQLLEN)sizeof(double));
    }
    CU_ASSERT_STRING_EQUAL(rows[0][0].name, "Bob");
    CU_ASSERT_STRING_EQUAL(rows[0][1].name, "Zoë");
    CU_ASSERT(SQLFetch(st) == SQL_NO_DATA);
    it_free(st);
    it_disconnect();
}

static void test_piecewise_and_truncation(void)
{
    SQLHSTMT st;
    char piece[5], whole[256] = "";
    SQLWCHAR wpiece[3];
    SQLLEN ind = 0;
    SQLRETURN rc;
    SQLINTEGER small = 0;
    char name[3];
    int parts = 0;

    it_connect("");
    st = it_stmt();
    it_exec(st, "SELECT address, name, price FROM commons.sample WHERE id = 2");
    CU_ASSERT_FATAL(SQLFetch(st) == SQL_SUCCESS);
    /* 4 bytes at a time: 01004 until the last piece, then SQL_NO_DATA */
    while ((rc = SQLGetData(st, 1, SQL_C_CHAR, piece, sizeof piece, &ind)) != SQL_NO_DATA) {
        CU_ASSERT_FATAL(SQL_SUCCEEDED(rc));
        if (rc == SQL_SUCCESS_WITH_INFO)
            CU_ASSERT_STRING_EQUAL(it_state(SQL_HANDLE_STMT, st), "01004");
        strcat(whole, piece);
        parts++;
    }
    CU_ASSERT(parts > 3);
    CU_ASSERT(strstr(whole, "Zürich") != NULL);
    CU_ASSERT(whole[0] == '{' && whole[strlen(whole) - 1] == '}');
    /* UTF-16 pieces of 2 characters ("Zoë") */
    {
        SQLWCHAR all[16];
        size_t n = 0;
        while ((rc = SQLGetData(st, 2, SQL_C_WCHAR, wpiece, sizeof wpiece, &ind)) != SQL_NO_DATA) {
            CU_ASSERT_FATAL(SQL_SUCCEEDED(rc));
            for (int i = 0; wpiece[i] && n < 15; i++)
                all[n++] = wpiece[i];
        }
        CU_ASSERT_EQUAL(n, 3);
        CU_ASSERT(all[0] == 'Z' && all[1] == 'o' && all[2] == 0xEB);
    }
    /* numeric truncation: 22003 / fractional 01S07 */
    rc = SQLGetData(st, 3, SQL_C_SLONG, &small, 0, &ind);
    CU_ASSERT_EQUAL(rc, SQL_SUCCESS_WITH_INFO);
    CU_ASSERT_STRING_EQUAL(it_state(SQL_HANDLE_STMT, st), "01S07");
    CU_ASSERT_EQUAL(small, 394);
    SQLCloseCursor(st);
    /* bound column truncated: 01004 on the fetch, the full length in the indicator */
    IT_STMT_OK(SQLBindCol(st, 1, SQL_C_CHAR, name, sizeof name, &ind), st);
    it_exec(st, "SELECT name FROM commons.sample WHERE id = 3");
    IT_STATE(SQLFetch(st), SQL_HANDLE_STMT, st, SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT(strcmp(name, "J") == 0 || strncmp(name, "J", 1) == 0); /* 2 bytes fit: "J" + half a ü or "J" */
    CU_ASSERT_EQUAL(ind, (SQLLEN)strlen("Jürgen"));
    it_free(st);
    it_disconnect();
}

static void test_retrieve_data_off(void)
{
    SQLHSTMT st;
    SQLINTEGER id = -5;
    SQLLEN ind = 0;
    int rows = 0;

    it_connect("");
    st = it_stmt();
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_RETRIEVE_DATA, (SQLPOINTER)SQL_RD_OFF, 0), st);
    IT_STMT_OK(SQLBindCol(st, 1, SQL_C_SLONG, &id, 0, &ind), st);
    it_exec(st, "SELECT id FROM commons.sample");
    while (SQLFetch(st) == SQL_SUCCESS)
        rows++;
    CU_ASSERT_EQUAL(rows, 50);
    CU_ASSERT_EQUAL(id, -5);
    it_free(st);
    it_disconnect();
}

static void test_two_cursors_one_connection(void)
{
    SQLHSTMT a, b;
    int rows = 0;

    it_connect("PageSize=5");
    a = it_stmt();
    b = it_stmt();
    it_exec(a, "SELECT id FROM commons.sample ORDER BY id");
    it_exec(b, "SELECT order_id FROM sales.orders ORDER BY order_id");
    /* interleaved page requests on the connection's one client */
    for (int i = 1; i <= 20; i++) {
        CU_ASSERT(SQLFetch(a) == SQL_SUCCESS);
        CU_ASSERT(SQLFetch(b) == SQL_SUCCESS);
        CU_ASSERT_EQUAL(atoi(it_get(a, 1)), i);
        CU_ASSERT_EQUAL(atoi(it_get(b, 1)), i);
        rows++;
    }
    CU_ASSERT_EQUAL(rows, 20);
    /* a catalog call while both cursors are open */
    {
        SQLHSTMT c = it_stmt();
        IT_STMT_OK(SQLTables(c, NULL, 0, (SQLCHAR *)"%", SQL_NTS, NULL, 0, NULL, 0), c);
        it_free(c);
    }
    CU_ASSERT(SQLFetch(a) == SQL_SUCCESS);
    CU_ASSERT_EQUAL(atoi(it_get(a, 1)), 21);
    it_free(a);
    it_free(b);
    it_disconnect();
}

static void test_bind_typed_columns(void)
{
    SQLHSTMT st;
    SQL_DATE_STRUCT d;
    SQL_TIMESTAMP_STRUCT ts;
    unsigned char bit = 7;
    SQLBIGINT big = 0;
    SQLWCHAR wname[16];
    SQLLEN i1, i2, i3, i4, i5;

    it_connect("");
    st = it_stmt();
    IT_STMT_OK(SQLBindCol(st, 1, SQL_C_TYPE_DATE, &d, 0, &i1), st);
    IT_STMT_OK(SQLBindCol(st, 2, SQL_C_TYPE_TIMESTAMP, &ts, 0, &i2), st);
    IT_STMT_OK(SQLBindCol(st, 3, SQL_C_BIT, &bit, 0, &i3), st);
    IT_STMT_OK(SQLBindCol(st, 4, SQL_C_SBIGINT, &big, 0, &i4), st);
    IT_STMT_OK(SQLBindCol(st, 5, SQL_C_WCHAR, wname, sizeof wname, &i5), st);
    it_exec(st, "SELECT created, updated, active, big, name FROM commons.sample WHERE id = 3");
    IT_STMT_OK(SQLFetch(st), st);
    CU_ASSERT(d.year == 2021 && d.month == 4 && d.day == 4);
    CU_ASSERT(ts.year == 2022 && ts.month == 3 && ts.day == 4 && ts.hour == 10 && ts.minute == 3);
    CU_ASSERT_EQUAL(bit, 0);
    CU_ASSERT_EQUAL(big, 3000009);
    CU_ASSERT(wname[0] == 'J' && wname[1] == 0xFC && i5 == 6 * (SQLLEN)sizeof(SQLWCHAR));
    it_free(st);
    it_disconnect();
}

int main(void)
{
    static const cu_case cases[] = {
        {"SQLBindCol over many pages", test_bindcol_all_rows},
        {"block cursor, column-wise", test_block_column_wise},
        {"block cursor, row-wise with bind offset", test_block_row_wise_offset},
        {"piecewise SQLGetData and truncation", test_piecewise_and_truncation},
        {"SQL_ATTR_RETRIEVE_DATA off", test_retrieve_data_off},
        {"two cursors and a catalog call on one connection", test_two_cursors_one_connection},
        {"SQLBindCol of date, timestamp, bit, bigint, wchar", test_bind_typed_columns},
        {NULL, NULL},
    };
    return cu_run("odbc fetch", cases);
}
