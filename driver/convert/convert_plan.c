/* SPDX-License-Identifier: Apache-2.0 */
/* Conversion plans: the part of rs_convert_to_c that depends only on the column (its SQL type,
 * the bound C type, precision and scale) is decided once per bound column, and each cell then
 * takes a direct path: text copied into SQL_C_CHAR, ASCII widened into SQL_C_WCHAR, integer
 * text parsed into the integer C types, number text into double/float, ISO date/time text
 * into the datetime structs or their canonical character form.
 *
 * A fast path only ever answers a plain success (no warning, no error). Whenever a value
 * might end in anything else (truncation, out of range, fraction lost, odd syntax, a blank)
 * it steps aside before writing anything the general path would not overwrite, and
 * rs_convert_to_c converts the cell: so bytes, lengths and states are those of the general
 * path by construction, and the status struct is only touched there. */
#include "driver/convert/convert_internal.h"
#include "driver/convert/types.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    RS_CP_GENERAL, RS_CP_CHAR, RS_CP_WCHAR, RS_CP_INT, RS_CP_REAL, RS_CP_TS, RS_CP_DATE
};

void rs_conv_plan_make(rs_conv_plan *p, SQLSMALLINT sql_type, SQLSMALLINT c_type,
                       SQLSMALLINT precision, SQLSMALLINT scale)
{
    rs_sqlclass cl;
    rs_ctarget t;

    memset(p, 0, sizeof(*p));
    if (c_type == SQL_C_DEFAULT && sql_type != 0)
        c_type = rs_types_default_c_type(sql_type);
    p->sql_type = sql_type;
    p->c_type = c_type;
    p->precision = precision;
    p->scale = scale;
    p->path = RS_CP_GENERAL;
    /* a column without a SQL type is typed per value: only the general path knows how */
    if (sql_type == 0 || c_type == SQL_C_DEFAULT)
        return;
    cl = rs_conv_class(sql_type);
    if (cl == RS_CL_NONE)
        cl = RS_CL_CHAR;
    t = rs_ctarget_of(c_type);
    if (t == RS_T_BAD || !rs_conv_allowed(cl, t))
        return; /* an error for every value: the general path states it */
    /* SQL_BIT and numeric columns show a bool as "0"/"1" (rs_text_of_cell) */
    p->bool_digit = cl == RS_CL_BIT || cl == RS_CL_INT || cl == RS_CL_APPROX ||
                    cl == RS_CL_DECIMAL;
    p->size = (unsigned char)rs_conv_c_size(c_type);
    switch (c_type) {
    case SQL_C_CHAR: p->path = RS_CP_CHAR; return;
    case SQL_C_WCHAR: p->path = RS_CP_WCHAR; return;
    case SQL_C_FLOAT: case SQL_C_DOUBLE: p->path = RS_CP_REAL; return;
    case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP: p->path = RS_CP_TS; return;
    case SQL_C_TYPE_DATE: case SQL_C_DATE: p->path = RS_CP_DATE; return;
    case SQL_C_TINYINT: case SQL_C_STINYINT: case SQL_C_SHORT: case SQL_C_SSHORT:
    case SQL_C_LONG: case SQL_C_SLONG: case SQL_C_SBIGINT:
        p->is_signed = 1;
        p->path = RS_CP_INT;
        return;
    case SQL_C_UTINYINT: case SQL_C_USHORT: case SQL_C_ULONG: case SQL_C_UBIGINT:
        p->path = RS_CP_INT;
        return;
    default:
        return; /* binary, numeric, bit, GUID: the general path */
    }
}

/* ---- text of a value for character targets ---- */

/* Strict ISO date/time text, as Rockset writes it: "YYYY-MM-DD", "hh:mm:ss[.f]" or
 * "YYYY-MM-DD[Tt ]hh:mm:ss[.f][Zz]", at most 9 fraction digits, no blanks. */
typedef struct rs_cp_dt {
    int year, month, day, hour, minute, second;
    uint32_t frac_ns;
    size_t date_at, time_at, time_len; /* where the parts are in the text */
    int has_date, has_time;
} rs_cp_dt;

static int rs_cp_digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int k = 0; k < n; k++) {
        unsigned d = (unsigned)(unsigned char)s[k] - '0';
        if (d > 9)
            return -1;
        v = v * 10 + (int)d;
    }
    *out = v;
    return 0;
}

