/* _event_time of an ingested document: an explicit _event_time, the collection's
 * event_time_info field in one of its formats, or the time of ingest. */
#include "server/ingest.h"
#include "server/ingest_int.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static int digits(const char **p, int n, int *out)
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

int srv_parse_iso_micros(const char *s, long long *out)
{
    struct tm tm = {0};
    int y, mo, d, h = 0, mi = 0, sec = 0;
    long long frac = 0;
    const char *p = s;
    if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' ||
        digits(&p, 2, &d))
        return -1;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        p++;
        if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi))
            return -1;
        if (*p == ':') {
            p++;
            if (digits(&p, 2, &sec))
                return -1;
            if (*p == '.') {
                int n = 0;
                p++;
                while (isdigit((unsigned char)*p)) {
                    if (n < 6) {
                        frac = frac * 10 + (*p - '0');
                        n++;
                    }
                    p++;
                }
                if (n == 0)
                    return -1;
                while (n++ < 6)
                    frac *= 10;
            }
        }
    }
    long offset = 0;
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1, oh, om = 0;
        p++;
        if (digits(&p, 2, &oh))
            return -1;
        if (*p == ':')
            p++;
        if (*p && digits(&p, 2, &om))
            return -1;
        offset = sign * (oh * 3600L + om * 60L);
    }
    if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return -1;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    time_t t = timegm(&tm);
    *out = ((long long)t - offset) * 1000000LL + frac;
    return 0;
}

/* A value in the given epoch unit (1, 1000 or 1000000 per second) as microseconds. */
static int epoch_value(const cJSON *v, long long per_sec, long long *out)
{
    double d;
    if (cJSON_IsNumber(v)) {
        d = v->valuedouble;
    } else if (cJSON_IsString(v)) {
        char *end;
        d = strtod(v->valuestring, &end);
        if (end == v->valuestring || *end)
            return -1;
    } else {
        return -1;
    }
    if (!isfinite(d))
        return -1;
    *out = (long long)llround(d * (1000000.0 / (double)per_sec));
    return 0;
}

/* ISO string, a timestamp wrapper, or (for an explicit _event_time) epoch microseconds. */
static int any_time(const cJSON *v, long long *out)
{
    if (cJSON_IsString(v))
        return srv_parse_iso_micros(v->valuestring, out);
    if (cJSON_IsObject(v)) {
        const cJSON *val = cJSON_GetObjectItemCaseSensitive(v, "value");
        if (cJSON_IsNumber(val))
            return epoch_value(val, 1000000, out);
        return cJSON_IsString(val) ? srv_parse_iso_micros(val->valuestring, out) : -1;
    }
    return cJSON_IsNumber(v) ? epoch_value(v, 1000000, out) : -1;
}

const cJSON *srv_ingest_lookup(const cJSON *doc, const char *dotted)
{
    char part[256];
    const char *p = dotted;
    const cJSON *cur = doc;
    while (cur && *p) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        if (n >= sizeof part)
            return NULL;
        memcpy(part, p, n);
        part[n] = '\0';
        cur = cJSON_IsObject(cur) ? cJSON_GetObjectItemCaseSensitive(cur, part) : NULL;
        p += n + (dot ? 1 : 0);
    }
    return cur;
}

int srv_ingest_event_time(const cJSON *info, const cJSON *doc, long long *out, char *err,
                          size_t errlen)
{
    const cJSON *explicit_et = cJSON_GetObjectItemCaseSensitive(doc, "_event_time");
    if (explicit_et && !cJSON_IsNull(explicit_et)) {
        if (any_time(explicit_et, out) == 0)
            return 0;
        snprintf(err, errlen, "_event_time must be a timestamp, ISO string or microseconds");
        return -1;
    }
    const cJSON *field = cJSON_GetObjectItemCaseSensitive(info, "field");
    if (!cJSON_IsString(field)) {
        *out = srv_now_micros();
        return 0;
    }
    const cJSON *v = srv_ingest_lookup(doc, field->valuestring);
    if (!v || cJSON_IsNull(v)) {
        /* No event-time field: the document is stamped with the time of ingest. */
        *out = srv_now_micros();
        return 0;
    }
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(info, "format");
    const char *f = cJSON_IsString(fmt) ? fmt->valuestring : "";
    int rc;
    if (strcasecmp(f, "seconds_since_epoch") == 0)
        rc = epoch_value(v, 1, out);
    else if (strcasecmp(f, "milliseconds_since_epoch") == 0)
        rc = epoch_value(v, 1000, out);
    else if (strcasecmp(f, "microseconds_since_epoch") == 0)
        rc = epoch_value(v, 1000000, out);
    else
        rc = any_time(v, out);
    if (rc != 0)
        snprintf(err, errlen, "event time field '%s' cannot be read as %s",
                 field->valuestring, *f ? f : "an ISO-8601 timestamp");
    return rc;
}
