/* SPDX-License-Identifier: Apache-2.0 */
/* Writes through the driver manager against rockset-local (issue #16): INSERT ... VALUES with
 * literals, markers and parameter arrays, a refused document, UPDATE and DELETE by condition
 * and by _id, reading one's own writes, CREATE/DROP TABLE and the read-only refusal. */
#include "itest.h"
#include "tests/cunit_main.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NROWS 10000

static void scalar_is(const char *sql, const char *want)
{
    char *v = it_scalar(sql);
    if (strcmp(v, want) != 0)
        fprintf(stderr, "\n%s: got %s, want %s\n", sql, v, want);
    CU_ASSERT_STRING_EQUAL(v, want);
    free(v);
}

static void exec_rows(SQLHSTMT st, const char *sql, SQLLEN want)
{
    SQLLEN rows = -2;
    it_exec(st, sql);
    IT_STMT_OK(SQLRowCount(st, &rows), st);
    CU_ASSERT_EQUAL(rows, want);
    SQLFreeStmt(st, SQL_CLOSE);
}

static void test_create_insert_literals(void)
{
    SQLHSTMT st;

    it_connect("");
    st = it_stmt();
    exec_rows(st, "DROP TABLE IF EXISTS commons.dml_a", 0);
    exec_rows(st, "CREATE TABLE commons.dml_a (id INTEGER, name VARCHAR(20))", 0);
    IT_STATE(SQLExecDirect(st, (SQLCHAR *)"CREATE TABLE commons.dml_a (x int)", SQL_NTS),
             SQL_HANDLE_STMT, st, SQL_ERROR, "42S01");
    exec_rows(st, "INSERT INTO commons.dml_a (_id, id, name, d, ts, ok, x) VALUES "
                  "('a1', 1, 'it''s', DATE '2024-02-29', {ts '2024-01-02 03:04:05'}, TRUE, 1.5),"
                  " ('a2', -2, NULL, {d '2020-01-01'}, TIMESTAMP '2020-01-01 00:00:00', FALSE, 2)", 2);
    /* read your writes: the SELECT right after sees them */
    scalar_is("SELECT COUNT(*) FROM commons.dml_a", "2");
    scalar_is("SELECT name FROM commons.dml_a WHERE _id = 'a1'", "it's");
    scalar_is("SELECT TYPEOF(d) FROM commons.dml_a WHERE _id = 'a1'", "date");
    scalar_is("SELECT TYPEOF(ts) FROM commons.dml_a WHERE _id = 'a1'", "timestamp");
    scalar_is("SELECT CAST(ts AS string) FROM commons.dml_a WHERE _id = 'a1'",
              "2024-01-02T03:04:05.000000Z");
    scalar_is("SELECT TYPEOF(id) FROM commons.dml_a WHERE _id = 'a2'", "int");
    scalar_is("SELECT TYPEOF(name) FROM commons.dml_a WHERE _id = 'a2'", "null");
    IT_STATE(SQLExecDirect(st, (SQLCHAR *)"INSERT INTO commons.dml_a (a) VALUES (1 + 2)",
                           SQL_NTS), SQL_HANDLE_STMT, st, SQL_ERROR, "HYC00");
    IT_STATE(SQLExecDirect(st, (SQLCHAR *)"INSERT INTO commons.nope_dml (a) VALUES (1)",
                           SQL_NTS), SQL_HANDLE_STMT, st, SQL_ERROR, "42S02");
    it_free(st);
    it_disconnect();
}

