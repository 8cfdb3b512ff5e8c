/* SPDX-License-Identifier: Apache-2.0 */
/* The value model (see sql_value.h): type names, tags, reading and making values, JSON in,
 * Rockset's comparison and arithmetic. The SQL functions over it are in sql_value_fn.c. */
#include "server/sql/sql_value.h"
#include "server/sql/sql_float_text.h"
#include "server/sql/sql_json_cmp.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cjson/cJSON.h>

static const char *const vt_names[SQL_VT_COUNT] = {
    "undefined", "null", "bool", "int", "float", "string", "bytes", "object", "array",
    "date", "time", "datetime", "timestamp", "month_interval", "microsecond_interval",
    "geography", "u256"
};

static const int vt_tags[SQL_VT_COUNT] = {
    [SQL_VT_UNDEFINED] = -1, [SQL_VT_NULL] = -1, [SQL_VT_BOOL] = -1, [SQL_VT_INT] = -1,
    [SQL_VT_FLOAT] = -1, [SQL_VT_STRING] = -1, [SQL_VT_BYTES] = SQL_VT_TAG_BYTES,
    [SQL_VT_OBJECT] = SQL_VT_TAG_OBJECT, [SQL_VT_ARRAY] = SQL_VT_TAG_ARRAY,
    [SQL_VT_DATE] = SQL_VT_TAG_DATE, [SQL_VT_TIME] = SQL_VT_TAG_TIME,
    [SQL_VT_DATETIME] = SQL_VT_TAG_DATETIME, [SQL_VT_TIMESTAMP] = SQL_VT_TAG_TIMESTAMP,
    [SQL_VT_MONTH_INTERVAL] = SQL_VT_TAG_MONTH_INTERVAL,
    [SQL_VT_MICROSECOND_INTERVAL] = SQL_VT_TAG_MICROSECOND_INTERVAL,
    [SQL_VT_GEOGRAPHY] = SQL_VT_TAG_GEOGRAPHY, [SQL_VT_U256] = SQL_VT_TAG_U256,
};

const char *sql_vt_name(sql_vt t)
{
    return (unsigned)t < SQL_VT_COUNT ? vt_names[t] : "";
}

int sql_vt_from_name(const char *name, sql_vt *t)
{
    static const struct { const char *alias; sql_vt t; } aliases[] = {
        { "integer", SQL_VT_INT }, { "int64", SQL_VT_INT }, { "bigint", SQL_VT_INT },
        { "double", SQL_VT_FLOAT }, { "double precision", SQL_VT_FLOAT },
        { "real", SQL_VT_FLOAT }, { "boolean", SQL_VT_BOOL }, { "char", SQL_VT_STRING },
        { "varchar", SQL_VT_STRING }, { "text", SQL_VT_STRING }, { "binary", SQL_VT_BYTES },
        { "varbinary", SQL_VT_BYTES }, { "null_type", SQL_VT_NULL },
    };
    if (!name)
        return -1;
    for (int i = 0; i < SQL_VT_COUNT; i++)
        if (strcasecmp(name, vt_names[i]) == 0) {
            *t = (sql_vt)i;
            return 0;
        }
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcasecmp(name, aliases[i].alias) == 0) {
            *t = aliases[i].t;
            return 0;
        }
    return -1;
}

int sql_vt_tag(sql_vt t)
{
    return (unsigned)t < SQL_VT_COUNT ? vt_tags[t] : -1;
}

sql_vt sql_vt_of_tag(unsigned char tag)
{
    for (int i = 0; i < SQL_VT_COUNT; i++)
        if (vt_tags[i] == tag)
            return (sql_vt)i;
    return SQL_VT_BYTES;
}

sql_vt sql_vt_of_tv(sql_tv k)
{
    static const sql_vt m[] = { SQL_VT_DATE, SQL_VT_TIME, SQL_VT_DATETIME, SQL_VT_TIMESTAMP };
    return m[k];
}

