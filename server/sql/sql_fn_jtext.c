/* SPDX-License-Identifier: Apache-2.0 */
/* JSON text helpers of the array and object functions (see sql_fn_jtext.h for why text). */
#include "server/sql/sql_fn_jtext.h"
#include "server/sql/sql_value.h"
#include "server/sql/sql_json_cmp.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jt_add(jt_buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *q = sqlite3_realloc64(b->p, cap);
        if (!q) {
            b->oom = 1;
            return;
        }
        b->p = q, b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

void jt_puts(jt_buf *b, const char *s)
{
    jt_add(b, s, strlen(s));
}

void jt_free(jt_buf *b)
{
    sqlite3_free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

static int is_ws(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* The end of the value starting at p[i] (one past its last byte); 0 when it is cut short. */
static size_t value_end(const char *p, size_t n, size_t i)
{
    int depth = 0, in_str = 0;
    for (; i < n; i++) {
        char ch = p[i];
        if (in_str) {
            if (ch == '\\')
                i++;
            else if (ch == '"' && (in_str = 0, depth == 0))
                return i + 1;
        } else if (ch == '"') {
            in_str = 1;
        } else if (ch == '[' || ch == '{') {
            depth++;
        } else if (ch == ']' || ch == '}') {
            if (depth == 0)
                return i;                   /* a scalar ended by its container */
            if (--depth == 0)
                return i + 1;
        } else if (depth == 0 && (ch == ',' || ch == ':' || is_ws(ch))) {
            return i;
        }
    }
    return depth || in_str ? 0 : n;
}

static size_t skip_ws(const char *p, size_t n, size_t i)
{
    while (i < n && is_ws(p[i]))
        i++;
    return i;
}

int jt_split(const char *p, size_t n, jt_span **vals, jt_span **keys, size_t *count)
{
    int object = n > 0 && p[0] == '{';
    size_t cap = 8, k = 0, i = skip_ws(p, n, 1);
    *vals = sqlite3_malloc64(cap * sizeof **vals);
    if (keys)
        *keys = object ? sqlite3_malloc64(cap * sizeof **keys) : NULL;
    if (!*vals || (keys && object && !*keys))
        goto nomem;
    while (i < n && p[i] != ']' && p[i] != '}') {
        if (k == cap) {
            cap *= 2;
            jt_span *v2 = sqlite3_realloc64(*vals, cap * sizeof **vals);
            if (!v2)
                goto nomem;
            *vals = v2;
            if (keys && object) {
                jt_span *k2 = sqlite3_realloc64(*keys, cap * sizeof **keys);
                if (!k2)
                    goto nomem;
                *keys = k2;
            }
        }
        if (object) {
            size_t e = value_end(p, n, i);
            if (!e || p[i] != '"')
                goto bad;
            if (keys)
                (*keys)[k] = (jt_span){ p + i, e - i };
            i = skip_ws(p, n, e);
            if (i >= n || p[i] != ':')
                goto bad;
            i = skip_ws(p, n, i + 1);
        }
        size_t e = value_end(p, n, i);
        if (!e || e == i)
            goto bad;
        (*vals)[k++] = (jt_span){ p + i, e - i };
        i = skip_ws(p, n, e);
        if (i < n && p[i] == ',')
            i = skip_ws(p, n, i + 1);
    }
    *count = k;
    return 0;
bad:
    sqlite3_free(*vals);
    if (keys)
        sqlite3_free(*keys);
    return -1;
nomem:
    sqlite3_free(*vals);
    if (keys)
        sqlite3_free(*keys);
    return -2;
}

void jt_string(jt_buf *b, const char *s, size_t n)
{
    size_t run = 0;
    char esc[8];
    jt_add(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        size_t k = sql_value_json_escape((unsigned char)s[i], esc);
        if (!k)
            continue;
        jt_add(b, s + run, i - run);
        jt_add(b, esc, k);
        run = i + 1;
    }
    jt_add(b, s + run, n - run);
    jt_add(b, "\"", 1);
}

/* Rockset's float text: shortest that reads back, 2.0 keeps its fraction (stays a float). */
static int float_json(jt_buf *b, double d)
{
    char buf[40];
    if (!isfinite(d))
        return -1;
    sql_value_float_text(d, buf, sizeof buf);
    jt_puts(b, buf);
    return 0;
}

/* {"__rockset_type":"TAG","value":<text>} with the value quoted or not. */
static void wrapper(jt_buf *b, const char *tag, const char *val, size_t n, int quote)
{
    jt_puts(b, "{\"__rockset_type\":\"");
    jt_puts(b, tag);
    jt_puts(b, "\",\"value\":");
    if (quote)
        jt_string(b, val, n);
    else
        jt_add(b, val, n);
    jt_puts(b, "}");
}

int jt_value(jt_buf *b, sqlite3_value *v)
{
    char buf[96];
    size_t n;
    long long count;
    sql_vt it, t = sql_value_type(v);
    const unsigned char *p = sql_value_payload(v, &n);
    switch (t) {
    case SQL_VT_NULL: case SQL_VT_UNDEFINED: jt_puts(b, "null"); return 0;
    case SQL_VT_INT:
        snprintf(buf, sizeof buf, "%lld", (long long)sqlite3_value_int64(v));
        jt_puts(b, buf);
        return 0;
    case SQL_VT_FLOAT: return float_json(b, sqlite3_value_double(v));
    case SQL_VT_STRING:
        jt_string(b, (const char *)sqlite3_value_text(v), (size_t)sqlite3_value_bytes(v));
        return 0;
    case SQL_VT_BOOL: jt_puts(b, sql_value_bool(v) ? "true" : "false"); return 0;
    case SQL_VT_ARRAY: case SQL_VT_OBJECT: jt_add(b, (const char *)p, n); return 0;
    case SQL_VT_GEOGRAPHY: wrapper(b, "GEOGRAPHY", (const char *)p, n, 0); return 0;
    case SQL_VT_TIMESTAMP: wrapper(b, "TIMESTAMP", (const char *)p, n, 1); return 0;
    case SQL_VT_MONTH_INTERVAL: case SQL_VT_MICROSECOND_INTERVAL:
        sql_value_interval(v, &count, &it);
        snprintf(buf, sizeof buf, "%lld", count);
        wrapper(b, sql_vt_wrapper_tag(t), buf, strlen(buf), 1);
        return 0;
    case SQL_VT_U256:
        sql_value_u256_text(p, buf, sizeof buf);
        wrapper(b, "U256", buf, strlen(buf), 1);
        return 0;
    case SQL_VT_BYTES: {
        char *b64 = sqlite3_malloc64(4 * ((n + 2) / 3) + 1);
        if (!b64) {
            b->oom = 1;
            return 0;
        }
        sql_value_base64(p, n, b64);
        wrapper(b, "BYTES", b64, strlen(b64), 1);
        sqlite3_free(b64);
        return 0;
    }
    default:                                    /* date, time, datetime: canonical text */
        wrapper(b, sql_vt_wrapper_tag(t), (const char *)p, n, 1);
        return 0;
    }
}

int jt_rank(jt_span a)
{
    return sql_json_kind(a.p, a.n);
}

int jt_comparable(jt_span a, jt_span b)
{
    int r;
    return sql_json_cmp(a.p, a.n, b.p, b.n, SQL_JSON_ROCKSET, &r) == 0;
}

char *jt_unquote(jt_span s, size_t *len)
{
    char *tmp = sqlite3_malloc64(s.n + 1), *out = NULL;
    if (!tmp)
        return NULL;
    memcpy(tmp, s.p, s.n);
    tmp[s.n] = '\0';
    if (!memchr(s.p, '\\', s.n)) {                 /* no escapes: the bytes between quotes */
        memmove(tmp, tmp + 1, s.n - 2);
        tmp[s.n - 2] = '\0';
        *len = s.n - 2;
        return tmp;
    }
    cJSON *j = cJSON_Parse(tmp);
    if (cJSON_IsString(j)) {
        *len = strlen(j->valuestring);
        out = sqlite3_malloc64(*len + 1);
        if (out)
            memcpy(out, j->valuestring, *len + 1);
    }
    cJSON_Delete(j);
    sqlite3_free(tmp);
    return out;
}

int jt_order(jt_span a, jt_span b)
{
    int r;
    sql_json_cmp(a.p, a.n, b.p, b.n, SQL_JSON_ORDER, &r);
    return r;
}

void jt_error(sqlite3_context *c, const char *fn, const char *msg)
{
    char *m = sqlite3_mprintf("%s: %s", fn, msg);
    sql_result_error(c, m ? m : msg, -1);
    sqlite3_free(m);
}

sql_vt jt_type(sqlite3_value *v)
{
    sql_vt t = sql_value_type(v);
    if (t == SQL_VT_STRING) {
        const char *s = (const char *)sqlite3_value_text(v);
        while (*s && is_ws(*s))
            s++;
        if (*s == '[' || *s == '{')
            return *s == '[' ? SQL_VT_ARRAY : SQL_VT_OBJECT;
    }
    return t;
}

int jt_arg(sqlite3_context *c, sqlite3_value *v, const char *fn, int want_object,
           const char **p, size_t *n)
{
    sql_vt t = jt_type(v);
    if (t == SQL_VT_NULL || t == SQL_VT_UNDEFINED)
        return 1;
    if (t != (want_object ? SQL_VT_OBJECT : SQL_VT_ARRAY)) {
        char *m = sqlite3_mprintf("%s: expected %s, got %s", fn,
                                  want_object ? "an object" : "an array", sql_vt_name(t));
        sql_result_error(c, m ? m : fn, -1);
        sqlite3_free(m);
        return -1;
    }
    if (sql_value_type(v) == SQL_VT_STRING) {
        *p = (const char *)sqlite3_value_text(v);
        *n = (size_t)sqlite3_value_bytes(v);
        while (*n && is_ws(**p))
            (*p)++, (*n)--;
    } else {
        *p = (const char *)sql_value_payload(v, n);
    }
    return 0;
}

void jt_result(sqlite3_context *c, jt_buf *b, int object)
{
    jt_add(b, object ? "}" : "]", 1);
    if (b->oom)
        sqlite3_result_error_nomem(c);
    else
        sql_value_result_tagged(c, object ? SQL_VT_OBJECT : SQL_VT_ARRAY, b->p, b->n);
    jt_free(b);
}

void jt_register(sqlite3 *db, const jt_def *defs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int flags = SQLITE_UTF8 | (defs[i].fn ? SQLITE_DETERMINISTIC : 0);
        if (defs[i].fn)
            sql_fn_register(db, defs[i].info.name, defs[i].nargs, flags, (void *)&defs[i].info,
                            defs[i].fn);
        else
            sqlite3_create_function(db, defs[i].info.name, defs[i].nargs, flags,
                                    (void *)&defs[i].info, NULL, defs[i].step, defs[i].final);
    }
}
