/* SPDX-License-Identifier: Apache-2.0 */
/* SQLGetInfo as a typed table: every ODBC 3.8 info type with its value and value kind, so
 * the W entry point knows which answers are strings. */
#ifndef RS_INFO_H
#define RS_INFO_H

#include <sql.h>
#include <sqlext.h>

typedef enum { RS_INFO_STR, RS_INFO_USMALLINT, RS_INFO_UINTEGER, RS_INFO_ULEN } rs_info_kind;

typedef struct rs_info_value {
    rs_info_kind kind;
    const char *str;   /* RS_INFO_STR (static or owned by the connection context) */
    SQLUSMALLINT us;
    SQLUINTEGER ui;
    SQLULEN ul;
} rs_info_value;

/* What SQLGetInfo needs to know about the connection. */
typedef struct rs_info_ctx {
    const char *dsn;             /* "" when connected without a DSN */
    const char *server_url;
    const char *dbms_name;       /* "Rockset"                        */
    const char *dbms_version;    /* from the server, "" when unknown */
    const char *user_name;       /* the user's email, "" when unknown */
    const char *current_schema;  /* Workspace keyword                */
    int odbc_version;            /* SQL_OV_ODBC3 / SQL_OV_ODBC2 / SQL_OV_ODBC3_80 */
    int read_only;               /* SQL_MODE_READ_ONLY or ReadOnly=1 */
} rs_info_ctx;

/* 0 with *out filled; -1 when the info type is unknown (HY096). */
int rs_info_get(const rs_info_ctx *cx, SQLUSMALLINT info_type, rs_info_value *out);

#endif
