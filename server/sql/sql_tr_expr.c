/* SPDX-License-Identifier: Apache-2.0 */
/* Expression half of the translator: identifiers and nested field access, parameters,
 * CAST/EXTRACT and the Rockset literals SQLite spells differently. */
#include "server/sql/sql_tr_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* KEY is a word of SQLite's grammar only (SQLite too reads it as a name) and a field name
 * Rockset documents use: emitted as a keyword it would reach json_each's "key" column. */
static int tok_is_name(const sql_token *t)
{
    return t->kind == SQL_TOK_QIDENT ||
           (t->kind == SQL_TOK_IDENT && (!tr_is_keyword(t) || sql_tok_is(t, "KEY")));
}

int tr_alias_index(const tr_state *s, const char *name)
{
    for (size_t i = s->naliases; i-- > 0;)
        if (strcasecmp(s->aliases[i], name) == 0)
            return (int)i;
    return -1;
}

int tr_is_alias(const tr_state *s, const char *name)
{
    return tr_alias_index(s, name) >= 0;
}

/* The 1-based slot of a parameter token, added to the translation's list. */
static int tr_param_slot(tr_state *s, const sql_token *t)
{
    sql_translation *o = s->out;
    if (o->nparams == s->nparams_cap) {
        size_t ncap = s->nparams_cap ? s->nparams_cap * 2 : 8;
        sql_param_ref *nv = realloc(o->params, ncap * sizeof *nv);
        if (!nv) {
            s->buf.oom = 1;
            return 1;
        }
        o->params = nv;
        s->nparams_cap = ncap;
    }
    size_t npos = 0;
    for (size_t i = 0; i < o->nparams; i++)
        npos += (size_t)o->params[i].positional;
    sql_param_ref *p = &o->params[o->nparams++];
    p->positional = t->text[0] == '\0';
    p->line = t->line;
    p->column = t->column;
    if (p->positional) {
        char num[24];
        snprintf(num, sizeof num, "%zu", npos + 1);
        p->name = strdup(num);
    } else {
        p->name = strdup(t->text);
    }
    if (!p->name)
        s->buf.oom = 1;
    return (int)o->nparams;
}

/* CAST target names -> the Rockset type rs_cast converts to (sql_value_fn.c). */
typedef struct cast_type {
    const char *name;
    const char *to;
    sql_kind kind;
} cast_type;

static const cast_type cast_types[] = {
    { "int", "int", SQL_KIND_INT }, { "integer", "int", SQL_KIND_INT },
    { "bigint", "int", SQL_KIND_INT }, { "int64", "int", SQL_KIND_INT },
    { "float", "float", SQL_KIND_FLOAT }, { "double", "float", SQL_KIND_FLOAT },
    { "real", "float", SQL_KIND_FLOAT },
    { "string", "string", SQL_KIND_STRING }, { "varchar", "string", SQL_KIND_STRING },
    { "text", "string", SQL_KIND_STRING }, { "char", "string", SQL_KIND_STRING },
    { "bool", "bool", SQL_KIND_BOOL }, { "boolean", "bool", SQL_KIND_BOOL },
    { "date", "date", SQL_KIND_DATE }, { "time", "time", SQL_KIND_TIME },
    { "datetime", "datetime", SQL_KIND_DATETIME },
    { "timestamp", "timestamp", SQL_KIND_TIMESTAMP },
    { "bytes", "bytes", SQL_KIND_ANY }, { "binary", "bytes", SQL_KIND_ANY },
    { "varbinary", "bytes", SQL_KIND_ANY },
    { "month_interval", "month_interval", SQL_KIND_ANY },
    { "microsecond_interval", "microsecond_interval", SQL_KIND_ANY },
    { "u256", "u256", SQL_KIND_ANY },
    { NULL, NULL, SQL_KIND_ANY }
};

static const cast_type *cast_lookup(const char *name)
{
    for (int i = 0; cast_types[i].name; i++)
        if (strcasecmp(cast_types[i].name, name) == 0)
            return &cast_types[i];
    return NULL;
}

/* CAST(expr AS type) at i (the CAST word); returns the index after ')'. */
static size_t tr_cast(tr_state *s, size_t i, size_t end)
{
    size_t close = tr_match_paren(s, i + 1, end);
    size_t as = 0;
    int depth = 0;
    for (size_t k = i + 2; k < close; k++) {
        const sql_token *t = tr_tok(s, k);
        if (tr_is_open(t))
            depth++;
        else if (tr_is_close(t))
            depth--;
        else if (depth == 0 && sql_tok_is(t, "AS"))
            as = k;
    }
    if (as == 0 || as + 2 != close) {
        tr_fail(s, tr_tok(s, i), "Expected CAST(expression AS type)");
        return close + 1;
    }
    const cast_type *ct = cast_lookup(tr_tok(s, as + 1)->text);
    if (!ct) {
        tr_fail(s, tr_tok(s, as + 1), "Unknown type `%s` in CAST", tr_tok(s, as + 1)->text);
        return close + 1;
    }
    tr_mark(s, i);
    sql_sbuf_puts(&s->buf, "rs_cast(");
    tr_value_expr(s, i + 2, as);
    sql_sbuf_printf(&s->buf, ", '%s', %d)", ct->to, sql_tok_is(tr_tok(s, i), "TRY_CAST"));
    return close + 1;
}

