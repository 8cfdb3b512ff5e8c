/* SPDX-License-Identifier: Apache-2.0 */
/* Shared by the date and time functions of sql_fn_date.c and sql_fn_fmt.c. */
#ifndef SQL_FN_DATE_H
#define SQL_FN_DATE_H

#include <sqlite3.h>
#include "server/sql/sql_fn_util.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
long long sql_days_civil(long long y, int m, int d);
/* Appends fmt (Rockset's strftime-style format) rendered for the civil time local (micros,
 * read as UTC) at offset off (seconds east) with zone abbreviation abbr (NULL: none). */
void sql_fmt_render(sql_fbuf *b, const char *fmt, long long local, long long off,
                    const char *abbr);
/* The civil micros that s spells in fmt; *has_off and *off an offset the text named (%z,
 * %Ez, or %s, which gives the UTC instant). 0 ok, -1 no match, -2 a field out of range. */
int sql_fmt_parse(const char *fmt, const char *s, long long *local, int *has_off,
                  long long *off);
/* FORMAT_* and PARSE_* (sql_fn_fmt.c; called by sql_fn_tzdate_register). */
void sql_fn_fmt_register(sqlite3 *db);

#endif
