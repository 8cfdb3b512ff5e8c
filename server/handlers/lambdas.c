/* SPDX-License-Identifier: Apache-2.0 */
/* Query Lambdas: create, versions, tags, listings, deletion and execution. */
#include "server/srv.h"
#include "server/srv_msg.h"
#include "server/store/store.h"
#include "server/handlers/handlers.h"
#include "server/store/lambda_store.h"
#include "server/query/query_run.h"
#include "server/query/query_store.h"
#include "server/http/limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void reply_version_missing(srv_response *res, const char *ws, const char *name,
                                  const char *version)
{
    srv_reply_error(res, 404, "NOTFOUND", "QUERY_LAMBDA_VERSION_NOT_FOUND",
                    "Query Lambda \"%s\" (version \"%s\") not found in workspace \"%s\".", name,
                    version, ws);
}

static void reply_lambda_missing(srv_response *res, const char *ws, const char *name)
{
    srv_reply_error(res, 404, "NOTFOUND", "QUERY_LAMBDA_NOT_FOUND",
                    "Query Lambda \"%s\" not found in workspace \"%s\".", name, ws);
}

/* 1 when the workspace is missing (answered). */
static int ws_missing(const srv_request *req, srv_response *res, const char *ws)
{
    int rc = srv_store_workspace_exists(req->db, ws);
    if (rc == 1)
        return 0;
    if (rc < 0)
        srv_reply_db_error(res);
    else
        srv_reply_error(res, 404, "NOTFOUND", "WORKSPACE_NOT_FOUND",
                        SRV_MSG_NO_WORKSPACE, ws);
    return 1;
}

static int lambda_missing(const srv_request *req, srv_response *res, const char *ws,
                          const char *name)
{
    int rc = ls_lambda_exists(req->db, ws, name);
    if (rc == 1)
        return 0;
    if (rc < 0)
        srv_reply_db_error(res);
    else
        reply_lambda_missing(res, ws, name);
    return 1;
}

/* Checks the SQL (parsed and planned, parameters unbound) and adds the version. */
static void add_version(const srv_request *req, srv_response *res, const char *ws,
                        const char *name, int status)
{
    const cJSON *sql = cJSON_GetObjectItemCaseSensitive(req->json, "sql");
    const cJSON *q = cJSON_GetObjectItemCaseSensitive(sql, "query");
    const cJSON *dp = cJSON_GetObjectItemCaseSensitive(sql, "default_parameters");
    const char *desc = srv_json_str(req->json, "description");
    if (!cJSON_IsString(q) || (dp && !cJSON_IsArray(dp) && !cJSON_IsNull(dp))) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                        "The body needs sql.query (string) and optional sql.default_parameters"
                        " (array)");
        return;
    }
    sqlite3 *db = srv_store_open();
    if (!db) {
        srv_reply_db_error(res);
        return;
    }
    qx_options xo = { NULL, 0, 1, NULL };
    qx_query qq;
    qx_error err;
    if (qx_prepare(db, q->valuestring, NULL, &xo, qs_resolve, db, &qq, &err) != 0) {
        qr_reply_error(res, &err, NULL);
        qx_finish(&qq);
        sqlite3_close(db);
        return;
    }
    cJSON *colls = cJSON_CreateArray();
    for (size_t i = 0; i < qq.tr.ncollections; i++)
        cJSON_AddItemToArray(colls, cJSON_CreateString(qq.tr.collections[i]));
    qx_finish(&qq);
    sqlite3_close(db);
    char *ptext = cJSON_IsArray(dp) ? cJSON_PrintUnformatted(dp) : strdup("[]");
    char *ctext = cJSON_PrintUnformatted(colls);
    cJSON_Delete(colls);
    char version[17];
    int rc = ptext && ctext ? ls_add_version(req->db, ws, name, desc, q->valuestring, ptext,
                                             ctext, req->user_email, version) : -1;
    free(ptext);
    free(ctext);
    if (rc != 0) {
        srv_reply_db_error(res);
        return;
    }
    srv_reply_data(res, status, ls_version_json(req->db, ws, name, version));
}

