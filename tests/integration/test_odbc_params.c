/* SPDX-License-Identifier: Apache-2.0 */
/* Parameters: arrays (column- and row-wise, status and processed count, a failing set),
 * data at execution, CALL of a Query Lambda (positional, literal, named, SQL_DESC_NAME,
 * defaults), SQLDescribeParam. */
#include "itest.h"
#include "tests/cunit_main.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_param_array_column_wise(void)
{
    SQLHSTMT st;
    char ids[4][8] = {"1", "2", "x", "4"};
    SQLLEN ind[4] = {SQL_NTS, SQL_NTS, SQL_NTS, SQL_NTS};
    SQLUSMALLINT status[4];
    SQLULEN done = 0;
    SQLRETURN rc;

    char *want;

    it_connect("");
    want = it_scalar("SELECT name FROM commons.sample WHERE id = 4");
    st = it_stmt();
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, (SQLPOINTER)4, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_STATUS_PTR, status, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMS_PROCESSED_PTR, &done, 0), st);
    IT_STMT_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_INTEGER, 0, 0, ids,
                                sizeof ids[0], ind), st);
    rc = SQLExecDirect(st, (SQLCHAR *)"SELECT name FROM commons.sample WHERE id = ?", SQL_NTS);
    CU_ASSERT_EQUAL(rc, SQL_SUCCESS_WITH_INFO); /* set 3 fails ("x" is no integer) */
    CU_ASSERT_EQUAL(done, 4);
    CU_ASSERT_EQUAL(status[0], SQL_PARAM_SUCCESS);
    CU_ASSERT_EQUAL(status[1], SQL_PARAM_SUCCESS);
    CU_ASSERT_EQUAL(status[2], SQL_PARAM_ERROR);
    CU_ASSERT_EQUAL(status[3], SQL_PARAM_SUCCESS);
    CU_ASSERT_STRING_EQUAL(it_state(SQL_HANDLE_STMT, st), "22018");
    {
        SQLLEN row = 0;
        CU_ASSERT(SQLGetDiagField(SQL_HANDLE_STMT, st, 1, SQL_DIAG_ROW_NUMBER, &row, 0, NULL) == SQL_SUCCESS);
        CU_ASSERT_EQUAL(row, 3);
    }
    /* the result is the last set's */
    CU_ASSERT_FATAL(SQLFetch(st) == SQL_SUCCESS);
    CU_ASSERT_STRING_EQUAL(it_get(st, 1), want);
    free(want);
    it_free(st);
    it_disconnect();
}

struct prow {
    SQLINTEGER id;
    SQLLEN ind;
};

static void test_param_array_row_wise(void)
{
    SQLHSTMT st;
    struct prow p[3] = {{5, 0}, {6, 0}, {7, SQL_NULL_DATA}};
    SQLUSMALLINT status[3], ops[3] = {SQL_PARAM_PROCEED, SQL_PARAM_IGNORE, SQL_PARAM_PROCEED};
    SQLULEN done = 0;

    it_connect("");
    st = it_stmt();
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, (SQLPOINTER)3, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_BIND_TYPE, (SQLPOINTER)sizeof(struct prow), 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_STATUS_PTR, status, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_OPERATION_PTR, ops, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMS_PROCESSED_PTR, &done, 0), st);
    IT_STMT_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &p[0].id,
                                0, &p[0].ind), st);
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT COUNT(*) FROM commons.sample WHERE id = ?", SQL_NTS), st);
    CU_ASSERT_EQUAL(status[0], SQL_PARAM_SUCCESS);
    CU_ASSERT_EQUAL(status[1], SQL_PARAM_UNUSED);
    CU_ASSERT_EQUAL(status[2], SQL_PARAM_SUCCESS);
    CU_ASSERT_EQUAL(done, 3);
    CU_ASSERT_FATAL(SQLFetch(st) == SQL_SUCCESS);
    CU_ASSERT_STRING_EQUAL(it_get(st, 1), "0"); /* last set: id = NULL */
    it_free(st);
    it_disconnect();
}

