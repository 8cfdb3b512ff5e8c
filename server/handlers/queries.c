/* SPDX-License-Identifier: Apache-2.0 */
/* Queries, validations, query info, cancellation and result pages. */
#include "server/srv.h"
#include "server/query/query_run.h"
#include "server/query/query_store.h"
#include "server/query/query_fill.h"
#include "server/query/query_pool.h"
#include "server/handlers/handlers.h"
#include "server/http/limits.h"
#include "server/sql/sql_functions.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_DEFAULT_DOCS 10000
#define PAGE_MAX_DOCS 100000
/* The furthest row position a cursor or offset may name: 2^53 - 1 stays exact in every JSON
 * client (next_cursor_offset is a number), no result is that long, and position + docs
 * cannot overflow. */
#define PAGE_MAX_POS 9007199254740991LL

/* The sql object and its query text of a request body; answers 400 when missing. */
static const cJSON *request_sql(const srv_request *req, srv_response *res, const char **query)
{
    const cJSON *sql = req->json ? cJSON_GetObjectItemCaseSensitive(req->json, "sql") : NULL;
    const cJSON *q = cJSON_GetObjectItemCaseSensitive(sql, "query");
    if (!cJSON_IsObject(sql) || !cJSON_IsString(q)) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                        "The body must be {\"sql\": {\"query\": \"...\"}}");
        return NULL;
    }
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(sql, "parameters");
    if (p && !cJSON_IsArray(p) && !cJSON_IsNull(p)) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL, "sql.parameters must be an array");
        return NULL;
    }
    *query = q->valuestring;
    return sql;
}

static void h_query(const srv_request *req, srv_response *res)
{
    const char *query;
    const cJSON *sql = request_sql(req, res, &query);
    if (!sql)
        return;
    qr_opts o;
    qx_error err;
    char msg[160];
    if (qr_opts_check(req->json, sql, msg, sizeof msg) != 0) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL, "%s", msg);
        return;
    }
    qr_opts_from_json(&o, req->json, sql);
    o.may_write = srv_may_insert;
    o.docs_limit = srv_limits_docs;
    qr_run(req, res, query, cJSON_GetObjectItemCaseSensitive(sql, "parameters"), &o, &err);
}

static void h_validate(const srv_request *req, srv_response *res)
{
    const char *query;
    const cJSON *sql = request_sql(req, res, &query);
    if (!sql)
        return;
    sqlite3 *db = qp_get();
    if (!db) {
        srv_reply_error(res, 500, "INTERNALERROR", NULL, "Could not open the store");
        return;
    }
    qx_options xo = { NULL, 0, 1, NULL };
    qx_query q;
    qx_error err;
    if (qx_prepare_pooled(db, query, NULL, &xo, qs_resolve, db, &q, &err) != 0) {
        char id[QR_ID_SIZE];
        qr_new_id(id);
        qr_reply_error(res, &err, id);
    } else {
        cJSON *o = cJSON_CreateObject();
        cJSON *c = cJSON_AddArrayToObject(o, "collections");
        cJSON *p = cJSON_AddArrayToObject(o, "parameters");
        for (size_t i = 0; i < q.tr.ncollections; i++)
            cJSON_AddItemToArray(c, cJSON_CreateString(q.tr.collections[i]));
        for (size_t i = 0; i < q.tr.nparams; i++) {
            int seen = 0;
            for (size_t k = 0; k < i; k++)
                seen |= strcmp(q.tr.params[k].name, q.tr.params[i].name) == 0;
            if (!seen)
                cJSON_AddItemToArray(p, cJSON_CreateString(q.tr.params[i].name));
        }
        srv_reply_json(res, 200, o);
    }
    qx_finish(&q);
    qp_put(db);
}

static void reply_not_found(srv_response *res, const char *id)
{
    srv_reply_error(res, 404, "NOTFOUND", "QUERY_NOT_FOUND",
                    "Query '%s' not found (results expire %lld s after the query)", id,
                    qs_ttl_secs());
}

static void h_get(const srv_request *req, srv_response *res)
{
    cJSON *info = qs_record_info(req->db, req->params[0]);
    if (!info) {
        reply_not_found(res, req->params[0]);
        return;
    }
    /* a paginated query whose rest is still being stored serves pages from its start */
    if (qf_active(req->params[0]))
        qs_info_add_pagination(info);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "data", info);
    cJSON_AddNullToObject(o, "last_offset");
    srv_reply_json(res, 200, o);
}

static void h_list(const srv_request *req, srv_response *res)
{
    cJSON *arr = qs_record_list(req->db);
    if (!arr) {
        srv_reply_error(res, 500, "INTERNALERROR", NULL, "Could not list queries");
        return;
    }
    srv_reply_data(res, 200, arr);
}

/* Cancels a queued or running query; a finished one has its stored results dropped. */
static void h_cancel(const srv_request *req, srv_response *res)
{
    const char *id = req->params[0];
    char status[32] = "";
    if (qs_record_status(req->db, id, status, sizeof status) != 0) {
        reply_not_found(res, id);
        return;
    }
    if (strcmp(status, "QUEUED") == 0 || strcmp(status, "RUNNING") == 0) {
        qs_record_set_status(req->db, id, "CANCELLED");
        srv_reply_data(res, 200, qs_record_info(req->db, id));
        return;
    }
    cJSON *info = qs_record_info(req->db, id);
    qs_record_delete(req->db, id);
    srv_reply_data(res, 200, info ? info : cJSON_CreateObject());
}

/* A whole decimal number of a request within [min, max] (atoll would make anything of
 * "12abc" or 99999999999999999999); 0, or -1 when s is no such number. */
