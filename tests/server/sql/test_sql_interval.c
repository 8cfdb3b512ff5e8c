/* SPDX-License-Identifier: Apache-2.0 */
/* Multi-unit INTERVAL literals (server/sql/sql_tr_interval.c): every qualifier, signs,
 * fractions, the literal as a value, in x +/- INTERVAL, as a function argument and a time
 * zone, malformed literals and qualifiers; and casts to and from u256 (sql_value_fn.c). */
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

/* A wrapper as the encoder writes it: quoted text (dates, u256) or a bare count. */
#define W(T, V) "{\"__rockset_type\":\"" T "\",\"value\":\"" V "\"}"
#define MI(N) "{\"__rockset_type\":\"MONTH_INTERVAL\",\"value\":" N "}"
#define UI(N) "{\"__rockset_type\":\"MICROSECOND_INTERVAL\",\"value\":" N "}"

static void test_qualifiers(void)
{
    expect("SELECT INTERVAL '1-2' YEAR TO MONTH AS a, INTERVAL '-1-2' YEAR TO MONTH AS b,"
           " INTERVAL '+0-11' YEAR TO MONTH AS c, interval '10-0' year to month AS d,"
           " TYPEOF(INTERVAL '1-2' YEAR TO MONTH) AS t",
           "[{\"a\":" MI("14") ",\"b\":" MI("-14") ",\"c\":" MI("11") ",\"d\":" MI("120")
           ",\"t\":\"month_interval\"}]");
    expect("SELECT INTERVAL '1 2' DAY TO HOUR AS a, INTERVAL '1 2:03' DAY TO MINUTE AS b,"
           " INTERVAL '1 2:03:04.5' DAY TO SECOND AS c, INTERVAL '-1 2:00:00' DAY TO SECOND AS d,"
           " TYPEOF(INTERVAL '1 2' DAY TO HOUR) AS t",
           "[{\"a\":" UI("93600000000") ",\"b\":" UI("93780000000") ",\"c\":" UI("93784500000")
           ",\"d\":" UI("-93600000000") ",\"t\":\"microsecond_interval\"}]");
    expect("SELECT INTERVAL '25:30' HOUR TO MINUTE AS a,"
           " INTERVAL '1:02:03.000004' HOUR TO SECOND AS b,"
           " INTERVAL '90:05.25' MINUTE TO SECOND AS c, INTERVAL '-0:0:1' HOUR TO SECOND AS d,"
           " INTERVAL '0 0:00:00' DAY TO SECOND AS z",
           "[{\"a\":" UI("91800000000") ",\"b\":" UI("3723000004") ",\"c\":" UI("5405250000")
           ",\"d\":" UI("-1000000") ",\"z\":" UI("0") "}]");
    /* the same value as the single-unit literal and the constructors */
    expect("SELECT INTERVAL '1 12' DAY TO HOUR = INTERVAL '36' HOUR AS a,"
           " INTERVAL '2-6' YEAR TO MONTH = MONTHS(30) AS b,"
           " INTERVAL '1:01.5' MINUTE TO SECOND = INTERVAL '1.5' SECOND + MINUTES(1) AS c",
           "[{\"a\":true,\"b\":true,\"c\":true}]");
}

