/* SPDX-License-Identifier: Apache-2.0 */
/* Writes (issue #16): INSERT ... VALUES adds documents, UPDATE patches and DELETE deletes the
 * documents a condition selects, CREATE/DROP TABLE create and delete collections, and the
 * next query on the connection waits until those writes are queryable (the commit fence).
 * Rockset's SQL has none of these statements; the parsing is driver/sql/sqldml.c, the
 * requests driver/client/rs_docs.c. */
#include "driver/odbc/stmt.h"
#include "driver/client/log.h"
#include "driver/sql/sqlbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Unqualified collections are commons's, as in queries (the driver sends no default
 * workspace with a query, so a write must land where a SELECT would look). */
static const char *dml_ws(const rs_stmt *s)
{
    return s->rw.dml.ws ? s->rw.dml.ws : "commons";
}

/* ---- read your writes ------------------------------------------------------------------ */

void rs_conn_pending_clear(rs_conn *c)
{
    for (size_t i = 0; i < c->npending; i++) {
        free(c->pending[i].ws);
        free(c->pending[i].coll);
    }
    free(c->pending);
    c->pending = NULL;
    c->npending = 0;
}

void rs_conn_remember_write(rs_conn *c, const char *ws, const char *coll, const char *offset)
{
    rs_pending_write *p = NULL;

    if (!offset || !*offset)
        return; /* a server that gives no offset has nothing to wait for */
    for (size_t i = 0; i < c->npending && !p; i++)
        if (strcmp(c->pending[i].ws, ws) == 0 && strcmp(c->pending[i].coll, coll) == 0)
            p = &c->pending[i];
    if (!p) {
        rs_pending_write *np = realloc(c->pending, (c->npending + 1) * sizeof *np);
        if (!np)
            return;
        c->pending = np;
        p = &np[c->npending];
        p->ws = strdup(ws);
        p->coll = strdup(coll);
        if (!p->ws || !p->coll) {
            free(p->ws);
            free(p->coll);
            return;
        }
        c->npending++;
    }
    snprintf(p->offset, sizeof p->offset, "%s", offset);
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int rs_stmt_await_writes(rs_stmt *s, rs_error *err)
{
    rs_conn *c = s->conn;
    /* bounded by the query timeout, else by the connection's Timeout */
    long long limit = s->query_timeout > 0 ? (long long)s->query_timeout * 1000
                      : c->cfg.timeout_s > 0 ? (long long)c->cfg.timeout_s * 1000 : 60000;
    long long start = now_ms();
    long wait_ms = 5;

    while (c->npending > 0) {
        rs_pending_write *p = &c->pending[c->npending - 1];
        int passed = 0;
        if (rs_client_commit_fence(c->client, p->ws, p->coll, p->offset, &passed, err) != 0)
            return -1;
        if (passed) {
            free(p->ws);
            free(p->coll);
            c->npending--;
            continue;
        }
        if (now_ms() - start + wait_ms > limit) {
            rs_error_set(err, RS_ERR_TIMEOUT, "the write to %s.%s (offset %s) was not queryable "
                         "within %lld ms", p->ws, p->coll, p->offset, limit);
            return -1;
        }
        rs_log(RS_LOG_DEBUG, "commit fence %s not passed for %s.%s: waiting %ld ms", p->offset,
               p->ws, p->coll, wait_ms);
        {
            struct timespec ts = {wait_ms / 1000, (wait_ms % 1000) * 1000000L};
            nanosleep(&ts, NULL);
        }
        if (wait_ms < 200)
            wait_ms *= 2; /* a short backoff: most fences pass within milliseconds */
    }
    return 0;
}

/* ---- values ---------------------------------------------------------------------------- */

/* The Rockset type a marker's C type stands for, NULL for text and binary. A document has no
 * schema to type a value by, and applications that bind by the Python or C value's type
 * declare the SQL type SQLDescribeParam answered (VARCHAR for a field nothing is known of):
 * pyodbc's fast_executemany binds an int as SQL_C_SBIGINT with SQL_VARCHAR. The C type is
 * then the better witness of what the value is. */
static const char *c_type_field(rs_stmt *s, int marker)
{
    rs_desc_rec *a = rs_desc_rec_at(s->apd, (SQLSMALLINT)(marker + 1), 0);

    switch (a ? a->concise_type : SQL_C_CHAR) {
    case SQL_C_BIT: return "bool";
    case SQL_C_TINYINT: case SQL_C_STINYINT: case SQL_C_UTINYINT: case SQL_C_SHORT:
    case SQL_C_SSHORT: case SQL_C_USHORT: case SQL_C_LONG: case SQL_C_SLONG: case SQL_C_ULONG:
    case SQL_C_SBIGINT: case SQL_C_UBIGINT: return "int";
    case SQL_C_FLOAT: case SQL_C_DOUBLE: case SQL_C_NUMERIC: return "float";
    case SQL_C_TYPE_DATE: case SQL_C_DATE: return "date";
    case SQL_C_TYPE_TIME: case SQL_C_TIME: return "time";
    case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP: return "timestamp";
    default: return NULL;
    }
}

/* A value of set `set` as a document value: a literal as parsed, a marker converted by its
 * binding (which posts any conversion error with the set's row number). */
static SQLRETURN dml_value(rs_stmt *s, const rs_dml_value *v, SQLULEN set, rs_pval *pv,
                           rs_doc_value *out)
{
    SQLRETURN rc = SQL_SUCCESS;

    memset(pv, 0, sizeof *pv);
    if (v->marker >= 0) {
        rc = rs_stmt_param_value(s, (SQLSMALLINT)(v->marker + 1), set,
                                 c_type_field(s, v->marker), pv);
        out->type = pv->type;
        out->value = pv->value;
        out->is_null = pv->is_null;
        return rc;
    }
    out->type = v->type;
    out->value = v->text;
    out->is_null = v->text == NULL;
    return rc;
}

static void free_pvals(rs_pval *pv, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(pv[i].value);
        pv[i].value = NULL;
    }
}

