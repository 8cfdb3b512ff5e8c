/* SPDX-License-Identifier: Apache-2.0 */
/* SQLGetInfo through the unixODBC driver manager: EVERY ODBC 3.8 info type (and the
 * deprecated ODBC 2 ones applications still ask), in the ANSI and W forms. The expected value
 * kind of each comes from the ODBC reference (written here independently of the driver's
 * table): strings NUL-terminated and of the reported length, SQLUSMALLINT answers with
 * StringLength 2, SQLUINTEGER 4, SQLULEN (handles) 8. Also truncation (01004) and HY096.
 * Runs inside tests/with-server.sh + tests/odbc-env.sh (RS_CONNSTR). */
#include <CUnit/Basic.h>
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/cunit_main.h"

#ifndef SQL_RETURN_ESCAPE_CLAUSE
#define SQL_RETURN_ESCAPE_CLAUSE 180
#endif
#ifndef SQL_DTC_TRANSACTION_COST
#define SQL_DTC_TRANSACTION_COST 1750
#endif

enum { K_STR, K_US, K_UI, K_ULEN };

struct info_type {
    SQLUSMALLINT id;
    const char *name;
    int kind;
};

#define S(id) {id, #id, K_STR}
#define US(id) {id, #id, K_US}
#define UI(id) {id, #id, K_UI}
#define UL(id) {id, #id, K_ULEN}

