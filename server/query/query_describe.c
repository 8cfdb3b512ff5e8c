/* SPDX-License-Identifier: Apache-2.0 */
/* DESCRIBE (see query_describe.h). SQLite's json_tree walks every document, so numbers
 * keep their int/float distinction; objects tagged with __rockset_type count as that type
 * and are not descended into. */
#include "server/query/query_describe.h"
#include "server/query/query_describe_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

typedef struct dd_entry {
    char *path;             /* parts joined by \x1f */
    char type[24];
    long long count;
    struct dd_entry *next;
} dd_entry;

#define DD_BUCKETS 1024

typedef struct dd_map {
    dd_entry *b[DD_BUCKETS];
    size_t n;
} dd_map;

static unsigned dd_hash(const char *p, const char *t)
{
    unsigned h = 2166136261u;
    for (; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    for (; *t; t++)
        h = (h ^ (unsigned char)*t) * 16777619u;
    return h % DD_BUCKETS;
}

static int dd_count(dd_map *m, const char *path, const char *type, long long by)
{
    unsigned h = dd_hash(path, type);
    for (dd_entry *e = m->b[h]; e; e = e->next)
        if (strcmp(e->path, path) == 0 && strcmp(e->type, type) == 0) {
            e->count += by;
            return 0;
        }
    dd_entry *e = calloc(1, sizeof *e);
    if (!e || !(e->path = strdup(path))) {
        free(e);
        return -1;
    }
    snprintf(e->type, sizeof e->type, "%s", type);
    e->count = by;
    e->next = m->b[h];
    m->b[h] = e;
    m->n++;
    return 0;
}

typedef struct dd_node {
    long long parent;       /* -1 root */
    char *path;
    char type[24];
    int is_array, wrapper, suppressed, depth, valid;
} dd_node;

typedef struct dd_doc {
    dd_node *v;
    size_t cap;
    long long *order;       /* node ids in visiting order */
    size_t n, ocap;
} dd_doc;

static const char *dd_type_name(const char *t)
{
    if (strcmp(t, "integer") == 0) return "int";
    if (strcmp(t, "real") == 0) return "float";
    if (strcmp(t, "text") == 0) return "string";
    if (strcmp(t, "true") == 0 || strcmp(t, "false") == 0) return "bool";
    return t;   /* null, object, array */
}

static int dd_add_node(dd_doc *d, long long id, long long parent, const char *key,
                       const char *type, const char *atom)
{
    if (id < 0)
        return 0;
    if ((size_t)id >= d->cap) {
        size_t nc = d->cap ? d->cap : 64;
        while (nc <= (size_t)id)
            nc *= 2;
        dd_node *nv = realloc(d->v, nc * sizeof *nv);
        if (!nv)
            return -1;
        memset(nv + d->cap, 0, (nc - d->cap) * sizeof *nv);
        d->v = nv;
        d->cap = nc;
    }
    if (d->n == d->ocap) {
        size_t nc = d->ocap ? d->ocap * 2 : 64;
        long long *no = realloc(d->order, nc * sizeof *no);
        if (!no)
            return -1;
        d->order = no;
        d->ocap = nc;
    }
    dd_node *x = &d->v[id];
    memset(x, 0, sizeof *x);
    x->valid = 1;
    x->parent = parent;
    snprintf(x->type, sizeof x->type, "%s", dd_type_name(type));
    x->is_array = strcmp(type, "array") == 0;
    d->order[d->n++] = id;
    if (parent < 0 || (size_t)parent >= d->cap || !d->v[parent].valid)
        return 0;
    dd_node *p = &d->v[parent];
    const char *k = p->is_array ? "*" : key ? key : "";
    size_t L = (p->path ? strlen(p->path) + 1 : 0) + strlen(k) + 1;
    x->path = malloc(L);
    if (!x->path)
        return -1;
    snprintf(x->path, L, "%s%s%s", p->path ? p->path : "", p->path ? "\x1f" : "", k);
    x->depth = p->depth + 1;
    if (!p->is_array && strcmp(k, "__rockset_type") == 0 && atom && strlen(atom) < 24) {
        p->wrapper = 1;
        for (size_t i = 0; atom[i]; i++)
            p->type[i] = (char)tolower((unsigned char)atom[i]);
        p->type[strlen(atom)] = '\0';
    }
    return 0;
}

/* Counts the finished document's nodes and resets it. */
static int dd_flush(dd_doc *d, dd_map *m, int max_depth)
{
    int rc = 0;
    for (size_t i = 0; i < d->n; i++) {
        dd_node *x = &d->v[d->order[i]];
        if (x->parent < 0)
            continue;
        dd_node *p = &d->v[x->parent];
        x->suppressed = p->suppressed || p->wrapper || (max_depth > 0 && x->depth > max_depth);
        if (!x->suppressed && x->path && dd_count(m, x->path, x->type, 1) != 0)
            rc = -1;
    }
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[d->order[i]].path);
        d->v[d->order[i]].path = NULL;
        d->v[d->order[i]].valid = 0;
    }
    d->n = 0;
    return rc;
}

