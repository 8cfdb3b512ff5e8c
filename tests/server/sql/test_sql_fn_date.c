/* SPDX-License-Identifier: Apache-2.0 */
/* The date and time functions of sql_fn_date.c and sql_fn_fmt.c (constructors, zones,
 * formats, intervals, TIME_BUCKET) and the JSON and bitwise functions of sql_fn_misc.c,
 * called through SQLite directly (Rockset type and text of each result), a few through the
 * translator and encoder. Expected values are computed by hand from the calendar (and, for
 * the zones, from the published US and EU daylight-saving rules). */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/sql/sql_functions.h"
#include "tests/server/sql/test_sql_common.h"
#include "tests/cunit_main.h"

static sqlite3 *db;

#define EX(expr, want) TSQL_EX(db, expr, want)
#define ERR(expr, part) TSQL_ERR(db, expr, part)

static void test_constructors(void)
{
    EX("DATE(2018, 5, 26)", "date:2018-05-26");
    EX("TIME(10, 30, 20)", "time:10:30:20");
    EX("DATE(2020, 2, 29)", "date:2020-02-29");
    ERR("DATE(2019, 2, 29)", "DATE: not a valid date");
    ERR("TIME(24, 0, 0)", "TIME: not a valid time of day");
    EX("DATE(NULL, 1, 1)", "null");
    ERR("DATE('2019', 2, 1)", "DATE: argument 1 has type string, expected int");
    EX("DATE(rs_timestamp('2021-03-04T23:30:00Z'))", "date:2021-03-04");
    EX("DATE(rs_timestamp('2021-03-04T23:30:00Z'), 'Europe/Berlin')", "date:2021-03-05");
    EX("DATE(rs_timestamp('2021-03-04T03:30:00Z'), 'America/Los_Angeles')", "date:2021-03-03");
    EX("DATE(rs_datetime('2021-03-04T10:11:12'))", "date:2021-03-04");
    EX("TIME(rs_datetime('2021-03-04T10:11:12.5'))", "time:10:11:12.500000");
    EX("TIME(rs_timestamp('2021-07-01T12:00:00Z'), 'America/New_York')", "time:08:00:00");
    ERR("TIME(rs_date('2021-03-04'))", "TIME: argument has type date");
    ERR("DATE(rs_datetime('2021-03-04T10:11:12'), 'UTC')", "expected timestamp");
    EX("rs_datetime(rs_date('2021-03-04'), rs_time('10:11:12'))", "datetime:2021-03-04T10:11:12");
    EX("rs_datetime(rs_timestamp('2021-01-01T00:00:00Z'), 'Asia/Kolkata')",
       "datetime:2021-01-01T05:30:00");
    EX("UNIX_DATE(rs_date('1970-01-02'))", "int:1");
    EX("UNIX_DATE(rs_date('1969-12-31'))", "int:-1");
    EX("DATE_FROM_UNIX_DATE(18628)", "date:2021-01-01");
    ERR("UNIX_DATE(rs_timestamp('2021-01-01T00:00:00Z'))", "UNIX_DATE: argument has type timestamp");
}

