/* SPDX-License-Identifier: Apache-2.0 */
/* Bound parameters -> Rockset query parameters ({name, type, value} with the value as text).
 * The C value is first read as one of: number, date/time, text or bytes; the SQL type then
 * decides the Rockset type (the C type's natural one when the SQL type says nothing). */
#include "driver/convert/convert_internal.h"
#include "driver/convert/types.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *rs_strndup0(const char *s, size_t n)
{
    char *r = malloc(n + 1);
    if (r) {
        memcpy(r, s, n);
        r[n] = '\0';
    }
    return r;
}

static void rs_nomem(rs_conv_status *st)
{
    rs_conv_set(st, SQL_ERROR, "HY001", "Memory allocation error");
}

static void rs_restricted(rs_conv_status *st, SQLSMALLINT c_type, SQLSMALLINT sql_type)
{
    rs_conv_set(st, SQL_ERROR, "07006", "Restricted data type attribute violation "
                "(C type %d to SQL type %d)", c_type, sql_type);
}

/* The class a C type stands for when the SQL type does not say (0 or unknown). */
static rs_sqlclass rs_natural_class(SQLSMALLINT c_type)
{
    switch (c_type) {
    case SQL_C_FLOAT: case SQL_C_DOUBLE: return RS_CL_APPROX;
    case SQL_C_NUMERIC: return RS_CL_DECIMAL;
    case SQL_C_BIT: return RS_CL_BIT;
    case SQL_C_BINARY: return RS_CL_BINARY;
    case SQL_C_TYPE_DATE: case SQL_C_DATE: return RS_CL_DATE;
    case SQL_C_TYPE_TIME: case SQL_C_TIME: return RS_CL_TIME;
    case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP: return RS_CL_TIMESTAMP;
    case SQL_C_CHAR: case SQL_C_WCHAR: case SQL_C_GUID: return RS_CL_CHAR;
    default: return rs_conv_c_size(c_type) ? RS_CL_INT : RS_CL_CHAR;
    }
}

static const char *rs_class_type(rs_sqlclass cl)
{
    switch (cl) {
    case RS_CL_INT: return "int";
    case RS_CL_APPROX: case RS_CL_DECIMAL: return "float";
    case RS_CL_BIT: return "bool";
    case RS_CL_DATE: return "date";
    case RS_CL_TIME: return "time";
    case RS_CL_TIMESTAMP: return "timestamp";
    default: return "string";
    }
}

/* ---- numbers ---- */

/* Shortest text that reads back as the same double (or float when is_float). */
static void rs_format_real(double v, int is_float, char *buf, size_t size)
{
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, size, "%.*g", p, v);
        if (is_float ? strtof(buf, NULL) == (float)v : strtod(buf, NULL) == v)
            return;
    }
}

static SQLSMALLINT rs_int_c_for_sql(SQLSMALLINT sql_type)
{
    switch (sql_type) {
    case SQL_TINYINT: return SQL_C_STINYINT;
    case SQL_SMALLINT: return SQL_C_SSHORT;
    case SQL_INTEGER: return SQL_C_SLONG;
    default: return SQL_C_SBIGINT;
    }
}

static void rs_emit_int(const rs_dec *d, SQLSMALLINT sql_type, char **out, rs_conv_status *st)
{
    SQLSMALLINT c = rs_int_c_for_sql(sql_type);
    union {
        int8_t i8;
        int16_t i16;
        int32_t i32;
        int64_t i64;
    } u = {0};
    long long v;
    char buf[32];

    /* the SQL type's range decides 22003; every member starts at the union's address */
    rs_conv_num_to_c(d, c, &u, 0, 0, st);
    if (st->rc == SQL_ERROR)
        return;
    v = c == SQL_C_STINYINT ? u.i8 : c == SQL_C_SSHORT ? u.i16 : c == SQL_C_SLONG ? u.i32 : u.i64;
    snprintf(buf, sizeof(buf), "%lld", v);
    if (!(*out = strdup(buf)))
        rs_nomem(st);
}