/* 10,000 rows column-wise, then a spot check in a new connection. */
static void test_insert_array(void)
{
    static SQLINTEGER ids[NROWS];
    static char names[NROWS][16];
    static SQLLEN nind[NROWS];
    static SQL_TIMESTAMP_STRUCT ts[NROWS];
    static SQLDOUBLE score[NROWS];
    static SQLUSMALLINT status[NROWS];
    SQLULEN done = 0;
    SQLLEN rows = 0;
    SQLHSTMT st;

    for (int i = 0; i < NROWS; i++) {
        ids[i] = i;
        snprintf(names[i], sizeof names[i], "n%d", i);
        nind[i] = i % 100 == 7 ? SQL_NULL_DATA : SQL_NTS;
        ts[i] = (SQL_TIMESTAMP_STRUCT){2023, 5, 1 + i % 28, 10, 20, 30, 0};
        score[i] = i / 4.0;
    }
    it_connect("");
    st = it_stmt();
    exec_rows(st, "DROP TABLE IF EXISTS commons.dml_b", 0);
    exec_rows(st, "CREATE TABLE commons.dml_b", 0);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, (SQLPOINTER)NROWS, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_STATUS_PTR, status, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMS_PROCESSED_PTR, &done, 0), st);
    IT_STMT_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, ids, 0,
                                NULL), st);
    IT_STMT_OK(SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 15, 0, names,
                                sizeof names[0], nind), st);
    IT_STMT_OK(SQLBindParameter(st, 3, SQL_PARAM_INPUT, SQL_C_TYPE_TIMESTAMP,
                                SQL_TYPE_TIMESTAMP, 26, 6, ts, 0, NULL), st);
    IT_STMT_OK(SQLBindParameter(st, 4, SQL_PARAM_INPUT, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, score,
                                0, NULL), st);
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)"INSERT INTO commons.dml_b (id, name, at, score) "
                             "VALUES (?, ?, ?, ?)", SQL_NTS), st);
    IT_STMT_OK(SQLRowCount(st, &rows), st);
    CU_ASSERT_EQUAL(rows, NROWS);
    CU_ASSERT_EQUAL(done, NROWS);
    CU_ASSERT_EQUAL(status[0], SQL_PARAM_SUCCESS);
    CU_ASSERT_EQUAL(status[NROWS - 1], SQL_PARAM_SUCCESS);
    it_free(st);
    it_disconnect();
    it_connect("");
    scalar_is("SELECT COUNT(*) FROM commons.dml_b", "10000");
    scalar_is("SELECT name FROM commons.dml_b WHERE id = 4321", "n4321");
    scalar_is("SELECT score FROM commons.dml_b WHERE id = 4321", "1080.25");
    scalar_is("SELECT TYPEOF(at) FROM commons.dml_b WHERE id = 9999", "timestamp");
    scalar_is("SELECT TYPEOF(name) FROM commons.dml_b WHERE id = 107", "null");
    scalar_is("SELECT COUNT(*) FROM commons.dml_b WHERE name IS NULL", "100");
    it_disconnect();
}

struct prow {
    char id[8];
    SQLLEN id_ind;
    SQLINTEGER v;
};

/* Row-wise: the document the server refuses (an empty _id) fails alone. */
static void test_insert_refused(void)
{
    struct prow p[3] = {{"r1", SQL_NTS, 1}, {"", SQL_NTS, 2}, {"r3", SQL_NTS, 3}};
    SQLUSMALLINT status[3];
    SQLLEN rows = 0, rowno = 0;
    SQLHSTMT st;
    SQLRETURN rc;

    it_connect("");
    st = it_stmt();
    exec_rows(st, "DROP TABLE IF EXISTS commons.dml_c", 0);
    exec_rows(st, "CREATE TABLE commons.dml_c", 0);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, (SQLPOINTER)3, 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_BIND_TYPE, (SQLPOINTER)sizeof(struct prow), 0), st);
    IT_STMT_OK(SQLSetStmtAttr(st, SQL_ATTR_PARAM_STATUS_PTR, status, 0), st);
    IT_STMT_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 7, 0, p[0].id,
                                sizeof p[0].id, &p[0].id_ind), st);
    IT_STMT_OK(SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &p[0].v,
                                0, NULL), st);
    rc = SQLExecDirect(st, (SQLCHAR *)"INSERT INTO commons.dml_c (_id, v) VALUES (?, ?)", SQL_NTS);
    CU_ASSERT_EQUAL(rc, SQL_SUCCESS_WITH_INFO);
    CU_ASSERT_STRING_EQUAL(it_state(SQL_HANDLE_STMT, st), "HY000");
    CU_ASSERT_EQUAL(status[0], SQL_PARAM_SUCCESS);
    CU_ASSERT_EQUAL(status[1], SQL_PARAM_ERROR);
    CU_ASSERT_EQUAL(status[2], SQL_PARAM_SUCCESS);
    CU_ASSERT(SQLGetDiagField(SQL_HANDLE_STMT, st, 1, SQL_DIAG_ROW_NUMBER, &rowno, 0, NULL) ==
              SQL_SUCCESS);
    CU_ASSERT_EQUAL(rowno, 2);
    CU_ASSERT(strstr(it_msg(SQL_HANDLE_STMT, st), "_id") != NULL);
    IT_STMT_OK(SQLRowCount(st, &rows), st);
    CU_ASSERT_EQUAL(rows, 2);
    scalar_is("SELECT COUNT(*) FROM commons.dml_c", "2");
    it_free(st);
    it_disconnect();
}

