/* SPDX-License-Identifier: Apache-2.0 */
/* Statement attributes; the ones that are descriptor header fields live in the descriptors. */
#include "driver/odbc/stmt.h"

#include <stdint.h>
#include <string.h>

static SQLRETURN set_app_desc(rs_stmt *s, rs_desc **slot, rs_desc *implicit, SQLPOINTER value)
{
    rs_desc *d = value;

    if (!d || d == implicit) {
        *slot = implicit;
        return SQL_SUCCESS;
    }
    if (!rs_handle_check(d, SQL_HANDLE_DESC) || d->conn != s->conn)
        return rs_diag_post(&s->h.diag, "HY024", 0, "not a descriptor of this connection");
    if (d->alloc_type != SQL_DESC_ALLOC_USER)
        return rs_diag_post(&s->h.diag, "HY017", 0,
                            "an implicitly allocated descriptor cannot be used here");
    *slot = d;
    return SQL_SUCCESS;
}

/* Static is the one scrollable cursor: "If the specified cursor type is not supported, the
 * driver substitutes a different cursor type" and answers 01S02. Keyset-driven and dynamic
 * cursors would show changes made after the query; a Rockset result is a snapshot. */
static SQLRETURN set_cursor_type(rs_stmt *s, SQLULEN v)
{
    if (v != SQL_CURSOR_FORWARD_ONLY && v != SQL_CURSOR_STATIC && v != SQL_CURSOR_KEYSET_DRIVEN &&
        v != SQL_CURSOR_DYNAMIC)
        return rs_diag_post(&s->h.diag, "HY024", 0, "invalid SQL_ATTR_CURSOR_TYPE");
    if (s->cursor_open)
        return rs_diag_post(&s->h.diag, "24000", 0, "a cursor is open");
    s->cursor_type = v == SQL_CURSOR_FORWARD_ONLY ? SQL_CURSOR_FORWARD_ONLY : SQL_CURSOR_STATIC;
    s->cursor_scrollable = v == SQL_CURSOR_FORWARD_ONLY ? SQL_NONSCROLLABLE : SQL_SCROLLABLE;
    if (v == SQL_CURSOR_KEYSET_DRIVEN || v == SQL_CURSOR_DYNAMIC)
        return rs_diag_post(&s->h.diag, "01S02", 0, "%s cursors are not supported: "
                            "SQL_CURSOR_STATIC used (a result is a snapshot of the query)",
                            v == SQL_CURSOR_DYNAMIC ? "dynamic" : "keyset-driven");
    return SQL_SUCCESS;
}

static SQLRETURN set_concurrency(rs_stmt *s, SQLULEN v)
{
    if (v != SQL_CONCUR_READ_ONLY && v != SQL_CONCUR_LOCK && v != SQL_CONCUR_ROWVER &&
        v != SQL_CONCUR_VALUES)
        return rs_diag_post(&s->h.diag, "HY024", 0, "invalid SQL_ATTR_CONCURRENCY");
    if (s->cursor_open)
        return rs_diag_post(&s->h.diag, "24000", 0, "a cursor is open");
    /* SQLSetPos writes (stmt_setpos.c) need a concurrency that is not read-only. Rockset
     * has neither locks nor row versions: SQL_CONCUR_VALUES it is, without the compare
     * (the last write wins; docs/odbc-functions.md). "If the specified concurrency is
     * not supported, the driver substitutes a different concurrency and returns
     * SQLSTATE 01S02". "Cursor characteristics and cursor type": a concurrency that is
     * not read-only makes the sensitivity SQL_UNSPECIFIED (stmt_attr_get). */
    s->concurrency = v == SQL_CONCUR_READ_ONLY ? SQL_CONCUR_READ_ONLY : SQL_CONCUR_VALUES;
    if (v == SQL_CONCUR_LOCK || v == SQL_CONCUR_ROWVER)
        return rs_diag_post(&s->h.diag, "01S02", 0, "no locks or row versions: "
                            "SQL_CONCUR_VALUES used (last write wins)");
    return SQL_SUCCESS;
}

