/* SPDX-License-Identifier: Apache-2.0 */
/* Writes Rockset's SQL does not have, read from the text for the driver to carry out through
 * the documents and collections APIs:
 *   INSERT INTO [ws.]coll (col, ...) VALUES (v, ...) [, (v, ...)]
 *   UPDATE [ws.]coll SET f = v [, f = v] [WHERE cond]
 *   DELETE FROM [ws.]coll [WHERE cond]
 *   CREATE TABLE [ws.]coll [(column definitions)]    DROP TABLE [IF EXISTS] [ws.]coll
 * A value v is a marker or a literal (string, number, TRUE/FALSE/NULL, DATE '...', TIME '...',
 * TIMESTAMP '...', {d '...'}, {t '...'}, {ts '...'}): the driver writes documents, it does
 * not evaluate expressions. INSERT INTO ... SELECT is a query and is left to the server. */
#include "driver/sql/sqlrw.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DML_UNSUPPORTED (-2)

static int word(rs_rw *c, const char *w)
{
    return rs_tok_word(&c->lx, rs_rw_cur(c), w);
}

static int punct(rs_rw *c, char ch)
{
    return rs_tok_is(&c->lx, rs_rw_cur(c), ch);
}

/* Skips white space, then the word w when it is there (1) or not (0). */
static int eat_word(rs_rw *c, const char *w)
{
    rs_rw_skip_ws(c);
    if (!word(c, w))
        return 0;
    c->pos++;
    rs_rw_skip_ws(c);
    return 1;
}

static int eat_punct(rs_rw *c, char ch)
{
    rs_rw_skip_ws(c);
    if (!punct(c, ch))
        return 0;
    c->pos++;
    rs_rw_skip_ws(c);
    return 1;
}

static int at_end(rs_rw *c)
{
    rs_rw_skip_ws(c);
    if (punct(c, ';')) { /* one trailing semicolon is tolerated */
        c->pos++;
        rs_rw_skip_ws(c);
    }
    return rs_rw_cur(c)->kind == RS_TOK_EOF;
}

static int oom(rs_rw *c)
{
    return rs_rw_error(c, rs_rw_cur(c)->off, "out of memory");
}

/* An identifier's text (quoted ones unquoted, doubled quotes undone); NULL if not one. */
static char *ident(rs_rw *c)
{
    const rs_tok *t = rs_rw_cur(c);
    const char *s = c->lx.text + t->off;
    char *out;
    size_t n = 0;

    if (t->kind == RS_TOK_WORD)
        return strndup(s, t->len);
    if (t->kind != RS_TOK_QIDENT || !(out = malloc(t->len)))
        return NULL;
    for (size_t i = 1; i + 1 < t->len; i++) {
        out[n++] = s[i];
        if (s[i] == s[0])
            i++;
    }
    out[n] = '\0';
    return out;
}

/* [ws.]coll, where a workspace name may itself contain dots: the last part is the
 * collection. Fills d->ws, d->coll; 0 or -1. */
static int table_name(rs_rw *c, rs_dml *d)
{
    char *parts[8];
    size_t n = 0, len = 0;
    const rs_tok *t;

    rs_rw_skip_ws(c);
    for (;;) {
        t = rs_rw_cur(c);
        if (n == 8 || !(parts[n] = ident(c))) {
            for (size_t i = 0; i < n; i++)
                free(parts[i]);
            return rs_rw_error(c, t->off, "expected a collection name");
        }
        len += strlen(parts[n++]) + 1;
        c->pos++;
        if (!punct(c, '.'))
            break;
        c->pos++;
    }
    d->coll = parts[--n];
    if (n > 0 && (d->ws = malloc(len))) {
        d->ws[0] = '\0';
        for (size_t i = 0; i < n; i++) {
            if (i)
                strcat(d->ws, ".");
            strcat(d->ws, parts[i]);
        }
    }
    for (size_t i = 0; i < n; i++)
        free(parts[i]);
    return n > 0 && !d->ws ? oom(c) : 0;
}

