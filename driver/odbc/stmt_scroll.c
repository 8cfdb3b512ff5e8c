/* SPDX-License-Identifier: Apache-2.0 */
/* Static cursors: SQLFetchScroll in every orientation, bookmarks, SQLSetPos (SQL_POSITION,
 * SQL_REFRESH), SQLExtendedFetch, and the row SQLGetData reads in a block. Rows are read by
 * position from the row source (rs_rowsource_page_at), which keeps only a few pages: the
 * statement never holds the result. Writes through the cursor are stmt_setpos.c. Positions follow the "Cursor positioning rules" table
 * of SQLFetchScroll in the ODBC reference; CurrRowsetStart is sc_start, LastResultRow the
 * row count (capped by SQL_ATTR_MAX_ROWS). */
#include "driver/odbc/stmt.h"
#include "driver/client/log.h"

#include <stdint.h>
#include <string.h>

/* Row n (1-based) of the result: 1 with *row and *ncols set, 0 when there is no such row,
 * -1 with the error posted. The row stays valid until the next call. */
static int scroll_row(rs_stmt *s, long long n, const rs_cell **row, size_t *ncols)
{
    const rs_page *p = NULL;
    long long first = 0;
    rs_error err;
    int r;

    if (n < 1 || (s->max_rows > 0 && (SQLULEN)n > s->max_rows))
        return 0;
    rs_error_clear(&err);
    if (rs_stmt_begin_request(s) != 0) {
        rs_error_set(&err, RS_ERR_CANCELLED, "the statement was cancelled");
        r = -1;
    } else {
        r = rs_rowsource_page_at(s->rs, n - 1, &p, &first, &err);
    }
    rs_stmt_end_request(s);
    if (r < 0) {
        rs_log(RS_LOG_ERROR, "fetch failed: %s", err.message);
        rs_conn_post_error(s->conn, &s->h.diag, &err);
        return -1;
    }
    if (r == 0)
        return 0;
    *row = &p->cells[(size_t)(n - 1 - first) * p->ncols];
    *ncols = p->ncols;
    return 1;
}

/* LastResultRow: the exact count, learnt from the server when the first answer lacked it. */
SQLRETURN rs_stmt_scroll_count(rs_stmt *s, long long *n)
{
    rs_error err;
    int r;

    rs_error_clear(&err);
    if (rs_stmt_begin_request(s) != 0) {
        rs_error_set(&err, RS_ERR_CANCELLED, "the statement was cancelled");
        r = -1;
    } else {
        r = rs_rowsource_count(s->rs, &err);
    }
    rs_stmt_end_request(s);
    if (r != 0)
        return rs_conn_post_error(s->conn, &s->h.diag, &err);
    *n = s->rs->total_rows;
    if (s->max_rows > 0 && (SQLULEN)*n > s->max_rows)
        *n = (long long)s->max_rows;
    return SQL_SUCCESS;
}

/* SQL_DIAG_CURSOR_ROW_COUNT. A static cursor's is exact (SQL_CA2_CRC_EXACT, which
 * LibreOffice requires before it lets the driver scroll: without it, it walks the result
 * with SQL_FETCH_NEXT and moves back by bookmarks it only keeps when the application turned
 * them on), counted on first use like SQLRowCount's. It is read by SQLGetDiagField, which
 * must leave the diagnostics it reads alone: a failed count posts nothing and reads -1. */
SQLLEN rs_stmt_cursor_row_count(rs_stmt *s)
{
    rs_error err;
    int r = 0;

    if (!s->rs)
        return s->cursor_open ? -1 : 0;
    if (s->scroll && s->rs->total_rows < 0) {
        rs_error_clear(&err);
        if (rs_stmt_begin_request(s) != 0)
            r = -1;
        else
            r = rs_rowsource_count(s->rs, &err);
        rs_stmt_end_request(s);
        if (r != 0) {
            rs_log(RS_LOG_WARN, "cursor row count: %s", err.message);
            return -1;
        }
    }
    if (s->rs->total_rows < 0)
        return -1;
    if (s->max_rows > 0 && (SQLULEN)s->rs->total_rows > s->max_rows)
        return (SQLLEN)s->max_rows;
    return (SQLLEN)s->rs->total_rows;
}

/* The bookmark a SQL_FETCH_BOOKMARK starts from: SQL_ATTR_FETCH_BOOKMARK_PTR points at a
 * variable-length bookmark (8 bytes, the row number) with SQL_UB_VARIABLE, at a 32-bit one
 * with SQL_UB_ON (ODBC 2's fixed-length bookmarks). */
