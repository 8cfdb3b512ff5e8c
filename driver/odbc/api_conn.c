/* SPDX-License-Identifier: Apache-2.0 */
/* Entry points: connecting, connection attributes, SQLGetInfo, SQLNativeSql (ANSI and W). */
#include "driver/odbc/api.h"

#include <stdlib.h>
#include <string.h>

/* SQLConnect: "establishes connections to a driver and a data source". */
SQLRETURN SQL_API SQLConnect(SQLHDBC hdbc, SQLCHAR *dsn, SQLSMALLINT dsnlen, SQLCHAR *uid,
                             SQLSMALLINT uidlen, SQLCHAR *pwd, SQLSMALLINT pwdlen)
{
    RS_ENTER(rs_conn, c, hdbc, SQL_HANDLE_DBC);
    char *d = rs_in_a(dsn, dsnlen), *u = rs_in_a(uid, uidlen), *p = rs_in_a(pwd, pwdlen);
    SQLRETURN rc = rs_conn_connect(c, d, u, p, 0);
    if (p)
        memset(p, 0, strlen(p));
    free(d), free(u), free(p);
    RS_LEAVE(c, rc);
}

SQLRETURN SQL_API SQLConnectW(SQLHDBC hdbc, SQLWCHAR *dsn, SQLSMALLINT dsnlen, SQLWCHAR *uid,
                              SQLSMALLINT uidlen, SQLWCHAR *pwd, SQLSMALLINT pwdlen)
{
    RS_ENTER(rs_conn, c, hdbc, SQL_HANDLE_DBC);
    char *d = rs_in_w(dsn, dsnlen), *u = rs_in_w(uid, uidlen), *p = rs_in_w(pwd, pwdlen);
    SQLRETURN rc = rs_conn_connect(c, d, u, p, 1);
    if (p)
        memset(p, 0, strlen(p));
    free(d), free(u), free(p);
    RS_LEAVE(c, rc);
}

/* SQLDriverConnect: "an alternative to SQLConnect ... supports data sources that require
 * more connection information"; the completed string goes back to the application. */
SQLRETURN SQL_API SQLDriverConnect(SQLHDBC hdbc, SQLHWND hwnd, SQLCHAR *in, SQLSMALLINT inlen,
                                   SQLCHAR *out, SQLSMALLINT outmax, SQLSMALLINT *outlen,
                                   SQLUSMALLINT completion)
{
    RS_ENTER(rs_conn, c, hdbc, SQL_HANDLE_DBC);
    const char *done = NULL;
    SQLRETURN rc = rs_conn_driver_connect(c, hwnd, (const char *)in, in ? inlen : 0, completion,
                                          0, &done);
    if (SQL_SUCCEEDED(rc))
        rc = rs_rc_merge(rc, rs_put_a(&c->h.diag, done, out, outmax, outlen, NULL));
    RS_LEAVE(c, rc);
}

SQLRETURN SQL_API SQLDriverConnectW(SQLHDBC hdbc, SQLHWND hwnd, SQLWCHAR *in,
                                    SQLSMALLINT inlen, SQLWCHAR *out, SQLSMALLINT outmax,
                                    SQLSMALLINT *outlen, SQLUSMALLINT completion)
{
    RS_ENTER(rs_conn, c, hdbc, SQL_HANDLE_DBC);
    const char *done = NULL;
    char *s = rs_in_w(in, inlen);
    SQLRETURN rc = rs_conn_driver_connect(c, hwnd, s ? s : "", -1, completion, 1, &done);
    if (s)
        memset(s, 0, strlen(s));
    free(s);
    if (SQL_SUCCEEDED(rc))
        rc = rs_rc_merge(rc, rs_put_w(&c->h.diag, done, out, outmax, 0, outlen, NULL));
    RS_LEAVE(c, rc);
}

/* SQLDisconnect: "closes the connection associated with a specific connection handle". */
SQLRETURN SQL_API SQLDisconnect(SQLHDBC hdbc)
{
    RS_ENTER(rs_conn, c, hdbc, SQL_HANDLE_DBC);
    RS_LEAVE(c, rs_conn_disconnect(c));
}

/* SQLSetConnectAttr: "sets attributes that govern aspects of connections". */
SQLRETURN SQL_API SQLSetConnectAttr(SQLHDBC hdbc, SQLINTEGER attr, SQLPOINTER value,
                                    SQLINTEGER len)
{
    RS_ENTER(rs_conn, c, hdbc, SQL_HANDLE_DBC);
    char *s = rs_conn_attr_is_string(attr) ? rs_in_a(value, len) : NULL;
    SQLRETURN rc = rs_conn_set_attr(c, attr, value, len, s);
    free(s);
    RS_LEAVE(c, rc);
}

