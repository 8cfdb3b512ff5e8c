/* SPDX-License-Identifier: Apache-2.0 */
/* The functions the driver's ODBC escapes emit (server/sql/sql_fn_time.c, EXTRACT units and
 * INTERVAL arithmetic): CHR, CODEPOINT, RAND, CURRENT_USER, TRUNC(x, d), DATE_ADD,
 * DATE_DIFF, EXTRACT(DAYOFWEEK|DAYOFYEAR|ISOWEEK), x +/- INTERVAL 'n' unit. */
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

/* A date/time wrapper as the encoder writes it. */
#define W(T, V) "{\"__rockset_type\":\"" T "\",\"value\":\"" V "\"}"

static void expect_error(const char *sql, int status, const char *msg_part)
{
    qx_error err;
    char *got = tsql_run(db, sql, NULL, &err);
    CU_ASSERT_PTR_NULL(got);
    if (!got) {
        CU_ASSERT_EQUAL(err.status, status);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, msg_part));
    }
    free(got);
}

static void test_strings(void)
{
    expect("SELECT CHR(65) AS a, CHR(233) AS b, CHR(8364) AS c, CHR(128512) AS d",
           "[{\"a\":\"A\",\"b\":\"\xc3\xa9\",\"c\":\"\xe2\x82\xac\",\"d\":\"\xf0\x9f\x98\x80\"}]");
    expect("SELECT CODEPOINT('A') AS a, CODEPOINT(SUBSTR('\xc3\xa9t\xc3\xa9', 1, 1)) AS b,"
           " CODEPOINT(CHR(128512)) AS c, CODEPOINT(NULL) AS n",
           "[{\"a\":65,\"b\":233,\"c\":128512,\"n\":null}]");
    expect_error("SELECT CODEPOINT('ab') AS x", 400, "one character");
    expect_error("SELECT CHR(-1) AS x", 400, "code point");
    expect("SELECT CURRENT_USER() AS u", "[{\"u\":\"\"}]");
}

static void test_numbers(void)
{
    expect("SELECT TRUNC(2.789, 2) AS a, TRUNC(-2.789, 1) AS b, TRUNC(1299, -2) AS c,"
           " TRUNC(7, 2) AS d, TRUNC(NULL, 1) AS n",
           "[{\"a\":2.78,\"b\":-2.7,\"c\":1200,\"d\":7,\"n\":null}]");
    expect("SELECT COUNT(*) AS n FROM (SELECT RAND() AS r FROM people) WHERE r >= 0 AND r < 1",
           "[{\"n\":3}]");
    expect("SELECT COUNT(DISTINCT r) AS n FROM (SELECT RAND() AS r FROM people)",
           "[{\"n\":3}]");
}

static void test_date_add_diff(void)
{
    expect("SELECT DATE_ADD('hour', 2, TIMESTAMP '2024-01-31 13:45:00') AS a,"
           " DATE_ADD('month', 1, DATE '2024-01-31') AS b,"
           " DATE_ADD('DAY', -1, DATE '2024-03-01') AS c,"
           " DATE_ADD('year', 1, DATE '2024-02-29') AS d,"
           " DATE_ADD('minute', 30, TIME '23:45:00') AS e,"
           " DATE_ADD('quarter', -1, DATETIME '2024-05-15T10:00:00') AS f",
           "[{\"a\":\"2024-01-31T15:45:00.000000Z\",\"b\":" W("DATE", "2024-02-29") ","
           "\"c\":" W("DATE", "2024-02-29") ",\"d\":" W("DATE", "2025-02-28") ","
           "\"e\":" W("TIME", "00:15:00") ",\"f\":" W("DATETIME", "2024-02-15T10:00:00") "}]");
    expect("SELECT DATE_DIFF('year', TIMESTAMP '2020-06-01 00:00:00',"
           " TIMESTAMP '2024-05-31 23:00:00') AS a,"
           " DATE_DIFF('day', DATE '2024-01-01', DATE '2024-03-01') AS b,"
           " DATE_DIFF('month', DATE '2024-03-15', DATE '2024-01-16') AS c,"
           " DATE_DIFF('hour', TIMESTAMP '2024-01-01 10:00:00', TIMESTAMP '2024-01-01 07:30:00') AS d,"
           " DATE_DIFF('week', DATE '2024-01-01', DATE '2024-01-15') AS e",
           "[{\"a\":3,\"b\":60,\"c\":-1,\"d\":-2,\"e\":2}]");
    expect_error("SELECT DATE_ADD('fortnight', 1, DATE '2024-01-01') AS x", 400, "unknown unit");
    expect_error("SELECT DATE_DIFF('day', 'soon', DATE '2024-01-01') AS x", 400,
                 "not a date");
}

