/* SPDX-License-Identifier: Apache-2.0 */
/* Connection attributes (SQLSetConnectAttr / SQLGetConnectAttr) and SQLGetInfo's
 * handle-dependent answers. */
#include "driver/odbc/conn.h"
#include "driver/odbc/stmt.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* unixODBC tells the driver whether the application is ANSI (sqlext.h may not define it). */
#ifndef SQL_ATTR_ANSI_APP
#define SQL_ATTR_ANSI_APP 115
#endif

/* What the catalog area reports as the one catalog (SQL_CATALOG_NAME and friends). */
static const char *default_catalog(rs_conn *c)
{
    rs_info_ctx cx = {"", "", "Rockset", "", "", "", SQL_OV_ODBC3, 0};
    rs_info_value v;

    (void)c;
    if (rs_info_get(&cx, SQL_DATABASE_NAME, &v) == 0 && v.kind == RS_INFO_STR && v.str)
        return v.str;
    return "";
}

int rs_conn_attr_is_string(SQLINTEGER attr)
{
    return attr == SQL_ATTR_CURRENT_CATALOG || attr == SQL_ATTR_TRACEFILE ||
           attr == SQL_ATTR_TRANSLATE_LIB;
}

SQLRETURN rs_conn_set_attr(rs_conn *c, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len,
                           const char *str)
{
    SQLULEN v = (SQLULEN)(uintptr_t)value;

    (void)len;
    switch (attr) {
    case SQL_ATTR_AUTOCOMMIT:
        if (v == SQL_AUTOCOMMIT_ON)
            return SQL_SUCCESS;
        if (v != SQL_AUTOCOMMIT_OFF)
            return rs_diag_post(&c->h.diag, "HY024", 0, "invalid autocommit value %lu",
                                (unsigned long)v);
        /* pyodbc and other clients turn autocommit off by default and give up when that
         * fails; every statement here takes effect at once anyway, so keep autocommit on and
         * say so (option value changed) rather than refuse the connection. */
        return rs_diag_post(&c->h.diag, "01S02", 0,
                            "Rockset has no transactions: autocommit stays on, and commit and "
                            "rollback do nothing");
    case SQL_ATTR_ACCESS_MODE:
        if (v != SQL_MODE_READ_ONLY && v != SQL_MODE_READ_WRITE)
            return rs_diag_post(&c->h.diag, "HY024", 0, "invalid access mode %lu",
                                (unsigned long)v);
        c->access_mode = (SQLUINTEGER)v;
        return SQL_SUCCESS;
    case SQL_ATTR_CURRENT_CATALOG: {
        const char *want = str ? str : "";
        if (*want && strcmp(want, default_catalog(c)) != 0)
            return rs_diag_post(&c->h.diag, "HY024", 0,
                                "unknown catalog '%s' (the only catalog is '%s')", want,
                                default_catalog(c));
        free(c->current_catalog);
        c->current_catalog = strdup(want);
        return SQL_SUCCESS;
    }
    case SQL_ATTR_LOGIN_TIMEOUT:
        if (c->connected)
            return rs_diag_post(&c->h.diag, "HY011", 0, "login timeout set after connecting");
        c->login_timeout = (SQLUINTEGER)v;
        return SQL_SUCCESS;
    case SQL_ATTR_CONNECTION_TIMEOUT:
        c->connection_timeout = (SQLUINTEGER)v;
        return SQL_SUCCESS;
    case SQL_ATTR_PACKET_SIZE:
        if (c->connected)
            return rs_diag_post(&c->h.diag, "HY011", 0, "packet size set after connecting");
        return rs_diag_post(&c->h.diag, "01S02", 0,
                            "HTTP has no packet size: SQL_ATTR_PACKET_SIZE ignored");
    case SQL_ATTR_METADATA_ID:
        c->metadata_id = v ? SQL_TRUE : SQL_FALSE;
        return SQL_SUCCESS;
    case SQL_ATTR_QUIET_MODE:
        c->quiet_mode = value;
        return SQL_SUCCESS;
    case SQL_ATTR_ANSI_APP:
        c->ansi_app = (SQLUINTEGER)v;
        return SQL_SUCCESS;
    case SQL_ATTR_ASYNC_ENABLE:
        if (v == SQL_ASYNC_ENABLE_OFF)
            return SQL_SUCCESS;
        return rs_diag_post(&c->h.diag, "HYC00", 0, "asynchronous execution is not supported");
    case SQL_ATTR_TXN_ISOLATION:
        return rs_diag_post(&c->h.diag, "HYC00", 0, "Rockset has no transactions");
    case SQL_ATTR_ODBC_CURSORS:
    case SQL_ATTR_TRACE:
    case SQL_ATTR_TRACEFILE:
        return SQL_SUCCESS; /* the driver manager's business */
    /* statement attributes set on the connection become defaults (ODBC 2 behaviour) */
    case SQL_ATTR_QUERY_TIMEOUT:
        c->query_timeout = v;
        return SQL_SUCCESS;
    case SQL_ATTR_MAX_ROWS:
        c->max_rows = v;
        return SQL_SUCCESS;
    default:
        return rs_diag_post(&c->h.diag, "HY092", 0, "unsupported connection attribute %d",
                            (int)attr);
    }
}

