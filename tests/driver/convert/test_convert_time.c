/* SPDX-License-Identifier: Apache-2.0 */
/* Dates, times and timestamps: Rockset's texts into the datetime C structs (and the ODBC 2
 * codes), truncation states, character sources, and parse errors. */
#include "tests/driver/convert/test_convert_util.h"

#include <time.h>

static const char *TS = "2023-08-23T19:03:04.735782Z";

static rs_conv_status to_ts(rs_vkind k, const char *text, SQLSMALLINT sql, SQLSMALLINT c,
                            SQL_TIMESTAMP_STRUCT *ts)
{
    SQLLEN ind = 0;
    rs_conv_status st;
    memset(ts, 0x5A, sizeof(*ts));
    st = tc_conv(k, text, sql, c, ts, 0, &ind);
    if (st.rc != SQL_ERROR)
        CU_ASSERT_EQUAL(ind, (SQLLEN)sizeof(*ts));
    return st;
}

static void test_timestamp_kind(void)
{
    SQL_TIMESTAMP_STRUCT ts;
    SQL_DATE_STRUCT d;
    SQL_TIME_STRUCT t;
    SQLLEN ind = 0;
    rs_conv_status st;
    static const SQLSMALLINT codes[] = {SQL_C_TYPE_TIMESTAMP, SQL_C_TIMESTAMP};

    for (int i = 0; i < 2; i++) {
        st = to_ts(RS_V_TIMESTAMP, TS, SQL_TYPE_TIMESTAMP, codes[i], &ts);
        TC_OK(st);
        CU_ASSERT(ts.year == 2023 && ts.month == 8 && ts.day == 23);
        CU_ASSERT(ts.hour == 19 && ts.minute == 3 && ts.second == 4);
        CU_ASSERT_EQUAL(ts.fraction, 735782000u); /* nanoseconds */
    }
    st = tc_conv(RS_V_TIMESTAMP, TS, SQL_TYPE_TIMESTAMP, SQL_C_TYPE_DATE, &d, 0, &ind);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01S07"); /* time part dropped */
    CU_ASSERT(d.year == 2023 && d.month == 8 && d.day == 23);
    CU_ASSERT_EQUAL(ind, (SQLLEN)sizeof(d));
    st = tc_conv(RS_V_TIMESTAMP, TS, SQL_TYPE_TIMESTAMP, SQL_C_DATE, &d, 0, &ind);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01S07");
    st = tc_conv(RS_V_TIMESTAMP, "2023-08-23T00:00:00Z", SQL_TYPE_TIMESTAMP, SQL_C_TYPE_DATE,
                 &d, 0, &ind);
    TC_OK(st);
    st = tc_conv(RS_V_TIMESTAMP, TS, SQL_TYPE_TIMESTAMP, SQL_C_TYPE_TIME, &t, 0, &ind);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01S07"); /* fraction dropped */
    CU_ASSERT(t.hour == 19 && t.minute == 3 && t.second == 4);
    st = tc_conv(RS_V_TIMESTAMP, "2023-08-23T19:03:04Z", SQL_TYPE_TIMESTAMP, SQL_C_TIME, &t, 0,
                 &ind);
    TC_OK(st);
}

static void test_datetime_kind(void)
{
    SQL_TIMESTAMP_STRUCT ts;
    SQL_DATE_STRUCT d;
    SQL_TIME_STRUCT t;
    SQLLEN ind = 0;
    rs_conv_status st;

    st = to_ts(RS_V_DATETIME, "2020-03-02T10:49:33", SQL_TYPE_TIMESTAMP, SQL_C_TYPE_TIMESTAMP,
               &ts);
    TC_OK(st);
    CU_ASSERT(ts.year == 2020 && ts.month == 3 && ts.day == 2 && ts.hour == 10 &&
              ts.minute == 49 && ts.second == 33 && ts.fraction == 0);
    st = tc_conv(RS_V_DATETIME, "2020-03-02T10:49:33", SQL_TYPE_TIMESTAMP, SQL_C_TYPE_DATE, &d,
                 0, &ind);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01S07");
    st = tc_conv(RS_V_DATETIME, "2020-03-02T10:49:33", SQL_TYPE_TIMESTAMP, SQL_C_TYPE_TIME, &t,
                 0, &ind);
    TC_OK(st);
    CU_ASSERT(t.hour == 10 && t.second == 33);
    st = to_ts(RS_V_DATETIME, "2020-03-02T10:49:33.5", SQL_TYPE_TIMESTAMP,
               SQL_C_TYPE_TIMESTAMP, &ts);
    CU_ASSERT_EQUAL(ts.fraction, 500000000u);
}

