/* SPDX-License-Identifier: Apache-2.0 */
/* Catalog functions through the unixODBC driver manager, the parts pyodbc cannot reach:
 * the exact (case-sensitive) column names and SQL types of every catalog result as
 * SQLDescribeCol reports them, SQL_ATTR_METADATA_ID (statement and connection attribute),
 * lambda calls with parameters named through SQL_DESC_NAME, SQLProcedureColumns' column
 * pattern, and the ODBC 2 date/time type codes. Creates its fixtures through the REST API
 * (curl). Runs inside tests/with-server.sh + tests/odbc-env.sh. */
#include <CUnit/Basic.h>
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/cunit_main.h"

static SQLHENV dm_env;
static SQLHDBC dm_dbc;

static const char *dm_state(SQLSMALLINT type, SQLHANDLE h)
{
    static SQLCHAR state[6];
    SQLINTEGER native;
    SQLCHAR msg[512];
    SQLSMALLINT len;

    state[0] = '\0';
    if (SQL_SUCCEEDED(SQLGetDiagRec(type, h, 1, state, &native, msg, sizeof msg, &len)))
        printf("  [%s] %s\n", state, msg);
    return (const char *)state;
}

/* POST body to path on the server; 0 when curl reports success (HTTP < 400). */
static int dm_post(const char *path, const char *body)
{
    char cmd[2048];
    FILE *p;
    int st;

    snprintf(cmd, sizeof cmd,
             "curl -sSf -o /dev/null -X POST -H 'Content-Type: application/json' "
             "-H \"Authorization: ApiKey $RS_APIKEY\" --data-binary @- \"$RS_SERVER%s\"", path);
    p = popen(cmd, "w");
    if (!p)
        return -1;
    fputs(body, p);
    st = pclose(p);
    if (st != 0)
        fprintf(stderr, "POST %s failed (%d)\n", path, st);
    return st;
}

static int dm_connect(SQLHENV *env, SQLHDBC *dbc, SQLINTEGER ver)
{
    const char *cs = getenv("RS_CONNSTR");

    if (!cs || !SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, env)) ||
        !SQL_SUCCEEDED(SQLSetEnvAttr(*env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)(SQLLEN)ver, 0)) ||
        !SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, *env, dbc)))
        return 1;
    if (!SQL_SUCCEEDED(SQLDriverConnect(*dbc, NULL, (SQLCHAR *)cs, SQL_NTS, NULL, 0, NULL,
                                        SQL_DRIVER_NOPROMPT))) {
        dm_state(SQL_HANDLE_DBC, *dbc);
        return 1;
    }
    return 0;
}

static void dm_disconnect(SQLHENV env, SQLHDBC dbc)
{
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
}

static int dm_setup(void)
{
    static const char *const posts[][2] = {
        {"/v1/orgs/self/ws", "{\"name\":\"dmws\"}"},
        {"/v1/orgs/self/ws/dmws/collections", "{\"name\":\"Orders\"}"},
        {"/v1/orgs/self/ws/dmws/collections", "{\"name\":\"orders\"}"},
        {"/v1/orgs/self/ws/dmws/collections", "{\"name\":\"web_logs\"}"},
        {"/v1/orgs/self/ws/dmws/collections", "{\"name\":\"webXlogs\"}"},
        {"/v1/orgs/self/ws/dmws/collections/orders/docs",
         "{\"data\":[{\"_id\":\"a\",\"d\":{\"__rockset_type\":\"DATE\",\"value\":\"2024-01-02\"},"
         "\"t\":{\"__rockset_type\":\"TIME\",\"value\":\"10:00:00\"}}]}"},
        {"/v1/orgs/self/ws/dmws/lambdas",
         "{\"name\":\"minus\",\"sql\":{\"query\":\"SELECT :a - :b AS d\",\"default_parameters\":"
         "[{\"name\":\"a\",\"type\":\"int\",\"value\":\"1\"},"
         "{\"name\":\"b\",\"type\":\"int\",\"value\":\"2\"}]}}"},
    };
    for (size_t i = 0; i < sizeof posts / sizeof posts[0]; i++)
        if (dm_post(posts[i][0], posts[i][1]) != 0)
            return 1;
    return dm_connect(&dm_env, &dm_dbc, SQL_OV_ODBC3);
}

