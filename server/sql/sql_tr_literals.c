/* SPDX-License-Identifier: Apache-2.0 */
/* Rockset literals SQLite has no spelling for (issue #13): array literals [a, b] and object
 * literals {'k': v} (as ARRAY_CREATE / OBJECT calls, so their elements keep their types),
 * subscripts after any operand ([1, 2][1], f(x)['k'], (expr).name), bytes 'text',
 * INTERVAL literals (read in sql_tr_interval.c), the DATE/TIME/DATETIME constructors, VALUES(obj), and
 * the bool of the value model wherever SQLite's own 0/1 truth value is used as a value. */
#include "server/sql/sql_tr_internal.h"
#include "server/sql/sql_value.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- values: SQLite's 0/1 as a bool ---- */

/* A comparison, AND/OR/NOT, IS, LIKE, IN, BETWEEN or EXISTS computed by SQLite is its integer
 * 0/1; where it is a value (a select item, an argument, an element) rs_bool makes it the bool
 * of the value model, so TYPEOF(1 < 2) is 'bool' and ARRAY_CREATE(1 < 2) is [true]. A TRUE
 * or FALSE literal is one already; rs_bool passes model bools through. */
void tr_value_expr(tr_state *s, size_t a, size_t b)
{
    int param;
    const sql_token *t = tr_tok(s, a);
    int lit = b == a + 1 && (sql_tok_is(t, "TRUE") || sql_tok_is(t, "FALSE"));
    if (a >= b || lit || tr_item_kind(s, a, b, &param) != SQL_KIND_BOOL) {
        tr_expr(s, a, b);
        return;
    }
    tr_mark(s, a);
    sql_sbuf_puts(&s->buf, " rs_bool(");
    tr_expr(s, a, b);
    sql_sbuf_puts(&s->buf, ")");
}

/* The arguments of a call, '(' at open and ')' at close, each a value. */
void tr_call_args(tr_state *s, size_t open, size_t close)
{
    size_t a = open + 1;
    tr_emit_tok(s, open);
    while (a < close && !s->failed) {
        size_t e = tr_find0(s, a, close, tr_is_comma);
        tr_value_expr(s, a, e);
        if (e < close)
            tr_emit_tok(s, e);
        a = e + 1;
    }
    sql_sbuf_puts(&s->buf, ")");
}

int tr_is_comma(const sql_token *t)
{
    return sql_tok_punct(t, ",");
}

static int is_colon(const sql_token *t)
{
    return sql_tok_punct(t, ":");
}

/* ---- [a, b, ...] and {'k': v, ...} ---- */

/* [ ... ] at i: ARRAY_CREATE of its elements. Returns the index after ']'. */
static size_t tr_array_lit(tr_state *s, size_t i, size_t end)
{
    size_t close = tr_match_paren(s, i, end);
    if (!sql_tok_punct(tr_tok(s, close), "]")) {
        tr_fail_syntax(s, tr_tok(s, close), NULL);
        return close + 1;
    }
    tr_mark(s, i);
    sql_sbuf_puts(&s->buf, " ARRAY_CREATE(");
    for (size_t a = i + 1; a < close && !s->failed;) {
        size_t e = tr_find0(s, a, close, tr_is_comma);
        if (e == a) {
            tr_fail(s, tr_tok(s, a), "Expected an array element");
            break;
        }
        tr_value_expr(s, a, e);
        if (e < close)
            sql_sbuf_puts(&s->buf, ",");
        a = e + 1;
    }
    sql_sbuf_puts(&s->buf, ")");
    return close + 1;
}

/* { ... } at i: OBJECT(ARRAY_CREATE(keys), ARRAY_CREATE(values)); OBJECT checks that the
 * keys are strings (a later duplicate key wins, as in OBJECT). */
