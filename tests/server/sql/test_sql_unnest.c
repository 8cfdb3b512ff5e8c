/* SPDX-License-Identifier: Apache-2.0 */
/* UNNEST rows as Rockset gives them: SELECT * shows each element under its name (never
 * json_each's own columns), object elements without a name spread into the row, unqualified
 * names read the element's fields, and what is refused is refused in our words. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/server/sql/test_sql_common.h"
#include "tests/cunit_main.h"

static sqlite3 *db;

static void expect(const char *sql, const char *want)
{
    tsql_expect(db, sql, NULL, want);
}

/* The error names the problem, in our words: never SQLite's ("no such table", ...). */
static void expect_error(const char *sql, const char *part)
{
    qx_error err;
    memset(&err, 0, sizeof err);
    char *got = tsql_run(db, sql, NULL, &err);
    if (got || !strstr(err.msg, part))
        fprintf(stderr, "\n  query: %s\n  want error with: %s\n  got: %s\n", sql, part,
                got ? got : err.msg);
    CU_ASSERT_PTR_NULL(got);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, part));
    CU_ASSERT_PTR_NULL(strstr(err.msg, "no such"));
    CU_ASSERT_STRING_EQUAL(err.type, "QUERY_ERROR");
    free(got);
}

static void test_star_named(void)
{
    expect("SELECT * FROM UNNEST([1, 2] AS x)", "[{\"x\":1},{\"x\":2}]");
    expect("SELECT * FROM UNNEST([1, 2])", "[{\"unnest\":1},{\"unnest\":2}]");
    /* each element keeps its type: bool, object, array, null, date */
    expect("SELECT * FROM UNNEST([true, {'k': false}, [2], null, 'a'] AS v)",
           "[{\"v\":true},{\"v\":{\"k\":false}},{\"v\":[2]},{\"v\":null},{\"v\":\"a\"}]");
    expect("SELECT TYPEOF(v) AS t FROM (SELECT * FROM UNNEST([DATE '2020-01-02'] AS v))",
           "[{\"t\":\"date\"}]");
    expect("SELECT u.* FROM UNNEST([1] AS x) AS u", "[{\"x\":1}]");
    expect("SELECT * EXCEPT (x) FROM UNNEST([1] AS x) AS u, UNNEST([2] AS y)",
           "[{\"y\":2}]");
    expect("SELECT DISTINCT * FROM UNNEST([1, 1, 2] AS x) ORDER BY x", "[{\"x\":1},{\"x\":2}]");
}

static void test_star_objects(void)
{
    expect("SELECT * FROM UNNEST([{'a': 1}, {'a': 2, 'b': 3}])",
           "[{\"a\":1},{\"a\":2,\"b\":3}]");
    /* an element that is not an object stays under "unnest" */
    expect("SELECT * FROM UNNEST([{'a': 1}, 5, [6]])",
           "[{\"a\":1},{\"unnest\":5},{\"unnest\":[6]}]");
    expect("SELECT * EXCEPT (b) FROM UNNEST([{'a': 1}, {'a': 2, 'b': 3}])",
           "[{\"a\":1},{\"a\":2}]");
    /* named, an object is one value */
    expect("SELECT * FROM UNNEST([{'a': 1}] AS o)", "[{\"o\":{\"a\":1}}]");
    /* the row's other columns keep their names: the element's fields yield to them */
    expect("SELECT * EXCEPT (_event_time, age, score, active, tags, address, nick) "
           "FROM people p, UNNEST([{'name': 'shadow', 'z': 1}]) WHERE p._id = 'a'",
           "[{\"_id\":\"a\",\"name\":\"Ann\",\"z\":1}]");
    expect("SELECT * FROM (SELECT * FROM UNNEST([{'a': 1}])) AS s", "[{\"a\":1}]");
    expect_error("SELECT * FROM UNNEST([{'a': 1}]) AS u, UNNEST([{'b': 2}]) AS v",
                 "name each element");
}

/* A collection and an UNNEST: the document's fields, then the element; json_each's key,
 * value, type, id ... never appear, nor replace a field. */
