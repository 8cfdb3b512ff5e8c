/* SPDX-License-Identifier: Apache-2.0 */
#include "driver/odbc/handles.h"
#include "driver/convert/convert.h"

#include <stdlib.h>
#include <string.h>

void rs_handle_init(rs_handle *h, SQLSMALLINT type)
{
    pthread_mutexattr_t a;

    memset(h, 0, sizeof *h);
    h->type = type;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&h->mu, &a);
    pthread_mutexattr_destroy(&a);
    h->diag.connection_name = "";
    h->diag.server_name = "";
    h->diag.dynamic_function = "";
    switch (type) {
    case SQL_HANDLE_ENV: h->magic = RS_MAGIC_ENV; break;
    case SQL_HANDLE_DBC: h->magic = RS_MAGIC_DBC; break;
    case SQL_HANDLE_STMT: h->magic = RS_MAGIC_STMT; break;
    default: h->magic = RS_MAGIC_DESC; break;
    }
}

void rs_handle_destroy(rs_handle *h)
{
    h->magic = 0;
    rs_diag_free(&h->diag);
    pthread_mutex_destroy(&h->mu);
}

rs_handle *rs_handle_check(SQLHANDLE hv, SQLSMALLINT type)
{
    rs_handle *h = hv;
    unsigned want;

    if (!h)
        return NULL;
    switch (type) {
    case SQL_HANDLE_ENV: want = RS_MAGIC_ENV; break;
    case SQL_HANDLE_DBC: want = RS_MAGIC_DBC; break;
    case SQL_HANDLE_STMT: want = RS_MAGIC_STMT; break;
    case SQL_HANDLE_DESC: want = RS_MAGIC_DESC; break;
    default: return NULL;
    }
    return h->magic == want ? h : NULL;
}

void rs_handle_lock(rs_handle *h)
{
    pthread_mutex_lock(&h->mu);
}

void rs_handle_unlock(rs_handle *h)
{
    pthread_mutex_unlock(&h->mu);
}

SQLRETURN rs_handle_ret(rs_handle *h, SQLRETURN rc)
{
    h->diag.returncode = rc;
    return rc;
}

/* Length of the longest prefix of s (at most max bytes) that ends on a UTF-8 boundary. */
static size_t utf8_cut(const char *s, size_t max)
{
    size_t n = max;

    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

int rs_out_str(const char *s, SQLCHAR *buf, SQLLEN buflen, SQLLEN *outlen)
{
    size_t len = s ? strlen(s) : 0;

    if (outlen)
        *outlen = (SQLLEN)len;
    if (!buf)
        return 0; /* the application only asked for the length */
    if (buflen <= 0)
        return 1;
    if ((SQLLEN)len < buflen) {
        memcpy(buf, s ? s : "", len + 1);
        return 0;
    }
    {
        size_t n = utf8_cut(s, (size_t)buflen - 1);
        memcpy(buf, s, n);
        buf[n] = 0;
    }
    return 1;
}

int rs_out_wstr(const char *s, SQLWCHAR *buf, SQLLEN bufchars, SQLLEN *outlen)
{
    size_t wlen = 0;
    SQLWCHAR *w = rs_utf8_to_utf16(s ? s : "", -1, &wlen);
    int trunc = 0;

    if (outlen)
        *outlen = (SQLLEN)wlen;
    if (!w)
        return 0;
    if (buf && bufchars > 0) {
        size_t n = wlen;
        if ((SQLLEN)wlen >= bufchars) {
            n = (size_t)bufchars - 1;
            /* never leave half a surrogate pair */
            if (n > 0 && w[n - 1] >= 0xD800 && w[n - 1] <= 0xDBFF)
                n--;
            trunc = 1;
        }
        memcpy(buf, w, n * sizeof(SQLWCHAR));
        buf[n] = 0;
    } else if (buf) {
        trunc = 1;
    }
    free(w);
    return trunc;
}
