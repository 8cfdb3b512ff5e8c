/* SPDX-License-Identifier: Apache-2.0 */
/* Tokenizer for the Rockset SQL dialect (see sql_lexer.h). */
#include "server/sql/sql_lexer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct lex_state {
    const char *src;
    size_t pos;
    int line, col;
    sql_tokens *out;
    size_t cap;
    int braces;          /* open '{' of object literals */
} lex_state;

static void lex_advance(lex_state *s, size_t n)
{
    while (n-- > 0 && s->src[s->pos]) {
        if (s->src[s->pos] == '\n') {
            s->line++;
            s->col = 1;
        } else if (((unsigned char)s->src[s->pos] & 0xC0) != 0x80) {
            s->col++;   /* columns count characters, not UTF-8 continuation bytes */
        }
        s->pos++;
    }
}

static int lex_push(lex_state *s, sql_tok_kind kind, char *text, size_t off, int line, int col)
{
    if (!text)
        return -1;
    if (s->out->n == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 64;
        sql_token *nv = realloc(s->out->v, ncap * sizeof *nv);
        if (!nv) {
            free(text);
            return -1;
        }
        s->out->v = nv;
        s->cap = ncap;
    }
    s->out->v[s->out->n++] = (sql_token){ kind, text, off, line, col };
    return 0;
}

static char *lex_dup(const char *p, size_t n)
{
    char *r = malloc(n + 1);
    if (r) {
        memcpy(r, p, n);
        r[n] = '\0';
    }
    return r;
}

static int is_word_start(unsigned char c) { return isalpha(c) || c == '_' || c >= 0x80; }
static int is_word_char(unsigned char c) { return isalnum(c) || c == '_' || c == '$' || c >= 0x80; }

/* Quoted identifier: the closing quote doubled is an escaped quote. Returns the
 * unescaped name or NULL when unterminated. */
static char *lex_quoted(lex_state *s, char q, size_t *len)
{
    const char *p = s->src + s->pos + 1;
    size_t cap = strlen(p) + 1, n = 0;
    char *r = malloc(cap);
    if (!r)
        return NULL;
    size_t i = 0;
    for (;;) {
        if (p[i] == '\0') {
            free(r);
            return NULL;
        }
        if (p[i] == q) {
            if (p[i + 1] == q) {
                r[n++] = q;
                i += 2;
                continue;
            }
            break;
        }
        r[n++] = p[i++];
    }
    r[n] = '\0';
    *len = i + 2;
    return r;
}

static size_t lex_string_len(const char *p)
{
    size_t i = 1;
    for (;;) {
        if (p[i] == '\0')
            return 0;
        if (p[i] == '\'') {
            if (p[i + 1] == '\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i++;
    }
}

static size_t lex_number_len(const char *p)
{
    size_t i = 0;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        i = 2;
        while (isxdigit((unsigned char)p[i]))
            i++;
        return i;
    }
    while (isdigit((unsigned char)p[i]))
        i++;
    if (p[i] == '.') {
        i++;
        while (isdigit((unsigned char)p[i]))
            i++;
    }
    if ((p[i] == 'e' || p[i] == 'E') &&
        (isdigit((unsigned char)p[i + 1]) ||
         ((p[i + 1] == '+' || p[i + 1] == '-') && isdigit((unsigned char)p[i + 2])))) {
        i += 2;
        while (isdigit((unsigned char)p[i]))
            i++;
    }
    return i;
}

static const char *const lex_puncts[] = {
    "<>", "!=", "<=", ">=", "||", "==", "<<", ">>", "::",
    "(", ")", ",", ".", ";", "+", "-", "*", "/", "%", "<", ">", "=", "[", "]", "&", "|", "~",
    "{", "}",
    NULL
};

static size_t lex_punct_len(const char *p)
{
    for (int i = 0; lex_puncts[i]; i++) {
        size_t n = strlen(lex_puncts[i]);
        if (strncmp(p, lex_puncts[i], n) == 0)
            return n;
    }
    return 0;
}

static int lex_skip_space(lex_state *s, char *msg, size_t msglen)
{
    for (;;) {
        const char *p = s->src + s->pos;
        if (isspace((unsigned char)*p)) {
            lex_advance(s, 1);
        } else if (p[0] == '-' && p[1] == '-') {
            while (s->src[s->pos] && s->src[s->pos] != '\n')
                lex_advance(s, 1);
        } else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            if (!e) {
                snprintf(msg, msglen, "Unterminated comment");
                return -1;
            }
            lex_advance(s, (size_t)(e + 2 - p));
        } else {
            return 0;
        }
    }
}

/* Inside an object literal {'key': value}, a ':' right after the key separates it from its
 * value (so {'a':1} is not the key 'a' then the parameter :1); a parameter elsewhere in
 * the literal ({'a': :p}) follows a ':' or a ',' and stays one. */
static int lex_key_colon(const lex_state *s, const char *p)
{
    if (p[0] != ':' || p[1] == ':' || s->braces <= 0 || s->out->n == 0)
        return 0;
    sql_tok_kind k = s->out->v[s->out->n - 1].kind;
    const char *t = s->out->v[s->out->n - 1].text;
    /* not after a word: {'a': CASE WHEN x THEN :p END} keeps its parameter */
    return k == SQL_TOK_STRING || k == SQL_TOK_QIDENT ||
           (k == SQL_TOK_PUNCT && (strcmp(t, ")") == 0 || strcmp(t, "]") == 0));
}

