/* SPDX-License-Identifier: Apache-2.0 */
/* _event_time of an ingested document: an explicit _event_time, the collection's
 * event_time_info field in one of its formats, or the time of ingest. */
#include "server/store/ingest.h"
#include "server/store/ingest_int.h"
#include "server/sql/sql_functions.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* One ISO-8601 parser for the whole server: ingest and SQL must agree on what a timestamp is. */
int srv_parse_iso_micros(const char *s, long long *out)
{
    return sql_parse_timestamp(s, out);
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