static long long bookmark_row(rs_stmt *s)
{
    if (!s->fetch_bm_ptr)
        return 0;
    if (s->use_bookmarks == SQL_UB_VARIABLE) {
        int64_t v;
        memcpy(&v, s->fetch_bm_ptr, sizeof v);
        return (long long)v;
    }
    SQLUINTEGER u;
    memcpy(&u, s->fetch_bm_ptr, sizeof u);
    return (long long)u;
}

/* A bookmark is valid when its row exists (HY111 "Invalid bookmark value" otherwise). */
static SQLRETURN check_bookmark(rs_stmt *s, long long bm)
{
    const rs_cell *row;
    size_t nc;
    int got = bm < 1 ? 0 : scroll_row(s, bm, &row, &nc);

    if (got < 0)
        return SQL_ERROR;
    if (got == 0)
        return rs_diag_post(&s->h.diag, "HY111", 0, "invalid bookmark value");
    return SQL_SUCCESS;
}

/* "Cursor positioning rules" of SQLFetchScroll: the new CurrRowsetStart into *start
 * (RS_SC_BEFORE / RS_SC_AFTER outside the result, else a row that may not exist: the caller
 * finds out), *warn set for 01S06. Returns SQL_SUCCESS or an error posted. */
static SQLRETURN scroll_target(rs_stmt *s, SQLSMALLINT o, SQLLEN off, long long bm,
                               long long *start, int *warn)
{
    long long cur = s->sc_start, r = (long long)s->ard->array_size, n = 0;
    long long prev = s->sc_prev_size ? (long long)s->sc_prev_size : r;
    SQLRETURN rc;

    /* below, "(*warn = 1)" is row 1 with 01S06, the table's footnote "returns SQLSTATE
     * 01S06 (Attempt to fetch before the result set returned the first rowset)" */
    *warn = 0;
    if (o == SQL_FETCH_RELATIVE && ((cur == RS_SC_BEFORE && off > 0) ||
                                    (cur == RS_SC_AFTER && off < 0)))
        o = SQL_FETCH_ABSOLUTE; /* "the same rowset as SQL_FETCH_ABSOLUTE" */
    if (o == SQL_FETCH_LAST || (o == SQL_FETCH_ABSOLUTE && off < 0) ||
        (o == SQL_FETCH_PRIOR && cur == RS_SC_AFTER)) {
        if ((rc = rs_stmt_scroll_count(s, &n)) != SQL_SUCCESS)
            return rc;
    }
    switch (o) {
    case SQL_FETCH_NEXT:
        *start = cur == RS_SC_BEFORE ? 1 : cur == RS_SC_AFTER ? RS_SC_AFTER : cur + prev;
        break;
    case SQL_FETCH_PRIOR:
        if (cur == RS_SC_BEFORE || cur == 1)
            *start = RS_SC_BEFORE;
        else if (cur == RS_SC_AFTER)
            *start = n < r ? (*warn = 1) : n - r + 1;
        else
            *start = cur <= r ? (*warn = 1) : cur - r;
        break;
    case SQL_FETCH_RELATIVE:
        if (cur == RS_SC_BEFORE || cur == RS_SC_AFTER)
            *start = cur; /* offset <= 0 before the start, >= 0 after the end */
        else if (cur + off < 1)
            *start = cur == 1 || -(long long)off > r ? RS_SC_BEFORE : (*warn = 1);
        else
            *start = cur + off;
        break;
    case SQL_FETCH_ABSOLUTE:
        if (off == 0)
            *start = RS_SC_BEFORE;
        else if (off > 0)
            *start = off;
        else if (-(long long)off <= n)
            *start = n + off + 1;
        else
            *start = -(long long)off > r ? RS_SC_BEFORE : (*warn = 1);
        break;
    case SQL_FETCH_FIRST:
        *start = 1;
        break;
    case SQL_FETCH_LAST:
        *start = n == 0 ? RS_SC_AFTER : r <= n ? n - r + 1 : 1;
        break;
    case SQL_FETCH_BOOKMARK:
        if (s->use_bookmarks == SQL_UB_OFF)
            return rs_diag_post(&s->h.diag, "HY106", 0,
                                "SQL_FETCH_BOOKMARK needs SQL_ATTR_USE_BOOKMARKS on");
        if (bm == 0)
            bm = bookmark_row(s);
        if ((rc = check_bookmark(s, bm)) != SQL_SUCCESS)
            return rc;
        *start = bm + off < 1 ? RS_SC_BEFORE : bm + off;
        break;
    default:
        return rs_diag_post(&s->h.diag, "HY106", 0, "fetch orientation %d is out of range", o);
    }
    return SQL_SUCCESS;
}

