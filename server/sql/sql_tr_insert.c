/* SPDX-License-Identifier: Apache-2.0 */
/* INSERT INTO ws.coll [(col, ...)] query: the target is resolved here (so a missing one is the
 * usual 404 at its name), the query is translated as any other; the query layer
 * (query_insert.c) runs it and hands its rows to the ingest path. The translator only reads
 * the statement: nothing here writes. */
#include "server/sql/sql_tr_internal.h"
#include "server/srv_msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_name(const sql_token *t)
{
    return t->kind == SQL_TOK_IDENT || t->kind == SQL_TOK_QIDENT;
}

/* The dotted target name at *k (a.b.coll: the last part is the collection, the rest the
 * workspace, as in FROM). 0 ok with *ws malloc'd and *coll pointing into the tokens. */
static int target_name(tr_state *s, size_t *k, size_t end, char **ws, const char **coll)
{
    sql_sbuf w = { 0 };
    const char *parts[32];
    size_t n = 0;
    while (*k < end && n < 32 && is_name(tr_tok(s, *k))) {
        parts[n++] = tr_tok(s, *k)->text;
        if (!sql_tok_punct(tr_tok(s, *k + 1), "."))
            break;
        *k += 2;
    }
    if (n == 0 || (n < 32 && !is_name(tr_tok(s, *k)))) {
        tr_fail_syntax(s, tr_tok(s, *k), NULL);
        return -1;
    }
    (*k)++;
    if (n == 1)
        sql_sbuf_puts(&w, s->default_ws);
    for (size_t p = 0; p + 1 < n; p++) {
        if (p)
            sql_sbuf_puts(&w, ".");
        sql_sbuf_puts(&w, parts[p]);
    }
    if (w.oom || !w.s) {
        free(w.s);
        s->buf.oom = 1;
        return -1;
    }
    *ws = w.s;
    *coll = parts[n - 1];
    return 0;
}

static int starts_query(const sql_token *t)
{
    return sql_tok_is(t, "SELECT") || sql_tok_is(t, "WITH") || sql_tok_is(t, "VALUES") ||
           sql_tok_punct(t, "(");
}

/* (a, b, ...) at k: the document field names the query's columns get, in order. Returns the
 * index after ")". A name given twice would make two values compete for one field. */
static size_t column_list(tr_state *s, size_t k, size_t end)
{
    sql_translation *o = s->out;
    size_t close = tr_match_paren(s, k, end), j = k + 1;
    while (j < close && !s->failed) {
        const sql_token *t = tr_tok(s, j);
        if (!is_name(t) || (j + 1 < close && !sql_tok_punct(tr_tok(s, j + 1), ","))) {
            tr_fail_syntax(s, is_name(t) ? tr_tok(s, j + 1) : t, NULL);
            break;
        }
        for (size_t i = 0; i < o->nins_cols; i++)
            if (strcmp(o->ins_cols[i], t->text) == 0)
                tr_fail(s, t, "Field `%s` appears more than once in the INSERT column list.",
                        t->text);
        char **nv = realloc(o->ins_cols, (o->nins_cols + 1) * sizeof *nv);
        if (!nv || !(nv[o->nins_cols] = strdup(t->text))) {
            if (nv)
                o->ins_cols = nv;
            s->buf.oom = 1;
            break;
        }
        o->ins_cols = nv;
        o->nins_cols++;
        j += 2;
    }
    if (!s->failed && o->nins_cols == 0)
        tr_fail_syntax(s, tr_tok(s, close), NULL);
    return close + 1;
}

/* Adds "ws.coll" of the target to the answer's collections (after the query's sources). */
static void add_target(tr_state *s)
{
    tr_add_collection(s, s->out->desc_ws, s->out->desc_coll);
}

void tr_insert(tr_state *s, size_t k, size_t end)
{
    sql_translation *o = s->out;
    const sql_token *at;
    const char *coll;
    char *ws = NULL;
    if (!sql_tok_is(tr_tok(s, k), "INTO")) {
        tr_fail_syntax(s, tr_tok(s, k), NULL);
        return;
    }
    at = tr_tok(s, ++k);
    if (target_name(s, &k, end, &ws, &coll) != 0)
        return;
    o->desc_ws = ws;
    o->desc_coll = strdup(coll);
    if (!o->desc_coll) {
        s->buf.oom = 1;
        return;
    }
    /* the same refusal as the documents API's, before the name is even looked up */
    if (strcmp(ws, "commons") == 0 && strcmp(coll, "_events") == 0) {
        tr_fail_status(s, 400, "INVALIDINPUT", NULL, at, SRV_MSG_EVENTS_READ_ONLY,
                       "insert documents");
        return;
    }
    sql_coll c = { { 0 }, NULL, 0 };
    int rc = s->resolve(s->ctx, ws, coll, &c);
    snprintf(o->desc_table, sizeof o->desc_table, "%s", c.table);
    sql_coll_clear(&c);
    if (rc == 1 || rc == 2)
        tr_fail_not_found(s, at, rc, ws, coll);
    else if (rc != 0)
        tr_fail_status(s, 500, "INTERNALERROR", NULL, at, "Could not read collection");
    if (s->failed)
        return;
    if (sql_tok_punct(tr_tok(s, k), "(") && !starts_query(tr_tok(s, k + 1)))
        k = column_list(s, k, end);
    if (s->failed)
        return;
    if (!starts_query(tr_tok(s, k))) {
        tr_fail_syntax(s, tr_tok(s, k), NULL);
        return;
    }
    tr_query(s, k, end);
    add_target(s);
}
