/* SPDX-License-Identifier: Apache-2.0 */
/* Running a query for a request (see query_run.h). */
#include "server/query/query_run.h"
#include "server/query/query_store.h"
#include "server/query/query_describe.h"
#include "server/query/query_fill.h"
#include "server/query/query_pool.h"
#include "server/sql/sql_functions.h"

#include <openssl/rand.h>
#include <poll.h>
#include <math.h>
#include <pthread.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One draw of random bytes for the whole id (a version 4 UUID and the tag): this runs for
 * every query, and two draws plus a sscanf per tag byte were a tenth of a point query. */
void qr_new_id(char out[QR_ID_SIZE])
{
    static const char b62[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static const char hex[] = "0123456789abcdef";
    unsigned char r[23];
    char *o = out;
    if (RAND_bytes(r, (int)sizeof r) != 1) {
        fprintf(stderr, "rockset-local: RAND_bytes failed\n");   /* ids could collide */
        abort();
    }
    r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);              /* version 4 */
    r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);              /* variant 10xx */
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *o++ = '-';
        *o++ = hex[r[i] >> 4];
        *o++ = hex[r[i] & 15];
    }
    *o++ = ':';
    for (int i = 16; i < 23; i++)
        *o++ = b62[r[i] % 62];
    memcpy(o, ":0", 3);
}

/* The largest count or duration a request may give: integers up to 2^53 - 1 are exact in a
 * JSON double (cJSON reads numbers as doubles), and the arithmetic on them below (deadline
 * micros, row positions) cannot overflow a long long. */
#define QR_MAX_NUMBER 9007199254740991LL

/* A request number as a count: 0 when absent, not a number or not positive; a larger value
 * than QR_MAX_NUMBER is taken as QR_MAX_NUMBER (casting such a double to long long would be
 * undefined). qr_opts_check refuses those for the queries endpoint with a 400 first. */
static long long json_ll(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    if (!cJSON_IsNumber(v) || !(v->valuedouble > 0))     /* NaN too */
        return 0;
    return v->valuedouble >= (double)QR_MAX_NUMBER ? QR_MAX_NUMBER : (long long)v->valuedouble;
}

int qr_opts_check(const cJSON *body, const cJSON *sql, char *msg, size_t msglen)
{
    static const char *const keys[] = { "default_row_limit", "initial_paginate_response_doc_count",
                                        "max_initial_results", "timeout_ms" };
    const cJSON *src[2] = { body, sql };
    for (int i = 0; i < 2; i++)
        for (size_t k = 0; src[i] && k < sizeof keys / sizeof keys[0]; k++) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(src[i], keys[k]);
            double d = cJSON_IsNumber(v) ? v->valuedouble : -1;
            if (!v || cJSON_IsNull(v) || (d >= 0 && d <= (double)QR_MAX_NUMBER && d == floor(d)))
                continue;
            snprintf(msg, msglen, "%s%s must be a whole number from 0 to %lld",
                     i ? "sql." : "", keys[k], QR_MAX_NUMBER);
            return -1;
        }
    return 0;
}

void qr_opts_from_json(qr_opts *o, const cJSON *body, const cJSON *sql)
{
    memset(o, 0, sizeof *o);
    const cJSON *src[2] = { body, sql };
    for (int i = 0; i < 2; i++) {
        const cJSON *s = src[i];
        if (!s)
            continue;
        long long v;
        if ((v = json_ll(s, "default_row_limit")) > 0)
            o->default_row_limit = v;
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(s, "paginate")))
            o->page_docs = (v = json_ll(s, "initial_paginate_response_doc_count")) > 0 ? v
                                                                                      : 100000;
        else if ((v = json_ll(s, "initial_paginate_response_doc_count")) > 0 && i == 1)
            o->page_docs = v;
        if ((v = json_ll(s, "max_initial_results")) > 0)
            o->page_docs = v;
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(s, "async")))
            o->async = 1;
        if ((v = json_ll(s, "timeout_ms")) > 0)
            o->timeout_ms = v;
    }
}

/* ---- text bodies ---- */

void qr_reply_text(srv_response *res, int status, char *text, size_t len)
{
    if (!text) {
        srv_reply_error(res, 500, "INTERNALERROR", NULL, "Out of memory");
        return;
    }
    cJSON_Delete(res->json);                  /* drops any earlier answer */
    res->json = NULL;
    free(res->text);
    res->status = status;
    res->text = text;
    res->text_len = len;
}

