/* SPDX-License-Identifier: Apache-2.0 */
/* Field mappings: input fields bound as parameters into the output expression, which a
 * private in-memory SQLite connection evaluates (so a mapping can never read the store). */
#include "server/store/ingest.h"
#include "server/store/ingest_int.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* One evaluator per thread, closed by the key's destructor when the thread ends. */
static pthread_key_t eval_key;
static pthread_once_t eval_once = PTHREAD_ONCE_INIT;

/* How long one mapping may run for one document. A mapping is an SQL expression, and SQL can
 * loop forever (a recursive CTE): evaluated inside an add-documents request, it held the write
 * lock, no write answered again and SIGTERM could not stop the server. A mapping that runs out
 * of time fails like any failing mapping (its on_error decides), and one that runs out of time
 * on an all-null document is refused when the collection is created. */
#define SRV_MAP_LIMIT_US 250000LL

static _Thread_local long long eval_deadline_us; /* 0: no evaluation running */

static int eval_past_deadline(void *unused)
{
    (void)unused;
    return eval_deadline_us > 0 && srv_now_micros() > eval_deadline_us;
}

/* Steps st under the mapping time limit. */
static int eval_step(sqlite3_stmt *st)
{
    eval_deadline_us = srv_now_micros() + SRV_MAP_LIMIT_US;
    int rc = sqlite3_step(st);
    eval_deadline_us = 0;
    return rc;
}

static void eval_close(void *db)
{
    sqlite3_close(db);
}

static void eval_key_init(void)
{
    pthread_key_create(&eval_key, eval_close);
}

static sqlite3 *evaluator(void)
{
    pthread_once(&eval_once, eval_key_init);
    sqlite3 *db = pthread_getspecific(eval_key);
    if (db)
        return db;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK || srv_ingest_register_functions(db) != 0) {
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_progress_handler(db, 1000, eval_past_deadline, NULL);
    pthread_setspecific(eval_key, db);
    return db;
}

void srv_ingest_map_thread_end(void)
{
    pthread_once(&eval_once, eval_key_init);
    sqlite3_close(pthread_getspecific(eval_key));
    pthread_setspecific(eval_key, NULL);
}

/* Rockset type names in CAST(... AS t) -> SQLite's (string -> TEXT, float -> REAL). */
static char *rewrite_casts(const char *expr)
{
    static const struct { const char *from, *to; } map[] = {
        {"string", "TEXT"}, {"float", "REAL"}, {"bool", "INTEGER"}, {"boolean", "INTEGER"},
        {"int", "INTEGER"}, {"bigint", "INTEGER"}};
    size_t n = strlen(expr);
    char *out = malloc(2 * n + 16), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        int done = 0;
        if ((i == 0 || !isalnum((unsigned char)expr[i - 1])) && strncasecmp(expr + i, "AS", 2) == 0 &&
            isspace((unsigned char)expr[i + 2])) {
            size_t j = i + 2;
            while (isspace((unsigned char)expr[j]))
                j++;
            for (size_t m = 0; m < sizeof map / sizeof map[0] && !done; m++) {
                size_t l = strlen(map[m].from);
                if (strncasecmp(expr + j, map[m].from, l) == 0 &&
                    !isalnum((unsigned char)expr[j + l]) && expr[j + l] != '_') {
                    o += sprintf(o, "AS %s", map[m].to);
                    i = j + l;
                    done = 1;
                }
            }
        }
        if (!done)
            *o++ = expr[i++];
    }
    *o = '\0';
    return out;
}

static void bind_value(sqlite3_stmt *st, int idx, const cJSON *v)
{
    if (!v || cJSON_IsNull(v)) {
        sqlite3_bind_null(st, idx);
    } else if (cJSON_IsBool(v)) {
        sqlite3_bind_int(st, idx, cJSON_IsTrue(v));
    } else if (cJSON_IsNumber(v)) {
        double d = v->valuedouble;
        if (d == floor(d) && fabs(d) < 9.0e15)
            sqlite3_bind_int64(st, idx, (sqlite3_int64)d);
        else
            sqlite3_bind_double(st, idx, d);
    } else if (cJSON_IsString(v)) {
        sqlite3_bind_text(st, idx, v->valuestring, -1, SQLITE_TRANSIENT);
    } else {
        char *t = cJSON_PrintUnformatted(v);
        sqlite3_bind_text(st, idx, t ? t : "null", -1, SQLITE_TRANSIENT);
        free(t);
    }
}

