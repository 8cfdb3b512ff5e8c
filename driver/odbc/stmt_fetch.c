/* SPDX-License-Identifier: Apache-2.0 */
/* Fetching: SQLBindCol over the ARD, SQLFetch/SQLFetchScroll with block cursors (row- and
 * column-wise binding, bind offsets, row status, rows fetched), SQLGetData piecewise. */
#include "driver/odbc/stmt.h"
#include "driver/convert/convert.h"
#include "driver/client/log.h"

#include <stdlib.h>
#include <string.h>

SQLRETURN rs_stmt_bind_col(rs_stmt *s, SQLUSMALLINT col, SQLSMALLINT ctype, SQLPOINTER ptr,
                           SQLLEN buflen, SQLLEN *ind)
{
    rs_desc_rec *r;

    if (buflen < 0)
        return rs_diag_post(&s->h.diag, "HY090", 0, "negative buffer length");
    if (col == 0) {
        /* the bookmark column: "Column 0 is the bookmark column" (SQLBindCol) */
        if (s->use_bookmarks == SQL_UB_OFF && (ptr || ind))
            return rs_diag_post(&s->h.diag, "07009", 0,
                                "column 0 is the bookmark: set SQL_ATTR_USE_BOOKMARKS first");
        if (ptr && ctype != SQL_C_VARBOOKMARK && ctype != SQL_C_BOOKMARK &&
            ctype != SQL_C_ULONG && ctype != SQL_C_UBIGINT)
            return rs_diag_post(&s->h.diag, "HY003", 0,
                                "column 0 is bound as SQL_C_BOOKMARK or SQL_C_VARBOOKMARK");
        memset(&s->ard->bm, 0, sizeof s->ard->bm);
        s->ard->bm.concise_type = s->ard->bm.type = ctype;
        s->ard->bm.octet_length = buflen;
        s->ard->bm.data_ptr = ptr;
        s->ard->bm.indicator_ptr = s->ard->bm.octet_length_ptr = ind;
        return SQL_SUCCESS;
    }
    if (buflen < 0)
        return rs_diag_post(&s->h.diag, "HY090", 0, "negative buffer length");
    if (!ptr && !ind) {
        /* unbinding: drop trailing unbound records so SQL_DESC_COUNT stays right */
        r = rs_desc_rec_at(s->ard, (SQLSMALLINT)col, 0);
        if (r) {
            r->data_ptr = NULL;
            r->indicator_ptr = r->octet_length_ptr = NULL;
        }
        while (s->ard->count > 0) {
            rs_desc_rec *last = &s->ard->recs[s->ard->count];
            if (last->data_ptr || last->indicator_ptr || last->octet_length_ptr)
                break;
            rs_desc_set_count(s->ard, (SQLSMALLINT)(s->ard->count - 1));
        }
        return SQL_SUCCESS;
    }
    r = rs_desc_rec_at(s->ard, (SQLSMALLINT)col, 1);
    if (!r)
        return rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
    rs_desc_set_concise(r, ctype);
    if (!rs_desc_rec_consistent(s->ard, r) && ctype != SQL_C_NUMERIC)
        return rs_diag_post(&s->h.diag, "HY003", 0, "invalid C data type %d", ctype);
    if (ctype == SQL_C_NUMERIC) {
        r->precision = 38; /* driver-defined default; SQLSetDescField may change it */
        r->scale = 0;
    }
    r->octet_length = buflen;
    r->data_ptr = ptr;
    r->indicator_ptr = ind;
    r->octet_length_ptr = ind;
    return SQL_SUCCESS;
}

