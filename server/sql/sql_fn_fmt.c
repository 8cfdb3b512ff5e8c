/* SPDX-License-Identifier: Apache-2.0 */
/* FORMAT_DATE / FORMAT_TIME / FORMAT_DATETIME / FORMAT_TIMESTAMP and PARSE_DATE /
 * PARSE_TIME / PARSE_DATETIME / PARSE_TIMESTAMP with Rockset's strftime-style formats:
 * the C conversions (%Y %m %d %H %M %S %b %A %j %p %F %T ...) plus the extensions Rockset's
 * formats share with other Google-lineage engines: %E*S (seconds with the fraction they
 * have), %E<n>S (seconds with n fraction digits), %Ez (+hh:mm), %E4Y (four-digit year),
 * %s (epoch seconds), %z (+hhmm), %Z (zone abbreviation). Results keep Rockset's types:
 * PARSE_DATE answers a date, PARSE_TIMESTAMP a timestamp, and so on. */
#include "server/sql/sql_fn_date.h"
#include "server/sql/sql_fn_tz.h"
#include "server/sql/sql_fn_util.h"
#include "server/sql/sql_value.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define US 1000000LL

static const char *const month_names[] = { "January", "February", "March", "April", "May",
                                           "June", "July", "August", "September", "October",
                                           "November", "December" };
static const char *const day_names[] = { "Sunday", "Monday", "Tuesday", "Wednesday",
                                         "Thursday", "Friday", "Saturday" };

/* ---- formatting ---- */

static void put_seconds(sql_fbuf *b, long long frac, int sec, int digits)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%02d", sec);
    if (digits < 0) {                       /* %E*S: the digits the value has */
        if (frac) {
            n += snprintf(buf + n, sizeof buf - (size_t)n, ".%06lld", frac);
            while (buf[n - 1] == '0')
                buf[--n] = '\0';
        }
    } else if (digits > 0) {
        char f[16];
        snprintf(f, sizeof f, "%06lld000", frac);
        n += snprintf(buf + n, sizeof buf - (size_t)n, ".%.*s", digits > 9 ? 9 : digits, f);
    }
    sql_fbuf_add(b, buf, (size_t)n);
}

static void put_offset(sql_fbuf *b, long long off, int colon)
{
    char buf[16];
    long long a = off < 0 ? -off : off;
    int n = snprintf(buf, sizeof buf, "%c%02lld%s%02lld", off < 0 ? '-' : '+', a / 3600,
                     colon ? ":" : "", a / 60 % 60);
    sql_fbuf_add(b, buf, (size_t)n);
}

/* Appends fmt rendered for the civil time local (micros, read as UTC), at offset off (seconds
 * east) with abbreviation abbr (NULL: the offset's text). */
void sql_fmt_render(sql_fbuf *b, const char *fmt, long long local, long long off,
                    const char *abbr)
{
    long long secs = local / US - (local % US < 0), frac = local - secs * US;
    time_t t = (time_t)secs;
    struct tm tm;
    gmtime_r(&t, &tm);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%' || !p[1]) {
            sql_fbuf_add(b, p, 1);
            continue;
        }
        char c = *++p, buf[64];
        if (c == 'E' && p[1] == '*' && p[2] == 'S') {
            put_seconds(b, frac, tm.tm_sec, -1), p += 2;
        } else if (c == 'E' && isdigit((unsigned char)p[1]) && p[2] == 'S') {
            put_seconds(b, frac, tm.tm_sec, p[1] - '0'), p += 2;
        } else if (c == 'E' && p[1] == 'z') {
            put_offset(b, off, 1), p++;
        } else if (c == 'E' && p[1] == '4' && p[2] == 'Y') {
            int n = snprintf(buf, sizeof buf, "%04d", tm.tm_year + 1900);
            sql_fbuf_add(b, buf, (size_t)n), p += 2;
        } else if (c == 'z') {
            put_offset(b, off, 0);
        } else if (c == 'Z') {
            if (abbr)
                sql_fbuf_add(b, abbr, strlen(abbr));
            else if (off == 0)
                sql_fbuf_add(b, "UTC", 3);
            else
                put_offset(b, off, 1);
        } else if (c == 's') {
            int n = snprintf(buf, sizeof buf, "%lld", secs - off);
            sql_fbuf_add(b, buf, (size_t)n);
        } else if (c == 'Y') {              /* glibc pads no year: 0999 stays 999 */
            int n = snprintf(buf, sizeof buf, "%d", tm.tm_year + 1900);
            sql_fbuf_add(b, buf, (size_t)n);
        } else if (strchr("aAbBcCdDeFgGhHIjklmMnprRStTuUVwWxXyY%", c)) {
            char one[3] = { '%', c, '\0' };
            size_t n = strftime(buf, sizeof buf, one, &tm);
            sql_fbuf_add(b, buf, n);
        } else {
            sql_fbuf_add(b, p - 1, 2);      /* no conversion: kept as written */
        }
    }
}

