/* SPDX-License-Identifier: Apache-2.0 */
/* Collections: create (CREATED), get (READY), list (all, per workspace), delete (DELETED),
 * and the query lambdas that use a collection. */
#include "server/handlers/handlers.h"
#include "server/store/ingest.h"
#include "server/store/store.h"
#include "server/store/events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define COLL_SELECT                                                                           \
    "SELECT id, workspace, name, description, created_at, created_by, retention_secs,"      \
    " event_time_info, field_mappings, sources, clustering_key, last_queried_ms,"           \
    " last_updated_ms, purged_doc_count, purged_doc_size, bytes_inserted, bytes_overwritten" \
    " FROM collections"

static void add_ms(cJSON *o, const char *k, long long v)
{
    if (v > 0)
        cJSON_AddNumberToObject(o, k, (double)v);
    else
        cJSON_AddNullToObject(o, k);
}

static cJSON *stats_json(sqlite3 *db, sqlite3_stmt *st)
{
    char sql[160];
    long long count = 0, size = 0;
    snprintf(sql, sizeof sql,
             "SELECT count(*), coalesce(sum(length(CAST(doc AS BLOB))), 0) FROM docs_%lld",
             (long long)sqlite3_column_int64(st, 0));
    sqlite3_stmt *q = srv_store_prepare(db, sql);
    if (q && srv_store_step(q) == SQLITE_ROW) {
        count = sqlite3_column_int64(q, 0);
        size = sqlite3_column_int64(q, 1);
    }
    sqlite3_finalize(q);
    cJSON *s = cJSON_CreateObject();
    cJSON_AddNumberToObject(s, "doc_count", (double)count);
    cJSON_AddNumberToObject(s, "purged_doc_count", (double)sqlite3_column_int64(st, 13));
    /* CollectionStats.fill_progress is `number, format double`; the Python client types it
     * float and rejects a JSON integer, and cJSON prints 1.0 as `1`, so the token is raw. */
    cJSON_AddRawToObject(s, "fill_progress", "1.0");
    add_ms(s, "last_queried_ms", sqlite3_column_int64(st, 11));
    add_ms(s, "last_updated_ms", sqlite3_column_int64(st, 12));
    cJSON_AddNumberToObject(s, "total_size", (double)size);
    cJSON_AddNumberToObject(s, "purged_doc_size", (double)sqlite3_column_int64(st, 14));
    cJSON_AddNumberToObject(s, "bytes_inserted", (double)sqlite3_column_int64(st, 15));
    cJSON_AddNumberToObject(s, "bytes_overwritten", (double)sqlite3_column_int64(st, 16));
    return s;
}

static cJSON *coll_json(sqlite3 *db, sqlite3_stmt *st, const char *status)
{
    cJSON *c = cJSON_CreateObject();
    cJSON_AddItemToObject(c, "created_at", srv_col_json_str(st, 4));
    cJSON_AddItemToObject(c, "created_by", srv_col_json_str(st, 5));
    cJSON_AddItemToObject(c, "name", srv_col_json_str(st, 2));
    cJSON_AddItemToObject(c, "description", srv_col_json_str(st, 3));
    cJSON_AddItemToObject(c, "workspace", srv_col_json_str(st, 1));
    cJSON_AddStringToObject(c, "status", status);
    cJSON_AddItemToObject(c, "sources", srv_col_json(st, 9, cJSON_CreateArray()));
    cJSON_AddItemToObject(c, "stats", stats_json(db, st));
    if (sqlite3_column_int64(st, 6) > 0)
        cJSON_AddNumberToObject(c, "retention_secs", (double)sqlite3_column_int64(st, 6));
    else
        cJSON_AddNullToObject(c, "retention_secs");
    cJSON_AddItemToObject(c, "event_time_info", srv_col_json(st, 7, NULL));
    cJSON_AddItemToObject(c, "field_mappings", srv_col_json(st, 8, cJSON_CreateArray()));
    cJSON_AddItemToObject(c, "clustering_key", srv_col_json(st, 10, NULL));
    cJSON_AddBoolToObject(c, "read_only", 0);
    cJSON_AddBoolToObject(c, "insert_only", 0);
    return c;
}

static cJSON *load_coll(sqlite3 *db, const char *ws, const char *name, const char *status,
                        int *err)
{
    sqlite3_stmt *st = srv_store_prepare(db, COLL_SELECT " WHERE workspace = ? AND name = ?");
    *err = !st;
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, ws, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    cJSON *c = rc == SQLITE_ROW ? coll_json(db, st, status) : NULL;
    *err = rc != SQLITE_ROW && rc != SQLITE_DONE;
    sqlite3_finalize(st);
    return c;
}

static void list_where(const srv_request *req, srv_response *res, const char *ws)
{
    sqlite3_stmt *st = srv_store_prepare(
        req->db, ws ? COLL_SELECT " WHERE workspace = ? ORDER BY name"
                    : COLL_SELECT " ORDER BY workspace, name");
    if (!st) {
        srv_reply_db_error(res);
        return;
    }
    if (ws)
        sqlite3_bind_text(st, 1, ws, -1, SQLITE_TRANSIENT);
    cJSON *arr = cJSON_CreateArray();
    while (srv_store_step(st) == SQLITE_ROW)
        cJSON_AddItemToArray(arr, coll_json(req->db, st, "READY"));
    sqlite3_finalize(st);
    srv_reply_data(res, 200, arr);
}

