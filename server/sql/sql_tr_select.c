/* SPDX-License-Identifier: Apache-2.0 */
/* Queries, SELECT cores and FROM clauses of the translator. */
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

/* A FROM alias of the current select; coll (taken over) is its collection, NULL for a
 * subquery or CTE, whose columns are not known here. */
static void tr_add_alias(tr_state *s, const char *name, sql_coll *coll, char *unnest,
                         int anon)
{
    if (s->naliases >= TR_MAX_ALIASES) {
        tr_fail(s, NULL, "Too many table references");
        tr_coll_free(coll);
        free(unnest);
        return;
    }
    s->aliases[s->naliases] = strdup(name);
    s->alias_coll[s->naliases] = coll;
    s->alias_unnest[s->naliases] = unnest;
    s->alias_anon[s->naliases] = (unsigned char)(unnest && anon);
    if (!s->aliases[s->naliases]) {
        s->buf.oom = 1;
        tr_coll_free(coll);
        free(unnest);
    } else {
        s->naliases++;
    }
}

void tr_coll_free(sql_coll *c)
{
    if (c) {
        sql_coll_clear(c);
        free(c);
    }
}

static int tr_is_cte(const tr_state *s, const char *name)
{
    for (size_t i = 0; i < s->nctes; i++)
        if (strcasecmp(s->ctes[i], name) == 0)
            return 1;
    return 0;
}

void tr_add_collection(tr_state *s, const char *ws, const char *coll)
{
    sql_translation *o = s->out;
    char *full = malloc(strlen(ws) + strlen(coll) + 2);
    if (!full) {
        s->buf.oom = 1;
        return;
    }
    sprintf(full, "%s.%s", ws, coll);
    for (size_t i = 0; i < o->ncollections; i++)
        if (strcmp(o->collections[i], full) == 0) {
            free(full);
            return;
        }
    char **nv = realloc(o->collections, (o->ncollections + 1) * sizeof *nv);
    if (!nv) {
        free(full);
        s->buf.oom = 1;
        return;
    }
    o->collections = nv;
    o->collections[o->ncollections++] = full;
}

/* The subquery standing for a collection. Each field enters the value model (sql_value.h)
 * once, here: rs_field reads the member's JSON text (as rs_jv(doc -> path) would) as an int,
 * float, string, bool or tagged value, a {"__rockset_type": ...} wrapper as the value of its
 * type. The companion is the field's JSON type (rs_field_type, as json_type names it), NULL
 * when the document lacks it, which is all that tells undefined from null (both are SQL
 * NULL in the value column). Both scan the document's text for the one member instead of
 * having SQLite's JSON parser build every value of it: most of a scan's time went there. */
static void tr_emit_collection(tr_state *s, const sql_coll *c)
{
    sql_sbuf *b = &s->buf;
    sql_sbuf_puts(b, "(SELECT \"_id\" AS \"_id\", 'text' AS \"_id" SQL_COMPANION_SUFFIX "\","
                     " rs_ts(\"_event_time\") AS \"_event_time\", 'timestamp' AS \"_event_time"
                     SQL_COMPANION_SUFFIX "\"");
    for (size_t i = 0; i < c->nfields; i++) {
        const char *f = c->fields[i];
        if (strcmp(f, "_id") == 0 || strcmp(f, "_event_time") == 0 || strchr(f, '"'))
            continue;
        sql_sbuf_puts(b, ", rs_field(\"doc\", ");
        sql_sbuf_strlit(b, f);
        sql_sbuf_puts(b, ") AS ");
        sql_sbuf_ident(b, f);
        sql_sbuf_puts(b, ", rs_field_type(\"doc\", ");
        sql_sbuf_strlit(b, f);
        sql_sbuf_puts(b, ") AS \"");
        sql_sbuf_puts(b, f);
        sql_sbuf_puts(b, SQL_COMPANION_SUFFIX "\"");
    }
    if (s->fast_star)
        sql_sbuf_puts(b, ", \"doc\" AS \"" SQL_DOC_COLUMN_NAME "\"");
    sql_sbuf_printf(b, " FROM \"%s\")", c->table);
}

