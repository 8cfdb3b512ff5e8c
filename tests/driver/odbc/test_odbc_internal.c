/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the ODBC layer's internals that need no server: connection strings, the
 * resolved configuration, the rs_error -> SQLSTATE table, ODBC 2 names, descriptors. */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "driver/odbc/connstr.h"
#include "driver/odbc/desc.h"
#include "driver/odbc/diag.h"
#include "tests/cunit_main.h"

static void test_parse(void)
{
    rs_connstr cs = {0};
    char err[200];
    char *out;

    CU_ASSERT(rs_connstr_parse(" DSN = x ;pwd={a;b}}c}; Workspace=ws;workspace=other;;Extra=1", -1,
                               &cs, err, sizeof err) == 0);
    CU_ASSERT_STRING_EQUAL(rs_connstr_get(&cs, "dsn"), "x");
    CU_ASSERT_STRING_EQUAL(rs_connstr_get(&cs, "ApiKey"), "a;b}c"); /* PWD is ApiKey's alias */
    CU_ASSERT_STRING_EQUAL(rs_connstr_get(&cs, "WORKSPACE"), "ws");  /* the first one wins */
    CU_ASSERT_STRING_EQUAL(rs_connstr_get(&cs, "Extra"), "1");
    out = rs_connstr_build(&cs);
    /* the completed string never holds the key, under either name (traces, saved strings) */
    CU_ASSERT(strstr(out, "a;b") == NULL);
    CU_ASSERT(strstr(out, "ApiKey") == NULL && strstr(out, "pwd") == NULL);
    CU_ASSERT_STRING_EQUAL(out, "DSN=x;Workspace=ws;Extra=1");
    free(out);
    rs_connstr_free(&cs);
    CU_ASSERT(rs_connstr_parse("ApiKey=k3y;Server=s", -1, &cs, err, sizeof err) == 0);
    out = rs_connstr_build(&cs);
    CU_ASSERT_STRING_EQUAL(out, "Server=s");
    free(out);
    rs_connstr_free(&cs);
    CU_ASSERT(rs_connstr_parse("Server={http://x", -1, &cs, err, sizeof err) == -1);
    CU_ASSERT(strstr(err, "Server") != NULL);
    rs_connstr_free(&cs);
    CU_ASSERT(rs_connstr_parse("Server", -1, &cs, err, sizeof err) == -1);
    rs_connstr_free(&cs);
    /* a value with blanks at its ends is written in braces, or it would not read back the
     * same (the fuzzer's connstr round trip, tab after a braced value) */
    CU_ASSERT(rs_connstr_parse("Workspace={\tws\t};Extra={ x }", -1, &cs, err, sizeof err) == 0);
    out = rs_connstr_build(&cs);
    CU_ASSERT_STRING_EQUAL(out, "Workspace={\tws\t};Extra={ x }");
    free(out);
    rs_connstr_free(&cs);
    /* a length counting the terminator */
    CU_ASSERT(rs_connstr_parse("A=1", 4, &cs, err, sizeof err) == 0);
    CU_ASSERT_STRING_EQUAL(rs_connstr_get(&cs, "A"), "1");
    rs_connstr_free(&cs);
}