static int dm_teardown(void)
{
    dm_disconnect(dm_env, dm_dbc);
    return 0;
}

static SQLHSTMT dm_stmt(void)
{
    SQLHSTMT st = SQL_NULL_HSTMT;
    CU_ASSERT_FATAL(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dm_dbc, &st)));
    return st;
}

/* Asserts the result's column names (exact case) and SQL types, then closes the cursor. */
static void dm_shape(SQLHSTMT st, SQLRETURN rc, const char *what, const char *const *names,
                     const SQLSMALLINT *types, SQLSMALLINT n)
{
    SQLSMALLINT ncols = -1;

    if (!SQL_SUCCEEDED(rc))
        dm_state(SQL_HANDLE_STMT, st);
    CU_ASSERT_FATAL(SQL_SUCCEEDED(rc));
    CU_ASSERT(SQL_SUCCEEDED(SQLNumResultCols(st, &ncols)));
    CU_ASSERT_EQUAL(ncols, n);
    for (SQLSMALLINT i = 1; i <= n && i <= ncols; i++) {
        SQLCHAR name[64];
        SQLSMALLINT len, type, dd, nul;
        SQLULEN size;

        CU_ASSERT(SQL_SUCCEEDED(SQLDescribeCol(st, (SQLUSMALLINT)i, name, sizeof name, &len,
                                               &type, &size, &dd, &nul)));
        if (strcmp((char *)name, names[i - 1]) != 0 || type != types[i - 1])
            printf("  %s column %d: %s type %d (want %s type %d)\n", what, i, name, type,
                   names[i - 1], types[i - 1]);
        CU_ASSERT_STRING_EQUAL(name, names[i - 1]);
        CU_ASSERT_EQUAL(type, types[i - 1]);
    }
    SQLCloseCursor(st);
}

#define V SQL_VARCHAR
#define SH SQL_SMALLINT
#define IN SQL_INTEGER
#define N(a) (SQLSMALLINT)(sizeof(a) / sizeof(a)[0])
#define CS(s) (SQLCHAR *)(s)

/* The result sets of the ODBC reference, column by column. */
static const char *const tab[] = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE",
                                  "REMARKS"};
static const SQLSMALLINT tab_t[] = {V, V, V, V, V};
static const char *const col[] = {
    "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME",
    "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE",
    "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH",
    "ORDINAL_POSITION", "IS_NULLABLE"};
static const SQLSMALLINT col_t[] = {V, V, V, V, SH, V, IN, IN, SH, SH, SH, V, V, SH, SH,
                                    IN, IN, V};
static const char *const pk[] = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME",
                                 "KEY_SEQ", "PK_NAME"};
static const SQLSMALLINT pk_t[] = {V, V, V, V, SH, V};
static const char *const stat[] = {
    "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE", "INDEX_QUALIFIER",
    "INDEX_NAME", "TYPE", "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC", "CARDINALITY",
    "PAGES", "FILTER_CONDITION"};
static const SQLSMALLINT stat_t[] = {V, V, V, SH, V, V, SH, SH, V, V, IN, IN, V};
static const char *const spec[] = {"SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME",
                                   "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS",
                                   "PSEUDO_COLUMN"};
static const SQLSMALLINT spec_t[] = {SH, V, SH, V, IN, IN, SH, SH};
static const char *const fk[] = {
    "PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT",
    "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE",
    "DELETE_RULE", "FK_NAME", "PK_NAME", "DEFERRABILITY"};
static const SQLSMALLINT fk_t[] = {V, V, V, V, V, V, V, V, SH, SH, SH, V, V, SH};
static const char *const tpriv[] = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "GRANTOR",
                                    "GRANTEE", "PRIVILEGE", "IS_GRANTABLE"};
static const SQLSMALLINT tpriv_t[] = {V, V, V, V, V, V, V};
static const char *const cpriv[] = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME",
                                    "COLUMN_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE",
                                    "IS_GRANTABLE"};
