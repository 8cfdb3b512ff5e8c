/* SPDX-License-Identifier: Apache-2.0 */
/* Rockset's aggregates SQLite lacks, over the value model: COUNT_IF, BOOL_AND / EVERY,
 * BOOL_OR, ARBITRARY, MAX_BY / MIN_BY, APPROX_DISTINCT (exact: every distinct value is
 * counted), APPROX_PERCENTILE (exact: the value at the percentile's rank), STDDEV /
 * STDDEV_SAMP / STDDEV_POP, VARIANCE / VAR_SAMP / VAR_POP. Values keep their Rockset types:
 * ARBITRARY(date_field) is a date, BOOL_AND a bool. Nulls are skipped, as by every
 * aggregate; a group without a usable value answers null (COUNT_IF and APPROX_DISTINCT: 0). */
#include "server/sql/sql_fn_util.h"
#include "server/sql/sql_functions.h"
#include "server/sql/sql_value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_null(sqlite3_value *v)
{
    return sqlite3_value_type(v) == SQLITE_NULL;
}

/* A truth value: a bool of the model, or SQLite's own 0/1 (a native comparison). 1, 0, or -1
 * for any other value. */
static int truth(sqlite3_value *v)
{
    int b = sql_value_bool(v);
    if (b >= 0)
        return b;
    if (sqlite3_value_type(v) == SQLITE_INTEGER)
        return sqlite3_value_int64(v) != 0;
    return -1;
}

/* ---- COUNT_IF, BOOL_AND, BOOL_OR ---- */

typedef struct agg_bool {
    long long n, trues;         /* values seen, and how many were true */
    int try_error;              /* the "error inside TRY" value was seen (sql_fn_reg.h) */
} agg_bool;

/* Adds (dir 1) or, for a window frame's leaving row, removes (dir -1) one value. */
static void bool_add(sqlite3_context *c, sqlite3_value **v, int dir)
{
    const char *fn = sql_fn_data(c);
    if (is_null(v[0]))
        return;
    int b = truth(v[0]);
    if (b < 0 && sql_try_is_error(v[0])) {
        agg_bool *a = sqlite3_aggregate_context(c, sizeof *a);
        if (a)
            a->try_error = 1;
        return;
    }
    if (b < 0) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s: argument has type %s, expected bool", fn,
                 sql_vt_name(sql_value_type(v[0])));
        sql_result_error(c, msg, -1);
        return;
    }
    agg_bool *a = sqlite3_aggregate_context(c, sizeof *a);
    if (!a) {
        sqlite3_result_error_nomem(c);
        return;
    }
    a->n += dir;
    a->trues += dir * b;
}

static void bool_step(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    bool_add(c, v, 1);
}

static void bool_inverse(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    bool_add(c, v, -1);
}

static void bool_value(sqlite3_context *c)
{
    const char *fn = sql_fn_data(c);
    agg_bool *a = sqlite3_aggregate_context(c, 0);
    if (a && a->try_error)
        sql_try_result_error(c);
    else if (strcmp(fn, "COUNT_IF") == 0)
        sqlite3_result_int64(c, a ? a->trues : 0);
    else if (a && a->n)
        sql_value_result_bool(c, strcmp(fn, "BOOL_OR") == 0 ? a->trues > 0 : a->trues == a->n);
}

/* ---- ARBITRARY, MAX_BY, MIN_BY ---- */

typedef struct agg_keep {
    sqlite3_value *val, *key;   /* protected copies */
    int try_error;              /* the "error inside TRY" value was seen (sql_fn_reg.h) */
} agg_keep;

/* Rockset's order where it is defined (same types), else SQLite's: numbers < text < blobs. */
static int order(sqlite3_value *a, sqlite3_value *b)
{
    int r;
    if (sql_value_cmp(a, b, &r) == 0)
        return r;
    static const int rank[] = { 0, 1, 1, 2, 3, 0 };  /* by SQLITE_INTEGER ... SQLITE_NULL */
    return rank[sqlite3_value_type(a)] - rank[sqlite3_value_type(b)];
}