static int rs_cp_time(const char *s, size_t n, rs_cp_dt *dt)
{
    size_t i = 8;
    uint32_t scale = 100000000;

    if (n < 8 || s[2] != ':' || s[5] != ':' || rs_cp_digits(s, 2, &dt->hour) ||
        rs_cp_digits(s + 3, 2, &dt->minute) || rs_cp_digits(s + 6, 2, &dt->second) ||
        dt->hour > 23 || dt->minute > 59 || dt->second > 59)
        return -1;
    if (i < n && s[i] == '.') {
        if (++i == n)
            return -1;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
            if (scale == 0)
                return -1; /* a tenth digit: the general path knows what is lost */
            dt->frac_ns += (uint32_t)(s[i] - '0') * scale;
            scale /= 10;
        }
        if (scale == 100000000)
            return -1;
    }
    dt->has_time = 1;
    dt->time_len = i;
    return 0;
}

/* 0 when s[0..n) is strict ISO text (see rs_cp_dt); -1 sends the value to the general path. */
static int rs_cp_dt_scan(const char *s, size_t n, rs_cp_dt *dt)
{
    size_t end;

    memset(dt, 0, sizeof(*dt));
    if (n >= 3 && s[2] == ':')
        return rs_cp_time(s, n, dt) == 0 && dt->time_len == n ? 0 : -1;
    if (n < 10 || s[4] != '-' || s[7] != '-' || rs_cp_digits(s, 4, &dt->year) ||
        rs_cp_digits(s + 5, 2, &dt->month) || rs_cp_digits(s + 8, 2, &dt->day) ||
        !rs_dt_valid_date(dt->year, dt->month, dt->day))
        return -1;
    dt->has_date = 1;
    if (n == 10)
        return 0;
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
        return -1;
    dt->time_at = 11;
    if (rs_cp_time(s + 11, n - 11, dt) != 0)
        return -1;
    end = 11 + dt->time_len;
    /* Rockset timestamps are UTC and say so */
    if (end < n && (s[end] == 'Z' || s[end] == 'z'))
        end++;
    return end == n ? 0 : -1;
}

/* The canonical ODBC text of a date/time value (rs_dt_format's): "YYYY-MM-DD hh:mm:ss[.f]".
 * out needs 32 bytes; the length, or 0 to take the general path. */
static size_t rs_cp_dt_text(const char *s, size_t n, char *out)
{
    rs_cp_dt dt;
    size_t k = 0;

    if (rs_cp_dt_scan(s, n, &dt) != 0)
        return 0;
    if (dt.has_date) {
        memcpy(out, s, 10);
        k = 10;
    }
    if (dt.has_date && dt.has_time)
        out[k++] = ' ';
    if (dt.has_time) {
        memcpy(out + k, s + dt.time_at, dt.time_len);
        k += dt.time_len;
    }
    return k;
}

/* The text a character target shows for cell, when it is the value's own text (or a short
 * rendering in buf); 0 when the general path must render it (binary data as hex, date/time
 * text that is not strict ISO). */
static int rs_cp_text(const rs_conv_plan *p, const rs_cell *cell, char *buf, const char **s,
                      size_t *n)
{
    *s = cell->text;
    *n = cell->len;
    switch (cell->kind) {
    case RS_V_STRING: case RS_V_INT: case RS_V_FLOAT: case RS_V_OBJECT: case RS_V_ARRAY:
    case RS_V_OTHER:
        return 1;
    case RS_V_BOOL:
        if (p->bool_digit) {
            *s = (*n > 0 && ((*s)[0] == 't' || (*s)[0] == 'T')) ? "1" : "0";
            *n = 1;
        }
        return 1;
    case RS_V_DATE: case RS_V_TIME: case RS_V_DATETIME: case RS_V_TIMESTAMP:
        *n = rs_cp_dt_text(cell->text, cell->len, buf);
        *s = buf;
        return *n > 0;
    default:
        return 0;
    }
}

static int rs_cp_char(const rs_conv_plan *p, const rs_cell *cell, char *target,
                      SQLLEN target_len, SQLLEN *ind)
{
    char buf[32];
    const char *s;
    size_t n;

    if (target_len < 0 || !rs_cp_text(p, cell, buf, &s, &n))
        return 0;
    if (target) {
        if ((size_t)target_len <= n)
            return 0; /* truncated (01004) or too short for the whole digits (22003) */
        memcpy(target, s, n);
        target[n] = '\0';
    }
    if (ind)
        *ind = (SQLLEN)n;
    return 1;
}