/* ---- parsing ---- */

typedef struct parsed {
    long long year;
    int mon, mday, hour, min, sec, pm, yday, has_off, has_epoch;
    long long us, off, epoch;
} parsed;

static int digits(const char **s, int max, long long *out)
{
    const char *p = *s;
    int neg = 0, n = 0;
    long long v = 0;
    if (max > 4 && (*p == '-' || *p == '+'))     /* %s: epoch seconds may be negative */
        neg = *p++ == '-';
    while (n < max && isdigit((unsigned char)p[n]))
        v = v * 10 + (p[n] - '0'), n++;
    if (n == 0)
        return -1;
    *s = p + n;
    *out = neg ? -v : v;
    return 0;
}

static int name_in(const char **s, const char *const *names, int count, int *out)
{
    for (int i = 0; i < count; i++) {
        size_t full = strlen(names[i]);
        if (strncasecmp(*s, names[i], full) == 0) {
            *s += full, *out = i;
            return 0;
        }
        if (strncasecmp(*s, names[i], 3) == 0) {
            *s += 3, *out = i;
            return 0;
        }
    }
    return -1;
}

static int parse_offset(const char **s, long long *off)
{
    const char *p = *s;
    long long h, m = 0;
    if (*p == 'Z' || *p == 'z') {
        *s = p + 1, *off = 0;
        return 0;
    }
    if (*p != '+' && *p != '-')
        return -1;
    int sign = *p++ == '-' ? -1 : 1;
    if (digits(&p, 2, &h) != 0)
        return -1;
    if (*p == ':')
        p++;
    if (isdigit((unsigned char)*p) && digits(&p, 2, &m) != 0)
        return -1;
    *s = p, *off = sign * (h * 3600 + m * 60);
    return 0;
}

static int parse_seconds(const char **s, parsed *r)
{
    long long v;
    if (digits(s, 2, &v) != 0)
        return -1;
    r->sec = (int)v;
    if (**s == '.') {
        int n = 0;
        long long f = 0;
        for ((*s)++; isdigit((unsigned char)**s); (*s)++, n++)
            if (n < 6)
                f = f * 10 + (**s - '0');
        for (int k = n; k < 6; k++)
            f *= 10;
        r->us = f;
    }
    return 0;
}

static int parse_conv(const char **s, const char **pf, parsed *r);

/* Matches s against fmt; 0 when the whole string matched. */
static int parse_fmt(const char *fmt, const char **s, parsed *r)
{
    for (const char *p = fmt; *p; p++) {
        if (isspace((unsigned char)*p)) {
            while (isspace((unsigned char)**s))
                (*s)++;
        } else if (*p != '%' || !p[1]) {
            if (**s != *p)
                return -1;
            (*s)++;
        } else {
            p++;
            if (parse_conv(s, &p, r) != 0)
                return -1;
        }
    }
    return 0;
}

