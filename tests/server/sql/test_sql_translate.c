/* SPDX-License-Identifier: Apache-2.0 */
/* The SQL engine end to end on an in-memory store: translation, parameters, encoding. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/server/sql/test_sql_common.h"
#include "tests/cunit_main.h"

static sqlite3 *db;

static void expect(const char *sql, const char *params, const char *want)
{
    tsql_expect(db, sql, params, want);
}

static void expect_error(const char *sql, int status, const char *type, int line, int col,
                         const char *msg_part)
{
    qx_error err;
    char *got = tsql_run(db, sql, NULL, &err);
    CU_ASSERT_PTR_NULL(got);
    free(got);
    if (err.status != status || strcmp(err.type, type) != 0 || err.line != line ||
        err.column != col || !strstr(err.msg, msg_part))
        fprintf(stderr, "\n  query: %s\n  got: %d %s %d:%d %s\n", sql, err.status, err.type,
                err.line, err.column, err.msg);
    CU_ASSERT_EQUAL(err.status, status);
    CU_ASSERT_STRING_EQUAL(err.type, type);
    CU_ASSERT_EQUAL(err.line, line);
    CU_ASSERT_EQUAL(err.column, col);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, msg_part));
}

static void test_select_star(void)
{
    expect("SELECT * FROM people WHERE _id = 'a'", NULL,
           "[{\"_id\":\"a\",\"_event_time\":\"2023-11-14T22:13:20.000000Z\",\"name\":\"Ann\","
           "\"age\":31,\"score\":2.0,\"active\":true,\"tags\":[\"x\",\"y\"],"
           "\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"},\"nick\":null}]");
    /* absent fields are left out, explicit nulls kept */
    expect("SELECT * FROM commons.people WHERE _id = 'c'", NULL,
           "[{\"_id\":\"c\",\"_event_time\":\"2023-11-14T22:13:21.000000Z\",\"name\":\"Cy\","
           "\"age\":40}]");
    expect("SELECT * EXCEPT (_event_time, tags, address) FROM \"commons\".\"people\" "
           "WHERE age < 30", NULL,
           "[{\"_id\":\"b\",\"name\":\"Bob\",\"age\":25,\"score\":3.5,\"active\":false}]");
}

static void test_projection(void)
{
    expect("SELECT name, active, address.city, address['zip'] z, tags[2] FROM people "
           "ORDER BY name", NULL,
           "[{\"name\":\"Ann\",\"active\":true,\"city\":\"Oslo\",\"z\":\"0150\",\"tags\":\"y\"},"
           "{\"name\":\"Bob\",\"active\":false,\"city\":\"Rome\"},{\"name\":\"Cy\"}]");
    expect("SELECT COUNT(*), MAX(age) AS oldest, age > 30 FROM people", NULL,
           "[{\"?count\":3,\"oldest\":40,\"?field2\":true}]");
    expect("SELECT p.name, CAST(p.age AS float) f, CAST(p.age AS string) s FROM people p "
           "WHERE p.name LIKE 'B%'", NULL,
           "[{\"name\":\"Bob\",\"f\":25.0,\"s\":\"25\"}]");
    expect("SELECT address FROM people ORDER BY 1 LIMIT 1 OFFSET 1", NULL,
           "[{\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"}}]");
    /* ordinals skip the companion columns */
    expect("SELECT name, age FROM people ORDER BY 2 DESC LIMIT 1", NULL,
           "[{\"name\":\"Cy\",\"age\":40}]");
    expect("SELECT age % 2 AS odd, COUNT(*) AS n FROM people GROUP BY 1 ORDER BY 1", NULL,
           "[{\"odd\":0,\"n\":1},{\"odd\":1,\"n\":2}]");
}