/* A collection reference (dotted chain) at i; returns the index after it. */
static size_t tr_from_ref(tr_state *s, size_t i, size_t end, int emit, char **dflt_alias,
                          sql_coll **found)
{
    const char *parts[32];
    size_t n = 0, k = i;
    parts[n++] = tr_tok(s, k)->text;
    k++;
    while (k + 1 < end && sql_tok_punct(tr_tok(s, k), ".") && n < 32 &&
           (tr_tok(s, k + 1)->kind == SQL_TOK_IDENT || tr_tok(s, k + 1)->kind == SQL_TOK_QIDENT)) {
        parts[n++] = tr_tok(s, k + 1)->text;
        k += 2;
    }
    *dflt_alias = strdup(parts[n - 1]);
    if (n == 1 && tr_is_cte(s, parts[0])) {
        if (emit)
            tr_emit_tok(s, i);
        return k;
    }
    sql_sbuf ws = { 0 };
    if (n == 1) {
        sql_sbuf_puts(&ws, s->default_ws);
    } else {
        for (size_t p = 0; p + 1 < n; p++) {
            if (p)
                sql_sbuf_puts(&ws, ".");
            sql_sbuf_puts(&ws, parts[p]);
        }
    }
    sql_coll c = { { 0 }, NULL, 0 };
    int rc = s->resolve(s->ctx, ws.s ? ws.s : "", parts[n - 1], &c);
    if (rc == 1 || rc == 2) {
        tr_fail_not_found(s, tr_tok(s, i), rc, ws.s, parts[n - 1]);
    } else if (rc != 0) {
        tr_fail_status(s, 500, "INTERNALERROR", NULL, tr_tok(s, i),
                       "Could not read collection '%s.%s'", ws.s, parts[n - 1]);
    } else if (emit) {
        tr_mark(s, i);
        tr_emit_collection(s, &c);
        tr_add_collection(s, ws.s, parts[n - 1]);
    } else if ((*found = malloc(sizeof c)) != NULL) {
        **found = c;
        c = (sql_coll){ { 0 }, NULL, 0 };
    }
    sql_coll_clear(&c);
    free(ws.s);
    return k;
}

/* UNNEST(array [AS name]) -> json_each(rs_unnest(array)): its rows are the elements, reached as
 * alias.name (or alias.field for elements that are objects). *anon: no AS name. */
static size_t tr_unnest(tr_state *s, size_t k, size_t end, int emit, char **dflt,
                        char **elem, int *anon)
{
    size_t close = tr_match_paren(s, k + 1, end), e = close;
    const char *name = "unnest";
    if (close >= k + 5 && sql_tok_is(tr_tok(s, close - 2), "AS") &&
        (tr_tok(s, close - 1)->kind == SQL_TOK_IDENT ||
         tr_tok(s, close - 1)->kind == SQL_TOK_QIDENT)) {
        name = tr_tok(s, close - 1)->text;
        e = close - 2;
        *anon = 0;
    }
    if (e <= k + 2) {
        tr_fail(s, tr_tok(s, k), "Expected UNNEST(array [AS name])");
        return close + 1;
    }
    *dflt = strdup("unnest");
    *elem = strdup(name);
    if (emit) {
        /* the array reads the sources before this one (and enclosing queries), never this
         * UNNEST's own element: no source of the current select is "the only one" here */
        size_t first = s->sel_first_alias;
        s->sel_first_alias = s->naliases;
        tr_mark(s, k);
        sql_sbuf_puts(&s->buf, "json_each(rs_unnest(");
        tr_expr(s, k + 2, e);
        sql_sbuf_puts(&s->buf, "))");
        s->sel_first_alias = first;
    }
    return close + 1;
}

