/* SPDX-License-Identifier: Apache-2.0 */
/* Select lists: result column names as Rockset gives them, static kinds, SELECT * EXCEPT,
 * and the companion columns that carry a field's JSON type to the row encoder. */
#include "server/sql/sql_tr_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int tok_is_name(const sql_token *t)
{
    return t->kind == SQL_TOK_QIDENT || (t->kind == SQL_TOK_IDENT && !tr_is_keyword(t));
}

static int is_comma(const sql_token *t) { return sql_tok_punct(t, ","); }

/* Tokens that can end an operand, so that a name after them is an implicit alias. */
static int ends_operand(const sql_token *t)
{
    switch (t->kind) {
    case SQL_TOK_NUMBER: case SQL_TOK_STRING: case SQL_TOK_QIDENT: case SQL_TOK_PARAM:
        return 1;
    case SQL_TOK_IDENT:
        return !tr_is_keyword(t) || sql_tok_is(t, "END") || sql_tok_is(t, "NULL") ||
               sql_tok_is(t, "TRUE") || sql_tok_is(t, "FALSE");
    case SQL_TOK_PUNCT:
        return sql_tok_punct(t, ")") || sql_tok_punct(t, "]") || sql_tok_punct(t, "}");
    default:
        return 0;
    }
}

static void tr_add_column(tr_state *s, const char *name, sql_kind kind, int param)
{
    sql_translation *o = s->out;
    sql_column *nv = realloc(o->cols, (o->ncols + 1) * sizeof *nv);
    if (!nv) {
        s->buf.oom = 1;
        return;
    }
    o->cols = nv;
    nv[o->ncols].name = strdup(name);
    nv[o->ncols].kind = kind;
    nv[o->ncols].param = param;
    if (!nv[o->ncols].name)
        s->buf.oom = 1;
    else
        o->ncols++;
}

/* SELECT * EXCEPT (a, b): the names are dropped by the row encoder. */
static void tr_star_except(tr_state *s, size_t i, size_t end, int top)
{
    if (!top) {
        tr_fail(s, tr_tok(s, i), "SELECT * EXCEPT is supported only in the outermost SELECT");
        return;
    }
    size_t close = tr_match_paren(s, i + 1, end);
    for (size_t k = i + 2; k < close; k++) {
        const sql_token *t = tr_tok(s, k);
        if (sql_tok_punct(t, ","))
            continue;
        if (t->kind != SQL_TOK_IDENT && t->kind != SQL_TOK_QIDENT) {
            tr_fail(s, t, "Expected a field name in EXCEPT, found `%s`", t->text);
            return;
        }
        char **nv = realloc(s->out->except, (s->out->nexcept + 1) * sizeof *nv);
        if (!nv || !(nv[s->out->nexcept] = strdup(t->text))) {
            if (nv)
                s->out->except = nv;
            s->buf.oom = 1;
            return;
        }
        s->out->except = nv;
        s->out->nexcept++;
    }
}

/* Star items; returns 1 when [a,b) is one. */
static int tr_star_item(tr_state *s, size_t a, size_t b, int top)
{
    const sql_token *t = tr_tok(s, a);
    int plain = sql_tok_punct(t, "*") && b == a + 1;
    int except = sql_tok_punct(t, "*") && sql_tok_is(tr_tok(s, a + 1), "EXCEPT") &&
                 sql_tok_punct(tr_tok(s, a + 2), "(");
    int qualified = b == a + 3 && (t->kind == SQL_TOK_IDENT || t->kind == SQL_TOK_QIDENT) &&
                    sql_tok_punct(tr_tok(s, a + 1), ".") && sql_tok_punct(tr_tok(s, a + 2), "*");
    if (!plain && !except && !qualified)
        return 0;
    sql_sbuf_puts(&s->buf, " ");
    tr_mark(s, a);
    if (s->fast_star) {
        /* the encoder splices the stored document: no per-field JSON work per row */
        sql_sbuf_puts(&s->buf, "\"_id\", \"_event_time\", \"" SQL_DOC_COLUMN_NAME "\"");
    } else if (qualified) {
        sql_sbuf_ident(&s->buf, t->text);
        sql_sbuf_puts(&s->buf, ".*");
    } else {
        sql_sbuf_puts(&s->buf, "*");
    }
    if (except)
        tr_star_except(s, a + 1, b, top);
    if (top)
        s->out->has_star = 1;
    return 1;
}

