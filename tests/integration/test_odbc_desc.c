/* SPDX-License-Identifier: Apache-2.0 */
/* Descriptors: explicit ARD, SQLSetDescField/SQLGetDescField/Rec, SQLCopyDesc, IRD
 * read-only (HY016), consistency (HY021), SQL_ARD_TYPE; and catalog functions through the
 * statement (shape checks; their content is the catalog area's tests). */
#include "itest.h"
#include "tests/cunit_main.h"

#include <stdint.h>
#include <string.h>

static void test_explicit_ard(void)
{
    SQLHSTMT st;
    SQLHDESC ard = NULL, cur = NULL;
    SQLINTEGER id = 0;
    SQLLEN ind = 0;
    SQLSMALLINT count = 0;

    it_connect("");
    st = it_stmt();
    IT_OK(SQLAllocHandle(SQL_HANDLE_DESC, it_dbc, &ard), SQL_HANDLE_DBC, it_dbc);
    IT_OK(SQLSetDescField(ard, 1, SQL_DESC_CONCISE_TYPE, (SQLPOINTER)SQL_C_SLONG, 0), SQL_HANDLE_DESC, ard);
    IT_OK(SQLSetDescField(ard, 1, SQL_DESC_INDICATOR_PTR, &ind, 0), SQL_HANDLE_DESC, ard);
    IT_OK(SQLSetDescField(ard, 1, SQL_DESC_OCTET_LENGTH_PTR, &ind, 0), SQL_HANDLE_DESC, ard);
    IT_OK(SQLSetDescField(ard, 1, SQL_DESC_DATA_PTR, &id, 0), SQL_HANDLE_DESC, ard);
    IT_OK(SQLGetDescField(ard, 0, SQL_DESC_COUNT, &count, 0, NULL), SQL_HANDLE_DESC, ard);
    CU_ASSERT_EQUAL(count, 1);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_APP_ROW_DESC, ard, 0), st);
    IT_STMT_OK(SQLGetStmtAttr(st, SQL_ATTR_APP_ROW_DESC, &cur, 0, NULL), st);
    CU_ASSERT(cur == ard);
    it_exec(st, "SELECT id FROM commons.sample WHERE id = 7");
    CU_ASSERT(SQLFetch(st) == SQL_SUCCESS);
    CU_ASSERT_EQUAL(id, 7);
    CU_ASSERT_EQUAL(ind, (SQLLEN)sizeof(SQLINTEGER));
    SQLCloseCursor(st);
    /* freeing it puts the implicit ARD back */
    IT_OK(SQLFreeHandle(SQL_HANDLE_DESC, ard), SQL_HANDLE_DESC, ard);
    IT_STMT_OK(SQLGetStmtAttr(st, SQL_ATTR_APP_ROW_DESC, &cur, 0, NULL), st);
    CU_ASSERT(cur != ard && cur != NULL);
    /* an implicit descriptor cannot be freed */
    CU_ASSERT(SQLFreeHandle(SQL_HANDLE_DESC, cur) == SQL_ERROR);
    it_free(st);
    it_disconnect();
}