static int is_join_word(const sql_token *t)
{
    static const char *const w[] = { "NATURAL", "LEFT", "RIGHT", "FULL", "OUTER", "INNER",
                                     "CROSS", "JOIN", NULL };
    for (int i = 0; w[i]; i++)
        if (sql_tok_is(t, w[i]))
            return 1;
    return 0;
}

static int is_on_end(const sql_token *t) { return is_join_word(t) || sql_tok_punct(t, ","); }

/* Optional alias at *k. */
static void tr_from_alias(tr_state *s, size_t *k, size_t end, int emit, char *dflt,
                          sql_coll *coll, char *unnest, int anon)
{
    const char *alias = dflt;
    if (*k + 1 < end && sql_tok_is(tr_tok(s, *k), "AS") && tok_is_name(tr_tok(s, *k + 1))) {
        alias = tr_tok(s, *k + 1)->text;
        *k += 2;
    } else if (*k < end && tok_is_name(tr_tok(s, *k))) {
        alias = tr_tok(s, *k)->text;
        *k += 1;
    }
    if (!alias) {
        tr_coll_free(coll);
        free(unnest);
        return;
    }
    if (emit) {
        sql_sbuf_puts(&s->buf, " AS ");
        sql_sbuf_ident(&s->buf, alias);
        free(unnest);
    } else {
        tr_add_alias(s, alias, coll, unnest, anon);
    }
}

/* A subquery in FROM, '(' at k: the index after it, 0 on error. */
static size_t tr_from_subquery(tr_state *s, size_t k, size_t end, int emit, char **dflt)
{
    size_t close = tr_match_paren(s, k, end);
    const sql_token *in = tr_tok(s, k + 1);
    if (!sql_tok_is(in, "SELECT") && !sql_tok_is(in, "WITH") && !sql_tok_is(in, "VALUES")) {
        tr_fail(s, in, "Only subqueries may be parenthesized in FROM");
        return 0;
    }
    if (emit) {
        tr_emit_tok(s, k);
        s->query_depth++;
        tr_query(s, k + 1, close);
        s->query_depth--;
        sql_sbuf_puts(&s->buf, ")");
    }
    /* a name even when the query gives none: it is a source like any other (its columns
     * are no unknown fields), and SELECT * next to an UNNEST lists it as alias.* */
    char gen[32];
    snprintf(gen, sizeof gen, "__rs_from%zu", close + 1);
    *dflt = strdup(gen);
    return close + 1;
}

static void tr_from(tr_state *s, size_t i, size_t end, int emit)
{
    int expect_ref = 1, right = 0;   /* right: RIGHT or FULL before this source */
    size_t k = i;
    while (k < end && !s->failed) {
        const sql_token *t = tr_tok(s, k);
        if (emit)
            sql_sbuf_puts(&s->buf, " ");
        if (expect_ref) {
            char *dflt = NULL;
            sql_coll *coll = NULL;
            char *unnest = NULL;
            int anon = 1;
            if (sql_tok_punct(t, "(")) {
                if ((k = tr_from_subquery(s, k, end, emit, &dflt)) == 0)
                    return;
            } else if (sql_tok_is(t, "UNNEST") && sql_tok_punct(tr_tok(s, k + 1), "(")) {
                if (right) {
                    /* SQLite answers a RIGHT JOIN onto json_each with rows that lack every
                     * match, and the array may read the left side (a lateral reference,
                     * which no RIGHT or FULL join can give) */
                    tr_fail(s, t, "UNNEST cannot be the right side of a RIGHT or FULL JOIN: "
                            "put it on the left (UNNEST(...) AS u LEFT JOIN ...)");
                    return;
                }
                k = tr_unnest(s, k, end, emit, &dflt, &unnest, &anon);
            } else if (t->kind == SQL_TOK_IDENT && sql_tok_punct(tr_tok(s, k + 1), "(")) {
                tr_fail_status(s, 501, "NOTIMPLEMENTEDYET", NULL, t,
                               "Table function `%s` is not supported by rockset-local", t->text);
                return;
            } else if (t->kind == SQL_TOK_IDENT || t->kind == SQL_TOK_QIDENT) {
                k = tr_from_ref(s, k, end, emit, &dflt, &coll);
            } else {
                tr_fail(s, t, "Expected a collection or a subquery, found `%s`", t->text);
                return;
            }
            tr_from_alias(s, &k, end, emit, dflt, coll, unnest, anon);
            free(dflt);
            expect_ref = 0;
            right = 0;
        } else if (sql_tok_punct(t, ",") || sql_tok_is(t, "JOIN")) {
            if (emit)
                tr_emit_tok(s, k);
            k++;
            expect_ref = 1;
        } else if (is_join_word(t)) {
            right |= sql_tok_is(t, "RIGHT") || sql_tok_is(t, "FULL");
            if (emit)
                tr_emit_tok(s, k);
            k++;
        } else if (sql_tok_is(t, "ON") || sql_tok_is(t, "USING")) {
            size_t e = tr_find0(s, k + 1, end, is_on_end);
            if (emit) {
                int using = sql_tok_is(t, "USING");
                tr_emit_tok(s, k);
                s->raw_names += using;
                tr_expr(s, k + 1, e);
                s->raw_names -= using;
            }
            k = e;
        } else {
            tr_fail(s, t, "Unexpected `%s` in FROM clause", t->text);
            return;
        }
    }
}

