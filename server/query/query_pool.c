/* SPDX-License-Identifier: Apache-2.0 */
/* Pool of query connections (see query_pool.h). */
#include "server/query/query_pool.h"
#include "server/sql/sql_functions.h"
#include "server/store/store.h"

#include <pthread.h>
#include <stdlib.h>

#define QP_DEFAULT_IDLE 16
#define QP_MAX_IDLE 512

static pthread_mutex_t qp_lock = PTHREAD_MUTEX_INITIALIZER;
static sqlite3 *qp_idle_db[QP_MAX_IDLE];
static int qp_nidle, qp_cap = QP_DEFAULT_IDLE;

void qp_init(int max_idle)
{
    pthread_mutex_lock(&qp_lock);
    if (max_idle > 0)
        qp_cap = max_idle < QP_MAX_IDLE ? max_idle : QP_MAX_IDLE;
    pthread_mutex_unlock(&qp_lock);
}

static sqlite3 *qp_open(void)
{
    sqlite3 *db = srv_store_open();
    if (!db)
        return NULL;
    /* the query's own records (query_info) need no fsync: they expire anyway; documents are
     * never written through these connections (INSERT ... SELECT writes on the request's) */
    if (srv_store_exec(db, "PRAGMA synchronous=OFF") != 0 || srv_store_cache_enable(db) != 0) {
        srv_store_close(db);
        return NULL;
    }
    srv_sql_register_functions(db);
    /* an unknown "name" must be an error, not silently the string 'name' */
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)NULL);
    return db;
}

sqlite3 *qp_get(void)
{
    sqlite3 *db = NULL;
    pthread_mutex_lock(&qp_lock);
    if (qp_nidle > 0)
        db = qp_idle_db[--qp_nidle];
    pthread_mutex_unlock(&qp_lock);
    return db ? db : qp_open();
}

void qp_put(sqlite3 *db)
{
    if (!db)
        return;
    sqlite3_progress_handler(db, 0, NULL, NULL);
    if (!sqlite3_get_autocommit(db))
        srv_store_rollback(db);
    /* a statement left running would hold a read snapshot for whoever takes db next */
    int clean = 1;
    for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st && clean;
         st = sqlite3_next_stmt(db, st))
        clean = !sqlite3_stmt_busy(st);
    pthread_mutex_lock(&qp_lock);
    if (clean && qp_nidle < qp_cap) {
        qp_idle_db[qp_nidle++] = db;
        db = NULL;
    }
    pthread_mutex_unlock(&qp_lock);
    srv_store_close(db);
}

void qp_close_all(void)
{
    pthread_mutex_lock(&qp_lock);
    while (qp_nidle > 0)
        srv_store_close(qp_idle_db[--qp_nidle]);
    pthread_mutex_unlock(&qp_lock);
}

int qp_idle(void)
{
    pthread_mutex_lock(&qp_lock);
    int n = qp_nidle;
    pthread_mutex_unlock(&qp_lock);
    return n;
}
