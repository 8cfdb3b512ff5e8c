/* SPDX-License-Identifier: Apache-2.0 */
/* The translator's time zone syntax and conditional expressions (issue #13, sql_tr_zone.c,
 * sql_tr_cond.c): `x AT TIME ZONE z`, CURRENT_DATE/TIME/DATETIME with a zone, the parts of
 * CASE through the value model. */
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

#define DT(v) "{\"__rockset_type\":\"DATETIME\",\"value\":\"" v "\"}"

static void test_at_time_zone(void)
{
    /* timestamp -> civil time there; datetime -> the timestamp of that civil time */
    expect("SELECT TIMESTAMP '2021-01-01T00:00:00Z' AT TIME ZONE 'America/Los_Angeles' AS a, "
           "DATETIME '2021-07-01 12:00:00' AT TIME ZONE 'America/Los_Angeles' AS b",
           "[{\"a\":" DT("2020-12-31T16:00:00") ",\"b\":\"2021-07-01T19:00:00.000000Z\"}]");
    /* chains left to right: New York's civil time read in Los Angeles */
    expect("SELECT DATETIME '2021-07-01 12:00:00' AT TIME ZONE 'America/New_York' "
           "AT TIME ZONE 'America/Los_Angeles' AS a",
           "[{\"a\":" DT("2021-07-01T09:00:00") "}]");
    /* a zone may be a name, an offset or an interval */
    expect("SELECT _event_time AT TIME ZONE INTERVAL 2 HOUR AS a, "
           "_event_time AT TIME ZONE '+05:30' AS b FROM people WHERE _id = 'a'",
           "[{\"a\":" DT("2023-11-15T00:13:20") ",\"b\":" DT("2023-11-15T03:43:20") "}]");
    /* tighter than comparison and arithmetic: no parentheses needed around it */
    expect("SELECT TIMESTAMP '2021-01-01T00:00:00Z' AT TIME ZONE 'UTC' = "
           "DATETIME '2021-01-01 00:00:00' AS e, "
           "DATE_TRUNC('DAY', TIMESTAMP '2021-01-01T05:00:00Z' AT TIME ZONE 'Asia/Tokyo') AS d",
           "[{\"e\":true,\"d\":" DT("2021-01-01T00:00:00") "}]");
    expect("SELECT _id FROM people WHERE _event_time AT TIME ZONE 'Europe/Oslo' > "
           "DATETIME '2023-11-14 23:13:20.1' ORDER BY _id",
           "[{\"_id\":\"b\"},{\"_id\":\"c\"}]");
    expect("SELECT (DATETIME '2021-07-01 12:00:00' + INTERVAL 1 HOUR) AT TIME ZONE 'UTC' AS a, "
           "x AT TIME ZONE 'UTC' AS b FROM (SELECT DATETIME '2021-01-01 00:00:00' AS x) s",
           "[{\"a\":\"2021-07-01T13:00:00.000000Z\",\"b\":\"2021-01-01T00:00:00.000000Z\"}]");
    expect("SELECT NULL AT TIME ZONE 'UTC' AS n", "[{\"n\":null}]");
    expect_error("SELECT DATE '2021-01-01' AT TIME ZONE 'UTC'", "expected datetime or timestamp");
    expect_error("SELECT TIMESTAMP '2021-01-01T00:00:00Z' AT TIME ZONE 'Mars/Olympus'",
                 "unknown time zone");
}

static void test_current_zone(void)
{
    expect("SELECT TYPEOF(CURRENT_DATE('America/Los_Angeles')) AS d, "
           "TYPEOF(CURRENT_TIME('UTC')) AS t, TYPEOF(CURRENT_DATETIME(INTERVAL 2 HOUR)) AS dt, "
           "CURRENT_DATE('UTC') = CURRENT_DATE() AS same, TYPEOF(CURRENT_DATE) AS bare",
           "[{\"d\":\"date\",\"t\":\"time\",\"dt\":\"datetime\",\"same\":true,\"bare\":\"date\"}]");
    /* UTC-12 and UTC+14 are 26 hours apart: their dates always differ, by one or two days */
    expect("SELECT DATE_DIFF('DAY', CURRENT_DATE('Etc/GMT+12'), "
           "CURRENT_DATE('Pacific/Kiritimati')) BETWEEN 1 AND 2 AS apart",
           "[{\"apart\":true}]");
    expect_error("SELECT CURRENT_DATE('Mars/Olympus')", "unknown time zone");
}

