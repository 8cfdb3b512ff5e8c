/* SPDX-License-Identifier: Apache-2.0 */
/* The row source of a query: the first answer (decoded inside rs_client_query so the columns
 * are known), then one GET of the pages endpoint per page until next_cursor is null. Each
 * answer is decoded while it streams in; only one page is held at a time. */
#include "driver/client/query_source_int.h"
#include "driver/client/log.h"
#include "driver/client/prefetch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RS_QS_DEFAULT_DOCS 10000L
/* How long a cancelled query's DELETE may take: SQLCancel must not hang on it. */
#define RS_QS_DELETE_TIMEOUT_MS 2000L

static int rs_qs_sink(void *ud, const char *data, size_t n, rs_error *err)
{
    return rs_decode_feed(ud, data, n, err);
}

int rs_qs_take_cursor(rs_qsource *q, rs_error *err)
{
    free(q->cursor);
    q->cursor = NULL;
    if (rs_decode_next_cursor(q->dec) && !(q->cursor = strdup(rs_decode_next_cursor(q->dec)))) {
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        return -1;
    }
    return 0;
}

/* One request whose answer becomes the decoder's current page. */
int rs_qs_fetch(rs_qsource *q, rs_http *h, const char *method, const char *path,
                const char *body, rs_error *err)
{
    rs_http_req req;

    memset(&req, 0, sizeof req);
    req.method = method;
    req.path = path;
    req.body = body;
    req.body_len = body ? strlen(body) : 0;
    req.timeout_ms = q->timeout_ms;
    req.stall_ms = strcmp(method, "POST") == 0 ? q->post_stall_ms : 0;
    req.sink = rs_qs_sink;
    req.sink_ud = q->dec;
    rs_decode_begin(q->dec);
    if (rs_http_perform(h, &req, NULL, err) != 0)
        return -1;
    if (rs_decode_finish(q->dec, err) != 0 || rs_decode_query_errors(q->dec, err) != 0)
        return -1;
    return rs_qs_take_cursor(q, err);
}

static int rs_qs_fetch_next(rs_qsource *q, rs_http *h, rs_error *err)
{
    char *qid = rs_client_escape_segment(q->base.query_id);
    char *cur = rs_client_escape_segment(q->cursor);
    char *path = NULL;
    size_t n;
    int rc = -1;

    if (qid && cur) {
        n = strlen(qid) + strlen(cur) + 96;
        path = malloc(n);
        if (path)
            snprintf(path, n, "/v1/orgs/self/queries/%s/pages?cursor=%s&docs=%ld&offset=0", qid,
                     cur, q->page_size > 0 ? q->page_size : RS_QS_DEFAULT_DOCS);
    }
    if (!path)
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    else
        rc = rs_qs_fetch(q, h, "GET", path, NULL, err);
    free(qid);
    free(cur);
    free(path);
    return rc;
}

int rs_qs_advance(rs_qsource *q, rs_http *h, rs_error *err)
{
    while (q->cursor) {
        char *prev = strdup(q->cursor);
        int same;
        if (!prev) {
            rs_error_set(err, RS_ERR_NOMEM, "out of memory");
            return -1;
        }
        if (!q->base.query_id[0]) {
            free(prev);
            rs_error_set(err, RS_ERR_PROTOCOL, "the server paginated a result without a query_id");
            return -1;
        }
        if (rs_qs_fetch_next(q, h, err) != 0) {
            free(prev);
            return -1;
        }
        same = q->cursor && strcmp(prev, q->cursor) == 0;
        free(prev);
        if (rs_decode_page(q->dec)->nrows > 0)
            return 1;
        if (same) {
            /* An empty page that points at itself would loop forever. */
            rs_error_set(err, RS_ERR_PROTOCOL, "the server returned an empty page with the "
                         "same cursor");
            return -1;
        }
    }
    return 0;
}

static int rs_qs_discard(void *ud, const char *data, size_t n, rs_error *err)
{
    (void)ud, (void)data, (void)n, (void)err;
    return 0;
}

/* After a cancel ended a page fetch: tell the server to stop the query and drop its results
 * (DELETE /queries/{id}). Best effort: one short attempt, its failure only logged. The
 * transport is cancelled again afterwards, as the cancel left it. */
