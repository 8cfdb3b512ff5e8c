/* SPDX-License-Identifier: Apache-2.0 */
/* Conversion plans (rs_conv_plan_run) against the general path (rs_convert_to_c): for many
 * values, column types, C types and buffer lengths, both must write the same bytes, the same
 * length/indicator and end in the same state. Also that the fast paths are taken for the
 * values a result usually holds (the status struct is left alone), so that a plan that
 * always fell back would not pass unnoticed. */
#include "tests/driver/convert/test_convert_util.h"

#include <stdio.h>

#define TP_BUF 96
#define TP_UNTOUCHED 0x5A5A

/* One comparison; returns 1 when the plan took a fast path (st left as it was). */
static int tp_compare(const rs_cell *cell, SQLSMALLINT sql, SQLSMALLINT c, SQLLEN blen,
                      int with_ind, int null_target)
{
    unsigned char a[TP_BUF], b[TP_BUF];
    SQLLEN ia = -77, ib = -77;
    rs_conv_status sa, sb;
    rs_conv_plan p;
    SQLRETURN rc;
    int same;

    memset(a, 0xCD, sizeof a);
    memset(b, 0xCD, sizeof b);
    memset(&sb, 0, sizeof sb);
    sb.rc = TP_UNTOUCHED;
    rs_convert_to_c(cell, sql, c, null_target ? NULL : a, blen, with_ind ? &ia : NULL, NULL,
                    0, 0, &sa);
    rs_conv_plan_make(&p, sql, c, 0, 0);
    rc = rs_conv_plan_run(&p, cell, null_target ? NULL : b, blen, with_ind ? &ib : NULL, NULL,
                          &sb);
    same = rc == sa.rc && memcmp(a, b, sizeof a) == 0 && ia == ib &&
           (rc == SQL_SUCCESS || strcmp(sa.sqlstate, sb.sqlstate) == 0);
    if (!same)
        fprintf(stderr, "\n  differs: kind %d '%.*s' sql %d c %d blen %ld ind %d null %d: "
                "rc %d/%d state %s/%s ind %ld/%ld\n", cell->kind, (int)cell->len,
                cell->text ? cell->text : "", sql, c, (long)blen, with_ind, null_target,
                sa.rc, rc, sa.sqlstate, rc == SQL_SUCCESS ? "" : sb.sqlstate, (long)ia,
                (long)ib);
    CU_ASSERT(same);
    return rc == SQL_SUCCESS && sb.rc == TP_UNTOUCHED;
}

/* SQLGetData: pieces with an offset until SQL_NO_DATA, plan against general path. */
static void tp_pieces(const rs_cell *cell, SQLSMALLINT sql, SQLSMALLINT c, SQLLEN blen,
                      int null_target)
{
    size_t oa = 0, ob = 0;

    for (int k = 0; k < 200; k++) {
        unsigned char a[TP_BUF], b[TP_BUF];
        SQLLEN ia = -77, ib = -77;
        rs_conv_status sa, sb;
        rs_conv_plan p;
        SQLRETURN rc;
        int same;
        memset(a, 0xCD, sizeof a);
        memset(b, 0xCD, sizeof b);
        rs_convert_to_c(cell, sql, c, null_target ? NULL : a, blen, &ia, &oa, 0, 0, &sa);
        rs_conv_plan_make(&p, sql, c, 0, 0);
        rc = rs_conv_plan_run(&p, cell, null_target ? NULL : b, blen, &ib, &ob, &sb);
        same = rc == sa.rc && memcmp(a, b, sizeof a) == 0 && ia == ib && oa == ob &&
               (rc == SQL_SUCCESS || strcmp(sa.sqlstate, sb.sqlstate) == 0);
        if (!same)
            fprintf(stderr, "\n  piece %d differs: kind %d '%.*s' sql %d c %d blen %ld: rc %d/%d "
                    "offset %zu/%zu\n", k, cell->kind, (int)cell->len,
                    cell->text ? cell->text : "", sql, c, (long)blen, sa.rc, rc, oa, ob);
        CU_ASSERT(same);
        if (!same || rc == SQL_NO_DATA || rc == SQL_ERROR)
            return;
    }
}

