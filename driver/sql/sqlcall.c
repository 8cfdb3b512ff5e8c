/* SPDX-License-Identifier: Apache-2.0 */
/* Procedure calls: {call ...}, {?= call ...} and CALL ... name a Query Lambda.
 *   [workspace.]lambda[@tag | :version] [( arg, name => arg, ... )]
 * Workspace names may contain dots, so the last part names the lambda. Arguments are
 * markers (?, :name) or literals (strings, numbers, TRUE/FALSE/NULL, {d}/{t}/{ts}/{guid}). */
#include "driver/sql/sqlrw.h"

#include <stdlib.h>
#include <string.h>

static int is_tok_word(rs_rw *c, const char *w)
{
    return rs_tok_word(&c->lx, rs_rw_cur(c), w);
}

static int is_tok(rs_rw *c, char ch)
{
    return rs_tok_is(&c->lx, rs_rw_cur(c), ch);
}

int rs_rw_is_call(rs_rw *c)
{
    size_t save = c->pos;
    int yes = 0;
    rs_rw_skip_ws(c);
    if (is_tok(c, '{')) {
        c->pos++;
        rs_rw_skip_ws(c);
        if (rs_rw_cur(c)->kind == RS_TOK_QMARK) {
            c->pos++;
            rs_rw_skip_ws(c);
            yes = is_tok(c, '=');
        } else {
            yes = is_tok_word(c, "call");
        }
    } else {
        yes = is_tok_word(c, "call");
    }
    c->pos = save;
    return yes;
}

/* An identifier's text: words as written, quoted identifiers without quotes. */
static char *ident_text(rs_rw *c, const rs_tok *t)
{
    const char *s = c->lx.text + t->off;
    if (t->kind == RS_TOK_WORD || t->kind == RS_TOK_NUMBER)
        return strndup(s, t->len);
    char q = s[0];
    char *out = malloc(t->len);
    if (!out)
        return NULL;
    size_t n = 0;
    for (size_t i = 1; i + 1 < t->len; i++) {
        out[n++] = s[i];
        if (s[i] == q)
            i++; /* a doubled quote stands for one */
    }
    out[n] = '\0';
    return out;
}

static int is_ident(const rs_tok *t)
{
    return t->kind == RS_TOK_WORD || t->kind == RS_TOK_QIDENT;
}

static int nomem(rs_rw *c)
{
    return rs_rw_error(c, rs_rw_cur(c)->off, "out of memory");
}

/* [ws.]name then @tag or :version. */
static int call_name(rs_rw *c)
{
    rs_sb ws = { 0 };
    char *part = NULL;
    for (;;) {
        const rs_tok *t = rs_rw_cur(c);
        if (!is_ident(t)) {
            rs_sb_free(&ws);
            free(part);
            return rs_rw_error(c, t->off, "CALL needs a query lambda name");
        }
        if (part) {
            if (ws.len)
                rs_sb_addc(&ws, '.');
            rs_sb_adds(&ws, part);
            free(part);
        }
        part = ident_text(c, t);
        c->pos++;
        if (!part || !is_tok(c, '.'))
            break;
        c->pos++;
    }
    int oom = ws.oom;
    c->out->call_name = part;
    if (ws.len && !oom)
        c->out->call_ws = rs_sb_take(&ws);
    rs_sb_free(&ws);
    if (!part || oom)
        return nomem(c);
    const rs_tok *t = rs_rw_cur(c);
    if (is_tok(c, '@')) {
        c->pos++;
        t = rs_rw_cur(c);
        if (!is_ident(t) && t->kind != RS_TOK_NUMBER)
            return rs_rw_error(c, t->off, "a tag name must follow '@'");
        if (!(c->out->call_tag = ident_text(c, t)))
            return nomem(c);
        c->pos++;
    } else if (t->kind == RS_TOK_NAMED) {
        if (!(c->out->call_version = strndup(c->lx.text + t->off + 1, t->len - 1)))
            return nomem(c);
        c->pos++;
    }
    return 0;
}

static rs_call_arg *new_arg(rs_rw *c, size_t *cap)
{
    rs_sql_rewrite *o = c->out;
    if (o->ncall_args == *cap) {
        size_t ncap = *cap ? *cap * 2 : 4;
        rs_call_arg *na = realloc(o->call_args, ncap * sizeof *na);
        if (!na)
            return NULL;
        o->call_args = na;
        *cap = ncap;
    }
    rs_call_arg *a = &o->call_args[o->ncall_args++];
    a->marker = -1;
    a->literal = NULL;
    a->name = NULL;
    return a;
}

/* "name =>" before an argument: the name, consumed; NULL (nothing consumed) otherwise. */
static int arg_name(rs_rw *c, rs_call_arg *a)
{
    size_t save = c->pos;
    const rs_tok *t = rs_rw_cur(c);
    if (!is_ident(t))
        return 0;
    c->pos++;
    rs_rw_skip_ws(c);
    if (is_tok(c, '=') && rs_tok_is(&c->lx, &c->lx.toks[c->pos + 1], '>')) {
        c->pos += 2;
        rs_rw_skip_ws(c);
        if (!(a->name = ident_text(c, t)))
            return nomem(c);
        return 0;
    }
    c->pos = save;
    return 0;
}

static int is_literal_escape(rs_rw *c)
{
    size_t save = c->pos;
    c->pos++;
    rs_rw_skip_ws(c);
    int yes = is_tok_word(c, "d") || is_tok_word(c, "t") || is_tok_word(c, "ts") ||
              is_tok_word(c, "guid");
    c->pos = save;
    return yes;
}

