/* SPDX-License-Identifier: Apache-2.0 */
/* Structural comparison of JSON texts (see sql_json_cmp.h for the rules). */
#include "server/sql/sql_json_cmp.h"
#include "server/sql/sql_value.h"

#include <errno.h>
#include <stddef.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define JS_MAX_DEPTH 256
#define JS_STACK_MEMBERS 16

/* One JSON value's text. */
typedef struct js_span {
    const char *p;
    size_t n;
} js_span;

typedef struct js_member {
    js_span key, val;                   /* key with its quotes */
} js_member;

static int js_ws(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static size_t js_skip_ws(const char *p, size_t n, size_t i)
{
    while (i < n && js_ws(p[i]))
        i++;
    return i;
}

/* One past the last byte of the value starting at p[i]; 0 when it is cut short or empty. */
static size_t js_end(const char *p, size_t n, size_t i)
{
    size_t start = i;
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
                return i > start ? i : 0;   /* a scalar ended by its container */
            if (--depth == 0)
                return i + 1;
        } else if (depth == 0 && (ch == ',' || ch == ':' || js_ws(ch))) {
            return i > start ? i : 0;
        }
    }
    return depth || in_str || i == start ? 0 : n;
}

/* The next element (arrays) or member (objects, key in *key) of the container text p at
 * *i, which starts after '[' / '{' or after the previous one. 1 found, 0 the end, -1 not
 * valid JSON. */
static int js_next(const char *p, size_t n, size_t *i, js_span *key, js_span *val)
{
    size_t k = js_skip_ws(p, n, *i);
    if (k < n && p[k] == ',')
        k = js_skip_ws(p, n, k + 1);
    if (k >= n)
        return -1;
    if (p[k] == ']' || p[k] == '}')
        return 0;
    if (key) {
        size_t e = js_end(p, n, k);
        if (!e || p[k] != '"')
            return -1;
        *key = (js_span){ p + k, e - k };
        k = js_skip_ws(p, n, e);
        if (k >= n || p[k] != ':')
            return -1;
        k = js_skip_ws(p, n, k + 1);
    }
    size_t e = js_end(p, n, k);
    if (!e)
        return -1;
    *val = (js_span){ p + k, e - k };
    *i = e;
    return 1;
}

static int cmp_bytes(const void *a, size_t na, const void *b, size_t nb)
{
    int r = memcmp(a, b, na < nb ? na : nb);
    return r ? (r > 0) - (r < 0) : (na > nb) - (na < nb);
}

/* ---- strings: decoded bytes, read one at a time so nothing is allocated ---- */

typedef struct js_str {
    const char *p, *e;                  /* the text between the quotes still to read */
    unsigned char pend[4];              /* bytes of a decoded \u escape not yet handed out */
    int npend, ipend;
} js_str;

static int js_hex4(const char *p, const char *e, unsigned *u)
{
    if (e - p < 4)
        return -1;
    *u = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        *u = *u << 4 | (unsigned)d;
    }
    return 0;
}

/* A \uXXXX escape (s->p after the 'u') as UTF-8 into s->pend; surrogate pairs joined, a
 * lone surrogate or bad hex read as U+FFFD (the replacement character). */
