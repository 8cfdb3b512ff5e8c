/* SPDX-License-Identifier: Apache-2.0 */
/* API keys of the current user (users/self) or of any user (admins only). The store keeps
 * only a key's hash and masked form (auth.c), so the key is shown whole once, in the answer
 * that creates it; ?reveal=true is refused with 501 rather than answered with the mask. */
#include "server/http/auth.h"
#include "server/handlers/handlers.h"
#include "server/store/store.h"
#include "server/store/events.h"

#include <stdio.h>
#include <string.h>

#define KEY_COLS "name, key, created_at, created_by, last_access_time, state, user_email"

/* A key acts with its owner's roles, so its role is the owner's strongest. */
static cJSON *key_json(sqlite3 *db, sqlite3_stmt *st)
{
    const char *owner = (const char *)sqlite3_column_text(st, 6);
    int role = owner ? srv_user_role(db, owner) : -1;
    cJSON *k = cJSON_CreateObject();
    cJSON_AddItemToObject(k, "name", srv_col_json_str(st, 0));
    cJSON_AddItemToObject(k, "key", srv_col_json_str(st, 1));
    cJSON_AddItemToObject(k, "created_at", srv_col_json_str(st, 2));
    cJSON_AddItemToObject(k, "created_by", srv_col_json_str(st, 3));
    cJSON_AddItemToObject(k, "last_access_time", srv_col_json_str(st, 4));
    cJSON_AddItemToObject(k, "state", srv_col_json_str(st, 5));
    cJSON_AddNullToObject(k, "expiry_time");
    if (role > 0)
        cJSON_AddStringToObject(k, "role", srv_role_name((srv_role)role));
    else
        cJSON_AddNullToObject(k, "role");
    return k;
}

/* Resolves {user} ("self" = the caller) and checks the caller may act on it. NULL when it
 * answered an error. */
static const char *target_user(const srv_request *req, srv_response *res)
{
    const char *u = req->params[0];
    if (strcmp(u, "self") == 0 || strcmp(u, req->user_email) == 0)
        return req->user_email;
    /* "Create a new API key for any user in your organization. Accessible to Admin users
     * only." (and the same for list and delete): checked before the user's existence, so a
     * non-admin learns nothing about other users from here. */
    if (srv_require_role(req, res, SRV_ROLE_ADMIN, "manage the API keys of other users"))
        return NULL;
    sqlite3_stmt *st = srv_store_prepare(req->db, "SELECT 1 FROM users WHERE email = ?");
    if (!st) {
        srv_reply_db_error(res);
        return NULL;
    }
    sqlite3_bind_text(st, 1, u, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    int exists = rc == SQLITE_ROW;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        srv_reply_db_error(res);
        return NULL;
    }
    if (!exists) {
        srv_reply_error(res, 404, "NOTFOUND", "USER_NOT_FOUND", "User '%s' not found.", u);
        return NULL;
    }
    return u;
}

/* The key `name` of user as JSON, NULL when missing (*err on database errors). */
static cJSON *load_key(sqlite3 *db, const char *user, const char *name, int *err)
{
    sqlite3_stmt *st = srv_store_prepare(
        db, "SELECT " KEY_COLS " FROM apikeys WHERE user_email = ? AND name = ?");
    *err = !st;
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, user, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    cJSON *k = rc == SQLITE_ROW ? key_json(db, st) : NULL;
    *err = rc != SQLITE_ROW && rc != SQLITE_DONE;
    sqlite3_finalize(st);
    return k;
}

static void not_found(srv_response *res, const char *name)
{
    srv_reply_error(res, 404, "NOTFOUND", "APIKEY_NOT_FOUND", "API key '%s' not found.", name);
}

