/* SPDX-License-Identifier: Apache-2.0 */
/* Registry of filling paginated queries (see query_fill.h). */
#include "server/query/query_fill.h"
#include "server/query/query_run.h"
#include "server/srv.h"
#include "server/store/store.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t qf_lock = PTHREAD_MUTEX_INITIALIZER;
static char qf_ids[QF_MAX_LIVE][QR_ID_SIZE];

int qf_register(const char *id)
{
    int rc = -1;
    pthread_mutex_lock(&qf_lock);
    for (int i = 0; i < QF_MAX_LIVE && rc != 0; i++) {
        if (!qf_ids[i][0]) {
            snprintf(qf_ids[i], sizeof qf_ids[i], "%s", id);
            rc = 0;
        }
    }
    pthread_mutex_unlock(&qf_lock);
    return rc;
}

void qf_unregister(const char *id)
{
    pthread_mutex_lock(&qf_lock);
    for (int i = 0; i < QF_MAX_LIVE; i++)
        if (strcmp(qf_ids[i], id) == 0)
            qf_ids[i][0] = '\0';
    pthread_mutex_unlock(&qf_lock);
}

int qf_active(const char *id)
{
    int found = 0;
    if (!id || !*id)
        return 0;
    pthread_mutex_lock(&qf_lock);
    for (int i = 0; i < QF_MAX_LIVE && !found; i++)
        found = strcmp(qf_ids[i], id) == 0;
    pthread_mutex_unlock(&qf_lock);
    return found;
}

int qf_row_exists(sqlite3 *db, const char *id, long long seq)
{
    sqlite3_stmt *st = srv_store_prepare(db, "SELECT 1 FROM query_results WHERE query_id = ?"
                                             " AND seq = ?");
    if (!st)
        return 0;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, seq);
    int found = srv_store_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

long long qf_rows_stored(sqlite3 *db, const char *id)
{
    sqlite3_stmt *st = srv_store_prepare(db, "SELECT max(seq) FROM query_results WHERE"
                                             " query_id = ?");
    long long n = 0;
    if (!st)
        return 0;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    if (srv_store_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        n = sqlite3_column_int64(st, 0) + 1;
    sqlite3_finalize(st);
    return n;
}

int qf_wait(sqlite3 *db, const char *id, long long need)
{
    const struct timespec nap = { 0, 5 * 1000 * 1000 };
    for (;;) {
        /* read "active" before the row: a fill that ended has committed every row and
         * its final record, so a 0 here means the record is authoritative */
        int active = qf_active(id);
        if (!active)
            return 0;
        if (qf_row_exists(db, id, need))
            return 1;
        nanosleep(&nap, NULL);
    }
}
