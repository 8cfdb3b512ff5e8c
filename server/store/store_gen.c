/* SPDX-License-Identifier: Apache-2.0 */
/* Write generations (store_gen.h). SQLite tells a connection which rows a statement changed
 * (the update hook) and when a transaction commits or rolls back; a connection notes the
 * document tables it touched and bumps their generations only on commit, so a reader never
 * sees a generation that its snapshot could predate. Rows removed by REPLACE conflict
 * resolution or a truncating DELETE are not reported by the update hook, but every path here
 * that removes them also inserts or deletes rows with a WHERE clause, or drops the table
 * (whose name, with its AUTOINCREMENT id, is never reused). */
#include "server/store/store_gen.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GEN_TOUCHED_MAX 8
#define GEN_BUCKETS 256

typedef struct gen_conn {
    char touched[GEN_TOUCHED_MAX][32]; /* tables changed by the open transaction */
    int ntouched;
    int overflow;                      /* more than GEN_TOUCHED_MAX: bump them all */
    struct gen_conn *next;
} gen_conn;

typedef struct gen_entry {
    char table[32];
    unsigned long long gen;
    struct gen_entry *next;
} gen_entry;

static pthread_mutex_t gen_mu = PTHREAD_MUTEX_INITIALIZER;
static gen_entry *gen_map[GEN_BUCKETS];
/* Every bump takes the next value of gen_clock, which never goes back (not even when the map
 * is freed), so a table's generation, max(its last bump, the last bump of all), differs from
 * every value it had before whenever it may have changed. */
static unsigned long long gen_clock;
static unsigned long long gen_epoch; /* the last bump of every table at once */
static gen_conn *gen_conns;

static unsigned gen_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h % GEN_BUCKETS;
}

/* The entry of table, created when create is set; call with gen_mu held. */
static gen_entry *gen_find(const char *table, int create)
{
    unsigned h = gen_hash(table);
    gen_entry *e;

    for (e = gen_map[h]; e; e = e->next)
        if (strcmp(e->table, table) == 0)
            return e;
    if (!create || !(e = calloc(1, sizeof *e)))
        return NULL;
    snprintf(e->table, sizeof e->table, "%s", table);
    e->next = gen_map[h];
    gen_map[h] = e;
    return e;
}

static void gen_on_update(void *arg, int op, const char *dbname, const char *table,
                          sqlite3_int64 rowid)
{
    gen_conn *c = arg;

    (void)op, (void)dbname, (void)rowid;
    if (strncmp(table, "docs_", 5) != 0 || c->overflow)
        return;
    for (int i = 0; i < c->ntouched; i++)
        if (strcmp(c->touched[i], table) == 0)
            return;
    if (c->ntouched == GEN_TOUCHED_MAX || strlen(table) >= sizeof c->touched[0]) {
        c->overflow = 1;
        return;
    }
    snprintf(c->touched[c->ntouched++], sizeof c->touched[0], "%s", table);
}

static int gen_on_commit(void *arg)
{
    gen_conn *c = arg;

    pthread_mutex_lock(&gen_mu);
    if (c->overflow) {
        gen_epoch = ++gen_clock;
    } else {
        for (int i = 0; i < c->ntouched; i++) {
            gen_entry *e = gen_find(c->touched[i], 1);
            if (e)
                e->gen = ++gen_clock;
            else
                gen_epoch = ++gen_clock; /* no memory to count one table: count them all */
        }
    }
    pthread_mutex_unlock(&gen_mu);
    c->ntouched = 0;
    c->overflow = 0;
    return 0;
}

static void gen_on_rollback(void *arg)
{
    gen_conn *c = arg;

    c->ntouched = 0;
    c->overflow = 0;
}

int srv_gen_watch(sqlite3 *db)
{
    gen_conn *c = calloc(1, sizeof *c);

    if (!c)
        return -1;
    pthread_mutex_lock(&gen_mu);
    c->next = gen_conns;
    gen_conns = c;
    pthread_mutex_unlock(&gen_mu);
    sqlite3_update_hook(db, gen_on_update, c);
    sqlite3_commit_hook(db, gen_on_commit, c);
    sqlite3_rollback_hook(db, gen_on_rollback, c);
    return 0;
}

unsigned long long srv_gen_of(const char *table)
{
    unsigned long long g;

    pthread_mutex_lock(&gen_mu);
    gen_entry *e = gen_find(table, 0);
    g = e && e->gen > gen_epoch ? e->gen : gen_epoch;
    pthread_mutex_unlock(&gen_mu);
    return g;
}

void srv_gen_free_all(void)
{
    pthread_mutex_lock(&gen_mu);
    for (int b = 0; b < GEN_BUCKETS; b++)
        while (gen_map[b]) {
            gen_entry *e = gen_map[b];
            gen_map[b] = e->next;
            free(e);
        }
    while (gen_conns) {
        gen_conn *c = gen_conns;
        gen_conns = c->next;
        free(c);
    }
    gen_epoch = ++gen_clock; /* what was kept before is stale now */
    pthread_mutex_unlock(&gen_mu);
}
