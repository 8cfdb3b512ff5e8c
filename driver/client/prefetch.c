/* SPDX-License-Identifier: Apache-2.0 */
/* The producer thread of a query row source (prefetch.h). One mutex and one condition guard
 * the hand-off; the decoder and q->cursor are touched by one side at a time, and every
 * change of hands goes through the mutex. */
#include "driver/client/prefetch.h"
#include "driver/client/result_batch.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rs_prefetch {
    rs_qsource *q;
    rs_http *http;        /* the producer's own transport (rs_client_http_acquire) */
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    /* the hand-off, under mu */
    rs_page_hold *ready;  /* the next page, NULL when none */
    size_t ready_dropped;
    char ready_key[128];
    int first_done;       /* streaming: the chain's first answer is in the decoder */
    int gate;             /* the consumer handed the decoder over */
    int done;             /* the producer has ended */
    int failed;           /* ... with err */
    int stop;             /* the consumer is closing */
    rs_error err;
    /* streaming: the POST, and the answer chain (producer only) */
    char *path, *body;
    rs_rbatch *split;
    int in_first;         /* the decoder's answer is the chain's first */
};

static int pf_stopped(rs_error *err)
{
    rs_error_set(err, RS_ERR_CANCELLED, "the result was closed");
    return -1;
}

/* Moves the decoder's page (when it has rows) to the hand-off, then waits until the consumer
 * has taken it: never more than one page ahead. */
static int pf_put(rs_prefetch *pf, rs_error *err)
{
    rs_decoder *dec = pf->q->dec;
    const char *key = "";
    size_t dropped;
    rs_page_hold *h;
    int stop;

    if (rs_decode_page(dec)->nrows == 0)
        return 0;
    dropped = rs_decode_dropped(dec, &key);
    if (!(h = rs_decode_take_page(dec))) {
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        return -1;
    }
    pthread_mutex_lock(&pf->mu);
    pf->ready = h;
    pf->ready_dropped = dropped;
    snprintf(pf->ready_key, sizeof pf->ready_key, "%s", key);
    pthread_cond_broadcast(&pf->cv);
    while (pf->ready && !pf->stop)
        pthread_cond_wait(&pf->cv, &pf->mu);
    stop = pf->stop;
    pthread_mutex_unlock(&pf->mu);
    return stop ? pf_stopped(err) : 0;
}

/* One answer of the chain is complete in the decoder. The first is left there for the
 * consumer, who learns the columns from it; the producer waits until it is handed the
 * decoder back. A last answer that was the whole result needs no wait: the producer ends. */
static int pf_answer_done(rs_prefetch *pf, int last, rs_error *err)
{
    rs_qsource *q = pf->q;
    int stop;

    if (rs_decode_finish(q->dec, err) != 0 || rs_decode_query_errors(q->dec, err) != 0)
        return -1;
    if (rs_decode_paginated(q->dec) && rs_qs_take_cursor(q, err) != 0)
        return -1;
    if (!pf->in_first)
        return pf_put(pf, err);
    pf->in_first = 0;
    if (last && !q->cursor)
        return 0; /* the whole result: the producer's end tells the consumer */
    pthread_mutex_lock(&pf->mu);
    pf->first_done = 1;
    q->batched = !last;
    pthread_cond_broadcast(&pf->cv);
    while (!pf->gate && !pf->stop)
        pthread_cond_wait(&pf->cv, &pf->mu);
    stop = pf->stop;
    pthread_mutex_unlock(&pf->mu);
    return stop ? pf_stopped(err) : 0;
}

static int pf_feed(void *ud, const char *data, size_t n, rs_error *err)
{
    rs_prefetch *pf = ud;

    return rs_decode_feed(pf->q->dec, data, n, err);
}

static int pf_cut(void *ud, rs_error *err)
{
    rs_prefetch *pf = ud;

    if (pf_answer_done(pf, 0, err) != 0)
        return -1;
    rs_decode_begin(pf->q->dec);
    return 0;
}

static const rs_rbatch_ops pf_batch_ops = { pf_feed, pf_cut };

/* The POST of a one-answer result, through the batch splitter. */
static int pf_post(rs_prefetch *pf, rs_error *err)
{
    rs_qsource *q = pf->q;
    rs_http_req req;

    memset(&req, 0, sizeof req);
    req.method = "POST";
    req.path = pf->path;
    req.body = pf->body;
    req.body_len = strlen(pf->body);
    req.timeout_ms = q->timeout_ms;
    req.stall_ms = q->post_stall_ms;
    req.sink = rs_rbatch_sink;
    req.sink_ud = pf->split;
    pf->in_first = 1;
    rs_decode_begin(q->dec);
    if (rs_http_perform(pf->http, &req, NULL, err) != 0)
        return -1;
    return pf_answer_done(pf, 1, err);
}