static void rs_qs_cancel_on_server(rs_qsource *q)
{
    rs_http *h = rs_client_http(q->c);
    char *qid = rs_client_escape_segment(q->base.query_id);
    char path[400];
    rs_http_req req;
    rs_error err;

    if (!qid)
        return;
    snprintf(path, sizeof path, "/v1/orgs/self/queries/%.300s", qid);
    free(qid);
    memset(&req, 0, sizeof req);
    req.method = "DELETE";
    req.path = path;
    req.timeout_ms = RS_QS_DELETE_TIMEOUT_MS;
    req.sink = rs_qs_discard;
    req.no_retry = 1;
    rs_error_clear(&err);
    rs_http_reset_cancel(h);
    if (rs_http_perform(h, &req, NULL, &err) != 0)
        rs_log(RS_LOG_WARN, "cancelling query %s on the server failed: %s", q->base.query_id,
               err.message);
    else
        rs_log(RS_LOG_INFO, "query %s cancelled on the server", q->base.query_id);
    rs_http_cancel(h);
}

void rs_qs_after_error(rs_qsource *q, const rs_error *err)
{
    if (err->kind == RS_ERR_CANCELLED && !q->deleted) {
        q->deleted = 1;
        rs_qs_cancel_on_server(q);
    }
}

/* Hands out the decoder's page, with what it could not place. */
static int rs_qs_hand_out(rs_qsource *q, const rs_page *p, const rs_page **page)
{
    const char *key = "";

    q->base.page_dropped = rs_decode_dropped(q->dec, &key);
    snprintf(q->base.dropped_key, sizeof q->base.dropped_key, "%s", key);
    *page = p;
    return 1;
}

/* The first page when more follow: moved out of the decoder, which the producer takes over
 * (it starts now, so that the columns were final: the statement may add and order columns
 * between the open and the first fetch). */
static int rs_qs_first_with_producer(rs_qsource *q, const rs_page **page, rs_error *err)
{
    const char *key = "";

    if (rs_decode_page(q->dec)->nrows > 0) {
        q->base.page_dropped = rs_decode_dropped(q->dec, &key);
        snprintf(q->base.dropped_key, sizeof q->base.dropped_key, "%s", key);
        if (!(q->held = rs_decode_take_page(q->dec))) {
            rs_error_set(err, RS_ERR_NOMEM, "out of memory");
            return -1;
        }
    }
    if (q->pf)
        rs_pf_release_decoder(q->pf);
    else if (rs_pf_start_pages(q, err) != 0)
        return -1;
    if (!q->held)
        return 0;
    *page = rs_page_hold_page(q->held);
    return 1;
}

static int rs_qs_next_from_producer(rs_qsource *q, const rs_page **page, rs_error *err)
{
    rs_page_hold *next = NULL;
    int rc;

    rc = rs_pf_next(q->pf, &next, &q->base.page_dropped, q->base.dropped_key,
                    sizeof q->base.dropped_key, err);
    if (rc < 0)
        rs_qs_after_error(q, err);
    if (rc != 1)
        return rc; /* the last page stays: the statement still reads the rowset it gave */
    rs_page_hold_free(q->held);
    q->held = next;
    *page = rs_page_hold_page(q->held);
    return 1;
}

static int rs_qs_next_page(rs_rowsource *rs, const rs_page **page, rs_error *err)
{
    rs_qsource *q = (rs_qsource *)rs;
    const rs_page *p;

    *page = NULL;
    q->base.page_dropped = 0;
    if (q->scrolling) {
        rs_error_set(err, RS_ERR_PROTOCOL, "a scrolled result is not read forward");
        return -1;
    }
    if (q->first_pending) {
        q->first_pending = 0;
        if (q->cursor || q->pf) {
            int rc = rs_qs_first_with_producer(q, page, err);
            if (rc != 0)
                return rc;
        } else {
            p = rs_decode_page(q->dec);
            return p->nrows > 0 ? rs_qs_hand_out(q, p, page) : 0;
        }
    }
    if (q->pf)
        return rs_qs_next_from_producer(q, page, err);
    return 0;
}