/* EXTRACT(unit FROM expr) -> rs_extract('unit', expr). */
static size_t tr_extract(tr_state *s, size_t i, size_t end)
{
    size_t close = tr_match_paren(s, i + 1, end);
    if (close < i + 5 || tr_tok(s, i + 2)->kind != SQL_TOK_IDENT ||
        !sql_tok_is(tr_tok(s, i + 3), "FROM")) {
        tr_fail(s, tr_tok(s, i), "Expected EXTRACT(unit FROM expression)");
        return close + 1;
    }
    tr_mark(s, i);
    sql_sbuf_puts(&s->buf, "rs_extract(");
    sql_sbuf_strlit(&s->buf, tr_tok(s, i + 2)->text);
    sql_sbuf_puts(&s->buf, ", ");
    tr_expr(s, i + 4, close);
    sql_sbuf_puts(&s->buf, ")");
    return close + 1;
}

typedef struct chain_part {
    const char *key;      /* NULL for an index */
    long index;           /* 0-based           */
} chain_part;

#define TR_MAX_PARTS 32

static void path_add(sql_sbuf *p, const chain_part *cp)
{
    if (cp->key)
        sql_sbuf_printf(p, ".\"%s\"", cp->key);
    else
        sql_sbuf_printf(p, "[%ld]", cp->index);
}

/* Parses the parts of a chain; returns the index after it, 0 on error. */
static size_t chain_parse(tr_state *s, size_t i, size_t end, chain_part *parts, size_t *np,
                          char **owned)
{
    size_t n = 0;
    parts[n++] = (chain_part){ tr_tok(s, i)->text, 0 };
    i++;
    while (i < end && n < TR_MAX_PARTS) {
        const sql_token *t = tr_tok(s, i);
        if (sql_tok_punct(t, ".") && i + 1 < end && tok_is_name(tr_tok(s, i + 1))) {
            parts[n++] = (chain_part){ tr_tok(s, i + 1)->text, 0 };
            i += 2;
        } else if (sql_tok_punct(t, "[") && i + 2 < end && sql_tok_punct(tr_tok(s, i + 2), "]")) {
            const sql_token *k = tr_tok(s, i + 1);
            if (k->kind == SQL_TOK_NUMBER) {
                long v = strtol(k->text, NULL, 10);
                if (v < 1) {
                    tr_fail(s, k, "Array indexes start at 1");
                    return 0;
                }
                parts[n++] = (chain_part){ NULL, v - 1 };
            } else if (k->kind == SQL_TOK_STRING) {
                /* 'it''s' -> it's */
                size_t L = strlen(k->text), w = 0;
                char *key = malloc(L);
                if (!key) {
                    s->buf.oom = 1;
                    return 0;
                }
                for (size_t r = 1; r + 1 < L; r++) {
                    key[w++] = k->text[r];
                    if (k->text[r] == '\'')
                        r++;
                }
                key[w] = '\0';
                owned[n] = key;
                parts[n++] = (chain_part){ key, 0 };
            } else {
                tr_fail(s, k, "Only literal array indexes and field names are supported in []");
                return 0;
            }
            i += 3;
        } else if (sql_tok_punct(t, "[")) {
            tr_fail(s, t, "Only literal array indexes and field names are supported in []");
            return 0;
        } else {
            break;
        }
    }
    for (size_t k = 0; k < n; k++)
        if (parts[k].key && strchr(parts[k].key, '"')) {
            tr_fail(s, tr_tok(s, i - 1), "Field names with a double quote are not supported");
            return 0;
        }
    *np = n;
    return i;
}

int tr_coll_has(const sql_coll *c, const char *f)
{
    if (strcmp(f, "_id") == 0 || strcmp(f, "_event_time") == 0)
        return 1;
    for (size_t i = 0; i < c->nfields; i++)
        if (strcasecmp(c->fields[i], f) == 0)
            return 1;
    return 0;
}

/* 1 when the chain names a field that no document of its collection has: Rockset answers
 * undefined there, not an error. Only decided when every source in sight is a collection. */