static void h_create(const srv_request *req, srv_response *res)
{
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "create Query Lambdas"))
        return;
    const char *ws = req->params[0];
    if (srv_require_object(req, res) || ws_missing(req, res, ws))
        return;
    const char *name = srv_json_str(req->json, "name");
    if (!name || !srv_valid_name(name)) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                        "A Query Lambda needs a name of letters, digits, '-' and '_'");
        return;
    }
    int ex = ls_lambda_exists(req->db, ws, name);
    if (ex != 0) {
        if (ex < 0)
            srv_reply_db_error(res);
        else
            srv_reply_error(res, 409, "ALREADYEXISTS", "QUERY_LAMBDA_ALREADY_EXISTS",
                            "Query Lambda \"%s\" already exists in workspace \"%s\".", name, ws);
        return;
    }
    add_version(req, res, ws, name, 200);
}

static void h_update(const srv_request *req, srv_response *res)
{
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "update Query Lambdas"))
        return;
    const char *ws = req->params[0], *name = req->params[1];
    const char *create = srv_query_arg(req, "create");
    if (srv_require_object(req, res) || ws_missing(req, res, ws))
        return;
    if (!(create && strcmp(create, "true") == 0) && lambda_missing(req, res, ws, name))
        return;
    if (!srv_valid_name(name)) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL, "Invalid Query Lambda name");
        return;
    }
    add_version(req, res, ws, name, 200);
}

static void reply_list(srv_response *res, cJSON *arr)
{
    if (arr)
        srv_reply_data(res, 200, arr);
    else
        srv_reply_db_error(res);
}

static void h_list_all(const srv_request *req, srv_response *res)
{
    reply_list(res, ls_list_lambdas(req->db, NULL));
}

static void h_list_ws(const srv_request *req, srv_response *res)
{
    if (!ws_missing(req, res, req->params[0]))
        reply_list(res, ls_list_lambdas(req->db, req->params[0]));
}

static void h_versions(const srv_request *req, srv_response *res)
{
    if (!lambda_missing(req, res, req->params[0], req->params[1]))
        reply_list(res, ls_list_versions(req->db, req->params[0], req->params[1]));
}

static void h_tags(const srv_request *req, srv_response *res)
{
    if (!lambda_missing(req, res, req->params[0], req->params[1]))
        reply_list(res, ls_list_tags(req->db, req->params[0], req->params[1]));
}

static void h_org_tags(const srv_request *req, srv_response *res)
{
    reply_list(res, ls_org_tags(req->db));
}

static void h_org_tag(const srv_request *req, srv_response *res)
{
    reply_list(res, ls_org_tag_versions(req->db, req->params[0]));
}

static void h_get_version(const srv_request *req, srv_response *res)
{
    const char *ws = req->params[0], *name = req->params[1], *ver = req->params[2];
    cJSON *v = ls_version_json(req->db, ws, name, ver);
    if (v)
        srv_reply_data(res, 200, v);
    else
        reply_version_missing(res, ws, name, ver);
}

static void h_delete(const srv_request *req, srv_response *res)
{
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "delete Query Lambdas"))
        return;
    const char *ws = req->params[0], *name = req->params[1];
    cJSON *l = ls_lambda_json(req->db, ws, name);
    if (!l) {
        reply_lambda_missing(res, ws, name);
        return;
    }
    if (ls_delete_lambda(req->db, ws, name) != 0) {
        cJSON_Delete(l);
        srv_reply_db_error(res);
        return;
    }
    srv_reply_data(res, 200, l);
}

