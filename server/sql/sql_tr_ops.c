/* SPDX-License-Identifier: Apache-2.0 */
/* Operators of the value model: an expression is cut at its depth-0 words (AND, OR, NOT,
 * IS, IN, LIKE, BETWEEN, WHEN, commas, clause words, ...) into runs of operands joined by
 * comparison, arithmetic and || operators; each run is parsed by precedence climbing into a
 * small tree of token ranges and emitted with Rockset's semantics: rs_eq, rs_add, rs_concat,
 * ... (sql_value_fn.c), and SQLite's own operator only where both operands are statically
 * int/float or both string, where the two agree. An operand is emitted by the token
 * emitter (tr_expr_flat), which recurses here for parentheses. A run that does not parse
 * (a construct this parser does not know) is emitted as it was before, token by token. */
#include "server/sql/sql_tr_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { N_PRIMARY, N_BINARY, N_NEG, N_ATZ };

typedef struct op_node {
    int type;
    size_t a, b;              /* primary: token range; binary/neg: operator token at a */
    int lhs, rhs;             /* child nodes                                           */
} op_node;

typedef struct op_parser {
    tr_state *s;
    size_t k, end;
    op_node *nodes;
    int n, cap, bad;
} op_parser;

static int is_cmp(const sql_token *t)
{
    static const char *const ops[] = { "=", "==", "<>", "!=", "<", ">", "<=", ">=", NULL };
    for (int i = 0; ops[i]; i++)
        if (sql_tok_punct(t, ops[i]))
            return 1;
    return 0;
}

/* Binding power of a binary operator token, 0 when it is none. */
static int prec(const sql_token *t)
{
    if (is_cmp(t))
        return 1;
    if (sql_tok_punct(t, "||"))
        return 2;
    if (sql_tok_punct(t, "+") || sql_tok_punct(t, "-"))
        return 3;
    if (sql_tok_punct(t, "*") || sql_tok_punct(t, "/") || sql_tok_punct(t, "%"))
        return 4;
    return 0;
}

/* Keywords that end a run even before '(' (IN (...), EXISTS (...), OVER (...)). VALUES is
 * not one: inside an expression VALUES(obj) is the object function (sql_tr_literals.c). */
int tr_word_before_paren(const sql_token *t)
{
    static const char *const w[] = { "AND", "OR", "NOT", "IN", "EXISTS", "OVER", "FILTER",
                                     "USING", "AS", "ON", "WHEN", "THEN", "ELSE",
                                     "WHERE", "HAVING", "BY", "IS", "LIKE", "BETWEEN",
                                     "SELECT", "FROM", "DISTINCT", "ALL", "ESCAPE", "GLOB",
                                     "REGEXP", "MATCH", "WINDOW", NULL };
    for (int i = 0; w[i]; i++)
        if (sql_tok_is(t, w[i]))
            return 1;
    return 0;
}

static int is_special_primary(const sql_token *t)
{
    static const char *const w[] = { "NULL", "TRUE", "FALSE", "CURRENT_TIMESTAMP",
                                     "CURRENT_DATE", "CURRENT_TIME", "LOCALTIMESTAMP",
                                     "CURRENT_DATETIME", "CASE", "CAST", NULL };
    for (int i = 0; w[i]; i++)
        if (sql_tok_is(t, w[i]))
            return 1;
    return 0;
}

/* A word that ends a run: a keyword that starts no operand, or UNDEFINED. */
static int is_boundary(const tr_state *s, size_t k)
{
    const sql_token *t = tr_tok(s, k);
    if (sql_tok_punct(t, ",") || sql_tok_punct(t, ";"))
        return 1;
    if (t->kind != SQL_TOK_IDENT)
        return 0;
    if (sql_tok_punct(tr_tok(s, k + 1), "("))
        return tr_word_before_paren(t);
    return tr_is_keyword(t) && !is_special_primary(t);
}

/* After CASE ... END starting at k (CASE), or end. */
static size_t case_end(const tr_state *s, size_t k, size_t end)
{
    int depth = 0;
    for (; k < end; k++) {
        const sql_token *t = tr_tok(s, k);
        if (tr_is_open(t)) {
            k = tr_match_paren(s, k, end);
        } else if (sql_tok_is(t, "CASE")) {
            depth++;
        } else if (sql_tok_is(t, "END") && --depth == 0) {
            return k + 1;
        }
    }
    return end;
}