static int is_items_end(const sql_token *t)
{
    return sql_tok_is(t, "FROM") || (tr_is_clause_end(t) && !sql_tok_is(t, "EXCEPT"));
}

/* Where the select list ends: FROM or a clause keyword; EXCEPT right after * belongs to
 * the list (SELECT * EXCEPT (...)). */
static size_t tr_items_end(const tr_state *s, size_t i, size_t end)
{
    for (;;) {
        size_t k = tr_find0(s, i, end, is_items_end);
        size_t x = tr_find0(s, i, k, tr_is_clause_end);   /* a compound EXCEPT */
        if (x < k && sql_tok_is(tr_tok(s, x), "EXCEPT")) {
            if (x > i && sql_tok_punct(tr_tok(s, x - 1), "*") &&
                sql_tok_punct(tr_tok(s, x + 1), "(")) {
                i = tr_match_paren(s, x + 1, end) + 1;
                continue;
            }
            return x;
        }
        return k;
    }
}

static int sql_tok_is_comma(const sql_token *t) { return sql_tok_punct(t, ","); }
static int sql_tok_is_group(const sql_token *t) { return sql_tok_is(t, "GROUP"); }

static int is_select_end(const sql_token *t)
{
    return sql_tok_is(t, "UNION") || sql_tok_is(t, "INTERSECT") || sql_tok_is(t, "EXCEPT") ||
           sql_tok_is(t, "ORDER") || sql_tok_is(t, "LIMIT") || sql_tok_is(t, "OFFSET");
}

static int is_group_end(const sql_token *t)
{
    return sql_tok_is(t, "HAVING") || sql_tok_is(t, "WINDOW");
}

/* An ORDER BY / GROUP BY list: integer ordinals move past inserted companions. */
static void tr_key_list(tr_state *s, size_t i, size_t end, const tr_select_info *info)
{
    while (i < end && !s->failed) {
        size_t e = tr_find0(s, i, end, sql_tok_is_comma);
        const sql_token *t = tr_tok(s, i);
        if (info && t->kind == SQL_TOK_NUMBER && !strpbrk(t->text, ".eE") &&
            (e == i + 1 || tr_tok(s, i + 1)->kind == SQL_TOK_IDENT)) {
            long n = strtol(t->text, NULL, 10);
            if (n >= 1 && (size_t)n <= info->nitems)
                n += info->shift[n - 1];
            tr_mark(s, i);
            sql_sbuf_printf(&s->buf, " %ld", n);
            tr_expr(s, i + 1, e);
        } else {
            tr_expr(s, i, e);
        }
        if (e < end) {
            sql_sbuf_puts(&s->buf, ",");
            e++;
        }
        i = e;
    }
}