static SQLRETURN set_sensitivity(rs_stmt *s, SQLULEN v)
{
    if (v == SQL_UNSPECIFIED)
        return SQL_SUCCESS;
    if (v != SQL_INSENSITIVE)
        return rs_diag_post(&s->h.diag, "HYC00", 0, "sensitive cursors are not supported");
    if (s->cursor_open)
        return rs_diag_post(&s->h.diag, "24000", 0, "a cursor is open");
    /* "SQL_INSENSITIVE ... corresponds to a static cursor with read-only concurrency", and
     * setting it sets SQL_ATTR_CURSOR_TYPE to match (SQLSetStmtAttr, "Cursor characteristics
     * and cursor type") */
    s->cursor_type = SQL_CURSOR_STATIC;
    s->cursor_scrollable = SQL_SCROLLABLE;
    s->concurrency = SQL_CONCUR_READ_ONLY;
    return SQL_SUCCESS;
}

static SQLRETURN set_rowset_size(rs_stmt *s, SQLINTEGER attr, SQLULEN v)
{
    if (v < 1)
        return rs_diag_post(&s->h.diag, "HY024", 0, "the rowset size must be at least 1");
    /* two sizes: "SQL_ROWSET_SIZE ... is used only by SQLExtendedFetch", SQLFetch and
     * SQLFetchScroll use SQL_ATTR_ROW_ARRAY_SIZE (ODBC 3 "Block Cursors") */
    if (attr == SQL_ROWSET_SIZE)
        s->rowset_size = v;
    else
        s->ard->array_size = v;
    return SQL_SUCCESS;
}

