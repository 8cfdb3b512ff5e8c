/* SPDX-License-Identifier: Apache-2.0 */
/* Schema and connections of rockset.db. */
#include "server/store/store.h"
#include "server/store/ingest.h"
#include "server/store/store_gen.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

cJSON *(*srv_store_lambdas_hook)(sqlite3 *db, const char *ws, const char *coll);

static char db_path[4096];
static pthread_mutex_t conns_lock = PTHREAD_MUTEX_INITIALIZER;
static sqlite3 **conns;
static size_t nconns, capconns;
static _Thread_local sqlite3 *thread_db;

static const char *schema_sql =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS users(email TEXT PRIMARY KEY, first_name TEXT,"
    " last_name TEXT, roles TEXT NOT NULL DEFAULT '[]', state TEXT NOT NULL DEFAULT 'ACTIVE',"
    " created_at TEXT NOT NULL);"
    /* `key` holds only the masked form listings show; lookups go by key_hash (auth.c). */
    "CREATE TABLE IF NOT EXISTS apikeys(id INTEGER PRIMARY KEY, user_email TEXT NOT NULL,"
    " name TEXT NOT NULL, key TEXT NOT NULL, key_hash BLOB NOT NULL UNIQUE,"
    " created_at TEXT NOT NULL, created_by TEXT, last_access_time TEXT,"
    " last_access_epoch INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL DEFAULT 'ACTIVE',"
    " UNIQUE(user_email, name));"
    "CREATE TABLE IF NOT EXISTS workspaces(name TEXT PRIMARY KEY, description TEXT,"
    " created_at TEXT NOT NULL, created_by TEXT);"
    /* AUTOINCREMENT: a new collection never reuses the docs_<id> name of a deleted one. */
    "CREATE TABLE IF NOT EXISTS collections(id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " workspace TEXT NOT NULL, name TEXT NOT NULL, description TEXT, created_at TEXT NOT NULL,"
    " created_by TEXT, retention_secs INTEGER NOT NULL DEFAULT 0, event_time_info TEXT,"
    " field_mappings TEXT, sources TEXT, clustering_key TEXT, storage_compression_type TEXT,"
    " last_queried_ms INTEGER NOT NULL DEFAULT 0, last_updated_ms INTEGER NOT NULL DEFAULT 0,"
    " purged_doc_count INTEGER NOT NULL DEFAULT 0, purged_doc_size INTEGER NOT NULL DEFAULT 0,"
    " bytes_inserted INTEGER NOT NULL DEFAULT 0, bytes_overwritten INTEGER NOT NULL DEFAULT 0,"
    " UNIQUE(workspace, name));"
    /* a collection's latest write offset (offsets.h) */
    "CREATE TABLE IF NOT EXISTS coll_offsets(coll_id INTEGER PRIMARY KEY, seq INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS coll_fields(coll_id INTEGER NOT NULL, name TEXT NOT NULL,"
    " PRIMARY KEY(coll_id, name)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS integrations(name TEXT PRIMARY KEY, body TEXT NOT NULL,"
    " created_at TEXT NOT NULL, created_by TEXT);";

const char *srv_store_path(void)
{
    return db_path;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* NOMUTEX: every connection is used by one thread at a time (a request thread's own, a
 * query's from the pool handed from thread to thread, the purge loop's), so SQLite's
 * per-connection mutex was only a cost on every call. */
sqlite3 *srv_store_open(void)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(db_path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        fprintf(stderr, "rockset-local: cannot open %s: %s\n", db_path,
                db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 15000);
    /* synchronous=FULL: a write is on disk before the request that made it is answered. */
    if (srv_store_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                           "PRAGMA foreign_keys=ON;") != 0 ||
        srv_ingest_register_functions(db) != 0) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

/* The database holds API keys and every document: it and its WAL and shared-memory files are
 * their owner's alone, also in a data dir made before (SQLite creates them with the mode of the
 * process umask, 0644 by default) and whatever umask the server was started with. */
static void protect_files(void)
{
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
    char path[sizeof db_path + 16];

    umask(umask(077) | 077);
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        snprintf(path, sizeof path, "%s%s", db_path, suffixes[i]);
        if (chmod(path, S_IRUSR | S_IWUSR) != 0 && errno != ENOENT)
            fprintf(stderr, "rockset-local: cannot make %s private: %s\n", path, strerror(errno));
    }
}

int srv_store_init(const char *data_dir)
{
    if (mkdir(data_dir, 0700) != 0 && errno != EEXIST) {
        fprintf(stderr, "rockset-local: cannot create %s: %s\n", data_dir, strerror(errno));
        return -1;
    }
    snprintf(db_path, sizeof db_path, "%s/rockset.db", data_dir);
    protect_files();
    sqlite3 *db = srv_store_open();
    if (!db)
        return -1;
    int rc = srv_store_exec(db, schema_sql);
    sqlite3_close(db);
    return rc;
}

sqlite3 *srv_store_thread_db(void)
{
    if (thread_db)
        return thread_db;
    sqlite3 *db = srv_store_open();
    if (!db)
        return NULL;
    if (srv_gen_watch(db) != 0 || srv_store_cache_enable(db) != 0) {
        srv_store_close(db);
        return NULL;
    }
    pthread_mutex_lock(&conns_lock);
    if (nconns == capconns) {
        size_t cap = capconns ? capconns * 2 : 16;
        sqlite3 **n = realloc(conns, cap * sizeof *n);
        if (!n) {
            pthread_mutex_unlock(&conns_lock);
            srv_store_close(db);
            return NULL;
        }
        conns = n;
        capconns = cap;
    }
    conns[nconns++] = db;
    pthread_mutex_unlock(&conns_lock);
    thread_db = db;
    return db;
}

void srv_store_close_all(void)
{
    pthread_mutex_lock(&conns_lock);
    for (size_t i = 0; i < nconns; i++)
        srv_store_close(conns[i]);
    free(conns);
    conns = NULL;
    nconns = capconns = 0;
    pthread_mutex_unlock(&conns_lock);
    thread_db = NULL;
    srv_gen_free_all();
}

int srv_store_exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    for (int attempt = 0;; attempt++) {
        int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
        if (rc == SQLITE_OK)
            return 0;
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && attempt < 50) {
            sqlite3_free(err);
            err = NULL;
            sleep_ms(20);
            continue;
        }
        fprintf(stderr, "rockset-local: sqlite: %s\n", err ? err : sqlite3_errstr(rc));
        sqlite3_free(err);
        return -1;
    }
}

