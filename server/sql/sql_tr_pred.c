/* SPDX-License-Identifier: Apache-2.0 */
/* The predicates x [NOT] IN (list), x [NOT] BETWEEN lo AND hi and x [NOT] LIKE p [ESCAPE e]
 * with Rockset's typing: rs_in, rs_between, rs_like (sql_fn_pred.c), so that a comparison of
 * two types is null rather than SQLite's false (NOT (1 IN ('1')) is null, not true). SQLite's
 * own IN and BETWEEN stay where every operand is statically a number, or every operand a
 * string: there the two agree, and `_id IN ('a', 'b')` keeps the primary key's index. LIKE is
 * always rs_like: SQLite's ignores ASCII case. IN (subquery) keeps SQLite's IN to find a match
 * (its index on the subquery's rows; an rs_in over them would scan them once per row) and
 * rs_in_sub turns its "no match" into Rockset's null when the subquery gave a value of
 * another type than x (see pred_in_subquery). */
#include "server/sql/sql_tr_internal.h"

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

/* x [NOT] IN (subquery), the subquery's parentheses at open and close:
 *   rs_in_sub(x, x IN (subquery), (WITH rs_in_q(v) AS (subquery) SELECT rs_type_mask(v) ...))
 * SQLite's IN answers true on a match and null when the subquery gave a null; its false
 * becomes null when the mask of the types the subquery gave holds one that x's cannot equal
 * (1 IN (SELECT '1') is null, as 1 IN ('1'): NOT IN must not keep that row). An uncorrelated
 * subquery is run once for each part (SQLite caches both). The subquery's text is translated
 * once and copied: its parameters are numbered (?N), so the copy binds the same values. */
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
    tr_mark(s, e);
    put_not(s, neg, "rs_in_sub");
    tr_value_expr(s, a, e);
    sql_sbuf_puts(&s->buf, ", (");
    tr_run(s, a, e);
    sql_sbuf_puts(&s->buf, " IN ");
    size_t at = s->buf.len;
    tr_expr_flat(s, open, close + 1);
    size_t n = s->buf.oom || s->buf.len < at ? 0 : s->buf.len - at;
    char *sub = n ? malloc(n) : NULL;
    if (n && !sub)
        s->buf.oom = 1;
    else if (sub)
        memcpy(sub, s->buf.s + at, n);
    sql_sbuf_puts(&s->buf, "), (WITH rs_in_q(v) AS ");
    if (sub)
        sql_sbuf_add(&s->buf, sub, n);
    sql_sbuf_puts(&s->buf, " SELECT rs_type_mask(v) FROM rs_in_q)))");
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
