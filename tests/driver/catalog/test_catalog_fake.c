/* SPDX-License-Identifier: Apache-2.0 */
/* Catalog functions over HTTP against a scripted server (tests/driver/client/fake_server.c): the
 * requests they send (paths, the DESCRIBE text) and how they read the answers, including the
 * 404s that mean "no such object" versus those that mean "no such endpoint". */
#include "driver/catalog/catalog_int.h"

#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>
#include "tests/driver/client/fake_server.h"
#include "test_catalog_util.h"
#include "tests/cunit_main.h"

static fake_server *fs;
static rs_client *client;
static rs_catalog_ctx cx = {
    .default_workspace = "commons", .lambda_tag = "latest", .max_varchar = 8000, .odbc_version = SQL_OV_ODBC3};

#define NOT_FOUND(key)                                                                        \
    "{\"message\":\"not found\",\"message_key\":\"" key "\",\"type\":\"NOTFOUND\",\"line\":null," \
    "\"column\":null,\"trace_id\":null,\"error_id\":null,\"query_id\":null,"                  \
    "\"internal_errors\":null}"

static void push(int status, const char *body)
{
    fs_resp r;

    memset(&r, 0, sizeof r);
    r.status = status;
    r.headers = "Content-Type: application/json\r\n";
    r.body = body;
    fs_push(fs, &r);
}

static int setup(void)
{
    rs_client_config cfg;
    rs_error err;

    fs = fs_start();
    if (!fs)
        return 1;
    memset(&cfg, 0, sizeof cfg);
    cfg.server = fs_url(fs);
    cfg.api_key = "test-key";
    cfg.timeout_ms = 10000;
    cfg.ssl_verify = 1;
    rs_error_clear(&err);
    client = rs_client_new(&cfg, &err);
    cx.client = client;
    return client ? 0 : 1;
}

static int teardown(void)
{
    rs_client_free(client);
    fs_stop(fs);
    return 0;
}

/* The request line of the i-th request seen, e.g. "GET /v1/... HTTP/1.1". */
static int saw(int i, const char *text)
{
    const char *r = i < fs_nrequests(fs) ? fs_request(fs, i) : NULL;

    if (!r || !strstr(r, text)) {
        fprintf(stderr, "\nrequest %d lacks %s:\n%s\n", i, text, r ? r : "(none)");
        return 0;
    }
    return 1;
}

static void test_columns_over_http(void)
{
    int base = fs_nrequests(fs);
    rs_rowsource *rs = NULL;
    rs_error err;
    size_t n;
    char *rows;

    push(200, "{\"data\":[{\"name\":\"t\",\"workspace\":\"cat ws\",\"status\":\"READY\"}]}");
    push(200, "{\"query_id\":\"q1\",\"status\":\"COMPLETED\",\"results_total_doc_count\":3,"
              "\"results\":[{\"field\":[\"b\"],\"type\":\"int\",\"occurrences\":2,\"total\":3},"
              "{\"field\":[\"_id\"],\"type\":\"string\",\"occurrences\":3,\"total\":3},"
              "{\"field\":[\"b\"],\"type\":\"string\",\"occurrences\":1,\"total\":3},"
              "{\"field\":[\"b\",\"c\"],\"type\":\"string\",\"occurrences\":1,\"total\":3}]}");
    rs_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(rs_catalog_columns(&cx, NULL, "cat ws", "t", NULL, &rs, &err), 0);
    rows = tc_rows(rs, &n);
    rs_rowsource_close(rs);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "NULL|cat ws|t|_id|12|string|8000|8000|NULL|NULL|0|"));
    /* int and string: VARCHAR, as a query over b says too (one rule) */
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "NULL|cat ws|t|b|12|string|8000|8000|NULL|NULL|1|"));
    free(rows);
    CU_ASSERT_TRUE(saw(base, "GET /v1/orgs/self/ws/cat%20ws/collections "));
    CU_ASSERT_TRUE(saw(base + 1, "POST /v1/orgs/self/queries "));
    CU_ASSERT_TRUE(saw(base + 1, "DESCRIBE \\\"cat ws\\\".\\\"t\\\" OPTION(max_field_depth=1)"));
}

static void test_missing_versus_unsupported(void)
{
    rs_rowsource *rs = NULL;
    rs_error err;

    /* no such workspace: nothing matches, an empty result */
    push(404, NOT_FOUND("WORKSPACE_NOT_FOUND"));
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_catalog_tables(&cx, NULL, "nosuch", "%", NULL, &rs, &err), 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    rs_rowsource_close(rs);
    rs = NULL;
    /* a server without the endpoint: an error, not an empty list */
    push(404, NOT_FOUND("PATH_NOT_FOUND"));
    CU_ASSERT_EQUAL(rs_catalog_procedures(&cx, NULL, "%", "%", &rs, &err), -1);
    CU_ASSERT_PTR_NULL(rs);
    CU_ASSERT_EQUAL(err.http_status, 404);
}

