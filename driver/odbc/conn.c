/* SPDX-License-Identifier: Apache-2.0 */
/* Connection handle: connect (DSN / connection string), attributes, SQLGetInfo glue. */
#include "driver/odbc/conn.h"
#include "driver/odbc/stmt.h"
#include "driver/client/log.h"
#include "driver/odbc/keywords.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

SQLRETURN rs_conn_alloc(rs_env *env, SQLHANDLE *out)
{
    rs_conn *c;

    if (!env->odbc_version)
        return rs_diag_post(&env->h.diag, "HY010", 0,
                            "SQL_ATTR_ODBC_VERSION must be set before allocating a connection");
    c = calloc(1, sizeof *c);
    if (!c)
        return rs_diag_post(&env->h.diag, "HY001", 0, "out of memory");
    rs_handle_init(&c->h, SQL_HANDLE_DBC);
    pthread_mutex_init(&c->client_mu, NULL);
    c->env = env;
    c->h.diag.odbc2 = env->odbc_version == SQL_OV_ODBC2;
    c->access_mode = SQL_MODE_READ_WRITE;
    c->login_timeout = 0;
    env->nconns++;
    *out = c;
    return SQL_SUCCESS;
}

SQLRETURN rs_conn_free(rs_conn *c)
{
    if (c->connected)
        return rs_diag_post(&c->h.diag, "HY010", 0, "the connection is still open");
    c->env->nconns--;
    free(c->current_catalog);
    free(c->descs);
    rs_handle_destroy(&c->h);
    pthread_mutex_destroy(&c->client_mu);
    free(c);
    return SQL_SUCCESS;
}

/* SQL_DBMS_VER is "##.##.####" (major.minor.release), optionally followed by the product's own
 * text (ODBC SQLGetInfo). From the version the server names (its JSON or its Server header,
 * "rockset-local/0.1.0"); a server that names none is the Rockset API v1: "01.00.0000". */
void rs_conn_dbms_version(const char *reported, char *out, size_t cap)
{
    const char *v = reported ? reported : "";
    const char *slash = strrchr(v, '/');
    unsigned a = 0, b = 0, c = 0;

    if (slash)
        v = slash + 1;
    if (*v == 'v' || *v == 'V')
        v++;
    if (reported && *reported && sscanf(v, "%u.%u.%u", &a, &b, &c) >= 1 && a < 100 && b < 100 &&
        c < 10000)
        snprintf(out, cap, "%02u.%02u.%04u %s", a, b, c, reported);
    else
        snprintf(out, cap, "01.00.0000 Rockset API v1");
}

/* Reads the DBMS version and the user's email; both are optional facts for SQLGetInfo. */
static void fetch_server_facts(rs_conn *c, cJSON *org)
{
    static const char *const keys[] = {"rockset_version", "version", "server_version", NULL};
    cJSON *data = cJSON_GetObjectItemCaseSensitive(org, "data");
    cJSON *user = NULL;
    rs_error err;

    const char *reported = rs_client_server(c->client);

    if (!cJSON_IsObject(data))
        data = org;
    for (int i = 0; keys[i]; i++) {
        cJSON *v = cJSON_GetObjectItemCaseSensitive(data, keys[i]);
        if (cJSON_IsString(v) && v->valuestring && v->valuestring[0]) {
            reported = v->valuestring;
            break;
        }
    }
    rs_conn_dbms_version(reported, c->dbms_version, sizeof c->dbms_version);
    rs_error_clear(&err);
    if (rs_client_call(c->client, "GET", "/v1/orgs/self/users/self", NULL, &user, &err) == 0) {
        cJSON *d = cJSON_GetObjectItemCaseSensitive(user, "data");
        cJSON *email = cJSON_GetObjectItemCaseSensitive(cJSON_IsObject(d) ? d : user, "email");
        if (cJSON_IsString(email) && email->valuestring)
            snprintf(c->user_name, sizeof c->user_name, "%s", email->valuestring);
    }
    cJSON_Delete(user);
}

