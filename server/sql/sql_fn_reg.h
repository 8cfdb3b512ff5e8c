/* SPDX-License-Identifier: Apache-2.0 */
/* One registration path for the scalar functions of server/sql, so every one of them also
 * exists as its TRY variant. Rockset's TRY(expr) is null when evaluating expr raised an
 * error anywhere inside it. SQLite aborts the statement on the first function error, so each
 * function NAME is also registered as rs_try_NAME, whose call marks a per-thread "inside
 * TRY" flag for its own duration; the error sites report through sql_result_error, which
 * then answers the "error inside TRY" value (a tagged blob) and counts the error. A variant
 * given that value as an argument answers it unchanged, so it reaches the end of TRY's
 * argument through any function, and through SQLite's COALESCE/IFNULL/CASE, which pass a
 * non-null value on. The translator renames the calls it emits inside TRY(...) to the
 * variants (sql_fn_has_try tells it which names have one) and brackets the argument as
 * rs_try_end(rs_try_mark(), expr): rs_try_end answers null when the value arrived or the
 * count changed in between (an error whose value was dropped: `1 / 0 IS NULL`, a CASE
 * condition), else the value. Variants are not deterministic, so SQLite never evaluates a
 * constant one once before the row loop, outside the bracket. */
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

/* The function's error: sqlite3_result_error, or the "error inside TRY" value (counted)
 * when the call runs inside TRY. */
void sql_result_error(sqlite3_context *c, const char *msg, int n);

/* sqlite3_user_data for functions registered through sql_fn_register: a TRY variant's own
 * user data is its trampoline record, so the functions read theirs through this. */
void *sql_fn_data(sqlite3_context *c);

/* 1 when v is the "error inside TRY" value; and that value as the function's result. An
 * aggregate that meets it answers it, so that TRY around the aggregate is null. */
int sql_try_is_error(sqlite3_value *v);
void sql_try_result_error(sqlite3_context *c);

/* Registers rs_try_mark() and rs_try_end(mark, x), the bracket around TRY's argument, and
 * rs_try_pass(x) (around a scalar subquery inside TRY: sql_fn_reg.c). */
void sql_try_register(sqlite3 *db);

/* Records that rs_try_<name> exists, registered by its module (the aggregates COUNT, MIN
 * and MAX of sql_fn_agg.c), so the translator renames name inside TRY. 0 ok, -1 no room. */
int sql_fn_try_name(const char *name);

/* 1 when a function named name[0..n) (case-insensitive) has a TRY variant. */
int sql_fn_has_try(const char *name, size_t n);

#endif
