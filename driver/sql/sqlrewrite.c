/* SPDX-License-Identifier: Apache-2.0 */
/* Statement translation: markers to named parameters, ODBC escapes to Rockset SQL. A
 * recursive walk over the lexer's tokens; anything not rewritten is copied byte for byte. */
#include "driver/sql/sqlrewrite.h"
#include "driver/sql/sqlescape.h"
#include "driver/sql/sqlrw.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where a sequence of tokens ends (besides the end of the text). */
enum { STOP_RBRACE = 1, STOP_RPAREN = 2, STOP_COMMA = 4, STOP_IN = 8 };

#define MAX_FN_ARGS 16

static int rw_seq(rs_rw *c, rs_sb *sb, int stops);

const rs_tok *rs_rw_cur(const rs_rw *c)
{
    return &c->lx.toks[c->pos];
}

void rs_rw_skip_ws(rs_rw *c)
{
    while (rs_rw_cur(c)->kind == RS_TOK_WS || rs_rw_cur(c)->kind == RS_TOK_COMMENT)
        c->pos++;
}

int rs_rw_error(rs_rw *c, size_t off, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t show = off < c->lx.len ? c->lx.len - off : 0;
    if (show > 24)
        show = 24;
    if (show)
        snprintf(c->err, c->errlen, "%s at offset %zu: %.*s", msg, off, (int)show,
                 c->lx.text + off);
    else
        snprintf(c->err, c->errlen, "%s at offset %zu (end of statement)", msg, off);
    return -1;
}

static long add_marker(rs_rw *c, const char *name, size_t nlen, int is_named)
{
    rs_sql_rewrite *o = c->out;
    if (is_named)
        for (size_t i = 0; i < o->nmarkers; i++)
            if (o->markers[i].is_named && strlen(o->markers[i].name) == nlen &&
                memcmp(o->markers[i].name, name, nlen) == 0)
                return (long)i;
    if (o->nmarkers == c->mcap) {
        size_t cap = c->mcap ? c->mcap * 2 : 8;
        rs_sql_marker *nm = realloc(o->markers, cap * sizeof *nm);
        if (!nm)
            return -1;
        o->markers = nm;
        c->mcap = cap;
    }
    char *copy = strndup(name, nlen);
    if (!copy)
        return -1;
    o->markers[o->nmarkers].name = copy;
    o->markers[o->nmarkers].is_named = is_named;
    return (long)o->nmarkers++;
}

long rs_rw_marker(rs_rw *c, const rs_tok *t, rs_sb *sb)
{
    long idx;
    if (t->kind == RS_TOK_QMARK) {
        char name[32];
        int n = snprintf(name, sizeof name, "p%zu", c->out->nqmarks + 1);
        idx = add_marker(c, name, (size_t)n, 0);
        if (idx >= 0) {
            c->out->nqmarks++;
            if (c->native) {
                rs_sb_addc(sb, '?');
            } else {
                rs_sb_addc(sb, ':');
                rs_sb_adds(sb, name);
            }
        }
    } else {
        idx = add_marker(c, c->lx.text + t->off + 1, t->len - 1, 1);
        if (idx >= 0)
            rs_sb_add(sb, c->lx.text + t->off, t->len);
    }
    if (idx < 0)
        snprintf(c->err, c->errlen, "out of memory");
    return idx;
}

/* After the body of an escape: optional space, then the closing brace. */
static int esc_close(rs_rw *c, size_t open_off)
{
    rs_rw_skip_ws(c);
    const rs_tok *t = rs_rw_cur(c);
    if (rs_tok_is(&c->lx, t, '}')) {
        c->pos++;
        return 0;
    }
    if (t->kind == RS_TOK_EOF)
        return rs_rw_error(c, open_off, "unterminated escape sequence");
    return rs_rw_error(c, t->off, "expected '}' to close the escape opened at offset %zu",
                       open_off);
}