/* A version a tag (other than `latest`) points to is not deleted: 400 DEPENDENTRESOURCES. */
static void h_delete_version(const srv_request *req, srv_response *res)
{
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "delete Query Lambda versions"))
        return;
    const char *ws = req->params[0], *name = req->params[1], *ver = req->params[2];
    cJSON *v = ls_version_json(req->db, ws, name, ver);
    char tag[256] = "";
    if (!v) {
        reply_version_missing(res, ws, name, ver);
        return;
    }
    int rc = ls_delete_version(req->db, ws, name, ver, tag, sizeof tag);
    if (rc == 0) {
        srv_reply_data(res, 200, v);
        return;
    }
    cJSON_Delete(v);
    if (rc == 2)
        srv_reply_error(res, 400, "DEPENDENTRESOURCES", "QUERY_LAMBDA_VERSION_TAGGED",
                        "Version \"%s\" of Query Lambda \"%s\" is tagged \"%s\"; delete or move"
                        " the tag first.", ver, name, tag);
    else if (rc == 1)
        reply_version_missing(res, ws, name, ver);
    else
        srv_reply_db_error(res);
}

static void h_tag_create(const srv_request *req, srv_response *res)
{
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "tag Query Lambda versions"))
        return;
    const char *ws = req->params[0], *name = req->params[1];
    if (srv_require_object(req, res) || lambda_missing(req, res, ws, name))
        return;
    const char *tag = srv_json_str(req->json, "tag_name");
    const char *ver = srv_json_str(req->json, "version");
    if (!tag || !ver || !*tag) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL, "The body needs tag_name and version");
        return;
    }
    int rc = ls_tag_set(req->db, ws, name, tag, ver);
    if (rc == 1)
        reply_version_missing(res, ws, name, ver);
    else if (rc != 0)
        srv_reply_db_error(res);
    else
        srv_reply_data(res, 200, ls_tag_json(req->db, ws, name, tag));
}

static void reply_tag_missing(srv_response *res, const char *ws, const char *name,
                              const char *tag)
{
    srv_reply_error(res, 404, "NOTFOUND", "QUERY_LAMBDA_TAG_NOT_FOUND",
                    "Tag \"%s\" of Query Lambda \"%s\" not found in workspace \"%s\".", tag,
                    name, ws);
}

static void h_tag_get(const srv_request *req, srv_response *res)
{
    const char *ws = req->params[0], *name = req->params[1], *tag = req->params[2];
    cJSON *t = ls_tag_json(req->db, ws, name, tag);
    if (t)
        srv_reply_data(res, 200, t);
    else
        reply_tag_missing(res, ws, name, tag);
}

static void h_tag_delete(const srv_request *req, srv_response *res)
{
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "delete Query Lambda tags"))
        return;
    const char *ws = req->params[0], *name = req->params[1], *tag = req->params[2];
    cJSON *t = ls_tag_json(req->db, ws, name, tag);
    if (!t) {
        reply_tag_missing(res, ws, name, tag);
        return;
    }
    if (ls_tag_delete(req->db, ws, name, tag) < 0) {
        cJSON_Delete(t);
        srv_reply_db_error(res);
        return;
    }
    srv_reply_data(res, 200, t);
}

/* Request parameters override the version's defaults by name. */
static cJSON *merge_params(const cJSON *defaults, const cJSON *given)
{
    cJSON *out = cJSON_IsArray(defaults) ? cJSON_Duplicate(defaults, 1) : cJSON_CreateArray();
    const cJSON *p;
    cJSON_ArrayForEach(p, given) {
        const char *n = srv_json_str(p, "name");
        int i = 0, replaced = 0;
        cJSON *d;
        cJSON_ArrayForEach(d, out) {
            const char *dn = srv_json_str(d, "name");
            if (n && dn && strcmp(n, dn) == 0) {
                cJSON_ReplaceItemInArray(out, i, cJSON_Duplicate(p, 1));
                replaced = 1;
                break;
            }
            i++;
        }
        if (!replaced)
            cJSON_AddItemToArray(out, cJSON_Duplicate(p, 1));
    }
    return out;
}

