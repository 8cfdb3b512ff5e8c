/* SPDX-License-Identifier: Apache-2.0 */
/* Rockset's mathematical functions over the value model, and NULLIF with Rockset's
 * equality. Rockset's rule: every math function takes int and float, answers a float
 * unless documented otherwise (ABS and SIGN keep the argument's type; GREATEST and LEAST
 * answer one of their arguments), and a null argument gives null. So FLOOR(2) is 2.0, not
 * SQLite's integer 2. A NaN result is null: SQLite stores NaN as NULL anyway. */
#include "server/sql/sql_fn_util.h"
#include "server/sql/sql_functions.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const unsigned num2[] = { SQL_VTM_NUM, SQL_VTM_NUM };
static const unsigned num_int[] = { SQL_VTM_NUM, SQL_VTM_INT };

static void result_float(sqlite3_context *c, double d)
{
    if (!isnan(d))
        sqlite3_result_double(c, d);
}

static double degrees(double x) { return x * (180.0 / M_PI); }
static double radians(double x) { return x * (M_PI / 180.0); }
/* ROUND: halfway cases away from zero, which is C's round(). */
static const struct {
    const char *name;
    double (*f)(double);
} unary[] = {
    { "FLOOR", floor }, { "CEIL", ceil }, { "CEILING", ceil }, { "ROUND", round },
    { "TRUNCATE", trunc }, { "TRUNC", trunc }, { "SQRT", sqrt }, { "CBRT", cbrt },
    { "EXP", exp }, { "LN", log }, { "LOG10", log10 }, { "LOG2", log2 }, { "SIN", sin },
    { "COS", cos }, { "TAN", tan }, { "ASIN", asin }, { "ACOS", acos }, { "ATAN", atan },
    { "SINH", sinh }, { "COSH", cosh }, { "TANH", tanh }, { "DEGREES", degrees },
    { "RADIANS", radians },
};

static void fn_unary(sqlite3_context *c, int n, sqlite3_value **v)
{
    size_t k = (size_t)(intptr_t)sql_fn_data(c);
    if (sql_fn_args(c, unary[k].name, n, v, num2) == 0)
        result_float(c, unary[k].f(sqlite3_value_double(v[0])));
}

/* ROUND(x, d) / TRUNCATE(x, d): to d decimal places (d < 0 rounds left of the point). The
 * decimal text of x is what users see, so scale by a power of ten and back. */
static void fn_places(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *name = (const char *)sql_fn_data(c);
    if (sql_fn_args(c, name, n, v, num_int) != 0)
        return;
    double x = sqlite3_value_double(v[0]);
    long long d = sqlite3_value_int64(v[1]);
    double (*f)(double) = name[0] == 'R' ? round : trunc;
    if (d > 308 || !isfinite(x)) {
        result_float(c, x);
        return;
    }
    if (d < -308) {
        result_float(c, f(x / 1e308) == 0 ? 0.0 * x : x);
        return;
    }
    double p = pow(10.0, (double)(d < 0 ? -d : d));
    double r = d >= 0 ? f(x * p) / p : f(x / p) * p;
    result_float(c, isfinite(r) ? r : x);              /* x * p overflowed: x has no decimals */
}

static void fn_abs(sqlite3_context *c, int n, sqlite3_value **v)
{
    if (sql_fn_args(c, "ABS", n, v, num2) != 0)
        return;
    if (sql_value_type(v[0]) == SQL_VT_FLOAT) {
        sqlite3_result_double(c, fabs(sqlite3_value_double(v[0])));
        return;
    }
    long long x = sqlite3_value_int64(v[0]);
    if (x == LLONG_MIN)
        sql_result_error(c, "ABS: Integer overflow", -1);
    else
        sqlite3_result_int64(c, x < 0 ? -x : x);
}

/* SIGN(x): -1, 0 or 1 of x's type. */
static void fn_sign(sqlite3_context *c, int n, sqlite3_value **v)
{
    if (sql_fn_args(c, "SIGN", n, v, num2) != 0)
        return;
    double x = sqlite3_value_double(v[0]);
    int s = (x > 0) - (x < 0);
    if (sql_value_type(v[0]) == SQL_VT_FLOAT)
        result_float(c, isnan(x) ? x : s);
    else
        sqlite3_result_int(c, s);
}

