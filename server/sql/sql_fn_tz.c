/* SPDX-License-Identifier: Apache-2.0 */
/* Time zones (sql_fn_tz.h): TZif files (RFC 8536, version 2+ data) and the POSIX TZ rule of
 * their footer, which gives the offsets after the last listed transition. Zones are parsed
 * once and kept: a handful of zones serves every query of a process. */
#include "server/sql/sql_fn_tz.h"
#include "server/sql/sql_value.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TZ_DIR "/usr/share/zoneinfo/"
#define TZ_CACHE 1024          /* more than the TZ database has zones */
#define TZ_FILE_MAX (1 << 20)

typedef struct tz_rule {        /* a POSIX Mm.w.d[/time] (or Jn, n) transition day */
    char kind;                  /* 'M', 'J' (1-365, no Feb 29) or 'N' (0-365) */
    int m, w, d;
    long long time;             /* seconds after local midnight */
} tz_rule;

typedef struct tz_zone {
    char name[64];
    int ntrans, ntypes;
    long long *trans;           /* UTC seconds, ascending */
    unsigned char *idx;         /* type of each transition */
    long long *utoff;
    char (*abbr)[8];
    int footer, has_dst;        /* footer: the POSIX rule below is known */
    long long std_off, dst_off; /* seconds east */
    char std_abbr[8], dst_abbr[8];
    tz_rule start, end;
} tz_zone;

static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;
static tz_zone *tz_cache[TZ_CACHE];
static int tz_count;

static long long be(const unsigned char *p, int n)
{
    unsigned long long v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    if (n == 4)
        return (long long)(int)(unsigned)v;
    return (long long)v;
}

/* days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
static long long days_civil(long long y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int leap(long long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* ---- the POSIX TZ footer ---- */

static const char *posix_name(const char *p, char out[8])
{
    size_t n = 0;
    if (*p == '<') {
        for (p++; *p && *p != '>'; p++)
            if (n < 7) out[n++] = *p;
        if (*p != '>')
            return NULL;
        p++;
    } else {
        for (; isalpha((unsigned char)*p); p++)
            if (n < 7) out[n++] = *p;
    }
    out[n] = '\0';
    return n >= 1 ? p : NULL;
}

/* [+-]hh[:mm[:ss]] as seconds (sign as written). */
static const char *posix_time(const char *p, long long *secs)
{
    int sign = 1;
    long long part[3] = { 0, 0, 0 };
    if (*p == '+' || *p == '-')
        sign = *p++ == '-' ? -1 : 1;
    for (int i = 0; i < 3; i++) {
        if (!isdigit((unsigned char)*p))
            return NULL;
        part[i] = strtol(p, (char **)&p, 10);
        if (*p != ':')
            break;
        p++;
    }
    *secs = sign * (part[0] * 3600 + part[1] * 60 + part[2]);
    return p;
}

static const char *posix_rule(const char *p, tz_rule *r)
{
    r->time = 7200;                       /* 02:00 unless given */
    if (*p == 'M') {
        r->kind = 'M';
        if (sscanf(p + 1, "%d.%d.%d", &r->m, &r->w, &r->d) != 3)
            return NULL;
        p++;
        while (isdigit((unsigned char)*p) || *p == '.')
            p++;
    } else {
        r->kind = *p == 'J' ? 'J' : 'N';
        if (*p == 'J')
            p++;
        if (!isdigit((unsigned char)*p))
            return NULL;
        r->d = (int)strtol(p, (char **)&p, 10);
    }
    if (*p == '/' && !(p = posix_time(p + 1, &r->time)))
        return NULL;
    return p;
}

static void parse_footer(tz_zone *z, const char *s)
{
    long long off;
    if (!(s = posix_name(s, z->std_abbr)) || !(s = posix_time(s, &off)))
        return;
    z->std_off = -off;                    /* POSIX offsets count west */
    z->footer = 1;
    if (!*s || *s == '\n')
        return;
    if (!(s = posix_name(s, z->dst_abbr)))
        return;
    z->dst_off = z->std_off + 3600;
    if (*s != ',' && *s && *s != '\n') {
        if (!(s = posix_time(s, &off)))
            return;
        z->dst_off = -off;
    }
    if (*s == ',' && (s = posix_rule(s + 1, &z->start)) && *s == ',' &&
        posix_rule(s + 1, &z->end))
        z->has_dst = 1;
}

