/* SPDX-License-Identifier: Apache-2.0 */
/* Rockset SQL functions for SQLite (see sql_functions.h and docs/sql.md for the list). */
#include "server/sql/sql_functions.h"
#include "server/sql/sql_value.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>
#include <stdint.h>
#include <time.h>

static int parse_digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return 0;
}

int sql_parse_timestamp(const char *s, long long *micros)
{
    int Y, M, D, h = 0, m = 0, sec = 0;
    long frac = 0;
    const char *p = s;
    if (!s || parse_digits(&p, 4, &Y) || *p++ != '-' || parse_digits(&p, 2, &M) ||
        *p++ != '-' || parse_digits(&p, 2, &D))
        return -1;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        p++;
        if (parse_digits(&p, 2, &h) || *p++ != ':' || parse_digits(&p, 2, &m))
            return -1;
        if (*p == ':') {
            p++;
            if (parse_digits(&p, 2, &sec))
                return -1;
        }
        if (*p == '.') {
            int nd = 0;
            p++;
            while (isdigit((unsigned char)*p)) {
                if (nd < 6) {
                    frac = frac * 10 + (*p - '0');
                    nd++;
                }
                p++;
            }
            while (nd++ < 6)
                frac *= 10;
        }
    }
    long long off = 0;
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int oh, om = 0, sign = *p == '-' ? -1 : 1;
        p++;
        if (parse_digits(&p, 2, &oh))
            return -1;
        if (*p == ':')
            p++;
        if (isdigit((unsigned char)*p) && parse_digits(&p, 2, &om))
            return -1;
        off = sign * (oh * 3600LL + om * 60LL);
    }
    if (*p != '\0' || M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || m > 59 || sec > 60)
        return -1;
    /* timegm's answer by arithmetic (it cost as much as the rest of the parse): days from
     * 0000-03-01 by 400-year eras, a day past the month's end (Feb 31) running on into
     * the next month as timegm normalizes it */
    long long y = Y - (M <= 2), era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    long long doy = (153 * (M > 2 ? M - 3 : M + 9) + 2) / 5 + D - 1;
    long long days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    *micros = (days * 86400 + h * 3600LL + m * 60LL + sec - off) * 1000000LL + frac;
    return 0;
}

/* The old formatting, for what the fast path does not cover (years outside 0..9999). */
static void format_timestamp_tm(long long secs, long long us, char *out, size_t outlen)
{
    time_t t = (time_t)secs;
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(out, outlen, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, us);
}

static void put_digits(char *p, unsigned long v, int n)
{
    while (n-- > 0) {
        p[n] = (char)('0' + v % 10);
        v /= 10;
    }
}

/* Digits by hand: SELECT * formats every row's _event_time, and gmtime_r + snprintf were
 * most of that row's cost. The date is the proleptic Gregorian calendar's, computed by
 * 400-year eras (146,097 days each) as gmtime does. */
void sql_format_timestamp(long long micros, char *out, size_t outlen)
{
    long long secs = micros / 1000000, us = micros % 1000000;
    if (us < 0) {
        us += 1000000;
        secs--;
    }
    long long days = secs / 86400, sod = secs % 86400;
    if (sod < 0) {
        sod += 86400;
        days--;
    }
    long long z = days + 719468;                      /* days since 0000-03-01 */
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;                 /* day of the era, 0..146096 */
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);   /* from March 1st */
    long long mp = (5 * doy + 2) / 153;
    long long day = doy - (153 * mp + 2) / 5 + 1, mon = mp < 10 ? mp + 3 : mp - 9;
    long long year = yoe + era * 400 + (mon <= 2);
    if (year < 0 || year > 9999 || outlen < 28) {
        format_timestamp_tm(secs, us, out, outlen);
        return;
    }
    memcpy(out, "0000-00-00T00:00:00.000000Z", 28);
    put_digits(out, (unsigned long)year, 4);
    put_digits(out + 5, (unsigned long)mon, 2);
    put_digits(out + 8, (unsigned long)day, 2);
    put_digits(out + 11, (unsigned long)(sod / 3600), 2);
    put_digits(out + 14, (unsigned long)(sod / 60 % 60), 2);
    put_digits(out + 17, (unsigned long)(sod % 60), 2);
    put_digits(out + 20, (unsigned long)us, 6);
}

static long long now_micros(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (long long)tv.tv_sec * 1000000LL + tv.tv_usec;
}

/* A value as micros: a tagged date/time value, timestamp/date text, integers as micros
 * already. */
