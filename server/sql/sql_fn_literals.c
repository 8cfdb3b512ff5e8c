/* SPDX-License-Identifier: Apache-2.0 */
/* The SQL functions behind the literals and constructors of sql_tr_literals.c: rs_bool
 * (SQLite's 0/1 truth value as the model's bool), rs_make_date / rs_make_time /
 * rs_make_datetime (Rockset's DATE(y, m, d), TIME(h, mi, s[, us]), DATETIME(y, m, d, h, mi,
 * s[, us]) and DATETIME(date, time)), and the interval constructors MICROSECONDS(n) and
 * MONTHS(n) that Rockset's type-functions page writes interval values with. */
#include "server/sql/sql_fn_util.h"
#include "server/sql/sql_functions.h"
#include "server/sql/sql_value.h"

#include <stdint.h>
#include <stdio.h>

#define US_DAY 86400000000LL

/* rs_bool(x): an integer is a truth value (0 false, anything else true); every other value,
 * a model bool included, passes unchanged. */
static void fn_bool(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    if (sqlite3_value_type(v[0]) == SQLITE_INTEGER)
        sql_value_result_bool(c, sqlite3_value_int64(v[0]) != 0);
    else
        sqlite3_result_value(c, v[0]);
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (shifting the year to
 * start in March puts the leap day last, so each 400-year era has a fixed length). */
static long long days_from_civil(long long y, long long m, long long d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int month_days(long long y, long long m)
{
    static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return md[m - 1] + (m == 2 && leap);
}

/* Integer arguments v[0..n-1] into out; 1 when one is null (the result is null), -1 after
 * setting the error when one is no int. */
static int int_args(sqlite3_context *c, const char *fn, int n, sqlite3_value **v,
                    long long *out)
{
    unsigned masks[7] = { SQL_VTM_INT, SQL_VTM_INT, SQL_VTM_INT, SQL_VTM_INT, SQL_VTM_INT,
                          SQL_VTM_INT, SQL_VTM_INT };
    int rc = sql_fn_args(c, fn, n, v, masks);
    for (int i = 0; rc == 0 && i < n; i++)
        out[i] = sqlite3_value_int64(v[i]);
    return rc;
}

/* Micros of y-m-d (0 ok, -1 not a date of years 1 to 9999). */
static int date_micros(const long long *a, long long *us)
{
    if (a[0] < 1 || a[0] > 9999 || a[1] < 1 || a[1] > 12 || a[2] < 1 ||
        a[2] > month_days(a[0], a[1]))
        return -1;
    *us = days_from_civil(a[0], a[1], a[2]) * US_DAY;
    return 0;
}

/* Micros of h:mi:s[.us] within a day (0 ok, -1 out of range). */
static int time_micros(const long long *a, int has_us, long long *us)
{
    long long f = has_us ? a[3] : 0;
    if (a[0] < 0 || a[0] > 23 || a[1] < 0 || a[1] > 59 || a[2] < 0 || a[2] > 59 || f < 0 ||
        f > 999999)
        return -1;
    *us = ((a[0] * 60 + a[1]) * 60 + a[2]) * 1000000LL + f;
    return 0;
}

static void fn_make_date(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long a[3], us;
    if (int_args(c, "DATE", n, v, a) != 0)
        return;
    if (date_micros(a, &us) != 0)
        sql_fn_error(c, "DATE", "year, month and day do not make a date of years 1 to 9999");
    else
        sql_value_result_tv(c, us, SQL_TV_DATE);
}

static void fn_make_time(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long a[4], us;
    if (int_args(c, "TIME", n, v, a) != 0)
        return;
    if (time_micros(a, n == 4, &us) != 0)
        sql_fn_error(c, "TIME", "hour, minute, second (and microsecond) out of range");
    else
        sql_value_result_tv(c, us, SQL_TV_TIME);
}

/* DATETIME(date, time) joins a date and a time; DATETIME(y, m, d, h, mi, s[, us]). */
static void fn_make_datetime(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long a[7], d, t;
    if (n == 2) {
        unsigned masks[2] = { SQL_VT_BIT(SQL_VT_DATE), SQL_VT_BIT(SQL_VT_TIME) };
        sql_tv k;
        if (sql_fn_args(c, "DATETIME", 2, v, masks) != 0)
            return;
        if (sql_value_tv(v[0], &d, &k) != 0 || sql_value_tv(v[1], &t, &k) != 0) {
            sql_fn_error(c, "DATETIME", "expected a date and a time");
            return;
        }
        sql_value_result_tv(c, d + t, SQL_TV_DATETIME);
        return;
    }
    if (int_args(c, "DATETIME", n, v, a) != 0)
        return;
    if (date_micros(a, &d) != 0 || time_micros(a + 3, n == 7, &t) != 0)
        sql_fn_error(c, "DATETIME", "the parts do not make a datetime of years 1 to 9999");
    else
        sql_value_result_tv(c, d + t, SQL_TV_DATETIME);
}

/* MICROSECONDS(n), MONTHS(n): the interval of n units. */
static void fn_interval(sqlite3_context *c, int n, sqlite3_value **v)
{
    sql_vt t = (sql_vt)(intptr_t)sql_fn_data(c);
    const char *fn = t == SQL_VT_MONTH_INTERVAL ? "MONTHS" : "MICROSECONDS";
    long long a;
    if (int_args(c, fn, n, v, &a) == 0)
        sql_value_result_interval(c, t, a);
}

void sql_fn_literals_register(sqlite3 *db)
{
    static const struct {
        const char *name;
        int nargs;
        void (*fn)(sqlite3_context *, int, sqlite3_value **);
        intptr_t data;
    } defs[] = {
        { "rs_bool", 1, fn_bool, 0 }, { "rs_make_date", 3, fn_make_date, 0 },
        { "rs_make_time", 3, fn_make_time, 0 }, { "rs_make_time", 4, fn_make_time, 0 },
        { "rs_make_datetime", 2, fn_make_datetime, 0 },
        { "rs_make_datetime", 6, fn_make_datetime, 0 },
        { "rs_make_datetime", 7, fn_make_datetime, 0 },
        { "MICROSECONDS", 1, fn_interval, SQL_VT_MICROSECOND_INTERVAL },
        { "MONTHS", 1, fn_interval, SQL_VT_MONTH_INTERVAL },
    };
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
        sql_fn_register(db, defs[i].name, defs[i].nargs,
                        SQLITE_UTF8 | SQLITE_DETERMINISTIC, (void *)defs[i].data,
                        defs[i].fn);
}
