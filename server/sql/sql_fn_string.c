/* SPDX-License-Identifier: Apache-2.0 */
/* Rockset's string functions over the value model (LOWER, UPPER, TRIM, LTRIM, RTRIM, LPAD,
 * RPAD, REPLACE, SPLIT, SUBSTR, SUBSTRING, STRPOS, STARTS_WITH, ENDS_WITH, CONCAT,
 * LEVENSHTEIN_DISTANCE, REVERSE), and the helpers of sql_fn_util.h. Positions and lengths
 * count code points, not bytes, as Rockset's do. */
#include "server/sql/sql_fn_util.h"
#include "server/sql/sql_functions.h"

#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

/* ---- helpers (sql_fn_util.h) ---- */

void sql_fn_error(sqlite3_context *c, const char *fn, const char *msg)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s: %s", fn, msg);
    sql_result_error(c, buf, -1);
}

int sql_fn_args(sqlite3_context *c, const char *fn, int n, sqlite3_value **v,
                const unsigned *masks)
{
    for (int i = 0; i < n; i++) {
        sql_vt t = sql_value_type(v[i]);
        if (t == SQL_VT_NULL || t == SQL_VT_UNDEFINED)
            return 1;
        if (masks[i] == 0 || (masks[i] & SQL_VT_BIT(t)))
            continue;
        char want[160] = "";
        for (int k = 0; k < SQL_VT_COUNT; k++)
            if (masks[i] & SQL_VT_BIT(k)) {
                size_t L = strlen(want);
                snprintf(want + L, sizeof want - L, "%s%s", L ? " or " : "",
                         sql_vt_name((sql_vt)k));
            }
        char msg[256];
        snprintf(msg, sizeof msg, "%s: argument %d has type %s, expected %s", fn, i + 1,
                 sql_vt_name(t), want);
        sql_result_error(c, msg, -1);
        return -1;
    }
    return 0;
}

size_t sql_utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char b = s[0];
    size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3
               : (b & 0xF8) == 0xF0 ? 4 : 0;
    uint32_t v = len == 1 ? b : len == 2 ? b & 0x1Fu : len == 3 ? b & 0x0Fu : b & 0x07u;
    if (len == 0 || len > n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    *cp = v;
    return len;
}

size_t sql_utf8_put(uint32_t cp, unsigned char out[4])
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (cp >> 12));
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (cp >> 18));
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t sql_utf8_count(const unsigned char *s, size_t n)
{
    size_t k = 0;
    uint32_t cp;
    for (size_t i = 0; i < n; k++)
        i += sql_utf8_next(s + i, n - i, &cp);
    return k;
}

void sql_fbuf_add(sql_fbuf *b, const void *p, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *s = sqlite3_realloc64(b->s, cap);
        if (!s) {
            b->oom = 1;
            return;
        }
        b->s = s, b->cap = cap;
    }
    if (n)
        memcpy(b->s + b->n, p, n);
    b->n += n;
    b->s[b->n] = '\0';
}

void sql_fbuf_result_text(sqlite3_context *c, sql_fbuf *b)
{
    if (b->oom) {
        sqlite3_free(b->s);
        sqlite3_result_error_nomem(c);
    } else if (!b->s) {
        sqlite3_result_text(c, "", 0, SQLITE_STATIC);
    } else {
        sqlite3_result_text64(c, b->s, b->n, sqlite3_free, SQLITE_UTF8);
    }
    b->s = NULL;
}

void sql_jarr_begin(sql_fbuf *b)
{
    memset(b, 0, sizeof *b);
    sql_fbuf_add(b, "[", 1);
}

static void jarr_sep(sql_fbuf *b)
{
    if (b->n > 1)
        sql_fbuf_add(b, ",", 1);
}