static int value_micros(sqlite3_value *v, long long *out)
{
    sql_tv k;
    switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
        *out = sqlite3_value_int64(v);
        return 0;
    case SQLITE_TEXT:
        return sql_parse_timestamp((const char *)sqlite3_value_text(v), out);
    case SQLITE_BLOB:
        return sql_value_tv(v, out, &k);
    default:
        return -1;
    }
}

static void result_ts(sqlite3_context *c, long long micros)
{
    sql_value_result_tv(c, micros, SQL_TV_TIMESTAMP);
}

/* FORMAT_ISO8601(ts): the text of a timestamp, a string. */
static void fn_format_iso(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long us;
    char buf[40];
    (void)n;
    if (sqlite3_value_type(v[0]) == SQLITE_NULL)
        return;
    if (value_micros(v[0], &us) != 0) {
        sql_result_error(c, "FORMAT_ISO8601: not a timestamp", -1);
        return;
    }
    sql_format_timestamp(us, buf, sizeof buf);
    sqlite3_result_text(c, buf, -1, SQLITE_TRANSIENT);
}

static void fn_ts(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long us;
    (void)n;
    if (value_micros(v[0], &us) == 0)
        result_ts(c, us);
}

static void fn_now(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n, (void)v;
    result_ts(c, now_micros());
}

void sql_tv_format(long long micros, sql_tv k, char *out, size_t outlen)
{
    char buf[40];
    if (k == SQL_TV_TIMESTAMP) {
        sql_format_timestamp(micros, out, outlen);
        return;
    }
    sql_format_timestamp(micros, buf, sizeof buf);
    buf[26] = '\0';                                   /* drop Z */
    if (strcmp(buf + 19, ".000000") == 0)
        buf[19] = '\0';                               /* Rockset's spelling, see the .h */
    if (k == SQL_TV_DATE)
        buf[10] = '\0';
    snprintf(out, outlen, "%s", k == SQL_TV_TIME ? buf + 11 : buf);
}

/* 1 when the character after field `field` (0 year, 1 month, 2 day, 3 hour, 4 minute,
 * 5 second) is the separator that starts the next field. */
static int civil_separator(int field, char c)
{
    return (c == '-' && field < 2) || ((c == ' ' || c == 'T' || c == 't') && field == 2) ||
           (c == ':' && (field == 3 || field == 4));
}

/* Rockset's literal syntax lets the month, day, hour, minute and second have one digit
 * (DATE 'YYYY-[M]M-[D]D', TIME '[H]H:[M]M:[S]S[.DDDDDD]', its "Date and Time Types" page);
 * the shared parser (also used at ingestion) wants two. Copies s into out (cap bytes) with
 * those fields padded to two digits, starting at field `field` (0 for a date, 3 for a time);
 * the year, a fraction and an offset are copied as written. -1 when s is too long. */
static int pad_civil_fields(const char *s, int field, char *out, size_t cap)
{
    size_t o = 0, L = strlen(s);
    const char *p = s;
    if (L + 6 >= cap)
        return -1;
    while (isdigit((unsigned char)*p)) {
        const char *q = p;
        while (isdigit((unsigned char)*q))
            q++;
        if (field >= 1 && q - p == 1)
            out[o++] = '0';
        memcpy(out + o, p, (size_t)(q - p));
        o += (size_t)(q - p);
        p = q;
        if (field == 5 || !civil_separator(field, *p))
            break;
        out[o++] = *p++;
        field++;
    }
    memcpy(out + o, p, strlen(p) + 1);
    return 0;
}

/* [H]H:[M]M[:[S]S[.f]] -> micros of the day on 1970-01-01. */
static int parse_time_only(const char *s, long long *us)
{
    char t[64], buf[80];
    size_t L = strlen(s);
    if (L > 40 || L < 3 || pad_civil_fields(s, 3, t, sizeof t) != 0)
        return -1;
    snprintf(buf, sizeof buf, "1970-01-01T%s", t);
    if (strpbrk(buf + 11, "Zz+-"))
        return -1;                                    /* a time has no zone */
    return sql_parse_timestamp(buf, us);
}

static int all_digits(const char *s)
{
    if (*s == '-')
        s++;
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s))
            return 0;
    return 1;
}

int sql_tv_parse(const char *s, sql_tv k, long long *micros)
{
    if (!s)
        return -1;
    if (k == SQL_TV_TIME)
        return parse_time_only(s, micros);
    if (k == SQL_TV_TIMESTAMP && all_digits(s)) {
        errno = 0;
        *micros = strtoll(s, NULL, 10);             /* epoch microseconds, as ingest takes */
        return errno ? -1 : 0;
    }
    return sql_parse_timestamp(s, micros);
}

