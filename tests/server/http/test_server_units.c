/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of rockset-local internals: routing and percent-decoding, JSON Patch, ISO
 * timestamps, the ErrorModel. No server needed. */
#include "server/store/docpatch.h"
#include "server/store/ingest_int.h"
#include "server/http/http.h"
#include "server/http/router.h"
#include "tests/cunit_main.h"

#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

static void h_a(const srv_request *req, srv_response *res) { (void)req; (void)res; }
static void h_b(const srv_request *req, srv_response *res) { (void)req; (void)res; }

static void test_router(void)
{
    srv_handler fn = NULL;
    char **p = NULL;
    size_t n = 0;
    srv_router_reset();
    srv_route_add("GET", "/v1/orgs/self/users/self", h_a);
    srv_route_add("GET", "/v1/orgs/self/users/{}", h_b);
    srv_route_add("DELETE", "/v1/orgs/self/ws/{}/collections/{}", h_b);
    srv_route_add("GET", "/v1/files/{*}", h_a);
    CU_ASSERT_EQUAL(srv_router_match("GET", "/v1/orgs/self/users/self", &fn, &p, &n), SRV_MATCH_OK);
    CU_ASSERT(fn == h_a);
    CU_ASSERT_EQUAL(n, 0);
    srv_router_free_params(p, n);
    CU_ASSERT_EQUAL(srv_router_match("GET", "/v1/orgs/self/users/a%40b.c%2Fd", &fn, &p, &n),
                    SRV_MATCH_OK);
    CU_ASSERT(fn == h_b);
    CU_ASSERT_EQUAL(n, 1);
    CU_ASSERT_STRING_EQUAL(p[0], "a@b.c/d");
    srv_router_free_params(p, n);
    CU_ASSERT_EQUAL(srv_router_match("DELETE", "/v1/orgs/self/ws/a.b/collections/c%20d/", &fn, &p,
                                     &n), SRV_MATCH_OK);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_STRING_EQUAL(p[0], "a.b");
    CU_ASSERT_STRING_EQUAL(p[1], "c d");
    srv_router_free_params(p, n);
    CU_ASSERT_EQUAL(srv_router_match("GET", "/v1/files/x/y%21", &fn, &p, &n), SRV_MATCH_OK);
    CU_ASSERT_STRING_EQUAL(p[0], "x/y!");
    srv_router_free_params(p, n);
    CU_ASSERT_EQUAL(srv_router_match("POST", "/v1/orgs/self/users/x", &fn, &p, &n),
                    SRV_MATCH_BAD_METHOD);
    CU_ASSERT_EQUAL(srv_router_match("GET", "/v1/orgs/self/users/x/y", &fn, &p, &n),
                    SRV_MATCH_NOT_FOUND);
    CU_ASSERT_EQUAL(srv_router_match("GET", "/v1/orgs/self/users/%4", &fn, &p, &n),
                    SRV_MATCH_BAD_PATH);
    CU_ASSERT_EQUAL(srv_router_match("GET", "/v1/orgs/self/users/a%00b", &fn, &p, &n),
                    SRV_MATCH_BAD_PATH);
    CU_ASSERT_EQUAL(srv_router_match("GET", "/v1/orgs/self/users/", &fn, &p, &n),
                    SRV_MATCH_NOT_FOUND);
    /* Encoded twice: "%2561" is "%61" once decoded, which a second decoding would make "a". */
    CU_ASSERT_EQUAL(srv_router_match("GET", "/v1/orgs/self/users/%2561", &fn, &p, &n),
                    SRV_MATCH_DOUBLE_ENCODED);
    CU_ASSERT_EQUAL(srv_router_match("DELETE", "/v1/orgs/self/ws/%2563ommons/collections/a", &fn,
                                     &p, &n), SRV_MATCH_DOUBLE_ENCODED);
    CU_ASSERT_EQUAL(srv_router_match("GET", "/v1/files/x/%252F", &fn, &p, &n),
                    SRV_MATCH_DOUBLE_ENCODED);
    CU_ASSERT_EQUAL(srv_router_match("GET", "/v1/files/x%00/y", &fn, &p, &n), SRV_MATCH_BAD_PATH);
    /* A '%' that starts no escape is text. */
    CU_ASSERT_EQUAL(srv_router_match("GET", "/v1/orgs/self/users/100%25", &fn, &p, &n),
                    SRV_MATCH_OK);
    CU_ASSERT_STRING_EQUAL(p[0], "100%");
    srv_router_free_params(p, n);
    CU_ASSERT_EQUAL(srv_router_match("GET", "/v1/orgs/self/users/%25zz%25", &fn, &p, &n),
                    SRV_MATCH_OK);
    CU_ASSERT_STRING_EQUAL(p[0], "%zz%");
    srv_router_free_params(p, n);
    srv_router_reset();
}