static void js_str_unicode(js_str *s)
{
    unsigned u = 0xFFFD, lo;
    if (js_hex4(s->p, s->e, &u) == 0) {
        s->p += 4;
        if (u >= 0xD800 && u < 0xDC00 && s->e - s->p >= 6 && s->p[0] == '\\' &&
            s->p[1] == 'u' && js_hex4(s->p + 2, s->e, &lo) == 0 && lo >= 0xDC00 &&
            lo < 0xE000) {
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            s->p += 6;
        } else if (u >= 0xD800 && u < 0xE000) {
            u = 0xFFFD;
        }
    }
    unsigned char *o = s->pend;
    if (u < 0x80) {
        o[0] = (unsigned char)u, s->npend = 1;
    } else if (u < 0x800) {
        o[0] = (unsigned char)(0xC0 | u >> 6), o[1] = (unsigned char)(0x80 | (u & 0x3F));
        s->npend = 2;
    } else if (u < 0x10000) {
        o[0] = (unsigned char)(0xE0 | u >> 12), o[1] = (unsigned char)(0x80 | (u >> 6 & 0x3F));
        o[2] = (unsigned char)(0x80 | (u & 0x3F)), s->npend = 3;
    } else {
        o[0] = (unsigned char)(0xF0 | u >> 18), o[1] = (unsigned char)(0x80 | (u >> 12 & 0x3F));
        o[2] = (unsigned char)(0x80 | (u >> 6 & 0x3F)), o[3] = (unsigned char)(0x80 | (u & 0x3F));
        s->npend = 4;
    }
    s->ipend = 0;
}

/* The next decoded byte, or -1 at the end. */
static int js_str_next(js_str *s)
{
    if (s->ipend < s->npend)
        return s->pend[s->ipend++];
    if (s->p >= s->e)
        return -1;
    unsigned char c = (unsigned char)*s->p++;
    if (c != '\\' || s->p >= s->e)
        return c;
    c = (unsigned char)*s->p++;
    switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'u':
        js_str_unicode(s);
        return s->pend[s->ipend++];
    default: return c;                  /* \" \\ \/ */
    }
}

/* Two string texts (with their quotes) by their decoded bytes. */
static int cmp_strings(js_span a, js_span b)
{
    if (a.n < 2 || b.n < 2)
        return cmp_bytes(a.p, a.n, b.p, b.n);
    if (!memchr(a.p, '\\', a.n) && !memchr(b.p, '\\', b.n))
        return cmp_bytes(a.p + 1, a.n - 2, b.p + 1, b.n - 2);
    js_str x = { a.p + 1, a.p + a.n - 1, { 0 }, 0, 0 };
    js_str y = { b.p + 1, b.p + b.n - 1, { 0 }, 0, 0 };
    for (;;) {
        int cx = js_str_next(&x), cy = js_str_next(&y);
        if (cx != cy)
            return cx < cy ? -1 : 1;
        if (cx < 0)
            return 0;
    }
}

/* ---- numbers ---- */

/* An integer text of up to 18 digits (never overflows) into *v; 0 for any other text. */
static int js_small_int(js_span a, long long *v)
{
    size_t neg = a.p[0] == '-', i = neg;
    long long acc = 0;
    if (a.n == neg || a.n - neg > 18)
        return 0;
    for (; i < a.n; i++) {
        if (a.p[i] < '0' || a.p[i] > '9')
            return 0;
        acc = acc * 10 + (a.p[i] - '0');
    }
    *v = neg ? -acc : acc;
    return 1;
}

/* A number text NUL-terminated in buf (or a heap copy when it is longer: *heap to free). */
static const char *js_num_text(js_span a, char *buf, size_t cap, char **heap)
{
    char *d = buf;
    *heap = NULL;
    if (a.n >= cap && !(d = *heap = malloc(a.n + 1)))
        return NULL;
    memcpy(d, a.p, a.n);
    d[a.n] = '\0';
    return d;
}

/* An int against a double, exactly: through the double's integral part (an int64 when the
 * double is inside int64's range) and then its fraction. No long double: valgrind computes
 * those at double precision, where 2^53 + 1 equals 2^53. */
static int cmp_int_double(long long i, double d)
{
    if (d != d)
        return -1;                      /* NaN (no JSON text): after every number */
    if (d >= 9223372036854775808.0)
        return -1;
    if (d < -9223372036854775808.0)
        return 1;
    double t = trunc(d);
    long long ti = (long long)t;
    if (i != ti)
        return (i > ti) - (i < ti);
    return (0.0 > d - t) - (0.0 < d - t);
}

/* A number text as Rockset reads it: an int when integral and inside int64 (*is_int), else
 * a double. */
