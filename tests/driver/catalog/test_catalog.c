/* SPDX-License-Identifier: Apache-2.0 */
/* Catalog result sets without a server: the shapes (column names, order, count) the spec
 * gives each function, the enumerations of SQLTables, and the JSON-to-rows steps fed with
 * canned answers shaped like the API's. tests/driver/catalog/test_catalog_server.c covers the calls
 * that need rockset-local. */
#include "driver/catalog/catalog_int.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test_catalog_util.h"
#include "tests/cunit_main.h"

static rs_catalog_ctx cx = {
    .default_workspace = "commons", .lambda_tag = "latest", .max_varchar = 8000, .odbc_version = SQL_OV_ODBC3};

static void check_cols(rs_rowsource *rs, const char *want)
{
    char *got;

    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    got = tc_colnames(rs);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "\ncolumns: %s\nwanted:  %s\n", got, want);
    CU_ASSERT_STRING_EQUAL(got, want);
    free(got);
}

static size_t count_rows(rs_rowsource *rs, char **text)
{
    size_t n;
    char *t = tc_rows(rs, &n);

    if (text)
        *text = t;
    else
        free(t);
    return n;
}

#define TABLES_COLS "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,TABLE_TYPE,REMARKS"

static void test_tables_enumerations(void)
{
    rs_rowsource *rs = NULL;
    rs_error err;
    char *rows;

    rs_error_clear(&err);
    /* SQL_ALL_CATALOGS: Rockset has none */
    CU_ASSERT_EQUAL(rs_catalog_tables(&cx, "%", "", "", NULL, &rs, &err), 0);
    check_cols(rs, TABLES_COLS);
    CU_ASSERT_EQUAL(count_rows(rs, NULL), 0);
    rs_rowsource_close(rs);
    /* SQL_ALL_TABLE_TYPES */
    CU_ASSERT_EQUAL(rs_catalog_tables(&cx, "", "", "", "%", &rs, &err), 0);
    check_cols(rs, TABLES_COLS);
    CU_ASSERT_EQUAL(count_rows(rs, &rows), 1);
    CU_ASSERT_STRING_EQUAL(rows, "NULL|NULL|NULL|TABLE|NULL\n");
    free(rows);
    rs_rowsource_close(rs);
    /* views only: nothing, and no server needed to know it */
    CU_ASSERT_EQUAL(rs_catalog_tables(&cx, NULL, NULL, NULL, "'VIEW', 'SYSTEM TABLE'", &rs,
                                      &err), 0);
    CU_ASSERT_EQUAL(count_rows(rs, NULL), 0);
    rs_rowsource_close(rs);
    /* a catalog name: HYC00 */
    CU_ASSERT_EQUAL(rs_catalog_tables(&cx, "rockset", NULL, "%", NULL, &rs, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_UNSUPPORTED);
    CU_ASSERT_PTR_NULL(rs);
}

static void test_shapes_without_server(void)
{
    rs_rowsource *rs = NULL;
    rs_error err;

    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_catalog_primary_keys(&cx, NULL, "commons", "", &rs, &err), 0);
    check_cols(rs, "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,COLUMN_NAME,KEY_SEQ,PK_NAME");
    rs_rowsource_close(rs);
    CU_ASSERT_EQUAL(rs_catalog_statistics(&cx, NULL, NULL, "", SQL_INDEX_ALL, SQL_QUICK, &rs,
                                          &err), 0);
    check_cols(rs, "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,NON_UNIQUE,INDEX_QUALIFIER,INDEX_NAME,"
                   "TYPE,ORDINAL_POSITION,COLUMN_NAME,ASC_OR_DESC,CARDINALITY,PAGES,"
                   "FILTER_CONDITION");
    rs_rowsource_close(rs);
    CU_ASSERT_EQUAL(rs_catalog_special_columns(&cx, SQL_BEST_ROWID, NULL, NULL, "",
                                               SQL_SCOPE_SESSION, SQL_NULLABLE, &rs, &err), 0);
    check_cols(rs, "SCOPE,COLUMN_NAME,DATA_TYPE,TYPE_NAME,COLUMN_SIZE,BUFFER_LENGTH,"
                   "DECIMAL_DIGITS,PSEUDO_COLUMN");
    rs_rowsource_close(rs);
    CU_ASSERT_EQUAL(rs_catalog_foreign_keys(&cx, NULL, "commons", "a", NULL, NULL, NULL, &rs,
                                            &err), 0);
    check_cols(rs, "PKTABLE_CAT,PKTABLE_SCHEM,PKTABLE_NAME,PKCOLUMN_NAME,FKTABLE_CAT,"
                   "FKTABLE_SCHEM,FKTABLE_NAME,FKCOLUMN_NAME,KEY_SEQ,UPDATE_RULE,DELETE_RULE,"
                   "FK_NAME,PK_NAME,DEFERRABILITY");
    CU_ASSERT_EQUAL(count_rows(rs, NULL), 0);
    rs_rowsource_close(rs);
    CU_ASSERT_EQUAL(rs_catalog_table_privileges(&cx, NULL, "%", "%", &rs, &err), 0);
    check_cols(rs, "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,GRANTOR,GRANTEE,PRIVILEGE,IS_GRANTABLE");
    CU_ASSERT_EQUAL(count_rows(rs, NULL), 0);
    rs_rowsource_close(rs);
    CU_ASSERT_EQUAL(rs_catalog_column_privileges(&cx, NULL, "commons", "a", "%", &rs, &err), 0);
    check_cols(rs, "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,COLUMN_NAME,GRANTOR,GRANTEE,PRIVILEGE,"
                   "IS_GRANTABLE");
    rs_rowsource_close(rs);
    rs = rs_cat_source(&cx, rs_cat_columns_cols, 18, &err);
    check_cols(rs, "TABLE_CAT,TABLE_SCHEM,TABLE_NAME,COLUMN_NAME,DATA_TYPE,TYPE_NAME,"
                   "COLUMN_SIZE,BUFFER_LENGTH,DECIMAL_DIGITS,NUM_PREC_RADIX,NULLABLE,REMARKS,"
                   "COLUMN_DEF,SQL_DATA_TYPE,SQL_DATETIME_SUB,CHAR_OCTET_LENGTH,"
                   "ORDINAL_POSITION,IS_NULLABLE");
    /* declared SQL types: SMALLINT / INTEGER / (W)VARCHAR as the spec gives them */
    CU_ASSERT_EQUAL(rs->cols[4].sql_type, SQL_SMALLINT);
    CU_ASSERT_EQUAL(rs->cols[4].nullable, SQL_NO_NULLS);
    CU_ASSERT_EQUAL(rs->cols[6].sql_type, SQL_INTEGER);
    CU_ASSERT_EQUAL(rs->cols[3].sql_type, SQL_VARCHAR);
    CU_ASSERT_EQUAL(rs->cols[11].nullable, SQL_NULLABLE);
    rs_rowsource_close(rs);
    cx.wide = 1;
    rs = rs_cat_source(&cx, rs_cat_columns_cols, 18, &err);
    CU_ASSERT_EQUAL(rs->cols[3].sql_type, SQL_WVARCHAR);
    rs_rowsource_close(rs);
    cx.wide = 0;
    /* bad identifier type */
    CU_ASSERT_EQUAL(rs_catalog_special_columns(&cx, 99, NULL, NULL, "t", SQL_SCOPE_SESSION,
                                               SQL_NULLABLE, &rs, &err), -1);
}

