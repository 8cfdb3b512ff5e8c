/* SPDX-License-Identifier: Apache-2.0 */
/* TRY(expr) (issue #13, sql_fn_reg.c, sql_tr_cond.c): an error raised inside expr by one of
 * our functions or operators is null instead; the same error outside TRY still fails the
 * statement. Rows of a collection where only some error, constant subexpressions that
 * SQLite evaluates once, nesting, and TRY in WHERE and inside aggregate arguments. */
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

static void test_constants(void)
{
    expect("SELECT TRY(1 / 0) AS a, TRY('hello' + 1) AS b, TRY(CAST('x' AS int)) AS c, "
           "TRY(1 + 1) AS d",
           "[{\"a\":null,\"b\":null,\"c\":null,\"d\":2}]");
    expect("SELECT TYPEOF(TRY(1 / 0)) AS t, TRY(UPPER('a') || 'b') AS s, "
           "TRY(DATE_ADD('DAY', 1, DATE '2021-01-01')) AS d",
           "[{\"t\":\"null\",\"s\":\"Ab\",\"d\":{\"__rockset_type\":\"DATE\","
           "\"value\":\"2021-01-02\"}}]");
    /* a function's own argument check is an error like any other */
    expect("SELECT TRY(UPPER(1)) AS u, TRY(CHR(-1)) AS c, TRY(DATE(2021, 2, 30)) AS d",
           "[{\"u\":null,\"c\":null,\"d\":null}]");
    /* strings and quoted names that look like calls are left as they are */
    expect("SELECT TRY(CONCAT('UPPER(', 'x')) AS s", "[{\"s\":\"UPPER(x\"}]");
}

static void test_rows(void)
{
    /* age 25 divides by zero: that row is null, the others answer */
    expect("SELECT _id, TRY(100 / (age - 25)) AS q FROM people ORDER BY _id",
           "[{\"_id\":\"a\",\"q\":16},{\"_id\":\"b\",\"q\":null},{\"_id\":\"c\",\"q\":6}]");
    /* a constant subexpression SQLite evaluates once, outside the row loop */
    expect("SELECT _id, TRY(age + 1 / 0) AS x, TRY(age + CAST('7' AS int)) AS y FROM people "
           "ORDER BY _id",
           "[{\"_id\":\"a\",\"x\":null,\"y\":38},{\"_id\":\"b\",\"x\":null,\"y\":32},"
           "{\"_id\":\"c\",\"x\":null,\"y\":47}]");
    expect("SELECT _id FROM people WHERE TRY(100 / (age - 25)) > 10 ORDER BY _id",
           "[{\"_id\":\"a\"}]");
    expect("SELECT _id FROM people WHERE TRY(100 / (age - 25)) IS NULL", "[{\"_id\":\"b\"}]");
    expect("SELECT SUM(TRY(100 / (age - 25))) AS s, COUNT(TRY(100 / (age - 25))) AS n "
           "FROM people",
           "[{\"s\":22,\"n\":2}]");
    /* the zip casts where it exists; a name never does */
    expect("SELECT _id, TRY(CAST(address.zip AS int)) AS z, TRY(CAST(name AS int)) AS n "
           "FROM people ORDER BY _id",
           "[{\"_id\":\"a\",\"z\":150,\"n\":null},{\"_id\":\"b\",\"z\":null,\"n\":null},"
           "{\"_id\":\"c\",\"z\":null,\"n\":null}]");
}

static void test_nesting(void)
{
    expect("SELECT TRY(TRY(1 / 0) + 1) AS a, TRY(1 + TRY(2 * 3)) AS b", "[{\"a\":null,\"b\":7}]");
    /* an inner TRY absorbs its own error: the outer one answers */
    expect("SELECT TRY(COALESCE(TRY(1 / 0), 5)) AS c, TRY(TRY(1 / 0) IS NULL) AS d",
           "[{\"c\":5,\"d\":true}]");
}

/* An error anywhere inside the argument makes the whole TRY null, also where the failed
 * call's value is dropped by a function or operator that absorbs nulls. */
