/* SPDX-License-Identifier: Apache-2.0 */
/* The query side's storage on a real store: the collection resolver, stored results with
 * their batches and expiry, and Query Lambdas (version ids, latest, tags, deletion rules). */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server/store/store.h"
#include "server/query/query_store.h"
#include "server/query/query_pool.h"
#include "server/store/lambda_store.h"
#include "server/store/ingest.h"
#include "server/query/query_exec.h"
#include "server/sql/sql_functions.h"
#include "tests/cunit_main.h"

static sqlite3 *db;
static char dir[] = "/tmp/test_sql_store.XXXXXX";

static void test_resolve(void)
{
    sql_coll c = { { 0 }, NULL, 0 };
    CU_ASSERT_EQUAL(qs_resolve(db, "commons", "people", &c), 0);
    CU_ASSERT_EQUAL(c.nfields, 2);
    CU_ASSERT_STRING_EQUAL(c.fields[0], "age");
    CU_ASSERT_PTR_NOT_NULL(strstr(c.table, "docs_"));
    sql_coll_clear(&c);
    CU_ASSERT_EQUAL(qs_resolve(db, "commons", "nope", &c), 2);
    CU_ASSERT_EQUAL(qs_resolve(db, "nows", "people", &c), 1);
}

/* Whether the result file of id with extension ext exists. */
static int result_file(const char *id, const char *ext)
{
    char path[4400];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s%s", qrf_dir(), id, ext);
    return stat(path, &st) == 0;
}

static long long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

