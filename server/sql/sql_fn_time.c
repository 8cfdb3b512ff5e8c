/* SPDX-License-Identifier: Apache-2.0 */
/* Rockset functions the driver's ODBC escapes emit: CHR, CODEPOINT, RAND, CURRENT_USER,
 * TRUNC(x, d), DATE_ADD, DATE_SUB, DATE_DIFF and the interval helpers (see docs/sql.md). */
#include "server/sql/sql_functions.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <openssl/rand.h>

#define US_DAY 86400000000LL
/* The instants date arithmetic answers: years 1 to 9999, the range of Rockset's dates and of
 * their text forms. Inside it no sum, product or struct tm field below can overflow. */
#define US_MIN (-62135596800000000LL)  /* 0001-01-01T00:00:00Z        */
#define US_MAX 253402300799999999LL    /* 9999-12-31T23:59:59.999999Z */
#define MONTHS_MAX (12LL * 10000)      /* more months than the range spans */

static void fn_chr(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    if (sqlite3_value_type(v[0]) == SQLITE_NULL)
        return;
    long long cp = sqlite3_value_int64(v[0]);
    unsigned char b[4];
    int len;
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        sql_result_error(c, "CHR: not a Unicode code point", -1);
        return;
    }
    if (cp < 0x80) {
        b[0] = (unsigned char)cp, len = 1;
    } else if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6)), b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        len = 2;
    } else if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        len = 3;
    } else {
        b[0] = (unsigned char)(0xF0 | (cp >> 18));
        b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (unsigned char)(0x80 | (cp & 0x3F));
        len = 4;
    }
    sqlite3_result_text(c, (const char *)b, len, SQLITE_TRANSIENT);
}

/* CODEPOINT(s): the code point of a one-character string (Rockset refuses longer ones). */
static void fn_codepoint(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    if (sqlite3_value_type(v[0]) == SQLITE_NULL)
        return;
    const unsigned char *s = sqlite3_value_text(v[0]);
    int len = sqlite3_value_bytes(v[0]), need;
    long long cp;
    if (!s || len == 0) {
        sql_result_error(c, "CODEPOINT: the string must hold one character", -1);
        return;
    }
    if (s[0] < 0x80) cp = s[0], need = 1;
    else if ((s[0] & 0xE0) == 0xC0) cp = s[0] & 0x1F, need = 2;
    else if ((s[0] & 0xF0) == 0xE0) cp = s[0] & 0x0F, need = 3;
    else cp = s[0] & 0x07, need = 4;
    if (len != need) {
        sql_result_error(c, "CODEPOINT: the string must hold one character", -1);
        return;
    }
    for (int i = 1; i < need; i++)
        cp = (cp << 6) | (s[i] & 0x3F);
    sqlite3_result_int64(c, cp);
}

static void fn_rand(sqlite3_context *c, int n, sqlite3_value **v)
{
    uint64_t r = 0;
    (void)n, (void)v;
    if (RAND_bytes((unsigned char *)&r, sizeof r) != 1) {
        sql_result_error(c, "RAND: no random bytes", -1);
        return;
    }
    sqlite3_result_double(c, (double)(r >> 11) / 9007199254740992.0);   /* [0, 1) */
}

static void fn_current_user(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *u = sql_fn_data(c);
    (void)n, (void)v;
    sqlite3_result_text(c, u ? u : "", -1, SQLITE_TRANSIENT);
}

/* TRUNC(x, d): toward zero at d decimals (negative d: tens, hundreds...). */
static void fn_trunc2(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    if (sqlite3_value_type(v[0]) == SQLITE_NULL || sqlite3_value_type(v[1]) == SQLITE_NULL)
        return;
    long long d = sqlite3_value_int64(v[1]);
    if (sqlite3_value_type(v[0]) == SQLITE_INTEGER && d >= 0) {
        sqlite3_result_int64(c, sqlite3_value_int64(v[0]));
        return;
    }
    if (sqlite3_value_type(v[0]) == SQLITE_INTEGER) {
        /* in integers: through a double, TRUNC(9223372036854775807, -1) rounds up to 2^63,
         * which no long long holds; x - x % 10^-d keeps |result| <= |x| */
        long long x = sqlite3_value_int64(v[0]), p10 = 1;
        for (long long i = 0; i < -d && p10 <= LLONG_MAX / 10; i++)
            p10 *= 10;
        sqlite3_result_int64(c, -d > 18 ? 0 : x - x % p10);
        return;
    }
    double x = sqlite3_value_double(v[0]), p = pow(10.0, (double)(d < -300 ? -300 : d > 300 ? 300 : d));
    sqlite3_result_double(c, trunc(x * p) / p);
}