static const SQLSMALLINT cpriv_t[] = {V, V, V, V, V, V, V, V};
static const char *const proc[] = {"PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME",
                                   "NUM_INPUT_PARAMS", "NUM_OUTPUT_PARAMS",
                                   "NUM_RESULT_SETS", "REMARKS", "PROCEDURE_TYPE"};
static const SQLSMALLINT proc_t[] = {V, V, V, IN, IN, IN, V, SH};
static const char *const pcol[] = {
    "PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "COLUMN_NAME", "COLUMN_TYPE",
    "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS",
    "NUM_PREC_RADIX", "NULLABLE", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE",
    "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE"};
static const SQLSMALLINT pcol_t[] = {V, V, V, V, SH, SH, V, IN, IN, SH, SH, SH, V, V, SH,
                                     SH, IN, IN, V};
static const char *const ti[] = {
    "TYPE_NAME", "DATA_TYPE", "COLUMN_SIZE", "LITERAL_PREFIX", "LITERAL_SUFFIX",
    "CREATE_PARAMS", "NULLABLE", "CASE_SENSITIVE", "SEARCHABLE", "UNSIGNED_ATTRIBUTE",
    "FIXED_PREC_SCALE", "AUTO_UNIQUE_VALUE", "LOCAL_TYPE_NAME", "MINIMUM_SCALE",
    "MAXIMUM_SCALE", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "NUM_PREC_RADIX",
    "INTERVAL_PRECISION"};
static const SQLSMALLINT ti_t[] = {V, SH, IN, V, V, V, SH, SH, SH, SH, SH, SH, V, SH, SH,
                                   SH, SH, IN, SH};