static int is_group_word(const sql_token *t)
{
    return sql_tok_is(t, "GROUP") || sql_tok_is(t, "HAVING") || sql_tok_is(t, "WINDOW");
}

/* SELECT * [EXCEPT (...)] FROM one collection, without grouping: rows are whole documents. */
static int tr_fast_star(tr_state *s, size_t k, size_t items_end, size_t from_end,
                        size_t sel_end)
{
    if (!sql_tok_punct(tr_tok(s, k), "*"))
        return 0;
    if (items_end != k + 1 && !(sql_tok_is(tr_tok(s, k + 1), "EXCEPT") &&
                                tr_match_paren(s, k + 2, items_end) == items_end - 1))
        return 0;
    size_t f = items_end + 1, parts = 0;
    while (f < from_end && (tr_tok(s, f)->kind == SQL_TOK_IDENT ||
                            tr_tok(s, f)->kind == SQL_TOK_QIDENT)) {
        parts++;
        f++;
        if (f < from_end && sql_tok_punct(tr_tok(s, f), ".") && f + 1 < from_end)
            f++;
        else
            break;
    }
    if (parts == 0 || (parts == 1 && tr_is_cte(s, tr_tok(s, items_end + 1)->text)))
        return 0;
    if (f < from_end && sql_tok_is(tr_tok(s, f), "AS"))
        f++;
    if (f < from_end && tok_is_name(tr_tok(s, f)))
        f++;
    if (f != from_end || tr_find0(s, from_end, sel_end, is_group_word) != sel_end)
        return 0;
    const sql_token *after = tr_tok(s, sel_end);
    return !sql_tok_is(after, "UNION") && !sql_tok_is(after, "INTERSECT") &&
           !sql_tok_is(after, "EXCEPT");
}

/* What a select pushed: its FROM aliases, its opacity and its select-list names. */
typedef struct tr_sel_scope {
    size_t naliases;
    int opaque;
    tr_item_names saved;
    size_t first_alias;          /* the enclosing select's sel_first_alias */
} tr_sel_scope;

static void tr_scope_pop(tr_state *s, tr_sel_scope *sv)
{
    while (s->naliases > sv->naliases) {
        s->naliases--;
        free(s->aliases[s->naliases]);
        free(s->alias_unnest[s->naliases]);
        tr_coll_free(s->alias_coll[s->naliases]);
    }
    s->opaque -= sv->opaque;
    s->sel_first_alias = sv->first_alias;
    tr_item_names_free(&s->item_names);
    s->item_names = sv->saved;
}

/* One SELECT core. With keep, its scope stays for the query's ORDER BY (which may name
 * t.field or a select alias) and the caller pops it. */
