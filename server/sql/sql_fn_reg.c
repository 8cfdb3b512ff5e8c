/* SPDX-License-Identifier: Apache-2.0 */
/* Scalar function registration with TRY variants, the TRY-aware error report, the "error
 * inside TRY" value and TRY's bracket (rs_try_mark, rs_try_end), and the set of names that
 * have a variant (see sql_fn_reg.h for why TRY works this way). */
#include "server/sql/sql_fn_reg.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The trampoline record of a TRY variant: the plain function and its user data. */
typedef struct try_fn {
    sql_scalar_fn fn;
    void *data;
} try_fn;

/* The variant running on this thread, if any. A function body does not call back into
 * SQLite's evaluator, so calls never nest on one thread; saving the previous value anyway
 * keeps a re-entrant query (a function running a statement) correct. */
static _Thread_local const try_fn *try_current;

/* Errors turned into the TRY value on this thread so far. rs_try_mark reads it before TRY's
 * argument is evaluated and rs_try_end after: a difference means an error happened in
 * between, even where the value that carried it was dropped (IS NULL, a CASE condition, a
 * comparison). Only differences matter, so errors counted outside any bracket (an aggregate's
 * argument, evaluated row by row before the bracket around the aggregate) are harmless. */
static _Thread_local unsigned long long try_errors;

/* The value: a blob no other value is (every tag is >= 0x02; a foreign blob starting with
 * 0x01 would also need these exact bytes). Its numeric view is 0, SQLite's COALESCE, IFNULL
 * and CASE pass it as any non-null value, and every variant hands it on unchanged. */
static const unsigned char try_error_blob[] = "\x01rs-try-error";
#define TRY_ERROR_LEN (sizeof try_error_blob - 1)

int sql_try_is_error(sqlite3_value *v)
{
    return sqlite3_value_type(v) == SQLITE_BLOB && sqlite3_value_bytes(v) == TRY_ERROR_LEN &&
           memcmp(sqlite3_value_blob(v), try_error_blob, TRY_ERROR_LEN) == 0;
}

void sql_try_result_error(sqlite3_context *c)
{
    sqlite3_result_blob(c, try_error_blob, TRY_ERROR_LEN, SQLITE_STATIC);
}

static void try_call(sqlite3_context *c, int n, sqlite3_value **v)
{
    for (int i = 0; i < n; i++)
        if (sqlite3_value_type(v[i]) == SQLITE_BLOB && sql_try_is_error(v[i])) {
            sql_try_result_error(c);    /* an argument failed: so does this call */
            return;
        }
    const try_fn *t = sqlite3_user_data(c), *prev = try_current;
    try_current = t;
    t->fn(c, n, v);
    try_current = prev;
}

/* rs_try_mark(): the error count before TRY's argument (not deterministic, so SQLite
 * evaluates it where it stands, once per evaluation of the TRY, never hoisted). */
static void try_mark(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n, (void)v;
    sqlite3_result_int64(c, (sqlite3_int64)try_errors);
}

/* rs_try_end(mark, x): null when an error happened since mark or x is the TRY value, else
 * x. The count goes back to mark, so an enclosing TRY does not see the errors this one
 * absorbed: TRY(COALESCE(TRY(1 / 0), 5)) is 5. */
static void try_end(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    unsigned long long mark = (unsigned long long)sqlite3_value_int64(v[0]);
    if (try_errors != mark) {
        try_errors = mark;
        sqlite3_result_null(c);
    } else if (sql_try_is_error(v[1])) {
        sqlite3_result_null(c);
    } else {
        sqlite3_result_value(c, v[1]);
    }
}

/* rs_try_pass(x): x, counting it as an error when it is the TRY value. Around a scalar
 * subquery inside TRY, which SQLite runs once when it does not depend on the row: its failed
 * value then counts on every row, also where IS NULL or a CASE condition drops it. */
static void try_pass(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    if (sql_try_is_error(v[0]))
        try_errors++;
    sqlite3_result_value(c, v[0]);
}

void sql_result_error(sqlite3_context *c, const char *msg, int n)
{
    if (try_current) {
        try_errors++;
        sql_try_result_error(c);
    } else {
        sqlite3_result_error(c, msg, n);
    }
}

