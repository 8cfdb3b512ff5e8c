/* SPDX-License-Identifier: Apache-2.0 */
/* rockset-local control plane over HTTP: ping, auth, errors, orgs, users, API keys,
 * workspaces, collections, integrations. Run through tests/with-server.sh. */
#include "tests/server/handlers/api_util.h"
#include "tests/cunit_main.h"

#include <CUnit/Basic.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GET(p) api_call("GET", p, NULL, NULL)
#define DEL(p) api_call("DELETE", p, NULL, NULL)
#define POST(p, b) api_call("POST", p, b, NULL)

static void test_ping_and_auth(void)
{
    api_resp r = api_call("GET", "/", NULL, "");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "message"), "GO ROCKSET!");
    api_free(&r);
    r = api_call("GET", "/v1/orgs/self", NULL, "");
    CU_ASSERT_EQUAL(r.status, 401);
    CU_ASSERT(is_error(r.json, "AUTHEXCEPTION", NULL));
    CU_ASSERT(cJSON_IsNull(jget(r.json, "line")));
    api_free(&r);
    r = api_call("GET", "/v1/orgs/self/ws", NULL, "not-a-key-at-all");
    CU_ASSERT_EQUAL(r.status, 401);
    CU_ASSERT(is_error(r.json, "AUTHEXCEPTION", NULL));
    /* The offered key never comes back in an error. */
    CU_ASSERT_PTR_NULL(strstr(r.body, "not-a-key-at-all"));
    api_free(&r);
    r = GET("/v1/orgs/self");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_PTR_NOT_NULL(jstr(r.json, "data.id"));
    CU_ASSERT_PTR_NOT_NULL(jstr(r.json, "data.created_at"));
    api_free(&r);
}

static void test_error_paths(void)
{
    api_resp r = GET("/v1/orgs/self/no/such/thing");
    CU_ASSERT_EQUAL(r.status, 404);
    CU_ASSERT(is_error(r.json, "NOTFOUND", NULL));
    api_free(&r);
    r = api_call("GET", "/nothing-here", NULL, NULL);
    CU_ASSERT_EQUAL(r.status, 404);
    CU_ASSERT(is_error(r.json, "NOTFOUND", NULL));
    api_free(&r);
    r = api_call("PUT", "/v1/orgs/self/ws", "{}", NULL);
    CU_ASSERT_EQUAL(r.status, 405);
    CU_ASSERT(is_error(r.json, "METHODNOTALLOWED", NULL));
    api_free(&r);
    r = POST("/v1/orgs/self/ws", "{\"name\": ");
    CU_ASSERT_EQUAL(r.status, 400);
    CU_ASSERT(is_error(r.json, "INVALIDINPUT", NULL));
    api_free(&r);
    r = POST("/v1/orgs/self/ws", "{\"name\":\"zz\"} trailing");
    CU_ASSERT_EQUAL(r.status, 400);
    api_free(&r);
    r = POST("/v1/orgs/self/ws/commons/collections/sample/docs", "{\"data\":[{\"a\":1.}]}");
    CU_ASSERT_EQUAL(r.status, 400); /* cJSON takes "1." but the store's parser does not */
    CU_ASSERT(is_error(r.json, "INVALIDINPUT", NULL));
    api_free(&r);
    r = POST("/v1/orgs/self/ws", "[1,2]");
    CU_ASSERT_EQUAL(r.status, 400);
    api_free(&r);
    r = GET("/v1/orgs/self/ws/bad%zzescape");
    CU_ASSERT_EQUAL(r.status, 400);
    CU_ASSERT(is_error(r.json, "INVALIDINPUT", NULL)); /* like every other refused name */
    api_free(&r);
}

