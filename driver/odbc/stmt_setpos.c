/* SPDX-License-Identifier: Apache-2.0 */
/* Writes through a static cursor (issue #16): SQLSetPos SQL_UPDATE, SQL_DELETE and SQL_ADD,
 * and SQLBulkOperations. The result must read exactly one collection (the answer's
 * `collections`); rows are keyed on their `_id` column, documents are patched, deleted or
 * added by the same requests as UPDATE, DELETE and INSERT (driver/client/rs_docs.c), and the
 * next query waits for them (the commit fence, stmt_dml.c).
 *
 * Concurrency is SQL_CONCUR_VALUES without the comparison: Rockset has no row versions and
 * no conditional write, so the last write wins (docs/odbc-functions.md, "Writes"). The cursor
 * is a snapshot (SQL_STATIC_SENSITIVITY 0): its rows keep the values they were read with. */
#include "driver/odbc/stmt.h"
#include "driver/client/log.h"
#include "driver/convert/convert.h"
#include "driver/convert/types.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One write: the rowset rows it touches and, per row, the state of the document. */
typedef struct pos_write {
    rs_stmt *s;
    rs_docs_op op;
    char ws[256], coll[256];
    size_t n;                 /* documents                                       */
    SQLULEN *idx;             /* per document: its row of the rowset buffers (0-based) */
    char **ids;               /* PATCH, DELETE: per document, the row's _id      */
    SQLSMALLINT *cols;        /* PATCH, ADD: the bound columns written           */
    const char **fields;      /* their names                                     */
    size_t ncols;
    rs_pval *pv;              /* per column, the current document's values       */
    unsigned char *failed;    /* per document                                    */
    SQLULEN nfailed;
} pos_write;

static void pv_free(pos_write *w)
{
    for (size_t k = 0; w->pv && k < w->ncols; k++) {
        free(w->pv[k].value);
        w->pv[k].value = NULL;
    }
}

static void pos_free(pos_write *w)
{
    pv_free(w);
    for (size_t i = 0; w->ids && i < w->n; i++)
        free(w->ids[i]);
    free(w->ids);
    free(w->idx);
    free(w->cols);
    free(w->fields);
    free(w->pv);
    free(w->failed);
}

/* The result column named `name` (1-based), 0 when none. */
static SQLSMALLINT column_named(rs_stmt *s, const char *name)
{
    for (SQLSMALLINT c = 1; c <= s->ird.count; c++)
        if (s->ird.recs[c].name && strcmp(s->ird.recs[c].name, name) == 0)
            return c;
    return 0;
}

/* What every write through the cursor needs: a writable connection and cursor, and one
 * collection to write to. */
static SQLRETURN pos_check(rs_stmt *s, pos_write *w)
{
    const char *dot;

    /* SQL_ATTR_ACCESS_MODE: "SQL_MODE_READ_ONLY = ... not required to support SQL
     * statements that cause updates to occur"; the same refusal as the write statements */
    if (s->conn->access_mode == SQL_MODE_READ_ONLY || s->conn->cfg.read_only)
        return rs_diag_post(&s->h.diag, "25000", 0, "the connection is read-only "
                            "(SQL_ATTR_ACCESS_MODE or ReadOnly=1): the write is refused");
    /* SQLSetPos, HY092: "Operation was SQL_UPDATE, SQL_DELETE, or SQL_ADD, and
     * SQL_ATTR_CONCURRENCY was SQL_CONCUR_READ_ONLY" */
    if (s->concurrency == SQL_CONCUR_READ_ONLY)
        return rs_diag_post(&s->h.diag, "HY092", 0, "the cursor is read-only: set "
                            "SQL_ATTR_CONCURRENCY to SQL_CONCUR_VALUES before executing");
    if (!s->scroll || !s->rs)
        return rs_diag_post(&s->h.diag, "HYC00", 0, "writes through a cursor need a static "
                            "cursor over a query (SQL_ATTR_CURSOR_TYPE SQL_CURSOR_STATIC)");
    if (s->rs->ncollections != 1 || !(dot = strchr(s->rs->collections[0], '.')) ||
        (size_t)(dot - s->rs->collections[0]) >= sizeof w->ws ||
        strlen(dot + 1) >= sizeof w->coll)
        return rs_diag_post(&s->h.diag, "HYC00", 0, "writes through a cursor need a result "
                            "that reads exactly one collection (this one reads %lu)",
                            (unsigned long)s->rs->ncollections);
    memcpy(w->ws, s->rs->collections[0], (size_t)(dot - s->rs->collections[0]));
    w->ws[dot - s->rs->collections[0]] = '\0';
    strcpy(w->coll, dot + 1);
    return SQL_SUCCESS;
}

