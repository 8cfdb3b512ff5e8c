/* SPDX-License-Identifier: Apache-2.0 */
/* Rockset's arithmetic over the value model, and the SQL functions the translator emits for
 * it: rs_jv / rs_je / rs_json (values in and out of JSON), rs_eq ... rs_ge (comparison),
 * rs_add ... rs_neg, rs_concat (||), rs_cast, rs_typeof, rs_length, rs_is_undefined. */
#include "server/sql/sql_value.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const op_text[] = { "+", "-", "*", "/", "%", "-" };

static void type_error(sqlite3_context *c, sql_arith_op op, sql_vt a, sql_vt b)
{
    char msg[160];
    if (op == SQL_OP_NEG)
        snprintf(msg, sizeof msg, "Operator `-` is not defined for type %s", sql_vt_name(a));
    else
        snprintf(msg, sizeof msg, "Operator `%s` is not defined for types %s and %s",
                 op_text[op], sql_vt_name(a), sql_vt_name(b));
    sql_result_error(c, msg, -1);
}

static void int_arith(sqlite3_context *c, sql_arith_op op, long long x, long long y)
{
    long long r = 0;
    int ovf = 0;
    switch (op) {
    case SQL_OP_ADD: ovf = __builtin_add_overflow(x, y, &r); break;
    case SQL_OP_SUB: ovf = __builtin_sub_overflow(x, y, &r); break;
    case SQL_OP_MUL: ovf = __builtin_mul_overflow(x, y, &r); break;
    case SQL_OP_DIV: case SQL_OP_MOD:
        if (y == 0) {
            sql_result_error(c, "Division by zero", -1);
            return;
        }
        ovf = x == LLONG_MIN && y == -1;
        r = ovf ? 0 : op == SQL_OP_DIV ? x / y : x % y;
        break;
    case SQL_OP_NEG: ovf = x == LLONG_MIN; r = ovf ? 0 : -x; break;   /* -LLONG_MIN is UB */
    }
    if (ovf)
        sql_result_error(c, "Integer overflow", -1);
    else
        sqlite3_result_int64(c, r);
}

static void float_arith(sqlite3_context *c, sql_arith_op op, double x, double y)
{
    double r = 0;
    switch (op) {
    case SQL_OP_ADD: r = x + y; break;
    case SQL_OP_SUB: r = x - y; break;
    case SQL_OP_MUL: r = x * y; break;
    case SQL_OP_DIV: case SQL_OP_MOD:
        if (y == 0) {
            sql_result_error(c, "Division by zero", -1);
            return;
        }
        r = op == SQL_OP_DIV ? x / y : fmod(x, y);
        break;
    case SQL_OP_NEG: r = -x; break;
    }
    sqlite3_result_double(c, r);
}

/* temporal +/- interval (either order for +). Returns 0 when the pair is not one. */
static int temporal_arith(sqlite3_context *c, sql_arith_op op, sqlite3_value *a,
                          sqlite3_value *b)
{
    long long us, count;
    sql_tv k;
    sql_vt it;
    if (op == SQL_OP_ADD && sql_value_interval(a, &count, &it) == 0) {
        sqlite3_value *t = a;
        a = b, b = t;
    }
    if ((op != SQL_OP_ADD && op != SQL_OP_SUB) || sqlite3_value_type(a) != SQLITE_BLOB ||
        sql_value_tv(a, &us, &k) != 0)
        return 0;
    if (sql_value_interval(b, &count, &it) == 0) {
        if (op == SQL_OP_SUB) {
            if (count == LLONG_MIN)
                return sql_result_error(c, "Interval out of range", -1), 1;
            count = -count;
        }
        if (sql_tv_add(&us, count, it == SQL_VT_MONTH_INTERVAL, k) != 0)
            sql_result_error(c, "Date/time out of range (years 1 to 9999)", -1);
        else
            sql_value_result_tv(c, us, k);
        return 1;
    }
    long long us2;
    sql_tv k2;
    if (op == SQL_OP_SUB && sqlite3_value_type(b) == SQLITE_BLOB &&
        sql_value_tv(b, &us2, &k2) == 0 && k2 == k) {
        /* the difference of two values of one type is a microsecond interval */
        sql_value_result_interval(c, SQL_VT_MICROSECOND_INTERVAL, us - us2);
        return 1;
    }
    return 0;
}