static void test_body_limit(void)
{
    size_t n = 64u * 1024u * 1024u + 16;
    char *big = malloc(n + 1);
    CU_ASSERT_FATAL(big != NULL);
    memset(big, ' ', n);
    memcpy(big, "{\"data\":[", 9);
    big[n - 2] = ']';
    big[n - 1] = '}';
    big[n] = '\0';
    api_resp r = POST("/v1/orgs/self/ws/commons/collections/sample/docs", big);
    CU_ASSERT_EQUAL(r.status, 413);
    CU_ASSERT(is_error(r.json, "CONTENTTOOLARGE", NULL));
    api_free(&r);
    free(big);
}

static void test_users(void)
{
    api_resp r = GET("/v1/orgs/self/users/self");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "email"), "admin@localhost"); /* bare User */
    CU_ASSERT(cJSON_IsArray(jget(r.json, "roles")));
    api_free(&r);
    r = POST("/v1/orgs/self/users", "{\"email\":\"ann+t@example.com\",\"roles\":[\"member\"],"
                                    "\"first_name\":\"Ann\"}");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.email"), "ann+t@example.com");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.roles.0"), "member");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.state"), "ACTIVE");
    api_free(&r);
    r = POST("/v1/orgs/self/users", "{\"email\":\"ann+t@example.com\",\"roles\":[]}");
    CU_ASSERT_EQUAL(r.status, 409);
    CU_ASSERT(is_error(r.json, "ALREADYEXISTS", NULL));
    api_free(&r);
    r = POST("/v1/orgs/self/users", "{\"roles\":[]}");
    CU_ASSERT_EQUAL(r.status, 400);
    api_free(&r);
    r = GET("/v1/orgs/self/users/ann%2Bt%40example.com");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "first_name"), "Ann");
    api_free(&r);
    r = GET("/v1/orgs/self/users");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT(cJSON_GetArraySize(jget(r.json, "data")) >= 2);
    api_free(&r);
    r = DEL("/v1/orgs/self/users/admin%40localhost");
    CU_ASSERT_EQUAL(r.status, 400); /* not yourself */
    api_free(&r);
    r = DEL("/v1/orgs/self/users/self");
    CU_ASSERT_EQUAL(r.status, 400);
    api_free(&r);
    r = DEL("/v1/orgs/self/users/ann%2Bt%40example.com");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.email"), "ann+t@example.com");
    api_free(&r);
    r = GET("/v1/orgs/self/users/ann%2Bt%40example.com");
    CU_ASSERT_EQUAL(r.status, 404);
    CU_ASSERT(is_error(r.json, "NOTFOUND", "USER_NOT_FOUND"));
    api_free(&r);
}