void sql_jarr_add_str(sql_fbuf *b, const char *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    jarr_sep(b);
    sql_fbuf_add(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        char esc[6] = { '\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15] };
        if (ch == '"' || ch == '\\') {
            char two[2] = { '\\', (char)ch };
            sql_fbuf_add(b, two, 2);
        } else if (ch < 0x20) {
            sql_fbuf_add(b, esc, 6);
        } else {
            sql_fbuf_add(b, &p[i], 1);
        }
    }
    sql_fbuf_add(b, "\"", 1);
}

void sql_jarr_add_null(sql_fbuf *b)
{
    jarr_sep(b);
    sql_fbuf_add(b, "null", 4);
}

void sql_jarr_result(sqlite3_context *c, sql_fbuf *b)
{
    sql_fbuf_add(b, "]", 1);
    if (b->oom)
        sqlite3_result_error_nomem(c);
    else
        sql_value_result_tagged(c, SQL_VT_ARRAY, b->s, b->n);
    sqlite3_free(b->s);
    b->s = NULL;
}

/* ---- functions ---- */

static const char *fn_name(sqlite3_context *c)
{
    return (const char *)sql_fn_data(c);
}

static const unsigned str1[] = { SQL_VTM_STR, SQL_VTM_STR, SQL_VTM_STR };

/* The case mappings of the C.UTF-8 locale, whatever locale the server runs in, so that
 * LOWER('É') is 'é' as in Rockset (its functions are not locale-dependent). */
static locale_t utf8_loc;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

static void utf8_loc_init(void)
{
    utf8_loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

static uint32_t map_case(uint32_t cp, int upper)
{
    if (cp < 0x80)
        return upper ? (cp >= 'a' && cp <= 'z' ? cp - 32 : cp)
                     : (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    if (!utf8_loc)
        return cp;                      /* no UTF-8 tables here: non-ASCII unchanged */
    return (uint32_t)(upper ? towupper_l((wint_t)cp, utf8_loc)
                            : towlower_l((wint_t)cp, utf8_loc));
}

static int is_space_cp(uint32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= '\t' && cp <= '\r');
    return utf8_loc && iswspace_l((wint_t)cp, utf8_loc);
}

static void fn_case(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *name = fn_name(c);
    int upper = name[0] == 'U';
    if (sql_fn_args(c, name, n, v, str1) != 0)
        return;
    pthread_once(&utf8_once, utf8_loc_init);
    const unsigned char *s = sqlite3_value_text(v[0]);
    size_t len = (size_t)sqlite3_value_bytes(v[0]);
    sql_fbuf b = { 0 };
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = sql_utf8_next(s + i, len - i, &cp);
        unsigned char out[4];
        if (cp == 0xFFFD && k == 1)
            sql_fbuf_add(&b, s + i, 1);              /* keep a stray byte as it was */
        else
            sql_fbuf_add(&b, out, sql_utf8_put(map_case(cp, upper), out));
        i += k;
    }
    sql_fbuf_result_text(c, &b);
}

/* TRIM, LTRIM, RTRIM: white space (Unicode's) off either end. */
static void fn_trim(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *name = fn_name(c);
    if (sql_fn_args(c, name, n, v, str1) != 0)
        return;
    pthread_once(&utf8_once, utf8_loc_init);
    int left = name[0] != 'R', right = name[0] != 'L';
    const unsigned char *s = sqlite3_value_text(v[0]);
    size_t len = (size_t)sqlite3_value_bytes(v[0]), start = 0, end = 0, i = 0;
    int seen = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = sql_utf8_next(s + i, len - i, &cp);
        if (!is_space_cp(cp)) {
            if (!seen)
                start = i;
            seen = 1;
            end = i + k;
        }
        i += k;
    }
    if (!seen)
        start = end = left ? len : 0;
    if (!left)
        start = 0;
    if (!right)
        end = len;
    if (end < start)
        end = start;
    sqlite3_result_text64(c, (const char *)s + start, end - start, SQLITE_TRANSIENT,
                          SQLITE_UTF8);
}

/* Byte offset of code point k of s (len bytes); len when s has fewer. */
static size_t cp_offset(const unsigned char *s, size_t len, long long k)
{
    size_t i = 0;
    uint32_t cp;
    while (k-- > 0 && i < len)
        i += sql_utf8_next(s + i, len - i, &cp);
    return i;
}