/* Fills the rowset that starts at row start; *n rows were there. SQL_ERROR when a row could
 * not be read (posted), else the merged conversion result. */
static SQLRETURN scroll_fill(rs_stmt *s, long long start, SQLULEN *n, SQLULEN *errors)
{
    SQLULEN rowset = s->ard->array_size;
    SQLUSMALLINT *status = s->ird.array_status_ptr;
    SQLRETURN rc = SQL_SUCCESS;

    *n = 0;
    *errors = 0;
    for (SQLULEN i = 0; i < rowset; i++) {
        const rs_cell *row = NULL;
        size_t nc = 0;
        int got = scroll_row(s, start + (long long)i, &row, &nc);
        SQLRETURN r;
        if (got < 0) {
            if (status)
                status[i] = SQL_ROW_ERROR;
            for (SQLULEN k = i + 1; status && k < rowset; k++)
                status[k] = SQL_ROW_NOROW;
            return SQL_ERROR;
        }
        if (got == 0) {
            for (SQLULEN k = i; status && k < rowset; k++)
                status[k] = SQL_ROW_NOROW;
            break;
        }
        r = rs_stmt_fill_row(s, row, nc, i, start + (long long)i);
        if (status)
            status[i] = r == SQL_ERROR ? SQL_ROW_ERROR
                        : r == SQL_SUCCESS_WITH_INFO ? SQL_ROW_SUCCESS_WITH_INFO : SQL_ROW_SUCCESS;
        if (r == SQL_ERROR)
            (*errors)++;
        else
            rc = rs_rc_merge(rc, r);
        (*n)++;
    }
    return rc;
}

static SQLRETURN scroll_no_data(rs_stmt *s, long long where)
{
    SQLUSMALLINT *status = s->ird.array_status_ptr;

    s->sc_start = where;
    s->sc_rows = 0;
    if (s->ird.rows_processed_ptr)
        *s->ird.rows_processed_ptr = 0;
    for (SQLULEN i = 0; status && i < s->ard->array_size; i++)
        status[i] = SQL_ROW_NOROW;
    return SQL_NO_DATA;
}

SQLRETURN rs_stmt_scroll_fetch(rs_stmt *s, SQLSMALLINT orientation, SQLLEN offset,
                               long long bookmark)
{
    long long start = 0;
    SQLULEN n = 0, errors = 0;
    SQLRETURN rc;
    int warn = 0;

    rc = scroll_target(s, orientation, offset, bookmark, &start, &warn);
    if (rc != SQL_SUCCESS)
        return rc;
    s->sc_prev_size = s->ard->array_size;
    s->sc_setpos = 1;
    s->pos_rows = -1;
    if (start == RS_SC_BEFORE || start == RS_SC_AFTER)
        return scroll_no_data(s, start);
    rc = scroll_fill(s, start, &n, &errors);
    if (s->ird.rows_processed_ptr)
        *s->ird.rows_processed_ptr = n;
    if (rc == SQL_ERROR && n == 0 && errors == 0) {
        s->sc_rows = 0;
        return SQL_ERROR; /* the first row could not be read: the position is unchanged */
    }
    if (n == 0)
        return scroll_no_data(s, RS_SC_AFTER); /* the first row of the rowset is past the end */
    s->sc_start = start;
    s->sc_rows = n;
    if (rc == SQL_ERROR && errors == 0)
        return SQL_SUCCESS_WITH_INFO; /* a later row failed: the rows before it are there */
    if (warn)
        rc = rs_rc_merge(rc, rs_diag_post(&s->h.diag, "01S06", 0,
                                          "attempt to fetch before the result set returned "
                                          "the first rowset"));
    if (errors == n)
        return SQL_ERROR;
    return errors > 0 ? SQL_SUCCESS_WITH_INFO : rc;
}

/* Forward-only: the rowset's rows were read one after the other and only the last page is
 * still held, so row k of the rowset is readable when it lies on that page. */
