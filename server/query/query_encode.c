/* SPDX-License-Identifier: Apache-2.0 */
/* Row -> JSON text, the way Rockset wrote values: each value by its type in the value model
 * (sql_value.h: bools, objects, arrays and the wrapped types are tagged blobs), SQLite's 0/1
 * as a bool where the expression is a boolean one, floats always with a fraction or
 * exponent, absent fields (NULL value, NULL companion) left out. */
#include "server/query/query_exec.h"
#include "server/sql/sql_float_text.h"
#include "server/sql/sql_functions.h"
#include "server/sql/sql_value.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* sql_sbuf_add with the room check inline: a row is some forty small appends, and the call
 * with its checks cost more than the bytes (a tenth of serving a row). */
static inline void enc_add(sql_sbuf *out, const char *s, size_t n)
{
    if (!out->oom && out->len + n < out->cap) {
        memcpy(out->s + out->len, s, n);
        out->len += n;
        out->s[out->len] = '\0';
        return;
    }
    sql_sbuf_add(out, s, n);
}

/* 1 for the bytes JSON writes escaped (sql_value_json_escape): the controls, '"', '\\'.
 * Strings are most of an answer's bytes and almost never hold one: a table look-up per
 * byte, and whole runs copied at once, instead of a call per byte. */
static const unsigned char qenc_esc[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
};

void qenc_string(sql_sbuf *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + len;
    char esc[8];
    enc_add(out, "\"", 1);
    for (;;) {
        const unsigned char *r = p;
        while (r < e && !qenc_esc[*r])
            r++;
        enc_add(out, (const char *)p, (size_t)(r - p));
        if (r == e)
            break;
        enc_add(out, esc, sql_value_json_escape(*r, esc));
        p = r + 1;
    }
    enc_add(out, "\"", 1);
}

/* Shortest text that reads back as d; 2.0 stays "2.0" as Rockset wrote it. */
void qenc_double(sql_sbuf *out, double d)
{
    char buf[SQL_FLOAT_TEXT_MAX];
    if (!isfinite(d)) {
        sql_sbuf_puts(out, "null");
        return;
    }
    enc_add(out, buf, sql_float_text(d, buf));
}

/* A TEMPORAL column's kind for one value, read from its canonical text. */
static sql_kind shape_kind(const char *s)
{
    static const sql_kind of_tv[] = { SQL_KIND_DATE, SQL_KIND_TIME, SQL_KIND_DATETIME,
                                      SQL_KIND_TIMESTAMP };
    sql_tv k;
    return sql_tv_of_text(s, &k) == 0 ? of_tv[k] : SQL_KIND_STRING;
}

static void enc_wrapper_head(sql_sbuf *out, const char *tag)
{
    sql_sbuf_printf(out, "{\"__rockset_type\":\"%s\",\"value\":", tag);
}

/* A blob of the value model (sql_value.h), as the wire writes its type (api-notes.md):
 * bools and objects/arrays as JSON, a timestamp as a plain ISO string, the other types in
 * the {"__rockset_type": "TAG", "value": ...} wrapper. */
