/* SPDX-License-Identifier: Apache-2.0 */
/* Catalog functions against rockset-local (run by tests/driver/catalog/test_catalog_server.sh through
 * tests/with-server.sh, which loads commons.sample and sales.orders and exports RS_SERVER and
 * RS_APIKEY). Creates a workspace with two collections and a Query Lambda, then checks what
 * each catalog function answers. */
#include "driver/catalog/catalog_int.h"

#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>
#include "test_catalog_util.h"
#include "tests/cunit_main.h"

static rs_client *client;
static rs_catalog_ctx cx = {
    .default_workspace = "commons", .lambda_tag = "latest", .max_varchar = 8000, .odbc_version = SQL_OV_ODBC3};

static int call(const char *method, const char *path, const char *body)
{
    cJSON *b = body ? cJSON_Parse(body) : NULL, *out = NULL;
    rs_error err;
    int rc;

    rs_error_clear(&err);
    rc = rs_client_call(client, method, path, b, &out, &err);
    if (rc != 0)
        fprintf(stderr, "%s %s: %s\n", method, path, err.message);
    cJSON_Delete(b);
    cJSON_Delete(out);
    return rc;
}

static int setup(void)
{
    rs_client_config cfg;
    rs_error err;

    memset(&cfg, 0, sizeof cfg);
    cfg.server = getenv("RS_SERVER");
    cfg.api_key = getenv("RS_APIKEY");
    cfg.timeout_ms = 30000;
    cfg.ssl_verify = 1;
    if (!cfg.server || !cfg.api_key)
        return 1;
    rs_error_clear(&err);
    client = rs_client_new(&cfg, &err);
    if (!client)
        return 1;
    cx.client = client;
    if (call("POST", "/v1/orgs/self/ws", "{\"name\":\"cat_ws\",\"description\":\"catalog\"}") ||
        call("POST", "/v1/orgs/self/ws/cat_ws/collections",
             "{\"name\":\"web_logs\",\"description\":\"the logs\"}") ||
        call("POST", "/v1/orgs/self/ws/cat_ws/collections", "{\"name\":\"webXlogs\"}") ||
        call("POST", "/v1/orgs/self/ws", "{\"name\":\"cat_ws.sub\"}") ||
        call("POST", "/v1/orgs/self/ws/cat_ws.sub/collections", "{\"name\":\"deep\"}") ||
        call("POST", "/v1/orgs/self/ws/cat_ws/collections/web_logs/docs",
             "{\"data\":[{\"_id\":\"1\",\"a\":1,\"s\":\"x\"},{\"_id\":\"2\",\"a\":2},"
             "{\"_id\":\"3\",\"a\":\"three\",\"s\":null}]}"))
        return 1;
    return 0;
}

static int teardown(void)
{
    rs_client_free(client);
    return 0;
}

static char *run_tables(const char *schema, const char *table, const char *types, size_t *n)
{
    rs_rowsource *rs = NULL;
    rs_error err;
    char *rows = NULL;

    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_catalog_tables(&cx, NULL, schema, table, types, &rs, &err), 0);
    if (!rs) {
        fprintf(stderr, "SQLTables: %s\n", err.message);
        *n = 0;
        return strdup("");
    }
    rows = tc_rows(rs, n);
    rs_rowsource_close(rs);
    return rows;
}

