/* SPDX-License-Identifier: Apache-2.0 */
/* Internals shared by the conversion modules (convert*.c, utf.c). Not a contract: only the
 * convert area includes it (and its unit tests). */
#ifndef RS_CONVERT_INTERNAL_H
#define RS_CONVERT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sql.h>
#include <sqlext.h>
#include "driver/convert/convert.h"

/* *offset after the last piece (or a fixed-size value, or a NULL) was returned: the next
 * SQLGetData on the column answers SQL_NO_DATA. A plain byte count cannot say "done" for an
 * empty value, hence the sentinel. */
#define RS_CONV_DONE ((size_t)-1)

/* ---- utf.c ---- */
/* Decodes one code point from s (n > 0 bytes); returns the bytes consumed (ill-formed input
 * gives U+FFFD and consumes the maximal subpart, at least one byte). */
size_t rs_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Encodes cp (<= 0x10FFFF, not a surrogate) into out (4 bytes room); returns bytes written. */
size_t rs_utf8_encode(uint32_t cp, char *out);
size_t rs_utf16_len(const SQLWCHAR *s);

/* ---- convert.c: status helpers ---- */
void rs_conv_ok(rs_conv_status *st);
void rs_conv_set(rs_conv_status *st, SQLRETURN rc, const char *state, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* SQL_SUCCESS_WITH_INFO with state, unless an error is already set. */
void rs_conv_info(rs_conv_status *st, const char *state, const char *msg);

/* What kind of SQL data a column holds, which decides the allowed conversions. */
typedef enum {
    RS_CL_CHAR, RS_CL_INT, RS_CL_APPROX, RS_CL_DECIMAL, RS_CL_BIT, RS_CL_BINARY,
    RS_CL_DATE, RS_CL_TIME, RS_CL_TIMESTAMP, RS_CL_GUID, RS_CL_NONE
} rs_sqlclass;
rs_sqlclass rs_conv_class(SQLSMALLINT sql_type);

/* What an application buffer is. */
typedef enum {
    RS_T_CHAR, RS_T_WCHAR, RS_T_BINARY, RS_T_NUM, RS_T_DATE, RS_T_TIME, RS_T_TS, RS_T_GUID,
    RS_T_INTERVAL, RS_T_BAD
} rs_ctarget;
rs_ctarget rs_ctarget_of(SQLSMALLINT c_type);
/* Appendix D's matrix: whether a column of class cl converts to a buffer of kind t. */
int rs_conv_allowed(rs_sqlclass cl, rs_ctarget t);

/* ---- convert_num.c: exact decimal numbers ---- */
#define RS_DEC_DIGITS 80
/* value = (neg ? -1 : 1) * dig[0..ndig) * 10^exp; dig has no leading or trailing zeros
 * (zero: ndig 0). inexact: nonzero digits past RS_DEC_DIGITS were dropped. */
typedef struct rs_dec {
    int neg, ndig, exp, inexact;
    char dig[RS_DEC_DIGITS];
} rs_dec;

/* Parses an SQL numeric literal ([+-]digits[.digits][e[+-]digits], surrounding blanks
 * allowed). 0 on success, -1 when s is not a numeric literal. */
int rs_dec_parse(const char *s, size_t len, rs_dec *d);
double rs_dec_to_double(const rs_dec *d);
/* The number to any integer C type, float/double, SQL_C_NUMERIC or SQL_C_BIT.
 * Returns 0 when c_type is not one of those. */
int rs_conv_num_to_c(const rs_dec *d, SQLSMALLINT c_type, void *target,
                     SQLSMALLINT precision, SQLSMALLINT scale, rs_conv_status *st);
/* Size of the C buffer of a fixed-size C type, 0 for character/binary or unknown types. */
size_t rs_conv_c_size(SQLSMALLINT c_type);

/* ---- convert_time.c: dates and times ---- */
typedef struct rs_dt {
    int has_date, has_time;
    int year, month, day, hour, minute, second;
    uint32_t frac_ns;  /* nanoseconds */
    int frac_digits;   /* fraction digits as written (kept for character output) */
    int frac_lost;     /* nonzero digits past nanoseconds were dropped */
} rs_dt;

/* Parses "YYYY-MM-DD", "hh:mm:ss[.f]" or "YYYY-MM-DD[T ]hh:mm:ss[.f][Z]" (blanks around
 * allowed) and checks the calendar. 0 on success, -1 otherwise. */
int rs_dt_parse(const char *s, size_t len, rs_dt *dt);
/* Canonical ODBC text: "YYYY-MM-DD", "hh:mm:ss[.f]", "YYYY-MM-DD hh:mm:ss[.f]" (fraction with
 * the digits written). out needs 40 bytes; returns the length. */
size_t rs_dt_format(const rs_dt *dt, char *out);
int rs_dt_valid_date(int y, int m, int d);
/* Today's date on the client (local time). */
void rs_dt_today(int *y, int *m, int *d);
/* Converts to SQL_C_(TYPE_)DATE/TIME/TIMESTAMP; from_char selects the character-source
 * rules. Returns 0 when c_type is not a datetime type. */
int rs_conv_dt_to_c(const rs_dt *dt, SQLSMALLINT c_type, void *target, rs_conv_status *st);

/* ---- convert_char.c: character and binary targets ---- */
/* Text of a value as character data. min_keep is the number of leading bytes a first piece
 * must hold (whole digits of a number, the date part...), else 22003. With hex set, s holds
 * len / 2 raw bytes shown as upper-case hex pairs (made piece by piece, never whole). */
typedef struct rs_text {
    const char *s;
    size_t len;
    size_t min_keep;
    int hex;
    char buf[48];
} rs_text;

/* Renders cell as text for character targets (rs_sqlclass of the column decides bool
 * rendering). t may point into cell, which must outlive it. */
void rs_text_of_cell(const rs_cell *cell, rs_sqlclass cl, rs_text *t);
/* Character pieces. For SQL_C_WCHAR *offset is an opaque position (see convert_char.c), for
 * SQL_C_CHAR and SQL_C_BINARY the bytes returned; RS_CONV_DONE after the last piece. */
void rs_conv_put_char(const rs_text *t, SQLPOINTER target, SQLLEN target_len,
                      SQLLEN *ind, size_t *offset, rs_conv_status *st);
void rs_conv_put_wchar(const rs_text *t, SQLPOINTER target, SQLLEN target_len,
                       SQLLEN *ind, size_t *offset, rs_conv_status *st);
/* The same with the state kind forced (pack 0: only the position is kept), for tests. */
void rs_conv_put_wchar_mode(const rs_text *t, int pack, SQLPOINTER target, SQLLEN target_len,
                            SQLLEN *ind, size_t *offset, rs_conv_status *st);
/* Variable-length bytes (character or binary data): pieces, 01004 on truncation. */
void rs_conv_put_bytes(const void *data, size_t len, SQLPOINTER target, SQLLEN target_len,
                       SQLLEN *ind, size_t *offset, rs_conv_status *st);
/* Parses a GUID "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (optional braces). 0 or -1. */
int rs_guid_parse(const char *s, size_t len, SQLGUID *g);

#endif