/* 1 with *row set, 0 at the end, -1 on error (posted). */
static int next_row(rs_stmt *s, const rs_cell **row)
{
    if (s->max_rows > 0 && (SQLULEN)s->rows_fetched >= s->max_rows)
        return 0;
    while (!s->page || s->page_pos >= s->page->nrows) {
        const rs_page *p = NULL;
        rs_error err;
        int r;
        if (!s->rs || s->eof)
            return 0;
        rs_error_clear(&err);
        if (rs_stmt_begin_request(s) != 0) {
            rs_error_set(&err, RS_ERR_CANCELLED, "the statement was cancelled");
            r = -1;
        } else {
            r = rs_rowsource_next(s->rs, &p, &err);
        }
        rs_stmt_end_request(s);
        if (r != 0)
            s->page = NULL; /* at the end the last page stays: its rows are the rowset's */
        if (r < 0) {
            s->eof = 1; /* the row source is not asked again after an error */
            rs_log(RS_LOG_ERROR, "fetch failed: %s", err.message);
            rs_conn_post_error(s->conn, &s->h.diag, &err);
            return -1;
        }
        if (r == 0) {
            s->eof = 1;
            return 0;
        }
        rs_log(RS_LOG_DEBUG, "fetch: page of %zu row(s)", p->nrows);
        if (s->rs->page_dropped) {
            /* A value whose key is no result column (a field first seen past the first page
             * of a query whose columns the server did not list): never dropped silently. */
            rs_diag_post(&s->h.diag, "01000", 0,
                         "%zu value(s) of this page belong to field '%s' (or others) that is "
                         "not a result column and were not returned; name the field in the "
                         "select list", s->rs->page_dropped, s->rs->dropped_key);
            s->dropped_warned = 1;
        }
        s->page = p;
        s->page_pos = 0;
    }
    *row = &s->page->cells[s->page_pos * s->page->ncols];
    s->page_pos++;
    s->rows_fetched++;
    return 1;
}

static SQLSMALLINT target_ctype(rs_stmt *s, SQLSMALLINT ctype, SQLUSMALLINT col)
{
    if (ctype == SQL_C_DEFAULT)
        return rs_types_default_c_type(s->ird.recs[col].concise_type);
    return ctype;
}

/* Hands a converted cell's length to the application's buffers (split when it bound the
 * length and the indicator separately) and posts the conversion's state. li is what the
 * conversion wrote as the length or SQL_NULL_DATA. */
static SQLRETURN finish_cell(rs_stmt *s, SQLRETURN rc, SQLLEN li, SQLLEN *ind, SQLLEN *olen,
                             const rs_conv_status *st, SQLUSMALLINT col, SQLLEN rowno)
{
    if (rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO) {
        if (li == SQL_NULL_DATA) {
            if (!ind)
                return rs_diag_post_at(&s->h.diag, "22002", rowno, col,
                                       "column %u is NULL and no indicator was bound", col);
            *ind = SQL_NULL_DATA;
        } else {
            if (olen)
                *olen = li;
            if (ind && ind != olen)
                *ind = 0;
        }
    }
    if (rc == SQL_ERROR || rc == SQL_SUCCESS_WITH_INFO)
        rs_diag_post_at(&s->h.diag, st->sqlstate[0] ? st->sqlstate : "HY000", rowno, col,
                        "column %u: %s", col, st->message);
    return rc;
}

/* Converts one cell into an application buffer by plan p (made for the column's SQL type and
 * this C type). */
static SQLRETURN convert_with(rs_stmt *s, const rs_conv_plan *p, const rs_cell *cell,
                              SQLUSMALLINT col, void *target, SQLLEN buflen, SQLLEN *ind,
                              SQLLEN *olen, size_t *offset, SQLLEN rowno)
{
    rs_conv_status st;
    SQLLEN li = 0;
    SQLRETURN rc;

    rc = rs_conv_plan_run(p, cell, target, buflen, ind || olen ? &li : NULL, offset, &st);
    return finish_cell(s, rc, li, ind, olen, &st, col, rowno);
}

/* The same with a plan made for this cell alone (SQLFetch when no plan could be kept). */
static SQLRETURN convert_cell(rs_stmt *s, const rs_cell *cell, SQLUSMALLINT col,
                              SQLSMALLINT ctype, void *target, SQLLEN buflen, SQLLEN *ind,
                              SQLLEN *olen, size_t *offset, SQLSMALLINT prec,
                              SQLSMALLINT scale, SQLLEN rowno)
{
    rs_conv_plan plan;

    rs_conv_plan_make(&plan, s->ird.recs[col].concise_type, target_ctype(s, ctype, col), prec,
                      scale);
    return convert_with(s, &plan, cell, col, target, buflen, ind, olen, offset, rowno);
}

/* SQLGetData's plan for column col read as ct (SQL_C_DEFAULT resolved): kept per column, as
 * an application reads a column the same way row after row; remade when the C type, the
 * ARD's precision/scale or the result's type of the column differs. tmp when no memory. */