/* interval +/- interval of one type, interval * int, int * interval, -interval. */
static int interval_arith(sqlite3_context *c, sql_arith_op op, sqlite3_value *a,
                          sqlite3_value *b)
{
    long long x, y, r;
    sql_vt ta, tb;
    int ia = sql_value_interval(a, &x, &ta) == 0;
    int ib = op != SQL_OP_NEG && sql_value_interval(b, &y, &tb) == 0;
    int ovf;
    if (op == SQL_OP_NEG && ia)
        ovf = __builtin_sub_overflow(0LL, x, &r);
    else if (ia && ib && ta == tb && (op == SQL_OP_ADD || op == SQL_OP_SUB))
        ovf = op == SQL_OP_ADD ? __builtin_add_overflow(x, y, &r)
                               : __builtin_sub_overflow(x, y, &r);
    else if (op == SQL_OP_MUL && ia && sqlite3_value_type(b) == SQLITE_INTEGER)
        ovf = __builtin_mul_overflow(x, (long long)sqlite3_value_int64(b), &r);
    else if (op == SQL_OP_MUL && ib && sqlite3_value_type(a) == SQLITE_INTEGER)
        ovf = __builtin_mul_overflow(y, (long long)sqlite3_value_int64(a), &r), ta = tb;
    else
        return 0;
    if (ovf)
        sql_result_error(c, "Interval out of range", -1);
    else
        sql_value_result_interval(c, ta, r);
    return 1;
}

void sql_value_arith(sqlite3_context *c, sql_arith_op op, sqlite3_value *a, sqlite3_value *b)
{
    sql_vt ta = sql_value_type(a), tb = op == SQL_OP_NEG ? SQL_VT_INT : sql_value_type(b);
    if (ta == SQL_VT_NULL || tb == SQL_VT_NULL)
        return;                                          /* SQL NULL result */
    int na = ta == SQL_VT_INT || ta == SQL_VT_FLOAT, nb = tb == SQL_VT_INT || tb == SQL_VT_FLOAT;
    if (na && nb) {
        if (ta == SQL_VT_INT && (op == SQL_OP_NEG || tb == SQL_VT_INT))
            int_arith(c, op, sqlite3_value_int64(a), op == SQL_OP_NEG ? 0 : sqlite3_value_int64(b));
        else
            float_arith(c, op, sqlite3_value_double(a),
                        op == SQL_OP_NEG ? 0 : sqlite3_value_double(b));
        return;
    }
    if (op != SQL_OP_NEG && temporal_arith(c, op, a, b))
        return;
    if (interval_arith(c, op, a, b))
        return;
    type_error(c, op, ta, tb);
}

/* ---- SQL functions ---- */

static void fn_jv(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    if (sqlite3_value_type(v[0]) == SQLITE_NULL)
        return;
    /* blob, not text: ->'s result is not NUL-terminated, and text would copy it to add one */
    const char *s = (const char *)sqlite3_value_blob(v[0]);
    sql_value_result_json(c, s ? s : "", (size_t)sqlite3_value_bytes(v[0]));
}

/* rs_je(value, type): a json_each element (value as json_each gives it, type its JSON type). */
static void fn_je(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *t = (const char *)sqlite3_value_text(v[1]);
    (void)n;
    if (!t || strcmp(t, "null") == 0)
        return;
    if (strcmp(t, "true") == 0 || strcmp(t, "false") == 0)
        sql_value_result_bool(c, t[0] == 't');
    else if (strcmp(t, "object") == 0 || strcmp(t, "array") == 0)
        sql_value_result_json(c, (const char *)sqlite3_value_text(v[0]),
                              (size_t)sqlite3_value_bytes(v[0]));
    else
        sqlite3_result_value(c, v[0]);
}

/* rs_json(x): the JSON text of an object or array (what SQLite's JSON functions read); a
 * string passes as it is (it may hold JSON); NULL for any other value. */
