/* SPDX-License-Identifier: Apache-2.0 */
/* Statement lexer. Tokens are spans of the input, so the translator can copy anything it does
 * not rewrite byte for byte. */
#include "driver/sql/sqllex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int is_word_start(unsigned char c)
{
    /* Bytes >= 0x80 are parts of UTF-8 identifiers: keep them inside words. */
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int is_word_char(unsigned char c)
{
    return is_word_start(c) || is_digit(c) || c == '$';
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* End of a quoted span starting at p (the opening quote), where a doubled quote stands for one;
 * 0 when unterminated. */
static size_t quoted_end(const char *s, size_t len, size_t p)
{
    char q = s[p];
    for (size_t i = p + 1; i < len; i++) {
        if (s[i] == q) {
            if (i + 1 < len && s[i + 1] == q) {
                i++;
                continue;
            }
            return i + 1;
        }
    }
    return 0;
}

static size_t number_end(const char *s, size_t len, size_t p)
{
    size_t i = p;
    while (i < len && is_digit((unsigned char)s[i]))
        i++;
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && is_digit((unsigned char)s[i]))
            i++;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < len && (s[j] == '+' || s[j] == '-'))
            j++;
        if (j < len && is_digit((unsigned char)s[j])) {
            while (j < len && is_digit((unsigned char)s[j]))
                j++;
            i = j;
        }
    }
    return i;
}

static void set_unterminated(const char *s, size_t len, const char *what, size_t off, char *err,
                             size_t errlen)
{
    size_t show = len - off > 24 ? 24 : len - off;
    snprintf(err, errlen, "unterminated %s at offset %zu: %.*s", what, off, (int)show, s + off);
}

/* Matches word (case-insensitive) at s[i]; the index after it, 0 on mismatch. */
static size_t match_ci(const char *s, size_t len, size_t i, const char *word)
{
    size_t n = strlen(word);
    return i + n <= len && strncasecmp(s + i, word, n) == 0 ? i + n : 0;
}

static size_t skip_blanks(const char *s, size_t len, size_t i)
{
    while (i < len && is_space((unsigned char)s[i]))
        i++;
    return i;
}

/* "name(...)" at i: the index after ')', 0 if not there. */
static size_t vendor_part(const char *s, size_t len, size_t i, const char *name)
{
    i = match_ci(s, len, skip_blanks(s, len, i), name);
    if (!i)
        return 0;
    i = skip_blanks(s, len, i);
    if (i >= len || s[i] != '(')
        return 0;
    while (i < len && s[i] != ')')
        i++;
    return i < len ? i + 1 : 0;
}

/* Length of "--(*vendor(...),product(...)" at p, 0 when it is not the vendor escape form. */
static size_t vendor_open(const char *s, size_t len, size_t p)
{
    size_t i = match_ci(s, len, p, "--(*");
    if (!i || !(i = vendor_part(s, len, i, "vendor")))
        return 0;
    i = skip_blanks(s, len, i);
    if (i >= len || s[i] != ',' || !(i = vendor_part(s, len, i + 1, "product")))
        return 0;
    return i - p;
}

/* Kind and length of the token at p; 0 length on error (err set). *vdepth counts open
 * vendor escapes: only inside one does "*)--" close it. */
static size_t scan_one(const char *s, size_t len, size_t p, rs_tok *t, int *vdepth, char *err,
                       size_t errlen)
{
    unsigned char c = (unsigned char)s[p];
    unsigned char n = p + 1 < len ? (unsigned char)s[p + 1] : 0;
    size_t i = p;
    rs_tok_kind *kind = &t->kind;

    t->punct = '\0';
    if (c == '\0') {
        /* Would silently cut the statement short wherever it is passed as a C string. */
        snprintf(err, errlen, "NUL character in the statement at offset %zu", p);
        return 0;
    }
    if (c == '-' && n == '-' && (i = vendor_open(s, len, p)) > 0) {
        (*vdepth)++;
        *kind = RS_TOK_PUNCT;
        t->punct = '{';
        return i;
    }
    if (c == '*' && *vdepth > 0 && match_ci(s, len, p, "*)--")) {
        (*vdepth)--;
        *kind = RS_TOK_PUNCT;
        t->punct = '}';
        return 4;
    }
    i = p;

    if (is_space(c)) {
        while (i < len && is_space((unsigned char)s[i]))
            i++;
        *kind = RS_TOK_WS;
        return i - p;
    }
    if (c == '-' && n == '-') {
        while (i < len && s[i] != '\n')
            i++;
        *kind = RS_TOK_COMMENT;
        return i - p;
    }
    if (c == '/' && n == '*') {
        for (i = p + 2; i + 1 < len; i++)
            if (s[i] == '*' && s[i + 1] == '/') {
                *kind = RS_TOK_COMMENT;
                return i + 2 - p;
            }
        set_unterminated(s, len, "comment", p, err, errlen);
        return 0;
    }
    if (c == '\'' || c == '"' || c == '`') {
        size_t e = quoted_end(s, len, p);
        if (!e) {
            set_unterminated(s, len, c == '\'' ? "string literal" : "quoted identifier", p, err,
                             errlen);
            return 0;
        }
        *kind = c == '\'' ? RS_TOK_STRING : RS_TOK_QIDENT;
        return e - p;
    }
    if (is_word_start(c)) {
        while (i < len && is_word_char((unsigned char)s[i]))
            i++;
        *kind = RS_TOK_WORD;
        return i - p;
    }
    if (is_digit(c) || (c == '.' && is_digit(n))) {
        *kind = RS_TOK_NUMBER;
        return number_end(s, len, p) - p;
    }
    if (c == '?') {
        *kind = RS_TOK_QMARK;
        return 1;
    }
    if (c == ':' && n == ':') {
        /* A cast operator in some dialects, never a marker. */
        *kind = RS_TOK_PUNCT;
        t->punct = ':';
        return 2;
    }
    if (c == ':' && (is_word_char(n))) {
        for (i = p + 1; i < len && is_word_char((unsigned char)s[i]); i++)
            ;
        *kind = RS_TOK_NAMED;
        return i - p;
    }
    *kind = RS_TOK_PUNCT;
    t->punct = (char)c;
    return 1;
}