static void test_date_kind(void)
{
    SQL_TIMESTAMP_STRUCT ts;
    SQL_DATE_STRUCT d;
    SQLLEN ind = 0;
    rs_conv_status st;

    st = tc_conv(RS_V_DATE, "2020-03-02", SQL_TYPE_DATE, SQL_C_TYPE_DATE, &d, 0, &ind);
    TC_OK(st);
    CU_ASSERT(d.year == 2020 && d.month == 3 && d.day == 2);
    st = to_ts(RS_V_DATE, "2020-03-02", SQL_TYPE_DATE, SQL_C_TYPE_TIMESTAMP, &ts);
    TC_OK(st);
    CU_ASSERT(ts.year == 2020 && ts.day == 2 && ts.hour == 0 && ts.minute == 0 &&
              ts.second == 0 && ts.fraction == 0);
    /* server text that is not a date */
    st = tc_conv(RS_V_DATE, "2020-13-01", SQL_TYPE_DATE, SQL_C_TYPE_DATE, &d, 0, &ind);
    TC_STATE(st, SQL_ERROR, "22007");
}

static void test_time_kind(void)
{
    SQL_TIMESTAMP_STRUCT ts;
    SQL_TIME_STRUCT t;
    SQLLEN ind = 0;
    rs_conv_status st;
    time_t now = time(NULL);
    struct tm tm;

    st = tc_conv(RS_V_TIME, "08:08:28.615226", SQL_TYPE_TIME, SQL_C_TYPE_TIME, &t, 0, &ind);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01S07"); /* SQL_TIME_STRUCT has no fraction */
    CU_ASSERT(t.hour == 8 && t.minute == 8 && t.second == 28);
    st = tc_conv(RS_V_TIME, "08:08:28", SQL_TYPE_TIME, SQL_C_TYPE_TIME, &t, 0, &ind);
    TC_OK(st);
    st = to_ts(RS_V_TIME, "08:08:28.615226", SQL_TYPE_TIME, SQL_C_TYPE_TIMESTAMP, &ts);
    TC_OK(st);
    localtime_r(&now, &tm);
    CU_ASSERT_EQUAL(ts.year, tm.tm_year + 1900); /* today's date */
    CU_ASSERT_EQUAL(ts.month, tm.tm_mon + 1);
    CU_ASSERT(ts.hour == 8 && ts.fraction == 615226000u);
    st = tc_conv(RS_V_TIME, "24:00:00", SQL_TYPE_TIME, SQL_C_TYPE_TIME, &t, 0, &ind);
    TC_STATE(st, SQL_ERROR, "22007");
}

typedef struct char_case {
    const char *text;
    SQLSMALLINT c;
    SQLRETURN rc;
    const char *state;
} char_case;

