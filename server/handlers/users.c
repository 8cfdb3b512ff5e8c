/* SPDX-License-Identifier: Apache-2.0 */
/* Users: create, delete, get self, get one, list. Get answers are bare Users. */
#include "server/handlers/handlers.h"
#include "server/store/store.h"
#include "server/store/events.h"

#include <stdlib.h>
#include <string.h>

#define USER_COLS "email, first_name, last_name, roles, state, created_at"

static cJSON *user_json(sqlite3_stmt *st)
{
    cJSON *u = cJSON_CreateObject();
    cJSON_AddItemToObject(u, "email", srv_col_json_str(st, 0));
    cJSON_AddItemToObject(u, "first_name", srv_col_json_str(st, 1));
    cJSON_AddItemToObject(u, "last_name", srv_col_json_str(st, 2));
    cJSON_AddItemToObject(u, "roles", srv_col_json(st, 3, cJSON_CreateArray()));
    cJSON_AddItemToObject(u, "state", srv_col_json_str(st, 4));
    cJSON_AddItemToObject(u, "created_at", srv_col_json_str(st, 5));
    return u;
}

/* The user as JSON; NULL with *err = 0 when missing, 1 on a database error. */
static cJSON *load_user(sqlite3 *db, const char *email, int *err)
{
    sqlite3_stmt *st = srv_store_prepare(db, "SELECT " USER_COLS " FROM users WHERE email = ?");
    *err = !st;
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, email, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    cJSON *u = rc == SQLITE_ROW ? user_json(st) : NULL;
    *err = rc != SQLITE_ROW && rc != SQLITE_DONE;
    sqlite3_finalize(st);
    return u;
}

static void reply_user(const srv_request *req, srv_response *res, const char *email, int wrap)
{
    int err;
    cJSON *u = load_user(req->db, email, &err);
    if (err)
        srv_reply_db_error(res);
    else if (!u)
        srv_reply_error(res, 404, "NOTFOUND", "USER_NOT_FOUND", "User '%s' not found.", email);
    else if (wrap)
        srv_reply_data(res, 200, u);
    else
        srv_reply_json(res, 200, u);
}

static void get_self(const srv_request *req, srv_response *res)
{
    reply_user(req, res, req->user_email, 0);
}

/* Users: read for members, read+write for admins, nothing for read-only (Rockset's role
 * table); one's own user is always readable. */
static void get_user(const srv_request *req, srv_response *res)
{
    if (strcmp(req->params[0], req->user_email) != 0 &&
        srv_require_role(req, res, SRV_ROLE_MEMBER, "read other users"))
        return;
    reply_user(req, res, req->params[0], 0);
}

static void list_users(const srv_request *req, srv_response *res)
{
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "list users"))
        return;
    sqlite3_stmt *st = srv_store_prepare(req->db, "SELECT " USER_COLS " FROM users ORDER BY email");
    if (!st) {
        srv_reply_db_error(res);
        return;
    }
    cJSON *arr = cJSON_CreateArray();
    while (srv_store_step(st) == SQLITE_ROW)
        cJSON_AddItemToArray(arr, user_json(st));
    sqlite3_finalize(st);
    srv_reply_data(res, 200, arr);
}

/* roles: an array of role names, or (as the reference's example shows) that array as a
 * string. Only Rockset's built-in roles exist here ("[\"admin\", \"member\",
 * \"read-only\"]" in the reference): a name nothing checks would grant nothing silently. */
static char *roles_text(const cJSON *roles)
{
    cJSON *parsed = NULL;
    if (cJSON_IsString(roles))
        roles = parsed = cJSON_Parse(roles->valuestring);
    if (!cJSON_IsArray(roles)) {
        cJSON_Delete(parsed);
        return NULL;
    }
    const cJSON *r;
    cJSON_ArrayForEach(r, roles) {
        if (!cJSON_IsString(r) || srv_role_from_name(r->valuestring) < 0) {
            cJSON_Delete(parsed);
            return NULL;
        }
    }
    char *t = cJSON_PrintUnformatted(roles);
    cJSON_Delete(parsed);
    return t;
}

