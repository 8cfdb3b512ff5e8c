/* SPDX-License-Identifier: Apache-2.0 */
/* Rockset's regular-expression functions (REGEXP_LIKE, REGEXP_EXTRACT, REGEXP_EXTRACT_ALL,
 * REGEXP_REPLACE, REGEXP_SPLIT) over libc's POSIX extended regular expressions, so the
 * server needs no regex library. Rockset writes patterns in RE2 syntax; the common RE2
 * escapes (\d \s \w and their negations, \t \n) and a leading (?i) are rewritten into
 * their POSIX forms before regcomp. A pattern POSIX cannot compile is an error naming the
 * function. */
#include "server/sql/sql_fn_util.h"
#include "server/sql/sql_functions.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct rx {
    regex_t re;
    size_t nsub;
} rx;

static void rx_free(void *p)
{
    regfree(&((rx *)p)->re);
    free(p);
}

/* The POSIX form of RE2 escape e, inside a bracket expression or not; NULL when POSIX
 * reads \e as RE2 does (or e stands for itself). */
static const char *escape_form(char e, int in_bracket)
{
    static const char *const out[][3] = {
        { "d", "[0-9]", "0-9" }, { "D", "[^0-9]", NULL }, { "s", "[[:space:]]", "[:space:]" },
        { "S", "[^[:space:]]", NULL }, { "w", "[[:alnum:]_]", "[:alnum:]_" },
        { "W", "[^[:alnum:]_]", NULL }, { "t", "\t", "\t" }, { "n", "\n", "\n" },
    };
    for (size_t i = 0; i < sizeof out / sizeof out[0]; i++)
        if (out[i][0][0] == e)
            return out[i][in_bracket ? 2 : 1];
    return NULL;
}

/* pat in RE2 syntax -> POSIX ERE text in b; *icase set by a leading (?i). */
static void rewrite(const char *pat, sql_fbuf *b, int *icase)
{
    int in_br = 0;
    *icase = strncmp(pat, "(?i)", 4) == 0;
    for (const char *p = pat + (*icase ? 4 : 0); *p; p++) {
        if (*p == '\\' && p[1]) {
            const char *f = escape_form(p[1], in_br);
            if (f)
                sql_fbuf_add(b, f, strlen(f));
            else if (in_br)
                sql_fbuf_add(b, p + 1, 1);           /* POSIX brackets take \ literally */
            else
                sql_fbuf_add(b, p, 2);
            p++;
            continue;
        }
        if (!in_br && *p == '[') {
            in_br = 1;
            sql_fbuf_add(b, p, 1);
            if (p[1] == '^')
                sql_fbuf_add(b, ++p, 1);
            if (p[1] == ']')
                sql_fbuf_add(b, ++p, 1);             /* a leading ] is a member */
            continue;
        }
        if (in_br && *p == ']')
            in_br = 0;
        sql_fbuf_add(b, p, 1);
    }
}

/* The compiled pattern of argument i, cached for the statement by SQLite's auxdata (the
 * pattern is nearly always a literal). NULL with the error set when it does not compile. */
static rx *pattern(sqlite3_context *c, const char *fn, sqlite3_value **v, int i)
{
    rx *r = sqlite3_get_auxdata(c, i);
    if (r)
        return r;
    sql_fbuf b = { 0 };
    int icase;
    rewrite((const char *)sqlite3_value_text(v[i]), &b, &icase);
    r = calloc(1, sizeof *r);
    if (b.oom || !r) {
        sqlite3_free(b.s);
        free(r);
        sqlite3_result_error_nomem(c);
        return NULL;
    }
    int rc = regcomp(&r->re, b.s ? b.s : "", REG_EXTENDED | (icase ? REG_ICASE : 0));
    sqlite3_free(b.s);
    if (rc != 0) {
        char err[128], msg[256];
        regerror(rc, &r->re, err, sizeof err);
        free(r);
        snprintf(msg, sizeof msg, "invalid regular expression: %s", err);
        sql_fn_error(c, fn, msg);
        return NULL;
    }
    r->nsub = r->re.re_nsub;
    sqlite3_set_auxdata(c, i, r, rx_free);
    r = sqlite3_get_auxdata(c, i);               /* SQLite frees it at once when out of memory */
    if (!r)
        sqlite3_result_error_nomem(c);
    return r;
}