static void test_ird_and_copy(void)
{
    SQLHSTMT st, st2;
    SQLHDESC ird = NULL, ard = NULL, ard2 = NULL;
    SQLCHAR name[32];
    SQLSMALLINT len = 0, type = 0, sub = 0, prec = 0, scale = 0, nullable = 0;
    SQLLEN length = 0;
    SQLINTEGER id = 0, id2 = 0;
    SQLLEN ind = 0, ind2 = 0;

    it_connect("");
    st = it_stmt();
    st2 = it_stmt();
    it_exec(st, "SELECT id, created FROM commons.sample WHERE id = 4");
    IT_STMT_OK(SQLGetStmtAttr(st, SQL_ATTR_IMP_ROW_DESC, &ird, 0, NULL), st);
    IT_OK(SQLGetDescRec(ird, 2, name, sizeof name, &len, &type, &sub, &length, &prec, &scale,
                        &nullable), SQL_HANDLE_DESC, ird);
    CU_ASSERT_STRING_EQUAL(name, "created");
    CU_ASSERT_EQUAL(type, SQL_DATETIME);
    CU_ASSERT_EQUAL(sub, SQL_CODE_DATE);
    CU_ASSERT(SQLGetDescRec(ird, 3, name, sizeof name, &len, &type, &sub, &length, &prec,
                            &scale, &nullable) == SQL_NO_DATA);
    IT_STATE(SQLSetDescField(ird, 1, SQL_DESC_CONCISE_TYPE, (SQLPOINTER)SQL_C_CHAR, 0),
             SQL_HANDLE_DESC, ird, SQL_ERROR, "HY016");
    /* copy an ARD with a binding to another statement's ARD */
    IT_STMT_OK(SQLBindCol(st, 1, SQL_C_SLONG, &id, 0, &ind), st);
    IT_STMT_OK(SQLGetStmtAttr(st, SQL_ATTR_APP_ROW_DESC, &ard, 0, NULL), st);
    IT_STMT_OK(SQLGetStmtAttr(st2, SQL_ATTR_APP_ROW_DESC, &ard2, 0, NULL), st2);
    IT_OK(SQLCopyDesc(ard, ard2), SQL_HANDLE_DESC, ard2);
    IT_STATE(SQLCopyDesc(ard, ird), SQL_HANDLE_DESC, ird, SQL_ERROR, "HY016");
    CU_ASSERT(SQLFetch(st) == SQL_SUCCESS);
    CU_ASSERT_EQUAL(id, 4);
    /* st2 writes into the same buffers now: rebind to its own */
    IT_STMT_OK(SQLBindCol(st2, 1, SQL_C_SLONG, &id2, 0, &ind2), st2);
    it_exec(st2, "SELECT id FROM commons.sample WHERE id = 5");
    CU_ASSERT(SQLFetch(st2) == SQL_SUCCESS);
    CU_ASSERT_EQUAL(id2, 5);
    CU_ASSERT_EQUAL(id, 4);
    it_free(st2);
    it_free(st);
    it_disconnect();
}

static void test_consistency_and_ard_type(void)
{
    SQLHSTMT st;
    SQLHDESC ard = NULL;
    SQL_NUMERIC_STRUCT num;
    SQLLEN ind = 0;
    char buf[8];

    it_connect("");
    st = it_stmt();
    IT_STMT_OK(SQLGetStmtAttr(st, SQL_ATTR_APP_ROW_DESC, &ard, 0, NULL), st);
    IT_OK(SQLSetDescField(ard, 1, SQL_DESC_TYPE, (SQLPOINTER)SQL_C_NUMERIC, 0), SQL_HANDLE_DESC, ard);
    IT_OK(SQLSetDescField(ard, 1, SQL_DESC_PRECISION, (SQLPOINTER)60, 0), SQL_HANDLE_DESC, ard);
    IT_STATE(SQLSetDescField(ard, 1, SQL_DESC_DATA_PTR, &num, 0), SQL_HANDLE_DESC, ard, SQL_ERROR, "HY021");
    IT_OK(SQLSetDescField(ard, 1, SQL_DESC_PRECISION, (SQLPOINTER)10, 0), SQL_HANDLE_DESC, ard);
    IT_OK(SQLSetDescField(ard, 1, SQL_DESC_SCALE, (SQLPOINTER)2, 0), SQL_HANDLE_DESC, ard);
    IT_OK(SQLSetDescField(ard, 1, SQL_DESC_DATA_PTR, &num, 0), SQL_HANDLE_DESC, ard);
    it_exec(st, "SELECT price FROM commons.sample WHERE id = 1");
    CU_ASSERT(SQLFetch(st) == SQL_SUCCESS);
    /* the ARD's record was bound with no indicator: read it again through SQL_ARD_TYPE */
    memset(&num, 0, sizeof num);
    IT_STMT_OK(SQLGetData(st, 1, SQL_ARD_TYPE, &num, sizeof num, &ind), st);
    CU_ASSERT_EQUAL(num.scale, 2);
    CU_ASSERT_EQUAL(num.val[0] | (num.val[1] << 8), 2387); /* 23.87 */
    IT_STATE(SQLSetDescField(ard, 1, SQL_DESC_NAME, "x", SQL_NTS), SQL_HANDLE_DESC, ard, SQL_ERROR, "HY091");
    IT_STATE(SQLGetDescField(ard, 0, 9999, buf, sizeof buf, NULL), SQL_HANDLE_DESC, ard, SQL_ERROR, "HY091");
    it_free(st);
    it_disconnect();
}

