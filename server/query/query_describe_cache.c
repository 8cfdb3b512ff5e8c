/* SPDX-License-Identifier: Apache-2.0 */
/* DESCRIBE answers kept per (document table, depth) while the table is unchanged. DESCRIBE
 * walks every document, seconds over a million of them, and the driver DESCRIBEs the
 * collections of a result to type its columns whenever a connection first reads them: without
 * this, every new connection's first query over a large collection paid that walk again.
 * An answer is reused only when the table's write generation (store_gen.h: commits of this
 * process) and its largest rowid (rows added by another process, `rockset-local load`, get
 * new rowids) are what they were when it was computed. */
#include "server/query/query_describe.h"
#include "server/store/store_gen.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QDC_SLOTS 32

typedef struct qdc_slot {
    char table[32];
    int depth;
    unsigned long long gen;
    long long max_rowid;
    char *rows;             /* the JSON array text; NULL: slot free */
    long long nrows;
    unsigned long long used;
} qdc_slot;

static pthread_mutex_t qdc_mu = PTHREAD_MUTEX_INITIALIZER;
static qdc_slot qdc[QDC_SLOTS];
static unsigned long long qdc_tick;

static long long qdc_max_rowid(sqlite3 *db, const char *table)
{
    char sql[96];
    sqlite3_stmt *st = NULL;
    long long r = -1;

    snprintf(sql, sizeof sql, "SELECT coalesce(max(rowid), 0) FROM \"%s\"", table);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        r = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return r;
}

/* Copies a kept answer into out; 1 found, 0 not. */
static int qdc_lookup(const char *table, int depth, unsigned long long gen, long long max_rowid,
                      sql_sbuf *out, long long *nrows)
{
    int found = 0;

    pthread_mutex_lock(&qdc_mu);
    for (int i = 0; i < QDC_SLOTS && !found; i++) {
        qdc_slot *s = &qdc[i];
        if (s->rows && s->depth == depth && s->gen == gen && s->max_rowid == max_rowid &&
            strcmp(s->table, table) == 0) {
            sql_sbuf_puts(out, s->rows);
            *nrows = s->nrows;
            s->used = ++qdc_tick;
            found = 1;
        }
    }
    pthread_mutex_unlock(&qdc_mu);
    return found;
}

/* Keeps an answer in the slot of the same table and depth, else a free one, else the one
 * used longest ago. */
static void qdc_store(const char *table, int depth, unsigned long long gen, long long max_rowid,
                      const char *rows, long long nrows)
{
    char *copy = strdup(rows);
    qdc_slot *s = &qdc[0];

    if (!copy || strlen(table) >= sizeof s->table)
        goto out;
    pthread_mutex_lock(&qdc_mu);
    for (int i = 0; i < QDC_SLOTS; i++) {
        qdc_slot *e = &qdc[i];
        if (e->rows && e->depth == depth && strcmp(e->table, table) == 0) {
            s = e;
            break;
        }
        if (s->rows && (!e->rows || e->used < s->used))
            s = e;
    }
    free(s->rows);
    snprintf(s->table, sizeof s->table, "%s", table);
    s->depth = depth;
    s->gen = gen;
    s->max_rowid = max_rowid;
    s->rows = copy;
    s->nrows = nrows;
    s->used = ++qdc_tick;
    copy = NULL;
    pthread_mutex_unlock(&qdc_mu);
out:
    free(copy);
}

int qd_describe_cached(sqlite3 *db, const char *table, int max_depth, sql_sbuf *out,
                       long long *nrows, qx_error *err)
{
    /* read before the walk: a commit during it makes the kept answer stale at once */
    unsigned long long gen = srv_gen_of(table);
    long long max_rowid = qdc_max_rowid(db, table);
    size_t start = out->len;

    if (max_rowid >= 0 && qdc_lookup(table, max_depth, gen, max_rowid, out, nrows))
        return out->oom ? -1 : 0;
    if (qd_describe(db, table, max_depth, out, nrows, err) != 0)
        return -1;
    if (max_rowid >= 0 && !out->oom && out->s)
        qdc_store(table, max_depth, gen, max_rowid, out->s + start, *nrows);
    return 0;
}

void qd_describe_cache_free(void)
{
    pthread_mutex_lock(&qdc_mu);
    for (int i = 0; i < QDC_SLOTS; i++) {
        free(qdc[i].rows);
        memset(&qdc[i], 0, sizeof qdc[i]);
    }
    pthread_mutex_unlock(&qdc_mu);
}