void qr_reply_error(srv_response *res, const qx_error *err, const char *query_id)
{
    if (err->key[0])
        srv_reply_error(res, err->status, err->type, err->key, "%s", err->msg);
    else
        srv_reply_error_at(res, err->status, err->type, err->id[0] ? err->id : NULL,
                           err->line, err->column, query_id, err->msg);
}

/* ---- shared pieces of an answer ---- */

/* column_fields of q: cf 0 none, 1 the types the expressions fix, 2 also the types every
 * value of a column had (only once every row is encoded). */
static void add_column_fields(sql_sbuf *b, const qx_query *q, int cf)
{
    sql_sbuf f = { 0 };
    if (cf && (cf == 2 ? qx_column_fields_seen(q, &f) : qx_column_fields(q, &f))) {
        sql_sbuf_puts(b, ",\"column_fields\":");
        sql_sbuf_puts(b, f.s ? f.s : "[]");
    }
    free(f.s);
}

static void add_head(sql_sbuf *b, const qx_query *q, const char *id, const char *lambda_path,
                     int cf)
{
    sql_sbuf_puts(b, "{\"query_id\":\"");
    sql_sbuf_puts(b, id);
    sql_sbuf_puts(b, "\",\"collections\":[");
    for (size_t i = 0; i < q->tr.ncollections; i++) {
        if (i)
            sql_sbuf_puts(b, ",");
        qenc_string(b, q->tr.collections[i], strlen(q->tr.collections[i]));
    }
    sql_sbuf_puts(b, "]");
    add_column_fields(b, q, cf);
    if (lambda_path) {
        sql_sbuf_puts(b, ",\"query_lambda_path\":");
        qenc_string(b, lambda_path, strlen(lambda_path));
    }
}

/* total < 0: not known yet (a paginated answer whose rest is still being stored). The key is
 * then left out: clients (RODBC's believeNRows, SQLRowCount) take it for the size of the
 * result, as the hosted service's was, so a count so far would be a silent wrong answer. */
/* No last_offset: QueryResponse.last_offset is a string the hosted service sent only for
 * writes, and the official Python client rejects a null there (issue #12). */
static void add_tail(sql_sbuf *b, long long total, long long t0, const qx_error *err)
{
    long long ms = (srv_now_micros() - t0) / 1000;
    if (total >= 0)
        sql_sbuf_printf(b, ",\"results_total_doc_count\":%lld", total);
    sql_sbuf_printf(b, ",\"stats\":{\"elapsed_time_ms\":%lld,"
                       "\"throttled_time_micros\":0},\"warnings\":[]",
                    ms);
    if (err) {
        sql_sbuf_puts(b, ",\"status\":\"ERROR\",\"query_errors\":[{\"type\":");
        qenc_string(b, err->type, strlen(err->type));
        sql_sbuf_puts(b, ",\"message\":");
        qenc_string(b, err->msg, strlen(err->msg));
        sql_sbuf_printf(b, ",\"status_code\":%d}]", err->status ? err->status : 400);
    } else {
        sql_sbuf_puts(b, ",\"status\":\"COMPLETED\"");
    }
}

void qr_add_pagination(sql_sbuf *b, const char *id, long long start, long long n,
                           long long total, long long docs)
{
    sql_sbuf_printf(b, ",\"pagination\":{\"start_cursor\":\"c%lld\",", start);
    if (start + n < total)
        sql_sbuf_printf(b, "\"next_cursor\":\"c%lld\",\"next_cursor_offset\":%lld,"
                           "\"current_page_doc_count\":%lld,\"next_page_link\":"
                           "\"/v1/orgs/self/queries/%s/pages?cursor=c%lld&docs=%lld\"}",
                        start + n, start + n, n, id, start + n, docs);
    else
        sql_sbuf_printf(b, "\"next_cursor\":null,\"next_cursor_offset\":null,"
                           "\"current_page_doc_count\":%lld,\"next_page_link\":null}", n);
}

/* ---- deadlines ---- */

/* A running query stops at its deadline, and when its client has gone: a driver that
 * cancels (SQLCancel, a closed program) before it knows the query's id can only close the
 * connection, and a query nobody waits for held a request thread to its end (eight of them
 * took every thread). The client's socket is polled at most every 20 ms: a peer that closed
 * its side reads as POLLRDHUP (or POLLHUP/POLLERR). */