/* One token at the current position; returns 0, or -1 with msg set. */
static int lex_one(lex_state *s, char *msg, size_t msglen)
{
    const char *p = s->src + s->pos;
    size_t off = s->pos, n = 0;
    int line = s->line, col = s->col, rc;
    unsigned char c = (unsigned char)*p;

    if (is_word_start(c)) {
        while (is_word_char((unsigned char)p[n]))
            n++;
        rc = lex_push(s, SQL_TOK_IDENT, lex_dup(p, n), off, line, col);
    } else if (c == '"' || c == '`') {
        char *name = lex_quoted(s, (char)c, &n);
        if (!name) {
            snprintf(msg, msglen, "Unterminated quoted identifier");
            return -1;
        }
        rc = lex_push(s, SQL_TOK_QIDENT, name, off, line, col);
    } else if (c == '\'') {
        n = lex_string_len(p);
        if (n == 0) {
            snprintf(msg, msglen, "Unterminated string literal");
            return -1;
        }
        rc = lex_push(s, SQL_TOK_STRING, lex_dup(p, n), off, line, col);
    } else if (isdigit(c) || (c == '.' && isdigit((unsigned char)p[1]))) {
        n = lex_number_len(p);
        if (n == 0)
            n = 1;
        rc = lex_push(s, SQL_TOK_NUMBER, lex_dup(p, n), off, line, col);
    } else if (lex_key_colon(s, p)) {
        n = 1;
        rc = lex_push(s, SQL_TOK_PUNCT, lex_dup(p, 1), off, line, col);
    } else if (c == '?') {
        n = 1;
        rc = lex_push(s, SQL_TOK_PARAM, lex_dup("", 0), off, line, col);
    } else if (c == ':' && p[1] != ':' && is_word_char((unsigned char)p[1])) {
        n = 1;
        while (is_word_char((unsigned char)p[n]))
            n++;
        rc = lex_push(s, SQL_TOK_PARAM, lex_dup(p + 1, n - 1), off, line, col);
    } else if ((n = lex_punct_len(p)) > 0) {
        s->braces += c == '{' ? 1 : c == '}' ? -1 : 0;
        rc = lex_push(s, SQL_TOK_PUNCT, lex_dup(p, n), off, line, col);
    } else {
        /* worded like a parser's syntax error; a UTF-8 lead byte is a word start, so the
         * character is one byte here */
        snprintf(msg, msglen, "Encountered \"%c\"", (char)c);
        return -1;
    }
    if (rc != 0) {
        snprintf(msg, msglen, "Out of memory");
        return -1;
    }
    lex_advance(s, n);
    return 0;
}

int sql_lex(const char *src, sql_tokens *out, char *msg, size_t msglen, int *line, int *column)
{
    lex_state s = { src, 0, 1, 1, out, 0, 0 };
    out->v = NULL;
    out->n = 0;
    for (;;) {
        if (lex_skip_space(&s, msg, msglen) != 0)
            goto fail;
        if (src[s.pos] == '\0')
            break;
        if (lex_one(&s, msg, msglen) != 0)
            goto fail;
    }
    if (lex_push(&s, SQL_TOK_END, lex_dup("", 0), s.pos, s.line, s.col) != 0) {
        snprintf(msg, msglen, "Out of memory");
        goto fail;
    }
    return 0;
fail:
    *line = s.line;
    *column = s.col;
    if (strcmp(msg, "Out of memory") != 0) {
        char what[128];
        snprintf(what, sizeof what, "%s", msg);
        snprintf(msg, msglen, "Syntax error: %s at line %d, column %d.", what, s.line, s.col);
    }
    sql_tokens_free(out);
    return -1;
}

void sql_syntax_msg(char *buf, size_t n, const sql_token *t, const char *hint)
{
    const char *pre = t->kind == SQL_TOK_PARAM ? (t->text[0] ? ":" : "?") : "";
    const char *text = t->kind == SQL_TOK_END ? "<EOF>" : t->text;
    snprintf(buf, n, "Syntax error: Encountered \"%s%.100s\" at line %d, column %d.%s%s", pre,
             text, t->line, t->column, hint && hint[0] ? " " : "", hint ? hint : "");
}

const sql_token *sql_token_at(const sql_tokens *toks, int line, int column)
{
    const sql_token *best = &toks->v[0];
    for (size_t i = 0; i + 1 < toks->n; i++) {
        const sql_token *t = &toks->v[i];
        if (t->line > line || (t->line == line && t->column > column))
            break;
        best = t;
    }
    return best;
}

void sql_tokens_free(sql_tokens *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].text);
    free(t->v);
    t->v = NULL;
    t->n = 0;
}

int sql_tok_is(const sql_token *t, const char *kw)
{
    return t->kind == SQL_TOK_IDENT && strcasecmp(t->text, kw) == 0;
}

int sql_tok_punct(const sql_token *t, const char *p)
{
    return t->kind == SQL_TOK_PUNCT && strcmp(t->text, p) == 0;
}