static void test_char_sources(void)
{
    static const char_case cases[] = {
        {"2020-03-02", SQL_C_TYPE_DATE, SQL_SUCCESS, ""},
        {" 2020-03-02 ", SQL_C_TYPE_DATE, SQL_SUCCESS, ""},
        {"2020-03-02 00:00:00", SQL_C_TYPE_DATE, SQL_SUCCESS, ""},
        {"2020-03-02 10:00:00", SQL_C_TYPE_DATE, SQL_SUCCESS_WITH_INFO, "01S07"},
        {"10:00:00", SQL_C_TYPE_DATE, SQL_ERROR, "22018"},
        {"2020-02-30", SQL_C_TYPE_DATE, SQL_ERROR, "22018"},
        {"2020-3-2", SQL_C_TYPE_DATE, SQL_ERROR, "22018"},
        {"2024-02-29", SQL_C_TYPE_DATE, SQL_SUCCESS, ""},
        {"2023-02-29", SQL_C_TYPE_DATE, SQL_ERROR, "22018"},
        {"1900-02-29", SQL_C_TYPE_DATE, SQL_ERROR, "22018"},
        {"2000-02-29", SQL_C_TYPE_DATE, SQL_SUCCESS, ""},
        {"0000-01-01", SQL_C_TYPE_DATE, SQL_ERROR, "22018"},
        {"abc", SQL_C_TYPE_DATE, SQL_ERROR, "22018"},
        {"", SQL_C_TYPE_DATE, SQL_ERROR, "22018"},
        {"10:11:12", SQL_C_TYPE_TIME, SQL_SUCCESS, ""},
        {"10:11:12.5", SQL_C_TYPE_TIME, SQL_SUCCESS_WITH_INFO, "01S07"},
        {"2020-03-02 10:11:12", SQL_C_TYPE_TIME, SQL_SUCCESS, ""},
        {"2020-03-02", SQL_C_TYPE_TIME, SQL_ERROR, "22018"},
        {"10:60:00", SQL_C_TYPE_TIME, SQL_ERROR, "22018"},
        {"10:11", SQL_C_TYPE_TIME, SQL_ERROR, "22018"},
        {"10:11:12.", SQL_C_TYPE_TIME, SQL_ERROR, "22018"},
        {"2020-03-02 10:11:12", SQL_C_TYPE_TIMESTAMP, SQL_SUCCESS, ""},
        {"2020-03-02T10:11:12Z", SQL_C_TYPE_TIMESTAMP, SQL_SUCCESS, ""},
        {"2020-03-02", SQL_C_TYPE_TIMESTAMP, SQL_SUCCESS, ""},
        {"10:11:12", SQL_C_TYPE_TIMESTAMP, SQL_SUCCESS, ""},
        {"2020-03-02 10:11:12.1234567891", SQL_C_TYPE_TIMESTAMP, SQL_SUCCESS_WITH_INFO, "01S07"},
        {"2020-03-02 10:11:12.1234567890", SQL_C_TYPE_TIMESTAMP, SQL_SUCCESS, ""},
        {"2020-03-02X10:11:12", SQL_C_TYPE_TIMESTAMP, SQL_ERROR, "22018"},
        {"2020-03-02 10:11:12Zx", SQL_C_TYPE_TIMESTAMP, SQL_ERROR, "22018"},
        {"2020-03-02 25:11:12", SQL_C_TYPE_TIMESTAMP, SQL_ERROR, "22018"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        SQL_TIMESTAMP_STRUCT buf;
        SQLLEN ind = 0;
        rs_conv_status st =
            tc_conv(RS_V_STRING, cases[i].text, SQL_VARCHAR, cases[i].c, &buf, 0, &ind);
        if (!tc_state_is(&st, cases[i].rc, cases[i].state))
            fprintf(stderr, "\n  '%s' -> %d: rc %d %s\n", cases[i].text, cases[i].c, st.rc,
                    st.sqlstate);
        TC_STATE(st, cases[i].rc, cases[i].state);
    }
}

static void test_char_source_values(void)
{
    SQL_TIMESTAMP_STRUCT ts;
    rs_conv_status st;
    st = to_ts(RS_V_STRING, "2020-03-02 10:11:12.1234567891", SQL_VARCHAR,
               SQL_C_TYPE_TIMESTAMP, &ts);
    CU_ASSERT_EQUAL(ts.fraction, 123456789u);
    st = to_ts(RS_V_STRING, "2020-03-02", SQL_WVARCHAR, SQL_C_TYPE_TIMESTAMP, &ts);
    TC_OK(st);
    CU_ASSERT(ts.year == 2020 && ts.hour == 0 && ts.fraction == 0);
    /* a number in a mixed (character) column is not a date */
    st = to_ts(RS_V_INT, "42", SQL_VARCHAR, SQL_C_TYPE_TIMESTAMP, &ts);
    TC_STATE(st, SQL_ERROR, "22018");
    /* a DATE value inside a character column still converts */
    st = to_ts(RS_V_DATE, "2020-03-02", SQL_VARCHAR, SQL_C_TYPE_TIMESTAMP, &ts);
    TC_OK(st);
    CU_ASSERT_EQUAL(ts.day, 2);
}

int main(void)
{
    static const cu_case cases[] = {
        {"timestamp values", test_timestamp_kind},
        {"datetime values", test_datetime_kind},
        {"date values", test_date_kind},
        {"time values", test_time_kind},
        {"character sources: states", test_char_sources},
        {"character sources: values", test_char_source_values},
        {NULL, NULL},
    };
    return cu_run("convert_time", cases);
}
