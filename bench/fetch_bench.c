/* SPDX-License-Identifier: Apache-2.0 */
/* Fetch throughput of the API client: runs a query returning N rows through rs_client_query,
 * walks every page and every cell, and prints rows/s, pages and peak RSS. See bench/README.md. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "driver/client/rs_client.h"

typedef struct bench_opts {
    long rows, page_size;
    const char *sql;
    const char *ws;
    int loaded;      /* this process loaded the collection (its peak RSS counts that) */
} bench_opts;

static double bench_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int bench_call(rs_client *c, const char *method, const char *path, cJSON *body,
                      int quiet)
{
    cJSON *out = NULL;
    rs_error err;
    int rc;

    rs_error_clear(&err);
    rc = rs_client_call(c, method, path, body, &out, &err);
    if (rc != 0 && !quiet)
        fprintf(stderr, "%s %s: %s\n", method, path, err.message);
    cJSON_Delete(out);
    return rc;
}

/* Rows in the collection, or -1 when it cannot be counted (e.g. it does not exist). */
static long long bench_count(rs_client *c, const char *coll)
{
    char sql[256];
    rs_query_request q;
    rs_rowsource *rs = NULL;
    const rs_page *pg;
    rs_error err;
    long long n = -1;

    snprintf(sql, sizeof sql, "SELECT COUNT(*) AS n FROM %s", coll);
    memset(&q, 0, sizeof q);
    q.sql = sql;
    rs_error_clear(&err);
    if (rs_client_query(c, &q, &rs, &err) == 0 && rs_rowsource_next(rs, &pg, &err) == 1 &&
        pg->nrows == 1 && pg->ncols >= 1 && pg->cells[0].text)
        n = atoll(pg->cells[0].text);
    rs_rowsource_close(rs);
    return n;
}

/* Creates ws.rows_N with N small documents unless it already holds them. */
static int bench_load(rs_client *c, bench_opts *o, char *coll, size_t collsz)
{
    char path[256], name[64];
    cJSON *body;
    long i, batch = 10000;

    snprintf(name, sizeof name, "rows_%ld", o->rows);
    snprintf(coll, collsz, "%s.%s", o->ws, name);
    if (bench_count(c, coll) == o->rows)
        return 0;
    fprintf(stderr, "loading %ld documents into %s ...\n", o->rows, coll);
    o->loaded = 1;
    body = cJSON_CreateObject();
    cJSON_AddStringToObject(body, "name", o->ws);
    bench_call(c, "POST", "/v1/orgs/self/ws", body, 1); /* may exist already */
    cJSON_Delete(body);
    body = cJSON_CreateObject();
    cJSON_AddStringToObject(body, "name", name);
    snprintf(path, sizeof path, "/v1/orgs/self/ws/%s/collections", o->ws);
    bench_call(c, "POST", path, body, 1);
    cJSON_Delete(body);
    snprintf(path, sizeof path, "/v1/orgs/self/ws/%s/collections/%s/docs", o->ws, name);
    for (i = 0; i < o->rows; i += batch) {
        cJSON *data = cJSON_CreateArray();
        long k;
        body = cJSON_CreateObject();
        cJSON_AddItemToObject(body, "data", data);
        for (k = i; k < i + batch && k < o->rows; k++) {
            cJSON *d = cJSON_CreateObject();
            char s[48];
            snprintf(s, sizeof s, "row number %ld", k);
            cJSON_AddNumberToObject(d, "i", (double)k);
            cJSON_AddStringToObject(d, "s", s);
            cJSON_AddNumberToObject(d, "f", (double)k + 0.25);
            cJSON_AddBoolToObject(d, "b", k % 2);
            cJSON_AddItemToArray(data, d);
        }
        if (bench_call(c, "POST", path, body, 0) != 0) {
            cJSON_Delete(body);
            return -1;
        }
        cJSON_Delete(body);
    }
    /* Ingest may be asynchronous: wait until every document is visible. */
    for (i = 0; i < 600 && bench_count(c, coll) != o->rows; i++)
        usleep(100000);
    return bench_count(c, coll) == o->rows ? 0 : -1;
}