/* The SQLGetInfo reference, "Information Types", in its order. */
static const struct info_type gi_types[] = {
    /* Driver information */
    US(SQL_ACTIVE_ENVIRONMENTS), UI(SQL_ASYNC_DBC_FUNCTIONS), UI(SQL_ASYNC_MODE),
    UI(SQL_ASYNC_NOTIFICATION), UI(SQL_BATCH_ROW_COUNT), UI(SQL_BATCH_SUPPORT),
    S(SQL_DATA_SOURCE_NAME), UI(SQL_DRIVER_AWARE_POOLING_SUPPORTED), UL(SQL_DRIVER_HDBC),
    UL(SQL_DRIVER_HDESC), UL(SQL_DRIVER_HENV), UL(SQL_DRIVER_HLIB), UL(SQL_DRIVER_HSTMT),
    S(SQL_DRIVER_NAME), S(SQL_DRIVER_ODBC_VER), S(SQL_DRIVER_VER),
    UI(SQL_DYNAMIC_CURSOR_ATTRIBUTES1), UI(SQL_DYNAMIC_CURSOR_ATTRIBUTES2),
    UI(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1), UI(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2),
    US(SQL_FILE_USAGE), UI(SQL_GETDATA_EXTENSIONS), UI(SQL_INFO_SCHEMA_VIEWS),
    UI(SQL_KEYSET_CURSOR_ATTRIBUTES1), UI(SQL_KEYSET_CURSOR_ATTRIBUTES2),
    UI(SQL_MAX_ASYNC_CONCURRENT_STATEMENTS), US(SQL_MAX_CONCURRENT_ACTIVITIES),
    US(SQL_MAX_DRIVER_CONNECTIONS), UI(SQL_ODBC_INTERFACE_CONFORMANCE), S(SQL_ODBC_VER),
    UI(SQL_PARAM_ARRAY_ROW_COUNTS), UI(SQL_PARAM_ARRAY_SELECTS), S(SQL_ROW_UPDATES),
    S(SQL_SEARCH_PATTERN_ESCAPE), S(SQL_SERVER_NAME), UI(SQL_STATIC_CURSOR_ATTRIBUTES1),
    UI(SQL_STATIC_CURSOR_ATTRIBUTES2), S(SQL_DM_VER),
    /* DBMS product information */
    S(SQL_DATABASE_NAME), S(SQL_DBMS_NAME), S(SQL_DBMS_VER),
    /* Data source information */
    S(SQL_ACCESSIBLE_PROCEDURES), S(SQL_ACCESSIBLE_TABLES), UI(SQL_BOOKMARK_PERSISTENCE),
    S(SQL_CATALOG_TERM), S(SQL_COLLATION_SEQ), US(SQL_CONCAT_NULL_BEHAVIOR),
    US(SQL_CURSOR_COMMIT_BEHAVIOR), US(SQL_CURSOR_ROLLBACK_BEHAVIOR),
    UI(SQL_CURSOR_SENSITIVITY), S(SQL_DATA_SOURCE_READ_ONLY), UI(SQL_DEFAULT_TXN_ISOLATION),
    S(SQL_DESCRIBE_PARAMETER), S(SQL_MULT_RESULT_SETS), S(SQL_MULTIPLE_ACTIVE_TXN),
    S(SQL_NEED_LONG_DATA_LEN), US(SQL_NULL_COLLATION), S(SQL_PROCEDURE_TERM),
    S(SQL_SCHEMA_TERM), UI(SQL_SCROLL_OPTIONS), S(SQL_TABLE_TERM), US(SQL_TXN_CAPABLE),
    UI(SQL_TXN_ISOLATION_OPTION), S(SQL_USER_NAME),
    /* Supported SQL */
    UI(SQL_AGGREGATE_FUNCTIONS), UI(SQL_ALTER_DOMAIN), UI(SQL_ALTER_TABLE),
    US(SQL_CATALOG_LOCATION), S(SQL_CATALOG_NAME), S(SQL_CATALOG_NAME_SEPARATOR),
    UI(SQL_CATALOG_USAGE), S(SQL_COLUMN_ALIAS), US(SQL_CORRELATION_NAME),
    UI(SQL_CREATE_ASSERTION), UI(SQL_CREATE_CHARACTER_SET), UI(SQL_CREATE_COLLATION),
    UI(SQL_CREATE_DOMAIN), UI(SQL_CREATE_SCHEMA), UI(SQL_CREATE_TABLE),
    UI(SQL_CREATE_TRANSLATION), UI(SQL_CREATE_VIEW), UI(SQL_DDL_INDEX),
    UI(SQL_DROP_ASSERTION), UI(SQL_DROP_CHARACTER_SET), UI(SQL_DROP_COLLATION),
    UI(SQL_DROP_DOMAIN), UI(SQL_DROP_SCHEMA), UI(SQL_DROP_TABLE), UI(SQL_DROP_TRANSLATION),
    UI(SQL_DROP_VIEW), UI(SQL_DATETIME_LITERALS), S(SQL_EXPRESSIONS_IN_ORDERBY),
    US(SQL_GROUP_BY), US(SQL_IDENTIFIER_CASE), S(SQL_IDENTIFIER_QUOTE_CHAR),
    UI(SQL_INDEX_KEYWORDS), UI(SQL_INSERT_STATEMENT), S(SQL_INTEGRITY), S(SQL_KEYWORDS),
    S(SQL_LIKE_ESCAPE_CLAUSE), US(SQL_NON_NULLABLE_COLUMNS), UI(SQL_OJ_CAPABILITIES),
    S(SQL_ORDER_BY_COLUMNS_IN_SELECT), S(SQL_OUTER_JOINS), S(SQL_PROCEDURES),
    US(SQL_QUOTED_IDENTIFIER_CASE), UI(SQL_SCHEMA_USAGE), S(SQL_SPECIAL_CHARACTERS),
    UI(SQL_SQL_CONFORMANCE), UI(SQL_SUBQUERIES), UI(SQL_UNION),
    /* SQL limits */
    UI(SQL_MAX_BINARY_LITERAL_LEN), US(SQL_MAX_CATALOG_NAME_LEN), UI(SQL_MAX_CHAR_LITERAL_LEN),
    US(SQL_MAX_COLUMN_NAME_LEN), US(SQL_MAX_COLUMNS_IN_GROUP_BY),
    US(SQL_MAX_COLUMNS_IN_INDEX), US(SQL_MAX_COLUMNS_IN_ORDER_BY),
    US(SQL_MAX_COLUMNS_IN_SELECT), US(SQL_MAX_COLUMNS_IN_TABLE), US(SQL_MAX_CURSOR_NAME_LEN),
    US(SQL_MAX_IDENTIFIER_LEN), UI(SQL_MAX_INDEX_SIZE), US(SQL_MAX_PROCEDURE_NAME_LEN),
    UI(SQL_MAX_ROW_SIZE), S(SQL_MAX_ROW_SIZE_INCLUDES_LONG), US(SQL_MAX_SCHEMA_NAME_LEN),
    UI(SQL_MAX_STATEMENT_LEN), US(SQL_MAX_TABLE_NAME_LEN), US(SQL_MAX_TABLES_IN_SELECT),
    US(SQL_MAX_USER_NAME_LEN),
    /* Scalar function information */
    UI(SQL_CONVERT_FUNCTIONS), UI(SQL_NUMERIC_FUNCTIONS), UI(SQL_STRING_FUNCTIONS),
    UI(SQL_SYSTEM_FUNCTIONS), UI(SQL_TIMEDATE_ADD_INTERVALS), UI(SQL_TIMEDATE_DIFF_INTERVALS),
    UI(SQL_TIMEDATE_FUNCTIONS),
    /* Conversion information */
    UI(SQL_CONVERT_BIGINT), UI(SQL_CONVERT_BINARY), UI(SQL_CONVERT_BIT), UI(SQL_CONVERT_CHAR),
    UI(SQL_CONVERT_DATE), UI(SQL_CONVERT_DECIMAL), UI(SQL_CONVERT_DOUBLE),
    UI(SQL_CONVERT_FLOAT), UI(SQL_CONVERT_GUID), UI(SQL_CONVERT_INTEGER),
    UI(SQL_CONVERT_INTERVAL_DAY_TIME), UI(SQL_CONVERT_INTERVAL_YEAR_MONTH),
    UI(SQL_CONVERT_LONGVARBINARY), UI(SQL_CONVERT_LONGVARCHAR), UI(SQL_CONVERT_NUMERIC),
    UI(SQL_CONVERT_REAL), UI(SQL_CONVERT_SMALLINT), UI(SQL_CONVERT_TIME),
    UI(SQL_CONVERT_TIMESTAMP), UI(SQL_CONVERT_TINYINT), UI(SQL_CONVERT_VARBINARY),
    UI(SQL_CONVERT_VARCHAR), UI(SQL_CONVERT_WCHAR), UI(SQL_CONVERT_WLONGVARCHAR),
    UI(SQL_CONVERT_WVARCHAR),
    /* Information types added for ODBC 3.x (SQL-92 features, X/Open) */
    UI(SQL_SQL92_DATETIME_FUNCTIONS), UI(SQL_SQL92_FOREIGN_KEY_DELETE_RULE),
    UI(SQL_SQL92_FOREIGN_KEY_UPDATE_RULE), UI(SQL_SQL92_GRANT),
    UI(SQL_SQL92_NUMERIC_VALUE_FUNCTIONS), UI(SQL_SQL92_PREDICATES),
    UI(SQL_SQL92_RELATIONAL_JOIN_OPERATORS), UI(SQL_SQL92_REVOKE),
    UI(SQL_SQL92_ROW_VALUE_CONSTRUCTOR), UI(SQL_SQL92_STRING_FUNCTIONS),
    UI(SQL_SQL92_VALUE_EXPRESSIONS), UI(SQL_STANDARD_CLI_CONFORMANCE), S(SQL_XOPEN_CLI_YEAR),
    /* Microsoft additions applications ask (Power BI) */
    UI(SQL_RETURN_ESCAPE_CLAUSE), UI(SQL_DTC_TRANSACTION_COST),
    /* Deprecated (ODBC 2) info types still answered */
    UI(SQL_FETCH_DIRECTION), US(SQL_ODBC_API_CONFORMANCE), US(SQL_ODBC_SAG_CLI_CONFORMANCE),
    US(SQL_ODBC_SQL_CONFORMANCE), UI(SQL_LOCK_TYPES), UI(SQL_POS_OPERATIONS),
    UI(SQL_POSITIONED_STATEMENTS), UI(SQL_SCROLL_CONCURRENCY), UI(SQL_STATIC_SENSITIVITY),
};
#define GI_N (sizeof gi_types / sizeof gi_types[0])

