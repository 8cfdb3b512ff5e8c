/* SPDX-License-Identifier: Apache-2.0 */
/* Result conversions, numbers and the matrix: every integer C type with its edges, floats,
 * SQL_C_NUMERIC, SQL_C_BIT, strings as numbers, restricted conversions, NULLs, SQL_C_DEFAULT
 * and SQL_C_BINARY of fixed-size types. (Piecewise character data: test_convert_char;
 * dates and times: test_convert_time.) */
#include "tests/driver/convert/test_convert_util.h"

#include <math.h>
#include <stdint.h>

/* One integer conversion and its expected outcome. */
typedef struct int_case {
    rs_vkind kind;
    const char *text;
    SQLSMALLINT c_type;
    SQLRETURN rc;
    const char *state;
    long long sval;          /* expected value for signed targets */
    unsigned long long uval; /* for unsigned targets */
} int_case;

static int is_unsigned_c(SQLSMALLINT c)
{
    return c == SQL_C_UTINYINT || c == SQL_C_USHORT || c == SQL_C_ULONG || c == SQL_C_UBIGINT;
}

static void run_int_case(const int_case *k)
{
    unsigned char buf[16];
    SQLLEN ind = -99;
    size_t size = rs_conv_c_size(k->c_type);
    SQLSMALLINT sql = k->kind == RS_V_STRING ? SQL_VARCHAR
                      : k->kind == RS_V_FLOAT ? SQL_DOUBLE : SQL_BIGINT;
    rs_conv_status st;
    memset(buf, 0xAB, sizeof(buf));
    st = tc_conv(k->kind, k->text, sql, k->c_type, buf, 0, &ind);
    if (!tc_state_is(&st, k->rc, k->state))
        fprintf(stderr, "\n  case %s -> C %d: rc %d state %s\n", k->text, k->c_type, st.rc,
                st.sqlstate);
    TC_STATE(st, k->rc, k->state);
    if (k->rc == SQL_ERROR) {
        CU_ASSERT_EQUAL(ind, -99);
        CU_ASSERT_EQUAL(buf[0], 0xAB); /* untouched */
        return;
    }
    CU_ASSERT_EQUAL(ind, (SQLLEN)size);
    CU_ASSERT_EQUAL(buf[size], 0xAB); /* nothing written past the value */
    if (is_unsigned_c(k->c_type)) {
        unsigned long long v = 0;
        switch (size) {
        case 1: v = *(uint8_t *)buf; break;
        case 2: { uint16_t x; memcpy(&x, buf, 2); v = x; break; }
        case 4: { uint32_t x; memcpy(&x, buf, 4); v = x; break; }
        default: { uint64_t x; memcpy(&x, buf, 8); v = x; break; }
        }
        CU_ASSERT_EQUAL(v, k->uval);
    } else {
        long long v = 0;
        switch (size) {
        case 1: v = *(int8_t *)buf; break;
        case 2: { int16_t x; memcpy(&x, buf, 2); v = x; break; }
        case 4: { int32_t x; memcpy(&x, buf, 4); v = x; break; }
        default: { int64_t x; memcpy(&x, buf, 8); v = x; break; }
        }
        CU_ASSERT_EQUAL(v, k->sval);
    }
}

#define OK SQL_SUCCESS, ""
#define TRUNC SQL_SUCCESS_WITH_INFO, "01S07"
#define RANGE SQL_ERROR, "22003"
#define BADCHAR SQL_ERROR, "22018"

static void test_int_types_normal(void)
{
    static const SQLSMALLINT all[] = {SQL_C_STINYINT, SQL_C_UTINYINT, SQL_C_TINYINT,
                                      SQL_C_SSHORT, SQL_C_USHORT, SQL_C_SHORT, SQL_C_SLONG,
                                      SQL_C_ULONG, SQL_C_LONG, SQL_C_SBIGINT, SQL_C_UBIGINT};
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
        int_case a = {RS_V_INT, "42", all[i], OK, 42, 42};
        int_case b = {RS_V_FLOAT, "42.0", all[i], OK, 42, 42};
        int_case c = {RS_V_STRING, " 42 ", all[i], OK, 42, 42};
        int_case d = {RS_V_BOOL, "true", all[i], OK, 1, 1};
        int_case e = {RS_V_FLOAT, "4.5", all[i], TRUNC, 4, 4};
        int_case f = {RS_V_STRING, "x", all[i], BADCHAR, 0, 0};
        int_case g = {RS_V_INT, "0", all[i], OK, 0, 0};
        int_case h = {RS_V_INT, "-0", all[i], OK, 0, 0};
        run_int_case(&a); run_int_case(&b); run_int_case(&c); run_int_case(&d);
        run_int_case(&e); run_int_case(&f); run_int_case(&g); run_int_case(&h);
    }
}

