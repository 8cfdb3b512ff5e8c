/* SPDX-License-Identifier: Apache-2.0 */
#include "driver/odbc/api.h"
#include "driver/convert/convert.h"

#include <stdlib.h>
#include <string.h>

char *rs_in_a(const SQLCHAR *s, SQLINTEGER len)
{
    if (!s)
        return NULL;
    if (len < 0)
        return strdup((const char *)s);
    return strndup((const char *)s, (size_t)len);
}

char *rs_in_w(const SQLWCHAR *s, SQLINTEGER len)
{
    if (!s)
        return NULL;
    return rs_utf16_to_utf8(s, len < 0 ? -1 : len, NULL);
}

SQLRETURN rs_put_a(rs_diag *d, const char *s, SQLCHAR *buf, SQLLEN buflen, SQLSMALLINT *out16,
                   SQLINTEGER *out32)
{
    SQLLEN full = 0;
    int trunc = rs_out_str(s ? s : "", buf, buflen, &full);

    if (out16)
        *out16 = (SQLSMALLINT)full;
    if (out32)
        *out32 = (SQLINTEGER)full;
    if (trunc)
        return rs_diag_post(d, "01004", 0, "string data, right truncated (%ld bytes needed)",
                            (long)full + 1);
    return SQL_SUCCESS;
}

SQLRETURN rs_put_w(rs_diag *d, const char *s, SQLWCHAR *buf, SQLLEN buflen, int bytes,
                   SQLSMALLINT *out16, SQLINTEGER *out32)
{
    SQLLEN full = 0;
    SQLLEN chars = bytes ? buflen / (SQLLEN)sizeof(SQLWCHAR) : buflen;
    int trunc = rs_out_wstr(s ? s : "", buf, chars, &full);

    if (bytes)
        full *= (SQLLEN)sizeof(SQLWCHAR);
    if (out16)
        *out16 = (SQLSMALLINT)full;
    if (out32)
        *out32 = (SQLINTEGER)full;
    if (trunc)
        return rs_diag_post(d, "01004", 0, "string data, right truncated");
    return SQL_SUCCESS;
}

SQLRETURN rs_api_catalog_open(rs_stmt *s, int rc_fn, rs_rowsource *rs, rs_error *err)
{
    if (rc_fn != 0) {
        rs_rowsource_close(rs);
        return rs_conn_post_error(s->conn, &s->h.diag, err);
    }
    return rs_stmt_open_rowsource(s, rs);
}