static const char *tag_answer =
    "{\"data\":{\"tag_name\":\"latest\",\"version\":{\"name\":\"q\",\"version\":\"0123abcd\","
    "\"description\":\"d\",\"sql\":{\"query\":\"SELECT :a\",\"default_parameters\":["
    "{\"name\":\"a\",\"type\":\"int\",\"value\":\"7\"},"
    "{\"name\":\"when\",\"type\":\"date\",\"value\":\"2021-01-10\"}]}}}}";

static void test_procedures_over_http(void)
{
    int base = fs_nrequests(fs);
    rs_rowsource *rs = NULL;
    rs_error err;
    size_t n;
    char *rows;

    push(200, "{\"data\":[{\"name\":\"q\",\"workspace\":\"cat_ws\","
              "\"latest_version\":{\"description\":\"the q\"}},"
              "{\"name\":\"other\",\"workspace\":\"cat_ws\"}]}");
    rs_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(rs_catalog_procedures(&cx, NULL, "cat\\_ws", "q", &rs, &err), 0);
    rows = tc_rows(rs, &n);
    rs_rowsource_close(rs);
    CU_ASSERT_STRING_EQUAL(rows, "NULL|cat_ws|q|NULL|NULL|NULL|the q|1\n");
    free(rows);
    CU_ASSERT_TRUE(saw(base, "GET /v1/orgs/self/ws/cat_ws/lambdas "));

    push(200, "{\"data\":[{\"name\":\"q\",\"workspace\":\"cat_ws\"},"
              "{\"name\":\"untagged\",\"workspace\":\"cat_ws\"}]}");
    push(200, tag_answer);
    push(404, NOT_FOUND("QUERY_LAMBDA_TAG_NOT_FOUND"));
    CU_ASSERT_EQUAL_FATAL(rs_catalog_procedure_columns(&cx, NULL, "%", "%", NULL, &rs, &err),
                          0);
    rows = tc_rows(rs, &n);
    rs_rowsource_close(rs);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "NULL|cat_ws|q|a|1|-5|int|19|8|0|10|2|NULL|7|-5|NULL|"
                                        "NULL|1|\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "NULL|cat_ws|q|when|1|91|date|10|"));
    CU_ASSERT_PTR_NOT_NULL(strstr(rows, "|'2021-01-10'|9|1|NULL|2|\n"));
    free(rows);
    CU_ASSERT_TRUE(saw(base + 1, "GET /v1/orgs/self/lambdas "));
    CU_ASSERT_TRUE(saw(base + 2, "GET /v1/orgs/self/ws/cat_ws/lambdas/q/tags/latest "));
    CU_ASSERT_TRUE(saw(base + 3, "GET /v1/orgs/self/ws/cat_ws/lambdas/untagged/tags/latest "));
}

static void test_lambda_params_version(void)
{
    int base = fs_nrequests(fs);
    rs_lambda_param *p = NULL;
    size_t n = 0;
    rs_error err;

    /* an explicit selector that is no tag is tried as a version */
    push(404, NOT_FOUND("QUERY_LAMBDA_TAG_NOT_FOUND"));
    push(200, "{\"data\":{\"name\":\"q\",\"version\":\"0123abcd\",\"sql\":{\"query\":\"SELECT 1\","
              "\"default_parameters\":[{\"name\":\"x\",\"type\":\"string\",\"value\":\"v\"}]}}}");
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_catalog_lambda_params(&cx, NULL, "q", "0123abcd", &p, &n, &err), 0);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(p[0].name, "x");
    CU_ASSERT_STRING_EQUAL(p[0].type, "string");
    CU_ASSERT_STRING_EQUAL(p[0].default_value, "v");
    rs_catalog_lambda_params_free(p, n);
    CU_ASSERT_TRUE(saw(base, "GET /v1/orgs/self/ws/commons/lambdas/q/tags/0123abcd "));
    CU_ASSERT_TRUE(saw(base + 1, "GET /v1/orgs/self/ws/commons/lambdas/q/versions/0123abcd "));

    /* neither: the server's own message */
    push(404, NOT_FOUND("QUERY_LAMBDA_TAG_NOT_FOUND"));
    push(404, NOT_FOUND("QUERY_LAMBDA_VERSION_NOT_FOUND"));
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_catalog_lambda_params(&cx, "ws", "q", "nope", &p, &n, &err), -1);
    CU_ASSERT_EQUAL(err.http_status, 404);
    CU_ASSERT_STRING_EQUAL(err.message_key, "QUERY_LAMBDA_VERSION_NOT_FOUND");
}

int main(void)
{
    static const cu_case cases[] = {
        {"SQLColumns: listing and DESCRIBE", test_columns_over_http},
        {"missing objects versus missing endpoints", test_missing_versus_unsupported},
        {"SQLProcedures and SQLProcedureColumns", test_procedures_over_http},
        {"lambda parameters by version", test_lambda_params_version},
        {NULL, NULL},
    };
    return cu_run_fixture("catalog over HTTP (scripted server)", setup, teardown, cases);
}