/* A number (d, with its text) to a column class. */
static void rs_emit_number(const rs_dec *d, const char *text, rs_sqlclass cl,
                           SQLSMALLINT sql_type, const char **type, char **out,
                           rs_conv_status *st)
{
    double v;
    unsigned char bit;

    switch (cl) {
    case RS_CL_INT:
        *type = "int";
        rs_emit_int(d, sql_type, out, st);
        return;
    case RS_CL_DECIMAL:
        /* Rockset has no exact decimal: integral values stay int, the rest go as float */
        if (d->exp >= 0 && !d->inexact && d->ndig + d->exp <= 19) {
            rs_conv_status tmp;
            rs_conv_ok(&tmp);
            *type = "int";
            rs_emit_int(d, SQL_BIGINT, out, &tmp);
            if (tmp.rc != SQL_ERROR)
                return;
        }
        /* fall through */
    case RS_CL_APPROX:
        *type = "float";
        v = rs_dec_to_double(d);
        if (isinf(v) || (sql_type == SQL_REAL && fabs(v) > FLT_MAX)) {
            rs_conv_set(st, SQL_ERROR, "22003", "Numeric value out of range");
            return;
        }
        break;
    case RS_CL_BIT:
        *type = "bool";
        rs_conv_num_to_c(d, SQL_C_BIT, &bit, 0, 0, st);
        if (st->rc != SQL_ERROR && !(*out = strdup(bit ? "true" : "false")))
            rs_nomem(st);
        return;
    case RS_CL_CHAR:
        *type = "string";
        break;
    default:
        rs_restricted(st, 0, sql_type);
        return;
    }
    if (!(*out = strdup(text)))
        rs_nomem(st);
}

/* Text of a numeric C value; 0, or -1 when c_type is not numeric. */
static int rs_numeric_text(SQLSMALLINT c_type, const void *value, char *buf, size_t size,
                           rs_conv_status *st)
{
    switch (c_type) {
    case SQL_C_TINYINT: case SQL_C_STINYINT: snprintf(buf, size, "%d", *(const int8_t *)value); break;
    case SQL_C_UTINYINT: case SQL_C_BIT: snprintf(buf, size, "%u", *(const uint8_t *)value); break;
    case SQL_C_SHORT: case SQL_C_SSHORT: snprintf(buf, size, "%d", *(const int16_t *)value); break;
    case SQL_C_USHORT: snprintf(buf, size, "%u", *(const uint16_t *)value); break;
    case SQL_C_LONG: case SQL_C_SLONG: snprintf(buf, size, "%d", *(const int32_t *)value); break;
    case SQL_C_ULONG: snprintf(buf, size, "%u", *(const uint32_t *)value); break;
    case SQL_C_SBIGINT: snprintf(buf, size, "%lld", (long long)*(const int64_t *)value); break;
    case SQL_C_UBIGINT:
        snprintf(buf, size, "%llu", (unsigned long long)*(const uint64_t *)value);
        break;
    case SQL_C_FLOAT: case SQL_C_DOUBLE: {
        double v = c_type == SQL_C_FLOAT ? *(const float *)value : *(const double *)value;
        if (!isfinite(v)) {
            rs_conv_set(st, SQL_ERROR, "22003", "Numeric value out of range (not finite)");
            return 0;
        }
        rs_format_real(v, c_type == SQL_C_FLOAT, buf, size);
        break;
    }
    default:
        return -1;
    }
    return 0;
}

/* SQL_NUMERIC_STRUCT -> exact decimal text; buf holds RS_NUMTEXT bytes (39 digits, a scale
 * of up to +-128 zeros, sign and point). */
#define RS_NUMTEXT 200
static void rs_numeric_struct_text(const SQL_NUMERIC_STRUCT *n, char *buf)
{
    unsigned __int128 mag = 0;
    char rev[48], d[48];
    int nd = 0, scale = n->scale, pos = 0;

    for (int i = SQL_MAX_NUMERIC_LEN - 1; i >= 0; i--)
        mag = (mag << 8) | n->val[i];
    do {
        rev[nd++] = (char)('0' + (int)(mag % 10));
        mag /= 10;
    } while (mag);
    for (int i = 0; i < nd; i++)
        d[i] = rev[nd - 1 - i];
    if (n->sign == 0)
        buf[pos++] = '-';
    if (scale <= 0) {
        memcpy(buf + pos, d, (size_t)nd);
        pos += nd;
        for (int i = 0; i < -scale; i++)
            buf[pos++] = '0';
    } else if (scale >= nd) {
        buf[pos++] = '0';
        buf[pos++] = '.';
        for (int i = 0; i < scale - nd; i++)
            buf[pos++] = '0';
        memcpy(buf + pos, d, (size_t)nd);
        pos += nd;
    } else {
        memcpy(buf + pos, d, (size_t)(nd - scale));
        pos += nd - scale;
        buf[pos++] = '.';
        memcpy(buf + pos, d + nd - scale, (size_t)scale);
        pos += scale;
    }
    buf[pos] = '\0';
}

