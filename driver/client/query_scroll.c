/* SPDX-License-Identifier: Apache-2.0 */
/* Random access to a query's result, for static cursors, without holding the result: Rockset
 * keeps a paginated query's rows on the server, and its pages endpoint answers a window
 * anywhere in them (GET /v1/orgs/self/queries/{id}/pages?cursor=C&docs=N&offset=K: N rows
 * from K rows past cursor C). Windows are aligned on the page size, so scrolling back and
 * forth over the same rows finds them in a cache of the RS_QS_CACHE_PAGES most recently used
 * pages; memory follows the page size, never the result size. A result the first answer
 * held entirely (a server that does not paginate) stays in that one page. */
#include "driver/client/query_source_int.h"
#include "driver/client/log.h"
#include "driver/client/prefetch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RS_QS_DEFAULT_DOCS 10000L

void rs_qs_cache_free(rs_qsource *q)
{
    for (size_t i = 0; i < q->ngathered; i++)
        rs_page_hold_free(q->gathered[i]);
    free(q->gathered);
    q->gathered = NULL;
    q->ngathered = 0;
    free((rs_cell *)q->whole.cells);
    q->whole.cells = NULL;
    for (int i = 0; i < RS_QS_CACHE_PAGES; i++) {
        rs_page_hold_free(q->cache[i].h);
        q->cache[i].h = NULL;
    }
}

static long rs_qs_docs(const rs_qsource *q)
{
    return q->page_size > 0 ? q->page_size : RS_QS_DEFAULT_DOCS;
}

/* Moves the decoder's page into the cache slot of the least recently used page. */
static int rs_qs_cache_put(rs_qsource *q, long long first, rs_error *err)
{
    rs_qs_cached *slot = NULL;
    rs_page_hold *h;

    for (int i = 0; i < RS_QS_CACHE_PAGES && !(slot && !slot->h); i++)
        if (!slot || !q->cache[i].h || q->cache[i].used < slot->used)
            slot = &q->cache[i];
    h = rs_decode_take_page(q->dec);
    if (!h) {
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        return -1;
    }
    rs_page_hold_free(slot->h);
    slot->h = h;
    slot->first = first;
    slot->used = ++q->tick;
    return 0;
}

/* Frees the least recently used page when the cache is full: done before a request, so the
 * page being decoded and the kept ones never exceed RS_QS_CACHE_PAGES. */
static void rs_qs_cache_make_room(rs_qsource *q)
{
    rs_qs_cached *lru = NULL;

    for (int i = 0; i < RS_QS_CACHE_PAGES; i++) {
        if (!q->cache[i].h)
            return;
        if (!lru || q->cache[i].used < lru->used)
            lru = &q->cache[i];
    }
    rs_page_hold_free(lru->h);
    lru->h = NULL;
}

static const rs_qs_cached *rs_qs_cache_find(rs_qsource *q, long long row)
{
    for (int i = 0; i < RS_QS_CACHE_PAGES; i++) {
        rs_qs_cached *e = &q->cache[i];
        if (e->h && row >= e->first &&
            row < e->first + (long long)rs_page_hold_page(e->h)->nrows) {
            e->used = ++q->tick;
            return e;
        }
    }
    return NULL;
}

static int rs_qs_gather_add(rs_qsource *q, rs_page_hold *h, rs_error *err)
{
    rs_page_hold **g = realloc(q->gathered, (q->ngathered + 1) * sizeof *g);

    if (!g) {
        rs_page_hold_free(h);
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        return -1;
    }
    q->gathered = g;
    g[q->ngathered++] = h;
    return 0;
}

/* One page over the rows of every batch (their texts stay in the batches). */
static int rs_qs_gather_join(rs_qsource *q, rs_error *err)
{
    size_t n = 0, at = 0, nc = q->base.ncols;
    rs_cell *cells;

    for (size_t i = 0; i < q->ngathered; i++)
        n += rs_page_hold_page(q->gathered[i])->nrows;
    if (!(cells = malloc((n * nc > 0 ? n * nc : 1) * sizeof *cells))) {
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < q->ngathered; i++) {
        const rs_page *p = rs_page_hold_page(q->gathered[i]);
        memcpy(cells + at, p->cells, p->nrows * nc * sizeof *cells);
        at += p->nrows * nc;
    }
    q->whole.cells = cells;
    q->whole.nrows = n;
    q->whole.ncols = nc;
    q->base.total_rows = (long long)n;
    q->known = (long long)n;
    q->more = 0;
    return 0;
}

/* A static cursor over an answer that comes in batches (PageSize 0): the cursor may ask for
 * any row and the server keeps no pages of such a result, so every batch is read now and
 * kept: memory follows the result, as it did before batches. */
static int rs_qs_gather(rs_qsource *q, rs_error *err)
{
    rs_page_hold *h = NULL;
    size_t dropped;
    char key[128];
    int rc;

    if (rs_decode_page(q->dec)->nrows > 0) {
        if (!(h = rs_decode_take_page(q->dec))) {
            rs_error_set(err, RS_ERR_NOMEM, "out of memory");
            return -1;
        }
        if (rs_qs_gather_add(q, h, err) != 0)
            return -1;
    }
    rs_pf_release_decoder(q->pf);
    while ((rc = rs_pf_next(q->pf, &h, &dropped, key, sizeof key, err)) == 1)
        if (rs_qs_gather_add(q, h, err) != 0)
            return -1;
    if (rc < 0) {
        rs_qs_after_error(q, err);
        return -1;
    }
    rs_pf_stop(q->pf);
    q->pf = NULL;
    return rs_qs_gather_join(q, err);
}