static size_t tr_select(tr_state *s, size_t i, size_t end, tr_select_info *info,
                        tr_sel_scope *keep)
{
    size_t k = i + 1;
    int top = s->query_depth == 0 && !s->top_select_done;
    s->top_select_done |= s->query_depth == 0;
    tr_emit_tok(s, i);
    int distinct = sql_tok_is(tr_tok(s, k), "DISTINCT");
    if (sql_tok_is(tr_tok(s, k), "DISTINCT") || sql_tok_is(tr_tok(s, k), "ALL")) {
        sql_sbuf_puts(&s->buf, " ");
        tr_emit_tok(s, k++);
    }
    size_t items_end = tr_items_end(s, k, end);
    if (items_end > k && sql_tok_punct(tr_tok(s, items_end - 1), ",")) {
        /* `SELECT a, FROM t`: Rockset refuses a select list that ends with a comma (issue
         * #12) and points at the comma; checked before FROM resolves any name, as a parser
         * would. The scope the caller pops is an empty one. */
        tr_sel_scope none = { s->naliases, 0, s->item_names, s->sel_first_alias };
        tr_fail_syntax(s, tr_tok(s, items_end - 1), NULL);
        s->item_names = (tr_item_names){ NULL, 0 };
        if (keep)
            *keep = none;
        else
            tr_scope_pop(s, &none);
        return end;
    }
    size_t from_end = items_end;
    size_t scope = s->naliases;
    int has_from = sql_tok_is(tr_tok(s, items_end), "FROM") && items_end < end;
    int opaque = 0;
    if (has_from) {
        from_end = tr_find0(s, items_end + 1, end, tr_is_clause_end);
        tr_from(s, items_end + 1, from_end, 0);
        for (size_t a = scope; a < s->naliases; a++)
            opaque |= s->alias_coll[a] == NULL;
    }
    s->opaque += opaque;
    tr_sel_scope sv = { scope, opaque, s->item_names, s->sel_first_alias };
    s->sel_first_alias = scope;
    tr_collect_item_names(s, k, items_end, &s->item_names);
    size_t sel_end = tr_find0(s, from_end, end, is_select_end);
    s->fast_star = top && has_from && !distinct && !s->opts->no_companions &&
                   tr_fast_star(s, k, items_end, from_end, sel_end);
    tr_items(s, k, items_end, top, info);
    if (has_from) {
        sql_sbuf_puts(&s->buf, " ");
        tr_emit_tok(s, items_end);
        tr_from(s, items_end + 1, from_end, 1);
    }
    s->fast_star = 0;
    for (size_t c = from_end; c < sel_end && !s->failed;) {
        if (sql_tok_is(tr_tok(s, c), "GROUP") && sql_tok_is(tr_tok(s, c + 1), "BY")) {
            size_t ge = tr_find0(s, c + 2, sel_end, is_group_end);
            sql_sbuf_puts(&s->buf, " GROUP BY");
            tr_key_list(s, c + 2, ge, info);
            c = ge;
        } else {
            size_t ce = tr_find0(s, c + 1, sel_end, sql_tok_is_group);
            tr_expr(s, c, ce);
            c = ce;
        }
    }
    if (keep)
        *keep = sv;
    else
        tr_scope_pop(s, &sv);
    return sel_end;
}

static size_t tr_with(tr_state *s, size_t k, size_t end)
{
    tr_emit_tok(s, k++);
    if (sql_tok_is(tr_tok(s, k), "RECURSIVE")) {
        sql_sbuf_puts(&s->buf, " ");
        tr_emit_tok(s, k++);
    }
    for (;;) {
        const sql_token *name = tr_tok(s, k);
        if (!tok_is_name(name)) {
            tr_fail(s, name, "Expected a name after WITH");
            return end;
        }
        if (s->nctes < TR_MAX_ALIASES && (s->ctes[s->nctes] = strdup(name->text)) != NULL)
            s->nctes++;
        sql_sbuf_puts(&s->buf, " ");
        tr_mark(s, k);
        sql_sbuf_ident(&s->buf, name->text);
        k++;
        int collist = sql_tok_punct(tr_tok(s, k), "(");
        if (collist) {
            size_t close = tr_match_paren(s, k, end);
            sql_sbuf_puts(&s->buf, " (");
            s->raw_names++;
            tr_expr(s, k + 1, close);
            s->raw_names--;
            sql_sbuf_puts(&s->buf, ")");
            k = close + 1;
        }
        if (!sql_tok_is(tr_tok(s, k), "AS") || !sql_tok_punct(tr_tok(s, k + 1), "(")) {
            tr_fail(s, tr_tok(s, k), "Expected AS ( query ) in WITH");
            return end;
        }
        size_t close = tr_match_paren(s, k + 1, end);
        sql_sbuf_puts(&s->buf, " AS (");
        s->query_depth++;
        /* with a column list the body's columns are exactly the listed ones */
        s->nocomp_next = collist;
        tr_query(s, k + 2, close);
        s->query_depth--;
        sql_sbuf_puts(&s->buf, ")");
        k = close + 1;
        if (!sql_tok_punct(tr_tok(s, k), ","))
            return k;
        sql_sbuf_puts(&s->buf, ",");
        k++;
    }
}