static void js_number(js_span a, long long *i, double *d, int *is_int)
{
    char buf[64], *heap;
    const char *x;
    *is_int = 0;
    *d = 0;
    if (js_small_int(a, i)) {
        *is_int = 1;
        return;
    }
    if (!(x = js_num_text(a, buf, sizeof buf, &heap)))
        return;
    if (!strpbrk(x, ".eE")) {
        errno = 0;
        *i = strtoll(x, NULL, 10);
        *is_int = !errno;
    }
    if (!*is_int)
        *d = strtod(x, NULL);
    free(heap);
}

/* Numbers by value: ints exactly, an int against a float exactly (9007199254740993 stays
 * above 9007199254740992.0), floats as doubles. */
static int cmp_numbers(js_span a, js_span b)
{
    long long i, j;
    double d, e;
    int ia, ib;
    js_number(a, &i, &d, &ia);
    js_number(b, &j, &e, &ib);
    if (ia && ib)
        return (i > j) - (i < j);
    if (ia)
        return cmp_int_double(i, e);
    if (ib)
        return -cmp_int_double(j, d);
    return (d > e) - (d < e);
}

/* ---- kinds ---- */

/* Whether "__rockset_type" occurs in the text: memchr for the underscores (rare in JSON
 * text) rather than memmem, whose setup cost more than the comparison of a small object. */
static int js_has_type_key(const char *p, size_t n)
{
    static const char key[] = "\"__rockset_type\"";
    const size_t kn = sizeof key - 1;
    const char *q = p, *e = p + n;
    while (e - q >= (ptrdiff_t)kn && (q = memchr(q + 1, '_', (size_t)(e - q - 1))) != NULL) {
        if (e - q >= (ptrdiff_t)kn - 1 && q[-1] == '"' && memcmp(q - 1, key, kn) == 0)
            return 1;
    }
    return 0;
}

/* The member "__rockset_type" of an object text with a string value (*type), and its
 * "value" member (*val, n 0 when absent). 1 when it is a wrapper. */
static int js_wrapper(const char *p, size_t n, js_span *type, js_span *val)
{
    static const char tkey[] = "\"__rockset_type\"", vkey[] = "\"value\"";
    js_span k, v;
    size_t i = 1;
    int found = 0;
    val->n = 0;
    val->p = NULL;
    if (!js_has_type_key(p, n))
        return 0;                       /* the common object: one scan, no member walk */
    while (js_next(p, n, &i, &k, &v) == 1) {
        if (k.n == sizeof tkey - 1 && memcmp(k.p, tkey, k.n) == 0 && v.p[0] == '"')
            *type = v, found = 1;
        else if (k.n == sizeof vkey - 1 && memcmp(k.p, vkey, k.n) == 0)
            *val = v;
    }
    return found;
}

int sql_json_kind(const char *p, size_t n)
{
    js_span t, v;
    switch (p[0]) {
    case 'n': return SQL_JSON_NULL;
    case 't': case 'f': return SQL_JSON_BOOL;
    case '"': return SQL_JSON_STRING;
    case '{': return js_wrapper(p, n, &t, &v) ? SQL_JSON_TYPED : SQL_JSON_OBJECT;
    case '[': return SQL_JSON_ARRAY;
    default: return SQL_JSON_NUMBER;
    }
}

static int cmp_value(js_span a, js_span b, sql_json_mode mode, int depth, int *r);

/* ---- typed values ---- */

/* A string text's decoded bytes into buf (cap bytes), or a heap buffer (*heap) when longer;
 * NUL-terminated, length in *len. NULL when out of memory. */
static char *js_decode(js_span s, char *buf, size_t cap, char **heap, size_t *len)
{
    js_str it = { s.p + 1, s.p + s.n - 1, { 0 }, 0, 0 };
    char *d = buf;
    *heap = NULL;
    if (s.n - 1 > cap && !(d = *heap = malloc(s.n)))
        return NULL;                    /* decoded text is never longer than the escaped */
    size_t k = 0;
    for (int c; (c = js_str_next(&it)) >= 0;)
        d[k++] = (char)c;
    d[k] = '\0';
    *len = k;
    return d;
}

