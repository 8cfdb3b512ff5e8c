/* SPDX-License-Identifier: Apache-2.0 */
/* The SQL engine's parts: lexer positions, functions, typed values, DESCRIBE, options. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/query/query_describe.h"
#include "server/sql/sql_functions.h"
#include "tests/server/sql/test_sql_common.h"
#include "tests/cunit_main.h"

static sqlite3 *db;

static void expect(const char *sql, const char *want)
{
    tsql_expect(db, sql, NULL, want);
}

static void test_lexer(void)
{
    sql_tokens t;
    char msg[128];
    int line = 0, col = 0;
    CU_ASSERT_EQUAL(sql_lex("SELECT \"a\"\"b\", `c`, 'it''s', :p, ?, 1.5e3 -- x\n/* y */ FROM t",
                            &t, msg, sizeof msg, &line, &col), 0);
    CU_ASSERT_EQUAL(t.n, 15);
    CU_ASSERT_EQUAL(t.v[1].kind, SQL_TOK_QIDENT);
    CU_ASSERT_STRING_EQUAL(t.v[1].text, "a\"b");
    CU_ASSERT_STRING_EQUAL(t.v[3].text, "c");
    CU_ASSERT_EQUAL(t.v[5].kind, SQL_TOK_STRING);
    CU_ASSERT_EQUAL(t.v[7].kind, SQL_TOK_PARAM);
    CU_ASSERT_STRING_EQUAL(t.v[7].text, "p");
    CU_ASSERT_STRING_EQUAL(t.v[9].text, "");
    CU_ASSERT_STRING_EQUAL(t.v[11].text, "1.5e3");
    CU_ASSERT_EQUAL(t.v[12].line, 2);
    CU_ASSERT_EQUAL(t.v[12].column, 9);
    sql_tokens_free(&t);
    CU_ASSERT_EQUAL(sql_lex("SELECT 'é\n  \"x", &t, msg, sizeof msg, &line, &col), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "Unterminated"));
}

static void test_timestamps(void)
{
    long long us;
    char buf[40];
    CU_ASSERT_EQUAL(sql_parse_timestamp("2021-02-02T03:00:00Z", &us), 0);
    CU_ASSERT_EQUAL(us, 1612234800000000LL);
    CU_ASSERT_EQUAL(sql_parse_timestamp("2021-02-02 04:00:00.5+01:00", &us), 0);
    CU_ASSERT_EQUAL(us, 1612234800500000LL);
    CU_ASSERT_EQUAL(sql_parse_timestamp("2021-02-30x", &us), -1);
    sql_format_timestamp(-1, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "1969-12-31T23:59:59.999999Z");
}

static void test_functions(void)
{
    expect("SELECT DATE_TRUNC('MONTH', '2023-11-14T22:13:20.5Z') AS m, "
           "DATE_TRUNC('WEEK', '2023-11-14T22:13:20Z') AS w, "
           "EXTRACT(DOW FROM DATE '2023-11-14') AS d, EXTRACT(MICROSECOND FROM "
           "TIMESTAMP '2023-11-14T22:13:20.123456Z') AS us",
           "[{\"m\":\"2023-11-01T00:00:00.000000Z\",\"w\":\"2023-11-13T00:00:00.000000Z\","
           "\"d\":3,\"us\":123456}]");
    expect("SELECT CONCAT('a', NULL) AS n, STRPOS('héllo', 'l') AS p, "
           "REGEXP_LIKE('abc123', '^[a-z]+[0-9]+$') AS r, STARTS_WITH('abc', 'ab') AS s, "
           "ARRAY_LENGTH('[1,2,3]') AS l, ARRAY_CONTAINS('[1,2]', 3) AS c, MOD(7, 3) AS m, "
           "FLOOR(2.5) AS f, POW(2, 10) AS p2, UNIX_MILLIS(TIMESTAMP_SECONDS(2)) AS ms",
           "[{\"n\":null,\"p\":3,\"r\":true,\"s\":true,\"l\":3,\"c\":false,\"m\":1,\"f\":2.0,"
           "\"p2\":1024.0,\"ms\":2000}]");
    expect("SELECT CAST('true' AS bool) AS b, CAST('12:30:00' AS time) AS t, "
           "CAST('2021-01-10 10:11:12' AS datetime) AS dt, 0.1 AS x, 1e308 * 10 AS inf",
           "[{\"b\":true,\"t\":{\"__rockset_type\":\"TIME\",\"value\":\"12:30:00\"},"
           "\"dt\":{\"__rockset_type\":\"DATETIME\",\"value\":\"2021-01-10T10:11:12\"},"
           "\"x\":0.1,\"inf\":null}]");
}