/* The text of a '...' literal without quotes and with '' undone. */
static char *string_text(rs_rw *c, const rs_tok *t)
{
    const char *s = c->lx.text + t->off;
    char *out = malloc(t->len), *o = out;

    for (size_t i = 1; out && i + 1 < t->len; i++) {
        *o++ = s[i];
        if (s[i] == '\'')
            i++;
    }
    if (out)
        *o = '\0';
    return out;
}

static const char *datetime_type(rs_rw *c, int escape)
{
    static const char *const sql[][2] = {{"date", "date"}, {"time", "time"},
                                         {"timestamp", "timestamp"}, {"datetime", "datetime"}};
    static const char *const esc[][2] = {{"d", "date"}, {"t", "time"}, {"ts", "timestamp"}};

    for (size_t i = 0; !escape && i < sizeof sql / sizeof sql[0]; i++)
        if (word(c, sql[i][0]))
            return sql[i][1];
    for (size_t i = 0; escape && i < sizeof esc / sizeof esc[0]; i++)
        if (word(c, esc[i][0]))
            return esc[i][1];
    return NULL;
}

/* A typed literal: DATE '...' or {d '...'} (the current token is the word or '{'). */
static int typed_literal(rs_rw *c, rs_dml_value *v)
{
    int esc = punct(c, '{');
    const rs_tok *t;

    if (esc) {
        c->pos++;
        rs_rw_skip_ws(c);
    }
    if (!(v->type = datetime_type(c, esc)))
        return 0;
    c->pos++;
    rs_rw_skip_ws(c);
    t = rs_rw_cur(c);
    if (t->kind != RS_TOK_STRING)
        return 0;
    if (!(v->text = string_text(c, t)))
        return oom(c);
    c->pos++;
    if (esc && !eat_punct(c, '}'))
        return 0;
    return 1;
}

/* One value: a marker or a literal. 0, -1 syntax error, -2 an expression. */
static int value(rs_rw *c, rs_dml_value *v, const char *what)
{
    const rs_tok *t;
    size_t start, sign = 0;
    rs_sb scratch = {0};
    int r;

    rs_rw_skip_ws(c);
    t = rs_rw_cur(c);
    start = t->off;
    v->marker = -1;
    if (t->kind == RS_TOK_QMARK || t->kind == RS_TOK_NAMED) {
        long k = rs_rw_marker(c, t, &scratch);
        rs_sb_free(&scratch);
        if (k < 0)
            return -1;
        v->marker = (int)k;
        c->pos++;
        return 0;
    }
    if (t->kind == RS_TOK_STRING) {
        v->type = "string";
        v->text = string_text(c, t);
        c->pos++;
        return v->text ? 0 : oom(c);
    }
    if (punct(c, '-') || punct(c, '+')) {
        sign = punct(c, '-');
        c->pos++;
        t = rs_rw_cur(c);
    }
    if (t->kind == RS_TOK_NUMBER) {
        const char *s = c->lx.text + t->off;
        v->type = memchr(s, '.', t->len) || memchr(s, 'e', t->len) || memchr(s, 'E', t->len)
                      ? "float" : "int";
        if (!(v->text = malloc(t->len + 2)))
            return oom(c);
        v->text[0] = '-';
        memcpy(v->text + sign, s, t->len);
        v->text[sign + t->len] = '\0';
        c->pos++;
        return 0;
    }
    if (!sign && (word(c, "true") || word(c, "false"))) {
        v->type = "bool";
        v->text = strdup(word(c, "true") ? "true" : "false");
        c->pos++;
        return v->text ? 0 : oom(c);
    }
    if (!sign && word(c, "null")) {
        c->pos++;
        return 0;
    }
    if (!sign && (r = typed_literal(c, v)) != 0)
        return r < 0 ? -1 : 0;
    free(v->text);
    v->text = NULL;
    rs_rw_error(c, start, "%s: only literals and parameter markers are supported (the driver "
                "writes documents; it does not evaluate expressions)", what);
    return DML_UNSUPPORTED;
}