int rs_lex_run(rs_lex *lx, const char *text, size_t len, char *err, size_t errlen)
{
    size_t cap = 32;
    int vdepth = 0;
    memset(lx, 0, sizeof *lx);
    lx->text = text;
    lx->len = len;
    lx->toks = malloc(cap * sizeof *lx->toks);
    if (!lx->toks)
        goto nomem;
    for (size_t p = 0;;) {
        if (lx->ntoks + 1 >= cap) {
            rs_tok *nt = realloc(lx->toks, cap * 2 * sizeof *nt);
            if (!nt)
                goto nomem;
            lx->toks = nt;
            cap *= 2;
        }
        rs_tok *t = &lx->toks[lx->ntoks];
        t->off = p;
        if (p >= len) {
            t->kind = RS_TOK_EOF;
            t->len = 0;
            t->punct = '\0';
            lx->ntoks++;
            return 0;
        }
        t->len = scan_one(text, len, p, t, &vdepth, err, errlen);
        if (t->len == 0) {
            rs_lex_free(lx);
            return -1;
        }
        p += t->len;
        lx->ntoks++;
    }
nomem:
    snprintf(err, errlen, "out of memory");
    rs_lex_free(lx);
    return -1;
}

void rs_lex_free(rs_lex *lx)
{
    free(lx->toks);
    lx->toks = NULL;
    lx->ntoks = 0;
}

int rs_tok_is(const rs_lex *lx, const rs_tok *t, char c)
{
    return t->kind == RS_TOK_PUNCT && t->punct == c && (t->len == 1 || c == '{' || c == '}');
}

int rs_tok_word(const rs_lex *lx, const rs_tok *t, const char *w)
{
    size_t wl = strlen(w);
    return t->kind == RS_TOK_WORD && t->len == wl && strncasecmp(lx->text + t->off, w, wl) == 0;
}

/* 1 when the statement's select list is a bare `*` or `t.*` (not `* EXCEPT`). */
int rs_sql_selects_star(const char *sql)
{
    rs_lex lx;
    char msg[128];
    int depth = 0, seen_select = 0, star = 0;
    const rs_tok *prev = NULL;

    if (!sql || rs_lex_run(&lx, sql, strlen(sql), msg, sizeof msg) != 0)
        return 0;
    for (size_t i = 0; i < lx.ntoks && lx.toks[i].kind != RS_TOK_EOF; i++) {
        const rs_tok *t = &lx.toks[i];
        if (t->kind == RS_TOK_WS || t->kind == RS_TOK_COMMENT)
            continue;
        if (!seen_select) {
            if (!rs_tok_word(&lx, t, "SELECT"))
                break; /* WITH, VALUES, DESCRIBE...: not a plain select */
            seen_select = 1;
        } else if (rs_tok_is(&lx, t, '(')) {
            depth++;
        } else if (rs_tok_is(&lx, t, ')')) {
            depth--;
        } else if (depth == 0 && rs_tok_word(&lx, t, "FROM")) {
            break;
        } else if (depth == 0 && star && rs_tok_word(&lx, t, "EXCEPT")) {
            star = 0;
            break;
        } else if (depth == 0 && rs_tok_is(&lx, t, '*') && prev &&
                   (rs_tok_word(&lx, prev, "SELECT") || rs_tok_word(&lx, prev, "DISTINCT") ||
                    rs_tok_word(&lx, prev, "ALL") || rs_tok_is(&lx, prev, ',') ||
                    rs_tok_is(&lx, prev, '.'))) {
            star = 1;
        }
        prev = t;
    }
    rs_lex_free(&lx);
    return star;
}
