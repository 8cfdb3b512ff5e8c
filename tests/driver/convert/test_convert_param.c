/* SPDX-License-Identifier: Apache-2.0 */
/* Bound parameters -> Rockset parameters: every C type, the SQL type deciding the Rockset
 * type, and the error states (07006, 22003, 22007, 22008, 22018, HY003, HY009, HY090, HYC00). */
#include "tests/driver/convert/test_convert_util.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

/* Converts and checks the Rockset type and value text (type NULL: expect the error state). */
static void check(SQLSMALLINT c, SQLSMALLINT sql, const void *value, SQLLEN len,
                  const char *want_type, const char *want_value, SQLRETURN rc, const char *state)
{
    const char *type = NULL;
    char *out = (char *)"unset";
    int is_null = -1;
    rs_conv_status st;
    rs_convert_param(c, sql, 0, value, len, &type, &out, &is_null, &st);
    if (!tc_state_is(&st, rc, state) ||
        (want_value && (!out || strcmp(out, want_value) != 0)))
        fprintf(stderr, "\n  C %d SQL %d: rc %d %s type %s value %s\n", c, sql, st.rc,
                st.sqlstate, type ? type : "-", out ? out : "(null)");
    TC_STATE(st, rc, state);
    CU_ASSERT_EQUAL(is_null, 0);
    if (rc == SQL_ERROR) {
        CU_ASSERT_PTR_NULL(out);
        return;
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(type);
    CU_ASSERT_STRING_EQUAL(type, want_type);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_STRING_EQUAL(out, want_value);
    free(out);
}

#define OK SQL_SUCCESS, ""
#define ERR(s) SQL_ERROR, s

static void test_integers(void)
{
    int8_t i8 = -5;
    uint8_t u8 = 255;
    int16_t i16 = -32768;
    uint16_t u16 = 65535;
    int32_t i32 = 2147483647;
    uint32_t u32 = 4294967295u;
    int64_t i64 = INT64_MIN, big = INT64_MAX;
    uint64_t u64 = UINT64_MAX, u64s = 42;

    check(SQL_C_STINYINT, SQL_TINYINT, &i8, 0, "int", "-5", OK);
    check(SQL_C_TINYINT, 0, &i8, 0, "int", "-5", OK);
    check(SQL_C_UTINYINT, SQL_SMALLINT, &u8, 0, "int", "255", OK);
    check(SQL_C_UTINYINT, SQL_TINYINT, &u8, 0, NULL, NULL, ERR("22003"));
    check(SQL_C_SSHORT, SQL_SMALLINT, &i16, 0, "int", "-32768", OK);
    check(SQL_C_SHORT, SQL_INTEGER, &i16, 0, "int", "-32768", OK);
    check(SQL_C_USHORT, SQL_INTEGER, &u16, 0, "int", "65535", OK);
    check(SQL_C_USHORT, SQL_SMALLINT, &u16, 0, NULL, NULL, ERR("22003"));
    check(SQL_C_SLONG, SQL_INTEGER, &i32, 0, "int", "2147483647", OK);
    check(SQL_C_LONG, SQL_BIGINT, &i32, 0, "int", "2147483647", OK);
    check(SQL_C_ULONG, SQL_BIGINT, &u32, 0, "int", "4294967295", OK);
    check(SQL_C_ULONG, SQL_INTEGER, &u32, 0, NULL, NULL, ERR("22003"));
    check(SQL_C_SBIGINT, SQL_BIGINT, &i64, 0, "int", "-9223372036854775808", OK);
    check(SQL_C_SBIGINT, 0, &big, 0, "int", "9223372036854775807", OK);
    check(SQL_C_UBIGINT, SQL_BIGINT, &u64s, 0, "int", "42", OK);
    check(SQL_C_UBIGINT, SQL_BIGINT, &u64, 0, NULL, NULL, ERR("22003")); /* Rockset int64 */
    /* other SQL types */
    check(SQL_C_SLONG, SQL_VARCHAR, &i32, 0, "string", "2147483647", OK);
    check(SQL_C_SLONG, SQL_WVARCHAR, &i32, 0, "string", "2147483647", OK);
    check(SQL_C_SLONG, SQL_DOUBLE, &i32, 0, "float", "2147483647", OK);
    check(SQL_C_SLONG, SQL_NUMERIC, &i32, 0, "int", "2147483647", OK);
    check(SQL_C_UBIGINT, SQL_DECIMAL, &u64, 0, "float", "18446744073709551615", OK);
    check(SQL_C_SLONG, SQL_TYPE_DATE, &i32, 0, NULL, NULL, ERR("07006"));
    check(SQL_C_SLONG, SQL_VARBINARY, &i32, 0, NULL, NULL, ERR("07006"));
    i32 = 1;
    check(SQL_C_SLONG, SQL_BIT, &i32, 0, "bool", "true", OK);
    i32 = 2;
    check(SQL_C_SLONG, SQL_BIT, &i32, 0, NULL, NULL, ERR("22003"));
    /* SQL_C_DEFAULT: the SQL type's default C type */
    i32 = -9;
    check(SQL_C_DEFAULT, SQL_INTEGER, &i32, 0, "int", "-9", OK);
}

static void test_reals(void)
{
    double d = 0.1, huge = 1e300, nan_ = NAN, inf = INFINITY, third = 1.0 / 3, neg = -2.5;
    float f = 0.1f, ff = 16777216.0f;

    check(SQL_C_DOUBLE, SQL_DOUBLE, &d, 0, "float", "0.1", OK);
    check(SQL_C_DOUBLE, 0, &huge, 0, "float", "1e+300", OK);
    check(SQL_C_DOUBLE, SQL_FLOAT, &third, 0, "float", "0.3333333333333333", OK);
    check(SQL_C_DOUBLE, SQL_DOUBLE, &neg, 0, "float", "-2.5", OK);
    check(SQL_C_DOUBLE, SQL_DOUBLE, &nan_, 0, NULL, NULL, ERR("22003"));
    check(SQL_C_DOUBLE, SQL_DOUBLE, &inf, 0, NULL, NULL, ERR("22003"));
    check(SQL_C_DOUBLE, SQL_REAL, &huge, 0, NULL, NULL, ERR("22003"));
    check(SQL_C_FLOAT, SQL_REAL, &f, 0, "float", "0.1", OK);
    check(SQL_C_FLOAT, SQL_DOUBLE, &ff, 0, "float", "16777216", OK);
    /* to an integer column: fractional digits cut, said so */
    check(SQL_C_DOUBLE, SQL_INTEGER, &neg, 0, "int", "-2", SQL_SUCCESS_WITH_INFO, "01S07");
    check(SQL_C_DOUBLE, SQL_BIGINT, &huge, 0, NULL, NULL, ERR("22003"));
    check(SQL_C_DOUBLE, SQL_VARCHAR, &third, 0, "string", "0.3333333333333333", OK);
}

static void test_numeric_struct(void)
{
    SQL_NUMERIC_STRUCT n;
    memset(&n, 0, sizeof(n));
    n.precision = 10;
    n.scale = 2;
    n.sign = 0;
    n.val[0] = 12345 & 0xFF;
    n.val[1] = 12345 >> 8;
    check(SQL_C_NUMERIC, SQL_NUMERIC, &n, 0, "float", "-123.45", OK);
    check(SQL_C_NUMERIC, SQL_VARCHAR, &n, 0, "string", "-123.45", OK);
    check(SQL_C_NUMERIC, SQL_INTEGER, &n, 0, "int", "-123", SQL_SUCCESS_WITH_INFO, "01S07");
    n.scale = 0;
    n.sign = 1;
    check(SQL_C_NUMERIC, SQL_NUMERIC, &n, 0, "int", "12345", OK);
    check(SQL_C_NUMERIC, 0, &n, 0, "int", "12345", OK);
    n.scale = 7;
    check(SQL_C_NUMERIC, SQL_DECIMAL, &n, 0, "float", "0.0012345", OK);
    n.scale = -2;
    check(SQL_C_NUMERIC, SQL_DECIMAL, &n, 0, "int", "1234500", OK);
    n.scale = 5;
    check(SQL_C_NUMERIC, SQL_DECIMAL, &n, 0, "float", "0.12345", OK);
    memset(n.val, 0xFF, sizeof(n.val)); /* 2^128-1: beyond int, fine as float */
    n.scale = 0;
    check(SQL_C_NUMERIC, SQL_NUMERIC, &n, 0, "float", "340282366920938463463374607431768211455",
          OK);
}

static void test_bit(void)
{
    unsigned char one = 1, zero = 0, two = 2;
    check(SQL_C_BIT, SQL_BIT, &one, 0, "bool", "true", OK);
    check(SQL_C_BIT, 0, &zero, 0, "bool", "false", OK);
    check(SQL_C_BIT, SQL_BIT, &two, 0, NULL, NULL, ERR("22003"));
    check(SQL_C_BIT, SQL_INTEGER, &one, 0, "int", "1", OK);
    check(SQL_C_BIT, SQL_VARCHAR, &one, 0, "string", "1", OK);
}

static void test_char(void)
{
    check(SQL_C_CHAR, SQL_VARCHAR, "hello", SQL_NTS, "string", "hello", OK);
    check(SQL_C_CHAR, 0, "hello", 3, "string", "hel", OK);
    check(SQL_C_CHAR, SQL_VARCHAR, "abc", 4, "string", "abc", OK); /* length counted the NUL */
    check(SQL_C_CHAR, SQL_VARCHAR, "", SQL_NTS, "string", "", OK);
    check(SQL_C_CHAR, SQL_LONGVARCHAR, "héllo", SQL_NTS, "string", "héllo", OK);
    check(SQL_C_CHAR, SQL_INTEGER, "42", SQL_NTS, "int", "42", OK);
    check(SQL_C_CHAR, SQL_INTEGER, " 42 ", SQL_NTS, "int", "42", OK);
    check(SQL_C_CHAR, SQL_INTEGER, "abc", SQL_NTS, NULL, NULL, ERR("22018"));
    check(SQL_C_CHAR, SQL_INTEGER, "4.5", SQL_NTS, "int", "4", SQL_SUCCESS_WITH_INFO, "01S07");
    check(SQL_C_CHAR, SQL_INTEGER, "99999999999", SQL_NTS, NULL, NULL, ERR("22003"));
    check(SQL_C_CHAR, SQL_BIGINT, "9223372036854775807", SQL_NTS, "int",
          "9223372036854775807", OK);
    check(SQL_C_CHAR, SQL_BIGINT, "9223372036854775808", SQL_NTS, NULL, NULL, ERR("22003"));
    check(SQL_C_CHAR, SQL_DOUBLE, " 1.5e3 ", SQL_NTS, "float", "1.5e3", OK);
    check(SQL_C_CHAR, SQL_DOUBLE, "1e400", SQL_NTS, NULL, NULL, ERR("22003"));
    check(SQL_C_CHAR, SQL_DOUBLE, "nan", SQL_NTS, NULL, NULL, ERR("22018"));
    check(SQL_C_CHAR, SQL_NUMERIC, "12.50", SQL_NTS, "float", "12.50", OK);
    check(SQL_C_CHAR, SQL_NUMERIC, "1200", SQL_NTS, "int", "1200", OK);
    check(SQL_C_CHAR, SQL_BIT, "1", SQL_NTS, "bool", "true", OK);
    check(SQL_C_CHAR, SQL_BIT, "FALSE", SQL_NTS, "bool", "false", OK);
    check(SQL_C_CHAR, SQL_BIT, "maybe", SQL_NTS, NULL, NULL, ERR("22018"));
    check(SQL_C_CHAR, SQL_TYPE_DATE, "2020-03-02", SQL_NTS, "date", "2020-03-02", OK);
    check(SQL_C_CHAR, SQL_TYPE_DATE, "2020-03-02 00:00:00", SQL_NTS, "date", "2020-03-02", OK);
    check(SQL_C_CHAR, SQL_TYPE_DATE, "2020-03-02 10:00:00", SQL_NTS, NULL, NULL, ERR("22008"));
    check(SQL_C_CHAR, SQL_TYPE_DATE, "2020-13-02", SQL_NTS, NULL, NULL, ERR("22007"));
    check(SQL_C_CHAR, SQL_TYPE_TIME, "10:11:12.5", SQL_NTS, "time", "10:11:12.500000", OK);
    check(SQL_C_CHAR, SQL_TYPE_TIME, "2020-03-02 10:11:12", SQL_NTS, "time", "10:11:12", OK);
    check(SQL_C_CHAR, SQL_TYPE_TIME, "10:11:12.0000001", SQL_NTS, NULL, NULL, ERR("22008"));
    check(SQL_C_CHAR, SQL_TYPE_TIMESTAMP, "2020-03-02 10:11:12", SQL_NTS, "timestamp",
          "2020-03-02T10:11:12Z", OK);
    check(SQL_C_CHAR, SQL_TYPE_TIMESTAMP, "2023-08-23T19:03:04.735782Z", SQL_NTS, "timestamp",
          "2023-08-23T19:03:04.735782Z", OK);
    check(SQL_C_CHAR, SQL_TYPE_TIMESTAMP, "2020-03-02", SQL_NTS, "timestamp",
          "2020-03-02T00:00:00Z", OK);
    check(SQL_C_CHAR, SQL_TYPE_TIMESTAMP, "yesterday", SQL_NTS, NULL, NULL, ERR("22007"));
    check(SQL_C_CHAR, SQL_VARBINARY, "abc", SQL_NTS, "string", "abc", OK);
    check(SQL_C_CHAR, SQL_VARCHAR, "abc", -7, NULL, NULL, ERR("HY090"));
}

static void test_wchar(void)
{
    const SQLWCHAR hello[] = {'h', 0xE9, 'l', 'l', 'o', 0xD83D, 0xDE00, 0};
    const SQLWCHAR num[] = {'4', '2', 0};
    check(SQL_C_WCHAR, SQL_WVARCHAR, hello, SQL_NTS, "string", "h\xC3\xA9llo\xF0\x9F\x98\x80",
          OK);
    check(SQL_C_WCHAR, SQL_VARCHAR, hello, 4, "string", "h\xC3\xA9", OK); /* bytes */
    check(SQL_C_WCHAR, SQL_VARCHAR, hello, 3, NULL, NULL, ERR("HY090"));  /* odd bytes */
    check(SQL_C_WCHAR, SQL_INTEGER, num, SQL_NTS, "int", "42", OK);
    check(SQL_C_WCHAR, SQL_INTEGER, hello, SQL_NTS, NULL, NULL, ERR("22018"));
}

static void test_datetime_structs(void)
{
    SQL_DATE_STRUCT d = {2020, 3, 2}, bad_d = {2020, 13, 1}, feb = {2023, 2, 29};
    SQL_TIME_STRUCT t = {10, 11, 12}, bad_t = {25, 0, 0};
    SQL_TIMESTAMP_STRUCT ts = {2023, 8, 23, 19, 3, 4, 735782000};
    SQL_TIMESTAMP_STRUCT midnight = {2023, 8, 23, 0, 0, 0, 0};
    SQL_TIMESTAMP_STRUCT ns = {2023, 8, 23, 19, 3, 4, 1};
    SQL_TIMESTAMP_STRUCT tenth = {1992, 12, 31, 23, 45, 55, 120000000};

    check(SQL_C_TYPE_DATE, SQL_TYPE_DATE, &d, 0, "date", "2020-03-02", OK);
    check(SQL_C_DATE, 0, &d, 0, "date", "2020-03-02", OK);
    check(SQL_C_TYPE_DATE, SQL_VARCHAR, &d, 0, "string", "2020-03-02", OK);
    check(SQL_C_TYPE_DATE, SQL_TYPE_TIMESTAMP, &d, 0, "timestamp", "2020-03-02T00:00:00Z", OK);
    check(SQL_C_TYPE_DATE, SQL_TYPE_TIME, &d, 0, NULL, NULL, ERR("07006"));
    check(SQL_C_TYPE_DATE, SQL_INTEGER, &d, 0, NULL, NULL, ERR("07006"));
    check(SQL_C_TYPE_DATE, SQL_TYPE_DATE, &bad_d, 0, NULL, NULL, ERR("22008"));
    check(SQL_C_TYPE_DATE, SQL_TYPE_DATE, &feb, 0, NULL, NULL, ERR("22008"));

    check(SQL_C_TYPE_TIME, SQL_TYPE_TIME, &t, 0, "time", "10:11:12", OK);
    check(SQL_C_TIME, 0, &t, 0, "time", "10:11:12", OK);
    check(SQL_C_TYPE_TIME, SQL_VARCHAR, &t, 0, "string", "10:11:12", OK);
    check(SQL_C_TYPE_TIME, SQL_TYPE_TIME, &bad_t, 0, NULL, NULL, ERR("22008"));
    check(SQL_C_TYPE_TIME, SQL_TYPE_DATE, &t, 0, NULL, NULL, ERR("07006"));
    {
        /* a time into a timestamp gets today's date (appendix D) */
        char want[40];
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        snprintf(want, sizeof(want), "%04d-%02d-%02dT10:11:12Z", tm.tm_year + 1900,
                 tm.tm_mon + 1, tm.tm_mday);
        check(SQL_C_TYPE_TIME, SQL_TYPE_TIMESTAMP, &t, 0, "timestamp", want, OK);
    }

    check(SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, &ts, 0, "timestamp",
          "2023-08-23T19:03:04.735782Z", OK);
    check(SQL_C_TIMESTAMP, 0, &ts, 0, "timestamp", "2023-08-23T19:03:04.735782Z", OK);
    check(SQL_C_TYPE_TIMESTAMP, SQL_VARCHAR, &ts, 0, "string", "2023-08-23 19:03:04.735782",
          OK);
    check(SQL_C_TYPE_TIMESTAMP, SQL_VARCHAR, &tenth, 0, "string", "1992-12-31 23:45:55.12", OK);
    check(SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, &ns, 0, NULL, NULL, ERR("22008"));
    check(SQL_C_TYPE_TIMESTAMP, SQL_TYPE_DATE, &midnight, 0, "date", "2023-08-23", OK);
    check(SQL_C_TYPE_TIMESTAMP, SQL_TYPE_DATE, &ts, 0, NULL, NULL, ERR("22008"));
    check(SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIME, &midnight, 0, "time", "00:00:00", OK);
    check(SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIME, &ts, 0, "time", "19:03:04.735782", OK);
}

static void test_binary_and_guid(void)
{
    const unsigned char bytes[] = {0, 1, 2, 255};
    SQLGUID g = {0x6F9619FF, 0x8B86, 0xD011, {0xB4, 0x2D, 0x00, 0xC0, 0x4F, 0xC9, 0x64, 0xFF}};
    check(SQL_C_BINARY, SQL_VARBINARY, bytes, 4, "string", "AAEC/w==", OK);
    check(SQL_C_BINARY, 0, bytes, 3, "string", "AAEC", OK);
    check(SQL_C_BINARY, SQL_LONGVARBINARY, bytes, 0, "string", "", OK);
    check(SQL_C_BINARY, SQL_VARCHAR, "abc", 3, "string", "abc", OK);
    check(SQL_C_BINARY, SQL_VARCHAR, bytes, 4, NULL, NULL, ERR("22018"));
    check(SQL_C_BINARY, SQL_INTEGER, bytes, 4, NULL, NULL, ERR("07006"));
    check(SQL_C_BINARY, SQL_VARBINARY, bytes, SQL_NTS, NULL, NULL, ERR("HY090"));
    check(SQL_C_GUID, SQL_GUID, &g, 0, "string", "6f9619ff-8b86-d011-b42d-00c04fc964ff", OK);
    check(SQL_C_GUID, SQL_VARCHAR, &g, 0, "string", "6f9619ff-8b86-d011-b42d-00c04fc964ff", OK);
    check(SQL_C_GUID, SQL_INTEGER, &g, 0, NULL, NULL, ERR("07006"));
}

static void test_nulls_and_lengths(void)
{
    const char *type = NULL;
    char *out = (char *)"unset";
    int is_null = 0;
    int32_t v = 1;
    rs_conv_status st;

    rs_convert_param(SQL_C_SLONG, SQL_INTEGER, 0, &v, SQL_NULL_DATA, &type, &out, &is_null, &st);
    TC_OK(st);
    CU_ASSERT_EQUAL(is_null, 1);
    CU_ASSERT_PTR_NULL(out);
    CU_ASSERT_STRING_EQUAL(type, "int");
    rs_convert_param(SQL_C_CHAR, SQL_TYPE_DATE, 0, NULL, SQL_NULL_DATA, &type, &out, &is_null,
                     &st);
    TC_OK(st);
    CU_ASSERT_EQUAL(is_null, 1);
    CU_ASSERT_STRING_EQUAL(type, "date");

    check(SQL_C_SLONG, SQL_INTEGER, NULL, 0, NULL, NULL, ERR("HY009"));
    check(SQL_C_CHAR, SQL_VARCHAR, "x", SQL_DATA_AT_EXEC, NULL, NULL, ERR("HY090"));
    check(SQL_C_CHAR, SQL_VARCHAR, "x", SQL_LEN_DATA_AT_EXEC(5), NULL, NULL, ERR("HY090"));
    check(SQL_C_INTERVAL_DAY, SQL_INTEGER, &v, 0, NULL, NULL, ERR("HYC00"));
    check(4321, SQL_INTEGER, &v, 0, NULL, NULL, ERR("HY003"));
}

int main(void)
{
    static const cu_case cases[] = {
        {"integer C types", test_integers},
        {"float and double", test_reals},
        {"SQL_C_NUMERIC", test_numeric_struct},
        {"SQL_C_BIT", test_bit},
        {"SQL_C_CHAR by SQL type", test_char},
        {"SQL_C_WCHAR", test_wchar},
        {"date, time and timestamp structs", test_datetime_structs},
        {"binary and GUID", test_binary_and_guid},
        {"NULL and lengths", test_nulls_and_lengths},
        {NULL, NULL},
    };
    return cu_run("convert_param", cases);
}
