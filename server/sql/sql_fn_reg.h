/* SPDX-License-Identifier: Apache-2.0 */
/* One registration path for the scalar functions of server/sql, so every one of them also
 * exists as its TRY variant. SQLite aborts the statement on the first function error and
 * hoists constant subexpressions out of the row loop, so a flag set "around" TRY's argument
 * would not be set when a hoisted call runs. Instead each function NAME is also registered
 * as rs_try_NAME, whose call marks a per-thread "inside TRY" flag for its own duration; the
 * error sites report through sql_result_error, which answers null while the flag is set.
 * The translator renames the calls it emits inside TRY(...) to the variants (sql_fn_has_try
 * tells it which names have one). */
#ifndef SQL_FN_REG_H
#define SQL_FN_REG_H

#include <stddef.h>
#include <sqlite3.h>

#define SQL_TRY_PREFIX "rs_try_"

typedef void (*sql_scalar_fn)(sqlite3_context *, int, sqlite3_value **);

/* sqlite3_create_function(db, name, nargs, flags, data, fn, NULL, NULL) plus the variant
 * rs_try_<name> with the same arity and flags. Every arity of a name must come through here
 * (the translator renames by name alone). Returns the first SQLite error code, or SQLITE_OK. */
int sql_fn_register(sqlite3 *db, const char *name, int nargs, int flags, void *data,
                    sql_scalar_fn fn);

/* sql_fn_register, and destroy(data) when the connection drops the function (closes), as
 * sqlite3_create_function_v2 does: for data owned by one connection. The TRY variant shares
 * data and must not outlive the function, which it does not (both go at close). */
int sql_fn_register_v2(sqlite3 *db, const char *name, int nargs, int flags, void *data,
                       sql_scalar_fn fn, void (*destroy)(void *));

/* The function's error: sqlite3_result_error, or null when the call runs inside TRY. */
void sql_result_error(sqlite3_context *c, const char *msg, int n);

/* sqlite3_user_data for functions registered through sql_fn_register: a TRY variant's own
 * user data is its trampoline record, so the functions read theirs through this. */
void *sql_fn_data(sqlite3_context *c);

/* 1 when a function named name[0..n) (case-insensitive) has a TRY variant. */
int sql_fn_has_try(const char *name, size_t n);

#endif
