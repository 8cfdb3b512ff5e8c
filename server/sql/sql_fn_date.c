/* SPDX-License-Identifier: Apache-2.0 */
/* Rockset's date and time constructors, conversions with time zones, interval constructors
 * and TIME_BUCKET, over the tagged temporal values of the value model (sql_value.h):
 *   DATE(y, m, d), DATE(x[, timezone]), TIME(h, m, s), TIME(x[, timezone]),
 *   DATETIME(date, time), DATETIME(timestamp, timezone) (the translator spells it
 *   rs_datetime), rs_at_time_zone(x, zone) for `x AT TIME ZONE zone`, the zone forms of
 *   CURRENT_DATE / CURRENT_TIME / CURRENT_DATETIME, DATE_TRUNC(unit, timestamp, zone),
 *   UNIX_DATE, DATE_FROM_UNIX_DATE, YEARS ... MILLISECONDS(n), TIME_BUCKET.
 * DATE(...) and TIME(...) replace SQLite's date() and time() of the same arities: the
 * translator passes those names through, and SQLite's answer text where Rockset answers a
 * typed value (CAST(DATE(2018, 5, 26) AS string) must be '2018-05-26'). */
#include "server/sql/sql_fn_date.h"
#include "server/sql/sql_fn_tz.h"
#include "server/sql/sql_functions.h"
#include "server/sql/sql_value.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>
#include <time.h>

#define US 1000000LL
#define US_DAY 86400000000LL
#define US_MIN (-62135596800000000LL)  /* 0001-01-01T00:00:00Z */
#define US_MAX 253402300799999999LL    /* 9999-12-31T23:59:59.999999Z */