/* Connects with a resolved configuration: client, then GET /v1/orgs/self checks the key. */
static SQLRETURN connect_cfg(rs_conn *c, const rs_connstr *cs, int wide)
{
    char msg[512];
    rs_client_config cc;
    rs_error err;
    cJSON *org = NULL;

    if (rs_conn_cfg_resolve(cs, &c->cfg, msg, sizeof msg) != 0) {
        rs_conn_cfg_free(&c->cfg);
        return rs_diag_post(&c->h.diag, "HY000", 0, "%s", msg);
    }
    rs_log_configure((int)c->cfg.log_level, c->cfg.log_file);
    if (!c->cfg.api_key) {
        rs_conn_cfg_free(&c->cfg);
        return rs_diag_post(&c->h.diag, "HY000", 0,
                            "no API key: set ApiKey (or PWD) in the DSN or connection string");
    }
    rs_log_add_secret(c->cfg.api_key);
    memset(&cc, 0, sizeof cc);
    cc.server = c->cfg.server;
    cc.api_key = c->cfg.api_key;
    cc.timeout_ms = (c->connection_timeout ? (long)c->connection_timeout : c->cfg.timeout_s) * 1000L;
    cc.connect_timeout_ms =
        (c->login_timeout ? (long)c->login_timeout : c->cfg.connect_timeout_s) * 1000L;
    cc.ssl_verify = c->cfg.ssl_verify;
    cc.ca_info = c->cfg.ca_info;
    cc.proxy = c->cfg.proxy;
    cc.max_retries = (int)c->cfg.max_retries;
    cc.stall_timeout_ms = c->cfg.stall_timeout_s * 1000L;
    cc.max_value_bytes = (size_t)c->cfg.max_value_bytes;
    cc.max_page_bytes = (size_t)c->cfg.max_page_bytes;
    rs_error_clear(&err);
    c->client = rs_client_new(&cc, &err);
    if (!c->client) {
        rs_conn_cfg_free(&c->cfg);
        return rs_diag_post_error(&c->h.diag, &err, 1);
    }
    rs_log(RS_LOG_INFO, "connect: server %s, workspace %s", c->cfg.server, c->cfg.workspace);
    if (rs_client_call(c->client, "GET", "/v1/orgs/self", NULL, &org, &err) != 0) {
        rs_log(RS_LOG_ERROR, "connect failed: %s", err.message);
        rs_client_free(c->client);
        c->client = NULL;
        rs_conn_cfg_free(&c->cfg);
        cJSON_Delete(org);
        return rs_diag_post_error(&c->h.diag, &err, 1);
    }
    fetch_server_facts(c, org);
    cJSON_Delete(org);
    c->wide = wide;
    c->connected = 1;
    c->dead = 0;
    c->h.diag.connection_name = c->cfg.dsn ? c->cfg.dsn : "";
    c->h.diag.server_name = c->cfg.dsn ? c->cfg.dsn : c->cfg.server;
    if (c->query_timeout == 0)
        c->query_timeout = (SQLULEN)c->cfg.query_timeout_s;
    return SQL_SUCCESS;
}

SQLRETURN rs_conn_connect(rs_conn *c, const char *dsn, const char *uid, const char *pwd,
                          int wide)
{
    rs_connstr cs = {0};
    SQLRETURN rc;

    (void)uid; /* Rockset authenticates by API key only */
    if (c->connected)
        return rs_diag_post(&c->h.diag, "08002", 0, "the connection is already open");
    if (!dsn || !*dsn)
        return rs_diag_post(&c->h.diag, "IM002", 0, "no data source name given");
    rs_connstr_set(&cs, "DSN", dsn);
    rs_connstr_add_dsn(&cs, dsn);
    if (pwd && *pwd && !rs_connstr_get(&cs, "ApiKey"))
        rs_connstr_set(&cs, "ApiKey", pwd);
    rc = connect_cfg(c, &cs, wide);
    rs_connstr_free(&cs);
    return rc;
}

/* Unknown keywords are ignored with 01S00 and left out of the completed string. */
static SQLRETURN drop_unknown(rs_conn *c, rs_connstr *cs)
{
    SQLRETURN rc = SQL_SUCCESS;
    size_t j = 0;

    for (size_t i = 0; i < cs->n; i++) {
        if (rs_keyword_find(cs->items[i].key) || strcasecmp(cs->items[i].key, "SAVEFILE") == 0 ||
            strcasecmp(cs->items[i].key, "FILEDSN") == 0) {
            cs->items[j++] = cs->items[i];
            continue;
        }
        rc = rs_diag_post(&c->h.diag, "01S00", 0, "unknown keyword '%s' ignored",
                          cs->items[i].key);
        free(cs->items[i].key);
        free(cs->items[i].value);
        free(cs->items[i].written);
    }
    cs->n = j;
    return rc;
}