static int parse_conv(const char **s, const char **pf, parsed *r)
{
    const char *p = *pf;
    long long v;
    int i;
    switch (*p) {
    case 'Y': if (digits(s, 4, &v)) return -1; r->year = v; return 0;   /* 1 to 9999 */
    case 'y': if (digits(s, 2, &v)) return -1; r->year = v < 69 ? 2000 + v : 1900 + v; return 0;
    case 'C': if (digits(s, 2, &v)) return -1; r->year = v * 100 + r->year % 100; return 0;
    case 'm': if (digits(s, 2, &v)) return -1; r->mon = (int)v; return 0;
    case 'd': case 'e':
        while (**s == ' ') (*s)++;
        if (digits(s, 2, &v)) return -1;
        r->mday = (int)v;
        return 0;
    case 'H': case 'k': case 'I': case 'l':
        while (**s == ' ') (*s)++;
        if (digits(s, 2, &v)) return -1;
        r->hour = (int)v;
        return 0;
    case 'M': if (digits(s, 2, &v)) return -1; r->min = (int)v; return 0;
    case 'S': return parse_seconds(s, r);
    case 'j': if (digits(s, 3, &v)) return -1; r->yday = (int)v; return 0;
    case 'p': case 'P':
        if (strncasecmp(*s, "AM", 2) == 0) r->pm = 0;
        else if (strncasecmp(*s, "PM", 2) == 0) r->pm = 1;
        else return -1;
        *s += 2;
        return 0;
    case 'b': case 'B': case 'h':
        if (name_in(s, month_names, 12, &i)) return -1;
        r->mon = i + 1;
        return 0;
    case 'a': case 'A': return name_in(s, day_names, 7, &i);
    case 's':
        if (digits(s, 19, &v)) return -1;
        r->epoch = v, r->has_epoch = 1;
        return 0;
    case 'z': r->has_off = 1; return parse_offset(s, &r->off);
    case 'F': return parse_fmt("%Y-%m-%d", s, r);
    case 'T': return parse_fmt("%H:%M:%S", s, r);
    case 'D': return parse_fmt("%m/%d/%y", s, r);
    case 'R': return parse_fmt("%H:%M", s, r);
    case 'n': case 't': while (isspace((unsigned char)**s)) (*s)++; return 0;
    case '%': if (**s != '%') return -1; (*s)++; return 0;
    case 'E':
        if ((p[1] == '*' || isdigit((unsigned char)p[1])) && p[2] == 'S') {
            *pf = p + 2;
            return parse_seconds(s, r);
        }
        if (p[1] == 'z') {
            *pf = p + 1, r->has_off = 1;
            return parse_offset(s, &r->off);
        }
        if (p[1] == '4' && p[2] == 'Y') {
            *pf = p + 2;
            if (digits(s, 4, &v)) return -1;
            r->year = v;
            return 0;
        }
        return -1;
    default:
        return -1;
    }
}

/* The civil micros (UTC-read) that s spells in format fmt; *off / *has_off an offset it
 * named. 0 ok, -1 no match, -2 a field out of range. */
int sql_fmt_parse(const char *fmt, const char *s, long long *local, int *has_off,
                  long long *off)
{
    parsed r = { 1970, 1, 1, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0 };
    if (parse_fmt(fmt, &s, &r) != 0 || *s != '\0')
        return -1;
    *has_off = r.has_off, *off = r.off;
    if (r.has_epoch) {
        *local = (r.epoch + r.off) * US;
        *has_off = 1;
        return 0;
    }
    if (r.pm >= 0) {
        if (r.hour < 1 || r.hour > 12)
            return -2;
        r.hour = r.hour % 12 + (r.pm ? 12 : 0);
    }
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int lp = (r.year % 4 == 0 && r.year % 100 != 0) || r.year % 400 == 0;
    if (r.year < 1 || r.year > 9999 || r.mon < 1 || r.mon > 12 || r.mday < 1 ||
        r.mday > mdays[r.mon - 1] + (r.mon == 2 && lp) || r.hour > 23 || r.min > 59 ||
        r.sec > 59 || r.yday > 365 + lp)
        return -2;
    long long day = sql_days_civil(r.year, r.mon, r.mday);
    if (r.yday > 0)
        day = sql_days_civil(r.year, 1, 1) + r.yday - 1;
    *local = ((day * 24 + r.hour) * 60 + r.min) * 60 * US + r.sec * US + r.us;
    return 0;
}

/* ---- the functions ---- */

