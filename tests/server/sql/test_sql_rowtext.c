/* SPDX-License-Identifier: Apache-2.0 */
/* What rockset-local does for every row it serves, against the implementations it replaced
 * (kept here only): the shortest float text (sql_float_text.c) against printf + strtod, the
 * timestamp text against gmtime_r + snprintf, and the field look-ups that share one scan of
 * a stored document (sql_fn_field.c) against fresh look-ups, across rows, documents that
 * look alike, joins and malformed tails. RS_ROWTEXT_SAMPLES sets the random sample size
 * (default 300,000 per kind; 4,000,000 passed when these were written, in 50 s). */
#include "server/sql/sql_float_text.h"
#include "server/sql/sql_functions.h"
#include "server/sql/sql_value.h"
#include "tests/cunit_main.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static sqlite3 *db;
static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static long samples(void)
{
    const char *s = getenv("RS_ROWTEXT_SAMPLES");
    return s && atol(s) > 0 ? atol(s) : 300000;
}

/* The rule before sql_float_text: %.15g, strtod to check, %.17g on failure, ".0". */
static void old_float_text(double d, char *buf, size_t n)
{
    snprintf(buf, n, "%.15g", d);
    if (strtod(buf, NULL) != d)
        snprintf(buf, n, "%.17g", d);
    if (isfinite(d) && !strpbrk(buf, ".eE"))
        strncat(buf, ".0", n - strlen(buf) - 1);
}

