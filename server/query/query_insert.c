/* SPDX-License-Identifier: Apache-2.0 */
/* INSERT INTO ws.coll [(cols)] SELECT ...: the rows of the query become documents of the
 * target, written by the documents API's own path (srv_ingest_add: _id, _event_time, field
 * mappings, canonical dates, coll_fields, counters, retention, the write offset), so a
 * document inserted by SQL is stored exactly as the same document added over HTTP.
 *
 * Every row is read before anything is written: a query that fails half way (a runtime
 * error, the timeout) inserts nothing, and the read of the source never sees the rows being
 * inserted (INSERT INTO c SELECT * FROM c doubles nothing twice). The rows are held as one
 * JSON array, bounded by --max-docs like an add request's. */
#include "server/query/query_run.h"
#include "server/store/ingest.h"
#include "server/store/offsets.h"
#include "server/store/store.h"
#include "server/srv_msg.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int qi_fail(qx_error *e, int status, const char *type, const char *key,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int qi_fail(qx_error *e, int status, const char *type, const char *key,
                   const char *fmt, ...)
{
    va_list ap;
    memset(e, 0, sizeof *e);
    e->status = status;
    snprintf(e->type, sizeof e->type, "%s", type);
    snprintf(e->key, sizeof e->key, "%s", key ? key : "");
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return -1;
}

/* INSERT INTO t (a, b) SELECT x, y: the query's columns, in order, take the listed names. A
 * list needs columns the statement names one by one (no SELECT * of whole documents). */
static int rename_columns(qx_query *q, qx_error *err)
{
    size_t nvisible = 0;
    if (q->tr.nins_cols == 0)
        return 0;
    for (int i = 0; i < q->ncols; i++) {
        if (q->cols[i].skip)
            continue;
        if (q->cols[i].doc)
            return qi_fail(err, 400, "QUERY_ERROR", NULL,
                           "INSERT with a column list needs a SELECT list of columns, not *.");
        nvisible++;
    }
    if (nvisible != q->tr.nins_cols)
        return qi_fail(err, 400, "QUERY_ERROR", NULL,
                       "INSERT lists %zu field(s) but the query returns %zu column(s).",
                       q->tr.nins_cols, nvisible);
    size_t k = 0;
    for (int i = 0; i < q->ncols; i++)
        if (!q->cols[i].skip)
            q->cols[i].name = q->tr.ins_cols[k++];
    return 0;
}

/* Every row of q as a document into docs ("[{...},...]"); *n the count. 0, -1 (err), -2
 * (the documents limit answered res). */
static int read_rows(srv_response *res, qx_query *q, const qr_opts *o, sql_sbuf *docs,
                     long long *n, qx_error *err)
{
    int rc;
    *n = 0;
    sql_sbuf_puts(docs, "[");
    for (;;) {
        size_t mark = docs->len;
        if (*n > 0)
            sql_sbuf_puts(docs, ",");
        rc = qx_next_doc(q, docs, err);
        if (rc != 1) {
            docs->len = mark;
            if (docs->s)
                docs->s[mark] = '\0';
            break;
        }
        ++*n;
        /* one row past the limit is enough to refuse, like an add request of that size */
        if (o->docs_limit && o->docs_limit(*n > INT_MAX ? INT_MAX : (int)*n, res) != 0)
            return -2;
        if (docs->oom)
            return qi_fail(err, 500, "INTERNALERROR", NULL, "Out of memory");
    }
    sql_sbuf_puts(docs, "]");
    if (rc < 0)
        return -1;
    /* the source's read ends here, before the write begins */
    sqlite3_reset(q->stmt);
    return docs->oom ? qi_fail(err, 500, "INTERNALERROR", NULL, "Out of memory") : 0;
}

/* The statuses of srv_ingest_add: the count written, or -1 with err naming the first row
 * the ingest refused (the whole statement is then rolled back). */
static long long count_written(const cJSON *statuses, qx_error *err)
{
    long long written = 0, row = 0;
    const cJSON *st;
    cJSON_ArrayForEach(st, statuses) {
        row++;
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(st, "status");
        if (cJSON_IsString(s) && strcmp(s->valuestring, "ERROR") != 0) {
            written++;
            continue;
        }
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(st, "error");
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(e, "message");
        qi_fail(err, 400, "INVALIDINPUT", NULL,
                "Row %lld of the query cannot be inserted: %s. Nothing was inserted.", row,
                cJSON_IsString(m) ? m->valuestring : "rejected by the ingest");
        return -1;
    }
    return written;
}

/* Writes docs into the target in one transaction; *written and the offset text on success. */
static int write_docs(sqlite3 *db, const qx_query *q, const char *docs, size_t len,
                      long long *written, char *offset, size_t offlen, qx_error *err)
{
    const char *ws = q->tr.desc_ws, *coll = q->tr.desc_coll;
    srv_collection c;
    srv_ingest in;
    int failed = 0;
    int rc = srv_store_collection_find(db, ws, coll, &c);
    /* dropped since the statement was translated */
    if (rc == 1)
        return qi_fail(err, 404, "NOTFOUND", "WORKSPACE_NOT_FOUND", SRV_MSG_NO_WORKSPACE, ws);
    if (rc == 2)
        return qi_fail(err, 404, "NOTFOUND", "COLLECTION_DOES_NOT_EXIST",
                       SRV_MSG_NO_COLLECTION, coll, ws);
    if (rc != 0 || srv_ingest_open(db, ws, coll, &c, &in) != 0)
        return qi_fail(err, 500, "INTERNALERROR", NULL, "Could not read the collection");
    if (srv_store_begin(db) != 0) {
        srv_ingest_close(&in);
        return qi_fail(err, 500, "INTERNALERROR", NULL, "Could not begin the write");
    }
    cJSON *statuses = srv_ingest_add(db, &in, docs, len, "$", &failed);
    *written = failed ? -1 : count_written(statuses, err);
    cJSON_Delete(statuses);
    if (failed)
        qi_fail(err, 500, "INTERNALERROR", NULL, "Could not write the documents");
    else if (*written >= 0 && srv_ingest_finish(db, &in) != 0)
        failed = qi_fail(err, 500, "INTERNALERROR", NULL, "Could not write the documents");
    if (failed || *written < 0 || srv_store_commit(db) != 0) {
        srv_store_rollback(db);
        srv_ingest_close(&in);
        if (err->status == 0)
            qi_fail(err, 500, "INTERNALERROR", NULL, "Could not commit the documents");
        return -1;
    }
    char text[SRV_OFFSET_TEXT];
    srv_offsets_format(in.offset, text);
    snprintf(offset, offlen, "%s", text);
    srv_ingest_close(&in);
    return 0;
}

int qi_run(const srv_request *req, srv_response *res, qx_query *q, const qr_opts *o,
           sql_sbuf *answer, char *offset, size_t offlen, qx_error *err)
{
    sql_sbuf docs = { 0 };
    long long n = 0, written = 0;
    int rc = rename_columns(q, err);
    if (rc == 0)
        rc = read_rows(res, q, o, &docs, &n, err);
    if (rc == 0)
        rc = write_docs(req->db, q, docs.s, docs.len, &written, offset, offlen, err);
    free(docs.s);
    if (rc != 0)
        return rc;
    sql_sbuf_puts(answer, ",\"column_fields\":[{\"name\":\"num_docs_inserted\",\"type\":\"int\"}]"
                          ",\"results\":[");
    sql_sbuf_printf(answer, "{\"num_docs_inserted\":%lld}]", written);
    return 0;
}