static const char *collections_json =
    "[{\"name\":\"zeta\",\"workspace\":\"sales\",\"description\":\"z\",\"status\":\"READY\","
    "\"stats\":{\"doc_count\":42}},"
    "{\"name\":\"orders\",\"workspace\":\"sales\",\"status\":\"READY\"},"
    "{\"name\":\"sample\",\"workspace\":\"commons\",\"description\":\"samples\"},"
    "{\"name\":\"gone\",\"workspace\":\"commons\",\"status\":\"DELETED\"},"
    "{\"name\":\"web_logs\",\"workspace\":\"a.b\"},"
    "{\"name\":\"webXlogs\",\"workspace\":\"a.b\"}]";

static void test_objs_from_json(void)
{
    cJSON *arr = cJSON_Parse(collections_json);
    rs_name_filter any = {RS_NF_ANY, NULL}, f;
    rs_cat_obj *o;
    size_t n;

    CU_ASSERT_EQUAL_FATAL(rs_cat_objs_from_json(arr, NULL, &any, &any, 0, &o, &n), 0);
    CU_ASSERT_EQUAL_FATAL(n, 5); /* the DELETED one is left out */
    /* sorted by schema then name */
    CU_ASSERT_STRING_EQUAL(o[0].ws, "a.b");
    CU_ASSERT_STRING_EQUAL(o[0].name, "webXlogs");
    CU_ASSERT_STRING_EQUAL(o[1].name, "web_logs");
    CU_ASSERT_STRING_EQUAL(o[2].ws, "commons");
    CU_ASSERT_STRING_EQUAL(o[2].remarks, "samples");
    CU_ASSERT_STRING_EQUAL(o[3].name, "orders");
    CU_ASSERT_PTR_NULL(o[3].remarks);
    CU_ASSERT_EQUAL(o[3].doc_count, -1);
    CU_ASSERT_EQUAL(o[4].doc_count, 42);
    rs_cat_objs_free(o, n);
    /* Power Query's escaped underscore names one table */
    rs_name_filter_init(&f, "web\\_logs", 0, 1);
    CU_ASSERT_EQUAL(rs_cat_objs_from_json(arr, NULL, &any, &f, 0, &o, &n), 0);
    CU_ASSERT_EQUAL(n, 1);
    rs_cat_objs_free(o, n);
    rs_name_filter_free(&f);
    rs_name_filter_init(&f, "s%", 0, 1);
    CU_ASSERT_EQUAL(rs_cat_objs_from_json(arr, NULL, &f, &any, 0, &o, &n), 0);
    CU_ASSERT_EQUAL(n, 2);
    rs_cat_objs_free(o, n);
    rs_name_filter_free(&f);
    cJSON_Delete(arr);

    /* per-workspace listings may omit "workspace"; lambdas keep descriptions per version */
    arr = cJSON_Parse("[{\"name\":\"q1\",\"latest_version\":{\"description\":\"first\"}}]");
    CU_ASSERT_EQUAL(rs_cat_objs_from_json(arr, "commons", &any, &any, 1, &o, &n), 0);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(o[0].ws, "commons");
    CU_ASSERT_STRING_EQUAL(o[0].remarks, "first");
    rs_cat_objs_free(o, n);
    cJSON_Delete(arr);
}

