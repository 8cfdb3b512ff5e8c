/* SPDX-License-Identifier: Apache-2.0 */
/* Reading a query's result in the background (driver/client/prefetch.c) and cutting a
 * one-answer result into batches (result_batch.c), against the scripted fake server: pages in
 * order and complete, at most one page ahead, errors and closing in the middle, and PageSize 0
 * answers much larger than a batch. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "driver/client/result_batch.h"
#include "driver/client/result_decode.h"
#include "driver/client/rs_client.h"
#include "tests/driver/client/fake_server.h"
#include "tests/cunit_main.h"

static fake_server *fs;

static long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)(ts.tv_sec * 1000L + ts.tv_nsec / 1000000L);
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

    nanosleep(&ts, NULL);
}

static size_t max_page; /* the next new_client's MaxPageBytes, 0 = default */
static long stall_ms;   /* the next new_client's StallTimeout in ms, 0 = default */

static rs_client *new_client(void)
{
    rs_client_config cfg;
    rs_error err;
    rs_client *c;

    memset(&cfg, 0, sizeof cfg);
    cfg.server = fs_url(fs);
    cfg.api_key = "k";
    cfg.ssl_verify = 1;
    cfg.max_page_bytes = max_page;
    cfg.stall_timeout_ms = stall_ms;
    rs_error_clear(&err);
    c = rs_client_new(&cfg, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    return c;
}

static void push(int status, const char *body, int delay_ms, size_t chunk)
{
    fs_resp r = { status, NULL, body, FS_NORMAL, delay_ms, chunk, 0 };
    fs_push(fs, &r);
}

static void restart(void)
{
    fs_stop(fs);
    fs = fs_start();
    CU_ASSERT_PTR_NOT_NULL_FATAL(fs);
}

/* Waits (up to 3 s) until the server has seen n requests; returns how many it saw. */
static int wait_requests(int n)
{
    long t0 = now_ms();

    while (fs_nrequests(fs) < n && now_ms() - t0 < 3000)
        sleep_ms(10);
    return fs_nrequests(fs);
}

static rs_rowsource *run(rs_client *c, long page_size, rs_error *err)
{
    rs_query_request q;
    rs_rowsource *rs = NULL;

    memset(&q, 0, sizeof q);
    q.sql = "SELECT a FROM t";
    q.page_size = page_size;
    rs_error_clear(err);
    CU_ASSERT_EQUAL(rs_client_query(c, &q, &rs, err), 0);
    return rs;
}

/* Page k of 2-row pages: rows 2k-1 and 2k, the last (k = 5) only row 9. */
static void push_page(int k)
{
    char body[256];

    if (k < 5)
        snprintf(body, sizeof body, "{\"results\":[{\"a\":%d},{\"a\":%d}],\"pagination\":"
                 "{\"next_cursor\":\"c%d\"}}", 2 * k - 1, 2 * k, k + 1);
    else
        snprintf(body, sizeof body, "{\"results\":[{\"a\":9}],\"pagination\":"
                 "{\"next_cursor\":null}}");
    push(200, body, 0, 0);
}

static void test_pages_in_order_one_ahead(void)
{
    rs_client *c;
    rs_rowsource *rs;
    const rs_page *pg;
    rs_error err;
    int next = 1, r;

    restart();
    push(200, "{\"query_id\":\"q\",\"results\":[{\"a\":1},{\"a\":2}],\"pagination\":"
              "{\"next_cursor\":\"c2\"}}", 0, 0);
    for (int k = 2; k <= 5; k++)
        push_page(k);
    c = new_client();
    rs = run(c, 2, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 1);
    for (int k = 1; (r = rs_rowsource_next(rs, &pg, &err)) == 1; k++) {
        for (size_t i = 0; i < pg->nrows; i++)
            CU_ASSERT_EQUAL(atoi(pg->cells[i].text), next++);
        if (k <= 2) {
            /* the next page is asked for while this one is read, and no more than that */
            CU_ASSERT_EQUAL(wait_requests(k + 1), k + 1);
            sleep_ms(200);
            CU_ASSERT_EQUAL(fs_nrequests(fs), k + 1);
        }
    }
    CU_ASSERT_EQUAL(r, 0);
    CU_ASSERT_EQUAL(next, 10);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 5);
    CU_ASSERT_PTR_NOT_NULL(strstr(fs_request(fs, 4), "GET /v1/orgs/self/queries/q/pages?cursor=c5"));
    rs_rowsource_close(rs);
    rs_client_free(c);
}

