/* SPDX-License-Identifier: Apache-2.0 */
/* DESCRIBE's count of one stored document read straight from its text (see
 * query_describe_int.h). json_tree made a row per value through the VDBE and query_describe.c
 * a malloc'd path and an snprintf per row: over a million documents that was 18 s of CPU, the
 * cost of the driver's first query over a collection after every server start (it DESCRIBEs
 * the collections of a result to type its columns). This reads the compact JSON the store
 * writes and is conservative: any text it is not sure json_tree reads the same way (space,
 * an escape in a key, a non-string __rockset_type, anything malformed) makes it give up
 * before counting anything, and the caller walks that document with json_tree as before. */
#include "server/query/query_describe_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define DW_PATH_MAX 4096
#define DW_DEPTH_MAX 512        /* json_tree stops far deeper: beyond this, json_tree decides */

typedef struct dw {
    const unsigned char *p, *e;
    char path[DW_PATH_MAX];
    sql_sbuf *rec;              /* "path\0type\0" per counted value, added when all is read */
    int max_depth;
} dw;

static int dw_value(dw *w, size_t plen, int depth, int sup);

/* p at '"': past the closing quote, *raw set when no escape; NULL on what json_tree might
 * read otherwise (a control byte, an escape it would refuse). */
static const unsigned char *dw_string(const unsigned char *p, const unsigned char *e, int *raw)
{
    *raw = 1;
    for (p++; p < e; p++) {
        if (*p == '"')
            return p + 1;
        if (*p < 0x20)
            return NULL;
        if (*p == '\\') {
            *raw = 0;
            if (++p >= e || !strchr("\"\\/bfnrtu", *p))
                return NULL;
            if (*p == 'u') {
                for (int i = 1; i <= 4; i++)
                    if (p + i >= e || !isxdigit(p[i]))
                        return NULL;
                p += 4;
            }
        }
    }
    return NULL;
}

/* A JSON number at p (RFC 8259's grammar, which json_tree reads the same): its end, *real
 * set for a fraction or exponent; NULL when it is none. */
static const unsigned char *dw_number(const unsigned char *p, const unsigned char *e, int *real)
{
    *real = 0;
    if (p < e && *p == '-')
        p++;
    if (p >= e || !isdigit(*p))
        return NULL;
    if (*p == '0' && p + 1 < e && isdigit(p[1]))
        return NULL;
    while (p < e && isdigit(*p))
        p++;
    if (p < e && *p == '.') {
        *real = 1;
        if (++p >= e || !isdigit(*p))
            return NULL;
        while (p < e && isdigit(*p))
            p++;
    }
    if (p < e && (*p == 'e' || *p == 'E')) {
        *real = 1;
        if (++p < e && (*p == '+' || *p == '-'))
            p++;
        if (p >= e || !isdigit(*p))
            return NULL;
        while (p < e && isdigit(*p))
            p++;
    }
    return p;
}

static int dw_record(dw *w, size_t plen, const char *type, size_t tlen)
{
    sql_sbuf_add(w->rec, w->path, plen);
    sql_sbuf_add(w->rec, "", 1);
    sql_sbuf_add(w->rec, type, tlen);
    sql_sbuf_add(w->rec, "", 1);
    return w->rec->oom ? -1 : 0;
}

/* Appends "\x1f" (not at the root) and the key to the path; its new length, or 0 when it
 * does not fit. */
static size_t dw_child(dw *w, size_t plen, int depth, const unsigned char *k, size_t kn)
{
    size_t at = plen + (depth > 0);
    if (at + kn + 1 > sizeof w->path)
        return 0;
    if (depth > 0)
        w->path[plen] = '\x1f';
    memcpy(w->path + at, k, kn);
    return at + kn;
}

/* The object's members after p ('{' read), each key raw: their number, and in *tag the
 * __rockset_type it carries (lowercased, the last one wins as in json_tree's walk), "" when
 * none; -1 when in doubt. Values are read by the counting walk after, which checks them. */
static int dw_tag(const dw *w, const unsigned char *p, char tag[24])
{
    tag[0] = '\0';
    if (p < w->e && *p == '}')
        return 0;
    for (;;) {
        int raw;
        const unsigned char *k = p, *ke = p < w->e && *p == '"' ? dw_string(p, w->e, &raw) : NULL;
        if (!ke || !raw || ke >= w->e || *ke != ':')
            return -1;
        p = ke + 1;
        const unsigned char *v = p, *ve;
        if (ke - k - 2 == 14 && memcmp(k + 1, "__rockset_type", 14) == 0) {
            if (p >= w->e || *p != '"' || !(ve = dw_string(p, w->e, &raw)) || !raw)
                return -1;
            size_t n = (size_t)(ve - v - 2);
            if (n == 0)
                return -1;                  /* an empty type name: json_tree's walk decides */
            if (n < 24) {
                for (size_t i = 0; i < n; i++)
                    tag[i] = (char)tolower(v[1 + i]);
                tag[n] = '\0';
            }
            p = ve;
        } else {
            int depth = 0;
            for (; p < w->e; p++) {             /* to the end of this value, strings skipped */
                if (*p == '"') {
                    if (!(p = dw_string(p, w->e, &raw)))
                        return -1;
                    p--;
                } else if (*p == '{' || *p == '[') {
                    depth++;
                } else if (*p == '}' || *p == ']') {
                    if (depth-- == 0)
                        break;
                } else if (*p == ',' && depth == 0) {
                    break;
                }
            }
        }
        if (p >= w->e)
            return -1;
        if (*p == '}')
            return 0;
        if (*p != ',')
            return -1;
        p++;
    }
}