static void test_arithmetic(void)
{
    expect("SELECT DATE '2024-01-31' + INTERVAL '1-1' YEAR TO MONTH AS a,"
           " DATETIME '2024-01-01 00:00:00' - INTERVAL '1 2:30' DAY TO MINUTE AS b,"
           " TIMESTAMP '2024-01-31 13:45:00' + INTERVAL '0 10:15:00.5' DAY TO SECOND AS c,"
           " TIME '23:00:00' + INTERVAL '1:30' HOUR TO MINUTE AS d,"
           " INTERVAL '1 2' DAY TO HOUR + TIMESTAMP '2024-01-01 00:00:00' AS e",
           "[{\"a\":" W("DATE", "2025-02-28") ",\"b\":" W("DATETIME", "2023-12-30T21:30:00")
           ",\"c\":\"2024-02-01T00:00:00.500000Z\",\"d\":" W("TIME", "00:30:00")
           ",\"e\":\"2024-01-02T02:00:00.000000Z\"}]");
    /* a fraction of a unit is kept (it was truncated to whole units) */
    expect("SELECT TIMESTAMP '2024-01-01 00:00:00' + INTERVAL '1.5' SECOND AS a,"
           " TIMESTAMP '2024-01-01 00:00:00' - INTERVAL '0.25' MINUTE AS b",
           "[{\"a\":\"2024-01-01T00:00:01.500000Z\",\"b\":\"2023-12-31T23:59:45.000000Z\"}]");
    /* the literal is an operand like any other: interval + interval, precedence of * */
    expect("SELECT INTERVAL 1 DAY + INTERVAL '2:00' HOUR TO MINUTE AS a,"
           " TIMESTAMP '2024-01-01 00:00:00' + INTERVAL '1' DAY * 2 AS b,"
           " DATE '2024-01-31' + INTERVAL '1' MONTH + INTERVAL '1-0' YEAR TO MONTH AS c",
           "[{\"a\":" UI("93600000000") ",\"b\":\"2024-01-03T00:00:00.000000Z\","
           "\"c\":" W("DATE", "2025-02-28") "}]");
    expect("SELECT COUNT(*) AS n FROM people"
           " WHERE _event_time + INTERVAL '0 1' DAY TO HOUR > _event_time",
           "[{\"n\":3}]");
    expect("SELECT _id FROM people WHERE _event_time - INTERVAL '-1 0' DAY TO HOUR"
           " > _event_time ORDER BY _id LIMIT 1", "[{\"_id\":\"a\"}]");
    expect_error("SELECT 1 + INTERVAL '1 2' DAY TO HOUR",
                 "Operator `+` is not defined for types int and microsecond_interval");
    /* a count that is no number fails (it was read as 0) */
    expect_error("SELECT TIMESTAMP '2024-01-01 00:00:00' + INTERVAL 'abc' DAY",
                 "Expected a number of DAYs");
}

static void test_functions(void)
{
    expect("SELECT TIME_BUCKET(INTERVAL '0 12' DAY TO HOUR,"
           " TIMESTAMP '2024-01-01 13:00:00') AS a,"
           " TIME_BUCKET(INTERVAL '0-3' YEAR TO MONTH, DATE '2021-05-20') AS b,"
           " TIMESTAMP '2024-01-01 00:00:00' AT TIME ZONE INTERVAL '5:30' HOUR TO MINUTE AS c,"
           " TYPEOF(CURRENT_DATE(INTERVAL '-3:00' HOUR TO MINUTE)) AS d",
           "[{\"a\":\"2024-01-01T12:00:00.000000Z\",\"b\":" W("DATE", "2021-04-01")
           ",\"c\":" W("DATETIME", "2024-01-01T05:30:00") ",\"d\":\"date\"}]");
    /* nested, an interval prints its count as a number too (it was a quoted string) */
    expect("SELECT [INTERVAL '1' DAY, MONTHS(2)] AS a",
           "[{\"a\":[" UI("86400000000") "," MI("2") "]}]");
    expect("SELECT [INTERVAL '1-2' YEAR TO MONTH] AS a,"
           " {'k': INTERVAL '0:01' HOUR TO MINUTE} AS o",
           "[{\"a\":[" MI("14") "],\"o\":{\"k\":" UI("60000000") "}}]");
    /* an interval is no string: CAST to string stays an error (Rockset documents none) */
    expect_error("SELECT CAST(INTERVAL '1-2' YEAR TO MONTH AS string)",
                 "Cannot cast value of type month_interval to string");
}

static void test_malformed(void)
{
    static const char *const bad[] = {
        "'1-13' YEAR TO MONTH", "'1:60' HOUR TO MINUTE", "'1 24' DAY TO HOUR",
        "'1:2' DAY TO HOUR", "'1-2' DAY TO HOUR", "'1 2' YEAR TO MONTH",
        "'1 2:3:4.1234567' DAY TO SECOND", "'1 2:3:4.' DAY TO SECOND",
        "'1 2 ' DAY TO HOUR", "'' DAY TO HOUR", "'- 1 2' DAY TO HOUR",
        "'1:005' HOUR TO MINUTE", "'1:02:03' HOUR TO MINUTE", "'1.5:00' HOUR TO MINUTE",
        "'10' MINUTE TO SECOND", "1 DAY TO HOUR",
    };
    char sql[160], part[160];
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        snprintf(sql, sizeof sql, "SELECT INTERVAL %s AS x", bad[k]);
        snprintf(part, sizeof part, "Invalid interval literal INTERVAL %s", bad[k]);
        expect_error(sql, part);
    }
    static const char *const quals[] = {
        "MONTH TO YEAR", "YEAR TO DAY", "DAY TO DAY", "SECOND TO MINUTE", "WEEK TO DAY",
        "DAY TO MILLISECOND", "QUARTER TO MONTH", "HOUR TO FORTNIGHT",
    };
    for (size_t k = 0; k < sizeof quals / sizeof quals[0]; k++) {
        snprintf(sql, sizeof sql, "SELECT DATE '2024-01-01' + INTERVAL '1 2' %s", quals[k]);
        snprintf(part, sizeof part, "Invalid interval qualifier %s", quals[k]);
        expect_error(sql, part);
    }
    expect_error("SELECT INTERVAL '99999999999999999999-0' YEAR TO MONTH", "out of range");
    expect_error("SELECT INTERVAL '106751991 23' DAY TO HOUR", "out of range");
    expect("SELECT INTERVAL '106751991 0' DAY TO HOUR AS a", "[{\"a\":" UI("9223372022400000000")
           "}]");
}