/* LPAD / RPAD(s, size, pad): pad to size code points; a longer s is cut to size. */
static void fn_pad(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *name = fn_name(c);
    static const unsigned m[] = { SQL_VTM_STR, SQL_VTM_INT, SQL_VTM_STR };
    if (sql_fn_args(c, name, n, v, m) != 0)
        return;
    long long size = sqlite3_value_int64(v[1]);
    const unsigned char *s = sqlite3_value_text(v[0]), *p = sqlite3_value_text(v[2]);
    size_t ls = (size_t)sqlite3_value_bytes(v[0]), lp = (size_t)sqlite3_value_bytes(v[2]);
    if (size < 0 || size > 100000000LL)
        { sql_fn_error(c, name, "size must be between 0 and 100000000"); return; }
    if (lp == 0)
        { sql_fn_error(c, name, "the padding string must not be empty"); return; }
    size_t have = sql_utf8_count(s, ls), pad_cps = sql_utf8_count(p, lp);
    if ((long long)have >= size) {
        sqlite3_result_text64(c, (const char *)s, cp_offset(s, ls, size), SQLITE_TRANSIENT,
                              SQLITE_UTF8);
        return;
    }
    size_t need = (size_t)size - have;
    sql_fbuf b = { 0 };
    if (name[0] == 'R')
        sql_fbuf_add(&b, s, ls);
    for (; need >= pad_cps; need -= pad_cps)
        sql_fbuf_add(&b, p, lp);
    sql_fbuf_add(&b, p, cp_offset(p, lp, (long long)need));
    if (name[0] == 'L')
        sql_fbuf_add(&b, s, ls);
    sql_fbuf_result_text(c, &b);
}

/* REPLACE(s, search[, replacement]): every occurrence; without a replacement they are
 * removed. An empty search puts the replacement before each code point and at the end. */
static void fn_replace(sqlite3_context *c, int n, sqlite3_value **v)
{
    if (sql_fn_args(c, "REPLACE", n, v, str1) != 0)
        return;
    const char *s = (const char *)sqlite3_value_text(v[0]);
    const char *f = (const char *)sqlite3_value_text(v[1]);
    const char *r = n > 2 ? (const char *)sqlite3_value_text(v[2]) : "";
    size_t ls = (size_t)sqlite3_value_bytes(v[0]), lf = (size_t)sqlite3_value_bytes(v[1]);
    size_t lr = n > 2 ? (size_t)sqlite3_value_bytes(v[2]) : 0;
    sql_fbuf b = { 0 };
    if (lf == 0) {
        for (size_t i = 0; i < ls;) {
            uint32_t cp;
            size_t k = sql_utf8_next((const unsigned char *)s + i, ls - i, &cp);
            sql_fbuf_add(&b, r, lr);
            sql_fbuf_add(&b, s + i, k);
            i += k;
        }
        sql_fbuf_add(&b, r, lr);
        sql_fbuf_result_text(c, &b);
        return;
    }
    const char *p = s, *hit;
    while ((hit = memmem(p, ls - (size_t)(p - s), f, lf)) != NULL) {
        sql_fbuf_add(&b, p, (size_t)(hit - p));
        sql_fbuf_add(&b, r, lr);
        p = hit + lf;
    }
    sql_fbuf_add(&b, p, ls - (size_t)(p - s));
    sql_fbuf_result_text(c, &b);
}

/* SPLIT(s, delimiter[, limit]): an array of strings; with a limit the last element holds
 * the rest of s. */
static void fn_split(sqlite3_context *c, int n, sqlite3_value **v)
{
    static const unsigned m[] = { SQL_VTM_STR, SQL_VTM_STR, SQL_VTM_INT };
    if (sql_fn_args(c, "SPLIT", n, v, m) != 0)
        return;
    const char *s = (const char *)sqlite3_value_text(v[0]);
    const char *d = (const char *)sqlite3_value_text(v[1]);
    size_t ls = (size_t)sqlite3_value_bytes(v[0]), ld = (size_t)sqlite3_value_bytes(v[1]);
    long long limit = n > 2 ? sqlite3_value_int64(v[2]) : -1;
    if (ld == 0)
        { sql_fn_error(c, "SPLIT", "the delimiter must not be empty"); return; }
    if (n > 2 && limit <= 0)
        { sql_fn_error(c, "SPLIT", "the limit must be positive"); return; }
    sql_fbuf b;
    sql_jarr_begin(&b);
    const char *p = s, *hit;
    long long parts = 1;
    while ((limit < 0 || parts < limit) &&
           (hit = memmem(p, ls - (size_t)(p - s), d, ld)) != NULL) {
        sql_jarr_add_str(&b, p, (size_t)(hit - p));
        p = hit + ld;
        parts++;
    }
    sql_jarr_add_str(&b, p, ls - (size_t)(p - s));
    sql_jarr_result(c, &b);
}