static void test_whole_argument(void)
{
    expect("SELECT TRY(COALESCE(1 / 0, 5)) AS c, TRY(IFNULL(1 / 0, 5)) AS i, "
           "TRY(NULLIF(1 / 0, 5)) AS n",
           "[{\"c\":null,\"i\":null,\"n\":null}]");
    expect("SELECT TRY(CASE WHEN 1 / 0 IS NULL THEN 'n' ELSE 'v' END) AS c, "
           "TRY(1 / 0 IS NULL) AS b, TRY(CASE WHEN 1 / 0 > 1 THEN 'y' END) AS w",
           "[{\"c\":null,\"b\":null,\"w\":null}]");
    expect("SELECT TRY(1 / 0 = 1 OR true) AS o, TRY(NOT (1 / 0 = 1)) AS n, "
           "TRY(TYPEOF(1 / 0)) AS t",
           "[{\"o\":null,\"n\":null,\"t\":null}]");
    /* a branch not taken is not evaluated: no error there */
    expect("SELECT TRY(CASE WHEN 1 = 1 THEN 'ok' ELSE 1 / 0 END) AS c", "[{\"c\":\"ok\"}]");
    /* per row, with a constant failing part and a per-row one */
    expect("SELECT _id, TRY(CASE WHEN 1 / 0 IS NULL THEN age ELSE 0 END) AS a, "
           "TRY(COALESCE(100 / (age - 25), -1)) AS b FROM people ORDER BY _id",
           "[{\"_id\":\"a\",\"a\":null,\"b\":16},{\"_id\":\"b\",\"a\":null,\"b\":null},"
           "{\"_id\":\"c\",\"a\":null,\"b\":6}]");
    expect("SELECT _id FROM people WHERE TRY(COALESCE(100 / (age - 25), -1)) IS NULL",
           "[{\"_id\":\"b\"}]");
    /* a row whose error is dropped inside one TRY does not leak into the next TRY */
    expect("SELECT _id, TRY(COALESCE(100 / (age - 25), -1)) AS a, TRY(age) AS b FROM people "
           "ORDER BY _id",
           "[{\"_id\":\"a\",\"a\":16,\"b\":31},{\"_id\":\"b\",\"a\":null,\"b\":25},"
           "{\"_id\":\"c\",\"a\":6,\"b\":40}]");
    /* a subquery SQLite evaluates once: every row sees the error, also where it is dropped */
    expect("SELECT x, TRY((SELECT 1 / 0) IS NULL) AS a FROM UNNEST([1, 2] AS x) ORDER BY x",
           "[{\"x\":1,\"a\":null},{\"x\":2,\"a\":null}]");
    expect("SELECT _id, TRY(COALESCE((SELECT 1 / 0), age)) AS a FROM people ORDER BY _id",
           "[{\"_id\":\"a\",\"a\":null},{\"_id\":\"b\",\"a\":null},"
           "{\"_id\":\"c\",\"a\":null}]");
}

/* Around and inside aggregates: SUM(TRY(..)) skips the failed rows, TRY(SUM(..)) is null
 * when any row's argument failed. */
