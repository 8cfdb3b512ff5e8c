/* SPDX-License-Identifier: Apache-2.0 */
/* The value model (server/sql/sql_value.h) on its own: representation, names, JSON in,
 * comparison, arithmetic and casts, through SQL on an in-memory database so that values
 * are real sqlite3_values. */
#include "server/sql/sql_value.h"
#include "tests/cunit_main.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3 *db;

/* The first column of sql as "type:text" (rs_typeof and the text SQLite gives), or
 * "error:<message>". */
static char *one(const char *sql)
{
    sqlite3_stmt *st = NULL;
    char *out = NULL;
    char q[512];
    snprintf(q, sizeof q, "SELECT rs_typeof(x), CAST(x AS TEXT) FROM (SELECT %s AS x)", sql);
    if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "prepare %s: %s\n", q, sqlite3_errmsg(db));
        return strdup("prepare-error");
    }
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        const char *v = (const char *)sqlite3_column_text(st, 1);
        size_t n = strlen(t) + (v ? strlen(v) : 4) + 2;
        out = malloc(n);
        snprintf(out, n, "%s:%s", t, v ? v : "NULL");
        /* tags are control bytes: show them as '#' */
        for (char *p = out; *p; p++)
            if ((unsigned char)*p < 0x20)
                *p = '#';
    } else {
        const char *m = sqlite3_errmsg(db);
        out = malloc(strlen(m) + 8);
        sprintf(out, "error:%s", m);
    }
    sqlite3_finalize(st);
    return out;
}

static void check(const char *sql, const char *want)
{
    char *got = one(sql);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "\n  %s\n  want %s\n  got  %s\n", sql, want, got);
    CU_ASSERT_STRING_EQUAL(got, want);
    free(got);
}

static void test_names(void)
{
    sql_vt t;
    for (int i = 0; i < SQL_VT_COUNT; i++) {
        CU_ASSERT_EQUAL(sql_vt_from_name(sql_vt_name((sql_vt)i), &t), 0);
        CU_ASSERT_EQUAL(t, (sql_vt)i);
    }
    CU_ASSERT_EQUAL(sql_vt_from_name("INTEGER", &t), 0);
    CU_ASSERT_EQUAL(t, SQL_VT_INT);
    CU_ASSERT_EQUAL(sql_vt_from_name("varchar", &t), 0);
    CU_ASSERT_EQUAL(t, SQL_VT_STRING);
    CU_ASSERT_EQUAL(sql_vt_from_name("nope", &t), -1);
    CU_ASSERT_STRING_EQUAL(sql_vt_wrapper_tag(SQL_VT_DATE), "DATE");
    CU_ASSERT_PTR_NULL(sql_vt_wrapper_tag(SQL_VT_TIMESTAMP));
}

/* No tag is '0', '1', a digit or SQLite whitespace, and tags are distinct. */
static void test_tags(void)
{
    int seen[256] = { 0 };
    for (int i = 0; i < SQL_VT_COUNT; i++) {
        int tag = sql_vt_tag((sql_vt)i);
        if (tag < 0)
            continue;
        CU_ASSERT_FALSE(tag >= '0' && tag <= '9');
        CU_ASSERT_FALSE(tag == ' ' || (tag >= 0x09 && tag <= 0x0d));
        CU_ASSERT_FALSE(seen[tag]);
        seen[tag] = 1;
        CU_ASSERT_EQUAL(sql_vt_of_tag((unsigned char)tag), (sql_vt)i);
    }
    const unsigned char t[] = "1", f[] = "0", d[] = "\x02" "2020-01-01", raw[] = "\xff\x01";
    const unsigned char *p;
    size_t n;
    CU_ASSERT_EQUAL(sql_vt_of_blob(t, 1, &p, &n), SQL_VT_BOOL);
    CU_ASSERT_EQUAL(sql_vt_of_blob(f, 1, &p, &n), SQL_VT_BOOL);
    CU_ASSERT_EQUAL(sql_vt_of_blob(d, 11, &p, &n), SQL_VT_DATE);
    CU_ASSERT_EQUAL(n, 10);
    CU_ASSERT_EQUAL(sql_vt_of_blob(raw, 2, &p, &n), SQL_VT_BYTES);
    CU_ASSERT_EQUAL(n, 2);                 /* a foreign blob is bytes, whole */
}