static void test_data_at_exec(void)
{
    SQLHSTMT st;
    SQLLEN ind = SQL_LEN_DATA_AT_EXEC(0), ind2 = SQL_DATA_AT_EXEC;
    SQLINTEGER idtoken = 0;
    char nametoken = 0;
    SQLPOINTER tok = NULL;
    SQLINTEGER id = 2;
    SQLRETURN rc;

    it_connect("");
    st = it_stmt();
    IT_STMT_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 10, 0,
                                &nametoken, 0, &ind), st);
    IT_STMT_OK(SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0,
                                &idtoken, 0, &ind2), st);
    rc = SQLExecDirect(st, (SQLCHAR *)"SELECT COUNT(*) FROM commons.sample WHERE name = ? AND id = ?", SQL_NTS);
    CU_ASSERT_EQUAL_FATAL(rc, SQL_NEED_DATA);
    IT_STATE(SQLFetch(st), SQL_HANDLE_STMT, st, SQL_ERROR, "HY010");
    CU_ASSERT_EQUAL(SQLParamData(st, &tok), SQL_NEED_DATA);
    CU_ASSERT(tok == &nametoken);
    IT_STMT_OK(SQLPutData(st, "Z", 1), st);
    IT_STMT_OK(SQLPutData(st, "oë", SQL_NTS), st);
    CU_ASSERT_EQUAL(SQLParamData(st, &tok), SQL_NEED_DATA);
    CU_ASSERT(tok == &idtoken);
    IT_STMT_OK(SQLPutData(st, &id, 0), st);
    rc = SQLParamData(st, &tok);
    CU_ASSERT(rc == SQL_SUCCESS);
    CU_ASSERT_FATAL(SQLFetch(st) == SQL_SUCCESS);
    CU_ASSERT_STRING_EQUAL(it_get(st, 1), "1");
    SQLCloseCursor(st);
    /* cancelled data at execution: the statement can run again */
    CU_ASSERT_EQUAL(SQLExecDirect(st, (SQLCHAR *)"SELECT COUNT(*) FROM commons.sample WHERE name = ? AND id = ?",
                                  SQL_NTS), SQL_NEED_DATA);
    CU_ASSERT(SQLCancel(st) == SQL_SUCCESS);
    IT_STATE(SQLPutData(st, "x", 1), SQL_HANDLE_STMT, st, SQL_ERROR, "HY010");
    it_free(st);
    it_disconnect();
}

static void create_lambda(void)
{
    static int done;
    const char *body =
        "{\"name\":\"odbc_lam\",\"description\":\"test\",\"sql\":{\"query\":"
        "\"SELECT COUNT(*) AS n FROM commons.sample WHERE id >= :lo AND id <= :hi\","
        "\"default_parameters\":[{\"name\":\"lo\",\"type\":\"int\",\"value\":\"1\"},"
        "{\"name\":\"hi\",\"type\":\"int\",\"value\":\"50\"}]}}";

    if (done)
        return;
    CU_ASSERT_EQUAL_FATAL(it_http("POST", "/v1/orgs/self/ws/commons/lambdas", body), 0);
    done = 1;
}

static const char *call(SQLHSTMT st, const char *sql)
{
    SQLRETURN rc = SQLExecDirect(st, (SQLCHAR *)sql, SQL_NTS);
    const char *v;

    if (!SQL_SUCCEEDED(rc)) {
        it_dump(SQL_HANDLE_STMT, st, sql, __LINE__);
        return "<ERROR>";
    }
    v = SQLFetch(st) == SQL_SUCCESS ? it_get(st, 1) : "<NO ROW>";
    SQLCloseCursor(st);
    return v;
}

static void test_call_lambda(void)
{
    SQLHSTMT st;
    SQLINTEGER lo = 10, hi = 12;
    SQLLEN ind = 0;
    SQLHDESC ipd = NULL;

    it_connect("");
    create_lambda();
    st = it_stmt();
    CU_ASSERT_STRING_EQUAL(call(st, "{call commons.odbc_lam}"), "50");        /* defaults */
    CU_ASSERT_STRING_EQUAL(call(st, "{call commons.odbc_lam(45)}"), "6");     /* literal */
    IT_STMT_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &lo, 0, &ind), st);
    IT_STMT_OK(SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &hi, 0, &ind), st);
    CU_ASSERT_STRING_EQUAL(call(st, "{call commons.odbc_lam(?, ?)}"), "3");   /* positional */
    CU_ASSERT_STRING_EQUAL(call(st, "CALL commons.odbc_lam(hi => ?)"), "10"); /* named, lo default */
    /* named through SQL_DESC_NAME of the IPD: marker 1 is "hi" */
    IT_STMT_OK(SQLGetStmtAttr(st, SQL_ATTR_IMP_PARAM_DESC, &ipd, 0, NULL), st);
    IT_OK(SQLSetDescField(ipd, 1, SQL_DESC_NAME, "hi", SQL_NTS), SQL_HANDLE_DESC, ipd);
    CU_ASSERT_STRING_EQUAL(call(st, "{call commons.odbc_lam(?)}"), "10");
    IT_STATE(SQLExecDirect(st, (SQLCHAR *)"{call commons.no_such_lambda}", SQL_NTS),
             SQL_HANDLE_STMT, st, SQL_ERROR, "42S02");
    it_free(st);
    it_disconnect();
}

