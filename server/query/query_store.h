/* SPDX-License-Identifier: Apache-2.0 */
/* Stored state of the query side: query records (async and paginated queries), their
 * result rows on disk for the pages endpoint, and the resolver of collections over the
 * store. The lambda tables live in lambda_store.c. */
#ifndef QUERY_STORE_H
#define QUERY_STORE_H

#include <sqlite3.h>
#include <cjson/cJSON.h>
#include "server/srv.h"
#include "server/sql/sql_translate.h"
#include "server/sql/sql_tr_internal.h"
#include "server/query/query_rowfile.h"

/* sql_resolve_fn over the store: ctx is the sqlite3 connection. */
int qs_resolve(void *ctx, const char *ws, const char *coll, sql_coll *out);

/* How long stored results live (RS_LOCAL_QUERY_TTL_SECS, default 24 h as on Rockset). */
long long qs_ttl_secs(void);
/* Deletes expired records and their rows (result files). */
void qs_expire(sqlite3 *db);

/* A record: status QUEUED/RUNNING/COMPLETED/ERROR/CANCELLED; stored 0 for a streamed answer
 * (nothing for the pages endpoint). Creating records drops the oldest finished streamed
 * records past the first 1000 (checked every 64 records); records with stored rows live
 * until they expire. */
int qs_record_create(sqlite3 *db, const char *id, const char *status, const char *sql,
                     const char *user, int stored);
int qs_record_set_status(sqlite3 *db, const char *id, const char *status);
/* 1 when the rows of id are (or were) stored for the pages endpoint, 0 when streamed. */
int qs_record_stored(sqlite3 *db, const char *id);
/* Final state: total rows, elapsed, the response head (collections, column_fields as JSON
 * object text) and the error (QueryError JSON text) or NULL. */
int qs_record_finish(sqlite3 *db, const char *id, const char *status, long long total,
                     long long elapsed_ms, const char *head, const char *error);
/* Current status into out (""), 0 found, 1 not found/expired, -1 error. */
int qs_record_status(sqlite3 *db, const char *id, char *out, size_t outlen);
/* QueryInfo object, NULL when not found. */
cJSON *qs_record_info(sqlite3 *db, const char *id);
/* Active records only (QUEUED, RUNNING): listActiveQueries. */
cJSON *qs_record_list(sqlite3 *db);
/* Adds pagination {start_cursor} to a QueryInfo (a paginated query still being filled). */
void qs_info_add_pagination(cJSON *info);
int qs_record_delete(sqlite3 *db, const char *id);
/* Drops the stored rows only (a cancelled query keeps its record). */
int qs_rows_delete(sqlite3 *db, const char *id);
/* Response head (JSON object text with collections/column_fields) and total; malloc'd. */
char *qs_record_head(sqlite3 *db, const char *id, long long *total, char **error);

/* Rows of a stored result, in its result files (query_rowfile.h), not in rockset.db. */
typedef struct qs_writer {
    qrf_writer f;
} qs_writer;
int qs_writer_open(qs_writer *w, const char *id);
/* 0 ok, -1 error, -2 the stored results would pass --max-result-bytes. */
int qs_writer_add(qs_writer *w, const char *row, size_t len);
/* Tries again to write what qs_writer_add could not (-2): 0, -1 or -2 as qs_writer_add. */
int qs_writer_flush(qs_writer *w);
int qs_writer_close(qs_writer *w, int ok);

/* Rows [offset, offset+docs) as a JSON array (text) into out; returns the count or -1. */
long long qs_rows(const char *id, long long offset, long long docs, sql_sbuf *out);
/* Rows stored so far (readable by qs_rows). */
long long qs_rows_count(const char *id);

#endif
