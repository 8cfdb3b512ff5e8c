/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the control-plane handlers of the core area. */
#ifndef SRV_HANDLERS_H
#define SRV_HANDLERS_H

#include "server/srv.h"

/* Names of collections, keys, integrations: letters, digits, '-' and '_' (1..100 chars);
 * workspaces may also contain '.' between parts (nested workspaces). */
int srv_valid_name(const char *s);
int srv_valid_ws_name(const char *s);

/* The string member k of o, NULL when absent or not a string. */
const char *srv_json_str(const cJSON *o, const char *k);
/* Column text as a JSON string, or JSON null. */
cJSON *srv_col_json_str(sqlite3_stmt *st, int col);
/* Column holding JSON text, parsed (or the fallback when NULL/invalid). */
cJSON *srv_col_json(sqlite3_stmt *st, int col, cJSON *fallback);

void srv_reply_db_error(srv_response *res);
/* 400 INVALIDINPUT with a message; a body that must be an object but is not. */
int srv_require_object(const srv_request *req, srv_response *res);

/* Answers 404 for a collection lookup result (1 workspace, 2 collection) or 500 (-1);
 * returns 1 when it answered. */
int srv_reply_find_error(srv_response *res, int rc, const char *ws, const char *coll);

/* Rockset's built-in roles, weakest first. From Rockset's IAM page (API v1 era): "Administrators
 * have full permissions over all Rockset resources ... An administrator can also manage
 * organization settings, users, and billing information"; "Members can manage most Rockset
 * resources including collections, integrations, workspaces, and Query Lambdas. However,
 * members cannot make changes to the organization, billing or other users"; "Read-Only users
 * can only query existing collections ... cannot create, delete or modify collections or
 * integrations". Its table: Users - / read / read+write; Integrations - / read+write /
 * read+write; Self's API Keys read+write for all; Others' API Keys admin only. A key acts with
 * its owner's roles ("All API keys will have the same permissions as the user who created
 * them"), so the caller's role is the strongest role of the key's user. */
typedef enum srv_role {
    SRV_ROLE_NONE = 0,     /* no known role: self only */
    SRV_ROLE_READ_ONLY,
    SRV_ROLE_MEMBER,
    SRV_ROLE_ADMIN
} srv_role;

/* The role named "admin", "member" or "read-only"; -1 for any other name. */
int srv_role_from_name(const char *name);
/* The name of a role ("read-only"...), NULL for SRV_ROLE_NONE. */
const char *srv_role_name(srv_role r);
/* The strongest role of the user with that email; -1 on a database error. */
int srv_user_role(sqlite3 *db, const char *email);
/* 0 when the caller holds `need` or a stronger role; else answers 403 FORBIDDEN ("Only ...
 * may <what>.") or 500 and returns -1. */
int srv_require_role(const srv_request *req, srv_response *res, srv_role need, const char *what);
/* INSERT INTO ... SELECT writes documents: the role the documents API asks for (qr_opts). */
int srv_may_insert(const srv_request *req, srv_response *res);

#endif