static void keep_step(sqlite3_context *c, int n, sqlite3_value **v)
{
    int mode = (int)(intptr_t)sql_fn_data(c);   /* 0 ARBITRARY, 1 MAX_BY, -1 MIN_BY */
    sqlite3_value *key = n == 2 ? v[1] : v[0];
    if (is_null(key))
        return;
    agg_keep *a = sqlite3_aggregate_context(c, sizeof *a);
    if (!a) {
        sqlite3_result_error_nomem(c);
        return;
    }
    if (sql_try_is_error(v[0]) || sql_try_is_error(key))
        a->try_error = 1;
    if (a->try_error)
        return;
    if (a->val || a->key) {
        if (mode == 0 || order(key, a->key) * mode <= 0)
            return;             /* ARBITRARY keeps the first; ties keep the first */
        sqlite3_value_free(a->val);
        sqlite3_value_free(a->key);
    }
    a->val = sqlite3_value_dup(v[0]);
    a->key = sqlite3_value_dup(key);
    if (!a->val || !a->key)
        sqlite3_result_error_nomem(c);
}

static void keep_final(sqlite3_context *c)
{
    agg_keep *a = sqlite3_aggregate_context(c, 0);
    if (!a)
        return;
    if (a->try_error)
        sql_try_result_error(c);
    else if (a->val)
        sqlite3_result_value(c, a->val);
    sqlite3_value_free(a->val);
    sqlite3_value_free(a->key);
    a->val = a->key = NULL;
}

/* ---- APPROX_DISTINCT (exact) ---- */

/* Values are kept as byte keys: the type tag, then the bytes (numbers by their double when
 * integral-equal so that 1 and 1.0 are one value, as Rockset's equality says). */
typedef struct agg_set {
    unsigned char **keys;
    size_t *lens;
    size_t count, cap;          /* cap a power of two; open addressing */
    int oom, try_error;
} agg_set;

static unsigned long long hash(const unsigned char *p, size_t n)
{
    unsigned long long h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

static int set_grow(agg_set *s)
{
    size_t cap = s->cap ? s->cap * 2 : 64;
    unsigned char **keys = sqlite3_malloc64(cap * sizeof *keys);
    size_t *lens = sqlite3_malloc64(cap * sizeof *lens);
    if (!keys || !lens) {
        sqlite3_free(keys), sqlite3_free(lens);
        return -1;
    }
    memset(keys, 0, cap * sizeof *keys);
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->keys[i])
            continue;
        size_t j = hash(s->keys[i], s->lens[i]) & (cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = s->keys[i], lens[j] = s->lens[i];
    }
    sqlite3_free(s->keys), sqlite3_free(s->lens);
    s->keys = keys, s->lens = lens, s->cap = cap;
    return 0;
}

static void set_add(agg_set *s, const unsigned char *k, size_t n)
{
    if ((s->count + 1) * 2 > s->cap && set_grow(s) != 0) {
        s->oom = 1;
        return;
    }
    size_t j = hash(k, n) & (s->cap - 1);
    for (; s->keys[j]; j = (j + 1) & (s->cap - 1))
        if (s->lens[j] == n && memcmp(s->keys[j], k, n) == 0)
            return;
    unsigned char *copy = sqlite3_malloc64(n ? n : 1);
    if (!copy) {
        s->oom = 1;
        return;
    }
    memcpy(copy, k, n);
    s->keys[j] = copy, s->lens[j] = n, s->count++;
}