static SQLRETURN forward_row(rs_stmt *s, SQLULEN k, const rs_cell **row, size_t *ncols)
{
    size_t back = (size_t)(s->sc_rows - k) + 1; /* 1 for the last row read */

    if (!s->page || back > s->page_pos)
        return rs_diag_post(&s->h.diag, "HY109", 0,
                            "row %lu of the rowset is on a page a forward-only cursor has "
                            "released: use a static cursor (SQL_ATTR_CURSOR_TYPE) to read any "
                            "row of a block", (unsigned long)k);
    *row = &s->page->cells[(s->page_pos - back) * s->page->ncols];
    *ncols = s->page->ncols;
    return SQL_SUCCESS;
}

SQLRETURN rs_stmt_current_row(rs_stmt *s, const rs_cell **row, size_t *ncols, long long *rowno)
{
    SQLULEN k = s->sc_setpos ? s->sc_setpos : 1;
    int got;

    if (!s->scroll) {
        if (s->sc_rows == 0 || k > s->sc_rows)
            return rs_diag_post(&s->h.diag, "24000", 0, "no current row: call SQLFetch first");
        *rowno = s->rows_fetched - (long long)(s->sc_rows - k);
        return forward_row(s, k, row, ncols);
    }
    if (s->sc_start < 1 || s->sc_rows == 0 || k > s->sc_rows)
        return rs_diag_post(&s->h.diag, "24000", 0, "the cursor is not positioned on a row");
    *rowno = s->sc_start + (long long)k - 1;
    got = scroll_row(s, *rowno, row, ncols);
    if (got < 0)
        return SQL_ERROR;
    if (got == 0)
        return rs_diag_post(&s->h.diag, "HY109", 0, "the current row no longer exists");
    return SQL_SUCCESS;
}

/* SQL_REFRESH: "refreshes the data in the rowset buffers" from the (static, insensitive)
 * result, for row `which` or, with 0, every row of the rowset. */
static SQLRETURN set_pos_refresh(rs_stmt *s, SQLULEN which)
{
    SQLUSMALLINT *status = s->ird.array_status_ptr;
    SQLRETURN rc = SQL_SUCCESS;

    for (SQLULEN k = which ? which : 1; k <= (which ? which : s->sc_rows); k++) {
        const rs_cell *row;
        size_t nc;
        long long rowno;
        SQLRETURN r;
        s->sc_setpos = k;
        if ((r = rs_stmt_current_row(s, &row, &nc, &rowno)) != SQL_SUCCESS)
            return r;
        r = rs_stmt_fill_row(s, row, nc, k - 1, rowno);
        if (status)
            status[k - 1] = r == SQL_ERROR ? SQL_ROW_ERROR
                            : r == SQL_SUCCESS_WITH_INFO ? SQL_ROW_SUCCESS_WITH_INFO
                            : SQL_ROW_SUCCESS;
        rc = rs_rc_merge(rc, r == SQL_ERROR ? SQL_SUCCESS_WITH_INFO : r);
    }
    s->sc_setpos = which ? which : 1;
    return rc;
}

int rs_stmt_row_at(rs_stmt *s, long long n, const rs_cell **row, size_t *ncols)
{
    return scroll_row(s, n, row, ncols);
}

SQLRETURN rs_stmt_set_pos(rs_stmt *s, SQLSETPOSIROW row, SQLUSMALLINT op, SQLUSMALLINT lock)
{
    if (s->need_data)
        return rs_diag_post(&s->h.diag, "HY010", 0, "data at execution is in progress");
    if (!s->cursor_open)
        return rs_diag_post(&s->h.diag, "24000", 0, "no cursor is open");
    if (op != SQL_POSITION && op != SQL_REFRESH && op != SQL_UPDATE && op != SQL_DELETE &&
        op != SQL_ADD)
        return rs_diag_post(&s->h.diag, "HY092", 0, "invalid SQLSetPos operation %u", op);
    if (lock != SQL_LOCK_NO_CHANGE)
        return rs_diag_post(&s->h.diag, "HYC00", 0, "row locks are not supported: the "
                            "result is a snapshot (use SQL_LOCK_NO_CHANGE)");
    if (s->sc_rows == 0 && op != SQL_ADD)
        return rs_diag_post(&s->h.diag, "24000", 0, "the cursor is not positioned on a rowset");
    /* SQL_ADD: "RowNumber ... can be up to the rowset size", the rows of the buffers */
    if (row > (op == SQL_ADD ? s->ard->array_size : s->sc_rows))
        return rs_diag_post(&s->h.diag, "HY107", 0, "row %lu is not in the rowset of %lu",
                            (unsigned long)row, (unsigned long)s->sc_rows);
    s->gd_col = 0;
    s->gd_offset = 0;
    s->gd_done = 0;
    if (op == SQL_UPDATE || op == SQL_DELETE || op == SQL_ADD)
        return rs_stmt_set_pos_write(s, row, op);
    s->pos_rows = -1;
    if (op == SQL_REFRESH)
        return set_pos_refresh(s, row);
    if (row == 0)
        return rs_diag_post(&s->h.diag, "HY109", 0, "SQL_POSITION needs a row of the rowset");
    s->sc_setpos = row;
    return SQL_SUCCESS;
}