/* The end of the operand starting at k, or k when none starts there. */
static size_t primary_end(tr_state *s, size_t k, size_t end)
{
    const sql_token *t = tr_tok(s, k), *nx = tr_tok(s, k + 1);
    if (k >= end)
        return k;
    if (tr_is_open(t))        /* (expr), [array], {object}, then subscripts */
        return tr_postfix_end(s, tr_match_paren(s, k, end) + 1, end);
    if (t->kind == SQL_TOK_NUMBER || t->kind == SQL_TOK_STRING || t->kind == SQL_TOK_PARAM)
        return k + 1;
    if (t->kind != SQL_TOK_IDENT && t->kind != SQL_TOK_QIDENT)
        return sql_tok_punct(t, "*") ? k + 1 : k;
    if (t->kind == SQL_TOK_IDENT) {
        if (sql_tok_is(t, "CASE"))
            return case_end(s, k, end);
        if ((sql_tok_is(t, "DATE") || sql_tok_is(t, "TIME") || sql_tok_is(t, "TIMESTAMP") ||
             sql_tok_is(t, "DATETIME")) && nx->kind == SQL_TOK_STRING)
            return k + 2;
        if (sql_tok_is(t, "BYTES") && nx->kind == SQL_TOK_STRING)
            return k + 2;
        if (sql_tok_is(t, "INTERVAL"))   /* a constant: x + INTERVAL ... is rs_add's */
            return tr_interval_end(s, k, end);
        if (sql_tok_punct(nx, "(")) {
            if (tr_word_before_paren(t))
                return k;
            return tr_postfix_end(s, tr_match_paren(s, k + 1, end) + 1, end);
        }
        if (is_special_primary(t))
            return k + 1;
        if (tr_is_keyword(t) && !sql_tok_punct(nx, "."))
            return k;
    }
    size_t e = tr_chain(s, k, end, 0, NULL, NULL);
    return e > k ? e : k;
}

static int node_new(op_parser *p, int type, size_t a, size_t b, int lhs, int rhs)
{
    if (p->n == p->cap) {
        p->bad = 1;
        return 0;
    }
    p->nodes[p->n] = (op_node){ type, a, b, lhs, rhs };
    return p->n++;
}

static int parse_bin(op_parser *p, int minprec);

static int parse_unary(op_parser *p)
{
    const sql_token *t = tr_tok(p->s, p->k);
    if (p->k < p->end && (sql_tok_punct(t, "-") || sql_tok_punct(t, "+"))) {
        size_t at = p->k++;
        int x = parse_unary(p);
        return sql_tok_punct(t, "-") ? node_new(p, N_NEG, at, at, x, -1) : x;
    }
    size_t e = primary_end(p->s, p->k, p->end);
    if (e == p->k) {
        p->bad = 1;
        return 0;
    }
    int x = node_new(p, N_PRIMARY, p->k, e, -1, -1);
    p->k = e;
    /* x AT TIME ZONE zone, left to right (sql_tr_zone.c): a postfix on the operand, tighter
     * than any binary operator, as SQL's <datetime factor>; the zone is one operand */
    while (!p->bad && tr_at_time_zone(p->s, p->k, p->end)) {
        size_t za = p->k + 3, ze = primary_end(p->s, za, p->end);
        if (ze == za) {
            p->bad = 1;
            break;
        }
        int z = node_new(p, N_PRIMARY, za, ze, -1, -1);
        x = node_new(p, N_ATZ, p->k, p->k, x, z);
        p->k = ze;
    }
    return x;
}

static int parse_bin(op_parser *p, int minprec)
{
    int lhs = parse_unary(p);
    while (!p->bad && p->k < p->end) {
        size_t at = p->k;
        int pr = prec(tr_tok(p->s, at));
        if (pr == 0 || pr < minprec)
            break;
        p->k++;
        int rhs = parse_bin(p, pr == 1 ? 2 : pr + 1);   /* comparisons do not chain */
        lhs = node_new(p, N_BINARY, at, at, lhs, rhs);
    }
    return lhs;
}

static sql_kind node_kind(tr_state *s, const op_parser *p, int x);

static int kind_num(sql_kind k) { return k == SQL_KIND_INT || k == SQL_KIND_FLOAT; }

static sql_kind binary_kind(tr_state *s, const op_parser *p, const op_node *n)
{
    const sql_token *op = tr_tok(s, n->a);
    sql_kind l = node_kind(s, p, n->lhs), r = node_kind(s, p, n->rhs);
    if (is_cmp(op))
        return SQL_KIND_BOOL;
    if (sql_tok_punct(op, "||"))
        return SQL_KIND_STRING;
    if (kind_num(l) && kind_num(r))
        return l == SQL_KIND_INT && r == SQL_KIND_INT ? SQL_KIND_INT : SQL_KIND_FLOAT;
    return SQL_KIND_ANY;
}

