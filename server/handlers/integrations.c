/* SPDX-License-Identifier: Apache-2.0 */
/* Integrations: stored as given (nothing here ingests from them), returned without their
 * secrets. Members and admins only: Rockset's role table gives read-only users no access to
 * integrations ("Read-only users cannot create, delete or modify collections or
 * integrations"; Integrations: - / read+write / read+write). */
#include "server/handlers/handlers.h"
#include "server/store/store.h"
#include "server/store/events.h"

#include <stdlib.h>
#include <string.h>

/* Credentials never leave the server once given, to anyone, the creation answer included:
 * Rockset's own Terraform provider reads integrations back without them ("The API sanitizes
 * it and removes secrets"; for MongoDB "The password is scrubbed from the URI when fetched by
 * the API"). Members whose name holds "secret" or "password" go (aws_secret_access_key,
 * Kafka's secret, Snowflake's and Redshift's password...), and those that are a credential
 * whole; identifiers stay (aws_access_key_id, aws_role_arn, username) so a client can tell
 * which credentials are set. */
static int is_secret_member(const char *k)
{
    static const char *const whole[] = {"service_account_key_file_json", "connection_string",
                                        "private_key", "credentials"};
    if (!k)
        return 0;
    if (strstr(k, "secret") || strstr(k, "password"))
        return 1;
    for (size_t i = 0; i < sizeof whole / sizeof *whole; i++)
        if (strcmp(k, whole[i]) == 0)
            return 1;
    return 0;
}

/* "scheme://user:pass@host/..." -> "scheme://user@host/...". */
static void scrub_uri_password(cJSON *v)
{
    char *u = cJSON_IsString(v) ? v->valuestring : NULL;
    char *auth = u ? strstr(u, "://") : NULL;
    if (!auth)
        return;
    auth += 3;
    size_t alen = strcspn(auth, "/?#");
    char *at = NULL;
    for (size_t i = 0; i < alen; i++)
        if (auth[i] == '@')
            at = auth + i;
    char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
    if (colon)
        memmove(colon, at, strlen(at) + 1);
}

static void redact(cJSON *o)
{
    cJSON *c = o ? o->child : NULL;
    while (c) {
        cJSON *next = c->next;
        if (cJSON_IsObject(o) && is_secret_member(c->string))
            cJSON_Delete(cJSON_DetachItemViaPointer(o, c));
        else if (cJSON_IsObject(o) && c->string && strcmp(c->string, "connection_uri") == 0)
            scrub_uri_password(c);
        else
            redact(c);
        c = next;
    }
}

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
    redact(o);
    cJSON_AddItemToObject(o, "created_at", srv_col_json_str(st, 1));
    cJSON_AddItemToObject(o, "created_by", srv_col_json_str(st, 2));
    cJSON_AddItemToObject(o, "collections", cJSON_CreateArray());
    /* Integration.description is always there, null when none was given (issue #12) */
    if (!cJSON_HasObjectItem(o, "description"))
        cJSON_AddNullToObject(o, "description");
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
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "create integrations") ||
        srv_require_object(req, res))
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
    else {
        srv_event_record(req, "INTEGRATION_CREATED", name, NULL);
        srv_reply_data(res, 200, o);
    }
}

static void get_integ(const srv_request *req, srv_response *res)
{
    int err;
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "read integrations"))
        return;
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
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "list integrations"))
        return;
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
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "delete integrations"))
        return;
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