static void test_params(void)
{
    expect("SELECT name FROM people WHERE age > :a AND active = :b", 
           "[{\"name\":\"a\",\"type\":\"int\",\"value\":\"20\"},"
           "{\"name\":\"b\",\"type\":\"bool\",\"value\":\"true\"}]",
           "[{\"name\":\"Ann\"}]");
    expect("SELECT :d AS d, :t AS t, :ts AS ts, :f AS f, :s AS s, :n AS n, ? AS q",
           "[{\"name\":\"d\",\"type\":\"date\",\"value\":\"2021-01-10\"},"
           "{\"name\":\"t\",\"type\":\"time\",\"value\":\"12:30:00\"},"
           "{\"name\":\"ts\",\"type\":\"timestamp\",\"value\":\"2021-02-02T03:00:00Z\"},"
           "{\"name\":\"f\",\"type\":\"float\",\"value\":\"1.5\"},"
           "{\"name\":\"s\",\"type\":\"string\",\"value\":\"it's\"},"
           "{\"name\":\"n\",\"type\":\"int\",\"value\":null},"
           "{\"name\":\"1\",\"type\":\"bool\",\"value\":\"false\"}]",
           "[{\"d\":{\"__rockset_type\":\"DATE\",\"value\":\"2021-01-10\"},"
           "\"t\":{\"__rockset_type\":\"TIME\",\"value\":\"12:30:00\"},"
           "\"ts\":\"2021-02-02T03:00:00.000000Z\",\"f\":1.5,\"s\":\"it's\",\"n\":null,"
           "\"q\":false}]");
    expect("SELECT _id FROM people WHERE _event_time > :t ORDER BY _id",
           "[{\"name\":\"t\",\"type\":\"timestamp\",\"value\":\"2023-11-14T22:13:20Z\"}]",
           "[{\"_id\":\"b\"},{\"_id\":\"c\"}]");
}

static void test_joins(void)
{
    expect("SELECT p.name, SUM(i.qty) AS total FROM people p JOIN ws.nested.items i "
           "ON i.owner = p._id GROUP BY p.name ORDER BY total DESC", NULL,
           "[{\"name\":\"Ann\",\"total\":7},{\"name\":\"Bob\",\"total\":1}]");
    expect("SELECT p.name, i.qty FROM people p JOIN ws.nested.items i ON i.owner = p._id "
           "ORDER BY i.qty DESC, p.name LIMIT 2", NULL,
           "[{\"name\":\"Ann\",\"qty\":5},{\"name\":\"Ann\",\"qty\":2}]");
    expect("SELECT p._id, i.qty FROM people AS p LEFT JOIN ws.nested.items AS i "
           "ON i.owner = p._id WHERE p._id = 'c'", NULL,
           "[{\"_id\":\"c\"}]");   /* no match: the field is undefined */
    expect("WITH o AS (SELECT owner, COUNT(*) AS n FROM ws.nested.items GROUP BY owner) "
           "SELECT owner, n FROM o WHERE n > 1 UNION ALL SELECT 'z', 0", NULL,
           "[{\"owner\":\"a\",\"n\":2},{\"owner\":\"z\",\"n\":0}]");
    expect("SELECT name FROM people WHERE _id IN (SELECT owner FROM ws.nested.items "
           "WHERE qty BETWEEN 1 AND 2) ORDER BY name", NULL,
           "[{\"name\":\"Ann\"},{\"name\":\"Bob\"}]");
    expect("OPTION(default_workspace='ws.nested') SELECT COUNT(*) c FROM items", NULL,
           "[{\"c\":3}]");
}

static void test_functions(void)
{
    expect("SELECT CONCAT('a', 'b') AS c, ARRAY_CONTAINS(tags, 'x') AS h, "
           "EXTRACT(YEAR FROM _event_time) AS y, DATE_TRUNC('DAY', _event_time) AS d, "
           "CASE WHEN age > 30 THEN 'old' ELSE 'young' END AS g, LENGTH(name) AS l, "
           "IF(active, 1, 2) AS i, CAST(_event_time AS date) AS dt "
           "FROM people WHERE _id = 'a'", NULL,
           "[{\"c\":\"ab\",\"h\":true,\"y\":2023,\"d\":\"2023-11-14T00:00:00.000000Z\","
           "\"g\":\"old\",\"l\":3,\"i\":1,"
           "\"dt\":{\"__rockset_type\":\"DATE\",\"value\":\"2023-11-14\"}}]");
    expect("SELECT TRUE AS t, 1 = 2 AS f, 2.0 AS x, name IS NULL AS n FROM people LIMIT 1",
           NULL, "[{\"t\":true,\"f\":false,\"x\":2.0,\"n\":false}]");
    expect("SELECT name FROM people LIMIT ALL OFFSET 2", NULL, "[{\"name\":\"Cy\"}]");
}