#define PUTU(v)                                         \
    do {                                                \
        if (value)                                      \
            *(SQLUINTEGER *)value = (SQLUINTEGER)(v);   \
        if (len)                                        \
            *len = sizeof(SQLUINTEGER);                 \
    } while (0)

SQLRETURN rs_conn_get_attr(rs_conn *c, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER buflen,
                           SQLINTEGER *len, const char **str)
{
    (void)buflen;
    *str = NULL;
    switch (attr) {
    case SQL_ATTR_AUTOCOMMIT: PUTU(SQL_AUTOCOMMIT_ON); break;
    case SQL_ATTR_ACCESS_MODE: PUTU(c->access_mode); break;
    case SQL_ATTR_CURRENT_CATALOG:
        *str = c->current_catalog ? c->current_catalog : default_catalog(c);
        break;
    case SQL_ATTR_LOGIN_TIMEOUT: PUTU(c->login_timeout); break;
    case SQL_ATTR_CONNECTION_TIMEOUT: PUTU(c->connection_timeout); break;
    case SQL_ATTR_METADATA_ID: PUTU(c->metadata_id); break;
    case SQL_ATTR_CONNECTION_DEAD:
        PUTU(c->connected && !c->dead ? SQL_CD_FALSE : SQL_CD_TRUE);
        break;
    case SQL_ATTR_AUTO_IPD: PUTU(SQL_FALSE); break;
    case SQL_ATTR_ASYNC_ENABLE: PUTU(SQL_ASYNC_ENABLE_OFF); break;
    case SQL_ATTR_TXN_ISOLATION: PUTU(0); break;
    case SQL_ATTR_QUERY_TIMEOUT: PUTU(c->query_timeout); break;
    case SQL_ATTR_MAX_ROWS: PUTU(c->max_rows); break;
    case SQL_ATTR_ANSI_APP: PUTU(c->ansi_app); break;
    case SQL_ATTR_QUIET_MODE:
        if (value)
            *(SQLPOINTER *)value = c->quiet_mode;
        if (len)
            *len = sizeof(SQLPOINTER);
        break;
    case SQL_ATTR_PACKET_SIZE:
        return rs_diag_post(&c->h.diag, "HYC00", 0, "HTTP has no packet size");
    default:
        return rs_diag_post(&c->h.diag, "HY092", 0, "unsupported connection attribute %d",
                            (int)attr);
    }
    return SQL_SUCCESS;
}

SQLRETURN rs_conn_get_info(rs_conn *c, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT buflen,
                           SQLSMALLINT *len, const char **str)
{
    rs_info_ctx cx;
    rs_info_value v;

    (void)buflen;
    *str = NULL;
    /* handle-dependent answers the table cannot know */
    switch (type) {
    case SQL_DRIVER_HENV: case SQL_DRIVER_HDBC: case SQL_DRIVER_HSTMT:
    case SQL_DRIVER_HDESC: case SQL_DRIVER_HLIB: {
        SQLULEN h = 0;
        if (type == SQL_DRIVER_HENV)
            h = (SQLULEN)(uintptr_t)c->env;
        else if (type == SQL_DRIVER_HDBC)
            h = (SQLULEN)(uintptr_t)c;
        else if (value && type != SQL_DRIVER_HLIB)
            h = *(SQLULEN *)value; /* the handle the application passed in */
        if (value)
            *(SQLULEN *)value = h;
        if (len)
            *len = sizeof(SQLULEN);
        return SQL_SUCCESS;
    }
    default:
        break;
    }
    memset(&cx, 0, sizeof cx);
    cx.dsn = c->cfg.dsn ? c->cfg.dsn : "";
    cx.server_url = c->cfg.server ? c->cfg.server : "";
    cx.dbms_name = "Rockset";
    cx.dbms_version = c->dbms_version;
    cx.user_name = c->user_name;
    cx.current_schema = c->cfg.workspace ? c->cfg.workspace : "";
    cx.odbc_version = c->env->odbc_version;
    cx.read_only = c->access_mode == SQL_MODE_READ_ONLY || c->cfg.read_only;
    if (rs_info_get(&cx, type, &v) != 0)
        return rs_diag_post(&c->h.diag, "HY096", 0, "unknown information type %u", type);
    switch (v.kind) {
    case RS_INFO_STR:
        *str = v.str ? v.str : "";
        return SQL_SUCCESS;
    case RS_INFO_USMALLINT:
        if (value)
            *(SQLUSMALLINT *)value = v.us;
        if (len)
            *len = sizeof(SQLUSMALLINT);
        break;
    case RS_INFO_UINTEGER:
        if (value)
            *(SQLUINTEGER *)value = v.ui;
        if (len)
            *len = sizeof(SQLUINTEGER);
        break;
    case RS_INFO_ULEN:
        if (value)
            *(SQLULEN *)value = v.ul;
        if (len)
            *len = sizeof(SQLULEN);
        break;
    }
    return SQL_SUCCESS;
}
