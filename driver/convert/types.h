/* SPDX-License-Identifier: Apache-2.0 */
/* The type registry: how Rockset value kinds map to SQL types, and the facts about each SQL
 * type the driver reports (SQLDescribeCol, SQLColAttribute, SQLColumns, SQLGetTypeInfo). */
#ifndef RS_TYPES_H
#define RS_TYPES_H

#include <sql.h>
#include <sqlext.h>
#include "driver/client/rowsource.h"

typedef struct rs_type_info {
    SQLSMALLINT sql_type;       /* concise type, e.g. SQL_BIGINT, SQL_TYPE_TIMESTAMP        */
    const char *type_name;      /* data-source type name, e.g. "int", "string"              */
    SQLULEN column_size;        /* precision / max chars (unbounded strings: max_varchar)  */
    SQLSMALLINT decimal_digits;
    SQLLEN octet_length;
    SQLLEN display_size;
    SQLSMALLINT num_prec_radix; /* 10, 2 or 0                                              */
    SQLSMALLINT is_unsigned;
    SQLSMALLINT searchable;     /* SQL_SEARCHABLE / SQL_PRED_BASIC / SQL_PRED_NONE         */
    SQLSMALLINT datetime_sub;   /* SQL_CODE_DATE ... for datetime types, else 0            */
    SQLSMALLINT verbose_type;   /* SQL_DATETIME for datetime types, else sql_type          */
    const char *literal_prefix, *literal_suffix;
    SQLSMALLINT fixed_prec_scale, case_sensitive;
} rs_type_info;

/* Column type for a value kind (RS_V_ABSENT/NULL give VARCHAR). wide selects the W types for
 * character data. max_varchar caps the advertised size of unbounded strings. */
void rs_types_for_kind(rs_vkind kind, int wide, SQLULEN max_varchar, rs_type_info *out);
/* Value kind for a Rockset type name ("int", "float", "bool", "string", "bytes", "date",
 * "time", "datetime", "timestamp", "object", "array", ...); unknown or "" -> RS_V_STRING. */
rs_vkind rs_types_kind_from_name(const char *rockset_type);
/* The Rockset type of a field seen with types a and b (either may be "", "null" or
 * "undefined": nothing known): int+float = "float", other mixes = "string". Returns a, b or
 * a static string; "" when neither says anything. */
const char *rs_types_merge(const char *a, const char *b);
/* The C type SQL_C_DEFAULT means for a SQL type. */
SQLSMALLINT rs_types_default_c_type(SQLSMALLINT sql_type);
/* All SQL types the driver reports, for SQLGetTypeInfo; *count receives the number. */
const rs_type_info *rs_types_all(size_t *count);

#endif
