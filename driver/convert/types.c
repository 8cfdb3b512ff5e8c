/* SPDX-License-Identifier: Apache-2.0 */
/* The type registry: Rockset value kinds -> SQL types and the per-type facts of the ODBC
 * appendix "Column Size, Decimal Digits, Transfer Octet Length, and Display Size". */
#include "driver/convert/types.h"

#include <string.h>
#include <strings.h>

/* Fractional-second digits Rockset keeps (microseconds). */
#define RS_TYPES_FRAC 6

/* GetTypeInfo has no connection to hand; it reports the cap the ODBC layer defaults to.
 * rs_types_for_kind re-sizes character and binary rows from the connection's max_varchar. */
#define RS_TYPES_DEFAULT_VARCHAR 8000
#define RS_V8K RS_TYPES_DEFAULT_VARCHAR

/* One row per SQL type (two for SQL_TYPE_TIMESTAMP), ordered by DATA_TYPE for GetTypeInfo. */
static const rs_type_info rs_types_table[] = {
    /* sql_type, name, size, dd, octet, display, radix, unsigned, searchable, sub, verbose,
       prefix, suffix, fixed, case */
    {SQL_WLONGVARCHAR, "object", RS_V8K, 0, 2 * RS_V8K, RS_V8K, 0, SQL_TRUE, SQL_PRED_BASIC, 0, SQL_WLONGVARCHAR,
     "'", "'", SQL_FALSE, SQL_TRUE},
    {SQL_WVARCHAR, "string", RS_V8K, 0, 2 * RS_V8K, RS_V8K, 0, SQL_TRUE, SQL_SEARCHABLE, 0, SQL_WVARCHAR, "'", "'",
     SQL_FALSE, SQL_TRUE},
    {SQL_BIT, "bool", 1, 0, 1, 1, 0, SQL_TRUE, SQL_PRED_BASIC, 0, SQL_BIT, NULL, NULL, SQL_FALSE,
     SQL_FALSE},
    {SQL_BIGINT, "int", 19, 0, 8, 20, 10, SQL_FALSE, SQL_PRED_BASIC, 0, SQL_BIGINT, NULL, NULL,
     SQL_FALSE, SQL_FALSE},
    {SQL_VARBINARY, "bytes", RS_V8K, 0, RS_V8K, 2 * RS_V8K, 0, SQL_TRUE, SQL_PRED_BASIC, 0, SQL_VARBINARY, NULL,
     NULL, SQL_FALSE, SQL_FALSE},
    {SQL_LONGVARCHAR, "object", RS_V8K, 0, RS_V8K, RS_V8K, 0, SQL_TRUE, SQL_PRED_BASIC, 0, SQL_LONGVARCHAR,
     "'", "'", SQL_FALSE, SQL_TRUE},
    {SQL_DOUBLE, "float", 15, 0, 8, 24, 10, SQL_FALSE, SQL_PRED_BASIC, 0, SQL_DOUBLE, NULL, NULL,
     SQL_FALSE, SQL_FALSE},
    {SQL_VARCHAR, "string", RS_V8K, 0, RS_V8K, RS_V8K, 0, SQL_TRUE, SQL_SEARCHABLE, 0, SQL_VARCHAR, "'", "'",
     SQL_FALSE, SQL_TRUE},
    {SQL_TYPE_DATE, "date", 10, 0, sizeof(SQL_DATE_STRUCT), 10, 0, SQL_TRUE, SQL_PRED_BASIC,
     SQL_CODE_DATE, SQL_DATETIME, "DATE '", "'", SQL_FALSE, SQL_FALSE},
    /* hh:mm:ss plus '.' and the fraction digits */
    {SQL_TYPE_TIME, "time", 9 + RS_TYPES_FRAC, RS_TYPES_FRAC, sizeof(SQL_TIME_STRUCT),
     9 + RS_TYPES_FRAC, 0, SQL_TRUE, SQL_PRED_BASIC, SQL_CODE_TIME, SQL_DATETIME, "TIME '", "'",
     SQL_FALSE, SQL_FALSE},
    /* timestamp first: it is the type Rockset's own columns (_event_time) use, and the one
       parameters of SQL_TYPE_TIMESTAMP are sent as */
    {SQL_TYPE_TIMESTAMP, "timestamp", 20 + RS_TYPES_FRAC, RS_TYPES_FRAC,
     sizeof(SQL_TIMESTAMP_STRUCT), 20 + RS_TYPES_FRAC, 0, SQL_TRUE, SQL_PRED_BASIC,
     SQL_CODE_TIMESTAMP, SQL_DATETIME, "TIMESTAMP '", "'", SQL_FALSE, SQL_FALSE},
    {SQL_TYPE_TIMESTAMP, "datetime", 20 + RS_TYPES_FRAC, RS_TYPES_FRAC,
     sizeof(SQL_TIMESTAMP_STRUCT), 20 + RS_TYPES_FRAC, 0, SQL_TRUE, SQL_PRED_BASIC,
     SQL_CODE_TIMESTAMP, SQL_DATETIME, "DATETIME '", "'", SQL_FALSE, SQL_FALSE},
};