static int rs_cp_wchar(const rs_conv_plan *p, const rs_cell *cell, char *target,
                       SQLLEN target_len, SQLLEN *ind)
{
    char buf[32];
    const char *s;
    size_t n, room;
    SQLWCHAR u;

    if (target_len < 0 || !rs_cp_text(p, cell, buf, &s, &n))
        return 0;
    room = (size_t)target_len / sizeof(SQLWCHAR);
    if (!target || room <= n)
        return 0; /* a length query needs the UTF-16 length; truncation: general path */
    /* ASCII is one unit a byte; anything else is counted and paired by the general path,
     * which then rewrites this prefix with the same units */
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] >= 0x80)
            return 0;
        u = (SQLWCHAR)(unsigned char)s[i];
        memcpy(target + i * sizeof(SQLWCHAR), &u, sizeof(u)); /* any alignment */
    }
    u = 0;
    memcpy(target + n * sizeof(SQLWCHAR), &u, sizeof(u));
    if (ind)
        *ind = (SQLLEN)(n * sizeof(SQLWCHAR));
    return 1;
}

/* ---- numbers ---- */

static int rs_cp_int(const rs_conv_plan *p, const rs_cell *cell, void *target, SQLLEN *ind)
{
    const char *s = cell->text;
    size_t n = cell->len, i = 0;
    uint64_t m = 0, max;
    unsigned bits = (unsigned)p->size * 8;
    int neg = 0;

    if (cell->kind == RS_V_BOOL)
        return 0; /* true/false as 1/0: the general path */
    if (n > 0 && s[0] == '-')
        neg = i = 1;
    /* at most 18 digits cannot overflow the accumulator; longer texts (leading zeros, huge
     * values) are the general path's */
    if (i == n || n - i > 18)
        return 0;
    for (; i < n; i++) {
        unsigned d = (unsigned)(unsigned char)s[i] - '0';
        if (d > 9)
            return 0; /* a fraction, an exponent, blanks, not a number: general path */
        m = m * 10 + d;
    }
    if (p->is_signed)
        max = neg ? UINT64_C(1) << (bits - 1) : (UINT64_C(1) << (bits - 1)) - 1;
    else
        max = neg ? 0 : bits == 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
    if (m > max)
        return 0; /* 22003 */
    if (neg)
        m = (uint64_t)0 - m; /* two's complement of the magnitude */
    if (target) {
        switch (p->size) {
        case 1: { uint8_t v = (uint8_t)m; memcpy(target, &v, 1); break; }
        case 2: { uint16_t v = (uint16_t)m; memcpy(target, &v, 2); break; }
        case 4: { uint32_t v = (uint32_t)m; memcpy(target, &v, 4); break; }
        default: memcpy(target, &m, 8); break;
        }
    }
    if (ind)
        *ind = (SQLLEN)p->size;
    return 1;
}

/* Number text in JSON's form ([-]digits[.digits][(e|E)[+-]digits]) to the double the general
 * path computes (rs_dec_to_double: the exact decimal value correctly rounded). 0 when the text
 * is not in that form or too long for the exact shortcuts below. */
static int rs_cp_double(const char *s, size_t n, double *out)
{
    static const double p10[23] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
                                   1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
                                   1e20, 1e21, 1e22};
    size_t i = 0, ndig = 0, sig = 0, edig = 0;
    uint64_t m = 0;
    long exp10 = 0, e = 0;
    int neg = 0, eneg = 0;
    char *end;

    if (n > 0 && s[0] == '-')
        neg = i = 1;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, ndig++)
        if ((m = m * 10 + (uint64_t)(s[i] - '0')) != 0)
            sig++;
    if (ndig == 0)
        return 0;
    if (i < n && s[i] == '.') {
        size_t f = 0;
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, f++, ndig++)
            if ((m = m * 10 + (uint64_t)(s[i] - '0')) != 0)
                sig++;
        if (f == 0)
            return 0;
        exp10 = -(long)f;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        if (++i < n && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        /* at most 5 digits: below rs_dec_parse's exponent cap, and no overflow here */
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
            if (++edig > 5)
                return 0;
            e = e * 10 + (s[i] - '0');
        }
        if (edig == 0)
            return 0;
        exp10 += eneg ? -e : e;
    }
    if (i != n || ndig > RS_DEC_DIGITS)
        return 0; /* the general path keeps 80 digits: longer texts round there */
    if (sig <= 15 && exp10 >= -22 && exp10 <= 22) {
        /* m < 2^53 and 10^|exp10| are exact doubles: one correctly rounded operation */
        double v = (double)m;
        v = exp10 >= 0 ? v * p10[exp10] : v / p10[-exp10];
        *out = neg ? -v : v;
        return 1;
    }
    /* strtod rounds the same exact decimal value correctly; a locale whose decimal point is
     * not '.' stops it early, and the general path (which never writes a point) takes over */
    *out = strtod(s, &end);
    return end == s + n;
}

