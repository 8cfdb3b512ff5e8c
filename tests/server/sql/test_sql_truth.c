/* SPDX-License-Identifier: Apache-2.0 */
/* Results that tell the truth (issue #10): MIN/MAX keep the Rockset type of the value they
 * pick, date functions keep the type of their temporal argument, and date/time values
 * compare as values whatever produced their text (literal, cast, parameter, function,
 * stored document). */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/sql/sql_functions.h"
#include "tests/server/sql/test_sql_common.h"
#include "tests/cunit_main.h"

static sqlite3 *db;

static void expect_p(const char *sql, const char *params, const char *want)
{
    tsql_expect(db, sql, params, want);
}

static void expect(const char *sql, const char *want)
{
    expect_p(sql, NULL, want);
}

#define W(T, V) "{\"__rockset_type\":\"" T "\",\"value\":\"" V "\"}"

/* Typed fields on two documents of people (docs_1): d (date), t (time), dt (datetime), ts
 * (timestamp), as the store keeps them. */
static int add_typed_docs(void)
{
    static const char sql[] =
        "INSERT INTO docs_1 VALUES ('t1', 0, '{\"d\":{\"__rockset_type\":\"DATE\",\"value\":"
        "\"2021-02-02\"},\"t\":{\"__rockset_type\":\"TIME\",\"value\":\"01:01:07\"},\"dt\":"
        "{\"__rockset_type\":\"DATETIME\",\"value\":\"2022-03-02T10:01:33\"},\"ts\":"
        "{\"__rockset_type\":\"TIMESTAMP\",\"value\":\"2023-08-02T19:03:04.001111Z\"}}');"
        "INSERT INTO docs_1 VALUES ('t2', 0, '{\"d\":{\"__rockset_type\":\"date\",\"value\":"
        "\"2020-12-31\"},\"t\":{\"__rockset_type\":\"time\",\"value\":\"01:01:07.250000\"},"
        "\"dt\":{\"__rockset_type\":\"datetime\",\"value\":\"2022-03-02T10:01:33.500000\"},"
        "\"ts\":{\"__rockset_type\":\"timestamp\",\"value\":\"2023-08-01T00:00:00.000000Z\"}}');"
        "INSERT INTO coll_fields VALUES (1,'d'),(1,'t'),(1,'dt'),(1,'ts')";
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static void test_minmax_keep_type(void)
{
    expect("SELECT MIN(d), MAX(d) AS hi, MIN(dt), MAX(t), MIN(ts), MIN(active), MAX(active),"
           " MIN(DISTINCT name) AS n FROM people",
           "[{\"?min\":" W("DATE", "2020-12-31") ",\"hi\":" W("DATE", "2021-02-02") ","
           "\"?field2\":" W("DATETIME", "2022-03-02T10:01:33") ","
           "\"?max\":" W("TIME", "01:01:07.250000") ","
           "\"?field4\":\"2023-08-01T00:00:00.000000Z\",\"?field5\":false,\"?field6\":true,"
           "\"n\":\"Ann\"}]");
    /* numbers sort before text, as in SQLite's min()/max(); no value at all is null */
    CU_ASSERT_EQUAL(sqlite3_exec(db, "INSERT INTO docs_1 VALUES ('t3', 0, '{\"age\":\"old\"}')",
                                 NULL, NULL, NULL), SQLITE_OK);
    expect("SELECT MIN(age) AS lo, MAX(age) AS hi, MIN(nick) AS k FROM people",
           "[{\"lo\":25,\"hi\":\"old\",\"k\":null}]");
    expect("SELECT MIN(d) AS m FROM people WHERE _id = 'none'", "[{\"m\":null}]");
    sqlite3_exec(db, "DELETE FROM docs_1 WHERE _id = 't3'", NULL, NULL, NULL);
    /* per group, and through a subquery the companion carries on */
    expect("SELECT _id, MAX(t) AS m FROM people WHERE t IS NOT NULL GROUP BY _id ORDER BY 1",
           "[{\"_id\":\"t1\",\"m\":" W("TIME", "01:01:07") "},"
           "{\"_id\":\"t2\",\"m\":" W("TIME", "01:01:07.250000") "}]");
    expect("SELECT m FROM (SELECT MIN(d) AS m FROM people)",
           "[{\"m\":" W("DATE", "2020-12-31") "}]");
    expect("SELECT MAX(address.city) AS c, MIN(DATE_ADD('day', 1, d)) AS n FROM people",
           "[{\"c\":\"Rome\",\"n\":" W("DATE", "2021-01-01") "}]");
}

static void test_functions_keep_type(void)
{
    expect("SELECT DATE_ADD('day', 1, d) AS a, DATE_SUB('hour', 1, dt) AS b,"
           " t + INTERVAL '1' MINUTE AS c, DATE_TRUNC('month', d) AS e,"
           " DATE_TRUNC('hour', dt) AS f, DATE_TRUNC('day', ts) AS g,"
           " DATE_ADD('day', 1, ts) AS h FROM people WHERE _id = 't1'",
           "[{\"a\":" W("DATE", "2021-02-03") ",\"b\":" W("DATETIME", "2022-03-02T09:01:33") ","
           "\"c\":" W("TIME", "01:02:07") ",\"e\":" W("DATE", "2021-02-01") ","
           "\"f\":" W("DATETIME", "2022-03-02T10:00:00") ","
           "\"g\":\"2023-08-02T00:00:00.000000Z\",\"h\":\"2023-08-03T19:03:04.001111Z\"}]");
    /* what {fn TIMESTAMPADD(SQL_TSI_DAY, 1, x)} becomes, on literals (static kinds) */
    expect("SELECT DATE_ADD('DAY', 1, DATE '2024-02-28') AS a,"
           " DATE_ADD('SECOND', 1, TIME '23:59:59') AS b,"
           " DATE_ADD('MONTH', 1, DATETIME '2024-01-31 08:00:00') AS c,"
           " DATETIME '2024-01-01 00:00:00' - INTERVAL '1' DAY AS d",
           "[{\"a\":" W("DATE", "2024-02-29") ",\"b\":" W("TIME", "00:00:00") ","
           "\"c\":" W("DATETIME", "2024-02-29T08:00:00") ","
           "\"d\":" W("DATETIME", "2023-12-31T00:00:00") "}]");
    /* a typed parameter keeps its type through DATE_ADD */
    expect_p("SELECT DATE_ADD('day', 1, :p) AS a", "[{\"name\":\"p\",\"type\":\"date\","
             "\"value\":\"2024-01-01\"}]", "[{\"a\":" W("DATE", "2024-01-02") "}]");
}

static void test_values_compare(void)
{
    expect("SELECT _id FROM people WHERE t = TIME '01:01:07'", "[{\"_id\":\"t1\"}]");
    expect("SELECT _id FROM people WHERE t = TIME '1:01:07.25'", "[{\"_id\":\"t2\"}]");
    expect("SELECT _id FROM people WHERE dt = DATETIME '2022-03-02T10:01:33'",
           "[{\"_id\":\"t1\"}]");
    expect("SELECT _id FROM people WHERE dt = CAST('2022-03-02 10:01:33.000' AS datetime)",
           "[{\"_id\":\"t1\"}]");
    expect("SELECT _id FROM people WHERE DATE_ADD('second', 1, t) = TIME '01:01:08'",
           "[{\"_id\":\"t1\"}]");
    expect_p("SELECT _id FROM people WHERE t = :a OR dt = :b",
             "[{\"name\":\"a\",\"type\":\"time\",\"value\":\"01:01:07.000\"},"
             "{\"name\":\"b\",\"type\":\"datetime\",\"value\":\"2022-03-02 10:01:33.500\"}]",
             "[{\"_id\":\"t1\"},{\"_id\":\"t2\"}]");
    /* order: a value without fraction sorts before the same second with one */
    expect("SELECT _id FROM people WHERE t BETWEEN TIME '01:01:07' AND TIME '01:01:07.5'"
           " ORDER BY t DESC", "[{\"_id\":\"t2\"},{\"_id\":\"t1\"}]");
    expect("SELECT _id FROM people WHERE t > TIME '01:01:07' AND dt < DATETIME "
           "'2022-03-02T10:01:34'", "[{\"_id\":\"t2\"}]");
    expect("SELECT CAST('12:30:00' AS time) AS t, TIME '08:08:28.615226' AS u,"
           " CAST('2021-01-10 10:11:12' AS datetime) AS dt",
           "[{\"t\":" W("TIME", "12:30:00") ",\"u\":" W("TIME", "08:08:28.615226") ","
           "\"dt\":" W("DATETIME", "2021-01-10T10:11:12") "}]");
}

static void test_canonical_text(void)
{
    char out[40];
    CU_ASSERT_EQUAL(sql_tv_canon("01:01:07", SQL_TV_TIME, out, sizeof out), 0);
    CU_ASSERT_EQUAL(sql_tv_canon("1:01:07.000", SQL_TV_TIME, out, sizeof out), 1);
    CU_ASSERT_STRING_EQUAL(out, "01:01:07");
    CU_ASSERT_EQUAL(sql_tv_canon("08:08:28.5", SQL_TV_TIME, out, sizeof out), 1);
    CU_ASSERT_STRING_EQUAL(out, "08:08:28.500000");
    CU_ASSERT_EQUAL(sql_tv_canon("2022-03-02 10:01:33.000000", SQL_TV_DATETIME, out,
                                 sizeof out), 1);
    CU_ASSERT_STRING_EQUAL(out, "2022-03-02T10:01:33");
    CU_ASSERT_EQUAL(sql_tv_canon("42", SQL_TV_TIMESTAMP, out, sizeof out), 1);
    CU_ASSERT_STRING_EQUAL(out, "1970-01-01T00:00:00.000042Z");
    CU_ASSERT_EQUAL(sql_tv_canon("2021-02-02", SQL_TV_DATE, out, sizeof out), 0);
    CU_ASSERT_EQUAL(sql_tv_canon("soon", SQL_TV_TIME, out, sizeof out), -1);
    sql_tv k;
    CU_ASSERT_EQUAL(sql_tv_of_text("2022-03-02T10:01:33", &k), 0);
    CU_ASSERT_EQUAL(k, SQL_TV_DATETIME);
    CU_ASSERT_EQUAL(sql_tv_of_text("2022-03-02T10:01:33.000001Z", &k), 0);
    CU_ASSERT_EQUAL(k, SQL_TV_TIMESTAMP);
    CU_ASSERT_EQUAL(sql_tv_of_text("hello", &k), -1);
}

int main(void)
{
    static const cu_case cases[] = {
        {"MIN/MAX keep the type", test_minmax_keep_type},
        {"date functions keep the type", test_functions_keep_type},
        {"temporal values compare as values", test_values_compare},
        {"canonical text", test_canonical_text},
        {NULL, NULL},
    };
    int rc;

    db = tsql_open();
    if (!db || add_typed_docs() != SQLITE_OK)
        return 1;
    rc = cu_run("sql_truth", cases);
    sqlite3_close(db);
    return rc;
}
