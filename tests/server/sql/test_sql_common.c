/* SPDX-License-Identifier: Apache-2.0 */
#include "tests/server/sql/test_sql_common.h"

#include <CUnit/Basic.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const fixture[] = {
    "CREATE TABLE coll_fields(coll_id INTEGER, name TEXT)",
    "CREATE TABLE docs_1(_id TEXT PRIMARY KEY, _event_time INTEGER NOT NULL, doc TEXT NOT NULL)",
    "CREATE TABLE docs_2(_id TEXT PRIMARY KEY, _event_time INTEGER NOT NULL, doc TEXT NOT NULL)",
    "INSERT INTO docs_1 VALUES ('a', 1700000000000000, "
    "'{\"name\":\"Ann\",\"age\":31,\"score\":2.0,\"active\":true,\"tags\":[\"x\",\"y\"],"
    "\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"},\"nick\":null}')",
    "INSERT INTO docs_1 VALUES ('b', 1700000000123456, "
    "'{\"name\":\"Bob\",\"age\":25,\"score\":3.5,\"active\":false,\"tags\":[],"
    "\"address\":{\"city\":\"Rome\"}}')",
    "INSERT INTO docs_1 VALUES ('c', 1700000001000000, '{\"name\":\"Cy\",\"age\":40}')",
    "INSERT INTO coll_fields VALUES (1,'name'),(1,'age'),(1,'score'),(1,'active'),(1,'tags'),"
    "(1,'address'),(1,'nick')",
    "INSERT INTO docs_2 VALUES ('i1', 1700000000000000, '{\"owner\":\"a\",\"qty\":2}')",
    "INSERT INTO docs_2 VALUES ('i2', 1700000000000000, '{\"owner\":\"a\",\"qty\":5}')",
    "INSERT INTO docs_2 VALUES ('i3', 1700000000000000, '{\"owner\":\"b\",\"qty\":1}')",
    "INSERT INTO coll_fields VALUES (2,'owner'),(2,'qty')",
    NULL
};

sqlite3 *tsql_open(void)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        return NULL;
    for (int i = 0; fixture[i]; i++)
        if (sqlite3_exec(db, fixture[i], NULL, NULL, NULL) != SQLITE_OK) {
            fprintf(stderr, "fixture: %s\n", sqlite3_errmsg(db));
            sqlite3_close(db);
            return NULL;
        }
    return db;
}

int tsql_resolve(void *ctx, const char *ws, const char *coll, sql_coll *out)
{
    sqlite3 *db = ctx;
    long long id;
    if (strcmp(ws, "commons") == 0 && strcmp(coll, "people") == 0)
        id = 1;
    else if (strcmp(ws, "ws.nested") == 0 && strcmp(coll, "items") == 0)
        id = 2;
    else
        return strcmp(ws, "commons") == 0 || strcmp(ws, "ws.nested") == 0 ? 2 : 1;
    snprintf(out->table, sizeof out->table, "docs_%lld", id);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT name FROM coll_fields WHERE coll_id=? ORDER BY rowid", -1,
                           &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    while (sqlite3_step(st) == SQLITE_ROW) {
        char **nv = realloc(out->fields, (out->nfields + 1) * sizeof *nv);
        if (!nv)
            break;
        out->fields = nv;
        out->fields[out->nfields++] = strdup((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return 0;
}

char *tsql_run(sqlite3 *db, const char *sql, const char *params, qx_error *err)
{
    cJSON *p = params ? cJSON_Parse(params) : NULL;
    qx_query q;
    char *res = NULL;
    if (qx_prepare(db, sql, p, NULL, tsql_resolve, db, &q, err) == 0) {
        sql_sbuf out = { 0 };
        int rc, n = 0;
        sql_sbuf_puts(&out, "[");
        for (;;) {
            size_t mark = out.len;
            if (n > 0)
                sql_sbuf_puts(&out, ",");
            rc = qx_next(&q, &out, err);
            if (rc != 1) {
                out.len = mark;
                out.s[mark] = '\0';
                break;
            }
            n++;
        }
        sql_sbuf_puts(&out, "]");
        if (rc == 0)
            res = out.s;
        else
            free(out.s);
    }
    qx_finish(&q);
    cJSON_Delete(p);
    return res;
}

void tsql_expect(sqlite3 *db, const char *sql, const char *params, const char *want)
{
    qx_error err;
    char *got = tsql_run(db, sql, params, &err);

    if (!got || strcmp(got, want) != 0)
        fprintf(stderr, "\n  query: %s\n  want:  %s\n  got:   %s (%s)\n", sql, want,
                got ? got : "(error)", got ? "" : err.msg);
    CU_ASSERT_PTR_NOT_NULL(got);
    if (got)
        CU_ASSERT_STRING_EQUAL(got, want);
    free(got);
}

void tsql_eval(sqlite3 *db, const char *expr, char *out, size_t outlen)
{
    char sql[2048];
    sqlite3_stmt *st = NULL;
    snprintf(sql, sizeof sql,
             "SELECT rs_typeof(e), rs_cast(e, 'string', 1) FROM (SELECT (%s) AS e)", expr);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        snprintf(out, outlen, "error:%s", sqlite3_errmsg(db));
        return;
    }
    if (sqlite3_step(st) != SQLITE_ROW)
        snprintf(out, outlen, "error:%s", sqlite3_errmsg(db));
    else if (sqlite3_column_type(st, 0) == SQLITE_NULL ||
             strcmp((const char *)sqlite3_column_text(st, 0), "null") == 0)
        snprintf(out, outlen, "null");
    else
        snprintf(out, outlen, "%s:%s", sqlite3_column_text(st, 0),
                 sqlite3_column_type(st, 1) == SQLITE_NULL
                     ? "?" : (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
}

void tsql_ex_at(sqlite3 *db, const char *expr, const char *want, int line)
{
    char got[2048];
    tsql_eval(db, expr, got, sizeof got);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "\nline %d: %s\n  want %s\n  got  %s\n", line, expr, want, got);
    CU_ASSERT_STRING_EQUAL(got, want);
}

void tsql_err_at(sqlite3 *db, const char *expr, const char *part, int line)
{
    char got[2048];
    tsql_eval(db, expr, got, sizeof got);
    int ok = strncmp(got, "error:", 6) == 0 && strstr(got, part) != NULL;
    if (!ok)
        fprintf(stderr, "\nline %d: %s\n  want error with '%s'\n  got  %s\n", line, expr, part,
                got);
    CU_ASSERT_TRUE(ok);
}

void tsql_expect_error(sqlite3 *db, const char *sql, const char *part)
{
    qx_error err;
    memset(&err, 0, sizeof err);
    char *got = tsql_run(db, sql, NULL, &err);
    CU_ASSERT_PTR_NULL(got);
    if (got || !strstr(err.msg, part))
        fprintf(stderr, "\n%s\n  want an error with: %s\n  got: %s / %s\n", sql, part,
                got ? got : "(no rows)", err.msg);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, part));
    free(got);
}
