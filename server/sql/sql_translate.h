/* SPDX-License-Identifier: Apache-2.0 */
/* Translation of a Rockset SQL statement into SQLite SQL over the document tables.
 *
 * Collections become subqueries exposing _id, _event_time (ISO text) and one column per
 * top-level field (rs_field, sql_value_fn.c) followed by a companion column "<field>/__t"
 * holding the field's JSON type (rs_field_type, json_type's names: NULL when the document
 * lacks it). The row encoder pairs a
 * column with the companion that follows it, which is how booleans, objects, arrays and
 * absent fields survive SQLite. */
#ifndef SQL_TRANSLATE_H
#define SQL_TRANSLATE_H

#include <stddef.h>

#define SQL_COMPANION_SUFFIX "/__t"
/* Hidden column with a whole stored document (SELECT * over a single collection). */
#define SQL_DOC_COLUMN_NAME "__rs_doc"
/* Hidden column with an object whose members are the row's fields (SELECT * over an UNNEST
 * without AS name whose element is an object); they yield to the row's other columns. */
#define SQL_SPLICE_COLUMN_NAME "__rs_doc/unnest"

typedef enum sql_stmt_kind {
    SQL_STMT_QUERY,
    SQL_STMT_DESCRIBE,
    SQL_STMT_INSERT,
    SQL_STMT_EXPLAIN
} sql_stmt_kind;

/* What is statically known of a result column: drives column_fields and the encoding of
 * values SQLite cannot type (booleans, date wrappers). */
typedef enum sql_kind {
    SQL_KIND_ANY = 0,
    SQL_KIND_BOOL,
    SQL_KIND_INT,
    SQL_KIND_FLOAT,
    SQL_KIND_STRING,
    SQL_KIND_DATE,
    SQL_KIND_TIME,
    SQL_KIND_DATETIME,
    SQL_KIND_TIMESTAMP,
    SQL_KIND_PARAM,      /* the type of the parameter in sql_column.param */
    SQL_KIND_TEMPORAL    /* a date, time, datetime or timestamp, known only per value: the
                          * encoder reads which from its canonical text (sql_tv_of_text) */
} sql_kind;

/* A collection as the resolver sees it. */
typedef struct sql_coll {
    char table[40];      /* "docs_<id>"                           */
    char **fields;       /* top-level field names, malloc'd        */
    size_t nfields;
} sql_coll;

/* 0 found, 1 no such workspace, 2 no such collection, -1 error. */
typedef int (*sql_resolve_fn)(void *ctx, const char *ws, const char *coll, sql_coll *out);
void sql_coll_clear(sql_coll *c);

typedef struct sql_param_ref {
    char *name;          /* ":name" -> "name"; "?" -> its 1-based ordinal as text */
    int positional;      /* 1 for "?"                                           */
    int line, column;
} sql_param_ref;

typedef struct sql_column {
    char *name;
    sql_kind kind;
    int param;           /* 1-based parameter slot for SQL_KIND_PARAM            */
} sql_column;

typedef struct sql_pos_map {
    size_t out_offset;
    int line, column;
} sql_pos_map;

typedef struct sql_translation {
    sql_stmt_kind kind;
    char *sql;                    /* SQLite statement                             */
    sql_param_ref *params;        /* slot i+1 is ?<i+1> in sql                    */
    size_t nparams;
    sql_column *cols;             /* outermost select items (NULL when has_star)  */
    size_t ncols;
    int has_star;
    char **except;                /* SELECT * EXCEPT (...) names                  */
    size_t nexcept;
    char **collections;           /* "ws.coll"                                    */
    size_t ncollections;
    int has_limit;                /* outermost query has LIMIT                    */
    sql_pos_map *map;             /* output offset -> source position            */
    size_t nmap;
    /* DESCRIBE target, or INSERT's target collection */
    char *desc_ws, *desc_coll;
    char desc_table[40];
    char **ins_cols;              /* INSERT INTO t (a, b) ...: the field names given */
    size_t nins_cols;
    int max_field_depth;          /* 0 = unlimited                                */
    /* error (when sql_translate returns non-zero) */
    int err_status;               /* 400 or 404 or 501                            */
    char err_type[32];
    char err_key[48];
    char err_id[48];
    char err_msg[512];
    int err_line, err_column;
} sql_translation;

typedef struct sql_translate_opts {
    const char *default_workspace;   /* NULL: "commons"                           */
    int no_companions;               /* 1: never inject companion columns         */
} sql_translate_opts;

/* 0 on success; otherwise the err_* fields are set and the translation must still be
 * released with sql_translation_free. */
int sql_translate(const char *query, const sql_translate_opts *opts, sql_resolve_fn resolve,
                  void *ctx, sql_translation *out);
void sql_translation_free(sql_translation *t);

/* Source position of an output byte offset (for SQLite's error offset). */
void sql_translation_pos(const sql_translation *t, int out_offset, int *line, int *column);

/* Rockset type name of a kind ("" when unknown). */
const char *sql_kind_type_name(sql_kind k);

#endif
