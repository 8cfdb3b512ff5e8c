/* SPDX-License-Identifier: Apache-2.0 */
/* Numbers: parsing numeric literals exactly (huge values, many digits) and converting them to
 * the integer, floating-point, SQL_C_NUMERIC and SQL_C_BIT C types with appendix D's states:
 * 01S07 when fractional digits are lost, 22003 when whole digits would be. */
#include "driver/convert/convert_internal.h"

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Exponents beyond this are out of range for every target anyway; clamping avoids overflow. */
#define RS_DEC_EXP_CAP 100000

static int rs_is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Mantissa digits: keeps up to RS_DEC_DIGITS significant ones. Returns the index after them. */
static size_t rs_dec_mantissa(const char *s, size_t i, size_t end, rs_dec *d, int *seen)
{
    int in_frac = 0;
    for (; i < end; i++) {
        char c = s[i];
        if (c == '.' && !in_frac) {
            in_frac = 1;
            continue;
        }
        if (c < '0' || c > '9')
            break;
        *seen = 1;
        if (d->ndig == 0 && c == '0') {
            if (in_frac)
                d->exp--;
        } else if (d->ndig < RS_DEC_DIGITS) {
            d->dig[d->ndig++] = c;
            if (in_frac)
                d->exp--;
        } else {
            if (c != '0')
                d->inexact = 1;
            if (!in_frac)
                d->exp++;
        }
    }
    return i;
}