static int is_limit_end(const sql_token *t) { return sql_tok_is(t, "OFFSET"); }
static int is_order_end(const sql_token *t)
{
    return sql_tok_is(t, "LIMIT") || sql_tok_is(t, "OFFSET");
}

void tr_query(tr_state *s, size_t i, size_t end)
{
    tr_select_info *info = calloc(1, sizeof *info);
    int compound = 0, limit = 0, first = 1, nocomp = s->nocomp_next, saved = s->nocomp;
    tr_sel_scope first_scope;
    int kept = 0;
    s->nocomp_next = 0;
    size_t k = i;
    if (!info) {
        s->buf.oom = 1;
        return;
    }
    if (sql_tok_is(tr_tok(s, k), "WITH"))
        k = tr_with(s, k, end);
    while (k < end && !s->failed) {
        const sql_token *t = tr_tok(s, k);
        sql_sbuf_puts(&s->buf, " ");
        if (sql_tok_is(t, "SELECT")) {
            s->nocomp = nocomp;
            k = tr_select(s, k, end, first ? info : NULL, first ? &first_scope : NULL);
            kept |= first;
            s->nocomp = saved;
            first = 0;
        } else if (sql_tok_is(t, "VALUES")) {
            size_t e = tr_find0(s, k + 1, end, is_select_end);
            tr_emit_tok(s, k);
            tr_expr(s, k + 1, e);
            k = e;
            first = 0;
        } else if (sql_tok_punct(t, "(")) {
            size_t close = tr_match_paren(s, k, end);
            tr_mark(s, k);
            sql_sbuf_puts(&s->buf, "SELECT * FROM (");
            s->query_depth++;
            tr_query(s, k + 1, close);
            s->query_depth--;
            sql_sbuf_puts(&s->buf, ")");
            k = close + 1;
            first = 0;
        } else if (sql_tok_is(t, "UNION") || sql_tok_is(t, "INTERSECT") ||
                   sql_tok_is(t, "EXCEPT")) {
            tr_emit_tok(s, k++);
            if (sql_tok_is(tr_tok(s, k), "ALL")) {
                sql_sbuf_puts(&s->buf, " ALL");
                k++;
            } else if (sql_tok_is(tr_tok(s, k), "DISTINCT")) {
                k++;
            }
            compound = 1;
        } else if (sql_tok_is(t, "ORDER") && sql_tok_is(tr_tok(s, k + 1), "BY")) {
            size_t e = tr_find0(s, k + 2, end, is_order_end);
            sql_sbuf_puts(&s->buf, "ORDER BY");
            tr_key_list(s, k + 2, e, compound ? NULL : info);
            k = e;
        } else if (sql_tok_is(t, "LIMIT")) {
            size_t e = tr_find0(s, k + 1, end, is_limit_end);
            limit = 1;
            tr_emit_tok(s, k);
            tr_expr(s, k + 1, e);
            k = e;
        } else if (sql_tok_is(t, "OFFSET")) {
            if (!limit)
                sql_sbuf_puts(&s->buf, "LIMIT -1 ");
            limit = 1;
            tr_emit_tok(s, k);
            tr_expr(s, k + 1, end);
            k = end;
        } else {
            /* ORDER/GROUP without BY: the parser stops at the word after it */
            int no_by = (sql_tok_is(t, "ORDER") || sql_tok_is(t, "GROUP")) &&
                        !sql_tok_is(tr_tok(s, k + 1), "BY");
            tr_fail_syntax(s, no_by ? tr_tok(s, k + 1) : t, NULL);
        }
    }
    if (s->query_depth == 0)
        s->out->has_limit = limit;
    if (kept)
        tr_scope_pop(s, &first_scope);
    free(info);
}