static void test_ws_from_json(void)
{
    cJSON *arr = cJSON_Parse("[{\"name\":\"sales\"},{\"name\":\"commons\"},{\"name\":\"a.b\"}]");
    rs_name_filter any = {RS_NF_ANY, NULL};
    char **v;
    size_t n;

    CU_ASSERT_EQUAL(rs_cat_ws_from_json(arr, &any, &v, &n), 0);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT_STRING_EQUAL(v[0], "a.b");
    CU_ASSERT_STRING_EQUAL(v[2], "sales");
    rs_cat_strv_free(v, n);
    cJSON_Delete(arr);
}

static void add_fields(rs_cat_field **f, size_t *n)
{
    CU_ASSERT_EQUAL(rs_cat_fields_add(f, n, "[\"b\"]", 1, "string"), 0);
    CU_ASSERT_EQUAL(rs_cat_fields_add(f, n, "[\"_id\"]", 1, "string"), 0);
    CU_ASSERT_EQUAL(rs_cat_fields_add(f, n, "[\"b\"]", 1, "int"), 0);
    CU_ASSERT_EQUAL(rs_cat_fields_add(f, n, "[\"b\"]", 1, "null"), 0);
    CU_ASSERT_EQUAL(rs_cat_fields_add(f, n, "[\"a\",\"x\"]", 1, "string"), 0);
    CU_ASSERT_EQUAL(rs_cat_fields_add(f, n, "[\"_event_time\"]", 1, "timestamp"), 0);
    CU_ASSERT_EQUAL(rs_cat_fields_add(f, n, "n", 0, "undefined"), 0);
    CU_ASSERT_EQUAL(rs_cat_fields_add(f, n, "[\"a\"]", 1, "float"), 0);
    CU_ASSERT_EQUAL(rs_cat_fields_add(f, n, "[\"a\"]", 1, "bool"), 0);
}