static void test_resolve(void)
{
    rs_connstr cs = {0};
    rs_conn_cfg cfg;
    char err[200];

    CU_ASSERT(rs_connstr_parse("ApiKey=k;PageSize=5;SSLVerify=no", -1, &cs, err, sizeof err) == 0);
    CU_ASSERT(rs_conn_cfg_resolve(&cs, &cfg, err, sizeof err) == 0);
    CU_ASSERT_EQUAL(cfg.page_size, 5);
    CU_ASSERT_EQUAL(cfg.ssl_verify, 0);
    CU_ASSERT_STRING_EQUAL(cfg.workspace, "commons");
    CU_ASSERT_STRING_EQUAL(cfg.lambda_tag, "latest");
    CU_ASSERT(cfg.server != NULL);
    CU_ASSERT(cfg.max_varchar > 0);
    rs_conn_cfg_free(&cfg);
    rs_connstr_free(&cs);
    CU_ASSERT(rs_connstr_parse("PageSize=-3", -1, &cs, err, sizeof err) == 0);
    CU_ASSERT(rs_conn_cfg_resolve(&cs, &cfg, err, sizeof err) == -1);
    CU_ASSERT(strstr(err, "PageSize") != NULL);
    rs_conn_cfg_free(&cfg);
    rs_connstr_free(&cs);
    CU_ASSERT(rs_connstr_parse("SSLVerify=maybe", -1, &cs, err, sizeof err) == 0);
    CU_ASSERT(rs_conn_cfg_resolve(&cs, &cfg, err, sizeof err) == -1);
    CU_ASSERT(strstr(err, "SSLVerify") != NULL);
    rs_conn_cfg_free(&cfg);
    rs_connstr_free(&cs);
}

static const char *state_of(rs_err_kind kind, int status, const char *type, int at_connect)
{
    rs_error e;

    rs_error_clear(&e);
    e.kind = kind;
    e.http_status = status;
    strcpy(e.type, type);
    return rs_diag_state_for(&e, at_connect);
}

static void test_state_table(void)
{
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_HTTP, 400, "QUERY_ERROR", 0), "42000");
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_HTTP, 400, "QUERYERROR", 0), "42000");
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_HTTP, 404, "NOTFOUND", 0), "42S02");
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_HTTP, 404, "NOTFOUND", 1), "08001");
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_HTTP, 401, "AUTHEXCEPTION", 1), "28000");
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_HTTP, 403, "", 0), "28000");
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_HTTP, 408, "QUERY_TIMEOUT", 0), "HYT00");
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_HTTP, 429, "RATELIMITEXCEEDED", 0), "HY000");
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_HTTP, 503, "SERVICEUNAVAILABLE", 0), "HY000");
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_HTTP, 501, "NOTIMPLEMENTEDYET", 0), "HYC00");
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_HTTP, 400, "QUERYCANCELLED", 0), "HY008");
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_CONNECT, 0, "", 1), "08001");
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_CONNECT, 0, "", 0), "08S01");
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_NETWORK, 0, "", 0), "08S01");
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_TIMEOUT, 0, "", 0), "HYT00");
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_CANCELLED, 0, "", 0), "HY008");
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_CONFIG, 0, "", 1), "HY000");
    CU_ASSERT_STRING_EQUAL(state_of(RS_ERR_UNSUPPORTED, 0, "", 0), "HYC00");
}

static void test_diag_records(void)
{
    rs_diag d;
    rs_error e;

    memset(&d, 0, sizeof d);
    CU_ASSERT_EQUAL(rs_diag_post(&d, "01004", 0, "cut"), SQL_SUCCESS_WITH_INFO);
    CU_ASSERT_EQUAL(rs_diag_post(&d, "HY000", 7, "bad %d", 42), SQL_ERROR);
    CU_ASSERT_EQUAL(d.count, 2);
    CU_ASSERT_STRING_EQUAL(d.recs[1].message, "[rockset-odbc] bad 42");
    CU_ASSERT_EQUAL(d.recs[1].native, 7);
    rs_error_clear(&e);
    rs_error_set(&e, RS_ERR_HTTP, "Function `COUT` not found.");
    e.http_status = 400;
    strcpy(e.type, "QUERY_ERROR");
    e.line = 1;
    e.column = 8;
    strcpy(e.query_id, "q-1");
    CU_ASSERT_EQUAL(rs_diag_post_error(&d, &e, 0), SQL_ERROR);
    CU_ASSERT_STRING_EQUAL(d.recs[2].state, "42000");
    CU_ASSERT_EQUAL(d.recs[2].native, 400);
    CU_ASSERT(strstr(d.recs[2].message, "[rockset-odbc] [Rockset] Function `COUT` not found.") != NULL);
    CU_ASSERT(strstr(d.recs[2].message, "line 1, column 8") != NULL);
    CU_ASSERT(strstr(d.recs[2].message, "query_id q-1") != NULL);
    CU_ASSERT(strstr(d.recs[2].message, "QUERY_ERROR") != NULL);
    CU_ASSERT_STRING_EQUAL(rs_diag_visible_state(&d, "HY000"), "HY000");
    d.odbc2 = 1;
    CU_ASSERT_STRING_EQUAL(rs_diag_visible_state(&d, "HY000"), "S1000");
    CU_ASSERT_STRING_EQUAL(rs_diag_visible_state(&d, "42S02"), "S0002");
    CU_ASSERT_STRING_EQUAL(rs_diag_visible_state(&d, "01004"), "01004");
    CU_ASSERT_STRING_EQUAL(rs_diag_class_origin("42000"), "ISO 9075");
    CU_ASSERT_STRING_EQUAL(rs_diag_class_origin("IM001"), "ODBC 3.0");
    CU_ASSERT_STRING_EQUAL(rs_diag_subclass_origin("42S02"), "ODBC 3.0");
    CU_ASSERT_STRING_EQUAL(rs_diag_subclass_origin("42000"), "ISO 9075");
    rs_diag_free(&d);
}

