/* SPDX-License-Identifier: Apache-2.0 */
/* Query records and stored results (see query_store.h), and srv_query_schema_init. */
#include "server/query/query_store.h"
#include "server/query/query_rowfile.h"
#include "server/store/store.h"
#include "server/store/lambda_store.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const query_schema =
    "CREATE TABLE IF NOT EXISTS query_info(query_id TEXT PRIMARY KEY, status TEXT NOT NULL,"
    " sql TEXT, executed_by TEXT, submitted_at TEXT NOT NULL, expires_at INTEGER NOT NULL,"
    " total INTEGER, elapsed_ms INTEGER, head TEXT, error TEXT);"
    /* qs_expire runs before every paginated query: without an index it read every record
     * (they live 24 h, one per query), so each query cost more the more had run before it */
    "CREATE INDEX IF NOT EXISTS query_info_expires ON query_info(expires_at);";

/* Streamed query records (no stored rows) kept at most, oldest dropped first: every query
 * is recorded, so the table would otherwise grow with every query. Records whose rows are
 * stored for the pages endpoint are not counted: like the hosted service's, they live until
 * they expire (qs_ttl_secs), so a client scrolling an old result finds it still there. */
#define QS_MAX_RECORDS 1000
/* Rockset: "results expire after 24 h". */
#define QS_DEFAULT_TTL_SECS (24LL * 3600)
/* The streamed records are trimmed once every this many new records: the trim is a scan of
 * the newest QS_MAX_RECORDS records, which cost more than the rest of a small query. */
#define QS_TRIM_EVERY 64

/* Data dirs of earlier versions kept result rows in rockset.db (query_results): they go,
 * once, and the file is compacted, since the rows of a few large queries had made it
 * several times the size of the documents. Records of stored results go at every start:
 * their rows are in result files, which do not outlive the process (query_rowfile.h). */
static int drop_old_results(sqlite3 *db)
{
    sqlite3_stmt *st = srv_store_prepare(db, "SELECT 1 FROM sqlite_master WHERE type = 'table'"
                                             " AND name = 'query_results'");
    int old = st && srv_store_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (!st)
        return -1;
    if (srv_store_exec(db, "DELETE FROM query_info WHERE stored <> 0") != 0)
        return -1;
    if (old && (srv_store_exec(db, "DROP TABLE query_results") != 0 ||
                srv_store_exec(db, "VACUUM") != 0))
        return -1;
    return 0;
}

int srv_query_schema_init(sqlite3 *db)
{
    /* stored = 0: a streamed answer, no rows for the pages endpoint. Added to data dirs made
     * before the column existed; "duplicate column" on the others is expected. */
    if (sqlite3_exec(db, query_schema, NULL, NULL, NULL) != SQLITE_OK ||
        (sqlite3_exec(db, "ALTER TABLE query_info ADD COLUMN stored INTEGER NOT NULL"
                          " DEFAULT 1", NULL, NULL, NULL) != SQLITE_OK &&
         !strstr(sqlite3_errmsg(db), "duplicate column")) ||
        lambda_store_schema(db) != 0 || drop_old_results(db) != 0) {
        fprintf(stderr, "rockset-local: query schema: %s\n", sqlite3_errmsg(db));
        return -1;
    }
    return 0;
}

int qs_resolve(void *ctx, const char *ws, const char *coll, sql_coll *out)
{
    sqlite3 *db = ctx;
    srv_collection c;
    int rc = srv_store_collection_find(db, ws, coll, &c);
    if (rc != 0)
        return rc;
    snprintf(out->table, sizeof out->table, "%s", c.table);
    sqlite3_stmt *st = srv_store_stmt(db, "SELECT name FROM coll_fields WHERE coll_id = ?"
                                             " ORDER BY name");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c.id);
    while (srv_store_step(st) == SQLITE_ROW) {
        char **nv = realloc(out->fields, (out->nfields + 1) * sizeof *nv);
        if (!nv)
            break;
        out->fields = nv;
        nv[out->nfields] = strdup((const char *)sqlite3_column_text(st, 0));
        if (nv[out->nfields])
            out->nfields++;
    }
    srv_store_stmt_done(st);
    return 0;
}

long long qs_ttl_secs(void)
{
    const char *e = getenv("RS_LOCAL_QUERY_TTL_SECS");
    long long v = e ? atoll(e) : 0;
    return v > 0 ? v : QS_DEFAULT_TTL_SECS;
}