static void test_star_join(void)
{
    const char *want = "[{\"_id\":\"a\",\"name\":\"Ann\",\"tags\":[\"x\",\"y\"],\"t\":\"x\"},"
                       "{\"_id\":\"a\",\"name\":\"Ann\",\"tags\":[\"x\",\"y\"],\"t\":\"y\"}]";
    expect("SELECT * EXCEPT (_event_time, age, score, active, address, nick) "
           "FROM people p, UNNEST(p.tags AS t) ORDER BY t", want);
    expect("SELECT * EXCEPT (_event_time, age, score, active, address, nick) "
           "FROM people p CROSS JOIN UNNEST(p.tags AS t) ORDER BY t", want);
    expect("SELECT * EXCEPT (_event_time, age, score, active, address, nick) "
           "FROM people p JOIN UNNEST(p.tags AS t) AS u ON u.t <> 'z' ORDER BY t", want);
    expect("SELECT * FROM (SELECT 7 AS id) AS s, UNNEST([1] AS t)", "[{\"id\":7,\"t\":1}]");
    expect("SELECT * FROM (SELECT 7 AS id), UNNEST([1] AS t)", "[{\"id\":7,\"t\":1}]");
    expect("SELECT p.name, u.* FROM people p LEFT JOIN UNNEST(p.tags AS t) AS u ON true "
           "ORDER BY p.name, u.t", "[{\"name\":\"Ann\",\"t\":\"x\"},{\"name\":\"Ann\","
           "\"t\":\"y\"},{\"name\":\"Bob\"},{\"name\":\"Cy\"}]");
    /* SQLite's RIGHT JOIN onto json_each loses the matches: refused, the left side works */
    expect_error("SELECT p._id, x FROM people p RIGHT JOIN UNNEST(['a', 'z'] AS x) "
                 "ON p._id = x", "right side of a RIGHT or FULL JOIN");
    expect_error("SELECT x FROM people p FULL OUTER JOIN UNNEST(p.tags AS x) ON true",
                 "right side of a RIGHT or FULL JOIN");
    expect("SELECT p._id, x FROM UNNEST(['a', 'z'] AS x) AS u LEFT JOIN people p "
           "ON p._id = x", "[{\"_id\":\"a\",\"x\":\"a\"},{\"x\":\"z\"}]");
    expect("SELECT p.name FROM people p, UNNEST(p.tags AS t) AS u WHERE t = 'y'",
           "[{\"name\":\"Ann\"}]");
}

static void test_unqualified(void)
{
    expect("SELECT a FROM UNNEST([{'a': 1}, {'a': 2, 'b': 3}])", "[{\"a\":1},{\"a\":2}]");
    expect("SELECT b FROM UNNEST([{'a': 1}, {'a': 2, 'b': 3}]) WHERE a = 2", "[{\"b\":3}]");
    expect("SELECT a FROM UNNEST([{'a': 2}, {'a': 1}]) ORDER BY a", "[{\"a\":1},{\"a\":2}]");
    /* json_each's own column names are fields like any other */
    expect("SELECT type, key FROM UNNEST([{'type': 'x'}, 3])", "[{\"type\":\"x\"},{}]");
    expect("SELECT u.a FROM UNNEST([{'a': 1}]) u", "[{\"a\":1}]");
    expect("SELECT x FROM UNNEST([1, 2] AS x) WHERE x > 1", "[{\"x\":2}]");
    /* several sources: names read the collections as before, never json_each's columns */
    expect("SELECT name, t FROM people p, UNNEST(p.tags AS t) ORDER BY t",
           "[{\"name\":\"Ann\",\"t\":\"x\"},{\"name\":\"Ann\",\"t\":\"y\"}]");
    /* a function's name is no field */
    expect("SELECT COUNT(*) AS n, MAX(t) AS m, UPPER(MIN(t)) AS u FROM people p, "
           "UNNEST(p.tags AS t)", "[{\"n\":2,\"m\":\"y\",\"u\":\"X\"}]");
    expect("SELECT COUNT(*) AS n, MAX(a) AS m FROM UNNEST([{'a': 1}, {'a': 3}])",
           "[{\"n\":2,\"m\":3}]");
    expect_error("SELECT p.name, key FROM people p, UNNEST(p.tags AS t)", "(u.key)");
    expect_error("SELECT value FROM (SELECT 1 AS a) s, UNNEST([1] AS t)", "qualify it");
    expect("SELECT a FROM (SELECT 1 AS a) s, UNNEST([1] AS t)", "[{\"a\":1}]");
    /* a subquery without an alias is a source too: its column is no unknown field */
    expect("SELECT a FROM (SELECT 1 AS a), people p WHERE p._id = 'a'", "[{\"a\":1}]");
    expect_error("SELECT q FROM UNNEST([{'p': [{'q': 1}]}]) AS a, UNNEST(a.p) AS b",
                 "Field `q` not found. A field of UNNEST's elements is read through");
    /* UNNEST(arr AS o) has one column, o: other names are not its element's fields... */
    expect_error("SELECT a FROM UNNEST([{'a': 1}] AS o)", "(u.a)");
    expect("SELECT o.a FROM UNNEST([{'a': 1}] AS o)", "[{\"a\":1}]");
    /* ... but those of the query around it */
    expect("SELECT name FROM people p WHERE EXISTS (SELECT 1 FROM UNNEST(p.tags AS t) "
           "WHERE t = 'y' AND age > 30)", "[{\"name\":\"Ann\"}]");
    /* without AS name the element's fields could be any: a name the query around has too
     * is refused rather than guessed */
    expect_error("SELECT name FROM people p WHERE EXISTS (SELECT 1 FROM UNNEST(p.tags) "
                 "WHERE age > 30)", "`age` is ambiguous");
    expect("SELECT name FROM people p WHERE EXISTS (SELECT 1 FROM UNNEST(p.tags) u "
           "WHERE u.unnest = 'y' AND p.age > 30)", "[{\"name\":\"Ann\"}]");
    expect("SELECT b.q FROM UNNEST([{'p': [{'q': 1}]}]) AS a, UNNEST(a.p) AS b",
           "[{\"q\":1}]");
    /* the array is read before its own elements exist */
    expect("SELECT name, (SELECT COUNT(*) FROM UNNEST(tags)) AS n FROM people ORDER BY name",
           "[{\"name\":\"Ann\",\"n\":2},{\"name\":\"Bob\",\"n\":0},{\"name\":\"Cy\",\"n\":0}]");
}

