/* SPDX-License-Identifier: Apache-2.0 */
/* The predicates x [NOT] IN (list), x [NOT] BETWEEN lo AND hi and x [NOT] LIKE p [ESCAPE e]
 * with Rockset's typing: rs_in, rs_between, rs_like (sql_fn_pred.c), so that a comparison of
 * two types is null rather than SQLite's false (NOT (1 IN ('1')) is null, not true). SQLite's
 * own IN and BETWEEN stay where every operand is statically a number, or every operand a
 * string: there the two agree, and `_id IN ('a', 'b')` keeps the primary key's index. LIKE is
 * always rs_like: SQLite's ignores ASCII case. IN (subquery) keeps SQLite's IN to find a match
 * (its index on the subquery's rows; an rs_in over them would scan them once per row) and
 * rs_in_miss turns its "no match" into Rockset's null where the typing says so (see
 * pred_in_subquery). */
#include "server/sql/sql_tr_internal.h"
#include "server/sql/sql_functions.h"

#include <stdlib.h>
#include <string.h>

static int kind_num(sql_kind k) { return k == SQL_KIND_INT || k == SQL_KIND_FLOAT; }

/* Folds one operand's kind into the set's: 1 all numbers, 2 all strings, 0 mixed/unknown. */
static int fold_kind(int acc, sql_kind k)
{
    int one = kind_num(k) ? 1 : k == SQL_KIND_STRING ? 2 : 0;
    return acc < 0 ? one : acc == one ? acc : 0;
}

static void put_not(tr_state *s, int neg, const char *fn)
{
    sql_sbuf_printf(&s->buf, neg ? " (NOT %s(" : " (%s(", fn);
}

/* The items of IN (...), '(' at open and ')' at close: emitted natively (SQLite's IN, the
 * items as expressions) or as the value arguments of rs_in. */
static void in_items(tr_state *s, size_t open, size_t close, int native)
{
    size_t a = open + 1;
    while (a < close && !s->failed) {
        size_t e = tr_find0(s, a, close, tr_is_comma);
        sql_sbuf_puts(&s->buf, native || a == open + 1 ? "" : ",");
        if (native)
            tr_expr(s, a, e);
        else
            tr_value_expr(s, a, e);
        if (native && e < close)
            sql_sbuf_puts(&s->buf, ",");
        a = e + 1;
    }
}

/* The text emitted since offset at (a malloc'd copy, *n its length; NULL when empty). */
static char *emitted_since(tr_state *s, size_t at, size_t *n)
{
    *n = s->buf.oom || s->buf.len < at ? 0 : s->buf.len - at;
    char *t = *n ? malloc(*n) : NULL;
    if (*n && !t)
        s->buf.oom = 1;
    else if (t)
        memcpy(t, s->buf.s + at, *n);
    return t;
}

static void put_copy(tr_state *s, const char *t, size_t n)
{
    if (t)
        sql_sbuf_add(&s->buf, t, n);
}

/* x [NOT] IN (subquery), the subquery's parentheses at open and close:
 *   CASE WHEN rs_in_note(x, N) IN (subquery) THEN true
 *        ELSE CASE rs_in_miss(N, (WITH rs_in_q(v) AS (subquery)
 *                                 SELECT rs_type_mask(v) FROM rs_in_q))
 *             WHEN 0 THEN false
 *             WHEN 2 THEN (WITH rs_in_q(v) AS (subquery) SELECT rs_in_agg(x, v) FROM rs_in_q)
 *             END END
 * SQLite's IN finds a match (its index over the subquery's rows, built once) and x is read
 * once per row: rs_in_note records x's type for site N, where no match was found rs_in_miss
 * answers from it false, or null when x is null or the subquery gave a null or a type x's
 * cannot equal (1 IN (SELECT '1') is null, as 1 IN ('1'): NOT IN must not keep that row; the
 * mask of the subquery's types is read once), or 2 for an array or object x, which is read
 * again and compared with the subquery's values as a value ([1, 2.0] equals [1, 2], whose
 * bytes differ). Past SQL_IN_SITES sites x is read again (rs_in_miss_x) instead of noted. The texts of x
 * and of the subquery are translated once and copied: parameters are numbered (?N), so
 * copies bind the same values. */
static size_t pred_in_subquery(tr_state *s, size_t a, size_t e, size_t open, size_t close,
                               int neg)
{
    if (!neg && tr_run_kind(s, a, e) == SQL_KIND_STRING) {
        /* `_id IN (SELECT ...)`: SQLite's own IN keeps the primary key's index; false where
         * Rockset says null only when the subquery gives a non-string, which a WHERE treats
         * alike (docs/sql.md) */
        tr_run(s, a, e);
        tr_expr_flat(s, e, close + 1);
        return close + 1;
    }
    size_t nx, nsub, at;
    int site = s->in_sites < SQL_IN_SITES ? s->in_sites++ : -1;
    tr_mark(s, e);
    sql_sbuf_puts(&s->buf, neg ? " (NOT (CASE WHEN rs_in_note(" : " ((CASE WHEN rs_in_note(");
    at = s->buf.len;
    tr_value_expr(s, a, e);
    char *x = emitted_since(s, at, &nx);
    sql_sbuf_printf(&s->buf, ", %d) IN ", site);
    at = s->buf.len;
    tr_expr_flat(s, open, close + 1);
    char *sub = emitted_since(s, at, &nsub);
    if (site >= 0) {
        sql_sbuf_printf(&s->buf, " THEN rs_bool(1) ELSE CASE rs_in_miss(%d", site);
    } else {
        sql_sbuf_puts(&s->buf, " THEN rs_bool(1) ELSE CASE rs_in_miss_x(");
        put_copy(s, x, nx);
    }
    sql_sbuf_puts(&s->buf, ", (WITH rs_in_q(v) AS ");
    put_copy(s, sub, nsub);
    sql_sbuf_puts(&s->buf, " SELECT rs_type_mask(v) FROM rs_in_q)) WHEN 0 THEN rs_bool(0) "
                           "WHEN 2 THEN (WITH rs_in_q(v) AS ");
    put_copy(s, sub, nsub);
    sql_sbuf_puts(&s->buf, " SELECT rs_in_agg(");
    put_copy(s, x, nx);
    sql_sbuf_puts(&s->buf, ", v) FROM rs_in_q) END END))");
    free(x);
    free(sub);
    return close + 1;
}

