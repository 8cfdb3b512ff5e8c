/* SPDX-License-Identifier: Apache-2.0 */
/* DESCRIBE read from the documents' text (query_describe_walk.c) answers as the json_tree walk
 * does: each document is described as stored (compact: the walk reads it) and again with a
 * space after its opening brace (the walk leaves that to json_tree), and both answers must be
 * the same, at every max_field_depth. */
#include "server/query/query_describe.h"
#include "server/query/query_describe_int.h"
#include "tests/cunit_main.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const docs[] = {
    "{\"a\":1,\"b\":2,\"a\":3.5}",
    "{\"a\":{\"__rockset_type\":\"DATE\",\"value\":\"2024-01-02\"},\"b\":[1,\"x\",{\"c\":null}]}",
    "{\"w\":{\"value\":\"x\",\"__rockset_type\":\"Timestamp\",\"__rockset_type\":\"date\"}}",
    "{\"w\":{\"__rockset_type\":\"date\",\"__rockset_type\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}}",
    "{\"\":5,\"d\":{\"e\":{\"f\":{\"g\":[[1,2],[true,false]]}}}}",
    "{\"s\":\"a\\\"b\\\\c\\u00e9\",\"t\":\"\xc3\xbc\",\"n\":-0,\"x\":1e5,\"y\":-1.25E-3,\"z\":0}",
    "{\"o\":{\"__rockset_type\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"v\":1},\"p\":{\"__rockset_type\":5}}",
    "{\"arr\":[{\"__rockset_type\":\"GEOGRAPHY\",\"value\":{\"type\":\"Point\"}},{\"k\":1}]}",
    "{\"big\":123456789012345678901234567890,\"neg\":-12.5e+2}",
    "{}", "{\"e\":{},\"f\":[],\"g\":[[]],\"h\":{\"__rockset_type\":\"\"}}",
    "{\"e\\\"k\":1,\"k\\u0041\":{\"x\":1}}",
    "{\"__rockset_type\":\"date\",\"value\":\"2024-01-02\"}",
    "{\"a\":[{\"b\":[{\"c\":{\"d\":1}}]}]}",
    "{\"bad\":01}", "{\"bad\":1.}", "{\"bad\":tru}", "{\"a\":1}x", "[1,2]", "{\"a\":\"\\x\"}",
};

static char *describe(sqlite3 *db, const char *doc, int depth)
{
    sql_sbuf out = { 0 };
    long long n = 0;
    qx_error err;
    sqlite3_stmt *st = NULL;
    CU_ASSERT_FATAL(sqlite3_exec(db, "DELETE FROM t", NULL, NULL, NULL) == SQLITE_OK);
    CU_ASSERT_FATAL(sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?1)", -1, &st, NULL) ==
                    SQLITE_OK);
    sqlite3_bind_text(st, 1, doc, -1, SQLITE_STATIC);
    CU_ASSERT(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);
    memset(&err, 0, sizeof err);
    if (qd_describe(db, "t", depth, &out, &n, &err) != 0) {
        free(out.s);
        return strdup(err.msg);
    }
    return out.s ? out.s : strdup("");
}

static void test_same_as_json_tree(void)
{
    sqlite3 *db = NULL;
    CU_ASSERT_FATAL(sqlite3_open(":memory:", &db) == SQLITE_OK);
    CU_ASSERT_FATAL(sqlite3_exec(db, "CREATE TABLE t(doc TEXT)", NULL, NULL, NULL) == SQLITE_OK);
    char spaced[512];
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        snprintf(spaced, sizeof spaced, "%c %s", docs[i][0], docs[i] + 1);
        for (int depth = 0; depth <= 3; depth++) {
            char *a = describe(db, docs[i], depth), *b = describe(db, spaced, depth);
            if (strcmp(a, b) != 0)
                fprintf(stderr, "\n  %s (depth %d)\n  walk      %s\n  json_tree %s\n", docs[i],
                        depth, a, b);
            CU_ASSERT_STRING_EQUAL(a, b);
            free(a);
            free(b);
        }
    }
    sqlite3_close(db);
}

static int count_one(void *ctx, const char *path, const char *type)
{
    sql_sbuf *b = ctx;
    sql_sbuf_printf(b, "%s=%s;", path, type);
    return 0;
}

/* The walk reads the store's compact text itself (else nothing would be faster), counts
 * nothing of what it leaves to json_tree, and joins paths as query_describe.c does. */
static void test_walk_reads(void)
{
    sql_sbuf b = { 0 };
    CU_ASSERT_EQUAL(qd_walk_doc("{\"a\":{\"b\":[1.5]},\"t\":{\"__rockset_type\":\"DATE\"}}", 47,
                                0, count_one, &b), 0);
    CU_ASSERT_STRING_EQUAL(b.s, "a=object;a\x1f" "b=array;a\x1f" "b\x1f*=float;t=date;");
    free(b.s);
    b = (sql_sbuf){ 0 };
    CU_ASSERT_EQUAL(qd_walk_doc("{\"a\":1, \"b\":2}", 14, 0, count_one, &b), 1);
    CU_ASSERT_PTR_NULL(b.s);
    free(b.s);
}

int main(void)
{
    static const cu_case cases[] = {
        {"same as json_tree", test_same_as_json_tree}, {"walk reads", test_walk_reads},
        {NULL, NULL},
    };
    return cu_run("describe_walk", cases);
}