/* UTC seconds of a rule's transition in year y, the local clock running at offset off. */
static long long rule_utc(const tz_rule *r, long long y, long long off)
{
    long long day;
    if (r->kind == 'M') {
        day = days_civil(y, r->m, 1);
        int wday = (int)(((day % 7) + 11) % 7);          /* 1970-01-01 was a Thursday */
        long long first = day + ((r->d - wday + 7) % 7);
        static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
        int len = mdays[r->m - 1] + (r->m == 2 && leap(y));
        day = first + 7LL * (r->w - 1);
        while (day >= days_civil(y, r->m, 1) + len)
            day -= 7;
    } else if (r->kind == 'J') {
        day = days_civil(y, 1, 1) + r->d - 1 + (leap(y) && r->d >= 60);
    } else {
        day = days_civil(y, 1, 1) + r->d;
    }
    return day * 86400 + r->time - off;
}

static long long footer_offset(const tz_zone *z, long long t, const char **abbr)
{
    if (!z->has_dst) {
        *abbr = z->std_abbr;
        return z->std_off;
    }
    long long days = (t + z->std_off) / 86400 - ((t + z->std_off) % 86400 < 0);
    long long y = (10000 * days + 14780) / 3652425 + 1970;   /* a year near it */
    while (days_civil(y, 1, 1) > days) y--;
    while (days_civil(y + 1, 1, 1) <= days) y++;
    long long a = rule_utc(&z->start, y, z->std_off), b = rule_utc(&z->end, y, z->dst_off);
    int dst = a < b ? (t >= a && t < b) : !(t >= b && t < a);
    *abbr = dst ? z->dst_abbr : z->std_abbr;
    return dst ? z->dst_off : z->std_off;
}

/* ---- TZif ---- */

static void zone_free(tz_zone *z)
{
    if (!z)
        return;
    free(z->trans), free(z->idx), free(z->utoff), free(z->abbr), free(z);
}

/* The version 2 data block of a TZif file (b, n bytes) into z. 0 ok. */
static int parse_tzif(tz_zone *z, const unsigned char *b, size_t n)
{
    if (n < 44 || memcmp(b, "TZif", 4) != 0 || b[4] < '2')
        return -1;
    size_t c[6];
    for (int i = 0; i < 6; i++)
        c[i] = (size_t)be(b + 20 + 4 * i, 4);
    size_t v1 = c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
    const unsigned char *h = b + 44 + v1;
    if ((size_t)(h - b) + 44 > n || memcmp(h, "TZif", 4) != 0)
        return -1;
    for (int i = 0; i < 6; i++)
        c[i] = (size_t)be(h + 20 + 4 * i, 4);
    size_t isut = c[0], isstd = c[1], nleap = c[2], nt = c[3], ty = c[4], nch = c[5];
    const unsigned char *p = h + 44;
    size_t need = nt * 9 + ty * 6 + nch + nleap * 12 + isstd + isut;
    if (ty == 0 || ty > 256 || nt > 100000 || (size_t)(p - b) + need > n)
        return -1;
    z->ntrans = (int)nt, z->ntypes = (int)ty;
    z->trans = malloc((nt ? nt : 1) * sizeof *z->trans);
    z->idx = malloc(nt ? nt : 1);
    z->utoff = malloc(ty * sizeof *z->utoff);
    z->abbr = calloc(ty, sizeof *z->abbr);
    if (!z->trans || !z->idx || !z->utoff || !z->abbr)
        return -1;
    for (size_t i = 0; i < nt; i++)
        z->trans[i] = be(p + 8 * i, 8);
    memcpy(z->idx, p + 8 * nt, nt);
    const unsigned char *tt = p + 9 * nt, *chars = tt + 6 * ty;
    for (size_t i = 0; i < ty; i++) {
        z->utoff[i] = be(tt + 6 * i, 4);
        size_t d = tt[6 * i + 5];
        for (size_t k = 0; k < 7 && d + k < nch && chars[d + k]; k++)
            z->abbr[i][k] = (char)chars[d + k];
    }
    for (size_t i = 0; i < nt; i++)
        if (z->idx[i] >= ty)
            return -1;
    const unsigned char *f = p + need;
    if (f < b + n && *f == '\n') {
        char foot[128];
        size_t L = (size_t)(b + n - f - 1);
        L = L < sizeof foot - 1 ? L : sizeof foot - 1;
        memcpy(foot, f + 1, L);
        foot[L] = '\0';
        parse_footer(z, foot);
    }
    return 0;
}

static int name_ok(const char *s)
{
    size_t L = strlen(s);
    if (L == 0 || L >= 64 || s[0] == '/' || strstr(s, ".."))
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && !strchr("/_+-", *s))
            return 0;
    return 1;
}

