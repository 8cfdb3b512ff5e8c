/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of server/http/limits.c with a clock of our own: the token bucket's burst, refill
 * and wait; which requests run a query; how the query timeout is put into a request body; the
 * documents-per-request answer. limits.sh covers the same limits over HTTP. */
#include "server/http/limits.h"
#include "tests/cunit_main.h"

#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

static void test_bucket(void)
{
    srv_bucket b = {0};
    long long t = 1000000;
    /* a full second of requests at once, then a wait of half a second for the next */
    CU_ASSERT_EQUAL(srv_bucket_wait(&b, 2, t), 0);
    srv_bucket_take(&b);
    CU_ASSERT_EQUAL(srv_bucket_wait(&b, 2, t), 0);
    srv_bucket_take(&b);
    CU_ASSERT_EQUAL(srv_bucket_wait(&b, 2, t), 500000);
    CU_ASSERT_EQUAL(srv_bucket_wait(&b, 2, t + 200000), 300000);
    CU_ASSERT_EQUAL(srv_bucket_wait(&b, 2, t + 500000), 0);
    srv_bucket_take(&b);
    /* an idle hour does not bank more than one second */
    t += 3600LL * 1000000;
    for (int i = 0; i < 2; i++) {
        CU_ASSERT_EQUAL(srv_bucket_wait(&b, 2, t), 0);
        srv_bucket_take(&b);
    }
    CU_ASSERT(srv_bucket_wait(&b, 2, t) > 0);
    /* a clock that goes back refills nothing */
    CU_ASSERT(srv_bucket_wait(&b, 2, t - 5000000) > 0);
}

static void test_runs_query(void)
{
    CU_ASSERT(srv_limits_runs_query("POST", "/v1/orgs/self/queries"));
    CU_ASSERT(srv_limits_runs_query("POST", "/v1/orgs/self/ws/commons/lambdas/l/versions/abc"));
    CU_ASSERT(srv_limits_runs_query("POST", "/v1/orgs/self/ws/a.b/lambdas/l/tags/latest"));
    CU_ASSERT(!srv_limits_runs_query("GET", "/v1/orgs/self/queries"));
    CU_ASSERT(!srv_limits_runs_query("POST", "/v1/orgs/self/queries/validations"));
    CU_ASSERT(!srv_limits_runs_query("POST", "/v1/orgs/self/ws/commons/lambdas/l/versions"));
    CU_ASSERT(!srv_limits_runs_query("POST", "/v1/orgs/self/ws/commons/lambdas/l/tags"));
    CU_ASSERT(!srv_limits_runs_query("POST", "/v1/orgs/self/ws/commons/lambdas/l/other/x"));
    CU_ASSERT(!srv_limits_runs_query("POST", "/v1/orgs/self/ws/commons/lambdas/l/tags/x/y"));
    CU_ASSERT(!srv_limits_runs_query("POST", "/v1/orgs/self/ws//lambdas/l/tags/x"));
}

/* The body's timeout after applying a 1000 ms limit to `in` (NULL: an empty body). */
static char *timed(const char *in)
{
    cJSON *j = in ? cJSON_Parse(in) : NULL;
    CU_ASSERT(srv_limits_query_timeout(&j) == 0);
    char *s = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    return s;
}

static void expect_timed(const char *in, const char *want)
{
    char *got = timed(in);
    CU_ASSERT_STRING_EQUAL(got, want);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "\n  %s -> %s, want %s\n", in ? in : "(none)", got, want);
    free(got);
}

static void test_query_timeout(void)
{
    srv_limits l;
    srv_limits_defaults(&l);
    l.query_timeout_ms = 1000;
    srv_limits_set(&l);
    expect_timed(NULL, "{\"timeout_ms\":1000}");
    expect_timed("{\"sql\":{}}", "{\"sql\":{},\"timeout_ms\":1000}");
    expect_timed("{\"timeout_ms\":null}", "{\"timeout_ms\":1000}");
    expect_timed("{\"timeout_ms\":0}", "{\"timeout_ms\":1000}");
    expect_timed("{\"timeout_ms\":500}", "{\"timeout_ms\":500}");
    expect_timed("{\"timeout_ms\":5000}", "{\"timeout_ms\":1000}");
    expect_timed("{\"sql\":{\"timeout_ms\":5000}}", "{\"sql\":{\"timeout_ms\":1000}}");
    expect_timed("{\"sql\":{\"timeout_ms\":0}}", "{\"sql\":{},\"timeout_ms\":1000}");
    /* what the query layer refuses reaches it as sent */
    expect_timed("{\"timeout_ms\":-1}", "{\"timeout_ms\":-1}");
    expect_timed("{\"timeout_ms\":2.5}", "{\"timeout_ms\":2.5}");
    expect_timed("{\"timeout_ms\":\"9\"}", "{\"timeout_ms\":\"9\"}");
    expect_timed("{\"timeout_ms\":1e300}", "{\"timeout_ms\":1e+300}");
    expect_timed("[1]", "[1]");
    l.query_timeout_ms = 0; /* none: bodies unchanged */
    srv_limits_set(&l);
    expect_timed("{\"timeout_ms\":5000}", "{\"timeout_ms\":5000}");
    expect_timed("{}", "{}");
    srv_limits_defaults(&l);
    srv_limits_set(&l);
}

static void test_docs(void)
{
    srv_limits l;
    srv_response res = {0};
    srv_limits_defaults(&l);
    CU_ASSERT_EQUAL(l.max_docs, 20000);
    CU_ASSERT_EQUAL(srv_limits_docs(20000, &res), 0);
    CU_ASSERT_EQUAL(srv_limits_docs(20001, &res), -1);
    CU_ASSERT_EQUAL(res.status, 400);
    const char *m = cJSON_GetStringValue(cJSON_GetObjectItem(res.json, "message"));
    CU_ASSERT(m && strstr(m, "maximum allowed limit of 20,000 documents"));
    cJSON_Delete(res.json);
    l.max_docs = 1234567;
    srv_limits_set(&l);
    res = (srv_response){0};
    CU_ASSERT_EQUAL(srv_limits_docs(1234568, &res), -1);
    m = cJSON_GetStringValue(cJSON_GetObjectItem(res.json, "message"));
    CU_ASSERT(m && strstr(m, "limit of 1,234,567 documents"));
    cJSON_Delete(res.json);
    l.max_docs = 0; /* no limit */
    srv_limits_set(&l);
    CU_ASSERT_EQUAL(srv_limits_docs(1 << 30, &res), 0);
    srv_limits_defaults(&l);
    srv_limits_set(&l);
}

int main(void)
{
    static const cu_case cases[] = {
        {"token bucket: burst, refill, wait", test_bucket},
        {"requests that run a query", test_runs_query},
        {"query timeout default and ceiling", test_query_timeout},
        {"documents per request", test_docs},
        {NULL, NULL},
    };
    return cu_run("server limits", cases);
}