static void test_extract(void)
{
    /* 2024-01-07 is a Sunday; 2021-01-03 is in ISO week 53 of 2020; 2024-12-30 in week 1
     * of 2025 */
    expect("SELECT EXTRACT(DAYOFWEEK FROM DATE '2024-01-07') AS a,"
           " EXTRACT(DAYOFWEEK FROM DATE '2024-01-13') AS b,"
           " EXTRACT(DAYOFYEAR FROM DATE '2024-12-31') AS c,"
           " EXTRACT(ISOWEEK FROM DATE '2021-01-03') AS d,"
           " EXTRACT(ISOWEEK FROM DATE '2024-12-30') AS e,"
           " EXTRACT(ISOWEEK FROM TIMESTAMP '2024-06-15 12:00:00') AS f",
           "[{\"a\":1,\"b\":7,\"c\":366,\"d\":53,\"e\":1,\"f\":24}]");
}

static void test_interval(void)
{
    expect("SELECT TIMESTAMP '2024-01-31 13:45:00' + INTERVAL '1' DAY AS a,"
           " TIMESTAMP '2024-01-31 13:45:00' - INTERVAL '90' MINUTE AS b,"
           " DATE '2024-01-31' + INTERVAL '1' MONTH AS c,"
           " DATE_ADD('day', 1, DATE '2024-01-01') + INTERVAL '2' YEAR AS d",
           "[{\"a\":\"2024-02-01T13:45:00.000000Z\",\"b\":\"2024-01-31T12:15:00.000000Z\","
           "\"c\":" W("DATE", "2024-02-29") ",\"d\":" W("DATE", "2026-01-02") "}]");
    expect("SELECT COUNT(*) AS n FROM people WHERE _event_time + INTERVAL '1' HOUR > _event_time",
           "[{\"n\":3}]");
    /* multi-unit literals add as well (more in test_sql_interval.c) */
    expect("SELECT DATE '2024-01-31' + INTERVAL '1-1' YEAR TO MONTH AS a",
           "[{\"a\":" W("DATE", "2025-02-28") "}]");
}

/* Date, datetime and time literals with one-digit fields, as Rockset's "Date and Time Types"
 * page writes them (DATETIME '2018-01-01 9:30:45.456'); the year stays four digits. */
static void test_short_fields(void)
{
    expect("SELECT DATETIME '2018-01-01 9:30:45.456' AS a, DATE '2018-1-1' AS b,"
           " DATETIME '2018-1-2T3:4:5' AS c, TIME '9:5:3.25' AS d",
           "[{\"a\":" W("DATETIME", "2018-01-01T09:30:45.456000") ",\"b\":" W("DATE", "2018-01-01")
           ",\"c\":" W("DATETIME", "2018-01-02T03:04:05") ",\"d\":" W("TIME", "09:05:03.250000")
           "}]");
    expect_error("SELECT DATE '2018-1-x' AS x", 400, "Cannot convert value to a date/time type");
    expect_error("SELECT DATE '18-1-1' AS x", 400, "Cannot convert value to a date/time type");
    expect_error("SELECT TIME '9:5:3+01' AS x", 400, "Cannot convert value to a date/time type");
}

int main(void)
{
    static const cu_case cases[] = {
        {"strings", test_strings},
        {"numbers", test_numbers},
        {"date_add/date_diff", test_date_add_diff},
        {"extract units", test_extract},
        {"interval arithmetic", test_interval},
        {"one-digit literal fields", test_short_fields},
        {NULL, NULL},
    };
    int rc;

    db = tsql_open();
    if (!db)
        return 1;
    rc = cu_run("sql_fn_time", cases);
    sqlite3_close(db);
    return rc;
}