int sql_vt_to_tv(sql_vt t, sql_tv *k)
{
    switch (t) {
    case SQL_VT_DATE: *k = SQL_TV_DATE; return 0;
    case SQL_VT_TIME: *k = SQL_TV_TIME; return 0;
    case SQL_VT_DATETIME: *k = SQL_TV_DATETIME; return 0;
    case SQL_VT_TIMESTAMP: *k = SQL_TV_TIMESTAMP; return 0;
    default: return -1;
    }
}

/* ---- reading ---- */

sql_vt sql_vt_of_blob(const unsigned char *p, size_t n, const unsigned char **payload,
                      size_t *plen)
{
    *payload = p;
    *plen = n;
    if (n == 1 && (p[0] == '0' || p[0] == '1'))
        return SQL_VT_BOOL;
    if (n == 0)
        return SQL_VT_BYTES;
    sql_vt t = sql_vt_of_tag(p[0]);
    if (t == SQL_VT_BYTES && p[0] != SQL_VT_TAG_BYTES)
        return SQL_VT_BYTES;               /* a foreign blob: all of it is the bytes */
    *payload = p + 1;
    *plen = n - 1;
    return t;
}

sql_vt sql_value_type(sqlite3_value *v)
{
    switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER: return SQL_VT_INT;
    case SQLITE_FLOAT: return SQL_VT_FLOAT;
    case SQLITE_TEXT: return SQL_VT_STRING;
    case SQLITE_BLOB: {
        const unsigned char *p;
        size_t n;
        return sql_vt_of_blob(sqlite3_value_blob(v), (size_t)sqlite3_value_bytes(v), &p, &n);
    }
    default: return SQL_VT_NULL;
    }
}

sql_vt sql_value_type_comp(sqlite3_value *v, sqlite3_value *companion)
{
    if (sqlite3_value_type(v) == SQLITE_NULL)
        return sqlite3_value_type(companion) == SQLITE_NULL ? SQL_VT_UNDEFINED : SQL_VT_NULL;
    return sql_value_type(v);
}

const unsigned char *sql_value_payload(sqlite3_value *v, size_t *n)
{
    const unsigned char *p;
    if (sqlite3_value_type(v) != SQLITE_BLOB) {
        *n = 0;
        return NULL;
    }
    sql_vt_of_blob(sqlite3_value_blob(v), (size_t)sqlite3_value_bytes(v), &p, n);
    return p;
}

int sql_value_bool(sqlite3_value *v)
{
    if (sqlite3_value_type(v) != SQLITE_BLOB || sqlite3_value_bytes(v) != 1)
        return -1;
    const unsigned char *p = sqlite3_value_blob(v);
    return p[0] == '1' ? 1 : p[0] == '0' ? 0 : -1;
}

/* The kind canonical or loose text holds, by its shape (as the functions always read it). */
static sql_tv tv_shape(const char *s)
{
    size_t L = strlen(s);
    if (L >= 4 && (s[1] == ':' || s[2] == ':'))
        return SQL_TV_TIME;
    if (L == 10)
        return SQL_TV_DATE;
    if (L > 10 && strpbrk(s + 10, "Zz+-"))
        return SQL_TV_TIMESTAMP;
    return SQL_TV_DATETIME;
}

int sql_value_tv(sqlite3_value *v, long long *micros, sql_tv *k)
{
    char buf[64];
    switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
        *micros = sqlite3_value_int64(v);
        *k = SQL_TV_TIMESTAMP;
        return 0;
    case SQLITE_TEXT: {
        const char *s = (const char *)sqlite3_value_text(v);
        if (!s)
            return -1;
        *k = tv_shape(s);
        return sql_tv_parse(s, *k, micros);
    }
    case SQLITE_BLOB: {
        size_t n;
        const unsigned char *p = sql_value_payload(v, &n);
        if (sql_vt_to_tv(sql_value_type(v), k) != 0 || n >= sizeof buf)
            return -1;
        memcpy(buf, p, n);
        buf[n] = '\0';
        return sql_tv_parse(buf, *k, micros);
    }
    default:
        return -1;
    }
}

static long long unpack_i64(const unsigned char *p)
{
    uint64_t u = 0;
    for (int i = 0; i < 8; i++)
        u = u << 8 | p[i];
    u ^= UINT64_C(1) << 63;
    return (long long)u;
}