static void test_zones(void)
{
    /* US daylight time 2021: from March 14 02:00 (-08 -> -07) to November 7 02:00 */
    EX("rs_at_time_zone(rs_timestamp('2021-03-14T09:59:59Z'), 'America/Los_Angeles')",
       "datetime:2021-03-14T01:59:59");
    EX("rs_at_time_zone(rs_timestamp('2021-03-14T10:00:00Z'), 'America/Los_Angeles')",
       "datetime:2021-03-14T03:00:00");
    EX("rs_at_time_zone(rs_datetime('2021-07-01T12:00:00'), 'America/Los_Angeles')",
       "timestamp:2021-07-01T19:00:00.000000Z");
    EX("rs_at_time_zone(rs_datetime('2021-12-01T12:00:00'), 'America/Los_Angeles')",
       "timestamp:2021-12-01T20:00:00.000000Z");
    /* past the last transition listed in the file: the footer's rule (EU: last Sunday of
     * March and of October, 01:00 UTC) */
    EX("rs_at_time_zone(rs_timestamp('2050-07-01T12:00:00Z'), 'Europe/Berlin')",
       "datetime:2050-07-01T14:00:00");
    EX("rs_at_time_zone(rs_timestamp('2050-12-01T12:00:00Z'), 'Europe/Berlin')",
       "datetime:2050-12-01T13:00:00");
    EX("rs_at_time_zone(rs_timestamp('2050-03-27T00:59:59Z'), 'Europe/Berlin')",
       "datetime:2050-03-27T01:59:59");
    EX("rs_at_time_zone(rs_timestamp('2050-03-27T01:00:00Z'), 'Europe/Berlin')",
       "datetime:2050-03-27T03:00:00");
    EX("rs_at_time_zone(rs_timestamp('2021-01-01T00:00:00Z'), '+05:30')",
       "datetime:2021-01-01T05:30:00");
    EX("rs_at_time_zone(rs_timestamp('2021-01-01T00:00:00Z'), HOURS(-3))",
       "datetime:2020-12-31T21:00:00");
    ERR("rs_at_time_zone(rs_timestamp('2021-01-01T00:00:00Z'), 'Mars/Olympus')",
        "unknown time zone 'Mars/Olympus'");
    ERR("rs_at_time_zone(rs_timestamp('2021-01-01T00:00:00Z'), '../../etc/passwd')",
        "unknown time zone");
    ERR("rs_at_time_zone(rs_date('2021-01-01'), 'UTC')", "expected datetime or timestamp");
    EX("rs_at_time_zone(NULL, 'UTC')", "null");
    EX("DATE_TRUNC('DAY', rs_timestamp('2021-07-01T03:00:00Z'), 'America/Los_Angeles')",
       "timestamp:2021-06-30T07:00:00.000000Z");
    EX("DATE_TRUNC('MONTH', rs_timestamp('2021-07-01T03:00:00Z'), 'America/Los_Angeles')",
       "timestamp:2021-06-01T07:00:00.000000Z");
    EX("rs_typeof(rs_current_date('America/Los_Angeles'))", "string:date");
    EX("rs_typeof(rs_current_datetime('UTC'))", "string:datetime");
    EX("rs_typeof(rs_current_time('+01:00'))", "string:time");
}

