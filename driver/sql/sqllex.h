/* SPDX-License-Identifier: Apache-2.0 */
/* A small lexer for statement text: it knows exactly what the translator must never look
 * inside (string literals, quoted identifiers, comments) and the tokens it acts on (markers,
 * escape braces, words). Everything else is passed through as written. */
#ifndef RS_SQLLEX_H
#define RS_SQLLEX_H

#include <stddef.h>

typedef enum {
    RS_TOK_EOF,
    RS_TOK_WS,       /* spaces, tabs, newlines                              */
    RS_TOK_COMMENT,  /* -- to end of line, or a block comment              */
    RS_TOK_STRING,   /* '...' with '' inside                               */
    RS_TOK_QIDENT,   /* "..." (with "") or `...` (with ``)                 */
    RS_TOK_WORD,     /* identifier or keyword                              */
    RS_TOK_NUMBER,   /* 12, 1.5, .5, 1e-3                                  */
    RS_TOK_QMARK,    /* ?                                                  */
    RS_TOK_NAMED,    /* :name or :1 (text includes the colon)             */
    RS_TOK_PUNCT     /* one character, or "::"                            */
} rs_tok_kind;

typedef struct rs_tok {
    rs_tok_kind kind;
    size_t off;  /* offset in the statement text */
    size_t len;
    char punct;  /* RS_TOK_PUNCT: the character it stands for. The ODBC 2 vendor form of an
                    escape, --(*vendor(Microsoft),product(ODBC) ... *)--, is read as '{' and
                    '}' so the translator sees one syntax. */
} rs_tok;

typedef struct rs_lex {
    const char *text;
    size_t len;
    rs_tok *toks; /* ends with one RS_TOK_EOF token */
    size_t ntoks;
} rs_lex;

/* 0 on success; -1 with a message in err ("unterminated string literal at offset 7"). */
int rs_lex_run(rs_lex *lx, const char *text, size_t len, char *err, size_t errlen);
void rs_lex_free(rs_lex *lx);

/* The token is punctuation c. */
int rs_tok_is(const rs_lex *lx, const rs_tok *t, char c);
/* The token is the word w (case-insensitive). */
int rs_tok_word(const rs_lex *lx, const rs_tok *t, const char *w);

/* 1 when a statement's select list is a bare `*` or `t.*` (not `* EXCEPT (...)`): its columns
 * are the collection's fields, whatever its first rows show. */
int rs_sql_selects_star(const char *sql);

#endif