/* ---- dates and times ---- */

static void rs_dt_text_param(const rs_dt *dt, rs_sqlclass cl, char *buf, size_t size)
{
    char frac[16] = "";
    if (dt->frac_ns)
        snprintf(frac, sizeof(frac), ".%06u", (unsigned)(dt->frac_ns / 1000));
    if (cl == RS_CL_DATE)
        snprintf(buf, size, "%04d-%02d-%02d", dt->year, dt->month, dt->day);
    else if (cl == RS_CL_TIME)
        snprintf(buf, size, "%02d:%02d:%02d%s", dt->hour, dt->minute, dt->second, frac);
    else
        snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d%sZ", dt->year, dt->month, dt->day,
                 dt->hour, dt->minute, dt->second, frac);
}

/* A date/time value to a column class. */
static void rs_emit_dt(rs_dt *dt, rs_sqlclass cl, SQLSMALLINT c_type, SQLSMALLINT sql_type,
                       const char **type, char **out, rs_conv_status *st)
{
    char buf[48];
    int has_tod = dt->hour || dt->minute || dt->second || dt->frac_ns;

    if ((cl == RS_CL_DATE && !dt->has_date) || (cl == RS_CL_TIME && !dt->has_time) ||
        (cl != RS_CL_DATE && cl != RS_CL_TIME && cl != RS_CL_TIMESTAMP && cl != RS_CL_CHAR)) {
        rs_restricted(st, c_type, sql_type);
        return;
    }
    /* Rockset keeps microseconds; a date has no time of day */
    if (dt->frac_lost || dt->frac_ns % 1000 != 0 || (cl == RS_CL_DATE && dt->has_time && has_tod)) {
        rs_conv_set(st, SQL_ERROR, "22008", "Datetime field overflow (fractional truncation)");
        return;
    }
    *type = rs_class_type(cl);
    if (cl == RS_CL_CHAR) {
        rs_dt_format(dt, buf);
    } else {
        if (cl == RS_CL_TIMESTAMP && !dt->has_date) {
            rs_dt_today(&dt->year, &dt->month, &dt->day); /* appendix D: a time gets today */
            dt->has_date = 1;
        }
        rs_dt_text_param(dt, cl, buf, sizeof(buf));
    }
    if (!(*out = strdup(buf)))
        rs_nomem(st);
}

/* Reads a datetime C struct; -1 (22008 set) when a field is out of range. */
static int rs_dt_from_struct(SQLSMALLINT c_type, const void *value, rs_dt *dt,
                             rs_conv_status *st)
{
    memset(dt, 0, sizeof(*dt));
    if (c_type == SQL_C_TYPE_DATE || c_type == SQL_C_DATE) {
        const SQL_DATE_STRUCT *d = value;
        *dt = (rs_dt){.has_date = 1, .year = d->year, .month = d->month, .day = d->day};
    } else if (c_type == SQL_C_TYPE_TIME || c_type == SQL_C_TIME) {
        const SQL_TIME_STRUCT *t = value;
        *dt = (rs_dt){.has_time = 1, .hour = t->hour, .minute = t->minute, .second = t->second};
    } else {
        const SQL_TIMESTAMP_STRUCT *t = value;
        *dt = (rs_dt){.has_date = 1, .has_time = 1, .year = t->year, .month = t->month,
                      .day = t->day, .hour = t->hour, .minute = t->minute, .second = t->second,
                      .frac_ns = t->fraction, .frac_digits = 9};
    }
    if ((dt->has_date && !rs_dt_valid_date(dt->year, dt->month, dt->day)) ||
        (dt->has_time && (dt->hour > 23 || dt->minute > 59 || dt->second > 59 ||
                          dt->frac_ns > 999999999u))) {
        rs_conv_set(st, SQL_ERROR, "22008", "Datetime field overflow");
        return -1;
    }
    /* the canonical text shows only the fraction digits that matter */
    if (dt->frac_ns) {
        uint32_t f = dt->frac_ns;
        while (f % 10 == 0) {
            f /= 10;
            dt->frac_digits--;
        }
    } else {
        dt->frac_digits = 0;
    }
    return 0;
}