static size_t pred_in(tr_state *s, size_t a, size_t e, size_t k, size_t end, int neg)
{
    if (!sql_tok_punct(tr_tok(s, k + 1), "("))
        return 0;
    size_t open = k + 1, close = tr_match_paren(s, open, end);
    const sql_token *first = tr_tok(s, open + 1);
    if (close >= end || close == open + 1)
        return 0;
    if (sql_tok_is(first, "SELECT") || sql_tok_is(first, "WITH") || sql_tok_is(first, "VALUES"))
        return pred_in_subquery(s, a, e, open, close, neg);
    int acc = fold_kind(-1, tr_run_kind(s, a, e));
    for (size_t x = open + 1; x < close && acc; ) {
        size_t y = tr_find0(s, x, close, tr_is_comma);
        acc = fold_kind(acc, tr_run_kind(s, x, y));
        x = y + 1;
    }
    tr_mark(s, e);
    if (acc > 0) {
        sql_sbuf_puts(&s->buf, " (");
        tr_run(s, a, e);
        sql_sbuf_puts(&s->buf, neg ? " NOT IN (" : " IN (");
        in_items(s, open, close, 1);
        sql_sbuf_puts(&s->buf, "))");
        return close + 1;
    }
    put_not(s, neg, "rs_in");
    tr_value_expr(s, a, e);
    sql_sbuf_puts(&s->buf, ",");
    in_items(s, open, close, 0);
    sql_sbuf_puts(&s->buf, "))");
    return close + 1;
}

static size_t pred_between(tr_state *s, size_t a, size_t e, size_t k, size_t end, int neg)
{
    size_t lo = k + 1, lo_end = tr_run_end(s, lo, end);
    if (lo_end == lo || lo_end >= end || !sql_tok_is(tr_tok(s, lo_end), "AND"))
        return 0;
    size_t hi = lo_end + 1, hi_end = tr_run_end(s, hi, end);
    if (hi_end == hi)
        return 0;
    int acc = fold_kind(fold_kind(fold_kind(-1, tr_run_kind(s, a, e)), tr_run_kind(s, lo, lo_end)),
                        tr_run_kind(s, hi, hi_end));
    tr_mark(s, e);
    if (acc > 0) {
        sql_sbuf_puts(&s->buf, " (");
        tr_run(s, a, e);
        sql_sbuf_puts(&s->buf, neg ? " NOT BETWEEN " : " BETWEEN ");
        tr_run(s, lo, lo_end);
        sql_sbuf_puts(&s->buf, " AND ");
        tr_run(s, hi, hi_end);
        sql_sbuf_puts(&s->buf, ")");
        return hi_end;
    }
    put_not(s, neg, "rs_between");
    tr_value_expr(s, a, e);
    sql_sbuf_puts(&s->buf, ",");
    tr_value_expr(s, lo, lo_end);
    sql_sbuf_puts(&s->buf, ",");
    tr_value_expr(s, hi, hi_end);
    sql_sbuf_puts(&s->buf, "))");
    return hi_end;
}

static size_t pred_like(tr_state *s, size_t a, size_t e, size_t k, size_t end, int neg)
{
    size_t p = k + 1, p_end = tr_run_end(s, p, end), esc = 0, esc_end = 0;
    if (p_end == p)
        return 0;
    if (p_end < end && sql_tok_is(tr_tok(s, p_end), "ESCAPE")) {
        esc = p_end + 1;
        esc_end = tr_run_end(s, esc, end);
        if (esc_end == esc)
            return 0;
    }
    tr_mark(s, e);
    put_not(s, neg, "rs_like");
    tr_value_expr(s, a, e);
    sql_sbuf_puts(&s->buf, ",");
    tr_value_expr(s, p, p_end);
    if (esc) {
        sql_sbuf_puts(&s->buf, ",");
        tr_value_expr(s, esc, esc_end);
    }
    sql_sbuf_puts(&s->buf, "))");
    return esc ? esc_end : p_end;
}

size_t tr_pred(tr_state *s, size_t a, size_t e, size_t end)
{
    size_t k = e;
    int neg = sql_tok_is(tr_tok(s, k), "NOT");
    k += (size_t)neg;
    if (k >= end)
        return 0;
    const sql_token *w = tr_tok(s, k);
    if (sql_tok_is(w, "IN"))
        return pred_in(s, a, e, k, end, neg);
    if (sql_tok_is(w, "BETWEEN"))
        return pred_between(s, a, e, k, end, neg);
    if (sql_tok_is(w, "LIKE"))
        return pred_like(s, a, e, k, end, neg);
    return 0;
}