/* An error answer for page 3 is the error of the call that would have returned it, with the
 * server's message, and of every later call; the pages before it come whole. */
static void test_page_error_mid_result(void)
{
    rs_client *c;
    rs_rowsource *rs;
    const rs_page *pg;
    rs_error err;

    restart();
    push(200, "{\"query_id\":\"q\",\"results\":[{\"a\":1},{\"a\":2}],\"pagination\":"
              "{\"next_cursor\":\"c2\"}}", 0, 0);
    push_page(2);
    push(400, "{\"message\":\"page three is gone\",\"type\":\"INVALIDINPUT\"}", 0, 0);
    c = new_client();
    rs = run(c, 2, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), 1);
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), 1);
    CU_ASSERT_STRING_EQUAL(pg->cells[1].text, "4");
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_HTTP);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "page three is gone"));
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "page three is gone"));
    rs_rowsource_close(rs);
    rs_client_free(c);
}

/* Closing while the next page is being fetched (a slow server) stops the fetch at once. */
static void test_close_mid_result(void)
{
    rs_client *c;
    rs_rowsource *rs;
    const rs_page *pg;
    rs_error err;
    long t0;

    restart();
    push(200, "{\"query_id\":\"q\",\"results\":[{\"a\":1},{\"a\":2}],\"pagination\":"
              "{\"next_cursor\":\"c2\"}}", 0, 0);
    push(200, "{\"results\":[{\"a\":3}],\"pagination\":{\"next_cursor\":null}}", 5000, 0);
    c = new_client();
    rs = run(c, 2, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), 1);
    CU_ASSERT_EQUAL(wait_requests(2), 2);
    t0 = now_ms();
    rs_rowsource_close(rs);
    CU_ASSERT(now_ms() - t0 < 2000);
    rs_client_free(c);
}

/* {"query_id":"q","results":[{"a":0,"s":"..."},...],<tail>} with n rows; row `extra` (if
 * >= 0) brings a key "z" no earlier row had. */
static char *big_answer(int n, int extra, const char *tail)
{
    size_t cap = (size_t)n * 64 + strlen(tail) + 128, len;
    char *b = malloc(cap);

    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    len = (size_t)snprintf(b, cap, "{\"query_id\":\"q\",\"results\":[");
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(b + len, cap - len, "%s{\"a\":%d,\"s\":\"x],{\\\"\"%s}",
                                i ? "," : "", i, i == extra ? ",\"z\":1" : "");
    snprintf(b + len, cap - len, "]%s}", tail);
    return b;
}

/* PageSize 0: 25000 rows come as batches of at most RS_RBATCH_ROWS, every row once, in order;
 * the key only a later batch brings is reported as dropped, not lost without a word. */
