/* SPDX-License-Identifier: Apache-2.0 */
/* SQLGetInfo: every ODBC 3.8 info type is answered with the kind of value the specification
 * gives it (the list below is written from the specification, not from the table), the
 * answers agree with each other, and docs/getinfo.md matches the table.
 * `test_info --doc > docs/getinfo.md` regenerates the document. */
#include "driver/odbc/info_int.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "driver/sql/sqlrewrite.h"
#include "tests/cunit_main.h"

#ifndef RS_TOP_SRCDIR
#define RS_TOP_SRCDIR "."
#endif

#define S RS_INFO_STR
#define US RS_INFO_USMALLINT
#define UI RS_INFO_UINTEGER
#define UL RS_INFO_ULEN

typedef struct {
    SQLUSMALLINT id;
    rs_info_kind kind;
} spec_info;

/* The specification's SQLGetInfo list (ODBC 3.8), with each value's C type. */
static const spec_info spec[] = {
    {SQL_ACTIVE_ENVIRONMENTS, US}, {SQL_ASYNC_DBC_FUNCTIONS, UI}, {SQL_ASYNC_MODE, UI},
    {SQL_ASYNC_NOTIFICATION, UI}, {SQL_BATCH_ROW_COUNT, UI}, {SQL_BATCH_SUPPORT, UI},
    {SQL_DATA_SOURCE_NAME, S}, {SQL_DRIVER_AWARE_POOLING_SUPPORTED, UI},
    {SQL_DRIVER_HDBC, UL}, {SQL_DRIVER_HDESC, UL}, {SQL_DRIVER_HENV, UL}, {SQL_DRIVER_HLIB, UL},
    {SQL_DRIVER_HSTMT, UL}, {SQL_DRIVER_NAME, S}, {SQL_DRIVER_ODBC_VER, S}, {SQL_DRIVER_VER, S},
    {SQL_DYNAMIC_CURSOR_ATTRIBUTES1, UI}, {SQL_DYNAMIC_CURSOR_ATTRIBUTES2, UI},
    {SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1, UI}, {SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2, UI},
    {SQL_FILE_USAGE, US}, {SQL_GETDATA_EXTENSIONS, UI}, {SQL_INFO_SCHEMA_VIEWS, UI},
    {SQL_KEYSET_CURSOR_ATTRIBUTES1, UI}, {SQL_KEYSET_CURSOR_ATTRIBUTES2, UI},
    {SQL_MAX_ASYNC_CONCURRENT_STATEMENTS, UI}, {SQL_MAX_CONCURRENT_ACTIVITIES, US},
    {SQL_MAX_DRIVER_CONNECTIONS, US}, {SQL_ODBC_INTERFACE_CONFORMANCE, UI},
    {SQL_ODBC_VER, S}, {SQL_PARAM_ARRAY_ROW_COUNTS, UI}, {SQL_PARAM_ARRAY_SELECTS, UI},
    {SQL_ROW_UPDATES, S}, {SQL_SEARCH_PATTERN_ESCAPE, S}, {SQL_SERVER_NAME, S},
    {SQL_STATIC_CURSOR_ATTRIBUTES1, UI}, {SQL_STATIC_CURSOR_ATTRIBUTES2, UI},
    {SQL_DATABASE_NAME, S}, {SQL_DBMS_NAME, S}, {SQL_DBMS_VER, S},
    {SQL_ACCESSIBLE_PROCEDURES, S}, {SQL_ACCESSIBLE_TABLES, S}, {SQL_BOOKMARK_PERSISTENCE, UI},
    {SQL_CATALOG_TERM, S}, {SQL_COLLATION_SEQ, S}, {SQL_CONCAT_NULL_BEHAVIOR, US},
    {SQL_CURSOR_COMMIT_BEHAVIOR, US}, {SQL_CURSOR_ROLLBACK_BEHAVIOR, US},
    {SQL_CURSOR_SENSITIVITY, UI}, {SQL_DATA_SOURCE_READ_ONLY, S},
    {SQL_DEFAULT_TXN_ISOLATION, UI}, {SQL_DESCRIBE_PARAMETER, S}, {SQL_MULT_RESULT_SETS, S},
    {SQL_MULTIPLE_ACTIVE_TXN, S}, {SQL_NEED_LONG_DATA_LEN, S}, {SQL_NULL_COLLATION, US},
    {SQL_PROCEDURE_TERM, S}, {SQL_SCHEMA_TERM, S}, {SQL_SCROLL_OPTIONS, UI},
    {SQL_TABLE_TERM, S}, {SQL_TXN_CAPABLE, US}, {SQL_TXN_ISOLATION_OPTION, UI},
    {SQL_USER_NAME, S},
    {SQL_AGGREGATE_FUNCTIONS, UI}, {SQL_ALTER_DOMAIN, UI}, {SQL_ALTER_TABLE, UI},
    {SQL_DATETIME_LITERALS, UI}, {SQL_CATALOG_LOCATION, US}, {SQL_CATALOG_NAME, S},
    {SQL_CATALOG_NAME_SEPARATOR, S}, {SQL_CATALOG_USAGE, UI}, {SQL_COLUMN_ALIAS, S},
    {SQL_CORRELATION_NAME, US}, {SQL_CREATE_ASSERTION, UI}, {SQL_CREATE_CHARACTER_SET, UI},
    {SQL_CREATE_COLLATION, UI}, {SQL_CREATE_DOMAIN, UI}, {SQL_CREATE_SCHEMA, UI},
    {SQL_CREATE_TABLE, UI}, {SQL_CREATE_TRANSLATION, UI}, {SQL_CREATE_VIEW, UI},
    {SQL_DDL_INDEX, UI}, {SQL_DROP_ASSERTION, UI}, {SQL_DROP_CHARACTER_SET, UI},
    {SQL_DROP_COLLATION, UI}, {SQL_DROP_DOMAIN, UI}, {SQL_DROP_SCHEMA, UI},
    {SQL_DROP_TABLE, UI}, {SQL_DROP_TRANSLATION, UI}, {SQL_DROP_VIEW, UI},
    {SQL_EXPRESSIONS_IN_ORDERBY, S}, {SQL_GROUP_BY, US}, {SQL_IDENTIFIER_CASE, US},
    {SQL_IDENTIFIER_QUOTE_CHAR, S}, {SQL_INDEX_KEYWORDS, UI}, {SQL_INSERT_STATEMENT, UI},
    {SQL_INTEGRITY, S}, {SQL_KEYWORDS, S}, {SQL_LIKE_ESCAPE_CLAUSE, S},
    {SQL_NON_NULLABLE_COLUMNS, US}, {SQL_OJ_CAPABILITIES, UI},
    {SQL_ORDER_BY_COLUMNS_IN_SELECT, S}, {SQL_OUTER_JOINS, S}, {SQL_PROCEDURES, S},
    {SQL_QUOTED_IDENTIFIER_CASE, US}, {SQL_SCHEMA_USAGE, UI}, {SQL_SPECIAL_CHARACTERS, S},
    {SQL_SQL_CONFORMANCE, UI}, {SQL_SUBQUERIES, UI}, {SQL_UNION, UI},
    {SQL_MAX_BINARY_LITERAL_LEN, UI}, {SQL_MAX_CATALOG_NAME_LEN, US},
    {SQL_MAX_CHAR_LITERAL_LEN, UI}, {SQL_MAX_COLUMN_NAME_LEN, US},
    {SQL_MAX_COLUMNS_IN_GROUP_BY, US}, {SQL_MAX_COLUMNS_IN_INDEX, US},
    {SQL_MAX_COLUMNS_IN_ORDER_BY, US}, {SQL_MAX_COLUMNS_IN_SELECT, US},
    {SQL_MAX_COLUMNS_IN_TABLE, US}, {SQL_MAX_CURSOR_NAME_LEN, US},
    {SQL_MAX_IDENTIFIER_LEN, US}, {SQL_MAX_INDEX_SIZE, UI}, {SQL_MAX_PROCEDURE_NAME_LEN, US},
    {SQL_MAX_ROW_SIZE, UI}, {SQL_MAX_ROW_SIZE_INCLUDES_LONG, S},
    {SQL_MAX_SCHEMA_NAME_LEN, US}, {SQL_MAX_STATEMENT_LEN, UI}, {SQL_MAX_TABLE_NAME_LEN, US},
    {SQL_MAX_TABLES_IN_SELECT, US}, {SQL_MAX_USER_NAME_LEN, US},
    {SQL_CONVERT_FUNCTIONS, UI}, {SQL_NUMERIC_FUNCTIONS, UI}, {SQL_STRING_FUNCTIONS, UI},
    {SQL_SYSTEM_FUNCTIONS, UI}, {SQL_TIMEDATE_ADD_INTERVALS, UI},
    {SQL_TIMEDATE_DIFF_INTERVALS, UI}, {SQL_TIMEDATE_FUNCTIONS, UI},
    {SQL_CONVERT_BIGINT, UI}, {SQL_CONVERT_BINARY, UI}, {SQL_CONVERT_BIT, UI},
    {SQL_CONVERT_CHAR, UI}, {SQL_CONVERT_GUID, UI}, {SQL_CONVERT_DATE, UI},
    {SQL_CONVERT_DECIMAL, UI}, {SQL_CONVERT_DOUBLE, UI}, {SQL_CONVERT_FLOAT, UI},
    {SQL_CONVERT_INTEGER, UI}, {SQL_CONVERT_INTERVAL_YEAR_MONTH, UI},
    {SQL_CONVERT_INTERVAL_DAY_TIME, UI}, {SQL_CONVERT_LONGVARBINARY, UI},
    {SQL_CONVERT_LONGVARCHAR, UI}, {SQL_CONVERT_NUMERIC, UI}, {SQL_CONVERT_REAL, UI},
    {SQL_CONVERT_SMALLINT, UI}, {SQL_CONVERT_TIME, UI}, {SQL_CONVERT_TIMESTAMP, UI},
    {SQL_CONVERT_TINYINT, UI}, {SQL_CONVERT_VARBINARY, UI}, {SQL_CONVERT_VARCHAR, UI},
    {SQL_CONVERT_WCHAR, UI}, {SQL_CONVERT_WLONGVARCHAR, UI}, {SQL_CONVERT_WVARCHAR, UI},
    {SQL_SQL92_DATETIME_FUNCTIONS, UI}, {SQL_SQL92_FOREIGN_KEY_DELETE_RULE, UI},
    {SQL_SQL92_FOREIGN_KEY_UPDATE_RULE, UI}, {SQL_SQL92_GRANT, UI},
    {SQL_SQL92_NUMERIC_VALUE_FUNCTIONS, UI}, {SQL_SQL92_PREDICATES, UI},
    {SQL_SQL92_RELATIONAL_JOIN_OPERATORS, UI}, {SQL_SQL92_REVOKE, UI},
    {SQL_SQL92_ROW_VALUE_CONSTRUCTOR, UI}, {SQL_SQL92_STRING_FUNCTIONS, UI},
    {SQL_SQL92_VALUE_EXPRESSIONS, UI}, {SQL_STANDARD_CLI_CONFORMANCE, UI},
    {SQL_XOPEN_CLI_YEAR, S}, {SQL_DM_VER, S},
    /* Deprecated, still asked by ODBC 2 applications */
    {SQL_FETCH_DIRECTION, UI}, {SQL_LOCK_TYPES, UI}, {SQL_ODBC_API_CONFORMANCE, US},
    {SQL_ODBC_SQL_CONFORMANCE, US}, {SQL_ODBC_SAG_CLI_CONFORMANCE, US},
    {SQL_POS_OPERATIONS, UI}, {SQL_POSITIONED_STATEMENTS, UI}, {SQL_SCROLL_CONCURRENCY, UI},
    {SQL_STATIC_SENSITIVITY, UI},
    /* Asked by Power BI */
    {180 /* SQL_RETURN_ESCAPE_CLAUSE */, UI}, {1750 /* SQL_DTC_TRANSACTION_COST */, UI},
};
#define NSPEC (sizeof spec / sizeof spec[0])