/* The bound columns (SQLBindCol, 1..) a patch or a new document takes; a patch leaves _id
 * alone: it is the key, and a document's _id cannot change. */
static SQLRETURN pos_columns(rs_stmt *s, pos_write *w)
{
    rs_desc *ard = s->ard;

    w->cols = calloc((size_t)ard->count + 1, sizeof *w->cols);
    w->fields = calloc((size_t)ard->count + 1, sizeof *w->fields);
    w->pv = calloc((size_t)ard->count + 1, sizeof *w->pv);
    if (!w->cols || !w->fields || !w->pv)
        return rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
    for (SQLSMALLINT c = 1; c <= ard->count && c <= s->ird.count; c++) {
        const rs_desc_rec *r = &ard->recs[c];
        const char *name = s->ird.recs[c].name;
        if (!r->data_ptr && !r->indicator_ptr)
            continue; /* "columns that are not bound are not updated" */
        if (!name || !*name || (w->op == RS_DOCS_PATCH && strcmp(name, "_id") == 0))
            continue;
        w->cols[w->ncols] = c;
        w->fields[w->ncols++] = name;
    }
    if (w->ncols == 0)
        return rs_diag_post(&s->h.diag, "HY000", 0, "no column is bound: %s writes the "
                            "values of the bound columns", w->op == RS_DOCS_ADD ? "SQL_ADD"
                            : "SQL_UPDATE");
    return SQL_SUCCESS;
}

/* Column c of rowset row i as a document value (SQLPutData-style conversion of the bound
 * buffer, typed by the column's SQL type). 0, or 1 with the row's error posted. */
static int bound_value(rs_stmt *s, SQLSMALLINT c, SQLULEN i, rs_pval *out)
{
    const rs_desc *ard = s->ard;
    const rs_desc_rec *r = &ard->recs[c];
    SQLSMALLINT sqltype = s->ird.recs[c].concise_type;
    SQLSMALLINT ct = r->concise_type == SQL_C_DEFAULT ? rs_types_default_c_type(sqltype)
                                                      : r->concise_type;
    SQLLEN esz = rs_c_type_size(ct), len = SQL_NTS;
    SQLLEN *ind = (SQLLEN *)rs_bound_addr(ard, r->indicator_ptr, sizeof(SQLLEN), i);
    SQLLEN *olen = (SQLLEN *)rs_bound_addr(ard, r->octet_length_ptr, sizeof(SQLLEN), i);
    const void *val = rs_bound_addr(ard, r->data_ptr, esz ? esz : r->octet_length, i);
    rs_conv_status st;

    memset(out, 0, sizeof *out);
    if (ind && *ind == SQL_NULL_DATA) {
        out->type = "string";
        out->is_null = 1;
        return 0;
    }
    if (ind && (*ind == SQL_COLUMN_IGNORE || *ind == SQL_DATA_AT_EXEC ||
                *ind <= SQL_LEN_DATA_AT_EXEC_OFFSET)) {
        rs_diag_post_at(&s->h.diag, "HYC00", (SQLLEN)i + 1, c, "column %d: %s is not "
                        "supported: bind the value, or unbind the column to leave it alone", c,
                        *ind == SQL_COLUMN_IGNORE ? "SQL_COLUMN_IGNORE" : "data at execution");
        return 1;
    }
    if (!val) {
        rs_diag_post_at(&s->h.diag, "HY009", (SQLLEN)i + 1, c, "column %d has no buffer", c);
        return 1;
    }
    if (olen && olen != ind)
        len = *olen;
    else if (ind)
        len = *ind;
    if (esz == 0 && ct != SQL_C_CHAR && ct != SQL_C_WCHAR && len == SQL_NTS)
        len = r->octet_length;
    memset(&st, 0, sizeof st);
    rs_convert_param_field(ct, sqltype, s->ird.recs[c].scale, val, len, NULL, &out->type,
                           &out->value, &out->is_null, &st);
    if (st.rc == SQL_ERROR) {
        free(out->value);
        out->value = NULL;
        rs_diag_post_at(&s->h.diag, st.sqlstate[0] ? st.sqlstate : "HY000", (SQLLEN)i + 1, c,
                        "column %d: %s", c, st.message);
        return 1;
    }
    return 0;
}

