/* SPDX-License-Identifier: Apache-2.0 */
/* Internal state shared by the statement and expression halves of the translator. */
#ifndef SQL_TR_INTERNAL_H
#define SQL_TR_INTERNAL_H

#include "server/sql/sql_lexer.h"
#include "server/sql/sql_translate.h"

typedef struct sql_sbuf {
    char *s;
    size_t len, cap;
    int oom;
} sql_sbuf;

void sql_sbuf_add(sql_sbuf *b, const char *s, size_t n);
void sql_sbuf_puts(sql_sbuf *b, const char *s);
void sql_sbuf_printf(sql_sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "name" with embedded quotes doubled; 'text' likewise. */
void sql_sbuf_ident(sql_sbuf *b, const char *name);
void sql_sbuf_strlit(sql_sbuf *b, const char *text);

#define TR_MAX_SCOPES 64
#define TR_MAX_ALIASES 256

typedef struct tr_scope {
    size_t first_alias, nalias;     /* slice of tr_state.aliases */
} tr_scope;

typedef struct tr_item_names {
    char **v;
    size_t n;
} tr_item_names;

typedef struct tr_state {
    const sql_tokens *toks;
    const sql_translate_opts *opts;
    sql_resolve_fn resolve;
    void *ctx;
    sql_translation *out;
    sql_sbuf buf;
    const char *default_ws;
    char *default_ws_owned;
    int failed;
    int query_depth;                 /* 0 = outermost query                */
    int in_sites;                    /* x IN (subquery) sites so far (rs_in_note ids) */
    int top_select_done;
    char *aliases[TR_MAX_ALIASES];   /* FROM aliases of enclosing selects  */
    sql_coll *alias_coll[TR_MAX_ALIASES];  /* their collection, NULL if opaque */
    char *alias_unnest[TR_MAX_ALIASES];    /* UNNEST(... AS name): the element name */
    unsigned char alias_anon[TR_MAX_ALIASES];  /* UNNEST without AS name: under SELECT *
                                                * an object element's fields are the row's */
    size_t sel_first_alias;          /* the current select's FROM aliases start here */
    int opaque;                      /* enclosing selects with subquery/CTE sources */
    int raw_names;                   /* names here are not fields (USING, CTE columns) */
    tr_item_names item_names;        /* select-list names of the current select */
    size_t naliases;
    char *ctes[TR_MAX_ALIASES];
    size_t nctes;
    tr_scope scopes[TR_MAX_SCOPES];
    int nscopes;
    size_t nparams_cap;
    size_t map_cap;
    int nocomp_next;                 /* the next query is an expression subquery */
    int nocomp;                      /* companions off for the current select list */
    int fast_star;                   /* SELECT * over one collection: whole documents */
    int try_depth;                   /* TRY(...)s the translator is inside */
} tr_state;

/* Errors: record the first one (status 400 QUERY_ERROR unless told). */
void tr_fail(tr_state *s, const sql_token *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void tr_fail_status(tr_state *s, int status, const char *type, const char *key,
                    const sql_token *at, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* A syntax error at token at, in the one wording (sql_syntax_msg); hint may be NULL. */
void tr_fail_syntax(tr_state *s, const sql_token *at, const char *hint);
/* 404 NOTFOUND for a resolver answer rc (1 no such workspace, 2 no such collection). */
void tr_fail_not_found(tr_state *s, const sql_token *at, int rc, const char *ws,
                       const char *coll);

const sql_token *tr_tok(const tr_state *s, size_t i);
int tr_is_keyword(const sql_token *t);
int tr_is_clause_end(const sql_token *t);
/* ( [ { and their closers: every depth count treats the three alike. */
int tr_is_open(const sql_token *t);
int tr_is_close(const sql_token *t);
size_t tr_match_paren(const tr_state *s, size_t open, size_t end);
void tr_emit_tok(tr_state *s, size_t i);      /* verbatim text with a position mark */
void tr_mark(tr_state *s, size_t i);
size_t tr_find0(const tr_state *s, size_t i, size_t end, int (*pred)(const sql_token *));

/* Expressions: translate tokens [i, end). tr_expr (sql_tr_ops.c) parses the operators of
 * the value model and emits each operand with tr_expr_flat (sql_tr_expr.c). */
void tr_expr(tr_state *s, size_t i, size_t end);
void tr_expr_flat(tr_state *s, size_t i, size_t end);
/* Runs of operands and operators (sql_tr_ops.c): the end of the run starting at i (the next
 * depth-0 word that delimits runs), its emission and its static kind. */
size_t tr_run_end(tr_state *s, size_t i, size_t end);
void tr_run(tr_state *s, size_t a, size_t b);
sql_kind tr_run_kind(tr_state *s, size_t a, size_t b);
/* x [NOT] IN (...), x [NOT] BETWEEN lo AND hi, x [NOT] LIKE p [ESCAPE e] with x the run
 * [a, e) (sql_tr_pred.c): the index after the predicate, 0 when none starts at e. */
size_t tr_pred(tr_state *s, size_t a, size_t e, size_t end);
/* A dotted/bracketed chain starting at i: returns the index after it. When emit, writes the
 * value expression; when comp is not NULL, appends the companion expression to it. */
size_t tr_chain(tr_state *s, size_t i, size_t end, int emit, sql_sbuf *comp, char **last_name);
int tr_is_alias(const tr_state *s, const char *name);
/* Index of the innermost FROM alias with that name, -1 if none. */
int tr_alias_index(const tr_state *s, const char *name);
/* 1 when the collection has the top-level field f (_id and _event_time always). */
int tr_coll_has(const sql_coll *c, const char *f);

/* UNNEST sources (sql_tr_unnest.c). The element of source x: its value in the model
 * appended to val, its JSON type to type. */
void tr_unnest_element(const tr_state *s, size_t x, sql_sbuf *val, sql_sbuf *type);
/* An unqualified name at `at` when UNNEST sources may be in sight: TR_UQ_BARE (as SQLite
 * resolves it), TR_UQ_ELEMENT (a field of the element of source *x), TR_UQ_QUALIFY (the
 * field of collection *x) or TR_UQ_FAILED (error recorded). */
enum { TR_UQ_BARE, TR_UQ_ELEMENT, TR_UQ_QUALIFY, TR_UQ_FAILED };
int tr_unqualified(tr_state *s, const sql_token *at, const char *name, int *x);
/* SELECT * (q NULL) or q.* written source by source when the select reads an UNNEST, or
 * refused; 0 when SQLite's own expansion is right. comps: companions wanted. */
int tr_star_sources(tr_state *s, const sql_token *q, int comps);

/* Static kind of an item expression [i,end). */
sql_kind tr_item_kind(tr_state *s, size_t i, size_t end, int *param);

/* Literals (sql_tr_literals.c): a literal or constructor at i (index after it, 0 when none
 * starts there); subscripts after an operand written from out_start; their extent. */
size_t tr_literal(tr_state *s, size_t i, size_t end);
size_t tr_postfix(tr_state *s, size_t i, size_t end, size_t out_start);
size_t tr_postfix_end(const tr_state *s, size_t k, size_t end);
/* INTERVAL literals (sql_tr_interval.c), i at the INTERVAL word: the index after the
 * literal's tokens (INTERVAL 'n' unit, INTERVAL 'text' unit TO unit), i when none starts
 * there; the literal's value written as a constant blob (the index after it; a malformed
 * literal fails the translation with a message naming it). */
size_t tr_interval_end(const tr_state *s, size_t i, size_t end);
size_t tr_interval_lit(tr_state *s, size_t i, size_t end);
/* An expression used as a value: SQLite's 0/1 truth values become model bools. */
/* 1 when name is a function of SQLite's that Rockset lacks (unknown, as on the service). */
int tr_fn_sqlite_only(const char *name);
/* The family of a Rockset function rockset-local does not have (501), else NULL. */
const char *tr_fn_unsupported(const char *name);
/* The text of a string token without its quotes ('' read as '), from malloc (NULL when out
 * of memory); its length in *n unless n is NULL. */
char *tr_unquote(const sql_token *t, size_t *n);
void tr_value_expr(tr_state *s, size_t a, size_t b);
/* A call's arguments, '(' at open, ')' at close, each through tr_value_expr. */
void tr_call_args(tr_state *s, size_t open, size_t close);
int tr_is_comma(const sql_token *t);
/* Keywords that may precede '(' without being a function (IN, EXISTS, OVER, ...). */
int tr_word_before_paren(const sql_token *t);

/* Time zones and TRY (sql_tr_zone.c): 1 when tokens k.. are AT TIME ZONE. */
int tr_at_time_zone(const tr_state *s, size_t k, size_t end);
/* CASE ... END at i (the CASE word) part by part (sql_tr_cond.c); the index after END. */
size_t tr_case(tr_state *s, size_t i, size_t end);
/* TRY(expr) at i (the TRY word): expr as a value with the calls it emits renamed to their
 * TRY variants (sql_fn_reg.h); the index after ')'. */
size_t tr_try(tr_state *s, size_t i, size_t end);

/* Select lists (sql_tr_items.c). */
#define TR_MAX_ITEMS 512
typedef struct tr_select_info {
    int shift[TR_MAX_ITEMS];     /* companions inserted before item k */
    size_t nitems;
} tr_select_info;
void tr_items(tr_state *s, size_t i, size_t end, int top, tr_select_info *info);
/* The explicit and implicit aliases of a select list (ORDER BY may name them). */
void tr_collect_item_names(tr_state *s, size_t i, size_t end, tr_item_names *out);
void tr_item_names_free(tr_item_names *n);
void tr_coll_free(sql_coll *c);

/* Statements (sql_tr_select.c). */
void tr_query(tr_state *s, size_t i, size_t end);
/* INSERT INTO target [(cols)] query, from the token after INSERT (sql_tr_insert.c). */
void tr_insert(tr_state *s, size_t k, size_t end);

/* Adds "ws.coll" to the answer's collections once (sql_tr_select.c). */
void tr_add_collection(tr_state *s, const char *ws, const char *coll);

#endif