static const rs_info_ctx ctx = {"MyDSN", "http://127.0.0.1:3030", "Rockset", "1.2.3",
                                "me@example.com", "commons", SQL_OV_ODBC3_80, 0};

static int elsewhere(SQLUSMALLINT id, rs_info_kind *kind)
{
    size_t n;
    const rs_info_elsewhere *e = rs_info_elsewhere_table(&n);

    for (size_t i = 0; i < n; i++)
        if (e[i].id == id) {
            *kind = e[i].kind;
            return 1;
        }
    return 0;
}

static void test_every_spec_type_answered(void)
{
    for (size_t i = 0; i < NSPEC; i++) {
        rs_info_value v;
        rs_info_kind k;
        int rc = rs_info_get(&ctx, spec[i].id, &v);

        if (elsewhere(spec[i].id, &k)) {
            CU_ASSERT_EQUAL(rc, -1);
            CU_ASSERT_EQUAL(k, spec[i].kind);
            continue;
        }
        if (rc != 0 || v.kind != spec[i].kind)
            fprintf(stderr, "info type %u: rc %d kind %d, spec kind %d\n", spec[i].id, rc,
                    rc == 0 ? (int)v.kind : -1, (int)spec[i].kind);
        CU_ASSERT_EQUAL(rc, 0);
        CU_ASSERT_EQUAL(v.kind, spec[i].kind);
        if (rc == 0 && v.kind == RS_INFO_STR)
            CU_ASSERT_PTR_NOT_NULL(v.str);
    }
}