int rs_dec_parse(const char *s, size_t len, rs_dec *d)
{
    size_t i = 0, end = len;
    int seen = 0;

    memset(d, 0, sizeof(*d));
    while (i < end && rs_is_blank(s[i]))
        i++;
    while (end > i && rs_is_blank(s[end - 1]))
        end--;
    if (i < end && (s[i] == '+' || s[i] == '-'))
        d->neg = s[i++] == '-';
    i = rs_dec_mantissa(s, i, end, d, &seen);
    if (!seen)
        return -1;
    if (i < end && (s[i] == 'e' || s[i] == 'E')) {
        int eneg = 0, edigits = 0;
        long e = 0;
        i++;
        if (i < end && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        for (; i < end && s[i] >= '0' && s[i] <= '9'; i++, edigits++)
            if (e < RS_DEC_EXP_CAP)
                e = e * 10 + (s[i] - '0');
        if (!edigits)
            return -1;
        d->exp += (int)(eneg ? -e : e);
    }
    if (i != end)
        return -1;
    while (d->ndig > 0 && d->dig[d->ndig - 1] == '0') {
        d->ndig--;
        d->exp++;
    }
    if (d->ndig == 0)
        d->exp = 0;
    return 0;
}

double rs_dec_to_double(const rs_dec *d)
{
    char buf[RS_DEC_DIGITS + 32];
    if (d->ndig == 0)
        return d->neg ? -0.0 : 0.0;
    snprintf(buf, sizeof(buf), "%s%.*se%d", d->neg ? "-" : "", d->ndig, d->dig, d->exp);
    /* strtod rounds correctly and gives +-HUGE_VAL past the double range */
    return strtod(buf, NULL);
}

/* Magnitude of the whole part. -1 when it exceeds UINT64_MAX. *frac: fraction digits lost. */
static int rs_dec_whole(const rs_dec *d, int extra_exp, unsigned __int128 limit,
                        unsigned __int128 *mag, int *frac)
{
    int e = d->exp + extra_exp;
    long whole = (long)d->ndig + e;
    unsigned __int128 v = 0;

    *frac = d->ndig > 0 && (e < 0 || d->inexact);
    if (whole > 40)
        return -1;
    for (long k = 0; k < whole; k++) {
        int digit = k < d->ndig ? d->dig[k] - '0' : 0;
        v = v * 10 + (unsigned)digit;
        if (v > limit)
            return -1;
    }
    *mag = v;
    return 0;
}

typedef struct rs_int_target {
    int size, is_signed;
} rs_int_target;

static int rs_int_target_of(SQLSMALLINT c_type, rs_int_target *t)
{
    switch (c_type) {
    case SQL_C_TINYINT: case SQL_C_STINYINT: t->size = 1; t->is_signed = 1; return 1;
    case SQL_C_UTINYINT: t->size = 1; t->is_signed = 0; return 1;
    case SQL_C_SHORT: case SQL_C_SSHORT: t->size = 2; t->is_signed = 1; return 1;
    case SQL_C_USHORT: t->size = 2; t->is_signed = 0; return 1;
    case SQL_C_LONG: case SQL_C_SLONG: t->size = 4; t->is_signed = 1; return 1;
    case SQL_C_ULONG: t->size = 4; t->is_signed = 0; return 1;
    case SQL_C_SBIGINT: t->size = 8; t->is_signed = 1; return 1;
    case SQL_C_UBIGINT: t->size = 8; t->is_signed = 0; return 1;
    default: return 0;
    }
}

static void rs_out_of_range(rs_conv_status *st)
{
    rs_conv_set(st, SQL_ERROR, "22003", "Numeric value out of range");
}

static void rs_conv_to_int(const rs_dec *d, const rs_int_target *t, void *target,
                           rs_conv_status *st)
{
    unsigned bits = (unsigned)t->size * 8;
    uint64_t max_pos = t->is_signed ? (UINT64_C(1) << (bits - 1)) - 1
                                    : (bits == 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1);
    uint64_t max_neg = t->is_signed ? (UINT64_C(1) << (bits - 1)) : 0;
    unsigned __int128 mag;
    int frac;
    uint64_t u;

    if (rs_dec_whole(d, 0, (unsigned __int128)UINT64_MAX, &mag, &frac) != 0 ||
        (d->neg ? mag > max_neg : mag > max_pos)) {
        rs_out_of_range(st);
        return;
    }
    u = (uint64_t)mag;
    if (d->neg)
        u = (uint64_t)0 - u; /* two's complement of the magnitude */
    switch (t->size) {
    case 1: { uint8_t v = (uint8_t)u; memcpy(target, &v, 1); break; }
    case 2: { uint16_t v = (uint16_t)u; memcpy(target, &v, 2); break; }
    case 4: { uint32_t v = (uint32_t)u; memcpy(target, &v, 4); break; }
    default: memcpy(target, &u, 8); break;
    }
    if (frac)
        rs_conv_info(st, "01S07", "Fractional truncation");
}

static void rs_conv_to_numeric(const rs_dec *d, SQLSMALLINT precision, SQLSMALLINT scale,
                               SQL_NUMERIC_STRUCT *n, rs_conv_status *st)
{
    unsigned __int128 mag, limit = 1;
    int frac;

    /* ARD defaults: a precision the driver picks (the maximum), scale 0 */
    if (precision < 1 || precision > 38)
        precision = 38;
    if (scale < -38 || scale > 38) {
        rs_conv_set(st, SQL_ERROR, "HY104", "Invalid precision or scale value");
        return;
    }
    for (int i = 0; i < precision; i++)
        limit *= 10;
    if (rs_dec_whole(d, scale, limit - 1, &mag, &frac) != 0) {
        rs_out_of_range(st);
        return;
    }
    memset(n, 0, sizeof(*n));
    n->precision = (SQLCHAR)precision;
    n->scale = (SQLSCHAR)scale;
    n->sign = (d->neg && mag != 0) ? 0 : 1;
    for (int i = 0; i < SQL_MAX_NUMERIC_LEN; i++) {
        n->val[i] = (SQLCHAR)(mag & 0xFF);
        mag >>= 8;
    }
    if (frac)
        rs_conv_info(st, "01S07", "Fractional truncation");
}

static void rs_conv_to_bit(const rs_dec *d, SQLCHAR *out, rs_conv_status *st)
{
    unsigned __int128 mag;
    int frac;

    /* appendix D: 0 or 1 is data; 0 < v < 2 other than 1 truncates (01S07); else 22003 */
    if ((d->neg && d->ndig > 0) || rs_dec_whole(d, 0, 1, &mag, &frac) != 0) {
        rs_out_of_range(st);
        return;
    }
    *out = (SQLCHAR)mag;
    if (frac)
        rs_conv_info(st, "01S07", "Fractional truncation");
}

static void rs_conv_to_real(const rs_dec *d, SQLSMALLINT c_type, void *target,
                            rs_conv_status *st)
{
    double v = rs_dec_to_double(d);
    if (isinf(v) || (c_type == SQL_C_FLOAT && fabs(v) > FLT_MAX)) {
        rs_out_of_range(st);
        return;
    }
    if (c_type == SQL_C_FLOAT) {
        float f = (float)v;
        memcpy(target, &f, sizeof(f));
    } else {
        memcpy(target, &v, sizeof(v));
    }
}

int rs_conv_num_to_c(const rs_dec *d, SQLSMALLINT c_type, void *target,
                     SQLSMALLINT precision, SQLSMALLINT scale, rs_conv_status *st)
{
    rs_int_target it;
    if (rs_int_target_of(c_type, &it)) {
        rs_conv_to_int(d, &it, target, st);
        return 1;
    }
    switch (c_type) {
    case SQL_C_FLOAT:
    case SQL_C_DOUBLE:
        rs_conv_to_real(d, c_type, target, st);
        return 1;
    case SQL_C_NUMERIC:
        rs_conv_to_numeric(d, precision, scale, target, st);
        return 1;
    case SQL_C_BIT:
        rs_conv_to_bit(d, target, st);
        return 1;
    default:
        return 0;
    }
}

size_t rs_conv_c_size(SQLSMALLINT c_type)
{
    rs_int_target it;
    if (rs_int_target_of(c_type, &it))
        return (size_t)it.size;
    switch (c_type) {
    case SQL_C_FLOAT: return sizeof(SQLREAL);
    case SQL_C_DOUBLE: return sizeof(SQLDOUBLE);
    case SQL_C_BIT: return sizeof(SQLCHAR);
    case SQL_C_NUMERIC: return sizeof(SQL_NUMERIC_STRUCT);
    case SQL_C_TYPE_DATE: case SQL_C_DATE: return sizeof(SQL_DATE_STRUCT);
    case SQL_C_TYPE_TIME: case SQL_C_TIME: return sizeof(SQL_TIME_STRUCT);
    case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP: return sizeof(SQL_TIMESTAMP_STRUCT);
    case SQL_C_GUID: return sizeof(SQLGUID);
    default: return 0;
    }
}