sqlite3_stmt *srv_store_prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    for (int attempt = 0;; attempt++) {
        int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
        if (rc == SQLITE_OK)
            return st;
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && attempt < 50) {
            sleep_ms(20);
            continue;
        }
        fprintf(stderr, "rockset-local: sqlite prepare: %s\n", sqlite3_errmsg(db));
        return NULL;
    }
}

int srv_store_step(sqlite3_stmt *st)
{
    for (int attempt = 0;; attempt++) {
        int rc = sqlite3_step(st);
        if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || attempt >= 50)
            return rc;
        sqlite3_reset(st);
        sleep_ms(20);
    }
}

int srv_store_begin(sqlite3 *db)
{
    /* busy_timeout already waits; the loop covers the cases where SQLite returns BUSY at
     * once (a deadlock it detected), so no writer fails under concurrency. */
    for (int attempt = 0; attempt < 100; attempt++) {
        int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return 0;
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
        sleep_ms(10 + attempt);
    }
    fprintf(stderr, "rockset-local: cannot begin a transaction: %s\n", sqlite3_errmsg(db));
    return -1;
}

int srv_store_commit(sqlite3 *db)
{
    for (int attempt = 0; attempt < 100; attempt++) {
        int rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return 0;
        if (rc != SQLITE_BUSY)
            break;
        sleep_ms(10);
    }
    fprintf(stderr, "rockset-local: commit failed: %s\n", sqlite3_errmsg(db));
    srv_store_rollback(db);
    return -1;
}

