/* SPDX-License-Identifier: Apache-2.0 */
/* Registry of filling paginated queries (see query_fill.h). */
#include "server/query/query_fill.h"
#include "server/query/query_run.h"
#include "server/query/query_store.h"
#include "server/srv.h"

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

long long qf_rows_stored(const char *id)
{
    return qs_rows_count(id);
}

int qf_wait(const char *id, long long need)
{
    const struct timespec nap = { 0, 5 * 1000 * 1000 };
    for (;;) {
        /* read "active" before the row: a fill that ended has committed every row and
         * its final record, so a 0 here means the record is authoritative */
        int active = qf_active(id);
        if (!active)
            return 0;
        if (qs_rows_count(id) > need)
            return 1;
        nanosleep(&nap, NULL);
    }
}
