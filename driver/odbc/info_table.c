/* SPDX-License-Identifier: Apache-2.0 */
/* Every ODBC 3.8 SQLGetInfo info type with its answer. The "why" texts end up in
 * docs/getinfo.md, so the reasoning behind each non-obvious answer lives next to it. */
#include "driver/odbc/info_int.h"

#define E_S(id, v, why) {id, #id, RS_INFO_STR, v, 0, RS_INFO_FIXED, why}
#define E_US(id, v, why) {id, #id, RS_INFO_USMALLINT, NULL, v, RS_INFO_FIXED, why}
#define E_UI(id, v, why) {id, #id, RS_INFO_UINTEGER, NULL, v, RS_INFO_FIXED, why}
#define D_S(id, src, why) {id, #id, RS_INFO_STR, NULL, 0, src, why}
#define D_UI(id, src, why) {id, #id, RS_INFO_UINTEGER, NULL, 0, src, why}
#define CVT(id, cls) {id, #id, RS_INFO_UINTEGER, NULL, cls, RS_INFO_CVT, NULL}

#define RS_NO_CAT "Rockset has no catalogs: workspaces are schemas (docs/catalog.md)"
#define RS_NO_DDL "no DDL: collections are created through the API, not SQL"
#define RS_NO_TXN "no transactions: every statement is autocommitted"
#define RS_NO_KD "no keyset-driven or dynamic cursors: a request for one gets a static cursor (01S02); a Rockset result is a snapshot"
#define RS_UNLIMITED "0: no fixed limit known"