static int pos_get(void *ud, size_t k, rs_doc_value *vals, rs_error *err)
{
    pos_write *w = ud;

    (void)err;
    pv_free(w);
    for (size_t f = 0; f < w->ncols; f++) {
        if (bound_value(w->s, w->cols[f], w->idx[k], &w->pv[f]) != 0) {
            w->failed[k] = 1;
            w->nfailed++;
            return 1;
        }
        vals[f].type = w->pv[f].type;
        vals[f].value = w->pv[f].value;
        vals[f].is_null = w->pv[f].is_null;
    }
    return 0;
}

static void pos_status(void *ud, size_t k, const char *message)
{
    pos_write *w = ud;

    if (!message)
        return;
    w->failed[k] = 1;
    w->nfailed++;
    /* "SQL_DIAG_ROW_NUMBER ... the row number in the rowset" */
    rs_diag_post_at(&w->s->h.diag, "HY000", (SQLLEN)w->idx[k] + 1, SQL_NO_COLUMN_NUMBER,
                    "[Rockset] row %lu: %s", (unsigned long)w->idx[k] + 1, message);
}

/* Adds rowset row i as a document; PATCH and DELETE take its result row rowno's _id. */
static SQLRETURN pos_add_row(rs_stmt *s, pos_write *w, SQLULEN i, long long rowno,
                             SQLSMALLINT idcol)
{
    w->idx[w->n] = i;
    w->failed[w->n] = 0;
    if (w->op != RS_DOCS_ADD) {
        const rs_cell *row;
        size_t nc;
        int got = rs_stmt_row_at(s, rowno, &row, &nc);
        if (got < 0)
            return SQL_ERROR;
        if (got == 0 || (size_t)idcol > nc)
            return rs_diag_post_at(&s->h.diag, "HY109", (SQLLEN)i + 1, SQL_NO_COLUMN_NUMBER,
                                   "row %lld of the result does not exist", rowno);
        if (!row[idcol - 1].text)
            return rs_diag_post_at(&s->h.diag, "HY000", (SQLLEN)i + 1, idcol,
                                   "row %lld has no _id", rowno);
        if (!(w->ids[w->n] = strndup(row[idcol - 1].text, row[idcol - 1].len)))
            return rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
    }
    w->n++;
    return SQL_SUCCESS;
}

/* Sends the documents; sets the row status array and the row count. */
static SQLRETURN pos_send(rs_stmt *s, pos_write *w)
{
    static const SQLUSMALLINT done[] = {SQL_ROW_ADDED, SQL_ROW_UPDATED, SQL_ROW_DELETED};
    SQLUSMALLINT *status = s->ird.array_status_ptr;
    rs_docs_write dw;
    rs_error err;
    int r;

    memset(&dw, 0, sizeof dw);
    dw.op = w->op;
    dw.ws = w->ws;
    dw.coll = w->coll;
    dw.ndocs = w->n;
    dw.ids = (const char *const *)w->ids;
    dw.nfields = w->op == RS_DOCS_DELETE ? 0 : w->ncols;
    dw.fields = w->fields;
    dw.get = pos_get;
    dw.status = pos_status;
    dw.ud = w;
    rs_error_clear(&err);
    rs_log(RS_LOG_INFO, "cursor write: %zu document(s) of %s.%s", w->n, w->ws, w->coll);
    if (rs_stmt_begin_request(s) != 0) {
        rs_error_set(&err, RS_ERR_CANCELLED, "the statement was cancelled");
        r = -1;
    } else {
        r = w->n > 0 ? rs_client_docs_write(s->conn->client, &dw, &err) : 0;
        rs_conn_remember_write(s->conn, w->ws, w->coll, dw.last_offset);
    }
    rs_stmt_end_request(s);
    s->pos_rows = (SQLLEN)dw.applied;
    for (size_t k = 0; status && k < w->n; k++)
        status[w->idx[k]] = r != 0 || w->failed[k] ? SQL_ROW_ERROR : done[w->op];
    if (r != 0)
        return rs_conn_post_error(s->conn, &s->h.diag, &err);
    if (w->nfailed == 0)
        return SQL_SUCCESS;
    /* SQLSetPos: SQL_ERROR when the operation on a single row failed, SQL_SUCCESS_WITH_INFO
     * when some rows of a bulk operation did ("Error in row", 01S01 in ODBC 2) */
    return w->nfailed == w->n ? SQL_ERROR : SQL_SUCCESS_WITH_INFO;
}