static SQLHENV gi_env;
static SQLHDBC gi_dbc;
static SQLHSTMT gi_stmt;
static SQLHDESC gi_desc;

static const char *gi_state(SQLSMALLINT type, SQLHANDLE h)
{
    static SQLCHAR state[6];
    SQLINTEGER native;
    SQLCHAR msg[512];
    SQLSMALLINT len;

    state[0] = '\0';
    if (!SQL_SUCCEEDED(SQLGetDiagRec(type, h, 1, state, &native, msg, sizeof msg, &len)))
        state[0] = '\0';
    return (const char *)state;
}

static int gi_setup(void)
{
    const char *cs = getenv("RS_CONNSTR");
    SQLCHAR out[1024];
    SQLSMALLINT outlen;

    if (!cs)
        return 1;
    if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &gi_env)) ||
        !SQL_SUCCEEDED(SQLSetEnvAttr(gi_env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3_80,
                                     0)) ||
        !SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, gi_env, &gi_dbc)))
        return 1;
    if (!SQL_SUCCEEDED(SQLDriverConnect(gi_dbc, NULL, (SQLCHAR *)cs, SQL_NTS, out, sizeof out,
                                        &outlen, SQL_DRIVER_NOPROMPT))) {
        fprintf(stderr, "connect failed: %s\n", gi_state(SQL_HANDLE_DBC, gi_dbc));
        return 1;
    }
    if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, gi_dbc, &gi_stmt)) ||
        !SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DESC, gi_dbc, &gi_desc)))
        return 1;
    return 0;
}

