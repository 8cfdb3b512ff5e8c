/* SPDX-License-Identifier: Apache-2.0 */
/* `rockset-local load --data-dir DIR ws.coll FILE`: documents go straight into SQLite
 * (WAL lets this run beside a live server), in transactions of SRV_LOAD_BATCH documents. */
#include "server/loader.h"
#include "server/http/auth.h"
#include "server/handlers/handlers.h"
#include "server/store/ingest.h"
#include "server/store/ingest_int.h"
#include "server/store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SRV_LOAD_BATCH 1000

typedef struct load_state {
    sqlite3 *db;
    srv_ingest in;
    char *batch;           /* "[doc,doc,...]" being built */
    size_t len, cap, ndocs;
    long long loaded, errors;
} load_state;

static char *read_file(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    size_t cap = 1 << 16, n = 0, r;
    char *buf = malloc(cap);
    if (!f || !buf) {
        free(buf);
        if (f && f != stdin)
            fclose(f);
        return NULL;
    }
    while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (cap - n - 1 == 0) {
            char *b = realloc(buf, cap * 2);
            if (!b) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = b;
            cap *= 2;
        }
    }
    if (f != stdin)
        fclose(f);
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

static int flush(load_state *s)
{
    int failed = 0;
    if (s->ndocs == 0)
        return 0;
    s->batch[s->len] = ']';
    if (srv_store_begin(s->db) != 0)
        return -1;
    cJSON *st = srv_ingest_add(s->db, &s->in, s->batch, s->len + 1, "$", &failed);
    if (!failed && srv_ingest_finish(s->db, &s->in) != 0)
        failed = 1;
    if (failed || srv_store_commit(s->db) != 0) {
        srv_store_rollback(s->db);
        cJSON_Delete(st);
        fprintf(stderr, "\nrockset-local load: database error: %s\n", sqlite3_errmsg(s->db));
        return -1;
    }
    const cJSON *d;
    cJSON_ArrayForEach(d, st) {
        const cJSON *status = cJSON_GetObjectItemCaseSensitive(d, "status");
        if (cJSON_IsString(status) && strcmp(status->valuestring, "ERROR") == 0) {
            if (s->errors++ < 5) {
                const cJSON *e = cJSON_GetObjectItemCaseSensitive(d, "error");
                const cJSON *m = cJSON_GetObjectItemCaseSensitive(e, "message");
                fprintf(stderr, "\nrockset-local load: document %lld rejected: %s\n",
                        s->loaded + s->errors, cJSON_IsString(m) ? m->valuestring : "?");
            }
        } else {
            s->loaded++;
        }
    }
    cJSON_Delete(st);
    fprintf(stderr, "\rloading %s.%s: %lld documents", s->in.ws, s->in.name, s->loaded);
    s->len = 1;
    s->ndocs = 0;
    return 0;
}

static int add_doc(load_state *s, const char *text, size_t n)
{
    if (s->len + n + 3 > s->cap) {
        size_t cap = (s->len + n + 3) * 2;
        char *b = realloc(s->batch, cap);
        if (!b)
            return -1;
        s->batch = b;
        s->cap = cap;
    }
    if (s->ndocs)
        s->batch[s->len++] = ',';
    memcpy(s->batch + s->len, text, n);
    s->len += n;
    return ++s->ndocs == SRV_LOAD_BATCH ? flush(s) : 0;
}

/* A JSON array: SQLite splits it, each element keeps its original text. */
static int load_array(load_state *s, const char *text, size_t len)
{
    sqlite3_stmt *st = srv_store_prepare(s->db, "SELECT value FROM json_each(?)");
    int rc = 0, step;
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, text, (int)len, SQLITE_STATIC);
    while (rc == 0 && (step = srv_store_step(st)) == SQLITE_ROW) {
        const char *doc = (const char *)sqlite3_column_text(st, 0);
        rc = add_doc(s, doc ? doc : "null", doc ? (size_t)sqlite3_column_bytes(st, 0) : 4);
    }
    if (rc == 0 && step != SQLITE_DONE) {
        fprintf(stderr, "rockset-local load: the file is not a valid JSON array\n");
        rc = -1;
    }
    sqlite3_finalize(st);
    return rc;
}

static int load_lines(load_state *s, char *text)
{
    long long lineno = 0;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        lineno++;
        if (strspn(line, " \t\r") != strlen(line)) {
            cJSON *probe = cJSON_Parse(line);
            cJSON_Delete(probe);
            if (!probe) {
                fprintf(stderr, "rockset-local load: line %lld is not valid JSON\n", lineno);
                return -1;
            }
            if (add_doc(s, line, strlen(line)) != 0)
                return -1;
        }
        line = nl ? nl + 1 : NULL;
    }
    return 0;
}

static int load_into(sqlite3 *db, const char *ws, const char *coll, char *text, size_t len)
{
    load_state s = {.db = db};
    srv_collection c;
    if (srv_store_begin(db) != 0)
        return 1;
    if (srv_store_ensure_collection(db, ws, coll, SRV_ADMIN_EMAIL, &c) != 0 ||
        srv_store_commit(db) != 0) {
        srv_store_rollback(db);
        fprintf(stderr, "rockset-local load: cannot create %s.%s\n", ws, coll);
        return 1;
    }
    if (srv_ingest_open(db, ws, coll, &c, &s.in) != 0 || !(s.batch = malloc(1 << 16)))
        return 1;
    s.cap = 1 << 16;
    s.batch[0] = '[';
    s.len = 1;
    size_t skip = strspn(text, " \t\r\n");
    int rc = text[skip] == '[' ? load_array(&s, text + skip, len - skip) : load_lines(&s, text);
    if (rc == 0)
        rc = flush(&s);
    fprintf(stderr, "\rloaded %lld documents into %s.%s (%lld rejected)\n", s.loaded, ws, coll,
            s.errors);
    free(s.batch);
    srv_ingest_close(&s.in);
    return rc == 0 && s.errors == 0 ? 0 : 1;
}

int srv_loader_main(int argc, char **argv)
{
    const char *dir = NULL, *target = NULL, *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--data-dir") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (strncmp(argv[i], "--data-dir=", 11) == 0)
            dir = argv[i] + 11;
        else if (!target)
            target = argv[i];
        else if (!file)
            file = argv[i];
        else
            target = NULL, i = argc;
    }
    const char *dot = target ? strrchr(target, '.') : NULL;
    if (!dir || !target || !file || !dot || dot == target || !dot[1]) {
        fprintf(stderr, "usage: rockset-local load --data-dir DIR WORKSPACE.COLLECTION FILE\n");
        return 2;
    }
    char ws[256];
    snprintf(ws, sizeof ws, "%.*s", (int)(dot - target), target);
    if (!srv_valid_ws_name(ws) || !srv_valid_name(dot + 1)) {
        fprintf(stderr, "rockset-local load: bad workspace or collection name in %s\n", target);
        return 2;
    }
    size_t len;
    char *text = read_file(file, &len);
    if (!text) {
        fprintf(stderr, "rockset-local load: cannot read %s\n", file);
        return 1;
    }
    sqlite3 *db = srv_store_init(dir) == 0 ? srv_store_open() : NULL;
    int rc = db ? load_into(db, ws, dot + 1, text, len) : 1;
    sqlite3_close(db);
    srv_ingest_map_thread_end();
    free(text);
    return rc;
}
