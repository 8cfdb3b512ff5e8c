/* SPDX-License-Identifier: Apache-2.0 */
/* SQLGetInfo answers: the fixed ones from info_table.c, the rest from the connection, the
 * package version and the SQL translator's function table. */
#include "config.h"

#include "driver/odbc/info_int.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "driver/sql/sqlrewrite.h"

#define RS_CVT_NUMBERS                                                                        \
    (SQL_CVT_BIGINT | SQL_CVT_INTEGER | SQL_CVT_SMALLINT | SQL_CVT_TINYINT | SQL_CVT_DOUBLE | \
     SQL_CVT_FLOAT | SQL_CVT_REAL | SQL_CVT_DECIMAL | SQL_CVT_NUMERIC)
#define RS_CVT_TEXT                                                                       \
    (SQL_CVT_CHAR | SQL_CVT_VARCHAR | SQL_CVT_LONGVARCHAR | SQL_CVT_WCHAR | SQL_CVT_WVARCHAR | \
     SQL_CVT_WLONGVARCHAR)
#define RS_CVT_BYTES (SQL_CVT_BINARY | SQL_CVT_VARBINARY | SQL_CVT_LONGVARBINARY)

/* What CAST(x AS t) accepts in Rockset for a value of the given ODBC type class: numbers and
 * booleans convert among themselves and to text, text to anything, datetimes to their
 * parts and to text, bytes only to bytes. Intervals and GUIDs are no Rockset types. */
static SQLUINTEGER rs_cvt_targets(SQLUINTEGER cls)
{
    if (cls & (RS_CVT_NUMBERS | SQL_CVT_BIT))
        return RS_CVT_NUMBERS | SQL_CVT_BIT | RS_CVT_TEXT;
    if (cls & RS_CVT_TEXT)
        return RS_CVT_NUMBERS | SQL_CVT_BIT | RS_CVT_TEXT | SQL_CVT_DATE | SQL_CVT_TIME |
               SQL_CVT_TIMESTAMP | SQL_CVT_GUID;
    if (cls & SQL_CVT_DATE)
        return SQL_CVT_DATE | SQL_CVT_TIMESTAMP | RS_CVT_TEXT;
    if (cls & SQL_CVT_TIME)
        return SQL_CVT_TIME | RS_CVT_TEXT;
    if (cls & SQL_CVT_TIMESTAMP)
        return SQL_CVT_DATE | SQL_CVT_TIME | SQL_CVT_TIMESTAMP | RS_CVT_TEXT;
    if (cls & RS_CVT_BYTES)
        return RS_CVT_BYTES;
    return 0;
}

static char rs_driver_ver_buf[16];
static pthread_once_t rs_driver_ver_once = PTHREAD_ONCE_INIT;

/* "0.1.0" -> "00.01.0000", the ##.##.#### form SQL_DRIVER_VER asks for. */
static void rs_driver_ver_init(void)
{
    unsigned a = 0, b = 0, c = 0;

    sscanf(PACKAGE_VERSION, "%u.%u.%u", &a, &b, &c);
    snprintf(rs_driver_ver_buf, sizeof rs_driver_ver_buf, "%02u.%02u.%04u", a % 100, b % 100,
             c % 10000);
}

static const char *rs_driver_ver(void)
{
    pthread_once(&rs_driver_ver_once, rs_driver_ver_init);
    return rs_driver_ver_buf;
}

static const char *rs_nz(const char *s)
{
    return s ? s : "";
}

static const char *rs_info_dyn_str(const rs_info_ctx *cx, rs_info_source src)
{
    switch (src) {
    case RS_INFO_DSN:
        return rs_nz(cx ? cx->dsn : NULL);
    case RS_INFO_SERVER:
        return rs_nz(cx ? cx->server_url : NULL);
    case RS_INFO_DBMS_NAME:
        return cx && cx->dbms_name && *cx->dbms_name ? cx->dbms_name : "Rockset";
    case RS_INFO_DBMS_VER:
        return rs_nz(cx ? cx->dbms_version : NULL);
    case RS_INFO_USER:
        return rs_nz(cx ? cx->user_name : NULL);
    case RS_INFO_DRIVER_VER:
        return rs_driver_ver();
    case RS_INFO_READ_ONLY:
        return cx && cx->read_only ? "Y" : "N";
    default:
        return "";
    }
}

static SQLUINTEGER rs_tsi_all(void)
{
    return SQL_FN_TSI_SECOND | SQL_FN_TSI_MINUTE | SQL_FN_TSI_HOUR | SQL_FN_TSI_DAY |
           SQL_FN_TSI_WEEK | SQL_FN_TSI_MONTH | SQL_FN_TSI_QUARTER | SQL_FN_TSI_YEAR;
}

static SQLUINTEGER rs_info_dyn_num(const rs_info_entry *e)
{
    switch (e->source) {
    case RS_INFO_FN_STRING:
        return (SQLUINTEGER)rs_sql_fn_string_mask();
    case RS_INFO_FN_NUMERIC:
        return (SQLUINTEGER)rs_sql_fn_numeric_mask();
    case RS_INFO_FN_TIMEDATE:
        return (SQLUINTEGER)rs_sql_fn_timedate_mask();
    case RS_INFO_FN_SYSTEM:
        return (SQLUINTEGER)rs_sql_fn_system_mask();
    case RS_INFO_FN_CONVERT:
        return (SQLUINTEGER)rs_sql_fn_convert_mask();
    case RS_INFO_TSI_ADD:
        return (rs_sql_fn_timedate_mask() & SQL_FN_TD_TIMESTAMPADD) ? rs_tsi_all() : 0;
    case RS_INFO_TSI_DIFF:
        return (rs_sql_fn_timedate_mask() & SQL_FN_TD_TIMESTAMPDIFF) ? rs_tsi_all() : 0;
    case RS_INFO_CVT:
        return (rs_sql_fn_convert_mask() & SQL_FN_CVT_CONVERT) ? rs_cvt_targets(e->num) : 0;
    default:
        return e->num;
    }
}

int rs_info_get(const rs_info_ctx *cx, SQLUSMALLINT info_type, rs_info_value *out)
{
    size_t n;
    const rs_info_entry *t = rs_info_table(&n);

    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        if (t[i].id != info_type)
            continue;
        out->kind = t[i].kind;
        if (t[i].kind == RS_INFO_STR)
            out->str = t[i].source == RS_INFO_FIXED ? t[i].str : rs_info_dyn_str(cx, t[i].source);
        else if (t[i].kind == RS_INFO_USMALLINT)
            out->us = (SQLUSMALLINT)t[i].num;
        else
            out->ui = rs_info_dyn_num(&t[i]);
        return 0;
    }
    return -1;
}
