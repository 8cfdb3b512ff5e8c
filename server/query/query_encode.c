/* SPDX-License-Identifier: Apache-2.0 */
/* Row -> JSON text, the way Rockset wrote values: booleans, objects and arrays from the
 * companion type column, date/time wrappers from the static kind, floats always with a
 * fraction or exponent, absent fields left out. */
#include "server/query/query_exec.h"
#include "server/sql/sql_functions.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void qenc_string(sql_sbuf *out, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;
    sql_sbuf_add(out, "\"", 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        sql_sbuf_add(out, s + run, i - run);
        run = i + 1;
        char esc[8] = { '\\', 0, 0 };
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            sql_sbuf_add(out, esc, 6);
            continue;
        }
        sql_sbuf_add(out, esc, 2);
    }
    sql_sbuf_add(out, s + run, len - run);
    sql_sbuf_add(out, "\"", 1);
}

/* Shortest text that reads back as d; 2.0 stays "2.0" as Rockset wrote it. */
void qenc_double(sql_sbuf *out, double d)
{
    char buf[40];
    if (!isfinite(d)) {
        sql_sbuf_puts(out, "null");
        return;
    }
    snprintf(buf, sizeof buf, "%.15g", d);
    if (strtod(buf, NULL) != d)
        snprintf(buf, sizeof buf, "%.17g", d);
    if (!strpbrk(buf, ".eE"))
        strcat(buf, ".0");
    sql_sbuf_puts(out, buf);
}

static void enc_base64(sql_sbuf *out, const unsigned char *p, size_t n)
{
    static const char tbl[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    sql_sbuf_add(out, "\"", 1);
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
                     (i + 2 < n ? p[i + 2] : 0);
        char q[4] = { tbl[v >> 18 & 63], tbl[v >> 12 & 63],
                      i + 1 < n ? tbl[v >> 6 & 63] : '=', i + 2 < n ? tbl[v & 63] : '=' };
        sql_sbuf_add(out, q, 4);
    }
    sql_sbuf_add(out, "\"", 1);
}

/* A TEMPORAL column's kind for one value, read from its canonical text. */
static sql_kind shape_kind(const char *s)
{
    static const sql_kind of_tv[] = { SQL_KIND_DATE, SQL_KIND_TIME, SQL_KIND_DATETIME,
                                      SQL_KIND_TIMESTAMP };
    sql_tv k;
    return sql_tv_of_text(s, &k) == 0 ? of_tv[k] : SQL_KIND_STRING;
}

static void enc_native(sqlite3_stmt *st, int i, sql_kind kind, sql_sbuf *out)
{
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_INTEGER:
        if (kind == SQL_KIND_BOOL)
            sql_sbuf_puts(out, sqlite3_column_int64(st, i) ? "true" : "false");
        else
            sql_sbuf_printf(out, "%lld", (long long)sqlite3_column_int64(st, i));
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
        const char *tag = kind == SQL_KIND_DATE ? "DATE" : kind == SQL_KIND_TIME ? "TIME"
                        : kind == SQL_KIND_DATETIME ? "DATETIME" : NULL;
        if (tag) {
            sql_sbuf_printf(out, "{\"__rockset_type\":\"%s\",\"value\":", tag);
            qenc_string(out, s, n);
            sql_sbuf_puts(out, "}");
        } else {
            qenc_string(out, s, n);
        }
        break;
    }
    case SQLITE_BLOB:
        enc_base64(out, sqlite3_column_blob(st, i), (size_t)sqlite3_column_bytes(st, i));
        break;
    default:
        sql_sbuf_puts(out, "null");
    }
}

/* A typed value (companion names a Rockset type): timestamps are plain strings, the others
 * keep the wrapper with the tag upper case. */
static void enc_typed(sqlite3_stmt *st, int i, const char *t, sql_sbuf *out)
{
    if (strcmp(t, "timestamp") == 0) {
        enc_native(st, i, SQL_KIND_ANY, out);
        return;
    }
    sql_sbuf_puts(out, "{\"__rockset_type\":\"");
    for (const char *p = t; *p; p++) {
        char u = (char)toupper((unsigned char)*p);
        sql_sbuf_add(out, &u, 1);
    }
    sql_sbuf_puts(out, "\",\"value\":");
    const char *v = (const char *)sqlite3_column_text(st, i);
    if (v && (v[0] == '{' || v[0] == '['))
        qenc_json_text(out, v, (size_t)sqlite3_column_bytes(st, i));
    else
        enc_native(st, i, SQL_KIND_ANY, out);
    sql_sbuf_puts(out, "}");
}