/* The table holds nothing the spec lacks, and no info type twice. */
static void test_table_matches_spec(void)
{
    size_t n;
    const rs_info_entry *t = rs_info_table(&n);

    for (size_t i = 0; i < n; i++) {
        size_t j;

        for (j = 0; j < NSPEC && spec[j].id != t[i].id; j++)
            ;
        if (j == NSPEC)
            fprintf(stderr, "%s is not in the spec list\n", t[i].name);
        CU_ASSERT_TRUE(j < NSPEC);
        for (j = i + 1; j < n; j++)
            CU_ASSERT_NOT_EQUAL(t[i].id, t[j].id);
    }
}

static const char *str_of(SQLUSMALLINT id)
{
    rs_info_value v;

    return rs_info_get(&ctx, id, &v) == 0 && v.kind == RS_INFO_STR ? v.str : "<none>";
}

static unsigned long num_of(SQLUSMALLINT id)
{
    rs_info_value v;

    if (rs_info_get(&ctx, id, &v) != 0)
        return 0xdeadbeef;
    return v.kind == RS_INFO_USMALLINT ? v.us : v.ui;
}

static void test_values(void)
{
    rs_info_value v;

    CU_ASSERT_STRING_EQUAL(str_of(SQL_DRIVER_NAME), "librocksetodbc.so");
    CU_ASSERT_STRING_EQUAL(str_of(SQL_DRIVER_ODBC_VER), "03.80");
    CU_ASSERT_STRING_EQUAL(str_of(SQL_DRIVER_VER), "00.01.0000");
    CU_ASSERT_STRING_EQUAL(str_of(SQL_DBMS_NAME), "Rockset");
    CU_ASSERT_STRING_EQUAL(str_of(SQL_DBMS_VER), "1.2.3");
    CU_ASSERT_STRING_EQUAL(str_of(SQL_DATA_SOURCE_NAME), "MyDSN");
    CU_ASSERT_STRING_EQUAL(str_of(SQL_SERVER_NAME), "http://127.0.0.1:3030");
    CU_ASSERT_STRING_EQUAL(str_of(SQL_USER_NAME), "me@example.com");
    CU_ASSERT_STRING_EQUAL(str_of(SQL_IDENTIFIER_QUOTE_CHAR), "\"");
    CU_ASSERT_STRING_EQUAL(str_of(SQL_SEARCH_PATTERN_ESCAPE), "\\");
    CU_ASSERT_STRING_EQUAL(str_of(SQL_DATA_SOURCE_READ_ONLY), "N"); /* read-write unless SQL_MODE_READ_ONLY */
    CU_ASSERT_STRING_EQUAL(str_of(SQL_SCHEMA_TERM), "workspace");
    CU_ASSERT_STRING_EQUAL(str_of(SQL_TABLE_TERM), "collection");
    CU_ASSERT_STRING_EQUAL(str_of(SQL_PROCEDURE_TERM), "query lambda");
    CU_ASSERT_EQUAL(num_of(SQL_GETDATA_EXTENSIONS),
                    SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BOUND | SQL_GD_BLOCK);
    CU_ASSERT_EQUAL(num_of(SQL_TXN_CAPABLE), SQL_TC_NONE);
    CU_ASSERT_EQUAL(num_of(SQL_ASYNC_MODE), SQL_AM_NONE);
    CU_ASSERT_EQUAL(num_of(SQL_SCROLL_OPTIONS), SQL_SO_FORWARD_ONLY | SQL_SO_STATIC);
    CU_ASSERT_EQUAL(num_of(SQL_STRING_FUNCTIONS), rs_sql_fn_string_mask());
    CU_ASSERT_EQUAL(num_of(SQL_NUMERIC_FUNCTIONS), rs_sql_fn_numeric_mask());
    CU_ASSERT_EQUAL(num_of(SQL_TIMEDATE_FUNCTIONS), rs_sql_fn_timedate_mask());
    CU_ASSERT_EQUAL(num_of(SQL_SYSTEM_FUNCTIONS), rs_sql_fn_system_mask());
    CU_ASSERT_EQUAL(num_of(SQL_CONVERT_FUNCTIONS), rs_sql_fn_convert_mask());
    CU_ASSERT_EQUAL(rs_info_get(&ctx, 9999, &v), -1);
    /* no connection yet: the connection's strings are empty, never NULL */
    CU_ASSERT_EQUAL(rs_info_get(NULL, SQL_USER_NAME, &v), 0);
    CU_ASSERT_STRING_EQUAL(v.str, "");
    CU_ASSERT_EQUAL(rs_info_get(NULL, SQL_DBMS_NAME, &v), 0);
    CU_ASSERT_STRING_EQUAL(v.str, "Rockset");
}

