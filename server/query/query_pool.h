/* SPDX-License-Identifier: Apache-2.0 */
/* A pool of query connections to rockset.db. Opening one per query cost more server CPU than
 * a small query itself (the open, its pragmas, several hundred SQL functions registered, the
 * schema parsed again on the first statement): a pooled connection keeps all of that.
 *
 * A connection is handed to one query and given back when the query's answer is done, which
 * may be on another thread (a streamed answer ends in libmicrohttpd's thread of the client
 * connection, a paginated answer's rest in a fill thread): never two threads at once, so the
 * connections are opened without SQLite's per-connection mutex (SQLITE_OPEN_NOMUTEX). */
#ifndef QUERY_POOL_H
#define QUERY_POOL_H

#include <sqlite3.h>

/* Idle connections kept at most (more are opened under load and closed when given back past
 * it). Call before the first qp_get; 0 keeps the default. */
void qp_init(int max_idle);
/* A connection with the SQL functions registered and synchronous=OFF (query records expire
 * anyway); NULL when the store cannot be opened. */
sqlite3 *qp_get(void);
/* Gives db back: its statements must be done (finalized, or reset when cached: a running
 * one gets db closed instead); its progress handler and any open transaction are cleared
 * here. NULL is ignored. */
void qp_put(sqlite3 *db);
/* Closes the idle connections (at shutdown, after every query has given its back). */
void qp_close_all(void);
/* Idle connections now (for tests). */
int qp_idle(void);

#endif
