/* SPDX-License-Identifier: Apache-2.0 */
/* rockset-local documents over HTTP: add/replace/errors, JSON Patch, delete, event time,
 * field mappings, retention, the loaded sample data, and 8 concurrent writers/readers.
 * Run through tests/with-server.sh. */
#include "tests/server/handlers/api_util.h"
#include "tests/cunit_main.h"

#include <CUnit/Basic.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DOCS(c) "/v1/orgs/self/ws/commons/collections/" c "/docs"

static api_resp mk_coll(const char *body)
{
    return api_call("POST", "/v1/orgs/self/ws/commons/collections", body, NULL);
}

/* The stored document (without _id) of collection coll as JSON text. */
static char *stored(const char *coll, const char *id, const char *what)
{
    char sql[512];
    /* Table names cannot be bound: resolve the id first. */
    snprintf(sql, sizeof sql, "SELECT id FROM collections WHERE workspace = 'commons' AND name = '%s'",
             coll);
    char *cid = db_scalar(sql);
    if (!cid)
        return NULL;
    snprintf(sql, sizeof sql, "SELECT %s FROM docs_%s WHERE _id = '%s'", what, cid, id);
    free(cid);
    return db_scalar(sql);
}

static double doc_count(const char *ws, const char *coll)
{
    api_resp r = api_callf("GET", NULL, "/v1/orgs/self/ws/%s/collections/%s", ws, coll);
    double n = jnum(r.json, "data.stats.doc_count");
    api_free(&r);
    return n;
}

static void test_sample_loaded(void)
{
    CU_ASSERT_EQUAL(doc_count("commons", "sample"), 50);
    CU_ASSERT_EQUAL(doc_count("sales", "orders"), 200);
    char *big = stored("sample", "s10", "json_extract(doc, '$.big')");
    CU_ASSERT_PTR_NOT_NULL(big);
    if (big)
        CU_ASSERT_STRING_EQUAL(big, "9007199254741003"); /* every digit survives ingest */
    free(big);
    char *name = stored("sample", "s05", "json_extract(doc, '$.name')");
    CU_ASSERT(name && strcmp(name, "Ünïcödé 😀") == 0);
    free(name);
    char *f = db_scalar("SELECT count(*) FROM coll_fields WHERE coll_id = (SELECT id FROM"
                        " collections WHERE name = 'sample') AND name IN ('price', 'address',"
                        " 'category', 'seen', '_id')");
    CU_ASSERT(f && strcmp(f, "4") == 0); /* _id is a column, not a field */
    free(f);
}

static void test_add_replace(void)
{
    api_resp r = mk_coll("{\"name\":\"td\"}");
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    r = api_call("POST", DOCS("td"),
                 "{\"data\":[{\"_id\":\"a\",\"x\":1,\"s\":\"é\"},{\"y\":2},{\"_id\":7},\"str\"]}", NULL);
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(jget(r.json, "data")), 4);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.0.status"), "ADDED");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.0._id"), "a");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.0._collection"), "td");
    CU_ASSERT(cJSON_IsNull(jget(r.json, "data.0.error")));
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.1.status"), "ADDED");
    CU_ASSERT(jstr(r.json, "data.1._id") && strlen(jstr(r.json, "data.1._id")) == 32);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.2.status"), "ERROR");
    CU_ASSERT_PTR_NOT_NULL(jstr(r.json, "data.2.error.message"));
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.3.status"), "ERROR");
    CU_ASSERT(cJSON_HasObjectItem(r.json, "last_offset"));
    api_free(&r);
    r = api_call("POST", DOCS("td"), "{\"data\":[{\"_id\":\"a\",\"x\":2}]}", NULL);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.0.status"), "REPLACED");
    api_free(&r);
    CU_ASSERT_EQUAL(doc_count("commons", "td"), 2);
    char *d = stored("td", "a", "doc");
    CU_ASSERT(d && strcmp(d, "{\"x\":2}") == 0);
    free(d);
    r = api_call("POST", DOCS("td"), "{\"docs\":[]}", NULL);
    CU_ASSERT_EQUAL(r.status, 400);
    CU_ASSERT(is_error(r.json, "INVALIDINPUT", NULL));
    api_free(&r);
    r = api_call("POST", DOCS("nope"), "{\"data\":[]}", NULL);
    CU_ASSERT_EQUAL(r.status, 404);
    CU_ASSERT(is_error(r.json, "NOTFOUND", "COLLECTION_DOES_NOT_EXIST"));
    api_free(&r);
    r = api_call("POST", "/v1/orgs/self/ws/nows/collections/x/docs", "{\"data\":[]}", NULL);
    CU_ASSERT_EQUAL(r.status, 404);
    CU_ASSERT(is_error(r.json, "NOTFOUND", "WORKSPACE_NOT_FOUND"));
    api_free(&r);
}