/* Appends a column name (taken) to d->cols; -1 (name freed) when out of memory. */
static int push_col(rs_dml *d, size_t *cap, char *name)
{
    if (d->ncols == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        char **nc = realloc(d->cols, ncap * sizeof *nc);
        if (!nc) {
            free(name);
            return -1;
        }
        d->cols = nc;
        *cap = ncap;
    }
    d->cols[d->ncols++] = name;
    return 0;
}

/* (col, ...) of an INSERT. */
static int column_list(rs_rw *c, rs_dml *d)
{
    size_t cap = 0;

    if (!eat_punct(c, '('))
        return rs_rw_error(c, rs_rw_cur(c)->off, "INSERT ... VALUES needs a column list "
                           "(a collection's documents have no column order)");
    for (;;) {
        char *name = ident(c);
        if (!name)
            return rs_rw_error(c, rs_rw_cur(c)->off, "expected a column name");
        if (push_col(d, &cap, name) != 0)
            return oom(c);
        c->pos++;
        if (eat_punct(c, ','))
            continue;
        if (eat_punct(c, ')'))
            return 0;
        return rs_rw_error(c, rs_rw_cur(c)->off, "expected ',' or ')' in the column list");
    }
}

static int grow_vals(rs_rw *c, rs_dml_value **vals, size_t n, size_t *cap)
{
    if (n < *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 16;
    rs_dml_value *nv = realloc(*vals, ncap * sizeof *nv);
    if (!nv)
        return oom(c);
    memset(nv + *cap, 0, (ncap - *cap) * sizeof *nv);
    *vals = nv;
    *cap = ncap;
    return 0;
}

/* VALUES (v, ...), (v, ...): the current token follows VALUES. */
static int values_rows(rs_rw *c, rs_dml *d)
{
    size_t cap = 0, n = 0;

    do {
        if (!eat_punct(c, '('))
            return rs_rw_error(c, rs_rw_cur(c)->off, "expected '(' to open a row of VALUES");
        for (size_t k = 0;; k++) {
            int r;
            if (grow_vals(c, &d->vals, n, &cap) != 0)
                return -1;
            d->nvals = n + 1;
            r = value(c, &d->vals[n++], "INSERT ... VALUES");
            if (r != 0)
                return r;
            if (eat_punct(c, ','))
                continue;
            if (!eat_punct(c, ')')) {
                rs_rw_error(c, rs_rw_cur(c)->off, "INSERT ... VALUES: only literals and "
                            "parameter markers are supported (the driver writes documents; "
                            "it does not evaluate expressions)");
                return DML_UNSUPPORTED;
            }
            if (k + 1 != d->ncols)
                return rs_rw_error(c, rs_rw_cur(c)->off, "row %zu of VALUES has %zu value(s) "
                                   "for %zu column(s)", n / d->ncols + 1, k + 1, d->ncols);
            break;
        }
    } while (eat_punct(c, ','));
    d->nrows = n / d->ncols;
    return at_end(c) ? 0 : rs_rw_error(c, rs_rw_cur(c)->off, "unexpected text after VALUES");
}

static int is_id(rs_rw *c)
{
    char *n = ident(c);
    int yes = n && strcmp(n, "_id") == 0;
    free(n);
    return yes;
}

static void drop_markers_from(rs_rw *c, size_t nm, size_t nq)
{
    for (size_t i = nm; i < c->out->nmarkers; i++)
        free(c->out->markers[i].name);
    c->out->nmarkers = nm;
    c->out->nqmarks = nq;
}

/* WHERE _id = v / _id IN (v, ...) to the end: 1 with d->ids, 0 otherwise (nothing kept). */
static int id_keys(rs_rw *c, rs_dml *d)
{
    size_t save = c->pos, nm = c->out->nmarkers, nq = c->out->nqmarks, cap = 0;
    int in, ok = 0;
    char err0 = c->err[0];

    rs_rw_skip_ws(c);
    if (!is_id(c))
        return 0;
    c->pos++;
    in = eat_word(c, "in");
    if ((in && eat_punct(c, '(')) || (!in && eat_punct(c, '='))) {
        for (;;) {
            if (grow_vals(c, &d->ids, d->nids, &cap) != 0)
                break;
            if (value(c, &d->ids[d->nids++], "_id") != 0)
                break;
            if (in && eat_punct(c, ','))
                continue;
            ok = (!in || eat_punct(c, ')')) && at_end(c);
            break;
        }
    }
    if (ok)
        return 1;
    for (size_t i = 0; i < d->nids; i++)
        free(d->ids[i].text);
    free(d->ids);
    d->ids = NULL;
    d->nids = 0;
    drop_markers_from(c, nm, nq);
    c->err[0] = err0;
    c->pos = save;
    return 0;
}

/* [WHERE cond] to the end of the statement. */
static int where_clause(rs_rw *c, rs_dml *d)
{
    rs_sb sb = {0};

    if (at_end(c))
        return 0;
    if (!eat_word(c, "where"))
        return rs_rw_error(c, rs_rw_cur(c)->off, "expected WHERE or the end of the statement");
    if (id_keys(c, d))
        return 0;
    /* the rest goes to the server as the condition of SELECT _id ... WHERE */
    while (rs_rw_cur(c)->kind != RS_TOK_EOF) {
        const rs_tok *t = rs_rw_cur(c);
        if (t->kind == RS_TOK_QMARK || t->kind == RS_TOK_NAMED) {
            if (rs_rw_marker(c, t, &sb) < 0)
                break;
            c->pos++;
        } else if (rs_tok_is(&c->lx, t, '{')) {
            if (rs_rw_escape(c, &sb) != 0)
                break;
        } else {
            rs_sb_add(&sb, c->lx.text + t->off, t->len);
            c->pos++;
        }
    }
    if (rs_rw_cur(c)->kind != RS_TOK_EOF) {
        rs_sb_free(&sb);
        return -1;
    }
    rs_sb_rtrim(&sb, 0);
    if (sb.len && sb.s[sb.len - 1] == ';')
        sb.s[--sb.len] = '\0';
    d->where = rs_sb_take(&sb);
    return d->where ? 0 : oom(c);
}

static int parse_update(rs_rw *c, rs_dml *d)
{
    size_t cap = 0, vcap = 0;
    int r;

    if ((r = table_name(c, d)) != 0)
        return r;
    if (!eat_word(c, "set"))
        return rs_rw_error(c, rs_rw_cur(c)->off, "expected SET");
    do {
        char *name = ident(c);
        if (!name)
            return rs_rw_error(c, rs_rw_cur(c)->off, "expected a field name after SET");
        if (push_col(d, &cap, name) != 0)
            return oom(c);
        c->pos++;
        if (strcmp(name, "_id") == 0)
            return rs_rw_error(c, rs_rw_cur(c)->off, "UPDATE cannot change _id");
        if (punct(c, '.') || !eat_punct(c, '='))
            return rs_rw_error(c, rs_rw_cur(c)->off, "expected '=' after a top-level field name");
        if (grow_vals(c, &d->vals, d->ncols - 1, &vcap) != 0)
            return -1;
        d->nrows = 1;
        d->nvals = d->ncols;
        if ((r = value(c, &d->vals[d->ncols - 1], "UPDATE ... SET")) != 0)
            return r;
        rs_rw_skip_ws(c);
        if (!punct(c, ',') && !word(c, "where") && !at_end(c)) {
            rs_rw_error(c, rs_rw_cur(c)->off, "UPDATE ... SET: only literals and parameter "
                        "markers are supported (the driver patches documents; it does not "
                        "evaluate expressions)");
            return DML_UNSUPPORTED;
        }
    } while (eat_punct(c, ','));
    return where_clause(c, d);
}

/* The keywords that start a statement; c is past the first word. */
static int dispatch(rs_rw *c, rs_dml *d)
{
    size_t save = c->pos;

    if (word(c, "insert")) {
        c->pos++;
        if (!eat_word(c, "into") || table_name(c, d) != 0)
            return 0; /* not ours to judge: the server's error says what is wrong */
        rs_rw_skip_ws(c);
        if (punct(c, '(')) { /* INSERT INTO t (cols) SELECT stays a query */
            size_t p = c->pos;
            int depth = 0;
            for (; rs_rw_cur(c)->kind != RS_TOK_EOF; c->pos++)
                if (punct(c, '('))
                    depth++;
                else if (punct(c, ')') && --depth == 0)
                    break;
            c->pos++;
            if (!eat_word(c, "values"))
                return 0;
            c->pos = p;
        } else if (!word(c, "values")) {
            return 0;
        }
        d->kind = RS_DML_INSERT;
        if (word(c, "values"))
            return column_list(c, d); /* reports the missing list */
        if (column_list(c, d) != 0 || !eat_word(c, "values"))
            return -1;
        return values_rows(c, d);
    }
    if (word(c, "update")) {
        c->pos++;
        d->kind = RS_DML_UPDATE;
        return parse_update(c, d);
    }
    if (word(c, "delete")) {
        c->pos++;
        d->kind = RS_DML_DELETE;
        if (!eat_word(c, "from"))
            return rs_rw_error(c, rs_rw_cur(c)->off, "expected FROM after DELETE");
        return table_name(c, d) != 0 ? -1 : where_clause(c, d);
    }
    if (word(c, "create") || word(c, "drop")) {
        int create = word(c, "create");
        c->pos++;
        if (!eat_word(c, "table")) {
            c->pos = save;
            return 0;
        }
        d->kind = create ? RS_DML_CREATE : RS_DML_DROP;
        if (!create && eat_word(c, "if")) {
            if (!eat_word(c, "exists"))
                return rs_rw_error(c, rs_rw_cur(c)->off, "expected IF EXISTS");
            d->if_exists = 1;
        }
        if (table_name(c, d) != 0)
            return -1;
        rs_rw_skip_ws(c);
        if (create && punct(c, '(')) /* the column list: Rockset is schemaless */
            return 0;
        if (create && word(c, "as")) {
            rs_rw_error(c, rs_rw_cur(c)->off, "CREATE TABLE ... AS SELECT is not supported "
                        "(create the table, then INSERT INTO ... SELECT)");
            return DML_UNSUPPORTED;
        }
        return at_end(c) ? 0 : rs_rw_error(c, rs_rw_cur(c)->off, "unexpected text");
    }
    return 0;
}

int rs_rw_dml(rs_rw *c)
{
    rs_dml *d = &c->out->dml;
    size_t save = c->pos;
    int r;

    rs_rw_skip_ws(c);
    r = dispatch(c, d);
    if (r == 0 && d->kind == RS_DML_NONE) {
        /* only INSERT INTO t ... SELECT names a table and stays a query: its target is kept
         * so that the next query waits for the write (read your writes) */
        c->out->insert_ws = d->ws;
        c->out->insert_coll = d->coll;
        d->ws = d->coll = NULL;
        rs_dml_free(d);
        c->pos = save;
        return 0;
    }
    return r == 0 ? 1 : r;
}

static void free_vals(rs_dml_value *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i].text);
    free(v);
}

void rs_dml_free(rs_dml *d)
{
    free(d->ws);
    free(d->coll);
    for (size_t i = 0; i < d->ncols; i++)
        free(d->cols[i]);
    free(d->cols);
    free_vals(d->vals, d->nvals);
    free(d->where);
    free_vals(d->ids, d->nids);
    memset(d, 0, sizeof *d);
}