static void test_format_parse(void)
{
    EX("FORMAT_DATE('%Y/%m/%d (%a %b %e), day %j', rs_date('2021-03-04'))",
       "string:2021/03/04 (Thu Mar  4), day 063");
    EX("FORMAT_TIME('%H.%M.%S %p %I', rs_time('13:05:09.25'))", "string:13.05.09 PM 01");
    EX("FORMAT_TIME('%E*S|%E3S|%E6S', rs_time('13:05:09.25'))",
       "string:09.25|09.250|09.250000");
    EX("FORMAT_TIME('%E*S', rs_time('13:05:09'))", "string:09");
    EX("FORMAT_DATETIME('%F %T', rs_datetime('2021-03-04T10:11:12'))",
       "string:2021-03-04 10:11:12");
    EX("FORMAT_TIMESTAMP('%F %T %Z %z %Ez', rs_timestamp('2021-07-01T12:00:00Z'))",
       "string:2021-07-01 12:00:00 UTC +0000 +00:00");
    EX("FORMAT_TIMESTAMP('%F %T %Z %z', rs_timestamp('2021-07-01T12:00:00Z'),"
       " 'America/Los_Angeles')", "string:2021-07-01 05:00:00 PDT -0700");
    EX("FORMAT_TIMESTAMP('%s', rs_timestamp('2021-07-01T12:00:00Z'), 'Asia/Tokyo')",
       "string:1625140800");
    EX("FORMAT_TIMESTAMP('100%% %q', rs_timestamp('2021-07-01T12:00:00Z'))", "string:100% %q");
    ERR("FORMAT_DATE('%Y', rs_timestamp('2021-07-01T12:00:00Z'))",
        "FORMAT_DATE: argument 2 has type timestamp, expected date");
    EX("FORMAT_DATE(NULL, rs_date('2021-03-04'))", "null");

    EX("PARSE_DATE('%Y/%m/%d', '2021/03/04')", "date:2021-03-04");
    EX("PARSE_DATE('%d %B %Y', '4 march 2021')", "date:2021-03-04");
    EX("PARSE_DATE('%m/%d/%y', '03/04/21')", "date:2021-03-04");
    EX("PARSE_TIME('%I:%M %p', '1:05 PM')", "time:13:05:00");
    EX("PARSE_TIME('%H:%M:%E*S', '13:05:09.123')", "time:13:05:09.123000");
    EX("PARSE_DATETIME('%F %T', '2021-03-04 10:11:12')", "datetime:2021-03-04T10:11:12");
    EX("PARSE_TIMESTAMP('%F %T', '2021-03-04 10:11:12')",
       "timestamp:2021-03-04T10:11:12.000000Z");
    EX("PARSE_TIMESTAMP('%F %T', '2021-07-04 10:11:12', 'America/New_York')",
       "timestamp:2021-07-04T14:11:12.000000Z");
    EX("PARSE_TIMESTAMP('%F %T%Ez', '2021-07-04 10:11:12+02:00', 'America/New_York')",
       "timestamp:2021-07-04T08:11:12.000000Z");
    EX("PARSE_TIMESTAMP('%s', '1625140800')", "timestamp:2021-07-01T12:00:00.000000Z");
    ERR("PARSE_DATE('%Y-%m-%d', '2021-02-30')", "out of range for the format");
    ERR("PARSE_DATE('%Y-%m-%d', '2021-02-03x')", "does not match the format");
    ERR("PARSE_DATE('%Y-%m-%d', 20210203)", "PARSE_DATE: argument 2 has type int");
    EX("PARSE_DATE('%Y', NULL)", "null");
    EX("PARSE_DATE_ISO8601('2021-03-04')", "date:2021-03-04");
    EX("PARSE_TIME_ISO8601('10:11:12')", "time:10:11:12");
    EX("PARSE_DATETIME_ISO8601('2021-03-04T10:11:12')", "datetime:2021-03-04T10:11:12");
}

static void test_intervals_buckets(void)
{
    EX("rs_typeof(DAYS(2))", "string:microsecond_interval");
    EX("rs_typeof(YEARS(1))", "string:month_interval");
    EX("rs_add(rs_date('2021-01-31'), MONTHS(1))", "date:2021-02-28");
    EX("rs_add(rs_timestamp('2021-01-01T00:00:00Z'), HOURS(25))",
       "timestamp:2021-01-02T01:00:00.000000Z");
    EX("rs_add(rs_time('10:00:00'), SECONDS(1.5))", "time:10:00:01.500000");
    EX("rs_add(rs_time('10:00:00'), MILLISECONDS(250))", "time:10:00:00.250000");
    EX("rs_add(rs_datetime('2020-02-29T00:00:00'), YEARS(1))", "datetime:2021-02-28T00:00:00");
    EX("rs_eq(MINUTES(60), HOURS(1))", "bool:true");
    ERR("MONTHS(1.5)", "MONTHS: argument 1 has type float, expected int");
    ERR("DAYS(9223372036854775807)", "DAYS: Integer overflow");
    EX("DAYS(NULL)", "null");

    EX("TIME_BUCKET(MINUTES(15), rs_timestamp('2021-03-04T10:41:12Z'))",
       "timestamp:2021-03-04T10:30:00.000000Z");
    EX("TIME_BUCKET(HOURS(2), rs_datetime('2021-03-04T09:41:12'))",
       "datetime:2021-03-04T08:00:00");
    EX("TIME_BUCKET(DAYS(7), rs_date('2021-03-04'), rs_date('2021-03-01'))", "date:2021-03-01");
    EX("TIME_BUCKET(MONTHS(3), rs_date('2021-05-20'))", "date:2021-04-01");
    EX("TIME_BUCKET(MONTHS(1), rs_timestamp('1969-12-31T23:00:00Z'))",
       "timestamp:1969-12-01T00:00:00.000000Z");
    EX("TIME_BUCKET(MINUTES(10), rs_timestamp('1969-12-31T23:55:00Z'))",
       "timestamp:1969-12-31T23:50:00.000000Z");
    ERR("TIME_BUCKET(HOURS(5), rs_date('2021-05-20'))", "a date bucket must be whole days");
    ERR("TIME_BUCKET(HOURS(0), rs_date('2021-05-20'))", "positive interval");
    ERR("TIME_BUCKET(HOURS(1), rs_time('10:00:00'))", "TIME_BUCKET: argument has type time");
}