static void test_patch(void)
{
    api_resp r = api_call("POST", DOCS("td"),
                          "{\"data\":[{\"_id\":\"p\",\"x\":1,\"arr\":[1,3],\"o\":{\"k\":\"v\"}}]}", NULL);
    api_free(&r);
    r = api_call("PATCH", DOCS("td"),
                 "{\"data\":[{\"_id\":\"p\",\"patch\":["
                 "{\"op\":\"add\",\"path\":\"/n\",\"value\":1},"
                 "{\"op\":\"INCREMENT\",\"path\":\"/n\",\"value\":5},"
                 "{\"op\":\"replace\",\"path\":\"/x\",\"value\":\"ten\"},"
                 "{\"op\":\"ADD\",\"path\":\"/arr/1\",\"value\":2},"
                 "{\"op\":\"add\",\"path\":\"/arr/-\",\"value\":4},"
                 "{\"op\":\"copy\",\"from\":\"/o\",\"path\":\"/o2\"},"
                 "{\"op\":\"move\",\"from\":\"/o2/k\",\"path\":\"/a~1b\"},"
                 "{\"op\":\"remove\",\"path\":\"/o2\"},"
                 "{\"op\":\"test\",\"path\":\"/x\",\"value\":\"ten\"}]},"
                 "{\"_id\":\"p\",\"patch\":[{\"op\":\"remove\",\"path\":\"/x\"},"
                 "{\"op\":\"test\",\"path\":\"/n\",\"value\":99}]},"
                 "{\"_id\":\"ghost\",\"patch\":[{\"op\":\"remove\",\"path\":\"/x\"}]},"
                 "{\"_id\":\"p\",\"patch\":[{\"op\":\"jump\",\"path\":\"/x\"}]}]}",
                 NULL);
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.0.status"), "PATCHED");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.1.status"), "ERROR"); /* failed test: no change */
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.2.status"), "ERROR");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.2.error.type"), "NOTFOUND");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.3.status"), "ERROR");
    api_free(&r);
    char *d = stored("td", "p", "doc");
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    cJSON *doc = cJSON_Parse(d);
    CU_ASSERT_EQUAL(jnum(doc, "n"), 6);
    CU_ASSERT_STRING_EQUAL(jstr(doc, "x"), "ten");
    CU_ASSERT_EQUAL(jnum(doc, "arr.1"), 2);
    CU_ASSERT_EQUAL(jnum(doc, "arr.3"), 4);
    CU_ASSERT_STRING_EQUAL(jstr(doc, "a/b"), "v");
    CU_ASSERT_PTR_NULL(jget(doc, "o2"));
    CU_ASSERT_STRING_EQUAL(jstr(doc, "o.k"), "v");
    cJSON_Delete(doc);
    free(d);
    r = api_call("PATCH", DOCS("td"), "{\"data\":[{\"_id\":\"p\",\"patch\":[{\"op\":\"add\","
                 "\"path\":\"/_id\",\"value\":\"q\"}]}]}", NULL);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.0.status"), "ERROR");
    api_free(&r);
}

static void test_delete(void)
{
    double before = doc_count("commons", "td");
    api_resp r = api_call("DELETE", DOCS("td"), "{\"data\":[{\"_id\":\"a\"},{\"_id\":\"ghost\"},{}]}",
                          NULL);
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.0.status"), "DELETED");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.0._id"), "a");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.1.status"), "DELETED");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.2.status"), "ERROR");
    api_free(&r);
    CU_ASSERT_EQUAL(doc_count("commons", "td"), before - 1);
    CU_ASSERT_PTR_NULL(stored("td", "a", "doc"));
}