static const rs_conv_plan *get_data_plan(rs_stmt *s, SQLUSMALLINT col, SQLSMALLINT ct,
                                         SQLSMALLINT prec, SQLSMALLINT scale,
                                         rs_conv_plan *tmp)
{
    SQLSMALLINT sql_type = s->ird.recs[col].concise_type;
    rs_conv_plan *p;

    if (s->gd_nplans < s->ird.count) {
        rs_conv_plan *np = realloc(s->gd_plans, (size_t)s->ird.count * sizeof *np);
        if (!np) {
            rs_conv_plan_make(tmp, sql_type, ct, prec, scale);
            return tmp;
        }
        /* c_type 0 (SQL_C_DEFAULT, never a resolved type) marks a plan not made yet */
        memset(np + s->gd_nplans, 0, (size_t)(s->ird.count - s->gd_nplans) * sizeof *np);
        s->gd_plans = np;
        s->gd_nplans = s->ird.count;
    }
    p = &s->gd_plans[col - 1];
    if (p->c_type != ct || p->sql_type != sql_type || p->precision != prec ||
        p->scale != scale)
        rs_conv_plan_make(p, sql_type, ct, prec, scale);
    return p;
}

/* ---- the fetch plan ----
 * What SQLFetch does for each bound column is fixed until the application changes the ARD
 * or a new result arrives: the C type (SQL_C_DEFAULT resolved), the conversion, the element
 * size and the strides of the data and length buffers. The plan keeps that, with the ARD
 * fields and IRD type it was made from; each fetch compares those (a few words a column,
 * once per rowset) and remakes the plan when any differs. Comparing the inputs rather than
 * hooking every setter catches each way an ARD changes (SQLBindCol, SQLSetDescField/Rec,
 * SQLCopyDesc, SQL_ATTR_APP_ROW_DESC, SQL_ATTR_ROW_BIND_TYPE, SQLFreeStmt(SQL_UNBIND)) and
 * each new result (an execute, a column added after the first page). The bind offset is not
 * part of it: its value is read at each row. */
typedef struct rs_fetch_col {
    /* what the plan was made from */
    SQLSMALLINT ard_type, ird_type, precision, scale;
    SQLLEN buflen;
    SQLPOINTER data;
    SQLLEN *ind, *olen;
    /* the plan */
    int bound;
    rs_conv_plan conv;
    SQLLEN data_stride, ind_stride;
} rs_fetch_col;

struct rs_fetch_plan {
    const rs_desc *ard;
    SQLINTEGER bind_type;
    SQLSMALLINT ncols, cap;
    rs_fetch_col cols[]; /* cols[c - 1]: column c */
};

static int plan_col_same(const rs_fetch_col *fc, const rs_desc_rec *r, SQLSMALLINT ird_type)
{
    return fc->ard_type == r->concise_type && fc->ird_type == ird_type &&
           fc->data == r->data_ptr && fc->ind == r->indicator_ptr &&
           fc->olen == r->octet_length_ptr && fc->buflen == r->octet_length &&
           fc->precision == r->precision && fc->scale == r->scale;
}

static void plan_col_make(rs_stmt *s, rs_fetch_col *fc, const rs_desc_rec *r, SQLSMALLINT c)
{
    const rs_desc *ard = s->ard;
    SQLSMALLINT ird_type = s->ird.recs[c].concise_type, ct;
    SQLLEN esz;

    fc->ard_type = r->concise_type;
    fc->ird_type = ird_type;
    fc->precision = r->precision;
    fc->scale = r->scale;
    fc->buflen = r->octet_length;
    fc->data = r->data_ptr;
    fc->ind = r->indicator_ptr;
    fc->olen = r->octet_length_ptr;
    fc->bound = r->data_ptr || r->indicator_ptr || r->octet_length_ptr;
    ct = target_ctype(s, r->concise_type, (SQLUSMALLINT)c);
    esz = rs_c_type_size(ct);
    if (esz == 0)
        esz = r->octet_length;
    fc->data_stride = ard->bind_type == SQL_BIND_BY_COLUMN ? esz : (SQLLEN)ard->bind_type;
    fc->ind_stride = ard->bind_type == SQL_BIND_BY_COLUMN ? (SQLLEN)sizeof(SQLLEN)
                                                          : (SQLLEN)ard->bind_type;
    rs_conv_plan_make(&fc->conv, ird_type, ct, r->precision, r->scale);
}

