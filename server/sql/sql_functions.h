/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite functions with Rockset's names and semantics, plus the helpers the translator
 * emits (rs_ts, rs_bool, rs_date, ...). Register on every connection that runs translated
 * SQL; registering twice is harmless (it replaces the same definitions). */
#ifndef SQL_FUNCTIONS_H
#define SQL_FUNCTIONS_H

#include <stddef.h>
#include <sqlite3.h>
#include "server/sql/sql_fn_reg.h"

void srv_sql_register_functions(sqlite3 *db);
/* The x IN (subquery) sites of one statement that read x once per row (rs_in_note and
 * rs_in_miss, sql_fn_pred.c); the translator falls back to reading x twice beyond them. */
#define SQL_IN_SITES 64
/* The functions of sql_fn_time.c (called by srv_sql_register_functions). */
void sql_fn_time_register(sqlite3 *db);
/* CURRENT_USER() of this connection: the email of the user running the query. Call after
 * srv_sql_register_functions (which resets it to ""). */
void sql_set_current_user(sqlite3 *db, const char *user);

/* "YYYY-MM-DD[T ]HH:MM:SS[.ffffff][Z|+hh:mm]" (or a bare date) -> micros since the epoch.
 * Returns 0 on success. */
int sql_parse_timestamp(const char *s, long long *micros);
/* micros -> "YYYY-MM-DDTHH:MM:SS.ffffffZ" (out >= 32 bytes). */
void sql_format_timestamp(long long micros, char *out, size_t outlen);

/* Rockset's temporal types. Each has one canonical text, so that SQLite's text comparison
 * is value comparison and every producer (literals, casts, parameters, function results,
 * stored values) must write it:
 *   date       YYYY-MM-DD
 *   time       HH:MM:SS             or HH:MM:SS.ffffff when the microseconds are not zero
 *   datetime   YYYY-MM-DDTHH:MM:SS  or ...SS.ffffff likewise
 *   timestamp  YYYY-MM-DDTHH:MM:SS.ffffffZ (always six digits, as Rockset writes it)
 * Zero microseconds are left out of times and datetimes because that is how Rockset writes
 * them (10:30:20, 08:08:28.615226), so its own exports are stored unchanged. Order still
 * holds: a value without fraction is a prefix of any value of the same second with one,
 * and the next second differs before the '.'. */
typedef enum sql_tv {
    SQL_TV_DATE,
    SQL_TV_TIME,
    SQL_TV_DATETIME,
    SQL_TV_TIMESTAMP
} sql_tv;

/* Canonical text of micros as type k (out >= 32 bytes; a time takes the time of day). */
void sql_tv_format(long long micros, sql_tv k, char *out, size_t outlen);
/* Text of type k -> micros: a time as [H]H:MM[:SS[.f]], the others as sql_parse_timestamp
 * (a timestamp also as epoch microseconds). 0 ok. */
int sql_tv_parse(const char *s, sql_tv k, long long *micros);
/* The type of a Rockset type name ("date", "TIME", ...); -1 for any other name. */
int sql_tv_from_name(const char *name, sql_tv *k);
/* The type canonical text spells (as the functions write it); -1 when it is not one. */
int sql_tv_of_text(const char *s, sql_tv *k);
/* in rewritten as the canonical text of type k: 1 when out differs from in, 0 when in is
 * canonical already, -1 when in is not a value of that type. */
int sql_tv_canon(const char *in, sql_tv k, char *out, size_t outlen);
/* A function argument as micros and the type it holds (an integer is timestamp micros; text
 * is read by its shape). 0 ok. */
int sql_tv_value(sqlite3_value *v, long long *micros, sql_tv *k);
/* Sets the canonical text of micros as type k as the function's result. */
void sql_tv_result(sqlite3_context *c, long long micros, sql_tv k);
/* *us of type k plus count months (months) or microseconds, as DATE_ADD adds them (the day
 * clamped to a shorter month's end, a time wrapping around midnight). 0 ok, -1 when the
 * result is past years 1 to 9999. */
int sql_tv_add(long long *us, long long count, int months, sql_tv k);
/* The aggregates of sql_fn_agg.c (called by srv_sql_register_functions). */
void sql_fn_agg_register(sqlite3 *db);
/* The array functions of sql_fn_array.c and the object functions of sql_fn_object.c. */
void sql_fn_array_register(sqlite3 *db);
void sql_fn_object_register(sqlite3 *db);
/* Math (sql_fn_math.c), string (sql_fn_string.c), regular-expression (sql_fn_regex.c) and
 * hashing / binary-encoding (sql_fn_hash.c) functions over the value model (called by
 * srv_sql_register_functions, after the older definitions they replace). */
void sql_fn_math_register(sqlite3 *db);
void sql_fn_string_register(sqlite3 *db);
void sql_fn_regex_register(sqlite3 *db);
void sql_fn_hash_register(sqlite3 *db);
/* sql_fn_literals.c: rs_bool, the DATE/TIME/DATETIME constructors, MICROSECONDS, MONTHS. */
void sql_fn_literals_register(sqlite3 *db);
/* The geographic functions of sql_fn_geo.c (ST_GEOGPOINT, ST_DISTANCE, ...). */
void sql_fn_geo_register(sqlite3 *db);
/* Date and time constructors, zones, formats and intervals (sql_fn_date.c, sql_fn_fmt.c),
 * the statistical and boolean aggregates (sql_fn_stat.c), and the conditional, JSON and
 * bitwise functions (sql_fn_misc.c). */
void sql_fn_tzdate_register(sqlite3 *db);
void sql_fn_stat_register(sqlite3 *db);
/* SUM and AVG over the value model (sql_fn_sum.c), replacing SQLite's. */
void sql_fn_sum_register(sqlite3 *db);
void sql_fn_misc_register(sqlite3 *db);
/* The vector functions of sql_fn_vector.c (VECTOR_ADD, DOT_PRODUCT, COSINE_SIM, ...). */
void sql_fn_vector_register(sqlite3 *db);
/* DATE_TRUNC's arithmetic: us (civil micros, read as UTC) truncated to unit (MICROSECOND ...
 * DAY, WEEK (Monday), MONTH, QUARTER, YEAR). 0 ok, -1 unknown unit. */
int sql_date_trunc_micros(const char *unit, long long us, long long *out);

#endif
