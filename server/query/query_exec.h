/* SPDX-License-Identifier: Apache-2.0 */
/* Running a translated query: parameters, column roles (companions, EXCEPT), and row
 * encoding into JSON text as rows are stepped, so results never need to sit in memory. */
#ifndef QUERY_EXEC_H
#define QUERY_EXEC_H

#include <sqlite3.h>
#include <cjson/cJSON.h>
#include "server/sql/sql_translate.h"
#include "server/sql/sql_tr_internal.h"

typedef struct qx_error {
    int status;              /* HTTP status          */
    char type[32];
    char key[48];
    char id[48];
    char msg[512];
    int line, column;        /* 0 = unknown          */
} qx_error;

typedef struct qx_col {
    const char *name;        /* sqlite3_column_name  */
    int companion;           /* column index or -1   */
    int skip;                /* companion or EXCEPT  */
    int doc;                 /* 1 SQL_DOC_COLUMN, 2 SQL_SPLICE_COLUMN: members spliced into
                              * the row (2: minus splice_skip, the row's other names) */
    char **splice_skip;      /* owned by the query (qx_query.splice_skip) */
    size_t nsplice_skip;
    sql_kind kind;
    char seen[24];           /* Rockset type of the non-null values encoded so far ("")  */
    int mixed;               /* 1: they had different types                              */
    /* The encoder's key text, "name": escaped, made on the first row from key_of (the name
     * it was made from: an INSERT's column list renames columns): writing it cost five
     * appends and an escape scan per cell. keylen 0: not made, or too long to keep here. */
    const char *key_of;
    unsigned char keylen;
    char key[55];
} qx_col;

typedef struct qx_query {
    sql_translation tr;
    sqlite3 *db;
    sqlite3_stmt *stmt;
    qx_col *cols;
    int ncols;
    int done;
    long long rows;          /* rows encoded so far  */
    char *param_types;       /* kind per slot (sql_kind as char) */
    char **splice_skip;      /* EXCEPT names and column names a spliced object yields to */
} qx_query;

typedef struct qx_options {
    const char *default_workspace;
    long long default_row_limit;    /* 0 = none */
    int validate_only;              /* prepare without binding parameters */
    const char *user;               /* CURRENT_USER(); NULL: "" */
} qx_options;

/* Translates, prepares and binds. 0 on success; DESCRIBE statements come back with
 * q->stmt == NULL and q->tr.kind == SQL_STMT_DESCRIBE. */
int qx_prepare(sqlite3 *db, const char *sql, const cJSON *params, const qx_options *opts,
               sql_resolve_fn resolve, void *ctx, qx_query *q, qx_error *err);
/* The same on a connection of the query pool (query_pool.h), whose SQL functions are
 * registered once when it is opened rather than for every query. */
int qx_prepare_pooled(sqlite3 *db, const char *sql, const cJSON *params,
                      const qx_options *opts, sql_resolve_fn resolve, void *ctx, qx_query *q,
                      qx_error *err);
/* Encodes the next row as a JSON object into out: 1 row, 0 no more rows, -1 error. */
int qx_next(qx_query *q, sql_sbuf *out, qx_error *err);
/* The same, the row encoded as a document to ingest (qenc_row_doc). */
int qx_next_doc(qx_query *q, sql_sbuf *out, qx_error *err);
/* column_fields as a JSON array into out; returns 0 when there is none (SELECT *). Types
 * come from the expression where it fixes them; with seen, a column the expression leaves
 * open (a plain field reference) gets the type every non-null value encoded so far had,
 * "" when they differed or there were none. */
int qx_column_fields(const qx_query *q, sql_sbuf *out);
int qx_column_fields_seen(const qx_query *q, sql_sbuf *out);
void qx_finish(qx_query *q);

/* Row encoding (query_encode.c). */
void qenc_row(sqlite3_stmt *stmt, qx_col *cols, int ncols, char **except,
              size_t nexcept, sql_sbuf *out);
/* The same row as a document to ingest (INSERT INTO ... SELECT): typed values keep the form
 * the store holds them in (a timestamp as its wrapper, nested wrappers as stored), so the
 * ingest path stores what the documents API would for the same values. */
void qenc_row_doc(sqlite3_stmt *stmt, qx_col *cols, int ncols, char **except,
                  size_t nexcept, sql_sbuf *out);
void qenc_string(sql_sbuf *out, const char *s, size_t len);
void qenc_double(sql_sbuf *out, double d);
/* Stored JSON text with typed values rewritten (query_jsontext.c). */
void qenc_json_text(sql_sbuf *out, const char *s, size_t n);
/* The members of a stored document as ,"k":v (no leading comma when first), minus skip[];
 * stored: the values as stored (typed values not rewritten for the wire). */
void qenc_doc_members(sql_sbuf *out, const char *s, size_t n, char **skip, size_t nskip,
                      int first, int stored);
/* The hidden column holding a whole document (SELECT * over one collection). */
#define SQL_DOC_COLUMN SQL_DOC_COLUMN_NAME
#define SQL_SPLICE_COLUMN SQL_SPLICE_COLUMN_NAME

#endif
