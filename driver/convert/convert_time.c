/* SPDX-License-Identifier: Apache-2.0 */
/* Dates and times: parsing Rockset's ISO texts (and ODBC's canonical ones, which character
 * data may hold), formatting the canonical ODBC forms, and filling the datetime C structs. */
#include "driver/convert/convert_internal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int rs_dt_digits(const char *s, size_t end, size_t *i, int n, int *out)
{
    int v = 0;
    for (int k = 0; k < n; k++, (*i)++) {
        if (*i >= end || s[*i] < '0' || s[*i] > '9')
            return -1;
        v = v * 10 + (s[*i] - '0');
    }
    *out = v;
    return 0;
}

int rs_dt_valid_date(int y, int m, int d)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

static int rs_dt_parse_date(const char *s, size_t end, size_t *i, rs_dt *dt)
{
    if (rs_dt_digits(s, end, i, 4, &dt->year) || *i >= end || s[(*i)++] != '-' ||
        rs_dt_digits(s, end, i, 2, &dt->month) || *i >= end || s[(*i)++] != '-' ||
        rs_dt_digits(s, end, i, 2, &dt->day))
        return -1;
    dt->has_date = 1;
    return rs_dt_valid_date(dt->year, dt->month, dt->day) ? 0 : -1;
}

static int rs_dt_parse_time(const char *s, size_t end, size_t *i, rs_dt *dt)
{
    if (rs_dt_digits(s, end, i, 2, &dt->hour) || *i >= end || s[(*i)++] != ':' ||
        rs_dt_digits(s, end, i, 2, &dt->minute) || *i >= end || s[(*i)++] != ':' ||
        rs_dt_digits(s, end, i, 2, &dt->second))
        return -1;
    if (*i < end && s[*i] == '.') {
        uint32_t scale = 100000000;
        (*i)++;
        if (*i >= end || s[*i] < '0' || s[*i] > '9')
            return -1;
        for (; *i < end && s[*i] >= '0' && s[*i] <= '9'; (*i)++, dt->frac_digits++) {
            if (dt->frac_digits < 9) {
                dt->frac_ns += (uint32_t)(s[*i] - '0') * scale;
                scale /= 10;
            } else if (s[*i] != '0') {
                dt->frac_lost = 1;
            }
        }
    }
    dt->has_time = 1;
    return dt->hour <= 23 && dt->minute <= 59 && dt->second <= 59 ? 0 : -1;
}

int rs_dt_parse(const char *s, size_t len, rs_dt *dt)
{
    size_t i = 0, end = len;

    memset(dt, 0, sizeof(*dt));
    while (i < end && s[i] == ' ')
        i++;
    while (end > i && s[end - 1] == ' ')
        end--;
    /* a time starts hh: ; a date starts yyyy- */
    if (end - i >= 3 && s[i + 2] == ':')
        return rs_dt_parse_time(s, end, &i, dt) == 0 && i == end ? 0 : -1;
    if (rs_dt_parse_date(s, end, &i, dt) != 0)
        return -1;
    if (i == end)
        return 0;
    if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
        return -1;
    i++;
    if (rs_dt_parse_time(s, end, &i, dt) != 0)
        return -1;
    /* Rockset timestamps are UTC and say so */
    if (i < end && (s[i] == 'Z' || s[i] == 'z'))
        i++;
    return i == end ? 0 : -1;
}

size_t rs_dt_format(const rs_dt *dt, char *out)
{
    int n = 0;
    if (dt->has_date)
        n += snprintf(out + n, 40 - (size_t)n, "%04d-%02d-%02d", dt->year, dt->month, dt->day);
    if (dt->has_date && dt->has_time)
        out[n++] = ' ';
    if (dt->has_time) {
        n += snprintf(out + n, 40 - (size_t)n, "%02d:%02d:%02d", dt->hour, dt->minute,
                      dt->second);
        if (dt->frac_digits > 0) {
            char frac[16];
            int digits = dt->frac_digits > 9 ? 9 : dt->frac_digits;
            snprintf(frac, sizeof(frac), "%09u", (unsigned)dt->frac_ns);
            n += snprintf(out + n, 40 - (size_t)n, ".%.*s", digits, frac);
        }
    }
    out[n] = '\0';
    return (size_t)n;
}