static int tr_unknown_field(const tr_state *s, const chain_part *parts, int qualified)
{
    if (s->raw_names)
        return 0;
    if (qualified) {
        for (size_t i = s->naliases; i-- > 0;)
            if (strcasecmp(s->aliases[i], parts[0].key) == 0)
                return s->alias_coll[i] && !tr_coll_has(s->alias_coll[i], parts[1].key);
        return 0;
    }
    if (s->opaque > 0 || s->naliases == 0)
        return 0;
    for (size_t i = 0; i < s->item_names.n; i++)
        if (strcasecmp(s->item_names.v[i], parts[0].key) == 0)
            return 0;
    for (size_t i = 0; i < s->naliases; i++)
        if (!s->alias_coll[i] || tr_coll_has(s->alias_coll[i], parts[0].key))
            return 0;
    return 1;
}

/* A path into an object or array value: rs_json gives SQLite's JSON functions its text
 * (NULL for any other value, so the path is undefined there). The value enters the model
 * through rs_jv; the companion is the JSON type at the path (NULL: undefined). */
static void json_at(sql_sbuf *out, int companion, const char *base, const char *path)
{
    sql_sbuf_printf(out, companion ? "json_type(rs_json(%s), " : "rs_jv(rs_json(%s) -> ", base);
    sql_sbuf_strlit(out, path ? path : "$");
    sql_sbuf_puts(out, ")");
}

/* Where a chain starts: its base expression (and the companion, when it is not the column
 * beside the base) and the index of its first part past the base. x: the UNNEST source
 * named by element name, or the source tr_unqualified chose. */
static size_t chain_base(tr_state *s, const chain_part *parts, size_t n, int ai, int x, int uq,
                         sql_sbuf *base, sql_sbuf *bcomp)
{
    if ((ai >= 0 && s->alias_unnest[ai]) || (ai < 0 && x >= 0 && uq != TR_UQ_QUALIFY)) {
        /* an UNNEST row: the element is json_each's value, its JSON type beside it */
        if (ai >= 0)
            x = ai;
        tr_unnest_element(s, (size_t)x, base, bcomp);
        if (uq == TR_UQ_ELEMENT)
            return 0;           /* the name itself is the element's field */
        return ai >= 0 && n >= 2 && parts[1].key &&
               strcasecmp(parts[1].key, s->alias_unnest[x]) == 0 ? 2 : 1;
    }
    if (uq == TR_UQ_QUALIFY) {
        sql_sbuf_ident(base, s->aliases[x]);
        sql_sbuf_puts(base, ".");
        sql_sbuf_ident(base, parts[0].key);
        return 1;
    }
    if (n >= 2 && parts[1].key && ai >= 0) {
        sql_sbuf_ident(base, parts[0].key);
        sql_sbuf_puts(base, ".");
        sql_sbuf_ident(base, parts[1].key);
        return 2;
    }
    sql_sbuf_ident(base, parts[0].key);
    return 1;
}

size_t tr_chain(tr_state *s, size_t i, size_t end, int emit, sql_sbuf *comp, char **last_name)
{
    chain_part parts[TR_MAX_PARTS];
    char *owned[TR_MAX_PARTS] = { 0 };
    size_t n = 0, start = i;
    i = chain_parse(s, i, end, parts, &n, owned);
    if (i == 0)
        goto out;
    size_t first;
    sql_sbuf base = { 0 }, bcomp = { 0 };
    int ai = tr_alias_index(s, parts[0].key), ui = -1;
    for (size_t k = s->naliases; ai < 0 && ui < 0 && k-- > 0;)
        if (s->alias_unnest[k] && strcasecmp(s->alias_unnest[k], parts[0].key) == 0)
            ui = (int)k;
    int uq = TR_UQ_BARE, ux = -1;
    /* a probe (no emit, no companion: is [i, end) one chain? its name?) decides nothing:
     * a function's name is probed as well */
    if (ai < 0 && ui < 0 && (emit || comp))
        uq = tr_unqualified(s, tr_tok(s, start), parts[0].key, &ux);
    if (uq == TR_UQ_FAILED) {
        i = 0;
        goto out;
    }
    first = chain_base(s, parts, n, ai, ui >= 0 ? ui : ux, uq, &base, &bcomp);
    if (!bcomp.s && base.s) {
        /* the companion column sits beside the field, in the same source */
        sql_sbuf_add(&bcomp, base.s, base.len - 1);
        sql_sbuf_puts(&bcomp, SQL_COMPANION_SUFFIX "\"");
    }
    sql_sbuf path = { 0 };
    sql_sbuf_puts(&path, "$");
    for (size_t k = first; k < n; k++)
        path_add(&path, &parts[k]);
    const char *b = base.s ? base.s : "";
    int unknown = uq == TR_UQ_BARE && tr_unknown_field(s, parts, first == 2);
    if (emit) {
        tr_mark(s, start);
        if (unknown)
            sql_sbuf_puts(&s->buf, "NULL");
        else if (first == n)
            sql_sbuf_puts(&s->buf, b);
        else
            json_at(&s->buf, 0, b, path.s);
    }
    if (comp) {
        if (unknown)
            sql_sbuf_puts(comp, "NULL");
        else if (first == n)
            sql_sbuf_puts(comp, bcomp.s ? bcomp.s : "NULL");
        else
            json_at(comp, 1, b, path.s);
    }
    if (last_name) {
        const char *nm = parts[0].key;
        for (size_t k = 0; k < n; k++)
            if (parts[k].key)
                nm = parts[k].key;
        *last_name = strdup(nm);
    }
    if (base.oom || path.oom || bcomp.oom)
        s->buf.oom = 1;
    free(base.s);
    free(bcomp.s);
    free(path.s);
out:
    for (size_t k = 0; k < TR_MAX_PARTS; k++)
        free(owned[k]);
    return i ? i : end;
}

