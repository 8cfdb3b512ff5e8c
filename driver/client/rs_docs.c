/* SPDX-License-Identifier: Apache-2.0 */
/* Documents and collections: add, patch and delete documents in batches the service accepts,
 * the commit fence that tells when a write is queryable, and creating or deleting a
 * collection. Values arrive typed as query parameters are (a type name and a text) and leave
 * as the JSON the ingest path reads (numbers, booleans, strings, typed wrappers). */
/* timegm: _GNU_SOURCE comes from config.h (AM_CPPFLAGS) */
#include "driver/client/rs_client_int.h"
#include "driver/client/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct docs_buf {
    char *p;
    size_t len, cap;
} docs_buf;

static int buf_add(docs_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        char *p;
        while (cap < b->len + n + 1)
            cap *= 2;
        if (!(p = realloc(b->p, cap)))
            return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

/* "YYYY-MM-DD[T ]HH:MM:SS[.ffffff][Z]" (UTC) as epoch microseconds; 0 when it reads. */
static int timestamp_micros(const char *s, long long *out)
{
    struct tm tm;
    int y, mo, d, h, mi, sec, n = 0;
    long long frac = 0, scale = 1000000;

    memset(&tm, 0, sizeof tm);
    if (sscanf(s, "%4d-%2d-%2d%*1[T ]%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6)
        return -1;
    s += n;
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++)
            if (scale > 1) {
                scale /= 10;
                frac += (*s - '0') * scale;
            }
    if (*s == 'Z')
        s++;
    if (*s)
        return -1; /* an offset: leave the text to the server */
    tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d;
    tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = sec;
    *out = (long long)timegm(&tm) * 1000000LL + frac;
    return 0;
}

static cJSON *wrapper(const char *tag, cJSON *value)
{
    cJSON *o = cJSON_CreateObject();

    if (!o || !value || !cJSON_AddStringToObject(o, "__rockset_type", tag)) {
        cJSON_Delete(o);
        cJSON_Delete(value);
        return NULL;
    }
    cJSON_AddItemToObject(o, "value", value);
    return o;
}

/* A number's text as the server will read it: only what JSON allows goes raw. */
static int json_number(const char *s)
{
    char *end;

    if (!*s || strpbrk(s, "xXnNiI") || *s == '+' || *s == '.')
        return 0;
    (void)strtod(s, &end);
    return *end == '\0' && !(s[0] == '0' && s[1] >= '0' && s[1] <= '9') &&
           !(s[0] == '-' && s[1] == '0' && s[2] >= '0' && s[2] <= '9');
}

static cJSON *doc_value(const rs_doc_value *v)
{
    const char *t = v->type ? v->type : "string";
    long long us;

    if (v->is_null || !v->value)
        return cJSON_CreateNull();
    if ((strcmp(t, "int") == 0 || strcmp(t, "float") == 0) && json_number(v->value))
        return cJSON_CreateRaw(v->value); /* exact: no round trip through a double */
    if (strcmp(t, "bool") == 0)
        return cJSON_CreateBool(strcmp(v->value, "true") == 0 || strcmp(v->value, "1") == 0);
    if (strcmp(t, "date") == 0)
        return wrapper("DATE", cJSON_CreateString(v->value));
    if (strcmp(t, "time") == 0)
        return wrapper("TIME", cJSON_CreateString(v->value));
    if (strcmp(t, "datetime") == 0)
        return wrapper("DATETIME", cJSON_CreateString(v->value));
    if (strcmp(t, "timestamp") == 0)
        return wrapper("TIMESTAMP", timestamp_micros(v->value, &us) == 0
                                        ? cJSON_CreateNumber((double)us)
                                        : cJSON_CreateString(v->value));
    return cJSON_CreateString(v->value);
}

/* One document (ADD: its fields; PATCH: _id and the ops; DELETE: _id) as compact JSON. */
static char *doc_text(const rs_docs_write *w, size_t i, const rs_doc_value *vals)
{
    const rs_doc_value *set = w->set ? w->set : vals;
    cJSON *o = cJSON_CreateObject(), *ops;
    char *text = NULL;

    if (!o)
        return NULL;
    if (w->op == RS_DOCS_ADD) {
        for (size_t f = 0; f < w->nfields; f++) {
            cJSON *v;
            /* a NULL _id is no key: the service chooses one, as for a document without it */
            if (strcmp(w->fields[f], "_id") == 0 && (vals[f].is_null || !vals[f].value))
                continue;
            if (!(v = doc_value(&vals[f])))
                goto out;
            cJSON_AddItemToObject(o, w->fields[f], v);
        }
    } else {
        if (!cJSON_AddStringToObject(o, "_id", w->ids[i]))
            goto out;
        if (w->op == RS_DOCS_PATCH) {
            if (!(ops = cJSON_AddArrayToObject(o, "patch")))
                goto out;
            for (size_t f = 0; f < w->nfields; f++) {
                /* ADD sets a field whether or not the document has it (RFC 6902 4.1: "If
                 * the target location specifies an object member that does exist, that
                 * member's value is replaced"); REPLACE would fail on a missing field */
                cJSON *op = cJSON_CreateObject(), *v = doc_value(&set[f]);
                char *path = malloc(strlen(w->fields[f]) * 2 + 2), *p = path;
                if (!op || !v || !path) {
                    cJSON_Delete(op);
                    cJSON_Delete(v);
                    free(path);
                    goto out;
                }
                *p++ = '/'; /* JSON pointer: ~ -> ~0, / -> ~1 */
                for (const char *q = w->fields[f]; *q; q++) {
                    if (*q == '~' || *q == '/') {
                        *p++ = '~';
                        *p++ = *q == '~' ? '0' : '1';
                    } else {
                        *p++ = *q;
                    }
                }
                *p = '\0';
                cJSON_AddItemToArray(ops, op);
                cJSON_AddStringToObject(op, "op", "ADD");
                cJSON_AddStringToObject(op, "path", path);
                cJSON_AddItemToObject(op, "value", v);
                free(path);
            }
        }
    }
    text = cJSON_PrintUnformatted(o);
out:
    cJSON_Delete(o);
    return text;
}

static char *docs_path(const rs_docs_write *w, const char *tail)
{
    char *ws = rs_client_escape_segment(w->ws), *coll = rs_client_escape_segment(w->coll);
    char *path = NULL;

    if (ws && coll && (path = malloc(strlen(ws) + strlen(coll) + 64)))
        sprintf(path, "/v1/orgs/self/ws/%s/collections/%s%s", ws, coll, tail);
    free(ws);
    free(coll);
    return path;
}

/* Sends one batch ("{"data":[" already in b) and reports each document's status. */
static int send_batch(rs_client *c, rs_docs_write *w, const char *path, docs_buf *b,
                      const size_t *idx, size_t n, rs_error *err)
{
    static const char *const method[] = {"POST", "PATCH", "DELETE"};
    cJSON *ans = NULL, *data, *st, *off;
    size_t k = 0;

    if (buf_add(b, "]}", 2) != 0) {
        rs_error_set(err, RS_ERR_NOMEM, "out of memory building the documents");
        return -1;
    }
    rs_log(RS_LOG_INFO, "%s %s: %zu document(s), %zu bytes", method[w->op], path, n, b->len);
    if (rs_client_call_text(c, method[w->op], path, b->p, b->len, &ans, err) != 0)
        return -1;
    data = cJSON_GetObjectItemCaseSensitive(ans, "data");
    cJSON_ArrayForEach(st, data) {
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(st, "status");
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(st, "error");
        int bad = cJSON_IsString(s) && strcmp(s->valuestring, "ERROR") == 0;
        if (k == n)
            break;
        if (bad) {
            const cJSON *m = cJSON_GetObjectItemCaseSensitive(e, "message");
            w->status(w->ud, idx[k], cJSON_IsString(m) ? m->valuestring
                                     : cJSON_IsString(e) ? e->valuestring
                                                         : "the server refused the document");
        } else {
            w->applied++;
            w->status(w->ud, idx[k], NULL);
        }
        k++;
    }
    off = cJSON_GetObjectItemCaseSensitive(ans, "last_offset");
    if (cJSON_IsString(off))
        snprintf(w->last_offset, sizeof w->last_offset, "%s", off->valuestring);
    cJSON_Delete(ans);
    /* nothing lost silently: a document the answer does not mention is not written */
    for (; k < n; k++)
        w->status(w->ud, idx[k], "the server's answer did not report this document");
    b->len = 0;
    return 0;
}

int rs_client_docs_write(rs_client *c, rs_docs_write *w, rs_error *err)
{
    docs_buf b = {NULL, 0, 0};
    size_t *idx = NULL, n = 0;
    rs_doc_value *vals = calloc(w->nfields ? w->nfields : 1, sizeof *vals);
    char *path = docs_path(w, "/docs");
    int rc = -1;

    w->applied = 0;
    w->last_offset[0] = '\0';
    idx = malloc(sizeof *idx * (w->ndocs < RS_DOCS_MAX_PER_REQUEST ? w->ndocs + 1
                                                                    : RS_DOCS_MAX_PER_REQUEST));
    if (!vals || !path || !idx) {
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < w->ndocs; i++) {
        char *text;
        size_t len;
        if (w->op == RS_DOCS_ADD || (w->op == RS_DOCS_PATCH && !w->set)) {
            int g = w->get(w->ud, i, vals, err);
            if (g < 0)
                goto out;
            if (g > 0)
                continue;
        }
        if (!(text = doc_text(w, i, vals))) {
            rs_error_set(err, RS_ERR_NOMEM, "out of memory building the documents");
            goto out;
        }
        len = strlen(text);
        /* the request's limits: documents per request, and bytes (the body's envelope and
         * separators are within the slack) */
        if (n > 0 && (n == RS_DOCS_MAX_PER_REQUEST || b.len + len + 16 > RS_DOCS_MAX_BYTES)) {
            if (send_batch(c, w, path, &b, idx, n, err) != 0) {
                free(text);
                goto out;
            }
            n = 0;
        }
        if ((n == 0 && buf_add(&b, "{\"data\":[", 9) != 0) ||
            (n > 0 && buf_add(&b, ",", 1) != 0) || buf_add(&b, text, len) != 0) {
            free(text);
            rs_error_set(err, RS_ERR_NOMEM, "out of memory building the documents");
            goto out;
        }
        free(text);
        idx[n++] = i;
    }
    rc = n > 0 ? send_batch(c, w, path, &b, idx, n, err) : 0;
out:
    free(b.p);
    free(idx);
    free(vals);
    free(path);
    return rc;
}

int rs_client_commit_fence(rs_client *c, const char *ws, const char *coll, const char *offset,
                           int *passed, rs_error *err)
{
    rs_docs_write w = {.ws = ws, .coll = coll};
    char *path = docs_path(&w, "/offsets/commit");
    cJSON *body = cJSON_CreateObject(), *names, *ans = NULL;
    int rc = -1;

    *passed = 0;
    if (!path || !body || !(names = cJSON_AddArrayToObject(body, "name")) ||
        !cJSON_AddItemToArray(names, cJSON_CreateString(offset))) {
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        goto out;
    }
    if (rs_client_call(c, "POST", path, body, &ans, err) == 0) {
        const cJSON *p = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(ans, "data"), "passed");
        *passed = cJSON_IsTrue(p);
        rc = 0;
    }
out:
    cJSON_Delete(ans);
    cJSON_Delete(body);
    free(path);
    return rc;
}

int rs_client_collection_create(rs_client *c, const char *ws, const char *coll, rs_error *err)
{
    char *wse = rs_client_escape_segment(ws), *path = NULL;
    cJSON *body = cJSON_CreateObject(), *ans = NULL;
    int rc = -1;

    if (!wse || !body || !(path = malloc(strlen(wse) + 48)) ||
        !cJSON_AddStringToObject(body, "name", coll)) {
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    } else {
        sprintf(path, "/v1/orgs/self/ws/%s/collections", wse);
        rc = rs_client_call(c, "POST", path, body, &ans, err);
    }
    cJSON_Delete(ans);
    cJSON_Delete(body);
    free(path);
    free(wse);
    return rc;
}

int rs_client_collection_delete(rs_client *c, const char *ws, const char *coll, rs_error *err)
{
    rs_docs_write w = {.ws = ws, .coll = coll};
    char *path = docs_path(&w, "");
    cJSON *ans = NULL;
    int rc;

    if (!path) {
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        return -1;
    }
    rc = rs_client_call(c, "DELETE", path, NULL, &ans, err);
    cJSON_Delete(ans);
    free(path);
    return rc;
}