int sql_value_interval(sqlite3_value *v, long long *count, sql_vt *t)
{
    /* the length first: + and - ask it of both operands of every temporal sum, and most
     * are no interval (tag byte + 8 bytes) */
    if (sqlite3_value_type(v) != SQLITE_BLOB || sqlite3_value_bytes(v) != 9)
        return -1;
    const unsigned char *p = sqlite3_value_blob(v);
    sql_vt vt = sql_vt_of_tag(p[0]);
    if (vt != SQL_VT_MONTH_INTERVAL && vt != SQL_VT_MICROSECOND_INTERVAL)
        return -1;
    *count = unpack_i64(p + 1);
    *t = vt;
    return 0;
}

/* ---- making values ---- */

size_t sql_value_pack(sql_vt t, const void *payload, size_t n, unsigned char *out)
{
    if (t == SQL_VT_BOOL) {
        out[0] = n ? '1' : '0';
        return 1;
    }
    out[0] = (unsigned char)sql_vt_tag(t);
    if (n)
        memcpy(out + 1, payload, n);
    return n + 1;
}

void sql_value_pack_interval(sql_vt t, long long count, unsigned char out[9])
{
    uint64_t u = (uint64_t)count ^ (UINT64_C(1) << 63);
    out[0] = (unsigned char)sql_vt_tag(t);
    for (int i = 8; i >= 1; i--, u >>= 8)
        out[i] = (unsigned char)(u & 0xff);
}

void sql_value_result_bool(sqlite3_context *c, int b)
{
    sqlite3_result_blob(c, b ? "1" : "0", 1, SQLITE_STATIC);
}

void sql_value_result_tagged(sqlite3_context *c, sql_vt t, const void *payload, size_t n)
{
    unsigned char small[64], *buf = n < sizeof small ? small : sqlite3_malloc64(n + 1);
    if (!buf) {
        sqlite3_result_error_nomem(c);
        return;
    }
    size_t len = sql_value_pack(t, payload, n, buf);
    sqlite3_result_blob64(c, buf, len, buf == small ? SQLITE_TRANSIENT : sqlite3_free);
}

void sql_value_result_tv(sqlite3_context *c, long long micros, sql_tv k)
{
    char text[40];
    sql_tv_format(micros, k, text, sizeof text);
    sql_value_result_tagged(c, sql_vt_of_tv(k), text, strlen(text));
}

void sql_value_result_interval(sqlite3_context *c, sql_vt t, long long count)
{
    unsigned char b[9];
    sql_value_pack_interval(t, count, b);
    sqlite3_result_blob(c, b, 9, SQLITE_TRANSIENT);
}

int sql_value_bind_bool(sqlite3_stmt *st, int slot, int b)
{
    return sqlite3_bind_blob(st, slot, b ? "1" : "0", 1, SQLITE_STATIC);
}

int sql_value_bind_tagged(sqlite3_stmt *st, int slot, sql_vt t, const void *payload, size_t n)
{
    unsigned char *buf = sqlite3_malloc64(n + 1);
    if (!buf)
        return SQLITE_NOMEM;
    size_t len = sql_value_pack(t, payload, n, buf);
    return sqlite3_bind_blob64(st, slot, buf, len, sqlite3_free);
}

/* ---- text of the special types ---- */

static int b64_val(int ch)
{
    if (ch >= 'A' && ch <= 'Z') return ch - 'A';
    if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
    if (ch >= '0' && ch <= '9') return ch - '0' + 52;
    if (ch == '+' || ch == '-') return 62;
    if (ch == '/' || ch == '_') return 63;
    return -1;
}

/* base64 (standard or URL alphabet, padding optional) -> bytes; -1 on a bad character. */
static long b64_decode(const char *s, size_t n, unsigned char *out)
{
    unsigned acc = 0;
    int bits = 0;
    long w = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '=')
            break;
        int v = b64_val((unsigned char)s[i]);
        if (v < 0)
            return -1;
        acc = acc << 6 | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[w++] = (unsigned char)(acc >> bits & 0xff);
        }
    }
    return w;
}