/* {oj ...}, {escape ...}, {interval ...}: the keyword becomes prefix, the body is translated. */
static int esc_body(rs_rw *c, rs_sb *sb, const char *prefix, size_t open_off)
{
    c->pos++;
    rs_rw_skip_ws(c);
    rs_sb_adds(sb, prefix);
    size_t mark = sb->len;
    if (rw_seq(c, sb, STOP_RBRACE) != 0)
        return -1;
    rs_sb_rtrim(sb, mark);
    return esc_close(c, open_off);
}

static int esc_datetime(rs_rw *c, rs_sb *sb, const char *kind, size_t open_off)
{
    c->pos++;
    rs_rw_skip_ws(c);
    const rs_tok *t = rs_rw_cur(c);
    if (t->kind == RS_TOK_EOF)
        return rs_rw_error(c, open_off, "unterminated escape sequence");
    if (t->kind != RS_TOK_STRING)
        return rs_rw_error(c, t->off, "{%s} needs a quoted literal", kind);
    char msg[200];
    if (rs_esc_datetime(kind, c->lx.text + t->off, t->len, sb, msg, sizeof msg) != 0)
        return rs_rw_error(c, t->off, "%s", msg);
    c->pos++;
    return esc_close(c, open_off);
}

static void free_args(char **args, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(args[i]);
}

/* One argument: translated text up to a stop token, trimmed. NULL on error. */
static char *fn_arg(rs_rw *c, int stops)
{
    rs_sb a = { 0 };
    rs_rw_skip_ws(c);
    if (rw_seq(c, &a, stops) != 0) {
        rs_sb_free(&a);
        return NULL;
    }
    rs_sb_rtrim(&a, 0);
    char *s = rs_sb_take(&a);
    if (!s)
        snprintf(c->err, c->errlen, "out of memory");
    return s;
}

/* The arguments between the parentheses of {fn NAME(...)}; the current token is '('. */
static int fn_args(rs_rw *c, const rs_fn_def *f, char **args, size_t *nargs, size_t open_off)
{
    rs_fn_args_style style = rs_esc_fn_style(f);
    *nargs = 0;
    c->pos++;
    for (;;) {
        int stops = STOP_RPAREN;
        if (style == RS_FNARGS_LIST)
            stops |= STOP_COMMA;
        else if (style == RS_FNARGS_IN && *nargs == 0)
            stops |= STOP_IN;
        if (*nargs == MAX_FN_ARGS)
            return rs_rw_error(c, rs_rw_cur(c)->off, "too many function arguments");
        char *a = fn_arg(c, stops);
        if (!a)
            return -1;
        args[(*nargs)++] = a;
        const rs_tok *t = rs_rw_cur(c);
        if (rs_tok_is(&c->lx, t, ',') || rs_tok_word(&c->lx, t, "IN")) {
            c->pos++;
            continue;
        }
        if (rs_tok_is(&c->lx, t, ')')) {
            c->pos++;
            break;
        }
        return rs_rw_error(c, open_off, "unterminated escape sequence");
    }
    if (*nargs == 1 && args[0][0] == '\0' && style == RS_FNARGS_LIST) {
        free(args[0]);
        *nargs = 0;
    }
    if (style == RS_FNARGS_IN && *nargs != 2)
        return rs_rw_error(c, open_off, "POSITION needs the form POSITION(a IN b)");
    return 0;
}

