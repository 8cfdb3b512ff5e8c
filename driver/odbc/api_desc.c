/* SPDX-License-Identifier: Apache-2.0 */
/* Entry points: descriptors. String fields are converted here; lengths of SQLGetDescFieldW
 * and SQLSetDescFieldW strings are in bytes, SQLGetDescRecW's name in characters. */
#include "driver/odbc/api.h"

#include <stdint.h>
#include <stdlib.h>

static SQLRETURN get_field(rs_desc *d, SQLSMALLINT rec, SQLSMALLINT field, SQLPOINTER value,
                           SQLINTEGER buflen, SQLINTEGER *len, int wide)
{
    const char *str = NULL;
    SQLRETURN rc = rs_desc_get_field(d, rec, field, value, buflen, len, &str);

    if (rc != SQL_SUCCESS || !str)
        return rc;
    return wide ? rs_put_w(&d->h.diag, str, value, buflen, 1, NULL, len)
                : rs_put_a(&d->h.diag, str, value, buflen, NULL, len);
}

/* SQLGetDescField: "returns the current setting or value of a single field of a descriptor
 * record". */
SQLRETURN SQL_API SQLGetDescField(SQLHDESC hdesc, SQLSMALLINT rec, SQLSMALLINT field,
                                  SQLPOINTER value, SQLINTEGER buflen, SQLINTEGER *len)
{
    RS_ENTER(rs_desc, d, hdesc, SQL_HANDLE_DESC);
    RS_LEAVE(d, get_field(d, rec, field, value, buflen, len, 0));
}

SQLRETURN SQL_API SQLGetDescFieldW(SQLHDESC hdesc, SQLSMALLINT rec, SQLSMALLINT field,
                                   SQLPOINTER value, SQLINTEGER buflen, SQLINTEGER *len)
{
    RS_ENTER(rs_desc, d, hdesc, SQL_HANDLE_DESC);
    RS_LEAVE(d, get_field(d, rec, field, value, buflen, len, 1));
}

/* SQLSetDescField: "sets the value of a single field of a descriptor record". */
SQLRETURN SQL_API SQLSetDescField(SQLHDESC hdesc, SQLSMALLINT rec, SQLSMALLINT field,
                                  SQLPOINTER value, SQLINTEGER buflen)
{
    RS_ENTER(rs_desc, d, hdesc, SQL_HANDLE_DESC);
    char *s = rs_desc_field_is_string(field) ? rs_in_a(value, buflen) : NULL;
    SQLRETURN rc = rs_desc_set_field(d, rec, field, s ? (SQLPOINTER)s : value, buflen);
    free(s);
    RS_LEAVE(d, rc);
}

SQLRETURN SQL_API SQLSetDescFieldW(SQLHDESC hdesc, SQLSMALLINT rec, SQLSMALLINT field,
                                   SQLPOINTER value, SQLINTEGER buflen)
{
    RS_ENTER(rs_desc, d, hdesc, SQL_HANDLE_DESC);
    char *s = rs_desc_field_is_string(field)
                  ? rs_in_w(value, buflen < 0 ? buflen : buflen / (SQLINTEGER)sizeof(SQLWCHAR))
                  : NULL;
    SQLRETURN rc = rs_desc_set_field(d, rec, field, s ? (SQLPOINTER)s : value, buflen);
    free(s);
    RS_LEAVE(d, rc);
}

static SQLRETURN get_rec(rs_desc *d, SQLSMALLINT recno, SQLPOINTER name, SQLSMALLINT buflen,
                         SQLSMALLINT *namelen, SQLSMALLINT *type, SQLSMALLINT *subtype,
                         SQLLEN *length, SQLSMALLINT *precision, SQLSMALLINT *scale,
                         SQLSMALLINT *nullable, int wide)
{
    rs_desc_rec *r;

    if (recno == 0)
        return rs_diag_post(&d->h.diag, "07009", 0, "bookmarks are not supported");
    if (recno < 0)
        return rs_diag_post(&d->h.diag, "07009", 0, "invalid record number %d", recno);
    if (recno > d->count)
        return SQL_NO_DATA;
    r = &d->recs[recno];
    if (type)
        *type = rs_desc_visible_type(d->odbc2, r->type);
    if (subtype)
        *subtype = r->datetime_interval_code;
    if (length)
        *length = r->octet_length;
    if (precision)
        *precision = r->precision;
    if (scale)
        *scale = r->scale;
    if (nullable)
        *nullable = r->nullable;
    return wide ? rs_put_w(&d->h.diag, r->name, name, buflen, 0, namelen, NULL)
                : rs_put_a(&d->h.diag, r->name, name, buflen, namelen, NULL);
}

