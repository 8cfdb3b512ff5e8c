/* SPDX-License-Identifier: Apache-2.0 */
/* DESCRIBE ws.coll: one row per (field path, type) with occurrence counts. */
#ifndef QUERY_DESCRIBE_H
#define QUERY_DESCRIBE_H

#include <sqlite3.h>
#include "server/query/query_exec.h"

/* Rows as a JSON array (text) into out; *nrows their count. max_depth 0 = unlimited.
 * 0 ok, -1 error (err set). */
int qd_describe(sqlite3 *db, const char *table, int max_depth, sql_sbuf *out,
                long long *nrows, qx_error *err);

/* qd_describe, answered from a kept copy while the table is unchanged (query_describe_cache.c).
 * The answer is appended to out. */
int qd_describe_cached(sqlite3 *db, const char *table, int max_depth, sql_sbuf *out,
                       long long *nrows, qx_error *err);
/* Drops every kept answer (at shutdown). */
void qd_describe_cache_free(void);

#endif
