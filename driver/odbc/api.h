/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers of the entry points: handle checks with locking, UTF-16 <-> UTF-8 arguments, and
 * output strings with truncation (01004). Used by api_*.c only. */
#ifndef RS_API_H
#define RS_API_H

#include "driver/odbc/stmt.h"

/* Checks the handle (SQL_INVALID_HANDLE), locks it, clears its diagnostics. */
#define RS_ENTER(T, var, handle, htype)                                   \
    T *var = (T *)rs_handle_check((SQLHANDLE)(handle), htype);            \
    if (!var)                                                             \
        return SQL_INVALID_HANDLE;                                        \
    rs_handle_lock(&var->h);                                              \
    rs_diag_clear(&var->h.diag)

#define RS_LEAVE(var, rc)                                                 \
    do {                                                                  \
        SQLRETURN rs_rc_ = rs_handle_ret(&(var)->h, (rc));                \
        rs_handle_unlock(&(var)->h);                                      \
        return rs_rc_;                                                    \
    } while (0)

/* Input strings: NULL stays NULL; len SQL_NTS or negative = NUL-terminated. The result is
 * malloc'ed (free with free()). *bad is set when allocation failed. */
char *rs_in_a(const SQLCHAR *s, SQLINTEGER len);
char *rs_in_w(const SQLWCHAR *s, SQLINTEGER len);

/* Output strings; return SQL_SUCCESS or SQL_SUCCESS_WITH_INFO (01004 posted on d). */
SQLRETURN rs_put_a(rs_diag *d, const char *s, SQLCHAR *buf, SQLLEN buflen, SQLSMALLINT *out16,
                   SQLINTEGER *out32);
/* W: buflen in SQLWCHARs, lengths in SQLWCHARs unless bytes is set (then both in bytes). */
SQLRETURN rs_put_w(rs_diag *d, const char *s, SQLWCHAR *buf, SQLLEN buflen, int bytes,
                   SQLSMALLINT *out16, SQLINTEGER *out32);

/* Catalog functions share this: runs fn's row source into the statement. */
SQLRETURN rs_api_catalog_open(rs_stmt *s, int rc_fn, rs_rowsource *rs, rs_error *err);

#endif