/* UNNEST reads arrays: null and undefined give no rows, anything else is refused (an
 * object's members are no elements; a string is no array, whatever its text). */
static void test_not_arrays(void)
{
    expect("SELECT COUNT(*) AS n FROM people p, UNNEST(p.tags AS t)", "[{\"n\":2}]");
    expect("SELECT * FROM UNNEST(null AS x)", "[]");
    expect_error("SELECT * FROM UNNEST({'a': 1} AS x)", "UNNEST expects an array, found a "
                 "value of type object");
    expect_error("SELECT x FROM people p, UNNEST(p.address AS x)", "type object");
    expect_error("SELECT * FROM UNNEST('abc' AS x)", "type string");
    expect_error("SELECT * FROM UNNEST('[1]' AS x)", "type string");
    expect_error("SELECT * FROM UNNEST(5 AS x)", "type int");
}

static void test_qualified_star_errors(void)
{
    expect_error("SELECT t.* FROM people p, UNNEST(p.tags AS t)", "element of an UNNEST");
    expect_error("SELECT zz.* FROM people", "not a source");
    expect("SELECT p.name, u.* FROM people p, UNNEST(p.tags AS t) AS u ORDER BY t",
           "[{\"name\":\"Ann\",\"t\":\"x\"},{\"name\":\"Ann\",\"t\":\"y\"}]");
}

static void test_nested_and_subqueries(void)
{
    expect("SELECT * FROM UNNEST([{'xs': [1, 2]}, {'xs': [3]}] AS o) AS u, "
           "UNNEST(u.o.xs AS x)", "[{\"o\":{\"xs\":[1,2]},\"x\":1},{\"o\":{\"xs\":[1,2]},"
           "\"x\":2},{\"o\":{\"xs\":[3]},\"x\":3}]");
    expect("SELECT x FROM UNNEST([{'xs': [1, 2]}]) u, UNNEST(u.xs AS x)",
           "[{\"x\":1},{\"x\":2}]");
    expect("SELECT x FROM (SELECT * FROM UNNEST([1, 2] AS x)) WHERE x > 1", "[{\"x\":2}]");
    expect("SELECT name FROM people p WHERE 'y' IN (SELECT * FROM UNNEST(p.tags AS t))",
           "[{\"name\":\"Ann\"}]");
}

int main(void)
{
    static const cu_case cases[] = {
        {"SELECT * names the element", test_star_named},
        {"SELECT * spreads object elements", test_star_objects},
        {"SELECT * over a collection and an UNNEST", test_star_join},
        {"unqualified names", test_unqualified},
        {"qualified stars", test_qualified_star_errors},
        {"UNNEST of what is no array", test_not_arrays},
        {"nested UNNEST and subqueries", test_nested_and_subqueries},
        {NULL, NULL},
    };
    db = tsql_open();
    if (!db)
        return 1;
    int rc = cu_run("sql UNNEST", cases);
    sqlite3_close(db);
    return rc;
}
