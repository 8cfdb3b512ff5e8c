/* SPDX-License-Identifier: Apache-2.0 */
/* Tokenizer for the Rockset SQL dialect: the translator rewrites a token stream, never raw
 * text, so quotes, comments and parameters are recognised exactly once, here. */
#ifndef SQL_LEXER_H
#define SQL_LEXER_H

#include <stddef.h>

typedef enum sql_tok_kind {
    SQL_TOK_IDENT,      /* bare word (keyword or identifier)                 */
    SQL_TOK_QIDENT,     /* "quoted" or `backtick` identifier; text unescaped */
    SQL_TOK_STRING,     /* 'string'; text is the raw literal with quotes     */
    SQL_TOK_NUMBER,
    SQL_TOK_PARAM,      /* :name, :1 or ?; text is the name ("" for ?)       */
    SQL_TOK_PUNCT,      /* operators and punctuation                          */
    SQL_TOK_END
} sql_tok_kind;

typedef struct sql_token {
    sql_tok_kind kind;
    char *text;          /* owned, NUL-terminated                 */
    size_t offset;       /* byte offset in the source             */
    int line, column;    /* 1-based position in the source        */
} sql_token;

typedef struct sql_tokens {
    sql_token *v;
    size_t n;            /* includes the final SQL_TOK_END        */
} sql_tokens;

/* 0 on success. On a lexical error returns -1 and fills msg/line/column. */
int sql_lex(const char *src, sql_tokens *out, char *msg, size_t msglen, int *line, int *column);
void sql_tokens_free(sql_tokens *t);

/* Syntax errors are worded as one form, after the JavaCC-style parsers Rockset's SQL error
 * texts resemble (`Syntax error: Encountered "FROM" at line 1, column 10.`): the token as the
 * user wrote it ("<EOF>" for the end of the query), then its 1-based line and column. */
void sql_syntax_msg(char *buf, size_t n, const sql_token *t, const char *hint);
/* The last token starting at or before line:column (the first one when none does). */
const sql_token *sql_token_at(const sql_tokens *toks, int line, int column);

/* Case-insensitive comparison of a bare word token with a keyword. */
int sql_tok_is(const sql_token *t, const char *kw);
int sql_tok_punct(const sql_token *t, const char *p);

#endif