static void test_describe_to_columns(void)
{
    rs_cat_field *f = NULL;
    size_t n = 0, nrows;
    rs_error err;
    rs_rowsource *rs;
    rs_name_filter any = {RS_NF_ANY, NULL}, only_b;
    char *rows;

    rs_error_clear(&err);
    add_fields(&f, &n);
    rs_cat_fields_sort(f, n);
    CU_ASSERT_EQUAL_FATAL(n, 5); /* nested a.x is no column */
    CU_ASSERT_STRING_EQUAL(f[0].name, "_id");
    CU_ASSERT_STRING_EQUAL(f[1].name, "_event_time");
    CU_ASSERT_STRING_EQUAL(f[2].name, "a");
    /* one rule with result columns (rs_types_merge), whatever DESCRIBE's row order: */
    CU_ASSERT_STRING_EQUAL(f[2].type, "string"); /* float and bool: character data */
    CU_ASSERT_STRING_EQUAL(f[3].type, "string"); /* string and int, nulls ignored */
    CU_ASSERT_STRING_EQUAL(f[4].name, "n");
    CU_ASSERT_STRING_EQUAL(f[4].type, "");     /* only nulls: no type */

    rs = rs_cat_source(&cx, rs_cat_columns_cols, 18, &err);
    CU_ASSERT_EQUAL(rs_cat_columns_rows(&cx, rs, "commons", "t", f, n, &any, &err), 0);
    rows = tc_rows(rs, &nrows);
    CU_ASSERT_EQUAL(nrows, 5);
    /* _id: not nullable, first */
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "NULL|commons|t|_id|12|string|8000|8000|NULL|NULL|0|"
                                        "NULL|NULL|12|NULL|8000|1|NO\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "NULL|commons|t|_event_time|93|timestamp|26|16|6|NULL|"
                                        "1|NULL|NULL|9|3|NULL|2|YES\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "NULL|commons|t|b|12|string|8000|8000|NULL|NULL|1|NULL|"
                                        "NULL|12|NULL|8000|4|YES\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "|n|12|string|"));
    free(rows);
    rs_rowsource_close(rs);

    /* a column pattern keeps each column's ordinal in the table */
    rs_name_filter_init(&only_b, "b", 0, 1);
    rs = rs_cat_source(&cx, rs_cat_columns_cols, 18, &err);
    CU_ASSERT_EQUAL(rs_cat_columns_rows(&cx, rs, "commons", "t", f, n, &only_b, &err), 0);
    rows = tc_rows(rs, &nrows);
    CU_ASSERT_EQUAL(nrows, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "|4|YES\n"));
    free(rows);
    rs_rowsource_close(rs);
    rs_name_filter_free(&only_b);
    rs_cat_fields_free(f, n);
}

static void test_lambda_params(void)
{
    cJSON *tag = cJSON_Parse(
        "{\"data\":{\"tag_name\":\"latest\",\"version\":{\"name\":\"q\",\"version\":\"abc\","
        "\"sql\":{\"query\":\"SELECT :x\",\"default_parameters\":["
        "{\"name\":\"x\",\"type\":\"int\",\"value\":\"5\"},"
        "{\"name\":\"s\",\"type\":\"string\",\"value\":\"it's\"},"
        "{\"name\":\"d\",\"type\":\"date\",\"value\":null}]}}}}");
    cJSON *ver = cJSON_Parse("{\"data\":{\"name\":\"q\",\"sql\":{\"query\":\"SELECT 1\"}}}");
    rs_lambda_param *p;
    size_t n;
    char *lit;

    CU_ASSERT_EQUAL(rs_cat_params_from_json(tag, &p, &n), 0);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT_STRING_EQUAL(p[0].name, "x");
    CU_ASSERT_STRING_EQUAL(p[0].type, "int");
    CU_ASSERT_STRING_EQUAL(p[0].default_value, "5");
    CU_ASSERT_STRING_EQUAL(p[1].default_value, "it's");
    CU_ASSERT_PTR_NULL(p[2].default_value);
    rs_catalog_lambda_params_free(p, n);
    CU_ASSERT_EQUAL(rs_cat_params_from_json(ver, &p, &n), 0);
    CU_ASSERT_EQUAL(n, 0);
    rs_catalog_lambda_params_free(p, n);
    cJSON_Delete(tag);
    cJSON_Delete(ver);

    lit = rs_cat_param_default_literal("int", "5");
    CU_ASSERT_STRING_EQUAL(lit, "5");
    free(lit);
    lit = rs_cat_param_default_literal("string", "it's");
    CU_ASSERT_STRING_EQUAL(lit, "'it''s'");
    free(lit);
    lit = rs_cat_param_default_literal("date", "2021-01-10");
    CU_ASSERT_STRING_EQUAL(lit, "'2021-01-10'");
    free(lit);
}

