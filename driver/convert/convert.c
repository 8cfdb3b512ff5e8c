/* SPDX-License-Identifier: Apache-2.0 */
/* Result cell -> application buffer (ODBC appendix D, "Converting Data from SQL to C Data
 * Types"). The column's SQL type decides which conversions are allowed (07006 otherwise); the
 * cell's own kind decides how its text is read, so a mixed (character) column still converts
 * each value by what it is. */
#include "driver/convert/convert_internal.h"
#include "driver/convert/types.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void rs_conv_ok(rs_conv_status *st)
{
    st->rc = SQL_SUCCESS;
    st->sqlstate[0] = '\0';
    st->message[0] = '\0';
}

void rs_conv_set(rs_conv_status *st, SQLRETURN rc, const char *state, const char *fmt, ...)
{
    va_list ap;
    st->rc = rc;
    snprintf(st->sqlstate, sizeof(st->sqlstate), "%s", state);
    va_start(ap, fmt);
    vsnprintf(st->message, sizeof(st->message), fmt, ap);
    va_end(ap);
}

void rs_conv_info(rs_conv_status *st, const char *state, const char *msg)
{
    if (st->rc == SQL_SUCCESS)
        rs_conv_set(st, SQL_SUCCESS_WITH_INFO, state, "%s", msg);
}

rs_sqlclass rs_conv_class(SQLSMALLINT sql_type)
{
    switch (sql_type) {
    case SQL_CHAR: case SQL_VARCHAR: case SQL_LONGVARCHAR:
    case SQL_WCHAR: case SQL_WVARCHAR: case SQL_WLONGVARCHAR:
        return RS_CL_CHAR;
    case SQL_TINYINT: case SQL_SMALLINT: case SQL_INTEGER: case SQL_BIGINT:
        return RS_CL_INT;
    case SQL_REAL: case SQL_FLOAT: case SQL_DOUBLE:
        return RS_CL_APPROX;
    case SQL_DECIMAL: case SQL_NUMERIC:
        return RS_CL_DECIMAL;
    case SQL_BIT: return RS_CL_BIT;
    case SQL_BINARY: case SQL_VARBINARY: case SQL_LONGVARBINARY: return RS_CL_BINARY;
    case SQL_TYPE_DATE: case SQL_DATE: return RS_CL_DATE;
    case SQL_TYPE_TIME: case SQL_TIME: return RS_CL_TIME;
    case SQL_TYPE_TIMESTAMP: case SQL_TIMESTAMP: return RS_CL_TIMESTAMP;
    case SQL_GUID: return RS_CL_GUID;
    default: return RS_CL_NONE;
    }
}

rs_ctarget rs_ctarget_of(SQLSMALLINT c_type)
{
    switch (c_type) {
    case SQL_C_CHAR: return RS_T_CHAR;
    case SQL_C_WCHAR: return RS_T_WCHAR;
    case SQL_C_BINARY: return RS_T_BINARY;
    case SQL_C_TYPE_DATE: case SQL_C_DATE: return RS_T_DATE;
    case SQL_C_TYPE_TIME: case SQL_C_TIME: return RS_T_TIME;
    case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP: return RS_T_TS;
    case SQL_C_GUID: return RS_T_GUID;
    default: break;
    }
    if (c_type >= SQL_C_INTERVAL_YEAR && c_type <= SQL_C_INTERVAL_MINUTE_TO_SECOND)
        return RS_T_INTERVAL;
    return rs_conv_c_size(c_type) ? RS_T_NUM : RS_T_BAD;
}

/* Appendix D's matrix, by column class. */
int rs_conv_allowed(rs_sqlclass cl, rs_ctarget t)
{
    if (t == RS_T_CHAR || t == RS_T_WCHAR || t == RS_T_BINARY)
        return 1;
    switch (cl) {
    case RS_CL_CHAR: return 1;
    case RS_CL_INT: case RS_CL_APPROX: case RS_CL_DECIMAL: case RS_CL_BIT:
        return t == RS_T_NUM || (t == RS_T_INTERVAL && cl != RS_CL_APPROX && cl != RS_CL_BIT);
    case RS_CL_DATE: return t == RS_T_DATE || t == RS_T_TS;
    case RS_CL_TIME: return t == RS_T_TIME || t == RS_T_TS;
    case RS_CL_TIMESTAMP: return t == RS_T_DATE || t == RS_T_TIME || t == RS_T_TS;
    case RS_CL_GUID: return t == RS_T_GUID;
    default: return 0;
    }
}

