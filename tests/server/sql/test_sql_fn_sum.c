/* SPDX-License-Identifier: Apache-2.0 */
/* SUM and AVG over the value model (sql_fn_sum.c) and the numeric aggregates' argument
 * types: an int or a float adds, null and undefined are skipped, any other type is an error
 * naming the aggregate and the type (SQLite's own sum() read a date as 0 and true as 1).
 * MIN and MAX over mixed types pick by the order ORDER BY uses. Through the translator. */
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

static void test_sum_numbers(void)
{
    expect("SELECT SUM(x) AS s, TYPEOF(SUM(x)) AS t FROM UNNEST([1, 2, null, 4] AS x)",
           "[{\"s\":7,\"t\":\"int\"}]");
    expect("SELECT SUM(x) AS s FROM UNNEST([1, 2.5] AS x)", "[{\"s\":3.5}]");
    expect("SELECT AVG(x) AS a, TYPEOF(AVG(x)) AS t FROM UNNEST([1, 2] AS x)",
           "[{\"a\":1.5,\"t\":\"float\"}]");
    /* no value: null */
    expect("SELECT SUM(x) AS s, AVG(x) AS a FROM UNNEST([null] AS x)",
           "[{\"s\":null,\"a\":null}]");
    /* compensated: the 1s are not lost beside 1e100 */
    expect("SELECT SUM(x) AS s FROM UNNEST([1e100, 1.0, -1e100] AS x)", "[{\"s\":1.0}]");
    expect_error("SELECT SUM(x) AS s FROM UNNEST([9223372036854775807, 1] AS x)",
                 "Integer overflow");
    /* a float anywhere makes it a float sum, in either order */
    expect("SELECT SUM(x) AS s FROM UNNEST([9223372036854775807, 1, 0.0] AS x)",
           "[{\"s\":9.223372036854776e+18}]");
    expect("SELECT SUM(x) AS s FROM UNNEST([0.0, 9223372036854775807, 1] AS x)",
           "[{\"s\":9.223372036854776e+18}]");
    expect("SELECT SUM(DISTINCT x) AS s FROM UNNEST([2, 2, 3] AS x)", "[{\"s\":5}]");
    expect("SELECT _id, SUM(age) OVER (ORDER BY _id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"
           " AS s FROM people ORDER BY _id",
           "[{\"_id\":\"a\",\"s\":31},{\"_id\":\"b\",\"s\":56},{\"_id\":\"c\",\"s\":65}]");
}

/* A window frame that moves removes the leaving row: ints exactly, floats compensated. */
static void test_sum_windows(void)
{
    /* 2.5 is lost in 1e20's sum but kept by the compensation: once 1e20 leaves, 2.5 + 1.5
     * is 4.0 (a plain running sum would say 1.5) */
    expect("SELECT x, SUM(x) OVER (ORDER BY x DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) "
           "AS s, AVG(x) OVER (ORDER BY x DESC ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS a "
           "FROM UNNEST([0.5, 1.5, 1e20, 2.5] AS x) ORDER BY x DESC",
           "[{\"x\":1e+20,\"s\":1e+20,\"a\":1e+20},{\"x\":2.5,\"s\":1e+20,\"a\":5e+19},"
           "{\"x\":1.5,\"s\":4.0,\"a\":2.0},{\"x\":0.5,\"s\":2.0,\"a\":1.0}]");
    expect("SELECT x, SUM(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s "
           "FROM UNNEST([-9223372036854775807 - 1, 1, 2] AS x) ORDER BY x",
           "[{\"x\":-9223372036854775808,\"s\":-9223372036854775808},"
           "{\"x\":1,\"s\":-9223372036854775807},{\"x\":2,\"s\":3}]");
}