static const char *const fmt_names[] = { "FORMAT_DATE", "FORMAT_TIME", "FORMAT_DATETIME",
                                         "FORMAT_TIMESTAMP" };
static const char *const parse_names[] = { "PARSE_DATE", "PARSE_TIME", "PARSE_DATETIME",
                                           "PARSE_TIMESTAMP" };

/* FORMAT_X(format, x[, timezone]): x must be of type X; a timestamp is shown in the zone
 * (default UTC), the civil types as they are. */
static void fn_format(sqlite3_context *c, int n, sqlite3_value **v)
{
    sql_tv k = (sql_tv)(intptr_t)sql_fn_data(c);
    const char *name = fmt_names[k];
    unsigned masks[3] = { SQL_VTM_STR, SQL_VT_BIT(sql_vt_of_tv(k)), 0 };
    sql_tz tz = { NULL, 0 };
    long long us;
    sql_tv got;
    if (sql_fn_args(c, name, 2, v, masks) != 0 || sql_value_tv(v[1], &us, &got) != 0)
        return;
    if (n == 3 && sql_tz_arg(c, name, v[2], &tz) != 0)
        return;
    long long off = 0;
    const char *abbr = NULL;
    if (k == SQL_TV_TIMESTAMP) {
        off = sql_tz_offset(&tz, us / US - (us % US < 0), &abbr);
        us += off * US;
    }
    sql_fbuf b = { NULL, 0, 0, 0 };
    sql_fbuf_add(&b, "", 0);
    sql_fmt_render(&b, (const char *)sqlite3_value_text(v[0]), us, off, abbr);
    sql_fbuf_result_text(c, &b);
}

/* PARSE_X(format, string[, timezone]): a value of type X; a timestamp's civil time is read in
 * the zone (default UTC) unless the string names an offset (%z) or epoch seconds (%s). */
static void fn_parse(sqlite3_context *c, int n, sqlite3_value **v)
{
    sql_tv k = (sql_tv)(intptr_t)sql_fn_data(c);
    const char *name = parse_names[k];
    static const unsigned masks[3] = { SQL_VTM_STR, SQL_VTM_STR, 0 };
    sql_tz tz = { NULL, 0 };
    long long us, off;
    int has_off;
    char msg[256];
    if (sql_fn_args(c, name, 2, v, masks) != 0 || (n == 3 && sql_tz_arg(c, name, v[2], &tz)))
        return;
    const char *fmt = (const char *)sqlite3_value_text(v[0]);
    const char *s = (const char *)sqlite3_value_text(v[1]);
    int rc = sql_fmt_parse(fmt, s, &us, &has_off, &off);
    if (rc != 0) {
        snprintf(msg, sizeof msg, "%s: '%.80s' %s '%.80s'", name, s,
                 rc == -1 ? "does not match the format" : "is out of range for the format",
                 fmt);
        sql_result_error(c, msg, -1);
        return;
    }
    if (k == SQL_TV_TIMESTAMP) {
        long long secs = us / US - (us % US < 0), frac = us - secs * US;
        us = (has_off ? secs - off : sql_tz_to_utc(&tz, secs)) * US + frac;
    } else if (k == SQL_TV_DATE) {
        us -= ((us % (86400 * US)) + 86400 * US) % (86400 * US);
    } else if (k == SQL_TV_TIME) {
        us = ((us % (86400 * US)) + 86400 * US) % (86400 * US);
    }
    sql_value_result_tv(c, us, k);
}

void sql_fn_fmt_register(sqlite3 *db)
{
    const int det = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    for (int k = 0; k < 4; k++) {
        sql_fn_register(db, fmt_names[k], 2, det, (void *)(intptr_t)k, fn_format);
        sql_fn_register(db, parse_names[k], 2, det, (void *)(intptr_t)k, fn_parse);
    }
    /* only a timestamp is an instant: the zone argument is Rockset's for it alone */
    sql_fn_register(db, "FORMAT_TIMESTAMP", 3, det, (void *)SQL_TV_TIMESTAMP,
                    fn_format);
    sql_fn_register(db, "PARSE_TIMESTAMP", 3, det, (void *)SQL_TV_TIMESTAMP, fn_parse);
}