static int name_used(char **names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (names[i] && strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

/* The name of an item without alias: a field's name, ?<function> or ?field<N>. */
static char *tr_item_name(tr_state *s, size_t a, size_t b, size_t idx, int chain_end_ok,
                          char *chain_name, char **names)
{
    char buf[96];
    const sql_token *t = tr_tok(s, a);
    if (chain_end_ok && chain_name)
        return strdup(chain_name);
    if (t->kind == SQL_TOK_IDENT && sql_tok_punct(tr_tok(s, a + 1), "(") &&
        tr_match_paren(s, a + 1, b) == b - 1 && strlen(t->text) < 80) {
        snprintf(buf, sizeof buf, "?%s", t->text);
        for (char *p = buf; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        if (!name_used(names, idx, buf))
            return strdup(buf);
    }
    snprintf(buf, sizeof buf, "?field%zu", idx);
    return strdup(buf);
}

/* The alias of the item [a, *b) (NULL if none); *b moves before it. */
static const char *item_alias(const tr_state *s, size_t a, size_t *b)
{
    if (*b >= a + 3 && sql_tok_is(tr_tok(s, *b - 2), "AS") && tok_is_name(tr_tok(s, *b - 1))) {
        *b -= 2;
        return tr_tok(s, *b + 1)->text;
    }
    /* INTERVAL '1' DAY ends with its unit, not an alias */
    if (*b >= a + 2 && tok_is_name(tr_tok(s, *b - 1)) && ends_operand(tr_tok(s, *b - 2)) &&
        !sql_tok_punct(tr_tok(s, *b - 2), ".") &&
        !(*b >= a + 3 && sql_tok_is(tr_tok(s, *b - 3), "INTERVAL"))) {
        *b -= 1;
        return tr_tok(s, *b)->text;
    }
    return NULL;
}

void tr_collect_item_names(tr_state *s, size_t i, size_t end, tr_item_names *out)
{
    out->v = NULL;
    out->n = 0;
    while (i < end) {
        size_t e = tr_find0(s, i, end, is_comma), b = e;
        const char *alias = item_alias(s, i, &b);
        if (alias) {
            char **nv = realloc(out->v, (out->n + 1) * sizeof *nv);
            if (!nv || !(nv[out->n] = strdup(alias))) {
                if (nv)
                    out->v = nv;
                s->buf.oom = 1;
                return;
            }
            out->v = nv;
            out->n++;
        }
        i = e < end ? e + 1 : e;
    }
}

void tr_item_names_free(tr_item_names *n)
{
    for (size_t i = 0; i < n->n; i++)
        free(n->v[i]);
    free(n->v);
    n->v = NULL;
    n->n = 0;
}

/* MIN(chain) or MAX(chain) (DISTINCT allowed): 1 for MIN, 2 for MAX, else 0; *ca is where
 * the chain starts (it ends before the closing parenthesis at b - 1). */
static int tr_pick_agg(tr_state *s, size_t a, size_t b, size_t *ca)
{
    const sql_token *t = tr_tok(s, a);
    int which = t->kind != SQL_TOK_IDENT ? 0 : sql_tok_is(t, "MIN") ? 1
              : sql_tok_is(t, "MAX") ? 2 : 0;
    if (!which || !sql_tok_punct(tr_tok(s, a + 1), "(") || tr_match_paren(s, a + 1, b) != b - 1)
        return 0;
    size_t c = a + 2 + (sql_tok_is(tr_tok(s, a + 2), "DISTINCT") ? 1 : 0);
    const sql_token *f = tr_tok(s, c);
    if (c >= b - 1 || !(tok_is_name(f) || (f->kind == SQL_TOK_IDENT &&
                                           sql_tok_punct(tr_tok(s, c + 1), "."))))
        return 0;
    if (tr_chain(s, c, b - 1, 0, NULL, NULL) != b - 1)
        return 0;
    *ca = c;
    return which;
}

/* The companion of MIN/MAX over a field: the type of the value the aggregate picks (a date
 * stays a date, a bool a bool), computed beside it over the same rows. */
static void tr_pick_companion(tr_state *s, size_t ca, size_t b, int which)
{
    sql_sbuf comp = { 0 };
    sql_sbuf_puts(&s->buf, ", rs_pick_type(");
    tr_chain(s, ca, b - 1, 1, &comp, NULL);
    sql_sbuf_printf(&s->buf, ", %s, %d)", comp.s ? comp.s : "NULL", which == 2);
    if (comp.oom)
        s->buf.oom = 1;
    free(comp.s);
}

static void tr_item(tr_state *s, size_t a, size_t b, size_t idx, int top, int *shift,
                    char **names)
{
    const char *alias = item_alias(s, a, &b);
    const sql_token *t = tr_tok(s, a);
    int is_chain = tok_is_name(t) ||
                   (t->kind == SQL_TOK_IDENT && sql_tok_punct(tr_tok(s, a + 1), "."));
    char *chain_name = NULL;
    if (is_chain && !s->failed) {
        size_t ce = tr_chain(s, a, b, 0, NULL, &chain_name);
        is_chain = ce == b;
    }
    char *name = alias ? strdup(alias)
                       : tr_item_name(s, a, b, idx, is_chain, chain_name, names);
    free(chain_name);
    if (!name) {
        s->buf.oom = 1;
        return;
    }
    sql_sbuf comp = { 0 };
    size_t pick_at = 0;
    int comps_on = !s->opts->no_companions && !s->nocomp;
    int pick = !is_chain && comps_on && !s->failed ? tr_pick_agg(s, a, b, &pick_at) : 0;
    int want_comp = is_chain && comps_on;
    if (is_chain) {
        sql_sbuf_puts(&s->buf, " ");
        tr_chain(s, a, b, 1, want_comp ? &comp : NULL, NULL);
    } else {
        tr_value_expr(s, a, b);     /* 1 < 2 AS x is a bool, in a subquery too */
    }
    int param = 0;
    sql_kind kind = tr_item_kind(s, a, b, &param);
    sql_sbuf_puts(&s->buf, " AS ");
    sql_sbuf_ident(&s->buf, name);
    /* a computed item of a subquery or CTE gets a companion too, so that the query around
     * it can ask TYPEOF / IS UNDEFINED of it: a computed value is never undefined, its
     * NULL is null (and the encoder reads a companion only beside a NULL) */
    int computed_comp = !is_chain && !pick && comps_on && s->query_depth > 0 && !s->failed;
    if ((want_comp && comp.s) || pick || computed_comp) {
        if (pick)
            tr_pick_companion(s, pick_at, b, pick);
        else
            sql_sbuf_printf(&s->buf, ", %s", computed_comp ? "'null'" : comp.s);
        sql_sbuf_puts(&s->buf, " AS \"");
        for (const char *p = name; *p; p++)
            sql_sbuf_add(&s->buf, p, *p == '"' ? 0 : 1);
        sql_sbuf_puts(&s->buf, SQL_COMPANION_SUFFIX "\"");
        (*shift)++;
    }
    free(comp.s);
    if (top)
        tr_add_column(s, name, kind, param);
    else if (s->query_depth == 0 && idx < s->out->ncols &&
             (s->out->cols[idx].kind != kind || s->out->cols[idx].param != param))
        /* a later arm of the outermost UNION/INTERSECT/EXCEPT whose item differs in kind
         * from the first arm's: the column has no one static kind, each value carries its
         * own (SELECT true UNION ALL SELECT 1 encoded the 1 as true) */
        s->out->cols[idx].kind = SQL_KIND_ANY;
    names[idx] = name;
}

void tr_items(tr_state *s, size_t i, size_t end, int top, tr_select_info *info)
{
    char **names = calloc(TR_MAX_ITEMS, sizeof *names);
    size_t idx = 0;
    int shift = 0;
    if (!names) {
        s->buf.oom = 1;
        return;
    }
    if (i >= end)
        tr_fail(s, tr_tok(s, i), "Expected a select list");
    while (i < end && !s->failed) {
        size_t e = tr_find0(s, i, end, is_comma);
        if (idx >= TR_MAX_ITEMS) {
            tr_fail(s, tr_tok(s, i), "Too many select items");
            break;
        }
        if (idx > 0)
            sql_sbuf_puts(&s->buf, ",");
        if (info)
            info->shift[idx] = shift;
        if (e == i)
            tr_fail(s, tr_tok(s, i), "Empty select item");
        else if (!tr_star_item(s, i, e, top))
            tr_item(s, i, e, idx, top, &shift, names);
        idx++;
        i = e < end ? e + 1 : e;
    }
    if (info)
        info->nitems = idx;
    for (size_t k = 0; k < TR_MAX_ITEMS; k++)
        free(names[k]);
    free(names);
}
