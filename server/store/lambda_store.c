/* SPDX-License-Identifier: Apache-2.0 */
/* Query Lambdas in the store (see lambda_store.h). */
#include "server/store/lambda_store.h"
#include "server/store/store.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const lambda_schema =
    "CREATE TABLE IF NOT EXISTS lambdas(workspace TEXT NOT NULL, name TEXT NOT NULL,"
    " created_at TEXT NOT NULL, last_updated TEXT NOT NULL, last_updated_by TEXT,"
    " PRIMARY KEY(workspace, name));"
    "CREATE TABLE IF NOT EXISTS lambda_versions(workspace TEXT NOT NULL, name TEXT NOT NULL,"
    " version TEXT NOT NULL, seq INTEGER NOT NULL, description TEXT, sql TEXT NOT NULL,"
    " default_parameters TEXT NOT NULL DEFAULT '[]', collections TEXT NOT NULL DEFAULT '[]',"
    " state TEXT NOT NULL DEFAULT 'ACTIVE', created_at TEXT NOT NULL, created_by TEXT,"
    " last_executed TEXT, last_executed_by TEXT, last_execution_error TEXT,"
    " last_execution_error_message TEXT, PRIMARY KEY(workspace, name, version));"
    "CREATE TABLE IF NOT EXISTS lambda_tags(workspace TEXT NOT NULL, name TEXT NOT NULL,"
    " tag TEXT NOT NULL, version TEXT NOT NULL, PRIMARY KEY(workspace, name, tag));";