/* No catalogs: every catalog answer must say so, or tools build three-part names. */
static void test_catalog_answers_agree(void)
{
    CU_ASSERT_STRING_EQUAL(str_of(SQL_CATALOG_NAME), "N");
    CU_ASSERT_STRING_EQUAL(str_of(SQL_CATALOG_TERM), "");
    CU_ASSERT_STRING_EQUAL(str_of(SQL_CATALOG_NAME_SEPARATOR), "");
    CU_ASSERT_STRING_EQUAL(str_of(SQL_DATABASE_NAME), "");
    CU_ASSERT_EQUAL(num_of(SQL_CATALOG_USAGE), 0);
    CU_ASSERT_EQUAL(num_of(SQL_CATALOG_LOCATION), 0);
    CU_ASSERT_EQUAL(num_of(SQL_MAX_CATALOG_NAME_LEN), 0);
    CU_ASSERT_NOT_EQUAL(num_of(SQL_SCHEMA_USAGE) & SQL_SU_DML_STATEMENTS, 0);
}

static void test_convert_consistency(void)
{
    int conv = (rs_sql_fn_convert_mask() & SQL_FN_CVT_CONVERT) != 0;
    unsigned long v = num_of(SQL_CONVERT_VARCHAR);

    CU_ASSERT_EQUAL(num_of(SQL_CONVERT_INTERVAL_DAY_TIME), 0);
    if (conv) {
        CU_ASSERT_NOT_EQUAL(v & SQL_CVT_BIGINT, 0);
        CU_ASSERT_NOT_EQUAL(v & SQL_CVT_TIMESTAMP, 0);
        CU_ASSERT_EQUAL(num_of(SQL_CONVERT_VARBINARY) & SQL_CVT_DATE, 0);
        CU_ASSERT_NOT_EQUAL(num_of(SQL_TIMEDATE_ADD_INTERVALS) == 0,
                            (rs_sql_fn_timedate_mask() & SQL_FN_TD_TIMESTAMPADD) != 0);
    } else {
        CU_ASSERT_EQUAL(v, 0);
    }
}

