/* SPDX-License-Identifier: Apache-2.0 */
/* Workspaces, nested by dotted names ("a.b" lives under "a"). */
#include "server/handlers/handlers.h"
#include "server/srv_msg.h"
#include "server/store/store.h"

#include <stdio.h>
#include <string.h>

#define WS_SELECT                                                                             \
    "SELECT name, description, created_at, created_by,"                                     \
    " (SELECT count(*) FROM collections c WHERE c.workspace = w.name) FROM workspaces w"

static cJSON *ws_json(sqlite3_stmt *st)
{
    cJSON *w = cJSON_CreateObject();
    cJSON_AddItemToObject(w, "name", srv_col_json_str(st, 0));
    cJSON_AddItemToObject(w, "description", srv_col_json_str(st, 1));
    cJSON_AddItemToObject(w, "created_at", srv_col_json_str(st, 2));
    cJSON_AddItemToObject(w, "created_by", srv_col_json_str(st, 3));
    cJSON_AddNumberToObject(w, "collection_count", (double)sqlite3_column_int64(st, 4));
    return w;
}

static cJSON *load_ws(sqlite3 *db, const char *name, int *err)
{
    sqlite3_stmt *st = srv_store_prepare(db, WS_SELECT " WHERE name = ?");
    *err = !st;
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    cJSON *w = rc == SQLITE_ROW ? ws_json(st) : NULL;
    *err = rc != SQLITE_ROW && rc != SQLITE_DONE;
    sqlite3_finalize(st);
    return w;
}

static void ws_not_found(srv_response *res, const char *ws)
{
    srv_reply_error(res, 404, "NOTFOUND", "WORKSPACE_NOT_FOUND", SRV_MSG_NO_WORKSPACE, ws);
}

static void list_where(const srv_request *req, srv_response *res, const char *where,
                       const char *arg)
{
    char sql[512];
    snprintf(sql, sizeof sql, WS_SELECT " %s ORDER BY name", where);
    sqlite3_stmt *st = srv_store_prepare(req->db, sql);
    if (!st) {
        srv_reply_db_error(res);
        return;
    }
    if (arg)
        sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
    cJSON *arr = cJSON_CreateArray();
    while (srv_store_step(st) == SQLITE_ROW)
        cJSON_AddItemToArray(arr, ws_json(st));
    sqlite3_finalize(st);
    srv_reply_data(res, 200, arr);
}

static void list_ws(const srv_request *req, srv_response *res)
{
    list_where(req, res, "", NULL);
}

static void list_children(const srv_request *req, srv_response *res)
{
    int e = srv_store_workspace_exists(req->db, req->params[0]);
    if (e < 0)
        srv_reply_db_error(res);
    else if (e == 0)
        ws_not_found(res, req->params[0]);
    else /* immediate children: "<ws>.<name without dots>" */
        list_where(req, res,
                   "WHERE substr(name, 1, length(?1) + 1) = ?1 || '.'"
                   " AND instr(substr(name, length(?1) + 2), '.') = 0",
                   req->params[0]);
}

static void get_ws(const srv_request *req, srv_response *res)
{
    int err;
    cJSON *w = load_ws(req->db, req->params[0], &err);
    if (w)
        srv_reply_data(res, 200, w);
    else if (err)
        srv_reply_db_error(res);
    else
        ws_not_found(res, req->params[0]);
}

static void create_ws(const srv_request *req, srv_response *res)
{
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "create workspaces"))
        return;
    if (srv_require_object(req, res))
        return;
    const char *name = srv_json_str(req->json, "name");
    const cJSON *desc = cJSON_GetObjectItemCaseSensitive(req->json, "description");
    int err;
    if (!srv_valid_ws_name(name) || (desc && !cJSON_IsString(desc) && !cJSON_IsNull(desc))) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                        "A workspace needs a 'name' of letters, digits, '-', '_' (and '.' "
                        "between nested names), and 'description' must be a string.");
        return;
    }
    char now[32];
    srv_now_iso(now, sizeof now);
    sqlite3_stmt *st = srv_store_prepare(
        req->db, "INSERT INTO workspaces(name, description, created_at, created_by) VALUES(?,?,?,?)");
    if (!st) {
        srv_reply_db_error(res);
        return;
    }
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, cJSON_IsString(desc) ? desc->valuestring : NULL, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, req->user_email, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    sqlite3_finalize(st);
    cJSON *w = rc == SQLITE_DONE ? load_ws(req->db, name, &err) : NULL;
    if (rc == SQLITE_CONSTRAINT)
        srv_reply_error(res, 409, "ALREADYEXISTS", "WORKSPACE_ALREADY_EXISTS",
                        "Workspace '%s' already exists.", name);
    else if (!w)
        srv_reply_db_error(res);
    else
        srv_reply_data(res, 200, w);
}