int lambda_store_schema(sqlite3 *db)
{
    return sqlite3_exec(db, lambda_schema, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

void ls_version_id(const char *sql, const char *params_json, char out[17])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    size_t ls = strlen(sql), lp = strlen(params_json);
    char *buf = malloc(ls + lp + 1);
    memset(md, 0, sizeof md);
    if (buf) {
        /* the NUL separator keeps "ab"+"c" and "a"+"bc" apart */
        memcpy(buf, sql, ls + 1);
        memcpy(buf + ls + 1, params_json, lp);
        EVP_Digest(buf, ls + lp + 1, md, NULL, EVP_sha256(), NULL);
        free(buf);
    }
    for (int i = 0; i < 8; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* Prepares sql and binds the text arguments in order (NULL binds NULL). */
static sqlite3_stmt *prep(sqlite3 *db, const char *sql, int n, const char *const *args)
{
    sqlite3_stmt *st = srv_store_prepare(db, sql);
    if (!st)
        return NULL;
    for (int i = 0; i < n; i++)
        sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_TRANSIENT);
    return st;
}

static int run(sqlite3 *db, const char *sql, int n, const char *const *args)
{
    sqlite3_stmt *st = prep(db, sql, n, args);
    if (!st)
        return -1;
    int rc = srv_store_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int ls_lambda_exists(sqlite3 *db, const char *ws, const char *name)
{
    const char *a[] = { ws, name };
    sqlite3_stmt *st = prep(db, "SELECT 1 FROM lambdas WHERE workspace = ? AND name = ?", 2, a);
    if (!st)
        return -1;
    int rc = srv_store_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int ls_add_version(sqlite3 *db, const char *ws, const char *name, const char *description,
                   const char *sql, const char *params_json, const char *collections_json,
                   const char *user, char version[17])
{
    char now[32];
    srv_now_iso(now, sizeof now);
    ls_version_id(sql, params_json, version);
    const char *lam[] = { ws, name, now, now, user };
    const char *ver[] = { ws, name, version, ws, name, description, sql, params_json,
                          collections_json, now, user };
    const char *tag[] = { ws, name, version };
    const char *upd[] = { now, user, ws, name };
    if (srv_store_begin(db) != 0)
        return -1;
    int rc = run(db, "INSERT OR IGNORE INTO lambdas(workspace, name, created_at, last_updated,"
                     " last_updated_by) VALUES(?,?,?,?,?)", 5, lam);
    rc |= run(db, "UPDATE lambdas SET last_updated = ?, last_updated_by = ? WHERE"
                  " workspace = ? AND name = ?", 4, upd);
    rc |= run(db, "INSERT OR IGNORE INTO lambda_versions(workspace, name, version, seq,"
                  " description, sql, default_parameters, collections, created_at, created_by)"
                  " VALUES(?1, ?2, ?3, (SELECT coalesce(max(seq), 0) + 1 FROM lambda_versions"
                  " WHERE workspace = ?4 AND name = ?5), ?6, ?7, ?8, ?9, ?10, ?11)", 11, ver);
    rc |= run(db, "INSERT OR REPLACE INTO lambda_tags(workspace, name, tag, version)"
                  " VALUES(?, ?, 'latest', ?)", 3, tag);
    if (rc != 0) {
        srv_store_rollback(db);
        return -1;
    }
    return srv_store_commit(db);
}

static void add_str(cJSON *o, const char *k, sqlite3_stmt *st, int col)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    if (v)
        cJSON_AddStringToObject(o, k, v);
    else
        cJSON_AddNullToObject(o, k);
}

static cJSON *parse_or(const char *text, cJSON *fallback)
{
    cJSON *j = text ? cJSON_Parse(text) : NULL;
    if (j) {
        cJSON_Delete(fallback);
        return j;
    }
    return fallback;
}

#define VERSION_COLS "workspace, name, version, description, sql, default_parameters," \
    " collections, state, created_at, created_by, last_executed, last_executed_by," \
    " last_execution_error, last_execution_error_message"

static cJSON *version_from_row(sqlite3_stmt *st)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "workspace", st, 0);
    add_str(o, "name", st, 1);
    add_str(o, "version", st, 2);
    add_str(o, "description", st, 3);
    cJSON *sql = cJSON_AddObjectToObject(o, "sql");
    add_str(sql, "query", st, 4);
    cJSON_AddItemToObject(sql, "default_parameters",
                          parse_or((const char *)sqlite3_column_text(st, 5),
                                   cJSON_CreateArray()));
    cJSON_AddItemToObject(o, "collections",
                          parse_or((const char *)sqlite3_column_text(st, 6),
                                   cJSON_CreateArray()));
    add_str(o, "state", st, 7);
    add_str(o, "created_at", st, 8);
    add_str(o, "created_by", st, 9);
    cJSON *stats = cJSON_AddObjectToObject(o, "stats");
    add_str(stats, "last_executed", st, 10);
    add_str(stats, "last_executed_by", st, 11);
    add_str(stats, "last_execution_error", st, 12);
    add_str(stats, "last_execution_error_message", st, 13);
    return o;
}

static cJSON *versions_query(sqlite3 *db, const char *sql, int n, const char *const *a,
                             int single)
{
    sqlite3_stmt *st = prep(db, sql, n, a);
    if (!st)
        return NULL;
    cJSON *arr = single ? NULL : cJSON_CreateArray();
    while (srv_store_step(st) == SQLITE_ROW) {
        cJSON *v = version_from_row(st);
        if (single) {
            arr = v;
            break;
        }
        cJSON_AddItemToArray(arr, v);
    }
    sqlite3_finalize(st);
    return arr;
}

cJSON *ls_version_json(sqlite3 *db, const char *ws, const char *name, const char *version)
{
    const char *a[] = { ws, name, version };
    return versions_query(db, "SELECT " VERSION_COLS " FROM lambda_versions WHERE"
                              " workspace = ? AND name = ? AND version = ?", 3, a, 1);
}

cJSON *ls_list_versions(sqlite3 *db, const char *ws, const char *name)
{
    const char *a[] = { ws, name };
    return versions_query(db, "SELECT " VERSION_COLS " FROM lambda_versions WHERE"
                              " workspace = ? AND name = ? ORDER BY seq DESC", 2, a, 0);
}

cJSON *srv_query_lambdas_for_collection(sqlite3 *db, const char *ws, const char *coll)
{
    size_t L = strlen(ws) + strlen(coll) + 2;
    char *full = malloc(L);
    if (!full)
        return NULL;
    snprintf(full, L, "%s.%s", ws, coll);
    const char *a[] = { full };
    cJSON *r = versions_query(
        db, "SELECT " VERSION_COLS " FROM lambda_versions AS v WHERE EXISTS (SELECT 1 FROM"
            " lambda_tags t WHERE t.workspace = v.workspace AND t.name = v.name AND"
            " t.tag = 'latest' AND t.version = v.version) AND EXISTS (SELECT 1 FROM"
            " json_each(v.collections) WHERE value = ?) ORDER BY workspace, name", 1, a, 0);
    free(full);
    return r;
}

static cJSON *lambda_from_row(sqlite3 *db, sqlite3_stmt *st)
{
    cJSON *o = cJSON_CreateObject();
    const char *ws = (const char *)sqlite3_column_text(st, 0);
    const char *name = (const char *)sqlite3_column_text(st, 1);
    add_str(o, "workspace", st, 0);
    add_str(o, "name", st, 1);
    add_str(o, "last_updated", st, 2);
    add_str(o, "last_updated_by", st, 3);
    cJSON_AddNumberToObject(o, "version_count", (double)sqlite3_column_int64(st, 4));
    char latest[17];
    cJSON *v = ls_tag_version(db, ws, name, "latest", latest) == 0
                   ? ls_version_json(db, ws, name, latest) : NULL;
    cJSON *colls = v ? cJSON_Duplicate(cJSON_GetObjectItem(v, "collections"), 1) : NULL;
    cJSON_AddItemToObject(o, "collections", colls ? colls : cJSON_CreateArray());
    if (v)
        cJSON_AddItemToObject(o, "latest_version", v);
    return o;
}

#define LAMBDA_SQL "SELECT workspace, name, last_updated, last_updated_by, (SELECT count(*)" \
    " FROM lambda_versions v WHERE v.workspace = l.workspace AND v.name = l.name) FROM" \
    " lambdas l"

cJSON *ls_lambda_json(sqlite3 *db, const char *ws, const char *name)
{
    const char *a[] = { ws, name };
    sqlite3_stmt *st = prep(db, LAMBDA_SQL " WHERE workspace = ? AND name = ?", 2, a);
    if (!st)
        return NULL;
    cJSON *o = srv_store_step(st) == SQLITE_ROW ? lambda_from_row(db, st) : NULL;
    sqlite3_finalize(st);
    return o;
}

cJSON *ls_list_lambdas(sqlite3 *db, const char *ws)
{
    const char *a[] = { ws };
    sqlite3_stmt *st = ws ? prep(db, LAMBDA_SQL " WHERE workspace = ? ORDER BY name", 1, a)
                          : prep(db, LAMBDA_SQL " ORDER BY workspace, name", 0, a);
    if (!st)
        return NULL;
    cJSON *arr = cJSON_CreateArray();
    while (srv_store_step(st) == SQLITE_ROW)
        cJSON_AddItemToArray(arr, lambda_from_row(db, st));
    sqlite3_finalize(st);
    return arr;
}

static cJSON *tags_query(sqlite3 *db, const char *sql, int n, const char *const *a)
{
    sqlite3_stmt *st = prep(db, sql, n, a);
    if (!st)
        return NULL;
    cJSON *arr = cJSON_CreateArray();
    while (srv_store_step(st) == SQLITE_ROW) {
        cJSON *t = cJSON_CreateObject();
        add_str(t, "tag_name", st, 0);
        cJSON *v = ls_version_json(db, (const char *)sqlite3_column_text(st, 1),
                                   (const char *)sqlite3_column_text(st, 2),
                                   (const char *)sqlite3_column_text(st, 3));
        cJSON_AddItemToObject(t, "version", v ? v : cJSON_CreateNull());
        cJSON_AddItemToArray(arr, t);
    }
    sqlite3_finalize(st);
    return arr;
}

cJSON *ls_list_tags(sqlite3 *db, const char *ws, const char *name)
{
    const char *a[] = { ws, name };
    return tags_query(db, "SELECT tag, workspace, name, version FROM lambda_tags WHERE"
                          " workspace = ? AND name = ? ORDER BY tag", 2, a);
}

/* GET /lambdas/tags/{tag} answers ListQueryLambdaVersionsResponse (rockset-js 0.8.2,
 * listQueryLambdaTagVersions: "Get all Query Lambda versions with a given tag"): the versions
 * themselves, not tag objects. */
cJSON *ls_org_tag_versions(sqlite3 *db, const char *tag)
{
    const char *a[] = { tag };
    return versions_query(db, "SELECT " VERSION_COLS " FROM lambda_versions AS v JOIN"
                              " lambda_tags AS t USING (workspace, name, version) WHERE"
                              " t.tag = ? ORDER BY v.workspace, v.name", 1, a, 0);
}

cJSON *ls_org_tags(sqlite3 *db)
{
    sqlite3_stmt *st = srv_store_prepare(db, "SELECT DISTINCT tag FROM lambda_tags ORDER BY"
                                             " tag");
    if (!st)
        return NULL;
    cJSON *arr = cJSON_CreateArray();
    while (srv_store_step(st) == SQLITE_ROW) {
        cJSON *t = cJSON_CreateObject();
        add_str(t, "tag_name", st, 0);
        cJSON_AddItemToArray(arr, t);
    }
    sqlite3_finalize(st);
    return arr;
}

cJSON *ls_tag_json(sqlite3 *db, const char *ws, const char *name, const char *tag)
{
    const char *a[] = { ws, name, tag };
    cJSON *arr = tags_query(db, "SELECT tag, workspace, name, version FROM lambda_tags WHERE"
                                " workspace = ? AND name = ? AND tag = ?", 3, a);
    cJSON *t = arr ? cJSON_DetachItemFromArray(arr, 0) : NULL;
    cJSON_Delete(arr);
    return t;
}

int ls_tag_version(sqlite3 *db, const char *ws, const char *name, const char *tag,
                   char version[17])
{
    const char *a[] = { ws, name, tag };
    sqlite3_stmt *st = prep(db, "SELECT version FROM lambda_tags WHERE workspace = ? AND"
                                " name = ? AND tag = ?", 3, a);
    if (!st)
        return -1;
    int rc = srv_store_step(st);
    if (rc == SQLITE_ROW)
        snprintf(version, 17, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : 1;
}

int ls_delete_lambda(sqlite3 *db, const char *ws, const char *name)
{
    const char *a[] = { ws, name };
    if (srv_store_begin(db) != 0)
        return -1;
    int rc = run(db, "DELETE FROM lambda_tags WHERE workspace = ? AND name = ?", 2, a);
    rc |= run(db, "DELETE FROM lambda_versions WHERE workspace = ? AND name = ?", 2, a);
    rc |= run(db, "DELETE FROM lambdas WHERE workspace = ? AND name = ?", 2, a);
    if (rc != 0) {
        srv_store_rollback(db);
        return -1;
    }
    return srv_store_commit(db);
}

int ls_delete_version(sqlite3 *db, const char *ws, const char *name, const char *version,
                      char *tag_out, size_t taglen)
{
    const char *a[] = { ws, name, version };
    sqlite3_stmt *st = prep(db, "SELECT tag FROM lambda_tags WHERE workspace = ? AND name = ?"
                                " AND version = ? AND tag <> 'latest' ORDER BY tag", 3, a);
    if (!st)
        return -1;
    int rc = srv_store_step(st);
    if (rc == SQLITE_ROW)
        snprintf(tag_out, taglen, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return 2;
    if (srv_store_begin(db) != 0)
        return -1;
    st = prep(db, "DELETE FROM lambda_versions WHERE workspace = ? AND name = ? AND"
                  " version = ?", 3, a);
    rc = st ? srv_store_step(st) : SQLITE_ERROR;
    int changed = sqlite3_changes(db);
    sqlite3_finalize(st);
    /* `latest` follows the newest remaining version */
    int rc2 = run(db, "DELETE FROM lambda_tags WHERE workspace = ? AND name = ? AND"
                      " version = ?", 3, a);
    rc2 |= run(db, "INSERT OR IGNORE INTO lambda_tags(workspace, name, tag, version) SELECT"
                   " workspace, name, 'latest', version FROM lambda_versions WHERE"
                   " workspace = ?1 AND name = ?2 AND ?3 IS NOT NULL ORDER BY seq DESC"
                   " LIMIT 1", 3, a);
    if (rc != SQLITE_DONE || rc2 != 0) {
        srv_store_rollback(db);
        return -1;
    }
    if (srv_store_commit(db) != 0)
        return -1;
    return changed ? 0 : 1;
}

int ls_tag_set(sqlite3 *db, const char *ws, const char *name, const char *tag,
               const char *version)
{
    const char *a[] = { ws, name, tag, version };
    sqlite3_stmt *st = prep(db, "INSERT OR REPLACE INTO lambda_tags(workspace, name, tag,"
                                " version) SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM"
                                " lambda_versions WHERE workspace = ?1 AND name = ?2 AND"
                                " version = ?4)", 4, a);
    if (!st)
        return -1;
    int rc = srv_store_step(st);
    int changed = sqlite3_changes(db);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return -1;
    return changed ? 0 : 1;
}

int ls_tag_delete(sqlite3 *db, const char *ws, const char *name, const char *tag)
{
    const char *a[] = { ws, name, tag };
    sqlite3_stmt *st = prep(db, "DELETE FROM lambda_tags WHERE workspace = ? AND name = ? AND"
                                " tag = ?", 3, a);
    if (!st)
        return -1;
    int rc = srv_store_step(st);
    int changed = sqlite3_changes(db);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return -1;
    return changed ? 0 : 1;
}

void ls_note_execution(sqlite3 *db, const char *ws, const char *name, const char *version,
                       const char *user, const char *error)
{
    char now[32];
    srv_now_iso(now, sizeof now);
    if (error) {
        const char *a[] = { now, error, ws, name, version };
        run(db, "UPDATE lambda_versions SET last_execution_error = ?,"
                " last_execution_error_message = ? WHERE workspace = ? AND name = ? AND"
                " version = ?", 5, a);
    } else {
        const char *a[] = { now, user, ws, name, version };
        run(db, "UPDATE lambda_versions SET last_executed = ?, last_executed_by = ? WHERE"
                " workspace = ? AND name = ? AND version = ?", 5, a);
    }
}