static void test_results(void)
{
    qs_writer w;
    char row[64], dbpath[4200];
    snprintf(dbpath, sizeof dbpath, "%s/rockset.db", dir);
    long long db_before = file_size(dbpath);
    CU_ASSERT_EQUAL(qs_record_create(db, "q1", "RUNNING", "SELECT 1", "me@x", 1), 0);
    CU_ASSERT_EQUAL(qs_writer_open(&w, "q1"), 0);
    int rc = 0;
    for (int i = 0; i < 12001 && rc == 0; i++) {   /* crosses two batch commits */
        int n = snprintf(row, sizeof row, "{\"i\":%d}", i);
        rc = qs_writer_add(&w, row, (size_t)n);
    }
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_EQUAL(qs_writer_close(&w, 1), 0);
    CU_ASSERT_EQUAL(qs_record_finish(db, "q1", "COMPLETED", 12001, 5, "{}", NULL), 0);
    sql_sbuf b = { 0 };
    CU_ASSERT_EQUAL(qs_rows("q1", 11999, 10, &b), 2);
    CU_ASSERT_STRING_EQUAL(b.s, "[{\"i\":11999},{\"i\":12000}]");
    free(b.s);
    b = (sql_sbuf){ 0 };
    CU_ASSERT_EQUAL(qs_rows("q1", 0, 2, &b), 2);
    CU_ASSERT_STRING_EQUAL(b.s, "[{\"i\":0},{\"i\":1}]");
    free(b.s);
    b = (sql_sbuf){ 0 };
    CU_ASSERT_EQUAL(qs_rows("q1", 12001, 5, &b), 0);
    CU_ASSERT_STRING_EQUAL(b.s, "[]");
    free(b.s);
    CU_ASSERT_EQUAL(qs_rows_count("q1"), 12001);
    /* the rows are in result files, not in rockset.db: it does not grow with them */
    CU_ASSERT_TRUE(result_file("q1", ".rows"));
    CU_ASSERT_TRUE(qrf_used_bytes() > 12001 * 8);
    CU_ASSERT_EQUAL(file_size(dbpath), db_before);
    /* ids come from URLs: nothing else names a file */
    b = (sql_sbuf){ 0 };
    CU_ASSERT_EQUAL(qs_rows("../q1", 0, 2, &b), -1);
    free(b.s);
    char st[32];
    CU_ASSERT_EQUAL(qs_record_status(db, "q1", st, sizeof st), 0);
    CU_ASSERT_STRING_EQUAL(st, "COMPLETED");
    cJSON *info = qs_record_info(db, "q1");
    CU_ASSERT_PTR_NOT_NULL_FATAL(info);
    CU_ASSERT_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(info, "stats"),
                                        "result_set_document_count")->valueint, 12001);
    cJSON_Delete(info);
    /* cancellation sticks: a late finish does not overwrite it */
    CU_ASSERT_EQUAL(qs_record_create(db, "q2", "RUNNING", "SELECT 2", "me@x", 1), 0);
    CU_ASSERT_EQUAL(qs_record_set_status(db, "q2", "CANCELLED"), 0);
    CU_ASSERT_EQUAL(qs_record_finish(db, "q2", "COMPLETED", 1, 1, "{}", NULL), 0);
    CU_ASSERT_EQUAL(qs_record_status(db, "q2", st, sizeof st), 0);
    CU_ASSERT_STRING_EQUAL(st, "CANCELLED");
    /* expiry drops records and rows */
    CU_ASSERT_EQUAL(sqlite3_exec(db, "UPDATE query_info SET expires_at = 1 WHERE query_id = 'q1'",
                                 NULL, NULL, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL(qs_record_status(db, "q1", st, sizeof st), 1);
    qs_expire(db);
    b = (sql_sbuf){ 0 };
    CU_ASSERT_EQUAL(qs_rows("q1", 0, 10, &b), 0);
    free(b.s);
    CU_ASSERT_FALSE(result_file("q1", ".rows"));
    CU_ASSERT_FALSE(result_file("q1", ".idx"));
    CU_ASSERT_EQUAL(qrf_used_bytes(), 0);
    CU_ASSERT_EQUAL(qs_record_delete(db, "q2"), 0);
    CU_ASSERT_PTR_NULL(qs_record_info(db, "q2"));
}

/* The cap of stored results: a writer past it gets -2 and nothing of its batch is written;
 * DELETE (qs_record_delete) removes files; a restart (qrf_init) removes leftovers. */
static void test_results_bounded(void)
{
    qs_writer w;
    char row[64];
    CU_ASSERT_EQUAL_FATAL(qrf_init(dir, 10000), 0);
    CU_ASSERT_EQUAL(qs_record_create(db, "q3", "COMPLETED", "SELECT 3", "me@x", 1), 0);
    CU_ASSERT_EQUAL_FATAL(qs_writer_open(&w, "q3"), 0);
    int rc = 0, i;
    for (i = 0; i < 6000 && rc == 0; i++) {
        int n = snprintf(row, sizeof row, "{\"i\":%d}", i);
        rc = qs_writer_add(&w, row, (size_t)n);
    }
    CU_ASSERT_EQUAL(rc, -2);
    CU_ASSERT_EQUAL(i, 5000);                 /* the first flush is the one refused */
    CU_ASSERT_EQUAL(qs_writer_close(&w, 0), 0);
    CU_ASSERT_EQUAL(qrf_used_bytes(), 0);
    CU_ASSERT_EQUAL(qs_rows_count("q3"), 0);
    /* under the cap: stored, then gone with DELETE */
    CU_ASSERT_EQUAL_FATAL(qs_writer_open(&w, "q3"), 0);
    CU_ASSERT_EQUAL(qs_writer_add(&w, "{}", 2), 0);
    CU_ASSERT_EQUAL(qs_writer_close(&w, 1), 0);
    CU_ASSERT_EQUAL(qs_rows_count("q3"), 1);
    CU_ASSERT_EQUAL(qs_record_delete(db, "q3"), 0);
    CU_ASSERT_FALSE(result_file("q3", ".rows"));
    CU_ASSERT_EQUAL(qrf_used_bytes(), 0);
    /* leftovers of an earlier run go at start (a result past a flush: files) */
    CU_ASSERT_EQUAL_FATAL(qrf_init(dir, 0), 0);
    CU_ASSERT_EQUAL_FATAL(qs_writer_open(&w, "q4"), 0);
    for (i = 0, rc = 0; i < 6000 && rc == 0; i++) {
        int n = snprintf(row, sizeof row, "{\"i\":%d}", i);
        rc = qs_writer_add(&w, row, (size_t)n);
    }
    CU_ASSERT_EQUAL(qs_writer_close(&w, 1), 0);
    CU_ASSERT_TRUE(result_file("q4", ".idx"));
    CU_ASSERT_EQUAL_FATAL(qrf_init(dir, 0), 0);
    CU_ASSERT_FALSE(result_file("q4", ".idx"));
    CU_ASSERT_FALSE(result_file("q4", ".rows"));
    CU_ASSERT_EQUAL(qrf_max_bytes(), QRF_DEFAULT_MAX_BYTES);
}

/* Reads rows [offset, offset + docs) of id and compares them with want. */
static void expect_rows(const char *id, long long offset, long long docs, const char *want)
{
    sql_sbuf b = { 0 };
    qs_rows(id, offset, docs, &b);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b.s);
    CU_ASSERT_STRING_EQUAL(b.s, want);
    free(b.s);
}

