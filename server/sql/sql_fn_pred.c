/* SPDX-License-Identifier: Apache-2.0 */
/* The predicates IN, BETWEEN and LIKE with Rockset's typing, emitted by sql_tr_pred.c where
 * the operand types are not statically known to agree: rs_in(x, v1, ...), rs_between(x, lo,
 * hi) and rs_like(x, pattern[, escape]). SQLite's own operators compare across types by its
 * storage-class order (1 IN ('1') is false, so NOT (1 IN ('1')) is true) and its LIKE
 * ignores ASCII case and reads numbers as text; Rockset answers null for a comparison of
 * two different types, and the three-valued logic of SQL turns that null into the whole
 * predicate's null unless another comparison decides it. */
#include "server/sql/sql_value.h"

#include <string.h>

/* x IN (v1, ...) = x = v1 OR x = v2 OR ...: true on a match, else null when some
 * comparison was null (a null, an undefined or another type), else false. */
static void fn_in(sqlite3_context *c, int n, sqlite3_value **v)
{
    int unknown = 0, r;
    for (int i = 1; i < n; i++) {
        if (sql_value_cmp(v[0], v[i], &r) != 0)
            unknown = 1;
        else if (r == 0) {
            sql_value_result_bool(c, 1);
            return;
        }
    }
    if (!unknown)
        sql_value_result_bool(c, 0);
}

/* The class of a type for equality: ints and floats compare with each other. */
static unsigned type_bit(sql_vt t) { return 1u << (t == SQL_VT_FLOAT ? SQL_VT_INT : t); }

/* rs_type_mask(v): aggregate, the set of the types of the values it was given (one bit per
 * type class; null and undefined share the null bit), 0 for none. */
static void mask_step(sqlite3_context *c, int n, sqlite3_value **v)
{
    unsigned *m = sqlite3_aggregate_context(c, sizeof *m);
    sql_vt t = sql_value_type(v[0]);
    (void)n;
    if (!m)
        sqlite3_result_error_nomem(c);
    else
        *m |= type_bit(t == SQL_VT_UNDEFINED ? SQL_VT_NULL : t);
}

static void mask_final(sqlite3_context *c)
{
    unsigned *m = sqlite3_aggregate_context(c, 0);
    sqlite3_result_int64(c, m ? (sqlite3_int64)*m : 0);
}

/* The type of the x each IN (subquery) site (the translator's number) last read on this
 * thread: rs_in_note(x, site) in the IN's left side records it, rs_in_miss(site, mask) in the
 * branch SQLite takes right after, for the same row, reads it, so that x, often a field of
 * the document, is read once per row (sql_tr_pred.c). */
static _Thread_local unsigned char in_noted[SQL_IN_SITES];

static void fn_in_note(sqlite3_context *c, int n, sqlite3_value **v)
{
    sqlite3_int64 site = sqlite3_value_int64(v[1]);
    (void)n;
    if (site >= 0 && site < SQL_IN_SITES)
        in_noted[site] = (unsigned char)sql_value_type(v[0]);
    sqlite3_result_value(c, v[0]);
}

/* What x IN (subquery) is where SQLite's IN found no match, from x's type t and the mask of
 * the types the subquery gave: 0 false (also for no values at all, whatever x: SQLite need
 * not read x then); 1 null (x is null, the subquery gave a null, or a value of another type
 * class than x's, whose comparison was null); 2 x is an array or an object, to be compared
 * value by value (SQLite compared their bytes). */
static int in_miss(sql_vt t, unsigned mask)
{
    if (mask == 0)
        return 0;
    if (t == SQL_VT_NULL || t == SQL_VT_UNDEFINED)
        return 1;
    if (t == SQL_VT_ARRAY || t == SQL_VT_OBJECT)
        return 2;
    return (mask & ~type_bit(t)) != 0;
}

/* rs_in_miss(site, mask): in_miss of the x its site noted. */
static void fn_in_miss(sqlite3_context *c, int n, sqlite3_value **v)
{
    sqlite3_int64 site = sqlite3_value_int64(v[0]);
    sql_vt t = site >= 0 && site < SQL_IN_SITES ? (sql_vt)in_noted[site] : SQL_VT_NULL;
    (void)n;
    sqlite3_result_int(c, in_miss(t, (unsigned)sqlite3_value_int64(v[1])));
}

/* rs_in_miss_x(x, mask): in_miss of x itself (past SQL_IN_SITES sites). */
static void fn_in_miss_x(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    sqlite3_result_int(c, in_miss(sql_value_type(v[0]), (unsigned)sqlite3_value_int64(v[1])));
}

/* rs_in_agg(x, v): aggregate, x IN (the values v) with the comparison of the value model:
 * true on a match, else null when a comparison was null (a null, another type), else false
 * (also over no rows). */
typedef struct in_agg {
    int found, unknown;
} in_agg;

static void in_agg_step(sqlite3_context *c, int n, sqlite3_value **v)
{
    in_agg *a = sqlite3_aggregate_context(c, sizeof *a);
    int r;
    (void)n;
    if (!a) {
        sqlite3_result_error_nomem(c);
        return;
    }
    if (a->found)
        return;
    if (sql_value_cmp(v[0], v[1], &r) != 0)
        a->unknown = 1;
    else if (r == 0)
        a->found = 1;
}