static int rs_kind_is_datetime(rs_vkind k)
{
    return k == RS_V_DATE || k == RS_V_TIME || k == RS_V_DATETIME || k == RS_V_TIMESTAMP;
}

static void rs_bad_char(rs_conv_status *st)
{
    rs_conv_set(st, SQL_ERROR, "22018", "Invalid character value for cast specification");
}

static void rs_conv_number(const rs_cell *cell, SQLSMALLINT c_type, void *tmp,
                           SQLSMALLINT prec, SQLSMALLINT scale, rs_conv_status *st)
{
    rs_dec d;
    const char *s = cell->text ? cell->text : "";
    size_t len = cell->text ? cell->len : 0;

    if (cell->kind == RS_V_BOOL) {
        int t = len > 0 && (s[0] == 't' || s[0] == 'T');
        rs_dec_parse(t ? "1" : "0", 1, &d);
    } else if (rs_dec_parse(s, len, &d) != 0) {
        /* for SQL_C_BIT a character "true"/"false" is as clear as "1"/"0" */
        if (c_type == SQL_C_BIT && (strcasecmp(s, "true") == 0 || strcasecmp(s, "false") == 0))
            rs_dec_parse(s[0] == 't' || s[0] == 'T' ? "1" : "0", 1, &d);
        else {
            rs_bad_char(st);
            return;
        }
    }
    rs_conv_num_to_c(&d, c_type, tmp, prec, scale, st);
}

static void rs_conv_datetime(const rs_cell *cell, rs_sqlclass cl, SQLSMALLINT c_type,
                             void *tmp, rs_conv_status *st)
{
    rs_dt dt;
    if (!cell->text || rs_dt_parse(cell->text, cell->len, &dt) != 0) {
        if (rs_kind_is_datetime(cell->kind) && cl != RS_CL_CHAR)
            rs_conv_set(st, SQL_ERROR, "22007", "Invalid datetime format");
        else
            rs_bad_char(st);
        return;
    }
    rs_conv_dt_to_c(&dt, c_type, tmp, st);
}

typedef union rs_conv_tmp {
    SQL_NUMERIC_STRUCT n;
    SQL_TIMESTAMP_STRUCT ts;
    SQLGUID g;
    double d;
    long long ll;
    unsigned char b[64];
} rs_conv_tmp;

/* Fixed-size targets: converts into tmp; the caller copies on success. */
static void rs_conv_fixed(const rs_cell *cell, rs_sqlclass cl, SQLSMALLINT c_type,
                          rs_conv_tmp *tmp, SQLSMALLINT prec, SQLSMALLINT scale,
                          rs_conv_status *st)
{
    rs_ctarget t = rs_ctarget_of(c_type);
    if (t == RS_T_DATE || t == RS_T_TIME || t == RS_T_TS) {
        rs_conv_datetime(cell, cl, c_type, tmp, st);
    } else if (t == RS_T_GUID) {
        if (!cell->text || rs_guid_parse(cell->text, cell->len, &tmp->g) != 0)
            rs_bad_char(st);
    } else {
        rs_conv_number(cell, c_type, tmp, prec, scale, st);
    }
}

/* The C type holding a value of a fixed-size SQL type, for SQL_C_BINARY ("the data source's
 * binary representation"); 0 for character and binary columns. */
static SQLSMALLINT rs_binary_repr(SQLSMALLINT sql_type)
{
    switch (sql_type) {
    case SQL_TINYINT: return SQL_C_STINYINT;
    case SQL_SMALLINT: return SQL_C_SSHORT;
    case SQL_INTEGER: return SQL_C_SLONG;
    case SQL_BIGINT: return SQL_C_SBIGINT;
    case SQL_REAL: return SQL_C_FLOAT;
    case SQL_FLOAT: case SQL_DOUBLE: return SQL_C_DOUBLE;
    case SQL_DECIMAL: case SQL_NUMERIC: return SQL_C_NUMERIC;
    case SQL_BIT: return SQL_C_BIT;
    case SQL_TYPE_DATE: case SQL_DATE: return SQL_C_TYPE_DATE;
    case SQL_TYPE_TIME: case SQL_TIME: return SQL_C_TYPE_TIME;
    case SQL_TYPE_TIMESTAMP: case SQL_TIMESTAMP: return SQL_C_TYPE_TIMESTAMP;
    case SQL_GUID: return SQL_C_GUID;
    default: return 0;
    }
}

static void rs_conv_store_fixed(const rs_conv_tmp *tmp, size_t size, SQLPOINTER target,
                                SQLLEN *ind, size_t *offset)
{
    if (target)
        memcpy(target, tmp, size);
    if (ind)
        *ind = (SQLLEN)size;
    if (offset)
        *offset = RS_CONV_DONE;
}