static const char *kind_name(rs_info_kind k)
{
    switch (k) {
    case RS_INFO_STR: return "string";
    case RS_INFO_USMALLINT: return "SQLUSMALLINT";
    case RS_INFO_UINTEGER: return "SQLUINTEGER";
    case RS_INFO_ULEN: return "SQLULEN";
    }
    return "?";
}

static const char *source_note(rs_info_source s)
{
    switch (s) {
    case RS_INFO_DSN: case RS_INFO_SERVER: case RS_INFO_DBMS_VER: case RS_INFO_USER:
        return "per connection";
    case RS_INFO_FIXED: case RS_INFO_DBMS_NAME: case RS_INFO_DRIVER_VER:
        return NULL;
    default:
        return "computed";
    }
}

static void doc_write(FILE *f)
{
    size_t n;
    const rs_info_entry *t = rs_info_table(&n);
    const rs_info_elsewhere *e;

    fputs("# SQLGetInfo answers\n\n"
          "<!-- Generated from driver/odbc/info_table.c by `tests/driver/odbc/test_info --doc`; the unit\n"
          "     test fails when this file and the table disagree. -->\n\n"
          "What librocksetodbc.so answers for every ODBC 3.8 info type. Bitmasks are shown in\n"
          "hexadecimal; \"per connection\" values come from the DSN, the server and the key.\n\n"
          "| Info type | Id | Kind | Value | Why |\n|---|---|---|---|---|\n", f);
    for (size_t i = 0; i < n; i++) {
        rs_info_value v;
        const char *note = source_note(t[i].source);

        rs_info_get(NULL, t[i].id, &v);
        fprintf(f, "| %s | %u | %s | ", t[i].name, t[i].id, kind_name(t[i].kind));
        if (note && t[i].kind == RS_INFO_STR)
            fprintf(f, "(%s)", note);
        else if (t[i].kind == RS_INFO_STR)
            fprintf(f, "`\"%s\"`", strcmp(v.str, "|") ? v.str : "\\|");
        else if (t[i].kind == RS_INFO_USMALLINT)
            fprintf(f, "%u", v.us);
        else
            fprintf(f, "0x%08lX", (unsigned long)v.ui);
        if (!t[i].why && t[i].kind == RS_INFO_STR)
            note = NULL; /* already in the value column */
        fprintf(f, " | %s |\n", t[i].why ? t[i].why : note ? note : "");
    }
    fputs("\nAnswered elsewhere (rs_info_get returns -1 for these):\n\n", f);
    e = rs_info_elsewhere_table(&n);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "- %s (%u, %s): %s\n", e[i].name, e[i].id, kind_name(e[i].kind), e[i].who);
}

static void test_doc_up_to_date(void)
{
    char *want = NULL, *have;
    size_t wlen = 0, hlen;
    FILE *m = open_memstream(&want, &wlen);
    FILE *f = fopen(RS_TOP_SRCDIR "/docs/getinfo.md", "rb");

    doc_write(m);
    fclose(m);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    have = malloc(wlen + 2);
    hlen = fread(have, 1, wlen + 1, f);
    fclose(f);
    CU_ASSERT_EQUAL(hlen, wlen);
    CU_ASSERT_TRUE(hlen == wlen && memcmp(have, want, wlen) == 0);
    free(have);
    free(want);
}

int main(int argc, char **argv)
{
    static const cu_case cases[] = {
        {"every spec info type, with its kind", test_every_spec_type_answered},
        {"table only holds spec info types, once", test_table_matches_spec},
        {"values", test_values},
        {"catalog answers agree", test_catalog_answers_agree},
        {"conversion answers", test_convert_consistency},
        {"docs/getinfo.md up to date", test_doc_up_to_date},
        {NULL, NULL},
    };

    if (argc > 1 && strcmp(argv[1], "--doc") == 0) {
        doc_write(stdout);
        return 0;
    }
    return cu_run("info", cases);
}