static void test_event_time(void)
{
    api_resp r = mk_coll("{\"name\":\"te\",\"event_time_info\":{\"field\":\"ts\","
                         "\"format\":\"milliseconds_since_epoch\"}}");
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    r = mk_coll("{\"name\":\"te2\",\"event_time_info\":{\"field\":\"w.when\"}}");
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    r = mk_coll("{\"name\":\"te3\",\"event_time_info\":{\"field\":\"t\",\"format\":\"weeks\"}}");
    CU_ASSERT_EQUAL(r.status, 400);
    api_free(&r);
    r = api_call("POST", DOCS("te"), "{\"data\":[{\"_id\":\"e1\",\"ts\":1700000000123},"
                 "{\"_id\":\"e2\",\"ts\":\"soon\"},{\"_id\":\"e3\",\"_event_time\":"
                 "1600000000000001}]}", NULL);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.0.status"), "ADDED");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.1.status"), "ERROR");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.2.status"), "ADDED");
    api_free(&r);
    char *et = stored("te", "e1", "_event_time");
    CU_ASSERT(et && strcmp(et, "1700000000123000") == 0);
    free(et);
    et = stored("te", "e3", "_event_time");
    CU_ASSERT(et && strcmp(et, "1600000000000001") == 0);
    free(et);
    et = stored("te", "e3", "json_type(doc, '$._event_time')");
    CU_ASSERT_PTR_NULL(et); /* kept as the column, not in the document */
    free(et);
    r = api_call("POST", DOCS("te2"), "{\"data\":[{\"_id\":\"i1\",\"w\":{\"when\":"
                 "\"2024-01-02T03:04:05.5Z\"}},{\"_id\":\"i2\",\"w\":{\"when\":"
                 "\"2024-01-02T05:04:05+02:00\"}},{\"_id\":\"i3\"}]}", NULL);
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    et = stored("te2", "i1", "_event_time");
    CU_ASSERT(et && strcmp(et, "1704164645500000") == 0);
    free(et);
    et = stored("te2", "i2", "_event_time");
    CU_ASSERT(et && strcmp(et, "1704164645000000") == 0);
    free(et);
    et = stored("te2", "i3", "_event_time"); /* no field: time of ingest */
    CU_ASSERT(et && atoll(et) > 1704164645000000LL);
    free(et);
}