#define U256_MAX "115792089237316195423570985008687907853269984665640564039457584007913129639935"

static void test_u256(void)
{
    expect("SELECT CAST(5 AS u256) AS a, CAST('0xFF' AS u256) AS b, CAST('" U256_MAX "' AS u256)"
           " AS c, CAST('0x" "ffffffffffffffffffffffffffffffff"
           "ffffffffffffffffffffffffffffffff' AS u256) = CAST('" U256_MAX "' AS u256) AS d,"
           " TYPEOF(CAST(0 AS u256)) AS t, CAST(9223372036854775807 AS u256) AS m",
           "[{\"a\":" W("U256", "5") ",\"b\":" W("U256", "255") ",\"c\":" W("U256", U256_MAX)
           ",\"d\":true,\"t\":\"u256\",\"m\":" W("U256", "9223372036854775807") "}]");
    expect("SELECT CAST(CAST('" U256_MAX "' AS u256) AS string) AS s,"
           " CAST(CAST('9223372036854775807' AS u256) AS int) AS i,"
           " CAST(CAST(0 AS u256) AS int) AS z, CAST(CAST(7 AS u256) AS u256) AS u",
           "[{\"s\":\"" U256_MAX "\",\"i\":9223372036854775807,\"z\":0,\"u\":" W("U256", "7")
           "}]");
    /* one type compares and orders by value; with an int (another type) it is null */
    expect("SELECT CAST(256 AS u256) > CAST('0xff' AS u256) AS a,"
           " CAST(2 AS u256) < CAST('" U256_MAX "' AS u256) AS b,"
           " CAST(5 AS u256) = CAST('5' AS u256) AS c, CAST(5 AS u256) = 5 AS d",
           "[{\"a\":true,\"b\":true,\"c\":true,\"d\":null}]");
    expect("SELECT TRY_CAST(-1 AS u256) AS a, TRY_CAST('" U256_MAX "6' AS u256) AS b,"
           " TRY_CAST(CAST('9223372036854775808' AS u256) AS int) AS c,"
           " TRY_CAST('0x' AS u256) AS d, TRY_CAST(1.5 AS u256) AS e, TRY_CAST('12' AS u256)"
           " AS f",
           "[{\"a\":null,\"b\":null,\"c\":null,\"d\":null,\"e\":null,\"f\":" W("U256", "12")
           "}]");
    expect_error("SELECT CAST(-1 AS u256)", "Cannot cast value of type int to u256");
    /* 2^256 */
    expect_error("SELECT CAST('115792089237316195423570985008687907853269984665640564039457584007"
                 "913129639936' AS u256)", "Cannot cast value of type string to u256");
    expect_error("SELECT CAST('-5' AS u256)", "Cannot cast value of type string to u256");
    expect_error("SELECT CAST(CAST('9223372036854775808' AS u256) AS int)",
                 "Cannot cast value of type u256 to int");
    expect_error("SELECT CAST(1 AS u256) + CAST(1 AS u256)",
                 "Operator `+` is not defined for types u256 and u256");
}

int main(void)
{
    static const cu_case cases[] = {
        {"multi-unit qualifiers", test_qualifiers},
        {"interval arithmetic", test_arithmetic},
        {"intervals in functions", test_functions},
        {"malformed intervals", test_malformed},
        {"u256 casts", test_u256},
        {NULL, NULL},
    };
    int rc;

    db = tsql_open();
    if (!db)
        return 1;
    rc = cu_run("sql_interval", cases);
    sqlite3_close(db);
    return rc;
}