/* Fixed-length units in micros; 0 for calendar units (months), -1 for unknown ones. */
static long long unit_micros(const char *u, int *months)
{
    static const struct { const char *name; long long us; int months; } units[] = {
        { "MICROSECOND", 1, 0 }, { "MILLISECOND", 1000, 0 }, { "SECOND", 1000000LL, 0 },
        { "MINUTE", 60000000LL, 0 }, { "HOUR", 3600000000LL, 0 }, { "DAY", US_DAY, 0 },
        { "WEEK", 7 * US_DAY, 0 }, { "MONTH", 0, 1 }, { "QUARTER", 0, 3 }, { "YEAR", 0, 12 },
    };
    char name[32];
    size_t L = u ? strlen(u) : 0;
    if (L == 0 || L >= sizeof name)
        return -1;
    memcpy(name, u, L + 1);
    if (L > 1 && (name[L - 1] == 's' || name[L - 1] == 'S'))
        name[L - 1] = '\0';                 /* 'days' as well as 'day' */
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcasecmp(name, units[i].name) == 0) {
            *months = units[i].months;
            return units[i].us;
        }
    return -1;
}

/* us plus a number of months, the day clamped to the end of a shorter month. */
static long long add_months(long long us, long long months)
{
    long long secs = us / 1000000 - (us % 1000000 < 0), frac = us - secs * 1000000;
    time_t t = (time_t)secs;
    struct tm tm;
    gmtime_r(&t, &tm);
    long long m = tm.tm_mon + months, y = tm.tm_year + m / 12;
    m %= 12;
    if (m < 0)
        m += 12, y--;
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    long long Y = y + 1900;
    int leap = (Y % 4 == 0 && Y % 100 != 0) || Y % 400 == 0;
    int maxd = mdays[m] + (m == 1 && leap);
    tm.tm_year = (int)y;
    tm.tm_mon = (int)m;
    if (tm.tm_mday > maxd)
        tm.tm_mday = maxd;
    return (long long)timegm(&tm) * 1000000LL + frac;
}

/* *us plus (minus, with sub) a units of step micros or of months; -1 when the value or the
 * result is past years 1 to 9999 (DATE_ADD('year', 9223372036854775807, d) must be an error,
 * not a signed overflow). A time (k TIME) wraps around midnight later, so its micros of the
 * day stay in range whatever a is: only the count of days it moves by is dropped first. */
static int date_add_checked(long long *us, long long a, int sub, long long step, int months,
                            sql_tv k)
{
    long long delta;
    if (*us < US_MIN || *us > US_MAX)
        return -1;
    if (k == SQL_TV_TIME)    /* whole days (and months) leave a time of day as it is */
        a = months || step >= US_DAY ? 0 : a % (US_DAY / step);
    if (sub) {
        if (a == LLONG_MIN)
            return -1;
        a = -a;
    }
    if (months) {
        if (a < -MONTHS_MAX || a > MONTHS_MAX)
            return -1;
        *us = add_months(*us, a * months);
    } else if (__builtin_mul_overflow(a, step, &delta) || __builtin_add_overflow(*us, delta, us)) {
        return -1;
    }
    return *us < US_MIN || *us > US_MAX ? -1 : 0;
}

int sql_tv_add(long long *us, long long count, int months, sql_tv k)
{
    if (date_add_checked(us, count, 0, months ? 0 : 1, months ? 1 : 0, k) != 0)
        return -1;
    if (k == SQL_TV_TIME)
        *us = ((*us % US_DAY) + US_DAY) % US_DAY;   /* a time wraps around midnight */
    return 0;
}

/* How fn_date_add reads its arguments (user data). */
enum { ADD_FN, ADD_SUB };

/* DATE_ADD('unit', n, x), DATE_SUB('unit', n, x). The result has the type of x, in its
 * canonical text. (x +/- INTERVAL ... is rs_add/rs_sub with a constant interval.) */