static SQLRETURN post_client_error(rs_stmt *s, const rs_error *err)
{
    if (err->kind == RS_ERR_HTTP && err->http_status == 409)
        return rs_diag_post(&s->h.diag, "42S01", err->http_status, "[Rockset] %s (HTTP 409%s%s)",
                            err->message, err->type[0] ? ", type " : "", err->type);
    return rs_conn_post_error(s->conn, &s->h.diag, err);
}

/* ---- INSERT ... VALUES ------------------------------------------------------------------ */

typedef struct insert_ctx {
    rs_stmt *s;
    const SQLULEN *sets;   /* the parameter sets written, in order */
    unsigned char *failed; /* per entry of sets                    */
    rs_pval *pv;           /* per column, the current document's   */
} insert_ctx;

static int insert_get(void *ud, size_t i, rs_doc_value *vals, rs_error *err)
{
    insert_ctx *x = ud;
    const rs_dml *d = &x->s->rw.dml;
    size_t set_i = i / d->nrows, row = i % d->nrows;

    (void)err;
    free_pvals(x->pv, d->ncols);
    if (x->failed[set_i])
        return 1;
    for (size_t k = 0; k < d->ncols; k++)
        if (dml_value(x->s, &d->vals[row * d->ncols + k], x->sets[set_i], &x->pv[k], &vals[k]) ==
            SQL_ERROR) {
            x->failed[set_i] = 1; /* the conversion posted why, with the row number */
            return 1;
        }
    return 0;
}

static void insert_status(void *ud, size_t i, const char *message)
{
    insert_ctx *x = ud;
    size_t set_i = i / x->s->rw.dml.nrows;

    if (!message)
        return;
    x->failed[set_i] = 1;
    /* ODBC: SQL_DIAG_ROW_NUMBER is "the row number in the rowset, or the parameter number in
     * the set of parameters, with which the status record is associated" */
    rs_diag_post_at(&x->s->h.diag, "HY000", (SQLLEN)x->sets[set_i] + 1, SQL_NO_COLUMN_NUMBER,
                    "[Rockset] document %zu of parameter set %lu refused: %s",
                    i % x->s->rw.dml.nrows + 1, (unsigned long)x->sets[set_i] + 1, message);
}