static void create_user(const srv_request *req, srv_response *res)
{
    /* Roles are given here: whoever creates users decides who is admin. */
    if (srv_require_role(req, res, SRV_ROLE_ADMIN, "create users") ||
        srv_require_object(req, res))
        return;
    const char *email = srv_json_str(req->json, "email");
    char *roles = roles_text(cJSON_GetObjectItemCaseSensitive(req->json, "roles"));
    if (!email || !strchr(email, '@') || strlen(email) > 254 || strchr(email, '/') || !roles) {
        free(roles);
        srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                        "A user needs an 'email' (with @) and 'roles' (an array of 'admin', "
                        "'member' or 'read-only').");
        return;
    }
    char now[32];
    srv_now_iso(now, sizeof now);
    sqlite3_stmt *st = srv_store_prepare(
        req->db, "INSERT INTO users(email, first_name, last_name, roles, state, created_at)"
                 " VALUES(?, ?, ?, ?, 'ACTIVE', ?)");
    if (!st) {
        free(roles);
        srv_reply_db_error(res);
        return;
    }
    sqlite3_bind_text(st, 1, email, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, srv_json_str(req->json, "first_name"), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, srv_json_str(req->json, "last_name"), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, roles, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    sqlite3_finalize(st);
    free(roles);
    if (rc == SQLITE_CONSTRAINT)
        srv_reply_error(res, 409, "ALREADYEXISTS", "USER_ALREADY_EXISTS",
                        "User '%s' already exists.", email);
    else if (rc != SQLITE_DONE)
        srv_reply_db_error(res);
    else {
        srv_event_record(req, "USER_CREATED", email, NULL);
        reply_user(req, res, email, 1);
    }
}

static void delete_user(const srv_request *req, srv_response *res)
{
    const char *email = req->params[0];
    int err;
    /* Deleting a user deletes their API keys too: admins only, like the keys themselves. */
    if (srv_require_role(req, res, SRV_ROLE_ADMIN, "delete users"))
        return;
    if (strcmp(email, req->user_email) == 0 || strcmp(email, "self") == 0) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                        "The user of the API key in use cannot delete itself.");
        return;
    }
    if (srv_store_begin(req->db) != 0) {
        srv_reply_db_error(res);
        return;
    }
    cJSON *u = load_user(req->db, email, &err);
    sqlite3_stmt *st = u ? srv_store_prepare(req->db, "DELETE FROM apikeys WHERE user_email = ?1;")
                         : NULL;
    sqlite3_stmt *st2 = u ? srv_store_prepare(req->db, "DELETE FROM users WHERE email = ?1") : NULL;
    int ok = u && st && st2;
    if (ok) {
        sqlite3_bind_text(st, 1, email, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st2, 1, email, -1, SQLITE_TRANSIENT);
        ok = srv_store_step(st) == SQLITE_DONE && srv_store_step(st2) == SQLITE_DONE;
    }
    sqlite3_finalize(st);
    sqlite3_finalize(st2);
    if (ok && srv_store_commit(req->db) == 0) {
        srv_reply_data(res, 200, u);
        return;
    }
    srv_store_rollback(req->db);
    cJSON_Delete(u);
    if (!u && !err)
        srv_reply_error(res, 404, "NOTFOUND", "USER_NOT_FOUND", "User '%s' not found.", email);
    else
        srv_reply_db_error(res);
}

void srv_handlers_users_register(void)
{
    srv_route_add("GET", "/v1/orgs/self/users/self", get_self);
    srv_route_add("GET", "/v1/orgs/self/users", list_users);
    srv_route_add("POST", "/v1/orgs/self/users", create_user);
    srv_route_add("GET", "/v1/orgs/self/users/{}", get_user);
    srv_route_add("DELETE", "/v1/orgs/self/users/{}", delete_user);
}