static int esc_fn(rs_rw *c, rs_sb *sb, size_t open_off)
{
    c->pos++;
    rs_rw_skip_ws(c);
    const rs_tok *nt = rs_rw_cur(c);
    if (nt->kind == RS_TOK_EOF)
        return rs_rw_error(c, open_off, "unterminated escape sequence");
    if (nt->kind != RS_TOK_WORD)
        return rs_rw_error(c, nt->off, "{fn} needs a function name");
    const char *name = c->lx.text + nt->off;
    size_t name_off = nt->off, name_len = nt->len;
    const rs_fn_def *f = rs_esc_fn_find(name, name_len);
    if (!f)
        return rs_rw_error(c, name_off, "unknown function {fn %.*s}", (int)name_len, name);
    c->pos++;
    rs_rw_skip_ws(c);
    char *args[MAX_FN_ARGS];
    size_t nargs = 0;
    int rc = 0;
    if (rs_tok_is(&c->lx, rs_rw_cur(c), '('))
        rc = fn_args(c, f, args, &nargs, open_off);
    else if (!rs_esc_fn_bare_ok(f))
        rc = rs_rw_error(c, rs_rw_cur(c)->off, "expected '(' after {fn %.*s", (int)name_len,
                         name);
    if (rc == 0) {
        char msg[200];
        if (rs_esc_fn_write(f, args, nargs, sb, msg, sizeof msg) != 0)
            rc = rs_rw_error(c, name_off, "%s", msg);
    }
    free_args(args, nargs);
    return rc ? rc : esc_close(c, open_off);
}

int rs_rw_escape(rs_rw *c, rs_sb *sb)
{
    size_t open_off = rs_rw_cur(c)->off;
    c->pos++;
    rs_rw_skip_ws(c);
    const rs_tok *k = rs_rw_cur(c);
    if (k->kind == RS_TOK_EOF)
        return rs_rw_error(c, open_off, "unterminated escape sequence");
    if (rs_tok_word(&c->lx, k, "d"))
        return esc_datetime(c, sb, "d", open_off);
    if (rs_tok_word(&c->lx, k, "t"))
        return esc_datetime(c, sb, "t", open_off);
    if (rs_tok_word(&c->lx, k, "ts"))
        return esc_datetime(c, sb, "ts", open_off);
    if (rs_tok_word(&c->lx, k, "guid"))
        return esc_datetime(c, sb, "guid", open_off);
    if (rs_tok_word(&c->lx, k, "fn"))
        return esc_fn(c, sb, open_off);
    if (rs_tok_word(&c->lx, k, "oj"))
        return esc_body(c, sb, "", open_off);
    if (rs_tok_word(&c->lx, k, "escape"))
        return esc_body(c, sb, "ESCAPE ", open_off);
    if (rs_tok_word(&c->lx, k, "interval"))
        return esc_body(c, sb, "INTERVAL ", open_off);
    if (rs_tok_word(&c->lx, k, "call") || k->kind == RS_TOK_QMARK)
        return rs_rw_error(c, open_off, "a procedure call must be the whole statement");
    return rs_rw_error(c, open_off, "unknown escape sequence");
}

/* Copies and translates tokens until one of the stops (left current) or the end. */
static int rw_seq(rs_rw *c, rs_sb *sb, int stops)
{
    for (;;) {
        const rs_tok *t = rs_rw_cur(c);
        switch (t->kind) {
        case RS_TOK_EOF:
            return 0;
        case RS_TOK_QMARK:
        case RS_TOK_NAMED:
            if (rs_rw_marker(c, t, sb) < 0)
                return -1;
            c->pos++;
            continue;
        case RS_TOK_WORD:
            if ((stops & STOP_IN) && rs_tok_word(&c->lx, t, "IN"))
                return 0;
            break;
        case RS_TOK_PUNCT:
            if (rs_tok_is(&c->lx, t, '{')) {
                if (rs_rw_escape(c, sb) != 0)
                    return -1;
                continue;
            }
            if (rs_tok_is(&c->lx, t, '}')) {
                if (stops & STOP_RBRACE)
                    return 0;
                return rs_rw_error(c, t->off, stops ? "missing ')' before '}'"
                                                    : "'}' without an escape sequence to close");
            }
            if ((rs_tok_is(&c->lx, t, ')') && (stops & STOP_RPAREN)) ||
                (rs_tok_is(&c->lx, t, ',') && (stops & STOP_COMMA)))
                return 0;
            if (rs_tok_is(&c->lx, t, '(')) {
                rs_sb_addc(sb, '(');
                c->pos++;
                if (rw_seq(c, sb, STOP_RPAREN) != 0)
                    return -1;
                if (rs_rw_cur(c)->kind == RS_TOK_EOF)
                    return 0; /* unbalanced: the server reports it */
                rs_sb_addc(sb, ')');
                c->pos++;
                continue;
            }
            break;
        default:
            break;
        }
        rs_sb_add(sb, c->lx.text + t->off, t->len);
        c->pos++;
    }
}