/* p after '{': the members, counted under the object's path unless sup. 0, 1 in doubt, -1. */
static int dw_object(dw *w, size_t plen, int depth, int sup)
{
    char tag[24];
    if (dw_tag(w, w->p, tag) != 0)
        return 1;
    if (!sup && depth > 0 && dw_record(w, plen, tag[0] ? tag : "object",
                                       strlen(tag[0] ? tag : "object")) != 0)
        return -1;
    /* a wrapper's members are not counted (nor anything under a suppressed value) */
    int csup = sup || tag[0] || (w->max_depth > 0 && depth + 1 > w->max_depth);
    if (w->p < w->e && *w->p == '}') {
        w->p++;
        return 0;
    }
    for (;;) {
        int raw;
        const unsigned char *k = w->p, *ke = k < w->e && *k == '"' ? dw_string(k, w->e, &raw)
                                                                   : NULL;
        if (!ke || !raw || ke >= w->e || *ke != ':')
            return 1;
        size_t clen = dw_child(w, plen, depth, k + 1, (size_t)(ke - k - 2));
        if (!clen && (size_t)(ke - k - 2) + plen > 0)
            return 1;
        w->p = ke + 1;
        int rc = dw_value(w, clen, depth + 1, csup);
        if (rc != 0)
            return rc;
        if (w->p >= w->e)
            return 1;
        if (*w->p++ == '}')
            return 0;
        if (w->p[-1] != ',')
            return 1;
    }
}

/* p after '[': the elements, each under the path's "*". */
static int dw_array(dw *w, size_t plen, int depth, int sup)
{
    if (!sup && depth > 0 && dw_record(w, plen, "array", 5) != 0)
        return -1;
    int csup = sup || (w->max_depth > 0 && depth + 1 > w->max_depth);
    size_t clen = dw_child(w, plen, depth, (const unsigned char *)"*", 1);
    if (!clen)
        return 1;
    if (w->p < w->e && *w->p == ']') {
        w->p++;
        return 0;
    }
    for (;;) {
        int rc = dw_value(w, clen, depth + 1, csup);
        if (rc != 0)
            return rc;
        if (w->p >= w->e)
            return 1;
        if (*w->p++ == ']')
            return 0;
        if (w->p[-1] != ',')
            return 1;
    }
}

static int dw_literal(dw *w, const char *word, size_t n)
{
    if ((size_t)(w->e - w->p) < n || memcmp(w->p, word, n) != 0)
        return 0;
    w->p += n;
    return w->p >= w->e || *w->p == ',' || *w->p == '}' || *w->p == ']';
}

/* The value at p, counted under path[0, plen) unless sup or the root. 0, 1 in doubt, -1. */
static int dw_value(dw *w, size_t plen, int depth, int sup)
{
    const char *type;
    int real, raw;
    const unsigned char *q;
    if (w->p >= w->e || depth > DW_DEPTH_MAX)
        return 1;
    switch (*w->p) {
    case '{':
        w->p++;
        return dw_object(w, plen, depth, sup);
    case '[':
        w->p++;
        return dw_array(w, plen, depth, sup);
    case '"':
        if (!(q = dw_string(w->p, w->e, &raw)))
            return 1;
        w->p = q;
        type = "string";
        break;
    case 't': case 'f':
        if (!dw_literal(w, *w->p == 't' ? "true" : "false", *w->p == 't' ? 4 : 5))
            return 1;
        type = "bool";
        break;
    case 'n':
        if (!dw_literal(w, "null", 4))
            return 1;
        type = "null";
        break;
    default:
        if (!(q = dw_number(w->p, w->e, &real)))
            return 1;
        w->p = q;
        type = real ? "float" : "int";
    }
    if (sup || depth == 0)
        return depth == 0 ? 1 : 0;      /* a document that is no object: json_tree decides */
    return dw_record(w, plen, type, strlen(type));
}

int qd_walk_doc(const char *doc, size_t n, int max_depth, qd_count_fn count, void *ctx)
{
    static __thread dw w;               /* 4 KB of path: not on a request thread's stack */
    sql_sbuf rec = { 0 };
    w.p = (const unsigned char *)doc;
    w.e = w.p + n;
    w.rec = &rec;
    w.max_depth = max_depth;
    if (n == 0 || *w.p != '{') {
        free(rec.s);
        return 1;
    }
    int rc = dw_value(&w, 0, 0, 0);
    if (rc == 0 && w.p != w.e)
        rc = 1;                         /* text after the document */
    for (size_t at = 0; rc == 0 && at < rec.len;) {
        const char *path = rec.s + at, *type = path + strlen(path) + 1;
        rc = count(ctx, path, type);
        at = (size_t)(type + strlen(type) + 1 - rec.s);
    }
    free(rec.s);
    return rc;
}