/* SUBSTR(s, start[, length]): start counts from 1, a negative start from the end; start 0
 * or past either end gives ''. */
static void fn_substr(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *name = fn_name(c);
    static const unsigned m[] = { SQL_VTM_STR, SQL_VTM_INT, SQL_VTM_INT };
    if (sql_fn_args(c, name, n, v, m) != 0)
        return;
    const unsigned char *s = sqlite3_value_text(v[0]);
    size_t ls = (size_t)sqlite3_value_bytes(v[0]);
    long long cps = (long long)sql_utf8_count(s, ls), start = sqlite3_value_int64(v[1]);
    long long len = n > 2 ? sqlite3_value_int64(v[2]) : cps;
    if (n > 2 && len < 0)
        { sql_fn_error(c, name, "length must not be negative"); return; }
    if (start < 0)
        start += cps + 1;
    if (start <= 0 || start > cps || len == 0) {
        sqlite3_result_text(c, "", 0, SQLITE_STATIC);
        return;
    }
    size_t from = cp_offset(s, ls, start - 1);
    size_t to = len >= cps - start + 1 ? ls : from + cp_offset(s + from, ls - from, len);
    sqlite3_result_text64(c, (const char *)s + from, to - from, SQLITE_TRANSIENT, SQLITE_UTF8);
}

/* STRPOS(s, sub): the code point position of the first sub in s (from 1), 0 if none. */
static void fn_strpos(sqlite3_context *c, int n, sqlite3_value **v)
{
    if (sql_fn_args(c, "STRPOS", n, v, str1) != 0)
        return;
    const char *s = (const char *)sqlite3_value_text(v[0]);
    const char *f = (const char *)sqlite3_value_text(v[1]);
    size_t ls = (size_t)sqlite3_value_bytes(v[0]), lf = (size_t)sqlite3_value_bytes(v[1]);
    const char *hit = memmem(s, ls, f, lf);
    sqlite3_result_int64(c, hit ? (long long)sql_utf8_count((const unsigned char *)s,
                                                            (size_t)(hit - s)) + 1 : 0);
}

/* STARTS_WITH / ENDS_WITH(s, affix): a bool. */
static void fn_affix(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *name = fn_name(c);
    if (sql_fn_args(c, name, n, v, str1) != 0)
        return;
    const char *s = (const char *)sqlite3_value_text(v[0]);
    const char *a = (const char *)sqlite3_value_text(v[1]);
    size_t ls = (size_t)sqlite3_value_bytes(v[0]), la = (size_t)sqlite3_value_bytes(v[1]);
    int ends = name[0] == 'E';
    sql_value_result_bool(c, la <= ls && memcmp(ends ? s + ls - la : s, a, la) == 0);
}

/* CONCAT(s, ...): strings only, as Rockset's || (a null anywhere gives null). */
static void fn_concat(sqlite3_context *c, int n, sqlite3_value **v)
{
    for (int i = 0; i < n; i++) {
        unsigned m = SQL_VTM_STR;
        int rc = sql_fn_args(c, "CONCAT", 1, v + i, &m);
        if (rc == -1) {
            char msg[160];
            snprintf(msg, sizeof msg, "CONCAT: argument %d has type %s, expected string",
                     i + 1, sql_vt_name(sql_value_type(v[i])));
            sql_result_error(c, msg, -1);
        }
        if (rc != 0)
            return;
    }
    sql_fbuf b = { 0 };
    for (int i = 0; i < n; i++)
        sql_fbuf_add(&b, sqlite3_value_text(v[i]), (size_t)sqlite3_value_bytes(v[i]));
    sql_fbuf_result_text(c, &b);
}