static void test_shapes(void)
{
    SQLHSTMT st = dm_stmt();

    dm_shape(st, SQLTables(st, NULL, 0, CS("dmws"), SQL_NTS, NULL, 0, NULL, 0), "SQLTables",
             tab, tab_t, N(tab));
    dm_shape(st, SQLColumns(st, NULL, 0, CS("dmws"), SQL_NTS, CS("orders"), SQL_NTS, NULL, 0),
             "SQLColumns", col, col_t, N(col));
    dm_shape(st, SQLPrimaryKeys(st, NULL, 0, CS("dmws"), SQL_NTS, CS("orders"), SQL_NTS),
             "SQLPrimaryKeys", pk, pk_t, N(pk));
    dm_shape(st, SQLStatistics(st, NULL, 0, CS("dmws"), SQL_NTS, CS("orders"), SQL_NTS,
                               SQL_INDEX_ALL, SQL_QUICK), "SQLStatistics", stat, stat_t,
             N(stat));
    dm_shape(st, SQLSpecialColumns(st, SQL_BEST_ROWID, NULL, 0, CS("dmws"), SQL_NTS,
                                   CS("orders"), SQL_NTS, SQL_SCOPE_SESSION, SQL_NULLABLE),
             "SQLSpecialColumns", spec, spec_t, N(spec));
    dm_shape(st, SQLForeignKeys(st, NULL, 0, CS("dmws"), SQL_NTS, CS("orders"), SQL_NTS, NULL,
                                0, NULL, 0, NULL, 0), "SQLForeignKeys", fk, fk_t, N(fk));
    dm_shape(st, SQLTablePrivileges(st, NULL, 0, CS("dmws"), SQL_NTS, CS("orders"), SQL_NTS),
             "SQLTablePrivileges", tpriv, tpriv_t, N(tpriv));
    dm_shape(st, SQLColumnPrivileges(st, NULL, 0, CS("dmws"), SQL_NTS, CS("orders"), SQL_NTS,
                                     CS("%"), SQL_NTS), "SQLColumnPrivileges", cpriv, cpriv_t,
             N(cpriv));
    dm_shape(st, SQLProcedures(st, NULL, 0, CS("dmws"), SQL_NTS, CS("%"), SQL_NTS),
             "SQLProcedures", proc, proc_t, N(proc));
    dm_shape(st, SQLProcedureColumns(st, NULL, 0, CS("dmws"), SQL_NTS, CS("minus"), SQL_NTS,
                                     NULL, 0), "SQLProcedureColumns", pcol, pcol_t, N(pcol));
    dm_shape(st, SQLGetTypeInfo(st, SQL_ALL_TYPES), "SQLGetTypeInfo", ti, ti_t, N(ti));
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/* Collects column col of every row as "a,b,c" (static buffer) and closes the cursor. */
static const char *dm_list(SQLHSTMT st, SQLRETURN rc, SQLUSMALLINT col)
{
    static char out[1024];
    char v[256];
    SQLLEN ind;

    out[0] = '\0';
    if (!SQL_SUCCEEDED(rc)) {
        dm_state(SQL_HANDLE_STMT, st);
        return "<error>";
    }
    while (SQL_SUCCEEDED(SQLFetch(st))) {
        if (!SQL_SUCCEEDED(SQLGetData(st, col, SQL_C_CHAR, v, sizeof v, &ind)))
            strcpy(v, "<getdata failed>");
        else if (ind == SQL_NULL_DATA)
            strcpy(v, "<NULL>");
        if (out[0])
            strncat(out, ",", sizeof out - strlen(out) - 1);
        strncat(out, v, sizeof out - strlen(out) - 1);
    }
    SQLCloseCursor(st);
    return out;
}

static const char *dm_tables(SQLHSTMT st, const char *schema, const char *table)
{
    return dm_list(st, SQLTables(st, NULL, 0, CS(schema), SQL_NTS, CS(table), SQL_NTS, NULL, 0),
                   3);
}

static void test_patterns_without_metadata_id(void)
{
    SQLHSTMT st = dm_stmt();

    CU_ASSERT_STRING_EQUAL(dm_tables(st, "dmws", "%"), "Orders,orders,webXlogs,web_logs");
    CU_ASSERT_STRING_EQUAL(dm_tables(st, "dmws", "web_logs"), "webXlogs,web_logs");
    CU_ASSERT_STRING_EQUAL(dm_tables(st, "dmws", "web\\_logs"), "web_logs");
    CU_ASSERT_STRING_EQUAL(dm_tables(st, "dmws", "orders"), "orders");
    CU_ASSERT_STRING_EQUAL(dm_tables(st, "DMWS", "orders"), "");
    CU_ASSERT_STRING_EQUAL(dm_tables(st, "dm__", "O%"), "Orders");
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

static void test_metadata_id_statement(void)
{
    SQLHSTMT st = dm_stmt();
    SQLULEN v = 0;

    CU_ASSERT(SQL_SUCCEEDED(SQLSetStmtAttr(st, SQL_ATTR_METADATA_ID, (SQLPOINTER)SQL_TRUE, 0)));
    CU_ASSERT(SQL_SUCCEEDED(SQLGetStmtAttr(st, SQL_ATTR_METADATA_ID, &v, 0, NULL)));
    CU_ASSERT_EQUAL(v, SQL_TRUE);
    /* unquoted identifiers compare without regard to case */
    CU_ASSERT_STRING_EQUAL(dm_tables(st, "DMWS", "ORDERS"), "Orders,orders");
    /* quoted ones exactly */
    CU_ASSERT_STRING_EQUAL(dm_tables(st, "\"dmws\"", "\"Orders\""), "Orders");
    CU_ASSERT_STRING_EQUAL(dm_tables(st, "\"DMWS\"", "\"Orders\""), "");
    /* '_' and '%' are plain characters */
    CU_ASSERT_STRING_EQUAL(dm_tables(st, "dmws", "web_logs"), "web_logs");
    CU_ASSERT_STRING_EQUAL(dm_tables(st, "dmws", "web%"), "");
    CU_ASSERT_STRING_EQUAL(
        dm_list(st, SQLColumns(st, NULL, 0, CS("dmws"), SQL_NTS, CS("\"orders\""), SQL_NTS,
                               CS("D"), SQL_NTS), 4), "d");
    CU_ASSERT_STRING_EQUAL(
        dm_list(st, SQLProcedures(st, NULL, 0, CS("DMWS"), SQL_NTS, CS("MINUS"), SQL_NTS), 3),
        "minus");
    /* back to patterns */
    CU_ASSERT(SQL_SUCCEEDED(SQLSetStmtAttr(st, SQL_ATTR_METADATA_ID, (SQLPOINTER)SQL_FALSE, 0)));
    CU_ASSERT_STRING_EQUAL(dm_tables(st, "dmws", "web%"), "webXlogs,web_logs");
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

static void test_metadata_id_connection(void)
{
    SQLHSTMT st;
    SQLUINTEGER v = 0;

    CU_ASSERT(SQL_SUCCEEDED(SQLSetConnectAttr(dm_dbc, SQL_ATTR_METADATA_ID, (SQLPOINTER)SQL_TRUE,
                                              0)));
    st = dm_stmt(); /* a new statement inherits the connection's setting */
    CU_ASSERT_STRING_EQUAL(dm_tables(st, "dmws", "WEB_LOGS"), "web_logs");
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    CU_ASSERT(SQL_SUCCEEDED(SQLGetConnectAttr(dm_dbc, SQL_ATTR_METADATA_ID, &v, 0, NULL)));
    CU_ASSERT_EQUAL(v, SQL_TRUE);
    CU_ASSERT(SQL_SUCCEEDED(SQLSetConnectAttr(dm_dbc, SQL_ATTR_METADATA_ID,
                                              (SQLPOINTER)SQL_FALSE, 0)));
}

static void test_procedure_column_pattern(void)
{
    SQLHSTMT st = dm_stmt();

    CU_ASSERT_STRING_EQUAL(
        dm_list(st, SQLProcedureColumns(st, NULL, 0, CS("dmws"), SQL_NTS, CS("minus"), SQL_NTS,
                                        CS("b"), SQL_NTS), 4), "b");
    CU_ASSERT_STRING_EQUAL(
        dm_list(st, SQLProcedureColumns(st, NULL, 0, CS("dmws"), SQL_NTS, CS("minus"), SQL_NTS,
                                        CS("%"), SQL_NTS), 14), "1,2");
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/* Runs the prepared CALL with the bound parameters, names set through the IPD. */
static long dm_call_named(const char *sql, const char *const *names, SQLBIGINT *vals, int n)
{
    SQLHSTMT st = dm_stmt();
    SQLHDESC ipd = SQL_NULL_HDESC;
    SQLBIGINT d = -9999;
    SQLLEN ind = 0;
    SQLRETURN rc;

    CU_ASSERT(SQL_SUCCEEDED(SQLPrepare(st, CS(sql), SQL_NTS)));
    CU_ASSERT(SQL_SUCCEEDED(SQLGetStmtAttr(st, SQL_ATTR_IMP_PARAM_DESC, &ipd, 0, NULL)));
    for (int i = 0; i < n; i++) {
        CU_ASSERT(SQL_SUCCEEDED(SQLBindParameter(st, (SQLUSMALLINT)(i + 1), SQL_PARAM_INPUT,
                                                 SQL_C_SBIGINT, SQL_BIGINT, 0, 0, &vals[i], 0,
                                                 NULL)));
        rc = SQLSetDescField(ipd, (SQLSMALLINT)(i + 1), SQL_DESC_NAME, (SQLPOINTER)names[i],
                             SQL_NTS);
        if (!SQL_SUCCEEDED(rc))
            dm_state(SQL_HANDLE_DESC, ipd);
        CU_ASSERT(SQL_SUCCEEDED(rc));
    }
    rc = SQLExecute(st);
    if (!SQL_SUCCEEDED(rc))
        dm_state(SQL_HANDLE_STMT, st);
    CU_ASSERT(SQL_SUCCEEDED(rc));
    if (SQL_SUCCEEDED(rc) && SQL_SUCCEEDED(SQLFetch(st)))
        CU_ASSERT(SQL_SUCCEEDED(SQLGetData(st, 1, SQL_C_SBIGINT, &d, sizeof d, &ind)));
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    return (long)d;
}

static void test_named_parameters(void)
{
    static const char *const ba[] = {"b", "a"};
    static const char *const b[] = {"b"};
    SQLBIGINT v2[] = {3, 10};
    SQLBIGINT v1[] = {5};

    /* minus(a, b) = a - b: named b = 3, a = 10 gives 7 (positional would give -7) */
    CU_ASSERT_EQUAL(dm_call_named("{CALL dmws.minus(?, ?)}", ba, v2, 2), 7);
    /* only b named: a takes its default 1 */
    CU_ASSERT_EQUAL(dm_call_named("{CALL dmws.minus(?)}", b, v1, 1), -4);
}

/* ODBC 2 applications get the ODBC 2 date/time codes (9, 10, 11) in catalog results. */
static void test_odbc2_type_codes(void)
{
    SQLHENV env;
    SQLHDBC dbc;
    SQLHSTMT st;

    CU_ASSERT_FATAL(dm_connect(&env, &dbc, SQL_OV_ODBC2) == 0);
    CU_ASSERT_FATAL(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st)));
    CU_ASSERT_STRING_EQUAL(
        dm_list(st, SQLColumns(st, NULL, 0, CS("dmws"), SQL_NTS, CS("orders"), SQL_NTS, CS("_"),
                               SQL_NTS), 5), "9,10");
    CU_ASSERT_STRING_EQUAL(
        dm_list(st, SQLColumns(st, NULL, 0, CS("dmws"), SQL_NTS, CS("orders"), SQL_NTS,
                               CS("_event_time"), SQL_NTS), 5), "11");
    CU_ASSERT_STRING_EQUAL(dm_list(st, SQLGetTypeInfo(st, SQL_DATE), 2), "9");
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    dm_disconnect(env, dbc);
}

/* A Unicode application (connected through SQLDriverConnectW) gets WVARCHAR columns. */
static void test_wide_shapes(void)
{
    const char *cs = getenv("RS_CONNSTR");
    SQLWCHAR wcs[1024], wws[8] = {'d', 'm', 'w', 's', 0}, wname[64];
    SQLHENV env;
    SQLHDBC dbc;
    SQLHSTMT st;
    SQLSMALLINT len, type, dd, nul;
    SQLULEN size;
    size_t i;

    for (i = 0; cs && cs[i] && i + 1 < sizeof wcs / sizeof wcs[0]; i++)
        wcs[i] = (SQLWCHAR)(unsigned char)cs[i];
    wcs[i] = 0;
    CU_ASSERT_FATAL(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env)));
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
    CU_ASSERT_FATAL(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc)));
    CU_ASSERT_FATAL(SQL_SUCCEEDED(SQLDriverConnectW(dbc, NULL, wcs, SQL_NTS, NULL, 0, NULL,
                                                    SQL_DRIVER_NOPROMPT)));
    CU_ASSERT_FATAL(SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st)));
    CU_ASSERT(SQL_SUCCEEDED(SQLTablesW(st, NULL, 0, wws, SQL_NTS, NULL, 0, NULL, 0)));
    CU_ASSERT(SQL_SUCCEEDED(SQLDescribeColW(st, 3, wname, 64, &len, &type, &size, &dd, &nul)));
    CU_ASSERT_EQUAL(type, SQL_WVARCHAR);
    CU_ASSERT(len == 10 && wname[0] == 'T' && wname[6] == 'N'); /* TABLE_NAME */
    CU_ASSERT(SQL_SUCCEEDED(SQLFetch(st)));
    SQLCloseCursor(st);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    dm_disconnect(env, dbc);
}

int main(void)
{
    static const cu_case cases[] = {
        {"result shapes (names, types)", test_shapes},
        {"patterns", test_patterns_without_metadata_id},
        {"SQL_ATTR_METADATA_ID on the statement", test_metadata_id_statement},
        {"SQL_ATTR_METADATA_ID on the connection", test_metadata_id_connection},
        {"SQLProcedureColumns column pattern", test_procedure_column_pattern},
        {"CALL with SQL_DESC_NAME parameters", test_named_parameters},
        {"ODBC 2 date/time type codes", test_odbc2_type_codes},
        {"Unicode application: WVARCHAR", test_wide_shapes},
        {NULL, NULL},
    };
    return cu_run_fixture("catalog through the driver manager", dm_setup, dm_teardown, cases);
}