static void test_json_bitwise(void)
{
    EX("JSON_FORMAT(rs_jv('{\"a\":[1,2.5,true,null]}'))", "string:{\"a\":[1,2.5,true,null]}");
    EX("JSON_FORMAT('x\"y')", "string:\"x\\\"y\"");
    EX("JSON_FORMAT(x'31')", "string:true");
    EX("JSON_FORMAT(1.0)", "string:1.0");
    EX("JSON_PARSE(' { \"a\" : [1, 2.0, false] } ')", "object:{\"a\":[1,2.0,false]}");
    EX("JSON_PARSE('12')", "int:12");
    EX("JSON_PARSE('true')", "bool:true");
    EX("JSON_PARSE('\"s\"')", "string:s");
    EX("JSON_PARSE('null')", "null");
    ERR("JSON_PARSE('{a')", "JSON_PARSE: malformed JSON");
    ERR("JSON_PARSE(1)", "JSON_PARSE: argument 1 has type int, expected string");
    EX("BITWISE_AND(12, 10)", "int:8");
    EX("BITWISE_OR(12, 10)", "int:14");
    EX("BITWISE_XOR(12, 10)", "int:6");
    EX("BITWISE_NOT(0)", "int:-1");
    EX("BITWISE_SHIFT_LEFT(1, 62)", "int:4611686018427387904");
    EX("BITWISE_SHIFT_LEFT(1, 64)", "int:0");
    EX("BITWISE_SHIFT_RIGHT(-1, 60)", "int:15");
    ERR("BITWISE_SHIFT_RIGHT(1, -1)", "must not be negative");
    ERR("BITWISE_AND(1.5, 1)", "BITWISE_AND: argument 1 has type float, expected int");
    EX("BITWISE_AND(NULL, 1)", "null");
}

/* Through the translator and the encoder: what a client reads. */
static void test_wire(void)
{
    tsql_expect(db, "SELECT DATE(2018, 5, 26) AS d, TIME(10, 30, 20) AS t,"
                " FORMAT_DATE('%d.%m.%Y', DATE '2021-03-04') AS f", NULL,
                "[{\"d\":{\"__rockset_type\":\"DATE\",\"value\":\"2018-05-26\"},"
                "\"t\":{\"__rockset_type\":\"TIME\",\"value\":\"10:30:20\"},"
                "\"f\":\"04.03.2021\"}]");
    tsql_expect(db, "SELECT PARSE_TIMESTAMP('%Y%m%d', '20210304') AS ts,"
                " DATETIME(DATE '2021-03-04', TIME '01:02:03') AS dt", NULL,
                "[{\"ts\":\"2021-03-04T00:00:00.000000Z\","
                "\"dt\":{\"__rockset_type\":\"DATETIME\",\"value\":\"2021-03-04T01:02:03\"}}]");
}

int main(void)
{
    static const cu_case cases[] = {
        {"constructors", test_constructors},
        {"time zones", test_zones},
        {"formats", test_format_parse},
        {"intervals and buckets", test_intervals_buckets},
        {"json and bitwise", test_json_bitwise},
        {"on the wire", test_wire},
        {NULL, NULL},
    };
    int rc;

    db = tsql_open();
    if (!db)
        return 1;
    srv_sql_register_functions(db);
    rc = cu_run("sql_fn_date", cases);
    sqlite3_close(db);
    return rc;
}