static void list_all(const srv_request *req, srv_response *res)
{
    list_where(req, res, NULL);
}

static void list_in_ws(const srv_request *req, srv_response *res)
{
    int e = srv_store_workspace_exists(req->db, req->params[0]);
    if (e <= 0)
        srv_reply_find_error(res, e < 0 ? -1 : 1, req->params[0], NULL);
    else
        list_where(req, res, req->params[0]);
}

static void get_coll(const srv_request *req, srv_response *res)
{
    int err;
    cJSON *c = load_coll(req->db, req->params[0], req->params[1], "READY", &err);
    if (c) {
        srv_reply_data(res, 200, c);
        return;
    }
    if (err)
        srv_reply_db_error(res);
    else
        srv_reply_find_error(res, srv_store_collection_find(req->db, req->params[0],
                                                            req->params[1], NULL),
                             req->params[0], req->params[1]);
}

/* Checks the optional parts of a create request; 0 ok, -1 answered 400/501. */
static int check_create(const cJSON *j, srv_response *res)
{
    static const char *formats[] = {"seconds_since_epoch", "milliseconds_since_epoch",
                                    "microseconds_since_epoch"};
    char err[600];
    const cJSON *desc = cJSON_GetObjectItemCaseSensitive(j, "description");
    const cJSON *src = cJSON_GetObjectItemCaseSensitive(j, "sources");
    const cJSON *ret = cJSON_GetObjectItemCaseSensitive(j, "retention_secs");
    const cJSON *eti = cJSON_GetObjectItemCaseSensitive(j, "event_time_info");
    const cJSON *fm = cJSON_GetObjectItemCaseSensitive(j, "field_mappings");
    if (!srv_valid_name(srv_json_str(j, "name"))) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                        "A collection needs a 'name' of letters, digits, '-' or '_'.");
        return -1;
    }
    if (desc && !cJSON_IsNull(desc) && !cJSON_IsString(desc)) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL, "'description' must be a string.");
        return -1;
    }
    if (src && !cJSON_IsNull(src) && (!cJSON_IsArray(src) || cJSON_GetArraySize(src) > 0)) {
        /* Honest refusal: nothing here would ever ingest from an external source. */
        srv_reply_error(res, 501, "NOTIMPLEMENTEDYET", NULL,
                        "rockset-local does not ingest from sources; add documents instead.");
        return -1;
    }
    const cJSON *fmq = cJSON_GetObjectItemCaseSensitive(j, "field_mapping_query");
    if (fmq && !cJSON_IsNull(fmq)) {
        srv_reply_error(res, 501, "NOTIMPLEMENTEDYET", NULL,
                        "field_mapping_query (ingest transformations in SQL) is not supported by "
                        "rockset-local; use field_mappings.");
        return -1;
    }
    if (ret && !cJSON_IsNull(ret) &&
        (!cJSON_IsNumber(ret) || ret->valuedouble < 1 || ret->valuedouble > 9.0e15 ||
         ret->valuedouble != (double)(long long)ret->valuedouble)) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL, "'retention_secs' must be a positive integer.");
        return -1;
    }
    if (eti && !cJSON_IsNull(eti)) {
        const char *fmt = srv_json_str(eti, "format");
        int ok = cJSON_IsObject(eti) && srv_json_str(eti, "field") && srv_json_str(eti, "field")[0];
        if (ok && cJSON_GetObjectItemCaseSensitive(eti, "format") && !cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(eti, "format"))) {
            ok = 0;
            for (size_t i = 0; fmt && i < sizeof formats / sizeof formats[0]; i++)
                ok |= strcasecmp(fmt, formats[i]) == 0;
        }
        if (!ok) {
            srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                            "'event_time_info' needs a 'field' and a format among "
                            "seconds_since_epoch, milliseconds_since_epoch, "
                            "microseconds_since_epoch (or none for ISO strings).");
            return -1;
        }
    }
    if (fm && !cJSON_IsNull(fm) && srv_ingest_check_mappings(fm, err, sizeof err) != 0) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL, "%s", err);
        return -1;
    }
    return 0;
}

static void bind_json(sqlite3_stmt *st, int idx, const cJSON *v)
{
    char *t = v && !cJSON_IsNull(v) ? cJSON_PrintUnformatted(v) : NULL;
    if (t)
        sqlite3_bind_text(st, idx, t, -1, free);
    else
        sqlite3_bind_null(st, idx);
}

