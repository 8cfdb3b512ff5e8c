/* SPDX-License-Identifier: Apache-2.0 */
/* Entry points: diagnostics. These never clear the records they report. Truncation of the
 * message returns SQL_SUCCESS_WITH_INFO without adding a record, as the spec says. */
#include "driver/odbc/api.h"
#include "driver/convert/convert.h"

#include <stdlib.h>
#include <string.h>

static rs_handle *diag_handle(SQLSMALLINT type, SQLHANDLE h)
{
    return rs_handle_check(h, type);
}

static SQLRETURN put_text(const char *s, SQLPOINTER buf, SQLLEN buflen, int wide, int bytes,
                          SQLSMALLINT *out16, SQLINTEGER *out32)
{
    SQLLEN full = 0;
    int trunc;

    if (wide) {
        trunc = rs_out_wstr(s, buf, bytes ? buflen / (SQLLEN)sizeof(SQLWCHAR) : buflen, &full);
        if (bytes)
            full *= (SQLLEN)sizeof(SQLWCHAR);
    } else {
        trunc = rs_out_str(s, buf, buflen, &full);
    }
    if (out16)
        *out16 = (SQLSMALLINT)full;
    if (out32)
        *out32 = (SQLINTEGER)full;
    return trunc ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

static SQLRETURN get_rec(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT recno,
                         SQLPOINTER state, SQLINTEGER *native, SQLPOINTER msg,
                         SQLSMALLINT buflen, SQLSMALLINT *msglen, int wide)
{
    rs_handle *h = diag_handle(type, handle);
    const rs_diag_rec *r;
    SQLRETURN rc;

    if (!h)
        return SQL_INVALID_HANDLE;
    if (recno < 1 || buflen < 0)
        return SQL_ERROR;
    rs_handle_lock(h);
    if (recno > h->diag.count) {
        rs_handle_unlock(h);
        return SQL_NO_DATA;
    }
    r = &h->diag.recs[recno - 1];
    if (state)
        put_text(rs_diag_visible_state(&h->diag, r->state), state, 6, wide, 0, NULL, NULL);
    if (native)
        *native = r->native;
    rc = put_text(r->message, msg, buflen, wide, 0, msglen, NULL);
    rs_handle_unlock(h);
    return rc;
}

/* SQLGetDiagRec: "returns the current values of multiple fields of a diagnostic record". */
SQLRETURN SQL_API SQLGetDiagRec(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT recno,
                                SQLCHAR *state, SQLINTEGER *native, SQLCHAR *msg,
                                SQLSMALLINT buflen, SQLSMALLINT *msglen)
{
    return get_rec(type, handle, recno, state, native, msg, buflen, msglen, 0);
}

SQLRETURN SQL_API SQLGetDiagRecW(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT recno,
                                 SQLWCHAR *state, SQLINTEGER *native, SQLWCHAR *msg,
                                 SQLSMALLINT buflen, SQLSMALLINT *msglen)
{
    return get_rec(type, handle, recno, state, native, msg, buflen, msglen, 1);
}

static SQLRETURN header_field(rs_handle *h, SQLSMALLINT type, SQLSMALLINT field,
                              SQLPOINTER value, SQLSMALLINT buflen, SQLSMALLINT *len, int wide)
{
    const rs_diag *d = &h->diag;

    switch (field) {
    case SQL_DIAG_NUMBER:
        if (value)
            *(SQLINTEGER *)value = d->count;
        return SQL_SUCCESS;
    case SQL_DIAG_RETURNCODE:
        if (value)
            *(SQLRETURN *)value = d->returncode;
        return SQL_SUCCESS;
    case SQL_DIAG_ROW_COUNT:
    case SQL_DIAG_CURSOR_ROW_COUNT:
        if (type != SQL_HANDLE_STMT)
            return SQL_ERROR;
        if (value)
            *(SQLLEN *)value = field == SQL_DIAG_ROW_COUNT ? d->row_count
                                                           : rs_stmt_cursor_row_count((rs_stmt *)h);
        return SQL_SUCCESS;
    case SQL_DIAG_DYNAMIC_FUNCTION:
        if (type != SQL_HANDLE_STMT)
            return SQL_ERROR;
        return put_text(d->dynamic_function ? d->dynamic_function : "", value, buflen, wide, 1,
                        len, NULL);
    case SQL_DIAG_DYNAMIC_FUNCTION_CODE:
        if (type != SQL_HANDLE_STMT)
            return SQL_ERROR;
        if (value)
            *(SQLINTEGER *)value = d->dynamic_function_code;
        return SQL_SUCCESS;
    default:
        return SQL_NO_DATA + 1000;
    }
}

static SQLRETURN get_field(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT recno,
                           SQLSMALLINT field, SQLPOINTER value, SQLSMALLINT buflen,
                           SQLSMALLINT *len, int wide)
{
    rs_handle *h = diag_handle(type, handle);
    const rs_diag_rec *r;
    const char *text = NULL;
    SQLRETURN rc;

    if (!h)
        return SQL_INVALID_HANDLE;
    rs_handle_lock(h);
    rc = header_field(h, type, field, value, buflen, len, wide);
    if (rc != SQL_NO_DATA + 1000) {
        rs_handle_unlock(h);
        return rc;
    }
    if (recno < 1) {
        rs_handle_unlock(h);
        return SQL_ERROR;
    }
    if (recno > h->diag.count) {
        rs_handle_unlock(h);
        return SQL_NO_DATA;
    }
    r = &h->diag.recs[recno - 1];
    rc = SQL_SUCCESS;
    switch (field) {
    case SQL_DIAG_SQLSTATE: text = rs_diag_visible_state(&h->diag, r->state); break;
    case SQL_DIAG_MESSAGE_TEXT: text = r->message; break;
    case SQL_DIAG_CLASS_ORIGIN: text = rs_diag_class_origin(r->state); break;
    case SQL_DIAG_SUBCLASS_ORIGIN: text = rs_diag_subclass_origin(r->state); break;
    case SQL_DIAG_CONNECTION_NAME: text = h->diag.connection_name; break;
    case SQL_DIAG_SERVER_NAME: text = h->diag.server_name; break;
    case SQL_DIAG_NATIVE:
        if (value)
            *(SQLINTEGER *)value = r->native;
        break;
    case SQL_DIAG_ROW_NUMBER:
        if (type != SQL_HANDLE_STMT)
            rc = SQL_ERROR;
        else if (value)
            *(SQLLEN *)value = r->row_number;
        break;
    case SQL_DIAG_COLUMN_NUMBER:
        if (type != SQL_HANDLE_STMT)
            rc = SQL_ERROR;
        else if (value)
            *(SQLINTEGER *)value = r->column_number;
        break;
    default:
        rc = SQL_ERROR;
        break;
    }
    if (text)
        rc = put_text(text, value, buflen, wide, 1, len, NULL);
    rs_handle_unlock(h);
    return rc;
}

/* SQLGetDiagField: "returns the current value of a field of a record of the diagnostic data
 * structure"; W string lengths are in bytes. */
SQLRETURN SQL_API SQLGetDiagField(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT recno,
                                  SQLSMALLINT field, SQLPOINTER value, SQLSMALLINT buflen,
                                  SQLSMALLINT *len)
{
    return get_field(type, handle, recno, field, value, buflen, len, 0);
}

SQLRETURN SQL_API SQLGetDiagFieldW(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT recno,
                                   SQLSMALLINT field, SQLPOINTER value, SQLSMALLINT buflen,
                                   SQLSMALLINT *len)
{
    return get_field(type, handle, recno, field, value, buflen, len, 1);
}