/* Rockset literals and niladic functions SQLite spells differently; returns the index
 * after them, or 0 when the token at i is not one. */
static size_t tr_special_word(tr_state *s, size_t i, size_t end)
{
    const sql_token *t = tr_tok(s, i), *nx = tr_tok(s, i + 1);
    int call = sql_tok_punct(nx, "(") && sql_tok_punct(tr_tok(s, i + 2), ")");
    static const char *const niladic[][2] = {
        { "CURRENT_TIMESTAMP", "rs_now()" }, { "NOW", "rs_now()" },
        { "CURRENT_DATE", "rs_current_date()" }, { "CURRENT_TIME", "rs_current_time()" },
        { "LOCALTIMESTAMP", "rs_now()" }, { "CURRENT_DATETIME", "rs_current_datetime()" },
    };
    for (size_t k = 0; k < sizeof niladic / sizeof niladic[0]; k++) {
        if (!sql_tok_is(t, niladic[k][0]))
            continue;
        if (!call && strcasecmp(niladic[k][0], "NOW") == 0)
            return 0;
        tr_mark(s, i);
        if (!call && sql_tok_punct(nx, "(") && strncasecmp(niladic[k][0], "CURRENT_", 8) == 0 &&
            !sql_tok_is(t, "CURRENT_TIMESTAMP")) {
            /* CURRENT_DATE('zone') ...: the name alone, its arguments as any call's */
            sql_sbuf_add(&s->buf, niladic[k][1], strlen(niladic[k][1]) - 2);
            return i + 1;
        }
        sql_sbuf_puts(&s->buf, niladic[k][1]);
        return call ? i + 3 : i + 1;
    }
    static const char *const lits[][2] = {
        { "DATE", "rs_date(" }, { "TIME", "rs_time(" }, { "TIMESTAMP", "rs_timestamp(" },
        { "DATETIME", "rs_datetime(" },
    };
    for (size_t k = 0; k < sizeof lits / sizeof lits[0]; k++) {
        if (!sql_tok_is(t, lits[k][0]))
            continue;
        if (nx->kind == SQL_TOK_STRING) {
            tr_mark(s, i);
            sql_sbuf_printf(&s->buf, "%s%s)", lits[k][1], nx->text);
            return i + 2;
        }
        if (sql_tok_punct(nx, "(") && k != 0 && k != 1) {
            tr_mark(s, i);
            sql_sbuf_add(&s->buf, lits[k][1], strlen(lits[k][1]) - 1);
            return i + 1;
        }
    }
    if ((sql_tok_is(t, "TRUE") || sql_tok_is(t, "FALSE")) &&
        !(i > 0 && (sql_tok_is(tr_tok(s, i - 1), "IS") ||
                    (sql_tok_is(tr_tok(s, i - 1), "NOT") && i > 1 &&
                     sql_tok_is(tr_tok(s, i - 2), "IS"))))) {
        /* a bool of the value model (x IS TRUE keeps SQLite's truth test) */
        tr_mark(s, i);
        sql_sbuf_puts(&s->buf, sql_tok_is(t, "TRUE") ? "x'31'" : "x'30'");
        return i + 1;
    }
    if (sql_tok_is(t, "IF") && sql_tok_punct(nx, "(")) {
        tr_mark(s, i);
        sql_sbuf_puts(&s->buf, "iif");
        return i + 1;
    }
    if (sql_tok_is(t, "ALL") && i > 0 && sql_tok_is(tr_tok(s, i - 1), "LIMIT")) {
        tr_mark(s, i);
        sql_sbuf_puts(&s->buf, "-1");
        return i + 1;
    }
    (void)end;
    return 0;
}

/* Whether token i continues the operand before it (a call's parentheses, a path), so that
 * `x + INTERVAL ...` knows where x began in the output. */