SQLRETURN rs_stmt_set_attr(rs_stmt *s, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len)
{
    SQLULEN v = (SQLULEN)(uintptr_t)value;

    (void)len;
    switch (attr) {
    case SQL_ATTR_APP_ROW_DESC: return set_app_desc(s, &s->ard, &s->ard_i, value);
    case SQL_ATTR_APP_PARAM_DESC: return set_app_desc(s, &s->apd, &s->apd_i, value);
    case SQL_ATTR_IMP_ROW_DESC:
    case SQL_ATTR_IMP_PARAM_DESC:
        return rs_diag_post(&s->h.diag, "HY017", 0, "implementation descriptors cannot be replaced");
    case SQL_ATTR_ASYNC_ENABLE:
        if (v == SQL_ASYNC_ENABLE_OFF)
            return SQL_SUCCESS;
        return rs_diag_post(&s->h.diag, "HYC00", 0, "asynchronous execution is not supported");
    case SQL_ATTR_CONCURRENCY:
        return set_concurrency(s, v);
    case SQL_ATTR_CURSOR_TYPE:
        return set_cursor_type(s, v);
    case SQL_ATTR_CURSOR_SCROLLABLE:
        if (v != SQL_NONSCROLLABLE && v != SQL_SCROLLABLE)
            return rs_diag_post(&s->h.diag, "HY024", 0, "invalid SQL_ATTR_CURSOR_SCROLLABLE");
        if (s->cursor_open)
            return rs_diag_post(&s->h.diag, "24000", 0, "a cursor is open");
        /* "SQL_SCROLLABLE ... if the cursor type is SQL_CURSOR_FORWARD_ONLY the driver
         * changes it" to a scrollable one, here static; SQL_NONSCROLLABLE makes it
         * forward-only */
        s->cursor_scrollable = (SQLUINTEGER)v;
        s->cursor_type = v == SQL_SCROLLABLE ? SQL_CURSOR_STATIC : SQL_CURSOR_FORWARD_ONLY;
        return SQL_SUCCESS;
    case SQL_ATTR_CURSOR_SENSITIVITY:
        return set_sensitivity(s, v);
    case SQL_ATTR_ENABLE_AUTO_IPD:
        if (v == SQL_FALSE)
            return SQL_SUCCESS;
        return rs_diag_post(&s->h.diag, "HYC00", 0, "automatic IPD population is not supported");
    case SQL_ATTR_USE_BOOKMARKS:
        if (v != SQL_UB_OFF && v != SQL_UB_ON && v != SQL_UB_VARIABLE)
            return rs_diag_post(&s->h.diag, "HY024", 0, "invalid SQL_ATTR_USE_BOOKMARKS");
        if (s->cursor_open)
            return rs_diag_post(&s->h.diag, "24000", 0, "a cursor is open");
        s->use_bookmarks = (SQLUINTEGER)v;
        return SQL_SUCCESS;
    case SQL_ATTR_KEYSET_SIZE: s->keyset_size = v; return SQL_SUCCESS;
    case SQL_ATTR_MAX_LENGTH:
        if (v == 0)
            return SQL_SUCCESS;
        return rs_diag_post(&s->h.diag, "01S02", 0, "SQL_ATTR_MAX_LENGTH is not supported: 0 (no limit) used");
    case SQL_ATTR_MAX_ROWS: s->max_rows = v; return SQL_SUCCESS;
    case SQL_ATTR_METADATA_ID: s->metadata_id = v ? SQL_TRUE : SQL_FALSE; return SQL_SUCCESS;
    case SQL_ATTR_NOSCAN: s->noscan = (SQLUINTEGER)v; return SQL_SUCCESS;
    case SQL_ATTR_QUERY_TIMEOUT: s->query_timeout = v; return SQL_SUCCESS;
    case SQL_ATTR_RETRIEVE_DATA: s->retrieve_data = (SQLUINTEGER)v; return SQL_SUCCESS;
    case SQL_ATTR_SIMULATE_CURSOR:
        return rs_diag_post(&s->h.diag, "HYC00", 0, "positioned updates are not supported");
    case SQL_ATTR_PARAM_BIND_OFFSET_PTR: s->apd->bind_offset_ptr = value; return SQL_SUCCESS;
    case SQL_ATTR_PARAM_BIND_TYPE: s->apd->bind_type = (SQLINTEGER)v; return SQL_SUCCESS;
    case SQL_ATTR_PARAM_OPERATION_PTR: s->apd->array_status_ptr = value; return SQL_SUCCESS;
    case SQL_ATTR_PARAM_STATUS_PTR: s->ipd.array_status_ptr = value; return SQL_SUCCESS;
    case SQL_ATTR_PARAMS_PROCESSED_PTR: s->ipd.rows_processed_ptr = value; return SQL_SUCCESS;
    case SQL_ATTR_PARAMSET_SIZE:
        if (v < 1)
            return rs_diag_post(&s->h.diag, "HY024", 0, "SQL_ATTR_PARAMSET_SIZE must be at least 1");
        s->apd->array_size = v;
        return SQL_SUCCESS;
    case SQL_ROWSET_SIZE:
    case SQL_ATTR_ROW_ARRAY_SIZE:
        return set_rowset_size(s, attr, v);
    case SQL_ATTR_ROW_BIND_OFFSET_PTR: s->ard->bind_offset_ptr = value; return SQL_SUCCESS;
    case SQL_ATTR_ROW_BIND_TYPE: s->ard->bind_type = (SQLINTEGER)v; return SQL_SUCCESS;
    case SQL_ATTR_ROW_OPERATION_PTR: s->ard->array_status_ptr = value; return SQL_SUCCESS;
    case SQL_ATTR_ROW_STATUS_PTR: s->ird.array_status_ptr = value; return SQL_SUCCESS;
    case SQL_ATTR_ROWS_FETCHED_PTR: s->ird.rows_processed_ptr = value; return SQL_SUCCESS;
    case SQL_ATTR_ROW_NUMBER:
        return rs_diag_post(&s->h.diag, "HY024", 0, "SQL_ATTR_ROW_NUMBER is read-only");
    case SQL_ATTR_FETCH_BOOKMARK_PTR: s->fetch_bm_ptr = value; return SQL_SUCCESS;
    default:
        return rs_diag_post(&s->h.diag, "HY092", 0, "unsupported statement attribute %d",
                            (int)attr);
    }
}