static void distinct_step(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    if (is_null(v[0]))
        return;
    agg_set *s = sqlite3_aggregate_context(c, sizeof *s);
    if (!s) {
        sqlite3_result_error_nomem(c);
        return;
    }
    if (sql_try_is_error(v[0])) {
        s->try_error = 1;
        return;
    }
    unsigned char small[9];
    int t = sqlite3_value_type(v[0]);
    if (t == SQLITE_INTEGER || t == SQLITE_FLOAT) {
        double d = sqlite3_value_double(v[0]);
        long long i = sqlite3_value_int64(v[0]);
        small[0] = 'n';
        if (d == 0)
            d = 0.0;                                    /* -0.0 is 0 */
        if (t == SQLITE_INTEGER && (i > (1LL << 53) || i < -(1LL << 53)))
            memcpy(small + 1, &i, 8), small[0] = 'i';   /* a double would merge neighbours */
        else
            memcpy(small + 1, &d, 8);
        set_add(s, small, 9);
        return;
    }
    size_t len = (size_t)sqlite3_value_bytes(v[0]);
    const unsigned char *p = t == SQLITE_TEXT ? sqlite3_value_text(v[0]) : sqlite3_value_blob(v[0]);
    unsigned char *k = sqlite3_malloc64(len + 1);
    if (!k) {
        s->oom = 1;
        return;
    }
    k[0] = t == SQLITE_TEXT ? 's' : 'b';
    if (len)
        memcpy(k + 1, p, len);
    set_add(s, k, len + 1);
    sqlite3_free(k);
}

static void distinct_final(sqlite3_context *c)
{
    agg_set *s = sqlite3_aggregate_context(c, 0);
    if (s && s->oom)
        sqlite3_result_error_nomem(c);
    else if (s && s->try_error)
        sql_try_result_error(c);
    else
        sqlite3_result_int64(c, s ? (long long)s->count : 0);
    for (size_t i = 0; s && i < s->cap; i++)
        sqlite3_free(s->keys[i]);
    if (s) {
        sqlite3_free(s->keys), sqlite3_free(s->lens);
        s->keys = NULL, s->lens = NULL, s->cap = s->count = 0;
    }
}

/* ---- STDDEV / VARIANCE (Welford's running mean and squared deviations) ---- */

typedef struct agg_var {
    long long n;
    double mean, m2;
    int try_error;
} agg_var;

static const char *const var_names[] = { "STDDEV", "STDDEV_SAMP", "STDDEV_POP", "VARIANCE",
                                         "VAR_SAMP", "VAR_POP" };

/* The one argument of a numeric aggregate: 0 a number, 1 skipped (null, undefined, or the
 * "error inside TRY" value, which sets *try_error), -1 any other type (the error is set:
 * "FN: argument has type T, expected int or float", as SUM and AVG say it). */
static int num_arg(sqlite3_context *c, const char *fn, sqlite3_value *v, int *try_error)
{
    int t = sqlite3_value_type(v);
    if (t == SQLITE_INTEGER || t == SQLITE_FLOAT)
        return 0;
    if (t == SQLITE_NULL)
        return 1;
    if (sql_try_is_error(v)) {
        *try_error = 1;
        return 1;
    }
    char msg[160];
    snprintf(msg, sizeof msg, "%s: argument has type %s, expected int or float", fn,
             sql_vt_name(sql_value_type(v)));
    sql_result_error(c, msg, -1);
    return -1;
}

static void var_step(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    int k = (int)(intptr_t)sql_fn_data(c);
    agg_var *a = sqlite3_aggregate_context(c, sizeof *a);
    if (!a) {
        sqlite3_result_error_nomem(c);
        return;
    }
    if (num_arg(c, var_names[k], v[0], &a->try_error) != 0)
        return;
    double x = sqlite3_value_double(v[0]), d = x - a->mean;
    a->n++;
    a->mean += d / (double)a->n;
    a->m2 += d * (x - a->mean);
}

static void var_final(sqlite3_context *c)
{
    int k = (int)(intptr_t)sql_fn_data(c);
    int pop = k == 2 || k == 5;
    agg_var *a = sqlite3_aggregate_context(c, 0);
    if (a && a->try_error) {
        sql_try_result_error(c);
        return;
    }
    if (!a || a->n < (pop ? 1 : 2))
        return;                 /* a sample variance needs two values */
    double var = a->m2 / (double)(pop ? a->n : a->n - 1);
    sqlite3_result_double(c, k < 3 ? sqrt(var) : var);
}

/* ---- APPROX_PERCENTILE (exact) ---- */