static void test_tables(void)
{
    size_t n;
    char *rows = run_tables(NULL, NULL, NULL, &n);
    char *a = strstr(rows, "NULL|cat_ws|webXlogs|TABLE|NULL\n");
    char *b = strstr(rows, "NULL|cat_ws|web_logs|TABLE|the logs\n");
    char *c = strstr(rows, "NULL|commons|sample|TABLE|");
    char *d = strstr(rows, "NULL|sales|orders|TABLE|");

    CU_ASSERT_TRUE(n >= 4);
    /* all present, in TABLE_SCHEM, TABLE_NAME order */
    CU_ASSERT_TRUE(a && b && c && d && a < b && b < c && c < d);
    free(rows);
    /* Power Query's escaped underscore */
    rows = run_tables("cat\\_ws", "web\\_logs", "'TABLE'", &n);
    CU_ASSERT_EQUAL(n, 1);
    free(rows);
    rows = run_tables("cat_ws", "web_logs", NULL, &n);
    CU_ASSERT_EQUAL(n, 2);
    free(rows);
    rows = run_tables("nosuch", "%", NULL, &n);
    CU_ASSERT_EQUAL(n, 0);
    free(rows);
    /* SQL_ALL_SCHEMAS */
    rows = run_tables("%", "", NULL, &n);
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "NULL|cat_ws|NULL|NULL|NULL\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "NULL|sales|NULL|NULL|NULL\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "NULL|cat_ws.sub|NULL|NULL|NULL\n"));
    free(rows);
    /* nested workspaces are schemas named with dots */
    rows = run_tables("cat\\_ws.sub", NULL, NULL, &n);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(rows, "NULL|cat_ws.sub|deep|TABLE|NULL\n");
    free(rows);
    /* metadata_id: identifiers, case-insensitive unless quoted */
    cx.metadata_id = 1;
    rows = run_tables("CAT_WS", "WEB_LOGS", NULL, &n);
    CU_ASSERT_EQUAL(n, 1);
    free(rows);
    rows = run_tables("\"CAT_WS\"", "web_logs", NULL, &n);
    CU_ASSERT_EQUAL(n, 0);
    free(rows);
    cx.metadata_id = 0;
}

static void test_columns(void)
{
    rs_rowsource *rs = NULL;
    rs_error err;
    size_t n;
    char *rows;

    rs_error_clear(&err);
    if (rs_catalog_columns(&cx, NULL, "cat_ws", "web\\_logs", NULL, &rs, &err) != 0)
        fprintf(stderr, "\nSQLColumns: %s\n", err.message);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    rows = tc_rows(rs, &n);
    rs_rowsource_close(rs);
    if (!strstr(rows, "|_id|"))
        fprintf(stderr, "\nSQLColumns rows:\n%s", rows);
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "NULL|cat_ws|web_logs|_id|12|string|"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "|1|NO\n"));
    /* a: int twice, string once -> VARCHAR, the type a query over a reports too */
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "NULL|cat_ws|web_logs|a|12|string|"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "NULL|cat_ws|web_logs|s|12|string|"));
    free(rows);
    /* an empty collection (in a nested workspace) still has _id */
    CU_ASSERT_EQUAL_FATAL(rs_catalog_columns(&cx, NULL, "cat\\_ws.sub", "deep", "%", &rs, &err),
                          0);
    rows = tc_rows(rs, &n);
    rs_rowsource_close(rs);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "NULL|cat_ws.sub|deep|_id|12|string|"));
    free(rows);
    /* the loaded sample: dates and nested objects */
    CU_ASSERT_EQUAL_FATAL(rs_catalog_columns(&cx, NULL, "commons", "sample", "c%", &rs, &err),
                          0);
    rows = tc_rows(rs, &n);
    rs_rowsource_close(rs);
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "|created|91|date|10|"));
    CU_ASSERT_PTR_NULL(strstr(rows, "|name|"));
    free(rows);
}

/* Takes the row source by address: C leaves the order of argument evaluation open, so the
 * call that fills it must be complete before it is read. */
static size_t rows_of(int rc, rs_rowsource **rs, char **text)
{
    size_t n = 0;

    CU_ASSERT_EQUAL(rc, 0);
    *text = *rs ? tc_rows(*rs, &n) : strdup("");
    rs_rowsource_close(*rs);
    *rs = NULL;
    return n;
}

#define ROWS(call, rows) (rc = (call), rows_of(rc, &rs, &(rows)))