SQLRETURN rs_stmt_extended_fetch(rs_stmt *s, SQLUSMALLINT orientation, SQLLEN offset,
                                 SQLULEN *rows, SQLUSMALLINT *status)
{
    SQLUSMALLINT *save_status = s->ird.array_status_ptr;
    SQLULEN *save_rows = s->ird.rows_processed_ptr, save_size = s->ard->array_size;
    SQLRETURN rc;

    /* "SQLExtendedFetch ... returns the number of rows fetched in pcRow and the status of each
     * row in rgfRowStatus": its arguments, not the statement attributes. For
     * SQL_FETCH_BOOKMARK irow is the bookmark itself. */
    s->ird.array_status_ptr = status;
    s->ird.rows_processed_ptr = rows;
    s->ard->array_size = s->rowset_size;     /* its rowset is SQL_ROWSET_SIZE's */
    if (orientation == SQL_FETCH_BOOKMARK && s->scroll)
        rc = s->use_bookmarks == SQL_UB_OFF
                 ? rs_diag_post(&s->h.diag, "HY106", 0,
                                "SQL_FETCH_BOOKMARK needs SQL_ATTR_USE_BOOKMARKS on")
                 : offset < 1 ? rs_diag_post(&s->h.diag, "HY111", 0, "invalid bookmark value")
                              : rs_stmt_scroll_fetch(s, SQL_FETCH_BOOKMARK, 0, offset);
    else
        rc = rs_stmt_fetch(s, (SQLSMALLINT)orientation, offset);
    s->ird.array_status_ptr = save_status;
    s->ird.rows_processed_ptr = save_rows;
    s->ard->array_size = save_size;
    return rc;
}

SQLRETURN rs_stmt_put_bookmark(rs_stmt *s, long long rowno, SQLSMALLINT ctype, void *target,
                               SQLLEN buflen, SQLLEN *ind, SQLLEN rowno_diag)
{
    if (s->use_bookmarks == SQL_UB_OFF)
        return rs_diag_post_at(&s->h.diag, "07009", rowno_diag, 0,
                               "bookmarks are off (SQL_ATTR_USE_BOOKMARKS)");
    if (ctype == SQL_C_VARBOOKMARK) {
        /* variable-length bookmark: the 64-bit row number */
        int64_t v = (int64_t)rowno;
        if (ind)
            *ind = (SQLLEN)sizeof v;
        if (target && buflen < (SQLLEN)sizeof v)
            return rs_diag_post_at(&s->h.diag, "22001", rowno_diag, 0,
                                   "a bookmark needs an 8-byte buffer");
        if (target)
            memcpy(target, &v, sizeof v);
        return SQL_SUCCESS;
    }
    if (ctype == SQL_C_ULONG || ctype == SQL_C_SLONG || ctype == SQL_C_LONG) {
        SQLUINTEGER v = (SQLUINTEGER)rowno;
        if (rowno > (long long)UINT32_MAX)
            return rs_diag_post_at(&s->h.diag, "22003", rowno_diag, 0, "row %lld has no "
                                   "32-bit bookmark: use SQL_UB_VARIABLE", rowno);
        if (target)
            memcpy(target, &v, sizeof v);
    } else if (ctype == SQL_C_UBIGINT || ctype == SQL_C_SBIGINT) {
        SQLUBIGINT v = (SQLUBIGINT)rowno;
        if (target)
            memcpy(target, &v, sizeof v);
    } else {
        return rs_diag_post_at(&s->h.diag, "HY003", rowno_diag, 0,
                               "a bookmark is read as SQL_C_BOOKMARK or SQL_C_VARBOOKMARK");
    }
    if (ind)
        *ind = ctype == SQL_C_UBIGINT || ctype == SQL_C_SBIGINT ? 8 : 4;
    return SQL_SUCCESS;
}