static const unsigned two_str[] = { SQL_VTM_STR, SQL_VTM_STR, SQL_VTM_STR };
static const unsigned str_str_int[] = { SQL_VTM_STR, SQL_VTM_STR, SQL_VTM_INT };

/* Arguments and pattern of a call; 0 go on, else the result (null or error) is set. */
static int setup(sqlite3_context *c, const char *fn, int n, sqlite3_value **v,
                 const unsigned *m, rx **r)
{
    if (sql_fn_args(c, fn, n, v, m) != 0)
        return -1;
    *r = pattern(c, fn, v, 1);
    return *r ? 0 : -1;
}

/* The group argument of EXTRACT / EXTRACT_ALL (0 = whole match); -1 error set. */
static long long group_arg(sqlite3_context *c, const char *fn, int n, sqlite3_value **v,
                           const rx *r)
{
    long long g = n > 2 ? sqlite3_value_int64(v[2]) : 0;
    if (g < 0 || (size_t)g > r->nsub) {
        char msg[128];
        snprintf(msg, sizeof msg, "pattern has %zu groups, group %lld requested", r->nsub, g);
        sql_fn_error(c, fn, msg);
        return -1;
    }
    return g;
}

/* Next match in s from offset at (bytes); 0 found. After an empty match the caller steps
 * one code point on, so every loop ends. */
static int next_match(const rx *r, const char *s, size_t at, regmatch_t *m, size_t nm)
{
    int rc = regexec(&r->re, s + at, nm, m, at > 0 ? REG_NOTBOL : 0);
    if (rc != 0)
        return -1;
    for (size_t i = 0; i < nm; i++)
        if (m[i].rm_so >= 0)
            m[i].rm_so += (regoff_t)at, m[i].rm_eo += (regoff_t)at;
    return 0;
}

static size_t step(const char *s, size_t len, size_t at)
{
    uint32_t cp;
    return at < len ? sql_utf8_next((const unsigned char *)s + at, len - at, &cp) : 1;
}

static void fn_like(sqlite3_context *c, int n, sqlite3_value **v)
{
    rx *r;
    if (setup(c, "REGEXP_LIKE", n, v, two_str, &r) != 0)
        return;
    sql_value_result_bool(c, regexec(&r->re, (const char *)sqlite3_value_text(v[0]), 0, NULL,
                                     0) == 0);
}

/* REGEXP_EXTRACT(s, pattern[, group]): the first match (or its group), null if none. */
static void fn_extract(sqlite3_context *c, int n, sqlite3_value **v)
{
    rx *r;
    if (setup(c, "REGEXP_EXTRACT", n, v, str_str_int, &r) != 0)
        return;
    long long g = group_arg(c, "REGEXP_EXTRACT", n, v, r);
    regmatch_t m[10];
    if (g < 0)
        return;
    if (g > 9)
        { sql_fn_error(c, "REGEXP_EXTRACT", "groups past 9 are not supported"); return; }
    const char *s = (const char *)sqlite3_value_text(v[0]);
    if (next_match(r, s, 0, m, (size_t)g + 1) != 0 || m[g].rm_so < 0)
        return;
    sqlite3_result_text64(c, s + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so),
                          SQLITE_TRANSIENT, SQLITE_UTF8);
}

/* REGEXP_EXTRACT_ALL(s, pattern[, group]): every match (or its group) as an array. */
static void fn_extract_all(sqlite3_context *c, int n, sqlite3_value **v)
{
    rx *r;
    if (setup(c, "REGEXP_EXTRACT_ALL", n, v, str_str_int, &r) != 0)
        return;
    long long g = group_arg(c, "REGEXP_EXTRACT_ALL", n, v, r);
    if (g < 0)
        return;
    if (g > 9)
        { sql_fn_error(c, "REGEXP_EXTRACT_ALL", "groups past 9 are not supported"); return; }
    const char *s = (const char *)sqlite3_value_text(v[0]);
    size_t len = (size_t)sqlite3_value_bytes(v[0]), at = 0;
    regmatch_t m[10];
    sql_fbuf b;
    sql_jarr_begin(&b);
    while (at <= len && next_match(r, s, at, m, (size_t)g + 1) == 0) {
        if (m[g].rm_so < 0)
            sql_jarr_add_null(&b);
        else
            sql_jarr_add_str(&b, s + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so));
        at = (size_t)m[0].rm_eo + (m[0].rm_eo == m[0].rm_so ? step(s, len, (size_t)m[0].rm_eo) : 0);
    }
    sql_jarr_result(c, &b);
}

