/* SPDX-License-Identifier: Apache-2.0 */
/* Marker context inference (sqlparam.h). Reads the rewritten text (escapes already translated,
 * markers written :p1 / :name) as a list of significant tokens and, for each marker, looks at
 * its neighbours only: this is no SQL parser, and anything it does not recognise leaves the
 * marker unknown, which is what the driver did for every marker before. Guessing wrong would
 * be worse than not guessing: a marker typed from the wrong field would be sent with a type
 * that matches nothing, so every pattern below insists on a bare field on the other side. */
#include "driver/sql/sqlparam.h"
#include "driver/sql/sqllex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A collection (or derived table) of a FROM or JOIN clause. */
typedef struct rs_sp_ref {
    char *name;   /* "ws.coll", NULL for a subquery or table function */
    char *last;   /* the collection's own name, which also serves as its alias */
    char *alias;  /* AS alias, or NULL */
    int coll;     /* index into the output's collections, -1 when name is NULL */
} rs_sp_ref;

typedef struct rs_sp {
    rs_lex lx;
    size_t *sig;  /* indices of significant tokens (no white space, comments), then EOF */
    size_t nsig;
    rs_sp_ref *refs;
    size_t nrefs;
    const char *ws; /* default workspace */
    char *ws_owned;
    rs_sqlparam_info *out;
    int nomem;
} rs_sp;

/* Words that end a table reference: never an alias. */
static const char *const rs_sp_clause_words[] = {
    "WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "NATURAL", "ON",
    "USING", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT",
    "WINDOW", "HINT", "LATERAL", "OPTION", "SELECT", "AS", "FROM", "QUALIFY", NULL};

/* Words that are values or keywords, never a field, where a field would stand. */
static const char *const rs_sp_value_words[] = {
    "TRUE", "FALSE", "NULL", "UNDEFINED", "END", "CURRENT_DATE", "CURRENT_TIME",
    "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "SELECT", "WHERE", "AND", "OR",
    "NOT", "ON", "WHEN", "THEN", "ELSE", "CASE", "HAVING", "IS", "IN", "LIKE", "BETWEEN",
    NULL};

/* Functions whose arguments contain FROM without naming a collection. */
static const char *const rs_sp_from_funcs[] = {
    "EXTRACT", "TRIM", "SUBSTRING", "POSITION", "OVERLAY", NULL};

static const rs_tok *tk(const rs_sp *p, size_t i)
{
    return &p->lx.toks[p->sig[i < p->nsig ? i : p->nsig - 1]];
}

static int is_punct(const rs_sp *p, size_t i, char c)
{
    return i < p->nsig && rs_tok_is(&p->lx, tk(p, i), c);
}

static int is_word(const rs_sp *p, size_t i, const char *w)
{
    return i < p->nsig && rs_tok_word(&p->lx, tk(p, i), w);
}

static int in_list(const rs_sp *p, size_t i, const char *const *words)
{
    for (size_t k = 0; words[k]; k++)
        if (is_word(p, i, words[k]))
            return 1;
    return 0;
}

static int is_ident(const rs_sp *p, size_t i)
{
    return i < p->nsig && (tk(p, i)->kind == RS_TOK_WORD || tk(p, i)->kind == RS_TOK_QIDENT);
}

/* A single-token operand of an IN list or BETWEEN: a marker or a literal. */
static int is_simple_operand(const rs_sp *p, size_t i)
{
    rs_tok_kind k = i < p->nsig ? tk(p, i)->kind : RS_TOK_EOF;

    return k == RS_TOK_NAMED || k == RS_TOK_QMARK || k == RS_TOK_NUMBER || k == RS_TOK_STRING;
}

/* The identifier's name: a quoted one without its quotes and with doubled quotes undone. */
static char *ident_text(rs_sp *p, size_t i)
{
    const rs_tok *t = tk(p, i);
    const char *s = p->lx.text + t->off;
    char *r, *o;

    if (t->kind == RS_TOK_WORD) {
        r = strndup(s, t->len);
    } else if ((r = malloc(t->len)) != NULL) {
        o = r;
        for (size_t k = 1; k + 1 < t->len; k++) {
            *o++ = s[k];
            if (s[k] == s[0])
                k++; /* "" inside "...", `` inside `...` */
        }
        *o = '\0';
    }
    if (!r)
        p->nomem = 1;
    return r;
}

