/* SPDX-License-Identifier: Apache-2.0 */
/* The API client against a real rockset-local (run through tests/driver/client/client-e2e.sh, which
 * uses tests/with-server.sh to export RS_SERVER and RS_APIKEY): paging through a collection,
 * typed values, parameters and error answers. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver/client/rs_client.h"
#include "tests/cunit_main.h"

static rs_client *client;

static int setup(void)
{
    rs_client_config cfg;
    rs_error err;

    memset(&cfg, 0, sizeof cfg);
    cfg.server = getenv("RS_SERVER");
    cfg.api_key = getenv("RS_APIKEY");
    cfg.ssl_verify = 1;
    cfg.max_retries = 2;
    cfg.timeout_ms = 30000;
    rs_error_clear(&err);
    client = rs_client_new(&cfg, &err);
    if (!client)
        fprintf(stderr, "rs_client_new: %s\n", err.message);
    return client ? 0 : 1;
}

static int teardown(void)
{
    rs_client_free(client);
    return 0;
}

static int run(const char *sql, long page_size, rs_rowsource **rs, rs_error *err)
{
    rs_query_request q;

    memset(&q, 0, sizeof q);
    q.sql = sql;
    q.page_size = page_size;
    rs_error_clear(err);
    *rs = NULL;
    if (rs_client_query(client, &q, rs, err) != 0) {
        fprintf(stderr, "query failed: %s\n", err->message);
        return -1;
    }
    return 0;
}

static long find_col(const rs_rowsource *rs, const char *name)
{
    size_t i;

    for (i = 0; i < rs->ncols; i++)
        if (strcmp(rs->cols[i].name, name) == 0)
            return (long)i;
    return -1;
}

static void test_org(void)
{
    cJSON *out = NULL;
    rs_error err;

    rs_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(rs_client_call(client, "GET", "/v1/orgs/self", NULL, &out, &err), 0);
    CU_ASSERT_TRUE(cJSON_IsObject(cJSON_GetObjectItem(out, "data")));
    cJSON_Delete(out);
}

static void test_paging(void)
{
    rs_rowsource *rs;
    const rs_page *pg;
    rs_error err;
    long pages = 0, rows = 0, expect_id = 1, idc;
    int r;

    CU_ASSERT_EQUAL_FATAL(run("SELECT id, name FROM commons.sample ORDER BY id", 7, &rs, &err), 0);
    CU_ASSERT_EQUAL(rs->ncols, 2);
    idc = find_col(rs, "id");
    CU_ASSERT_FATAL(idc >= 0);
    CU_ASSERT_EQUAL(rs->total_rows, 50);
    while ((r = rs_rowsource_next(rs, &pg, &err)) == 1) {
        size_t i;
        pages++;
        CU_ASSERT(pg->nrows <= 7);
        for (i = 0; i < pg->nrows; i++, rows++) {
            char want[24];
            snprintf(want, sizeof want, "%ld", expect_id++);
            CU_ASSERT_EQUAL(pg->cells[i * pg->ncols + (size_t)idc].kind, RS_V_INT);
            CU_ASSERT_STRING_EQUAL(pg->cells[i * pg->ncols + (size_t)idc].text, want);
        }
    }
    CU_ASSERT_EQUAL(r, 0);
    CU_ASSERT_EQUAL(rows, 50);
    CU_ASSERT_EQUAL(pages, 8);
    rs_rowsource_close(rs);
}

static void test_typed_values(void)
{
    rs_rowsource *rs;
    const rs_page *pg;
    rs_error err;
    long c_created, c_address, c_tags;

    CU_ASSERT_EQUAL_FATAL(run("SELECT created, address, tags FROM commons.sample WHERE id = 1",
                              100, &rs, &err), 0);
    c_created = find_col(rs, "created");
    c_address = find_col(rs, "address");
    c_tags = find_col(rs, "tags");
    CU_ASSERT_FATAL(c_created >= 0 && c_address >= 0 && c_tags >= 0);
    CU_ASSERT_EQUAL_FATAL(rs_rowsource_next(rs, &pg, &err), 1);
    CU_ASSERT_EQUAL(pg->nrows, 1);
    CU_ASSERT_EQUAL(pg->cells[c_created].kind, RS_V_DATE);
    CU_ASSERT_STRING_EQUAL(pg->cells[c_created].text, "2021-02-02");
    CU_ASSERT_EQUAL(pg->cells[c_address].kind, RS_V_OBJECT);
    CU_ASSERT_PTR_NOT_NULL(strstr(pg->cells[c_address].text, "\"city\":\"S\xc3\xa3o Paulo\""));
    CU_ASSERT_EQUAL(pg->cells[c_tags].kind, RS_V_ARRAY);
    CU_ASSERT_STRING_EQUAL(pg->cells[c_tags].text, "[\"games\"]");
    rs_rowsource_close(rs);
}

static void test_parameters(void)
{
    rs_query_param p = { "id", "int", "2", 0 };
    rs_query_request q;
    rs_rowsource *rs = NULL;
    const rs_page *pg;
    rs_error err;

    memset(&q, 0, sizeof q);
    q.sql = "SELECT name FROM commons.sample WHERE id = :id";
    q.params = &p;
    q.nparams = 1;
    rs_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(rs_client_query(client, &q, &rs, &err), 0);
    CU_ASSERT_EQUAL_FATAL(rs_rowsource_next(rs, &pg, &err), 1);
    CU_ASSERT_EQUAL(pg->nrows, 1);
    CU_ASSERT_STRING_EQUAL(pg->cells[0].text, "Zo\xc3\xab");
    rs_rowsource_close(rs);
}

static void test_errors(void)
{
    rs_rowsource *rs = NULL;
    rs_query_request q;
    rs_error err;

    memset(&q, 0, sizeof q);
    q.sql = "SELECT * FROM commons.no_such_collection";
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_client_query(client, &q, &rs, &err), -1);
    CU_ASSERT_PTR_NULL(rs);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_HTTP);
    CU_ASSERT(err.http_status >= 400 && err.http_status < 500);
    CU_ASSERT_NOT_EQUAL(err.type[0], '\0');
    CU_ASSERT_NOT_EQUAL(err.message[0], '\0');
    q.sql = "SELEC 1";
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_client_query(client, &q, &rs, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_HTTP);
    CU_ASSERT_EQUAL(err.http_status, 400);
}

int main(void)
{
    static const cu_case cases[] = {
        {"GET /v1/orgs/self", test_org},
        {"paging through a collection", test_paging},
        {"typed values", test_typed_values},
        {"parameters", test_parameters},
        {"error answers", test_errors},
        {NULL, NULL},
    };

    if (!getenv("RS_SERVER") || !getenv("RS_APIKEY")) {
        fprintf(stderr, "test_client_e2e: RS_SERVER/RS_APIKEY not set; run it through "
                        "tests/driver/client/client-e2e.sh\n");
        return 77;
    }
    return cu_run_fixture("client end to end", setup, teardown, cases);
}
