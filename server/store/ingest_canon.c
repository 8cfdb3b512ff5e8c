/* SPDX-License-Identifier: Apache-2.0 */
/* Date/time wrappers stored in their canonical text. Queries compare the value of a wrapper
 * as text (TIME '01:01:07' against a stored "01:01:07"), so every stored date, time,
 * datetime and timestamp must be spelled the one way the SQL functions write it
 * (sql_functions.h): "01:01:07.000" is stored as "01:01:07", a timestamp given as epoch
 * microseconds as its ISO text. Doing it once here keeps the per-row scan free of it. */
#include "server/store/ingest_int.h"
#include "server/store/store.h"
#include "server/sql/sql_functions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CANON_PATH_MAX 1024

static int edits_add(srv_canon_edits *ed, const char *path, const char *value)
{
    char **np = realloc(ed->path, (ed->n + 1) * sizeof *np);
    if (!np)
        return -1;
    ed->path = np;
    char **nv = realloc(ed->value, (ed->n + 1) * sizeof *nv);
    if (!nv)
        return -1;
    ed->value = nv;
    ed->path[ed->n] = strdup(path);
    ed->value[ed->n] = strdup(value);
    if (!ed->path[ed->n] || !ed->value[ed->n]) {
        free(ed->path[ed->n]);
        free(ed->value[ed->n]);
        return -1;
    }
    ed->n++;
    return 0;
}

void srv_canon_edits_free(srv_canon_edits *ed)
{
    for (size_t i = 0; i < ed->n; i++) {
        free(ed->path[i]);
        free(ed->value[i]);
    }
    free(ed->path);
    free(ed->value);
    memset(ed, 0, sizeof *ed);
}

/* One wrapper: rewrites its value when it is not canonical. Values that do not read as
 * their type are left as they came. */
static int canon_wrapper(cJSON *node, cJSON *val, sql_tv k, char *path, size_t plen,
                         srv_canon_edits *ed)
{
    char num[32], out[40];
    const char *in = NULL;
    if (cJSON_IsString(val))
        in = val->valuestring;
    else if (cJSON_IsNumber(val) && k == SQL_TV_TIMESTAMP)
        snprintf(num, sizeof num, "%.0f", val->valuedouble), in = num;
    if (!in || sql_tv_canon(in, k, out, sizeof out) != 1)
        return 0;
    cJSON *s = cJSON_CreateString(out);
    if (!s || !cJSON_ReplaceItemInObjectCaseSensitive(node, "value", s)) {
        cJSON_Delete(s);
        return -1;
    }
    if (!ed)
        return 0;
    if (plen + 7 >= CANON_PATH_MAX)
        return 0;
    memcpy(path + plen, ".value", 7);
    int rc = edits_add(ed, path, out);
    path[plen] = '\0';
    return rc;
}

static int canon_node(cJSON *node, char *path, size_t plen, int top, srv_canon_edits *ed)
{
    cJSON *c;
    if (cJSON_IsObject(node)) {
        const cJSON *tag = cJSON_GetObjectItemCaseSensitive(node, "__rockset_type");
        cJSON *val = cJSON_GetObjectItemCaseSensitive(node, "value");
        sql_tv k;
        if (cJSON_IsString(tag) && val && sql_tv_from_name(tag->valuestring, &k) == 0)
            return canon_wrapper(node, val, k, path, plen, ed);
        cJSON_ArrayForEach(c, node) {
            /* _id and _event_time are columns, not stored fields; a key with '"' has no
             * JSON path SQLite can write */
            if ((top && (strcmp(c->string, "_id") == 0 || strcmp(c->string, "_event_time") == 0))
                || strchr(c->string, '"'))
                continue;
            int n = snprintf(path + plen, CANON_PATH_MAX - plen, ".\"%s\"", c->string);
            if (n < 0 || (size_t)n >= CANON_PATH_MAX - plen)
                continue;
            if (canon_node(c, path, plen + (size_t)n, 0, ed) != 0)
                return -1;
            path[plen] = '\0';
        }
    } else if (cJSON_IsArray(node)) {
        int i = 0;
        cJSON_ArrayForEach(c, node) {
            int n = snprintf(path + plen, CANON_PATH_MAX - plen, "[%d]", i++);
            if (n < 0 || (size_t)n >= CANON_PATH_MAX - plen)
                continue;
            if (canon_node(c, path, plen + (size_t)n, 0, ed) != 0)
                return -1;
            path[plen] = '\0';
        }
    }
    return 0;
}

int srv_ingest_canon(cJSON *doc, srv_canon_edits *ed)
{
    char path[CANON_PATH_MAX] = "$";
    return canon_node(doc, path, 1, 1, ed);
}

int srv_ingest_canon_apply(sqlite3 *db, const char *table, const char *id,
                           const srv_canon_edits *ed)
{
    char sql[160];
    if (ed->n == 0)
        return 0;
    snprintf(sql, sizeof sql, "UPDATE %s SET doc = json_set(doc, ?, ?) WHERE _id = ?", table);
    sqlite3_stmt *st = srv_store_prepare(db, sql);
    int rc = st ? 0 : -1;
    for (size_t i = 0; st && i < ed->n && rc == 0; i++) {
        sqlite3_bind_text(st, 1, ed->path[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, ed->value[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, id, -1, SQLITE_STATIC);
        if (srv_store_step(st) != SQLITE_DONE)
            rc = -1;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}