typedef struct qr_deadline {
    long long until_us;      /* 0: none */
    int client_fd;           /* -1: nobody to watch (async queries) */
    long long polled_us;
    int gone;                /* the client went away: the query was stopped for that */
} qr_deadline;

static int client_gone(qr_deadline *d, long long now)
{
    struct pollfd p = { d->client_fd, POLLRDHUP, 0 };

    if (d->client_fd < 0 || now - d->polled_us < 20000)
        return 0;
    d->polled_us = now;
    if (poll(&p, 1, 0) == 1 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)))
        d->gone = 1;
    return d->gone;
}

static int deadline_check(void *cls)
{
    qr_deadline *d = cls;
    long long now = srv_now_micros();
    return (d->until_us > 0 && now > d->until_us) || client_gone(d, now);
}

/* ---- streamed answers ---- */

typedef struct qr_stream {
    sqlite3 *db;
    qx_query q;
    sql_sbuf buf;
    size_t pos;
    int phase;               /* 0 rows, 1 tail, 2 done */
    long long t0;
    qr_deadline deadline;
    char id[QR_ID_SIZE];     /* set when the streamed query is recorded (query_info)     */
    int failed;              /* the rows ended with err                                  */
    qx_error err;
} qr_stream;

static char *head_json(const qx_query *q);
static char *error_json(const qx_error *e);

static void stream_rows(qr_stream *s, size_t want)
{
    qx_error err;
    while (s->phase == 0 && s->buf.len - s->pos < want && !s->buf.oom) {
        size_t mark = s->buf.len;
        if (s->q.rows > 0)
            sql_sbuf_add(&s->buf, ",", 1);
        int rc = qx_next(&s->q, &s->buf, &err);
        if (rc == 1)
            continue;
        s->buf.len = mark;
        if (s->buf.s)
            s->buf.s[mark] = '\0';
        sql_sbuf_puts(&s->buf, "]");
        /* after the rows: only now is each column's type known (clients take any order) */
        add_column_fields(&s->buf, &s->q, 2);
        add_tail(&s->buf, s->q.rows, s->t0, rc < 0 ? &err : NULL);
        if (rc < 0) {
            s->failed = 1;
            s->err = err;
        }
        sql_sbuf_puts(&s->buf, "}");
        s->phase = 2;
    }
}

static ssize_t stream_fill(void *cls, char *out, size_t max)
{
    qr_stream *s = cls;
    if (s->pos > 0) {
        /* keep only what is not sent yet: memory stays at about one chunk */
        memmove(s->buf.s, s->buf.s + s->pos, s->buf.len - s->pos);
        s->buf.len -= s->pos;
        s->pos = 0;
    }
    stream_rows(s, max);
    if (s->buf.oom)
        return -2;
    size_t n = s->buf.len - s->pos < max ? s->buf.len - s->pos : max;
    if (n == 0)
        return -1;
    memcpy(out, s->buf.s + s->pos, n);
    s->pos += n;
    return (ssize_t)n;
}

/* The final state of a recorded streamed query. */
static void stream_record(qr_stream *s, char *head, long long rows)
{
    static const qx_error gone = { 499, "CLIENTCONNECTIONERROR", "", "", 
                                   "The client closed the connection before the end of the"
                                   " answer", 0, 0 };
    const qx_error *e = s->failed ? &s->err : s->phase != 2 ? &gone : NULL;
    char *ej = e ? error_json(e) : NULL;
    qs_record_finish(s->db, s->id, e ? "ERROR" : "COMPLETED", rows,
                     (srv_now_micros() - s->t0) / 1000, head, ej);
    free(ej);
}

static void stream_free(void *cls)
{
    qr_stream *s = cls;
    char *head = s->id[0] ? head_json(&s->q) : NULL;
    long long rows = s->q.rows;
    qx_finish(&s->q);          /* ends the read transaction before the record is written */
    if (s->id[0])
        stream_record(s, head, rows);
    free(head);
    qp_put(s->db);
    free(s->buf.s);
    free(s);
}

/* Records a query that answers by streaming: GET /queries/{id} shows it. */
static void stream_record_start(qr_stream *s, const char *id, const char *sql,
                                const char *user)
{
    if (qs_record_create(s->db, id, "RUNNING", sql, user, 0) == 0)
        snprintf(s->id, sizeof s->id, "%s", id);
}

/* Answers up to this size are made whole before the reply (run_streamed). */
#define QR_WHOLE_BYTES 16384

