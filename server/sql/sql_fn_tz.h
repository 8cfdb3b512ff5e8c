/* SPDX-License-Identifier: Apache-2.0 */
/* Time zones for the date and time functions (sql_fn_tz.c). Rockset takes a zone as a TZ
 * database name ('America/Los_Angeles', 'UTC') or as an interval (a fixed offset). The zone
 * rules are read from the system's TZif files (/usr/share/zoneinfo) by this code, not through
 * localtime(): that one reads the TZ environment variable, which a threaded server cannot
 * switch per call. */
#ifndef SQL_FN_TZ_H
#define SQL_FN_TZ_H

#include <sqlite3.h>

/* A resolved zone: a fixed offset, or rules (opaque, cached for the process's life). */
typedef struct sql_tz {
    const void *rules;          /* NULL for a fixed offset */
    long long fixed;            /* seconds east of UTC when rules is NULL */
} sql_tz;

/* Reads a zone argument: a string ('UTC', 'Z', '+05:30', '-08', a TZ database name) or a
 * microsecond_interval (its length is the offset). 0 ok, 1 null (the function answers null),
 * -1 after setting an error naming fn on c. */
int sql_tz_arg(sqlite3_context *c, const char *fn, sqlite3_value *v, sql_tz *tz);
/* The same for a zone name alone. 0 ok, -1 unknown zone. */
int sql_tz_lookup(const char *name, sql_tz *tz);
/* Seconds east of UTC in zone tz at the UTC instant utc_secs; *abbr (may be NULL) gets the
 * zone's abbreviation ("PST"), or NULL for a fixed offset. */
long long sql_tz_offset(const sql_tz *tz, long long utc_secs, const char **abbr);
/* The UTC instant of civil time local_secs in zone tz (in a gap the earlier offset is used,
 * in an overlap the first of the two instants). */
long long sql_tz_to_utc(const sql_tz *tz, long long local_secs);

#endif