static void test_catalog_shapes(void)
{
    SQLHSTMT st;
    SQLSMALLINT n = 0;
    int rows = 0, found = 0;

    it_connect("");
    st = it_stmt();
    IT_STMT_OK(SQLTables(st, NULL, 0, (SQLCHAR *)"commons", SQL_NTS, (SQLCHAR *)"%", SQL_NTS, NULL, 0), st);
    IT_STMT_OK(SQLNumResultCols(st, &n), st);
    CU_ASSERT_EQUAL(n, 5);
    while (SQLFetch(st) == SQL_SUCCESS) {
        rows++;
        if (strcmp(it_get(st, 3), "sample") == 0) {
            found = 1;
            CU_ASSERT_STRING_EQUAL(it_get(st, 4), "TABLE");
        }
    }
    CU_ASSERT(rows >= 1 && found);
    SQLCloseCursor(st);
    IT_STMT_OK(SQLColumns(st, NULL, 0, (SQLCHAR *)"commons", SQL_NTS, (SQLCHAR *)"sample", SQL_NTS, NULL, 0), st);
    IT_STMT_OK(SQLNumResultCols(st, &n), st);
    CU_ASSERT_EQUAL(n, 18);
    {
        SQLSMALLINT type = 0, dt = 0;
        SQLINTEGER pos = 0;
        SQLLEN ind = 0;
        /* the declared types of the catalog result set are reported as they are */
        IT_STMT_OK(SQLDescribeCol(st, 5, NULL, 0, NULL, &type, NULL, NULL, NULL), st);
        CU_ASSERT_EQUAL(type, SQL_SMALLINT);
        IT_STMT_OK(SQLDescribeCol(st, 17, NULL, 0, NULL, &type, NULL, NULL, NULL), st);
        CU_ASSERT_EQUAL(type, SQL_INTEGER);
        rows = 0;
        while (SQLFetch(st) == SQL_SUCCESS) {
            rows++;
            IT_STMT_OK(SQLGetData(st, 5, SQL_C_SSHORT, &dt, 0, &ind), st);
            IT_STMT_OK(SQLGetData(st, 17, SQL_C_SLONG, &pos, 0, &ind), st);
            CU_ASSERT_EQUAL(pos, rows);
            if (strcmp(it_get(st, 4), "id") == 0)
                CU_ASSERT_EQUAL(dt, SQL_BIGINT);
        }
    }
    CU_ASSERT(rows >= 10);
    SQLCloseCursor(st);
    IT_STMT_OK(SQLGetTypeInfo(st, SQL_ALL_TYPES), st);
    IT_STMT_OK(SQLNumResultCols(st, &n), st);
    CU_ASSERT_EQUAL(n, 19);
    CU_ASSERT(SQLFetch(st) == SQL_SUCCESS);
    SQLCloseCursor(st);
    IT_STMT_OK(SQLPrimaryKeys(st, NULL, 0, (SQLCHAR *)"commons", SQL_NTS, (SQLCHAR *)"sample", SQL_NTS), st);
    CU_ASSERT(SQLFetch(st) == SQL_SUCCESS);
    CU_ASSERT_STRING_EQUAL(it_get(st, 4), "_id");
    SQLCloseCursor(st);
    IT_STMT_OK(SQLForeignKeys(st, NULL, 0, NULL, 0, (SQLCHAR *)"sample", SQL_NTS, NULL, 0, NULL, 0, NULL, 0), st);
    CU_ASSERT(SQLFetch(st) == SQL_NO_DATA);
    SQLCloseCursor(st);
    IT_STMT_OK(SQLProcedures(st, NULL, 0, NULL, 0, (SQLCHAR *)"%", SQL_NTS), st);
    IT_STMT_OK(SQLNumResultCols(st, &n), st);
    CU_ASSERT_EQUAL(n, 8);
    it_free(st);
    it_disconnect();
}

