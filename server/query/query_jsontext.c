/* SPDX-License-Identifier: Apache-2.0 */
/* Copies stored JSON text to an answer without reparsing numbers (2.0 stays 2.0), rewriting
 * typed values on the way: {"__rockset_type":"timestamp","value":V} becomes V, the other
 * wrappers get their tag upper case. The text comes from the store, so it is valid JSON. */
#include "server/query/query_exec.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *jt_ws(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* After the string starting at p (the opening quote). */
static const char *jt_string_end(const char *p, const char *e)
{
    for (p++; p < e && *p != '"'; p++)
        if (*p == '\\')
            p++;
    return p < e ? p + 1 : e;
}

static const char *jt_skip(const char *p, const char *e)
{
    p = jt_ws(p, e);
    if (p >= e)
        return e;
    if (*p == '"')
        return jt_string_end(p, e);
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        p = jt_ws(p + 1, e);
        while (p < e && *p != close) {
            p = jt_skip(p, e);          /* key or element */
            p = jt_ws(p, e);
            if (p < e && *p == ':')
                p = jt_skip(p + 1, e);
            p = jt_ws(p, e);
            if (p < e && *p == ',')
                p = jt_ws(p + 1, e);
        }
        return p < e ? p + 1 : e;
    }
    while (p < e && *p != ',' && *p != '}' && *p != ']' && !isspace((unsigned char)*p))
        p++;
    return p;
}

static int key_is(const char *k, const char *ke, const char *name)
{
    size_t n = strlen(name);
    return (size_t)(ke - k) == n + 2 && memcmp(k + 1, name, n) == 0;
}

static const char *jt_value(const char *p, const char *e, sql_sbuf *out);

/* Whether a wrapper is an interval whose value is a quoted integer ("14": Extended JSON's
 * and the stored form): the answer writes the count as a number, as it does for an
 * interval that is not nested (query_encode.c), so both read alike. */
static int jt_interval_count(const char *tag, const char *tag_end, const char *v,
                             const char *ve)
{
    size_t n = (size_t)(tag_end - tag);
    if (!((n == 14 && strncasecmp(tag, "month_interval", n) == 0) ||
          (n == 20 && strncasecmp(tag, "microsecond_interval", n) == 0)))
        return 0;
    if (ve - v < 3 || *v != '"' || ve[-1] != '"')
        return 0;
    const char *d = v + 1 + (v[1] == '-');
    if (d >= ve - 1 || (*d == '0' && d + 1 < ve - 1) || ve - 1 - d > 19)
        return 0;                        /* no digits, a leading zero, past an int's length */
    for (; d < ve - 1; d++)
        if (!isdigit((unsigned char)*d))
            return 0;
    return 1;
}

/* A wrapper object at p: writes its rewrite and returns the end, or NULL if it is not one. */
static const char *jt_wrapper(const char *p, const char *e, sql_sbuf *out)
{
    const char *tag = NULL, *tag_end = NULL, *val = NULL, *val_end = NULL, *q;
    q = jt_ws(p + 1, e);
    while (q < e && *q != '}') {
        const char *k = q, *ke = jt_string_end(q, e);
        q = jt_ws(ke, e);
        if (q >= e || *q != ':')
            return NULL;
        const char *v = jt_ws(q + 1, e), *ve = jt_skip(v, e);
        if (key_is(k, ke, "__rockset_type") && *v == '"')
            tag = v + 1, tag_end = ve - 1;
        else if (key_is(k, ke, "value"))
            val = v, val_end = ve;
        q = jt_ws(ve, e);
        if (q < e && *q == ',')
            q = jt_ws(q + 1, e);
    }
    if (!tag || !val || q >= e)
        return NULL;
    if ((size_t)(tag_end - tag) == 9 && strncasecmp(tag, "timestamp", 9) == 0 && *val == '"') {
        sql_sbuf_add(out, val, (size_t)(val_end - val));
    } else {
        sql_sbuf_puts(out, "{\"__rockset_type\":\"");
        for (const char *t = tag; t < tag_end; t++) {
            char u = (char)toupper((unsigned char)*t);
            sql_sbuf_add(out, &u, 1);
        }
        sql_sbuf_puts(out, "\",\"value\":");
        if (jt_interval_count(tag, tag_end, val, val_end))
            sql_sbuf_add(out, val + 1, (size_t)(val_end - val - 2));
        else
            jt_value(val, val_end, out);
        sql_sbuf_puts(out, "}");
    }
    return q + 1;
}

/* Members of the object at p as ,"k":v each (skipping names in skip[]); returns the end. */
static const char *jt_members(const char *p, const char *e, sql_sbuf *out, char **skip,
                              size_t nskip, int first, int stored)
{
    const char *q = jt_ws(p + 1, e);
    while (q < e && *q != '}') {
        const char *k = q, *ke = jt_string_end(q, e);
        q = jt_ws(ke, e);
        if (q < e && *q == ':')
            q++;
        int skipped = 0;
        for (size_t i = 0; i < nskip; i++)
            skipped |= key_is(k, ke, skip[i]);
        if (skipped) {
            q = jt_skip(q, e);
        } else {
            if (!first)
                sql_sbuf_add(out, ",", 1);
            first = 0;
            sql_sbuf_add(out, k, (size_t)(ke - k));
            sql_sbuf_add(out, ":", 1);
            if (stored) {
                const char *v = jt_ws(q, e), *ve = jt_skip(v, e);
                sql_sbuf_add(out, v, (size_t)(ve - v));
                q = ve;
            } else {
                q = jt_value(q, e, out);
            }
        }
        q = jt_ws(q, e);
        if (q < e && *q == ',')
            q = jt_ws(q + 1, e);
    }
    return q < e ? q + 1 : e;
}

static const char *jt_value(const char *p, const char *e, sql_sbuf *out)
{
    p = jt_ws(p, e);
    if (p >= e)
        return e;
    if (*p == '{') {
        const char *w = jt_wrapper(p, e, out);
        if (w)
            return w;
        sql_sbuf_add(out, "{", 1);
        p = jt_members(p, e, out, NULL, 0, 1, 0);
        sql_sbuf_add(out, "}", 1);
        return p;
    }
    if (*p == '[') {
        int first = 1;
        sql_sbuf_add(out, "[", 1);
        p = jt_ws(p + 1, e);
        while (p < e && *p != ']') {
            if (!first)
                sql_sbuf_add(out, ",", 1);
            first = 0;
            p = jt_ws(jt_value(p, e, out), e);
            if (p < e && *p == ',')
                p++;
            p = jt_ws(p, e);
        }
        sql_sbuf_add(out, "]", 1);
        return p < e ? p + 1 : e;
    }
    const char *end = jt_skip(p, e);
    sql_sbuf_add(out, p, (size_t)(end - p));
    return end;
}

void qenc_json_text(sql_sbuf *out, const char *s, size_t n)
{
    if (!memmem(s, n, "__rockset_type", 14)) {
        sql_sbuf_add(out, s, n);     /* nothing to rewrite: the common case */
        return;
    }
    jt_value(s, s + n, out);
}

void qenc_doc_members(sql_sbuf *out, const char *s, size_t n, char **skip, size_t nskip,
                      int first, int stored)
{
    const char *p = s, *e = s + n;
    p = jt_ws(p, e);
    if (p < e && *p == '{')
        jt_members(p, e, out, skip, nskip, first, stored);
}