static int bench_run(rs_client *c, const bench_opts *o, const char *sql)
{
    rs_query_request q;
    rs_rowsource *rs = NULL;
    const rs_page *pg;
    rs_error err;
    struct rusage ru0, ru;
    long long rows = 0, pages = 0, bytes = 0;
    double t0, t1, tfirst;
    size_t i;
    int r;

    memset(&q, 0, sizeof q);
    q.sql = sql;
    q.page_size = o->page_size;
    rs_error_clear(&err);
    getrusage(RUSAGE_SELF, &ru0);
    t0 = bench_now();
    if (rs_client_query(c, &q, &rs, &err) != 0) {
        fprintf(stderr, "query failed: %s\n", err.message);
        return 1;
    }
    tfirst = bench_now();
    while ((r = rs_rowsource_next(rs, &pg, &err)) == 1) {
        pages++;
        rows += (long long)pg->nrows;
        for (i = 0; i < pg->nrows * pg->ncols; i++)
            bytes += (long long)pg->cells[i].len; /* touch every cell, as a fetch would */
    }
    t1 = bench_now();
    rs_rowsource_close(rs);
    if (r < 0) {
        fprintf(stderr, "fetch failed after %lld rows: %s\n", rows, err.message);
        return 1;
    }
    getrusage(RUSAGE_SELF, &ru);
    printf("query:        %s\n", sql);
    printf("rows:         %lld (%lld bytes of cell text)\n", rows, bytes);
    printf("pages:        %lld (page size %ld)\n", pages, o->page_size);
    printf("first page:   %.3f s\n", tfirst - t0);
    printf("total:        %.3f s\n", t1 - t0);
    printf("rows/s:       %.0f\n", (double)rows / (t1 - t0));
    printf("client CPU:   %.3f s user, %.3f s system\n",
           (double)(ru.ru_utime.tv_sec - ru0.ru_utime.tv_sec) +
               (double)(ru.ru_utime.tv_usec - ru0.ru_utime.tv_usec) / 1e6,
           (double)(ru.ru_stime.tv_sec - ru0.ru_stime.tv_sec) +
               (double)(ru.ru_stime.tv_usec - ru0.ru_stime.tv_usec) / 1e6);
    printf("peak RSS:     %.1f MiB%s\n", (double)ru.ru_maxrss / 1024.0,
           o->loaded ? " (includes loading the collection: run again for the fetch alone)" : "");
    return rows == o->rows || o->sql ? 0 : 1;
}

int main(int argc, char **argv)
{
    bench_opts o = { 1000000, 10000, NULL, "bench", 0 };
    rs_client_config cfg;
    rs_client *c;
    rs_error err;
    char coll[128], sql[256];
    int opt, rc;

    while ((opt = getopt(argc, argv, "n:p:q:w:")) != -1) {
        switch (opt) {
        case 'n': o.rows = atol(optarg); break;
        case 'p': o.page_size = atol(optarg); break;
        case 'q': o.sql = optarg; break;
        case 'w': o.ws = optarg; break;
        default:
            fprintf(stderr, "usage: %s [-n rows] [-p page_size] [-q sql] [-w workspace]\n"
                            "  RS_SERVER and RS_APIKEY name the server\n", argv[0]);
            return 2;
        }
    }
    memset(&cfg, 0, sizeof cfg);
    cfg.server = getenv("RS_SERVER");
    cfg.api_key = getenv("RS_APIKEY");
    cfg.ssl_verify = 1;
    cfg.max_retries = 3;
    if (!cfg.server || !cfg.api_key) {
        fprintf(stderr, "set RS_SERVER and RS_APIKEY (or run through tests/with-server.sh)\n");
        return 2;
    }
    rs_error_clear(&err);
    c = rs_client_new(&cfg, &err);
    if (!c) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    if (!o.sql) {
        if (bench_load(c, &o, coll, sizeof coll) != 0) {
            fprintf(stderr, "could not load the benchmark collection\n");
            rs_client_free(c);
            return 1;
        }
        snprintf(sql, sizeof sql, "SELECT i, s, f, b FROM %s", coll);
    }
    rc = bench_run(c, &o, o.sql ? o.sql : sql);
    rs_client_free(c);
    return rc;
}
