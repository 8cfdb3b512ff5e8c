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

#endif