static int operand_continues(tr_state *s, size_t i, size_t start)
{
    static const char *const kw[] = { "AND", "OR", "NOT", "IN", "EXISTS", "WHEN", "THEN",
                                      "ELSE", "SELECT", "WHERE", "ON", "BY", "IS", "LIKE",
                                      "BETWEEN", "CASE", "HAVING", "AS", "DISTINCT", NULL };
    if (i == start)
        return 0;
    const sql_token *p = tr_tok(s, i - 1), *t = tr_tok(s, i);
    if (sql_tok_punct(p, "."))
        return 1;
    int opener = sql_tok_punct(t, "(") || sql_tok_punct(t, ".") || sql_tok_punct(t, "[");
    if (sql_tok_punct(p, ")") || sql_tok_punct(p, "]") || sql_tok_punct(p, "}"))
        return sql_tok_punct(t, ".") || sql_tok_punct(t, "[");
    if (!opener || p->kind == SQL_TOK_PUNCT)
        return 0;
    for (int k = 0; kw[k]; k++)
        if (sql_tok_is(p, kw[k]))
            return 0;
    return 1;
}

/* x + INTERVAL ... (or x - ...) at i (the operator) in a run the operator parser left to
 * this emitter: wraps the operand already emitted from out_start into rs_add(x, interval)
 * (rs_sub), the interval a constant (sql_tr_interval.c). Returns the index after it. */
static size_t tr_interval(tr_state *s, size_t i, size_t end, size_t out_start)
{
    const char *head = sql_tok_punct(tr_tok(s, i), "-") ? " rs_sub(" : " rs_add(";
    size_t hl = strlen(head), tail = s->buf.len - out_start;
    sql_sbuf_add(&s->buf, head, hl);
    if (s->buf.oom)
        return end;
    memmove(s->buf.s + out_start + hl, s->buf.s + out_start, tail);
    memcpy(s->buf.s + out_start, head, hl);
    sql_sbuf_puts(&s->buf, ",");
    size_t e = tr_interval_lit(s, i + 1, end);
    sql_sbuf_puts(&s->buf, ")");
    return e;
}

/* TYPEOF(x) -> rs_typeof (with the companion when x is a field, so that an absent field is
 * undefined and an explicit null null), LENGTH -> rs_length. Returns the index after what
 * it wrote, or 0 when the call at i is neither. */
static size_t tr_model_call(tr_state *s, size_t i, size_t end)
{
    const sql_token *t = tr_tok(s, i);
    if (sql_tok_is(t, "LENGTH")) {
        tr_mark(s, i);
        sql_sbuf_puts(&s->buf, "rs_length");
        return i + 1;
    }
    if (!sql_tok_is(t, "TYPEOF"))
        return 0;
    size_t close = tr_match_paren(s, i + 1, end);
    const sql_token *a = tr_tok(s, i + 2);
    tr_mark(s, i);
    /* without companions (a source that has none: the retry of query_exec.c) the value
     * alone tells, as for any computed value */
    if (close > i + 2 && tok_is_name(a) && !s->opts->no_companions &&
        tr_chain(s, i + 2, close, 0, NULL, NULL) == close) {
        sql_sbuf comp = { 0 };
        sql_sbuf_puts(&s->buf, "rs_typeof(");
        tr_chain(s, i + 2, close, 1, &comp, NULL);
        sql_sbuf_printf(&s->buf, ", %s)", comp.s ? comp.s : "NULL");
        if (comp.oom)
            s->buf.oom = 1;
        free(comp.s);
        return close + 1;
    }
    sql_sbuf_puts(&s->buf, "rs_typeof");
    return i + 1;
}

/* The token emitter: operands as SQLite spells them (sql_tr_ops.c handles the operators
 * between them and calls this for each operand). */
