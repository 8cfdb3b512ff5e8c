/* SPDX-License-Identifier: Apache-2.0 */
/* Fixture shared by the SQL engine tests: an in-memory database laid out as the store
 * lays out documents (srv.h), and a resolver over it. */
#ifndef TEST_SQL_COMMON_H
#define TEST_SQL_COMMON_H

#include <sqlite3.h>
#include "server/query/query_exec.h"

/* Creates workspace "commons" collection "people" (docs_1) and "ws.nested" collection
 * "items" (docs_2) with a few documents. */
sqlite3 *tsql_open(void);
int tsql_resolve(void *ctx, const char *ws, const char *coll, sql_coll *out);
/* Runs sql with params (JSON text or NULL); returns the rows as a JSON array text
 * (malloc'd) or NULL, with err filled. */
char *tsql_run(sqlite3 *db, const char *sql, const char *params, qx_error *err);
/* CUnit assertion: sql with params (or NULL) answers exactly want; prints both when not. */
void tsql_expect(sqlite3 *db, const char *sql, const char *params, const char *want);
/* CUnit assertion: sql fails with a message containing part. */
void tsql_expect_error(sqlite3 *db, const char *sql, const char *part);

/* The function-family tests: expr's Rockset type and its text (CAST to string) as
 * "type:text", "null" for null or undefined, "error:<message>" when it fails. */
void tsql_eval(sqlite3 *db, const char *expr, char *out, size_t outlen);
/* CUnit assertions on tsql_eval: exactly want / an error containing part (line: the caller's). */
void tsql_ex_at(sqlite3 *db, const char *expr, const char *want, int line);
void tsql_err_at(sqlite3 *db, const char *expr, const char *part, int line);
#define TSQL_EX(db, expr, want) tsql_ex_at(db, expr, want, __LINE__)
#define TSQL_ERR(db, expr, part) tsql_err_at(db, expr, part, __LINE__)

#endif
