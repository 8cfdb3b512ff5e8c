/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite functions with Rockset's names and semantics, plus the helpers the translator
 * emits (rs_ts, rs_bool, rs_date, ...). Register on every connection that runs translated
 * SQL; registering twice is harmless (it replaces the same definitions). */
#ifndef SQL_FUNCTIONS_H
#define SQL_FUNCTIONS_H

#include <stddef.h>
#include <sqlite3.h>

void srv_sql_register_functions(sqlite3 *db);
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

#endif