int sql_tv_from_name(const char *name, sql_tv *k)
{
    static const char *const names[] = { "date", "time", "datetime", "timestamp" };
    for (int i = 0; i < 4; i++)
        if (name && strcasecmp(name, names[i]) == 0) {
            *k = (sql_tv)i;
            return 0;
        }
    return -1;
}

int sql_tv_of_text(const char *s, sql_tv *k)
{
    size_t L = s ? strlen(s) : 0;
    if (L >= 8 && s[2] == ':' && s[5] == ':')
        *k = SQL_TV_TIME;
    else if (L == 10 && s[4] == '-' && s[7] == '-')
        *k = SQL_TV_DATE;
    else if (L >= 19 && s[4] == '-' && s[10] == 'T')
        *k = s[L - 1] == 'Z' || strpbrk(s + 19, "+-") ? SQL_TV_TIMESTAMP : SQL_TV_DATETIME;
    else
        return -1;
    return 0;
}

int sql_tv_canon(const char *in, sql_tv k, char *out, size_t outlen)
{
    long long us;
    if (sql_tv_parse(in, k, &us) != 0)
        return -1;
    sql_tv_format(us, k, out, outlen);
    return strcmp(in, out) != 0;
}

int sql_tv_value(sqlite3_value *v, long long *micros, sql_tv *k)
{
    return sql_value_tv(v, micros, k);
}

void sql_tv_result(sqlite3_context *c, long long micros, sql_tv k)
{
    sql_value_result_tv(c, micros, k);
}

static void fn_current_part(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n, (void)v;
    sql_tv_result(c, now_micros(), (sql_tv)(intptr_t)sql_fn_data(c));
}

/* A date, datetime or timestamp text whose fields may have one digit (pad_civil_fields). */
static int parse_short_fields(const char *s, long long *us)
{
    char buf[80];
    if (pad_civil_fields(s, 0, buf, sizeof buf) != 0)
        return -1;
    return sql_parse_timestamp(buf, us);
}

/* rs_date / rs_time / rs_datetime / rs_timestamp: casts from text or micros. */
static void fn_cast_time(sqlite3_context *c, int n, sqlite3_value **v)
{
    sql_tv which = (sql_tv)(intptr_t)sql_fn_data(c);
    long long us;
    (void)n;
    if (sqlite3_value_type(v[0]) == SQLITE_NULL)
        return;
    sql_tv from;
    if (sqlite3_value_type(v[0]) == SQLITE_BLOB && sql_value_tv(v[0], &us, &from) == 0) {
        /* a tagged value converts (a date to a timestamp, ...) */
    } else if (value_micros(v[0], &us) != 0) {
        const char *s = sqlite3_value_type(v[0]) == SQLITE_TEXT
                            ? (const char *)sqlite3_value_text(v[0]) : NULL;
        if (!s || (which == SQL_TV_TIME ? parse_time_only(s, &us)
                                        : parse_short_fields(s, &us)) != 0) {
            sql_result_error(c, "Cannot convert value to a date/time type", -1);
            return;
        }
    }
    sql_tv_result(c, us, which);
}

static void fn_bool(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    switch (sqlite3_value_type(v[0])) {
    case SQLITE_INTEGER: case SQLITE_FLOAT:
        sql_value_result_bool(c, sqlite3_value_double(v[0]) != 0.0);
        break;
    case SQLITE_BLOB:
        if (sql_value_bool(v[0]) >= 0)
            sqlite3_result_value(c, v[0]);
        else
            sql_result_error(c, "Cannot convert value to bool", -1);
        break;
    case SQLITE_TEXT: {
        const char *s = (const char *)sqlite3_value_text(v[0]);
        if (strcasecmp(s, "true") == 0)
            sql_value_result_bool(c, 1);
        else if (strcasecmp(s, "false") == 0)
            sql_value_result_bool(c, 0);
        else
            sql_result_error(c, "Cannot convert string to bool", -1);
        break;
    }
    default:
        break;
    }
}

static const struct {
    const char *name;
    long long us;
} trunc_units[] = {
    { "MICROSECOND", 1 }, { "MILLISECOND", 1000 }, { "SECOND", 1000000LL },
    { "MINUTE", 60000000LL }, { "HOUR", 3600000000LL }, { "DAY", 86400000000LL },
};

