/* SPDX-License-Identifier: Apache-2.0 */
/* Internal to the SQL translator (sqlrewrite.c, sqlcall.c): the state of one translation
 * and the helpers both parts use. Not a contract for other modules: use sqlrewrite.h. */
#ifndef RS_SQLRW_H
#define RS_SQLRW_H

#include "driver/sql/sqlbuf.h"
#include "driver/sql/sqllex.h"
#include "driver/sql/sqlrewrite.h"

typedef struct rs_rw {
    rs_lex lx;
    size_t pos;          /* current token                                   */
    int native;          /* SQLNativeSql: leave ? markers as ?              */
    rs_sql_rewrite *out;
    size_t mcap;         /* allocated entries of out->markers               */
    char *err;
    size_t errlen;
} rs_rw;

const rs_tok *rs_rw_cur(const rs_rw *c);
/* Skips white space and comments. */
void rs_rw_skip_ws(rs_rw *c);
/* Sets err to "<message> at offset N: <text there>"; returns -1. */
int rs_rw_error(rs_rw *c, size_t off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Registers the marker token t (? or :name) and writes its translation into sb; the marker's
 * index, or -1 (out of memory, err set). Does not advance. */
long rs_rw_marker(rs_rw *c, const rs_tok *t, rs_sb *sb);
/* Translates the escape starting at the current '{' through its '}' into sb; 0 or -1. */
int rs_rw_escape(rs_rw *c, rs_sb *sb);

/* sqlcall.c: the statement is a procedure call ({call}, {?= call}, CALL). */
int rs_rw_is_call(rs_rw *c);
/* Parses the whole statement as a call, fills the call fields of c->out and writes a
 * normalised CALL text into sb; 0 or -1. */
int rs_rw_call(rs_rw *c, rs_sb *sb);

/* sqldml.c: INSERT ... VALUES, UPDATE, DELETE, CREATE/DROP TABLE. 1 when the statement is
 * one (c->out->dml filled, markers registered), 0 when not (nothing consumed), -1 on a syntax
 * error, -2 for what is not supported (err set). */
int rs_rw_dml(rs_rw *c);
void rs_dml_free(rs_dml *d);

#endif