void srv_store_rollback(sqlite3 *db)
{
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

int srv_store_workspace_exists(sqlite3 *db, const char *ws)
{
    sqlite3_stmt *st = srv_store_stmt(db, "SELECT 1 FROM workspaces WHERE name = ?");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ws, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    srv_store_stmt_done(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int srv_store_collection_find(sqlite3 *db, const char *ws, const char *coll, srv_collection *out)
{
    sqlite3_stmt *st = srv_store_stmt(
        db, "SELECT id, retention_secs FROM collections WHERE workspace = ? AND name = ?");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ws, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, coll, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    if (rc == SQLITE_ROW) {
        if (out) {
            out->id = sqlite3_column_int64(st, 0);
            out->retention_secs = sqlite3_column_int64(st, 1);
            snprintf(out->table, sizeof out->table, "docs_%lld", out->id);
        }
        srv_store_stmt_done(st);
        return 0;
    }
    srv_store_stmt_done(st);
    if (rc != SQLITE_DONE)
        return -1;
    int ws_rc = srv_store_workspace_exists(db, ws);
    return ws_rc < 0 ? -1 : ws_rc == 0 ? 1 : 2;
}

static void touch(sqlite3 *db, long long coll_id, const char *sql)
{
    sqlite3_stmt *st = srv_store_prepare(db, sql);
    if (!st)
        return;
    sqlite3_bind_int64(st, 1, srv_now_micros() / 1000);
    sqlite3_bind_int64(st, 2, coll_id);
    srv_store_step(st);
    sqlite3_finalize(st);
}

void srv_store_touch_updated(sqlite3 *db, long long coll_id)
{
    touch(db, coll_id, "UPDATE collections SET last_updated_ms = ? WHERE id = ?");
}

void srv_store_touch_queried(sqlite3 *db, long long coll_id)
{
    touch(db, coll_id, "UPDATE collections SET last_queried_ms = ? WHERE id = ?");
}

int srv_store_create_doc_table(sqlite3 *db, long long coll_id)
{
    char sql[512];
    snprintf(sql, sizeof sql,
             "CREATE TABLE IF NOT EXISTS docs_%lld(_id TEXT PRIMARY KEY,"
             " _event_time INTEGER NOT NULL, doc TEXT NOT NULL);"
             "CREATE INDEX IF NOT EXISTS docs_%lld_et ON docs_%lld(_event_time);",
             coll_id, coll_id, coll_id);
    return srv_store_exec(db, sql);
}

int srv_store_ensure_workspace(sqlite3 *db, const char *ws, const char *by)
{
    char now[32];
    srv_now_iso(now, sizeof now);
    sqlite3_stmt *st = srv_store_prepare(
        db, "INSERT OR IGNORE INTO workspaces(name, description, created_at, created_by)"
            " VALUES(?, NULL, ?, ?)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ws, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, by, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int srv_store_ensure_collection(sqlite3 *db, const char *ws, const char *coll, const char *by,
                                srv_collection *out)
{
    if (srv_store_collection_find(db, ws, coll, out) == 0)
        return 0;
    if (srv_store_ensure_workspace(db, ws, by) != 0)
        return -1;
    char now[32];
    srv_now_iso(now, sizeof now);
    sqlite3_stmt *st = srv_store_prepare(
        db, "INSERT INTO collections(workspace, name, created_at, created_by) VALUES(?,?,?,?)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ws, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, coll, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, by, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return -1;
    long long id = sqlite3_last_insert_rowid(db);
    if (srv_store_create_doc_table(db, id) != 0)
        return -1;
    return srv_store_collection_find(db, ws, coll, out) == 0 ? 0 : -1;
}