/* Every buffer length from 0 to TP_BUF - 8 (so the fast path's edge and every truncation
 * point, through multibyte characters, is crossed), with and without an indicator. */
static void tp_all_lengths(const rs_cell *cell, SQLSMALLINT sql, SQLSMALLINT c)
{
    /* a fixed-size C type ignores the length: a few are enough (and keep valgrind quick) */
    SQLLEN step = rs_conv_c_size(c) ? 17 : 1;

    for (SQLLEN blen = 0; blen <= TP_BUF - 8; blen += step)
        for (int with_ind = 0; with_ind < 2; with_ind++)
            tp_compare(cell, sql, c, blen, with_ind, 0);
    tp_compare(cell, sql, c, -1, 1, 0);
    tp_compare(cell, sql, c, 0, 1, 1);
    tp_compare(cell, sql, c, 50, 1, 1);
    for (SQLLEN blen = 0; blen <= 40; blen += step + blen / 4)
        tp_pieces(cell, sql, c, blen, 0);
    tp_pieces(cell, sql, c, 64, 1);
}

static const SQLSMALLINT tp_sql_types[] = {
    SQL_VARCHAR, SQL_WVARCHAR, SQL_BIGINT, SQL_INTEGER, SQL_SMALLINT, SQL_TINYINT, SQL_DOUBLE,
    SQL_REAL, SQL_DECIMAL, SQL_BIT, SQL_TYPE_TIMESTAMP, SQL_TYPE_DATE, SQL_TYPE_TIME,
    SQL_VARBINARY, SQL_GUID, 0
};

static const SQLSMALLINT tp_c_types[] = {
    SQL_C_CHAR, SQL_C_WCHAR, SQL_C_BINARY, SQL_C_DEFAULT, SQL_C_STINYINT, SQL_C_UTINYINT,
    SQL_C_TINYINT, SQL_C_SSHORT, SQL_C_USHORT, SQL_C_SHORT, SQL_C_SLONG, SQL_C_ULONG,
    SQL_C_LONG, SQL_C_SBIGINT, SQL_C_UBIGINT, SQL_C_FLOAT, SQL_C_DOUBLE, SQL_C_BIT,
    SQL_C_NUMERIC, SQL_C_TYPE_DATE, SQL_C_TYPE_TIME, SQL_C_TYPE_TIMESTAMP, SQL_C_DATE,
    SQL_C_TIMESTAMP, SQL_C_GUID, SQL_C_INTERVAL_DAY, 9999
};

typedef struct tp_value {
    rs_vkind kind;
    const char *text;
} tp_value;