static SQLULEN col_size(SQLHSTMT st, SQLUSMALLINT col, SQLSMALLINT *type)
{
    SQLULEN size = 0;

    IT_STMT_OK(SQLDescribeCol(st, col, NULL, 0, NULL, type, &size, NULL, NULL), st);
    return size;
}

/* MaxVarchar sizes character columns of queries and of catalog result sets alike. */
static void test_max_varchar(void)
{
    SQLHSTMT st;
    SQLSMALLINT type = 0;

    it_connect("MaxVarchar=100");
    st = it_stmt();
    it_exec(st, "SELECT name FROM commons.sample");
    CU_ASSERT_EQUAL(col_size(st, 1, &type), 100);
    CU_ASSERT_EQUAL(type, SQL_VARCHAR);
    it_free(st);
    st = it_stmt();
    IT_STMT_OK(SQLTables(st, NULL, 0, (SQLCHAR *)"commons", SQL_NTS, NULL, 0, NULL, 0), st);
    CU_ASSERT_EQUAL(col_size(st, 3, &type), 100); /* TABLE_NAME: was 8000 */
    CU_ASSERT_EQUAL(type, SQL_VARCHAR);
    it_free(st);
    it_disconnect();
}

/* Timestamps arrive as plain ISO strings with no type (none at all for SELECT *): the values
 * make the column a timestamp. (A later odd value: test_odbc_fake.c.) */
static void test_inferred_timestamp(void)
{
    SQLHSTMT st;
    SQLSMALLINT type = 0;

    it_connect("PageSize=1");
    st = it_stmt();
    it_exec(st, "SELECT * FROM commons.sample WHERE id = 1");
    {
        SQLSMALLINT n = 0, i;
        int found = 0;
        SQLNumResultCols(st, &n);
        for (i = 1; i <= n; i++) {
            char name[64];
            IT_STMT_OK(SQLDescribeCol(st, (SQLUSMALLINT)i, (SQLCHAR *)name, sizeof name, NULL,
                                      &type, NULL, NULL, NULL), st);
            if (strcmp(name, "seen") == 0 || strcmp(name, "_event_time") == 0) {
                CU_ASSERT_EQUAL(type, SQL_TYPE_TIMESTAMP);
                found++;
            }
        }
        CU_ASSERT_EQUAL(found, 2);
    }
    it_free(st);
    st = it_stmt();
    it_exec(st, "SELECT seen FROM commons.sample WHERE id = 1");
    CU_ASSERT_FATAL(SQLFetch(st) == SQL_SUCCESS);
    CU_ASSERT_STRING_EQUAL(it_get(st, 1), "2023-08-02 19:03:04.001111"); /* ODBC's form */
    it_free(st);
    it_disconnect();
}

int main(void)
{
    static const cu_case cases[] = {
        {"explicitly allocated ARD", test_explicit_ard},
        {"IRD read-only, SQLGetDescRec, SQLCopyDesc", test_ird_and_copy},
        {"consistency check, SQL_ARD_TYPE, bad fields", test_consistency_and_ard_type},
        {"catalog functions through the statement", test_catalog_shapes},
        {"MaxVarchar in queries and catalog results", test_max_varchar},
        {"timestamps inferred from ISO strings", test_inferred_timestamp},
        {NULL, NULL},
    };
    return cu_run("odbc descriptors", cases);
}