static void test_typed_values(void)
{
    CU_ASSERT_EQUAL(sqlite3_exec(db, "INSERT INTO docs_1 VALUES ('d', 0, '{\"name\":\"Di\","
                                     "\"born\":{\"__rockset_type\":\"date\",\"value\":"
                                     "\"2001-02-03\"},\"address\":{\"at\":{\"__rockset_type\":"
                                     "\"timestamp\",\"value\":\"2020-01-01T00:00:00.000000Z\"}}}');"
                                     "INSERT INTO coll_fields VALUES (1, 'born')",
                                 NULL, NULL, NULL), SQLITE_OK);
    expect("SELECT born, address FROM people WHERE born > DATE '2001-01-01'",
           "[{\"born\":{\"__rockset_type\":\"DATE\",\"value\":\"2001-02-03\"},"
           "\"address\":{\"at\":\"2020-01-01T00:00:00.000000Z\"}}]");
    expect("SELECT _id FROM people WHERE _event_time < TIMESTAMP '1971-01-01T00:00:00Z'",
           "[{\"_id\":\"d\"}]");
    sqlite3_exec(db, "DELETE FROM docs_1 WHERE _id = 'd'", NULL, NULL, NULL);
}

static void test_describe(void)
{
    sql_sbuf out = { 0 };
    long long n = 0;
    qx_error err;
    CU_ASSERT_EQUAL(qd_describe(db, "docs_1", 0, &out, &n, &err), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out.s, "{\"field\":[\"address\",\"city\"],\"type\":\"string\","
                                         "\"occurrences\":2,\"total\":3}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.s, "{\"field\":[\"tags\",\"*\"],\"type\":\"string\","
                                         "\"occurrences\":2,\"total\":3}"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.s, "{\"field\":[\"score\"],\"type\":\"float\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(out.s, "{\"field\":[\"nick\"],\"type\":\"null\""));
    long long deep = n;
    free(out.s);
    memset(&out, 0, sizeof out);
    CU_ASSERT_EQUAL(qd_describe(db, "docs_1", 1, &out, &n, &err), 0);
    CU_ASSERT_PTR_NULL(strstr(out.s, "city"));
    CU_ASSERT_TRUE(n < deep);
    CU_ASSERT_PTR_NOT_NULL(strstr(out.s, "{\"field\":[\"_id\"],\"type\":\"string\","
                                         "\"occurrences\":3,\"total\":3}"));
    free(out.s);
}

static void test_options(void)
{
    cJSON *none = NULL;
    qx_options o = { NULL, 2, 0, NULL };
    qx_query q;
    qx_error err;
    CU_ASSERT_EQUAL(qx_prepare(db, "SELECT _id FROM people ORDER BY _id", none, &o,
                               tsql_resolve, db, &q, &err), 0);
    sql_sbuf b = { 0 };
    int rows = 0;
    while (qx_next(&q, &b, &err) == 1)
        rows++;
    CU_ASSERT_EQUAL(rows, 2);
    qx_finish(&q);
    free(b.s);
    o.default_row_limit = 0;
    o.validate_only = 1;
    CU_ASSERT_EQUAL(qx_prepare(db, "SELECT :a, ? FROM people", none, &o, tsql_resolve, db, &q,
                               &err), 0);
    CU_ASSERT_EQUAL(q.tr.nparams, 2);
    CU_ASSERT_STRING_EQUAL(q.tr.params[1].name, "1");
    qx_finish(&q);
    o.validate_only = 0;
    /* a field no document has is undefined (never the string 'nosuch') */
    expect("SELECT \"nosuch\", p.other AS o, name FROM people p WHERE _id = 'a' OR nosuch = 1",
           "[{\"name\":\"Ann\"}]");
    expect("SELECT COUNT(*) AS n FROM people WHERE nosuch IS NULL", "[{\"n\":3}]");
    /* ORDER BY may name a select alias; USING and COLLATE names are not fields */
    expect("SELECT age * 2 AS dbl FROM people ORDER BY dbl DESC LIMIT 1", "[{\"dbl\":80}]");
    expect("SELECT name FROM people ORDER BY name COLLATE NOCASE DESC LIMIT 1",
           "[{\"name\":\"Cy\"}]");
    /* through a subquery the columns are SQLite's to check */
    CU_ASSERT_EQUAL(qx_prepare(db, "SELECT nosuch FROM (SELECT name FROM people)", none, &o,
                               tsql_resolve, db, &q, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "nosuch"));
    qx_finish(&q);
    expect("SELECT * FROM (SELECT name, age FROM people) AS x WHERE x.age > 35",
           "[{\"name\":\"Cy\",\"age\":40}]");
    expect("SELECT p.name, t.tag FROM people p CROSS JOIN UNNEST(p.tags AS tag) AS t "
           "ORDER BY t.tag DESC", "[{\"name\":\"Ann\",\"tag\":\"y\"},"
           "{\"name\":\"Ann\",\"tag\":\"x\"}]");
    expect("SELECT u.k, u['it''s'] AS q, tag FROM (SELECT 1) AS one CROSS JOIN UNNEST("
           "'[{\"k\":true,\"it''s\":1},{\"k\":[2]}]') AS u CROSS JOIN "
           "UNNEST('[\"a\"]' AS tag)", "[{\"k\":true,\"q\":1,\"tag\":\"a\"},"
           "{\"k\":[2],\"tag\":\"a\"}]");
    expect("SELECT DISTINCT active FROM people ORDER BY 1",
           "[{},{\"active\":false},{\"active\":true}]");
}

/* Issue #13: Rockset's types through expressions (the value model, sql_value.h). */
static void test_value_model(void)
{
    expect("SELECT TYPEOF(age) AS a, TYPEOF(active) AS b, TYPEOF(score) AS c, "
           "TYPEOF(name) AS d, TYPEOF(tags) AS e, TYPEOF(address) AS f, TYPEOF(nick) AS g, "
           "TYPEOF(nosuch) AS h, TYPEOF(_event_time) AS i, TYPEOF(DATE '2020-01-01') AS j, "
           "TYPEOF(address.zip) AS k, TYPEOF(address.nope) AS l FROM people WHERE _id = 'a'",
           "[{\"a\":\"int\",\"b\":\"bool\",\"c\":\"float\",\"d\":\"string\","
           "\"e\":\"array\",\"f\":\"object\",\"g\":\"null\",\"h\":\"undefined\","
           "\"i\":\"timestamp\",\"j\":\"date\",\"k\":\"string\",\"l\":\"undefined\"}]");
    expect("SELECT CAST(true AS string) AS s, LENGTH(tags) AS l, LENGTH(address) AS o, "
           "LENGTH(name) AS n, 1 = '1' AS x, age + 1 AS a, -age AS m, 'a' || 'b' AS c "
           "FROM people WHERE _id = 'a'",
           "[{\"s\":\"true\",\"l\":2,\"o\":2,\"n\":3,\"x\":null,\"a\":32,\"m\":-31,"
           "\"c\":\"ab\"}]");
    expect("SELECT _id FROM people WHERE nick IS UNDEFINED ORDER BY _id",
           "[{\"_id\":\"b\"},{\"_id\":\"c\"}]");
    expect("SELECT _id FROM people WHERE nick IS NOT UNDEFINED AND nick IS NULL",
           "[{\"_id\":\"a\"}]");
    expect("SELECT _id FROM people WHERE active = true", "[{\"_id\":\"a\"}]");
    expect("SELECT _id FROM people WHERE age > 30 AND score >= 2 ORDER BY _id",
           "[{\"_id\":\"a\"}]");
    expect("SELECT DATE '2021-01-31' + INTERVAL '1' MONTH AS d, 7 / 2 AS q",
           "[{\"d\":{\"__rockset_type\":\"DATE\",\"value\":\"2021-02-28\"},\"q\":3}]");
    qx_error err;
    char *got = tsql_run(db, "SELECT 'hello' + 1 AS x", NULL, &err);
    CU_ASSERT_PTR_NULL(got);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "not defined for types string and int"));
    free(got);
    got = tsql_run(db, "SELECT DATETIME '2021-01-01T00:00:00' + 'hello' AS x", NULL, &err);
    CU_ASSERT_PTR_NULL(got);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "datetime and string"));
    free(got);
    got = tsql_run(db, "SELECT 1 / 0 AS x", NULL, &err);
    CU_ASSERT_PTR_NULL(got);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "Division by zero"));
    free(got);
    /* ints known statically (literals, COUNT) overflow as an error, never into a float */
    static const char *const overflow[] = {
        "SELECT 9223372036854775807 + 1 AS x",
        "SELECT 3000000000 * 3000000000 * 3000000000 AS x",
        "SELECT -(-9223372036854775807 - 1) AS x",
        "SELECT COUNT(*) + 9223372036854775807 AS x FROM people",
    };
    for (size_t i = 0; i < sizeof overflow / sizeof overflow[0]; i++) {
        got = tsql_run(db, overflow[i], NULL, &err);
        CU_ASSERT_PTR_NULL(got);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "Integer overflow"));
        free(got);
    }
    /* SQLite's functions and operators that Rockset lacks are unknown, not SQLite's meaning
     * (FORMAT was SQLite's printf: FORMAT('{}', 1) answered '{}') */
    static const char *const sqlite_only[][2] = {
        { "SELECT FORMAT('{}-{}', 1, 'a') AS x", "Function `FORMAT` not found." },
        { "SELECT glob('a*', 'abc') AS x", "glob" },
        { "SELECT LOG(100) AS x", "Function `LOG` not found." },
        { "SELECT group_concat(name) AS x FROM people", "Function `group_concat` not found." },
        { "SELECT json_extract('{}', '$.a') AS x", "Function `json_extract` not found." },
        { "SELECT iif(1, 2, 3) AS x", "Function `iif` not found." },
        { "SELECT 'abc' GLOB 'a*' AS x", "GLOB" },
        { "SELECT 'abc' REGEXP 'a' AS x", "REGEXP" },
        { "SELECT MAX(1, 2) AS x", "MAX takes one argument" },
        { "SELECT MIN(age, 2) AS x FROM people", "MIN takes one argument" },
    };
    for (size_t i = 0; i < sizeof sqlite_only / sizeof sqlite_only[0]; i++) {
        got = tsql_run(db, sqlite_only[i][0], NULL, &err);
        CU_ASSERT_PTR_NULL(got);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, sqlite_only[i][1]));
        if (!strstr(err.msg, sqlite_only[i][1]))
            printf("%s: %s\n", sqlite_only[i][0], err.msg);
        free(got);
    }
    /* Rockset's functions that rockset-local lacks: 501 naming them and their family */
    static const char *const unsupported[] = { "SELECT TOKENIZE('Hello world') AS x",
                                               "SELECT DATE_PARSE('2020', '%Y') AS x",
                                               "SELECT name FROM people WHERE SEARCH(1) = 1" };
    for (size_t i = 0; i < sizeof unsupported / sizeof unsupported[0]; i++) {
        got = tsql_run(db, unsupported[i], NULL, &err);
        CU_ASSERT_PTR_NULL(got);
        CU_ASSERT_EQUAL(err.status, 501);
        CU_ASSERT_STRING_EQUAL(err.type, "NOTIMPLEMENTEDYET");
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "is not supported by rockset-local"));
        free(got);
    }
    expect("SELECT MAX(age) AS a, MIN(name) AS n, COALESCE(NULL, 1) AS c FROM people",
           "[{\"a\":40,\"n\":\"Ann\",\"c\":1}]");
    expect("SELECT 1 + 2 * 3 - -4 AS i, 1.5 + 2 AS f, -2.5 AS n",
           "[{\"i\":11,\"f\":3.5,\"n\":-2.5}]");
}

int main(void)
{
    static const cu_case cases[] = {
        {"lexer", test_lexer},
        {"timestamps", test_timestamps},
        {"functions", test_functions},
        {"typed values", test_typed_values},
        {"describe", test_describe},
        {"options", test_options},
        {"value model", test_value_model},
        {NULL, NULL},
    };
    int rc;

    db = tsql_open();
    if (!db)
        return 1;
    rc = cu_run("sql_engine", cases);
    sqlite3_close(db);
    return rc;
}