/* Asks for rows [start, start + docs). Relative to the first answer's start_cursor when it
 * gave one, else without a cursor, which the pages endpoint reads from the first row. The
 * answer is the decoder's page; its count and end, when it tells them, are learnt. */
static int rs_qs_window(rs_qsource *q, long long start, long docs, rs_error *err)
{
    char *qid = rs_client_escape_segment(q->base.query_id);
    char *cur = q->start_cursor ? rs_client_escape_segment(q->start_cursor) : NULL;
    size_t n = (qid ? strlen(qid) : 0) + (cur ? strlen(cur) : 0) + 128;
    char *path = malloc(n);
    long long got;
    int rc = -1;

    if (!qid || (q->start_cursor && !cur) || !path) {
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    } else {
        snprintf(path, n, "/v1/orgs/self/queries/%s/pages?%s%s%sdocs=%ld&offset=%lld", qid,
                 cur ? "cursor=" : "", cur ? cur : "", cur ? "&" : "", docs, start);
        rs_log(RS_LOG_DEBUG, "scroll: rows %lld..%lld of query %s", start, start + docs - 1,
               q->base.query_id);
        rc = rs_qs_fetch(q, rs_client_http(q->c), "GET", path, NULL, err);
    }
    free(qid);
    free(cur);
    free(path);
    if (rc != 0) {
        rs_qs_after_error(q, err);
        return -1;
    }
    if (rs_decode_total(q->dec) >= 0)
        q->base.total_rows = rs_decode_total(q->dec);
    got = (long long)rs_decode_page(q->dec)->nrows;
    if (got > 0 && start + got > q->known)
        q->known = start + got;
    /* a pagination object without a next cursor after rows that exist: the result ends with
     * them. An answer with no pagination object at all says nothing of the end (a full
     * one-row window from such a server was once taken for the last row). */
    if (got > 0 && rs_decode_paginated(q->dec) && !rs_decode_next_cursor(q->dec) &&
        q->base.total_rows < 0)
        q->base.total_rows = start + got;
    return 0;
}

/* The first call: the first answer's page becomes the first cached page (rows 0..n-1). */
static int rs_qs_scroll_begin(rs_qsource *q, rs_error *err)
{
    if (!q->first_pending) {
        rs_error_set(err, RS_ERR_PROTOCOL, "a result read forward cannot be scrolled");
        return -1;
    }
    q->first_pending = 0;
    q->scrolling = 1;
    if (q->pf)
        return rs_qs_gather(q, err);
    if (!q->more) /* the first answer held every row */
        q->base.total_rows = (long long)rs_decode_page(q->dec)->nrows;
    if (rs_decode_page(q->dec)->nrows > 0)
        return rs_qs_cache_put(q, 0, err);
    return 0;
}

int rs_qs_page_at(rs_rowsource *rs, long long row, const rs_page **page, long long *first,
                  rs_error *err)
{
    rs_qsource *q = (rs_qsource *)rs;
    const rs_qs_cached *e;
    long docs = rs_qs_docs(q);
    long long start;

    *page = NULL;
    *first = 0;
    if (!q->scrolling && rs_qs_scroll_begin(q, err) != 0)
        return -1;
    if (row < 0 || (rs->total_rows >= 0 && row >= rs->total_rows))
        return 0;
    if (q->whole.cells) {
        *page = &q->whole;
        return 1;
    }
    if ((e = rs_qs_cache_find(q, row)) == NULL && !q->more)
        return 0;
    if (!e && !q->base.query_id[0]) {
        rs_error_set(err, RS_ERR_PROTOCOL, "the server paginated a result without a query_id");
        return -1;
    }
    start = row - row % docs;
    while (!e) {
        long long got;
        rs_qs_cache_make_room(q);
        if (rs_qs_window(q, start, docs, err) != 0)
            return -1;
        got = (long long)rs_decode_page(q->dec)->nrows;
        if (got == 0)
            return 0; /* past the end */
        if (rs_qs_cache_put(q, start, err) != 0)
            return -1;
        if (row < start + got)
            e = rs_qs_cache_find(q, row);
        else if (rs->total_rows >= 0 && row >= rs->total_rows)
            return 0;
        else
            start += got; /* a short page that is not the last: read on from its end */
    }
    *page = rs_page_hold_page(e->h);
    *first = e->first;
    return 1;
}

/* Whether row k exists, by a one-row window that is not cached; 1, 0, or -1. */
static int rs_qs_probe(rs_qsource *q, long long k, rs_error *err)
{
    if (rs_qs_window(q, k, 1, err) != 0)
        return -1;
    return rs_decode_page(q->dec)->nrows > 0;
}

/* The total when the first answer did not give it (rockset-local answers the first page
 * before the query has finished): any later answer that carries results_total_doc_count
 * settles it; otherwise one-row windows find the end, doubling past the rows known to exist,
 * then halving: about 2 log2(N) small requests, and never a guess. */
int rs_qs_count(rs_rowsource *rs, rs_error *err)
{
    rs_qsource *q = (rs_qsource *)rs;
    long long lo, hi = -1;

    if (!q->scrolling && rs_qs_scroll_begin(q, err) != 0)
        return -1;
    lo = q->known; /* rows [0, lo) exist */
    while (rs->total_rows < 0 && hi < 0) {
        long long k = lo > 0 ? 2 * lo - 1 : 0;
        int r = rs_qs_probe(q, k, err);
        if (r < 0)
            return -1;
        if (r)
            lo = k + 1;
        else
            hi = k;
    }
    while (rs->total_rows < 0 && lo < hi) {
        long long mid = lo + (hi - lo) / 2;
        int r = rs_qs_probe(q, mid, err);
        if (r < 0)
            return -1;
        if (r)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (rs->total_rows < 0)
        rs->total_rows = lo;
    return 0;
}