static void *pf_main(void *ud)
{
    rs_prefetch *pf = ud;
    rs_error err;
    int rc = 0;

    rs_error_clear(&err);
    if (pf->path)
        rc = pf_post(pf, &err);
    while (rc == 0 && (rc = rs_qs_advance(pf->q, pf->http, &err)) == 1)
        rc = pf_put(pf, &err);
    pthread_mutex_lock(&pf->mu);
    pf->done = 1;
    pf->first_done = 1;
    if (rc < 0 && !pf->stop) {
        pf->failed = 1;
        pf->err = err;
    }
    pthread_cond_broadcast(&pf->cv);
    pthread_mutex_unlock(&pf->mu);
    return NULL;
}

static void pf_free(rs_prefetch *pf)
{
    rs_page_hold_free(pf->ready);
    if (pf->http)
        rs_client_http_release(pf->q->c, pf->http);
    rs_rbatch_free(pf->split);
    free(pf->path);
    free(pf->body);
    pthread_cond_destroy(&pf->cv);
    pthread_mutex_destroy(&pf->mu);
    free(pf);
}

static rs_prefetch *pf_new(rs_qsource *q, rs_error *err)
{
    rs_prefetch *pf = calloc(1, sizeof *pf);

    if (!pf) {
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        return NULL;
    }
    pf->q = q;
    pthread_mutex_init(&pf->mu, NULL);
    pthread_cond_init(&pf->cv, NULL);
    rs_error_clear(&pf->err);
    if (!(pf->http = rs_client_http_acquire(q->c, err))) {
        pf_free(pf);
        return NULL;
    }
    return pf;
}

static int pf_start(rs_prefetch *pf, rs_error *err)
{
    if (pthread_create(&pf->th, NULL, pf_main, pf) != 0) {
        rs_error_set(err, RS_ERR_NOMEM, "could not start the page reader thread");
        pf_free(pf);
        return -1;
    }
    return 0;
}

int rs_pf_start_pages(rs_qsource *q, rs_error *err)
{
    rs_prefetch *pf = pf_new(q, err);

    if (!pf)
        return -1;
    pf->gate = 1;
    if (pf_start(pf, err) != 0)
        return -1;
    q->pf = pf;
    return 0;
}

/* A batch ends by half of MaxPageBytes at the latest, so that the bound, which applies to
 * each batch, fails only a single row that large, never the size of the result. */
static size_t pf_batch_bytes(const rs_qsource *q)
{
    size_t max_value, max_page;

    rs_client_limits(q->c, &max_value, &max_page);
    return max_page && max_page / 2 < RS_RBATCH_BYTES ? (max_page / 2 ? max_page / 2 : 1) : 0;
}

int rs_pf_open_stream(rs_qsource *q, const char *path, const char *body, rs_error *err)
{
    rs_prefetch *pf = pf_new(q, err);
    int done, failed;

    if (!pf)
        return -1;
    pf->path = strdup(path);
    pf->body = strdup(body);
    pf->split = rs_rbatch_new(&pf_batch_ops, pf, 0, pf_batch_bytes(q));
    if (!pf->path || !pf->body || !pf->split) {
        rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        pf_free(pf);
        return -1;
    }
    if (pf_start(pf, err) != 0)
        return -1;
    pthread_mutex_lock(&pf->mu);
    while (!pf->first_done)
        pthread_cond_wait(&pf->cv, &pf->mu);
    done = pf->done;
    failed = pf->failed;
    if (failed)
        *err = pf->err;
    pthread_mutex_unlock(&pf->mu);
    if (done) {
        /* the whole answer (or its failure) is in: the source is a plain one */
        pthread_join(pf->th, NULL);
        pf_free(pf);
        return failed ? -1 : 0;
    }
    q->pf = pf;
    return 0;
}

void rs_pf_release_decoder(rs_prefetch *pf)
{
    pthread_mutex_lock(&pf->mu);
    pf->gate = 1;
    pthread_cond_broadcast(&pf->cv);
    pthread_mutex_unlock(&pf->mu);
}

int rs_pf_next(rs_prefetch *pf, rs_page_hold **out, size_t *dropped, char *key, size_t keysz,
               rs_error *err)
{
    int rc;

    *out = NULL;
    pthread_mutex_lock(&pf->mu);
    while (!pf->ready && !pf->done)
        pthread_cond_wait(&pf->cv, &pf->mu);
    if (pf->ready) {
        *out = pf->ready;
        *dropped = pf->ready_dropped;
        snprintf(key, keysz, "%s", pf->ready_key);
        pf->ready = NULL;
        pthread_cond_broadcast(&pf->cv);
        rc = 1;
    } else if (pf->failed) {
        *err = pf->err;
        rc = -1;
    } else {
        rc = 0;
    }
    pthread_mutex_unlock(&pf->mu);
    return rc;
}

void rs_pf_stop(rs_prefetch *pf)
{
    if (!pf)
        return;
    pthread_mutex_lock(&pf->mu);
    pf->stop = 1;
    pthread_cond_broadcast(&pf->cv);
    pthread_mutex_unlock(&pf->mu);
    /* a request in flight ends now rather than when its answer is complete */
    rs_http_cancel(pf->http);
    pthread_join(pf->th, NULL);
    pf_free(pf);
}