static int gi_teardown(void)
{
    SQLFreeHandle(SQL_HANDLE_DESC, gi_desc);
    SQLFreeHandle(SQL_HANDLE_STMT, gi_stmt);
    SQLDisconnect(gi_dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, gi_dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, gi_env);
    return 0;
}

/* SQL_DRIVER_HSTMT / HDESC take the application's handle in the buffer. */
static void gi_seed(const struct info_type *t, unsigned char *buf)
{
    SQLHANDLE h = t->id == SQL_DRIVER_HSTMT ? gi_stmt : t->id == SQL_DRIVER_HDESC ? gi_desc
                                                                                   : NULL;
    if (h)
        memcpy(buf, &h, sizeof h);
}

static void gi_check_fixed(const struct info_type *t, SQLRETURN rc, const unsigned char *buf,
                           SQLSMALLINT len, const char *form)
{
    static const SQLSMALLINT size[] = {0, 2, 4, 8};
    int ok = rc == SQL_SUCCESS && len == size[t->kind];

    /* nothing beyond the value's size may be written */
    for (size_t i = (size_t)size[t->kind]; ok && i < 16; i++)
        ok = buf[i] == 0xAB;
    if (t->kind == K_ULEN && ok) {
        SQLULEN v;
        memcpy(&v, buf, sizeof v);
        ok = v != 0;
    }
    if (!ok)
        printf("  %s %s: rc %d, length %d (want %d)\n", form, t->name, rc, len, size[t->kind]);
    CU_ASSERT(ok);
}

static void test_every_type_ansi(void)
{
    for (size_t i = 0; i < GI_N; i++) {
        const struct info_type *t = &gi_types[i];
        unsigned char buf[4096];
        SQLSMALLINT len = -1;
        SQLRETURN rc;

        memset(buf, 0xAB, sizeof buf);
        gi_seed(t, buf);
        rc = SQLGetInfo(gi_dbc, t->id, buf, sizeof buf, &len);
        if (t->kind != K_STR) {
            gi_check_fixed(t, rc, buf, len, "A");
            continue;
        }
        int ok = rc == SQL_SUCCESS && len >= 0 && (size_t)len < sizeof buf &&
                 buf[len] == '\0' && strlen((char *)buf) == (size_t)len;
        if (!ok)
            printf("  A %s: rc %d (%s), length %d\n", t->name, rc,
                   gi_state(SQL_HANDLE_DBC, gi_dbc), len);
        CU_ASSERT(ok);
    }
}