static const tp_value tp_values[] = {
    {RS_V_ABSENT, NULL}, {RS_V_NULL, NULL},
    {RS_V_INT, "0"}, {RS_V_INT, "-0"}, {RS_V_INT, "1"}, {RS_V_INT, "-1"}, {RS_V_INT, "42"},
    {RS_V_INT, "127"}, {RS_V_INT, "128"}, {RS_V_INT, "-128"}, {RS_V_INT, "-129"},
    {RS_V_INT, "255"}, {RS_V_INT, "256"}, {RS_V_INT, "32767"}, {RS_V_INT, "32768"},
    {RS_V_INT, "-32768"}, {RS_V_INT, "-32769"}, {RS_V_INT, "65535"}, {RS_V_INT, "65536"},
    {RS_V_INT, "2147483647"}, {RS_V_INT, "2147483648"}, {RS_V_INT, "-2147483648"},
    {RS_V_INT, "-2147483649"}, {RS_V_INT, "4294967295"}, {RS_V_INT, "4294967296"},
    {RS_V_INT, "999999999999999999"}, {RS_V_INT, "-999999999999999999"},
    {RS_V_INT, "9223372036854775807"}, {RS_V_INT, "9223372036854775808"},
    {RS_V_INT, "-9223372036854775808"}, {RS_V_INT, "-9223372036854775809"},
    {RS_V_INT, "18446744073709551615"}, {RS_V_INT, "18446744073709551616"},
    {RS_V_INT, "000000000000000000042"}, {RS_V_INT, "123456789012345678901234567890"},
    {RS_V_FLOAT, "0.0"}, {RS_V_FLOAT, "-0.0"}, {RS_V_FLOAT, "1.5"}, {RS_V_FLOAT, "-2.25"},
    {RS_V_FLOAT, "0.1"}, {RS_V_FLOAT, "3.141592653589793"}, {RS_V_FLOAT, "1e10"},
    {RS_V_FLOAT, "1E-5"}, {RS_V_FLOAT, "1e+22"}, {RS_V_FLOAT, "1e23"}, {RS_V_FLOAT, "1e-22"},
    {RS_V_FLOAT, "1e-23"}, {RS_V_FLOAT, "9007199254740993"}, {RS_V_FLOAT, "123456789012345.6"},
    {RS_V_FLOAT, "0.30000000000000004"}, {RS_V_FLOAT, "1.7976931348623157e308"},
    {RS_V_FLOAT, "1.8e308"}, {RS_V_FLOAT, "3.5e38"}, {RS_V_FLOAT, "3.4e38"},
    {RS_V_FLOAT, "4.9e-324"}, {RS_V_FLOAT, "1e-400"}, {RS_V_FLOAT, "-1e-400"},
    {RS_V_FLOAT, "2.5e-10"}, {RS_V_FLOAT, "1e99999"}, {RS_V_FLOAT, "1e100000"},
    {RS_V_FLOAT, "1e-00005"}, {RS_V_FLOAT, "1e0000000000000000000000000000001"},
    {RS_V_FLOAT, "2e+99999999999999999999999999"}, {RS_V_FLOAT, "1.5e"}, {RS_V_FLOAT, "-"},
    {RS_V_FLOAT, "1.e5"}, {RS_V_FLOAT, "0.0000000000000000000000000000000000000000001e50"},
    {RS_V_FLOAT, "0.000000000000000000000000000001"}, {RS_V_FLOAT, "127.9"},
    {RS_V_FLOAT, "2.0"}, {RS_V_FLOAT, "-0.5"},
    {RS_V_FLOAT, "1.00000000000000000000000000000000000000000000000000000000000000000000000000000000001"},
    {RS_V_BOOL, "true"}, {RS_V_BOOL, "false"},
    {RS_V_STRING, ""}, {RS_V_STRING, "a"}, {RS_V_STRING, "hello world"},
    {RS_V_STRING, "42"}, {RS_V_STRING, " 42 "}, {RS_V_STRING, "+42"}, {RS_V_STRING, "-7"},
    {RS_V_STRING, "1.5"}, {RS_V_STRING, ".5"}, {RS_V_STRING, "5."}, {RS_V_STRING, "1e5"},
    {RS_V_STRING, "abc"}, {RS_V_STRING, "true"}, {RS_V_STRING, "False"}, {RS_V_STRING, "-"},
    {RS_V_STRING, "caf\xc3\xa9 cr\xc3\xa8me br\xc3\xbbl\xc3\xa9\x65"},
    {RS_V_STRING, "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac euro"},
    {RS_V_STRING, "\xf0\x9f\x98\x80 smile \xf0\x9f\x98\x80\xf0\x9f\x98\x80"},
    {RS_V_STRING, "bad \xff\xfe utf8"},
    {RS_V_STRING, "2024-02-29 12:34:56.789"}, {RS_V_STRING, "2023-02-29"},
    {RS_V_STRING, "12345678-1234-1234-1234-123456789abc"},
    {RS_V_DATE, "2024-02-29"}, {RS_V_DATE, "2023-02-29"}, {RS_V_DATE, "0001-01-01"},
    {RS_V_DATE, "9999-12-31"}, {RS_V_DATE, " 2024-01-01"},
    {RS_V_TIME, "00:00:00"}, {RS_V_TIME, "23:59:59.123456"}, {RS_V_TIME, "24:00:00"},
    {RS_V_TIME, "12:00:00.1234567891"},
    {RS_V_DATETIME, "2024-05-06T07:08:09"}, {RS_V_DATETIME, "2024-05-06T07:08:09.5"},
    {RS_V_DATETIME, "2024-05-06t07:08:09.000001"}, {RS_V_DATETIME, "2024-05-06 00:00:00"},
    {RS_V_TIMESTAMP, "2024-05-06T07:08:09.123456Z"}, {RS_V_TIMESTAMP, "2024-05-06T07:08:09z"},
    {RS_V_TIMESTAMP, "2024-05-06T07:08:09.123456789Z"},
    {RS_V_TIMESTAMP, "2024-05-06T07:08:09.1234567891Z"},
    {RS_V_TIMESTAMP, "2024-13-06T07:08:09Z"}, {RS_V_TIMESTAMP, "2024-05-06T07:08:60Z"},
    {RS_V_TIMESTAMP, "2024-05-06T07:08:09.Z"}, {RS_V_TIMESTAMP, "2024-05-06T07:08:09ZZ"},
    {RS_V_OBJECT, "{\"a\":1,\"b\":[1,2,{\"c\":\"d\"}]}"}, {RS_V_ARRAY, "[1,2,3]"},
    {RS_V_OTHER, "{\"__rockset_type\":\"u256\",\"value\":\"1\"}"},
    {RS_V_BYTES, "\x01\x02\xab"},
};