void tr_expr_flat(tr_state *s, size_t i, size_t end)
{
    size_t start = i, out_start = s->buf.len;
    while (i < end && !s->failed) {
        const sql_token *t = tr_tok(s, i);
        size_t nx;
        if (!operand_continues(s, i, start) && !sql_tok_punct(t, "+") && !sql_tok_punct(t, "-"))
            out_start = s->buf.len;
        if ((sql_tok_punct(t, "+") || sql_tok_punct(t, "-")) && i > start &&
            sql_tok_is(tr_tok(s, i + 1), "INTERVAL")) {
            i = tr_interval(s, i, end, out_start);
            continue;
        }
        if ((sql_tok_punct(t, "[") || sql_tok_punct(t, ".")) && i > start &&
            (sql_tok_punct(tr_tok(s, i - 1), ")") || sql_tok_punct(tr_tok(s, i - 1), "]") ||
             sql_tok_punct(tr_tok(s, i - 1), "}"))) {
            i = tr_postfix(s, i, end, out_start);   /* f(x)[1], [1, 2][1], {...}.k */
            continue;
        }
        if ((nx = tr_literal(s, i, end)) != 0) {
            i = nx;
            continue;
        }
        sql_sbuf_puts(&s->buf, " ");
        if (sql_tok_punct(t, "(")) {
            size_t close = tr_match_paren(s, i, end);
            const sql_token *in = tr_tok(s, i + 1), *fn = tr_tok(s, i - 1);
            if (sql_tok_is(in, "SELECT") || sql_tok_is(in, "WITH") || sql_tok_is(in, "VALUES")) {
                /* a scalar subquery inside TRY: SQLite runs one that does not depend on the
                 * row once; rs_try_pass counts its failed value on every row (sql_fn_reg.h) */
                int pass = s->try_depth > 0 && !(i > start && tr_word_before_paren(fn));
                if (pass)
                    sql_sbuf_puts(&s->buf, "rs_try_pass(");
                tr_emit_tok(s, i);
                s->query_depth++;
                s->nocomp_next = 1;   /* IN (...), EXISTS, scalar: one column only */
                tr_query(s, i + 1, close);
                s->query_depth--;
                sql_sbuf_puts(&s->buf, pass ? "))" : ")");
            } else if (i > start && fn->kind == SQL_TOK_IDENT && !tr_word_before_paren(fn)) {
                tr_call_args(s, i, close);     /* a call: each argument a value */
            } else {
                tr_emit_tok(s, i);
                tr_expr(s, i + 1, close);
                sql_sbuf_puts(&s->buf, ")");
            }
            i = close + 1;
        } else if (t->kind == SQL_TOK_PARAM) {
            int slot = tr_param_slot(s, t);
            tr_mark(s, i);
            sql_sbuf_printf(&s->buf, "?%d", slot);
            i++;
        } else if ((sql_tok_is(t, "CAST") || sql_tok_is(t, "TRY_CAST")) &&
                   sql_tok_punct(tr_tok(s, i + 1), "(")) {
            i = tr_cast(s, i, end);
        } else if (sql_tok_is(t, "CASE")) {
            i = tr_case(s, i, end);
        } else if (sql_tok_is(t, "GLOB") || sql_tok_is(t, "MATCH") || sql_tok_is(t, "REGEXP")) {
            /* SQLite's operators, not Rockset's (REGEXP_LIKE, LIKE) */
            tr_fail_syntax(s, t, NULL);
            return;
        } else if (sql_tok_is(t, "TRY") && sql_tok_punct(tr_tok(s, i + 1), "(")) {
            i = tr_try(s, i, end);
        } else if (sql_tok_is(t, "EXTRACT") && sql_tok_punct(tr_tok(s, i + 1), "(")) {
            i = tr_extract(s, i, end);
        } else if (t->kind == SQL_TOK_IDENT && (nx = tr_special_word(s, i, end)) != 0) {
            i = nx;
        } else if (t->kind == SQL_TOK_IDENT && sql_tok_punct(tr_tok(s, i + 1), "(")) {
            if ((nx = tr_model_call(s, i, end)) != 0) {
                i = nx;
                continue;
            }
            const char *family = tr_fn_unsupported(t->text);
            if (family) {
                tr_fail_status(s, 501, "NOTIMPLEMENTEDYET", NULL, t,
                               "Function `%s` (%s) is not supported by rockset-local",
                               t->text, family);
                return;
            }
            if (tr_fn_sqlite_only(t->text)) {
                tr_fail(s, t, "Function `%s` not found.", t->text);
                snprintf(s->out->err_id, sizeof s->out->err_id, "function_not_found");
                return;
            }
            if ((sql_tok_is(t, "MAX") || sql_tok_is(t, "MIN")) &&
                tr_find0(s, i + 2, tr_match_paren(s, i + 1, end), tr_is_comma) <
                    tr_match_paren(s, i + 1, end)) {
                /* SQLite's scalar max(a, b): Rockset's MAX and MIN are aggregates only */
                tr_fail(s, t, "%s takes one argument; for the %s of several values use %s",
                        t->text, sql_tok_is(t, "MAX") ? "greatest" : "least",
                        sql_tok_is(t, "MAX") ? "GREATEST" : "LEAST");
                return;
            }
            tr_emit_tok(s, i);   /* function name */
            i++;
        } else if (i > 0 && (sql_tok_is(tr_tok(s, i - 1), "COLLATE") ||
                             sql_tok_is(tr_tok(s, i - 1), "OVER") ||
                             sql_tok_is(tr_tok(s, i - 1), "WINDOW"))) {
            tr_emit_tok(s, i);   /* a collation or window name, not a field */
            i++;
        } else if (tok_is_name(t) ||
                   (t->kind == SQL_TOK_IDENT && sql_tok_punct(tr_tok(s, i + 1), "."))) {
            i = tr_chain(s, i, end, 1, NULL, NULL);
        } else {
            tr_emit_tok(s, i);
            i++;
        }
    }
}

typedef struct fn_kind {
    const char *name;
    sql_kind kind;
} fn_kind;

