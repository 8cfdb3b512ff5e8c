/* SPDX-License-Identifier: Apache-2.0 */
/* libcurl helpers for the API tests. */
#include "tests/server/handlers/api_util.h"

#include <curl/curl.h>
#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct buf {
    char *p;
    size_t n;
} buf;

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *ud)
{
    buf *b = ud;
    size_t n = size * nmemb;
    char *q = realloc(b->p, b->n + n + 1);
    if (!q)
        return 0;
    memcpy(q + b->n, ptr, n);
    b->n += n;
    q[b->n] = '\0';
    b->p = q;
    return n;
}

int api_init(void)
{
    if (!getenv("RS_SERVER") || !getenv("RS_APIKEY")) {
        fprintf(stderr, "run this test through tests/with-server.sh (RS_SERVER, RS_APIKEY)\n");
        return -1;
    }
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void api_cleanup(void)
{
    curl_global_cleanup();
}

api_resp api_call(const char *method, const char *path, const char *body, const char *key)
{
    api_resp r = {0};
    buf b = {0};
    char url[2048], auth[512];
    struct curl_slist *h = NULL;
    CURL *c = curl_easy_init();
    if (!c)
        return r;
    snprintf(url, sizeof url, "%s%s", getenv("RS_SERVER"), path);
    if (!key)
        key = getenv("RS_APIKEY");
    if (*key) {
        snprintf(auth, sizeof auth, "Authorization: ApiKey %s", key);
        h = curl_slist_append(h, auth);
    }
    if (body)
        h = curl_slist_append(h, "Content-Type: application/json");
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
    }
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
    if (curl_easy_perform(c) == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    r.body = b.p ? b.p : strdup("");
    r.json = cJSON_Parse(r.body);
    return r;
}

api_resp api_callf(const char *method, const char *body, const char *fmt, ...)
{
    char path[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(path, sizeof path, fmt, ap);
    va_end(ap);
    return api_call(method, path, body, NULL);
}

void api_free(api_resp *r)
{
    cJSON_Delete(r->json);
    free(r->body);
    r->json = NULL;
    r->body = NULL;
}

const cJSON *jget(const cJSON *j, const char *path)
{
    char part[256];
    const char *p = path;
    while (j && *p) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        snprintf(part, sizeof part, "%.*s", (int)n, p);
        if (cJSON_IsArray(j) && part[0] >= '0' && part[0] <= '9')
            j = cJSON_GetArrayItem(j, atoi(part));
        else
            j = cJSON_GetObjectItemCaseSensitive(j, part);
        p += n + (dot ? 1 : 0);
    }
    return j;
}

const char *jstr(const cJSON *j, const char *path)
{
    const cJSON *v = jget(j, path);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

double jnum(const cJSON *j, const char *path)
{
    const cJSON *v = jget(j, path);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

int is_error(const cJSON *j, const char *type, const char *message_key)
{
    static const char *keys[] = {"message", "message_key", "type", "line", "column",
                                 "trace_id", "error_id", "query_id", "internal_errors"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!cJSON_HasObjectItem(j, keys[i]))
            return 0;
    if (!jstr(j, "message") || !jstr(j, "type") || strcmp(jstr(j, "type"), type) != 0)
        return 0;
    return !message_key || (jstr(j, "message_key") && strcmp(jstr(j, "message_key"), message_key) == 0);
}

char *db_scalar(const char *sql)
{
    char path[4096];
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    char *out = NULL;
    snprintf(path, sizeof path, "%s/rockset.db", getenv("RS_DATADIR"));
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_busy_timeout(db, 10000);
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            out = strdup((const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
}
