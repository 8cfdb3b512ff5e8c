/* SPDX-License-Identifier: Apache-2.0 */
/* Small helpers the core handlers share (names, JSON access, common errors). */
#include "server/handlers/handlers.h"
#include "server/srv_msg.h"

#include "server/store/store.h"

#include <ctype.h>
#include <string.h>

static int name_chars(const char *s, int allow_dot)
{
    size_t n = strlen(s);
    if (n == 0 || n > 100)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isalnum(c) || c == '-' || c == '_')
            continue;
        /* A dot separates nested workspace names: never first, last or doubled. */
        if (allow_dot && c == '.' && i > 0 && i + 1 < n && s[i + 1] != '.')
            continue;
        return 0;
    }
    return 1;
}

int srv_valid_name(const char *s)
{
    return s && name_chars(s, 0);
}

int srv_valid_ws_name(const char *s)
{
    return s && name_chars(s, 1);
}

const char *srv_json_str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

cJSON *srv_col_json_str(sqlite3_stmt *st, int col)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    return t ? cJSON_CreateString(t) : cJSON_CreateNull();
}

cJSON *srv_col_json(sqlite3_stmt *st, int col, cJSON *fallback)
{
    const char *t = (const char *)sqlite3_column_text(st, col);
    cJSON *v = t ? cJSON_Parse(t) : NULL;
    if (v) {
        cJSON_Delete(fallback);
        return v;
    }
    return fallback ? fallback : cJSON_CreateNull();
}

void srv_reply_db_error(srv_response *res)
{
    srv_reply_error(res, 500, "INTERNALERROR", NULL, "The local store failed; see the server log.");
}

int srv_require_object(const srv_request *req, srv_response *res)
{
    if (cJSON_IsObject(req->json))
        return 0;
    srv_reply_error(res, 400, "INVALIDINPUT", NULL, "The request body must be a JSON object.");
    return -1;
}

int srv_reply_find_error(srv_response *res, int rc, const char *ws, const char *coll)
{
    if (rc == 0)
        return 0;
    if (rc == 1)
        srv_reply_error(res, 404, "NOTFOUND", "WORKSPACE_NOT_FOUND",
                        SRV_MSG_NO_WORKSPACE, ws);
    else if (rc == 2)
        srv_reply_error(res, 404, "NOTFOUND", "COLLECTION_DOES_NOT_EXIST",
                        SRV_MSG_NO_COLLECTION, coll, ws);
    else
        srv_reply_db_error(res);
    return 1;
}

int srv_role_from_name(const char *name)
{
    if (!name)
        return -1;
    if (strcmp(name, "admin") == 0)
        return SRV_ROLE_ADMIN;
    if (strcmp(name, "member") == 0)
        return SRV_ROLE_MEMBER;
    if (strcmp(name, "read-only") == 0)
        return SRV_ROLE_READ_ONLY;
    return -1;
}

const char *srv_role_name(srv_role r)
{
    return r == SRV_ROLE_ADMIN ? "admin" : r == SRV_ROLE_MEMBER ? "member"
         : r == SRV_ROLE_READ_ONLY ? "read-only" : NULL;
}

/* The strongest role of a user (roles are a JSON array of names in users.roles); -1 on a
 * database error. Looked up per request so a role change applies at once. */
int srv_user_role(sqlite3 *db, const char *email)
{
    sqlite3_stmt *st = srv_store_prepare(
        db, "SELECT json_each.value FROM users, json_each(users.roles)"
            " WHERE users.email = ? AND json_valid(users.roles)"
            " AND json_each.type = 'text'");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, email, -1, SQLITE_TRANSIENT);
    int best = SRV_ROLE_NONE, rc;
    while ((rc = srv_store_step(st)) == SQLITE_ROW) {
        int r = srv_role_from_name((const char *)sqlite3_column_text(st, 0));
        if (r > best)
            best = r;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? best : -1;
}

int srv_require_role(const srv_request *req, srv_response *res, srv_role need, const char *what)
{
    int have = srv_user_role(req->db, req->user_email);
    if (have < 0) {
        srv_reply_db_error(res);
        return -1;
    }
    if (have >= (int)need)
        return 0;
    srv_reply_error(res, 403, "FORBIDDEN", NULL, "Only %s may %s.",
                    need == SRV_ROLE_ADMIN ? "admins" : "members and admins", what);
    return -1;
}

int srv_may_insert(const srv_request *req, srv_response *res)
{
    return srv_require_role(req, res, SRV_ROLE_MEMBER, "insert documents");
}