static void test_desc_rules(void)
{
    rs_desc d;
    SQLSMALLINT v = 0;
    SQLINTEGER len = 0;
    const char *str;
    int x;

    rs_desc_init(&d, RS_DESC_ARD, SQL_DESC_ALLOC_USER, NULL);
    CU_ASSERT_EQUAL(rs_desc_set_field(&d, 2, SQL_DESC_CONCISE_TYPE, (SQLPOINTER)SQL_C_TYPE_DATE, 0), SQL_SUCCESS);
    CU_ASSERT_EQUAL(d.count, 2);
    CU_ASSERT_EQUAL(rs_desc_get_field(&d, 2, SQL_DESC_TYPE, &v, 0, &len, &str), SQL_SUCCESS);
    CU_ASSERT_EQUAL(v, SQL_DATETIME);
    CU_ASSERT_EQUAL(rs_desc_get_field(&d, 2, SQL_DESC_DATETIME_INTERVAL_CODE, &v, 0, &len, &str), SQL_SUCCESS);
    CU_ASSERT_EQUAL(v, SQL_CODE_DATE);
    CU_ASSERT_EQUAL(rs_desc_set_field(&d, 2, SQL_DESC_DATA_PTR, &x, 0), SQL_SUCCESS);
    /* setting a non-deferred field unbinds the record */
    CU_ASSERT_EQUAL(rs_desc_set_field(&d, 2, SQL_DESC_OCTET_LENGTH, (SQLPOINTER)4, 0), SQL_SUCCESS);
    CU_ASSERT_PTR_NULL(d.recs[2].data_ptr);
    CU_ASSERT_EQUAL(rs_desc_get_field(&d, 3, SQL_DESC_TYPE, &v, 0, &len, &str), SQL_NO_DATA);
    CU_ASSERT_EQUAL(rs_desc_set_field(&d, 0, SQL_DESC_COUNT, (SQLPOINTER)1, 0), SQL_SUCCESS);
    CU_ASSERT_EQUAL(d.count, 1);
    CU_ASSERT_EQUAL(rs_desc_set_field(&d, 0, SQL_DESC_ROWS_PROCESSED_PTR, &x, 0), SQL_ERROR);
    CU_ASSERT_STRING_EQUAL(d.h.diag.recs[0].state, "HY091");
    CU_ASSERT_EQUAL(rs_desc_visible_type(1, SQL_TYPE_TIMESTAMP), SQL_TIMESTAMP);
    rs_desc_cleanup(&d);
}

int main(void)
{
    static const cu_case cases[] = {
        {"connection string parsing", test_parse},
        {"configuration with defaults and bad values", test_resolve},
        {"rs_error -> SQLSTATE", test_state_table},
        {"diagnostic records and ODBC 2 names", test_diag_records},
        {"descriptor field rules", test_desc_rules},
        {NULL, NULL},
    };
    return cu_run("odbc internals", cases);
}