static void enc_blob(sql_sbuf *out, const unsigned char *blob, size_t n, int as_doc)
{
    const unsigned char *p;
    size_t len;
    sql_vt t = sql_vt_of_blob(blob, n, &p, &len);
    char buf[96];
    switch (t) {
    case SQL_VT_BOOL:
        sql_sbuf_puts(out, p[0] == '1' ? "true" : "false");
        return;
    case SQL_VT_OBJECT: case SQL_VT_ARRAY:
        /* a document keeps the stored form of the typed values inside (their wrappers) */
        if (as_doc)
            enc_add(out, (const char *)p, len);
        else
            qenc_json_text(out, (const char *)p, len);
        return;
    case SQL_VT_TIMESTAMP:
        /* in a document a plain ISO string would be stored as a string: the wrapper */
        if (as_doc)
            enc_wrapper_head(out, "TIMESTAMP");
        qenc_string(out, (const char *)p, len);
        if (as_doc)
            sql_sbuf_puts(out, "}");
        return;
    default:
        break;
    }
    enc_wrapper_head(out, sql_vt_wrapper_tag(t));
    if (t == SQL_VT_MONTH_INTERVAL || t == SQL_VT_MICROSECOND_INTERVAL) {
        long long count = 0;
        for (size_t i = 0; i < 8 && len == 8; i++)
            count = (long long)((unsigned long long)count << 8 | p[i]);
        sql_sbuf_printf(out, "%lld", (long long)((unsigned long long)count ^ (1ULL << 63)));
    } else if (t == SQL_VT_GEOGRAPHY) {
        if (as_doc)
            enc_add(out, (const char *)p, len);
        else
            qenc_json_text(out, (const char *)p, len);
    } else if (t == SQL_VT_U256 && len == 32) {
        sql_value_u256_text(p, buf, sizeof buf);
        qenc_string(out, buf, strlen(buf));
    } else if (t == SQL_VT_BYTES) {
        char *b64 = malloc(4 * ((len + 2) / 3) + 1);
        if (!b64) {
            out->oom = 1;
            return;
        }
        sql_value_base64(p, len, b64);
        qenc_string(out, b64, strlen(b64));
        free(b64);
    } else {
        qenc_string(out, (const char *)p, len);      /* date, time, datetime */
    }
    sql_sbuf_puts(out, "}");
}

/* An int's digits by hand: printf's set-up cost more than the rest of an int cell. */
static void qenc_int(sql_sbuf *out, sqlite3_int64 v)
{
    char buf[24], *p = buf + sizeof buf;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    enc_add(out, p, (size_t)(buf + sizeof buf - p));
}

/* t: the value's sqlite3_column_type, read once per cell by enc_value. */
static void enc_native(sqlite3_stmt *st, int i, int t, sql_kind kind, sql_sbuf *out, int as_doc)
{
    switch (t) {
    case SQLITE_INTEGER:
        if (kind == SQL_KIND_BOOL)
            sql_sbuf_puts(out, sqlite3_column_int64(st, i) ? "true" : "false");
        else
            qenc_int(out, sqlite3_column_int64(st, i));
        break;
    case SQLITE_FLOAT:
        if (kind == SQL_KIND_BOOL)
            sql_sbuf_puts(out, sqlite3_column_double(st, i) != 0.0 ? "true" : "false");
        else
            qenc_double(out, sqlite3_column_double(st, i));
        break;
    case SQLITE_TEXT: {
        const char *s = (const char *)sqlite3_column_text(st, i);
        size_t n = (size_t)sqlite3_column_bytes(st, i);
        if (kind == SQL_KIND_TEMPORAL)
            kind = shape_kind(s);
        /* text an expression typed as a date (a string passed through): its wrapper */
        const char *tag = kind == SQL_KIND_DATE ? "DATE" : kind == SQL_KIND_TIME ? "TIME"
                        : kind == SQL_KIND_DATETIME ? "DATETIME"
                        : as_doc && kind == SQL_KIND_TIMESTAMP ? "TIMESTAMP" : NULL;
        if (tag) {
            enc_wrapper_head(out, tag);
            qenc_string(out, s, n);
            sql_sbuf_puts(out, "}");
        } else {
            qenc_string(out, s, n);
        }
        break;
    }
    case SQLITE_BLOB:
        enc_blob(out, sqlite3_column_blob(st, i), (size_t)sqlite3_column_bytes(st, i), as_doc);
        break;
    default:
        sql_sbuf_puts(out, "null");
    }
}

/* The Rockset type of a value (NULL for null): the value model's, with SQLite's integers
 * read as bools where the expression is one (a comparison SQLite ran natively). */