const rs_fetch_plan *rs_stmt_fetch_plan(rs_stmt *s)
{
    const rs_desc *ard = s->ard;
    rs_fetch_plan *pl = s->fetch_plan;
    SQLSMALLINT n = ard->count < s->ird.count ? ard->count : s->ird.count, c;

    if (n < 0)
        n = 0;
    if (pl && pl->ard == ard && pl->bind_type == ard->bind_type && pl->ncols == n) {
        for (c = 1; c <= n; c++)
            if (!plan_col_same(&pl->cols[c - 1], &ard->recs[c], s->ird.recs[c].concise_type))
                break;
        if (c > n)
            return pl;
    }
    if (!pl || pl->cap < n) {
        rs_fetch_plan *np = realloc(pl, sizeof *pl + (size_t)n * sizeof pl->cols[0]);
        if (!np)
            return NULL; /* the general path needs no memory */
        pl = s->fetch_plan = np;
        pl->cap = n;
    }
    pl->ard = ard;
    pl->bind_type = ard->bind_type;
    pl->ncols = n;
    for (c = 1; c <= n; c++)
        plan_col_make(s, &pl->cols[c - 1], &ard->recs[c], c);
    return pl;
}

void rs_stmt_fetch_plan_free(rs_stmt *s)
{
    free(s->fetch_plan);
    s->fetch_plan = NULL;
    free(s->gd_plans);
    s->gd_plans = NULL;
    s->gd_nplans = 0;
}

/* The bound bookmark column (column 0) of rowset row i. */
static SQLRETURN fill_bookmark(rs_stmt *s, SQLULEN i, long long rowno)
{
    rs_desc *ard = s->ard;
    rs_desc_rec *r = &ard->bm;
    SQLLEN esz = rs_c_type_size(r->concise_type);

    if (!r->data_ptr && !r->indicator_ptr)
        return SQL_SUCCESS;
    return rs_stmt_put_bookmark(s, rowno, r->concise_type,
                                rs_bound_addr(ard, r->data_ptr, esz ? esz : r->octet_length, i),
                                r->octet_length,
                                (SQLLEN *)rs_bound_addr(ard, r->indicator_ptr, sizeof(SQLLEN), i),
                                (SQLLEN)i + 1);
}

/* The general path of one rowset row: each bound column's types, sizes and addresses are
 * worked out again for the cell (used when no plan could be allocated). */
static SQLRETURN fill_row_general(rs_stmt *s, const rs_cell *row, SQLSMALLINT ncols,
                                  SQLULEN i)
{
    SQLRETURN rc = SQL_SUCCESS;
    rs_desc *ard = s->ard;

    for (SQLSMALLINT c = 1; c <= ard->count && c <= ncols; c++) {
        rs_desc_rec *r = &ard->recs[c];
        SQLSMALLINT ct;
        SQLLEN esz;
        if (!r->data_ptr && !r->indicator_ptr && !r->octet_length_ptr)
            continue;
        ct = target_ctype(s, r->concise_type, (SQLUSMALLINT)c);
        esz = rs_c_type_size(ct);
        if (esz == 0)
            esz = r->octet_length;
        rc = rs_rc_merge(rc, convert_cell(
            s, &row[c - 1], (SQLUSMALLINT)c, r->concise_type,
            rs_bound_addr(ard, r->data_ptr, esz, i), r->octet_length,
            (SQLLEN *)rs_bound_addr(ard, r->indicator_ptr, sizeof(SQLLEN), i),
            (SQLLEN *)rs_bound_addr(ard, r->octet_length_ptr, sizeof(SQLLEN), i), NULL,
            r->precision, r->scale, (SQLLEN)i + 1));
    }
    return rc;
}

/* Rowset row i by the plan: per cell, the addresses are base + offset + i * stride and the
 * conversion is the one planned for the column. The bind offset is read here, at fetch
 * time: the application may change the value it points to between fetches. */