static void rs_qs_close(rs_rowsource *rs)
{
    rs_qsource *q = (rs_qsource *)rs;

    if (!q)
        return;
    rs_pf_stop(q->pf); /* first: the producer uses the decoder */
    rs_page_hold_free(q->held);
    rs_qs_cache_free(q);
    free(q->start_cursor);
    rs_decode_free(q->dec);
    for (size_t i = 0; i < q->base.ncollections; i++)
        free(q->base.collections[i]);
    free(q->base.collections);
    free(q->cursor);
    rs_client_unref(q->c);
    free(q);
}

static int rs_qs_add_column(rs_rowsource *rs, const char *name, const char *rockset_type)
{
    rs_qsource *q = (rs_qsource *)rs;

    if (rs_decode_add_column(q->dec, name, rockset_type) != 0)
        return -1;
    q->base.cols = rs_decode_columns(q->dec, &q->base.ncols);
    return 0;
}

static int rs_qs_order_columns(rs_rowsource *rs, const char *const *names, size_t n)
{
    rs_qsource *q = (rs_qsource *)rs;

    if (rs_decode_order_columns(q->dec, names, n) != 0)
        return -1;
    q->base.cols = rs_decode_columns(q->dec, &q->base.ncols);
    return 0;
}

static const rs_rowsource_ops rs_qs_ops = { rs_qs_next_page, rs_qs_close, rs_qs_add_column,
                                            rs_qs_page_at, rs_qs_count, rs_qs_order_columns };

/* INSERT INTO ... SELECT answers one row {"num_docs_inserted": N}. */
static void rs_qs_rows_affected(rs_qsource *q)
{
    const rs_page *p = rs_decode_page(q->dec);

    if (q->base.ncols == 1 && p->nrows == 1 && strcmp(q->base.cols[0].name, "num_docs_inserted") == 0 &&
        p->cells[0].kind == RS_V_INT)
        q->base.rows_affected = strtoll(p->cells[0].text, NULL, 10);
}

int rs_query_source_open(rs_client *c, const char *path, const char *body, long page_size,
                         int batched, long timeout_ms, long post_stall_ms, rs_rowsource **out,
                         rs_error *err)
{
    rs_qsource *q = calloc(1, sizeof *q);
    size_t max_value, max_page;

    *out = NULL;
    if (!q || !(q->dec = rs_decode_new())) {
        free(q);
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        return -1;
    }
    rs_client_limits(c, &max_value, &max_page);
    rs_decode_set_limits(q->dec, max_value, max_page);
    q->post_stall_ms = post_stall_ms;
    q->base.ops = &rs_qs_ops;
    q->base.rows_affected = -1;
    q->c = c;
    rs_client_ref(c);
    q->page_size = page_size;
    q->timeout_ms = timeout_ms;
    /* PageSize 0 asks for every row in one answer: it is read in bounded batches by the
     * producer thread, so that memory does not follow the result size. */
    if ((page_size > 0 || !batched ? rs_qs_fetch(q, rs_client_http(c), "POST", path, body, err)
                                   : rs_pf_open_stream(q, path, body, err)) != 0) {
        rs_qs_close(&q->base);
        return -1;
    }
    q->base.cols = rs_decode_columns(q->dec, &q->base.ncols);
    q->base.total_rows = rs_decode_total(q->dec);
    q->base.collections = rs_decode_collections(q->dec, &q->base.ncollections);
    snprintf(q->base.query_id, sizeof q->base.query_id, "%s", rs_decode_query_id(q->dec));
    snprintf(q->base.last_offset, sizeof q->base.last_offset, "%s",
             rs_decode_last_offset(q->dec));
    if (!rs_decode_paginated(q->dec) && q->base.total_rows < 0 && !q->batched)
        q->base.total_rows = (long long)rs_decode_page(q->dec)->nrows;
    q->more = q->cursor != NULL || q->batched;
    q->known = (long long)rs_decode_page(q->dec)->nrows;
    if (rs_decode_start_cursor(q->dec) &&
        !(q->start_cursor = strdup(rs_decode_start_cursor(q->dec)))) {
        rs_qs_close(&q->base);
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        return -1;
    }
    q->first_pending = 1;
    rs_qs_rows_affected(q);
    rs_log(RS_LOG_DEBUG, "query %s: %zu columns, first page %zu rows, total %lld, %s",
           q->base.query_id, q->base.ncols, rs_decode_page(q->dec)->nrows, q->base.total_rows,
           q->batched ? "more batches" : q->cursor ? "more pages" : "no more pages");
    *out = &q->base;
    return 0;
}