/* The value of one argument, its text written into sb. */
static int arg_value(rs_rw *c, rs_call_arg *a, rs_sb *sb)
{
    const rs_tok *t = rs_rw_cur(c);
    size_t start = c->lx.toks[c->pos].off;
    rs_sb lit = { 0 };
    if (t->kind == RS_TOK_QMARK || t->kind == RS_TOK_NAMED) {
        long idx = rs_rw_marker(c, t, sb);
        if (idx < 0)
            return -1;
        a->marker = (int)idx;
        c->pos++;
        return 0;
    }
    if (t->kind == RS_TOK_STRING || t->kind == RS_TOK_NUMBER || is_tok_word(c, "TRUE") ||
        is_tok_word(c, "FALSE") || is_tok_word(c, "NULL")) {
        rs_sb_add(&lit, c->lx.text + t->off, t->len);
        c->pos++;
    } else if ((is_tok(c, '-') || is_tok(c, '+')) &&
               c->lx.toks[c->pos + 1].kind == RS_TOK_NUMBER) {
        const rs_tok *num = &c->lx.toks[c->pos + 1];
        rs_sb_add(&lit, c->lx.text + t->off, num->off + num->len - t->off);
        c->pos += 2;
    } else if (is_tok(c, '{') && is_literal_escape(c)) {
        if (rs_rw_escape(c, &lit) != 0) {
            rs_sb_free(&lit);
            return -1;
        }
    } else {
        return rs_rw_error(c, start, "a CALL argument must be ?, :name or a literal");
    }
    rs_sb_adds(sb, lit.s ? lit.s : "");
    if (!(a->literal = rs_sb_take(&lit)))
        return nomem(c);
    return 0;
}

/* ( arg, ... ); the current token is '('. */
static int call_args(rs_rw *c, rs_sb *sb)
{
    size_t cap = 0;
    c->pos++;
    rs_rw_skip_ws(c);
    rs_sb_addc(sb, '(');
    if (is_tok(c, ')')) {
        c->pos++;
        rs_sb_addc(sb, ')');
        return 0;
    }
    for (;;) {
        rs_rw_skip_ws(c);
        rs_call_arg *a = new_arg(c, &cap);
        if (!a)
            return nomem(c);
        if (arg_name(c, a) != 0)
            return -1;
        if (a->name) {
            rs_sb_adds(sb, a->name);
            rs_sb_adds(sb, " => ");
        }
        if (arg_value(c, a, sb) != 0)
            return -1;
        rs_rw_skip_ws(c);
        if (is_tok(c, ',')) {
            rs_sb_adds(sb, ", ");
            c->pos++;
            continue;
        }
        if (is_tok(c, ')')) {
            rs_sb_addc(sb, ')');
            c->pos++;
            return 0;
        }
        if (rs_rw_cur(c)->kind == RS_TOK_EOF)
            return rs_rw_error(c, rs_rw_cur(c)->off, "unterminated CALL argument list");
        return rs_rw_error(c, rs_rw_cur(c)->off, "expected ',' or ')' in the CALL arguments");
    }
}

static void write_name(rs_rw *c, rs_sb *sb)
{
    rs_sql_rewrite *o = c->out;
    rs_sb_adds(sb, "CALL ");
    if (o->call_ws) {
        rs_sb_adds(sb, o->call_ws);
        rs_sb_addc(sb, '.');
    }
    rs_sb_adds(sb, o->call_name);
    if (o->call_tag) {
        rs_sb_addc(sb, '@');
        rs_sb_adds(sb, o->call_tag);
    } else if (o->call_version) {
        rs_sb_addc(sb, ':');
        rs_sb_adds(sb, o->call_version);
    }
}

/* After the call: the escape's '}' when braced, an optional ';', then nothing. */
static int call_end(rs_rw *c, int braced, size_t open_off)
{
    rs_rw_skip_ws(c);
    if (braced) {
        if (!is_tok(c, '}'))
            return rs_rw_cur(c)->kind == RS_TOK_EOF
                       ? rs_rw_error(c, open_off, "unterminated escape sequence")
                       : rs_rw_error(c, rs_rw_cur(c)->off, "unexpected text in {call}");
        c->pos++;
        rs_rw_skip_ws(c);
    }
    if (is_tok(c, ';')) {
        c->pos++;
        rs_rw_skip_ws(c);
    }
    if (rs_rw_cur(c)->kind != RS_TOK_EOF)
        return rs_rw_error(c, rs_rw_cur(c)->off, "unexpected text after the CALL");
    return 0;
}

int rs_rw_call(rs_rw *c, rs_sb *sb)
{
    int braced = 0;
    rs_rw_skip_ws(c);
    size_t open_off = rs_rw_cur(c)->off;
    c->out->is_call = 1;
    if (is_tok(c, '{')) {
        braced = 1;
        c->pos++;
        rs_rw_skip_ws(c);
        if (rs_rw_cur(c)->kind == RS_TOK_QMARK) {
            /* The result marker counts as parameter 1 (applications bind it); a lambda
             * answers with a result set, so it receives nothing. */
            rs_sb scratch = { 0 };
            long idx = rs_rw_marker(c, rs_rw_cur(c), &scratch);
            rs_sb_free(&scratch);
            if (idx < 0)
                return -1;
            c->pos++;
            rs_rw_skip_ws(c);
            c->pos++; /* '=', checked by rs_rw_is_call */
            rs_rw_skip_ws(c);
            if (!is_tok_word(c, "call"))
                return rs_rw_error(c, rs_rw_cur(c)->off, "expected call after ?=");
        }
    }
    c->pos++; /* call */
    rs_rw_skip_ws(c);
    if (call_name(c) != 0)
        return -1;
    write_name(c, sb);
    rs_rw_skip_ws(c);
    if (is_tok(c, '(') && call_args(c, sb) != 0)
        return -1;
    return call_end(c, braced, open_off);
}