/* Allocates for up to n documents and the columns op writes. */
static SQLRETURN pos_prepare(rs_stmt *s, pos_write *w, rs_docs_op op, SQLULEN n,
                             SQLSMALLINT *idcol)
{
    SQLRETURN rc;

    memset(w, 0, sizeof *w);
    w->s = s;
    w->op = op;
    s->pos_rows = -1;
    if ((rc = pos_check(s, w)) != SQL_SUCCESS)
        return rc;
    *idcol = column_named(s, "_id");
    if (op != RS_DOCS_ADD && *idcol == 0)
        return rs_diag_post(&s->h.diag, "HYC00", 0, "updating or deleting through a cursor "
                            "needs the _id column in the result: select _id");
    w->idx = calloc(n + 1, sizeof *w->idx);
    w->ids = calloc(n + 1, sizeof *w->ids);
    w->failed = calloc(n + 1, 1);
    if (!w->idx || !w->ids || !w->failed)
        return rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
    return op == RS_DOCS_DELETE ? SQL_SUCCESS : pos_columns(s, w);
}

static int row_ignored(const rs_stmt *s, SQLULEN i)
{
    /* SQL_ATTR_ROW_OPERATION_PTR: "SQL_ROW_IGNORE ... the row is excluded from the bulk
     * operation using SQLSetPos" (and, in ODBC 3.8, SQLBulkOperations) */
    return s->ard->array_status_ptr && s->ard->array_status_ptr[i] == SQL_ROW_IGNORE;
}

SQLRETURN rs_stmt_set_pos_write(rs_stmt *s, SQLSETPOSIROW row, SQLUSMALLINT op)
{
    rs_docs_op dop = op == SQL_UPDATE ? RS_DOCS_PATCH : op == SQL_DELETE ? RS_DOCS_DELETE
                                                                        : RS_DOCS_ADD;
    SQLULEN n = op == SQL_ADD ? s->ard->array_size : s->sc_rows;
    SQLULEN first = row ? row - 1 : 0, last = row ? row : n;
    SQLSMALLINT idcol = 0;
    pos_write w;
    SQLRETURN rc = pos_prepare(s, &w, dop, n, &idcol);

    for (SQLULEN i = first; rc == SQL_SUCCESS && i < last; i++)
        if (row || !row_ignored(s, i))
            rc = pos_add_row(s, &w, i, s->sc_start + (long long)i, idcol);
    if (rc == SQL_SUCCESS) {
        rc = pos_send(s, &w);
        if (row)
            s->sc_setpos = row; /* "positions the cursor on the row" */
    }
    pos_free(&w);
    return rc;
}

/* The bookmark bound to column 0 for rowset row i (SQL_C_VARBOOKMARK: the 64-bit row
 * number; SQL_C_BOOKMARK: 32 bits), 0 when none is there. */
static long long bound_bookmark(rs_stmt *s, SQLULEN i)
{
    const rs_desc *ard = s->ard;
    const rs_desc_rec *r = &ard->bm;
    int var = r->concise_type == SQL_C_VARBOOKMARK || r->concise_type == SQL_C_DEFAULT;
    SQLLEN esz = var ? r->octet_length : (SQLLEN)sizeof(SQLUINTEGER);
    const char *p = rs_bound_addr(ard, r->data_ptr, esz, i);

    if (!p)
        return 0;
    if (var) {
        int64_t v;
        if (r->octet_length < (SQLLEN)sizeof v)
            return 0;
        memcpy(&v, p, sizeof v);
        return (long long)v;
    }
    SQLUINTEGER u;
    memcpy(&u, p, sizeof u);
    return (long long)u;
}