static const fn_kind fn_kinds[] = {
    { "COUNT", SQL_KIND_INT }, { "LENGTH", SQL_KIND_INT }, { "STRPOS", SQL_KIND_INT },
    { "ARRAY_LENGTH", SQL_KIND_INT }, { "CARDINALITY", SQL_KIND_INT },
    { "EXTRACT", SQL_KIND_INT }, { "UNIX_MICROS", SQL_KIND_INT }, { "UNIX_MILLIS", SQL_KIND_INT },
    { "UNIX_SECONDS", SQL_KIND_INT }, { "AVG", SQL_KIND_FLOAT }, { "SQRT", SQL_KIND_FLOAT },
    { "LN", SQL_KIND_FLOAT }, { "LOG10", SQL_KIND_FLOAT }, { "EXP", SQL_KIND_FLOAT },
    { "ARRAY_CONTAINS", SQL_KIND_BOOL }, { "REGEXP_LIKE", SQL_KIND_BOOL },
    { "STARTS_WITH", SQL_KIND_BOOL }, { "ENDS_WITH", SQL_KIND_BOOL },
    { "IS_NAN", SQL_KIND_BOOL }, { "IS_INFINITE", SQL_KIND_BOOL },
    { "LOWER", SQL_KIND_STRING }, { "UPPER", SQL_KIND_STRING }, { "CONCAT", SQL_KIND_STRING },
    { "TRIM", SQL_KIND_STRING }, { "SUBSTR", SQL_KIND_STRING }, { "SUBSTRING", SQL_KIND_STRING },
    { "REPLACE", SQL_KIND_STRING }, { "FORMAT_ISO8601", SQL_KIND_STRING },
    { "TYPEOF", SQL_KIND_STRING },
    { "DATE", SQL_KIND_DATE }, { "CURRENT_DATE", SQL_KIND_DATE }, { "TIME", SQL_KIND_TIME },
    { "CURRENT_TIME", SQL_KIND_TIME }, { "DATETIME", SQL_KIND_DATETIME },
    { "CURRENT_DATETIME", SQL_KIND_DATETIME },
    { "TIMESTAMP", SQL_KIND_TIMESTAMP }, { "CURRENT_TIMESTAMP", SQL_KIND_TIMESTAMP },
    { "NOW", SQL_KIND_TIMESTAMP },
    { "TIMESTAMP_MICROS", SQL_KIND_TIMESTAMP }, { "TIMESTAMP_MILLIS", SQL_KIND_TIMESTAMP },
    { "TIMESTAMP_SECONDS", SQL_KIND_TIMESTAMP }, { "PARSE_TIMESTAMP_ISO8601", SQL_KIND_TIMESTAMP },
    { NULL, SQL_KIND_ANY }
};

static sql_kind fn_kind_of(const char *name)
{
    for (int i = 0; fn_kinds[i].name; i++)
        if (strcasecmp(fn_kinds[i].name, name) == 0)
            return fn_kinds[i].kind;
    return SQL_KIND_ANY;
}

static int is_bool_word(const sql_token *t)
{
    static const char *const w[] = { "AND", "OR", "NOT", "IS", "LIKE", "IN", "BETWEEN",
                                     "EXISTS", "GLOB", "REGEXP", "ILIKE", NULL };
    for (int i = 0; w[i]; i++)
        if (sql_tok_is(t, w[i]))
            return 1;
    return 0;
}

static int is_cmp_op(const sql_token *t)
{
    static const char *const ops[] = { "=", "==", "<>", "!=", "<", ">", "<=", ">=", NULL };
    for (int i = 0; ops[i]; i++)
        if (sql_tok_punct(t, ops[i]))
            return 1;
    return 0;
}

static int kind_is_temporal(sql_kind k)
{
    return k == SQL_KIND_DATE || k == SQL_KIND_TIME || k == SQL_KIND_DATETIME ||
           k == SQL_KIND_TIMESTAMP;
}

/* Argument n (0-based) of the call whose '(' is at open and ')' at close: [*a, *b). */
static int call_arg(tr_state *s, size_t open, size_t close, int n, size_t *a, size_t *b)
{
    size_t start = open + 1;
    int depth = 0, k = 0;
    for (size_t x = open + 1; x <= close; x++) {
        const sql_token *t = tr_tok(s, x);
        if (x < close && tr_is_open(t))
            depth++;
        else if (x < close && tr_is_close(t))
            depth--;
        else if (x == close || (depth == 0 && sql_tok_punct(t, ","))) {
            if (k++ == n) {
                *a = start, *b = x;
                return start < x;
            }
            start = x + 1;
        }
    }
    return 0;
}

/* Functions whose result is the value (or the type) of one of their arguments: which
 * argument, or -1. MIN/MAX over a field get their type from a companion instead. */
