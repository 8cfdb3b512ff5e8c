/* SPDX-License-Identifier: Apache-2.0 */
/* Cached statements of long-lived connections (see store.h). Preparing the few statements
 * every request runs (the API key lookup, the query's record) cost more than running them:
 * a connection that lives across requests keeps them prepared. */
#include "server/store/store.h"

#include <pthread.h>
#include <stdlib.h>

#define STMT_SLOTS 24

typedef struct stmt_cache {
    sqlite3 *db;
    const char *sql[STMT_SLOTS];      /* by address: the callers' string literals */
    sqlite3_stmt *st[STMT_SLOTS];
    unsigned char used[STMT_SLOTS];   /* handed out and not yet done */
    int n;
} stmt_cache;

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static stmt_cache **caches;
static size_t ncaches, capcaches;

static stmt_cache *cache_of(sqlite3 *db)
{
    for (size_t i = 0; i < ncaches; i++)
        if (caches[i]->db == db)
            return caches[i];
    return NULL;
}

int srv_store_cache_enable(sqlite3 *db)
{
    stmt_cache *c = calloc(1, sizeof *c);
    if (!c)
        return -1;
    c->db = db;
    pthread_mutex_lock(&cache_lock);
    if (ncaches == capcaches) {
        size_t cap = capcaches ? capcaches * 2 : 32;
        stmt_cache **n = realloc(caches, cap * sizeof *n);
        if (!n) {
            pthread_mutex_unlock(&cache_lock);
            free(c);
            return -1;
        }
        caches = n;
        capcaches = cap;
    }
    caches[ncaches++] = c;
    pthread_mutex_unlock(&cache_lock);
    return 0;
}

/* The cached statement of sql on db, marked used; NULL when db has no cache, the slot is in
 * use (a caller nesting the same statement gets a fresh one) or the cache is full. */
static sqlite3_stmt *take(sqlite3 *db, const char *sql, int *slot_free)
{
    sqlite3_stmt *st = NULL;
    *slot_free = -1;
    pthread_mutex_lock(&cache_lock);
    stmt_cache *c = cache_of(db);
    for (int i = 0; c && i < c->n; i++)
        if (c->sql[i] == sql) {
            if (!c->used[i]) {
                c->used[i] = 1;
                st = c->st[i];
            }
            pthread_mutex_unlock(&cache_lock);
            return st;
        }
    if (c && c->n < STMT_SLOTS)
        *slot_free = c->n;
    pthread_mutex_unlock(&cache_lock);
    return NULL;
}

sqlite3_stmt *srv_store_stmt(sqlite3 *db, const char *sql)
{
    int slot;
    sqlite3_stmt *st = take(db, sql, &slot);
    if (st)
        return st;
    st = srv_store_prepare(db, sql);
    if (!st || slot < 0)
        return st;
    pthread_mutex_lock(&cache_lock);
    stmt_cache *c = cache_of(db);
    /* only this connection's holder adds to its cache, so the slot is still free */
    if (c && c->n == slot) {
        c->sql[slot] = sql;
        c->st[slot] = st;
        c->used[slot] = 1;
        c->n++;
    }
    pthread_mutex_unlock(&cache_lock);
    return st;
}

void srv_store_stmt_done(sqlite3_stmt *st)
{
    if (!st)
        return;
    int cached = 0;
    pthread_mutex_lock(&cache_lock);
    stmt_cache *c = cache_of(sqlite3_db_handle(st));
    for (int i = 0; c && i < c->n && !cached; i++)
        if (c->st[i] == st) {
            c->used[i] = 0;
            cached = 1;
        }
    pthread_mutex_unlock(&cache_lock);
    if (cached) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    } else {
        sqlite3_finalize(st);
    }
}

void srv_store_close(sqlite3 *db)
{
    if (!db)
        return;
    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < ncaches; i++)
        if (caches[i]->db == db) {
            free(caches[i]);
            caches[i] = caches[--ncaches];
            break;
        }
    if (ncaches == 0) {
        free(caches);
        caches = NULL;
        capcaches = 0;
    }
    pthread_mutex_unlock(&cache_lock);
    /* every statement goes with it, cached or left over: none outlives its connection */
    sqlite3_stmt *st;
    while ((st = sqlite3_next_stmt(db, NULL)) != NULL)
        sqlite3_finalize(st);
    sqlite3_close(db);
}