/* The fewest significant digits printf needs for d to read back (1..17). */
static int printf_digits(double d)
{
    int lo = 1, hi = 17;
    char b[48];
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        snprintf(b, sizeof b, "%.*e", mid - 1, d);
        if (strtod(b, NULL) == d)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Significant digits of a text: the mantissa without sign, point, leading/trailing zeros. */
static int text_digits(const char *s)
{
    const char *e = strpbrk(s, "eE"), *end = e ? e : s + strlen(s);
    const char *p = s;
    while (p < end && (*p == '-' || *p == '0' || *p == '.'))
        p++;
    int n = 0, zeros = 0;
    for (; p < end; p++) {
        if (*p == '.')
            continue;
        if (*p == '0') {
            zeros++;
        } else {
            n += zeros + 1;
            zeros = 0;
        }
    }
    return n;
}

static int float_ok(double d)
{
    char got[SQL_FLOAT_TEXT_MAX], old[48];
    size_t len = sql_float_text(d, got);
    old_float_text(d, old, sizeof old);
    int nd = text_digits(got);
    int ok = len == strlen(got) && strtod(got, NULL) == d && signbit(strtod(got, NULL)) ==
             signbit(d) && len <= strlen(old) && nd <= printf_digits(d);
    /* printf's answer wherever it was the shortest: 15 digits or fewer of a normal double
     * (%.15g rounds to them), or 17 (%.17g); a 16-digit text or a subnormal's is shorter */
    if (d == 0 || ((nd <= 15 && fabs(d) >= DBL_MIN) || nd == 17))
        ok = ok && strcmp(got, old) == 0;
    if (!ok)
        fprintf(stderr, "\n  %a: got %s, printf %s (%d digits)\n", d, got, old, printf_digits(d));
    return ok;
}

static void test_float_fixed(void)
{
    static const struct { double d; const char *want; } cases[] = {
        { 2.0, "2.0" }, { -0.0, "-0.0" }, { 0.0, "0.0" }, { 0.1, "0.1" }, { 1e15, "1e+15" },
        { 1e14, "100000000000000.0" }, { 123456789012345.0, "123456789012345.0" },
        { 1e-5, "1e-05" }, { 0.0001, "0.0001" }, { 1.5e-7, "1.5e-07" }, { 1e100, "1e+100" },
        { 5e-324, "5e-324" }, { 1e-323, "1e-323" }, { 4.4e-323, "4.4e-323" },
        { DBL_MAX, "1.7976931348623157e+308" }, { DBL_MIN, "2.2250738585072014e-308" },
        { 0.30000000000000004, "0.30000000000000004" }, { 9007199254740993.0, "9007199254740992.0" },
        { 12345678901234567.0, "12345678901234568.0" }, { 1.2345678901234567e17, "1.2345678901234566e+17" },
        /* 16 digits: printf wrote 17 (0.79999999999999993) */
        { 0.7999999999999999, "0.7999999999999999" }, { -2.5, "-2.5" }, { 1e16, "1e+16" },
    };
    char got[SQL_FLOAT_TEXT_MAX], via[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sql_float_text(cases[i].d, got);
        if (strcmp(got, cases[i].want) != 0)
            fprintf(stderr, "\n  %a: want %s got %s\n", cases[i].d, cases[i].want, got);
        CU_ASSERT_STRING_EQUAL(got, cases[i].want);
        sql_value_float_text(cases[i].d, via, sizeof via);
        CU_ASSERT_STRING_EQUAL(via, cases[i].want);
    }
    sql_value_float_text(INFINITY, via, sizeof via);
    CU_ASSERT_STRING_EQUAL(via, "inf");
    sql_value_float_text(-1.5, via, 3);                /* truncated as snprintf did */
    CU_ASSERT_STRING_EQUAL(via, "-1");
    for (uint64_t t = 0; t < 5000; t++) {              /* the smallest subnormals */
        double d;
        memcpy(&d, &t, sizeof d);
        CU_ASSERT(float_ok(d));
    }
}

/* Random bit patterns, and decimal-looking values (few digits, any exponent). */
static void test_float_random(void)
{
    long n = samples(), bad = 0;
    for (long i = 0; i < n && bad < 10; i++) {
        uint64_t b = next_rand();
        double d;
        if (i % 2 == 0) {
            memcpy(&d, &b, sizeof d);
            if (!isfinite(d))
                continue;
        } else {
            char t[48];
            snprintf(t, sizeof t, "%.*fe%d", (int)(b % 8), (double)(b >> 40 & 0xffffff) / 1000.0,
                     (int)(b >> 16 & 0x3ff) % 600 - 300);
            d = strtod(t, NULL);
            if (b & 1)
                d = -d;
        }
        if (!float_ok(d))
            bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void old_timestamp(long long micros, char *out, size_t outlen)
{
    long long secs = micros / 1000000, us = micros % 1000000;
    if (us < 0) {
        us += 1000000;
        secs--;
    }
    time_t t = (time_t)secs;
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(out, outlen, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, us);
}

static int ts_ok(long long us)
{
    char got[40], want[80];
    sql_format_timestamp(us, got, sizeof got);
    old_timestamp(us, want, sizeof want);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "\n  %lld: got %s want %s\n", us, got, want);
    return strcmp(got, want) == 0;
}

static void test_timestamps(void)
{
    /* years 1 and 9999 (Rockset's range), the epoch, leap days, both sides of zero */
    static const long long edges[] = { -62135596800000000LL, 253402300799999999LL, 0, -1, 1,
                                       951782400000000LL, 951868799999999LL, 4107542400000000LL,
                                       -2203891200000000LL, 1709164800123456LL, -86400000001LL };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
        CU_ASSERT(ts_ok(edges[i]));
    const long long lo = -62135596800000000LL, span = 253402300799999999LL - lo;
    long n = samples(), bad = 0;
    for (long i = 0; i < n && bad < 10; i++)
        if (!ts_ok(lo + (long long)(next_rand() % (uint64_t)span)))
            bad++;
    CU_ASSERT_EQUAL(bad, 0);
    char small[8];
    sql_format_timestamp(0, small, sizeof small);      /* short buffers truncate as before */
    CU_ASSERT_STRING_EQUAL(small, "1970-01");
}

/* sql_parse_timestamp's arithmetic against timegm, which it replaced: any field in range,
 * days past a month's end (timegm runs them on), offsets. */
static void test_timestamp_parse(void)
{
    long n = samples() / 4, bad = 0;
    for (long i = 0; i < n && bad < 10; i++) {
        uint64_t r = next_rand();
        int Y = (int)(r % 10000), M = 1 + (int)(r >> 14 & 0xff) % 12, D = 1 + (int)(r >> 22 & 0xff) % 31;
        int h = (int)(r >> 30 & 0xff) % 24, mi = (int)(r >> 38 & 0xff) % 60;
        int sec = (int)(r >> 46 & 0xff) % 61, oh = (int)(r >> 54 & 0xf) % 15;
        char text[64];
        snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%06d%s%02d:30", Y, M, D, h, mi,
                 sec, (int)(r % 1000000), r >> 63 ? "+" : "-", oh);
        struct tm tm = { 0 };
        tm.tm_year = Y - 1900, tm.tm_mon = M - 1, tm.tm_mday = D;
        tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = sec;
        long long off = (r >> 63 ? 1 : -1) * (oh * 3600LL + 1800);
        long long want = ((long long)timegm(&tm) - off) * 1000000LL + (long long)(r % 1000000), got;
        if (sql_parse_timestamp(text, &got) != 0 || got != want) {
            fprintf(stderr, "\n  %s: got %lld want %lld\n", text, got, want);
            bad++;
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
}

/* Each row of sql against want (rows joined by '|', columns by ','). */
static void rows_are(const char *sql, const char *want)
{
    sqlite3_stmt *st = NULL;
    char got[4096] = "";
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (got[0])
            strcat(got, "|");
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            const char *v = (const char *)sqlite3_column_text(st, i);
            if (i)
                strcat(got, ",");
            strncat(got, v ? v : "N", sizeof got - strlen(got) - 1);
        }
        for (char *p = got; *p; p++)
            if ((unsigned char)*p < 0x20)
                *p = '#';                            /* a tagged value's tag */
    }
    if (strcmp(got, want) != 0)
        fprintf(stderr, "\n  %s\n  want %s\n  got  %s (%s)\n", sql, want, got, sqlite3_errmsg(db));
    CU_ASSERT_STRING_EQUAL(got, want);
    sqlite3_finalize(st);
}

static void test_fields_shared(void)
{
    CU_ASSERT_EQUAL_FATAL(sqlite3_exec(db,
        "CREATE TABLE d(id INTEGER PRIMARY KEY, doc TEXT);"
        "INSERT INTO d(doc) VALUES"
        " ('{\"a\":1,\"b\":2,\"c\":3}'), ('{\"a\":4,\"b\":5,\"c\":6}'),"  /* same length */
        " ('{\"a\":4,\"b\":5,\"c\":6}'),"                                  /* same text */
        " ('{\"c\":9,\"a\":7}'), ('{\"a\":1,\"a\":2,\"b\":\"x\"}'),"       /* first a wins */
        " ('{\"a\\\"b\":8,\"a\":0}'), ('[1,2]'), ('{\"a\":1,\"b\":2 x'),"
        " ('{ \"b\" : [ 1 , 2 ] , \"a\" : { \"k\" : \"v w\" } }');",
        NULL, NULL, NULL), SQLITE_OK);
    /* c first (scans to the end or to the malformed tail), then b and a from the members */
    /* (a TRY variant's error is null once TRY's end maps it: sql_fn_reg.h) */
    rows_are("SELECT id, rs_try_end(rs_try_mark(), rs_try_rs_field(doc, 'c')), rs_field(doc, 'b'),"
             " rs_field_type(doc, 'b'), rs_json(rs_field(doc, 'a')), rs_field(doc, 'a'),"
             " rs_try_end(rs_try_mark(), rs_try_rs_field_type(doc, 'z'))"
             " FROM d ORDER BY id",
             "1,3,2,integer,N,1,N|2,6,5,integer,N,4,N|3,6,5,integer,N,4,N|4,9,N,N,N,7,N|"
             "5,N,x,text,N,1,N|6,N,N,N,N,0,N|7,N,N,N,N,N,N|8,N,2,integer,N,1,N|"
             "9,N,#[1,2],array,{\"k\":\"v w\"},#{\"k\":\"v w\"},N");
    rows_are("SELECT rs_field(doc, 'a\\\"b') FROM d WHERE id = 6", "8");
    rows_are("SELECT rs_try_end(rs_try_mark(), rs_try_rs_field(doc, 'z')) IS NULL,"
             " rs_field(doc, 'b') FROM d WHERE id = 8",
             "1,2");
    /* six documents per row, more than the cache's slots, in turn */
    rows_are("SELECT d1.id, rs_field(d1.doc, 'a') + rs_field(d2.doc, 'b') + rs_field(d3.doc, 'c')"
             " + rs_field(d4.doc, 'a') + rs_field(d5.doc, 'b') + rs_field(d6.doc, 'c'),"
             " rs_field(d1.doc, 'c') FROM d d1, d d2, d d3, d d4, d d5, d d6"
             " WHERE d1.id = d2.id - 1 AND d3.id = d1.id AND d4.id = d2.id AND d5.id = d1.id"
             " AND d6.id = d2.id AND d1.id < 3 ORDER BY d1.id",
             "1,21,3|2,30,6");
    /* a document of a megabyte, then small ones: the same answers */
    size_t big = 1 << 20;
    char *doc = malloc(big + 64);
    CU_ASSERT_FATAL(doc != NULL);
    strcpy(doc, "{\"pad\":\"");
    memset(doc + 8, 'p', big);
    strcpy(doc + 8 + big, "\",\"a\":42}");
    sqlite3_stmt *st = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, "INSERT INTO d(doc) VALUES (?1)", -1, &st, NULL),
                          SQLITE_OK);
    sqlite3_bind_text(st, 1, doc, -1, SQLITE_STATIC);
    CU_ASSERT_EQUAL(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    free(doc);
    rows_are("SELECT rs_field(doc, 'a'), rs_field_type(doc, 'pad') FROM d WHERE id IN (1, 10, 2)"
             " ORDER BY id", "1,N|4,N|42,text");
}