/* SQLGetDescRec: "returns the current settings or values of multiple fields of a descriptor
 * record". */
SQLRETURN SQL_API SQLGetDescRec(SQLHDESC hdesc, SQLSMALLINT rec, SQLCHAR *name,
                                SQLSMALLINT buflen, SQLSMALLINT *namelen, SQLSMALLINT *type,
                                SQLSMALLINT *subtype, SQLLEN *length, SQLSMALLINT *precision,
                                SQLSMALLINT *scale, SQLSMALLINT *nullable)
{
    RS_ENTER(rs_desc, d, hdesc, SQL_HANDLE_DESC);
    RS_LEAVE(d, get_rec(d, rec, name, buflen, namelen, type, subtype, length, precision, scale,
                        nullable, 0));
}

SQLRETURN SQL_API SQLGetDescRecW(SQLHDESC hdesc, SQLSMALLINT rec, SQLWCHAR *name,
                                 SQLSMALLINT buflen, SQLSMALLINT *namelen, SQLSMALLINT *type,
                                 SQLSMALLINT *subtype, SQLLEN *length, SQLSMALLINT *precision,
                                 SQLSMALLINT *scale, SQLSMALLINT *nullable)
{
    RS_ENTER(rs_desc, d, hdesc, SQL_HANDLE_DESC);
    RS_LEAVE(d, get_rec(d, rec, name, buflen, namelen, type, subtype, length, precision, scale,
                        nullable, 1));
}

/* SQLSetDescRec: "sets multiple descriptor fields that affect the data type and buffer bound
 * to a column or parameter data". */
SQLRETURN SQL_API SQLSetDescRec(SQLHDESC hdesc, SQLSMALLINT rec, SQLSMALLINT type,
                                SQLSMALLINT subtype, SQLLEN length, SQLSMALLINT precision,
                                SQLSMALLINT scale, SQLPOINTER data, SQLLEN *strlen_ptr,
                                SQLLEN *ind)
{
    RS_ENTER(rs_desc, d, hdesc, SQL_HANDLE_DESC);
    SQLRETURN rc;
    rs_desc_rec *r;
    if (d->kind == RS_DESC_IRD)
        RS_LEAVE(d, rs_diag_post(&d->h.diag, "HY016", 0, "cannot modify an implementation row descriptor"));
    rc = rs_desc_set_field(d, rec, SQL_DESC_TYPE, (SQLPOINTER)(intptr_t)type, 0);
    if (rc == SQL_SUCCESS && (type == SQL_DATETIME || type == SQL_INTERVAL))
        rc = rs_desc_set_field(d, rec, SQL_DESC_DATETIME_INTERVAL_CODE,
                               (SQLPOINTER)(intptr_t)subtype, 0);
    if (rc != SQL_SUCCESS)
        RS_LEAVE(d, rc);
    r = rs_desc_rec_at(d, rec, 0);
    r->octet_length = length;
    r->precision = precision;
    r->scale = scale;
    r->octet_length_ptr = strlen_ptr;
    r->indicator_ptr = ind;
    RS_LEAVE(d, rs_desc_set_field(d, rec, SQL_DESC_DATA_PTR, data, 0));
}

/* SQLCopyDesc: "copies descriptor information from one descriptor handle to another". */
SQLRETURN SQL_API SQLCopyDesc(SQLHDESC src, SQLHDESC dst)
{
    rs_desc *s = (rs_desc *)rs_handle_check(src, SQL_HANDLE_DESC);
    SQLRETURN rc;
    if (!s)
        return SQL_INVALID_HANDLE;
    {
        RS_ENTER(rs_desc, d, dst, SQL_HANDLE_DESC);
        if (s != d)
            rs_handle_lock(&s->h);
        rc = rs_desc_copy(s, d);
        if (s != d)
            rs_handle_unlock(&s->h);
        RS_LEAVE(d, rc);
    }
}