static SQLRETURN fill_row_planned(rs_stmt *s, const rs_fetch_plan *pl, const rs_cell *row,
                                  SQLSMALLINT ncols, SQLULEN i)
{
    SQLRETURN rc = SQL_SUCCESS;
    SQLLEN off = s->ard->bind_offset_ptr ? *s->ard->bind_offset_ptr : 0;
    SQLSMALLINT n = pl->ncols < ncols ? pl->ncols : ncols;

    for (SQLSMALLINT c = 1; c <= n; c++) {
        const rs_fetch_col *fc = &pl->cols[c - 1];
        rs_conv_status st; /* written by the conversion only when it is not a plain success */
        SQLLEN li = 0, *ind, *olen;
        char *target;
        SQLRETURN r;
        if (!fc->bound)
            continue;
        target = fc->data ? (char *)fc->data + off + (SQLLEN)i * fc->data_stride : NULL;
        ind = fc->ind ? (SQLLEN *)((char *)fc->ind + off + (SQLLEN)i * fc->ind_stride) : NULL;
        olen = fc->olen ? (SQLLEN *)((char *)fc->olen + off + (SQLLEN)i * fc->ind_stride)
                        : NULL;
        r = rs_conv_plan_run(&fc->conv, &row[c - 1], target, fc->buflen,
                             ind || olen ? &li : NULL, NULL, &st);
        if (r == SQL_SUCCESS && li != SQL_NULL_DATA) {
            /* the common case, without a call */
            if (olen)
                *olen = li;
            if (ind && ind != olen)
                *ind = 0;
            continue;
        }
        rc = rs_rc_merge(rc, finish_cell(s, r, li, ind, olen, &st, (SQLUSMALLINT)c,
                                         (SQLLEN)i + 1));
    }
    return rc;
}

static SQLRETURN fill_row(rs_stmt *s, const rs_fetch_plan *pl, const rs_cell *row,
                          size_t page_ncols, SQLULEN i, long long rowno)
{
    SQLRETURN rc = SQL_SUCCESS;
    /* a page never has fewer cells per row than described, but do not trust it blindly */
    SQLSMALLINT ncols = page_ncols < (size_t)s->ird.count ? (SQLSMALLINT)page_ncols
                                                           : s->ird.count;

    if (s->retrieve_data == SQL_RD_OFF)
        return SQL_SUCCESS;
    if (s->use_bookmarks != SQL_UB_OFF)
        rc = fill_bookmark(s, i, rowno);
    return rs_rc_merge(rc, pl ? fill_row_planned(s, pl, row, ncols, i)
                              : fill_row_general(s, row, ncols, i));
}

SQLRETURN rs_stmt_fill_row(rs_stmt *s, const rs_cell *row, size_t page_ncols, SQLULEN i,
                           long long rowno)
{
    return fill_row(s, rs_stmt_fetch_plan(s), row, page_ncols, i, rowno);
}

SQLRETURN rs_stmt_fetch(rs_stmt *s, SQLSMALLINT orientation, SQLLEN offset)
{
    SQLULEN rowset = s->ard->array_size, n = 0, errors = 0;
    SQLUSMALLINT *status = s->ird.array_status_ptr;
    SQLRETURN rc = SQL_SUCCESS;
    const rs_fetch_plan *plan;
    int failed = 0;

    if (s->need_data)
        return rs_diag_post(&s->h.diag, "HY010", 0, "data at execution is in progress");
    if (!s->cursor_open)
        return s->executed ? rs_diag_post(&s->h.diag, "24000", 0, "the statement has no result set")
                           : rs_diag_post(&s->h.diag, "HY010", 0, "the statement was not executed");
    if (orientation != SQL_FETCH_NEXT && !s->scroll)
        return rs_diag_post(&s->h.diag, "HY106", 0,
                            "the cursor is forward-only: only SQL_FETCH_NEXT (set "
                            "SQL_ATTR_CURSOR_TYPE to SQL_CURSOR_STATIC to scroll)");
    s->cur_row = NULL;
    s->gd_col = 0;
    s->gd_offset = 0;
    s->gd_done = 0;
    if (s->scroll)
        return rs_stmt_scroll_fetch(s, orientation, offset, 0);
    plan = rs_stmt_fetch_plan(s); /* checked once per rowset, not per row */
    s->sc_rows = 0;
    s->sc_setpos = 1;
    s->pos_rows = -1;
    for (; n < rowset; n++) {
        const rs_cell *row = NULL;
        SQLRETURN r;
        int got = next_row(s, &row);
        if (got < 0) {
            failed = 1;
            break;
        }
        if (got == 0)
            break;
        r = fill_row(s, plan, row, s->page ? s->page->ncols : 0, n, s->rows_fetched);
        if (status)
            status[n] = r == SQL_ERROR ? SQL_ROW_ERROR
                        : r == SQL_SUCCESS_WITH_INFO ? SQL_ROW_SUCCESS_WITH_INFO : SQL_ROW_SUCCESS;
        if (r == SQL_ERROR)
            errors++;
        else
            rc = rs_rc_merge(rc, r);
        s->cur_row = row;
        s->sc_rows = n + 1;
    }
    if (s->ird.rows_processed_ptr)
        *s->ird.rows_processed_ptr = n;
    for (SQLULEN i = n; status && i < rowset; i++)
        status[i] = failed && i == n ? SQL_ROW_ERROR : SQL_ROW_NOROW;
    if (failed)
        return n > 0 ? SQL_SUCCESS_WITH_INFO : SQL_ERROR;
    if (s->dropped_warned) {
        s->dropped_warned = 0;
        rc = rs_rc_merge(rc, SQL_SUCCESS_WITH_INFO);
    }
    if (n == 0)
        return SQL_NO_DATA;
    if (errors == n)
        return SQL_ERROR;
    if (errors > 0)
        return SQL_SUCCESS_WITH_INFO;
    return rc;
}

