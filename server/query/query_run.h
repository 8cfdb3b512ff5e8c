/* SPDX-License-Identifier: Apache-2.0 */
/* Running a query for an HTTP request (queries endpoint and lambda execution): streamed
 * answers, stored (paginated) answers, async execution in a worker thread. */
#ifndef QUERY_RUN_H
#define QUERY_RUN_H

#include "server/srv.h"
#include "server/query/query_exec.h"

typedef struct qr_opts {
    const char *default_workspace;
    long long default_row_limit;   /* 0 = none                                    */
    long long page_docs;           /* > 0: store the results, answer the first page */
    int async;
    long long timeout_ms;          /* 0 = none                                    */
    const char *lambda_path;       /* query_lambda_path, NULL for plain queries   */
    /* INSERT INTO ... SELECT: the handler's checks, as the documents API makes them (roles
     * and limits live above this layer). Each returns 0 to go on, else has answered res;
     * NULL may_write refuses every write. */
    int (*may_write)(const srv_request *req, srv_response *res);
    int (*docs_limit)(int n, srv_response *res);
} qr_opts;

/* Reads the options of a query request body (QueryRequest or ExecuteQueryLambdaRequest:
 * sql may be NULL for the latter). */
void qr_opts_from_json(qr_opts *o, const cJSON *body, const cJSON *sql);
/* 0, or -1 with msg saying which count or duration of the body is no whole number from 0
 * to 2^53 - 1 (the queries endpoint answers 400 with it rather than guess). */
int qr_opts_check(const cJSON *body, const cJSON *sql, char *msg, size_t msglen);

/* Runs sql and fills res. Returns 0 when the query started fine, -1 when res holds an
 * error (err says which). */
int qr_run(const srv_request *req, srv_response *res, const char *sql, const cJSON *params,
           const qr_opts *o, qx_error *err);

/* A text body (taken over) as the response. */
void qr_reply_text(srv_response *res, int status, char *text, size_t len);
/* Error reply of a qx_error. */
void qr_reply_error(srv_response *res, const qx_error *err, const char *query_id);
/* ,"pagination":{...} for a page of n rows starting at start (docs: page size). */
void qr_add_pagination(sql_sbuf *b, const char *id, long long start, long long n,
                       long long total, long long docs);
/* INSERT INTO ... SELECT (query_insert.c): steps q (prepared, kind SQL_STMT_INSERT), writes
 * its rows as documents of the target through the ingest path in one transaction on
 * req->db, and appends ,"column_fields":...,"results":[{"num_docs_inserted":N}] to answer
 * with the write's offset text in offset. 0 ok; -1 err holds the error (nothing written);
 * -2 res was answered (a limit). */
int qi_run(const srv_request *req, srv_response *res, qx_query *q, const qr_opts *o,
           sql_sbuf *answer, char *offset, size_t offlen, qx_error *err);

/* A new query id: uuid-like. */
/* A query id as the service wrote them ("db3044b9-ea4e-43f2-8cd5-138092ab9b96:lii9i5B:0" in
 * docs.rockset.com, "Async Queries"): a UUID, a 7-character tag and a number. */
#define QR_ID_SIZE 48
void qr_new_id(char out[QR_ID_SIZE]);

#endif