static void test_case_parts(void)
{
    /* comparisons and arithmetic inside CASE follow the value model: 1 = '1' is null */
    expect("SELECT CASE WHEN 1 = '1' THEN 'eq' ELSE 'not' END AS a, "
           "CASE WHEN 1 = 1.0 THEN [1, 2][2] END AS b, CASE 2 WHEN 1 THEN 'x' END AS c",
           "[{\"a\":\"not\",\"b\":2,\"c\":null}]");
    expect("SELECT _id, CASE age WHEN 31 THEN 'a' WHEN 25 THEN "
           "CASE WHEN age > 20 THEN 'b' END ELSE age > 30 END AS x FROM people ORDER BY _id",
           "[{\"_id\":\"a\",\"x\":\"a\"},{\"_id\":\"b\",\"x\":\"b\"},{\"_id\":\"c\",\"x\":true}]");
    expect("SELECT CASE WHEN true THEN TIMESTAMP '2021-01-01T00:00:00Z' AT TIME ZONE '+05:30' "
           "END AS a", "[{\"a\":" DT("2021-01-01T05:30:00") "}]");
    expect_error("SELECT CASE WHEN true THEN 1 + 'a' END", "");
    expect_error("SELECT CASE WHEN 1 THEN 2", "CASE without END");
}

/* TYPEOF and IS UNDEFINED of a subquery's or CTE's columns: a computed one has no field
 * behind it, so its NULL is null; a field passed through keeps undefined apart. */
static void test_computed_columns(void)
{
    expect("SELECT TYPEOF(x) AS t, x IS UNDEFINED AS u, TYPEOF(n) AS tn, n IS UNDEFINED AS nu "
           "FROM (SELECT age + 1 AS x, NULL AS n FROM people WHERE _id = 'a') s",
           "[{\"t\":\"int\",\"u\":false,\"tn\":\"null\",\"nu\":false}]");
    expect("WITH c AS (SELECT NULL AS x, name, nope, nick FROM people WHERE _id = 'a') "
           "SELECT TYPEOF(x) AS t, TYPEOF(name) AS n, TYPEOF(nope) AS o, TYPEOF(nick) AS k, "
           "nope IS UNDEFINED AS ou, x IS NOT UNDEFINED AS xd FROM c",
           "[{\"t\":\"null\",\"n\":\"string\",\"o\":\"undefined\",\"k\":\"null\","
           "\"ou\":true,\"xd\":true}]");
    expect("WITH c AS (SELECT 1 AS a UNION ALL SELECT age FROM people WHERE _id = 'b') "
           "SELECT TYPEOF(a) AS t FROM c", "[{\"t\":\"int\"},{\"t\":\"int\"}]");
    /* nested: the computed column of the inner subquery passes through the outer one */
    expect("SELECT TYPEOF(y) AS t FROM (SELECT x AS y FROM (SELECT [1] AS x) a) b",
           "[{\"t\":\"array\"}]");
    /* a source without companions at all (VALUES): the value alone tells */
    expect("SELECT TYPEOF(column1) AS t, column1 IS UNDEFINED AS u FROM (VALUES (1), (NULL)) v",
           "[{\"t\":\"int\",\"u\":false},{\"t\":\"null\",\"u\":false}]");
    /* a CTE with a column list has exactly those columns (recursion included) */
    expect("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3) "
           "SELECT x, TYPEOF(x) AS t FROM c ORDER BY x",
           "[{\"x\":1,\"t\":\"int\"},{\"x\":2,\"t\":\"int\"},{\"x\":3,\"t\":\"int\"}]");
    /* the companions stay out of the rows */
    expect("SELECT * FROM (SELECT age * 2 AS d FROM people WHERE _id = 'c') s",
           "[{\"d\":80}]");
}

int main(void)
{
    static const cu_case cases[] = {
        {"AT TIME ZONE", test_at_time_zone},
        {"CURRENT_DATE(zone)", test_current_zone},
        {"CASE parts", test_case_parts},
        {"computed columns", test_computed_columns},
        {NULL, NULL},
    };
    db = tsql_open();
    if (!db)
        return 1;
    int rc = cu_run("sql_tr_cond", cases);
    sqlite3_close(db);
    return rc;
}