void sql_value_base64(const unsigned char *p, size_t n, char *out)
{
    static const char tbl[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t w = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
                     (i + 2 < n ? p[i + 2] : 0);
        out[w++] = tbl[v >> 18 & 63];
        out[w++] = tbl[v >> 12 & 63];
        out[w++] = i + 1 < n ? tbl[v >> 6 & 63] : '=';
        out[w++] = i + 2 < n ? tbl[v & 63] : '=';
    }
    out[w] = '\0';
}

/* Decimal (or 0x hex) text -> 32 bytes big-endian; -1 when not a u256. */
static int u256_parse(const char *s, size_t n, unsigned char be[32])
{
    int base = 10;
    memset(be, 0, 32);
    if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        base = 16, s += 2, n -= 2;
    if (n == 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int d = isdigit((unsigned char)s[i]) ? s[i] - '0'
              : base == 16 && isxdigit((unsigned char)s[i]) ? tolower((unsigned char)s[i]) - 'a' + 10
              : -1;
        if (d < 0)
            return -1;
        unsigned carry = (unsigned)d;
        for (int k = 31; k >= 0; k--) {
            unsigned x = be[k] * (unsigned)base + carry;
            be[k] = (unsigned char)(x & 0xff);
            carry = x >> 8;
        }
        if (carry)
            return -1;                     /* past 2^256 - 1 */
    }
    return 0;
}

void sql_value_u256_text(const unsigned char be[32], char *out, size_t outlen)
{
    unsigned char n[32];
    char rev[80];
    size_t w = 0;
    memcpy(n, be, 32);
    do {
        unsigned rem = 0;
        int nonzero = 0;
        for (int k = 0; k < 32; k++) {
            unsigned x = rem << 8 | n[k];
            n[k] = (unsigned char)(x / 10);
            rem = x % 10;
            nonzero |= n[k];
        }
        rev[w++] = (char)('0' + rem);
        if (!nonzero)
            break;
    } while (w < sizeof rev);
    size_t i = 0;
    for (; i < w && i + 1 < outlen; i++)
        out[i] = rev[w - 1 - i];
    out[i] = '\0';
}

static int parse_ll(const char *s, size_t n, long long *v)
{
    char buf[32], *end;
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    errno = 0;
    *v = strtoll(buf, &end, 10);
    return *end || errno ? -1 : 0;
}

static int from_tv_text(sql_vt t, const char *text, size_t n, unsigned char **out,
                        size_t *outlen)
{
    char in[64], canon[40];
    sql_tv k;
    long long us;
    if (n >= sizeof in || sql_vt_to_tv(t, &k) != 0)
        return -1;
    memcpy(in, text, n);
    in[n] = '\0';
    if ((k == SQL_TV_DATE && n != 10) || sql_tv_parse(in, k, &us) != 0)
        return -1;
    sql_tv_format(us, k, canon, sizeof canon);
    size_t L = strlen(canon);
    if (!(*out = sqlite3_malloc64(L + 1)))
        return -2;
    *outlen = sql_value_pack(t, canon, L, *out);
    return 0;
}