static void test_intervals(void)
{
    unsigned char a[9], b[9];
    sql_value_pack_interval(SQL_VT_MICROSECOND_INTERVAL, -5, a);
    sql_value_pack_interval(SQL_VT_MICROSECOND_INTERVAL, 3, b);
    CU_ASSERT_TRUE(memcmp(a, b, 9) < 0);   /* order-preserving */
    sql_value_pack_interval(SQL_VT_MICROSECOND_INTERVAL, 1LL << 40, a);
    CU_ASSERT_TRUE(memcmp(b, a, 9) < 0);
}

static void test_json_in(void)
{
    check("rs_jv('12')", "int:12");
    check("rs_jv('2.0')", "float:2.0");
    check("rs_jv('99999999999999999999')", "float:1.0e+20");
    check("rs_jv('\"a\\\"b\"')", "string:a\"b");
    check("rs_jv('true')", "bool:1");
    check("rs_jv('false')", "bool:0");
    check("rs_jv('null')", "null:NULL");
    check("rs_jv(NULL)", "null:NULL");
    check("rs_jv('[1,2]')", "array:#[1,2]");
    check("rs_jv('{\"a\":1}')", "object:#{\"a\":1}");
    check("rs_jv('{\"__rockset_type\":\"DATE\",\"value\":\"2020-03-02\"}')", "date:#2020-03-02");
    check("rs_jv('{\"__rockset_type\":\"time\",\"value\":\"08:08:28.000000\"}')",
          "time:#08:08:28");
    check("rs_jv('{\"__rockset_type\":\"timestamp\",\"value\":\"2020-01-01T00:00:00Z\"}')",
          "timestamp:#2020-01-01T00:00:00.000000Z");
    check("rs_jv('{\"__rockset_type\":\"bytes\",\"value\":\"aGk=\"}')", "bytes:#hi");
    check("rs_cast(rs_jv('{\"__rockset_type\":\"u256\",\"value\":\"10\"}'), 'string', 0)",
          "string:10");
    check("rs_typeof(rs_jv('{\"__rockset_type\":\"microsecond_interval\",\"value\":5}'))",
          "string:microsecond_interval");
    check("rs_jv('{\"__rockset_type\":\"date\",\"value\":\"nope\"}')",
          "error:A stored value does not parse as its __rockset_type");
    check("rs_je(1, 'true')", "bool:1");
    check("rs_je('{\"a\":[]}', 'object')", "object:#{\"a\":[]}");
    check("rs_json(rs_jv('[1]'))", "string:[1]");
}

static void test_compare(void)
{
    check("rs_eq(1, '1')", "null:NULL");
    check("rs_eq(1, 1.0)", "bool:1");
    check("rs_lt(9007199254740993, 9007199254740992.0)", "bool:0");
    check("rs_gt('b', 'a')", "bool:1");
    check("rs_eq(rs_jv('true'), rs_jv('true'))", "bool:1");
    check("rs_lt(rs_jv('false'), rs_jv('true'))", "bool:1");
    check("rs_eq(rs_jv('true'), 1)", "null:NULL");
    check("rs_lt(rs_cast('10:00:00', 'time', 0), rs_cast('10:00:00.5', 'time', 0))", "bool:1");
    check("rs_eq(rs_cast('2020-01-01', 'date', 0), rs_cast('2020-01-01', 'datetime', 0))",
          "null:NULL");
    check("rs_ne(NULL, 1)", "null:NULL");
}