/* Index of the parenthesis closing the one at i (or nsig - 1 when it is unbalanced). */
static size_t close_paren(const rs_sp *p, size_t i)
{
    int depth = 0;

    for (; i + 1 < p->nsig; i++) {
        if (is_punct(p, i, '('))
            depth++;
        else if (is_punct(p, i, ')') && --depth == 0)
            return i;
    }
    return p->nsig - 1;
}

/* Reads a dotted identifier chain forward from i: parts and their count; the index after it. */
static size_t chain_fwd(const rs_sp *p, size_t i, size_t *first, size_t *n)
{
    *first = i;
    *n = 0;
    while (is_ident(p, i)) {
        (*n)++;
        if (!is_punct(p, i + 1, '.') || !is_ident(p, i + 2))
            return i + 1;
        i += 2;
    }
    return i;
}

/* The dotted name of parts [first, first + 2n) joined with '.'; malloc'ed. */
static char *chain_join(rs_sp *p, size_t first, size_t n)
{
    size_t len = 0, cap = 64;
    char *r = malloc(cap);

    for (size_t k = 0; r && k < n; k++) {
        char *part = ident_text(p, first + 2 * k);
        size_t pl = part ? strlen(part) : 0;
        if (!part) {
            free(r);
            return NULL;
        }
        if (len + pl + 2 > cap) {
            char *nr = realloc(r, cap = len + pl + 64);
            if (!nr) {
                free(part);
                free(r);
                p->nomem = 1;
                return NULL;
            }
            r = nr;
        }
        if (k)
            r[len++] = '.';
        memcpy(r + len, part, pl);
        len += pl;
        free(part);
    }
    if (r)
        r[len] = '\0';
    else
        p->nomem = 1;
    return r;
}

static int add_collection(rs_sp *p, const char *name)
{
    rs_sqlparam_info *o = p->out;
    char **nc;

    for (size_t k = 0; k < o->ncollections; k++)
        if (strcmp(o->collections[k], name) == 0)
            return (int)k;
    nc = realloc(o->collections, (o->ncollections + 1) * sizeof *nc);
    if (!nc || !(nc[o->ncollections] = strdup(name))) {
        if (nc)
            o->collections = nc;
        p->nomem = 1;
        return -1;
    }
    o->collections = nc;
    return (int)o->ncollections++;
}

static rs_sp_ref *new_ref(rs_sp *p)
{
    rs_sp_ref *nr = realloc(p->refs, (p->nrefs + 1) * sizeof *nr);

    if (!nr) {
        p->nomem = 1;
        return NULL;
    }
    p->refs = nr;
    memset(&nr[p->nrefs], 0, sizeof *nr);
    nr[p->nrefs].coll = -1;
    return &nr[p->nrefs++];
}

/* `ws.coll`, `"ws"."coll"`, `coll` (default workspace) into r; the index after it. */
static size_t read_collection(rs_sp *p, size_t i, rs_sp_ref *r)
{
    size_t first, n, end = chain_fwd(p, i, &first, &n);
    char *joined;

    if (is_punct(p, end, '(')) /* a table function: UNNEST(...) */
        return close_paren(p, end) + 1;
    r->last = ident_text(p, first + 2 * (n - 1));
    if (n == 1) {
        size_t wl = strlen(p->ws), cl = r->last ? strlen(r->last) : 0;
        joined = r->last ? malloc(wl + cl + 2) : NULL;
        if (joined)
            snprintf(joined, wl + cl + 2, "%s.%s", p->ws, r->last);
    } else {
        /* workspace names may contain dots: the last part names the collection */
        joined = chain_join(p, first, n);
    }
    if (!joined) {
        p->nomem = 1;
        return end;
    }
    r->name = joined;
    r->coll = add_collection(p, joined);
    return end;
}

/* One table reference at i: a collection or a parenthesised subquery, and its alias. */
static size_t read_table_ref(rs_sp *p, size_t i)
{
    rs_sp_ref *r = new_ref(p);

    if (!r)
        return p->nsig;
    if (is_punct(p, i, '('))
        i = close_paren(p, i) + 1; /* a derived table: its own FROM is read on its own */
    else if (is_ident(p, i) && !in_list(p, i, rs_sp_clause_words))
        i = read_collection(p, i, r);
    else
        return i;
    if (is_word(p, i, "AS"))
        i++;
    if (is_ident(p, i) && !in_list(p, i, rs_sp_clause_words)) {
        r->alias = ident_text(p, i);
        i++;
    }
    return i;
}

