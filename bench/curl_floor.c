/* SPDX-License-Identifier: Apache-2.0 */
/* The floor of bench/perf.sh: the HTTP requests the driver makes for a query, done with libcurl
 * and the answers parsed with yajl's callback parser, and nothing else (no rows kept, no value
 * converted). What the driver costs above this is the driver's own work.
 *
 *   bench/curl_floor [-p PAGESIZE] [-n QUERIES] LABEL URL APIKEY BODY
 *
 * Without -n: POST BODY to URL/v1/orgs/self/queries, then GET .../pages?cursor=C&docs=PAGESIZE
 * &offset=0 for each next_cursor, as driver/client/query_source.c asks, counting rows.
 * With -n: QUERIES POSTs of BODY on one connection (a point query each).
 * Prints the same fields as bench/odbc_fetch: rows, cpu_s (user+sys of the process from the
 * first request), seconds, rows_per_s, peak_rss_kb, us_per_query. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <yajl/yajl_parse.h>

typedef struct {
    int depth;              /* maps and arrays open */
    int results_depth;      /* depth of the "results" array's elements' container, 0 if none */
    int key_results, key_cursor, key_qid; /* the last key read was one of these */
    unsigned long long rows, values;
    char cursor[1024];
    char qid[256];
} fl_parse;

static void fl_copy(char *dst, size_t cap, const unsigned char *s, size_t n)
{
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, s, n);
    dst[n] = 0;
}

static int fl_value(void *ud)
{
    fl_parse *p = ud;
    p->values++;
    p->key_results = p->key_cursor = p->key_qid = 0;
    return 1;
}

static int fl_null(void *ud)
{
    fl_parse *p = ud;
    if (p->key_cursor)
        p->cursor[0] = 0;
    return fl_value(ud);
}

static int fl_bool(void *ud, int b)
{
    (void)b;
    return fl_value(ud);
}

static int fl_number(void *ud, const char *s, size_t n)
{
    (void)s, (void)n;
    return fl_value(ud);
}

static int fl_string(void *ud, const unsigned char *s, size_t n)
{
    fl_parse *p = ud;
    if (p->key_cursor)
        fl_copy(p->cursor, sizeof p->cursor, s, n);
    else if (p->key_qid)
        fl_copy(p->qid, sizeof p->qid, s, n);
    return fl_value(ud);
}

static int fl_map_key(void *ud, const unsigned char *s, size_t n)
{
    fl_parse *p = ud;
    p->key_results = p->depth == 1 && n == 7 && memcmp(s, "results", 7) == 0;
    p->key_cursor = n == 11 && memcmp(s, "next_cursor", 11) == 0;
    p->key_qid = p->depth == 1 && n == 8 && memcmp(s, "query_id", 8) == 0;
    return 1;
}

static int fl_start_map(void *ud)
{
    fl_parse *p = ud;
    if (p->results_depth && p->depth == p->results_depth)
        p->rows++;
    p->depth++;
    p->key_results = p->key_cursor = p->key_qid = 0;
    return 1;
}

static int fl_start_array(void *ud)
{
    fl_parse *p = ud;
    p->depth++;
    if (p->key_results)
        p->results_depth = p->depth;
    p->key_results = p->key_cursor = p->key_qid = 0;
    return 1;
}

static int fl_end(void *ud)
{
    fl_parse *p = ud;
    if (p->depth == p->results_depth)
        p->results_depth = 0;
    p->depth--;
    return 1;
}

static const yajl_callbacks fl_callbacks = {
    fl_null, fl_bool, NULL, NULL, fl_number, fl_string,
    fl_start_map, fl_map_key, fl_end, fl_start_array, fl_end,
};

static size_t fl_write(char *data, size_t size, size_t n, void *ud)
{
    return yajl_parse(ud, (const unsigned char *)data, size * n) == yajl_status_ok ? size * n : 0;
}

/* One request; its answer parsed into *p (rows add up, the cursor is this answer's). */
static void fl_request(CURL *c, const char *url, const char *body, fl_parse *p)
{
    yajl_handle y = yajl_alloc(&fl_callbacks, NULL, p);
    long status = 0;

    p->depth = p->results_depth = 0;
    p->cursor[0] = 0;
    curl_easy_setopt(c, CURLOPT_URL, url);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
    } else {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    }
    curl_easy_setopt(c, CURLOPT_WRITEDATA, y);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (rc != CURLE_OK || status != 200 || yajl_complete_parse(y) != yajl_status_ok) {
        fprintf(stderr, "curl_floor: %s: %s, HTTP %ld\n", url, curl_easy_strerror(rc), status);
        exit(1);
    }
    yajl_free(y);
}

static double fl_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double fl_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec / 1e6;
}

static void fl_fetch_all(CURL *c, const char *base, const char *body, long page, fl_parse *p)
{
    char url[4096];

    snprintf(url, sizeof url, "%s/v1/orgs/self/queries", base);
    fl_request(c, url, body, p);
    while (p->cursor[0]) {
        char *cur = curl_easy_escape(c, p->cursor, 0);
        char *qid = curl_easy_escape(c, p->qid, 0);
        snprintf(url, sizeof url, "%s/v1/orgs/self/queries/%s/pages?cursor=%s&docs=%ld&offset=0",
                 base, qid, cur, page);
        curl_free(cur);
        curl_free(qid);
        fl_request(c, url, NULL, p);
    }
}

int main(int argc, char **argv)
{
    long page = 10000, queries = 0;
    int opt;
    fl_parse p;
    struct curl_slist *hdr = NULL;
    char auth[512], url[4096];

    while ((opt = getopt(argc, argv, "p:n:")) != -1) {
        if (opt == 'p')
            page = atol(optarg);
        else if (opt == 'n')
            queries = atol(optarg);
        else
            return 2;
    }
    if (argc - optind != 4) {
        fprintf(stderr, "usage: %s [-p PAGESIZE] [-n QUERIES] LABEL URL APIKEY BODY\n", argv[0]);
        return 2;
    }
    const char *label = argv[optind], *base = argv[optind + 1], *body = argv[optind + 3];
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *c = curl_easy_init();
    snprintf(auth, sizeof auth, "Authorization: ApiKey %s", argv[optind + 2]);
    hdr = curl_slist_append(hdr, auth);
    hdr = curl_slist_append(hdr, "Accept: application/json");
    hdr = curl_slist_append(hdr, "Content-Type: application/json");
    hdr = curl_slist_append(hdr, "Expect:");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, fl_write);
    memset(&p, 0, sizeof p);
    double t0 = fl_now(), c0 = fl_cpu();
    if (queries > 0) {
        snprintf(url, sizeof url, "%s/v1/orgs/self/queries", base);
        for (long i = 0; i < queries; i++)
            fl_request(c, url, body, &p);
    } else {
        fl_fetch_all(c, base, body, page, &p);
    }
    double t = fl_now() - t0, cpu = fl_cpu() - c0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("%s rows=%llu values=%llu cpu_s=%.4f seconds=%.3f rows_per_s=%.0f peak_rss_kb=%ld "
           "us_per_query=%.1f\n", label, p.rows, p.values, cpu, t, t > 0 ? p.rows / t : 0.0,
           ru.ru_maxrss, queries > 0 ? cpu * 1e6 / queries : 0.0);
    curl_slist_free_all(hdr);
    curl_easy_cleanup(c);
    curl_global_cleanup();
    return 0;
}
