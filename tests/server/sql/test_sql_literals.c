/* SPDX-License-Identifier: Apache-2.0 */
/* The translator's Rockset literals (issue #13, sql_tr_literals.c): array and object
 * literals with subscripts, bytes and interval literals, casts to bytes and intervals, the
 * DATE/TIME/DATETIME constructors, VALUES(obj), and SQLite's 0/1 truth values as bools. */
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

static void expect_error(const char *sql, const char *part)
{
    tsql_expect_error(db, sql, part);
}

static void test_arrays(void)
{
    expect("SELECT [1, 2, 'a'] AS a, [] AS e, [[1, 2], [3]] AS n, [1, 2][1] AS s",
           "[{\"a\":[1,2,\"a\"],\"e\":[],\"n\":[[1,2],[3]],\"s\":1}]");
    expect("SELECT [[1, 2], [3]][1][2] AS a, [1, 2][3] AS u, TYPEOF([1][1]) AS t",
           "[{\"a\":2,\"u\":null,\"t\":\"int\"}]");
    expect("SELECT [age, name, tags] AS a, [age + 1, -age] AS b FROM people WHERE _id = 'a'",
           "[{\"a\":[31,\"Ann\",[\"x\",\"y\"]],\"b\":[32,-31]}]");
    expect("SELECT [DATE '2020-01-02', true, null, 1.5] AS a",
           "[{\"a\":[{\"__rockset_type\":\"DATE\",\"value\":\"2020-01-02\"},true,null,1.5]}]");
    expect("SELECT ARRAY_LENGTH([1, 2, 3]) AS n, ARRAY_CONTAINS([1, 2], 2) AS c, "
           "[1, 2] = [1, 2] AS e, ARRAY_CREATE(1, 2)[2] AS f, (tags)[1] AS g "
           "FROM people WHERE _id = 'a'",
           "[{\"n\":3,\"c\":true,\"e\":true,\"f\":2,\"g\":\"x\"}]");
    expect("SELECT _id FROM people WHERE ARRAY_CONTAINS(['a', 'c'], _id) ORDER BY _id",
           "[{\"_id\":\"a\"},{\"_id\":\"c\"}]");
    expect_error("SELECT [1, 2", "<EOF>");
    expect_error("SELECT [1, 2)", "Syntax error");
    expect_error("SELECT [1, , 2]", "Expected an array element");
    expect_error("SELECT [1, 2][0]", "Array indexes start at 1");
}

static void test_objects(void)
{
    expect("SELECT {'red': 'apples', 'n': [2, {'x': true}]} AS o, {} AS e",
           "[{\"o\":{\"red\":\"apples\",\"n\":[2,{\"x\":true}]},\"e\":{}}]");
    expect("SELECT {'a':1}['a'] AS a, {'a': {'b': 2}}.a.b AS b, {'a': 1}.nope AS c",
           "[{\"a\":1,\"b\":2,\"c\":null}]");
    expect("SELECT {'n': name, 'age': age} AS o FROM people WHERE _id = 'b'",
           "[{\"o\":{\"n\":\"Bob\",\"age\":25}}]");
    expect("SELECT VALUES({'a': 1, 'b': 'x'}) AS v, KEYS({'a': 1}) AS k, VALUES(null) AS n",
           "[{\"v\":[1,\"x\"],\"k\":[\"a\"],\"n\":null}]");
    expect("SELECT _id FROM people WHERE _id IN (VALUES ('b'))", "[{\"_id\":\"b\"}]");
    expect("SELECT {'a': 1} o, [1] a", "[{\"o\":{\"a\":1},\"a\":[1]}]");
    expect_error("SELECT {'a' 1}", "Expected 'key': value");
    expect_error("SELECT {CAST(1 AS int): 2}", "keys must be strings");
    expect_error("SELECT {1: 2}", "Syntax error");
}