int sql_value_from_text(sql_vt t, const char *text, size_t n, unsigned char **out,
                        size_t *outlen)
{
    unsigned char fixed[33];
    long long count;
    size_t len = 0;
    switch (t) {
    case SQL_VT_DATE: case SQL_VT_TIME: case SQL_VT_DATETIME: case SQL_VT_TIMESTAMP:
        return from_tv_text(t, text, n, out, outlen);
    case SQL_VT_MONTH_INTERVAL: case SQL_VT_MICROSECOND_INTERVAL:
        if (parse_ll(text, n, &count) != 0)
            return -1;
        sql_value_pack_interval(t, count, fixed);
        len = 9;
        break;
    case SQL_VT_U256:
        if (u256_parse(text, n, fixed + 1) != 0)
            return -1;
        fixed[0] = SQL_VT_TAG_U256;
        len = 33;
        break;
    case SQL_VT_BYTES: {
        if (!(*out = sqlite3_malloc64(n + 1)))
            return -2;
        (*out)[0] = SQL_VT_TAG_BYTES;
        long w = b64_decode(text, n, *out + 1);
        if (w < 0) {
            sqlite3_free(*out);
            *out = NULL;
            return -1;
        }
        *outlen = (size_t)w + 1;
        return 0;
    }
    case SQL_VT_OBJECT: case SQL_VT_ARRAY: case SQL_VT_GEOGRAPHY:
        if (n == 0 || text[0] != (t == SQL_VT_ARRAY ? '[' : '{'))
            return -1;
        if (!(*out = sqlite3_malloc64(n + 1)))
            return -2;
        *outlen = sql_value_pack(t, text, n, *out);
        return 0;
    default:
        return -1;
    }
    if (!(*out = sqlite3_malloc64(len)))
        return -2;
    memcpy(*out, fixed, len);
    *outlen = len;
    return 0;
}

const char *sql_vt_wrapper_tag(sql_vt t)
{
    static const char *const tags[SQL_VT_COUNT] = {
        [SQL_VT_BYTES] = "BYTES", [SQL_VT_DATE] = "DATE", [SQL_VT_TIME] = "TIME",
        [SQL_VT_DATETIME] = "DATETIME", [SQL_VT_MONTH_INTERVAL] = "MONTH_INTERVAL",
        [SQL_VT_MICROSECOND_INTERVAL] = "MICROSECOND_INTERVAL",
        [SQL_VT_GEOGRAPHY] = "GEOGRAPHY", [SQL_VT_U256] = "U256",
    };
    return (unsigned)t < SQL_VT_COUNT ? tags[t] : NULL;
}

/* ---- JSON in ---- */

/* A JSON string's contents (p at the opening quote) as TEXT. */
static void result_json_string(sqlite3_context *c, const char *p, size_t n)
{
    const char *e = p + n;
    size_t L = 1;
    while (p + L < e && p[L] != '"' && p[L] != '\\')
        L++;
    if (p + L < e && p[L] == '"') {
        sqlite3_result_text64(c, p + 1, L - 1, SQLITE_TRANSIENT, SQLITE_UTF8);
        return;                                     /* no escapes: the common case */
    }
    char *tmp = sqlite3_malloc64(n + 1);
    if (!tmp) {
        sqlite3_result_error_nomem(c);
        return;
    }
    memcpy(tmp, p, n);
    tmp[n] = '\0';
    cJSON *j = cJSON_Parse(tmp);
    sqlite3_free(tmp);
    if (!cJSON_IsString(j))
        sql_result_error(c, "Invalid JSON string", -1);
    else
        sqlite3_result_text(c, j->valuestring, -1, SQLITE_TRANSIENT);
    cJSON_Delete(j);
}

/* A decimal with a fraction or exponent read without strtod when it is exact to do so
 * (Clinger's fast path): up to 15 significant digits make an integer a double holds exactly,
 * 10^0..10^22 are exact doubles, and one IEEE multiplication or division of two exact values
 * is rounded correctly, so the answer is strtod's. 1 and *out, or 0 for strtod to read it
 * (more digits, a larger exponent, anything but the plain form consumed whole). strtod was a
 * tenth of serving a row of two float fields. */
static int json_fast_double(const char *p, size_t n, double *out)
{
    static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
                                  1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
                                  1e21, 1e22 };
    size_t i = p[0] == '-';
    unsigned long long m = 0;
    int sig = 0, frac = 0, exp = 0, dot = 0, e = 0, digits = 0;
    for (; i < n; i++) {
        char ch = p[i];
        if (ch >= '0' && ch <= '9') {
            if (m || ch != '0')
                sig++;
            m = m * 10 + (unsigned)(ch - '0');
            frac += dot;
            digits++;
            if (sig > 15)
                return 0;
        } else if (ch == '.' && !dot && digits) {
            dot = 1;
        } else {
            break;
        }
    }
    if (!digits || (dot && p[i - 1] == '.'))
        return 0;
    if (i < n && (p[i] == 'e' || p[i] == 'E')) {
        int eneg = 0, ed = 0;
        e = 1;
        if (++i < n && (p[i] == '+' || p[i] == '-'))
            eneg = p[i++] == '-';
        for (; i < n && p[i] >= '0' && p[i] <= '9' && ed < 4; i++, ed++)
            exp = exp * 10 + (p[i] - '0');
        if (!ed)
            return 0;
        exp = eneg ? -exp : exp;
    }
    int adj = exp - frac;
    if (i != n || (!dot && !e) || adj < -22 || adj > 22)
        return 0;
    double r = adj >= 0 ? (double)m * p10[adj] : (double)m / p10[-adj];
    *out = p[0] == '-' ? -r : r;
    return 1;
}