static void test_arith(void)
{
    check("rs_add(1, 2)", "int:3");
    check("rs_add(1, 2.5)", "float:3.5");
    check("rs_div(7, 2)", "int:3");
    check("rs_div(7, 0)", "error:Division by zero");
    check("rs_add(9223372036854775807, 1)", "error:Integer overflow");
    check("rs_neg(-3)", "int:3");
    check("rs_add('hello', 1)", "error:Operator `+` is not defined for types string and int");
    check("rs_add(NULL, 'x')", "null:NULL");
    check("rs_add(rs_cast('2021-01-31', 'date', 0), rs_jv('{\"__rockset_type\":"
          "\"month_interval\",\"value\":1}'))", "date:#2021-02-28");
    check("rs_typeof(rs_sub(rs_cast('2021-01-02T00:00:00Z', 'timestamp', 0), "
          "rs_cast('2021-01-01T00:00:00Z', 'timestamp', 0)))", "string:microsecond_interval");
    check("rs_add(rs_cast('2021-01-01T00:00:00', 'datetime', 0), 'hello')",
          "error:Operator `+` is not defined for types datetime and string");
    check("rs_concat('a', 'b')", "string:ab");
    check("rs_concat('a', 1)", "error:Operator `||` is not defined for types string and int");
}

static void test_casts(void)
{
    check("rs_cast(rs_jv('true'), 'string', 0)", "string:true");
    check("rs_cast(2.0, 'string', 0)", "string:2.0");
    check("rs_cast('12', 'int', 0)", "int:12");
    check("rs_cast('x', 'int', 0)", "error:Cannot cast value of type string to int");
    check("rs_cast('x', 'int', 1)", "null:NULL");
    check("rs_cast('TRUE', 'bool', 0)", "bool:1");
    check("rs_cast(rs_jv('true'), 'int', 0)", "int:1");
    check("rs_cast('2021-01-10 10:11:12', 'datetime', 0)", "datetime:#2021-01-10T10:11:12");
    check("rs_cast(rs_cast('2021-01-10T10:11:12Z', 'timestamp', 0), 'date', 0)",
          "date:#2021-01-10");
    check("rs_length('héllo')", "int:5");
    check("rs_length(rs_jv('[1,[2,3],{\"a\":\",\"}]'))", "int:3");
    check("rs_length(rs_jv('[]'))", "int:0");
    check("rs_length(rs_jv('{\"a\":1,\"b\":2}'))", "int:2");
    check("rs_typeof(NULL, NULL)", "string:undefined");
    check("rs_typeof(NULL, 'null')", "string:null");
    check("rs_is_undefined(NULL, 'null')", "bool:0");
}

static void test_u256(void)
{
    unsigned char *b = NULL;
    size_t n = 0;
    char text[80];
    const char *big = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
    CU_ASSERT_EQUAL(sql_value_from_text(SQL_VT_U256, big, strlen(big), &b, &n), 0);
    CU_ASSERT_EQUAL(n, 33);
    sql_value_u256_text(b + 1, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, big);
    sqlite3_free(b);
    CU_ASSERT_EQUAL(sql_value_from_text(SQL_VT_U256, "1157920892373161954235709850086879078532699846656405640394575840079131296399350", 79, &b, &n), -1);
    char b64[16];
    sql_value_base64((const unsigned char *)"hi", 2, b64);
    CU_ASSERT_STRING_EQUAL(b64, "aGk=");
}

/* rs_field and rs_field_type (the collection's field columns) answer as rs_jv(doc -> path)
 * and json_type(doc, path), which they replace, on documents SQLite renders compactly (what
 * the store keeps) and on spaced ones. */