long long sql_days_civil(long long y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static long long floor_div(long long a, long long b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

static long long floor_mod(long long a, long long b)
{
    return a - floor_div(a, b) * b;
}

/* micros of the UTC instant us, shifted to the civil time of zone tz. */
static long long to_local(const sql_tz *tz, long long us)
{
    return us + sql_tz_offset(tz, floor_div(us, US), NULL) * US;
}

static long long from_local(const sql_tz *tz, long long local)
{
    return sql_tz_to_utc(tz, floor_div(local, US)) * US + floor_mod(local, US);
}

static void type_error(sqlite3_context *c, const char *fn, sqlite3_value *v, const char *want)
{
    char msg[160];
    snprintf(msg, sizeof msg, "%s: argument has type %s, expected %s", fn,
             sql_vt_name(sql_value_type(v)), want);
    sql_result_error(c, msg, -1);
}

/* The temporal argument v: 0 with its micros and kind, 1 null, -1 error set. */
static int tv_arg(sqlite3_context *c, const char *fn, sqlite3_value *v, long long *us,
                  sql_tv *k)
{
    sql_vt t = sql_value_type(v);
    if (t == SQL_VT_NULL || t == SQL_VT_UNDEFINED)
        return 1;
    if (sql_value_tv(v, us, k) == 0)
        return 0;
    type_error(c, fn, v, "date, time, datetime or timestamp");
    return -1;
}

/* Integer arguments v[0..n-1] (all ints): 0 ok, 1 one is null, -1 error set. */
static int int_args(sqlite3_context *c, const char *fn, int n, sqlite3_value **v,
                    long long *out)
{
    static const unsigned ints[8] = { SQL_VTM_INT, SQL_VTM_INT, SQL_VTM_INT, SQL_VTM_INT,
                                      SQL_VTM_INT, SQL_VTM_INT, SQL_VTM_INT, SQL_VTM_INT };
    int rc = sql_fn_args(c, fn, n, v, ints);
    for (int i = 0; rc == 0 && i < n; i++)
        out[i] = sqlite3_value_int64(v[i]);
    return rc;
}

/* DATE(year, month, day). */
static void fn_date3(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long a[3];
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (int_args(c, "DATE", n, v, a) != 0)
        return;
    int lp = (a[0] % 4 == 0 && a[0] % 100 != 0) || a[0] % 400 == 0;
    if (a[0] < 1 || a[0] > 9999 || a[1] < 1 || a[1] > 12 || a[2] < 1 ||
        a[2] > mdays[a[1] - 1] + (a[1] == 2 && lp)) {
        sql_result_error(c, "DATE: not a valid date", -1);
        return;
    }
    sql_value_result_tv(c, sql_days_civil(a[0], (int)a[1], (int)a[2]) * US_DAY, SQL_TV_DATE);
}

/* TIME(hour, minute, second). */
static void fn_time3(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long a[3];
    if (int_args(c, "TIME", n, v, a) != 0)
        return;
    if (a[0] < 0 || a[0] > 23 || a[1] < 0 || a[1] > 59 || a[2] < 0 || a[2] > 59) {
        sql_result_error(c, "TIME: not a valid time of day", -1);
        return;
    }
    sql_value_result_tv(c, ((a[0] * 60 + a[1]) * 60 + a[2]) * US, SQL_TV_TIME);
}

/* DATE(x[, zone]) / TIME(x[, zone]) (user data: the kind answered): the date or the time of
 * day of a datetime or a timestamp (in the zone, default UTC), a date of a date, a time of a
 * time; a string is read as CAST reads it. */
static void fn_part_of(sqlite3_context *c, int n, sqlite3_value **v)
{
    sql_tv want = (sql_tv)(intptr_t)sql_fn_data(c), k;
    const char *fn = want == SQL_TV_DATE ? "DATE" : "TIME";
    sql_tz tz = { NULL, 0 };
    long long us;
    if (tv_arg(c, fn, v[0], &us, &k) != 0)
        return;
    if (n == 2) {
        if (k != SQL_TV_TIMESTAMP) {
            type_error(c, fn, v[0], "timestamp (with a time zone)");
            return;
        }
        if (sql_tz_arg(c, fn, v[1], &tz) != 0)
            return;
    }
    if ((want == SQL_TV_DATE && k == SQL_TV_TIME) || (want == SQL_TV_TIME && k == SQL_TV_DATE)) {
        type_error(c, fn, v[0], want == SQL_TV_DATE ? "date, datetime or timestamp"
                                                    : "time, datetime or timestamp");
        return;
    }
    if (k == SQL_TV_TIMESTAMP)
        us = to_local(&tz, us);
    sql_value_result_tv(c, want == SQL_TV_DATE ? us - floor_mod(us, US_DAY)
                                               : floor_mod(us, US_DAY), want);
}

/* rs_datetime(date, time) and rs_datetime(timestamp, zone): DATETIME(...) of two arguments. */
static void fn_datetime2(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long a, b;
    sql_tv ka, kb;
    sql_tz tz;
    (void)n;
    if (tv_arg(c, "DATETIME", v[0], &a, &ka) != 0)
        return;
    if (ka == SQL_TV_TIMESTAMP) {
        if (sql_tz_arg(c, "DATETIME", v[1], &tz) == 0)
            sql_value_result_tv(c, to_local(&tz, a), SQL_TV_DATETIME);
        return;
    }
    if (ka != SQL_TV_DATE) {
        type_error(c, "DATETIME", v[0], "date or timestamp");
        return;
    }
    int rc = tv_arg(c, "DATETIME", v[1], &b, &kb);
    if (rc == 0 && kb != SQL_TV_TIME)
        type_error(c, "DATETIME", v[1], "time");
    else if (rc == 0)
        sql_value_result_tv(c, a + b, SQL_TV_DATETIME);
}

/* rs_at_time_zone(x, zone): `datetime AT TIME ZONE zone` is the timestamp of that civil time
 * in the zone, `timestamp AT TIME ZONE zone` the civil time (a datetime) there. */
static void fn_at_time_zone(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long us;
    sql_tv k;
    sql_tz tz;
    (void)n;
    if (tv_arg(c, "AT TIME ZONE", v[0], &us, &k) != 0 ||
        sql_tz_arg(c, "AT TIME ZONE", v[1], &tz) != 0)
        return;
    if (k == SQL_TV_TIMESTAMP)
        sql_value_result_tv(c, to_local(&tz, us), SQL_TV_DATETIME);
    else if (k == SQL_TV_DATETIME)
        sql_value_result_tv(c, from_local(&tz, us), SQL_TV_TIMESTAMP);
    else
        type_error(c, "AT TIME ZONE", v[0], "datetime or timestamp");
}

static long long now_micros(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (long long)tv.tv_sec * US + tv.tv_usec;
}

/* rs_current_date(zone) / rs_current_time(zone) / rs_current_datetime(zone). */
static void fn_current_tz(sqlite3_context *c, int n, sqlite3_value **v)
{
    sql_tv k = (sql_tv)(intptr_t)sql_fn_data(c);
    sql_tz tz;
    (void)n;
    if (sql_tz_arg(c, "CURRENT_DATE", v[0], &tz) != 0)
        return;
    long long us = to_local(&tz, now_micros());
    if (k == SQL_TV_DATE)
        us -= floor_mod(us, US_DAY);
    else if (k == SQL_TV_TIME)
        us = floor_mod(us, US_DAY);
    sql_value_result_tv(c, us, k);
}

/* DATE_TRUNC(unit, timestamp, zone): truncated in the zone's civil time, as a timestamp. The
 * two-argument form (sql_functions.c) truncates in UTC; this one goes through it by calling
 * it with the shifted value, so both agree on units. */
static void fn_date_trunc_tz(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long us;
    sql_tv k;
    sql_tz tz;
    (void)n;
    if (sqlite3_value_type(v[0]) == SQLITE_NULL || tv_arg(c, "DATE_TRUNC", v[1], &us, &k) != 0 ||
        sql_tz_arg(c, "DATE_TRUNC", v[2], &tz) != 0)
        return;
    if (k != SQL_TV_TIMESTAMP) {
        type_error(c, "DATE_TRUNC", v[1], "timestamp (with a time zone)");
        return;
    }
    long long t;
    if (sql_date_trunc_micros((const char *)sqlite3_value_text(v[0]), to_local(&tz, us),
                              &t) != 0) {
        sql_result_error(c, "DATE_TRUNC: unknown unit", -1);
        return;
    }
    sql_value_result_tv(c, from_local(&tz, t), SQL_TV_TIMESTAMP);
}

/* UNIX_DATE(date): days since 1970-01-01. */
static void fn_unix_date(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long us;
    sql_tv k;
    (void)n;
    if (tv_arg(c, "UNIX_DATE", v[0], &us, &k) != 0)
        return;
    if (k != SQL_TV_DATE)
        type_error(c, "UNIX_DATE", v[0], "date");
    else
        sqlite3_result_int64(c, floor_div(us, US_DAY));
}

/* DATE_FROM_UNIX_DATE(n): the date n days after 1970-01-01. */
static void fn_date_from_unix(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long d;
    if (int_args(c, "DATE_FROM_UNIX_DATE", n, v, &d) != 0)
        return;
    if (d < US_MIN / US_DAY || d > US_MAX / US_DAY)
        sql_result_error(c, "DATE_FROM_UNIX_DATE: out of range (years 1 to 9999)", -1);
    else
        sql_value_result_tv(c, d * US_DAY, SQL_TV_DATE);
}

/* YEARS(n) ... MILLISECONDS(n): intervals. Years and months are month_intervals (a month has
 * no fixed length); the others microsecond_intervals, from an int or a float (SECONDS(1.5)). */
static const struct {
    const char *name;
    long long per;              /* months or micros per unit */
    int months;
} interval_fns[] = {
    { "YEARS", 12, 1 }, { "MONTHS", 1, 1 }, { "DAYS", US_DAY, 0 }, { "HOURS", 3600 * US, 0 },
    { "MINUTES", 60 * US, 0 }, { "SECONDS", US, 0 }, { "MILLISECONDS", 1000, 0 },
};

static void fn_interval(sqlite3_context *c, int n, sqlite3_value **v)
{
    size_t i = (size_t)(intptr_t)sql_fn_data(c);
    unsigned mask[1] = { interval_fns[i].months ? SQL_VTM_INT : SQL_VTM_NUM };
    long long r;
    if (sql_fn_args(c, interval_fns[i].name, n, v, mask) != 0)
        return;
    if (sql_value_type(v[0]) == SQL_VT_FLOAT) {
        double d = sqlite3_value_double(v[0]) * (double)interval_fns[i].per;
        if (!(fabs(d) < 9.2e18)) {
            sql_fn_error(c, interval_fns[i].name, "Integer overflow");
            return;
        }
        r = llround(d);
    } else if (__builtin_mul_overflow(sqlite3_value_int64(v[0]), interval_fns[i].per, &r)) {
        sql_fn_error(c, interval_fns[i].name, "Integer overflow");
        return;
    }
    sql_value_result_interval(c, interval_fns[i].months ? SQL_VT_MONTH_INTERVAL
                                                         : SQL_VT_MICROSECOND_INTERVAL, r);
}

/* Months since year 0 of a civil time, and the rest of it inside its month. */
static long long month_index(long long us, long long *rest)
{
    long long secs = floor_div(us, US);
    time_t t = (time_t)secs;
    struct tm tm;
    gmtime_r(&t, &tm);
    long long first = sql_days_civil(tm.tm_year + 1900, tm.tm_mon + 1, 1) * US_DAY;
    *rest = us - first;
    return (tm.tm_year + 1900LL) * 12 + tm.tm_mon;
}

static long long month_start(long long index)
{
    return sql_days_civil(floor_div(index, 12), (int)floor_mod(index, 12) + 1, 1) * US_DAY;
}

/* TIME_BUCKET(interval, x[, origin]): the start of the bucket of width interval that holds x,
 * buckets laid from origin (default 1970-01-01T00:00:00, of x's type). x is a date, datetime
 * or timestamp; a month_interval counts calendar months from origin's month. */
static void fn_time_bucket(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long w, us, org = 0, r;
    sql_vt wt;
    sql_tv k, ko;
    if (sqlite3_value_type(v[0]) == SQLITE_NULL || tv_arg(c, "TIME_BUCKET", v[1], &us, &k) ||
        (n == 3 && tv_arg(c, "TIME_BUCKET", v[2], &org, &ko)))
        return;
    if (sql_value_interval(v[0], &w, &wt) != 0 || w <= 0) {
        sql_fn_error(c, "TIME_BUCKET", "the bucket width must be a positive interval");
        return;
    }
    if (k == SQL_TV_TIME || (n == 3 && ko != k)) {
        type_error(c, "TIME_BUCKET", n == 3 && ko != k ? v[2] : v[1],
                   n == 3 && ko != k ? "the type of the value" : "date, datetime or timestamp");
        return;
    }
    if (wt == SQL_VT_MONTH_INTERVAL) {
        long long rx, ro, mx = month_index(us, &rx), mo = month_index(org, &ro);
        long long m = mx - mo - (rx < ro);               /* whole months since origin */
        r = month_start(mo + floor_div(m, w) * w) + ro;
    } else {
        r = org + floor_div(us - org, w) * w;
    }
    if (k == SQL_TV_DATE && floor_mod(r, US_DAY) != 0) {
        sql_fn_error(c, "TIME_BUCKET", "a date bucket must be whole days");
        return;
    }
    sql_value_result_tv(c, r, k);
}

void sql_fn_tzdate_register(sqlite3 *db)
{
    const int det = SQLITE_UTF8 | SQLITE_DETERMINISTIC, any = SQLITE_UTF8;
    sql_fn_register(db, "DATE", 3, det, NULL, fn_date3);
    sql_fn_register(db, "TIME", 3, det, NULL, fn_time3);
    for (int nargs = 1; nargs <= 2; nargs++) {
        sql_fn_register(db, "DATE", nargs, det, (void *)SQL_TV_DATE, fn_part_of);
        sql_fn_register(db, "TIME", nargs, det, (void *)SQL_TV_TIME, fn_part_of);
    }
    sql_fn_register(db, "rs_datetime", 2, det, NULL, fn_datetime2);
    sql_fn_register(db, "rs_at_time_zone", 2, det, NULL, fn_at_time_zone);
    sql_fn_register(db, "rs_current_date", 1, any, (void *)SQL_TV_DATE, fn_current_tz);
    sql_fn_register(db, "rs_current_time", 1, any, (void *)SQL_TV_TIME, fn_current_tz);
    sql_fn_register(db, "rs_current_datetime", 1, any, (void *)SQL_TV_DATETIME,
                    fn_current_tz);
    sql_fn_register(db, "DATE_TRUNC", 3, det, NULL, fn_date_trunc_tz);
    sql_fn_register(db, "UNIX_DATE", 1, det, NULL, fn_unix_date);
    sql_fn_register(db, "DATE_FROM_UNIX_DATE", 1, det, NULL, fn_date_from_unix);
    for (size_t i = 0; i < sizeof interval_fns / sizeof interval_fns[0]; i++)
        sql_fn_register(db, interval_fns[i].name, 1, det, (void *)(intptr_t)i,
                        fn_interval);
    sql_fn_register(db, "TIME_BUCKET", 2, det, NULL, fn_time_bucket);
    sql_fn_register(db, "TIME_BUCKET", 3, det, NULL, fn_time_bucket);
    sql_fn_fmt_register(db);
}