SQLRETURN rs_stmt_insert_sets(rs_stmt *s, SQLULEN first, SQLULEN count, unsigned char *failed,
                              SQLULEN *nused, SQLULEN *sets)
{
    const rs_dml *d = &s->rw.dml;
    SQLUSMALLINT *ops = s->apd->array_status_ptr;
    insert_ctx x = {s, sets, failed, calloc(d->ncols ? d->ncols : 1, sizeof(rs_pval))};
    rs_docs_write w;
    rs_error err;
    SQLULEN n = 0, nfailed = 0;
    int r;

    if (!x.pv)
        return rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
    for (SQLULEN k = first; k < first + count; k++)
        if (!ops || ops[k] != SQL_PARAM_IGNORE) {
            failed[n] = 0;
            sets[n++] = k;
        }
    *nused = n;
    memset(&w, 0, sizeof w);
    w.op = RS_DOCS_ADD;
    w.ws = dml_ws(s);
    w.coll = d->coll;
    w.ndocs = n * d->nrows;
    w.nfields = d->ncols;
    w.fields = (const char *const *)d->cols;
    w.get = insert_get;
    w.status = insert_status;
    w.ud = &x;
    rs_error_clear(&err);
    rs_log(RS_LOG_INFO, "insert: %zu document(s) into %s.%s", w.ndocs, w.ws, w.coll);
    if (rs_stmt_begin_request(s) != 0) {
        rs_error_set(&err, RS_ERR_CANCELLED, "the statement was cancelled");
        r = -1;
    } else {
        r = rs_client_docs_write(s->conn->client, &w, &err);
        rs_conn_remember_write(s->conn, w.ws, w.coll, w.last_offset);
    }
    rs_stmt_end_request(s);
    free_pvals(x.pv, d->ncols);
    free(x.pv);
    s->sets_rows = (s->sets_rows < 0 ? 0 : s->sets_rows) + (SQLLEN)w.applied;
    if (r != 0) {
        /* the documents of earlier requests are written: SQLRowCount says how many */
        for (SQLULEN k = 0; k < n; k++)
            failed[k] = 1;
        return post_client_error(s, &err);
    }
    for (SQLULEN k = 0; k < n; k++)
        nfailed += failed[k];
    return n > 0 && nfailed == n ? SQL_ERROR : nfailed ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

/* ---- UPDATE, DELETE --------------------------------------------------------------------- */

typedef struct id_list {
    char **v;
    size_t n, cap;
} id_list;

static void ids_free(id_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int ids_add(id_list *l, const char *id, size_t len)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **nv = realloc(l->v, cap * sizeof *nv);
        if (!nv)
            return -1;
        l->v = nv;
        l->cap = cap;
    }
    if (!(l->v[l->n] = strndup(id, len)))
        return -1;
    l->n++;
    return 0;
}

/* `"a""b"` for a name in the query text. */
static void quote_ident(rs_sb *sb, const char *name)
{
    rs_sb_addc(sb, '"');
    for (; *name; name++) {
        if (*name == '"')
            rs_sb_addc(sb, '"');
        rs_sb_addc(sb, *name);
    }
    rs_sb_addc(sb, '"');
}

/* The markers the condition names (it was translated with :pN / :name). */
static int where_uses(const char *where, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = where; (p = strchr(p, ':')) != NULL; p++)
        if (strncmp(p + 1, name, n) == 0 && !(p[n + 1] == '_' || (p[n + 1] >= '0' &&
            p[n + 1] <= '9') || (p[n + 1] >= 'a' && p[n + 1] <= 'z') ||
            (p[n + 1] >= 'A' && p[n + 1] <= 'Z')))
            return 1;
    return 0;
}

/* SELECT _id FROM ws.coll [WHERE cond] with the condition's parameters of set `set`.
 * Lock held. */
