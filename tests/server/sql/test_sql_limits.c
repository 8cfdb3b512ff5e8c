/* SPDX-License-Identifier: Apache-2.0 */
/* What the fuzzers and issue #11 found in the SQL engine. Huge numbers in statements: date
 * arithmetic, TRUNC, LIMIT and OFFSET at the ends of the 64-bit range answer a value or a 400
 * that says why, never a signed overflow (the sanitizer build aborts on one). */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/server/sql/test_sql_common.h"
#include "tests/cunit_main.h"

static sqlite3 *db;

#define W(T, V) "{\"__rockset_type\":\"" T "\",\"value\":\"" V "\"}"

static void expect(const char *sql, const char *want)
{
    tsql_expect(db, sql, NULL, want);
}

static void expect_error(const char *sql, const char *msg_part)
{
    qx_error err;
    char *got = tsql_run(db, sql, NULL, &err);
    if (got || !strstr(err.msg, msg_part))
        fprintf(stderr, "\n  query: %s\n  want error: %s\n  got:   %s (%s)\n", sql, msg_part,
                got ? got : "(error)", got ? "" : err.msg);
    CU_ASSERT_PTR_NULL(got);
    if (!got) {
        CU_ASSERT_EQUAL(err.status, 400);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, msg_part));
    }
    free(got);
}

static void test_date_add_huge(void)
{
    expect_error("SELECT DATE_ADD('year', 9223372036854775807, DATE '2024-01-31') AS x",
                 "DATE_ADD: the result is out of range");
    expect_error("SELECT DATE_ADD('month', -9223372036854775807, DATE '2024-01-31') AS x",
                 "out of range");
    expect_error("SELECT DATE_ADD('microsecond', 9223372036854775807,"
                 " TIMESTAMP '2024-01-31 00:00:00') AS x", "out of range");
    expect_error("SELECT DATE_ADD('week', 4611686018427387904, DATE '2024-01-31') AS x",
                 "out of range");
    expect_error("SELECT DATE_SUB('day', -9223372036854775807 - 1, DATE '2024-01-31') AS x",
                 "DATE_SUB: the result is out of range");
    expect_error("SELECT DATE_ADD('day', 1, DATE '9999-12-31') AS x", "out of range");
    expect_error("SELECT TIMESTAMP '2024-01-31 13:45:00' + INTERVAL '9223372036854775807' YEAR"
                 " AS x", "out of range");
    /* the last day there is, and a time of day, which wraps whatever the count */
    expect("SELECT DATE_ADD('day', 1, DATE '9999-12-30') AS a,"
           " DATE_ADD('hour', 1000000000000001, TIME '12:00:00') AS b,"
           " DATE_SUB('year', 9223372036854775807, TIME '12:00:00') AS c",
           "[{\"a\":" W("DATE", "9999-12-31") ",\"b\":" W("TIME", "05:00:00") ","
           "\"c\":" W("TIME", "12:00:00") "}]");
}

static void test_date_diff_huge(void)
{
    expect_error("SELECT DATE_DIFF('day', -9223372036854775807, 9223372036854775807) AS x",
                 "DATE_DIFF: the values are too far apart");
    expect("SELECT DATE_DIFF('year', DATE '0001-01-01', DATE '9999-12-31') AS a",
           "[{\"a\":9998}]");
}

static void test_trunc_huge(void)
{
    expect("SELECT TRUNC(9223372036854775807, -1) AS a, TRUNC(-9223372036854775807 - 1, -3) AS b,"
           " TRUNC(123, -20) AS c, TRUNC(-9223372036854775807, -18) AS d",
           "[{\"a\":9223372036854775800,\"b\":-9223372036854775000,\"c\":0,"
           "\"d\":-9000000000000000000}]");
}

static void test_limit_offset_huge(void)
{
    expect("SELECT name FROM people ORDER BY name LIMIT 9223372036854775807"
           " OFFSET 9223372036854775807", "[]");
    expect("SELECT name FROM people ORDER BY name LIMIT 1 OFFSET 9223372036854775807", "[]");
    expect("SELECT name FROM people ORDER BY name LIMIT 9223372036854775807 OFFSET 2",
           "[{\"name\":\"Cy\"}]");
}

/* Found by fuzz_server_sql: binding a LIKE pattern makes SQLite prepare the statement again
 * on its first step, which frees the column names the encoder kept (a use after free that
 * ASan and valgrind report; the names are copies now). */
static void test_like_parameter(void)
{
    qx_error err;
    char *got = tsql_run(db, "SELECT name, age FROM people WHERE age > :a AND name LIKE :n",
                         "[{\"name\":\"a\",\"type\":\"int\",\"value\":\"20\"},"
                         "{\"name\":\"n\",\"type\":\"string\",\"value\":\"%o%\"}]", &err);
    CU_ASSERT_PTR_NOT_NULL(got);
    if (got)
        CU_ASSERT_STRING_EQUAL(got, "[{\"name\":\"Bob\",\"age\":25}]");
    free(got);
}

int main(void)
{
    static const cu_case cases[] = {
        {"DATE_ADD/DATE_SUB/INTERVAL past the range", test_date_add_huge},
        {"DATE_DIFF of far-apart values", test_date_diff_huge},
        {"TRUNC of the largest integers", test_trunc_huge},
        {"LIMIT and OFFSET at the int64 maximum", test_limit_offset_huge},
        {"column names after a LIKE parameter re-prepares", test_like_parameter},
        {NULL, NULL},
    };
    int rc;

    db = tsql_open();
    if (!db)
        return 1;
    rc = cu_run("sql_limits", cases);
    sqlite3_close(db);
    return rc;
}