void rs_dt_today(int *y, int *m, int *d)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    *y = tm.tm_year + 1900;
    *m = tm.tm_mon + 1;
    *d = tm.tm_mday;
}

static void rs_bad_char(rs_conv_status *st)
{
    rs_conv_set(st, SQL_ERROR, "22018", "Invalid character value for cast specification");
}

static void rs_dt_to_date(const rs_dt *dt, SQL_DATE_STRUCT *d, rs_conv_status *st)
{
    if (!dt->has_date) {
        rs_bad_char(st);
        return;
    }
    d->year = (SQLSMALLINT)dt->year;
    d->month = (SQLUSMALLINT)dt->month;
    d->day = (SQLUSMALLINT)dt->day;
    if (dt->has_time && (dt->hour || dt->minute || dt->second || dt->frac_ns || dt->frac_lost))
        rs_conv_info(st, "01S07", "Fractional truncation");
}

static void rs_dt_to_time(const rs_dt *dt, SQL_TIME_STRUCT *t, rs_conv_status *st)
{
    if (!dt->has_time) {
        rs_bad_char(st);
        return;
    }
    t->hour = (SQLUSMALLINT)dt->hour;
    t->minute = (SQLUSMALLINT)dt->minute;
    t->second = (SQLUSMALLINT)dt->second;
    /* SQL_TIME_STRUCT has no fraction: losing a nonzero one is a truncation */
    if (dt->frac_ns || dt->frac_lost)
        rs_conv_info(st, "01S07", "Fractional truncation");
}

static void rs_dt_to_timestamp(const rs_dt *dt, SQL_TIMESTAMP_STRUCT *ts, rs_conv_status *st)
{
    memset(ts, 0, sizeof(*ts));
    if (dt->has_date) {
        ts->year = (SQLSMALLINT)dt->year;
        ts->month = (SQLUSMALLINT)dt->month;
        ts->day = (SQLUSMALLINT)dt->day;
    } else {
        int y, m, d;
        rs_dt_today(&y, &m, &d); /* appendix D: a time gets today's date */
        ts->year = (SQLSMALLINT)y;
        ts->month = (SQLUSMALLINT)m;
        ts->day = (SQLUSMALLINT)d;
    }
    ts->hour = (SQLUSMALLINT)dt->hour;
    ts->minute = (SQLUSMALLINT)dt->minute;
    ts->second = (SQLUSMALLINT)dt->second;
    ts->fraction = dt->frac_ns;
    if (dt->frac_lost)
        rs_conv_info(st, "01S07", "Fractional truncation");
}

int rs_conv_dt_to_c(const rs_dt *dt, SQLSMALLINT c_type, void *target, rs_conv_status *st)
{
    switch (c_type) {
    case SQL_C_TYPE_DATE:
    case SQL_C_DATE: {
        SQL_DATE_STRUCT d;
        rs_dt_to_date(dt, &d, st);
        if (st->rc != SQL_ERROR)
            memcpy(target, &d, sizeof(d));
        return 1;
    }
    case SQL_C_TYPE_TIME:
    case SQL_C_TIME: {
        SQL_TIME_STRUCT t;
        rs_dt_to_time(dt, &t, st);
        if (st->rc != SQL_ERROR)
            memcpy(target, &t, sizeof(t));
        return 1;
    }
    case SQL_C_TYPE_TIMESTAMP:
    case SQL_C_TIMESTAMP: {
        SQL_TIMESTAMP_STRUCT ts;
        rs_dt_to_timestamp(dt, &ts, st);
        memcpy(target, &ts, sizeof(ts));
        return 1;
    }
    default:
        return 0;
    }
}
