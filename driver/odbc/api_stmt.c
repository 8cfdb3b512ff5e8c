/* SPDX-License-Identifier: Apache-2.0 */
/* Entry points: preparing and executing statements, parameters, statement attributes. */
#include "driver/odbc/api.h"

#include <stdlib.h>

/* SQLExecDirect: "executes a preparable statement ... the fastest way to submit an SQL
 * statement for one-time execution". */
SQLRETURN SQL_API SQLExecDirect(SQLHSTMT hstmt, SQLCHAR *sql, SQLINTEGER len)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    if (!sql)
        RS_LEAVE(s, rs_diag_post(&s->h.diag, "HY009", 0, "null statement text"));
    RS_LEAVE(s, rs_stmt_exec_direct(s, (const char *)sql, len < 0 ? -1 : len));
}

SQLRETURN SQL_API SQLExecDirectW(SQLHSTMT hstmt, SQLWCHAR *sql, SQLINTEGER len)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    char *t;
    SQLRETURN rc;
    if (!sql)
        RS_LEAVE(s, rs_diag_post(&s->h.diag, "HY009", 0, "null statement text"));
    t = rs_in_w(sql, len);
    rc = t ? rs_stmt_exec_direct(s, t, -1) : rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
    free(t);
    RS_LEAVE(s, rc);
}

/* SQLPrepare: "prepares an SQL string for execution". */
SQLRETURN SQL_API SQLPrepare(SQLHSTMT hstmt, SQLCHAR *sql, SQLINTEGER len)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    if (!sql)
        RS_LEAVE(s, rs_diag_post(&s->h.diag, "HY009", 0, "null statement text"));
    RS_LEAVE(s, rs_stmt_prepare(s, (const char *)sql, len < 0 ? -1 : len));
}

SQLRETURN SQL_API SQLPrepareW(SQLHSTMT hstmt, SQLWCHAR *sql, SQLINTEGER len)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    char *t;
    SQLRETURN rc;
    if (!sql)
        RS_LEAVE(s, rs_diag_post(&s->h.diag, "HY009", 0, "null statement text"));
    t = rs_in_w(sql, len);
    rc = t ? rs_stmt_prepare(s, t, -1) : rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
    free(t);
    RS_LEAVE(s, rc);
}

/* SQLExecute: "executes a prepared statement, using the current values of the parameter
 * marker variables". */
SQLRETURN SQL_API SQLExecute(SQLHSTMT hstmt)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_execute(s));
}

/* SQLNumParams: "returns the number of parameters in an SQL statement". */
SQLRETURN SQL_API SQLNumParams(SQLHSTMT hstmt, SQLSMALLINT *n)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_num_params(s, n));
}

/* SQLDescribeParam: "returns the description of a parameter marker". */
SQLRETURN SQL_API SQLDescribeParam(SQLHSTMT hstmt, SQLUSMALLINT n, SQLSMALLINT *type,
                                   SQLULEN *size, SQLSMALLINT *digits, SQLSMALLINT *nullable)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_describe_param(s, n, type, size, digits, nullable));
}

/* SQLBindParameter: "binds a buffer to a parameter marker in an SQL statement". */
SQLRETURN SQL_API SQLBindParameter(SQLHSTMT hstmt, SQLUSMALLINT n, SQLSMALLINT io,
                                   SQLSMALLINT ctype, SQLSMALLINT sqltype, SQLULEN size,
                                   SQLSMALLINT digits, SQLPOINTER ptr, SQLLEN buflen,
                                   SQLLEN *ind)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_bind_param(s, n, io, ctype, sqltype, size, digits, ptr, buflen, ind));
}

/* SQLParamData: "used together with SQLPutData to supply parameter data at statement
 * execution time". */
SQLRETURN SQL_API SQLParamData(SQLHSTMT hstmt, SQLPOINTER *token)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_param_data(s, token));
}

/* SQLPutData: "allows an application to send data for a parameter ... at statement execution
 * time". */
SQLRETURN SQL_API SQLPutData(SQLHSTMT hstmt, SQLPOINTER data, SQLLEN len)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_put_data(s, data, len));
}

/* SQLRowCount: "returns the number of rows affected by an UPDATE, INSERT, or DELETE"; for a
 * query, the total the server reported (docs/odbc-functions.md). */
SQLRETURN SQL_API SQLRowCount(SQLHSTMT hstmt, SQLLEN *n)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_row_count(s, n));
}