typedef struct agg_pct {
    double *x;
    size_t n, cap;
    double p;
    int all_int, oom, try_error;
} agg_pct;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void pct_step(sqlite3_context *c, int n, sqlite3_value **v)
{
    static const unsigned num3[3] = { SQL_VTM_NUM, SQL_VTM_NUM, SQL_VTM_NUM };
    if (sql_try_is_error(v[0])) {
        agg_pct *a = sqlite3_aggregate_context(c, sizeof *a);
        if (a)
            a->try_error = 1;
        return;
    }
    if (sql_fn_args(c, "APPROX_PERCENTILE", n, v, num3) != 0)
        return;
    double p = sqlite3_value_double(v[1]);
    if (!(p >= 0 && p <= 1)) {
        sql_fn_error(c, "APPROX_PERCENTILE", "the percentile must be between 0 and 1");
        return;
    }
    agg_pct *a = sqlite3_aggregate_context(c, sizeof *a);
    if (!a) {
        sqlite3_result_error_nomem(c);
        return;
    }
    if (a->n == 0 && a->cap == 0)
        a->all_int = 1;
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 64;
        double *x = sqlite3_realloc64(a->x, cap * sizeof *x);
        if (!x) {
            a->oom = 1;
            return;
        }
        a->x = x, a->cap = cap;
    }
    a->x[a->n++] = sqlite3_value_double(v[0]);
    a->p = p;
    a->all_int = a->all_int && sqlite3_value_type(v[0]) == SQLITE_INTEGER;
}

static void pct_final(sqlite3_context *c)
{
    agg_pct *a = sqlite3_aggregate_context(c, 0);
    if (!a)
        return;
    if (a->oom) {
        sqlite3_result_error_nomem(c);
    } else if (a->try_error) {
        sql_try_result_error(c);
    } else if (a->n) {
        qsort(a->x, a->n, sizeof *a->x, cmp_double);
        /* nearest rank: the smallest value with at least p of the values at or below it */
        size_t r = (size_t)ceil(a->p * (double)a->n);
        double x = a->x[r ? r - 1 : 0];
        if (a->all_int)
            sqlite3_result_int64(c, (long long)x);
        else
            sqlite3_result_double(c, x);
    }
    sqlite3_free(a->x);
    a->x = NULL;
}

void sql_fn_stat_register(sqlite3 *db)
{
    const int det = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    static const char *const bools[][2] = { { "COUNT_IF", "COUNT_IF" },
                                            { "BOOL_AND", "BOOL_AND" },
                                            { "EVERY", "BOOL_AND" },
                                            { "BOOL_OR", "BOOL_OR" } };
    for (size_t i = 0; i < 4; i++)
        sqlite3_create_window_function(db, bools[i][0], 1, det, (void *)bools[i][1],
                                       bool_step, bool_value, bool_value, bool_inverse, NULL);
    sqlite3_create_function(db, "ARBITRARY", 1, det, (void *)0, NULL, keep_step, keep_final);
    sqlite3_create_function(db, "MAX_BY", 2, det, (void *)1, NULL, keep_step, keep_final);
    sqlite3_create_function(db, "MIN_BY", 2, det, (void *)-1, NULL, keep_step, keep_final);
    sqlite3_create_function(db, "APPROX_DISTINCT", 1, det, NULL, NULL, distinct_step,
                            distinct_final);
    /* the second argument is the accepted error: an exact count is within any error */
    sqlite3_create_function(db, "APPROX_DISTINCT", 2, det, NULL, NULL, distinct_step,
                            distinct_final);
    for (int k = 0; k < 6; k++)
        sqlite3_create_function(db, var_names[k], 1, det, (void *)(intptr_t)k, NULL, var_step,
                                var_final);
    sqlite3_create_function(db, "APPROX_PERCENTILE", 2, det, NULL, NULL, pct_step, pct_final);
    sqlite3_create_function(db, "APPROX_PERCENTILE", 3, det, NULL, NULL, pct_step, pct_final);
}