/* A wrapper as the store writes it (read without cJSON) answers as the same wrapper spaced
 * out (read with cJSON). */
static void test_wrappers(void)
{
    static const char *const w[][2] = {
        { "timestamp", "2024-02-29T01:02:03.000004Z" }, { "date", "2024-01-02" },
        { "time", "12:34:56.5" }, { "datetime", "2024-01-02T03:04:05" },
        { "timestamp", "not a time" }, { "nosuchtype", "x" }, { "string", "s" },
        { "int", "12" }, { "TIMESTAMP", "2024-01-01T00:00:00Z" }, { "date", "2024-13-01" },
    };
    char sql[600];
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
        snprintf(sql, sizeof sql,
                 "SELECT rs_typeof(rs_try_end(rs_try_mark(), rs_try_rs_jv('{\"__rockset_type\":"
                 "\"%s\",\"value\":\"%s\"}'))), CAST(rs_try_end(rs_try_mark(), rs_try_rs_jv("
                 "'{\"__rockset_type\":\"%s\",\"value\":\"%s\"}')) AS TEXT) IS CAST(rs_try_end("
                 "rs_try_mark(), rs_try_rs_jv('{ \"__rockset_type\" : \"%s\", \"value\" : \"%s\" }'))"
                 " AS TEXT)", w[i][0], w[i][1], w[i][0], w[i][1], w[i][0], w[i][1]);
        char want[64];
        snprintf(want, sizeof want, "%s,1",
                 i < 4 ? w[i][0] : i == 6 ? "string" : i == 7 ? "int" : i == 8 ? "timestamp"
                                                                           : "null");
        rows_are(sql, want);
    }
}

int main(void)
{
    static const cu_case cases[] = {
        {"float fixed", test_float_fixed}, {"float random", test_float_random},
        {"timestamps", test_timestamps},
        {"timestamp parse", test_timestamp_parse}, {"fields shared", test_fields_shared},
        {"wrappers", test_wrappers}, {NULL, NULL},
    };
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        return CU_MAIN_HARD_ERROR;
    srv_sql_register_functions(db);
    int rc = cu_run("sql_rowtext", cases);
    sqlite3_close(db);
    return rc;
}