SQLRETURN rs_stmt_get_data(rs_stmt *s, SQLUSMALLINT col, SQLSMALLINT ctype, SQLPOINTER ptr,
                           SQLLEN buflen, SQLLEN *ind)
{
    SQLSMALLINT ct = ctype, prec = 38, scale = 0;
    const rs_conv_plan *plan;
    rs_conv_plan tmp;
    const rs_cell *cur = NULL;
    size_t ncols = 0;
    long long rowno = 0;
    SQLRETURN rc;

    if (s->need_data)
        return rs_diag_post(&s->h.diag, "HY010", 0, "data at execution is in progress");
    if (!s->cursor_open)
        return rs_diag_post(&s->h.diag, s->executed ? "24000" : "HY010", 0, "no cursor is open");
    if (s->sc_rows == 0)
        return rs_diag_post(&s->h.diag, "24000", 0, "no current row: call SQLFetch first");
    if (buflen < 0)
        return rs_diag_post(&s->h.diag, "HY090", 0, "negative buffer length");
    /* SQL_GD_BLOCK: the row of the rowset SQLSetPos chose (the first after a fetch) */
    if ((rc = rs_stmt_current_row(s, &cur, &ncols, &rowno)) != SQL_SUCCESS)
        return rc;
    if (col == 0) {
        if (s->gd_col == 0 && s->gd_done)
            return SQL_NO_DATA;
        rc = rs_stmt_put_bookmark(s, rowno, ctype == SQL_C_DEFAULT ? SQL_C_VARBOOKMARK : ctype,
                                  ptr, buflen, ind, 1);
        s->gd_col = 0;
        s->gd_done = rc != SQL_ERROR;
        return rc;
    }
    if (col > (SQLUSMALLINT)s->ird.count || col > ncols)
        return rs_diag_post(&s->h.diag, "07009", 0, "column %u does not exist", col);
    if (ct == SQL_ARD_TYPE) {
        rs_desc_rec *r = rs_desc_rec_at(s->ard, (SQLSMALLINT)col, 0);
        if (!r)
            return rs_diag_post(&s->h.diag, "07009", 0, "no ARD record for column %u", col);
        ct = r->concise_type;
        prec = r->precision;
        scale = r->scale;
    }
    if (col != s->gd_col) {
        s->gd_col = col;
        s->gd_offset = 0;
        s->gd_done = 0;
    }
    if (s->gd_done)
        return SQL_NO_DATA;
    ct = target_ctype(s, ct, col);
    plan = get_data_plan(s, col, ct, prec, scale, &tmp);
    if (ct == SQL_C_CHAR || ct == SQL_C_WCHAR || ct == SQL_C_BINARY) {
        rc = convert_with(s, plan, &cur[col - 1], col, ptr, buflen, ind, ind, &s->gd_offset, 1);
        if (rc == SQL_SUCCESS)
            s->gd_done = 1;
    } else {
        rc = convert_with(s, plan, &cur[col - 1], col, ptr, buflen, ind, ind, NULL, 1);
        if (rc != SQL_ERROR)
            s->gd_done = 1;
    }
    return rc;
}