/* What is statically known of a node's type (ANY for fields: per value only). */
static sql_kind node_kind(tr_state *s, const op_parser *p, int x)
{
    const op_node *n = &p->nodes[x];
    int param;
    sql_kind k;
    switch (n->type) {
    case N_PRIMARY: {
        const sql_token *t = tr_tok(s, n->a);
        const sql_token *last = tr_tok(s, n->b - 1);
        if ((t->kind == SQL_TOK_IDENT || t->kind == SQL_TOK_QIDENT) &&
            (last->kind == SQL_TOK_IDENT || last->kind == SQL_TOK_QIDENT) &&
            strcmp(last->text, "_id") == 0 && (n->b == n->a + 1 || n->b == n->a + 3))
            return SQL_KIND_STRING;         /* _id is a string: SQLite's = keeps its index */
        if (n->b == n->a + 1 && t->kind == SQL_TOK_IDENT && !tr_is_keyword(t))
            return SQL_KIND_ANY;            /* a field named like a function (date) */
        k = tr_item_kind(s, n->a, n->b, &param);
        return k == SQL_KIND_PARAM || k == SQL_KIND_TEMPORAL ? SQL_KIND_ANY : k;
    }
    case N_NEG:
        k = node_kind(s, p, n->lhs);
        return kind_num(k) ? k : SQL_KIND_ANY;
    case N_BINARY:
        return binary_kind(s, p, n);
    default:
        return SQL_KIND_ANY;
    }
}

static void emit_node(tr_state *s, const op_parser *p, int x);

static const char *rs_fn(const sql_token *op)
{
    static const char *const m[][2] = {
        { "=", "rs_eq" }, { "==", "rs_eq" }, { "<>", "rs_ne" }, { "!=", "rs_ne" },
        { "<", "rs_lt" }, { "<=", "rs_le" }, { ">", "rs_gt" }, { ">=", "rs_ge" },
        { "+", "rs_add" }, { "-", "rs_sub" }, { "*", "rs_mul" }, { "/", "rs_div" },
        { "%", "rs_mod" }, { "||", "rs_concat" },
    };
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        if (sql_tok_punct(op, m[i][0]))
            return m[i][1];
    return NULL;
}

/* SQLite's operator agrees with Rockset's on two ints/floats compared, on + - * with a float
 * on either side, and on two strings (comparison, ||). Not on two ints added, subtracted or
 * multiplied: SQLite turns an overflow into a float where Rockset raises `Integer overflow`
 * (so `9223372036854775807 + 1` must go through rs_add); / and % differ too (a zero divisor
 * is null in SQLite). */
static int native_ok(const sql_token *op, sql_kind l, sql_kind r)
{
    if (sql_tok_punct(op, "/") || sql_tok_punct(op, "%"))
        return 0;
    if (is_cmp(op))
        return (kind_num(l) && kind_num(r)) || (l == SQL_KIND_STRING && r == SQL_KIND_STRING);
    if (sql_tok_punct(op, "||"))
        return l == SQL_KIND_STRING && r == SQL_KIND_STRING;
    return kind_num(l) && kind_num(r) && (l == SQL_KIND_FLOAT || r == SQL_KIND_FLOAT);
}

static void emit_binary(tr_state *s, const op_parser *p, const op_node *n)
{
    const sql_token *op = tr_tok(s, n->a);
    sql_kind l = node_kind(s, p, n->lhs), r = node_kind(s, p, n->rhs);
    tr_mark(s, n->a);
    if (native_ok(op, l, r)) {
        sql_sbuf_puts(&s->buf, "(");
        emit_node(s, p, n->lhs);
        sql_sbuf_printf(&s->buf, " %s ", op->text);
        emit_node(s, p, n->rhs);
        sql_sbuf_puts(&s->buf, ")");
        return;
    }
    sql_sbuf_printf(&s->buf, " %s(", rs_fn(op));
    emit_node(s, p, n->lhs);
    sql_sbuf_puts(&s->buf, ",");
    emit_node(s, p, n->rhs);
    sql_sbuf_puts(&s->buf, ")");
}