SQLRETURN rs_conn_driver_connect(rs_conn *c, SQLHWND hwnd, const char *in, long inlen,
                                 SQLUSMALLINT completion, int wide, const char **out)
{
    rs_connstr cs = {0};
    char msg[300];
    const char *dsn;
    SQLRETURN rc;

    *out = NULL;
    if (c->connected)
        return rs_diag_post(&c->h.diag, "08002", 0, "the connection is already open");
    if (completion != SQL_DRIVER_NOPROMPT && completion != SQL_DRIVER_COMPLETE &&
        completion != SQL_DRIVER_PROMPT && completion != SQL_DRIVER_COMPLETE_REQUIRED)
        return rs_diag_post(&c->h.diag, "HY110", 0, "invalid driver completion %u", completion);
    if (rs_connstr_parse(in ? in : "", inlen, &cs, msg, sizeof msg) != 0) {
        rs_connstr_free(&cs);
        return rs_diag_post(&c->h.diag, "HY000", 0, "%s", msg);
    }
    dsn = rs_connstr_get(&cs, "DSN");
    if (dsn && *dsn && !rs_connstr_get(&cs, "Driver"))
        rs_connstr_add_dsn(&cs, dsn);
    if (!rs_connstr_get(&cs, "ApiKey") && completion != SQL_DRIVER_NOPROMPT && hwnd) {
        /* a window handle asks for a dialog, and this driver has none */
        rs_connstr_free(&cs);
        return rs_diag_post(&c->h.diag, "IM008", 0,
                            "ApiKey is missing and this driver has no login dialog");
    }
    rc = connect_cfg(c, &cs, wide);
    if (SQL_SUCCEEDED(rc))
        rc = rs_rc_merge(rc, drop_unknown(c, &cs));
    if (SQL_SUCCEEDED(rc)) {
        free(c->out_connstr);
        c->out_connstr = rs_connstr_build(&cs);
        *out = c->out_connstr ? c->out_connstr : "";
    }
    rs_connstr_free(&cs);
    return rc;
}

SQLRETURN rs_conn_disconnect(rs_conn *c)
{
    if (!c->connected)
        return rs_diag_post(&c->h.diag, "08003", 0, "the connection is not open");
    while (c->stmts)
        rs_stmt_free(c->stmts);
    while (c->ndescs > 0) {
        rs_desc *d = c->descs[c->ndescs - 1];
        rs_desc_cleanup(d);
        free(d);
        c->ndescs--;
    }
    rs_conn_schema_clear(c);
    rs_conn_pending_clear(c);
    rs_client_free(c->client);
    c->client = NULL;
    if (c->out_connstr) {
        memset(c->out_connstr, 0, strlen(c->out_connstr));
        free(c->out_connstr);
        c->out_connstr = NULL;
    }
    rs_log(RS_LOG_INFO, "disconnect");
    c->h.diag.connection_name = "";
    c->h.diag.server_name = "";
    rs_conn_cfg_free(&c->cfg);
    c->connected = 0;
    return SQL_SUCCESS;
}

int rs_conn_add_desc(rs_conn *c, struct rs_desc *d)
{
    if (c->ndescs == c->descs_cap) {
        size_t n = c->descs_cap ? c->descs_cap * 2 : 4;
        rs_desc **nd = realloc(c->descs, n * sizeof *nd);
        if (!nd)
            return -1;
        c->descs = nd;
        c->descs_cap = n;
    }
    c->descs[c->ndescs++] = d;
    return 0;
}

void rs_conn_remove_desc(rs_conn *c, struct rs_desc *d)
{
    for (size_t i = 0; i < c->ndescs; i++) {
        if (c->descs[i] == d) {
            c->descs[i] = c->descs[--c->ndescs];
            return;
        }
    }
}

SQLRETURN rs_conn_post_error(rs_conn *c, rs_diag *d, const rs_error *err)
{
    if (err->kind == RS_ERR_NETWORK || err->kind == RS_ERR_CONNECT)
        c->dead = 1;
    return rs_diag_post_error(d, err, 0);
}

void rs_conn_catalog_ctx(rs_conn *c, rs_catalog_ctx *cx, int metadata_id)
{
    memset(cx, 0, sizeof *cx);
    cx->client = c->client;
    cx->default_workspace = c->cfg.workspace;
    cx->lambda_tag = c->cfg.lambda_tag;
    cx->metadata_id = metadata_id;
    cx->wide = c->wide;
    cx->max_varchar = c->cfg.max_varchar;
    cx->odbc_version = c->env->odbc_version;
}

SQLRETURN rs_conn_end_tran(rs_conn *c, SQLSMALLINT completion)
{
    if (completion != SQL_COMMIT && completion != SQL_ROLLBACK)
        return rs_diag_post(&c->h.diag, "HY012", 0, "invalid transaction operation %d",
                            completion);
    /* autocommit only: every statement is already committed, nothing to roll back */
    return SQL_SUCCESS;
}

SQLRETURN rs_native_sql(rs_conn *c, const char *in, long len, char **out)
{
    char msg[300];

    if (!c->connected)
        return rs_diag_post(&c->h.diag, "08003", 0, "the connection is not open");
    *out = rs_sql_native(in, len, msg, sizeof msg);
    if (!*out)
        return rs_diag_post(&c->h.diag, "42000", 0, "%s", msg);
    return SQL_SUCCESS;
}