/* ---- text and bytes ---- */

/* The UTF-8 text of a character parameter (malloc'ed), or NULL with st set. */
static char *rs_param_text(SQLSMALLINT c_type, const void *value, SQLLEN len, size_t *n,
                           rs_conv_status *st)
{
    char *r;
    if (len != SQL_NTS && (len < 0 || (c_type == SQL_C_WCHAR && len % sizeof(SQLWCHAR)))) {
        rs_conv_set(st, SQL_ERROR, "HY090", "Invalid string or buffer length");
        return NULL;
    }
    if (c_type == SQL_C_WCHAR) {
        r = rs_utf16_to_utf8(value, len == SQL_NTS ? -1 : len / (SQLLEN)sizeof(SQLWCHAR), n);
    } else {
        *n = len == SQL_NTS ? strlen(value) : (size_t)len;
        r = rs_strndup0(value, *n);
    }
    if (!r) {
        rs_nomem(st);
        return NULL;
    }
    /* a length that counted the terminator must not send it */
    while (*n > 0 && r[*n - 1] == '\0')
        (*n)--;
    return r;
}

static void rs_emit_text(char *text, size_t n, rs_sqlclass cl, SQLSMALLINT c_type,
                         SQLSMALLINT sql_type, const char **type, char **out,
                         rs_conv_status *st)
{
    rs_dec d;
    rs_dt dt;

    switch (cl) {
    case RS_CL_INT: case RS_CL_APPROX: case RS_CL_DECIMAL: case RS_CL_BIT:
        if (rs_dec_parse(text, n, &d) == 0) {
            size_t a = 0;
            while (text[a] == ' ' || text[a] == '\t')
                a++;
            while (n > a && (text[n - 1] == ' ' || text[n - 1] == '\t'))
                text[--n] = '\0';
            rs_emit_number(&d, text + a, cl, sql_type, type, out, st);
        } else if (cl == RS_CL_BIT && (strcasecmp(text, "true") == 0 ||
                                       strcasecmp(text, "false") == 0)) {
            *type = "bool";
            if (!(*out = strdup(text[0] == 't' || text[0] == 'T' ? "true" : "false")))
                rs_nomem(st);
        } else {
            rs_conv_set(st, SQL_ERROR, "22018", "Invalid character value for cast specification");
        }
        break;
    case RS_CL_DATE: case RS_CL_TIME: case RS_CL_TIMESTAMP:
        if (rs_dt_parse(text, n, &dt) == 0)
            rs_emit_dt(&dt, cl, c_type, sql_type, type, out, st);
        else
            rs_conv_set(st, SQL_ERROR, "22007", "Invalid datetime format");
        break;
    default:
        /* character, binary and GUID columns take the text as it is */
        *type = "string";
        *out = text;
        return;
    }
    free(text);
}

static int rs_utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = rs_utf8_decode(s + i, n - i, &cp);
        /* U+FFFD written as such is valid; produced from bad bytes it is not */
        if (cp == 0xFFFD && !(k == 3 && s[i] == 0xEF && s[i + 1] == 0xBF && s[i + 2] == 0xBD))
            return 0;
        i += k;
    }
    return 1;
}

static char *rs_base64(const unsigned char *b, size_t n)
{
    static const char tab[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char *o = malloc((n + 2) / 3 * 4 + 1), *p = o;
    if (!o)
        return NULL;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)b[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)b[i + 1] << 8;
        if (i + 2 < n)
            v |= b[i + 2];
        *p++ = tab[v >> 18];
        *p++ = tab[(v >> 12) & 63];
        *p++ = i + 1 < n ? tab[(v >> 6) & 63] : '=';
        *p++ = i + 2 < n ? tab[v & 63] : '=';
    }
    *p = '\0';
    return o;
}

/* Rockset parameters have no bytes type: binary goes as a string, raw into a character
 * column (when it is UTF-8), else as base64 (FROM_BASE64(:p) turns it back into bytes). */