/* Inside a function whose arguments use FROM (EXTRACT(YEAR FROM d)): the innermost open
 * parenthesis before i follows such a function's name. */
static int in_from_function(const rs_sp *p, size_t i)
{
    int depth = 0;

    while (i-- > 0) {
        if (is_punct(p, i, ')'))
            depth++;
        else if (is_punct(p, i, '(') && depth-- == 0)
            return i > 0 && in_list(p, i - 1, rs_sp_from_funcs);
    }
    return 0;
}

static void read_from_clauses(rs_sp *p)
{
    for (size_t i = 0; i + 1 < p->nsig && !p->nomem; i++) {
        if (!(is_word(p, i, "FROM") || is_word(p, i, "JOIN")) || in_from_function(p, i))
            continue;
        /* the scan goes on from the FROM itself: a derived table's own FROM comes next */
        size_t j = read_table_ref(p, i + 1);
        while (is_punct(p, j, ',') && !p->nomem)
            j = read_table_ref(p, j + 1);
    }
}

/* OPTION(default_workspace='ws') anywhere in the statement sets the default workspace. */
static void read_default_ws(rs_sp *p)
{
    for (size_t i = 0; i + 2 < p->nsig; i++) {
        const rs_tok *t = tk(p, i + 2);
        if (is_word(p, i, "default_workspace") && is_punct(p, i + 1, '=') &&
            t->kind == RS_TOK_STRING && t->len > 2) {
            free(p->ws_owned);
            p->ws_owned = strndup(p->lx.text + t->off + 1, t->len - 2);
            if (!p->ws_owned)
                p->nomem = 1;
            else
                p->ws = p->ws_owned;
            return;
        }
    }
}

/* Resolves the dotted field reference [first, first + 2n) against the FROM clauses into the
 * marker. Nested paths (`address.city`, `t.address.city`) stay unknown: only top-level fields
 * have a schema type. */
static void resolve_field(rs_sp *p, size_t first, size_t n, rs_sqlparam *m)
{
    size_t last = first + 2 * (n - 1);
    int coll = -2;

    if (n == 1) {
        if (tk(p, first)->kind == RS_TOK_WORD && in_list(p, first, rs_sp_value_words))
            return;
        coll = p->out->ncollections == 1 ? 0 : -1;
        if (p->out->ncollections == 0)
            return;
    } else if (n == 2) {
        char *q = ident_text(p, first);
        for (size_t k = 0; q && k < p->nrefs && coll == -2; k++)
            if (p->refs[k].alias && strcasecmp(p->refs[k].alias, q) == 0)
                coll = p->refs[k].coll >= 0 ? p->refs[k].coll : -3;
        for (size_t k = 0; q && k < p->nrefs && coll == -2; k++)
            if (!p->refs[k].alias && p->refs[k].last && strcasecmp(p->refs[k].last, q) == 0)
                coll = p->refs[k].coll;
        free(q);
    } else {
        char *q = chain_join(p, first, n - 1);
        for (size_t k = 0; q && k < p->nrefs && coll == -2; k++)
            if (p->refs[k].name && strcmp(p->refs[k].name, q) == 0)
                coll = p->refs[k].coll;
        free(q);
    }
    if (coll < -1)
        return; /* a derived table's column, a nested path or an unknown qualifier */
    if (!(m->field = ident_text(p, last)))
        return;
    m->kind = RS_SQLPARAM_FIELD;
    m->collection = coll;
}

/* A comparison operator made of the adjacent punctuation at [i, j]: = == <> != < > <= >= */
static int is_cmp_text(const rs_sp *p, size_t i, size_t j)
{
    static const char *const ops[] = {"=", "==", "<>", "!=", "<", ">", "<=", ">=", NULL};
    char buf[4];
    size_t n = 0;

    for (size_t k = i; k <= j; k++) {
        const rs_tok *t = tk(p, k);
        if (n >= 2 || t->kind != RS_TOK_PUNCT || t->len != 1 || !strchr("<>=!", t->punct) ||
            (k > i && tk(p, k - 1)->off + 1 != t->off))
            return 0;
        buf[n++] = t->punct;
    }
    buf[n] = '\0';
    for (size_t k = 0; ops[k]; k++)
        if (strcmp(buf, ops[k]) == 0)
            return 1;
    return 0;
}