#define RS_TYPES_N (sizeof(rs_types_table) / sizeof(rs_types_table[0]))

static void rs_types_size(rs_type_info *t, SQLULEN max_varchar)
{
    switch (t->sql_type) {
    case SQL_VARCHAR:
    case SQL_LONGVARCHAR:
        t->column_size = max_varchar;
        t->octet_length = (SQLLEN)max_varchar;
        t->display_size = (SQLLEN)max_varchar;
        break;
    case SQL_WVARCHAR:
    case SQL_WLONGVARCHAR:
        t->column_size = max_varchar;
        t->octet_length = (SQLLEN)max_varchar * (SQLLEN)sizeof(SQLWCHAR);
        t->display_size = (SQLLEN)max_varchar;
        break;
    case SQL_VARBINARY:
        /* display is two hex digits per byte */
        t->column_size = max_varchar;
        t->octet_length = (SQLLEN)max_varchar;
        t->display_size = (SQLLEN)max_varchar * 2;
        break;
    default:
        break;
    }
}

static const rs_type_info *rs_types_find(SQLSMALLINT sql_type, const char *name)
{
    for (size_t i = 0; i < RS_TYPES_N; i++) {
        if (rs_types_table[i].sql_type != sql_type)
            continue;
        if (!name || strcasecmp(rs_types_table[i].type_name, name) == 0)
            return &rs_types_table[i];
    }
    return NULL;
}

void rs_types_for_kind(rs_vkind kind, int wide, SQLULEN max_varchar, rs_type_info *out)
{
    SQLSMALLINT st;
    const char *name = NULL;

    switch (kind) {
    case RS_V_INT: st = SQL_BIGINT; break;
    case RS_V_FLOAT: st = SQL_DOUBLE; break;
    case RS_V_BOOL: st = SQL_BIT; break;
    case RS_V_BYTES: st = SQL_VARBINARY; break;
    case RS_V_DATE: st = SQL_TYPE_DATE; break;
    case RS_V_TIME: st = SQL_TYPE_TIME; break;
    case RS_V_DATETIME: st = SQL_TYPE_TIMESTAMP; name = "datetime"; break;
    case RS_V_TIMESTAMP: st = SQL_TYPE_TIMESTAMP; name = "timestamp"; break;
    case RS_V_OBJECT:
    case RS_V_ARRAY:
    case RS_V_OTHER: st = wide ? SQL_WLONGVARCHAR : SQL_LONGVARCHAR; break;
    default: st = wide ? SQL_WVARCHAR : SQL_VARCHAR; break;
    }
    *out = *rs_types_find(st, name);
    if (kind == RS_V_ARRAY)
        out->type_name = "array";
    if (max_varchar == 0)
        max_varchar = RS_TYPES_DEFAULT_VARCHAR;
    rs_types_size(out, max_varchar);
}