static void result_json_number(sqlite3_context *c, const char *p, size_t n)
{
    char buf[64], *end;
    /* up to 18 digits cannot overflow: the common int without strtoll's copy and locale */
    size_t neg = n > 1 && p[0] == '-', i = neg;
    long long acc = 0;
    while (i < n && i - neg < 18 && p[i] >= '0' && p[i] <= '9')
        acc = acc * 10 + (p[i++] - '0');
    if (i == n && i > neg) {
        sqlite3_result_int64(c, neg ? -acc : acc);
        return;
    }
    double d;
    if (n > 0 && json_fast_double(p, n, &d)) {
        sqlite3_result_double(c, d);
        return;
    }
    if (n >= sizeof buf) {
        sqlite3_result_double(c, strtod(p, NULL));
        return;
    }
    memcpy(buf, p, n);
    buf[n] = '\0';
    if (!strpbrk(buf, ".eE")) {
        errno = 0;
        long long v = strtoll(buf, &end, 10);
        if (!errno) {
            sqlite3_result_int64(c, v);
            return;
        }
    }
    sqlite3_result_double(c, strtod(buf, NULL));   /* Rockset: out of int range is float */
}

/* {"__rockset_type": T, "value": V}: the value of type T; returns 0 when o is no wrapper. */
/* A wrapped value's text as the tagged blob of type t (the result), or the error. */
static void result_typed_text(sqlite3_context *c, sql_vt t, const char *s, size_t n)
{
    unsigned char *blob;
    size_t len;
    int rc = sql_value_from_text(t, s, n, &blob, &len);
    if (rc == 0)
        sqlite3_result_blob64(c, blob, len, sqlite3_free);
    else if (rc == -2)
        sqlite3_result_error_nomem(c);
    else
        sql_result_error(c, "A stored value does not parse as its __rockset_type", -1);
}

static int result_wrapper(sqlite3_context *c, const cJSON *o)
{
    const cJSON *ty = cJSON_GetObjectItemCaseSensitive(o, "__rockset_type");
    const cJSON *val = cJSON_GetObjectItemCaseSensitive(o, "value");
    sql_vt t;
    if (!cJSON_IsString(ty))
        return 0;
    if (sql_vt_from_name(ty->valuestring, &t) != 0 || !val) {
        sql_result_error(c, "Unknown __rockset_type in a stored value", -1);
        return 1;
    }
    char *text = cJSON_IsString(val) ? NULL : cJSON_PrintUnformatted(val);
    const char *s = text ? text : val->valuestring;
    if (t == SQL_VT_INT || t == SQL_VT_FLOAT || t == SQL_VT_STRING || t == SQL_VT_BOOL) {
        if (t == SQL_VT_STRING)
            sqlite3_result_text(c, s, -1, SQLITE_TRANSIENT);
        else if (t == SQL_VT_BOOL)
            sql_value_result_bool(c, strcasecmp(s, "true") == 0);
        else
            result_json_number(c, s, strlen(s));
    } else if (t == SQL_VT_NULL || t == SQL_VT_UNDEFINED) {
        sqlite3_result_null(c);
    } else {
        result_typed_text(c, t, s, strlen(s));
    }
    cJSON_free(text);
    return 1;
}

/* The wrapper as the store writes it, {"__rockset_type":"T","value":"V"} with no escape in
 * T or V (a timestamp field of every row), read without cJSON: 1 when p is one and the
 * result is set, as result_wrapper would set it; 0 for any other shape. */