static void test_fields(void)
{
    static const char *const docs[] = {
        "{\"a\":1,\"b\":\"x\",\"c\":true,\"d\":null,\"e\":{\"f\":[1,\"]}\"]},\"g\":[]}",
        "{ \"a\" : -1.5e3 , \"b\" : \"q\\\"}\" , \"e\" : { \"f\" : [ 1 , { } ] , \"s\": \"a b\" } }",
        "{\"a\":12345678901234567890,\"a\":2,\"c\":false,\"g\":[{\"a\":3}],\"h\":1E2}",
        "{\"b\":{\"__rockset_type\":\"date\",\"value\":\"2024-01-02\"},\"\\u0061\":5}",
        "{}", "{\"e\":{}}", "{\"n\":\"\",\"h\":0.0}",
    };
    static const char *const keys[] = { "a", "b", "c", "d", "e", "g", "h", "n", "s", "f" };
    char sql[640];
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++)
        for (size_t j = 0; j < sizeof keys / sizeof keys[0]; j++) {
            sqlite3_stmt *st = NULL;
            snprintf(sql, sizeof sql,
                     "SELECT rs_field(?1, ?2) IS rs_jv(?1 -> ('$.\"' || ?2 || '\"'))"
                     " AND rs_typeof(rs_field(?1, ?2)) = rs_typeof(rs_jv(?1 -> ('$.\"' || ?2"
                     " || '\"'))) AND rs_field_type(?1, ?2) IS json_type(?1, '$.\"' || ?2 || '\"')");
            CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
            sqlite3_bind_text(st, 1, docs[i], -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, keys[j], -1, SQLITE_STATIC);
            int ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
            if (!ok)
                fprintf(stderr, "\n  rs_field(%s, %s) differs\n", docs[i], keys[j]);
            CU_ASSERT(ok);
            sqlite3_finalize(st);
        }
    check("rs_field('{\"e\": { \"f\" : [1, 2] }}', 'e')", "object:#{\"f\":[1,2]}");
    check("rs_field('{\"a\":1,\"b\":', 'b')", "error:malformed JSON");
    check("rs_field_type('{\"a\" 1}', 'a')", "error:malformed JSON");
    check("rs_field_type('[1]', 'a')", "null:NULL");
    check("rs_field(NULL, 'a')", "null:NULL");
    /* ints of up to 18 digits skip strtoll: its answers at the edges */
    check("rs_field('{\"a\":123456789012345678}', 'a')", "int:123456789012345678");
    check("rs_field('{\"a\":-1234567890123456789}', 'a')", "int:-1234567890123456789");
    check("rs_field('{\"a\":-9223372036854775808}', 'a')", "int:-9223372036854775808");
    check("rs_field('{\"a\":9223372036854775808}', 'a')", "float:9.22337203685478e+18");
    check("rs_field('{\"a\":-0}', 'a')", "int:0");
}

/* Many look-ups of one document in one row, as a SELECT list of fields makes them: the kept
 * document answers from the member after the last one found first, and must still answer a
 * repeated key with its first member (here 'a' asked right after 'b', whose next member is
 * the second 'a'). */