static void test_apikeys(void)
{
    api_resp r = POST("/v1/orgs/self/users/self/apikeys", "{\"name\":\"tk1\"}");
    CU_ASSERT_EQUAL(r.status, 200);
    const char *k = jstr(r.json, "data.key");
    CU_ASSERT_FATAL(k != NULL);
    CU_ASSERT_EQUAL(strlen(k), 64);
    char *key = strdup(k);
    api_free(&r);
    r = api_call("GET", "/v1/orgs/self/users/self", NULL, key);
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    r = POST("/v1/orgs/self/users/self/apikeys", "{\"name\":\"tk1\"}");
    CU_ASSERT_EQUAL(r.status, 409);
    api_free(&r);
    r = POST("/v1/orgs/self/users/self/apikeys", "{}");
    CU_ASSERT_EQUAL(r.status, 400);
    api_free(&r);
    r = GET("/v1/orgs/self/users/self/apikeys");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_PTR_NULL(strstr(r.body, key)); /* listed keys are masked */
    CU_ASSERT(cJSON_GetArraySize(jget(r.json, "data")) >= 2);
    api_free(&r);
    r = GET("/v1/orgs/self/users/self/apikeys/tk1");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_PTR_NULL(strstr(r.body, key));
    api_free(&r);
    /* only a hash is kept: a key is shown whole once, when created; later reveal is 501 */
    r = GET("/v1/orgs/self/users/admin%40localhost/apikeys/tk1?reveal=true");
    CU_ASSERT_EQUAL(r.status, 501);
    CU_ASSERT_PTR_NULL(strstr(r.body, key));
    api_free(&r);
    r = GET("/v1/orgs/self/users/self/apikeys/tk1");
    CU_ASSERT(jstr(r.json, "data.key") && strncmp(jstr(r.json, "data.key"), key, 6) == 0 &&
              strspn(jstr(r.json, "data.key") + 6, "*") == strlen(key) - 6);
    api_free(&r);
    r = GET("/v1/orgs/self/users/self/apikeys/nope");
    CU_ASSERT_EQUAL(r.status, 404);
    api_free(&r);
    r = DEL("/v1/orgs/self/users/self/apikeys/tk1");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.name"), "tk1");
    api_free(&r);
    r = api_call("GET", "/v1/orgs/self/users/self", NULL, key); /* dead at once */
    CU_ASSERT_EQUAL(r.status, 401);
    api_free(&r);
    free(key);
    /* Keys of another user (admin only). */
    r = POST("/v1/orgs/self/users", "{\"email\":\"kim@example.com\",\"roles\":[\"member\"]}");
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    r = POST("/v1/orgs/self/users/kim%40example.com/apikeys", "{\"name\":\"kk\"}");
    CU_ASSERT_EQUAL(r.status, 200);
    key = strdup(jstr(r.json, "data.key") ? jstr(r.json, "data.key") : "");
    api_free(&r);
    r = GET("/v1/orgs/self/users/kim%40example.com/apikeys");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.0.name"), "kk");
    api_free(&r);
    r = api_call("GET", "/v1/orgs/self/users/admin%40localhost/apikeys", NULL, key);
    CU_ASSERT_EQUAL(r.status, 403); /* a member may not list an admin's keys */
    CU_ASSERT(is_error(r.json, "FORBIDDEN", NULL));
    api_free(&r);
    r = POST("/v1/orgs/self/users/ghost%40example.com/apikeys", "{\"name\":\"x\"}");
    CU_ASSERT_EQUAL(r.status, 404);
    api_free(&r);
    r = DEL("/v1/orgs/self/users/kim%40example.com/apikeys/kk");
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    r = api_call("GET", "/v1/orgs/self/users/self", NULL, key);
    CU_ASSERT_EQUAL(r.status, 401);
    api_free(&r);
    free(key);
}

static void test_workspaces(void)
{
    api_resp r = POST("/v1/orgs/self/ws", "{\"name\":\"tws\",\"description\":\"d\"}");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.name"), "tws");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.created_by"), "admin@localhost");
    CU_ASSERT_EQUAL(jnum(r.json, "data.collection_count"), 0);
    api_free(&r);
    r = POST("/v1/orgs/self/ws", "{\"name\":\"tws\"}");
    CU_ASSERT_EQUAL(r.status, 409);
    CU_ASSERT(is_error(r.json, "ALREADYEXISTS", NULL));
    api_free(&r);
    r = POST("/v1/orgs/self/ws", "{\"name\":\"bad name!\"}");
    CU_ASSERT_EQUAL(r.status, 400);
    api_free(&r);
    r = POST("/v1/orgs/self/ws", "{\"name\":\"tws.child\"}");
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    r = POST("/v1/orgs/self/ws", "{\"name\":\"tws.child.grand\"}");
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    r = GET("/v1/orgs/self/ws/tws/ws");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(jget(r.json, "data")), 1);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.0.name"), "tws.child");
    api_free(&r);
    r = GET("/v1/orgs/self/ws/nope/ws");
    CU_ASSERT_EQUAL(r.status, 404);
    api_free(&r);
    r = GET("/v1/orgs/self/ws/commons");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT(jnum(r.json, "data.collection_count") >= 1);
    api_free(&r);
    r = GET("/v1/orgs/self/ws");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT(strstr(r.body, "\"sales\"") != NULL && strstr(r.body, "\"tws.child\"") != NULL);
    api_free(&r);
    r = DEL("/v1/orgs/self/ws/sales");
    CU_ASSERT_EQUAL(r.status, 409);
    CU_ASSERT(is_error(r.json, "DEPENDENTRESOURCES", NULL));
    api_free(&r);
    r = DEL("/v1/orgs/self/ws/tws");
    CU_ASSERT_EQUAL(r.status, 409); /* still has nested workspaces */
    api_free(&r);
    r = DEL("/v1/orgs/self/ws/tws.child.grand");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.name"), "tws.child.grand");
    api_free(&r);
    r = DEL("/v1/orgs/self/ws/tws.child");
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    r = DEL("/v1/orgs/self/ws/tws");
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    r = GET("/v1/orgs/self/ws/tws");
    CU_ASSERT_EQUAL(r.status, 404);
    CU_ASSERT(is_error(r.json, "NOTFOUND", "WORKSPACE_NOT_FOUND"));
    api_free(&r);
    r = DEL("/v1/orgs/self/ws/commons");
    CU_ASSERT_EQUAL(r.status, 400);
    api_free(&r);
}