static void fn_json(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    sql_vt t = sql_value_type(v[0]);
    if (t == SQL_VT_STRING) {
        sqlite3_result_value(c, v[0]);
    } else if (t == SQL_VT_OBJECT || t == SQL_VT_ARRAY || t == SQL_VT_GEOGRAPHY) {
        size_t len;
        const unsigned char *p = sql_value_payload(v[0], &len);
        sqlite3_result_text64(c, (const char *)p, len, SQLITE_TRANSIENT, SQLITE_UTF8);
    }
}

/* rs_unnest(x): the JSON text of the array UNNEST(x) reads, NULL (no rows) for null or
 * undefined. Any other value is an error: json_each would read an object's members as if
 * they were elements, and fail on a string with SQLite's own "malformed JSON". */
static void fn_unnest(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    sql_vt t = sql_value_type(v[0]);
    if (t == SQL_VT_NULL || t == SQL_VT_UNDEFINED)
        return;
    if (t == SQL_VT_ARRAY) {
        size_t len;
        const unsigned char *p = sql_value_payload(v[0], &len);
        sqlite3_result_text64(c, (const char *)p, len, SQLITE_TRANSIENT, SQLITE_UTF8);
        return;
    }
    char msg[96];
    snprintf(msg, sizeof msg, "UNNEST expects an array, found a value of type %s",
             sql_vt_name(t));
    sql_result_error(c, msg, -1);
}

enum { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE };

static void fn_cmp(sqlite3_context *c, int n, sqlite3_value **v)
{
    int op = (int)(intptr_t)sql_fn_data(c), r;
    (void)n;
    if (sql_value_cmp(v[0], v[1], &r) != 0)
        return;
    int b = op == CMP_EQ ? r == 0 : op == CMP_NE ? r != 0 : op == CMP_LT ? r < 0
          : op == CMP_LE ? r <= 0 : op == CMP_GT ? r > 0 : r >= 0;
    sql_value_result_bool(c, b);
}

static void fn_arith(sqlite3_context *c, int n, sqlite3_value **v)
{
    sql_arith_op op = (sql_arith_op)(intptr_t)sql_fn_data(c);
    sql_value_arith(c, op, v[0], n > 1 ? v[1] : v[0]);
}

/* a || b: strings only, as Rockset types it. */
static void fn_concat_op(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    sql_vt a = sql_value_type(v[0]), b = sql_value_type(v[1]);
    if (a == SQL_VT_NULL || b == SQL_VT_NULL)
        return;
    if (a != SQL_VT_STRING || b != SQL_VT_STRING) {
        char msg[120];
        snprintf(msg, sizeof msg, "Operator `||` is not defined for types %s and %s",
                 sql_vt_name(a), sql_vt_name(b));
        sql_result_error(c, msg, -1);
        return;
    }
    size_t la = (size_t)sqlite3_value_bytes(v[0]), lb = (size_t)sqlite3_value_bytes(v[1]);
    char *r = sqlite3_malloc64(la + lb + 1);
    if (!r) {
        sqlite3_result_error_nomem(c);
        return;
    }
    memcpy(r, sqlite3_value_text(v[0]), la);
    memcpy(r + la, sqlite3_value_text(v[1]), lb);
    r[la + lb] = '\0';
    sqlite3_result_text64(c, r, la + lb, sqlite3_free, SQLITE_UTF8);
}

/* rs_typeof(x) or rs_typeof(x, companion): Rockset's type name. */
static void fn_typeof(sqlite3_context *c, int n, sqlite3_value **v)
{
    sql_vt t = n > 1 ? sql_value_type_comp(v[0], v[1]) : sql_value_type(v[0]);
    sqlite3_result_text(c, sql_vt_name(t), -1, SQLITE_STATIC);
}

/* rs_is_undefined(x, companion) */
static void fn_is_undefined(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    sql_value_result_bool(c, sql_value_type_comp(v[0], v[1]) == SQL_VT_UNDEFINED);
}

static long long utf8_chars(const unsigned char *s, size_t n)
{
    long long k = 0;
    for (size_t i = 0; i < n; i++)
        k += (s[i] & 0xC0) != 0x80;
    return k;
}

/* Elements of a JSON array or members of an object: the commas at its top level, plus one
 * unless it is empty (the text comes from SQLite's JSON functions, so it is valid JSON). */