static void emit_node(tr_state *s, const op_parser *p, int x)
{
    const op_node *n = &p->nodes[x];
    switch (n->type) {
    case N_PRIMARY:
        tr_expr_flat(s, n->a, n->b);
        break;
    case N_NEG:
        tr_mark(s, n->a);
        /* an int goes through rs_neg: -(-9223372036854775808) overflows */
        sql_sbuf_puts(&s->buf, node_kind(s, p, n->lhs) == SQL_KIND_FLOAT ? " (-" : " rs_neg(");
        emit_node(s, p, n->lhs);
        sql_sbuf_puts(&s->buf, ")");
        break;
    case N_BINARY:
        emit_binary(s, p, n);
        break;
    case N_ATZ:
        tr_mark(s, n->a);
        sql_sbuf_puts(&s->buf, " rs_at_time_zone(");
        emit_node(s, p, n->lhs);
        sql_sbuf_puts(&s->buf, ",");
        emit_node(s, p, n->rhs);
        sql_sbuf_puts(&s->buf, ")");
        break;
    }
}

/* x IS [NOT] UNDEFINED at [a, b) (b after UNDEFINED): a field's companion tells. */
static void emit_is_undefined(tr_state *s, size_t a, size_t is, size_t b)
{
    int neg = sql_tok_is(tr_tok(s, is + 1), "NOT");
    sql_sbuf comp = { 0 };
    const sql_token *t = tr_tok(s, a);
    int chain = (t->kind == SQL_TOK_QIDENT || (t->kind == SQL_TOK_IDENT && !tr_is_keyword(t))) &&
                !s->opts->no_companions && tr_chain(s, a, is, 0, NULL, NULL) == is;
    tr_mark(s, a);
    sql_sbuf_puts(&s->buf, neg ? " NOT rs_is_undefined(" : " rs_is_undefined(");
    if (chain)
        tr_chain(s, a, is, 1, &comp, NULL);
    else
        tr_expr(s, a, is);
    /* any other expression is undefined never: its NULL is null */
    sql_sbuf_printf(&s->buf, ", %s)", chain && comp.s ? comp.s : "'null'");
    if (comp.oom)
        s->buf.oom = 1;
    free(comp.s);
    (void)b;
}

/* The static kind of the run [a, b) (sql_tr_pred.c decides native or rs_* by it); ANY when
 * it does not parse as one run. */
sql_kind tr_run_kind(tr_state *s, size_t a, size_t b)
{
    op_parser p = { s, a, b, NULL, 0, (int)(2 * (b - a) + 2), 0 };
    sql_kind k = SQL_KIND_ANY;
    if (a >= b || !(p.nodes = malloc((size_t)p.cap * sizeof *p.nodes)))
        return k;
    int root = parse_bin(&p, 1);
    if (!p.bad && p.k == b && !s->failed)
        k = node_kind(s, &p, root);
    free(p.nodes);
    return k;
}

size_t tr_run_end(tr_state *s, size_t i, size_t end)
{
    size_t e = i;
    while (e < end && !is_boundary(s, e)) {
        size_t pe = primary_end(s, e, end);
        e = pe > e ? pe : e + 1;
    }
    return e > end ? end : e;
}

/* One run [a, b) of operands and operators. */
void tr_run(tr_state *s, size_t a, size_t b)
{
    op_parser p = { s, a, b, NULL, 0, (int)(2 * (b - a) + 2), 0 };
    if (b - a == 1 || !(p.nodes = malloc((size_t)p.cap * sizeof *p.nodes))) {
        tr_expr_flat(s, a, b);
        return;
    }
    int root = parse_bin(&p, 1);
    if (p.bad || p.k != b || s->failed)
        tr_expr_flat(s, a, b);            /* not ours: SQLite's reading, as before */
    else
        emit_node(s, &p, root);
    free(p.nodes);
}

void tr_expr(tr_state *s, size_t i, size_t end)
{
    while (i < end && !s->failed) {
        size_t e = tr_run_end(s, i, end), after;
        if (e > i && e < end && (after = tr_pred(s, i, e, end)) != 0) {
            i = after;                    /* x [NOT] IN / BETWEEN / LIKE (sql_tr_pred.c) */
            continue;
        }
        if (e + 2 <= end && sql_tok_is(tr_tok(s, e), "IS") && e > i &&
            (sql_tok_is(tr_tok(s, e + 1), "UNDEFINED") ||
             (sql_tok_is(tr_tok(s, e + 1), "NOT") && e + 3 <= end &&
              sql_tok_is(tr_tok(s, e + 2), "UNDEFINED")))) {
            size_t after = e + (sql_tok_is(tr_tok(s, e + 1), "NOT") ? 3 : 2);
            emit_is_undefined(s, i, e, after);
            i = after;
            continue;
        }
        if (e > i)
            tr_run(s, i, e);
        if (e < end)
            tr_expr_flat(s, e, e + 1);
        i = e + 1;
    }
}