static void test_describe_param(void)
{
    SQLHSTMT st;
    SQLSMALLINT type = 0, digits = 0, nullable = 0, n = 0;
    SQLULEN size = 0;

    it_connect("");
    st = it_stmt();
    IT_STMT_OK(SQLPrepare(st, (SQLCHAR *)"SELECT * FROM commons.sample WHERE id = ? AND name = :nm", SQL_NTS), st);
    IT_STMT_OK(SQLNumParams(st, &n), st);
    CU_ASSERT_EQUAL(n, 2);
    IT_STMT_OK(SQLDescribeParam(st, 1, &type, &size, &digits, &nullable), st);
    CU_ASSERT_EQUAL(type, SQL_BIGINT); /* the field id's type (issue 10: was VARCHAR) */
    IT_STMT_OK(SQLDescribeParam(st, 2, &type, &size, &digits, &nullable), st);
    CU_ASSERT(type == SQL_VARCHAR || type == SQL_WVARCHAR);
    CU_ASSERT(size > 0);
    IT_STATE(SQLDescribeParam(st, 3, &type, &size, &digits, &nullable), SQL_HANDLE_STMT, st,
             SQL_ERROR, "07009");
    IT_STATE(SQLBindParameter(st, 1, SQL_PARAM_OUTPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &n, 0, NULL),
             SQL_HANDLE_STMT, st, SQL_ERROR, "HYC00");
    it_free(st);
    it_disconnect();
}

/* SQLDescribeParam answers from the marker's context (issue 10): the compared field's type,
 * as SQLColumns types it, whatever the application bound; VARCHAR where nothing is known. */
static void test_describe_param_context(void)
{
    static const struct {
        const char *sql;
        SQLSMALLINT type[3];
    } cases[] = {
        {"SELECT name FROM commons.sample WHERE id = ?", {SQL_BIGINT}},
        {"SELECT name FROM commons.sample s WHERE ? <= s.price AND s.active = ? AND s.updated > ?",
         {SQL_DOUBLE, SQL_BIT, SQL_TYPE_TIMESTAMP}},
        {"SELECT name FROM commons.sample WHERE created IN (?, ?) AND opens BETWEEN ? AND '23:00:00'",
         {SQL_TYPE_DATE, SQL_TYPE_DATE, SQL_TYPE_TIME}},
        {"SELECT name FROM commons.sample WHERE name LIKE ? ORDER BY id LIMIT ? OFFSET ?",
         {SQL_VARCHAR, SQL_BIGINT, SQL_BIGINT}},
        /* mixed (ints and strings) is VARCHAR, as SQLColumns says; an expression is unknown;
           a collection that does not exist only makes the marker unknown */
        {"SELECT name FROM commons.sample WHERE mixed = ? AND id + 1 = ? AND 1 = "
         "(SELECT COUNT(*) FROM commons.no_such_coll WHERE x = ?)",
         {SQL_VARCHAR, SQL_VARCHAR, SQL_VARCHAR}},
    };
    SQLHSTMT st;
    SQLINTEGER v = 1;

    it_connect("");
    st = it_stmt();
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        SQLSMALLINT n = 0;
        IT_STMT_OK(SQLPrepare(st, (SQLCHAR *)cases[c].sql, SQL_NTS), st);
        IT_STMT_OK(SQLNumParams(st, &n), st);
        for (SQLSMALLINT k = 1; k <= n && k <= 3; k++) {
            SQLSMALLINT type = 0, digits = -1, nullable = 0;
            SQLULEN size = 0;
            IT_STMT_OK(SQLDescribeParam(st, (SQLUSMALLINT)k, &type, &size, &digits, &nullable), st);
            if (type != cases[c].type[k - 1])
                fprintf(stderr, "\n  %s: marker %d is %d, want %d\n", cases[c].sql, k, type,
                        cases[c].type[k - 1]);
            CU_ASSERT_EQUAL(type, cases[c].type[k - 1]);
            CU_ASSERT(size > 0);
            CU_ASSERT_EQUAL(nullable, SQL_NULLABLE);
        }
    }
    /* the marker is described, not the binding: an int bound as VARCHAR is still BIGINT */
    IT_STMT_OK(SQLPrepare(st, (SQLCHAR *)"SELECT name FROM commons.sample WHERE id = ?", SQL_NTS), st);
    IT_STMT_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_VARCHAR, 10, 0, &v, 0,
                                NULL), st);
    {
        SQLSMALLINT type = 0;
        IT_STMT_OK(SQLDescribeParam(st, 1, &type, NULL, NULL, NULL), st);
        CU_ASSERT_EQUAL(type, SQL_BIGINT);
    }
    it_free(st);
    it_disconnect();
}