#define TYPEINFO_COLS                                                                         \
    "TYPE_NAME,DATA_TYPE,COLUMN_SIZE,LITERAL_PREFIX,LITERAL_SUFFIX,CREATE_PARAMS,NULLABLE,"   \
    "CASE_SENSITIVE,SEARCHABLE,UNSIGNED_ATTRIBUTE,FIXED_PREC_SCALE,AUTO_UNIQUE_VALUE,"        \
    "LOCAL_TYPE_NAME,MINIMUM_SCALE,MAXIMUM_SCALE,SQL_DATA_TYPE,SQL_DATETIME_SUB,"              \
    "NUM_PREC_RADIX,INTERVAL_PRECISION"

static void test_type_info(void)
{
    rs_rowsource *rs;
    rs_error err;
    const rs_page *p;
    size_t nreg, nrows;
    char *rows;
    long prev = -32768;

    rs_error_clear(&err);
    rs_types_all(&nreg);
    CU_ASSERT_EQUAL_FATAL(rs_catalog_type_info(&cx, SQL_ALL_TYPES, &rs, &err), 0);
    check_cols(rs, TYPEINFO_COLS);
    CU_ASSERT_EQUAL(rs->cols[1].sql_type, SQL_SMALLINT);
    CU_ASSERT_EQUAL(rs->cols[17].sql_type, SQL_INTEGER);
    CU_ASSERT_EQUAL_FATAL(rs_rowsource_next(rs, &p, &err), 1);
    CU_ASSERT_TRUE(p->nrows >= nreg); /* the registry, and the types it lacks (below) */
    for (size_t r = 0; r < p->nrows; r++) {
        long t = strtol(p->cells[r * p->ncols + 1].text, NULL, 10);

        CU_ASSERT_TRUE(t >= prev); /* ordered by DATA_TYPE */
        prev = t;
    }
    /* every (DATA_TYPE, TYPE_NAME) a column can be reported with is described, once */
    for (int kind = RS_V_ABSENT; kind <= RS_V_OTHER; kind++) {
        for (int wide = 0; wide <= 1; wide++) {
            rs_type_info ti;
            char want[64];
            size_t found = 0;

            rs_types_for_kind((rs_vkind)kind, wide, 0, &ti);
            snprintf(want, sizeof want, "%d", ti.sql_type);
            for (size_t r = 0; r < p->nrows; r++)
                if (strcmp(p->cells[r * p->ncols].text, ti.type_name) == 0 &&
                    strcmp(p->cells[r * p->ncols + 1].text, want) == 0)
                    found++;
            if (found != 1)
                fprintf(stderr, "\n%s/%s described %zu times\n", ti.type_name, want, found);
            CU_ASSERT_EQUAL(found, 1);
        }
    }
    rs_rowsource_close(rs);
    CU_ASSERT_EQUAL_FATAL(rs_catalog_type_info(&cx, SQL_LONGVARCHAR, &rs, &err), 0);
    rows = tc_rows(rs, &nrows);
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "array|-1|8000|'|'|NULL|1|1|"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "object|-1|"));
    free(rows);
    rs_rowsource_close(rs);
    CU_ASSERT_EQUAL_FATAL(rs_catalog_type_info(&cx, SQL_BIGINT, &rs, &err), 0);
    rows = tc_rows(rs, &nrows);
    CU_ASSERT_EQUAL(nrows, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "int|-5|19|NULL|NULL|NULL|1|0|"));
    free(rows);
    rs_rowsource_close(rs);
    /* ODBC 2 code for timestamps finds the ODBC 3 type */
    CU_ASSERT_EQUAL_FATAL(rs_catalog_type_info(&cx, SQL_TIMESTAMP, &rs, &err), 0);
    rows = tc_rows(rs, &nrows);
    CU_ASSERT_TRUE(nrows >= 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "|93|"));
    free(rows);
    rs_rowsource_close(rs);
}