static void execute(const srv_request *req, srv_response *res, const char *ws,
                    const char *name, const char *ver)
{
    cJSON *v = ls_version_json(req->db, ws, name, ver);
    if (!v) {
        reply_version_missing(res, ws, name, ver);
        return;
    }
    const cJSON *sql = cJSON_GetObjectItemCaseSensitive(v, "sql");
    const char *query = srv_json_str(sql, "query");
    const cJSON *given = req->json ? cJSON_GetObjectItemCaseSensitive(req->json, "parameters")
                                   : NULL;
    cJSON *params = merge_params(cJSON_GetObjectItemCaseSensitive(sql, "default_parameters"),
                                 cJSON_IsArray(given) ? given : NULL);
    char path[600];
    snprintf(path, sizeof path, "%s.%s", ws, name);
    qr_opts o;
    qx_error err;
    char msg[160];
    /* the same bounds on request numbers (timeout_ms, ...) as a plain query */
    if (qr_opts_check(req->json, NULL, msg, sizeof msg) != 0) {
        cJSON_Delete(params);
        cJSON_Delete(v);
        srv_reply_error(res, 400, "INVALIDINPUT", NULL, "%s", msg);
        return;
    }
    qr_opts_from_json(&o, req->json, NULL);
    o.lambda_path = path;
    o.may_write = srv_may_insert;
    o.docs_limit = srv_limits_docs;
    int rc = qr_run(req, res, query ? query : "", params, &o, &err);
    ls_note_execution(req->db, ws, name, ver, req->user_email, rc ? err.msg : NULL);
    cJSON_Delete(params);
    cJSON_Delete(v);
}

static void h_exec_version(const srv_request *req, srv_response *res)
{
    execute(req, res, req->params[0], req->params[1], req->params[2]);
}

static void h_exec_tag(const srv_request *req, srv_response *res)
{
    const char *ws = req->params[0], *name = req->params[1], *tag = req->params[2];
    char ver[17];
    if (ls_tag_version(req->db, ws, name, tag, ver) != 0) {
        reply_tag_missing(res, ws, name, tag);
        return;
    }
    execute(req, res, ws, name, ver);
}

void srv_handlers_lambdas_register(void)
{
    srv_store_lambdas_hook = srv_query_lambdas_for_collection;
    srv_route_add("GET", "/v1/orgs/self/lambdas/tags", h_org_tags);
    srv_route_add("GET", "/v1/orgs/self/lambdas/tags/{}", h_org_tag);
    srv_route_add("GET", "/v1/orgs/self/lambdas", h_list_all);
    srv_route_add("POST", "/v1/orgs/self/ws/{}/lambdas", h_create);
    srv_route_add("GET", "/v1/orgs/self/ws/{}/lambdas", h_list_ws);
    srv_route_add("DELETE", "/v1/orgs/self/ws/{}/lambdas/{}", h_delete);
    srv_route_add("POST", "/v1/orgs/self/ws/{}/lambdas/{}/versions", h_update);
    srv_route_add("GET", "/v1/orgs/self/ws/{}/lambdas/{}/versions", h_versions);
    srv_route_add("GET", "/v1/orgs/self/ws/{}/lambdas/{}/versions/{}", h_get_version);
    srv_route_add("POST", "/v1/orgs/self/ws/{}/lambdas/{}/versions/{}", h_exec_version);
    srv_route_add("DELETE", "/v1/orgs/self/ws/{}/lambdas/{}/version/{}", h_delete_version);
    srv_route_add("POST", "/v1/orgs/self/ws/{}/lambdas/{}/tags", h_tag_create);
    srv_route_add("GET", "/v1/orgs/self/ws/{}/lambdas/{}/tags", h_tags);
    srv_route_add("GET", "/v1/orgs/self/ws/{}/lambdas/{}/tags/{}", h_tag_get);
    srv_route_add("POST", "/v1/orgs/self/ws/{}/lambdas/{}/tags/{}", h_exec_tag);
    srv_route_add("DELETE", "/v1/orgs/self/ws/{}/lambdas/{}/tags/{}", h_tag_delete);
}