/* A small result that never reached a flush stays in memory: no file is created (creating
 * and unlinking two files per paginated SELECT 1 cost more than the query), it reads and
 * counts the same, a second writer moves it to files and appends, DELETE and a restart drop
 * it, and the byte cap counts it. */
static void test_results_small(void)
{
    qs_writer w;
    CU_ASSERT_EQUAL_FATAL(qrf_init(dir, 0), 0);
    CU_ASSERT_EQUAL_FATAL(qs_writer_open(&w, "q5"), 0);
    CU_ASSERT_EQUAL(qs_writer_add(&w, "{\"a\":1}", 7), 0);
    CU_ASSERT_EQUAL(qs_writer_add(&w, "{\"a\":2}", 7), 0);
    CU_ASSERT_EQUAL(qs_writer_add(&w, "{\"a\":3}", 7), 0);
    CU_ASSERT_EQUAL(qs_writer_close(&w, 1), 0);
    CU_ASSERT_FALSE(result_file("q5", ".rows"));
    CU_ASSERT_FALSE(result_file("q5", ".idx"));
    CU_ASSERT_EQUAL(qs_rows_count("q5"), 3);
    CU_ASSERT_EQUAL(qrf_used_bytes(), 3 * 8 + 3 * 8);
    expect_rows("q5", 0, 10, "[{\"a\":1},{\"a\":2},{\"a\":3}]");
    expect_rows("q5", 1, 1, "[{\"a\":2}]");
    expect_rows("q5", 2, 5, "[{\"a\":3}]");
    expect_rows("q5", 3, 5, "[]");
    /* the rest of a page answer: appended, now in files */
    CU_ASSERT_EQUAL_FATAL(qs_writer_open(&w, "q5"), 0);
    CU_ASSERT_EQUAL(qs_writer_add(&w, "{\"a\":4}", 7), 0);
    CU_ASSERT_EQUAL(qs_writer_flush(&w), 0);
    CU_ASSERT_EQUAL(qs_writer_close(&w, 1), 0);
    CU_ASSERT_TRUE(result_file("q5", ".rows"));
    CU_ASSERT_EQUAL(qs_rows_count("q5"), 4);
    expect_rows("q5", 2, 5, "[{\"a\":3},{\"a\":4}]");
    CU_ASSERT_EQUAL(qs_record_create(db, "q5", "COMPLETED", "SELECT 5", "me@x", 1), 0);
    CU_ASSERT_EQUAL(qs_record_delete(db, "q5"), 0);
    CU_ASSERT_EQUAL(qs_rows_count("q5"), 0);
    CU_ASSERT_EQUAL(qrf_used_bytes(), 0);
    /* DELETE and a restart drop one held in memory */
    CU_ASSERT_EQUAL(qs_record_create(db, "q6", "COMPLETED", "SELECT 6", "me@x", 1), 0);
    CU_ASSERT_EQUAL_FATAL(qs_writer_open(&w, "q6"), 0);
    CU_ASSERT_EQUAL(qs_writer_add(&w, "{}", 2), 0);
    CU_ASSERT_EQUAL(qs_writer_close(&w, 1), 0);
    CU_ASSERT_EQUAL(qs_rows_count("q6"), 1);
    CU_ASSERT_EQUAL(qs_record_delete(db, "q6"), 0);
    CU_ASSERT_EQUAL(qs_rows_count("q6"), 0);
    CU_ASSERT_EQUAL(qrf_used_bytes(), 0);
    CU_ASSERT_EQUAL_FATAL(qs_writer_open(&w, "q7"), 0);
    CU_ASSERT_EQUAL(qs_writer_add(&w, "{}", 2), 0);
    CU_ASSERT_EQUAL(qs_writer_close(&w, 1), 0);
    CU_ASSERT_EQUAL(qs_rows_count("q7"), 1);
    CU_ASSERT_EQUAL_FATAL(qrf_init(dir, 0), 0);
    CU_ASSERT_EQUAL(qs_rows_count("q7"), 0);
    CU_ASSERT_EQUAL(qrf_used_bytes(), 0);
}

