/* SPDX-License-Identifier: Apache-2.0 */
/* The SQLGetInfo table behind rs_info_get: one entry per info type with its value kind and
 * either a fixed value or where the value comes from (the connection, the SQL translator). */
#ifndef RS_INFO_INT_H
#define RS_INFO_INT_H

#include <stddef.h>
#include "driver/odbc/info.h"

/* unixODBC's headers lack these two; Power BI asks for both. */
#ifndef SQL_RETURN_ESCAPE_CLAUSE
#define SQL_RETURN_ESCAPE_CLAUSE 180
#endif
#ifndef SQL_RC_NONE
#define SQL_RC_NONE 0x00000000L
#endif
#ifndef SQL_DTC_TRANSACTION_COST
#define SQL_DTC_TRANSACTION_COST 1750
#endif

typedef enum {
    RS_INFO_FIXED = 0,
    RS_INFO_DSN,
    RS_INFO_SERVER,
    RS_INFO_DBMS_NAME,
    RS_INFO_DBMS_VER,
    RS_INFO_USER,
    RS_INFO_DRIVER_VER,
    RS_INFO_READ_ONLY,
    RS_INFO_FN_STRING,
    RS_INFO_FN_NUMERIC,
    RS_INFO_FN_TIMEDATE,
    RS_INFO_FN_SYSTEM,
    RS_INFO_FN_CONVERT,
    RS_INFO_TSI_ADD,
    RS_INFO_TSI_DIFF,
    RS_INFO_CVT /* SQL_CONVERT_<type>: num holds the SQL_CVT_* class of the source type */
} rs_info_source;

typedef struct rs_info_entry {
    SQLUSMALLINT id;
    const char *name; /* "SQL_DBMS_NAME" */
    rs_info_kind kind;
    const char *str;  /* fixed string value */
    SQLUINTEGER num;  /* fixed numeric value (or the RS_INFO_CVT source class) */
    rs_info_source source;
    const char *why;  /* for docs/getinfo.md: the reason for a non-obvious answer, or NULL */
} rs_info_entry;

const rs_info_entry *rs_info_table(size_t *count);

/* Info types the ODBC layer (handles) or the driver manager answer; rs_info_get returns -1
 * for them. */
typedef struct rs_info_elsewhere {
    SQLUSMALLINT id;
    const char *name;
    rs_info_kind kind;
    const char *who;
} rs_info_elsewhere;
const rs_info_elsewhere *rs_info_elsewhere_table(size_t *count);

#endif