/* The type a wrapper's "__rockset_type" names; SQL_VT_COUNT for a name of no type. */
static sql_vt js_wrapper_type(js_span type)
{
    char buf[40], *heap;
    size_t len;
    sql_vt t = SQL_VT_COUNT;
    if (type.n > sizeof buf)
        return SQL_VT_COUNT;
    const char *name = js_decode(type, buf, sizeof buf - 1, &heap, &len);
    if (!name || sql_vt_from_name(name, &t) != 0)
        t = SQL_VT_COUNT;
    free(heap);
    return t;
}

/* A wrapper's value as the tagged blob of type t (sqlite3_malloc, *blob); -1 when it does not
 * read as one (then the caller compares the value texts). */
static int js_typed_blob(sql_vt t, js_span val, unsigned char **blob, size_t *blen)
{
    char buf[128], *heap = NULL;
    size_t len = val.n;
    const char *text = val.p;
    if (val.n == 0)
        return -1;
    if (val.p[0] == '"' && !(text = js_decode(val, buf, sizeof buf - 1, &heap, &len)))
        return -1;
    int rc = sql_value_from_text(t, text, len, blob, blen);
    free(heap);
    return rc == 0 ? 0 : -1;
}

/* Two wrappers: of one type by value (the tagged blobs order as the values do, sql_value.h),
 * geography and the plain types by their value texts. */
static int cmp_typed(js_span a, js_span b, sql_json_mode mode, int depth, int *r)
{
    js_span ta, va, tb, vb;
    js_wrapper(a.p, a.n, &ta, &va);
    js_wrapper(b.p, b.n, &tb, &vb);
    sql_vt xa = js_wrapper_type(ta), xb = js_wrapper_type(tb);
    if (xa != xb) {
        if (mode == SQL_JSON_ROCKSET)
            return 1;
        *r = ((int)xa > (int)xb) - ((int)xa < (int)xb);
        return 0;
    }
    if (xa == SQL_VT_COUNT && (*r = cmp_strings(ta, tb)) != 0)
        return mode == SQL_JSON_ROCKSET;    /* two unknown types: no Rockset answer */
    unsigned char *ba = NULL, *bb = NULL;
    size_t la, lb;
    int tagged = sql_vt_tag(xa) >= 0 && xa != SQL_VT_GEOGRAPHY;
    if (tagged && js_typed_blob(xa, va, &ba, &la) == 0 && js_typed_blob(xb, vb, &bb, &lb) == 0) {
        *r = cmp_bytes(ba, la, bb, lb);
        sqlite3_free(ba);
        sqlite3_free(bb);
        return 0;
    }
    sqlite3_free(ba);
    if (!va.n || !vb.n) {
        *r = (va.n > 0) - (vb.n > 0);
        return 0;
    }
    return cmp_value(va, vb, mode, depth + 1, r);
}

/* ---- containers ---- */

static int cmp_arrays(js_span a, js_span b, sql_json_mode mode, int depth, int *r)
{
    size_t i = 1, j = 1;
    js_span x, y;
    for (;;) {
        int ga = js_next(a.p, a.n, &i, NULL, &x), gb = js_next(b.p, b.n, &j, NULL, &y);
        if (ga < 0 || gb < 0) {
            *r = cmp_bytes(a.p, a.n, b.p, b.n);
            return 0;
        }
        if (!ga || !gb) {
            *r = ga - gb;               /* all equal so far: the shorter first */
            return 0;
        }
        int rc = cmp_value(x, y, mode, depth + 1, r);
        if (rc || *r)
            return rc;
    }
}

static int member_cmp(const void *a, const void *b)
{
    return cmp_strings(((const js_member *)a)->key, ((const js_member *)b)->key);
}