/* Executes sql with one parameter bound as given; the first column of the first row, or
 * "<NO ROW>" / "<ERROR>". */
static const char *one(SQLHSTMT st, const char *sql, SQLSMALLINT ctype, SQLSMALLINT sqltype,
                       SQLPOINTER v, SQLLEN len)
{
    static SQLLEN ind;

    ind = len;
    SQLFreeStmt(st, SQL_RESET_PARAMS);
    IT_STMT_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, ctype, sqltype, 0, 0, v, 0, &ind), st);
    return call(st, sql);
}

/* Text bound against an int, float or bool field is sent as that type (issue 10): clients that
 * bind every value as text (php-odbc, DBD::ODBC, node odbc) find the row. */
static void test_text_against_typed_field(void)
{
    SQLHSTMT st;
    char *want7, *want1;
    SQLDOUBLE price = 0;

    it_connect("");
    want7 = it_scalar("SELECT name FROM commons.sample WHERE id = 7");
    want1 = it_scalar("SELECT name FROM commons.sample WHERE id = 1");
    st = it_stmt();
    CU_ASSERT_STRING_EQUAL(one(st, "SELECT name FROM commons.sample WHERE id = ?", SQL_C_CHAR,
                               SQL_VARCHAR, "7", SQL_NTS), want7);
    CU_ASSERT_STRING_EQUAL(one(st, "SELECT name FROM commons.sample WHERE ? = id", SQL_C_CHAR,
                               SQL_CHAR, " 7 ", SQL_NTS), want7);
    CU_ASSERT_STRING_EQUAL(one(st, "SELECT name FROM commons.sample s WHERE s.id IN (?, -1)",
                               SQL_C_WCHAR, SQL_WVARCHAR, (SQLWCHAR[]){'7', 0}, SQL_NTS), want7);
    CU_ASSERT_STRING_EQUAL(one(st, "SELECT name FROM commons.sample WHERE price = ?", SQL_C_CHAR,
                               SQL_VARCHAR, "23.87", SQL_NTS), want1);
    CU_ASSERT_STRING_EQUAL(one(st, "SELECT COUNT(*) FROM commons.sample WHERE active = ? AND id = 1",
                               SQL_C_CHAR, SQL_VARCHAR, "true", SQL_NTS), "1");
    /* not a number: sent as the string it is, which matches nothing (no error) */
    CU_ASSERT_STRING_EQUAL(one(st, "SELECT name FROM commons.sample WHERE id = ?", SQL_C_CHAR,
                               SQL_VARCHAR, "seven", SQL_NTS), "<NO ROW>");
    /* '7.5' is no int: a float, which compares by value and matches no int */
    CU_ASSERT_STRING_EQUAL(one(st, "SELECT COUNT(*) FROM commons.sample WHERE id < ?",
                               SQL_C_CHAR, SQL_VARCHAR, "7.5", SQL_NTS), "7");
    /* an explicit numeric SQL type is the application's: "x" as SQL_INTEGER stays 22018 */
    SQLFreeStmt(st, SQL_RESET_PARAMS);
    IT_STMT_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_INTEGER, 0, 0, "x", 0,
                                NULL), st);
    IT_STATE(SQLExecDirect(st, (SQLCHAR *)"SELECT name FROM commons.sample WHERE id = ?", SQL_NTS),
             SQL_HANDLE_STMT, st, SQL_ERROR, "22018");
    /* a numeric C value declared VARCHAR goes as the field's type as well */
    price = 23.87;
    CU_ASSERT_STRING_EQUAL(one(st, "SELECT name FROM commons.sample WHERE price = ?",
                               SQL_C_DOUBLE, SQL_VARCHAR, &price, 0), want1);
    free(want7);
    free(want1);
    it_free(st);
    it_disconnect();
}