static int run_streamed(srv_response *res, qr_stream *s, const char *id, const qr_opts *o,
                        const char *sql, const char *user, qx_error *err)
{
    stream_record_start(s, id, sql, user);
    add_head(&s->buf, &s->q, id, o->lambda_path, 0);
    sql_sbuf_puts(&s->buf, ",\"results\":[");
    /* the first row is stepped here so that an early runtime error is a proper 4xx */
    if (qx_next(&s->q, &s->buf, err) < 0) {
        s->failed = 1;
        s->err = *err;
        stream_free(s);
        qr_reply_error(res, err, id);
        return -1;
    }
    /* a small answer is made whole here and sent as one buffer: most point queries end
     * within the first few rows, and a streamed response costs a 64 KiB block per request */
    stream_rows(s, QR_WHOLE_BYTES);
    if (s->phase == 2 && !s->buf.oom && s->pos == 0) {
        char *text = s->buf.s;
        size_t len = s->buf.len;
        s->buf = (sql_sbuf){ 0 };
        stream_free(s);          /* records the finished query */
        qr_reply_text(res, 200, text, len);
        return 0;
    }
    res->status = 200;
    res->stream = stream_fill;
    res->stream_cls = s;
    res->stream_free = stream_free;
    return 0;
}

/* ---- stored answers (pagination, async) ---- */

/* A second connection writes the record of a stored query: the query's own connection has
 * its statement open, and a write on it would hold the write lock until the query ends. */
static sqlite3 *results_db(void)
{
    return qp_get();
}

static int cancelled(sqlite3 *wdb, const char *id)
{
    char st[32] = "";
    return qs_record_status(wdb, id, st, sizeof st) == 0 && strcmp(st, "CANCELLED") == 0;
}

/* How long a paginated query keeps storing rows past its first page before it answers:
 * a query done by then answers with its exact results_total_doc_count. */
#define QR_PAGE_BUDGET_US 100000

/* Steps rows into the results table, from seq q->rows on. With page, the first page_docs
 * rows also go to page; once past them and past QR_PAGE_BUDGET_US it stops: returns 1 (the
 * query has more rows; a fill thread stores them). Without page it stores every row and
 * stops when DELETE /queries/{id} cancelled the query: returns -2. */
/* Adds a row to w. Past the cap of stored results, expired results are removed first (they
 * may not have been yet: that happens on the next paginated query or every few seconds);
 * still past it, the query fails with a message saying which limit it met. */
static int store_row(qs_writer *w, sqlite3 *wdb, const sql_sbuf *row, qx_error *err)
{
    int rc = qs_writer_add(w, row->s, row->len);
    if (rc == -2) {
        qs_expire(wdb);
        rc = qs_writer_flush(w);
    }
    if (rc == 0)
        return 0;
    if (rc == -2) {
        err->status = 400;
        snprintf(err->type, sizeof err->type, "RESOURCEEXCEEDED");
        snprintf(err->msg, sizeof err->msg, "The stored results of paginated and async queries"
                 " would pass %lld bytes (--max-result-bytes): read fewer rows per query,"
                 " DELETE the results no longer needed, or raise the limit",
                 qrf_max_bytes());
    } else {
        err->status = 500;
        snprintf(err->type, sizeof err->type, "INTERNALERROR");
        snprintf(err->msg, sizeof err->msg, "Could not store the results");
    }
    return -1;
}

static int store_rows(qx_query *q, sqlite3 *wdb, const char *id, long long page_docs,
                      sql_sbuf *page, qx_error *err)
{
    long long page_until = srv_now_micros() + QR_PAGE_BUDGET_US;
    qs_writer w;
    sql_sbuf row = { 0 };
    int rc = 0;
    if (qs_writer_open(&w, id) != 0) {
        snprintf(err->msg, sizeof err->msg, "Could not store the results");
        err->status = 500;
        snprintf(err->type, sizeof err->type, "INTERNALERROR");
        return -1;
    }
    for (;;) {
        long long n = q->rows;
        row.len = 0;
        rc = qx_next(q, &row, err);
        if (rc != 1)
            break;
        if (row.oom || store_row(&w, wdb, &row, err) != 0) {
            rc = -1;
            break;
        }
        if (!page && n % 2000 == 1999 && cancelled(wdb, id)) {
            rc = -2;
            break;
        }
        /* past the page and its time budget: rc == 1, a fill thread stores the rest */
        if (page && n >= page_docs && srv_now_micros() >= page_until)
            break;
        if (page && n < page_docs) {
            if (n)
                sql_sbuf_add(page, ",", 1);
            sql_sbuf_add(page, row.s, row.len);
        }
    }
    free(row.s);
    qs_writer_close(&w, rc >= 0);
    if (rc == -2)
        qs_rows_delete(wdb, id);
    return rc;
}