static void test_mappings(void)
{
    api_resp r = mk_coll(
        "{\"name\":\"tm\",\"field_mappings\":["
        "{\"name\":\"h\",\"input_fields\":[{\"field_name\":\"email\",\"param\":\"e\","
        "\"is_drop\":true}],\"output_field\":{\"field_name\":\"email_hash\","
        "\"value\":\"TO_HEX(SHA256(:e))\"}},"
        "{\"name\":\"c\",\"input_fields\":[{\"field_name\":\"n\",\"param\":\"n\"}],"
        "\"output_field\":{\"field_name\":\"n_int\",\"value\":\"CAST(:n AS int)\"}},"
        "{\"name\":\"s\",\"input_fields\":[{\"field_name\":\"a.opt\",\"param\":\"o\","
        "\"if_missing\":\"SKIP\"}],\"output_field\":{\"field_name\":\"opt_up\","
        "\"value\":\"UPPER(:o)\"}},"
        "{\"name\":\"f\",\"input_fields\":[{\"field_name\":\"j\",\"param\":\"j\"}],"
        "\"output_field\":{\"field_name\":\"jj\",\"value\":\"json(:j)\",\"on_error\":\"FAIL\"}}]}");
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    r = api_call("POST", DOCS("tm"), "{\"data\":[{\"_id\":\"m1\",\"email\":\"abc\",\"n\":\"42\","
                 "\"j\":\"[1]\"},{\"_id\":\"m2\",\"email\":\"x\",\"a\":{\"opt\":\"yes\"},"
                 "\"j\":\"not json\"}]}", NULL);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.0.status"), "ADDED");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.1.status"), "ERROR"); /* on_error FAIL */
    api_free(&r);
    char *d = stored("tm", "m1", "doc");
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    cJSON *doc = cJSON_Parse(d);
    CU_ASSERT_STRING_EQUAL(jstr(doc, "email_hash"),
                           "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CU_ASSERT_PTR_NULL(jget(doc, "email"));          /* is_drop */
    CU_ASSERT_EQUAL(jnum(doc, "n_int"), 42);
    CU_ASSERT_PTR_NULL(jget(doc, "opt_up"));         /* if_missing SKIP */
    CU_ASSERT_STRING_EQUAL(jstr(doc, "jj"), "[1]");
    cJSON_Delete(doc);
    free(d);
    r = mk_coll("{\"name\":\"tm2\",\"field_mappings\":[{\"name\":\"d\",\"is_drop_all_fields\":"
                "true,\"input_fields\":[{\"field_name\":\"a\",\"param\":\"a\"}],\"output_field\":"
                "{\"field_name\":\"b\",\"value\":\":a + 1\"}}]}");
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    r = api_call("POST", DOCS("tm2"), "{\"data\":[{\"_id\":\"d1\",\"a\":1,\"z\":true}]}", NULL);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.0.status"), "ADDED");
    api_free(&r);
    d = stored("tm2", "d1", "doc");
    CU_ASSERT(d && strcmp(d, "{\"b\":2}") == 0);
    free(d);
    /* An endless mapping: refused when it cannot finish even without inputs; one that loops
     * only on some inputs fails those documents in bounded time, and writes go on. */
#define LOOP(cond) "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c " cond \
                   ") SELECT count(*) FROM c)"
    r = mk_coll("{\"name\":\"tm3\",\"field_mappings\":[{\"name\":\"e\",\"input_fields\":[],"
                "\"output_field\":{\"field_name\":\"y\",\"value\":\"" LOOP("") "\"}}]}");
    CU_ASSERT_EQUAL(r.status, 400);
    CU_ASSERT_PTR_NOT_NULL(strstr(jstr(r.json, "message") ? jstr(r.json, "message") : "",
                                  "does not finish"));
    api_free(&r);
    r = mk_coll("{\"name\":\"tm4\",\"field_mappings\":[{\"name\":\"e\",\"input_fields\":"
                "[{\"field_name\":\"n\",\"param\":\"n\"}],\"output_field\":{\"field_name\":"
                "\"y\",\"value\":\"" LOOP("WHERE :n IS NOT NULL") "\",\"on_error\":\"FAIL\"}}]}");
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    r = api_call("POST", DOCS("tm4"), "{\"data\":[{\"_id\":\"l1\",\"n\":1},{\"_id\":\"l2\"}]}",
                 NULL);
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.0.status"), "ERROR");
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.1.status"), "ADDED");
    api_free(&r);
    r = api_call("POST", DOCS("tm2"), "{\"data\":[{\"_id\":\"d2\",\"a\":2}]}", NULL);
    CU_ASSERT_STRING_EQUAL(jstr(r.json, "data.0.status"), "ADDED");
    api_free(&r);
#undef LOOP
}

static void test_retention(void)
{
    char body[512];
    long long now = (long long)time(NULL);
    api_resp r = mk_coll("{\"name\":\"tr\",\"retention_secs\":60,\"event_time_info\":"
                         "{\"field\":\"ts\",\"format\":\"seconds_since_epoch\"}}");
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    snprintf(body, sizeof body, "{\"data\":[{\"_id\":\"old\",\"ts\":%lld},{\"_id\":\"new\","
             "\"ts\":%lld}]}", now - 3600, now);
    r = api_call("POST", DOCS("tr"), body, NULL);
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    r = api_call("GET", "/v1/orgs/self/ws/commons/collections/tr", NULL, NULL);
    CU_ASSERT_EQUAL(jnum(r.json, "data.stats.doc_count"), 1);
    CU_ASSERT_EQUAL(jnum(r.json, "data.stats.purged_doc_count"), 1);
    api_free(&r);
    CU_ASSERT_PTR_NULL(stored("tr", "old", "doc"));
    /* the largest retention accepted keeps everything (its microseconds overflowed 64 bits,
     * which once purged each document right after it was acknowledged) */
    r = mk_coll("{\"name\":\"tr_huge\",\"retention_secs\":9000000000000000}");
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    r = api_call("POST", DOCS("tr_huge"), "{\"data\":[{\"_id\":\"kept\"}]}", NULL);
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    CU_ASSERT_EQUAL(doc_count("commons", "tr_huge"), 1);
    char *kept = stored("tr_huge", "kept", "doc");
    CU_ASSERT_PTR_NOT_NULL(kept);
    free(kept);
    const char *long_tests = getenv("RS_LONG_TESTS");
    if (!long_tests || strcmp(long_tests, "1") != 0)
        return;
    /* The 10-second timer purges without any write to the collection. */
    r = mk_coll("{\"name\":\"tr2\",\"retention_secs\":1}");
    api_free(&r);
    r = api_call("POST", DOCS("tr2"), "{\"data\":[{\"_id\":\"soon-old\"}]}", NULL);
    api_free(&r);
    CU_ASSERT_EQUAL(doc_count("commons", "tr2"), 1);
    struct timespec ts = {12, 0};
    nanosleep(&ts, NULL);
    CU_ASSERT_EQUAL(doc_count("commons", "tr2"), 0);
}