/* SQL_FETCH_BY_BOOKMARK: the rows the bookmarks name into the buffers. */
static SQLRETURN bulk_fetch(rs_stmt *s)
{
    SQLUSMALLINT *status = s->ird.array_status_ptr;
    SQLRETURN rc = SQL_SUCCESS;

    for (SQLULEN i = 0; i < s->ard->array_size; i++) {
        const rs_cell *row;
        size_t nc;
        long long bm;
        int got;
        SQLRETURN r;
        if (row_ignored(s, i))
            continue;
        bm = bound_bookmark(s, i);
        got = bm < 1 ? 0 : rs_stmt_row_at(s, bm, &row, &nc);
        if (got < 0)
            return SQL_ERROR;
        if (got == 0) {
            rs_diag_post_at(&s->h.diag, "HY111", (SQLLEN)i + 1, 0, "invalid bookmark value");
            r = SQL_ERROR;
        } else {
            r = rs_stmt_fill_row(s, row, nc, i, bm);
        }
        if (status)
            status[i] = r == SQL_ERROR ? SQL_ROW_ERROR : SQL_ROW_SUCCESS;
        rc = rs_rc_merge(rc, r == SQL_ERROR ? SQL_SUCCESS_WITH_INFO : r);
    }
    return rc;
}

SQLRETURN rs_stmt_bulk_operations(rs_stmt *s, SQLUSMALLINT op)
{
    SQLULEN n = s->ard->array_size;
    SQLSMALLINT idcol = 0;
    rs_docs_op dop;
    pos_write w;
    SQLRETURN rc;

    if (s->need_data)
        return rs_diag_post(&s->h.diag, "HY010", 0, "data at execution is in progress");
    if (!s->cursor_open)
        return rs_diag_post(&s->h.diag, "24000", 0, "no cursor is open");
    switch (op) {
    case SQL_ADD: dop = RS_DOCS_ADD; break;
    case SQL_UPDATE_BY_BOOKMARK: dop = RS_DOCS_PATCH; break;
    case SQL_DELETE_BY_BOOKMARK: dop = RS_DOCS_DELETE; break;
    case SQL_FETCH_BY_BOOKMARK: dop = RS_DOCS_ADD; break;
    default:
        return rs_diag_post(&s->h.diag, "HY092", 0, "invalid SQLBulkOperations operation %u",
                            op);
    }
    /* HY092: "the Operation argument was SQL_FETCH_BY_BOOKMARK, SQL_UPDATE_BY_BOOKMARK, or
     * SQL_DELETE_BY_BOOKMARK, and SQL_ATTR_USE_BOOKMARKS was set to SQL_UB_OFF" */
    if (op != SQL_ADD && (s->use_bookmarks == SQL_UB_OFF || !s->ard->bm.data_ptr))
        return rs_diag_post(&s->h.diag, "HY092", 0, "this operation reads the bookmarks bound "
                            "to column 0 (SQL_ATTR_USE_BOOKMARKS)");
    s->gd_col = 0;
    s->gd_offset = 0;
    s->gd_done = 0;
    if (op == SQL_FETCH_BY_BOOKMARK) {
        if (!s->scroll)
            return rs_diag_post(&s->h.diag, "HYC00", 0, "fetching by bookmark needs a "
                                "static cursor");
        s->pos_rows = -1;
        return bulk_fetch(s);
    }
    rc = pos_prepare(s, &w, dop, n, &idcol);
    for (SQLULEN i = 0; rc == SQL_SUCCESS && i < n; i++) {
        long long bm = op == SQL_ADD ? 0 : bound_bookmark(s, i);
        if (row_ignored(s, i))
            continue;
        if (op != SQL_ADD && bm < 1)
            rc = rs_diag_post_at(&s->h.diag, "HY111", (SQLLEN)i + 1, 0,
                                 "invalid bookmark value");
        else
            rc = pos_add_row(s, &w, i, bm, idcol);
    }
    if (rc == SQL_SUCCESS)
        rc = pos_send(s, &w);
    pos_free(&w);
    return rc;
}