static void test_update_delete(void)
{
    SQLHSTMT st;
    SQLCHAR key[8] = "u2";
    SQLINTEGER lim = 2;

    it_connect("");
    st = it_stmt();
    exec_rows(st, "DROP TABLE IF EXISTS commons.dml_d", 0);
    exec_rows(st, "CREATE TABLE commons.dml_d", 0);
    exec_rows(st, "INSERT INTO commons.dml_d (_id, n, tag) VALUES ('u1', 1, 'a'), ('u2', 2, 'a'),"
                  " ('u3', 3, 'b'), ('u4', 4, 'b')", 4);
    exec_rows(st, "UPDATE commons.dml_d SET tag = 'c', extra = 10 WHERE n >= 3", 2);
    scalar_is("SELECT COUNT(*) FROM commons.dml_d WHERE tag = 'c' AND extra = 10", "2");
    exec_rows(st, "UPDATE commons.dml_d SET tag = NULL WHERE _id = 'u1'", 1);
    scalar_is("SELECT TYPEOF(tag) FROM commons.dml_d WHERE _id = 'u1'", "null");
    exec_rows(st, "UPDATE commons.dml_d SET n = 0 WHERE n > 100", 0);
    IT_STATE(SQLExecDirect(st, (SQLCHAR *)"UPDATE commons.dml_d SET n = n + 1", SQL_NTS),
             SQL_HANDLE_STMT, st, SQL_ERROR, "HYC00");
    /* markers in SET and WHERE */
    IT_STMT_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 7, 0, key,
                                sizeof key, NULL), st);
    IT_STMT_OK(SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &lim, 0,
                                NULL), st);
    exec_rows(st, "UPDATE commons.dml_d SET tag = ? WHERE n = ?", 1);
    scalar_is("SELECT tag FROM commons.dml_d WHERE _id = 'u2'", "u2");
    SQLFreeStmt(st, SQL_RESET_PARAMS);
    exec_rows(st, "DELETE FROM commons.dml_d WHERE _id IN ('u1', 'u9')", 2);
    scalar_is("SELECT COUNT(*) FROM commons.dml_d", "3");
    exec_rows(st, "DELETE FROM commons.dml_d WHERE tag = 'c'", 2);
    scalar_is("SELECT COUNT(*) FROM commons.dml_d", "1");
    exec_rows(st, "DELETE FROM commons.dml_d", 1);
    scalar_is("SELECT COUNT(*) FROM commons.dml_d", "0");
    exec_rows(st, "DROP TABLE commons.dml_d", 0);
    IT_STATE(SQLExecDirect(st, (SQLCHAR *)"DROP TABLE commons.dml_d", SQL_NTS),
             SQL_HANDLE_STMT, st, SQL_ERROR, "42S02");
    it_free(st);
    it_disconnect();
}