static size_t tr_object_lit(tr_state *s, size_t i, size_t end)
{
    size_t close = tr_match_paren(s, i, end);
    if (!sql_tok_punct(tr_tok(s, close), "}")) {
        tr_fail_syntax(s, tr_tok(s, close), NULL);
        return close + 1;
    }
    tr_mark(s, i);
    if (close == i + 1) {
        sql_sbuf_puts(&s->buf, " OBJECT()");
        return close + 1;
    }
    for (int pass = 0; pass < 2 && !s->failed; pass++) {
        sql_sbuf_puts(&s->buf, pass ? ", ARRAY_CREATE(" : " OBJECT(ARRAY_CREATE(");
        for (size_t a = i + 1; a < close && !s->failed;) {
            size_t e = tr_find0(s, a, close, tr_is_comma);
            size_t colon = tr_find0(s, a, e, is_colon);
            if (colon == a || colon + 1 >= e) {
                tr_fail(s, tr_tok(s, colon < e ? colon : a),
                        "Expected 'key': value in an object literal");
                break;
            }
            if (pass)
                tr_value_expr(s, colon + 1, e);
            else
                tr_expr(s, a, colon);
            if (e < close)
                sql_sbuf_puts(&s->buf, ",");
            a = e + 1;
        }
        sql_sbuf_puts(&s->buf, ")");
    }
    sql_sbuf_puts(&s->buf, ")");
    return close + 1;
}

/* The end of the subscripts ([n], ['key'], .name) starting at k; k when there are none. */
size_t tr_postfix_end(const tr_state *s, size_t k, size_t end)
{
    for (;;) {
        const sql_token *t = tr_tok(s, k), *x = tr_tok(s, k + 1);
        if (k + 2 < end && sql_tok_punct(t, "[") && sql_tok_punct(tr_tok(s, k + 2), "]") &&
            (x->kind == SQL_TOK_NUMBER || x->kind == SQL_TOK_STRING))
            k += 3;
        else if (k + 1 < end && sql_tok_punct(t, ".") &&
                 (x->kind == SQL_TOK_IDENT || x->kind == SQL_TOK_QIDENT))
            k += 2;
        else
            return k;
    }
}

/* Subscripts at i after an operand already written from out_start (a literal, a call, a
 * parenthesized expression): the operand becomes rs_jv(rs_json(x) -> '$path'), the path
 * read as a field path is (1-based indexes; out of range is undefined, i.e. null). */
size_t tr_postfix(tr_state *s, size_t i, size_t end, size_t out_start)
{
    size_t e = tr_postfix_end(s, i, end);
    if (e == i) {
        tr_fail(s, tr_tok(s, i), "Only literal array indexes and field names are supported"
                " in []");
        return end;
    }
    sql_sbuf path = { 0 };
    sql_sbuf_puts(&path, "$");
    for (size_t k = i; k < e;) {
        const sql_token *x = tr_tok(s, k + 1);
        const char *key = x->text;
        char *owned = NULL;
        if (sql_tok_punct(tr_tok(s, k), "[") && x->kind == SQL_TOK_NUMBER) {
            char *endp;
            long v = strtol(x->text, &endp, 10);
            if (*endp || v < 1) {
                tr_fail(s, x, "Array indexes start at 1");
                break;
            }
            sql_sbuf_printf(&path, "[%ld]", v - 1);
            k += 3;
            continue;
        }
        if (x->kind == SQL_TOK_STRING) {      /* 'it''s' -> it's */
            size_t L = strlen(x->text), w = 0;
            if (!(owned = malloc(L))) {
                s->buf.oom = 1;
                break;
            }
            for (size_t r = 1; r + 1 < L; r++) {
                owned[w++] = x->text[r];
                r += x->text[r] == '\'';
            }
            owned[w] = '\0';
            key = owned;
        }
        if (strchr(key, '"')) {
            tr_fail(s, x, "Field names with a double quote are not supported");
            free(owned);
            break;
        }
        sql_sbuf_printf(&path, ".\"%s\"", key);
        free(owned);
        k += x->kind == SQL_TOK_STRING ? 3 : 2;
    }
    static const char head[] = " rs_jv(rs_json(";
    size_t hl = sizeof head - 1, tail = s->buf.len - out_start;
    sql_sbuf_add(&s->buf, head, hl);
    if (!s->buf.oom && !path.oom) {
        memmove(s->buf.s + out_start + hl, s->buf.s + out_start, tail);
        memcpy(s->buf.s + out_start, head, hl);
        sql_sbuf_puts(&s->buf, ") -> ");
        sql_sbuf_strlit(&s->buf, path.s);
        sql_sbuf_puts(&s->buf, ")");
    } else {
        s->buf.oom = 1;
    }
    free(path.s);
    return e;
}

/* ---- bytes 'text' (INTERVAL literals: sql_tr_interval.c) ---- */

/* The text of a string token without its quotes ('' read as '); from malloc. */
static char *unquote(const sql_token *t, size_t *n)
{
    size_t L = strlen(t->text), w = 0;
    char *r = malloc(L);
    if (!r)
        return NULL;
    for (size_t k = 1; k + 1 < L; k++) {
        r[w++] = t->text[k];
        k += t->text[k] == '\'';
    }
    r[w] = '\0';
    *n = w;
    return r;
}