static int exec_id(sqlite3 *db, const char *sql, const char *id)
{
    sqlite3_stmt *st = srv_store_stmt(db, sql);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    srv_store_stmt_done(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Records still QUEUED or RUNNING are left alone: their rows may still be being written
 * (their expiry is set again when they finish). */
void qs_expire(sqlite3 *db)
{
    long long now = (long long)time(NULL);
    sqlite3_stmt *st = srv_store_prepare(db, "SELECT query_id FROM query_info WHERE"
                                             " expires_at < ? AND stored <> 0 AND status NOT IN"
                                             " ('QUEUED', 'RUNNING')");
    if (!st)
        return;
    sqlite3_bind_int64(st, 1, now);
    while (srv_store_step(st) == SQLITE_ROW)
        qrf_remove((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    st = srv_store_prepare(db, "DELETE FROM query_info WHERE expires_at < ? AND status NOT IN"
                               " ('QUEUED', 'RUNNING')");
    if (st) {
        sqlite3_bind_int64(st, 1, now);
        srv_store_step(st);
        sqlite3_finalize(st);
    }
}

static void trim_history(sqlite3 *db)
{
    static atomic_uint created;
    if (atomic_fetch_add(&created, 1) % QS_TRIM_EVERY != 0)
        return;
    sqlite3_stmt *st = srv_store_prepare(
        db, "DELETE FROM query_info WHERE query_id IN (SELECT query_id FROM query_info WHERE"
            " status NOT IN ('QUEUED', 'RUNNING') AND stored = 0 ORDER BY rowid DESC"
            " LIMIT -1 OFFSET ?)");
    if (!st)
        return;
    sqlite3_bind_int(st, 1, QS_MAX_RECORDS);
    srv_store_step(st);
    sqlite3_finalize(st);
}

int qs_record_create(sqlite3 *db, const char *id, const char *status, const char *sql,
                     const char *user, int stored)
{
    char now[32];
    srv_now_iso(now, sizeof now);
    sqlite3_stmt *st = srv_store_stmt(
        db, "INSERT INTO query_info(query_id, status, sql, executed_by, submitted_at,"
            " expires_at, stored) VALUES(?,?,?,?,?,?,?)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, status, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, sql, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, user ? user : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 6, (long long)time(NULL) + qs_ttl_secs());
    sqlite3_bind_int(st, 7, stored ? 1 : 0);
    int rc = srv_store_step(st);
    srv_store_stmt_done(st);
    if (rc != SQLITE_DONE)
        return -1;
    trim_history(db);
    return 0;
}

int qs_record_stored(sqlite3 *db, const char *id)
{
    sqlite3_stmt *st = srv_store_stmt(db, "SELECT stored FROM query_info WHERE query_id = ?");
    int stored = 1;
    if (!st)
        return 1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    if (srv_store_step(st) == SQLITE_ROW)
        stored = sqlite3_column_int(st, 0);
    srv_store_stmt_done(st);
    return stored;
}

int qs_record_set_status(sqlite3 *db, const char *id, const char *status)
{
    sqlite3_stmt *st = srv_store_stmt(db, "UPDATE query_info SET status = ? WHERE"
                                             " query_id = ? AND status <> 'CANCELLED'");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, status, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, id, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    srv_store_stmt_done(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int qs_record_finish(sqlite3 *db, const char *id, const char *status, long long total,
                     long long elapsed_ms, const char *head, const char *error)
{
    sqlite3_stmt *st = srv_store_stmt(
        db, "UPDATE query_info SET status = ?, total = ?, elapsed_ms = ?, head = ?, error = ?,"
            " expires_at = ? WHERE query_id = ? AND status <> 'CANCELLED'");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, status, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, total);
    sqlite3_bind_int64(st, 3, elapsed_ms);
    sqlite3_bind_text(st, 4, head, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, error, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 6, (long long)time(NULL) + qs_ttl_secs());
    sqlite3_bind_text(st, 7, id, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    srv_store_stmt_done(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static const char *const info_cols =
    "SELECT query_id, status, sql, executed_by, submitted_at, expires_at, total, elapsed_ms,"
    " error, stored FROM query_info";

void qs_info_add_pagination(cJSON *info)
{
    if (!cJSON_GetObjectItemCaseSensitive(info, "pagination")) {
        cJSON *pg = cJSON_AddObjectToObject(info, "pagination");
        cJSON_AddStringToObject(pg, "start_cursor", "c0");
    }
}

static cJSON *info_from_row(sqlite3_stmt *st)
{
    cJSON *o = cJSON_CreateObject();
    const char *status = (const char *)sqlite3_column_text(st, 1);
    char exp[40];
    time_t e = (time_t)sqlite3_column_int64(st, 5);
    struct tm tm;
    gmtime_r(&e, &tm);
    strftime(exp, sizeof exp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    cJSON_AddStringToObject(o, "query_id", (const char *)sqlite3_column_text(st, 0));
    cJSON_AddStringToObject(o, "status", status);
    cJSON_AddStringToObject(o, "sql", (const char *)sqlite3_column_text(st, 2));
    cJSON_AddStringToObject(o, "executed_by", (const char *)sqlite3_column_text(st, 3));
    cJSON_AddStringToObject(o, "submitted_at", (const char *)sqlite3_column_text(st, 4));
    cJSON_AddStringToObject(o, "expires_at", exp);
    cJSON_AddNullToObject(o, "last_offset");
    /* QueryInfo.stats is a Stats (throttled_time_ms), not QueryResponse's stats (micros) */
    cJSON *stats = cJSON_AddObjectToObject(o, "stats");
    cJSON_AddNumberToObject(stats, "elapsed_time_ms", (double)sqlite3_column_int64(st, 7));
    cJSON_AddNumberToObject(stats, "throttled_time_ms", 0);
    if (sqlite3_column_type(st, 6) != SQLITE_NULL)
        cJSON_AddNumberToObject(stats, "result_set_document_count",
                                (double)sqlite3_column_int64(st, 6));
    /* QueryInfo.pagination "start_cursor": the cursor of the first page, for a finished
     * query whose rows are stored for the pages endpoint (paginated or async); one still
     * being filled gets it from qs_info_add_pagination */
    if (sqlite3_column_int(st, 9) && strcmp(status, "COMPLETED") == 0)
        qs_info_add_pagination(o);
    if (sqlite3_column_type(st, 8) == SQLITE_TEXT) {
        cJSON *errs = cJSON_AddArrayToObject(o, "query_errors");
        cJSON *e1 = cJSON_Parse((const char *)sqlite3_column_text(st, 8));
        if (e1)
            cJSON_AddItemToArray(errs, e1);
    }
    return o;
}

cJSON *qs_record_info(sqlite3 *db, const char *id)
{
    char sql[512];
    snprintf(sql, sizeof sql, "%s WHERE query_id = ? AND expires_at >= ?", info_cols);
    sqlite3_stmt *st = srv_store_prepare(db, sql);
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, (long long)time(NULL));
    cJSON *o = srv_store_step(st) == SQLITE_ROW ? info_from_row(st) : NULL;
    sqlite3_finalize(st);
    return o;
}

cJSON *qs_record_list(sqlite3 *db)
{
    /* listActiveQueries, in the official client's API typings: "Lists actively queued and
     * running queries." Finished ones are read by id (GET /queries/{id}) until they expire. */
    char sql[512];
    snprintf(sql, sizeof sql, "%s WHERE expires_at >= ? AND status IN ('QUEUED', 'RUNNING')"
             " ORDER BY submitted_at", info_cols);
    sqlite3_stmt *st = srv_store_prepare(db, sql);
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, (long long)time(NULL));
    cJSON *arr = cJSON_CreateArray();
    while (srv_store_step(st) == SQLITE_ROW)
        cJSON_AddItemToArray(arr, info_from_row(st));
    sqlite3_finalize(st);
    return arr;
}

int qs_record_status(sqlite3 *db, const char *id, char *out, size_t outlen)
{
    sqlite3_stmt *st = srv_store_stmt(db, "SELECT status FROM query_info WHERE"
                                             " query_id = ? AND expires_at >= ?");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, (long long)time(NULL));
    int rc = srv_store_step(st);
    if (rc == SQLITE_ROW)
        snprintf(out, outlen, "%s", (const char *)sqlite3_column_text(st, 0));
    srv_store_stmt_done(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int qs_rows_delete(sqlite3 *db, const char *id)
{
    (void)db;
    qrf_remove(id);
    return 0;
}

int qs_record_delete(sqlite3 *db, const char *id)
{
    qrf_remove(id);
    return exec_id(db, "DELETE FROM query_info WHERE query_id = ?", id);
}

char *qs_record_head(sqlite3 *db, const char *id, long long *total, char **error)
{
    sqlite3_stmt *st = srv_store_stmt(db, "SELECT head, total, error FROM query_info"
                                             " WHERE query_id = ?");
    char *head = NULL;
    *error = NULL;
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    if (srv_store_step(st) == SQLITE_ROW) {
        const char *h = (const char *)sqlite3_column_text(st, 0);
        const char *e = (const char *)sqlite3_column_text(st, 2);
        head = strdup(h ? h : "{}");
        *total = sqlite3_column_int64(st, 1);
        if (e)
            *error = strdup(e);
    }
    srv_store_stmt_done(st);
    return head;
}

int qs_writer_open(qs_writer *w, const char *id)
{
    return qrf_writer_open(&w->f, id);
}

int qs_writer_add(qs_writer *w, const char *row, size_t len)
{
    return qrf_writer_add(&w->f, row, len);
}

int qs_writer_flush(qs_writer *w)
{
    return qrf_writer_flush(&w->f);
}

int qs_writer_close(qs_writer *w, int ok)
{
    return qrf_writer_close(&w->f, ok);
}

long long qs_rows(const char *id, long long offset, long long docs, sql_sbuf *out)
{
    return qrf_read(id, offset, docs, out);
}

long long qs_rows_count(const char *id)
{
    return qrf_count(id);
}