static void test_read_only(void)
{
    SQLHSTMT st;
    char ro[8] = "";
    SQLSMALLINT len = 0;

    it_connect("ReadOnly=1");
    st = it_stmt();
    IT_STATE(SQLExecDirect(st, (SQLCHAR *)"INSERT INTO commons.dml_a (a) VALUES (1)", SQL_NTS),
             SQL_HANDLE_STMT, st, SQL_ERROR, "25000");
    IT_STATE(SQLExecDirect(st, (SQLCHAR *)"DROP TABLE commons.dml_a", SQL_NTS),
             SQL_HANDLE_STMT, st, SQL_ERROR, "25000");
    SQLGetInfo(it_dbc, SQL_DATA_SOURCE_READ_ONLY, ro, sizeof ro, &len);
    CU_ASSERT_STRING_EQUAL(ro, "Y");
    it_free(st);
    it_disconnect();
    it_connect("");
    SQLGetInfo(it_dbc, SQL_DATA_SOURCE_READ_ONLY, ro, sizeof ro, &len);
    CU_ASSERT_STRING_EQUAL(ro, "N");
    IT_OK(SQLSetConnectAttr(it_dbc, SQL_ATTR_ACCESS_MODE, (SQLPOINTER)SQL_MODE_READ_ONLY, 0),
          SQL_HANDLE_DBC, it_dbc);
    st = it_stmt();
    IT_STATE(SQLExecDirect(st, (SQLCHAR *)"DELETE FROM commons.dml_a", SQL_NTS),
             SQL_HANDLE_STMT, st, SQL_ERROR, "25000");
    scalar_is("SELECT COUNT(*) FROM commons.dml_a", "2");
    it_free(st);
    it_disconnect();
}

/* `SELECT *` numbers its columns as SQLColumns does (ORDINAL_POSITION), not in the first
 * document's key order: LibreOffice Base edits a table through `SELECT *` and writes column i
 * of the result into the i-th column SQLColumns listed. */
static void test_star_column_order(void)
{
    static const char *const want[] = { "_id", "_event_time", "alpha", "m", "zeta" };
    SQLHSTMT st;
    SQLSMALLINT ncols = 0;
    char name[64];
    SQLLEN ind;

    it_connect("");
    st = it_stmt();
    exec_rows(st, "DROP TABLE IF EXISTS commons.dml_star", 0);
    exec_rows(st, "CREATE TABLE commons.dml_star", 0);
    exec_rows(st, "INSERT INTO commons.dml_star (zeta, _id, m, alpha) VALUES (1, 's1', 'x', 2.5)",
              1);
    it_exec(st, "SELECT * FROM commons.dml_star");
    IT_STMT_OK(SQLNumResultCols(st, &ncols), st);
    CU_ASSERT_EQUAL(ncols, 5);
    for (SQLSMALLINT c = 1; c <= ncols && c <= 5; c++) {
        IT_STMT_OK(SQLColAttribute(st, (SQLUSMALLINT)c, SQL_DESC_NAME, name, sizeof name,
                                   NULL, NULL), st);
        CU_ASSERT_STRING_EQUAL(name, want[c - 1]);
    }
    /* the values follow their columns */
    IT_STMT_OK(SQLFetch(st), st);
    CU_ASSERT_STRING_EQUAL(it_get(st, 1), "s1");
    CU_ASSERT_STRING_EQUAL(it_get(st, 3), "2.5");
    CU_ASSERT_STRING_EQUAL(it_get(st, 4), "x");
    CU_ASSERT_STRING_EQUAL(it_get(st, 5), "1");
    SQLFreeStmt(st, SQL_CLOSE);
    IT_STMT_OK(SQLColumns(st, NULL, 0, (SQLCHAR *)"commons", SQL_NTS,
                          (SQLCHAR *)"dml_star", SQL_NTS, NULL, 0), st);
    for (int r = 0; r < 5; r++) {
        IT_STMT_OK(SQLFetch(st), st);
        IT_STMT_OK(SQLGetData(st, 4, SQL_C_CHAR, name, sizeof name, &ind), st);
        CU_ASSERT_STRING_EQUAL(name, want[r]);
    }
    CU_ASSERT_EQUAL(SQLFetch(st), SQL_NO_DATA);
    SQLFreeStmt(st, SQL_CLOSE);
    exec_rows(st, "DROP TABLE commons.dml_star", 0);
    it_free(st);
    it_disconnect();
}

int main(void)
{
    static const cu_case cases[] = {
        {"create, insert literals, read your writes", test_create_insert_literals},
        {"insert a 10,000-row parameter array", test_insert_array},
        {"a refused document", test_insert_refused},
        {"update and delete", test_update_delete},
        {"read-only", test_read_only},
        {"SELECT * in SQLColumns' order", test_star_column_order},
        {NULL, NULL}};
    return cu_run("odbc_dml", cases);
}
