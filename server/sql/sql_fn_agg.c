/* SPDX-License-Identifier: Apache-2.0 */
/* rs_pick_type(value, type, is_max): the companion of MIN(field) / MAX(field). SQLite's
 * min() and max() answer one of their input values but not its Rockset type (a DATE, a
 * bool and a string all reach them as plain values), so this aggregate runs beside them
 * over the same rows, picks the same value by the same rules, and answers the type that
 * came with it: NULLs ignored, numbers < text < blobs, numbers by value, text and blobs by
 * bytes (the BINARY collation), the first of equal values kept. With no value at all it
 * answers 'null', so that the encoder writes null (not an absent field) as Rockset does.
 * Also COUNT, MIN and MAX as TRY reads them (rs_try_count, ...: see below). */
#include "server/sql/sql_fn_reg.h"
#include "server/sql/sql_functions.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Longest companion text kept ("microsecond_interval" is the longest Rockset name). */
#define AGG_TYPE_MAX 31

typedef struct agg_pick {
    sqlite3_value *best;        /* a protected copy of the chosen value */
    char type[AGG_TYPE_MAX + 1];
    int has_type;
} agg_pick;

static int value_class(int t)
{
    switch (t) {
    case SQLITE_INTEGER: case SQLITE_FLOAT: return 1;
    case SQLITE_TEXT: return 2;
    default: return 3;          /* blob */
    }
}

static int cmp_bytes(const void *a, int na, const void *b, int nb)
{
    int r = memcmp(a, b, (size_t)(na < nb ? na : nb));
    return r ? r : na - nb;
}

/* <0, 0, >0 as a orders before, with, after b (both not NULL). */
static int value_cmp(sqlite3_value *a, sqlite3_value *b)
{
    int ta = sqlite3_value_type(a), tb = sqlite3_value_type(b);
    int ca = value_class(ta), cb = value_class(tb);
    if (ca != cb)
        return ca - cb;
    if (ca == 1) {
        if (ta == SQLITE_INTEGER && tb == SQLITE_INTEGER) {
            sqlite3_int64 x = sqlite3_value_int64(a), y = sqlite3_value_int64(b);
            return x < y ? -1 : x > y;
        }
        double x = sqlite3_value_double(a), y = sqlite3_value_double(b);
        return x < y ? -1 : x > y;
    }
    if (ca == 2) {
        const unsigned char *x = sqlite3_value_text(a), *y = sqlite3_value_text(b);
        return cmp_bytes(x, sqlite3_value_bytes(a), y, sqlite3_value_bytes(b));
    }
    return cmp_bytes(sqlite3_value_blob(a), sqlite3_value_bytes(a), sqlite3_value_blob(b),
                     sqlite3_value_bytes(b));
}

static void pick_step(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    if (sqlite3_value_type(v[0]) == SQLITE_NULL)
        return;
    agg_pick *p = sqlite3_aggregate_context(c, sizeof *p);
    if (!p) {
        sqlite3_result_error_nomem(c);
        return;
    }
    int want_max = sqlite3_value_int(v[2]) != 0;
    if (p->best) {
        int r = value_cmp(v[0], p->best);
        if (want_max ? r <= 0 : r >= 0)
            return;             /* ties keep the first value, as min() and max() do */
        sqlite3_value_free(p->best);
    }
    p->best = sqlite3_value_dup(v[0]);
    if (!p->best) {
        sqlite3_result_error_nomem(c);
        return;
    }
    const unsigned char *t = sqlite3_value_text(v[1]);
    p->has_type = t != NULL;
    if (t) {
        size_t L = strlen((const char *)t);
        if (L > AGG_TYPE_MAX)
            L = AGG_TYPE_MAX;
        memcpy(p->type, t, L);
        p->type[L] = '\0';
    }
}

static void pick_final(sqlite3_context *c)
{
    agg_pick *p = sqlite3_aggregate_context(c, 0);
    if (!p || !p->best) {
        sqlite3_result_text(c, "null", 4, SQLITE_STATIC);
        return;
    }
    if (p->has_type)
        sqlite3_result_text(c, p->type, -1, SQLITE_TRANSIENT);
    sqlite3_value_free(p->best);
    p->best = NULL;
}

/* ---- COUNT, MIN and MAX inside TRY ----
 * SQLite's count(), min() and max() take the "error inside TRY" value (sql_fn_reg.h) as any
 * other value: TRY(COUNT(1 / x)) would count the rows that failed. Inside TRY the translator
 * calls these instead, which answer that value once they met it, so the TRY is null. They
 * are no window functions: a call with OVER keeps SQLite's (sql_tr_cond.c). */

typedef struct agg_try {
    long long n;
    sqlite3_value *best;        /* MIN/MAX: a protected copy of the chosen value */
    int failed;
} agg_try;

static void try_step(sqlite3_context *c, int n, sqlite3_value **v)
{
    agg_try *a = sqlite3_aggregate_context(c, sizeof *a);
    if (!a) {
        sqlite3_result_error_nomem(c);
        return;
    }
    if (a->failed || (n == 1 && sqlite3_value_type(v[0]) == SQLITE_NULL))
        return;
    if (n == 1 && sql_try_is_error(v[0])) {
        a->failed = 1;
        return;
    }
    a->n++;
    int mode = (int)(intptr_t)sql_fn_data(c);     /* 0 COUNT, 1 MAX, -1 MIN */
    if (mode == 0)
        return;
    if (a->best) {
        if (value_cmp(v[0], a->best) * mode <= 0)
            return;             /* ties keep the first value, as min() and max() do */
        sqlite3_value_free(a->best);
    }
    a->best = sqlite3_value_dup(v[0]);
    if (!a->best)
        sqlite3_result_error_nomem(c);
}

static void try_final(sqlite3_context *c)
{
    agg_try *a = sqlite3_aggregate_context(c, 0);
    int mode = (int)(intptr_t)sql_fn_data(c);
    if (a && a->failed)
        sql_try_result_error(c);
    else if (mode == 0)
        sqlite3_result_int64(c, a ? a->n : 0);
    else if (a && a->best)
        sqlite3_result_value(c, a->best);
    if (a) {
        sqlite3_value_free(a->best);
        a->best = NULL;
    }
}

void sql_fn_agg_register(sqlite3 *db)
{
    static const struct { const char *name; int mode; } tries[] = {
        { "COUNT", 0 }, { "MIN", -1 }, { "MAX", 1 },
    };
    for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
        char vname[16];
        snprintf(vname, sizeof vname, SQL_TRY_PREFIX "%s", tries[i].name);
        void *mode = (void *)(intptr_t)tries[i].mode;
        sqlite3_create_function(db, vname, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, mode,
                                NULL, try_step, try_final);
        if (tries[i].mode == 0)     /* COUNT(*) */
            sqlite3_create_function(db, vname, 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC, mode,
                                    NULL, try_step, try_final);
        (void)sql_fn_try_name(tries[i].name);
    }
    sqlite3_create_function(db, "rs_pick_type", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                            NULL, pick_step, pick_final);
}