static cJSON *result_value(sqlite3_stmt *st)
{
    static const char hex[] = "0123456789abcdef";
    switch (sqlite3_column_type(st, 0)) {
    case SQLITE_INTEGER: return cJSON_CreateNumber((double)sqlite3_column_int64(st, 0));
    case SQLITE_FLOAT: return cJSON_CreateNumber(sqlite3_column_double(st, 0));
    case SQLITE_TEXT: return cJSON_CreateString((const char *)sqlite3_column_text(st, 0));
    case SQLITE_BLOB: {
        /* Bytes are stored as lowercase hex text (documented in docs/server.md). */
        const unsigned char *b = sqlite3_column_blob(st, 0);
        int n = sqlite3_column_bytes(st, 0);
        char *s = malloc(2 * (size_t)n + 1);
        if (!s)
            return NULL;
        for (int i = 0; i < n; i++) {
            s[2 * i] = hex[b[i] >> 4];
            s[2 * i + 1] = hex[b[i] & 15];
        }
        s[2 * n] = '\0';
        cJSON *r = cJSON_CreateString(s);
        free(s);
        return r;
    }
    default: return cJSON_CreateNull();
    }
}

static const char *str_of(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    if (cJSON_IsString(v))
        return v->valuestring;
    /* Newer clients send {"sql": "..."} for the output value. */
    if (cJSON_IsObject(v) && cJSON_IsString(cJSON_GetObjectItemCaseSensitive(v, "sql")))
        return cJSON_GetObjectItemCaseSensitive(v, "sql")->valuestring;
    return NULL;
}

/* 1 evaluated (*out set), 0 skipped, -1 failed (err set). */
static int eval_mapping(const cJSON *m, const cJSON *src, cJSON **out, char *err, size_t errlen)
{
    const cJSON *outf = cJSON_GetObjectItemCaseSensitive(m, "output_field");
    const char *expr = str_of(outf, "value");
    if (!expr)
        return 0;
    sqlite3 *db = evaluator();
    char *sql = rewrite_casts(expr), *full = NULL;
    if (!db || !sql || asprintf(&full, "SELECT %s", sql) < 0) {
        free(sql);
        snprintf(err, errlen, "out of memory evaluating a field mapping");
        return -1;
    }
    free(sql);
    sqlite3_stmt *st = NULL;
    const char *tail = NULL;
    int rc = sqlite3_prepare_v2(db, full, -1, &st, &tail);
    int ok = rc == SQLITE_OK && st && tail && strspn(tail, " \t\r\n") == strlen(tail);
    const cJSON *in;
    cJSON_ArrayForEach(in, cJSON_GetObjectItemCaseSensitive(m, "input_fields")) {
        const char *param = str_of(in, "param"), *fname = str_of(in, "field_name");
        if (!ok || !param || !fname)
            continue;
        const cJSON *v = srv_ingest_lookup(src, fname);
        const char *ifm = str_of(in, "if_missing");
        if (!v && ifm && strcasecmp(ifm, "SKIP") == 0) {
            sqlite3_finalize(st);
            free(full);
            return 0;
        }
        char pname[300];
        snprintf(pname, sizeof pname, ":%s", param);
        int idx = sqlite3_bind_parameter_index(st, pname);
        if (idx > 0)
            bind_value(st, idx, v);
    }
    if (ok && eval_step(st) == SQLITE_ROW) {
        *out = result_value(st);
    } else {
        snprintf(err, errlen, "field mapping '%s' failed: %s", str_of(m, "name") ? str_of(m, "name") : "",
                 !ok ? "the output value is not one SQL expression"
                 : sqlite3_errcode(db) == SQLITE_INTERRUPT ? "it did not finish in time"
                 : sqlite3_errmsg(db));
        ok = 0;
    }
    sqlite3_finalize(st);
    free(full);
    return ok && *out ? 1 : -1;
}

static void remove_path(cJSON *doc, const char *dotted)
{
    char *copy = strdup(dotted), *last = copy ? strrchr(copy, '.') : NULL;
    if (!copy)
        return;
    cJSON *parent = doc;
    if (last) {
        *last = '\0';
        parent = (cJSON *)srv_ingest_lookup(doc, copy);
        last++;
    } else {
        last = copy;
    }
    if (cJSON_IsObject(parent))
        cJSON_DeleteItemFromObjectCaseSensitive(parent, last);
    free(copy);
}