static char *head_json(const qx_query *q)
{
    sql_sbuf b = { 0 };
    add_head(&b, q, "", NULL, 2);
    sql_sbuf_puts(&b, "}");
    return b.s;
}

static char *error_json(const qx_error *e)
{
    sql_sbuf b = { 0 };
    sql_sbuf_puts(&b, "{\"type\":");
    qenc_string(&b, e->type, strlen(e->type));
    sql_sbuf_puts(&b, ",\"message\":");
    qenc_string(&b, e->msg, strlen(e->msg));
    sql_sbuf_printf(&b, ",\"status_code\":%d}", e->status ? e->status : 400);
    return b.s;
}

typedef struct qr_job {
    qr_stream *s;
    char id[QR_ID_SIZE];
    int fill;                /* 1: the rest of a paginated answer (registered in query_fill) */
} qr_job;

static void *async_worker(void *arg)
{
    qr_job *j = arg;
    sqlite3 *wdb = results_db();
    qx_error err;
    memset(&err, 0, sizeof err);
    if (wdb) {
        qs_record_set_status(wdb, j->id, "RUNNING");
        int rc = store_rows(&j->s->q, wdb, j->id, 0, NULL, &err);
        char *head = head_json(&j->s->q);
        char *ej = rc ? error_json(&err) : NULL;
        qs_record_finish(wdb, j->id, rc ? "ERROR" : "COMPLETED", j->s->q.rows,
                         (srv_now_micros() - j->s->t0) / 1000, head, ej);
        /* a failed query's pages answer its error: its rows would only hold space */
        if (rc != 0)
            qs_rows_delete(wdb, j->id);
        free(head);
        free(ej);
        qp_put(wdb);
    }
    /* only after the final record: the pages endpoint trusts the record once this is gone */
    if (j->fill)
        qf_unregister(j->id);
    stream_free(j->s);
    free(j);
    return NULL;
}

/* Runs the rest of s in a detached thread; s belongs to it on success. */
static int start_worker(qr_stream *s, const char *id, int fill)
{
    qr_job *j = calloc(1, sizeof *j);
    pthread_t th;
    pthread_attr_t attr;
    if (!j)
        return -1;
    j->s = s;
    j->fill = fill;
    /* the rows a worker stores are for whoever asks for them later, over any connection: the
     * first answer's socket may close, or serve other requests, once that answer is sent */
    s->deadline.client_fd = -1;
    snprintf(j->id, sizeof j->id, "%s", id);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int rc = pthread_create(&th, &attr, async_worker, j);
    pthread_attr_destroy(&attr);
    if (rc != 0)
        free(j);
    return rc == 0 ? 0 : -1;
}

/* The first page answer into b; total is the count so far while the rest is being stored
 * (final 0: it decides the pagination but is not reported as the result's size). */
static void page_answer(sql_sbuf *b, qr_stream *s, const char *id, const qr_opts *o,
                        sql_sbuf *page, long long total, int cf, int final)
{
    add_head(b, &s->q, id, o->lambda_path, cf);
    sql_sbuf_puts(b, ",\"results\":[");
    sql_sbuf_puts(b, page->s ? page->s : "");
    sql_sbuf_puts(b, "]");
    add_tail(b, final ? total : -1, s->t0, NULL);
    long long n = total < o->page_docs ? total : o->page_docs;
    qr_add_pagination(b, id, 0, n, total, o->page_docs);
    sql_sbuf_puts(b, "}");
}

static int reply_page(srv_response *res, sql_sbuf *b)
{
    if (b->oom) {
        free(b->s);
        srv_reply_error(res, 500, "INTERNALERROR", NULL, "Out of memory");
        return -1;
    }
    qr_reply_text(res, 200, b->s, b->len);
    return 0;
}

/* Answers the first page while a fill thread stores the rest; 0, or -1 when no thread
 * could take it (s and page are then still the caller's). */