static int result_wrapper_compact(sqlite3_context *c, const char *p, size_t n)
{
    static const char head[] = "{\"__rockset_type\":\"", mid[] = "\",\"value\":\"";
    char name[32], val[96];
    const size_t hn = sizeof head - 1, mn = sizeof mid - 1;
    if (n < hn + mn + 2 || memcmp(p, head, hn) != 0 || memcmp(p + n - 2, "\"}", 2) != 0)
        return 0;
    const char *ns = p + hn, *ne = memchr(ns, '"', n - hn);
    if (!ne || (size_t)(ne - ns) >= sizeof name || memchr(ns, '\\', (size_t)(ne - ns)) ||
        (size_t)(p + n - ne) < mn + 2 || memcmp(ne, mid, mn) != 0)
        return 0;
    const char *vs = ne + mn, *ve = p + n - 2;
    if ((size_t)(ve - vs) >= sizeof val || memchr(vs, '"', (size_t)(ve - vs)) ||
        memchr(vs, '\\', (size_t)(ve - vs)))
        return 0;
    for (const char *q = vs; q < ve; q++)
        if ((unsigned char)*q < 0x20)
            return 0;                            /* not JSON: cJSON decides, as before */
    memcpy(name, ns, (size_t)(ne - ns));
    name[ne - ns] = '\0';
    memcpy(val, vs, (size_t)(ve - vs));
    val[ve - vs] = '\0';
    sql_vt t;
    if (strcmp(name, "timestamp") == 0)
        t = SQL_VT_TIMESTAMP;                    /* the common one, without the name search */
    else if (sql_vt_from_name(name, &t) != 0 || t == SQL_VT_INT || t == SQL_VT_FLOAT ||
        t == SQL_VT_STRING || t == SQL_VT_BOOL || t == SQL_VT_NULL || t == SQL_VT_UNDEFINED)
        return 0;                                /* the rare ones: result_wrapper */
    result_typed_text(c, t, val, (size_t)(ve - vs));
    return 1;
}

static void result_json_object(sqlite3_context *c, const char *p, size_t n)
{
    static const char key[] = "\"__rockset_type\"";
    if (result_wrapper_compact(c, p, n))
        return;
    if (n >= sizeof key && memmem(p, n, key, sizeof key - 1)) {
        char *tmp = sqlite3_malloc64(n + 1);
        if (!tmp) {
            sqlite3_result_error_nomem(c);
            return;
        }
        memcpy(tmp, p, n);
        tmp[n] = '\0';
        cJSON *o = cJSON_Parse(tmp);
        sqlite3_free(tmp);
        int done = o && result_wrapper(c, o);
        cJSON_Delete(o);
        if (done)
            return;
    }
    sql_value_result_tagged(c, SQL_VT_OBJECT, p, n);
}

void sql_value_result_json(sqlite3_context *c, const char *json, size_t n)
{
    while (n && isspace((unsigned char)*json))
        json++, n--;
    while (n && isspace((unsigned char)json[n - 1]))
        n--;
    if (n == 0) {
        sqlite3_result_null(c);
        return;
    }
    switch (json[0]) {
    case '"': result_json_string(c, json, n); break;
    case '{': result_json_object(c, json, n); break;
    case '[': sql_value_result_tagged(c, SQL_VT_ARRAY, json, n); break;
    case 't': sql_value_result_bool(c, 1); break;
    case 'f': sql_value_result_bool(c, 0); break;
    case 'n': sqlite3_result_null(c); break;
    default: result_json_number(c, json, n); break;
    }
}

/* ---- comparison ---- */

static int cmp_bytes(const void *a, size_t na, const void *b, size_t nb)
{
    int r = memcmp(a, b, na < nb ? na : nb);
    return r ? r : (na > nb) - (na < nb);
}