/* The Rockset type of a value encoded natively (NULL for null, "" when not certain: text
 * out of an expression may be a timestamp or a date that a function wrote as text). */
static const char *native_type(sqlite3_stmt *st, int i, sql_kind kind, int field)
{
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_INTEGER: return kind == SQL_KIND_BOOL ? "bool" : "int";
    case SQLITE_FLOAT: return kind == SQL_KIND_BOOL ? "bool" : "float";
    case SQLITE_BLOB: return "bytes";
    case SQLITE_TEXT:
        if (kind == SQL_KIND_TEMPORAL)
            kind = shape_kind((const char *)sqlite3_column_text(st, i));
        return kind == SQL_KIND_DATE ? "date" : kind == SQL_KIND_TIME ? "time"
             : kind == SQL_KIND_DATETIME ? "datetime"
             : kind == SQL_KIND_TIMESTAMP ? "timestamp"
             : kind == SQL_KIND_STRING || field ? "string" : "";
    default: return NULL;
    }
}

/* The Rockset type of a value whose companion column says t (NULL for null). */
static const char *companion_type(sqlite3_stmt *st, int i, const char *t, sql_kind kind)
{
    if (!t || strcmp(t, "integer") == 0 || strcmp(t, "real") == 0 || strcmp(t, "text") == 0)
        return native_type(st, i, kind, t != NULL);
    if (strcmp(t, "true") == 0 || strcmp(t, "false") == 0)
        return "bool";
    return strcmp(t, "null") == 0 ? NULL : t;
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

/* Returns 0 when the field is absent and must be left out. */
static int enc_value(sqlite3_stmt *st, qx_col *c, int i, sql_sbuf *out)
{
    if (c->companion < 0) {
        note_type(c, native_type(st, i, c->kind, 0));
        enc_native(st, i, c->kind, out);
        return 1;
    }
    const char *t = (const char *)sqlite3_column_text(st, c->companion);
    if (t || sqlite3_column_type(st, i) != SQLITE_NULL)
        note_type(c, companion_type(st, i, t, c->kind));
    if (!t) {
        if (sqlite3_column_type(st, i) == SQLITE_NULL)
            return 0;
        enc_native(st, i, c->kind, out);
    } else if (strcmp(t, "true") == 0 || strcmp(t, "false") == 0) {
        sql_sbuf_puts(out, t);
    } else if ((strcmp(t, "object") == 0 || strcmp(t, "array") == 0) &&
               sqlite3_column_type(st, i) == SQLITE_TEXT) {
        qenc_json_text(out, (const char *)sqlite3_column_text(st, i),
                      (size_t)sqlite3_column_bytes(st, i));
    } else if (strcmp(t, "null") == 0) {
        sql_sbuf_puts(out, "null");
    } else if (strcmp(t, "integer") != 0 && strcmp(t, "real") != 0 && strcmp(t, "text") != 0) {
        enc_typed(st, i, t, out);
    } else {
        enc_native(st, i, c->kind, out);
    }
    return 1;
}

void qenc_row(sqlite3_stmt *stmt, qx_col *cols, int ncols, char **except,
              size_t nexcept, sql_sbuf *out)
{
    int first = 1;
    sql_sbuf_add(out, "{", 1);
    for (int i = 0; i < ncols; i++) {
        if (cols[i].skip)
            continue;
        if (cols[i].doc) {
            if (sqlite3_column_type(stmt, i) == SQLITE_TEXT) {
                size_t before = out->len;
                qenc_doc_members(out, (const char *)sqlite3_column_text(stmt, i),
                                 (size_t)sqlite3_column_bytes(stmt, i), except, nexcept, first);
                first = first && out->len == before;
            }
            continue;
        }
        size_t mark = out->len;
        if (!first)
            sql_sbuf_add(out, ",", 1);
        qenc_string(out, cols[i].name, strlen(cols[i].name));
        sql_sbuf_add(out, ":", 1);
        if (enc_value(stmt, &cols[i], i, out)) {
            first = 0;
        } else if (!out->oom) {
            out->len = mark;            /* absent field: take the key back */
            out->s[mark] = '\0';
        }
    }
    sql_sbuf_add(out, "}", 1);
}