int sql_date_trunc_micros(const char *unit, long long us, long long *out)
{
    for (size_t i = 0; i < sizeof trunc_units / sizeof trunc_units[0]; i++)
        if (strcasecmp(unit, trunc_units[i].name) == 0) {
            long long q = trunc_units[i].us, r = us % q;
            *out = us - (r < 0 ? r + q : r);
            return 0;
        }
    time_t t = (time_t)(us / 1000000 - (us % 1000000 < 0));
    struct tm tm;
    gmtime_r(&t, &tm);
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    if (strcasecmp(unit, "WEEK") == 0)
        tm.tm_mday -= (tm.tm_wday + 6) % 7;          /* weeks start on Monday */
    else if (strcasecmp(unit, "MONTH") == 0)
        tm.tm_mday = 1;
    else if (strcasecmp(unit, "QUARTER") == 0)
        tm.tm_mday = 1, tm.tm_mon -= tm.tm_mon % 3;
    else if (strcasecmp(unit, "YEAR") == 0)
        tm.tm_mday = 1, tm.tm_mon = 0;
    else
        return -1;
    *out = (long long)timegm(&tm) * 1000000LL;
    return 0;
}

/* DATE_TRUNC(unit, x): fixed units by arithmetic, calendar units through struct tm. The
 * result keeps the type of x (a date stays a date, a datetime a datetime). */
static void fn_date_trunc(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *unit = (const char *)sqlite3_value_text(v[0]);
    long long us, t;
    sql_tv k;
    (void)n;
    if (!unit || sqlite3_value_type(v[1]) == SQLITE_NULL)
        return;
    if (sql_tv_value(v[1], &us, &k) != 0) {
        sql_result_error(c, "DATE_TRUNC: not a date or time value", -1);
        return;
    }
    if (sql_date_trunc_micros(unit, us, &t) != 0) {
        sql_result_error(c, "DATE_TRUNC: unknown unit", -1);
        return;
    }
    sql_tv_result(c, t, k);
}

/* ISO 8601 week number: weeks start on Monday, week 1 holds the year's first Thursday. */
static long long iso_week(const struct tm *tm)
{
    int wday = (tm->tm_wday + 6) % 7;               /* Monday = 0 */
    int thursday_yday = tm->tm_yday - wday + 3;     /* this week's Thursday */
    int year = tm->tm_year + 1900;
    if (thursday_yday < 0) {
        year--;
        int len = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 366 : 365;
        thursday_yday += len;
    } else {
        int len = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 366 : 365;
        if (thursday_yday >= len)
            thursday_yday -= len;
    }
    return thursday_yday / 7 + 1;
}

static void fn_extract(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *unit = (const char *)sqlite3_value_text(v[0]);
    long long us;
    (void)n;
    if (!unit || sqlite3_value_type(v[1]) == SQLITE_NULL)
        return;
    sql_tv k;
    if (sql_value_tv(v[1], &us, &k) != 0 && value_micros(v[1], &us) != 0) {
        const char *s = sqlite3_value_type(v[1]) == SQLITE_TEXT
                            ? (const char *)sqlite3_value_text(v[1]) : NULL;
        if (!s || parse_time_only(s, &us) != 0) {
            sql_result_error(c, "EXTRACT: not a date or time value", -1);
            return;
        }
    }
    time_t t = (time_t)(us / 1000000 - (us % 1000000 < 0));
    long long frac = ((us % 1000000) + 1000000) % 1000000;
    struct tm tm;
    gmtime_r(&t, &tm);
    long long r;
    if (strcasecmp(unit, "YEAR") == 0) r = tm.tm_year + 1900;
    else if (strcasecmp(unit, "QUARTER") == 0) r = tm.tm_mon / 3 + 1;
    else if (strcasecmp(unit, "MONTH") == 0) r = tm.tm_mon + 1;
    else if (strcasecmp(unit, "DAY") == 0) r = tm.tm_mday;
    else if (strcasecmp(unit, "HOUR") == 0) r = tm.tm_hour;
    else if (strcasecmp(unit, "MINUTE") == 0) r = tm.tm_min;
    else if (strcasecmp(unit, "SECOND") == 0) r = tm.tm_sec;
    else if (strcasecmp(unit, "MILLISECOND") == 0) r = frac / 1000;
    else if (strcasecmp(unit, "MICROSECOND") == 0) r = frac;
    else if (strcasecmp(unit, "DAY_OF_WEEK") == 0 || strcasecmp(unit, "DOW") == 0 ||
             strcasecmp(unit, "DAYOFWEEK") == 0)
        r = tm.tm_wday + 1;                          /* Sunday = 1 */
    else if (strcasecmp(unit, "DAY_OF_YEAR") == 0 || strcasecmp(unit, "DOY") == 0 ||
             strcasecmp(unit, "DAYOFYEAR") == 0)
        r = tm.tm_yday + 1;
    else if (strcasecmp(unit, "ISOWEEK") == 0 || strcasecmp(unit, "WEEK") == 0)
        r = iso_week(&tm);
    else {
        sql_result_error(c, "EXTRACT: unknown unit", -1);
        return;
    }
    sqlite3_result_int64(c, r);
}

