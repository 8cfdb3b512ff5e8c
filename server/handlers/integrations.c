/* SPDX-License-Identifier: Apache-2.0 */
/* Integrations: stored and returned as given (nothing here ingests from them). */
#include "server/handlers/handlers.h"
#include "server/store/store.h"

#include <stdlib.h>
#include <string.h>

static cJSON *integ_json(sqlite3_stmt *st)
{
    cJSON *o = srv_col_json(st, 0, cJSON_CreateObject());
    if (!cJSON_IsObject(o)) {
        cJSON_Delete(o);
        o = cJSON_CreateObject();
    }
    cJSON_DeleteItemFromObjectCaseSensitive(o, "created_at");
    cJSON_DeleteItemFromObjectCaseSensitive(o, "created_by");
    cJSON_DeleteItemFromObjectCaseSensitive(o, "collections");
    cJSON_AddItemToObject(o, "created_at", srv_col_json_str(st, 1));
    cJSON_AddItemToObject(o, "created_by", srv_col_json_str(st, 2));
    cJSON_AddItemToObject(o, "collections", cJSON_CreateArray());
    return o;
}

static cJSON *load_integ(sqlite3 *db, const char *name, int *err)
{
    sqlite3_stmt *st = srv_store_prepare(
        db, "SELECT body, created_at, created_by FROM integrations WHERE name = ?");
    *err = !st;
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    cJSON *o = rc == SQLITE_ROW ? integ_json(st) : NULL;
    *err = rc != SQLITE_ROW && rc != SQLITE_DONE;
    sqlite3_finalize(st);
    return o;
}

static void not_found(srv_response *res, const char *name)
{
    srv_reply_error(res, 404, "NOTFOUND", "INTEGRATION_NOT_FOUND", "Integration '%s' not found.",
                    name);
}

static void create_integ(const srv_request *req, srv_response *res)
{
    if (srv_require_object(req, res))
        return;
    const char *name = srv_json_str(req->json, "name");
    int err;
    if (!srv_valid_name(name)) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                        "An integration needs a 'name' of letters, digits, '-' or '_'.");
        return;
    }
    char now[32], *body = cJSON_PrintUnformatted(req->json);
    srv_now_iso(now, sizeof now);
    sqlite3_stmt *st = body ? srv_store_prepare(req->db, "INSERT INTO integrations(name, body,"
                                                         " created_at, created_by) VALUES(?,?,?,?)")
                            : NULL;
    int rc = SQLITE_ERROR;
    if (st) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, body, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, req->user_email, -1, SQLITE_TRANSIENT);
        rc = srv_store_step(st);
        sqlite3_finalize(st);
    }
    free(body);
    cJSON *o = rc == SQLITE_DONE ? load_integ(req->db, name, &err) : NULL;
    if (rc == SQLITE_CONSTRAINT)
        srv_reply_error(res, 409, "ALREADYEXISTS", "INTEGRATION_ALREADY_EXISTS",
                        "Integration '%s' already exists.", name);
    else if (!o)
        srv_reply_db_error(res);
    else
        srv_reply_data(res, 200, o);
}

static void get_integ(const srv_request *req, srv_response *res)
{
    int err;
    cJSON *o = load_integ(req->db, req->params[0], &err);
    if (o)
        srv_reply_data(res, 200, o);
    else if (err)
        srv_reply_db_error(res);
    else
        not_found(res, req->params[0]);
}

static void list_integ(const srv_request *req, srv_response *res)
{
    sqlite3_stmt *st = srv_store_prepare(
        req->db, "SELECT body, created_at, created_by FROM integrations ORDER BY name");
    if (!st) {
        srv_reply_db_error(res);
        return;
    }
    cJSON *arr = cJSON_CreateArray();
    while (srv_store_step(st) == SQLITE_ROW)
        cJSON_AddItemToArray(arr, integ_json(st));
    sqlite3_finalize(st);
    srv_reply_data(res, 200, arr);
}

static void delete_integ(const srv_request *req, srv_response *res)
{
    int err;
    cJSON *o = load_integ(req->db, req->params[0], &err);
    if (!o) {
        if (err)
            srv_reply_db_error(res);
        else
            not_found(res, req->params[0]);
        return;
    }
    sqlite3_stmt *st = srv_store_prepare(req->db, "DELETE FROM integrations WHERE name = ?");
    int rc = SQLITE_ERROR;
    if (st) {
        sqlite3_bind_text(st, 1, req->params[0], -1, SQLITE_TRANSIENT);
        rc = srv_store_step(st);
        sqlite3_finalize(st);
    }
    if (rc == SQLITE_DONE)
        srv_reply_data(res, 200, o);
    else {
        cJSON_Delete(o);
        srv_reply_db_error(res);
    }
}

void srv_handlers_integrations_register(void)
{
    srv_route_add("GET", "/v1/orgs/self/integrations", list_integ);
    srv_route_add("POST", "/v1/orgs/self/integrations", create_integ);
    srv_route_add("GET", "/v1/orgs/self/integrations/{}", get_integ);
    srv_route_add("DELETE", "/v1/orgs/self/integrations/{}", delete_integ);
}