static void create_key(const srv_request *req, srv_response *res)
{
    const char *user = target_user(req, res);
    if (!user || srv_require_object(req, res))
        return;
    const char *name = srv_json_str(req->json, "name");
    char key[SRV_KEY_LEN + 1];
    int err;
    if (!srv_valid_name(name)) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                        "An API key needs a 'name' of letters, digits, '-' or '_'.");
        return;
    }
    int rc = srv_auth_create_key(req->db, user, name, req->user_email, NULL, key);
    if (rc == 1) {
        srv_reply_error(res, 409, "ALREADYEXISTS", "APIKEY_ALREADY_EXISTS",
                        "API key '%s' already exists.", name);
        return;
    }
    cJSON *k = rc == 0 ? load_key(req->db, user, name, &err) : NULL;
    if (!k) {
        srv_reply_db_error(res);
        return;
    }
    /* the one answer that holds the whole key */
    cJSON_ReplaceItemInObjectCaseSensitive(k, "key", cJSON_CreateString(key));
    memset(key, 0, sizeof key);
    srv_event_record(req, "API_KEY_CREATED", name, user);
    srv_reply_data(res, 200, k);
}

static void list_keys(const srv_request *req, srv_response *res)
{
    const char *user = target_user(req, res);
    if (!user)
        return;
    sqlite3_stmt *st = srv_store_prepare(
        req->db, "SELECT " KEY_COLS " FROM apikeys WHERE user_email = ? ORDER BY created_at, id");
    if (!st) {
        srv_reply_db_error(res);
        return;
    }
    sqlite3_bind_text(st, 1, user, -1, SQLITE_TRANSIENT);
    cJSON *arr = cJSON_CreateArray();
    while (srv_store_step(st) == SQLITE_ROW)
        cJSON_AddItemToArray(arr, key_json(req->db, st));
    sqlite3_finalize(st);
    srv_reply_data(res, 200, arr);
}

static void get_key(const srv_request *req, srv_response *res)
{
    const char *user = target_user(req, res);
    if (!user)
        return;
    const char *reveal = srv_query_arg(req, "reveal");
    int err;
    cJSON *k = load_key(req->db, user, req->params[1], &err);
    if (k && reveal && strcmp(reveal, "true") == 0) {
        cJSON_Delete(k);
        srv_reply_error(res, 501, "NOTIMPLEMENTEDYET", NULL,
                        "rockset-local keeps only a hash of each API key: a key is shown whole "
                        "once, in the answer that created it, and cannot be revealed later.");
    } else if (k)
        srv_reply_data(res, 200, k);
    else if (err)
        srv_reply_db_error(res);
    else
        not_found(res, req->params[1]);
}

static void delete_key(const srv_request *req, srv_response *res)
{
    const char *user = target_user(req, res);
    if (!user)
        return;
    int err;
    cJSON *k = load_key(req->db, user, req->params[1], &err);
    if (!k) {
        if (err)
            srv_reply_db_error(res);
        else
            not_found(res, req->params[1]);
        return;
    }
    sqlite3_stmt *st =
        srv_store_prepare(req->db, "DELETE FROM apikeys WHERE user_email = ? AND name = ?");
    int rc = SQLITE_ERROR;
    if (st) {
        sqlite3_bind_text(st, 1, user, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, req->params[1], -1, SQLITE_TRANSIENT);
        rc = srv_store_step(st);
        sqlite3_finalize(st);
    }
    /* the key as it was: ApiKey.state is ACTIVE or SUSPENDED, there is no DELETED */
    if (rc == SQLITE_DONE) {
        srv_event_record(req, "API_KEY_DELETED", req->params[1], user);
        srv_reply_data(res, 200, k);
    } else {
        cJSON_Delete(k);
        srv_reply_db_error(res);
    }
}

void srv_handlers_apikeys_register(void)
{
    /* {user} "self" names the caller, so one pattern serves both forms. */
    srv_route_add("POST", "/v1/orgs/self/users/{}/apikeys", create_key);
    srv_route_add("GET", "/v1/orgs/self/users/{}/apikeys", list_keys);
    srv_route_add("GET", "/v1/orgs/self/users/{}/apikeys/{}", get_key);
    srv_route_add("DELETE", "/v1/orgs/self/users/{}/apikeys/{}", delete_key);
}
