/* SPDX-License-Identifier: Apache-2.0 */
/* GET /v1/orgs/self: the one organization of this server. */
#include "server/handlers/handlers.h"
#include "server/store/store.h"

static void get_org(const srv_request *req, srv_response *res)
{
    sqlite3_stmt *st = srv_store_prepare(
        req->db, "SELECT (SELECT value FROM meta WHERE key = 'org_id'),"
                 " (SELECT value FROM meta WHERE key = 'org_created_at')");
    if (!st || srv_store_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        srv_reply_db_error(res);
        return;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "id", srv_col_json_str(st, 0));
    cJSON_AddItemToObject(o, "created_at", srv_col_json_str(st, 1));
    cJSON_AddStringToObject(o, "display_name", "rockset-local");
    cJSON_AddStringToObject(o, "company_name", "rockset-local");
    cJSON_AddItemToObject(o, "external_id", srv_col_json_str(st, 0));
    cJSON_AddStringToObject(o, "rockset_user", req->user_email);
    cJSON_AddStringToObject(o, "state", "ACTIVE");
    sqlite3_finalize(st);
    srv_reply_data(res, 200, o);
}

void srv_handlers_orgs_register(void)
{
    srv_route_add("GET", "/v1/orgs/self", get_org);
}