/* UNIX_MICROS / MILLIS / SECONDS (divisor in user data). */
static void fn_unix(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long us, div = (long long)(intptr_t)sql_fn_data(c);
    (void)n;
    if (value_micros(v[0], &us) == 0)
        sqlite3_result_int64(c, us / div);
}

static void fn_from_unix(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long mul = (long long)(intptr_t)sql_fn_data(c);
    (void)n;
    if (sqlite3_value_type(v[0]) != SQLITE_NULL)
        result_ts(c, sqlite3_value_int64(v[0]) * mul);
}

typedef struct fn_def {
    const char *name;
    int nargs;
    void (*fn)(sqlite3_context *, int, sqlite3_value **);
    void *data;
    int deterministic;
} fn_def;

static const fn_def fn_defs[] = {
    { "rs_ts", 1, fn_ts, NULL, 1 },
    { "rs_now", 0, fn_now, NULL, 0 },
    { "rs_current_date", 0, fn_current_part, (void *)0, 0 },
    { "rs_current_time", 0, fn_current_part, (void *)1, 0 },
    { "rs_current_datetime", 0, fn_current_part, (void *)2, 0 },
    { "rs_date", 1, fn_cast_time, (void *)0, 1 },
    { "rs_time", 1, fn_cast_time, (void *)1, 1 },
    { "rs_datetime", 1, fn_cast_time, (void *)2, 1 },
    { "rs_timestamp", 1, fn_cast_time, (void *)3, 1 },
    { "PARSE_TIMESTAMP_ISO8601", 1, fn_cast_time, (void *)3, 1 },
    { "PARSE_DATE_ISO8601", 1, fn_cast_time, (void *)0, 1 },
    { "PARSE_TIME_ISO8601", 1, fn_cast_time, (void *)1, 1 },
    { "PARSE_DATETIME_ISO8601", 1, fn_cast_time, (void *)2, 1 },
    { "FORMAT_ISO8601", 1, fn_format_iso, NULL, 1 },
    { "rs_bool", 1, fn_bool, NULL, 1 },
    { "rs_extract", 2, fn_extract, NULL, 1 },
    { "DATE_TRUNC", 2, fn_date_trunc, NULL, 1 },
    { "UNIX_MICROS", 1, fn_unix, (void *)1, 1 },
    { "UNIX_MILLIS", 1, fn_unix, (void *)1000, 1 },
    { "UNIX_SECONDS", 1, fn_unix, (void *)1000000, 1 },
    { "TIMESTAMP_MICROS", 1, fn_from_unix, (void *)1, 1 },
    { "TIMESTAMP_MILLIS", 1, fn_from_unix, (void *)1000, 1 },
    { "TIMESTAMP_SECONDS", 1, fn_from_unix, (void *)1000000, 1 },
};

void srv_sql_register_functions(sqlite3 *db)
{
    for (size_t i = 0; i < sizeof fn_defs / sizeof fn_defs[0]; i++) {
        const fn_def *d = &fn_defs[i];
        int flags = SQLITE_UTF8 | (d->deterministic ? SQLITE_DETERMINISTIC : 0);
        sql_fn_register(db, d->name, d->nargs, flags, d->data, d->fn);
    }
    sql_fn_time_register(db);
    sql_fn_agg_register(db);
    sql_value_register(db);
    sql_fn_array_register(db);
    sql_fn_object_register(db);
    sql_fn_math_register(db);
    sql_fn_string_register(db);
    sql_fn_regex_register(db);
    sql_fn_hash_register(db);
    sql_fn_literals_register(db);
    sql_fn_geo_register(db);
    sql_fn_tzdate_register(db);
    sql_fn_stat_register(db);
    sql_fn_sum_register(db);
    sql_try_register(db);
    sql_fn_misc_register(db);
    sql_fn_vector_register(db);
}