/* int against float without losing the int's low bits. */
static int cmp_num(sqlite3_value *a, sqlite3_value *b)
{
    if (sqlite3_value_type(a) == SQLITE_INTEGER && sqlite3_value_type(b) == SQLITE_INTEGER) {
        sqlite3_int64 x = sqlite3_value_int64(a), y = sqlite3_value_int64(b);
        return (x > y) - (x < y);
    }
    long double x = sqlite3_value_type(a) == SQLITE_INTEGER
                        ? (long double)sqlite3_value_int64(a) : sqlite3_value_double(a);
    long double y = sqlite3_value_type(b) == SQLITE_INTEGER
                        ? (long double)sqlite3_value_int64(b) : sqlite3_value_double(b);
    return (x > y) - (x < y);
}

int sql_value_cmp(sqlite3_value *a, sqlite3_value *b, int *r)
{
    /* storage classes first: a scan compares ints, floats and strings, and those need no
     * look at a blob; two values of different classes are of different types (a tagged
     * value is always a blob) */
    int sa = sqlite3_value_type(a), sb = sqlite3_value_type(b);
    if (sa == SQLITE_NULL || sb == SQLITE_NULL)
        return 1;
    if ((sa == SQLITE_INTEGER || sa == SQLITE_FLOAT) &&
        (sb == SQLITE_INTEGER || sb == SQLITE_FLOAT)) {
        *r = cmp_num(a, b);
        return 0;
    }
    if (sa != sb)
        return 1;
    if (sa == SQLITE_TEXT) {
        const unsigned char *x = sqlite3_value_text(a), *y = sqlite3_value_text(b);
        *r = cmp_bytes(x, (size_t)sqlite3_value_bytes(a), y, (size_t)sqlite3_value_bytes(b));
        return 0;
    }
    sql_vt ta = sql_value_type(a);
    if (ta != sql_value_type(b))
        return 1;
    if (ta == SQL_VT_ARRAY || ta == SQL_VT_OBJECT) {
        /* their JSON text is no order: [2.0] is [2], {"a":1,"b":2} is {"b":2,"a":1} */
        const char *pa = sqlite3_value_blob(a), *pb = sqlite3_value_blob(b);
        size_t na = (size_t)sqlite3_value_bytes(a), nb = (size_t)sqlite3_value_bytes(b);
        /* the payload follows the one tag byte (sql_vt_of_blob, without its tag search) */
        return sql_json_cmp(pa + 1, na - 1, pb + 1, nb - 1, SQL_JSON_ROCKSET, r);
    }
    /* one tag on both sides: the payloads order as the values do (sql_value.h) */
    *r = cmp_bytes(sqlite3_value_blob(a), (size_t)sqlite3_value_bytes(a),
                   sqlite3_value_blob(b), (size_t)sqlite3_value_bytes(b));
    return 0;
}

void sql_value_float_text(double d, char *buf, size_t n)
{
    char tmp[SQL_FLOAT_TEXT_MAX];
    if (n == 0)
        return;
    if (!isfinite(d)) {
        snprintf(buf, n, "%.15g", d);                 /* inf, -inf, nan: as printf writes */
        return;
    }
    if (n >= sizeof tmp) {
        sql_float_text(d, buf);
        return;
    }
    size_t len = sql_float_text(d, tmp);
    if (len > n - 1)
        len = n - 1;                                  /* truncated, as snprintf would */
    memcpy(buf, tmp, len);
    buf[len] = '\0';
}

size_t sql_value_json_escape(unsigned char c, char *esc)
{
    static const char hex[] = "0123456789abcdef";
    if (c >= 0x20 && c != '"' && c != '\\')
        return 0;
    esc[0] = '\\';
    switch (c) {
    case '"': esc[1] = '"'; return 2;
    case '\\': esc[1] = '\\'; return 2;
    case '\n': esc[1] = 'n'; return 2;
    case '\r': esc[1] = 'r'; return 2;
    case '\t': esc[1] = 't'; return 2;
    case '\b': esc[1] = 'b'; return 2;
    case '\f': esc[1] = 'f'; return 2;
    default:
        memcpy(esc, "\\u00", 4);
        esc[4] = hex[c >> 4];
        esc[5] = hex[c & 15];
        return 6;
    }
}