/* Whether the statement is INSERT INTO ... (after comments and OPTION(...) prefixes): its
 * answer, one row {"num_docs_inserted": N}, is then a row count and not a result set. */
static int rw_is_insert(rs_rw *c)
{
    size_t save = c->pos;
    int yes;
    for (;;) {
        rs_rw_skip_ws(c);
        if (!rs_tok_word(&c->lx, rs_rw_cur(c), "option"))
            break;
        c->pos++;
        rs_rw_skip_ws(c);
        if (!rs_tok_is(&c->lx, rs_rw_cur(c), '('))
            break;
        for (int depth = 0; rs_rw_cur(c)->kind != RS_TOK_EOF; c->pos++) {
            if (rs_tok_is(&c->lx, rs_rw_cur(c), '('))
                depth++;
            else if (rs_tok_is(&c->lx, rs_rw_cur(c), ')') && --depth == 0) {
                c->pos++;
                break;
            }
        }
    }
    yes = rs_tok_word(&c->lx, rs_rw_cur(c), "insert");
    c->pos = save;
    return yes;
}

static int translate(const char *in, long len, int native, rs_sql_rewrite *out, char *err,
                     size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (!in) {
        snprintf(err, errlen, "no statement text");
        return -1;
    }
    size_t n = len < 0 ? strlen(in) : (size_t)len;
    /* Some applications count the terminator in the length. */
    while (n > 0 && in[n - 1] == '\0')
        n--;
    rs_rw c = { .native = native, .out = out, .err = err, .errlen = errlen };
    if (rs_lex_run(&c.lx, in, n, err, errlen) != 0)
        return -1;
    rs_sb sb = { 0 };
    int rc = native ? 0 : rs_rw_dml(&c);
    if (rc == 1) { /* a write the driver carries out: the text is kept for the log */
        rs_sb_add(&sb, in, n);
        rc = 0;
    } else if (rc == 0) {
        out->is_insert = rw_is_insert(&c);
        rc = rs_rw_is_call(&c) ? rs_rw_call(&c, &sb) : rw_seq(&c, &sb, 0);
    }
    if (rc == 0) {
        out->sql = rs_sb_take(&sb);
        if (!out->sql) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
        }
    }
    rs_sb_free(&sb);
    rs_lex_free(&c.lx);
    if (rc != 0)
        rs_sql_rewrite_free(out);
    return rc;
}

int rs_sql_rewrite_run(const char *in, long len, rs_sql_rewrite *out, char *err, size_t errlen)
{
    return translate(in, len, 0, out, err, errlen);
}

char *rs_sql_native(const char *in, long len, char *err, size_t errlen)
{
    rs_sql_rewrite rw;
    if (translate(in, len, 1, &rw, err, errlen) != 0)
        return NULL;
    char *sql = rw.sql;
    rw.sql = NULL;
    rs_sql_rewrite_free(&rw);
    return sql;
}

void rs_sql_rewrite_free(rs_sql_rewrite *rw)
{
    if (!rw)
        return;
    free(rw->sql);
    for (size_t i = 0; i < rw->nmarkers; i++)
        free(rw->markers[i].name);
    free(rw->markers);
    free(rw->insert_ws);
    free(rw->insert_coll);
    free(rw->call_ws);
    free(rw->call_name);
    free(rw->call_tag);
    free(rw->call_version);
    for (size_t i = 0; i < rw->ncall_args; i++) {
        free(rw->call_args[i].literal);
        free(rw->call_args[i].name);
    }
    free(rw->call_args);
    rs_dml_free(&rw->dml);
    memset(rw, 0, sizeof *rw);
}