static void test_errors(void)
{
    expect_error("SELECT COUT(*) FROM people", 400, "QUERY_ERROR", 1, 8, "Function `COUT`");
    expect_error("SELECT *\nFROM nope", 404, "NOTFOUND", 2, 6,
                 "Collection \"nope\" not found in workspace \"commons\".");
    expect_error("SELECT * FROM people WHERE\n  age > :x", 400, "QUERY_ERROR", 2, 9,
                 "Parameter 'x'");
    expect_error("DROP TABLE people", 400, "QUERY_ERROR", 1, 1, "Unsupported statement");
    /* the message names every kind of statement that runs, INSERT INTO ... SELECT too */
    expect_error("UPDATE people SET age = 1", 400, "QUERY_ERROR", 1, 1,
                 "Unsupported statement `UPDATE`: rockset-local runs SELECT queries, "
                 "INSERT INTO ... SELECT and DESCRIBE");
    /* one statement per query: what follows a ';' is refused where it starts, not ignored */
    expect_error("SELECT 1; SELECT 2", 400, "QUERY_ERROR", 1, 11, "Only one statement");
    expect_error("SELECT name FROM people;\nDELETE FROM people", 400, "QUERY_ERROR", 2, 1,
                 "after the ';' at line 1, column 24");
    expect("SELECT 1 AS one;;", NULL, "[{\"one\":1}]");
    expect("SELECT ';' AS s", NULL, "[{\"s\":\";\"}]");
    expect_error("SELECT 'abc FROM people", 400, "QUERY_ERROR", 1, 8, "Unterminated");
    expect_error("INSERT INTO nope SELECT 1", 404, "NOTFOUND", 1, 13,
                 "Collection \"nope\" not found in workspace \"commons\".");
    expect_error("SELECT name FROM people WHERE )", 400, "QUERY_ERROR", 1, 31, "");
}

/* A column of the outermost UNION/INTERSECT/EXCEPT has a static kind only when every arm
 * agrees on it: SELECT true UNION ALL SELECT 1 encoded the 1 as true (the first arm's BOOL). */
static void test_compound_kinds(void)
{
    static const struct {
        const char *sql;
        sql_kind kind[2];
    } cases[] = {
        { "SELECT true AS a, 1 AS b UNION ALL SELECT 1, 2", { SQL_KIND_ANY, SQL_KIND_INT } },
        { "SELECT 1 AS a, 'x' AS b UNION SELECT 2.5, 'y'", { SQL_KIND_ANY, SQL_KIND_STRING } },
        { "SELECT DATE '2020-01-01' AS a, 1 AS b EXCEPT SELECT 5, 1 < 2",
          { SQL_KIND_ANY, SQL_KIND_ANY } },
        { "SELECT 1 AS a, 2 AS b UNION ALL SELECT (SELECT 'x' UNION SELECT true), 3",
          { SQL_KIND_ANY, SQL_KIND_INT } },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sql_translation t;
        CU_ASSERT_EQUAL_FATAL(sql_translate(cases[i].sql, NULL, tsql_resolve, db, &t), 0);
        CU_ASSERT_EQUAL(t.ncols, 2);
        for (size_t c = 0; c < 2 && c < t.ncols; c++)
            if (t.cols[c].kind != cases[i].kind[c]) {
                CU_FAIL("compound column kind");
                printf("%s: column %zu kind %d, want %d\n", cases[i].sql, c, t.cols[c].kind,
                       cases[i].kind[c]);
            }
        sql_translation_free(&t);
    }
    tsql_expect(db, "SELECT true AS a UNION ALL SELECT 1 UNION ALL SELECT 1 < 2", NULL,
                "[{\"a\":true},{\"a\":1},{\"a\":true}]");
    tsql_expect(db, "SELECT 5 AS a UNION ALL SELECT DATE '2020-01-01'", NULL,
                "[{\"a\":5},{\"a\":{\"__rockset_type\":\"DATE\",\"value\":\"2020-01-01\"}}]");
}

/* INSERT INTO target [(cols)] query (issue #16): the target resolved, the query translated
 * as any other; writing is the query layer's (tests/server/query/insert_select.sh). */