/* SQLMoreResults: "determines whether more results are available". */
SQLRETURN SQL_API SQLMoreResults(SQLHSTMT hstmt)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_more_results(s));
}

/* SQLCancel: "cancels the processing on a statement"; callable from another thread while the
 * statement is executing, so it does not wait for the statement's lock. */
SQLRETURN SQL_API SQLCancel(SQLHSTMT hstmt)
{
    rs_stmt *s = (rs_stmt *)rs_handle_check(hstmt, SQL_HANDLE_STMT);

    if (!s)
        return SQL_INVALID_HANDLE;
    return rs_stmt_cancel(s);
}

/* SQLFreeStmt: "stops processing associated with a specific statement, closes any open
 * cursors ..., discards pending results, or, optionally, frees all resources". */
SQLRETURN SQL_API SQLFreeStmt(SQLHSTMT hstmt, SQLUSMALLINT option)
{
    if (option == SQL_DROP)
        return SQLFreeHandle(SQL_HANDLE_STMT, hstmt);
    {
        RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
        RS_LEAVE(s, rs_stmt_free_stmt(s, option));
    }
}

/* SQLCloseCursor: "closes a cursor that has been opened on a statement". */
SQLRETURN SQL_API SQLCloseCursor(SQLHSTMT hstmt)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_close_cursor_checked(s));
}

/* SQLSetStmtAttr / SQLGetStmtAttr: no statement attribute is a string, so W = ANSI. */
SQLRETURN SQL_API SQLSetStmtAttr(SQLHSTMT hstmt, SQLINTEGER attr, SQLPOINTER value,
                                 SQLINTEGER len)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_set_attr(s, attr, value, len));
}

SQLRETURN SQL_API SQLSetStmtAttrW(SQLHSTMT hstmt, SQLINTEGER attr, SQLPOINTER value,
                                  SQLINTEGER len)
{
    return SQLSetStmtAttr(hstmt, attr, value, len);
}

SQLRETURN SQL_API SQLGetStmtAttr(SQLHSTMT hstmt, SQLINTEGER attr, SQLPOINTER value,
                                 SQLINTEGER buflen, SQLINTEGER *len)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_stmt_get_attr(s, attr, value, buflen, len));
}

SQLRETURN SQL_API SQLGetStmtAttrW(SQLHSTMT hstmt, SQLINTEGER attr, SQLPOINTER value,
                                  SQLINTEGER buflen, SQLINTEGER *len)
{
    return SQLGetStmtAttr(hstmt, attr, value, buflen, len);
}

/* SQLGetCursorName / SQLSetCursorName: "the cursor name associated with a statement". */
SQLRETURN SQL_API SQLGetCursorName(SQLHSTMT hstmt, SQLCHAR *name, SQLSMALLINT buflen,
                                   SQLSMALLINT *len)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_put_a(&s->h.diag, s->cursor_name, name, buflen, len, NULL));
}

SQLRETURN SQL_API SQLGetCursorNameW(SQLHSTMT hstmt, SQLWCHAR *name, SQLSMALLINT buflen,
                                    SQLSMALLINT *len)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    RS_LEAVE(s, rs_put_w(&s->h.diag, s->cursor_name, name, buflen, 0, len, NULL));
}

SQLRETURN SQL_API SQLSetCursorName(SQLHSTMT hstmt, SQLCHAR *name, SQLSMALLINT len)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    char *n = rs_in_a(name, len);
    SQLRETURN rc = rs_stmt_set_cursor_name(s, n);
    free(n);
    RS_LEAVE(s, rc);
}

SQLRETURN SQL_API SQLSetCursorNameW(SQLHSTMT hstmt, SQLWCHAR *name, SQLSMALLINT len)
{
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);
    char *n = rs_in_w(name, len);
    SQLRETURN rc = rs_stmt_set_cursor_name(s, n);
    free(n);
    RS_LEAVE(s, rc);
}

/* SQLCancelHandle (ODBC 3.8): a statement as SQLCancel; a connection has no asynchronous
 * operation to cancel (the driver runs none), so there it has no effect. */
SQLRETURN SQL_API SQLCancelHandle(SQLSMALLINT type, SQLHANDLE handle)
{
    if (type == SQL_HANDLE_STMT)
        return SQLCancel(handle);
    if (type == SQL_HANDLE_DBC)
        return rs_handle_check(handle, SQL_HANDLE_DBC) ? SQL_SUCCESS : SQL_INVALID_HANDLE;
    return SQL_INVALID_HANDLE;
}