static void fn_date_add(sqlite3_context *c, int n, sqlite3_value **v)
{
    int mode = (int)(intptr_t)sql_fn_data(c);
    sqlite3_value *unit = v[0], *amount = v[1], *x = v[2];
    long long us, step;
    int months = 0;
    sql_tv k;
    (void)n;
    if (sqlite3_value_type(unit) == SQLITE_NULL || sqlite3_value_type(amount) == SQLITE_NULL ||
        sqlite3_value_type(x) == SQLITE_NULL)
        return;
    if ((step = unit_micros((const char *)sqlite3_value_text(unit), &months)) < 0) {
        sql_result_error(c, "DATE_ADD: unknown unit", -1);
        return;
    }
    if (sql_tv_value(x, &us, &k) != 0) {
        sql_result_error(c, "DATE_ADD: not a date or time value", -1);
        return;
    }
    if (date_add_checked(&us, sqlite3_value_int64(amount), mode == ADD_SUB, step, months,
                         k) != 0) {
        sql_result_error(c, mode == ADD_SUB ? "DATE_SUB: the result is out of range"
                                                  " (years 1 to 9999)"
                                                : "DATE_ADD: the result is out of range"
                                                  " (years 1 to 9999)", -1);
        return;
    }
    if (k == SQL_TV_TIME)
        us = ((us % US_DAY) + US_DAY) % US_DAY;   /* a time wraps around midnight */
    sql_tv_result(c, us, k);
}

static void ymd(long long us, struct tm *tm, long long *in_month)
{
    long long secs = us / 1000000 - (us % 1000000 < 0);
    time_t t = (time_t)secs;
    gmtime_r(&t, tm);
    /* position inside the month, to tell whether a whole month has passed */
    *in_month = (((tm->tm_mday * 24LL + tm->tm_hour) * 60 + tm->tm_min) * 60 + tm->tm_sec)
                    * 1000000LL + (us - secs * 1000000LL);
}

/* DATE_DIFF('unit', a, b): whole units from a to b (negative when b is earlier). */
static void fn_date_diff(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long a, b, step;
    int months = 0;
    sql_tv ka, kb;
    (void)n;
    for (int i = 0; i < 3; i++)
        if (sqlite3_value_type(v[i]) == SQLITE_NULL)
            return;
    if ((step = unit_micros((const char *)sqlite3_value_text(v[0]), &months)) < 0) {
        sql_result_error(c, "DATE_DIFF: unknown unit", -1);
        return;
    }
    if (sql_tv_value(v[1], &a, &ka) != 0 || sql_tv_value(v[2], &b, &kb) != 0) {
        sql_result_error(c, "DATE_DIFF: not a date or time value", -1);
        return;
    }
    long long d;
    if (__builtin_sub_overflow(b, a, &d)) {
        /* only integer micros can be that far apart: a text date is within years 1-9999 */
        sql_result_error(c, "DATE_DIFF: the values are too far apart", -1);
        return;
    }
    if (!months) {
        sqlite3_result_int64(c, d / step);
        return;
    }
    struct tm ta, tb;
    long long pa, pb;
    ymd(a, &ta, &pa);
    ymd(b, &tb, &pb);
    long long m = (tb.tm_year - ta.tm_year) * 12LL + (tb.tm_mon - ta.tm_mon);
    if (m > 0 && pb < pa)
        m--;
    else if (m < 0 && pb > pa)
        m++;
    sqlite3_result_int64(c, m / months);
}

static void free_user(void *p)
{
    free(p);
}

void sql_fn_time_register(sqlite3 *db)
{
    const int det = SQLITE_UTF8 | SQLITE_DETERMINISTIC, any = SQLITE_UTF8;
    sql_fn_register(db, "CHR", 1, det, NULL, fn_chr);
    sql_fn_register(db, "CODEPOINT", 1, det, NULL, fn_codepoint);
    sql_fn_register(db, "RAND", 0, any, NULL, fn_rand);
    sql_fn_register(db, "TRUNC", 2, det, NULL, fn_trunc2);
    sql_fn_register(db, "DATE_ADD", 3, det, (void *)ADD_FN, fn_date_add);
    sql_fn_register(db, "DATE_SUB", 3, det, (void *)ADD_SUB, fn_date_add);
    sql_fn_register(db, "DATE_DIFF", 3, det, NULL, fn_date_diff);
    sqlite3_create_function(db, "CURRENT_USER", 0, any, NULL, fn_current_user, NULL, NULL);
}

void sql_set_current_user(sqlite3 *db, const char *user)
{
    char *u = strdup(user ? user : "");
    if (u)
        sqlite3_create_function_v2(db, "CURRENT_USER", 0, SQLITE_UTF8, u, fn_current_user,
                                   NULL, NULL, free_user);
}