static void rs_conv_text(const rs_cell *cell, rs_sqlclass cl, int wide, SQLPOINTER target,
                         SQLLEN target_len, SQLLEN *ind, size_t *offset, rs_conv_status *st)
{
    rs_text t;
    rs_text_of_cell(cell, cl, &t);
    if (wide)
        rs_conv_put_wchar(&t, target, target_len, ind, offset, st);
    else
        rs_conv_put_char(&t, target, target_len, ind, offset, st);
}

static void rs_conv_binary(const rs_cell *cell, SQLSMALLINT sql_type, rs_sqlclass cl,
                           SQLPOINTER target, SQLLEN target_len, SQLLEN *ind, size_t *offset,
                           SQLSMALLINT prec, SQLSMALLINT scale, rs_conv_status *st)
{
    SQLSMALLINT repr = rs_binary_repr(sql_type);
    rs_conv_tmp tmp;
    size_t size;

    if (!repr) {
        /* character data as its UTF-8 bytes, binary data as itself */
        rs_conv_put_bytes(cell->text ? cell->text : "", cell->text ? cell->len : 0, target,
                          target_len, ind, offset, st);
        return;
    }
    rs_conv_fixed(cell, cl, repr, &tmp, prec, scale, st);
    if (st->rc == SQL_ERROR)
        return;
    size = rs_conv_c_size(repr);
    if (target_len < (SQLLEN)size) {
        rs_conv_set(st, SQL_ERROR, "22003", "Numeric value out of range");
        return;
    }
    rs_conv_store_fixed(&tmp, size, target, ind, offset);
}

void rs_convert_to_c(const rs_cell *cell, SQLSMALLINT sql_type, SQLSMALLINT c_type,
                     SQLPOINTER target, SQLLEN target_len, SQLLEN *strlen_or_ind,
                     size_t *offset, SQLSMALLINT numeric_precision, SQLSMALLINT numeric_scale,
                     rs_conv_status *st)
{
    rs_sqlclass cl;
    rs_ctarget t;

    rs_conv_ok(st);
    if (offset && *offset == RS_CONV_DONE) {
        st->rc = SQL_NO_DATA;
        return;
    }
    if (sql_type == 0) {
        rs_type_info ti;
        rs_types_for_kind(cell->kind, 0, 0, &ti);
        sql_type = ti.sql_type;
    }
    if (c_type == SQL_C_DEFAULT)
        c_type = rs_types_default_c_type(sql_type);
    cl = rs_conv_class(sql_type);
    if (cl == RS_CL_NONE)
        cl = RS_CL_CHAR; /* an unknown SQL type is character data */
    t = rs_ctarget_of(c_type);
    if (t == RS_T_BAD) {
        rs_conv_set(st, SQL_ERROR, "HY003", "Invalid application buffer type %d", c_type);
        return;
    }
    if (!rs_conv_allowed(cl, t)) {
        rs_conv_set(st, SQL_ERROR, "07006", "Restricted data type attribute violation "
                    "(SQL type %d to C type %d)", sql_type, c_type);
        return;
    }
    if (cell->kind == RS_V_ABSENT || cell->kind == RS_V_NULL) {
        if (!strlen_or_ind) {
            rs_conv_set(st, SQL_ERROR, "22002", "Indicator variable required but not supplied");
            return;
        }
        *strlen_or_ind = SQL_NULL_DATA;
        if (offset)
            *offset = RS_CONV_DONE;
        return;
    }
    if (t == RS_T_INTERVAL) {
        rs_conv_set(st, SQL_ERROR, "HYC00", "Conversion to interval C types is not supported");
        return;
    }
    if (t == RS_T_CHAR || t == RS_T_WCHAR) {
        rs_conv_text(cell, cl, t == RS_T_WCHAR, target, target_len, strlen_or_ind, offset, st);
    } else if (t == RS_T_BINARY) {
        rs_conv_binary(cell, sql_type, cl, target, target_len, strlen_or_ind, offset,
                       numeric_precision, numeric_scale, st);
    } else {
        rs_conv_tmp tmp;
        memset(&tmp, 0, sizeof(tmp));
        rs_conv_fixed(cell, cl, c_type, &tmp, numeric_precision, numeric_scale, st);
        if (st->rc != SQL_ERROR)
            rs_conv_store_fixed(&tmp, rs_conv_c_size(c_type), target, strlen_or_ind, offset);
    }
}