static size_t gi_wlen(const SQLWCHAR *w)
{
    size_t n = 0;
    while (w[n])
        n++;
    return n;
}

static void test_every_type_wide(void)
{
    for (size_t i = 0; i < GI_N; i++) {
        const struct info_type *t = &gi_types[i];
        unsigned char buf[4096];
        SQLSMALLINT len = -1;
        SQLRETURN rc;

        memset(buf, 0xAB, sizeof buf);
        gi_seed(t, buf);
        rc = SQLGetInfoW(gi_dbc, t->id, buf, sizeof buf, &len);
        if (t->kind != K_STR) {
            gi_check_fixed(t, rc, buf, len, "W");
            continue;
        }
        /* the W form counts bytes: a whole number of SQLWCHARs, then a NUL SQLWCHAR */
        int ok = rc == SQL_SUCCESS && len >= 0 && len % (SQLSMALLINT)sizeof(SQLWCHAR) == 0 &&
                 (size_t)len + sizeof(SQLWCHAR) <= sizeof buf &&
                 gi_wlen((SQLWCHAR *)buf) * sizeof(SQLWCHAR) == (size_t)len;
        if (!ok)
            printf("  W %s: rc %d (%s), length %d\n", t->name, rc,
                   gi_state(SQL_HANDLE_DBC, gi_dbc), len);
        CU_ASSERT(ok);
    }
}

/* ANSI and W answers agree for the string types. */
static void test_ansi_w_agree(void)
{
    for (size_t i = 0; i < GI_N; i++) {
        const struct info_type *t = &gi_types[i];
        char a[1024];
        SQLWCHAR w[1024];
        SQLSMALLINT alen = 0, wlen = 0;
        size_t k;

        /* unixODBC's SQLGetInfoW answers SQL_XOPEN_CLI_YEAR itself ("1994") without asking
         * the driver; SQL_ODBC_VER and SQL_DM_VER are the driver manager's own. */
        if (t->kind != K_STR || t->id == SQL_XOPEN_CLI_YEAR || t->id == SQL_ODBC_VER ||
            t->id == SQL_DM_VER)
            continue;
        if (!SQL_SUCCEEDED(SQLGetInfo(gi_dbc, t->id, a, sizeof a, &alen)) ||
            !SQL_SUCCEEDED(SQLGetInfoW(gi_dbc, t->id, w, sizeof w, &wlen))) {
            CU_FAIL("string info type failed");
            continue;
        }
        for (k = 0; a[k] && (unsigned char)a[k] < 0x80; k++)
            if (w[k] != (SQLWCHAR)a[k])
                break;
        if (a[k] && (unsigned char)a[k] < 0x80)
            printf("  %s: ANSI %s differs from W\n", t->name, a);
        CU_ASSERT(!a[k] || (unsigned char)a[k] >= 0x80);
    }
}