/* The code points of a string value into a sqlite3_malloc'd array (*k of them). */
static uint32_t *code_points(sqlite3_value *v, size_t *k)
{
    const unsigned char *s = sqlite3_value_text(v);
    size_t len = (size_t)sqlite3_value_bytes(v), n = 0;
    uint32_t *cps = sqlite3_malloc64((len + 1) * sizeof *cps);
    if (!cps)
        return NULL;
    for (size_t i = 0; i < len; n++)
        i += sql_utf8_next(s + i, len - i, &cps[n]);
    *k = n;
    return cps;
}

/* LEVENSHTEIN_DISTANCE(a, b): edits (insert, delete, replace a code point) from a to b,
 * by the classic two-row dynamic programme. */
static void fn_levenshtein(sqlite3_context *c, int n, sqlite3_value **v)
{
    if (sql_fn_args(c, "LEVENSHTEIN_DISTANCE", n, v, str1) != 0)
        return;
    size_t la = 0, lb = 0;
    uint32_t *a = code_points(v[0], &la), *b = code_points(v[1], &lb);
    long long *row = sqlite3_malloc64((lb + 1) * sizeof *row);
    if (!a || !b || !row) {
        sqlite3_result_error_nomem(c);
        goto out;
    }
    for (size_t j = 0; j <= lb; j++)
        row[j] = (long long)j;
    for (size_t i = 1; i <= la; i++) {
        long long diag = row[0];
        row[0] = (long long)i;
        for (size_t j = 1; j <= lb; j++) {
            long long up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    sqlite3_result_int64(c, row[lb]);
out:
    sqlite3_free(a);
    sqlite3_free(b);
    sqlite3_free(row);
}

/* REVERSE(s): the code points in reverse order. */
static void fn_reverse(sqlite3_context *c, int n, sqlite3_value **v)
{
    if (sql_fn_args(c, "REVERSE", n, v, str1) != 0)
        return;
    const unsigned char *s = sqlite3_value_text(v[0]);
    size_t len = (size_t)sqlite3_value_bytes(v[0]);
    char *r = sqlite3_malloc64(len + 1);
    if (!r) {
        sqlite3_result_error_nomem(c);
        return;
    }
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = sql_utf8_next(s + i, len - i, &cp);
        memcpy(r + len - i - k, s + i, k);
        i += k;
    }
    sqlite3_result_text64(c, r, len, sqlite3_free, SQLITE_UTF8);
}

void sql_fn_string_register(sqlite3 *db)
{
    static const struct {
        const char *name;
        int nargs;
        void (*fn)(sqlite3_context *, int, sqlite3_value **);
    } defs[] = {
        { "LOWER", 1, fn_case }, { "UPPER", 1, fn_case }, { "TRIM", 1, fn_trim },
        { "LTRIM", 1, fn_trim }, { "RTRIM", 1, fn_trim }, { "LPAD", 3, fn_pad },
        { "RPAD", 3, fn_pad }, { "REPLACE", 2, fn_replace }, { "REPLACE", 3, fn_replace },
        { "SPLIT", 2, fn_split }, { "SPLIT", 3, fn_split }, { "SUBSTR", 2, fn_substr },
        { "SUBSTR", 3, fn_substr }, { "SUBSTRING", 2, fn_substr },
        { "SUBSTRING", 3, fn_substr }, { "STRPOS", 2, fn_strpos },
        { "STARTS_WITH", 2, fn_affix }, { "ENDS_WITH", 2, fn_affix },
        { "CONCAT", -1, fn_concat }, { "LEVENSHTEIN_DISTANCE", 2, fn_levenshtein },
        { "REVERSE", 1, fn_reverse },
    };
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
        sql_fn_register(db, defs[i].name, defs[i].nargs,
                        SQLITE_UTF8 | SQLITE_DETERMINISTIC, (void *)defs[i].name,
                        defs[i].fn);
}