/* Expiry runs before every paginated query: it must find expired records by an index, not
 * by reading every record of the last 24 hours (one per query). */
static void test_expiry_indexed(void)
{
    sqlite3_stmt *st = NULL;
    char plan[512] = "";
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, "EXPLAIN QUERY PLAN SELECT query_id FROM"
                                                 " query_info WHERE expires_at < 1 AND stored"
                                                 " <> 0", -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
        snprintf(plan + strlen(plan), sizeof plan - strlen(plan), "%s;",
                 (const char *)sqlite3_column_text(st, 3));
    sqlite3_finalize(st);
    CU_ASSERT_PTR_NOT_NULL(strstr(plan, "USING INDEX query_info_expires"));
}

/* Pooled connections come back registered and reused; one given back with a statement open
 * or a transaction is cleaned (closed, or rolled back) rather than passed on. */
static void test_pool(void)
{
    qp_init(2);
    sqlite3 *a = qp_get(), *b = qp_get();
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_PTR_NOT_EQUAL(a, b);
    qp_put(a);
    CU_ASSERT_EQUAL(qp_idle(), 1);
    CU_ASSERT_PTR_EQUAL(qp_get(), a);          /* reused, not opened again */
    /* the SQL functions are there without registering them again */
    sqlite3_stmt *st = NULL;
    CU_ASSERT_EQUAL(sqlite3_prepare_v2(a, "SELECT UNIX_SECONDS(0)", -1, &st, NULL), SQLITE_OK);
    sqlite3_finalize(st);
    CU_ASSERT_EQUAL(sqlite3_exec(a, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    qp_put(a);
    CU_ASSERT_EQUAL(qp_idle(), 1);
    CU_ASSERT_TRUE(sqlite3_get_autocommit(a));
    /* a running statement: closed (with it) instead of pooled, its snapshot would leak */
    CU_ASSERT_EQUAL(sqlite3_prepare_v2(b, "SELECT 1", -1, &st, NULL), SQLITE_OK);
    CU_ASSERT_EQUAL(sqlite3_step(st), SQLITE_ROW);
    qp_put(b);
    CU_ASSERT_EQUAL(qp_idle(), 1);
    /* cached statements: the same one again once done, a fresh one while in use */
    static const char *const q = "SELECT count(*) FROM query_info";
    CU_ASSERT_PTR_EQUAL(qp_get(), a);
    sqlite3_stmt *s1 = srv_store_stmt(a, q);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s1);
    sqlite3_stmt *s2 = srv_store_stmt(a, q);
    CU_ASSERT_PTR_NOT_EQUAL(s1, s2);
    CU_ASSERT_EQUAL(sqlite3_step(s1), SQLITE_ROW);
    srv_store_stmt_done(s2);                   /* finalized */
    srv_store_stmt_done(s1);                   /* reset, kept */
    CU_ASSERT_PTR_EQUAL(srv_store_stmt(a, q), s1);
    CU_ASSERT_FALSE(sqlite3_stmt_busy(s1));
    srv_store_stmt_done(s1);
    qp_put(a);
    /* past the idle bound, connections are closed when given back */
    sqlite3 *c[3];
    for (int i = 0; i < 3; i++)
        c[i] = qp_get();
    for (int i = 0; i < 3; i++)
        qp_put(c[i]);
    CU_ASSERT_EQUAL(qp_idle(), 2);
    qp_close_all();
    CU_ASSERT_EQUAL(qp_idle(), 0);
}

static void test_lambdas(void)
{
    char v1[17], v2[17], again[17], tag[64];
    CU_ASSERT_EQUAL(ls_add_version(db, "commons", "l", "d", "SELECT 1", "[]",
                                   "[\"commons.people\"]", "me@x", v1), 0);
    CU_ASSERT_EQUAL(strlen(v1), 16);
    CU_ASSERT_EQUAL(ls_add_version(db, "commons", "l", NULL, "SELECT 2", "[]",
                                   "[\"commons.people\"]", "me@x", v2), 0);
    CU_ASSERT_STRING_NOT_EQUAL(v1, v2);
    CU_ASSERT_EQUAL(ls_add_version(db, "commons", "l", NULL, "SELECT 1", "[]", "[]", "me@x",
                                   again), 0);
    CU_ASSERT_STRING_EQUAL(again, v1);      /* same content, same version */
    char latest[17];
    CU_ASSERT_EQUAL(ls_tag_version(db, "commons", "l", "latest", latest), 0);
    CU_ASSERT_STRING_EQUAL(latest, v1);
    CU_ASSERT_EQUAL(ls_lambda_exists(db, "commons", "l"), 1);
    CU_ASSERT_EQUAL(ls_tag_set(db, "commons", "l", "prod", v2), 0);
    CU_ASSERT_EQUAL(ls_tag_set(db, "commons", "l", "prod", "0000000000000000"), 1);
    CU_ASSERT_EQUAL(ls_delete_version(db, "commons", "l", v2, tag, sizeof tag), 2);
    CU_ASSERT_STRING_EQUAL(tag, "prod");
    /* deleting the version `latest` points to moves latest to the newest remaining one */
    CU_ASSERT_EQUAL(ls_delete_version(db, "commons", "l", v1, tag, sizeof tag), 0);
    CU_ASSERT_EQUAL(ls_tag_version(db, "commons", "l", "latest", latest), 0);
    CU_ASSERT_STRING_EQUAL(latest, v2);
    cJSON *hits = srv_query_lambdas_for_collection(db, "commons", "people");
    CU_ASSERT_EQUAL(cJSON_GetArraySize(hits), 1);
    cJSON_Delete(hits);
    ls_note_execution(db, "commons", "l", v2, "me@x", NULL);
    cJSON *v = ls_version_json(db, "commons", "l", v2);
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(v, "stats"),
                                               "last_executed_by")->valuestring, "me@x");
    cJSON_Delete(v);
    cJSON *l = ls_lambda_json(db, "commons", "l");
    CU_ASSERT_EQUAL(cJSON_GetObjectItem(l, "version_count")->valueint, 1);
    cJSON_Delete(l);
    CU_ASSERT_EQUAL(ls_delete_lambda(db, "commons", "l"), 0);
    CU_ASSERT_EQUAL(ls_lambda_exists(db, "commons", "l"), 0);
    cJSON *tags = ls_org_tags(db);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(tags), 0);
    cJSON_Delete(tags);
}

