/* SPDX-License-Identifier: Apache-2.0 */
/* Entry points: result metadata and fetching. */
#include "driver/odbc/api.h"

/* SQLNumResultCols: "returns the number of columns in a result set". */
SQLRETURN SQL_API SQLNumResultCols(SQLHSTMT hstmt, SQLSMALLINT *n)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_num_result_cols(s, n));
}

/* SQLDescribeCol: "returns the result descriptor — column name, type, column size, decimal
 * digits, and nullability — for one column in the result set". */
SQLRETURN SQL_API SQLDescribeCol(SQLHSTMT hstmt, SQLUSMALLINT col, SQLCHAR *name,
                                 SQLSMALLINT buflen, SQLSMALLINT *namelen, SQLSMALLINT *type,
                                 SQLULEN *size, SQLSMALLINT *digits, SQLSMALLINT *nullable)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    const char *n = NULL;
    SQLRETURN rc = rs_stmt_describe_col(s, col, &n, type, size, digits, nullable);
    if (SQL_SUCCEEDED(rc))
        rc = rs_rc_merge(rc, rs_put_a(&s->h.diag, n, name, buflen, namelen, NULL));
    RS_LEAVE(s, rc);
}

SQLRETURN SQL_API SQLDescribeColW(SQLHSTMT hstmt, SQLUSMALLINT col, SQLWCHAR *name,
                                  SQLSMALLINT buflen, SQLSMALLINT *namelen, SQLSMALLINT *type,
                                  SQLULEN *size, SQLSMALLINT *digits, SQLSMALLINT *nullable)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    const char *n = NULL;
    SQLRETURN rc = rs_stmt_describe_col(s, col, &n, type, size, digits, nullable);
    if (SQL_SUCCEEDED(rc))
        rc = rs_rc_merge(rc, rs_put_w(&s->h.diag, n, name, buflen, 0, namelen, NULL));
    RS_LEAVE(s, rc);
}

/* SQLColAttribute: "returns descriptor information for a column in a result set"; string
 * lengths are in bytes in both forms. */
SQLRETURN SQL_API SQLColAttribute(SQLHSTMT hstmt, SQLUSMALLINT col, SQLUSMALLINT field,
                                  SQLPOINTER cbuf, SQLSMALLINT buflen, SQLSMALLINT *len,
                                  SQLLEN *num)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    const char *str = NULL;
    SQLLEN v = 0;
    SQLRETURN rc = rs_stmt_col_attribute(s, col, field, &str, &v);
    if (SQL_SUCCEEDED(rc)) {
        if (str)
            rc = rs_rc_merge(rc, rs_put_a(&s->h.diag, str, cbuf, buflen, len, NULL));
        else if (num)
            *num = v;
    }
    RS_LEAVE(s, rc);
}

SQLRETURN SQL_API SQLColAttributeW(SQLHSTMT hstmt, SQLUSMALLINT col, SQLUSMALLINT field,
                                   SQLPOINTER cbuf, SQLSMALLINT buflen, SQLSMALLINT *len,
                                   SQLLEN *num)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    const char *str = NULL;
    SQLLEN v = 0;
    SQLRETURN rc = rs_stmt_col_attribute(s, col, field, &str, &v);
    if (SQL_SUCCEEDED(rc)) {
        if (str)
            rc = rs_rc_merge(rc, rs_put_w(&s->h.diag, str, cbuf, buflen, 1, len, NULL));
        else if (num)
            *num = v;
    }
    RS_LEAVE(s, rc);
}

/* SQLBindCol: "binds application data buffers to columns in the result set". */
SQLRETURN SQL_API SQLBindCol(SQLHSTMT hstmt, SQLUSMALLINT col, SQLSMALLINT ctype,
                             SQLPOINTER ptr, SQLLEN buflen, SQLLEN *ind)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_bind_col(s, col, ctype, ptr, buflen, ind));
}

/* SQLFetch: "fetches the next rowset of data from the result set and returns data for all
 * bound columns". */
SQLRETURN SQL_API SQLFetch(SQLHSTMT hstmt)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_fetch(s, SQL_FETCH_NEXT, 0));
}

/* SQLFetchScroll: "fetches the specified rowset"; the cursor is forward-only. */
SQLRETURN SQL_API SQLFetchScroll(SQLHSTMT hstmt, SQLSMALLINT orientation, SQLLEN offset)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_fetch(s, orientation, offset));
}

/* SQLGetData: "retrieves data for a single column in the result set", in parts for
 * character and binary data. */
SQLRETURN SQL_API SQLGetData(SQLHSTMT hstmt, SQLUSMALLINT col, SQLSMALLINT ctype,
                             SQLPOINTER ptr, SQLLEN buflen, SQLLEN *ind)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_get_data(s, col, ctype, ptr, buflen, ind));
}

/* SQLSetPos: "sets the cursor position in a rowset and allows an application to refresh or
 * update data in the rowset or to update or delete data in the result set"; the writes need
 * SQL_CONCUR_VALUES and a result over one collection with its _id (stmt_setpos.c). */
SQLRETURN SQL_API SQLSetPos(SQLHSTMT hstmt, SQLSETPOSIROW row, SQLUSMALLINT op,
                            SQLUSMALLINT lock)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_set_pos(s, row, op, lock));
}

/* SQLBulkOperations: "performs bulk insertions and bulk bookmark operations, including
 * update, delete, and fetch by bookmark". */
SQLRETURN SQL_API SQLBulkOperations(SQLHSTMT hstmt, SQLSMALLINT op)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_bulk_operations(s, (SQLUSMALLINT)op));
}

/* SQLExtendedFetch: the ODBC 2 SQLFetchScroll. unixODBC passes it to the driver as it is
 * (it answers IM001 when the driver lacks it), so it is exported. */
SQLRETURN SQL_API SQLExtendedFetch(SQLHSTMT hstmt, SQLUSMALLINT orientation, SQLLEN offset,
                                   SQLULEN *rows, SQLUSMALLINT *status)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_extended_fetch(s, orientation, offset, rows, status));
}