SQLRETURN rs_stmt_get_attr(rs_stmt *s, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER buflen,
                           SQLINTEGER *len)
{
    SQLULEN v;
    SQLPOINTER p = NULL;
    int is_ptr = 0;

    (void)buflen;
    switch (attr) {
    case SQL_ATTR_APP_ROW_DESC: p = s->ard; is_ptr = 1; break;
    case SQL_ATTR_APP_PARAM_DESC: p = s->apd; is_ptr = 1; break;
    case SQL_ATTR_IMP_ROW_DESC: p = &s->ird; is_ptr = 1; break;
    case SQL_ATTR_IMP_PARAM_DESC: p = &s->ipd; is_ptr = 1; break;
    case SQL_ATTR_ASYNC_ENABLE: v = SQL_ASYNC_ENABLE_OFF; break;
    case SQL_ATTR_CONCURRENCY: v = s->concurrency; break;
    case SQL_ATTR_CURSOR_TYPE: v = s->cursor_type; break;
    case SQL_ATTR_CURSOR_SCROLLABLE: v = s->cursor_scrollable; break;
    case SQL_ATTR_CURSOR_SENSITIVITY:
        /* "Insensitive cursors are read-only"; an updatable static cursor is unspecified */
        v = s->concurrency == SQL_CONCUR_READ_ONLY ? SQL_INSENSITIVE : SQL_UNSPECIFIED;
        break;
    case SQL_ATTR_ENABLE_AUTO_IPD: v = SQL_FALSE; break;
    case SQL_ATTR_USE_BOOKMARKS: v = s->use_bookmarks; break;
    case SQL_ATTR_FETCH_BOOKMARK_PTR: p = s->fetch_bm_ptr; is_ptr = 1; break;
    case SQL_ATTR_KEYSET_SIZE: v = s->keyset_size; break;
    case SQL_ATTR_MAX_LENGTH: v = 0; break;
    case SQL_ATTR_MAX_ROWS: v = s->max_rows; break;
    case SQL_ATTR_METADATA_ID: v = s->metadata_id; break;
    case SQL_ATTR_NOSCAN: v = s->noscan; break;
    case SQL_ATTR_QUERY_TIMEOUT: v = s->query_timeout; break;
    case SQL_ATTR_RETRIEVE_DATA: v = s->retrieve_data; break;
    case SQL_ATTR_SIMULATE_CURSOR: v = SQL_SC_UNIQUE; break;
    case SQL_ATTR_PARAM_BIND_OFFSET_PTR: p = s->apd->bind_offset_ptr; is_ptr = 1; break;
    case SQL_ATTR_PARAM_BIND_TYPE: v = (SQLULEN)s->apd->bind_type; break;
    case SQL_ATTR_PARAM_OPERATION_PTR: p = s->apd->array_status_ptr; is_ptr = 1; break;
    case SQL_ATTR_PARAM_STATUS_PTR: p = s->ipd.array_status_ptr; is_ptr = 1; break;
    case SQL_ATTR_PARAMS_PROCESSED_PTR: p = s->ipd.rows_processed_ptr; is_ptr = 1; break;
    case SQL_ATTR_PARAMSET_SIZE: v = s->apd->array_size; break;
    case SQL_ROWSET_SIZE: v = s->rowset_size; break;
    case SQL_ATTR_ROW_ARRAY_SIZE: v = s->ard->array_size; break;
    case SQL_ATTR_ROW_BIND_OFFSET_PTR: p = s->ard->bind_offset_ptr; is_ptr = 1; break;
    case SQL_ATTR_ROW_BIND_TYPE: v = (SQLULEN)s->ard->bind_type; break;
    case SQL_ATTR_ROW_OPERATION_PTR: p = s->ard->array_status_ptr; is_ptr = 1; break;
    case SQL_ATTR_ROW_STATUS_PTR: p = s->ird.array_status_ptr; is_ptr = 1; break;
    case SQL_ATTR_ROWS_FETCHED_PTR: p = s->ird.rows_processed_ptr; is_ptr = 1; break;
    case SQL_ATTR_ROW_NUMBER:
        /* "the number of the current row in the entire result set" */
        if (!s->cursor_open || s->sc_rows == 0)
            return rs_diag_post(&s->h.diag, "24000", 0, "no current row");
        v = s->scroll ? (SQLULEN)(s->sc_start + (long long)(s->sc_setpos ? s->sc_setpos : 1) - 1)
                      : (SQLULEN)(s->rows_fetched - (long long)(s->sc_rows -
                                                                 (s->sc_setpos ? s->sc_setpos : 1)));
        break;
    default:
        return rs_diag_post(&s->h.diag, "HY092", 0, "unsupported statement attribute %d",
                            (int)attr);
    }
    if (is_ptr) {
        if (value)
            *(SQLPOINTER *)value = p;
        if (len)
            *len = sizeof(SQLPOINTER);
    } else {
        /* every non-pointer statement attribute is an SQLULEN, but SQL_ATTR_ENABLE_AUTO_IPD */
        int ulen = attr != SQL_ATTR_ENABLE_AUTO_IPD;
        if (ulen) {
            if (value)
                *(SQLULEN *)value = v;
            if (len)
                *len = sizeof(SQLULEN);
        } else {
            if (value)
                *(SQLUINTEGER *)value = (SQLUINTEGER)v;
            if (len)
                *len = sizeof(SQLUINTEGER);
        }
    }
    return SQL_SUCCESS;
}