/* The first row of sql over the store, as JSON text (malloc'd), NULL on error. */
static char *first_row(const char *sql)
{
    qx_query q;
    qx_error err;
    sql_sbuf b = { 0 };
    if (qx_prepare(db, sql, NULL, NULL, qs_resolve, db, &q, &err) != 0 ||
        qx_next(&q, &b, &err) != 1) {
        fprintf(stderr, "\n  %s: %s\n", sql, err.msg);
        free(b.s);
        b.s = NULL;
    }
    qx_finish(&q);
    return b.s;
}

/* Date/time wrappers are stored in canonical text (issue #10): a TIME literal then equals
 * a time sent as "1:01:07.000", and numbers elsewhere keep every digit. */
static void test_ingest_canonical(void)
{
    srv_collection c;
    srv_ingest in;
    int failed = 0;
    static const char docs[] =
        "[{\"_id\":\"x\",\"big\":9007199254740993,\"t\":{\"__rockset_type\":\"TIME\","
        "\"value\":\"1:01:07.000\"},\"a\":[{\"dt\":{\"__rockset_type\":\"datetime\","
        "\"value\":\"2022-03-02 10:01:33.5\"}}],\"ts\":{\"__rockset_type\":\"timestamp\","
        "\"value\":42},\"d\":{\"__rockset_type\":\"DATE\",\"value\":\"2021-02-02\"}}]";
    CU_ASSERT_EQUAL_FATAL(srv_store_ensure_collection(db, "commons", "typed", "me@x", &c), 0);
    CU_ASSERT_EQUAL_FATAL(srv_ingest_open(db, "commons", "typed", &c, &in), 0);
    srv_sql_register_functions(db);
    cJSON *st = srv_ingest_add(db, &in, docs, sizeof docs - 1, "$", &failed);
    CU_ASSERT_EQUAL(failed, 0);
    cJSON_Delete(st);
    srv_ingest_close(&in);
    char *row = first_row("SELECT big, t, a, ts, d FROM typed WHERE t = TIME '01:01:07'");
    CU_ASSERT_PTR_NOT_NULL_FATAL(row);
    CU_ASSERT_STRING_EQUAL(row, "{\"big\":9007199254740993,\"t\":{\"__rockset_type\":"
                           "\"TIME\",\"value\":\"01:01:07\"},\"a\":[{\"dt\":{\"__rockset_type\":"
                           "\"DATETIME\",\"value\":\"2022-03-02T10:01:33.500000\"}}],"
                           "\"ts\":\"1970-01-01T00:00:00.000042Z\",\"d\":{\"__rockset_type\":"
                           "\"DATE\",\"value\":\"2021-02-02\"}}");
    free(row);
}

static int setup(void)
{
    srv_collection c;
    if (!mkdtemp(dir) || srv_store_init(dir) != 0 || !(db = srv_store_open()) ||
        srv_query_schema_init(db) != 0 || qrf_init(dir, 0) != 0 ||
        srv_store_ensure_collection(db, "commons", "people", "me@x", &c) != 0)
        return -1;
    char sql[256];
    snprintf(sql, sizeof sql, "INSERT INTO coll_fields VALUES (%lld, 'name'), (%lld, 'age')",
             c.id, c.id);
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int main(void)
{
    static const cu_case cases[] = {
        {"resolve", test_resolve},
        {"results", test_results},
        {"results bounded, deleted, removed at start", test_results_bounded},
        {"small results in memory", test_results_small},
        {"expiry finds records by an index", test_expiry_indexed},
        {"query connection pool", test_pool},
        {"lambdas", test_lambdas},
        {"ingest stores canonical date/time text", test_ingest_canonical},
        {NULL, NULL},
    };
    char cmd[128];
    int rc;

    if (setup() != 0) {
        fprintf(stderr, "setup failed\n");
        return 1;
    }
    rc = cu_run("sql_store", cases);
    sqlite3_close(db);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        rc = 1;
    return rc;
}