static void test_insert(void)
{
    sql_translation t;
    CU_ASSERT_EQUAL(sql_translate("INSERT INTO ws.nested.items (a, \"b c\") SELECT name, age "
                                  "FROM people", NULL, tsql_resolve, db, &t), 0);
    CU_ASSERT_EQUAL(t.kind, SQL_STMT_INSERT);
    CU_ASSERT_STRING_EQUAL(t.desc_ws, "ws.nested");
    CU_ASSERT_STRING_EQUAL(t.desc_coll, "items");
    CU_ASSERT_STRING_EQUAL(t.desc_table, "docs_2");
    CU_ASSERT_EQUAL(t.nins_cols, 2);
    if (t.nins_cols == 2)
        CU_ASSERT_STRING_EQUAL(t.ins_cols[1], "b c");
    CU_ASSERT_EQUAL(t.ncollections, 2);
    sql_translation_free(&t);
    CU_ASSERT_EQUAL(sql_translate("OPTION(default_workspace='ws.nested') INSERT INTO items "
                                  "(SELECT 1 AS x)", NULL, tsql_resolve, db, &t), 0);
    CU_ASSERT_STRING_EQUAL(t.desc_ws, "ws.nested");
    CU_ASSERT_EQUAL(t.nins_cols, 0);
    sql_translation_free(&t);
    expect_error("INSERT INTO commons._events SELECT 1", 400, "INVALIDINPUT", 1, 13, "read-only");
    expect_error("INSERT INTO \"commons\".\"_events\" SELECT 1", 400, "INVALIDINPUT", 1, 13,
                 "read-only");
    expect_error("INSERT INTO nows.c SELECT 1", 404, "NOTFOUND", 1, 13, "Workspace");
    expect_error("INSERT people SELECT 1", 400, "QUERY_ERROR", 1, 8, "Encountered \"people\"");
    expect_error("INSERT INTO people", 400, "QUERY_ERROR", 1, 19, "<EOF>");
    expect_error("INSERT INTO people (a, a) SELECT 1, 2", 400, "QUERY_ERROR", 1, 24,
                 "more than once");
    expect_error("INSERT INTO people (a b) SELECT 1", 400, "QUERY_ERROR", 1, 23, "\"b\"");
}

/* Issue #12: syntax errors carry a line and column and Rockset's wording, never SQLite's
 * ("near \"X\": syntax error", "incomplete input"). */
static void test_syntax_errors(void)
{
    expect_error("SELECT name FROM people WHERE )", 400, "QUERY_ERROR", 1, 31,
                 "Syntax error: Encountered \")\" at line 1, column 31.");
    /* SQLite said "incomplete input" with no position: the end of the query is the place */
    expect_error("SELECT name FROM people WHERE", 400, "QUERY_ERROR", 1, 30,
                 "Syntax error: Encountered \"<EOF>\" at line 1, column 30.");
    expect_error("SELECT name\nFROM people\nWHERE age >  ", 400, "QUERY_ERROR", 3, 14,
                 "Syntax error: Encountered \"<EOF>\" at line 3, column 14.");
    /* the token is the one the user wrote, at its place, after a multi-byte character */
    expect_error("SELECT 'é' AS e,\n  name FROM people ORDER age", 400, "QUERY_ERROR", 2, 26,
                 "Syntax error: Encountered \"age\" at line 2, column 26.");
    expect_error("SELECT name FROM people GROUP name", 400, "QUERY_ERROR", 1, 31,
                 "Syntax error: Encountered \"name\" at line 1, column 31.");
    expect_error("SELECT name FROM people WHERE age IN (1, 2", 400, "QUERY_ERROR", 1, 43,
                 "Syntax error: Encountered \"<EOF>\" at line 1, column 43.");
    expect_error("SELECT name FROM people LIMIT", 400, "QUERY_ERROR", 1, 30,
                 "Syntax error: Encountered \"<EOF>\" at line 1, column 30.");
    /* lexical errors share the form */
    expect_error("SELECT 'abc FROM people", 400, "QUERY_ERROR", 1, 8,
                 "Syntax error: Unterminated string literal at line 1, column 8.");
    expect_error("SELECT name FROM people WHERE age # 2", 400, "QUERY_ERROR", 1, 35,
                 "Syntax error: Encountered \"#\" at line 1, column 35.");
    expect_error("SELECT 1 +\n $", 400, "QUERY_ERROR", 2, 2,
                 "Syntax error: Encountered \"$\" at line 2, column 2.");
    expect_error("SELECT 1 /* open", 400, "QUERY_ERROR", 1, 10,
                 "Syntax error: Unterminated comment at line 1, column 10.");
}

/* Rockset refuses a select list that ends with a comma (SQLite-style parsing took
 * `SELECT a, FROM t` as the list `a`): the error points at the comma. */