#define HAS_NUL(s) srv_http_body_has_nul(s, strlen(s))

static void test_body_nul(void)
{
    static const char raw[] = "{\"a\":\"x\0y\"}";
    CU_ASSERT_FALSE(HAS_NUL("{\"a\":\"x\"}"));
    CU_ASSERT_TRUE(srv_http_body_has_nul(raw, sizeof raw - 1));
    CU_ASSERT_TRUE(HAS_NUL("\"a\\u0000\""));
    CU_ASSERT_FALSE(HAS_NUL("\"a\\u0001\""));
    /* An escaped backslash, then the text u0000: no NUL. */
    CU_ASSERT_FALSE(HAS_NUL("\"a\\\\u0000\""));
    /* Escaped backslash, then a real \u0000 escape. */
    CU_ASSERT_TRUE(HAS_NUL("\"\\\\\\u0000\""));
    /* Cut short at the end of the body. */
    CU_ASSERT_FALSE(HAS_NUL("\"\\u000"));
}

static cJSON *patched(const char *doc, const char *ops, int *rc)
{
    char err[256];
    cJSON *d = cJSON_Parse(doc), *o = cJSON_Parse(ops);
    *rc = srv_docpatch_apply(&d, o, err, sizeof err);
    cJSON_Delete(o);
    return d;
}

static void expect_patch(const char *doc, const char *ops, const char *want)
{
    int rc;
    cJSON *d = patched(doc, ops, &rc);
    char *got = cJSON_PrintUnformatted(d);
    CU_ASSERT_EQUAL(rc, want ? 0 : -1);
    /* On failure the document is untouched. */
    CU_ASSERT_STRING_EQUAL(got, want ? want : doc);
    free(got);
    cJSON_Delete(d);
}

static void test_docpatch(void)
{
    expect_patch("{\"a\":1}", "[{\"op\":\"add\",\"path\":\"/b\",\"value\":[1]}]", "{\"a\":1,\"b\":[1]}");
    expect_patch("{\"a\":[1,2]}", "[{\"op\":\"add\",\"path\":\"/a/0\",\"value\":0}]", "{\"a\":[0,1,2]}");
    expect_patch("{\"a\":[1,2]}", "[{\"op\":\"add\",\"path\":\"/a/3\",\"value\":0}]", NULL);
    expect_patch("{\"a\":[1,2,3]}", "[{\"op\":\"add\",\"path\":\"/a/2\",\"value\":0}]",
                 "{\"a\":[1,2,0,3]}");
    expect_patch("{\"a\":[1,2,3]}", "[{\"op\":\"replace\",\"path\":\"/a/1\",\"value\":0}]",
                 "{\"a\":[1,0,3]}");
    expect_patch("{\"a\":[1,2,3]}", "[{\"op\":\"remove\",\"path\":\"/a/1\"}]",
                 "{\"a\":[1,3]}");
    expect_patch("{\"a\":[1]}", "[{\"op\":\"add\",\"path\":\"/a/01\",\"value\":0}]", NULL);
    expect_patch("{\"a\":[1,2]}", "[{\"op\":\"REMOVE\",\"path\":\"/a/0\"}]", "{\"a\":[2]}");
    expect_patch("{\"a\":1}", "[{\"op\":\"remove\",\"path\":\"/b\"}]", NULL);
    expect_patch("{\"a\":1}", "[{\"op\":\"replace\",\"path\":\"/a\",\"value\":null}]", "{\"a\":null}");
    expect_patch("{\"a\":1}", "[{\"op\":\"replace\",\"path\":\"/b\",\"value\":2}]", NULL);
    expect_patch("{\"a\":{\"b\":1}}", "[{\"op\":\"move\",\"from\":\"/a/b\",\"path\":\"/c\"}]",
                 "{\"a\":{},\"c\":1}");
    expect_patch("{\"a\":{\"b\":1}}", "[{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/a/x\"}]", NULL);
    expect_patch("{\"a\":{\"b\":1}}", "[{\"op\":\"copy\",\"from\":\"/a\",\"path\":\"/c\"}]",
                 "{\"a\":{\"b\":1},\"c\":{\"b\":1}}");
    expect_patch("{\"a~b\":1,\"c/d\":2}", "[{\"op\":\"test\",\"path\":\"/a~0b\",\"value\":1},"
                 "{\"op\":\"test\",\"path\":\"/c~1d\",\"value\":2}]", "{\"a~b\":1,\"c/d\":2}");
    expect_patch("{\"a\":1}", "[{\"op\":\"test\",\"path\":\"/a\",\"value\":\"1\"}]", NULL);
    expect_patch("{\"a\":1}", "[{\"op\":\"increment\",\"path\":\"/a\",\"value\":2},"
                 "{\"op\":\"INCREMENT\",\"path\":\"/n\"}]", "{\"a\":3,\"n\":1}");
    expect_patch("{\"a\":\"s\"}", "[{\"op\":\"increment\",\"path\":\"/a\"}]", NULL);
    expect_patch("{\"a\":1}", "[{\"op\":\"add\",\"path\":\"/b\",\"value\":1},{\"op\":\"bogus\","
                 "\"path\":\"/a\"}]", NULL);
    expect_patch("{\"a\":1}", "[{\"op\":\"add\",\"path\":\"/_id\",\"value\":\"x\"}]", NULL);
    expect_patch("{\"a\":1}", "[{\"op\":\"add\",\"path\":\"/a~2\",\"value\":1}]", NULL);
    expect_patch("{\"a\":1}", "{\"op\":\"add\"}", NULL);
}