/* The replacement text for one match: $0-$9 stand for groups, \$ for a dollar sign. */
static void add_replacement(sql_fbuf *b, const char *rep, const char *s, const regmatch_t *m,
                            size_t nsub)
{
    for (const char *p = rep; *p; p++) {
        if (*p == '\\' && (p[1] == '$' || p[1] == '\\')) {
            sql_fbuf_add(b, ++p, 1);
        } else if (*p == '$' && p[1] >= '0' && p[1] <= '9' && (size_t)(p[1] - '0') <= nsub) {
            const regmatch_t *g = &m[p[1] - '0'];
            if (g->rm_so >= 0)
                sql_fbuf_add(b, s + g->rm_so, (size_t)(g->rm_eo - g->rm_so));
            p++;
        } else {
            sql_fbuf_add(b, p, 1);
        }
    }
}

/* REGEXP_REPLACE(s, pattern[, replacement]): every match replaced (removed without one). */
static void fn_replace(sqlite3_context *c, int n, sqlite3_value **v)
{
    rx *r;
    if (setup(c, "REGEXP_REPLACE", n, v, two_str, &r) != 0)
        return;
    const char *s = (const char *)sqlite3_value_text(v[0]);
    const char *rep = n > 2 ? (const char *)sqlite3_value_text(v[2]) : "";
    size_t len = (size_t)sqlite3_value_bytes(v[0]), at = 0;
    size_t nm = r->nsub < 9 ? r->nsub + 1 : 10;
    regmatch_t m[10];
    sql_fbuf b = { 0 };
    while (at <= len && next_match(r, s, at, m, nm) == 0) {
        sql_fbuf_add(&b, s + at, (size_t)m[0].rm_so - at);
        add_replacement(&b, rep, s, m, nm - 1);
        at = (size_t)m[0].rm_eo;
        if (m[0].rm_eo == m[0].rm_so) {                 /* keep the code point we step over */
            size_t k = at < len ? step(s, len, at) : 0;
            sql_fbuf_add(&b, s + at, k);
            at += k ? k : 1;
        }
    }
    if (at < len)
        sql_fbuf_add(&b, s + at, len - at);
    sql_fbuf_result_text(c, &b);
}

/* REGEXP_SPLIT(s, pattern): the pieces between matches, as an array. */
static void fn_split(sqlite3_context *c, int n, sqlite3_value **v)
{
    rx *r;
    if (setup(c, "REGEXP_SPLIT", n, v, two_str, &r) != 0)
        return;
    const char *s = (const char *)sqlite3_value_text(v[0]);
    size_t len = (size_t)sqlite3_value_bytes(v[0]), at = 0, piece = 0;
    regmatch_t m[1];
    sql_fbuf b;
    sql_jarr_begin(&b);
    while (at < len && next_match(r, s, at, m, 1) == 0) {
        if (m[0].rm_eo == m[0].rm_so) {                 /* an empty match splits nothing */
            at = (size_t)m[0].rm_eo + step(s, len, (size_t)m[0].rm_eo);
            continue;
        }
        sql_jarr_add_str(&b, s + piece, (size_t)m[0].rm_so - piece);
        piece = at = (size_t)m[0].rm_eo;
    }
    sql_jarr_add_str(&b, s + piece, len - piece);
    sql_jarr_result(c, &b);
}

void sql_fn_regex_register(sqlite3 *db)
{
    static const struct {
        const char *name;
        int nargs;
        void (*fn)(sqlite3_context *, int, sqlite3_value **);
    } defs[] = {
        { "REGEXP_LIKE", 2, fn_like }, { "REGEXP_EXTRACT", 2, fn_extract },
        { "REGEXP_EXTRACT", 3, fn_extract }, { "REGEXP_EXTRACT_ALL", 2, fn_extract_all },
        { "REGEXP_EXTRACT_ALL", 3, fn_extract_all }, { "REGEXP_REPLACE", 2, fn_replace },
        { "REGEXP_REPLACE", 3, fn_replace }, { "REGEXP_SPLIT", 2, fn_split },
    };
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
        sql_fn_register(db, defs[i].name, defs[i].nargs,
                        SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, defs[i].fn);
}