static void in_agg_final(sqlite3_context *c)
{
    in_agg *a = sqlite3_aggregate_context(c, 0);
    if (!a || a->found || !a->unknown)
        sql_value_result_bool(c, a && a->found);
}

/* x BETWEEN lo AND hi = x >= lo AND x <= hi (Rockset's conditional expressions page):
 * false as soon as one side is false, null when neither is false but one is null. */
static void fn_between(sqlite3_context *c, int n, sqlite3_value **v)
{
    int rl, rh;
    int kl = sql_value_cmp(v[0], v[1], &rl) == 0, kh = sql_value_cmp(v[0], v[2], &rh) == 0;
    (void)n;
    if ((kl && rl < 0) || (kh && rh > 0))
        sql_value_result_bool(c, 0);
    else if (kl && kh)
        sql_value_result_bool(c, 1);
}

/* Length of the UTF-8 character at p (1 for a stray byte, so that matching always moves). */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    size_t k = *p < 0x80 ? 1 : *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 1;
    return k <= n ? k : 1;
}

typedef struct like_pat {
    const unsigned char *p;
    size_t n;
    int esc;                    /* escape byte, -1 when none */
} like_pat;

/* Whether s[0, sn) matches pattern pt from offset pi: % any run of characters, _ one
 * character, the escape character makes the next one literal; case-sensitive, character by
 * character. Backtracks only to the last %, which makes it linear in practice. */
static int like_match(const like_pat *pt, const unsigned char *s, size_t sn)
{
    size_t pi = 0, si = 0, star_p = (size_t)-1, star_s = 0;
    while (si < sn) {
        if (pi < pt->n && pt->p[pi] == '%') {
            star_p = ++pi;
            star_s = si;
            continue;
        }
        if (pi < pt->n) {
            size_t cl = utf8_len(s + si, sn - si);
            if (pt->p[pi] == '_') {
                pi++, si += cl;
                continue;
            }
            size_t q = pi + (pt->esc >= 0 && pt->p[pi] == (unsigned char)pt->esc);
            size_t pl = q < pt->n ? utf8_len(pt->p + q, pt->n - q) : 0;
            if (pl == cl && memcmp(pt->p + q, s + si, cl) == 0) {
                pi = q + pl, si += cl;
                continue;
            }
        }
        if (star_p == (size_t)-1)
            return 0;
        pi = star_p;
        si = star_s += utf8_len(s + star_s, sn - star_s);
    }
    while (pi < pt->n && pt->p[pi] == '%')
        pi++;
    return pi == pt->n;
}

/* x LIKE pattern [ESCAPE e]: a string against a string pattern; null when either is null,
 * undefined or no string (Rockset's comparisons of other types are null as well). */
static void fn_like(sqlite3_context *c, int n, sqlite3_value **v)
{
    like_pat pt = { NULL, 0, -1 };
    for (int i = 0; i < n; i++)
        if (sql_value_type(v[i]) != SQL_VT_STRING)
            return;
    if (n == 3) {
        const unsigned char *e = sqlite3_value_text(v[2]);
        if (!e || sqlite3_value_bytes(v[2]) != 1) {
            sql_result_error(c, "The ESCAPE of LIKE must be a single character", -1);
            return;
        }
        pt.esc = e[0];
    }
    pt.p = sqlite3_value_text(v[1]);
    pt.n = (size_t)sqlite3_value_bytes(v[1]);
    const unsigned char *s = sqlite3_value_text(v[0]);
    size_t sn = (size_t)sqlite3_value_bytes(v[0]);
    if (!pt.p || !s)
        return;
    if (pt.esc >= 0)
        for (size_t i = 0; i < pt.n; i++)
            if (pt.p[i] == (unsigned char)pt.esc && ++i >= pt.n) {
                sql_result_error(c, "A LIKE pattern must not end with its ESCAPE "
                                        "character", -1);
                return;
            }
    sql_value_result_bool(c, like_match(&pt, s, sn));
}

void sql_pred_register(sqlite3 *db)
{
    int f = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    sql_fn_register(db, "rs_in", -1, f, NULL, fn_in);
    sql_fn_register(db, "rs_in_note", 2, f, NULL, fn_in_note);
    sql_fn_register(db, "rs_in_miss", 2, f, NULL, fn_in_miss);
    sql_fn_register(db, "rs_in_miss_x", 2, f, NULL, fn_in_miss_x);
    sqlite3_create_function(db, "rs_type_mask", 1, f, NULL, NULL, mask_step, mask_final);
    sqlite3_create_function(db, "rs_in_agg", 2, f, NULL, NULL, in_agg_step, in_agg_final);
    sql_fn_register(db, "rs_between", 3, f, NULL, fn_between);
    sql_fn_register(db, "rs_like", 2, f, NULL, fn_like);
    sql_fn_register(db, "rs_like", 3, f, NULL, fn_like);
}