static int answer_and_fill(srv_response *res, qr_stream *s, const char *id, const qr_opts *o,
                           sql_sbuf *page)
{
    sql_sbuf b = { 0 };
    if (qf_register(id) != 0)
        return -1;
    /* built before the thread owns s; the count so far includes the rows past the page */
    page_answer(&b, s, id, o, page, s->q.rows, 1, 0);
    if (start_worker(s, id, 1) != 0) {
        qf_unregister(id);
        free(b.s);
        return -1;
    }
    free(page->s);
    return reply_page(res, &b);
}

/* Stores the rows of a paginated query and answers the first page as soon as it is stepped:
 * when there is more, a fill thread stores the rest while the client reads the first page
 * (the pages endpoint waits for rows not stored yet). Past QF_MAX_LIVE fills, or when no
 * thread starts, every row is stored before the answer. Memory stays flat either way. */
static int run_stored(srv_response *res, qr_stream *s, const char *id, const qr_opts *o,
                      const char *sql, const char *user, qx_error *err)
{
    sqlite3 *wdb = results_db();
    sql_sbuf page = { 0 }, b = { 0 };
    if (!wdb || qs_record_create(wdb, id, "RUNNING", sql, user, 1) != 0) {
        qp_put(wdb);
        stream_free(s);
        srv_reply_error(res, 500, "INTERNALERROR", NULL, "Could not record the query");
        return -1;
    }
    qs_expire(wdb);
    int rc = store_rows(&s->q, wdb, id, o->page_docs, &page, err);
    if (rc == 1 && answer_and_fill(res, s, id, o, &page) == 0) {
        qp_put(wdb);
        return 0;
    }
    if (rc == 1)
        rc = store_rows(&s->q, wdb, id, 0, NULL, err);
    char *head = head_json(&s->q);
    char *ej = rc ? error_json(err) : NULL;
    long long total = s->q.rows;
    qs_record_finish(wdb, id, rc ? "ERROR" : "COMPLETED", total,
                     (srv_now_micros() - s->t0) / 1000, head, ej);
    free(head);
    free(ej);
    if (rc != 0) {
        qs_record_delete(wdb, id);
        qp_put(wdb);
        free(page.s);
        stream_free(s);
        qr_reply_error(res, err, id);
        return -1;
    }
    qp_put(wdb);
    page_answer(&b, s, id, o, &page, total, 2, 1);
    free(page.s);
    stream_free(s);
    return reply_page(res, &b);
}

static int run_async(srv_response *res, qr_stream *s, const char *id, const char *sql,
                     const char *user)
{
    if (qs_record_create(s->db, id, "QUEUED", sql, user, 1) != 0) {
        stream_free(s);
        srv_reply_error(res, 500, "INTERNALERROR", NULL, "Could not queue the query");
        return -1;
    }
    if (start_worker(s, id, 0) != 0) {
        stream_free(s);
        srv_reply_error(res, 500, "INTERNALERROR", NULL, "Could not start the query");
        return -1;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "query_id", id);
    cJSON_AddStringToObject(o, "status", "QUEUED");
    cJSON *st = cJSON_AddObjectToObject(o, "stats");
    cJSON_AddNumberToObject(st, "elapsed_time_ms", 0);
    cJSON_AddNumberToObject(st, "throttled_time_micros", 0);
    srv_reply_json(res, 200, o);
    return 0;
}

/* DESCRIBE answers like a query whose rows are the field statistics. */
static int qr_describe(srv_response *res, qr_stream *s, const char *id, const qr_opts *o,
                       qx_error *err)
{
    sql_sbuf rows = { 0 }, b = { 0 };
    long long n = 0;
    if (qd_describe_cached(s->db, s->q.tr.desc_table, s->q.tr.max_field_depth, &rows, &n, err) != 0) {
        free(rows.s);
        s->failed = 1;
        s->err = *err;
        stream_free(s);
        qr_reply_error(res, err, id);
        return -1;
    }
    add_head(&b, &s->q, id, o->lambda_path, 0);
    sql_sbuf_puts(&b, ",\"column_fields\":[{\"name\":\"field\",\"type\":\"array\"},"
                      "{\"name\":\"type\",\"type\":\"string\"},{\"name\":\"occurrences\","
                      "\"type\":\"int\"},{\"name\":\"total\",\"type\":\"int\"}],\"results\":");
    sql_sbuf_puts(&b, rows.s ? rows.s : "[]");
    add_tail(&b, n, s->t0, NULL);
    sql_sbuf_puts(&b, "}");
    free(rows.s);
    s->q.rows = n;
    s->phase = 2;               /* answered in full: the record says COMPLETED */
    stream_free(s);
    if (b.oom) {
        free(b.s);
        srv_reply_error(res, 500, "INTERNALERROR", NULL, "Out of memory");
        return -1;
    }
    qr_reply_text(res, 200, b.s, b.len);
    return 0;
}