static int fn_passes_arg(const sql_token *t)
{
    static const struct { const char *name; int arg; } fns[] = {
        { "DATE_ADD", 2 }, { "DATE_SUB", 2 }, { "DATE_TRUNC", 1 }, { "MIN", 0 }, { "MAX", 0 },
        { "TRY", 0 },
    };
    for (size_t k = 0; k < sizeof fns / sizeof fns[0]; k++)
        if (sql_tok_is(t, fns[k].name))
            return fns[k].arg;
    return -1;
}

/* The kind a date function answers for an argument of kind k. */
static sql_kind temporal_of(sql_kind k)
{
    return kind_is_temporal(k) ? k : SQL_KIND_TEMPORAL;
}

/* A call [i, end) whose kind follows one of its arguments, ANY when there is none. */
static sql_kind tr_call_kind(tr_state *s, size_t i, size_t end)
{
    int arg = fn_passes_arg(tr_tok(s, i));
    size_t a, b;
    int p;
    if (arg < 0 || !call_arg(s, i + 1, end - 1, arg, &a, &b))
        return SQL_KIND_ANY;
    if (sql_tok_is(tr_tok(s, a), "DISTINCT"))
        a++;
    const sql_token *f = tr_tok(s, a);
    /* a field's type is known per value only (MIN/MAX over one have a companion) */
    const sql_token *nx = tr_tok(s, a + 1);
    int field = f->kind == SQL_TOK_QIDENT ||
                (f->kind == SQL_TOK_IDENT && !tr_is_keyword(f) && !sql_tok_punct(nx, "(") &&
                 nx->kind != SQL_TOK_STRING);
    sql_kind k = field || a >= b ? SQL_KIND_ANY : tr_item_kind(s, a, b, &p);
    if (k == SQL_KIND_PARAM)
        k = SQL_KIND_ANY;
    if (sql_tok_is(tr_tok(s, i), "MIN") || sql_tok_is(tr_tok(s, i), "MAX") ||
        sql_tok_is(tr_tok(s, i), "TRY"))
        return k;
    return temporal_of(k);
}

sql_kind tr_item_kind(tr_state *s, size_t i, size_t end, int *param)
{
    const sql_token *t = tr_tok(s, i);
    *param = 0;
    if (end == i + 1) {
        if (t->kind == SQL_TOK_PARAM) {
            *param = (int)s->out->nparams;
            return SQL_KIND_PARAM;
        }
        if (sql_tok_is(t, "TRUE") || sql_tok_is(t, "FALSE"))
            return SQL_KIND_BOOL;
        if (t->kind == SQL_TOK_STRING)
            return SQL_KIND_STRING;
        if (t->kind == SQL_TOK_NUMBER)
            return strpbrk(t->text, ".eE") ? SQL_KIND_FLOAT : SQL_KIND_INT;
        /* "date" quoted is a field, never the function */
        return t->kind == SQL_TOK_IDENT ? fn_kind_of(t->text) : SQL_KIND_ANY;
    }
    if (end == i + 2 && t->kind == SQL_TOK_IDENT && tr_tok(s, i + 1)->kind == SQL_TOK_STRING)
        return fn_kind_of(t->text);   /* DATE '...' literals */
    if (t->kind == SQL_TOK_IDENT && sql_tok_punct(tr_tok(s, i + 1), "(") &&
        !tr_word_before_paren(t) && tr_match_paren(s, i + 1, end) == end - 1) {
        if (sql_tok_is(t, "CAST") || sql_tok_is(t, "TRY_CAST")) {
            const cast_type *ct = cast_lookup(tr_tok(s, end - 2)->text);
            return ct ? ct->kind : SQL_KIND_ANY;
        }
        return fn_passes_arg(t) >= 0 ? tr_call_kind(s, i, end) : fn_kind_of(t->text);
    }
    int depth = 0;
    size_t interval = 0;
    for (size_t k = i; k < end; k++) {
        const sql_token *x = tr_tok(s, k);
        if (tr_is_open(x) || sql_tok_is(x, "CASE"))
            depth++;
        else if (tr_is_close(x) || sql_tok_is(x, "END"))
            depth--;
        else if (depth == 0 && (is_cmp_op(x) || is_bool_word(x)))
            return SQL_KIND_BOOL;
        else if (depth == 0 && k > i && (sql_tok_punct(x, "+") || sql_tok_punct(x, "-")) &&
                 sql_tok_is(tr_tok(s, k + 1), "INTERVAL"))
            interval = k;
    }
    if (interval && tr_interval_end(s, interval + 1, end) == end) {
        /* x +/- INTERVAL ...: the type of x */
        int p;
        sql_kind k = tr_item_kind(s, i, interval, &p);
        return temporal_of(k == SQL_KIND_PARAM ? SQL_KIND_ANY : k);
    }
    return SQL_KIND_ANY;
}