static void test_collections(void)
{
    api_resp r = POST("/v1/orgs/self/ws/commons/collections",
                      "{\"name\":\"tc\",\"description\":\"test\",\"retention_secs\":86400}");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.status"), "CREATED");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.workspace"), "commons");
    CU_ASSERT_EQUAL(jnum(r.json, "data.retention_secs"), 86400);
    CU_ASSERT_EQUAL(jnum(r.json, "data.stats.doc_count"), 0);
    api_free(&r);
    r = GET("/v1/orgs/self/ws/commons/collections/tc");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.status"), "READY");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.description"), "test");
    api_free(&r);
    r = POST("/v1/orgs/self/ws/commons/collections", "{\"name\":\"tc\"}");
    CU_ASSERT_EQUAL(r.status, 409);
    CU_ASSERT(is_error(r.json, "ALREADYEXISTS", NULL));
    api_free(&r);
    r = POST("/v1/orgs/self/ws/nows/collections", "{\"name\":\"x\"}");
    CU_ASSERT_EQUAL(r.status, 404);
    CU_ASSERT(is_error(r.json, "NOTFOUND", "WORKSPACE_NOT_FOUND"));
    api_free(&r);
    r = POST("/v1/orgs/self/ws/commons/collections", "{\"name\":\"x y\"}");
    CU_ASSERT_EQUAL(r.status, 400);
    api_free(&r);
    r = POST("/v1/orgs/self/ws/commons/collections", "{\"name\":\"x\",\"retention_secs\":-4}");
    CU_ASSERT_EQUAL(r.status, 400);
    api_free(&r);
    r = POST("/v1/orgs/self/ws/commons/collections",
             "{\"name\":\"x\",\"field_mappings\":[{\"name\":\"m\",\"input_fields\":[],"
             "\"output_field\":{\"field_name\":\"o\",\"value\":\"SELECT FROM (\"}}]}");
    CU_ASSERT_EQUAL(r.status, 400);
    api_free(&r);
    r = POST("/v1/orgs/self/ws/commons/collections",
             "{\"name\":\"x\",\"sources\":[{\"integration_name\":\"i\",\"s3\":{}}]}");
    CU_ASSERT_EQUAL(r.status, 501);
    CU_ASSERT(is_error(r.json, "NOTIMPLEMENTEDYET", NULL));
    api_free(&r);
    r = GET("/v1/orgs/self/ws/commons/collections/nope");
    CU_ASSERT_EQUAL(r.status, 404);
    CU_ASSERT(is_error(r.json, "NOTFOUND", "COLLECTION_DOES_NOT_EXIST"));
    api_free(&r);
    r = GET("/v1/orgs/self/ws/sales/collections/orders");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_EQUAL(jnum(r.json, "data.stats.doc_count"), 200);
    CU_ASSERT(jnum(r.json, "data.stats.total_size") > 1000);
    CU_ASSERT(jnum(r.json, "data.stats.last_updated_ms") > 1.6e12);
    api_free(&r);
    r = GET("/v1/orgs/self/collections");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT(strstr(r.body, "\"orders\"") && strstr(r.body, "\"sample\"") && strstr(r.body, "\"tc\""));
    api_free(&r);
    r = GET("/v1/orgs/self/ws/sales/collections");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(jget(r.json, "data")), 1);
    api_free(&r);
    r = GET("/v1/orgs/self/ws/nows/collections");
    CU_ASSERT_EQUAL(r.status, 404);
    api_free(&r);
    r = GET("/v1/orgs/self/ws/commons/collections/tc/lambdas");
    CU_ASSERT_EQUAL(r.status, 200); /* answered by the query area's hook */
    CU_ASSERT(cJSON_IsArray(jget(r.json, "data")));
    api_free(&r);
    r = GET("/v1/orgs/self/ws/commons/collections/nope/lambdas");
    CU_ASSERT_EQUAL(r.status, 404);
    api_free(&r);
    r = POST("/v1/orgs/self/ws/commons/collections",
             "{\"name\":\"x\",\"field_mapping_query\":{\"sql\":\"SELECT * FROM _input\"}}");
    CU_ASSERT_EQUAL(r.status, 501);
    api_free(&r);
    r = DEL("/v1/orgs/self/ws/commons/collections/tc/docs"); /* no body */
    CU_ASSERT_EQUAL(r.status, 400);
    CU_ASSERT(is_error(r.json, "INVALIDINPUT", NULL));
    api_free(&r);
    r = DEL("/v1/orgs/self/ws/commons/collections/tc");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.status"), "DELETED");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.name"), "tc");
    api_free(&r);
    r = DEL("/v1/orgs/self/ws/commons/collections/tc");
    CU_ASSERT_EQUAL(r.status, 404);
    api_free(&r);
}

