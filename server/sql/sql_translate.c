/* SPDX-License-Identifier: Apache-2.0 */
/* Statement half of the translator: OPTION prefixes, statement kinds, queries, SELECT
 * lists (names, kinds, companion columns) and FROM clauses (collections). */
#include "server/sql/sql_tr_internal.h"
#include "server/srv_msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sqlite3.h>

/* ---- buffers ---- */

void sql_sbuf_add(sql_sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t ncap = b->cap ? b->cap : 256;
        while (ncap < b->len + n + 1)
            ncap *= 2;
        char *ns = realloc(b->s, ncap);
        if (!ns) {
            b->oom = 1;
            return;
        }
        b->s = ns;
        b->cap = ncap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void sql_sbuf_puts(sql_sbuf *b, const char *s) { sql_sbuf_add(b, s, strlen(s)); }

void sql_sbuf_printf(sql_sbuf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        sql_sbuf_add(b, tmp, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->oom = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sql_sbuf_add(b, big, (size_t)n);
    free(big);
}

static void sbuf_quoted(sql_sbuf *b, const char *s, char q)
{
    sql_sbuf_add(b, &q, 1);
    for (const char *p = s; *p; p++) {
        sql_sbuf_add(b, p, 1);
        if (*p == q)
            sql_sbuf_add(b, p, 1);
    }
    sql_sbuf_add(b, &q, 1);
}

void sql_sbuf_ident(sql_sbuf *b, const char *name) { sbuf_quoted(b, name, '"'); }
void sql_sbuf_strlit(sql_sbuf *b, const char *text) { sbuf_quoted(b, text, '\''); }

/* ---- shared helpers ---- */

static void tr_vfail(tr_state *s, int status, const char *type, const char *key,
                     const sql_token *at, const char *fmt, va_list ap)
{
    if (s->failed)
        return;
    s->failed = 1;
    sql_translation *o = s->out;
    o->err_status = status;
    snprintf(o->err_type, sizeof o->err_type, "%s", type);
    snprintf(o->err_key, sizeof o->err_key, "%s", key ? key : "");
    vsnprintf(o->err_msg, sizeof o->err_msg, fmt, ap);
    o->err_line = at ? at->line : 0;
    o->err_column = at ? at->column : 0;
}

void tr_fail(tr_state *s, const sql_token *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tr_vfail(s, 400, "QUERY_ERROR", NULL, at, fmt, ap);
    va_end(ap);
}

void tr_fail_status(tr_state *s, int status, const char *type, const char *key,
                    const sql_token *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tr_vfail(s, status, type, key, at, fmt, ap);
    va_end(ap);
}

void tr_fail_syntax(tr_state *s, const sql_token *at, const char *hint)
{
    char msg[400];
    sql_syntax_msg(msg, sizeof msg, at, hint);
    tr_fail(s, at, "%s", msg);
}

/* The service's pairs (shared/api-notes.md, "Errors"): 404 NOTFOUND with message_key
 * WORKSPACE_NOT_FOUND or COLLECTION_DOES_NOT_EXIST, in the endpoints' words (srv_msg.h). */
void tr_fail_not_found(tr_state *s, const sql_token *at, int rc, const char *ws,
                       const char *coll)
{
    if (rc == 1)
        tr_fail_status(s, 404, "NOTFOUND", "WORKSPACE_NOT_FOUND", at,
                       SRV_MSG_NO_WORKSPACE, ws);
    else
        tr_fail_status(s, 404, "NOTFOUND", "COLLECTION_DOES_NOT_EXIST", at,
                       SRV_MSG_NO_COLLECTION, coll, ws);
}

const sql_token *tr_tok(const tr_state *s, size_t i)
{
    return i < s->toks->n ? &s->toks->v[i] : &s->toks->v[s->toks->n - 1];
}

int tr_is_keyword(const sql_token *t)
{
    if (t->kind != SQL_TOK_IDENT)
        return 0;
    if (sql_tok_is(t, "TRUE") || sql_tok_is(t, "FALSE"))
        return 1;
    return sqlite3_keyword_check(t->text, (int)strlen(t->text));
}

int tr_is_clause_end(const sql_token *t)
{
    static const char *const w[] = { "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET",
                                     "UNION", "INTERSECT", "EXCEPT", "WINDOW", NULL };
    for (int i = 0; w[i]; i++)
        if (sql_tok_is(t, w[i]))
            return 1;
    return t->kind == SQL_TOK_END;
}

int tr_is_open(const sql_token *t)
{
    return sql_tok_punct(t, "(") || sql_tok_punct(t, "[") || sql_tok_punct(t, "{");
}

int tr_is_close(const sql_token *t)
{
    return sql_tok_punct(t, ")") || sql_tok_punct(t, "]") || sql_tok_punct(t, "}");
}

size_t tr_match_paren(const tr_state *s, size_t open, size_t end)
{
    int depth = 0;
    for (size_t k = open; k < end; k++) {
        const sql_token *t = tr_tok(s, k);
        if (tr_is_open(t))
            depth++;
        else if (tr_is_close(t) && --depth == 0)
            return k;
    }
    return end > open ? end - 1 : open;
}

void tr_mark(tr_state *s, size_t i)
{
    sql_translation *o = s->out;
    if (s->buf.oom)
        return;
    if (o->nmap == s->map_cap) {
        size_t ncap = s->map_cap ? s->map_cap * 2 : 64;
        sql_pos_map *nv = realloc(o->map, ncap * sizeof *nv);
        if (!nv) {
            s->buf.oom = 1;
            return;
        }
        o->map = nv;
        s->map_cap = ncap;
    }
    const sql_token *t = tr_tok(s, i);
    o->map[o->nmap++] = (sql_pos_map){ s->buf.len, t->line, t->column };
}

void tr_emit_tok(tr_state *s, size_t i)
{
    const sql_token *t = tr_tok(s, i);
    tr_mark(s, i);
    if (t->kind == SQL_TOK_QIDENT)
        sql_sbuf_ident(&s->buf, t->text);
    else
        sql_sbuf_puts(&s->buf, t->text);
}

/* Index of the first token in [i, end) at paren depth 0 that satisfies pred. */
size_t tr_find0(const tr_state *s, size_t i, size_t end, int (*pred)(const sql_token *))
{
    int depth = 0;
    for (size_t k = i; k < end; k++) {
        const sql_token *t = tr_tok(s, k);
        if (depth == 0 && pred(t))
            return k;
        if (tr_is_open(t))
            depth++;
        else if (tr_is_close(t))
            depth--;
    }
    return end;
}


/* ---- statements ---- */

void sql_coll_clear(sql_coll *c)
{
    for (size_t i = 0; i < c->nfields; i++)
        free(c->fields[i]);
    free(c->fields);
    c->fields = NULL;
    c->nfields = 0;
}

const char *sql_kind_type_name(sql_kind k)
{
    switch (k) {
    case SQL_KIND_BOOL: return "bool";
    case SQL_KIND_INT: return "int";
    case SQL_KIND_FLOAT: return "float";
    case SQL_KIND_STRING: return "string";
    case SQL_KIND_DATE: return "date";
    case SQL_KIND_TIME: return "time";
    case SQL_KIND_DATETIME: return "datetime";
    case SQL_KIND_TIMESTAMP: return "timestamp";
    default: return "";
    }
}

/* OPTION(k = v, ...) at i; returns the index after it. */
static size_t tr_option(tr_state *s, size_t i, size_t end)
{
    size_t close = tr_match_paren(s, i + 1, end);
    for (size_t k = i + 2; k + 2 < close + 1; k++) {
        const sql_token *key = tr_tok(s, k), *val = tr_tok(s, k + 2);
        if (!sql_tok_punct(tr_tok(s, k + 1), "=") || k + 2 >= close)
            continue;
        if (sql_tok_is(key, "default_workspace")) {
            const char *v = val->text;
            size_t L = strlen(v);
            char *w = val->kind == SQL_TOK_STRING ? strndup(v + 1, L >= 2 ? L - 2 : 0) : strdup(v);
            if (w) {
                free(s->default_ws_owned);
                s->default_ws_owned = w;
                s->default_ws = w;
            }
        } else if (sql_tok_is(key, "max_field_depth")) {
            s->out->max_field_depth = atoi(val->text);
        }
        k += 2;
    }
    return close + 1;
}

/* DESCRIBE target at i. */
static void tr_describe(tr_state *s, size_t i, size_t end)
{
    sql_sbuf ws = { 0 };
    const char *parts[32];
    size_t n = 0, k = i;
    while (k < end && n < 32) {
        const sql_token *t = tr_tok(s, k);
        if (t->kind != SQL_TOK_IDENT && t->kind != SQL_TOK_QIDENT)
            break;
        parts[n++] = t->text;
        if (!sql_tok_punct(tr_tok(s, k + 1), "."))
            break;
        k += 2;
    }
    if (n == 0 || k + 1 != end) {
        tr_fail(s, tr_tok(s, n == 0 ? i : k + 1), "Expected DESCRIBE workspace.collection");
        return;
    }
    if (n == 1)
        sql_sbuf_puts(&ws, s->default_ws);
    for (size_t p = 0; p + 1 < n; p++) {
        if (p)
            sql_sbuf_puts(&ws, ".");
        sql_sbuf_puts(&ws, parts[p]);
    }
    sql_coll c = { { 0 }, NULL, 0 };
    int rc = s->resolve(s->ctx, ws.s, parts[n - 1], &c);
    if (rc == 1 || rc == 2)
        tr_fail_not_found(s, tr_tok(s, i), rc, ws.s, parts[n - 1]);
    else if (rc != 0)
        tr_fail_status(s, 500, "INTERNALERROR", NULL, tr_tok(s, i), "Could not read collection");
    snprintf(s->out->desc_table, sizeof s->out->desc_table, "%s", c.table);
    sql_coll_clear(&c);
    s->out->desc_ws = ws.s;
    s->out->desc_coll = strdup(parts[n - 1]);
    if (!s->failed) {
        char *full = malloc(strlen(ws.s) + strlen(parts[n - 1]) + 2);
        s->out->collections = malloc(sizeof(char *));
        if (full && s->out->collections) {
            sprintf(full, "%s.%s", ws.s, parts[n - 1]);
            s->out->collections[0] = full;
            s->out->ncollections = 1;
        } else {
            free(full);
        }
    }
}

static void tr_statement(tr_state *s, size_t k, size_t n)
{
    const sql_token *t = tr_tok(s, k);
    sql_translation *o = s->out;
    if (sql_tok_is(t, "SELECT") || sql_tok_is(t, "WITH") || sql_tok_is(t, "VALUES") ||
        sql_tok_punct(t, "(")) {
        o->kind = SQL_STMT_QUERY;
        tr_query(s, k, n);
    } else if (sql_tok_is(t, "DESCRIBE") || sql_tok_is(t, "DESC")) {
        o->kind = SQL_STMT_DESCRIBE;
        tr_describe(s, k + 1, n);
    } else if (sql_tok_is(t, "SHOW") && sql_tok_is(tr_tok(s, k + 1), "COLUMNS") &&
               (sql_tok_is(tr_tok(s, k + 2), "FROM") || sql_tok_is(tr_tok(s, k + 2), "IN"))) {
        o->kind = SQL_STMT_DESCRIBE;
        tr_describe(s, k + 3, n);
    } else if (sql_tok_is(t, "INSERT")) {
        o->kind = SQL_STMT_INSERT;
        tr_insert(s, k + 1, n);
    } else if (sql_tok_is(t, "EXPLAIN")) {
        o->kind = SQL_STMT_EXPLAIN;
        tr_fail_status(s, 501, "NOTIMPLEMENTEDYET", NULL, t,
                       "EXPLAIN is not supported by rockset-local");
    } else if (t->kind == SQL_TOK_END) {
        tr_fail(s, t, "Empty query");
    } else {
        tr_fail(s, t, "Unsupported statement `%s`: rockset-local runs SELECT queries, "
                "INSERT INTO ... SELECT and DESCRIBE", t->text);
    }
}

/* Parentheses, brackets and braces must nest before any rewriting: the translator matches
 * them to find subqueries, argument lists and array/object literals, and with one missing it
 * would drop tokens, so SQLite's error would name a token the user never wrote. A stray or
 * mismatched closer is the error; an unclosed opener means the query ended too early
 * ("<EOF>" at its end). */
static void tr_check_parens(tr_state *s, size_t k, size_t n)
{
    char stack[256];
    int depth = 0;
    for (size_t j = k; j < n; j++) {
        const sql_token *t = &s->toks->v[j];
        if (tr_is_open(t)) {
            if (depth == (int)sizeof stack) {
                tr_fail(s, t, "Expression nested too deeply");
                return;
            }
            stack[depth++] = t->text[0] == '(' ? ')' : t->text[0] == '[' ? ']' : '}';
        } else if (tr_is_close(t) && (depth == 0 || stack[--depth] != t->text[0])) {
            tr_fail_syntax(s, t, NULL);
            return;
        }
    }
    if (depth > 0)
        tr_fail_syntax(s, &s->toks->v[s->toks->n - 1], NULL);
}

int sql_translate(const char *query, const sql_translate_opts *opts, sql_resolve_fn resolve,
                  void *ctx, sql_translation *out)
{
    static const sql_translate_opts no_opts = { NULL, 0 };
    sql_tokens toks;
    memset(out, 0, sizeof *out);
    if (!opts)
        opts = &no_opts;
    if (sql_lex(query ? query : "", &toks, out->err_msg, sizeof out->err_msg, &out->err_line,
                &out->err_column) != 0) {
        out->err_status = 400;
        snprintf(out->err_type, sizeof out->err_type, "QUERY_ERROR");
        snprintf(out->err_id, sizeof out->err_id, "syntax_error");
        return -1;
    }
    tr_state s;
    memset(&s, 0, sizeof s);
    s.toks = &toks;
    s.opts = opts;
    s.resolve = resolve;
    s.ctx = ctx;
    s.out = out;
    s.default_ws = opts->default_workspace ? opts->default_workspace : "commons";
    size_t n = toks.n - 1, k = 0;
    while (n > 0 && sql_tok_punct(&toks.v[n - 1], ";"))
        n--;
    while (sql_tok_is(tr_tok(&s, k), "OPTION") && sql_tok_punct(tr_tok(&s, k + 1), "("))
        k = tr_option(&s, k, n);
    if (n > k && sql_tok_punct(&toks.v[n - 1], ")")) {
        /* a trailing OPTION(...) */
        int depth = 0;
        for (size_t j = n; j-- > k;) {
            if (sql_tok_punct(&toks.v[j], ")"))
                depth++;
            else if (sql_tok_punct(&toks.v[j], "(") && --depth == 0) {
                if (j > k && sql_tok_is(&toks.v[j - 1], "OPTION")) {
                    tr_option(&s, j - 1, n);
                    n = j - 1;
                }
                break;
            }
        }
    }
    /* One statement per query: Rockset runs exactly one, so text after a ';' is refused at
     * its position rather than silently dropped (trailing semicolons alone are fine). A ';'
     * inside a string or quoted name is a token of its own kind and never matches here. */
    for (size_t j = k; j < n && !s.failed; j++)
        if (sql_tok_punct(&toks.v[j], ";"))
            tr_fail(&s, &toks.v[j + 1], "Only one statement can be run per query: remove the "
                                        "text after the ';' at line %d, column %d.",
                    toks.v[j].line, toks.v[j].column);
    if (!s.failed)
        tr_check_parens(&s, k, n);
    if (!s.failed)
        tr_statement(&s, k, n);
    if (s.buf.oom && !s.failed)
        tr_fail_status(&s, 500, "INTERNALERROR", NULL, NULL, "Out of memory");
    out->sql = s.buf.s;
    if (!out->sql)
        out->sql = strdup("");
    for (size_t i = 0; i < s.naliases; i++) {
        free(s.aliases[i]);
        free(s.alias_unnest[i]);
        tr_coll_free(s.alias_coll[i]);
    }
    tr_item_names_free(&s.item_names);
    for (size_t i = 0; i < s.nctes; i++)
        free(s.ctes[i]);
    free(s.default_ws_owned);
    sql_tokens_free(&toks);
    if (s.failed && out->err_id[0] == '\0')
        snprintf(out->err_id, sizeof out->err_id, "%s",
                 out->err_status == 400 ? "syntax_error" : "");
    return s.failed ? -1 : 0;
}

void sql_translation_free(sql_translation *t)
{
    free(t->sql);
    for (size_t i = 0; i < t->nparams; i++)
        free(t->params[i].name);
    free(t->params);
    for (size_t i = 0; i < t->ncols; i++)
        free(t->cols[i].name);
    free(t->cols);
    for (size_t i = 0; i < t->nexcept; i++)
        free(t->except[i]);
    free(t->except);
    for (size_t i = 0; i < t->ncollections; i++)
        free(t->collections[i]);
    free(t->collections);
    free(t->map);
    free(t->desc_ws);
    free(t->desc_coll);
    for (size_t i = 0; i < t->nins_cols; i++)
        free(t->ins_cols[i]);
    free(t->ins_cols);
    memset(t, 0, sizeof *t);
}

void sql_translation_pos(const sql_translation *t, int out_offset, int *line, int *column)
{
    *line = 0;
    *column = 0;
    for (size_t i = 0; i < t->nmap && out_offset >= 0; i++) {
        if (t->map[i].out_offset > (size_t)out_offset)
            break;
        *line = t->map[i].line;
        *column = t->map[i].column;
    }
}