/* Index of the first token of a comparison operator ending at j, or (size_t)-1. */
static size_t cmp_ending_at(const rs_sp *p, size_t j)
{
    if (j >= 1 && is_cmp_text(p, j - 1, j) &&
        !(j >= 2 && is_cmp_text(p, j - 2, j - 2) && tk(p, j - 2)->off + 1 == tk(p, j - 1)->off))
        return j - 1;
    return is_cmp_text(p, j, j) ? j : (size_t)-1;
}

/* Index after a comparison operator starting at i, or (size_t)-1. */
static size_t cmp_starting_at(const rs_sp *p, size_t i)
{
    if (i + 1 < p->nsig && is_cmp_text(p, i, i + 1))
        return i + 2;
    if (is_cmp_text(p, i, i) && !(i + 1 < p->nsig && tk(p, i + 1)->kind == RS_TOK_PUNCT &&
                                  strchr("<>=!", tk(p, i + 1)->punct) &&
                                  tk(p, i)->off + 1 == tk(p, i + 1)->off))
        return i + 1;
    return (size_t)-1;
}

/* A token that may precede an operand that stands alone: not an arithmetic or other operator
 * that would make the operand part of a bigger expression. */
static int left_boundary(const rs_sp *p, size_t i)
{
    const rs_tok *t;

    if (i == (size_t)-1)
        return 1;
    t = tk(p, i);
    if (t->kind == RS_TOK_PUNCT)
        return t->len == 1 && (t->punct == '(' || t->punct == ',');
    return t->kind == RS_TOK_WORD; /* a keyword: WHERE, AND, OR, NOT, ON, WHEN... */
}

/* The same for the token after an operand. */
static int right_boundary(const rs_sp *p, size_t i)
{
    const rs_tok *t = tk(p, i);

    if (t->kind == RS_TOK_PUNCT)
        return t->len == 1 && (t->punct == ')' || t->punct == ',' || t->punct == ';');
    return t->kind == RS_TOK_WORD || t->kind == RS_TOK_EOF;
}

/* A bare field reference ending at sig index e (the token before an operator or IN/BETWEEN):
 * resolves it into m. */
static void field_ending_at(rs_sp *p, size_t e, rs_sqlparam *m)
{
    size_t first = e, n = 1;

    if (e == (size_t)-1 || !is_ident(p, e))
        return;
    while (first >= 2 && is_punct(p, first - 1, '.') && is_ident(p, first - 2)) {
        first -= 2;
        n++;
    }
    if (left_boundary(p, first - 1))
        resolve_field(p, first, n, m);
}

/* `f op ?` / `? op f`. */
static void ctx_compare(rs_sp *p, size_t i, rs_sqlparam *m)
{
    size_t op, first, n, end;

    if (i >= 1 && (op = cmp_ending_at(p, i - 1)) != (size_t)-1) {
        if (right_boundary(p, i + 1) && op >= 1)
            field_ending_at(p, op - 1, m);
        return;
    }
    if ((op = cmp_starting_at(p, i + 1)) == (size_t)-1 || !left_boundary(p, i - 1))
        return;
    end = chain_fwd(p, op, &first, &n);
    if (n > 0 && right_boundary(p, end))
        resolve_field(p, first, n, m);
}

/* `f [NOT] IN (..., ?, ...)` with markers and literals only. */
static void ctx_in(rs_sp *p, size_t i, rs_sqlparam *m)
{
    size_t j = i - 1;

    if (!is_punct(p, i + 1, ',') && !is_punct(p, i + 1, ')'))
        return;
    while (j >= 2 && is_punct(p, j, ',') && is_simple_operand(p, j - 1))
        j -= 2;
    if (j < 2 || !is_punct(p, j, '(') || !is_word(p, j - 1, "IN"))
        return;
    j -= 2;
    if (is_word(p, j, "NOT") && j >= 1)
        j--;
    field_ending_at(p, j, m);
}

/* `f [NOT] BETWEEN ? AND ?` */
static void ctx_between(rs_sp *p, size_t i, rs_sqlparam *m)
{
    size_t b;

    if (i >= 2 && is_word(p, i - 1, "BETWEEN") && is_word(p, i + 1, "AND"))
        b = i - 1;
    else if (i >= 4 && is_word(p, i - 1, "AND") && is_simple_operand(p, i - 2) &&
             is_word(p, i - 3, "BETWEEN") && right_boundary(p, i + 1))
        b = i - 3;
    else
        return;
    if (is_word(p, b - 1, "NOT") && b >= 2)
        b--;
    field_ending_at(p, b - 1, m);
}