static void rs_emit_bytes(const void *value, SQLLEN len, rs_sqlclass cl, SQLSMALLINT sql_type,
                          const char **type, char **out, rs_conv_status *st)
{
    if (len < 0) {
        rs_conv_set(st, SQL_ERROR, "HY090", "Invalid string or buffer length");
        return;
    }
    *type = "string";
    if (cl == RS_CL_CHAR) {
        if (!rs_utf8_valid(value, (size_t)len)) {
            rs_conv_set(st, SQL_ERROR, "22018", "Binary data is not UTF-8 character data");
            return;
        }
        *out = rs_strndup0(value, (size_t)len);
    } else if (cl == RS_CL_BINARY) {
        *out = rs_base64(value, (size_t)len);
    } else {
        rs_restricted(st, SQL_C_BINARY, sql_type);
        return;
    }
    if (!*out)
        rs_nomem(st);
}

static void rs_param_value(SQLSMALLINT c_type, SQLSMALLINT sql_type, rs_sqlclass cl,
                           const void *value, SQLLEN len, const char **type, char **out,
                           rs_conv_status *st)
{
    char buf[RS_NUMTEXT];
    rs_dec d;
    rs_dt dt;
    size_t n;
    char *text;

    switch (c_type) {
    case SQL_C_CHAR: case SQL_C_WCHAR:
        if ((text = rs_param_text(c_type, value, len, &n, st)))
            rs_emit_text(text, n, cl, c_type, sql_type, type, out, st);
        return;
    case SQL_C_BINARY:
        rs_emit_bytes(value, len, cl, sql_type, type, out, st);
        return;
    case SQL_C_TYPE_DATE: case SQL_C_DATE: case SQL_C_TYPE_TIME: case SQL_C_TIME:
    case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP:
        if (rs_dt_from_struct(c_type, value, &dt, st) == 0)
            rs_emit_dt(&dt, cl, c_type, sql_type, type, out, st);
        return;
    case SQL_C_GUID: {
        const SQLGUID *g = value;
        if (cl != RS_CL_CHAR && cl != RS_CL_GUID) {
            rs_restricted(st, c_type, sql_type);
            return;
        }
        snprintf(buf, sizeof(buf), "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                 (unsigned)g->Data1, g->Data2, g->Data3, g->Data4[0], g->Data4[1], g->Data4[2],
                 g->Data4[3], g->Data4[4], g->Data4[5], g->Data4[6], g->Data4[7]);
        *type = "string";
        if (!(*out = strdup(buf)))
            rs_nomem(st);
        return;
    }
    case SQL_C_NUMERIC:
        rs_numeric_struct_text(value, buf);
        break;
    default:
        if (rs_numeric_text(c_type, value, buf, sizeof(buf), st) != 0) {
            if (c_type >= SQL_C_INTERVAL_YEAR && c_type <= SQL_C_INTERVAL_MINUTE_TO_SECOND)
                rs_conv_set(st, SQL_ERROR, "HYC00", "Interval parameters are not supported");
            else
                rs_conv_set(st, SQL_ERROR, "HY003", "Invalid application buffer type %d",
                            c_type);
            return;
        }
        if (st->rc == SQL_ERROR)
            return;
        break;
    }
    rs_dec_parse(buf, strlen(buf), &d);
    rs_emit_number(&d, buf, cl, sql_type, type, out, st);
}

void rs_convert_param(SQLSMALLINT c_type, SQLSMALLINT sql_type, SQLSMALLINT decimal_digits,
                      const void *value, SQLLEN len, const char **type, char **out_value,
                      int *is_null, rs_conv_status *st)
{
    rs_sqlclass cl;

    (void)decimal_digits; /* Rockset keeps microseconds and has no decimals: nothing to scale */
    rs_conv_ok(st);
    *out_value = NULL;
    *is_null = 0;
    if (c_type == SQL_C_DEFAULT)
        c_type = rs_types_default_c_type(sql_type);
    cl = rs_conv_class(sql_type);
    if (cl == RS_CL_NONE)
        cl = rs_natural_class(c_type);
    *type = rs_class_type(cl);
    if (len == SQL_NULL_DATA) {
        *is_null = 1;
        return;
    }
    if (len == SQL_DATA_AT_EXEC || len <= SQL_LEN_DATA_AT_EXEC_OFFSET ||
        len == SQL_DEFAULT_PARAM || len == SQL_COLUMN_IGNORE) {
        rs_conv_set(st, SQL_ERROR, "HY090", "Invalid string or buffer length %ld", (long)len);
        return;
    }
    if (!value) {
        rs_conv_set(st, SQL_ERROR, "HY009", "Invalid use of null pointer");
        return;
    }
    rs_param_value(c_type, sql_type, cl, value, len, type, out_value, st);
    if (st->rc == SQL_ERROR) {
        free(*out_value);
        *out_value = NULL;
    }
}