static void test_typed_literals(void)
{
    expect("SELECT bytes 'hello' AS b, TYPEOF(BYTES '') AS t, CAST(bytes 'hi' AS string) AS s",
           "[{\"b\":{\"__rockset_type\":\"BYTES\",\"value\":\"aGVsbG8=\"},\"t\":\"bytes\","
           "\"s\":\"hi\"}]");
    expect("SELECT INTERVAL '1' DAY AS d, INTERVAL 2 HOUR AS h, INTERVAL '-3' MONTH AS m, "
           "TYPEOF(INTERVAL 1 YEAR) AS t",
           "[{\"d\":{\"__rockset_type\":\"MICROSECOND_INTERVAL\",\"value\":86400000000},"
           "\"h\":{\"__rockset_type\":\"MICROSECOND_INTERVAL\",\"value\":7200000000},"
           "\"m\":{\"__rockset_type\":\"MONTH_INTERVAL\",\"value\":-3},"
           "\"t\":\"month_interval\"}]");
    expect("SELECT INTERVAL '1.5' SECOND = MICROSECONDS(1500000) AS a, "
           "INTERVAL 1 YEAR = MONTHS(12) AS b, CAST(10 AS microsecond_interval) = "
           "MICROSECONDS(10) AS c, DATE '2020-01-31' + INTERVAL '1' MONTH AS d, "
           "INTERVAL '1' DAY + DATE '2020-01-31' AS e",
           "[{\"a\":true,\"b\":true,\"c\":true,"
           "\"d\":{\"__rockset_type\":\"DATE\",\"value\":\"2020-02-29\"},"
           "\"e\":{\"__rockset_type\":\"DATE\",\"value\":\"2020-02-01\"}}]");
    expect_error("SELECT INTERVAL '1' FORTNIGHT", "Expected INTERVAL 'n' unit");
    expect_error("SELECT INTERVAL '1.5' MONTH", "Expected a number of MONTHs");
    expect_error("SELECT INTERVAL '1-13' YEAR TO MONTH", "INTERVAL '1-13' YEAR TO MONTH");
    expect_error("SELECT CAST('x' AS month_interval)", "Cannot cast value of type string");
    expect("SELECT TRY_CAST('x' AS bytes) AS a, TRY_CAST(1 AS bytes) AS b",
           "[{\"a\":{\"__rockset_type\":\"BYTES\",\"value\":\"eA==\"},\"b\":null}]");
}

static void test_constructors(void)
{
    expect("SELECT DATE(2018, 5, 26) AS d, TIME(10, 30, 20) AS t, "
           "DATETIME(2018, 1, 1, 9, 30, 45) AS a, DATETIME(2018, 1, 1, 9, 30, 45, 456) AS b, "
           "DATETIME(DATE '2020-02-29', TIME '23:59:59') AS c, TIME(1, 2, 3, 4) AS u",
           "[{\"d\":{\"__rockset_type\":\"DATE\",\"value\":\"2018-05-26\"},"
           "\"t\":{\"__rockset_type\":\"TIME\",\"value\":\"10:30:20\"},"
           "\"a\":{\"__rockset_type\":\"DATETIME\",\"value\":\"2018-01-01T09:30:45\"},"
           "\"b\":{\"__rockset_type\":\"DATETIME\",\"value\":\"2018-01-01T09:30:45.000456\"},"
           "\"c\":{\"__rockset_type\":\"DATETIME\",\"value\":\"2020-02-29T23:59:59\"},"
           "\"u\":{\"__rockset_type\":\"TIME\",\"value\":\"01:02:03.000004\"}}]");
    expect("SELECT DATE('2018-05-26') AS d, DATE(null, 1, 1) AS n, TYPEOF(DATE(1, 1, 1)) AS t",
           "[{\"d\":{\"__rockset_type\":\"DATE\",\"value\":\"2018-05-26\"},\"n\":null,"
           "\"t\":\"date\"}]");
    expect_error("SELECT DATE(2019, 2, 29)", "DATE:");
    expect_error("SELECT TIME(24, 0, 0)", "TIME:");
    expect_error("SELECT DATE('2018', 5, 26)", "DATE:");
    expect_error("SELECT DATE(2018, 5)", "DATE with 2 arguments");
}

static void test_bools(void)
{
    expect("SELECT TYPEOF(1 < 2) AS a, ARRAY_CREATE(1 < 2, 'a' = 'b') AS b, "
           "CAST(1 < 2 AS string) AS c, [1 IS NULL, NOT (1 = 1)] AS d, "
           "TYPEOF(age > 30 AND active) AS e FROM people WHERE _id = 'a'",
           "[{\"a\":\"bool\",\"b\":[true,false],\"c\":\"true\",\"d\":[false,false],"
           "\"e\":\"bool\"}]");
    expect("SELECT x FROM (SELECT 1 < 2 AS x) AS t", "[{\"x\":true}]");
    expect("SELECT TYPEOF('a' LIKE 'a%') AS t, TYPEOF(EXISTS (SELECT 1)) AS e, "
           "TYPEOF(2 BETWEEN 1 AND 3) AS b, TYPEOF(1 IN (1, 2)) AS i",
           "[{\"t\":\"bool\",\"e\":\"bool\",\"b\":\"bool\",\"i\":\"bool\"}]");
    expect("SELECT _id FROM people WHERE IF(age > 30, true, false) ORDER BY _id",
           "[{\"_id\":\"a\"},{\"_id\":\"c\"}]");
}

int main(void)
{
    static const cu_case cases[] = {
        {"arrays", test_arrays},
        {"objects", test_objects},
        {"typed literals", test_typed_literals},
        {"constructors", test_constructors},
        {"bools", test_bools},
        {NULL, NULL},
    };
    db = tsql_open();
    if (!db)
        return 1;
    int rc = cu_run("sql_literals", cases);
    sqlite3_close(db);
    return rc;
}