static void infer_one(rs_sp *p, size_t i, rs_sqlparam *m)
{
    if (i >= 1 && (is_word(p, i - 1, "LIKE") || is_word(p, i - 1, "ILIKE"))) {
        m->kind = RS_SQLPARAM_STRING;
        return;
    }
    if (i >= 1 && (is_word(p, i - 1, "LIMIT") || is_word(p, i - 1, "OFFSET"))) {
        m->kind = RS_SQLPARAM_INT;
        return;
    }
    if (i == 0)
        return;
    ctx_compare(p, i, m);
    if (m->kind == RS_SQLPARAM_UNKNOWN)
        ctx_in(p, i, m);
    if (m->kind == RS_SQLPARAM_UNKNOWN)
        ctx_between(p, i, m);
}

/* The marker index of the named token at i (":p1" -> the marker called "p1"), or -1. */
static long marker_of(const rs_sp *p, const rs_sql_rewrite *rw, size_t i)
{
    const rs_tok *t = tk(p, i);

    if (t->kind != RS_TOK_NAMED)
        return -1;
    for (size_t k = 0; k < rw->nmarkers; k++)
        if (strlen(rw->markers[k].name) == t->len - 1 &&
            strncmp(rw->markers[k].name, p->lx.text + t->off + 1, t->len - 1) == 0)
            return (long)k;
    return -1;
}

static int lex_sig(rs_sp *p, const char *sql)
{
    char msg[160];

    if (rs_lex_run(&p->lx, sql, strlen(sql), msg, sizeof msg) != 0)
        return -1;
    p->sig = malloc(p->lx.ntoks * sizeof *p->sig);
    if (!p->sig) {
        p->nomem = 1;
        return -1;
    }
    for (size_t i = 0; i < p->lx.ntoks; i++)
        if (p->lx.toks[i].kind != RS_TOK_WS && p->lx.toks[i].kind != RS_TOK_COMMENT)
            p->sig[p->nsig++] = i; /* the EOF token is the last one */
    return 0;
}

static void infer_markers(rs_sp *p, const rs_sql_rewrite *rw)
{
    read_default_ws(p);
    read_from_clauses(p);
    for (size_t i = 0; i + 1 < p->nsig && !p->nomem; i++) {
        long k = marker_of(p, rw, i);
        rs_sqlparam m = {RS_SQLPARAM_UNKNOWN, NULL, -1};
        if (k < 0 || p->out->params[k].kind != RS_SQLPARAM_UNKNOWN)
            continue; /* a named marker used twice: its first telling context decides */
        infer_one(p, i, &m);
        p->out->params[k] = m;
    }
}

int rs_sqlparam_infer(const rs_sql_rewrite *rw, const char *default_ws, rs_sqlparam_info *out)
{
    rs_sp p;

    memset(out, 0, sizeof *out);
    memset(&p, 0, sizeof p);
    p.ws = default_ws && *default_ws ? default_ws : "commons";
    p.out = out;
    out->nparams = rw->nmarkers;
    out->params = calloc(rw->nmarkers ? rw->nmarkers : 1, sizeof *out->params);
    if (!out->params)
        return -1;
    for (size_t k = 0; k < rw->nmarkers; k++)
        out->params[k].collection = -1;
    if (!rw->is_call && rw->sql && lex_sig(&p, rw->sql) == 0)
        infer_markers(&p, rw);
    for (size_t k = 0; k < p.nrefs; k++) {
        free(p.refs[k].name);
        free(p.refs[k].last);
        free(p.refs[k].alias);
    }
    free(p.refs);
    free(p.sig);
    free(p.ws_owned);
    rs_lex_free(&p.lx);
    if (p.nomem) {
        rs_sqlparam_free(out);
        return -1;
    }
    return 0;
}

void rs_sqlparam_free(rs_sqlparam_info *info)
{
    for (size_t k = 0; info->params && k < info->nparams; k++)
        free(info->params[k].field);
    for (size_t k = 0; k < info->ncollections; k++)
        free(info->collections[k]);
    free(info->params);
    free(info->collections);
    memset(info, 0, sizeof *info);
}