/* GREATEST / LEAST(a, ...): the argument that compares above (below) all the others, by
 * Rockset's comparison; null if any is null; an error for values that do not compare. */
static void fn_extreme(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *name = (const char *)sql_fn_data(c);
    int greatest = name[0] == 'G', best = 0, r;
    if (n == 0) {
        sql_fn_error(c, name, "needs at least one argument");
        return;
    }
    for (int i = 0; i < n; i++) {
        sql_vt t = sql_value_type(v[i]);
        if (t == SQL_VT_NULL || t == SQL_VT_UNDEFINED)
            return;
    }
    for (int i = 1; i < n; i++) {
        if (sql_value_cmp(v[i], v[best], &r) != 0) {
            char msg[160];
            snprintf(msg, sizeof msg, "%s: cannot compare values of types %s and %s", name,
                     sql_vt_name(sql_value_type(v[best])), sql_vt_name(sql_value_type(v[i])));
            sql_result_error(c, msg, -1);
            return;
        }
        if (greatest ? r > 0 : r < 0)
            best = i;
    }
    sqlite3_result_value(c, v[best]);
}

/* POW / POWER(x, y), ATAN2(y, x): floats. */
static void fn_binary(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *name = (const char *)sql_fn_data(c);
    if (sql_fn_args(c, name, n, v, num2) != 0)
        return;
    double x = sqlite3_value_double(v[0]), y = sqlite3_value_double(v[1]);
    result_float(c, name[0] == 'A' ? atan2(x, y) : pow(x, y));
}

/* MOD(x, y): as x % y (int with int stays int; a zero divisor is an error). */
static void fn_mod(sqlite3_context *c, int n, sqlite3_value **v)
{
    if (sql_fn_args(c, "MOD", n, v, num2) == 0)
        sql_value_arith(c, SQL_OP_MOD, v[0], v[1]);
}

static void fn_pi(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n, (void)v;
    sqlite3_result_double(c, M_PI);
}

/* IS_NAN / IS_FINITE / IS_INFINITE(x): bools. An int is finite; a NaN float never reaches
 * here as one (SQLite turns NaN into NULL), so IS_NAN is false for every number it sees. */
static void fn_is(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *name = (const char *)sql_fn_data(c);
    if (sql_fn_args(c, name, n, v, num2) != 0)
        return;
    double x = sqlite3_value_double(v[0]);
    int r = strcmp(name, "IS_NAN") == 0 ? isnan(x) != 0
          : strcmp(name, "IS_FINITE") == 0 ? isfinite(x) != 0 : isinf(x) != 0;
    sql_value_result_bool(c, r);
}

/* NULLIF(a, b): null when a = b by Rockset's equality (1 = 1.0, but 1 <> '1'), else a. */
static void fn_nullif(sqlite3_context *c, int n, sqlite3_value **v)
{
    int r;
    (void)n;
    if (sql_value_cmp(v[0], v[1], &r) == 0 && r == 0)
        return;
    sqlite3_result_value(c, v[0]);
}

void sql_fn_math_register(sqlite3 *db)
{
    const int det = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    for (size_t i = 0; i < sizeof unary / sizeof unary[0]; i++)
        sql_fn_register(db, unary[i].name, 1, det, (void *)(intptr_t)i, fn_unary);
    static const struct {
        const char *name;
        int nargs;
        void (*fn)(sqlite3_context *, int, sqlite3_value **);
    } defs[] = {
        { "ROUND", 2, fn_places }, { "TRUNCATE", 2, fn_places }, { "ABS", 1, fn_abs },
        { "SIGN", 1, fn_sign }, { "GREATEST", -1, fn_extreme }, { "LEAST", -1, fn_extreme },
        { "POW", 2, fn_binary }, { "POWER", 2, fn_binary }, { "ATAN2", 2, fn_binary },
        { "MOD", 2, fn_mod }, { "PI", 0, fn_pi }, { "IS_NAN", 1, fn_is },
        { "IS_FINITE", 1, fn_is }, { "IS_INFINITE", 1, fn_is }, { "NULLIF", 2, fn_nullif },
    };
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
        sql_fn_register(db, defs[i].name, defs[i].nargs, det, (void *)defs[i].name,
                        defs[i].fn);
}