static SQLRETURN query_ids(rs_stmt *s, SQLULEN set, id_list *ids, rs_error *err, int *failed)
{
    const rs_dml *d = &s->rw.dml;
    rs_sb sql = {0};
    rs_query_param *qp = calloc(s->rw.nmarkers + 1, sizeof *qp);
    rs_pval *pv = calloc(s->rw.nmarkers + 1, sizeof *pv);
    rs_query_request req;
    rs_rowsource *rs = NULL;
    const rs_page *pg;
    SQLRETURN rc = SQL_SUCCESS;
    size_t nqp = 0, col = 0;
    int r;

    *failed = 0;
    rs_sb_adds(&sql, "SELECT _id FROM ");
    quote_ident(&sql, dml_ws(s));
    rs_sb_addc(&sql, '.');
    quote_ident(&sql, d->coll);
    if (d->where) {
        rs_sb_adds(&sql, " WHERE ");
        rs_sb_adds(&sql, d->where);
    }
    if (sql.oom || !qp || !pv) {
        rc = rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
        goto out;
    }
    for (size_t k = 0; d->where && k < s->rw.nmarkers; k++) {
        if (!where_uses(d->where, s->rw.markers[k].name))
            continue;
        rc = rs_rc_merge(rc, rs_stmt_param_value(s, (SQLSMALLINT)(k + 1), set, NULL, &pv[nqp]));
        if (rc == SQL_ERROR)
            goto out;
        qp[nqp].name = s->rw.markers[k].name;
        qp[nqp].type = pv[nqp].type;
        qp[nqp].value = pv[nqp].value;
        qp[nqp].is_null = pv[nqp].is_null;
        nqp++;
    }
    memset(&req, 0, sizeof req);
    req.sql = sql.s;
    req.params = qp;
    req.nparams = nqp;
    req.page_size = s->conn->cfg.page_size;
    req.timeout_ms = (long)s->query_timeout * 1000L;
    rs_log(RS_LOG_INFO, "%s: the documents of %s", d->kind == RS_DML_UPDATE ? "update" : "delete",
           sql.s);
    r = rs_stmt_await_writes(s, err) != 0 ? -1 : rs_client_query(s->conn->client, &req, &rs, err);
    while (r == 0 && (r = rs_rowsource_next(rs, &pg, err)) == 1) {
        for (col = 0; col < rs->ncols && strcmp(rs->cols[col].name, "_id") != 0; col++)
            ;
        for (size_t i = 0; col < rs->ncols && i < pg->nrows; i++) {
            const rs_cell *cell = &pg->cells[i * pg->ncols + col];
            if (cell->text && ids_add(ids, cell->text, cell->len) != 0) {
                rs_error_set(err, RS_ERR_NOMEM, "out of memory collecting the documents' _id");
                r = -1;
            }
        }
        r = r == 1 ? 0 : r;
    }
    *failed = r < 0;
out:
    rs_rowsource_close(rs);
    for (size_t k = 0; k < nqp; k++)
        free(pv[k].value);
    free(pv);
    free(qp);
    rs_sb_free(&sql);
    return rc;
}

typedef struct change_ctx {
    rs_stmt *s;
    SQLULEN set;
    const id_list *ids;
    size_t nfailed;
} change_ctx;

static void change_status(void *ud, size_t i, const char *message)
{
    change_ctx *x = ud;

    if (!message)
        return;
    x->nfailed++;
    rs_diag_post_at(&x->s->h.diag, "HY000", (SQLLEN)x->set + 1, SQL_NO_COLUMN_NUMBER,
                    "[Rockset] document '%s' not changed: %s", x->ids->v[i], message);
}

/* The SET values (UPDATE) of set `set`; literal ones need no conversion. */
static SQLRETURN set_values(rs_stmt *s, SQLULEN set, rs_pval *pv, rs_doc_value *dv)
{
    const rs_dml *d = &s->rw.dml;
    SQLRETURN rc = SQL_SUCCESS;

    for (size_t k = 0; d->kind == RS_DML_UPDATE && k < d->ncols && rc != SQL_ERROR; k++)
        rc = rs_rc_merge(rc, dml_value(s, &d->vals[k], set, &pv[k], &dv[k]));
    return rc;
}

/* The keys of WHERE _id = v / _id IN (...): no query. */
static SQLRETURN key_ids(rs_stmt *s, SQLULEN set, id_list *ids)
{
    const rs_dml *d = &s->rw.dml;

    for (size_t k = 0; k < d->nids; k++) {
        rs_pval pv;
        rs_doc_value dv;
        if (dml_value(s, &d->ids[k], set, &pv, &dv) == SQL_ERROR)
            return SQL_ERROR;
        /* _id = NULL selects nothing, as in SQL */
        if (!dv.is_null && dv.value && ids_add(ids, dv.value, strlen(dv.value)) != 0) {
            free(pv.value);
            return rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
        }
        free(pv.value);
    }
    return SQL_SUCCESS;
}