static void test_trailing_comma(void)
{
    expect_error("SELECT name, FROM people", 400, "QUERY_ERROR", 1, 12,
                 "Syntax error: Encountered \",\" at line 1, column 12.");
    expect_error("SELECT name,\n  age,\nFROM people", 400, "QUERY_ERROR", 2, 6,
                 "Syntax error: Encountered \",\" at line 2, column 6.");
    expect_error("SELECT n FROM (SELECT name AS n, FROM people)", 400, "QUERY_ERROR", 1, 32,
                 "Syntax error: Encountered \",\" at line 1, column 32.");
    expect_error("SELECT 1,", 400, "QUERY_ERROR", 1, 9, "Syntax error: Encountered \",\"");
    expect("SELECT name, age FROM people WHERE _id = 'b'", NULL,
           "[{\"name\":\"Bob\",\"age\":25}]");
}

/* A query whose SQL is wrapped for default_row_limit: SQLite's error lies in the wrapper's
 * ") LIMIT n" when the query ends early; the position is still the end of the user's text. */
static void test_syntax_error_row_limit(void)
{
    qx_options o = { NULL, 5, 0, NULL };
    qx_query q;
    qx_error err;
    CU_ASSERT_EQUAL(qx_prepare(db, "SELECT name FROM people WHERE", NULL, &o, tsql_resolve, db,
                               &q, &err), -1);
    qx_finish(&q);
    CU_ASSERT_EQUAL(err.line, 1);
    CU_ASSERT_EQUAL(err.column, 30);
    CU_ASSERT_STRING_EQUAL(err.msg, "Syntax error: Encountered \"<EOF>\" at line 1, column 30.");
}

/* Not-found and timeout wordings of the service (shared/api-notes.md "Errors": 404 NOTFOUND
 * with message_key WORKSPACE_NOT_FOUND or COLLECTION_DOES_NOT_EXIST; 408 QUERY_TIMEOUT). */
static void test_not_found_and_timeout(void)
{
    qx_error err;
    expect_error("SELECT * FROM nows.people", 404, "NOTFOUND", 1, 15,
                 "Workspace \"nows\" not found.");
    CU_ASSERT_PTR_NULL(tsql_run(db, "SELECT * FROM nows.people", NULL, &err));
    CU_ASSERT_STRING_EQUAL(err.key, "WORKSPACE_NOT_FOUND");
    CU_ASSERT_PTR_NULL(tsql_run(db, "SELECT * FROM nope", NULL, &err));
    CU_ASSERT_STRING_EQUAL(err.key, "COLLECTION_DOES_NOT_EXIST");
    CU_ASSERT_STRING_EQUAL(err.msg, "Collection \"nope\" not found in workspace \"commons\".");
    expect_error("DESCRIBE nows.people", 404, "NOTFOUND", 1, 10, "Workspace \"nows\" not found.");
    /* worded like "Function `COUT` not found." */
    expect_error("WITH o AS (SELECT name FROM people) SELECT nick FROM o", 400, "QUERY_ERROR",
                 1, 44, "Field `nick` not found.");
    CU_ASSERT_PTR_NULL(tsql_run(db, "WITH o AS (SELECT name FROM people) SELECT nick FROM o",
                                NULL, &err));
    CU_ASSERT_STRING_EQUAL(err.id, "column_not_found");
}

static int interrupt_now(void *ctx)
{
    (void)ctx;
    return 1;
}

static void test_timeout_wording(void)
{
    qx_error err;
    sqlite3_progress_handler(db, 100, interrupt_now, NULL);
    char *got = tsql_run(db, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                             "WHERE x < 100000) SELECT COUNT(*) AS n FROM c", NULL, &err);
    sqlite3_progress_handler(db, 0, NULL, NULL);
    CU_ASSERT_PTR_NULL(got);
    free(got);
    CU_ASSERT_EQUAL(err.status, 408);
    CU_ASSERT_STRING_EQUAL(err.type, "QUERY_TIMEOUT");
    /* the first sentence is the service's (docs.rockset.com, "Async Queries") */
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "Query timeout reached."));
}

int main(void)
{
    static const cu_case cases[] = {
        {"select star", test_select_star},
        {"projection", test_projection},
        {"params", test_params},
        {"joins", test_joins},
        {"functions", test_functions},
        {"errors", test_errors},
        {"insert into", test_insert},
        {"compound kinds", test_compound_kinds},
        {"syntax errors", test_syntax_errors},
        {"trailing comma", test_trailing_comma},
        {"syntax error under a row limit", test_syntax_error_row_limit},
        {"not found and timeout", test_not_found_and_timeout},
        {"timeout wording", test_timeout_wording},
        {NULL, NULL},
    };
    int rc;

    db = tsql_open();
    if (!db)
        return 1;
    rc = cu_run("sql_translate", cases);
    sqlite3_close(db);
    return rc;
}