static void test_iso(void)
{
    long long t = 0;
    CU_ASSERT_EQUAL(srv_parse_iso_micros("1970-01-01T00:00:01Z", &t), 0);
    CU_ASSERT_EQUAL(t, 1000000);
    CU_ASSERT_EQUAL(srv_parse_iso_micros("2024-01-02T03:04:05.5Z", &t), 0);
    CU_ASSERT_EQUAL(t, 1704164645500000LL);
    CU_ASSERT_EQUAL(srv_parse_iso_micros("2024-01-02 05:04:05.123456789+02:00", &t), 0);
    CU_ASSERT_EQUAL(t, 1704164645123456LL);
    CU_ASSERT_EQUAL(srv_parse_iso_micros("2024-01-02", &t), 0);
    CU_ASSERT_EQUAL(t, 1704153600000000LL);
    CU_ASSERT_EQUAL(srv_parse_iso_micros("2024-13-02", &t), -1);
    CU_ASSERT_EQUAL(srv_parse_iso_micros("yesterday", &t), -1);
    CU_ASSERT_EQUAL(srv_parse_iso_micros("2024-01-02T03:04:05Zjunk", &t), -1);
}

static void test_error_model(void)
{
    srv_response res = {0};
    srv_reply_error(&res, 404, "NOTFOUND", "WORKSPACE_NOT_FOUND", "Workspace '%s' not found.", "w");
    CU_ASSERT_EQUAL(res.status, 404);
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(res.json, "message")->valuestring,
                           "Workspace 'w' not found.");
    CU_ASSERT(cJSON_IsNull(cJSON_GetObjectItem(res.json, "line")));
    CU_ASSERT(cJSON_IsNull(cJSON_GetObjectItem(res.json, "internal_errors")));
    CU_ASSERT_EQUAL(cJSON_GetArraySize(res.json), 9);
    srv_reply_error_at(&res, 400, "QUERY_ERROR", "function_not_found", 1, 8, "q1", "m");
    CU_ASSERT_EQUAL(cJSON_GetObjectItem(res.json, "column")->valueint, 8);
    CU_ASSERT(cJSON_IsNull(cJSON_GetObjectItem(res.json, "message_key")));
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(res.json, "query_id")->valuestring, "q1");
    srv_reply_data(&res, 200, cJSON_CreateArray());
    CU_ASSERT(cJSON_IsArray(cJSON_GetObjectItem(res.json, "data")));
    cJSON_Delete(res.json);
    char hex[33];
    srv_random_hex(hex, 16);
    CU_ASSERT_EQUAL(strlen(hex), 32);
    CU_ASSERT_EQUAL(strspn(hex, "0123456789abcdef"), 32);
}

int main(void)
{
    static const cu_case cases[] = {
        {"router", test_router},
        {"body NUL", test_body_nul},
        {"docpatch", test_docpatch},
        {"iso timestamps", test_iso},
        {"error model", test_error_model},
        {NULL, NULL},
    };
    return cu_run("server_units", cases);
}
