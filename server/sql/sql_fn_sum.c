/* SPDX-License-Identifier: Apache-2.0 */
/* SUM and AVG over the value model, replacing SQLite's sum() and avg() (a function of the
 * connection takes precedence over the built-in of the same name). SQLite's own read every
 * value through its numeric view, so a date, a bool ('1' reads as 1), a numeric string or
 * an array silently added up to a number; Rockset is strongly typed, so here an int or a
 * float adds, null and undefined are skipped, and any other type is a QUERY_ERROR naming the
 * aggregate and the type. SUM of ints is an int (an overflow is `Integer overflow`), a float
 * anywhere makes the sum a float; AVG is always a float. Floats add with Neumaier's
 * compensated summation, so the result does not depend on the order as much as a plain
 * running sum would. Both are window functions too (SUM(x) OVER (...)). The "error inside
 * TRY" value of sql_fn_reg.h makes the result that value, so TRY(SUM(1 / x)) is null. */
#include "server/sql/sql_fn_util.h"
#include "server/sql/sql_functions.h"
#include "server/sql/sql_value.h"

#include <math.h>
#include <stdio.h>

typedef struct agg_sum {
    long long n;            /* values in the sum (the frame's, for a window) */
    long long isum;         /* the exact sum while every value was an int, no overflow */
    double fsum, fcomp;     /* the float sum and its running compensation */
    int in_float;           /* the sum moved to fsum/fcomp (a float, or an int overflow) */
    int saw_float;          /* a float was added: the result is a float */
    int overflow;           /* ints overflowed: SUM raises unless a float was added */
    int try_error;          /* an "error inside TRY" value was seen */
} agg_sum;

/* One Neumaier step: the low-order bits t loses go to the compensation. */
static inline void sum_add_double(agg_sum *a, double x)
{
    double t = a->fsum + x;
    if (fabs(a->fsum) >= fabs(x))
        a->fcomp += (a->fsum - t) + x;
    else
        a->fcomp += (x - t) + a->fsum;
    a->fsum = t;
}

/* An int beyond 2^53 is not exact as a double: add it as a multiple of 2048 (exact in 52
 * bits) plus the small rest, so the compensation keeps what one conversion would lose. */
static void sum_add_int(agg_sum *a, long long i)
{
    if (i > (1LL << 53) || i < -(1LL << 53)) {
        long long lo = i % 2048;
        sum_add_double(a, (double)(i - lo));
        sum_add_double(a, (double)lo);
    } else {
        sum_add_double(a, (double)i);
    }
}

static void sum_to_float(agg_sum *a)
{
    if (a->in_float)
        return;
    a->in_float = 1;
    a->fsum = a->fcomp = 0.0;
    sum_add_int(a, a->isum);
}

/* Out of line: its message buffer would cost every row of sum_value a larger frame. */
static __attribute__((noinline, cold)) void sum_type_error(sqlite3_context *c,
                                                           sqlite3_value *v)
{
    char msg[160];
    snprintf(msg, sizeof msg, "%s: argument has type %s, expected int or float",
             (const char *)sql_fn_data(c), sql_vt_name(sql_value_type(v)));
    sql_result_error(c, msg, -1);
}

/* 0 when v adds (or is skipped), -1 when it is of a type no sum takes (the error is set).
 * dir 1 adds, -1 removes (a window frame's leaving row). */
static __attribute__((noinline)) int sum_value(sqlite3_context *c, agg_sum *a,
                                                sqlite3_value *v, int dir)
{
    switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER: {
        long long i = sqlite3_value_int64(v), r;
        a->n += dir;
        if (!a->in_float) {
            int ovf = dir > 0 ? __builtin_add_overflow(a->isum, i, &r)
                              : __builtin_sub_overflow(a->isum, i, &r);
            if (!ovf) {
                a->isum = r;
                return 0;
            }
            a->overflow = 1;
            sum_to_float(a);
        }
        if (dir > 0) {
            sum_add_int(a, i);
        } else if (i == INT64_MIN) {
            sum_add_int(a, INT64_MAX);      /* -INT64_MIN does not fit: add it in two */
            sum_add_double(a, 1.0);
        } else {
            sum_add_int(a, -i);
        }
        return 0;
    }
    case SQLITE_FLOAT:
        a->n += dir;
        a->saw_float = 1;
        sum_to_float(a);
        sum_add_double(a, dir * sqlite3_value_double(v));
        return 0;
    case SQLITE_NULL:
        return 0;
    default:
        break;
    }
    if (sql_try_is_error(v)) {
        a->try_error = 1;
        return 0;
    }
    sum_type_error(c, v);
    return -1;
}

static void sum_step(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    agg_sum *a = sqlite3_aggregate_context(c, sizeof *a);
    if (!a) {
        sqlite3_result_error_nomem(c);
        return;
    }
    /* the common cases inline: an int into an int sum that does not overflow, a float
     * into a float sum; the rest (the first float, an overflow, a wrong type) out of line */
    long long r;
    int t = sqlite3_value_type(v[0]);
    if (t == SQLITE_INTEGER && !a->in_float &&
        !__builtin_add_overflow(a->isum, sqlite3_value_int64(v[0]), &r)) {
        a->isum = r;
        a->n++;
        return;
    }
    if (t == SQLITE_FLOAT && a->in_float) {
        a->n++;
        a->saw_float = 1;
        sum_add_double(a, sqlite3_value_double(v[0]));
        return;
    }
    (void)sum_value(c, a, v[0], 1);
}

static void sum_inverse(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    agg_sum *a = sqlite3_aggregate_context(c, sizeof *a);
    if (a)
        (void)sum_value(c, a, v[0], -1);
}

static double sum_double(const agg_sum *a)
{
    if (!a->in_float)
        return (double)a->isum;
    /* an infinite sum makes the compensation NaN (inf - inf): the sum alone is right */
    return isfinite(a->fcomp) ? a->fsum + a->fcomp : a->fsum;
}

/* The result so far: the final value, and the window's current one. */
static void sum_result(sqlite3_context *c)
{
    agg_sum *a = sqlite3_aggregate_context(c, 0);
    int avg = *(const char *)sql_fn_data(c) == 'A';
    if (a && a->try_error)
        sql_try_result_error(c);
    else if (!a || a->n <= 0)
        sqlite3_result_null(c);     /* no value: null, as in Rockset and SQL */
    else if (avg)
        sqlite3_result_double(c, sum_double(a) / (double)a->n);
    else if (a->overflow && !a->saw_float)
        sql_result_error(c, "Integer overflow", -1);
    else if (a->in_float)
        sqlite3_result_double(c, sum_double(a));
    else
        sqlite3_result_int64(c, a->isum);
}

void sql_fn_sum_register(sqlite3 *db)
{
    const int det = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    sqlite3_create_window_function(db, "sum", 1, det, (void *)"SUM", sum_step, sum_result,
                                   sum_result, sum_inverse, NULL);
    sqlite3_create_window_function(db, "avg", 1, det, (void *)"AVG", sum_step, sum_result,
                                   sum_result, sum_inverse, NULL);
}