static void test_one_answer_in_batches(void)
{
    rs_client *c;
    rs_rowsource *rs;
    const rs_page *pg;
    rs_error err;
    char *body = big_answer(25000, 15000, ",\"column_fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                            "{\"name\":\"s\",\"type\":\"string\"}]");
    int next = 0, pages = 0, r;
    size_t dropped = 0;

    restart();
    push(200, body, 0, 4000);
    free(body);
    c = new_client();
    rs = run(c, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    CU_ASSERT_EQUAL(rs->ncols, 2);
    CU_ASSERT_STRING_EQUAL(rs->cols[0].name, "a");
    CU_ASSERT_EQUAL(rs->total_rows, -1); /* not known before the end */
    while ((r = rs_rowsource_next(rs, &pg, &err)) == 1) {
        pages++;
        CU_ASSERT(pg->nrows <= RS_RBATCH_ROWS);
        for (size_t i = 0; i < pg->nrows; i++) {
            CU_ASSERT_EQUAL(atoi(pg->cells[i * 2].text), next++);
            CU_ASSERT_STRING_EQUAL(pg->cells[i * 2 + 1].text, "x],{\"");
        }
        if (rs->page_dropped) {
            dropped += rs->page_dropped;
            CU_ASSERT_STRING_EQUAL(rs->dropped_key, "z");
        }
    }
    CU_ASSERT_EQUAL(r, 0);
    CU_ASSERT_EQUAL(next, 25000);
    CU_ASSERT_EQUAL(pages, 3);
    CU_ASSERT_EQUAL(dropped, 1);
    CU_ASSERT_EQUAL(fs_nrequests(fs), 1);
    rs_rowsource_close(rs);
    rs_client_free(c);
}

/* PageSize 0 read by a slow application: the transfer waits while the reader holds a batch,
 * and that wait is the reader's, not a stalled server (http.c restarts the stall clock when
 * the sink returns). With a 1 s stall limit and 2.2 s spent on the first batch, every row
 * still arrives. */
static void test_one_answer_slow_reader(void)
{
    rs_client *c;
    rs_rowsource *rs;
    const rs_page *pg;
    rs_error err;
    char *body = big_answer(25000, 30000, "");
    int next = 0, pages = 0, r;

    restart();
    push(200, body, 0, 4000);
    free(body);
    stall_ms = 1000;
    c = new_client();
    stall_ms = 0;
    rs = run(c, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    while ((r = rs_rowsource_next(rs, &pg, &err)) == 1) {
        if (pages++ == 0)
            sleep_ms(2200);
        for (size_t i = 0; i < pg->nrows; i++)
            CU_ASSERT_EQUAL(atoi(pg->cells[i * 2].text), next++);
    }
    CU_ASSERT_EQUAL(r, 0);
    if (r != 0)
        fprintf(stderr, "slow reader: %s\n", err.message);
    CU_ASSERT_EQUAL(next, 25000);
    rs_rowsource_close(rs);
    rs_client_free(c);
}

/* MaxPageBytes bounds one batch, which ends by half of it: an answer of 25000 rows, about
 * 800 kB, reads whole under a 100 kB bound (it failed while the answer was held whole). */
static void test_one_answer_max_page(void)
{
    rs_client *c;
    rs_rowsource *rs;
    const rs_page *pg;
    rs_error err;
    char *body = big_answer(25000, -1, "");
    long rows = 0;
    int r;

    restart();
    push(200, body, 0, 0);
    free(body);
    max_page = 100000;
    c = new_client();
    max_page = 0;
    rs = run(c, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    while ((r = rs_rowsource_next(rs, &pg, &err)) == 1)
        rows += (long)pg->nrows;
    CU_ASSERT_EQUAL(r, 0);
    CU_ASSERT_EQUAL(rows, 25000);
    rs_rowsource_close(rs);
    rs_client_free(c);
}

/* A static cursor over 25000 rows that come in batches: every batch is read at once and
 * kept, so any row can be reached, in either direction. */
static void test_one_answer_scrolled(void)
{
    rs_client *c;
    rs_rowsource *rs;
    const rs_page *pg;
    rs_error err;
    long long first;
    char *body = big_answer(25000, -1, "");
    static const long long rows[] = { 24999, 0, 12345, 10000, 9999 };

    restart();
    push(200, body, 0, 0);
    free(body);
    c = new_client();
    rs = run(c, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        CU_ASSERT_EQUAL_FATAL(rs_rowsource_page_at(rs, rows[i], &pg, &first, &err), 1);
        CU_ASSERT_EQUAL(atoll(pg->cells[(rows[i] - first) * pg->ncols].text), rows[i]);
    }
    CU_ASSERT_EQUAL(rs->total_rows, 25000);
    CU_ASSERT_EQUAL(rs_rowsource_page_at(rs, 25000, &pg, &first, &err), 0);
    rs_rowsource_close(rs);
    rs_client_free(c);
}

/* A query error after the rows (the server failed late) ends the reading with its message,
 * and so it does for a static cursor, which reads every batch at its first call. */
static void test_one_answer_late_error(void)
{
    rs_client *c;
    rs_rowsource *rs;
    const rs_page *pg;
    rs_error err;
    long long first;
    char *body = big_answer(15000, -1, ",\"query_errors\":[{\"type\":\"QUERY_ERROR\","
                            "\"message\":\"late failure\"}]");
    int r, pages = 0;

    restart();
    push(200, body, 0, 0);
    push(200, body, 0, 0);
    free(body);
    c = new_client();
    rs = run(c, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    while ((r = rs_rowsource_next(rs, &pg, &err)) == 1)
        pages++;
    CU_ASSERT_EQUAL(r, -1);
    CU_ASSERT_EQUAL(pages, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "late failure"));
    rs_rowsource_close(rs);

    rs = run(c, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    CU_ASSERT_EQUAL(rs_rowsource_page_at(rs, 0, &pg, &first, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "late failure"));
    rs_rowsource_close(rs);
    /* two queries, one after the other: the second reused the first one's connection */
    CU_ASSERT_EQUAL(fs_nconnections(fs), 1);
    rs_client_free(c);
}

/* SQLCancel (rs_client_cancel from any thread) reaches the producer's own transport in the
 * middle of a PageSize 0 answer: reading ends with RS_ERR_CANCELLED before every row came. */
static void test_one_answer_cancelled(void)
{
    rs_client *c;
    rs_rowsource *rs;
    const rs_page *pg;
    rs_error err;
    char *body = big_answer(200000, -1, "");
    long rows = 0;
    int r;

    restart();
    push(200, body, 0, 0);
    free(body);
    c = new_client();
    rs = run(c, 0, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    CU_ASSERT_EQUAL(rs_rowsource_next(rs, &pg, &err), 1);
    rows += (long)pg->nrows;
    rs_client_cancel(c);
    while ((r = rs_rowsource_next(rs, &pg, &err)) == 1)
        rows += (long)pg->nrows;
    CU_ASSERT_EQUAL(r, -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_CANCELLED);
    CU_ASSERT(rows < 200000);
    rs_rowsource_close(rs);
    rs_client_free(c);
}

typedef struct split_ctx {
    rs_decoder *dec;
    int pages;
    char seen[64];
} split_ctx;

static int split_feed(void *ud, const char *data, size_t n, rs_error *err)
{
    return rs_decode_feed(((split_ctx *)ud)->dec, data, n, err);
}

/* Records the first column of each row of the closed answer: "1,2|3,4|" */
static int split_cut(void *ud, rs_error *err)
{
    split_ctx *x = ud;
    const rs_page *p;

    if (rs_decode_finish(x->dec, err) != 0)
        return -1;
    p = rs_decode_page(x->dec);
    for (size_t r = 0; r < p->nrows; r++)
        snprintf(x->seen + strlen(x->seen), sizeof x->seen - strlen(x->seen), "%s%s",
                 r ? "," : "", p->cells[r * p->ncols].text);
    strcat(x->seen, "|");
    x->pages++;
    rs_decode_begin(x->dec);
    return 0;
}

/* The splitter fed one byte at a time, through strings that look like structure, escaped
 * quotes, nested values and a root key "results" inside a value. */
static void test_splitter_bytewise(void)
{
    static const char doc[] =
        "{\"query_id\":\"x\",\"note\":\"\\\"results\\\":[\",\"results\" : [ {\"a\":1,"
        "\"s\":\"],\\\"results\\\":[{\"},{\"a\":2,\"o\":{\"k\":[1,{\"x\":\",\"}]}},"
        "{\"a\":3},{\"a\":4},{\"a\":5}],\"tail\":{\"results\":[1,2]}}";
    static const rs_rbatch_ops ops = { split_feed, split_cut };
    split_ctx x;
    rs_rbatch *b;
    rs_error err;

    memset(&x, 0, sizeof x);
    x.dec = rs_decode_new();
    b = rs_rbatch_new(&ops, &x, 2, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    rs_error_clear(&err);
    for (size_t i = 0; i < sizeof doc - 1; i++)
        CU_ASSERT_EQUAL_FATAL(rs_rbatch_sink(b, doc + i, 1, &err), 0);
    CU_ASSERT_EQUAL(split_cut(&x, &err), 0); /* the end of the body */
    CU_ASSERT_EQUAL(rs_rbatch_cuts(b), 2);
    CU_ASSERT_STRING_EQUAL(x.seen, "1,2|3,4|5|");
    rs_rbatch_free(b);
    rs_decode_free(x.dec);
}

static int setup(void)
{
    fs = fs_start();
    return fs ? 0 : 1;
}

static int teardown(void)
{
    fs_stop(fs);
    return 0;
}

int main(void)
{
    static const cu_case cases[] = {
        {"pages in order, at most one ahead", test_pages_in_order_one_ahead},
        {"a page error in the middle", test_page_error_mid_result},
        {"close in the middle", test_close_mid_result},
        {"PageSize 0 in batches", test_one_answer_in_batches},
        {"PageSize 0, a late error", test_one_answer_late_error},
        {"PageSize 0 under a static cursor", test_one_answer_scrolled},
        {"PageSize 0, cancelled in the middle", test_one_answer_cancelled},
        {"PageSize 0, MaxPageBytes bounds a batch", test_one_answer_max_page},
        {"PageSize 0, a reader slower than the stall limit", test_one_answer_slow_reader},
        {"the splitter, byte by byte", test_splitter_bytewise},
        {NULL, NULL},
    };
    return cu_run_fixture("prefetch", setup, teardown, cases);
}