/* A SQL_TYPE_TIMESTAMP (or text, or a date) against a datetime field is sent as a datetime,
 * against a timestamp field as a timestamp (issue 10: it was always a timestamp, and Rockset
 * never finds a timestamp equal to a datetime). */
static void test_timestamp_against_datetime(void)
{
    SQLHSTMT st;
    SQL_TIMESTAMP_STRUCT ts = {2022, 3, 2, 10, 1, 33, 0};
    SQL_TIMESTAMP_STRUCT seen = {2023, 8, 2, 19, 3, 4, 1111000};
    SQL_DATE_STRUCT d = {2022, 3, 2};
    char *want;

    it_connect("");
    want = it_scalar("SELECT name FROM commons.sample WHERE id = 1");
    st = it_stmt();
    CU_ASSERT_STRING_EQUAL(one(st, "SELECT name FROM commons.sample WHERE updated = ?",
                               SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, &ts, 0), want);
    CU_ASSERT_STRING_EQUAL(one(st, "SELECT name FROM commons.sample WHERE updated = ?",
                               SQL_C_CHAR, SQL_VARCHAR, "2022-03-02 10:01:33", SQL_NTS), want);
    CU_ASSERT_STRING_EQUAL(one(st, "SELECT name FROM commons.sample WHERE updated BETWEEN ? AND "
                               "DATETIME '2022-03-02T23:00:00'",
                               SQL_C_TYPE_DATE, SQL_TYPE_DATE, &d, 0), want);
    CU_ASSERT_STRING_EQUAL(one(st, "SELECT name FROM commons.sample WHERE seen = ?",
                               SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, &seen, 0), want);
    CU_ASSERT_STRING_EQUAL(one(st, "SELECT name FROM commons.sample WHERE created = ?",
                               SQL_C_CHAR, SQL_VARCHAR, "2021-02-02", SQL_NTS), want);
    free(want);
    it_free(st);
    it_disconnect();
}

/* A NULL carries its SQL type: the server types ":p" from it (an int NULL is an int). */
static void test_typed_null(void)
{
    SQLHSTMT st;
    SQLINTEGER v = 0;
    SQLLEN ind = SQL_NULL_DATA;
    SQLSMALLINT type = 0;
    char *total;

    it_connect("");
    total = it_scalar("SELECT COUNT(*) FROM commons.sample");
    st = it_stmt();
    IT_STMT_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0,
                                &ind), st);
    IT_STMT_OK(SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0,
                                &ind), st);
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT ? AS p, COUNT(*) AS n FROM commons.sample "
                                            "WHERE ? IS NULL", SQL_NTS), st);
    IT_STMT_OK(SQLDescribeCol(st, 1, NULL, 0, NULL, &type, NULL, NULL, NULL), st);
    CU_ASSERT_EQUAL(type, SQL_BIGINT); /* was VARCHAR when NULLs went as "string" */
    CU_ASSERT_FATAL(SQLFetch(st) == SQL_SUCCESS);
    CU_ASSERT_STRING_EQUAL(it_get(st, 1), "<NULL>");
    CU_ASSERT_STRING_EQUAL(it_get(st, 2), total);
    free(total);
    it_free(st);
    it_disconnect();
}

/* Rockset's only DML is INSERT INTO ... SELECT: each set of an array inserts its rows and
 * SQLRowCount is the sum (SQL_PARC_NO_BATCH); against a missing collection every set fails
 * with the server's error and its own status, and the call fails. */