static const rs_info_entry rs_info_entries[] = {
    /* Driver information */
    E_US(SQL_ACTIVE_ENVIRONMENTS, 0, RS_UNLIMITED),
    E_UI(SQL_ASYNC_DBC_FUNCTIONS, SQL_ASYNC_DBC_NOT_CAPABLE, NULL),
    E_UI(SQL_ASYNC_MODE, SQL_AM_NONE, "statements run synchronously (SQLCancel still works)"),
    E_UI(SQL_ASYNC_NOTIFICATION, SQL_ASYNC_NOTIFICATION_NOT_CAPABLE, NULL),
    E_UI(SQL_BATCH_ROW_COUNT, 0, "no batches of statements; a parameter array's writes have "
         "one row count (SQL_PARC_NO_BATCH)"),
    E_UI(SQL_BATCH_SUPPORT, 0, "one statement per execution (a parameter array of INSERT ... "
         "VALUES is one execution, sent in batches of documents)"),
    D_S(SQL_DATA_SOURCE_NAME, RS_INFO_DSN, "the DSN, empty without one"),
    E_UI(SQL_DRIVER_AWARE_POOLING_SUPPORTED, SQL_DRIVER_AWARE_POOLING_NOT_CAPABLE, NULL),
    E_S(SQL_DRIVER_NAME, "librocksetodbc.so", NULL),
    E_S(SQL_DRIVER_ODBC_VER, "03.80", NULL),
    D_S(SQL_DRIVER_VER, RS_INFO_DRIVER_VER, "PACKAGE_VERSION as ##.##.####"),
    E_UI(SQL_DYNAMIC_CURSOR_ATTRIBUTES1, 0, RS_NO_KD),
    E_UI(SQL_DYNAMIC_CURSOR_ATTRIBUTES2, 0, RS_NO_KD),
    E_UI(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1, SQL_CA1_NEXT, NULL),
    E_UI(SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2, SQL_CA2_READ_ONLY_CONCURRENCY |
                                                  SQL_CA2_MAX_ROWS_SELECT |
                                                  SQL_CA2_MAX_ROWS_CATALOG,
         "SQL_ATTR_MAX_ROWS applies to queries and catalog results"),
    E_US(SQL_FILE_USAGE, SQL_FILE_NOT_SUPPORTED, NULL),
    E_UI(SQL_GETDATA_EXTENSIONS, SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BOUND |
                                     SQL_GD_BLOCK,
         "SQL_GD_BLOCK: any row of a static cursor's rowset after SQLSetPos; a forward-only cursor holds only the last page it read, and a row of the block on an earlier page answers HY109"),
    E_UI(SQL_INFO_SCHEMA_VIEWS, 0, "Rockset has no information_schema"),
    E_UI(SQL_KEYSET_CURSOR_ATTRIBUTES1, 0, RS_NO_KD),
    E_UI(SQL_KEYSET_CURSOR_ATTRIBUTES2, 0, RS_NO_KD),
    E_UI(SQL_MAX_ASYNC_CONCURRENT_STATEMENTS, 0, "no asynchronous execution"),
    E_US(SQL_MAX_CONCURRENT_ACTIVITIES, 0, "each statement is its own query: no limit"),
    E_US(SQL_MAX_DRIVER_CONNECTIONS, 0, RS_UNLIMITED),
    E_UI(SQL_ODBC_INTERFACE_CONFORMANCE, SQL_OIC_CORE,
         "Level 1 also needs asynchronous execution"),
    E_S(SQL_ODBC_VER, "03.80", "normally answered by the driver manager"),
    E_UI(SQL_PARAM_ARRAY_ROW_COUNTS, SQL_PARC_NO_BATCH,
         "one cumulative count for the whole parameter array"),
    E_UI(SQL_PARAM_ARRAY_SELECTS, SQL_PAS_NO_BATCH,
         "a query runs once per parameter set; the result set is the last set's"),
    E_S(SQL_ROW_UPDATES, "N", NULL),
    E_S(SQL_SEARCH_PATTERN_ESCAPE, "\\", NULL),
    D_S(SQL_SERVER_NAME, RS_INFO_SERVER, "the Server URL"),
    E_UI(SQL_STATIC_CURSOR_ATTRIBUTES1, SQL_CA1_NEXT | SQL_CA1_ABSOLUTE | SQL_CA1_RELATIVE |
                                            SQL_CA1_BOOKMARK | SQL_CA1_LOCK_NO_CHANGE |
                                            SQL_CA1_POS_POSITION | SQL_CA1_POS_REFRESH |
                                            SQL_CA1_POS_UPDATE | SQL_CA1_POS_DELETE |
                                            SQL_CA1_BULK_ADD |
                                            SQL_CA1_BULK_UPDATE_BY_BOOKMARK |
                                            SQL_CA1_BULK_DELETE_BY_BOOKMARK |
                                            SQL_CA1_BULK_FETCH_BY_BOOKMARK,
         "SQLSetPos and SQLBulkOperations write to the result's one collection by _id, with "
         "SQL_CONCUR_VALUES; no locks, no positioned UPDATE/DELETE statements"),
    /* SENSITIVITY_DELETIONS: the cursor makes no deletions of its own and never shows a
     * deleted row (no SQL_ROW_DELETED "hole"); CRC_EXACT: SQL_DIAG_CURSOR_ROW_COUNT is the
     * exact count. LibreOffice scrolls with SQLFetchScroll only when both are set. */
    E_UI(SQL_STATIC_CURSOR_ATTRIBUTES2, SQL_CA2_READ_ONLY_CONCURRENCY |
                                            SQL_CA2_OPT_VALUES_CONCURRENCY |
                                            SQL_CA2_SENSITIVITY_DELETIONS |
                                            SQL_CA2_MAX_ROWS_SELECT |
                                            SQL_CA2_MAX_ROWS_CATALOG | SQL_CA2_CRC_EXACT,
         "SQLRowCount and SQL_DIAG_CURSOR_ROW_COUNT are exact (results_total_doc_count, or "
         "counted on the server); no deleted-row holes; SQL_CONCUR_VALUES does not compare "
         "the values (the last write wins)"),
    E_UI(SQL_STANDARD_CLI_CONFORMANCE, SQL_SCC_XOPEN_CLI_VERSION1, NULL),
    /* DBMS product information */
    E_S(SQL_DATABASE_NAME, "", RS_NO_CAT),
    D_S(SQL_DBMS_NAME, RS_INFO_DBMS_NAME, "Rockset"),
    D_S(SQL_DBMS_VER, RS_INFO_DBMS_VER, "##.##.#### then the server's own name for its version (rockset-local: its Server header); 01.00.0000 when it names none"),
    /* Data source information */
    E_S(SQL_ACCESSIBLE_PROCEDURES, "N", "listings may include lambdas the key cannot run"),
    E_S(SQL_ACCESSIBLE_TABLES, "N", "listings may include collections the key cannot read"),
    E_UI(SQL_BOOKMARK_PERSISTENCE, SQL_BP_SCROLL,
         "a bookmark is a row number of the result: valid while its cursor is open"),
    E_S(SQL_CATALOG_TERM, "", RS_NO_CAT),
    E_S(SQL_COLLATION_SEQ, "", "Rockset compares strings by code point; no named collation"),
    E_US(SQL_CONCAT_NULL_BEHAVIOR, SQL_CB_NULL, NULL),
    E_US(SQL_CURSOR_COMMIT_BEHAVIOR, SQL_CB_PRESERVE, RS_NO_TXN),
    E_US(SQL_CURSOR_ROLLBACK_BEHAVIOR, SQL_CB_PRESERVE, RS_NO_TXN),
    E_UI(SQL_CURSOR_SENSITIVITY, SQL_INSENSITIVE, "a result is a snapshot of the query"),
    D_S(SQL_DATA_SOURCE_READ_ONLY, RS_INFO_READ_ONLY,
        "\"N\": the driver writes documents (INSERT ... VALUES, UPDATE, DELETE; "
        "docs/odbc-functions.md, Writes); \"Y\" with SQL_MODE_READ_ONLY or ReadOnly=1"),
    E_UI(SQL_DEFAULT_TXN_ISOLATION, 0, RS_NO_TXN),
    E_S(SQL_DESCRIBE_PARAMETER, "N", "parameters are untyped until bound"),
    E_S(SQL_MULT_RESULT_SETS, "N", NULL),
    E_S(SQL_MULTIPLE_ACTIVE_TXN, "N", RS_NO_TXN),
    E_S(SQL_NEED_LONG_DATA_LEN, "N", NULL),
    E_US(SQL_NULL_COLLATION, SQL_NC_LOW, "null and undefined sort before all values"),
    E_S(SQL_PROCEDURE_TERM, "query lambda", NULL),
    E_S(SQL_SCHEMA_TERM, "workspace", NULL),
    E_UI(SQL_SCROLL_OPTIONS, SQL_SO_FORWARD_ONLY | SQL_SO_STATIC,
         "static cursors read windows of the server's stored result, never the whole result"),
    E_S(SQL_TABLE_TERM, "collection", NULL),
    E_US(SQL_TXN_CAPABLE, SQL_TC_NONE, RS_NO_TXN),
    E_UI(SQL_TXN_ISOLATION_OPTION, 0, RS_NO_TXN),
    D_S(SQL_USER_NAME, RS_INFO_USER, "the API key's user (email), empty when unknown"),
    /* Supported SQL */
    E_UI(SQL_AGGREGATE_FUNCTIONS, SQL_AF_ALL | SQL_AF_AVG | SQL_AF_COUNT | SQL_AF_DISTINCT |
                                      SQL_AF_MAX | SQL_AF_MIN | SQL_AF_SUM, NULL),
    E_UI(SQL_ALTER_DOMAIN, 0, RS_NO_DDL),
    E_UI(SQL_ALTER_TABLE, 0, RS_NO_DDL),
    E_US(SQL_CATALOG_LOCATION, 0, RS_NO_CAT),
    E_S(SQL_CATALOG_NAME, "N", RS_NO_CAT),
    E_S(SQL_CATALOG_NAME_SEPARATOR, "", RS_NO_CAT),
    E_UI(SQL_CATALOG_USAGE, 0, RS_NO_CAT),
    E_S(SQL_COLUMN_ALIAS, "Y", NULL),
    E_US(SQL_CORRELATION_NAME, SQL_CN_ANY, NULL),
    E_UI(SQL_CREATE_ASSERTION, 0, RS_NO_DDL),
    E_UI(SQL_CREATE_CHARACTER_SET, 0, RS_NO_DDL),
    E_UI(SQL_CREATE_COLLATION, 0, RS_NO_DDL),
    E_UI(SQL_CREATE_DOMAIN, 0, RS_NO_DDL),
    E_UI(SQL_CREATE_SCHEMA, 0, RS_NO_DDL),
    E_UI(SQL_CREATE_TABLE, SQL_CT_CREATE_TABLE,
         "creates a collection; the column list is only a hint (Rockset is schemaless)"),
    E_UI(SQL_CREATE_TRANSLATION, 0, RS_NO_DDL),
    E_UI(SQL_CREATE_VIEW, 0, RS_NO_DDL),
    E_UI(SQL_DDL_INDEX, 0, "no indexes to create: Rockset indexes every field"),
    E_UI(SQL_DROP_ASSERTION, 0, RS_NO_DDL),
    E_UI(SQL_DROP_CHARACTER_SET, 0, RS_NO_DDL),
    E_UI(SQL_DROP_COLLATION, 0, RS_NO_DDL),
    E_UI(SQL_DROP_DOMAIN, 0, RS_NO_DDL),
    E_UI(SQL_DROP_SCHEMA, 0, RS_NO_DDL),
    E_UI(SQL_DROP_TABLE, SQL_DT_DROP_TABLE, "deletes a collection (DROP TABLE [IF EXISTS])"),
    E_UI(SQL_DROP_TRANSLATION, 0, RS_NO_DDL),
    E_UI(SQL_DROP_VIEW, 0, RS_NO_DDL),
    E_UI(SQL_DATETIME_LITERALS, SQL_DL_SQL92_DATE | SQL_DL_SQL92_TIME | SQL_DL_SQL92_TIMESTAMP,
         NULL),
    E_S(SQL_EXPRESSIONS_IN_ORDERBY, "Y", NULL),
    E_US(SQL_GROUP_BY, SQL_GB_GROUP_BY_CONTAINS_SELECT, NULL),
    E_US(SQL_IDENTIFIER_CASE, SQL_IC_SENSITIVE, "field and collection names are case-sensitive"),
    E_S(SQL_IDENTIFIER_QUOTE_CHAR, "\"", NULL),
    E_UI(SQL_INDEX_KEYWORDS, SQL_IK_NONE, RS_NO_DDL),
    E_UI(SQL_INSERT_STATEMENT, SQL_IS_INSERT_LITERALS | SQL_IS_INSERT_SEARCHED | SQL_IS_SELECT_INTO,
         "INSERT ... VALUES (the documents API) and INSERT INTO ws.coll SELECT ... (a query)"),
    E_S(SQL_INTEGRITY, "N", NULL),
    E_S(SQL_KEYWORDS, "ARRAY,EXPLAIN,LATERAL,LIMIT,OFFSET,UNNEST",
        "Rockset reserved words missing from the ODBC list"),
    E_S(SQL_LIKE_ESCAPE_CLAUSE, "Y", "LIKE ... ESCAPE; {escape '\\'} is translated to it"),
    E_US(SQL_NON_NULLABLE_COLUMNS, SQL_NNC_NULL, RS_NO_DDL),
    E_UI(SQL_OJ_CAPABILITIES, SQL_OJ_LEFT | SQL_OJ_RIGHT | SQL_OJ_FULL | SQL_OJ_NESTED |
                                  SQL_OJ_NOT_ORDERED | SQL_OJ_INNER | SQL_OJ_ALL_COMPARISON_OPS,
         NULL),
    E_S(SQL_ORDER_BY_COLUMNS_IN_SELECT, "N", NULL),
    E_S(SQL_OUTER_JOINS, "Y", NULL),
    E_S(SQL_PROCEDURES, "Y", "Query Lambdas, run with CALL (docs/catalog.md)"),
    E_US(SQL_QUOTED_IDENTIFIER_CASE, SQL_IC_SENSITIVE, NULL),
    E_UI(SQL_SCHEMA_USAGE, SQL_SU_DML_STATEMENTS | SQL_SU_PROCEDURE_INVOCATION,
         "\"ws\".\"coll\" in queries, CALL ws.lambda(...)"),
    E_S(SQL_SPECIAL_CHARACTERS, "-", "collection names may contain dashes"),
    E_UI(SQL_SQL_CONFORMANCE, SQL_SC_SQL92_ENTRY,
         "the lowest level there is; Rockset lacks entry-level DDL and transactions"),
    E_UI(SQL_SUBQUERIES, SQL_SQ_COMPARISON | SQL_SQ_EXISTS | SQL_SQ_IN | SQL_SQ_QUANTIFIED, NULL),
    E_UI(SQL_UNION, SQL_U_UNION | SQL_U_UNION_ALL, NULL),
    /* SQL limits */
    E_UI(SQL_MAX_BINARY_LITERAL_LEN, 0, RS_UNLIMITED),
    E_US(SQL_MAX_CATALOG_NAME_LEN, 0, RS_NO_CAT),
    E_UI(SQL_MAX_CHAR_LITERAL_LEN, 0, RS_UNLIMITED),
    E_US(SQL_MAX_COLUMN_NAME_LEN, 0, RS_UNLIMITED),
    E_US(SQL_MAX_COLUMNS_IN_GROUP_BY, 0, RS_UNLIMITED),
    E_US(SQL_MAX_COLUMNS_IN_INDEX, 0, RS_NO_DDL),
    E_US(SQL_MAX_COLUMNS_IN_ORDER_BY, 0, RS_UNLIMITED),
    E_US(SQL_MAX_COLUMNS_IN_SELECT, 0, RS_UNLIMITED),
    E_US(SQL_MAX_COLUMNS_IN_TABLE, 0, "collections are schemaless"),
    E_US(SQL_MAX_CURSOR_NAME_LEN, 0, "no named cursors in Rockset SQL"),
    E_US(SQL_MAX_IDENTIFIER_LEN, 0, RS_UNLIMITED),
    E_UI(SQL_MAX_INDEX_SIZE, 0, RS_NO_DDL),
    E_US(SQL_MAX_PROCEDURE_NAME_LEN, 0, RS_UNLIMITED),
    E_UI(SQL_MAX_ROW_SIZE, 0, RS_UNLIMITED),
    E_S(SQL_MAX_ROW_SIZE_INCLUDES_LONG, "N", NULL),
    E_US(SQL_MAX_SCHEMA_NAME_LEN, 0, RS_UNLIMITED),
    E_UI(SQL_MAX_STATEMENT_LEN, 0, RS_UNLIMITED),
    E_US(SQL_MAX_TABLE_NAME_LEN, 0, RS_UNLIMITED),
    E_US(SQL_MAX_TABLES_IN_SELECT, 0, RS_UNLIMITED),
    E_US(SQL_MAX_USER_NAME_LEN, 0, RS_UNLIMITED),
    /* Scalar function information: what the escape translator supports */
    D_UI(SQL_CONVERT_FUNCTIONS, RS_INFO_FN_CONVERT, "from driver/sql/sqlescape.c"),
    D_UI(SQL_NUMERIC_FUNCTIONS, RS_INFO_FN_NUMERIC, "from driver/sql/sqlescape.c"),
    D_UI(SQL_STRING_FUNCTIONS, RS_INFO_FN_STRING, "from driver/sql/sqlescape.c"),
    D_UI(SQL_SYSTEM_FUNCTIONS, RS_INFO_FN_SYSTEM, "from driver/sql/sqlescape.c"),
    D_UI(SQL_TIMEDATE_ADD_INTERVALS, RS_INFO_TSI_ADD, "SECOND to YEAR when TIMESTAMPADD is"),
    D_UI(SQL_TIMEDATE_DIFF_INTERVALS, RS_INFO_TSI_DIFF, "SECOND to YEAR when TIMESTAMPDIFF is"),
    D_UI(SQL_TIMEDATE_FUNCTIONS, RS_INFO_FN_TIMEDATE, "from driver/sql/sqlescape.c"),
    /* Conversion information ({fn CONVERT} becomes CAST) */
    CVT(SQL_CONVERT_BIGINT, SQL_CVT_BIGINT),
    CVT(SQL_CONVERT_BINARY, SQL_CVT_BINARY),
    CVT(SQL_CONVERT_BIT, SQL_CVT_BIT),
    CVT(SQL_CONVERT_CHAR, SQL_CVT_CHAR),
    CVT(SQL_CONVERT_DATE, SQL_CVT_DATE),
    CVT(SQL_CONVERT_DECIMAL, SQL_CVT_DECIMAL),
    CVT(SQL_CONVERT_DOUBLE, SQL_CVT_DOUBLE),
    CVT(SQL_CONVERT_FLOAT, SQL_CVT_FLOAT),
    CVT(SQL_CONVERT_GUID, SQL_CVT_GUID),
    CVT(SQL_CONVERT_INTEGER, SQL_CVT_INTEGER),
    CVT(SQL_CONVERT_INTERVAL_DAY_TIME, SQL_CVT_INTERVAL_DAY_TIME),
    CVT(SQL_CONVERT_INTERVAL_YEAR_MONTH, SQL_CVT_INTERVAL_YEAR_MONTH),
    CVT(SQL_CONVERT_LONGVARBINARY, SQL_CVT_LONGVARBINARY),
    CVT(SQL_CONVERT_LONGVARCHAR, SQL_CVT_LONGVARCHAR),
    CVT(SQL_CONVERT_NUMERIC, SQL_CVT_NUMERIC),
    CVT(SQL_CONVERT_REAL, SQL_CVT_REAL),
    CVT(SQL_CONVERT_SMALLINT, SQL_CVT_SMALLINT),
    CVT(SQL_CONVERT_TIME, SQL_CVT_TIME),
    CVT(SQL_CONVERT_TIMESTAMP, SQL_CVT_TIMESTAMP),
    CVT(SQL_CONVERT_TINYINT, SQL_CVT_TINYINT),
    CVT(SQL_CONVERT_VARBINARY, SQL_CVT_VARBINARY),
    CVT(SQL_CONVERT_VARCHAR, SQL_CVT_VARCHAR),
    CVT(SQL_CONVERT_WCHAR, SQL_CVT_WCHAR),
    CVT(SQL_CONVERT_WLONGVARCHAR, SQL_CVT_WLONGVARCHAR),
    CVT(SQL_CONVERT_WVARCHAR, SQL_CVT_WVARCHAR),
    /* SQL-92 features */
    E_UI(SQL_SQL92_DATETIME_FUNCTIONS, 0, "Rockset spells them CURRENT_DATE() (with parentheses)"),
    E_UI(SQL_SQL92_FOREIGN_KEY_DELETE_RULE, 0, "no foreign keys"),
    E_UI(SQL_SQL92_FOREIGN_KEY_UPDATE_RULE, 0, "no foreign keys"),
    E_UI(SQL_SQL92_GRANT, 0, "no GRANT"),
    E_UI(SQL_SQL92_NUMERIC_VALUE_FUNCTIONS, SQL_SNVF_EXTRACT, NULL),
    E_UI(SQL_SQL92_PREDICATES, SQL_SP_BETWEEN | SQL_SP_COMPARISON | SQL_SP_EXISTS | SQL_SP_IN |
                                   SQL_SP_ISNOTNULL | SQL_SP_ISNULL | SQL_SP_LIKE, NULL),
    E_UI(SQL_SQL92_RELATIONAL_JOIN_OPERATORS,
         SQL_SRJO_CROSS_JOIN | SQL_SRJO_INNER_JOIN | SQL_SRJO_LEFT_OUTER_JOIN |
             SQL_SRJO_RIGHT_OUTER_JOIN | SQL_SRJO_FULL_OUTER_JOIN, NULL),
    E_UI(SQL_SQL92_REVOKE, 0, "no REVOKE"),
    E_UI(SQL_SQL92_ROW_VALUE_CONSTRUCTOR, SQL_SRVC_NULL,
         "INSERT ... VALUES rows hold literals, markers and NULL, no expressions"),
    E_UI(SQL_SQL92_STRING_FUNCTIONS, SQL_SSF_LOWER | SQL_SSF_UPPER, NULL),
    E_UI(SQL_SQL92_VALUE_EXPRESSIONS, SQL_SVE_CASE | SQL_SVE_CAST | SQL_SVE_COALESCE |
                                          SQL_SVE_NULLIF, NULL),
    E_S(SQL_XOPEN_CLI_YEAR, "1995", NULL),
    /* Asked by Power BI; absent from unixODBC's headers */
    E_UI(SQL_RETURN_ESCAPE_CLAUSE, SQL_RC_NONE, "no {? = call ...} return values"),
    E_UI(SQL_DTC_TRANSACTION_COST, 0, "no distributed transactions"),
    /* Deprecated ODBC 2 info types still asked by old applications */
    E_UI(SQL_FETCH_DIRECTION, SQL_FD_FETCH_NEXT | SQL_FD_FETCH_FIRST | SQL_FD_FETCH_LAST |
                                  SQL_FD_FETCH_PRIOR | SQL_FD_FETCH_ABSOLUTE |
                                  SQL_FD_FETCH_RELATIVE | SQL_FD_FETCH_BOOKMARK,
         "all but NEXT need a static cursor"),
    E_US(SQL_ODBC_API_CONFORMANCE, SQL_OAC_LEVEL1, NULL),
    E_US(SQL_ODBC_SAG_CLI_CONFORMANCE, SQL_OSCC_COMPLIANT, NULL),
    E_US(SQL_ODBC_SQL_CONFORMANCE, SQL_OSC_MINIMUM, "no DDL, so not even Core"),
    E_UI(SQL_LOCK_TYPES, SQL_LCK_NO_CHANGE, "a result is a read-only snapshot: nothing to lock"),
    E_UI(SQL_POS_OPERATIONS, SQL_POS_POSITION | SQL_POS_REFRESH | SQL_POS_UPDATE |
                                 SQL_POS_DELETE | SQL_POS_ADD,
         "writes need SQL_CONCUR_VALUES, a static cursor over one collection, and _id"),
    E_UI(SQL_POSITIONED_STATEMENTS, 0, "no positioned UPDATE/DELETE"),
    E_UI(SQL_SCROLL_CONCURRENCY, SQL_SCCO_READ_ONLY | SQL_SCCO_OPT_VALUES,
         "SQL_CONCUR_VALUES without the comparison: the last write wins"),
    E_UI(SQL_STATIC_SENSITIVITY, 0, NULL),
};