/* Counts what still lives in the workspace: collections, child workspaces, and the query
 * area's lambdas when its table exists. */
static int dependents(sqlite3 *db, const char *ws, char *what, size_t whatlen)
{
    static const struct { const char *sql, *label; } checks[] = {
        {"SELECT count(*) FROM collections WHERE workspace = ?1", "collections"},
        {"SELECT count(*) FROM workspaces WHERE substr(name, 1, length(?1) + 1) = ?1 || '.'",
         "workspaces"},
        {"SELECT CASE WHEN EXISTS(SELECT 1 FROM sqlite_master WHERE name = 'lambdas'"
         " AND type = 'table') THEN -1 ELSE 0 END", "query lambdas"}};
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        sqlite3_stmt *st = srv_store_prepare(db, checks[i].sql);
        if (!st)
            return -1;
        if (sqlite3_bind_parameter_count(st) > 0)
            sqlite3_bind_text(st, 1, ws, -1, SQLITE_TRANSIENT);
        long long n = srv_store_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -2;
        sqlite3_finalize(st);
        if (n == -1) {
            /* The lambdas table is the query area's: count only when it has a workspace. */
            st = srv_store_prepare(db, "SELECT count(*) FROM lambdas WHERE workspace = ?");
            n = 0;
            if (st) {
                sqlite3_bind_text(st, 1, ws, -1, SQLITE_TRANSIENT);
                n = srv_store_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
                sqlite3_finalize(st);
            }
        }
        if (n == -2)
            return -1;
        if (n > 0) {
            snprintf(what, whatlen, "%lld %s", n, checks[i].label);
            return 1;
        }
    }
    return 0;
}

static void delete_ws(const srv_request *req, srv_response *res)
{
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "delete workspaces"))
        return;
    const char *name = req->params[0];
    char what[64];
    int err;
    if (strcmp(name, "commons") == 0) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL, "The commons workspace cannot be deleted.");
        return;
    }
    if (srv_store_begin(req->db) != 0) {
        srv_reply_db_error(res);
        return;
    }
    cJSON *w = load_ws(req->db, name, &err);
    int dep = w ? dependents(req->db, name, what, sizeof what) : 0;
    if (!w || dep != 0) {
        srv_store_rollback(req->db);
        cJSON_Delete(w);
        if (dep > 0)
            srv_reply_error(res, 409, "DEPENDENTRESOURCES", "WORKSPACE_NOT_EMPTY",
                            "Workspace '%s' still holds %s; delete them first.", name, what);
        else if (err || dep < 0)
            srv_reply_db_error(res);
        else
            ws_not_found(res, name);
        return;
    }
    sqlite3_stmt *st = srv_store_prepare(req->db, "DELETE FROM workspaces WHERE name = ?");
    int rc = SQLITE_ERROR;
    if (st) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
        rc = srv_store_step(st);
        sqlite3_finalize(st);
    }
    if (rc == SQLITE_DONE && srv_store_commit(req->db) == 0) {
        srv_reply_data(res, 200, w);
        return;
    }
    srv_store_rollback(req->db);
    cJSON_Delete(w);
    srv_reply_db_error(res);
}

void srv_handlers_workspaces_register(void)
{
    srv_route_add("GET", "/v1/orgs/self/ws", list_ws);
    srv_route_add("POST", "/v1/orgs/self/ws", create_ws);
    srv_route_add("GET", "/v1/orgs/self/ws/{}", get_ws);
    srv_route_add("DELETE", "/v1/orgs/self/ws/{}", delete_ws);
    srv_route_add("GET", "/v1/orgs/self/ws/{}/ws", list_children);
}