static void test_keys(void)
{
    rs_rowsource *rs = NULL;
    rs_error err;
    char *rows;
    int rc;

    rs_error_clear(&err);
    CU_ASSERT_EQUAL(ROWS(rs_catalog_primary_keys(&cx, NULL, "commons", "sample", &rs, &err),
                         rows), 1);
    CU_ASSERT_STRING_EQUAL(rows, "NULL|commons|sample|_id|1|PRIMARY\n");
    free(rows);
    CU_ASSERT_EQUAL(ROWS(rs_catalog_primary_keys(&cx, NULL, "commons", "nosuch", &rs, &err),
                         rows), 0);
    free(rows);
    CU_ASSERT_EQUAL(ROWS(rs_catalog_statistics(&cx, NULL, "cat_ws", "web_logs",
                                               SQL_INDEX_UNIQUE, SQL_QUICK, &rs, &err),
                         rows), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "NULL|cat_ws|web_logs|NULL|NULL|NULL|0|"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "NULL|cat_ws|web_logs|0|NULL|PRIMARY|3|1|_id|"));
    free(rows);
    CU_ASSERT_EQUAL(ROWS(rs_catalog_special_columns(&cx, SQL_BEST_ROWID, NULL, "cat_ws",
                                                       "web_logs", SQL_SCOPE_CURROW,
                                                       SQL_NO_NULLS, &rs, &err), rows), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "2|_id|12|string|"));
    free(rows);
    CU_ASSERT_EQUAL(ROWS(rs_catalog_special_columns(&cx, SQL_ROWVER, NULL, "cat_ws",
                                                       "web_logs", SQL_SCOPE_CURROW,
                                                       SQL_NO_NULLS, &rs, &err), rows), 0);
    free(rows);
}

static void test_lambdas(void)
{
    rs_rowsource *rs = NULL;
    rs_error err;
    rs_lambda_param *p = NULL;
    size_t n = 0;
    char *rows;
    int rc;

    CU_ASSERT_EQUAL_FATAL(
        call("POST", "/v1/orgs/self/ws/cat_ws/lambdas",
             "{\"name\":\"by_a\",\"description\":\"rows by a\",\"sql\":{\"query\":"
             "\"SELECT * FROM cat_ws.web_logs WHERE a = :a AND s = :s\",\"default_parameters\":"
             "[{\"name\":\"a\",\"type\":\"int\",\"value\":\"1\"},"
             "{\"name\":\"s\",\"type\":\"string\",\"value\":\"x\"}]}}"), 0);
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(ROWS(rs_catalog_procedures(&cx, NULL, "cat_ws", "%", &rs, &err), rows),
                    1);
    CU_ASSERT_STRING_EQUAL(rows, "NULL|cat_ws|by_a|NULL|NULL|NULL|rows by a|1\n");
    free(rows);
    CU_ASSERT_EQUAL(ROWS(rs_catalog_procedure_columns(&cx, NULL, "cat_ws", "by\\_a", NULL,
                                                         &rs, &err), rows), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "NULL|cat_ws|by_a|a|1|-5|int|"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "|10|2|NULL|1|-5|NULL|NULL|1|\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "|'x'|12|NULL|8000|2|\n"));
    free(rows);

    CU_ASSERT_EQUAL(rs_catalog_lambda_params(&cx, "cat_ws", "by_a", NULL, &p, &n, &err), 0);
    CU_ASSERT_EQUAL(n, 2);
    if (n == 2) {
        CU_ASSERT_STRING_EQUAL(p[1].name, "s");
        CU_ASSERT_STRING_EQUAL(p[1].default_value, "x");
    }
    rs_catalog_lambda_params_free(p, n);
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_catalog_lambda_params(&cx, "cat_ws", "by_a", "nosuchtag", &p, &n, &err),
                    -1);
    CU_ASSERT_EQUAL(err.http_status, 404);
}

int main(void)
{
    static const cu_case cases[] = {
        {"SQLTables", test_tables},
        {"SQLColumns", test_columns},
        {"primary keys, statistics, special columns", test_keys},
        {"Query Lambdas", test_lambdas},
        {NULL, NULL},
    };

    if (!getenv("RS_SERVER")) {
        fprintf(stderr, "RS_SERVER is not set: run through tests/with-server.sh\n");
        return 77;
    }
    return cu_run_fixture("catalog against rockset-local", setup, teardown, cases);
}