static void tp_value_cell(const tp_value *v, rs_cell *cell)
{
    cell->kind = v->kind;
    cell->text = v->text;
    cell->len = v->text ? strlen(v->text) : 0;
}

/* Every value, every column type, every C type, every buffer length. */
static void test_plan_matches_general(void)
{
    for (size_t v = 0; v < sizeof tp_values / sizeof tp_values[0]; v++) {
        rs_cell cell;
        tp_value_cell(&tp_values[v], &cell);
        for (size_t s = 0; s < sizeof tp_sql_types / sizeof tp_sql_types[0]; s++)
            for (size_t c = 0; c < sizeof tp_c_types / sizeof tp_c_types[0]; c++)
                tp_all_lengths(&cell, tp_sql_types[s], tp_c_types[c]);
    }
}

/* Multibyte UTF-8 cut at every length, narrow and wide. */
static void test_plan_multibyte_every_cut(void)
{
    static const char *texts[] = {
        "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80xyz\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80",
        "ascii then \xe4\xb8\xad\xe6\x96\x87 and more ascii text to be cut everywhere",
    };
    for (size_t t = 0; t < 2; t++) {
        rs_cell cell = tc_cell(RS_V_STRING, texts[t]);
        tp_all_lengths(&cell, SQL_VARCHAR, SQL_C_CHAR);
        tp_all_lengths(&cell, SQL_WVARCHAR, SQL_C_WCHAR);
        tp_all_lengths(&cell, SQL_VARCHAR, SQL_C_BINARY);
    }
}