static void test_param_array_dml(void)
{
    SQLHSTMT st;
    SQLINTEGER v[2] = {1, 2};
    SQLUSMALLINT status[2] = {99, 99};
    SQLULEN done = 0;
    SQLLEN n = -5;
    char *c;

    CU_ASSERT_EQUAL(it_http("POST", "/v1/orgs/self/ws/commons/collections",
                            "{\"name\":\"param_dml\"}"), 0);
    it_connect("");
    st = it_stmt();
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, (SQLPOINTER)2, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_STATUS_PTR, status, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMS_PROCESSED_PTR, &done, 0), st);
    IT_STMT_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, v, 0,
                                NULL), st);
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"INSERT INTO commons.param_dml SELECT ? AS v",
                             SQL_NTS), st);
    CU_ASSERT_EQUAL(done, 2);
    CU_ASSERT_EQUAL(status[0], SQL_PARAM_SUCCESS);
    CU_ASSERT_EQUAL(status[1], SQL_PARAM_SUCCESS);
    IT_STMT_OK(SQLRowCount(st, &n), st);
    CU_ASSERT_EQUAL(n, 2);
    c = it_scalar("SELECT SUM(v) FROM commons.param_dml");
    CU_ASSERT_STRING_EQUAL(c, "3");
    free(c);
    CU_ASSERT_EQUAL(SQLExecDirect(st, (SQLCHAR *)"INSERT INTO commons.nope SELECT ? AS v",
                                  SQL_NTS), SQL_ERROR);
    CU_ASSERT_EQUAL(done, 2);
    CU_ASSERT_EQUAL(status[0], SQL_PARAM_ERROR);
    CU_ASSERT_EQUAL(status[1], SQL_PARAM_ERROR);
    CU_ASSERT_STRING_EQUAL(it_state(SQL_HANDLE_STMT, st), "42S02");
    it_free(st);
    it_disconnect();
}

/* A SELECT with a parameter array: one result set, the last set's (SQL_PAS_NO_BATCH). */
static void test_param_array_select_last(void)
{
    SQLHSTMT st;
    SQLINTEGER ids[3] = {3, 1, 2};
    SQLULEN done = 0;
    SQLUINTEGER pas = 0;

    it_connect("");
    CU_ASSERT(SQL_SUCCEEDED(SQLGetInfo(it_dbc, SQL_PARAM_ARRAY_SELECTS, &pas, 0, NULL)));
    CU_ASSERT_NOT_EQUAL(pas, SQL_PAS_BATCH); /* never one result set per parameter set */
    st = it_stmt();
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, (SQLPOINTER)3, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMS_PROCESSED_PTR, &done, 0), st);
    IT_STMT_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids, 0,
                                NULL), st);
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"SELECT id FROM commons.sample WHERE id <= ? "
                                            "ORDER BY id", SQL_NTS), st);
    CU_ASSERT_EQUAL(done, 3);
    CU_ASSERT_FATAL(SQLFetch(st) == SQL_SUCCESS);
    CU_ASSERT_STRING_EQUAL(it_get(st, 1), "1");
    CU_ASSERT_FATAL(SQLFetch(st) == SQL_SUCCESS);
    CU_ASSERT_STRING_EQUAL(it_get(st, 1), "2");
    CU_ASSERT_EQUAL(SQLFetch(st), SQL_NO_DATA); /* id <= 2: the last set only */
    CU_ASSERT_EQUAL(SQLMoreResults(st), SQL_NO_DATA);
    it_free(st);
    it_disconnect();
}

int main(void)
{
    static const cu_case cases[] = {
        {"parameter array, column-wise, a failing set", test_param_array_column_wise},
        {"parameter array, row-wise, ignored set, NULL", test_param_array_row_wise},
        {"data at execution", test_data_at_exec},
        {"CALL of a Query Lambda", test_call_lambda},
        {"SQLDescribeParam", test_describe_param},
        {"SQLDescribeParam from the marker's context", test_describe_param_context},
        {"text against an int, float or bool field", test_text_against_typed_field},
        {"timestamp against a datetime field", test_timestamp_against_datetime},
        {"a NULL parameter keeps its type", test_typed_null},
        {"parameter array with INSERT INTO ... SELECT", test_param_array_dml},
        {"parameter array with SELECT: the last set's rows", test_param_array_select_last},
        {NULL, NULL},
    };
    return cu_run("odbc params", cases);
}