static void create_coll(const srv_request *req, srv_response *res)
{
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "create collections"))
        return;
    const char *ws = req->params[0];
    if (srv_require_object(req, res) || check_create(req->json, res))
        return;
    const char *name = srv_json_str(req->json, "name");
    int rc = srv_store_collection_find(req->db, ws, name, NULL), err = 0;
    if (rc == 0) {
        srv_reply_error(res, 409, "ALREADYEXISTS", "COLLECTION_ALREADY_EXISTS",
                        "Collection '%s' already exists in workspace '%s'.", name, ws);
        return;
    }
    if (rc != 2 && srv_reply_find_error(res, rc, ws, name))
        return;
    char now[32];
    srv_now_iso(now, sizeof now);
    const cJSON *ret = cJSON_GetObjectItemCaseSensitive(req->json, "retention_secs");
    sqlite3_stmt *st = NULL;
    if (srv_store_begin(req->db) == 0)
        st = srv_store_prepare(
            req->db, "INSERT INTO collections(workspace, name, description, created_at,"
                     " created_by, retention_secs, event_time_info, field_mappings,"
                     " clustering_key, last_updated_ms) VALUES(?,?,?,?,?,?,?,?,?,?)");
    if (st) {
        sqlite3_bind_text(st, 1, ws, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, srv_json_str(req->json, "description"), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 5, req->user_email, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 6, cJSON_IsNumber(ret) ? (long long)ret->valuedouble : 0);
        bind_json(st, 7, cJSON_GetObjectItemCaseSensitive(req->json, "event_time_info"));
        bind_json(st, 8, cJSON_GetObjectItemCaseSensitive(req->json, "field_mappings"));
        bind_json(st, 9, cJSON_GetObjectItemCaseSensitive(req->json, "clustering_key"));
        sqlite3_bind_int64(st, 10, 0);
        rc = srv_store_step(st);
        sqlite3_finalize(st);
    }
    cJSON *body = NULL;
    if (st && rc == SQLITE_DONE &&
        srv_store_create_doc_table(req->db, sqlite3_last_insert_rowid(req->db)) == 0 &&
        (body = load_coll(req->db, ws, name, "CREATED", &err)) && srv_store_commit(req->db) == 0) {
        srv_event_record(req, "COLLECTION_CREATED", ws, name);
        srv_reply_data(res, 200, body);
        return;
    }
    srv_store_rollback(req->db);
    cJSON_Delete(body);
    if (rc == SQLITE_CONSTRAINT)
        srv_reply_error(res, 409, "ALREADYEXISTS", "COLLECTION_ALREADY_EXISTS",
                        "Collection '%s' already exists in workspace '%s'.", name, ws);
    else
        srv_reply_db_error(res);
}

static void delete_coll(const srv_request *req, srv_response *res)
{
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "delete collections") ||
        srv_events_refuse(res, req->params[0], req->params[1], "delete the collection"))
        return;
    srv_collection c;
    int err;
    if (srv_store_begin(req->db) != 0) {
        srv_reply_db_error(res);
        return;
    }
    int rc = srv_store_collection_find(req->db, req->params[0], req->params[1], &c);
    cJSON *body = rc == 0 ? load_coll(req->db, req->params[0], req->params[1], "DELETED", &err)
                          : NULL;
    if (!body) {
        srv_store_rollback(req->db);
        if (!srv_reply_find_error(res, rc, req->params[0], req->params[1]))
            srv_reply_db_error(res);
        return;
    }
    char sql[256];
    snprintf(sql, sizeof sql,
             "DROP TABLE IF EXISTS %s; DELETE FROM coll_fields WHERE coll_id = %lld;"
             " DELETE FROM coll_offsets WHERE coll_id = %lld;"
             " DELETE FROM collections WHERE id = %lld;",
             c.table, c.id, c.id, c.id);
    if (srv_store_exec(req->db, sql) != 0 || srv_store_commit(req->db) != 0) {
        srv_store_rollback(req->db);
        cJSON_Delete(body);
        srv_reply_db_error(res);
        return;
    }
    srv_event_record(req, "COLLECTION_DROPPED", req->params[0], req->params[1]);
    srv_reply_data(res, 200, body);
}

static void coll_lambdas(const srv_request *req, srv_response *res)
{
    int rc = srv_store_collection_find(req->db, req->params[0], req->params[1], NULL);
    if (srv_reply_find_error(res, rc, req->params[0], req->params[1]))
        return;
    cJSON *arr = srv_store_lambdas_hook
                     ? srv_store_lambdas_hook(req->db, req->params[0], req->params[1])
                     : NULL;
    if (!arr)
        srv_reply_error(res, 501, "NOTIMPLEMENTEDYET", NULL,
                        "Query lambdas are not available in this build.");
    else
        srv_reply_data(res, 200, arr);
}

void srv_handlers_collections_register(void)
{
    srv_route_add("GET", "/v1/orgs/self/collections", list_all);
    srv_route_add("GET", "/v1/orgs/self/ws/{}/collections", list_in_ws);
    srv_route_add("POST", "/v1/orgs/self/ws/{}/collections", create_coll);
    srv_route_add("GET", "/v1/orgs/self/ws/{}/collections/{}", get_coll);
    srv_route_add("DELETE", "/v1/orgs/self/ws/{}/collections/{}", delete_coll);
    srv_route_add("GET", "/v1/orgs/self/ws/{}/collections/{}/lambdas", coll_lambdas);
}