/* The values a result usually holds take the fast path: the status is not touched. */
static void test_plan_fast_paths_taken(void)
{
    static const struct {
        rs_vkind kind;
        const char *text;
        SQLSMALLINT sql, c;
    } fast[] = {
        {RS_V_STRING, "hello", SQL_VARCHAR, SQL_C_CHAR},
        {RS_V_STRING, "hello", SQL_VARCHAR, SQL_C_WCHAR},
        {RS_V_INT, "-123", SQL_BIGINT, SQL_C_CHAR},
        {RS_V_INT, "-123", SQL_BIGINT, SQL_C_SLONG},
        {RS_V_INT, "-9223372036854775", SQL_BIGINT, SQL_C_SBIGINT},
        {RS_V_INT, "200", SQL_BIGINT, SQL_C_UTINYINT},
        {RS_V_INT, "7", SQL_BIGINT, SQL_C_DEFAULT},
        {RS_V_FLOAT, "3.25", SQL_DOUBLE, SQL_C_DOUBLE},
        {RS_V_FLOAT, "0.30000000000000004", SQL_DOUBLE, SQL_C_DOUBLE},
        {RS_V_FLOAT, "1.5e300", SQL_DOUBLE, SQL_C_DOUBLE},
        {RS_V_FLOAT, "2.5", SQL_DOUBLE, SQL_C_FLOAT},
        {RS_V_FLOAT, "2.5", SQL_DOUBLE, SQL_C_CHAR},
        {RS_V_BOOL, "true", SQL_BIT, SQL_C_CHAR},
        {RS_V_BOOL, "true", SQL_VARCHAR, SQL_C_CHAR},
        {RS_V_TIMESTAMP, "2024-05-06T07:08:09.123456Z", SQL_TYPE_TIMESTAMP, SQL_C_CHAR},
        {RS_V_TIMESTAMP, "2024-05-06T07:08:09.123456Z", SQL_TYPE_TIMESTAMP, SQL_C_WCHAR},
        {RS_V_TIMESTAMP, "2024-05-06T07:08:09.123456Z", SQL_TYPE_TIMESTAMP,
         SQL_C_TYPE_TIMESTAMP},
        {RS_V_DATE, "2024-05-06", SQL_TYPE_DATE, SQL_C_TYPE_DATE},
        {RS_V_DATE, "2024-05-06", SQL_TYPE_DATE, SQL_C_TYPE_TIMESTAMP},
        {RS_V_TIME, "07:08:09", SQL_TYPE_TIME, SQL_C_CHAR},
        {RS_V_OBJECT, "{\"a\":[1,2]}", SQL_VARCHAR, SQL_C_CHAR},
        {RS_V_NULL, NULL, SQL_BIGINT, SQL_C_SLONG},
        {RS_V_ABSENT, NULL, SQL_VARCHAR, SQL_C_CHAR},
    };
    for (size_t i = 0; i < sizeof fast / sizeof fast[0]; i++) {
        rs_cell cell = tc_cell(fast[i].kind, fast[i].text);
        int took = tp_compare(&cell, fast[i].sql, fast[i].c, 64, 1, 0);
        if (!took)
            fprintf(stderr, "\n  not fast: '%s' sql %d c %d\n",
                    fast[i].text ? fast[i].text : "(null)", fast[i].sql, fast[i].c);
        CU_ASSERT(took);
    }
}

/* Many doubles printed at every precision: the fast number path rounds as strtod does. */
static void test_plan_doubles(void)
{
    char text[64];
    unsigned long long x = 88172645463325252ULL;
    for (int i = 0; i < 20000; i++) {
        double d;
        rs_cell cell;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        memcpy(&d, &x, sizeof d);
        if (d != d || d - d != 0)
            continue; /* NaN and infinities are never number text */
        if (i % 3 == 0)
            snprintf(text, sizeof text, "%.17g", d);
        else if (i % 3 == 1)
            snprintf(text, sizeof text, "%.*g", 1 + i % 17, d);
        else
            snprintf(text, sizeof text, "%.*e", i % 17, d);
        cell = tc_cell(strchr(text, '.') || strchr(text, 'e') ? RS_V_FLOAT : RS_V_INT, text);
        tp_compare(&cell, SQL_DOUBLE, SQL_C_DOUBLE, 0, 1, 0);
        tp_compare(&cell, SQL_DOUBLE, SQL_C_FLOAT, 0, 1, 0);
        snprintf(text, sizeof text, "%d.%0*d", (int)(x % 100000), 1 + i % 9,
                 (int)((x >> 20) % 1000000000));
        cell = tc_cell(RS_V_FLOAT, text);
        tp_compare(&cell, SQL_DOUBLE, SQL_C_DOUBLE, 0, 1, 0);
    }
}

int main(void)
{
    static const cu_case cases[] = {
        {"plan matches the general path", test_plan_matches_general},
        {"multibyte text cut at every length", test_plan_multibyte_every_cut},
        {"fast paths are taken", test_plan_fast_paths_taken},
        {"doubles round as strtod", test_plan_doubles},
        {NULL, NULL},
    };
    return cu_run("convert_plan", cases);
}
