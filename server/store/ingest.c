/* SPDX-License-Identifier: Apache-2.0 */
/* Writing documents into docs_<id>: statuses per document, coll_fields, counters, retention. */
#include "server/store/ingest.h"
#include "server/store/offsets.h"
#include "server/store/ingest_int.h"
#include "server/store/store.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cJSON *parse_col(sqlite3_stmt *st, int col)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    return t ? cJSON_Parse(t) : NULL;
}

int srv_ingest_open(sqlite3 *db, const char *ws, const char *coll, const srv_collection *c,
                    srv_ingest *in)
{
    memset(in, 0, sizeof *in);
    in->coll = *c;
    snprintf(in->ws, sizeof in->ws, "%s", ws);
    snprintf(in->name, sizeof in->name, "%s", coll);
    sqlite3_stmt *st = srv_store_prepare(
        db, "SELECT event_time_info, field_mappings FROM collections WHERE id = ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, c->id);
    int rc = srv_store_step(st);
    if (rc == SQLITE_ROW) {
        in->event_time_info = parse_col(st, 0);
        in->field_mappings = parse_col(st, 1);
        if (cJSON_GetArraySize(in->field_mappings) == 0) {
            cJSON_Delete(in->field_mappings);
            in->field_mappings = NULL;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

void srv_ingest_close(srv_ingest *in)
{
    cJSON_Delete(in->event_time_info);
    cJSON_Delete(in->field_mappings);
    in->event_time_info = in->field_mappings = NULL;
}

cJSON *srv_ingest_doc_error(const char *type, const char *msg)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "message", msg);
    cJSON_AddNullToObject(e, "message_key");
    cJSON_AddStringToObject(e, "type", type);
    cJSON_AddNullToObject(e, "line");
    cJSON_AddNullToObject(e, "column");
    cJSON_AddNullToObject(e, "trace_id");
    cJSON_AddNullToObject(e, "error_id");
    cJSON_AddNullToObject(e, "query_id");
    cJSON_AddNullToObject(e, "internal_errors");
    return e;
}

static cJSON *status_of(const srv_ingest *in, const char *id, const char *status, cJSON *error)
{
    cJSON *s = cJSON_CreateObject();
    char coll[600];
    snprintf(coll, sizeof coll, "%s", in->name);
    if (id)
        cJSON_AddStringToObject(s, "_id", id);
    else
        cJSON_AddNullToObject(s, "_id");
    cJSON_AddStringToObject(s, "_collection", coll);
    cJSON_AddStringToObject(s, "status", status);
    cJSON_AddItemToObject(s, "error", error ? error : cJSON_CreateNull());
    cJSON_AddNullToObject(s, "patch_id");
    return s;
}

int srv_ingest_note_fields(sqlite3 *db, long long coll_id, const cJSON *doc)
{
    sqlite3_stmt *st =
        srv_store_prepare(db, "INSERT OR IGNORE INTO coll_fields(coll_id, name) VALUES(?, ?)");
    const cJSON *f;
    int rc = 0;
    if (!st)
        return -1;
    cJSON_ArrayForEach(f, doc) {
        /* _id and _event_time are columns of every docs table, not document fields. */
        if (strcmp(f->string, "_id") == 0 || strcmp(f->string, "_event_time") == 0)
            continue;
        sqlite3_bind_int64(st, 1, coll_id);
        sqlite3_bind_text(st, 2, f->string, -1, SQLITE_TRANSIENT);
        if (srv_store_step(st) != SQLITE_DONE)
            rc = -1;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Stores text (a JSON object, _id/_event_time removed by SQLite so the original number
 * text survives) under id. *replaced tells whether the id existed. */
static int put_text(sqlite3 *db, srv_ingest *in, const char *id, long long et, const char *text,
                    int *replaced)
{
    char sql[256];
    sqlite3_stmt *st;
    snprintf(sql, sizeof sql, "SELECT length(CAST(doc AS BLOB)) FROM %s WHERE _id = ?",
             in->coll.table);
    if (!(st = srv_store_prepare(db, sql)))
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    *replaced = rc == SQLITE_ROW;
    if (*replaced)
        in->bytes_overwritten += sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return -1;
    snprintf(sql, sizeof sql,
             "INSERT INTO %s(_id, _event_time, doc) VALUES(?, ?, json_remove(?, '$._id',"
             " '$._event_time')) ON CONFLICT(_id) DO UPDATE SET _event_time ="
             " excluded._event_time, doc = excluded.doc",
             in->coll.table);
    if (!(st = srv_store_prepare(db, sql)))
        return -1;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, et);
    sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
    rc = srv_store_step(st);
    sqlite3_finalize(st);
    in->bytes_inserted += (long long)strlen(text);
    return rc == SQLITE_DONE ? 0 : -1;
}

int srv_ingest_put(sqlite3 *db, srv_ingest *in, const char *id, long long event_time,
                   cJSON *doc, int *replaced)
{
    if (srv_ingest_canon(doc, NULL) != 0)
        return -1;
    char *text = cJSON_PrintUnformatted(doc);
    if (!text)
        return -1;
    int rc = put_text(db, in, id, event_time, text, replaced);
    free(text);
    if (rc == 0)
        rc = srv_ingest_note_fields(db, in->coll.id, doc);
    return rc;
}

/* One document of an add: 0 stored (status set), 1 rejected (status set), -1 db failure. */
static int add_one(sqlite3 *db, srv_ingest *in, const char *text, cJSON **status)
{
    char err[600], idbuf[33];
    cJSON *doc = cJSON_Parse(text);
    const cJSON *idv = doc ? cJSON_GetObjectItemCaseSensitive(doc, "_id") : NULL;
    long long et = 0;
    int replaced = 0, rc = -1;
    if (!cJSON_IsObject(doc)) {
        *status = status_of(in, NULL, "ERROR",
                            srv_ingest_doc_error("INVALIDINPUT", "a document must be a JSON object"));
        cJSON_Delete(doc);
        return 1;
    }
    if (idv && !cJSON_IsNull(idv) && (!cJSON_IsString(idv) || !idv->valuestring[0])) {
        *status = status_of(in, NULL, "ERROR",
                            srv_ingest_doc_error("INVALIDINPUT", "_id must be a non-empty string"));
        cJSON_Delete(doc);
        return 1;
    }
    if (!cJSON_IsString(idv)) {
        srv_random_hex(idbuf, 16);
        cJSON_DeleteItemFromObjectCaseSensitive(doc, "_id");
        cJSON_AddStringToObject(doc, "_id", idbuf);
    }
    const char *id = cJSON_GetObjectItemCaseSensitive(doc, "_id")->valuestring;
    if (in->field_mappings && srv_ingest_map(in->field_mappings, doc, err, sizeof err) != 0) {
        *status = status_of(in, id, "ERROR", srv_ingest_doc_error("INVALIDINPUT", err));
        cJSON_Delete(doc);
        return 1;
    }
    if (srv_ingest_event_time(in->event_time_info, doc, &et, err, sizeof err) != 0) {
        *status = status_of(in, id, "ERROR", srv_ingest_doc_error("INVALIDINPUT", err));
        cJSON_Delete(doc);
        return 1;
    }
    /* the original text is stored (numbers keep every digit), then date/time values that
     * are not in canonical text are set right in it */
    srv_canon_edits ed = { 0 };
    if (in->field_mappings)
        rc = srv_ingest_put(db, in, id, et, doc, &replaced);
    else if (srv_ingest_canon(doc, &ed) == 0 &&
             (rc = put_text(db, in, id, et, text, &replaced)) == 0 &&
             (rc = srv_ingest_canon_apply(db, in->coll.table, id, &ed)) == 0)
        rc = srv_ingest_note_fields(db, in->coll.id, doc);
    srv_canon_edits_free(&ed);
    if (rc == 0)
        *status = status_of(in, id, replaced ? "REPLACED" : "ADDED", NULL);
    cJSON_Delete(doc);
    return rc;
}

cJSON *srv_ingest_add(sqlite3 *db, srv_ingest *in, const char *text, size_t len,
                      const char *jpath, int *failed)
{
    cJSON *out = cJSON_CreateArray();
    *failed = 0;
    /* json_each hands out each document's original text: numbers keep every digit. */
    sqlite3_stmt *st = srv_store_prepare(db, "SELECT value FROM json_each(?, ?)");
    if (!st) {
        *failed = 1;
        return out;
    }
    sqlite3_bind_text(st, 1, text, (int)len, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, jpath, -1, SQLITE_STATIC);
    int rc, rows = 0;
    while ((rc = srv_store_step(st)) == SQLITE_ROW) {
        rows++;
        cJSON *status = NULL;
        const char *doc = (const char *)sqlite3_column_text(st, 0);
        if (add_one(db, in, doc ? doc : "null", &status) < 0) {
            cJSON_Delete(status);
            *failed = 1;
            break;
        }
        cJSON_AddItemToArray(out, status);
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        *failed = rows == 0 && rc == SQLITE_ERROR ? 2 : 1;
    sqlite3_finalize(st);
    return out;
}

int srv_ingest_finish(sqlite3 *db, srv_ingest *in)
{
    if (srv_offsets_next(db, in->coll.id, &in->offset) != 0)
        return -1;
    sqlite3_stmt *st = srv_store_prepare(
        db, "UPDATE collections SET bytes_inserted = bytes_inserted + ?, bytes_overwritten ="
            " bytes_overwritten + ?, last_updated_ms = ? WHERE id = ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, in->bytes_inserted);
    sqlite3_bind_int64(st, 2, in->bytes_overwritten);
    sqlite3_bind_int64(st, 3, srv_now_micros() / 1000);
    sqlite3_bind_int64(st, 4, in->coll.id);
    int rc = srv_store_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return -1;
    in->bytes_inserted = in->bytes_overwritten = 0;
    if (in->coll.retention_secs > 0)
        srv_ingest_purge(db, in->coll.id, in->coll.retention_secs);
    return 0;
}

/* Event times below this are past the retention (microseconds), or LLONG_MIN when the
 * retention reaches back before any representable time: nothing is then old enough. A
 * retention can be as large as 9.0e15 seconds, whose microseconds do not fit in 64 bits; the
 * unchecked arithmetic once wrapped to a cutoff in the future and purged every document right
 * after it was acknowledged. */
static long long purge_cutoff(long long now_micros, long long retention_secs)
{
    long long span, cutoff;

    if (retention_secs <= 0 || __builtin_mul_overflow(retention_secs, 1000000LL, &span) ||
        __builtin_sub_overflow(now_micros, span, &cutoff))
        return LLONG_MIN;
    return cutoff;
}

long long srv_ingest_purge(sqlite3 *db, long long coll_id, long long retention_secs)
{
    char sql[400];
    long long cutoff = purge_cutoff(srv_now_micros(), retention_secs);

    if (cutoff == LLONG_MIN)
        return 0;
    snprintf(sql, sizeof sql,
             "UPDATE collections SET purged_doc_count = purged_doc_count + (SELECT count(*)"
             " FROM docs_%lld WHERE _event_time < ?1), purged_doc_size = purged_doc_size +"
             " (SELECT coalesce(sum(length(CAST(doc AS BLOB))), 0) FROM docs_%lld WHERE"
             " _event_time < ?1) WHERE id = ?2",
             coll_id, coll_id);
    sqlite3_stmt *st = srv_store_prepare(db, sql);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, cutoff);
    sqlite3_bind_int64(st, 2, coll_id);
    int rc = srv_store_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return -1;
    snprintf(sql, sizeof sql, "DELETE FROM docs_%lld WHERE _event_time < ?", coll_id);
    if (!(st = srv_store_prepare(db, sql)))
        return -1;
    sqlite3_bind_int64(st, 1, cutoff);
    rc = srv_store_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? sqlite3_changes(db) : -1;
}

void srv_ingest_purge_all(sqlite3 *db)
{
    long long ids[256], rets[256];
    int n = 0;
    sqlite3_stmt *st = srv_store_prepare(
        db, "SELECT id, retention_secs FROM collections WHERE retention_secs > 0 LIMIT 256");
    if (!st)
        return;
    while (n < 256 && srv_store_step(st) == SQLITE_ROW) {
        ids[n] = sqlite3_column_int64(st, 0);
        rets[n++] = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    for (int i = 0; i < n; i++) {
        if (srv_store_begin(db) != 0)
            return;
        if (srv_ingest_purge(db, ids[i], rets[i]) < 0)
            srv_store_rollback(db);
        else
            srv_store_commit(db);
    }
}