static void test_fields_row(void)
{
    static const char *const docs[] = {
        "{\"a\":1,\"b\":2,\"a\":3}", "{\"b\":1,\"a\":2,\"c\":3,\"a\":4,\"b\":5}",
        "{\"c\":true,\"a\":null,\"b\":\"x\",\"d\":{\"a\":1}}", "{\"a\":1}",
    };
    /* members scanned as the look-ups go (first: a document the connection has not kept
     * yet), then all scanned first (z is absent) */
    static const char *const seqs[] = { "bbaacdab", "zzbacbaddcab" };
    for (size_t i = 0; i < 2 * sizeof docs / sizeof docs[0]; i++) {
        const char *seq = seqs[i % 2], *doc = docs[i / 2];
        /* the document read from a row (with ?1 itself SQLite would call each distinct
         * look-up once, before the row), each comparison a column: they run in order */
        char sql[4096] = "WITH t(d) AS MATERIALIZED (SELECT ?1) SELECT 1";
        size_t len = strlen(sql);
        for (const char *k = seq; *k; k++)
            len += (size_t)snprintf(sql + len, sizeof sql - len,
                                    ", rs_field(d, '%c') IS rs_jv(d -> '$.%c')"
                                    ", rs_field_type(d, '%c') IS json_type(d, '$.%c')",
                                    *k, *k, *k, *k);
        len += (size_t)snprintf(sql + len, sizeof sql - len, " FROM t");
        CU_ASSERT_FATAL(len < sizeof sql);
        sqlite3_stmt *st = NULL;
        CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
        sqlite3_bind_text(st, 1, doc, -1, SQLITE_STATIC);
        int ok = sqlite3_step(st) == SQLITE_ROW;
        for (int c = 1; ok && c < sqlite3_column_count(st); c++)
            ok = sqlite3_column_int(st, c) == 1;
        if (!ok)
            fprintf(stderr, "\n  a field of %s differs (%s)\n", doc, seq);
        CU_ASSERT(ok);
        sqlite3_finalize(st);
    }
    check("(SELECT coalesce(rs_field(d, 'z'), '') || coalesce(rs_field(d, 'z'), '') ||"
          " rs_field(d, 'b') || rs_field(d, 'a') FROM"
          " (SELECT '{\"a\":1,\"b\":2,\"a\":3}' AS d))", "string:21");
}

/* A float field's text read as strtod reads it, bit for bit: the fast path for short
 * decimals (sql_value.c json_fast_double) and strtod beyond it, on random decimals around
 * the fast path's limits (15 significant digits, exponents to +-22) and past them. */
static void test_float_text_read(void)
{
    sqlite3_stmt *st = NULL;
    char num[64], doc[96];
    unsigned seed = 12345;
    int bad = 0;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, "SELECT rs_field(?1, 'a')", -1, &st, NULL),
                          SQLITE_OK);
    for (int i = 0; i < 20000 && bad < 5; i++) {
        int len = 0, nd = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 18;
        int dot = (int)((seed = seed * 1103515245u + 12345u) >> 16) % (nd + 1);
        int ex = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 61 - 30;
        if (seed & 0x100)
            num[len++] = '-';
        for (int k = 0; k < nd; k++) {
            if (k == dot && k > 0)
                num[len++] = '.';
            seed = seed * 1103515245u + 12345u;
            num[len++] = (char)('0' + (k == 0 && nd > 1 ? 1 + (seed >> 16) % 9 : (seed >> 16) % 10));
        }
        len += snprintf(num + len, sizeof num - (size_t)len, (seed & 0x200) ? "e%d" : ".5e%d", ex);
        snprintf(doc, sizeof doc, "{\"a\":%s}", num);
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, doc, -1, SQLITE_TRANSIENT);
        double want = strtod(num, NULL), got = 0;
        int ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_FLOAT;
        got = ok ? sqlite3_column_double(st, 0) : 0;
        if (!ok || memcmp(&got, &want, sizeof got) != 0) {
            fprintf(stderr, "\n  %s: got %.17g want %.17g\n", num, got, want);
            bad++;
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, "{\"a\":-0.0}", -1, SQLITE_STATIC);
    CU_ASSERT(sqlite3_step(st) == SQLITE_ROW && signbit(sqlite3_column_double(st, 0)));
    sqlite3_finalize(st);
}

int main(void)
{
    static const cu_case cases[] = {
        {"names", test_names}, {"tags", test_tags}, {"intervals", test_intervals},
        {"json in", test_json_in}, {"compare", test_compare}, {"arith", test_arith},
        {"casts", test_casts}, {"u256", test_u256}, {"fields", test_fields},
        {"fields of a row", test_fields_row}, {"float text read", test_float_text_read},
        {NULL, NULL},
    };
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        return CU_MAIN_HARD_ERROR;
    srv_sql_register_functions(db);
    int rc = cu_run("sql_value", cases);
    sqlite3_close(db);
    return rc;
}