/* ---- typing by the compared field ---- */

/* The SQL type standing for a field's Rockset type, 0 when the field's type gives no reason to
 * change what the binding says (strings, objects, mixed fields merged to "string"). */
static SQLSMALLINT rs_field_sql_type(const char *field_type)
{
    static const struct {
        const char *name;
        SQLSMALLINT sql_type;
    } map[] = {
        {"int", SQL_BIGINT}, {"float", SQL_DOUBLE}, {"bool", SQL_BIT},
        {"date", SQL_TYPE_DATE}, {"time", SQL_TYPE_TIME}, {"datetime", SQL_TYPE_TIMESTAMP},
        {"timestamp", SQL_TYPE_TIMESTAMP},
    };

    for (size_t i = 0; field_type && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(field_type, map[i].name) == 0)
            return map[i].sql_type;
    return 0;
}

static int rs_sql_is_char(SQLSMALLINT t)
{
    return t == SQL_CHAR || t == SQL_VARCHAR || t == SQL_LONGVARCHAR || t == SQL_WCHAR ||
           t == SQL_WVARCHAR || t == SQL_WLONGVARCHAR;
}

static int rs_sql_is_date_or_ts(SQLSMALLINT t)
{
    return t == SQL_TYPE_DATE || t == SQL_DATE || t == SQL_TYPE_TIMESTAMP || t == SQL_TIMESTAMP;
}

/* One attempt at the field's SQL type: 1 when it converted without any diagnostic (a
 * fraction cut from '7.5' into an int is no clean conversion). */
static int rs_try_as(SQLSMALLINT c_type, SQLSMALLINT as, SQLSMALLINT digits, const void *value,
                     SQLLEN len, const char **type, char **out, int *is_null)
{
    rs_conv_status tmp;

    rs_convert_param(c_type, as, digits, value, len, type, out, is_null, &tmp);
    if (tmp.rc == SQL_SUCCESS)
        return 1;
    free(*out);
    *out = NULL;
    return 0;
}

void rs_convert_param_field(SQLSMALLINT c_type, SQLSMALLINT sql_type, SQLSMALLINT decimal_digits,
                            const void *value, SQLLEN len, const char *field_type,
                            const char **type, char **out_value, int *is_null,
                            rs_conv_status *st)
{
    SQLSMALLINT fsql = rs_field_sql_type(field_type);
    int text_decl = rs_sql_is_char(sql_type);
    int dt_decl = rs_sql_is_date_or_ts(sql_type) && rs_sql_is_date_or_ts(fsql);

    if (c_type == SQL_C_DEFAULT) /* the declared type's C type, not the field's */
        c_type = rs_types_default_c_type(sql_type);

    /* A value that does not read as the field's type (text 'abc' against an int field) goes
     * as the application declared it, a string: Rockset then matches nothing, which is what
     * the same comparison with a literal does. An error (22018) would make statements fail
     * that ran before, only because the driver learned the field's type. */
    if (fsql && (text_decl || dt_decl) && len != SQL_NULL_DATA) {
        int ok = rs_try_as(c_type, fsql, decimal_digits, value, len, type, out_value, is_null);
        /* text like '7.5' against an int field: a float compares by value, a cut int lies */
        if (!ok && fsql == SQL_BIGINT && text_decl)
            ok = rs_try_as(c_type, SQL_DOUBLE, decimal_digits, value, len, type, out_value,
                           is_null);
        if (ok) {
            if (strcmp(field_type, "datetime") == 0 && *out_value) {
                /* a datetime has no zone: the same wall-clock fields, without the Z that
                 * marks the UTC of a Rockset timestamp */
                size_t n = strlen(*out_value);
                if (n > 0 && (*out_value)[n - 1] == 'Z')
                    (*out_value)[n - 1] = '\0';
                *type = "datetime";
            }
            rs_conv_ok(st);
            return;
        }
    }
    rs_convert_param(c_type, sql_type, decimal_digits, value, len, type, out_value, is_null, st);
}