static tz_zone *zone_load(const char *name)
{
    char path[128];
    snprintf(path, sizeof path, TZ_DIR "%s", name);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    unsigned char *buf = malloc(TZ_FILE_MAX);
    size_t n = buf ? fread(buf, 1, TZ_FILE_MAX, fp) : 0;
    fclose(fp);
    tz_zone *z = calloc(1, sizeof *z);
    if (!buf || !z || parse_tzif(z, buf, n) != 0) {
        free(buf);
        zone_free(z);
        return NULL;
    }
    free(buf);
    snprintf(z->name, sizeof z->name, "%s", name);
    return z;
}

/* "+05:30", "-08", "+0530": seconds east. 0 ok. */
static int fixed_offset(const char *s, long long *off)
{
    int h = 0, m = 0, sign = s[0] == '-' ? -1 : 1;
    if (s[0] != '+' && s[0] != '-')
        return -1;
    const char *p = s + 1;
    if (!isdigit((unsigned char)p[0]))
        return -1;
    h = p[0] - '0', p++;
    if (isdigit((unsigned char)*p))
        h = h * 10 + (*p++ - '0');
    if (*p == ':')
        p++;
    if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]))
        m = (p[0] - '0') * 10 + (p[1] - '0'), p += 2;
    if (*p || h > 18 || m > 59)
        return -1;
    *off = sign * (h * 3600LL + m * 60LL);
    return 0;
}

int sql_tz_lookup(const char *name, sql_tz *tz)
{
    tz->rules = NULL, tz->fixed = 0;
    if (!name)
        return -1;
    if (strcasecmp(name, "UTC") == 0 || strcasecmp(name, "Z") == 0 ||
        strcasecmp(name, "GMT") == 0 || strcasecmp(name, "Etc/UTC") == 0)
        return 0;
    if (fixed_offset(name, &tz->fixed) == 0)
        return 0;
    if (!name_ok(name))
        return -1;
    pthread_mutex_lock(&tz_lock);
    for (int i = 0; i < tz_count; i++)
        if (strcmp(tz_cache[i]->name, name) == 0) {
            tz->rules = tz_cache[i];
            pthread_mutex_unlock(&tz_lock);
            return 0;
        }
    tz_zone *z = zone_load(name);
    if (z && tz_count < TZ_CACHE) {
        tz_cache[tz_count++] = z;   /* kept for the process's life: callers hold pointers */
    } else {
        zone_free(z);
        z = NULL;
    }
    tz->rules = z;
    pthread_mutex_unlock(&tz_lock);
    return z ? 0 : -1;
}

int sql_tz_arg(sqlite3_context *c, const char *fn, sqlite3_value *v, sql_tz *tz)
{
    char msg[160];
    long long count;
    sql_vt t;
    switch (sql_value_type(v)) {
    case SQL_VT_NULL: case SQL_VT_UNDEFINED:
        return 1;
    case SQL_VT_STRING:
        if (sql_tz_lookup((const char *)sqlite3_value_text(v), tz) == 0)
            return 0;
        snprintf(msg, sizeof msg, "%s: unknown time zone '%.80s'", fn,
                 (const char *)sqlite3_value_text(v));
        break;
    case SQL_VT_MICROSECOND_INTERVAL:
        sql_value_interval(v, &count, &t);
        tz->rules = NULL, tz->fixed = count / 1000000;
        return 0;
    default:
        snprintf(msg, sizeof msg, "%s: the time zone must be a string or a "
                 "microsecond_interval, not %s", fn, sql_vt_name(sql_value_type(v)));
        break;
    }
    sql_result_error(c, msg, -1);
    return -1;
}

long long sql_tz_offset(const sql_tz *tz, long long t, const char **abbr)
{
    const tz_zone *z = tz->rules;
    const char *dummy;
    if (!abbr)
        abbr = &dummy;
    *abbr = NULL;
    if (!z)
        return tz->fixed;
    if (z->ntrans == 0 || t >= z->trans[z->ntrans - 1]) {
        if (z->footer && (z->ntrans == 0 || t >= z->trans[z->ntrans - 1]))
            return footer_offset(z, t, abbr);
    }
    int type = 0;
    if (z->ntrans > 0 && t >= z->trans[0]) {
        int lo = 0, hi = z->ntrans - 1;       /* last transition <= t */
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (z->trans[mid] <= t) lo = mid; else hi = mid - 1;
        }
        type = z->idx[lo];
    }
    *abbr = z->abbr[type];
    return z->utoff[type];
}

long long sql_tz_to_utc(const sql_tz *tz, long long local)
{
    long long o1 = sql_tz_offset(tz, local, NULL);
    long long o2 = sql_tz_offset(tz, local - o1, NULL);
    if (o1 == o2)
        return local - o1;
    /* near a transition: take the offset that maps back, else (a gap) the earlier one */
    long long o3 = sql_tz_offset(tz, local - o2, NULL);
    if (o3 == o2)
        return local - o2;
    return local - (o1 > o2 ? o1 : o2);
}