/* ODBC 2 applications know the date/time types as SQL_DATE, SQL_TIME, SQL_TIMESTAMP. */
static void test_odbc2_type_codes(void)
{
    rs_catalog_ctx cx2 = cx;
    rs_cat_field *f = NULL;
    size_t n = 0, nrows;
    rs_name_filter any = {RS_NF_ANY, NULL};
    rs_rowsource *rs;
    rs_error err;
    char *rows;
    rs_cat_row r;
    rs_type_info ti;

    rs_error_clear(&err);
    cx2.odbc_version = SQL_OV_ODBC2;
    CU_ASSERT_EQUAL(rs_cat_data_type(&cx2, SQL_TYPE_DATE), SQL_DATE);
    CU_ASSERT_EQUAL(rs_cat_data_type(&cx2, SQL_TYPE_TIME), SQL_TIME);
    CU_ASSERT_EQUAL(rs_cat_data_type(&cx2, SQL_TYPE_TIMESTAMP), SQL_TIMESTAMP);
    CU_ASSERT_EQUAL(rs_cat_data_type(&cx2, SQL_BIGINT), SQL_BIGINT);
    CU_ASSERT_EQUAL(rs_cat_data_type(&cx, SQL_TYPE_DATE), SQL_TYPE_DATE);
    cx2.odbc_version = SQL_OV_ODBC3_80;
    CU_ASSERT_EQUAL(rs_cat_data_type(&cx2, SQL_TYPE_TIME), SQL_TYPE_TIME);
    cx2.odbc_version = SQL_OV_ODBC2;

    /* SQLColumns: DATA_TYPE 9/10/11; SQL_DATA_TYPE stays SQL_DATETIME (9) with the subcode */
    CU_ASSERT_EQUAL(rs_cat_fields_add(&f, &n, "d", 0, "date"), 0);
    CU_ASSERT_EQUAL(rs_cat_fields_add(&f, &n, "t", 0, "time"), 0);
    CU_ASSERT_EQUAL(rs_cat_fields_add(&f, &n, "ts", 0, "timestamp"), 0);
    rs = rs_cat_source(&cx2, rs_cat_columns_cols, 18, &err);
    CU_ASSERT_EQUAL(rs_cat_columns_rows(&cx2, rs, "w", "c", f, n, &any, &err), 0);
    rows = tc_rows(rs, &nrows);
    CU_ASSERT_EQUAL(nrows, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "|d|9|date|10|6|NULL|NULL|1|NULL|NULL|9|1|"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "|t|10|time|"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "|ts|11|timestamp|"));
    free(rows);
    rs_rowsource_close(rs);
    rs_cat_fields_free(f, n);

    /* the cells SQLProcedureColumns shares */
    rs_types_for_kind(RS_V_DATETIME, 0, 8000, &ti);
    rs_cat_row_init(&r, 19);
    rs_cat_type_cells(&cx2, &r, 5, &ti);
    CU_ASSERT_STRING_EQUAL(r.cells[5].text, "11");

    /* SQLGetTypeInfo: the old codes, still ordered by the DATA_TYPE reported */
    CU_ASSERT_EQUAL_FATAL(rs_catalog_type_info(&cx2, SQL_ALL_TYPES, &rs, &err), 0);
    rows = tc_rows(rs, &nrows);
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "date|9|"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "time|10|"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "timestamp|11|"));
    CU_ASSERT_PTR_NULL(strstr(rows, "|91|"));
    CU_ASSERT_PTR_NULL(strstr(rows, "|93|"));
    /* 9, 10, 11 sort between SQL_VARCHAR (12)... and SQL_DOUBLE (8) */
    CU_ASSERT_TRUE(strstr(rows, "float|8|") < strstr(rows, "date|9|"));
    CU_ASSERT_TRUE(strstr(rows, "timestamp|11|") < strstr(rows, "string|12|"));
    free(rows);
    rs_rowsource_close(rs);
    /* asked by either code, the type is found and reported with the old one */
    CU_ASSERT_EQUAL_FATAL(rs_catalog_type_info(&cx2, SQL_DATE, &rs, &err), 0);
    rows = tc_rows(rs, &nrows);
    CU_ASSERT_EQUAL(nrows, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "date|9|"));
    free(rows);
    rs_rowsource_close(rs);
    CU_ASSERT_EQUAL_FATAL(rs_catalog_type_info(&cx2, SQL_TYPE_TIMESTAMP, &rs, &err), 0);
    rows = tc_rows(rs, &nrows);
    CU_ASSERT_EQUAL(nrows, 2);
    CU_ASSERT_PTR_NULL(strstr(rows, "|93|"));
    free(rows);
    rs_rowsource_close(rs);
}

int main(void)
{
    static const cu_case cases[] = {
        {"SQLTables enumerations", test_tables_enumerations},
        {"result-set shapes", test_shapes_without_server},
        {"collections and lambdas from JSON", test_objs_from_json},
        {"workspaces from JSON", test_ws_from_json},
        {"DESCRIBE rows to SQLColumns rows", test_describe_to_columns},
        {"lambda parameters", test_lambda_params},
        {"SQLGetTypeInfo", test_type_info},
        {"ODBC 2 date/time type codes", test_odbc2_type_codes},
        {NULL, NULL},
    };
    return cu_run("catalog", cases);
}