static void test_int_boundaries(void)
{
    static const int_case cases[] = {
        {RS_V_INT, "127", SQL_C_STINYINT, OK, 127, 0},
        {RS_V_INT, "128", SQL_C_STINYINT, RANGE, 0, 0},
        {RS_V_INT, "-128", SQL_C_TINYINT, OK, -128, 0},
        {RS_V_INT, "-129", SQL_C_TINYINT, RANGE, 0, 0},
        {RS_V_INT, "255", SQL_C_UTINYINT, OK, 0, 255},
        {RS_V_INT, "256", SQL_C_UTINYINT, RANGE, 0, 0},
        {RS_V_INT, "-1", SQL_C_UTINYINT, RANGE, 0, 0},
        {RS_V_FLOAT, "-0.5", SQL_C_UTINYINT, TRUNC, 0, 0},
        {RS_V_FLOAT, "255.9", SQL_C_UTINYINT, TRUNC, 0, 255},
        {RS_V_INT, "32767", SQL_C_SSHORT, OK, 32767, 0},
        {RS_V_INT, "32768", SQL_C_SHORT, RANGE, 0, 0},
        {RS_V_INT, "-32768", SQL_C_SSHORT, OK, -32768, 0},
        {RS_V_INT, "65535", SQL_C_USHORT, OK, 0, 65535},
        {RS_V_INT, "65536", SQL_C_USHORT, RANGE, 0, 0},
        {RS_V_INT, "2147483647", SQL_C_SLONG, OK, 2147483647, 0},
        {RS_V_INT, "2147483648", SQL_C_LONG, RANGE, 0, 0},
        {RS_V_INT, "-2147483648", SQL_C_SLONG, OK, -2147483647LL - 1, 0},
        {RS_V_INT, "-2147483649", SQL_C_SLONG, RANGE, 0, 0},
        {RS_V_INT, "4294967295", SQL_C_ULONG, OK, 0, 4294967295ULL},
        {RS_V_INT, "4294967296", SQL_C_ULONG, RANGE, 0, 0},
        {RS_V_INT, "9223372036854775807", SQL_C_SBIGINT, OK, INT64_MAX, 0},
        {RS_V_INT, "9223372036854775808", SQL_C_SBIGINT, RANGE, 0, 0},
        {RS_V_INT, "-9223372036854775808", SQL_C_SBIGINT, OK, INT64_MIN, 0},
        {RS_V_INT, "-9223372036854775809", SQL_C_SBIGINT, RANGE, 0, 0},
        {RS_V_INT, "9223372036854775808", SQL_C_UBIGINT, OK, 0, 9223372036854775808ULL},
        {RS_V_INT, "18446744073709551615", SQL_C_UBIGINT, OK, 0, UINT64_MAX},
        {RS_V_INT, "18446744073709551616", SQL_C_UBIGINT, RANGE, 0, 0},
        {RS_V_INT, "-1", SQL_C_UBIGINT, RANGE, 0, 0},
        {RS_V_INT, "123456789012345678901234567890", SQL_C_SBIGINT, RANGE, 0, 0},
        {RS_V_FLOAT, "1e400", SQL_C_SBIGINT, RANGE, 0, 0},
        {RS_V_FLOAT, "1e18", SQL_C_SBIGINT, OK, 1000000000000000000LL, 0},
        {RS_V_FLOAT, "1.5e1", SQL_C_SLONG, OK, 15, 0},
        {RS_V_FLOAT, "1.55e1", SQL_C_SLONG, TRUNC, 15, 0},
        {RS_V_FLOAT, "-4.5", SQL_C_SLONG, TRUNC, -4, 0},
        {RS_V_FLOAT, "1e-400", SQL_C_SLONG, TRUNC, 0, 0},
        {RS_V_FLOAT, "0.30000000000000004", SQL_C_SLONG, TRUNC, 0, 0},
        {RS_V_STRING, "1e3", SQL_C_SLONG, OK, 1000, 0},
        {RS_V_STRING, "+7", SQL_C_SLONG, OK, 7, 0},
        {RS_V_STRING, ".5", SQL_C_SLONG, TRUNC, 0, 0},
        {RS_V_STRING, "5.", SQL_C_SLONG, OK, 5, 0},
        {RS_V_STRING, "", SQL_C_SLONG, BADCHAR, 0, 0},
        {RS_V_STRING, "   ", SQL_C_SLONG, BADCHAR, 0, 0},
        {RS_V_STRING, "0x10", SQL_C_SLONG, BADCHAR, 0, 0},
        {RS_V_STRING, "1e", SQL_C_SLONG, BADCHAR, 0, 0},
        {RS_V_STRING, "1 2", SQL_C_SLONG, BADCHAR, 0, 0},
        {RS_V_STRING, "--1", SQL_C_SLONG, BADCHAR, 0, 0},
        {RS_V_STRING, ".", SQL_C_SLONG, BADCHAR, 0, 0},
        {RS_V_STRING, "1..2", SQL_C_SLONG, BADCHAR, 0, 0},
        {RS_V_STRING, "inf", SQL_C_SLONG, BADCHAR, 0, 0},
        /* a long string of digits with a long fraction: exact, not through double */
        {RS_V_STRING, "00000000000000000000000000000000000000000000000000000000000000000000000"
                      "000000000000012.000000000000000000000000000000000000000000000000000000"
                      "00000000000000000000000000000000001", SQL_C_SLONG, TRUNC, 12, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        run_int_case(&cases[i]);
}

static double conv_double(rs_vkind k, const char *text, SQLSMALLINT sql, rs_conv_status *st)
{
    double d = -12345;
    SQLLEN ind = 0;
    *st = tc_conv(k, text, sql, SQL_C_DOUBLE, &d, 0, &ind);
    if (st->rc != SQL_ERROR)
        CU_ASSERT_EQUAL(ind, (SQLLEN)sizeof(double));
    return d;
}

static void test_floats(void)
{
    rs_conv_status st;
    float f = 0;
    SQLLEN ind = 0;
    double d;

    CU_ASSERT_EQUAL(conv_double(RS_V_FLOAT, "0.1", SQL_DOUBLE, &st), 0.1);
    TC_OK(st);
    CU_ASSERT_EQUAL(conv_double(RS_V_FLOAT, "-2.5e-3", SQL_DOUBLE, &st), -2.5e-3);
    CU_ASSERT_EQUAL(conv_double(RS_V_INT, "9223372036854775807", SQL_BIGINT, &st),
                    9223372036854775807.0);
    d = conv_double(RS_V_INT, "123456789012345678901234567890", SQL_BIGINT, &st);
    TC_OK(st);
    CU_ASSERT(fabs(d - 1.2345678901234568e29) < 1e14);
    conv_double(RS_V_FLOAT, "1e400", SQL_DOUBLE, &st);
    TC_STATE(st, RANGE);
    conv_double(RS_V_FLOAT, "-1e400", SQL_DOUBLE, &st);
    TC_STATE(st, RANGE);
    d = conv_double(RS_V_FLOAT, "1e-400", SQL_DOUBLE, &st); /* underflow rounds to 0 */
    TC_OK(st);
    CU_ASSERT_EQUAL(d, 0.0);
    d = conv_double(RS_V_FLOAT, "-0.0", SQL_DOUBLE, &st);
    TC_OK(st);
    CU_ASSERT(d == 0.0 && signbit(d));
    CU_ASSERT_EQUAL(conv_double(RS_V_FLOAT, "1.7976931348623157e308", SQL_DOUBLE, &st),
                    1.7976931348623157e308);
    CU_ASSERT_EQUAL(conv_double(RS_V_BOOL, "true", SQL_BIT, &st), 1.0);
    CU_ASSERT_EQUAL(conv_double(RS_V_STRING, " 3.25 ", SQL_VARCHAR, &st), 3.25);
    conv_double(RS_V_STRING, "nan", SQL_VARCHAR, &st);
    TC_STATE(st, BADCHAR);
    conv_double(RS_V_STRING, "infinity", SQL_VARCHAR, &st);
    TC_STATE(st, BADCHAR);

    st = tc_conv(RS_V_FLOAT, "1.5", SQL_DOUBLE, SQL_C_FLOAT, &f, 0, &ind);
    TC_OK(st);
    CU_ASSERT_EQUAL(f, 1.5f);
    CU_ASSERT_EQUAL(ind, (SQLLEN)sizeof(float));
    st = tc_conv(RS_V_FLOAT, "3.5e38", SQL_DOUBLE, SQL_C_FLOAT, &f, 0, &ind);
    TC_STATE(st, RANGE);
    st = tc_conv(RS_V_FLOAT, "-3.5e38", SQL_DOUBLE, SQL_C_FLOAT, &f, 0, &ind);
    TC_STATE(st, RANGE);
    st = tc_conv(RS_V_INT, "16777217", SQL_BIGINT, SQL_C_FLOAT, &f, 0, &ind);
    TC_OK(st); /* rounded, within range */
    CU_ASSERT_EQUAL(f, 16777216.0f);
}

static SQL_NUMERIC_STRUCT conv_numeric(rs_vkind k, const char *text, int prec, int scale,
                                       rs_conv_status *st)
{
    SQL_NUMERIC_STRUCT n;
    SQLLEN ind = 0;
    rs_cell c = tc_cell(k, text);
    memset(&n, 0xEE, sizeof(n));
    rs_convert_to_c(&c, SQL_DOUBLE, SQL_C_NUMERIC, &n, 0, &ind, NULL, (SQLSMALLINT)prec,
                    (SQLSMALLINT)scale, st);
    if (st->rc != SQL_ERROR)
        CU_ASSERT_EQUAL(ind, (SQLLEN)sizeof(n));
    return n;
}

static unsigned long long numeric_low64(const SQL_NUMERIC_STRUCT *n)
{
    unsigned long long v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | n->val[i];
    return v;
}

static void test_numeric(void)
{
    rs_conv_status st;
    SQL_NUMERIC_STRUCT n;

    n = conv_numeric(RS_V_FLOAT, "123.45", 10, 2, &st);
    TC_OK(st);
    CU_ASSERT_EQUAL(n.precision, 10);
    CU_ASSERT_EQUAL(n.scale, 2);
    CU_ASSERT_EQUAL(n.sign, 1);
    CU_ASSERT_EQUAL(n.val[0], 12345 & 0xFF);
    CU_ASSERT_EQUAL(n.val[1], 12345 >> 8);
    CU_ASSERT_EQUAL(n.val[2], 0);
    CU_ASSERT_EQUAL(n.val[15], 0);

    n = conv_numeric(RS_V_FLOAT, "-123.45", 10, 2, &st);
    TC_OK(st);
    CU_ASSERT_EQUAL(n.sign, 0);
    CU_ASSERT_EQUAL(numeric_low64(&n), 12345);

    n = conv_numeric(RS_V_FLOAT, "123.45", 10, 0, &st); /* scale 0: the default */
    TC_STATE(st, TRUNC);
    CU_ASSERT_EQUAL(numeric_low64(&n), 123);
    CU_ASSERT_EQUAL(n.scale, 0);

    n = conv_numeric(RS_V_FLOAT, "123.45", 10, 4, &st);
    TC_OK(st);
    CU_ASSERT_EQUAL(numeric_low64(&n), 1234500);

    conv_numeric(RS_V_FLOAT, "123.45", 4, 2, &st); /* 12345 needs 5 digits */
    TC_STATE(st, RANGE);

    n = conv_numeric(RS_V_INT, "12345", 5, -2, &st);
    TC_STATE(st, TRUNC);
    CU_ASSERT_EQUAL(numeric_low64(&n), 123);

    n = conv_numeric(RS_V_INT, "9223372036854775807", 0, 0, &st); /* precision 0 -> 38 */
    TC_OK(st);
    CU_ASSERT_EQUAL(n.precision, 38);
    CU_ASSERT_EQUAL(numeric_low64(&n), 9223372036854775807ULL);

    /* 123456789012345678901234567890 = 0x18EE90FF6C373E0EE4E3F0AD2 */
    n = conv_numeric(RS_V_INT, "123456789012345678901234567890", 38, 0, &st);
    TC_OK(st);
    CU_ASSERT_EQUAL(n.val[0], 0xD2);
    CU_ASSERT_EQUAL(n.val[1], 0x0A);
    CU_ASSERT_EQUAL(n.val[12], 0x01);
    CU_ASSERT_EQUAL(n.val[13], 0x00);

    conv_numeric(RS_V_INT, "123456789012345678901234567890123456789", 38, 0, &st);
    TC_STATE(st, RANGE);
    conv_numeric(RS_V_FLOAT, "1e400", 38, 0, &st);
    TC_STATE(st, RANGE);

    n = conv_numeric(RS_V_FLOAT, "-0.001", 10, 2, &st);
    TC_STATE(st, TRUNC);
    CU_ASSERT_EQUAL(n.sign, 1); /* zero is positive */
    CU_ASSERT_EQUAL(numeric_low64(&n), 0);

    n = conv_numeric(RS_V_BOOL, "true", 1, 0, &st);
    TC_OK(st);
    CU_ASSERT_EQUAL(numeric_low64(&n), 1);

    conv_numeric(RS_V_STRING, "abc", 10, 0, &st);
    TC_STATE(st, BADCHAR);
    conv_numeric(RS_V_FLOAT, "1.5", 10, 99, &st);
    TC_STATE(st, SQL_ERROR, "HY104");
}

static void check_bit(rs_vkind k, const char *text, SQLSMALLINT sql, SQLRETURN rc,
                      const char *state, int expect)
{
    SQLCHAR b = 0xAB;
    SQLLEN ind = 0;
    rs_conv_status st = tc_conv(k, text, sql, SQL_C_BIT, &b, 0, &ind);
    TC_STATE(st, rc, state);
    if (rc != SQL_ERROR) {
        CU_ASSERT_EQUAL(b, expect);
        CU_ASSERT_EQUAL(ind, 1);
    } else {
        CU_ASSERT_EQUAL(b, 0xAB);
    }
}

static void test_bit(void)
{
    check_bit(RS_V_BOOL, "true", SQL_BIT, OK, 1);
    check_bit(RS_V_BOOL, "false", SQL_BIT, OK, 0);
    check_bit(RS_V_INT, "1", SQL_BIGINT, OK, 1);
    check_bit(RS_V_INT, "0", SQL_BIGINT, OK, 0);
    check_bit(RS_V_FLOAT, "0.5", SQL_DOUBLE, TRUNC, 0);
    check_bit(RS_V_FLOAT, "1.5", SQL_DOUBLE, TRUNC, 1);
    check_bit(RS_V_INT, "2", SQL_BIGINT, RANGE, 0);
    check_bit(RS_V_INT, "-1", SQL_BIGINT, RANGE, 0);
    check_bit(RS_V_FLOAT, "-0.5", SQL_DOUBLE, RANGE, 0);
    check_bit(RS_V_STRING, "1", SQL_VARCHAR, OK, 1);
    check_bit(RS_V_STRING, "TRUE", SQL_VARCHAR, OK, 1);
    check_bit(RS_V_STRING, "false", SQL_VARCHAR, OK, 0);
    check_bit(RS_V_STRING, "yes", SQL_VARCHAR, BADCHAR, 0);
}

static void test_bool_as_text(void)
{
    char buf[16];
    SQLWCHAR w[4];
    SQLLEN ind = 0;
    rs_conv_status st;
    /* SQL_BIT to character is "0"/"1" (appendix D) */
    st = tc_conv(RS_V_BOOL, "true", SQL_BIT, SQL_C_CHAR, buf, sizeof(buf), &ind);
    TC_OK(st);
    CU_ASSERT_STRING_EQUAL(buf, "1");
    CU_ASSERT_EQUAL(ind, 1);
    st = tc_conv(RS_V_BOOL, "false", SQL_BIT, SQL_C_WCHAR, w, sizeof(w), &ind);
    TC_OK(st);
    CU_ASSERT(w[0] == '0' && w[1] == 0);
    CU_ASSERT_EQUAL(ind, 2);
    /* BufferLength <= 1 is 22003 */
    st = tc_conv(RS_V_BOOL, "true", SQL_BIT, SQL_C_CHAR, buf, 1, &ind);
    TC_STATE(st, RANGE);
    /* a bool inside a character (mixed) column keeps its JSON text */
    st = tc_conv(RS_V_BOOL, "true", SQL_VARCHAR, SQL_C_CHAR, buf, sizeof(buf), &ind);
    TC_OK(st);
    CU_ASSERT_STRING_EQUAL(buf, "true");
}

static void test_numbers_as_text(void)
{
    char buf[64];
    SQLLEN ind = 0;
    rs_conv_status st;

    st = tc_conv(RS_V_INT, "12345", SQL_BIGINT, SQL_C_CHAR, buf, 6, &ind);
    TC_OK(st);
    CU_ASSERT_STRING_EQUAL(buf, "12345");
    CU_ASSERT_EQUAL(ind, 5);
    strcpy(buf, "untouched");
    st = tc_conv(RS_V_INT, "12345", SQL_BIGINT, SQL_C_CHAR, buf, 5, &ind);
    TC_STATE(st, RANGE); /* whole digits >= BufferLength */
    CU_ASSERT_STRING_EQUAL(buf, "untouched");
    st = tc_conv(RS_V_INT, "-12", SQL_BIGINT, SQL_C_CHAR, buf, 3, &ind);
    TC_STATE(st, RANGE);
    st = tc_conv(RS_V_INT, "-12", SQL_BIGINT, SQL_C_CHAR, buf, 4, &ind);
    TC_OK(st);
    CU_ASSERT_STRING_EQUAL(buf, "-12");
    st = tc_conv(RS_V_FLOAT, "123.456", SQL_DOUBLE, SQL_C_CHAR, buf, 6, &ind);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01004"); /* fraction cut: truncation */
    CU_ASSERT_STRING_EQUAL(buf, "123.4");
    CU_ASSERT_EQUAL(ind, 7);
    st = tc_conv(RS_V_FLOAT, "123.456", SQL_DOUBLE, SQL_C_CHAR, buf, 4, &ind);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT_STRING_EQUAL(buf, "123");
    st = tc_conv(RS_V_FLOAT, "123.456", SQL_DOUBLE, SQL_C_CHAR, buf, 3, &ind);
    TC_STATE(st, RANGE);
    st = tc_conv(RS_V_FLOAT, "1.5e300", SQL_DOUBLE, SQL_C_CHAR, buf, 6, &ind);
    TC_STATE(st, RANGE); /* an exponent cannot be cut */
    st = tc_conv(RS_V_FLOAT, "1e400", SQL_DOUBLE, SQL_C_CHAR, buf, sizeof(buf), &ind);
    TC_OK(st); /* the text as the server sent it */
    CU_ASSERT_STRING_EQUAL(buf, "1e400");
    st = tc_conv(RS_V_INT, "123456789012345678901234567890", SQL_BIGINT, SQL_C_CHAR, buf,
                 sizeof(buf), &ind);
    TC_OK(st);
    CU_ASSERT_STRING_EQUAL(buf, "123456789012345678901234567890");
    /* in a character column, plain truncation */
    st = tc_conv(RS_V_INT, "12345", SQL_VARCHAR, SQL_C_CHAR, buf, 3, &ind);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT_STRING_EQUAL(buf, "12");
}

static void test_json_and_bytes_as_text(void)
{
    char buf[64];
    unsigned char bin[8];
    SQLLEN ind = 0;
    rs_conv_status st;
    rs_cell c = {RS_V_BYTES, "\x00\xFF\x10", 3};

    st = tc_conv(RS_V_OBJECT, "{\"a\":[1,2]}", SQL_LONGVARCHAR, SQL_C_CHAR, buf, sizeof(buf),
                 &ind);
    TC_OK(st);
    CU_ASSERT_STRING_EQUAL(buf, "{\"a\":[1,2]}");
    st = tc_conv(RS_V_ARRAY, "[1,2]", SQL_LONGVARCHAR, SQL_C_SLONG, bin, 0, &ind);
    TC_STATE(st, BADCHAR);
    st = tc_conv(RS_V_OTHER, "{\"type\":\"Point\"}", SQL_LONGVARCHAR, SQL_C_CHAR, buf,
                 sizeof(buf), &ind);
    TC_OK(st);

    rs_convert_to_c(&c, SQL_VARBINARY, SQL_C_CHAR, buf, sizeof(buf), &ind, NULL, 0, 0, &st);
    TC_OK(st);
    CU_ASSERT_STRING_EQUAL(buf, "00FF10");
    CU_ASSERT_EQUAL(ind, 6);
    rs_convert_to_c(&c, SQL_VARBINARY, SQL_C_BINARY, bin, sizeof(bin), &ind, NULL, 0, 0, &st);
    TC_OK(st);
    CU_ASSERT_EQUAL(ind, 3);
    CU_ASSERT(memcmp(bin, "\x00\xFF\x10", 3) == 0);
    rs_convert_to_c(&c, SQL_VARBINARY, SQL_C_SLONG, bin, 0, &ind, NULL, 0, 0, &st);
    TC_STATE(st, SQL_ERROR, "07006");
}

static void test_restricted(void)
{
    char buf[64];
    SQLLEN ind = 0;
    rs_conv_status st;
    static const struct {
        rs_vkind k;
        const char *t;
        SQLSMALLINT sql, c;
    } bad[] = {
        {RS_V_INT, "1", SQL_BIGINT, SQL_C_TYPE_DATE},
        {RS_V_INT, "1", SQL_BIGINT, SQL_C_TIMESTAMP},
        {RS_V_FLOAT, "1", SQL_DOUBLE, SQL_C_TYPE_TIME},
        {RS_V_BOOL, "true", SQL_BIT, SQL_C_TYPE_TIMESTAMP},
        {RS_V_BYTES, "ab", SQL_VARBINARY, SQL_C_DOUBLE},
        {RS_V_BYTES, "ab", SQL_VARBINARY, SQL_C_BIT},
        {RS_V_DATE, "2020-03-02", SQL_TYPE_DATE, SQL_C_SLONG},
        {RS_V_DATE, "2020-03-02", SQL_TYPE_DATE, SQL_C_TYPE_TIME},
        {RS_V_TIME, "08:00:00", SQL_TYPE_TIME, SQL_C_TYPE_DATE},
        {RS_V_TIMESTAMP, "2020-03-02T00:00:00Z", SQL_TYPE_TIMESTAMP, SQL_C_NUMERIC},
        {RS_V_INT, "1", SQL_BIGINT, SQL_C_GUID},
        {RS_V_DATE, "2020-03-02", SQL_TYPE_DATE, SQL_C_INTERVAL_DAY},
        {RS_V_FLOAT, "1", SQL_DOUBLE, SQL_C_INTERVAL_YEAR},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        st = tc_conv(bad[i].k, bad[i].t, bad[i].sql, bad[i].c, buf, sizeof(buf), &ind);
        TC_STATE(st, SQL_ERROR, "07006");
    }
    /* allowed by the spec, not implemented: said so */
    st = tc_conv(RS_V_INT, "1", SQL_BIGINT, SQL_C_INTERVAL_DAY, buf, sizeof(buf), &ind);
    TC_STATE(st, SQL_ERROR, "HYC00");
    st = tc_conv(RS_V_STRING, "1", SQL_VARCHAR, SQL_C_INTERVAL_YEAR, buf, sizeof(buf), &ind);
    TC_STATE(st, SQL_ERROR, "HYC00");
    st = tc_conv(RS_V_INT, "1", SQL_BIGINT, 12345, buf, sizeof(buf), &ind);
    TC_STATE(st, SQL_ERROR, "HY003");
}

static void test_nulls(void)
{
    static const SQLSMALLINT cs[] = {SQL_C_CHAR, SQL_C_WCHAR, SQL_C_BINARY, SQL_C_SLONG,
                                     SQL_C_DOUBLE, SQL_C_BIT, SQL_C_NUMERIC, SQL_C_TYPE_DATE,
                                     SQL_C_DEFAULT};
    unsigned char buf[64];
    for (size_t i = 0; i < sizeof(cs) / sizeof(cs[0]); i++) {
        for (int k = 0; k < 2; k++) {
            rs_vkind kind = k ? RS_V_NULL : RS_V_ABSENT;
            rs_cell c = {kind, NULL, 0};
            SQLSMALLINT sql = cs[i] == SQL_C_TYPE_DATE ? SQL_TYPE_DATE : SQL_VARCHAR;
            SQLLEN ind = 5;
            size_t off = 0;
            rs_conv_status st;
            if (cs[i] == SQL_C_SLONG || cs[i] == SQL_C_DOUBLE || cs[i] == SQL_C_BIT ||
                cs[i] == SQL_C_NUMERIC)
                sql = SQL_BIGINT;
            rs_convert_to_c(&c, sql, cs[i], buf, sizeof(buf), &ind, &off, 0, 0, &st);
            TC_OK(st);
            CU_ASSERT_EQUAL(ind, SQL_NULL_DATA);
            /* SQLGetData again on the same column: no more data */
            ind = 5;
            rs_convert_to_c(&c, sql, cs[i], buf, sizeof(buf), &ind, &off, 0, 0, &st);
            CU_ASSERT_EQUAL(st.rc, SQL_NO_DATA);
            CU_ASSERT_EQUAL(ind, 5);
            rs_convert_to_c(&c, sql, cs[i], buf, sizeof(buf), NULL, NULL, 0, 0, &st);
            TC_STATE(st, SQL_ERROR, "22002");
        }
    }
}

static void test_default_c_type(void)
{
    unsigned char buf[32];
    SQLLEN ind = 0;
    rs_conv_status st;
    long long ll;
    double d;

    st = tc_conv(RS_V_INT, "-7", SQL_BIGINT, SQL_C_DEFAULT, buf, sizeof(buf), &ind);
    TC_OK(st);
    CU_ASSERT_EQUAL(ind, 8);
    memcpy(&ll, buf, 8);
    CU_ASSERT_EQUAL(ll, -7);
    st = tc_conv(RS_V_FLOAT, "2.5", SQL_DOUBLE, SQL_C_DEFAULT, buf, sizeof(buf), &ind);
    memcpy(&d, buf, 8);
    CU_ASSERT_EQUAL(d, 2.5);
    st = tc_conv(RS_V_STRING, "hi", SQL_VARCHAR, SQL_C_DEFAULT, buf, sizeof(buf), &ind);
    CU_ASSERT_STRING_EQUAL((char *)buf, "hi");
    st = tc_conv(RS_V_STRING, "hi", SQL_WVARCHAR, SQL_C_DEFAULT, buf, sizeof(buf), &ind);
    CU_ASSERT_EQUAL(ind, 4);
    CU_ASSERT(((SQLWCHAR *)buf)[0] == 'h' && ((SQLWCHAR *)buf)[2] == 0);
    st = tc_conv(RS_V_BOOL, "true", SQL_BIT, SQL_C_DEFAULT, buf, sizeof(buf), &ind);
    CU_ASSERT_EQUAL(ind, 1);
    CU_ASSERT_EQUAL(buf[0], 1);
    st = tc_conv(RS_V_DATE, "2020-03-02", SQL_TYPE_DATE, SQL_C_DEFAULT, buf, sizeof(buf), &ind);
    CU_ASSERT_EQUAL(ind, (SQLLEN)sizeof(SQL_DATE_STRUCT));
    CU_ASSERT_EQUAL(((SQL_DATE_STRUCT *)buf)->day, 2);
    /* sql_type 0: derived from the cell */
    st = tc_conv(RS_V_INT, "5", 0, SQL_C_DEFAULT, buf, sizeof(buf), &ind);
    TC_OK(st);
    CU_ASSERT_EQUAL(ind, 8);
    /* a declared catalog type */
    st = tc_conv(RS_V_INT, "5", SQL_SMALLINT, SQL_C_DEFAULT, buf, sizeof(buf), &ind);
    TC_OK(st);
    CU_ASSERT_EQUAL(ind, 2);
}

static void test_binary_of_fixed(void)
{
    unsigned char buf[32];
    SQLLEN ind = 0;
    rs_conv_status st;
    long long ll;
    double d;
    short sh;

    st = tc_conv(RS_V_INT, "5", SQL_BIGINT, SQL_C_BINARY, buf, sizeof(buf), &ind);
    TC_OK(st);
    CU_ASSERT_EQUAL(ind, 8);
    memcpy(&ll, buf, 8);
    CU_ASSERT_EQUAL(ll, 5);
    st = tc_conv(RS_V_INT, "5", SQL_BIGINT, SQL_C_BINARY, buf, 4, &ind);
    TC_STATE(st, RANGE);
    st = tc_conv(RS_V_INT, "5", SQL_SMALLINT, SQL_C_BINARY, buf, 2, &ind);
    TC_OK(st);
    memcpy(&sh, buf, 2);
    CU_ASSERT_EQUAL(sh, 5);
    st = tc_conv(RS_V_FLOAT, "0.5", SQL_DOUBLE, SQL_C_BINARY, buf, 8, &ind);
    memcpy(&d, buf, 8);
    CU_ASSERT_EQUAL(d, 0.5);
    st = tc_conv(RS_V_BOOL, "true", SQL_BIT, SQL_C_BINARY, buf, 1, &ind);
    TC_OK(st);
    CU_ASSERT_EQUAL(buf[0], 1);
    st = tc_conv(RS_V_BOOL, "true", SQL_BIT, SQL_C_BINARY, buf, 0, &ind);
    TC_STATE(st, RANGE);
    st = tc_conv(RS_V_TIMESTAMP, "2023-08-23T19:03:04.735782Z", SQL_TYPE_TIMESTAMP,
                 SQL_C_BINARY, buf, sizeof(buf), &ind);
    TC_OK(st);
    CU_ASSERT_EQUAL(ind, (SQLLEN)sizeof(SQL_TIMESTAMP_STRUCT));
    CU_ASSERT_EQUAL(((SQL_TIMESTAMP_STRUCT *)buf)->fraction, 735782000u);
    st = tc_conv(RS_V_DATE, "2020-03-02", SQL_TYPE_DATE, SQL_C_BINARY, buf, 4, &ind);
    TC_STATE(st, RANGE);
    st = tc_conv(RS_V_STRING, "héllo", SQL_VARCHAR, SQL_C_BINARY, buf, sizeof(buf), &ind);
    TC_OK(st);
    CU_ASSERT_EQUAL(ind, 6); /* UTF-8 bytes */
}

static void test_guid(void)
{
    SQLGUID g;
    SQLLEN ind = 0;
    rs_conv_status st;
    st = tc_conv(RS_V_STRING, "6F9619FF-8B86-D011-B42D-00C04FC964FF", SQL_VARCHAR, SQL_C_GUID,
                 &g, 0, &ind);
    TC_OK(st);
    CU_ASSERT_EQUAL(g.Data1, 0x6F9619FFu);
    CU_ASSERT_EQUAL(g.Data2, 0x8B86);
    CU_ASSERT_EQUAL(g.Data3, 0xD011);
    CU_ASSERT_EQUAL(g.Data4[0], 0xB4);
    CU_ASSERT_EQUAL(g.Data4[7], 0xFF);
    CU_ASSERT_EQUAL(ind, (SQLLEN)sizeof(SQLGUID));
    st = tc_conv(RS_V_STRING, "{6f9619ff-8b86-d011-b42d-00c04fc964ff}", SQL_VARCHAR, SQL_C_GUID,
                 &g, 0, &ind);
    TC_OK(st);
    st = tc_conv(RS_V_STRING, "6F9619FF-8B86-D011-B42D00C04FC964FF", SQL_VARCHAR, SQL_C_GUID,
                 &g, 0, &ind);
    TC_STATE(st, BADCHAR);
    st = tc_conv(RS_V_STRING, "nope", SQL_VARCHAR, SQL_C_GUID, &g, 0, &ind);
    TC_STATE(st, BADCHAR);
}

/* The whole matrix: every kind (in its own column type) into every C type, with the state
 * expected: o success, t 01S07, r 22003, c 22018, x 07006. */
static void test_matrix(void)
{
    static const SQLSMALLINT cs[] = {
        SQL_C_CHAR, SQL_C_WCHAR, SQL_C_BINARY,
        SQL_C_STINYINT, SQL_C_UTINYINT, SQL_C_TINYINT, SQL_C_SSHORT, SQL_C_USHORT, SQL_C_SHORT,
        SQL_C_SLONG, SQL_C_ULONG, SQL_C_LONG, SQL_C_SBIGINT, SQL_C_UBIGINT,
        SQL_C_FLOAT, SQL_C_DOUBLE, SQL_C_NUMERIC, SQL_C_BIT,
        SQL_C_TYPE_DATE, SQL_C_TYPE_TIME, SQL_C_TYPE_TIMESTAMP, SQL_C_DATE, SQL_C_TIME,
        SQL_C_TIMESTAMP, SQL_C_GUID, SQL_C_DEFAULT};
    static const struct {
        rs_vkind kind;
        SQLSMALLINT sql;
        const char *text, *expect;
    } rows[] = {
        /*                                              chr int........ flnb dates. gd */
        {RS_V_INT, SQL_BIGINT, "42",                   "ooo" "ooooooooooo" "ooor" "xxxxxx" "xo"},
        {RS_V_FLOAT, SQL_DOUBLE, "42.5",               "ooo" "ttttttttttt" "ootr" "xxxxxx" "xo"},
        {RS_V_BOOL, SQL_BIT, "true",                   "ooo" "ooooooooooo" "oooo" "xxxxxx" "xo"},
        {RS_V_STRING, SQL_VARCHAR, "42",               "ooo" "ooooooooooo" "ooor" "cccccc" "co"},
        {RS_V_STRING, SQL_WVARCHAR, "0.5",             "ooo" "ttttttttttt" "oott" "cccccc" "co"},
        {RS_V_STRING, SQL_VARCHAR, "2020-03-02",       "ooo" "ccccccccccc" "cccc" "ocooco" "co"},
        {RS_V_STRING, SQL_VARCHAR, "6F9619FF-8B86-D011-B42D-00C04FC964FF",
                                                       "ooo" "ccccccccccc" "cccc" "cccccc" "oo"},
        {RS_V_BYTES, SQL_VARBINARY, "ab",              "ooo" "xxxxxxxxxxx" "xxxx" "xxxxxx" "xo"},
        {RS_V_DATE, SQL_TYPE_DATE, "2020-03-02",       "ooo" "xxxxxxxxxxx" "xxxx" "oxooxo" "xo"},
        {RS_V_TIME, SQL_TYPE_TIME, "08:08:28",         "ooo" "xxxxxxxxxxx" "xxxx" "xooxoo" "xo"},
        {RS_V_DATETIME, SQL_TYPE_TIMESTAMP, "2020-03-02T10:49:33",
                                                       "ooo" "xxxxxxxxxxx" "xxxx" "tootoo" "xo"},
        {RS_V_TIMESTAMP, SQL_TYPE_TIMESTAMP, "2023-08-23T19:03:04.735782Z",
                                                       "ooo" "xxxxxxxxxxx" "xxxx" "ttotto" "xo"},
        {RS_V_OBJECT, SQL_LONGVARCHAR, "{\"a\":1}",    "ooo" "ccccccccccc" "cccc" "cccccc" "co"},
        {RS_V_ARRAY, SQL_WLONGVARCHAR, "[1,2]",        "ooo" "ccccccccccc" "cccc" "cccccc" "co"},
        {RS_V_OTHER, SQL_LONGVARCHAR, "{\"months\":3}", "ooo" "ccccccccccc" "cccc" "cccccc" "co"},
    };
    for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
        for (size_t c = 0; c < sizeof(cs) / sizeof(cs[0]); c++) {
            unsigned char buf[128];
            SQLLEN ind = -99;
            rs_conv_status st = tc_conv(rows[r].kind, rows[r].text, rows[r].sql, cs[c], buf,
                                        sizeof(buf), &ind);
            char e = rows[r].expect[c];
            int ok = e == 'o'   ? tc_state_is(&st, SQL_SUCCESS, "")
                     : e == 't' ? tc_state_is(&st, SQL_SUCCESS_WITH_INFO, "01S07")
                     : e == 'r' ? tc_state_is(&st, SQL_ERROR, "22003")
                     : e == 'c' ? tc_state_is(&st, SQL_ERROR, "22018")
                                : tc_state_is(&st, SQL_ERROR, "07006");
            if (!ok)
                fprintf(stderr, "\n  matrix %s (sql %d) -> C %d: want %c, rc %d %s\n",
                        rows[r].text, rows[r].sql, cs[c], e, st.rc, st.sqlstate);
            CU_ASSERT(ok);
            /* a value was delivered exactly when the conversion did not fail */
            CU_ASSERT(st.rc == SQL_ERROR ? ind == -99 : ind >= 0);
        }
    }
}

int main(void)
{
    static const cu_case cases[] = {
        {"every integer C type, normal values", test_int_types_normal},
        {"integer boundaries and literals", test_int_boundaries},
        {"float and double", test_floats},
        {"SQL_C_NUMERIC", test_numeric},
        {"SQL_C_BIT", test_bit},
        {"bool as text", test_bool_as_text},
        {"numbers as text", test_numbers_as_text},
        {"JSON and bytes as text", test_json_and_bytes_as_text},
        {"restricted conversions", test_restricted},
        {"NULL and absent", test_nulls},
        {"SQL_C_DEFAULT", test_default_c_type},
        {"SQL_C_BINARY of fixed types", test_binary_of_fixed},
        {"SQL_C_GUID from text", test_guid},
        {"the whole matrix", test_matrix},
        {NULL, NULL},
    };
    return cu_run("convert", cases);
}
