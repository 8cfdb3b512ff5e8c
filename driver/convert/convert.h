/* SPDX-License-Identifier: Apache-2.0 */
/* Conversions between result cells and application buffers (ODBC appendix D), and from bound
 * parameters to Rockset parameter strings. Pure functions: no handles, no I/O. */
#ifndef RS_CONVERT_H
#define RS_CONVERT_H

#include <sql.h>
#include <sqlext.h>
#include "driver/client/rowsource.h"

/* Outcome of one conversion: rc is SQL_SUCCESS, SQL_SUCCESS_WITH_INFO, SQL_NO_DATA or SQL_ERROR;
 * sqlstate (e.g. "01004", "22003", "07006") and message are set for anything but SQL_SUCCESS. */
typedef struct rs_conv_status {
    SQLRETURN rc;
    char sqlstate[6];
    char message[160];
} rs_conv_status;

/* Converts cell (of a column whose SQL type is sql_type) to c_type into target.
 * target_len is the buffer length in bytes (character and binary types).
 * *offset is an opaque position kept between SQLGetData calls on this column (0 = start;
 * pass NULL for SQLFetch/SQLBindCol); it is advanced, and SQL_NO_DATA is returned when
 * everything was returned. strlen_or_ind receives the length or SQL_NULL_DATA (NULL allowed
 * when the value is not NULL; a NULL value with no indicator is 22002).
 * For SQL_C_NUMERIC the precision and scale come from the ARD (numeric_precision/scale). */
void rs_convert_to_c(const rs_cell *cell, SQLSMALLINT sql_type, SQLSMALLINT c_type,
                     SQLPOINTER target, SQLLEN target_len, SQLLEN *strlen_or_ind,
                     size_t *offset, SQLSMALLINT numeric_precision, SQLSMALLINT numeric_scale,
                     rs_conv_status *st);

/* A conversion decided once per bound column (SQL type, C type, precision, scale), so that
 * each cell of the column costs a look at its kind and one direct conversion. Fields are
 * private to the convert area. */
typedef struct rs_conv_plan {
    SQLSMALLINT sql_type, c_type, precision, scale;
    unsigned char path;       /* which direct conversion (convert_plan.c)          */
    unsigned char size;       /* the C type's size, 0 for character/binary         */
    unsigned char is_signed;  /* integer targets                                   */
    unsigned char bool_digit; /* a bool shows as "0"/"1" (bit and numeric columns) */
} rs_conv_plan;

/* Makes the plan of a column of SQL type sql_type bound as c_type (SQL_C_DEFAULT allowed). */
void rs_conv_plan_make(rs_conv_plan *p, SQLSMALLINT sql_type, SQLSMALLINT c_type,
                       SQLSMALLINT precision, SQLSMALLINT scale);
/* rs_convert_to_c(cell, plan's types, target, target_len, strlen_or_ind, offset, ...) with
 * the same bytes, lengths, offset and outcome; returns st->rc. st is written only when the
 * answer is not SQL_SUCCESS (it need not be cleared before). */
SQLRETURN rs_conv_plan_run(const rs_conv_plan *p, const rs_cell *cell, SQLPOINTER target,
                           SQLLEN target_len, SQLLEN *strlen_or_ind, size_t *offset,
                           rs_conv_status *st);

/* A bound parameter turned into a Rockset parameter: *type is a static string ("int",
 * "float", "string", "bool", "date", "time", "datetime", "timestamp"), *value is malloc'ed
 * (NULL with *is_null set for SQL_NULL_DATA). len is the octet length from the indicator
 * (SQL_NTS allowed). Errors use the same status (07006, 22003, 22007, 22018, HY090...). */
void rs_convert_param(SQLSMALLINT c_type, SQLSMALLINT sql_type, SQLSMALLINT decimal_digits,
                      const void *value, SQLLEN len, const char **type, char **out_value,
                      int *is_null, rs_conv_status *st);

/* rs_convert_param for a marker the statement compares with a field whose Rockset type is
 * field_type (NULL or "" when unknown, else one clean type: "int", "float", "bool", "date",
 * "time", "datetime", "timestamp"; others change nothing). When the application declared a
 * character SQL type (what clients that bind everything as text do) or a date/timestamp, the
 * value is sent as the field's type if it converts cleanly, else exactly as rs_convert_param
 * sends it. Any other declared SQL type is the application's explicit choice and wins. */
void rs_convert_param_field(SQLSMALLINT c_type, SQLSMALLINT sql_type, SQLSMALLINT decimal_digits,
                            const void *value, SQLLEN len, const char *field_type,
                            const char **type, char **out_value, int *is_null,
                            rs_conv_status *st);

/* UTF-8 <-> UTF-16 (SQLWCHAR) helpers shared by the W entry points and conversions.
 * Lengths are in units (bytes for UTF-8, SQLWCHARs for UTF-16); inlen < 0 = NUL-terminated.
 * The result is malloc'ed and NUL-terminated; *outlen (may be NULL) receives its length. */
char *rs_utf16_to_utf8(const SQLWCHAR *in, SQLLEN inlen, size_t *outlen);
SQLWCHAR *rs_utf8_to_utf16(const char *in, SQLLEN inlen, size_t *outlen);

#endif