/* INSERT INTO ... SELECT answers at once, whatever pagination or async the request asked
 * for: its result is one row, and the service's async queries also answered in full when
 * they were done in time. */
static int run_insert(const srv_request *req, srv_response *res, qr_stream *s, const char *id,
                      const qr_opts *o, const char *sql, qx_error *err)
{
    sql_sbuf b = { 0 };
    char offset[64] = "";
    stream_record_start(s, id, sql, req->user_email);
    add_head(&b, &s->q, id, o->lambda_path, 0);
    int rc = qi_run(req, res, &s->q, o, &b, offset, sizeof offset, err);
    if (rc != 0) {
        free(b.s);
        s->failed = 1;
        s->err = *err;
        if (rc == -2) {            /* the limit's answer is in res: the record says why */
            memset(&s->err, 0, sizeof s->err);
            s->err.status = 400;
            snprintf(s->err.type, sizeof s->err.type, "INVALIDINPUT");
            snprintf(s->err.msg, sizeof s->err.msg, "More rows than documents per request");
        }
        stream_free(s);
        if (rc == -1)
            qr_reply_error(res, err, id);
        return -1;
    }
    add_tail(&b, 1, s->t0, NULL);
    /* the write's offset, which the commit fence accepts, as a documents write answers */
    sql_sbuf_puts(&b, ",\"last_offset\":");
    qenc_string(&b, offset, strlen(offset));
    sql_sbuf_puts(&b, "}");
    s->q.rows = 1;
    s->phase = 2;               /* answered in full: the record says COMPLETED */
    stream_free(s);
    return reply_page(res, &b);
}

/* A read-only key may not write: refused before any other answer the statement would get,
 * as the documents API checks the role before it looks the collection up. */
static int insert_refused(const srv_request *req, srv_response *res, const qr_opts *o)
{
    if (o->may_write)
        return o->may_write(req, res) != 0;
    srv_reply_error(res, 403, "FORBIDDEN", NULL, "This request may not insert documents.");
    return 1;
}

int qr_run(const srv_request *req, srv_response *res, const char *sql, const cJSON *params,
           const qr_opts *o, qx_error *err)
{
    char id[QR_ID_SIZE];
    qr_new_id(id);
    qr_stream *s = calloc(1, sizeof *s);
    if (!s || !(s->db = qp_get())) {
        free(s);
        srv_reply_error(res, 500, "INTERNALERROR", NULL, "Could not open the store");
        return -1;
    }
    s->t0 = srv_now_micros();
    /* a deadline past what a long long holds is no deadline (and no overflow) */
    if (o->timeout_ms > 0 && o->timeout_ms <= (LLONG_MAX - s->t0) / 1000)
        s->deadline.until_us = s->t0 + o->timeout_ms * 1000;
    s->deadline.client_fd = o->async ? -1 : srv_request_fd(req);
    sqlite3_progress_handler(s->db, 10000, deadline_check, &s->deadline);
    qx_options xo = { o->default_workspace, o->default_row_limit, 0, req->user_email };
    int prep = qx_prepare_pooled(s->db, sql, params, &xo, qs_resolve, s->db, &s->q, err);
    if (s->q.tr.kind == SQL_STMT_INSERT && insert_refused(req, res, o)) {
        stream_free(s);
        return -1;
    }
    if (prep != 0) {
        stream_record_start(s, id, sql, req->user_email);
        s->failed = 1;
        s->err = *err;
        stream_free(s);
        qr_reply_error(res, err, id);
        return -1;
    }
    if (s->q.tr.kind == SQL_STMT_DESCRIBE) {
        stream_record_start(s, id, sql, req->user_email);
        return qr_describe(res, s, id, o, err);
    }
    if (s->q.tr.kind == SQL_STMT_INSERT)
        return run_insert(req, res, s, id, o, sql, err);
    if (o->async)
        return run_async(res, s, id, sql, req->user_email);
    if (o->page_docs > 0)
        return run_stored(res, s, id, o, sql, req->user_email, err);
    return run_streamed(res, s, id, o, sql, req->user_email, err);
}