/* A value blob written as SQLite's x'..' literal (a constant: no function call per row). */
static void emit_blob(tr_state *s, const unsigned char *p, size_t n)
{
    sql_sbuf_puts(&s->buf, " x'");
    for (size_t k = 0; k < n; k++)
        sql_sbuf_printf(&s->buf, "%02x", p[k]);
    sql_sbuf_puts(&s->buf, "'");
}

static size_t tr_bytes_lit(tr_state *s, size_t i)
{
    size_t n;
    char *txt = unquote(tr_tok(s, i + 1), &n);
    unsigned char *blob = txt ? malloc(n + 1) : NULL;
    if (!blob) {
        s->buf.oom = 1;
    } else {
        tr_mark(s, i);
        emit_blob(s, blob, sql_value_pack(SQL_VT_BYTES, txt, n, blob));
    }
    free(blob);
    free(txt);
    return i + 2;
}

/* ---- constructors and renamed calls ---- */

static int count_args(const tr_state *s, size_t open, size_t close)
{
    if (close == open + 1)
        return 0;
    int n = 1;
    for (size_t k = open + 1; k < close; k = tr_find0(s, k, close, tr_is_comma) + 1)
        if (tr_find0(s, k, close, tr_is_comma) < close)
            n++;
    return n;
}

/* DATE(...), TIME(...), DATETIME(...) at i: one argument converts (rs_date ...), the parts
 * construct (rs_make_date(y, m, d), rs_make_time(h, mi, s[, us]),
 * rs_make_datetime(y, m, d, h, mi, s[, us]) or DATETIME(date, time)). */
static size_t tr_temporal_ctor(tr_state *s, size_t i, size_t end)
{
    static const struct { const char *word, *cast, *make; unsigned counts; } ctors[] = {
        { "DATE", "rs_date", "rs_make_date", 1u << 3 },
        { "TIME", "rs_time", "rs_make_time", 1u << 3 | 1u << 4 },
        { "DATETIME", "rs_datetime", "rs_make_datetime", 1u << 2 | 1u << 6 | 1u << 7 },
    };
    const sql_token *t = tr_tok(s, i);
    size_t close = tr_match_paren(s, i + 1, end);
    int n = count_args(s, i + 1, close);
    for (size_t k = 0; k < sizeof ctors / sizeof ctors[0]; k++) {
        if (!sql_tok_is(t, ctors[k].word))
            continue;
        int make = n < 8 && (ctors[k].counts >> n & 1u);
        if (n != 1 && !make) {
            tr_fail_status(s, 501, "NOTIMPLEMENTEDYET", NULL, t,
                           "%s with %d arguments is not supported by rockset-local",
                           ctors[k].word, n);
            return end;
        }
        tr_mark(s, i);
        sql_sbuf_printf(&s->buf, " %s", n == 1 ? ctors[k].cast : ctors[k].make);
        tr_call_args(s, i + 1, close);
        return close + 1;
    }
    return 0;
}

/* A literal or constructor starting at token i of an expression; returns the index after
 * it, or 0 when none starts there. Subscripts after it are left to the caller. */
size_t tr_literal(tr_state *s, size_t i, size_t end)
{
    const sql_token *t = tr_tok(s, i), *nx = tr_tok(s, i + 1);
    if (sql_tok_punct(t, "["))
        return tr_array_lit(s, i, end);
    if (sql_tok_punct(t, "{"))
        return tr_object_lit(s, i, end);
    if (t->kind != SQL_TOK_IDENT)
        return 0;
    if (sql_tok_is(t, "BYTES") && nx->kind == SQL_TOK_STRING)
        return tr_bytes_lit(s, i);
    if (sql_tok_is(t, "INTERVAL"))
        return tr_interval_lit(s, i, end);
    if (!sql_tok_punct(nx, "("))
        return 0;
    if (sql_tok_is(t, "VALUES")) {
        /* VALUES(obj) inside an expression is the object function, never the clause */
        size_t close = tr_match_paren(s, i + 1, end);
        tr_mark(s, i);
        sql_sbuf_puts(&s->buf, " rs_values");
        tr_call_args(s, i + 1, close);
        return close + 1;
    }
    return tr_temporal_ctor(s, i, end);
}