static void test_aggregates(void)
{
    expect("SELECT SUM(TRY(100 / (age - 25))) AS s, AVG(TRY(100 / (age - 25))) AS a, "
           "COUNT(TRY(COALESCE(100 / (age - 25), 0))) AS n FROM people",
           "[{\"s\":22,\"a\":11.0,\"n\":2}]");
    expect("SELECT TRY(SUM(100 / (age - 25))) AS s, TRY(AVG(100 / (age - 25))) AS a, "
           "TRY(STDDEV(100 / (age - 25))) AS d, TRY(SUM(age)) AS ok FROM people",
           "[{\"s\":null,\"a\":null,\"d\":null,\"ok\":96}]");
    expect("SELECT TRY(APPROX_PERCENTILE(100 / (age - 25), 0.5)) AS p, "
           "TRY(COUNT_IF(100 / (age - 25) > 1)) AS c FROM people",
           "[{\"p\":null,\"c\":null}]");
    expect("SELECT TRY(SUM(100 / (age - 25))) AS s FROM people WHERE age > 30",
           "[{\"s\":22}]");
    /* SQLite's COUNT, MIN and MAX and the aggregates of the value model alike */
    expect("SELECT TRY(COUNT(100 / (age - 25))) AS n, TRY(MIN(100 / (age - 25))) AS lo, "
           "TRY(MAX(100 / (age - 25))) AS hi, TRY(COUNT(*)) AS r, "
           "TRY(COUNT(DISTINCT age)) AS d, TRY(MAX(age)) AS m FROM people",
           "[{\"n\":null,\"lo\":null,\"hi\":null,\"r\":3,\"d\":3,\"m\":40}]");
    expect("SELECT TRY(ARRAY_AGG(100 / (age - 25))) AS a, TRY(MAP_AGG(name, 1 / 0)) AS m, "
           "TRY(ARBITRARY(100 / (age - 25))) AS y, TRY(MAX_BY(age, 100 / (age - 25))) AS b, "
           "TRY(APPROX_DISTINCT(100 / (age - 25))) AS d FROM people",
           "[{\"a\":null,\"m\":null,\"y\":null,\"b\":null,\"d\":null}]");
    expect("SELECT TRY(MIN(x)) AS lo, TRY(MAX(x)) AS hi, TRY(COUNT(x)) AS n "
           "FROM UNNEST([2, 'a', 1.5, null] AS x)",
           "[{\"lo\":1.5,\"hi\":\"a\",\"n\":3}]");
    expect("SELECT TRY(MIN(x)) AS lo, TRY(COUNT(x)) AS n FROM UNNEST([null] AS x)",
           "[{\"lo\":null,\"n\":0}]");
    /* a window function keeps SQLite's own (TRY's aggregates are no window functions) */
    expect("SELECT TRY(COUNT(x) OVER ()) AS n, TRY(MAX(x) OVER ()) AS m "
           "FROM UNNEST([1, 2] AS x) LIMIT 1",
           "[{\"n\":2,\"m\":2}]");
}

/* The value that carries the error inside TRY never reaches a result. */
static void test_no_leak(void)
{
    expect("SELECT TRY(ARRAY_CREATE(1 / 0)) AS a, TRY(CAST(1 / 0 AS string)) AS s",
           "[{\"a\":null,\"s\":null}]");
    expect("SELECT TRY(x) AS v FROM UNNEST([1, 2] AS x) GROUP BY TRY(x) ORDER BY v",
           "[{\"v\":1},{\"v\":2}]");
    expect("SELECT TRY(1 / x) AS v, COUNT(*) AS n FROM UNNEST([0, 0, 1] AS x) "
           "GROUP BY TRY(1 / x) ORDER BY n",
           "[{\"v\":1,\"n\":1},{\"v\":null,\"n\":2}]");
}

static void test_errors_outside(void)
{
    expect_error("SELECT 1 / 0 AS x", "Division by zero");
    expect_error("SELECT TRY(1 / 0) AS a, 1 / 0 AS b", "Division by zero");
    expect_error("SELECT _id, 100 / (age - 25) AS q FROM people", "Division by zero");
    expect_error("SELECT CAST('x' AS int) + TRY(1 / 0) AS a", "");
    /* SQLite's own functions are not Rockset's: unknown, also inside TRY */
    expect_error("SELECT TRY(json_extract('{', '$')) AS a", "Function `json_extract` not found");
    /* ABS is ours, so its overflow is covered */
    expect("SELECT TRY(ABS(-9223372036854775807 - 1)) AS a", "[{\"a\":null}]");
    expect_error("SELECT TRY() AS a", "TRY");
    expect_error("SELECT TRY(1, 2) AS a", "TRY");
}

/* The renamed calls move the output after them; errors still point at their source token. */
static void test_positions(void)
{
    qx_error err;
    memset(&err, 0, sizeof err);
    char *got = tsql_run(db, "SELECT TRY(UPPER('a') || NO_SUCH_FN(1)) AS a", NULL, &err);
    CU_ASSERT_PTR_NULL(got);
    free(got);
    CU_ASSERT_EQUAL(err.line, 1);
    CU_ASSERT_EQUAL(err.column, 26);
}

int main(void)
{
    static const cu_case cases[] = {
        {"constants", test_constants},
        {"rows", test_rows},
        {"nesting", test_nesting},
        {"the whole argument", test_whole_argument},
        {"aggregates", test_aggregates},
        {"no leak of the error value", test_no_leak},
        {"errors outside TRY", test_errors_outside},
        {"error positions", test_positions},
        {NULL, NULL},
    };
    db = tsql_open();
    if (!db)
        return 1;
    int rc = cu_run("sql TRY", cases);
    sqlite3_close(db);
    return rc;
}