SQLRETURN SQL_API SQLSetConnectAttrW(SQLHDBC hdbc, SQLINTEGER attr, SQLPOINTER value,
                                     SQLINTEGER len)
{
    RS_ENTER(rs_conn, c, hdbc, SQL_HANDLE_DBC);
    /* string attribute lengths are in bytes in the W form */
    char *s = rs_conn_attr_is_string(attr)
                  ? rs_in_w(value, len < 0 ? len : len / (SQLINTEGER)sizeof(SQLWCHAR))
                  : NULL;
    SQLRETURN rc = rs_conn_set_attr(c, attr, value, len, s);
    free(s);
    RS_LEAVE(c, rc);
}

/* SQLGetConnectAttr: "returns the current setting of a connection attribute". */
SQLRETURN SQL_API SQLGetConnectAttr(SQLHDBC hdbc, SQLINTEGER attr, SQLPOINTER value,
                                    SQLINTEGER buflen, SQLINTEGER *len)
{
    RS_ENTER(rs_conn, c, hdbc, SQL_HANDLE_DBC);
    const char *s = NULL;
    SQLRETURN rc = rs_conn_get_attr(c, attr, value, buflen, len, &s);
    if (SQL_SUCCEEDED(rc) && s)
        rc = rs_rc_merge(rc, rs_put_a(&c->h.diag, s, value, buflen, NULL, len));
    RS_LEAVE(c, rc);
}

SQLRETURN SQL_API SQLGetConnectAttrW(SQLHDBC hdbc, SQLINTEGER attr, SQLPOINTER value,
                                     SQLINTEGER buflen, SQLINTEGER *len)
{
    RS_ENTER(rs_conn, c, hdbc, SQL_HANDLE_DBC);
    const char *s = NULL;
    SQLRETURN rc = rs_conn_get_attr(c, attr, value, buflen, len, &s);
    if (SQL_SUCCEEDED(rc) && s)
        rc = rs_rc_merge(rc, rs_put_w(&c->h.diag, s, value, buflen, 1, NULL, len));
    RS_LEAVE(c, rc);
}

/* SQLGetInfo: "returns general information about the driver and data source". */
SQLRETURN SQL_API SQLGetInfo(SQLHDBC hdbc, SQLUSMALLINT type, SQLPOINTER value,
                             SQLSMALLINT buflen, SQLSMALLINT *len)
{
    RS_ENTER(rs_conn, c, hdbc, SQL_HANDLE_DBC);
    const char *s = NULL;
    SQLRETURN rc = rs_conn_get_info(c, type, value, buflen, len, &s);
    if (SQL_SUCCEEDED(rc) && s)
        rc = rs_rc_merge(rc, rs_put_a(&c->h.diag, s, value, buflen, len, NULL));
    RS_LEAVE(c, rc);
}

SQLRETURN SQL_API SQLGetInfoW(SQLHDBC hdbc, SQLUSMALLINT type, SQLPOINTER value,
                              SQLSMALLINT buflen, SQLSMALLINT *len)
{
    RS_ENTER(rs_conn, c, hdbc, SQL_HANDLE_DBC);
    const char *s = NULL;
    SQLRETURN rc = rs_conn_get_info(c, type, value, buflen, len, &s);
    if (SQL_SUCCEEDED(rc) && s)
        rc = rs_rc_merge(rc, rs_put_w(&c->h.diag, s, value, buflen, 1, len, NULL));
    RS_LEAVE(c, rc);
}

/* SQLNativeSql: "returns the SQL string as modified by the driver". */
SQLRETURN SQL_API SQLNativeSql(SQLHDBC hdbc, SQLCHAR *in, SQLINTEGER inlen, SQLCHAR *out,
                               SQLINTEGER outmax, SQLINTEGER *outlen)
{
    RS_ENTER(rs_conn, c, hdbc, SQL_HANDLE_DBC);
    char *res = NULL;
    SQLRETURN rc;
    if (!in)
        RS_LEAVE(c, rs_diag_post(&c->h.diag, "HY009", 0, "null statement text"));
    rc = rs_native_sql(c, (const char *)in, inlen == SQL_NTS ? -1 : inlen, &res);
    if (SQL_SUCCEEDED(rc))
        rc = rs_rc_merge(rc, rs_put_a(&c->h.diag, res, out, outmax, NULL, outlen));
    free(res);
    RS_LEAVE(c, rc);
}

SQLRETURN SQL_API SQLNativeSqlW(SQLHDBC hdbc, SQLWCHAR *in, SQLINTEGER inlen, SQLWCHAR *out,
                                SQLINTEGER outmax, SQLINTEGER *outlen)
{
    RS_ENTER(rs_conn, c, hdbc, SQL_HANDLE_DBC);
    char *res = NULL, *s;
    SQLRETURN rc;
    if (!in)
        RS_LEAVE(c, rs_diag_post(&c->h.diag, "HY009", 0, "null statement text"));
    s = rs_in_w(in, inlen);
    rc = rs_native_sql(c, s ? s : "", -1, &res);
    free(s);
    if (SQL_SUCCEEDED(rc))
        rc = rs_rc_merge(rc, rs_put_w(&c->h.diag, res, out, outmax, 0, NULL, outlen));
    free(res);
    RS_LEAVE(c, rc);
}