/* ---- concurrency: 8 clients adding documents while querying ---- */
typedef struct worker {
    int n, seconds, use_query;
    long added, errors;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    char body[4096];
    time_t end = time(NULL) + w->seconds;
    for (int round = 0; time(NULL) < end; round++) {
        size_t o = (size_t)snprintf(body, sizeof body, "{\"data\":[");
        for (int i = 0; i < 10; i++)
            o += (size_t)snprintf(body + o, sizeof body - o, "%s{\"_id\":\"w%d-%d-%d\",\"v\":%d}",
                                  i ? "," : "", w->n, round, i, i);
        snprintf(body + o, sizeof body - o, "]}");
        api_resp r = api_call("POST", DOCS("tconc"), body, NULL);
        const cJSON *d;
        int ok = r.status == 200;
        cJSON_ArrayForEach(d, jget(r.json, "data")) ok &= strcmp(jstr(d, "status"), "ADDED") == 0;
        if (ok)
            w->added += 10;
        else
            w->errors++;
        api_free(&r);
        if (w->use_query)
            r = api_call("POST", "/v1/orgs/self/queries",
                         "{\"sql\":{\"query\":\"SELECT COUNT(*) AS n FROM commons.tconc\"}}", NULL);
        else
            r = api_call("GET", "/v1/orgs/self/ws/commons/collections/tconc", NULL, NULL);
        if (r.status != 200)
            w->errors++;
        api_free(&r);
    }
    return NULL;
}

static void test_concurrency(void)
{
    const char *long_tests = getenv("RS_LONG_TESTS"), *secs = getenv("RS_CONCURRENCY_SECS");
    int seconds = long_tests && strcmp(long_tests, "1") == 0 ? 30 : secs ? atoi(secs) : 3;
    api_resp r = mk_coll("{\"name\":\"tconc\"}");
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    /* Count with the query endpoint when the query area serves it, else with stats. */
    r = api_call("POST", "/v1/orgs/self/queries",
                 "{\"sql\":{\"query\":\"SELECT COUNT(*) AS n FROM commons.tconc\"}}", NULL);
    int use_query = r.status == 200 && cJSON_IsNumber(jget(r.json, "results.0.n"));
    api_free(&r);
    worker w[8];
    pthread_t t[8];
    for (int i = 0; i < 8; i++) {
        w[i] = (worker){.n = i, .seconds = seconds, .use_query = use_query};
        CU_ASSERT_FATAL(pthread_create(&t[i], NULL, work, &w[i]) == 0);
    }
    long added = 0, errors = 0;
    for (int i = 0; i < 8; i++) {
        pthread_join(t[i], NULL);
        added += w[i].added;
        errors += w[i].errors;
    }
    printf("\n  concurrency: %d s, %ld documents, %s\n", seconds, added,
           use_query ? "counted by query" : "counted by stats");
    CU_ASSERT_EQUAL(errors, 0);
    CU_ASSERT(added > 0);
    CU_ASSERT_EQUAL(doc_count("commons", "tconc"), (double)added);
    if (use_query) {
        r = api_call("POST", "/v1/orgs/self/queries",
                     "{\"sql\":{\"query\":\"SELECT COUNT(*) AS n FROM commons.tconc\"}}", NULL);
        CU_ASSERT_EQUAL(jnum(r.json, "results.0.n"), (double)added);
        api_free(&r);
    }
}

int main(void)
{
    static const cu_case cases[] = {
        {"sample data loaded", test_sample_loaded},
        {"add and replace", test_add_replace},
        {"patch", test_patch},
        {"delete", test_delete},
        {"event time", test_event_time},
        {"field mappings", test_mappings},
        {"retention", test_retention},
        {"concurrency", test_concurrency},
        {NULL, NULL},
    };
    int rc;

    if (api_init() != 0)
        return 99;
    rc = cu_run("server_docs", cases);
    api_cleanup();
    return rc;
}