static void test_sum_types(void)
{
    expect_error("SELECT SUM(x) AS s FROM UNNEST([DATE '2020-01-01'] AS x)",
                 "SUM: argument has type date, expected int or float");
    expect_error("SELECT SUM(x) AS s FROM UNNEST([true, false] AS x)",
                 "SUM: argument has type bool, expected int or float");
    expect_error("SELECT AVG(x) AS s FROM UNNEST([1, '2'] AS x)",
                 "AVG: argument has type string, expected int or float");
    expect_error("SELECT SUM(x) AS s FROM UNNEST([[1]] AS x)", "SUM: argument has type array");
    expect_error("SELECT AVG(x) AS s FROM UNNEST([{'a': 1}] AS x)",
                 "AVG: argument has type object");
    expect_error("SELECT SUM(x) AS s FROM UNNEST([TIME '10:00:00'] AS x)", "type time");
    expect_error("SELECT SUM(x) AS s FROM UNNEST([DATETIME '2020-01-01T10:00:00'] AS x)",
                 "type datetime");
    expect_error("SELECT AVG(x) AS s FROM UNNEST([TIMESTAMP '2020-01-01T10:00:00Z'] AS x)",
                 "type timestamp");
    expect_error("SELECT SUM(x) AS s FROM UNNEST([INTERVAL 1 DAY, INTERVAL 2 DAY] AS x)",
                 "SUM: argument has type microsecond_interval");
    /* a field of a collection: name is a string in every row */
    expect_error("SELECT SUM(name) AS s FROM people", "SUM: argument has type string");
    expect_error("SELECT SUM(x) OVER () AS s FROM UNNEST(['a'] AS x)", "SUM: argument");
    /* the other numeric aggregates say so the same way */
    expect_error("SELECT STDDEV(x) AS s FROM UNNEST([true] AS x)",
                 "STDDEV: argument has type bool, expected int or float");
    expect_error("SELECT VAR_POP(x) AS s FROM UNNEST([DATE '2020-01-01'] AS x)",
                 "VAR_POP: argument has type date");
    expect_error("SELECT APPROX_PERCENTILE(x, 0.5) AS s FROM UNNEST(['a'] AS x)",
                 "APPROX_PERCENTILE: argument 1 has type string");
    /* COUNT takes any type */
    expect("SELECT COUNT(x) AS n FROM UNNEST([DATE '2020-01-01', true, 'a', null] AS x)",
           "[{\"n\":3}]");
}

/* MIN and MAX pick what ORDER BY puts first and last (ints and floats, then strings, then
 * the other types by their tag), and keep its type. */
static void test_min_max_mixed(void)
{
    const char *vals = "[2, 'b', true, DATE '2020-01-01', 1.5, 'a', [1]]";
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT MIN(x) AS lo, MAX(x) AS hi FROM UNNEST(%s AS x)", vals);
    expect(sql, "[{\"lo\":1.5,\"hi\":true}]");
    snprintf(sql, sizeof sql,
             "SELECT ARRAY_AGG(x) AS o FROM (SELECT x FROM UNNEST(%s AS x) ORDER BY x)", vals);
    expect(sql, "[{\"o\":[1.5,2,\"a\",\"b\",{\"__rockset_type\":\"DATE\",\"value\":"
                "\"2020-01-01\"},[1],true]}]");
    expect("SELECT MIN(x) AS lo, MAX(x) AS hi FROM UNNEST(['a', DATE '2020-01-01'] AS x)",
           "[{\"lo\":\"a\",\"hi\":{\"__rockset_type\":\"DATE\",\"value\":\"2020-01-01\"}}]");
}

int main(void)
{
    static const cu_case cases[] = {
        {"SUM and AVG of numbers", test_sum_numbers},
        {"SUM and AVG over moving frames", test_sum_windows},
        {"numeric aggregates refuse other types", test_sum_types},
        {"MIN and MAX over mixed types", test_min_max_mixed},
        {NULL, NULL},
    };
    db = tsql_open();
    if (!db)
        return 1;
    int rc = cu_run("sql SUM/AVG", cases);
    sqlite3_close(db);
    return rc;
}