static void test_integrations(void)
{
    const char *body = "{\"name\":\"ti\",\"description\":\"d\",\"s3\":{\"aws_role\":"
                       "{\"aws_role_arn\":\"arn:aws:iam::1:role/r\"}}}";
    api_resp r = POST("/v1/orgs/self/integrations", body);
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.s3.aws_role.aws_role_arn"), "arn:aws:iam::1:role/r");
    CU_ASSERT_PTR_NOT_NULL(jstr(r.json, "data.created_at"));
    api_free(&r);
    r = POST("/v1/orgs/self/integrations", body);
    CU_ASSERT_EQUAL(r.status, 409);
    api_free(&r);
    r = POST("/v1/orgs/self/integrations", "{\"description\":\"x\"}");
    CU_ASSERT_EQUAL(r.status, 400);
    api_free(&r);
    r = GET("/v1/orgs/self/integrations/ti");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.description"), "d");
    api_free(&r);
    r = GET("/v1/orgs/self/integrations");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.0.name"), "ti");
    api_free(&r);
    r = DEL("/v1/orgs/self/integrations/ti");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.name"), "ti");
    api_free(&r);
    r = GET("/v1/orgs/self/integrations/ti");
    CU_ASSERT_EQUAL(r.status, 404);
    CU_ASSERT(is_error(r.json, "NOTFOUND", NULL));
    api_free(&r);
}

int main(void)
{
    static const cu_case cases[] = {
        {"ping and auth", test_ping_and_auth},
        {"error paths", test_error_paths},
        {"body limit", test_body_limit},
        {"users", test_users},
        {"api keys", test_apikeys},
        {"workspaces", test_workspaces},
        {"collections", test_collections},
        {"integrations", test_integrations},
        {NULL, NULL},
    };
    int rc;

    if (api_init() != 0)
        return 99;
    rc = cu_run("server_api", cases);
    api_cleanup();
    return rc;
}