static int rs_cp_real(const rs_conv_plan *p, const rs_cell *cell, void *target, SQLLEN *ind)
{
    double v;

    if (cell->kind == RS_V_BOOL || !rs_cp_double(cell->text, cell->len, &v) || isinf(v))
        return 0;
    if (p->c_type == SQL_C_FLOAT) {
        float f;
        if (fabs(v) > FLT_MAX)
            return 0; /* 22003 */
        f = (float)v;
        if (target)
            memcpy(target, &f, sizeof(f));
    } else if (target) {
        memcpy(target, &v, sizeof(v));
    }
    if (ind)
        *ind = (SQLLEN)p->size;
    return 1;
}

/* ---- dates and times ---- */

static int rs_cp_datetime(const rs_conv_plan *p, const rs_cell *cell, void *target,
                          SQLLEN *ind)
{
    rs_cp_dt dt;

    if (rs_cp_dt_scan(cell->text, cell->len, &dt) != 0 || !dt.has_date)
        return 0; /* a time alone takes today's date: the general path */
    if (p->path == RS_CP_TS) {
        SQL_TIMESTAMP_STRUCT ts;
        ts.year = (SQLSMALLINT)dt.year;
        ts.month = (SQLUSMALLINT)dt.month;
        ts.day = (SQLUSMALLINT)dt.day;
        ts.hour = (SQLUSMALLINT)dt.hour;
        ts.minute = (SQLUSMALLINT)dt.minute;
        ts.second = (SQLUSMALLINT)dt.second;
        ts.fraction = dt.frac_ns;
        if (target)
            memcpy(target, &ts, sizeof(ts));
    } else {
        SQL_DATE_STRUCT d;
        if (dt.has_time)
            return 0; /* a time part may be lost (01S07) */
        d.year = (SQLSMALLINT)dt.year;
        d.month = (SQLUSMALLINT)dt.month;
        d.day = (SQLUSMALLINT)dt.day;
        if (target)
            memcpy(target, &d, sizeof(d));
    }
    if (ind)
        *ind = (SQLLEN)p->size;
    return 1;
}

SQLRETURN rs_conv_plan_run(const rs_conv_plan *p, const rs_cell *cell, SQLPOINTER target,
                           SQLLEN target_len, SQLLEN *strlen_or_ind, size_t *offset,
                           rs_conv_status *st)
{
    int done = 0;

    /* SQLGetData's later pieces (and its SQL_NO_DATA) are the general path's, and so is its
     * length query without a buffer (which leaves the offset where it was) */
    if (offset && (*offset != 0 || !target)) {
        done = 0;
    } else if (cell->kind == RS_V_ABSENT || cell->kind == RS_V_NULL) {
        if (strlen_or_ind && p->path != RS_CP_GENERAL) {
            *strlen_or_ind = SQL_NULL_DATA;
            if (offset)
                *offset = RS_CONV_DONE;
            return SQL_SUCCESS;
        }
    } else if (cell->text) {
        switch (p->path) {
        case RS_CP_CHAR: done = rs_cp_char(p, cell, target, target_len, strlen_or_ind); break;
        case RS_CP_WCHAR: done = rs_cp_wchar(p, cell, target, target_len, strlen_or_ind); break;
        case RS_CP_INT: done = rs_cp_int(p, cell, target, strlen_or_ind); break;
        case RS_CP_REAL: done = rs_cp_real(p, cell, target, strlen_or_ind); break;
        case RS_CP_TS: case RS_CP_DATE:
            done = rs_cp_datetime(p, cell, target, strlen_or_ind);
            break;
        default: break;
        }
        if (done) {
            if (offset)
                *offset = RS_CONV_DONE; /* all of it in one piece */
            return SQL_SUCCESS;
        }
    }
    rs_convert_to_c(cell, p->sql_type, p->c_type, target, target_len, strlen_or_ind, offset,
                    p->precision, p->scale, st);
    return st->rc;
}