static long long json_count(const unsigned char *p, size_t n)
{
    int depth = 0, in_str = 0;
    long long k = 0;
    size_t i = 1;
    while (i < n && (p[i] == ' ' || p[i] == '\n' || p[i] == '\t' || p[i] == '\r'))
        i++;
    if (i >= n || p[i] == ']' || p[i] == '}')
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char ch = p[i];
        if (in_str) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                in_str = 0;
        } else if (ch == '"') {
            in_str = 1;
        } else if (ch == '{' || ch == '[') {
            depth++;
        } else if (ch == '}' || ch == ']') {
            depth--;
        } else if (depth == 1 && ch == ',') {
            k++;
        }
    }
    return k + 1;
}

static void fn_length(sqlite3_context *c, int n, sqlite3_value **v)
{
    size_t len;
    const unsigned char *p = sql_value_payload(v[0], &len);
    (void)n;
    switch (sql_value_type(v[0])) {
    case SQL_VT_NULL: return;
    case SQL_VT_STRING:
        sqlite3_result_int64(c, utf8_chars(sqlite3_value_text(v[0]),
                                           (size_t)sqlite3_value_bytes(v[0])));
        return;
    case SQL_VT_ARRAY: case SQL_VT_OBJECT: sqlite3_result_int64(c, json_count(p, len)); return;
    case SQL_VT_BYTES: sqlite3_result_int64(c, (long long)len); return;
    default: {
        char msg[96];
        snprintf(msg, sizeof msg, "LENGTH is not defined for type %s",
                 sql_vt_name(sql_value_type(v[0])));
        sql_result_error(c, msg, -1);
    }
    }
}

/* CAST(x AS string) */
static int cast_string(sqlite3_context *c, sqlite3_value *x)
{
    char buf[96];                            /* 2^256 - 1 has 78 digits */
    size_t len;
    const unsigned char *p = sql_value_payload(x, &len);
    switch (sql_value_type(x)) {
    case SQL_VT_STRING: sqlite3_result_value(c, x); return 0;
    case SQL_VT_INT: snprintf(buf, sizeof buf, "%lld", (long long)sqlite3_value_int64(x)); break;
    case SQL_VT_FLOAT: sql_value_float_text(sqlite3_value_double(x), buf, sizeof buf); break;
    case SQL_VT_BOOL: snprintf(buf, sizeof buf, "%s", p[0] == '1' ? "true" : "false"); break;
    case SQL_VT_DATE: case SQL_VT_TIME: case SQL_VT_DATETIME: case SQL_VT_TIMESTAMP:
    case SQL_VT_OBJECT: case SQL_VT_ARRAY: case SQL_VT_GEOGRAPHY: case SQL_VT_BYTES:
        sqlite3_result_text64(c, (const char *)p, len, SQLITE_TRANSIENT, SQLITE_UTF8);
        return 0;
    case SQL_VT_U256: sql_value_u256_text(p, buf, sizeof buf); break;
    default: return -1;
    }
    sqlite3_result_text(c, buf, -1, SQLITE_TRANSIENT);
    return 0;
}