/* Patches or deletes the documents of x->ids. Lock held. 0, or -1 with err set. */
static int write_changes(rs_stmt *s, change_ctx *x, const rs_doc_value *dv, rs_error *err)
{
    const rs_dml *d = &s->rw.dml;
    rs_docs_write w;
    int r = 0;

    memset(&w, 0, sizeof w);
    w.op = d->kind == RS_DML_UPDATE ? RS_DOCS_PATCH : RS_DOCS_DELETE;
    w.ws = dml_ws(s);
    w.coll = d->coll;
    w.ndocs = x->ids->n;
    w.ids = (const char *const *)x->ids->v;
    w.nfields = d->kind == RS_DML_UPDATE ? d->ncols : 0;
    w.fields = (const char *const *)d->cols;
    w.set = dv;
    w.status = change_status;
    w.ud = x;
    if (w.ndocs > 0) { /* no document matched: nothing to send */
        r = rs_client_docs_write(s->conn->client, &w, err);
        rs_conn_remember_write(s->conn, w.ws, w.coll, w.last_offset);
    }
    s->sets_rows = (s->sets_rows < 0 ? 0 : s->sets_rows) + (SQLLEN)w.applied;
    return r;
}

static SQLRETURN change_docs(rs_stmt *s, SQLULEN set)
{
    const rs_dml *d = &s->rw.dml;
    rs_pval *pv = calloc(d->ncols + 1, sizeof *pv);
    rs_doc_value *dv = calloc(d->ncols + 1, sizeof *dv);
    id_list ids = {0};
    change_ctx x = {s, set, &ids, 0};
    rs_error err;
    SQLRETURN rc;
    int failed = 0;

    rs_error_clear(&err);
    rc = !pv || !dv ? rs_diag_post(&s->h.diag, "HY001", 0, "out of memory")
                    : set_values(s, set, pv, dv);
    if (rc != SQL_ERROR && d->nids)
        rc = rs_rc_merge(rc, key_ids(s, set, &ids));
    if (rc != SQL_ERROR) {
        if (rs_stmt_begin_request(s) != 0) {
            rs_error_set(&err, RS_ERR_CANCELLED, "the statement was cancelled");
            failed = 1;
        } else {
            if (!d->nids)
                rc = rs_rc_merge(rc, query_ids(s, set, &ids, &err, &failed));
            if (rc != SQL_ERROR && !failed)
                failed = write_changes(s, &x, dv, &err);
        }
        rs_stmt_end_request(s);
    }
    free_pvals(pv, pv ? d->ncols : 0);
    free(pv);
    free(dv);
    if (failed)
        rc = post_client_error(s, &err);
    else if (x.nfailed > 0)
        rc = x.nfailed == ids.n ? SQL_ERROR : rs_rc_merge(rc, SQL_SUCCESS_WITH_INFO);
    ids_free(&ids);
    return rc;
}

/* ---- CREATE TABLE, DROP TABLE ----------------------------------------------------------- */

static SQLRETURN table_ddl(rs_stmt *s)
{
    const rs_dml *d = &s->rw.dml;
    rs_error err;
    int r;

    rs_error_clear(&err);
    rs_log(RS_LOG_INFO, "%s collection %s.%s", d->kind == RS_DML_CREATE ? "create" : "delete",
           dml_ws(s), d->coll);
    if (rs_stmt_begin_request(s) != 0) {
        rs_error_set(&err, RS_ERR_CANCELLED, "the statement was cancelled");
        r = -1;
    } else if (d->kind == RS_DML_CREATE) {
        r = rs_client_collection_create(s->conn->client, dml_ws(s), d->coll, &err);
    } else {
        r = rs_client_collection_delete(s->conn->client, dml_ws(s), d->coll, &err);
        if (r != 0 && d->if_exists && err.kind == RS_ERR_HTTP && err.http_status == 404)
            r = 0;
    }
    rs_stmt_end_request(s);
    if (r != 0)
        return post_client_error(s, &err);
    s->sets_rows = 0; /* ODBC: SQLRowCount of a statement that changes no row is 0 */
    return SQL_SUCCESS;
}

SQLRETURN rs_stmt_dml_set(rs_stmt *s, SQLULEN set)
{
    switch (s->rw.dml.kind) {
    case RS_DML_INSERT: {
        unsigned char failed = 0;
        SQLULEN used = 0, one = 0;
        return rs_stmt_insert_sets(s, set, 1, &failed, &used, &one);
    }
    case RS_DML_UPDATE:
    case RS_DML_DELETE:
        return change_docs(s, set);
    case RS_DML_CREATE:
    case RS_DML_DROP:
        return table_ddl(s);
    default:
        return rs_diag_post(&s->h.diag, "HY000", 0, "not a write statement");
    }
}
