/* SPDX-License-Identifier: Apache-2.0 */
/* The SQLite store of rockset-local: schema, connections (one per request thread), and the
 * transaction helpers every writer uses so that concurrent writers wait instead of failing. */
#ifndef SRV_STORE_H
#define SRV_STORE_H

#include "server/srv.h"

/* Remembers the data dir, creates it and the schema. 0 ok, -1 error (printed). */
int srv_store_init(const char *data_dir);
/* This thread's connection, opened on first use; NULL when the database cannot be opened. */
sqlite3 *srv_store_thread_db(void);
/* Closes every connection srv_store_thread_db opened (after the request threads stopped). */
void srv_store_close_all(void);
/* Path of rockset.db (valid after srv_store_init). */
const char *srv_store_path(void);

/* BEGIN IMMEDIATE, retried while the database is busy: a writer takes the write lock up
 * front, so two writers never deadlock upgrading read locks. 0 ok, -1 error. */
int srv_store_begin(sqlite3 *db);
int srv_store_commit(sqlite3 *db);
void srv_store_rollback(sqlite3 *db);
/* Runs SQL without results; 0 ok, -1 error. */
int srv_store_exec(sqlite3 *db, const char *sql);
/* A statement, retried on SQLITE_BUSY; NULL on error (printed to stderr). */
sqlite3_stmt *srv_store_prepare(sqlite3 *db, const char *sql);
/* sqlite3_step with retries on SQLITE_BUSY/LOCKED. */
int srv_store_step(sqlite3_stmt *st);

/* Statements kept prepared on long-lived connections (store_stmt.c): the request threads'
 * and the query pool's. srv_store_cache_enable gives db a cache (0 ok); srv_store_stmt
 * returns sql's statement (sql must be a string literal: it is cached by address), from the
 * cache when db has one, else newly prepared; srv_store_stmt_done resets a cached one for the
 * next use and finalizes any other. srv_store_close finalizes every statement of db and
 * closes it: connections with a cache must be closed by it. */
int srv_store_cache_enable(sqlite3 *db);
sqlite3_stmt *srv_store_stmt(sqlite3 *db, const char *sql);
void srv_store_stmt_done(sqlite3_stmt *st);
void srv_store_close(sqlite3 *db);

/* Collection bookkeeping used by the document writers and by queries. */
void srv_store_touch_updated(sqlite3 *db, long long coll_id);
void srv_store_touch_queried(sqlite3 *db, long long coll_id);
/* Creates docs_<id> for a new collection (inside the caller's transaction). */
int srv_store_create_doc_table(sqlite3 *db, long long coll_id);
/* Creates the workspace if missing (inside the caller's transaction). 0 ok. */
int srv_store_ensure_workspace(sqlite3 *db, const char *ws, const char *by);
/* Creates a plain collection if missing; fills out. 0 ok. */
int srv_store_ensure_collection(sqlite3 *db, const char *ws, const char *coll, const char *by,
                                srv_collection *out);

/* GET .../collections/{c}/lambdas asks the query area, which owns the lambdas tables:
 * it sets this hook (from srv_handlers_lambdas_register) to a function answering the array
 * of QueryLambdaVersion objects whose SQL uses ws.coll (NULL on error). Unset: 501. */
extern cJSON *(*srv_store_lambdas_hook)(sqlite3 *db, const char *ws, const char *coll);

#endif