static void test_values(void)
{
    char s[64];
    SQLUSMALLINT us = 0;
    SQLUINTEGER ui = 0;
    SQLSMALLINT len;

    CU_ASSERT(SQL_SUCCEEDED(SQLGetInfo(gi_dbc, SQL_DBMS_NAME, s, sizeof s, &len)));
    CU_ASSERT_STRING_EQUAL(s, "Rockset");
    CU_ASSERT(SQL_SUCCEEDED(SQLGetInfo(gi_dbc, SQL_SEARCH_PATTERN_ESCAPE, s, sizeof s, &len)));
    CU_ASSERT_STRING_EQUAL(s, "\\");
    CU_ASSERT(SQL_SUCCEEDED(SQLGetInfo(gi_dbc, SQL_CATALOG_NAME, s, sizeof s, &len)));
    CU_ASSERT_STRING_EQUAL(s, "N");
    CU_ASSERT(SQL_SUCCEEDED(SQLGetInfo(gi_dbc, SQL_SCHEMA_TERM, s, sizeof s, &len)));
    CU_ASSERT_STRING_EQUAL(s, "workspace");
    CU_ASSERT(SQL_SUCCEEDED(SQLGetInfo(gi_dbc, SQL_IDENTIFIER_QUOTE_CHAR, s, sizeof s, &len)));
    CU_ASSERT_STRING_EQUAL(s, "\"");
    CU_ASSERT(SQL_SUCCEEDED(SQLGetInfo(gi_dbc, SQL_TXN_CAPABLE, &us, sizeof us, &len)));
    CU_ASSERT_EQUAL(us, SQL_TC_NONE);
    CU_ASSERT(SQL_SUCCEEDED(SQLGetInfo(gi_dbc, SQL_CATALOG_USAGE, &ui, sizeof ui, &len)));
    CU_ASSERT_EQUAL(ui, 0);
    CU_ASSERT(SQL_SUCCEEDED(SQLGetInfo(gi_dbc, SQL_SCHEMA_USAGE, &ui, sizeof ui, &len)));
    CU_ASSERT(ui & SQL_SU_DML_STATEMENTS);
}

static void test_truncation(void)
{
    char a[4];
    SQLWCHAR w[4];
    SQLSMALLINT len = 0;
    SQLRETURN rc;

    memset(a, 'x', sizeof a);
    rc = SQLGetInfo(gi_dbc, SQL_DBMS_NAME, a, sizeof a, &len);
    CU_ASSERT_EQUAL(rc, SQL_SUCCESS_WITH_INFO);
    CU_ASSERT_STRING_EQUAL(gi_state(SQL_HANDLE_DBC, gi_dbc), "01004");
    CU_ASSERT_EQUAL(len, 7); /* the whole length of "Rockset" */
    CU_ASSERT(memcmp(a, "Roc", 4) == 0);

    memset(w, 0x55, sizeof w);
    len = 0;
    rc = SQLGetInfoW(gi_dbc, SQL_DBMS_NAME, w, sizeof w, &len);
    CU_ASSERT_EQUAL(rc, SQL_SUCCESS_WITH_INFO);
    CU_ASSERT_STRING_EQUAL(gi_state(SQL_HANDLE_DBC, gi_dbc), "01004");
    CU_ASSERT_EQUAL(len, 7 * (SQLSMALLINT)sizeof(SQLWCHAR));
    CU_ASSERT(w[0] == 'R' && w[1] == 'o' && w[2] == 'c' && w[3] == 0);

    /* a null buffer asks for the length only */
    len = 0;
    rc = SQLGetInfo(gi_dbc, SQL_SCHEMA_TERM, NULL, 0, &len);
    CU_ASSERT(SQL_SUCCEEDED(rc));
    CU_ASSERT_EQUAL(len, 9);
}

static void test_unknown_type(void)
{
    char buf[64];
    SQLSMALLINT len;

    CU_ASSERT_EQUAL(SQLGetInfo(gi_dbc, 9999, buf, sizeof buf, &len), SQL_ERROR);
    CU_ASSERT_STRING_EQUAL(gi_state(SQL_HANDLE_DBC, gi_dbc), "HY096");
    CU_ASSERT_EQUAL(SQLGetInfoW(gi_dbc, 9999, buf, sizeof buf, &len), SQL_ERROR);
    CU_ASSERT_STRING_EQUAL(gi_state(SQL_HANDLE_DBC, gi_dbc), "HY096");
}

int main(void)
{
    static const cu_case cases[] = {
        {"every info type, ANSI", test_every_type_ansi},
        {"every info type, W", test_every_type_wide},
        {"ANSI and W agree", test_ansi_w_agree},
        {"values", test_values},
        {"truncation 01004", test_truncation},
        {"unknown type HY096", test_unknown_type},
        {NULL, NULL},
    };
    int rc = cu_run_fixture("getinfo", gi_setup, gi_teardown, cases);

    printf("%zu info types checked\n", (size_t)GI_N);
    return rc;
}
