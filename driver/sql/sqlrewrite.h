/* SPDX-License-Identifier: Apache-2.0 */
/* Statement text translation: ODBC escape sequences into Rockset SQL, parameter markers into
 * named parameters, and CALL statements into lambda executions. Pure: no handles, no I/O.
 * String literals, quoted identifiers and comments are never mistaken for markers or escapes. */
#ifndef RS_SQLREWRITE_H
#define RS_SQLREWRITE_H

#include <stddef.h>

typedef struct rs_sql_marker {
    char *name;   /* "?" markers become "p1", "p2"... (1-based); ":name" keeps its name */
    int is_named; /* written as :name in the original text */
} rs_sql_marker;

/* One argument of a CALL: a marker (index into markers) or a literal text (SQL literal as
 * written, e.g. "'abc'" or "42"), optionally named (name => value). */
typedef struct rs_call_arg {
    int marker;      /* index into markers, or -1 for a literal */
    char *literal;   /* the literal's SQL text when marker < 0  */
    char *name;      /* "name => value" form, else NULL         */
} rs_call_arg;

/* Writes the driver carries out through the documents and collections APIs (sqldml.c):
 * Rockset's SQL has no INSERT ... VALUES, UPDATE, DELETE or DDL. */
typedef enum {
    RS_DML_NONE = 0,
    RS_DML_INSERT, /* INSERT INTO ws.coll (cols) VALUES (...), (...)                      */
    RS_DML_UPDATE, /* UPDATE ws.coll SET f = v, ... [WHERE cond]                          */
    RS_DML_DELETE, /* DELETE FROM ws.coll [WHERE cond]                                     */
    RS_DML_CREATE, /* CREATE TABLE ws.coll [(...)]: the column list is only a hint         */
    RS_DML_DROP    /* DROP TABLE [IF EXISTS] ws.coll                                       */
} rs_dml_kind;

/* A value written: a marker, or a literal decoded to the typed text a parameter carries. */
typedef struct rs_dml_value {
    int marker;       /* index into markers, or -1 for a literal                         */
    const char *type; /* literal: "string", "int", "float", "bool", "date", "time",
                         "datetime", "timestamp" (static); NULL with text NULL: NULL     */
    char *text;       /* the literal's value ('it''s' -> it's); NULL for NULL            */
} rs_dml_value;

typedef struct rs_dml {
    rs_dml_kind kind;
    char *ws;              /* NULL: not qualified (the caller's default)                  */
    char *coll;
    char **cols;           /* INSERT columns, UPDATE SET fields                           */
    size_t ncols;
    rs_dml_value *vals;    /* INSERT: nrows * ncols, row-major; UPDATE: ncols             */
    size_t nrows;
    size_t nvals;          /* entries of vals                                            */
    char *where;           /* UPDATE/DELETE: the condition as translated (markers :pN),
                              NULL for none (every document) or when ids is set           */
    rs_dml_value *ids;     /* WHERE _id = v or _id IN (v, ...): the keys, no query needed */
    size_t nids;
    int if_exists;         /* DROP TABLE IF EXISTS                                        */
} rs_dml;

typedef struct rs_sql_rewrite {
    char *sql;              /* translated text, markers written as :p1 / :name          */
    rs_sql_marker *markers; /* in order of appearance; a repeated :name appears once    */
    size_t nmarkers;
    size_t nqmarks;         /* how many were "?" (SQLNumParams counts all markers)      */
    int is_insert;          /* INSERT INTO ... SELECT: answers a row count              */
    char *insert_ws;        /* its target collection (ws NULL: not qualified), whose     */
    char *insert_coll;      /* write the next query waits for; NULL when not parsed      */
    /* CALL [ws.]lambda[@tag|:version](args) or {[?=]call ...}: */
    int is_call;
    char *call_ws;          /* NULL = default workspace                                 */
    char *call_name;
    char *call_tag;         /* from "lambda@tag"  (documented driver syntax), or NULL   */
    char *call_version;     /* from "lambda:version", or NULL                           */
    rs_call_arg *call_args;
    size_t ncall_args;
    rs_dml dml;             /* a write the driver carries out (kind RS_DML_NONE: none)   */
} rs_sql_rewrite;

/* 0 on success; -1 with a message in err (e.g. "unterminated string literal at offset 12",
 * "unknown escape {fn FOO}") for input that cannot be translated; -2 with a message for a
 * write the driver cannot carry out (an expression in VALUES or SET). len < 0 =
 * NUL-terminated. A trailing NUL counted in len is ignored. */
int rs_sql_rewrite_run(const char *in, long len, rs_sql_rewrite *out, char *err, size_t errlen);
void rs_sql_rewrite_free(rs_sql_rewrite *rw);

/* SQLNativeSql: the translated text only (markers left as "?"). malloc'ed, NULL on error. */
char *rs_sql_native(const char *in, long len, char *err, size_t errlen);

/* The scalar functions the translator supports, as SQL_FN_* bitmasks for SQLGetInfo. */
unsigned long rs_sql_fn_string_mask(void);
unsigned long rs_sql_fn_numeric_mask(void);
unsigned long rs_sql_fn_timedate_mask(void);
unsigned long rs_sql_fn_system_mask(void);
unsigned long rs_sql_fn_convert_mask(void);

#endif