/* The members of an object text, sorted by key, into *m (fixed, or a heap array the caller
 * frees when it is not fixed). The count, or -1 not valid JSON, -2 out of memory. */
static long js_members(js_span o, js_member *fixed, js_member **m)
{
    size_t cap = JS_STACK_MEMBERS, k = 0, i = 1;
    js_member cur;
    int g;
    *m = fixed;
    while ((g = js_next(o.p, o.n, &i, &cur.key, &cur.val)) == 1) {
        if (k == cap) {
            js_member *q = malloc(2 * cap * sizeof *q);
            if (!q)
                return -2;
            memcpy(q, *m, k * sizeof *q);
            if (*m != fixed)
                free(*m);
            *m = q, cap *= 2;
        }
        (*m)[k++] = cur;
    }
    if (g < 0)
        return -1;
    if (k > JS_STACK_MEMBERS) {
        qsort(*m, k, sizeof **m, member_cmp);
    } else {                            /* small: insertion sort, no call per comparison */
        for (size_t a = 1; a < k; a++) {
            js_member x = (*m)[a];
            size_t b = a;
            for (; b > 0 && cmp_strings((*m)[b - 1].key, x.key) > 0; b--)
                (*m)[b] = (*m)[b - 1];
            (*m)[b] = x;
        }
    }
    return (long)k;
}

static int cmp_objects(js_span a, js_span b, sql_json_mode mode, int depth, int *r)
{
    js_member fa[JS_STACK_MEMBERS], fb[JS_STACK_MEMBERS], *ma, *mb;
    long ka = js_members(a, fa, &ma), kb = js_members(b, fb, &mb);
    int rc = 0;
    if (ka < 0 || kb < 0) {
        *r = cmp_bytes(a.p, a.n, b.p, b.n);
        goto done;
    }
    *r = 0;
    for (long i = 0; i < ka && i < kb; i++) {
        if ((*r = cmp_strings(ma[i].key, mb[i].key)) != 0)
            goto done;
        if ((rc = cmp_value(ma[i].val, mb[i].val, mode, depth + 1, r)) != 0 || *r)
            goto done;
    }
    *r = (ka > kb) - (ka < kb);
done:
    if (ma != fa)
        free(ma);
    if (mb != fb)
        free(mb);
    return rc;
}

static int cmp_value(js_span a, js_span b, sql_json_mode mode, int depth, int *r)
{
    if (a.n == b.n && memcmp(a.p, b.p, a.n) == 0) {
        *r = 0;                         /* the same text is the same value */
        return 0;
    }
    int ka = sql_json_kind(a.p, a.n), kb = sql_json_kind(b.p, b.n);
    if (ka != kb) {
        if (mode == SQL_JSON_ROCKSET)
            return 1;
        *r = (ka > kb) - (ka < kb);
        return 0;
    }
    if (depth > JS_MAX_DEPTH) {
        *r = cmp_bytes(a.p, a.n, b.p, b.n);
        return 0;
    }
    switch (ka) {
    case SQL_JSON_NULL: *r = 0; return 0;
    case SQL_JSON_BOOL: *r = (a.p[0] == 't') - (b.p[0] == 't'); return 0;
    case SQL_JSON_NUMBER: *r = cmp_numbers(a, b); return 0;
    case SQL_JSON_STRING: *r = cmp_strings(a, b); return 0;
    case SQL_JSON_TYPED: return cmp_typed(a, b, mode, depth, r);
    case SQL_JSON_OBJECT: return cmp_objects(a, b, mode, depth, r);
    default: return cmp_arrays(a, b, mode, depth, r);
    }
}

int sql_json_cmp(const char *a, size_t na, const char *b, size_t nb, sql_json_mode mode,
                 int *r)
{
    *r = 0;
    if (na == 0 || nb == 0) {
        *r = (na > 0) - (nb > 0);
        return 0;
    }
    return cmp_value((js_span){ a, na }, (js_span){ b, nb }, mode, 0, r);
}