static int parse_ll(const char *s, long long min, long long max, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (end == s || *end || errno == ERANGE || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

static int parse_cursor(const char *c, long long *off)
{
    if (!c || !*c) {
        *off = 0;
        return 0;
    }
    if (c[0] != 'c' || c[1] == '-' || c[1] == '+' || c[1] == ' ')
        return -1;
    return parse_ll(c + 1, 0, PAGE_MAX_POS, off);
}

/* The first row and the size of the page a pages request asks for; answers 400 and returns
 * -1 when a number in it is not one. */
static int page_request(const srv_request *req, srv_response *res, long long *start,
                        long long *docs)
{
    const char *cursor = req->nparams > 1 ? req->params[1] : srv_query_arg(req, "cursor");
    const char *docs_s = srv_query_arg(req, "docs"), *off_s = srv_query_arg(req, "offset");
    long long off = 0;
    if (parse_cursor(cursor, start) != 0) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL, "Invalid cursor '%s'", cursor);
        return -1;
    }
    if (off_s && parse_ll(off_s, 0, PAGE_MAX_POS - *start, &off) != 0) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                        "Invalid offset '%s': a whole number from 0, with the cursor at most"
                        " %lld", off_s, PAGE_MAX_POS);
        return -1;
    }
    *start += off;
    *docs = PAGE_DEFAULT_DOCS;
    if (docs_s) {
        char *end;
        /* any whole number is a page size: strtoll saturates, and past the bounds it is the
         * default (<= 0) or the maximum */
        long long v = strtoll(docs_s, &end, 10);
        if (end == docs_s || *end) {
            srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                            "Invalid docs '%s': the page size is a whole number", docs_s);
            return -1;
        }
        *docs = v <= 0 ? PAGE_DEFAULT_DOCS : v > PAGE_MAX_DOCS ? PAGE_MAX_DOCS : v;
    }
    return 0;
}

/* A stored query that cannot serve pages answers why; returns 1 when it answered. */
static int pages_refused(const srv_request *req, srv_response *res, const char *id)
{
    char status[32] = "";
    int rc = qs_record_status(req->db, id, status, sizeof status);
    if (rc != 0) {
        if (rc < 0)
            srv_reply_error(res, 500, "INTERNALERROR", NULL, "Could not read the query");
        else
            reply_not_found(res, id);
        return 1;
    }
    if (strcmp(status, "QUEUED") == 0 || strcmp(status, "RUNNING") == 0) {
        srv_reply_error(res, 400, "NOTREADY", NULL, "Query '%s' is %s", id, status);
        return 1;
    }
    if (strcmp(status, "CANCELLED") == 0) {
        srv_reply_error(res, 400, "QUERYCANCELLED", NULL, "Query '%s' was cancelled", id);
        return 1;
    }
    if (!qs_record_stored(req->db, id)) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                        "Query '%s' was answered in full and its rows were not stored: ask"
                        " with max_initial_results to read it by pages", id);
        return 1;
    }
    return 0;
}

/* Rows [start, start+docs) of id; total is the final count, or the count so far (rows
 * stored) while the query is still filling (final 0): that one decides the pagination only,
 * and results_total_doc_count is left out until the true total is known. */
static void reply_page(srv_response *res, const char *id, long long start, long long docs,
                       long long total, int final)
{
    sql_sbuf b = { 0 };
    sql_sbuf_puts(&b, "{\"results\":");
    long long n = qs_rows(id, start, docs, &b);
    if (final)
        sql_sbuf_printf(&b, ",\"results_total_doc_count\":%lld", total);
    qr_add_pagination(&b, id, start, n < 0 ? 0 : n, total, docs);
    sql_sbuf_puts(&b, "}");
    if (n < 0 || b.oom) {
        free(b.s);
        srv_reply_error(res, 500, "INTERNALERROR", NULL, "Could not read the results");
        return;
    }
    qr_reply_text(res, 200, b.s, b.len);
}

static void h_pages(const srv_request *req, srv_response *res)
{
    const char *id = req->params[0];
    long long start, docs;
    if (page_request(req, res, &start, &docs) != 0)
        return;
    /* a paginated answer whose rest is still being stored: wait for this page's rows and
     * the one after it (which tells whether there is a next page) */
    if (qf_wait(id, start + docs)) {
        reply_page(res, id, start, docs, qf_rows_stored(id), 0);
        return;
    }
    if (pages_refused(req, res, id))
        return;
    long long total = 0;
    char *error = NULL;
    char *head = qs_record_head(req->db, id, &total, &error);
    free(head);
    if (error) {
        cJSON *e = cJSON_Parse(error);
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(e, "message");
        srv_reply_error_at(res, 400, "QUERY_ERROR", NULL, 0, 0, id,
                           cJSON_IsString(m) ? m->valuestring : "The query failed");
        cJSON_Delete(e);
        free(error);
        return;
    }
    reply_page(res, id, start, docs, total, 1);
}

void srv_handlers_queries_register(void)
{
    srv_route_add("POST", "/v1/orgs/self/queries/validations", h_validate);
    srv_route_add("POST", "/v1/orgs/self/queries", h_query);
    srv_route_add("GET", "/v1/orgs/self/queries", h_list);
    srv_route_add("GET", "/v1/orgs/self/queries/{}/pages", h_pages);
    srv_route_add("GET", "/v1/orgs/self/queries/{}/pages/{}", h_pages);
    srv_route_add("GET", "/v1/orgs/self/queries/{}", h_get);
    srv_route_add("DELETE", "/v1/orgs/self/queries/{}", h_cancel);
}