rs_vkind rs_types_kind_from_name(const char *t)
{
    static const struct {
        const char *name;
        rs_vkind kind;
    } names[] = {
        {"int", RS_V_INT},           {"float", RS_V_FLOAT},
        {"bool", RS_V_BOOL},         {"string", RS_V_STRING},
        {"bytes", RS_V_BYTES},       {"date", RS_V_DATE},
        {"time", RS_V_TIME},         {"datetime", RS_V_DATETIME},
        {"timestamp", RS_V_TIMESTAMP}, {"object", RS_V_OBJECT},
        {"array", RS_V_ARRAY},       {"null", RS_V_NULL},
        {"undefined", RS_V_ABSENT},  {"month_interval", RS_V_OTHER},
        {"microsecond_interval", RS_V_OTHER}, {"geography", RS_V_OTHER},
        {"u256", RS_V_OTHER},
    };
    if (!t)
        return RS_V_STRING;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcasecmp(names[i].name, t) == 0)
            return names[i].kind;
    /* an unknown server type degrades to character data, never fails the statement */
    return RS_V_STRING;
}

SQLSMALLINT rs_types_default_c_type(SQLSMALLINT sql_type)
{
    switch (sql_type) {
    case SQL_CHAR: case SQL_VARCHAR: case SQL_LONGVARCHAR:
    case SQL_DECIMAL: case SQL_NUMERIC:
        return SQL_C_CHAR;
    case SQL_WCHAR: case SQL_WVARCHAR: case SQL_WLONGVARCHAR:
        return SQL_C_WCHAR;
    case SQL_BIT: return SQL_C_BIT;
    case SQL_TINYINT: return SQL_C_STINYINT;
    case SQL_SMALLINT: return SQL_C_SSHORT;
    case SQL_INTEGER: return SQL_C_SLONG;
    case SQL_BIGINT: return SQL_C_SBIGINT;
    case SQL_REAL: return SQL_C_FLOAT;
    case SQL_FLOAT: case SQL_DOUBLE: return SQL_C_DOUBLE;
    case SQL_BINARY: case SQL_VARBINARY: case SQL_LONGVARBINARY: return SQL_C_BINARY;
    case SQL_TYPE_DATE: case SQL_DATE: return SQL_C_TYPE_DATE;
    case SQL_TYPE_TIME: case SQL_TIME: return SQL_C_TYPE_TIME;
    case SQL_TYPE_TIMESTAMP: case SQL_TIMESTAMP: return SQL_C_TYPE_TIMESTAMP;
    case SQL_GUID: return SQL_C_GUID;
    default: return SQL_C_CHAR;
    }
}

const rs_type_info *rs_types_all(size_t *count)
{
    if (count)
        *count = RS_TYPES_N;
    return rs_types_table;
}

/* The one rule for a field's type, shared by SQLColumns (DESCRIBE's types of a field) and
 * result columns (the values of a column): null and undefined say nothing; int with float is
 * float; any other two different types make the field character data. So a field holding
 * ints and strings is VARCHAR in the catalog and in every query alike. */
const char *rs_types_merge(const char *a, const char *b)
{
    int a_none = !a || !*a || strcmp(a, "null") == 0 || strcmp(a, "undefined") == 0;
    int b_none = !b || !*b || strcmp(b, "null") == 0 || strcmp(b, "undefined") == 0;

    if (a_none)
        return b_none ? "" : b;
    if (b_none || strcasecmp(a, b) == 0)
        return a;
    if ((strcasecmp(a, "int") == 0 || strcasecmp(a, "float") == 0) &&
        (strcasecmp(b, "int") == 0 || strcasecmp(b, "float") == 0))
        return "float";
    return "string";
}