void *sql_fn_data(sqlite3_context *c)
{
    void *u = sqlite3_user_data(c);
    const try_fn *t = try_current;
    return t && u == (const void *)t ? t->data : u;
}

/* The names with a variant: process-wide, as the translator has no connection. Every
 * connection registers the same names, so the set only grows to the one list. Open
 * addressing over lower-cased names; the mutex because connections open on any thread. */
#define REG_SLOTS 2048
#define REG_NAME_MAX 48
static char reg_names[REG_SLOTS][REG_NAME_MAX];
static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;

static size_t reg_slot(const char *name, size_t n, int *found)
{
    size_t h = 5381;
    for (size_t i = 0; i < n; i++)
        h = h * 33 + (unsigned char)(name[i] | 0x20);
    for (size_t k = 0; k < REG_SLOTS; k++) {
        size_t at = (h + k) % REG_SLOTS;
        const char *e = reg_names[at];
        if (!e[0] || (strncasecmp(e, name, n) == 0 && !e[n])) {
            *found = e[0] != 0;
            return at;
        }
    }
    *found = 0;
    return REG_SLOTS;
}

/* Adds name; 0 when the set has it, -1 when it cannot hold it (too long or full). */
static int reg_add(const char *name)
{
    size_t n = strlen(name);
    int found, rc = -1;
    if (n == 0 || n >= REG_NAME_MAX)
        return -1;
    pthread_mutex_lock(&reg_lock);
    size_t at = reg_slot(name, n, &found);
    if (at < REG_SLOTS) {
        if (!found)
            memcpy(reg_names[at], name, n + 1);
        rc = 0;
    }
    pthread_mutex_unlock(&reg_lock);
    return rc;
}

int sql_fn_try_name(const char *name)
{
    return reg_add(name);
}

int sql_fn_has_try(const char *name, size_t n)
{
    int found = 0;
    if (n == 0 || n >= REG_NAME_MAX)
        return 0;
    pthread_mutex_lock(&reg_lock);
    reg_slot(name, n, &found);
    pthread_mutex_unlock(&reg_lock);
    return found;
}

int sql_fn_register(sqlite3 *db, const char *name, int nargs, int flags, void *data,
                    sql_scalar_fn fn)
{
    return sql_fn_register_v2(db, name, nargs, flags, data, fn, NULL);
}

int sql_fn_register_v2(sqlite3 *db, const char *name, int nargs, int flags, void *data,
                       sql_scalar_fn fn, void (*destroy)(void *))
{
    char vname[sizeof SQL_TRY_PREFIX + REG_NAME_MAX];
    int rc = sqlite3_create_function_v2(db, name, nargs, flags, data, fn, NULL, NULL, destroy);
    if (rc != SQLITE_OK)
        return rc;
    /* A name the set cannot hold keeps no variant: the translator leaves its calls alone,
     * so inside TRY it raises as before rather than naming a missing function. */
    if (strlen(name) >= REG_NAME_MAX)
        return SQLITE_OK;
    try_fn *t = sqlite3_malloc(sizeof *t);
    if (!t)
        return SQLITE_NOMEM;
    t->fn = fn;
    t->data = data;
    snprintf(vname, sizeof vname, SQL_TRY_PREFIX "%s", name);
    /* not deterministic: SQLite would evaluate a constant call once, before the row loop,
     * outside the bracket of rs_try_mark/rs_try_end (and its error uncounted per row) */
    rc = sqlite3_create_function_v2(db, vname, nargs, flags & ~SQLITE_DETERMINISTIC, t,
                                    try_call, NULL, NULL, sqlite3_free);
    /* Only a registered variant may be named by the translator; a set too full to hold
     * the name leaves that function raising inside TRY, as a built-in does. */
    if (rc == SQLITE_OK)
        (void)reg_add(name);
    return rc;
}

void sql_try_register(sqlite3 *db)
{
    sqlite3_create_function(db, "rs_try_mark", 0, SQLITE_UTF8, NULL, try_mark, NULL, NULL);
    sqlite3_create_function(db, "rs_try_end", 2, SQLITE_UTF8, NULL, try_end, NULL, NULL);
    sqlite3_create_function(db, "rs_try_pass", 1, SQLITE_UTF8, NULL, try_pass, NULL, NULL);
}