static const char *value_type(sqlite3_stmt *st, int i, int t, sql_kind kind)
{
    switch (t) {
    case SQLITE_INTEGER: return kind == SQL_KIND_BOOL ? "bool" : "int";
    case SQLITE_FLOAT: return kind == SQL_KIND_BOOL ? "bool" : "float";
    case SQLITE_BLOB: {
        const unsigned char *p;
        size_t n;
        return sql_vt_name(sql_vt_of_blob(sqlite3_column_blob(st, i),
                                          (size_t)sqlite3_column_bytes(st, i), &p, &n));
    }
    case SQLITE_TEXT:
        if (kind == SQL_KIND_TEMPORAL)
            kind = shape_kind((const char *)sqlite3_column_text(st, i));
        return kind == SQL_KIND_DATE ? "date" : kind == SQL_KIND_TIME ? "time"
             : kind == SQL_KIND_DATETIME ? "datetime" : "string";
    default: return NULL;
    }
}

/* Keeps the column's type while every non-null value has the same one (column_fields). */
static void note_type(qx_col *c, const char *t)
{
    if (!t || c->mixed)
        return;
    if (!t[0])
        c->mixed = 1;
    else if (!c->seen[0])
        snprintf(c->seen, sizeof c->seen, "%s", t);
    else if (strcmp(c->seen, t) != 0)
        c->mixed = 1;
}

/* Returns 0 when the field is absent and must be left out: SQL NULL whose companion is
 * NULL too (undefined); with a companion present it is an explicit null. */
static int enc_value(sqlite3_stmt *st, qx_col *c, int i, sql_sbuf *out, int as_doc)
{
    int t = sqlite3_column_type(st, i);
    if (t == SQLITE_NULL && c->companion >= 0 &&
        sqlite3_column_type(st, c->companion) == SQLITE_NULL)
        return 0;
    note_type(c, value_type(st, i, t, c->kind));
    enc_native(st, i, t, c->kind, out, as_doc);
    return 1;
}

/* The column's key and its colon: made once (qx_col.key), then one append per cell. */
static void enc_key(sql_sbuf *out, qx_col *c)
{
    if (c->key_of != c->name) {
        sql_sbuf k = { 0 };
        qenc_string(&k, c->name, strlen(c->name));
        enc_add(&k, ":", 1);
        c->key_of = c->name;
        c->keylen = 0;
        if (!k.oom && k.len <= sizeof c->key) {
            memcpy(c->key, k.s, k.len);
            c->keylen = (unsigned char)k.len;
        }
        free(k.s);
    }
    if (c->keylen) {
        enc_add(out, c->key, c->keylen);
        return;
    }
    qenc_string(out, c->name, strlen(c->name));
    enc_add(out, ":", 1);
}

static void enc_row(sqlite3_stmt *stmt, qx_col *cols, int ncols, char **except,
                    size_t nexcept, sql_sbuf *out, int as_doc)
{
    int first = 1;
    enc_add(out, "{", 1);
    for (int i = 0; i < ncols; i++) {
        if (cols[i].skip)
            continue;
        if (cols[i].doc) {
            if (sqlite3_column_type(stmt, i) == SQLITE_TEXT) {
                size_t before = out->len;
                int spl = cols[i].doc == 2;
                qenc_doc_members(out, (const char *)sqlite3_column_text(stmt, i),
                                 (size_t)sqlite3_column_bytes(stmt, i),
                                 spl ? cols[i].splice_skip : except,
                                 spl ? cols[i].nsplice_skip : nexcept, first, as_doc);
                first = first && out->len == before;
            }
            continue;
        }
        size_t mark = out->len;
        if (!first)
            enc_add(out, ",", 1);
        enc_key(out, &cols[i]);
        if (enc_value(stmt, &cols[i], i, out, as_doc)) {
            first = 0;
        } else if (!out->oom) {
            out->len = mark;            /* absent field: take the key back */
            out->s[mark] = '\0';
        }
    }
    enc_add(out, "}", 1);
}

void qenc_row(sqlite3_stmt *stmt, qx_col *cols, int ncols, char **except,
              size_t nexcept, sql_sbuf *out)
{
    enc_row(stmt, cols, ncols, except, nexcept, out, 0);
}

void qenc_row_doc(sqlite3_stmt *stmt, qx_col *cols, int ncols, char **except,
                  size_t nexcept, sql_sbuf *out)
{
    enc_row(stmt, cols, ncols, except, nexcept, out, 1);
}