static int dd_cmp(const void *a, const void *b)
{
    const dd_entry *x = *(dd_entry *const *)a, *y = *(dd_entry *const *)b;
    int c = strcmp(x->path, y->path);
    return c ? c : strcmp(x->type, y->type);
}

static void dd_emit(dd_map *m, long long total, sql_sbuf *out, long long *nrows)
{
    dd_entry **all = malloc((m->n + 1) * sizeof *all);
    size_t k = 0;
    if (!all) {
        out->oom = 1;
        return;
    }
    for (int i = 0; i < DD_BUCKETS; i++)
        for (dd_entry *e = m->b[i]; e; e = e->next)
            all[k++] = e;
    qsort(all, k, sizeof *all, dd_cmp);
    sql_sbuf_puts(out, "[");
    for (size_t i = 0; i < k; i++) {
        sql_sbuf_puts(out, i ? ",{\"field\":[" : "{\"field\":[");
        const char *p = all[i]->path;
        for (int first = 1;; first = 0) {
            const char *sep = strchr(p, '\x1f');
            size_t L = sep ? (size_t)(sep - p) : strlen(p);
            if (!first)
                sql_sbuf_puts(out, ",");
            qenc_string(out, p, L);
            if (!sep)
                break;
            p = sep + 1;
        }
        sql_sbuf_printf(out, "],\"type\":\"%s\",\"occurrences\":%lld,\"total\":%lld}",
                        all[i]->type, all[i]->count, total);
    }
    sql_sbuf_puts(out, "]");
    *nrows = (long long)k;
    free(all);
}

static void dd_map_free(dd_map *m)
{
    for (int i = 0; i < DD_BUCKETS; i++)
        for (dd_entry *e = m->b[i], *nx; e; e = nx) {
            nx = e->next;
            free(e->path);
            free(e);
        }
}

static int dd_count_one(void *m, const char *path, const char *type)
{
    return dd_count(m, path, type, 1);
}

/* One document through json_tree, the way every document went before query_describe_walk.c:
 * for the text that walk leaves alone. 0, or -1 (json_tree failed: malformed JSON). */
static int dd_json_tree(sqlite3_stmt *jt, sqlite3_value *doc, dd_doc *d, dd_map *m,
                        int max_depth, long long *total)
{
    int rc = 0, any = 0, step = SQLITE_DONE;
    sqlite3_reset(jt);
    sqlite3_bind_value(jt, 1, doc);
    while (rc == 0 && (step = sqlite3_step(jt)) == SQLITE_ROW) {
        any = 1;
        long long parent = sqlite3_column_type(jt, 1) == SQLITE_NULL
                               ? -1 : sqlite3_column_int64(jt, 1);
        rc = dd_add_node(d, sqlite3_column_int64(jt, 0), parent,
                         (const char *)sqlite3_column_text(jt, 2),
                         (const char *)sqlite3_column_text(jt, 3),
                         (const char *)sqlite3_column_text(jt, 4));
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = -1;
    int flushed = dd_flush(d, m, max_depth);       /* frees the nodes' paths either way */
    rc = rc ? rc : flushed;
    *total += any;          /* a document json_tree yields nothing for is not counted */
    sqlite3_clear_bindings(jt);
    return rc;
}

/* Every document of the table counted into m; *total the documents. */
static int dd_scan(sqlite3 *db, const char *table, int max_depth, dd_map *m, long long *total)
{
    char sql[128];
    sqlite3_stmt *st = NULL, *jt = NULL;
    dd_doc d = { 0 };
    int rc = 0;
    snprintf(sql, sizeof sql, "SELECT doc FROM \"%s\"", table);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT id, parent, key, type, atom FROM json_tree(?1)", -1,
                           &jt, NULL) != SQLITE_OK)
        rc = -1;
    int step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *doc = (const char *)sqlite3_column_text(st, 0);
        int w = sqlite3_column_type(st, 0) != SQLITE_TEXT || !doc ? 1
                : qd_walk_doc(doc, (size_t)sqlite3_column_bytes(st, 0), max_depth,
                              dd_count_one, m);
        if (w == 0)
            (*total)++;
        else if (w > 0)
            rc = dd_json_tree(jt, sqlite3_column_value(st, 0), &d, m, max_depth, total);
        else
            rc = -1;
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = -1;
    sqlite3_finalize(st);
    sqlite3_finalize(jt);
    free(d.v);
    free(d.order);
    return rc;
}

int qd_describe(sqlite3 *db, const char *table, int max_depth, sql_sbuf *out,
                long long *nrows, qx_error *err)
{
    dd_map *m = calloc(1, sizeof *m);
    long long total = 0;
    int rc = m ? dd_scan(db, table, max_depth, m, &total) : -1;
    if (rc == 0 && total > 0) {
        rc |= dd_count(m, "_id", "string", total);
        rc |= dd_count(m, "_event_time", "timestamp", total);
    }
    if (rc == 0)
        dd_emit(m, total, out, nrows);
    if (rc != 0 || out->oom) {
        err->status = 500;
        snprintf(err->type, sizeof err->type, "INTERNALERROR");
        snprintf(err->msg, sizeof err->msg, "DESCRIBE failed: %s", sqlite3_errmsg(db));
        rc = -1;
    }
    if (m)
        dd_map_free(m);
    free(m);
    return rc;
}