static int cast_number(sqlite3_context *c, sqlite3_value *x, int to_int)
{
    int b = sql_value_bool(x);
    sql_vt t = sql_value_type(x);
    if (b >= 0) {
        if (to_int)
            sqlite3_result_int(c, b);
        else
            sqlite3_result_double(c, b);
        return 0;
    }
    if (t == SQL_VT_INT || t == SQL_VT_FLOAT) {
        if (to_int) {
            double d = sqlite3_value_double(x);
            if (t == SQL_VT_FLOAT && !(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
                return -1;
            sqlite3_result_int64(c, t == SQL_VT_INT ? sqlite3_value_int64(x) : (long long)d);
        } else {
            sqlite3_result_double(c, sqlite3_value_double(x));
        }
        return 0;
    }
    if (t != SQL_VT_STRING)
        return -1;
    const char *s = (const char *)sqlite3_value_text(x);
    char *end;
    if (to_int) {
        long long v = strtoll(s, &end, 10);
        if (end == s || *end)
            return -1;
        sqlite3_result_int64(c, v);
    } else {
        double d = strtod(s, &end);
        if (end == s || *end)
            return -1;
        sqlite3_result_double(c, d);
    }
    return 0;
}

static int cast_bool(sqlite3_context *c, sqlite3_value *x)
{
    switch (sql_value_type(x)) {
    case SQL_VT_BOOL: sqlite3_result_value(c, x); return 0;
    case SQL_VT_INT: case SQL_VT_FLOAT:
        sql_value_result_bool(c, sqlite3_value_double(x) != 0.0);
        return 0;
    case SQL_VT_STRING: {
        const char *s = (const char *)sqlite3_value_text(x);
        if (strcasecmp(s, "true") != 0 && strcasecmp(s, "false") != 0)
            return -1;
        sql_value_result_bool(c, strcasecmp(s, "true") == 0);
        return 0;
    }
    default: return -1;
    }
}

/* To a date/time type: from one (converted), from timestamp micros, or from text. */
static int cast_tv(sqlite3_context *c, sqlite3_value *x, sql_tv k)
{
    long long us;
    sql_tv from;
    sql_vt t = sql_value_type(x);
    if (t == SQL_VT_STRING) {
        const char *s = (const char *)sqlite3_value_text(x);
        if (sql_tv_parse(s, k, &us) != 0 && sql_parse_timestamp(s, &us) != 0)
            return -1;
    } else if ((t != SQL_VT_INT && sql_vt_to_tv(t, &from) != 0) ||
               sql_value_tv(x, &us, &from) != 0) {
        return -1;
    }
    sql_value_result_tv(c, us, k);
    return 0;
}

/* To bytes: a string's UTF-8 bytes (Rockset's CAST('hello' AS bytes)). */
static int cast_bytes(sqlite3_context *c, sqlite3_value *x)
{
    sql_vt t = sql_value_type(x);
    if (t == SQL_VT_BYTES) {
        sqlite3_result_value(c, x);
        return 0;
    }
    if (t != SQL_VT_STRING)
        return -1;
    sql_value_result_tagged(c, SQL_VT_BYTES, sqlite3_value_text(x),
                            (size_t)sqlite3_value_bytes(x));
    return 0;
}

/* To an interval: an int is the count, a float truncated toward zero (the type-functions
 * page: CAST(2.5 AS microsecond_interval) is MICROSECONDS(2)). */
static int cast_interval(sqlite3_context *c, sqlite3_value *x, sql_vt to)
{
    sql_vt t = sql_value_type(x);
    double d = sqlite3_value_double(x);
    if (t == to) {
        sqlite3_result_value(c, x);
        return 0;
    }
    if (t == SQL_VT_INT)
        sql_value_result_interval(c, to, sqlite3_value_int64(x));
    else if (t == SQL_VT_FLOAT && d >= -9223372036854775808.0 && d < 9223372036854775808.0)
        sql_value_result_interval(c, to, (long long)d);
    else
        return -1;
    return 0;
}

/* To u256 (Rockset's data-types page lists the type, its Extended JSON page writes one as
 * the text "10"): an int that is not negative, or a string of decimal digits or 0x and hex
 * digits below 2^256; anything else fails (a float would have to be rounded). */
static int cast_to_u256(sqlite3_context *c, sqlite3_value *x)
{
    unsigned char *out = NULL, be[33] = { SQL_VT_TAG_U256 };
    size_t len;
    switch (sql_value_type(x)) {
    case SQL_VT_U256: sqlite3_result_value(c, x); return 0;
    case SQL_VT_INT: {
        long long v = sqlite3_value_int64(x);
        if (v < 0)
            return -1;
        for (int k = 32; k > 24; k--, v >>= 8)
            be[k] = (unsigned char)(v & 0xff);
        sqlite3_result_blob(c, be, sizeof be, SQLITE_TRANSIENT);
        return 0;
    }
    case SQL_VT_STRING: {
        int rc = sql_value_from_text(SQL_VT_U256, (const char *)sqlite3_value_text(x),
                                     (size_t)sqlite3_value_bytes(x), &out, &len);
        if (rc == -2)
            return sqlite3_result_error_nomem(c), 0;
        if (rc != 0)
            return -1;
        sqlite3_result_blob64(c, out, len, sqlite3_free);
        return 0;
    }
    default: return -1;
    }
}

/* u256 to int: only a value below 2^63 (an int's range) converts. */
static int cast_u256_int(sqlite3_context *c, sqlite3_value *x)
{
    size_t len;
    const unsigned char *p = sql_value_payload(x, &len);
    long long v = 0;
    if (len != 32 || p[24] & 0x80)
        return -1;
    for (int k = 0; k < 32; k++) {
        if (k < 24 && p[k])
            return -1;
        if (k >= 24)
            v = v << 8 | p[k];
    }
    sqlite3_result_int64(c, v);
    return 0;
}

/* rs_cast(x, 'type', try): CAST and TRY_CAST (a failed TRY_CAST is null). */
static void fn_cast(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *name = (const char *)sqlite3_value_text(v[1]);
    int try = sqlite3_value_int(v[2]), rc;
    sql_vt to;
    sql_tv k;
    (void)n;
    if (sqlite3_value_type(v[0]) == SQLITE_NULL)
        return;
    if (sql_vt_from_name(name, &to) != 0) {
        sql_result_error(c, "CAST: unknown type", -1);
        return;
    }
    if (to == SQL_VT_STRING)
        rc = cast_string(c, v[0]);
    else if (to == SQL_VT_INT && sql_value_type(v[0]) == SQL_VT_U256)
        rc = cast_u256_int(c, v[0]);
    else if (to == SQL_VT_INT || to == SQL_VT_FLOAT)
        rc = cast_number(c, v[0], to == SQL_VT_INT);
    else if (to == SQL_VT_BOOL)
        rc = cast_bool(c, v[0]);
    else if (sql_vt_to_tv(to, &k) == 0)
        rc = cast_tv(c, v[0], k);
    else if (to == SQL_VT_BYTES)
        rc = cast_bytes(c, v[0]);
    else if (to == SQL_VT_MONTH_INTERVAL || to == SQL_VT_MICROSECOND_INTERVAL)
        rc = cast_interval(c, v[0], to);
    else if (to == SQL_VT_U256)
        rc = cast_to_u256(c, v[0]);
    else
        rc = sql_value_type(v[0]) == to ? (sqlite3_result_value(c, v[0]), 0) : -1;
    if (rc != 0 && !try) {
        char msg[160];
        snprintf(msg, sizeof msg, "Cannot cast value of type %s to %s",
                 sql_vt_name(sql_value_type(v[0])), sql_vt_name(to));
        sql_result_error(c, msg, -1);
    } else if (rc != 0) {
        sqlite3_result_null(c);
    }
}

void sql_value_register(sqlite3 *db)
{
    static const struct {
        const char *name;
        int nargs;
        void (*fn)(sqlite3_context *, int, sqlite3_value **);
        intptr_t data;
    } defs[] = {
        { "rs_jv", 1, fn_jv, 0 }, { "rs_je", 2, fn_je, 0 }, { "rs_json", 1, fn_json, 0 },
        { "rs_unnest", 1, fn_unnest, 0 },
        { "rs_eq", 2, fn_cmp, CMP_EQ }, { "rs_ne", 2, fn_cmp, CMP_NE },
        { "rs_lt", 2, fn_cmp, CMP_LT }, { "rs_le", 2, fn_cmp, CMP_LE },
        { "rs_gt", 2, fn_cmp, CMP_GT }, { "rs_ge", 2, fn_cmp, CMP_GE },
        { "rs_add", 2, fn_arith, SQL_OP_ADD }, { "rs_sub", 2, fn_arith, SQL_OP_SUB },
        { "rs_mul", 2, fn_arith, SQL_OP_MUL }, { "rs_div", 2, fn_arith, SQL_OP_DIV },
        { "rs_mod", 2, fn_arith, SQL_OP_MOD }, { "rs_neg", 1, fn_arith, SQL_OP_NEG },
        { "rs_concat", 2, fn_concat_op, 0 }, { "rs_typeof", 1, fn_typeof, 0 },
        { "rs_typeof", 2, fn_typeof, 0 }, { "rs_is_undefined", 2, fn_is_undefined, 0 },
        { "rs_length", 1, fn_length, 0 }, { "rs_cast", 3, fn_cast, 0 },
    };
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
        sql_fn_register(db, defs[i].name, defs[i].nargs,
                        SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                        (void *)defs[i].data,
                        defs[i].fn);
    sql_pred_register(db);
    sql_field_register(db);
}