int srv_ingest_map(const cJSON *mappings, cJSON *doc, char *err, size_t errlen)
{
    const cJSON *m;
    int drop_all = 0;
    cJSON *outputs = cJSON_CreateObject();
    /* Every mapping reads the document as it came in; drops and outputs apply after. */
    cJSON_ArrayForEach(m, mappings) {
        cJSON *val = NULL;
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "is_drop_all_fields")))
            drop_all = 1;
        const cJSON *outf = cJSON_GetObjectItemCaseSensitive(m, "output_field");
        const char *oname = str_of(outf, "field_name");
        int rc = eval_mapping(m, doc, &val, err, errlen);
        if (rc < 0) {
            const char *oe = str_of(outf, "on_error");
            if (oe && strcasecmp(oe, "FAIL") == 0) {
                cJSON_Delete(outputs);
                return -1;
            }
        } else if (rc == 1 && oname) {
            cJSON_DeleteItemFromObjectCaseSensitive(outputs, oname);
            cJSON_AddItemToObject(outputs, oname, val);
            val = NULL;
        }
        cJSON_Delete(val);
    }
    cJSON_ArrayForEach(m, mappings) {
        const cJSON *in;
        cJSON_ArrayForEach(in, cJSON_GetObjectItemCaseSensitive(m, "input_fields")) {
            if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(in, "is_drop")) &&
                str_of(in, "field_name"))
                remove_path(doc, str_of(in, "field_name"));
        }
    }
    if (drop_all) {
        cJSON *keep_id = cJSON_DetachItemFromObjectCaseSensitive(doc, "_id");
        cJSON *keep_et = cJSON_DetachItemFromObjectCaseSensitive(doc, "_event_time");
        while (doc->child)
            cJSON_Delete(cJSON_DetachItemViaPointer(doc, doc->child));
        if (keep_id)
            cJSON_AddItemToObject(doc, "_id", keep_id);
        if (keep_et)
            cJSON_AddItemToObject(doc, "_event_time", keep_et);
    }
    while (outputs->child) {
        cJSON *o = cJSON_DetachItemViaPointer(outputs, outputs->child);
        cJSON_DeleteItemFromObjectCaseSensitive(doc, o->string);
        cJSON_AddItemToObject(doc, o->string, o);
    }
    cJSON_Delete(outputs);
    return 0;
}

int srv_ingest_check_mappings(const cJSON *mappings, char *err, size_t errlen)
{
    const cJSON *m;
    if (!cJSON_IsArray(mappings)) {
        snprintf(err, errlen, "field_mappings must be an array");
        return -1;
    }
    cJSON_ArrayForEach(m, mappings) {
        const cJSON *in, *outf = cJSON_GetObjectItemCaseSensitive(m, "output_field");
        const cJSON *ins = cJSON_GetObjectItemCaseSensitive(m, "input_fields");
        if (!cJSON_IsObject(m) || (ins && !cJSON_IsArray(ins)) || (outf && !cJSON_IsObject(outf))) {
            snprintf(err, errlen, "each field mapping must be an object with input_fields "
                                  "(an array) and output_field (an object)");
            return -1;
        }
        cJSON_ArrayForEach(in, ins) {
            if (!str_of(in, "field_name")) {
                snprintf(err, errlen, "every input field needs a field_name");
                return -1;
            }
        }
        if (!outf)
            continue;
        const char *expr = str_of(outf, "value");
        if (!str_of(outf, "field_name") || !expr) {
            snprintf(err, errlen, "output_field needs field_name and value");
            return -1;
        }
        sqlite3 *db = evaluator();
        char *sql = rewrite_casts(expr), *full = NULL;
        sqlite3_stmt *st = NULL;
        const char *tail = NULL;
        int ok = db && sql && asprintf(&full, "SELECT %s", sql) >= 0 &&
                 sqlite3_prepare_v2(db, full, -1, &st, &tail) == SQLITE_OK && st &&
                 strspn(tail, " \t\r\n") == strlen(tail);
        if (!ok)
            snprintf(err, errlen, "output value '%s' is not a valid SQL expression: %s", expr,
                     db ? sqlite3_errmsg(db) : "no evaluator");
        /* a trial on a document without the input fields: one that cannot finish even then
         * would stall every write to the collection */
        if (ok && eval_step(st) != SQLITE_ROW && sqlite3_errcode(db) == SQLITE_INTERRUPT) {
            snprintf(err, errlen, "output value '%s' does not finish in %lld ms", expr,
                     SRV_MAP_LIMIT_US / 1000);
            ok = 0;
        }
        sqlite3_finalize(st);
        free(sql);
        free(full);
        if (!ok)
            return -1;
    }
    return 0;
}
