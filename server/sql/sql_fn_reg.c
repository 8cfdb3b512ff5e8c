/* SPDX-License-Identifier: Apache-2.0 */
/* Scalar function registration with TRY variants, the TRY-aware error report, and the set
 * of names that have a variant (see sql_fn_reg.h for why TRY works this way). */
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

static void try_call(sqlite3_context *c, int n, sqlite3_value **v)
{
    const try_fn *t = sqlite3_user_data(c), *prev = try_current;
    try_current = t;
    t->fn(c, n, v);
    try_current = prev;
}

void sql_result_error(sqlite3_context *c, const char *msg, int n)
{
    if (try_current)
        sqlite3_result_null(c);
    else
        sqlite3_result_error(c, msg, n);
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
    rc = sqlite3_create_function_v2(db, vname, nargs, flags, t, try_call, NULL, NULL,
                                    sqlite3_free);
    /* Only a registered variant may be named by the translator; a set too full to hold
     * the name leaves that function raising inside TRY, as a built-in does. */
    if (rc == SQLITE_OK)
        (void)reg_add(name);
    return rc;
}