const rs_info_entry *rs_info_table(size_t *count)
{
    *count = sizeof rs_info_entries / sizeof rs_info_entries[0];
    return rs_info_entries;
}

#define ELSEWHERE(id, kind, who) {id, #id, kind, who}

static const rs_info_elsewhere rs_info_elsewhere_entries[] = {
    ELSEWHERE(SQL_DRIVER_HDBC, RS_INFO_ULEN, "ODBC layer (the connection handle)"),
    ELSEWHERE(SQL_DRIVER_HENV, RS_INFO_ULEN, "ODBC layer (the environment handle)"),
    ELSEWHERE(SQL_DRIVER_HSTMT, RS_INFO_ULEN, "ODBC layer (the statement handle given)"),
    ELSEWHERE(SQL_DRIVER_HDESC, RS_INFO_ULEN, "ODBC layer (the descriptor handle given)"),
    ELSEWHERE(SQL_DRIVER_HLIB, RS_INFO_ULEN, "driver manager"),
    ELSEWHERE(SQL_DM_VER, RS_INFO_STR, "driver manager"),
};

const rs_info_elsewhere *rs_info_elsewhere_table(size_t *count)
{
    *count = sizeof rs_info_elsewhere_entries / sizeof rs_info_elsewhere_entries[0];
    return rs_info_elsewhere_entries;
}
