/* SPDX-License-Identifier: Apache-2.0 */
/* Rockset's vector functions (https://rockset.com/docs/vector-functions/ and the "Vector
 * Distance Functions" page): a vector is an array of ints and floats, read element by element
 * from the array's JSON text (sql_fn_jtext.h). Ints stay ints where the page shows them so
 * (VECTOR_ADD of two int vectors, DOT_PRODUCT of int vectors); one float among the operands
 * makes the result float ("operations between an array of ints and an array of floats return
 * an array of floats"). A null or undefined argument gives null. The APPROX_ forms answer as
 * the exact ones: rockset-local has no similarity index to approximate with. */
#include "server/sql/sql_fn_jtext.h"
#include "server/sql/sql_functions.h"
#include "server/sql/sql_value.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* One vector: each element as an int (when it is one) and as a double. */
typedef struct vec {
    size_t n;
    long long *i;
    double *d;
    int any_float;
} vec;

enum { VEC_DOT, VEC_EUCLID, VEC_COSINE };

static void vec_free(vec *a)
{
    sqlite3_free(a->i);
    sqlite3_free(a->d);
    a->i = NULL;
    a->d = NULL;
}

/* A JSON number span as int (*is_float 0) or float. -1 when it is no number. */
static int vec_number(jt_span s, long long *iv, double *dv, int *is_float)
{
    char buf[64], *end;
    if (s.n == 0 || s.n >= sizeof buf || !(s.p[0] == '-' || (s.p[0] >= '0' && s.p[0] <= '9')))
        return -1;
    memcpy(buf, s.p, s.n);
    buf[s.n] = '\0';
    errno = 0;
    if (!strpbrk(buf, ".eE")) {
        *iv = strtoll(buf, &end, 10);
        if (*end == '\0' && errno == 0) {
            *dv = (double)*iv;
            *is_float = 0;
            return 0;
        }
    }
    errno = 0;
    *dv = strtod(buf, &end);
    *is_float = 1;
    return *end == '\0' ? 0 : -1;
}

/* Fills a from the elements; -1 (no error set) when one is not a number. */
static int vec_fill(vec *a, const jt_span *el, size_t k)
{
    a->n = k;
    a->any_float = 0;
    for (size_t j = 0; j < k; j++) {
        int f;
        if (vec_number(el[j], &a->i[j], &a->d[j], &f) != 0)
            return -1;
        a->any_float |= f;
    }
    return 0;
}

/* Argument v as a vector: 0 ok, 1 null (the result is null), -1 after setting an error
 * naming the function (not an array, or an element that is no int or float). */
static int vec_arg(sqlite3_context *c, sqlite3_value *v, vec *a)
{
    const char *p;
    size_t n, k;
    jt_span *el = NULL;
    memset(a, 0, sizeof *a);
    int rc = jt_arg(c, v, FN_NAME(c), 0, &p, &n);
    if (rc)
        return rc;
    rc = jt_split(p, n, &el, NULL, &k);
    if (rc == 0) {
        a->i = sqlite3_malloc64((k ? k : 1) * sizeof *a->i);
        a->d = sqlite3_malloc64((k ? k : 1) * sizeof *a->d);
        rc = a->i && a->d ? 0 : -2;
    }
    if (rc == 0 && vec_fill(a, el, k) != 0) {
        jt_error(c, FN_NAME(c), "vector elements must be of type int or float");
        rc = -1;
    } else if (rc == -2) {
        sqlite3_result_error_nomem(c);
    } else if (rc == -1) {
        jt_error(c, FN_NAME(c), "the array's JSON text does not parse");
    }
    sqlite3_free(el);
    if (rc)
        vec_free(a);
    return rc ? -1 : 0;
}

/* Both arguments as vectors of one length: 0 ok, 1 null, -1 error set (vectors freed). */
static int vec_pair(sqlite3_context *c, sqlite3_value **v, vec *a, vec *b)
{
    int rc = vec_arg(c, v[0], a);
    if (rc)
        return rc;
    rc = vec_arg(c, v[1], b);
    if (rc) {
        vec_free(a);
        return rc;
    }
    if (a->n != b->n) {
        char *m = sqlite3_mprintf("Cannot apply operation %s on vectors of different sizes "
                                  "%llu and %llu.", FN_NAME(c), (unsigned long long)a->n,
                                  (unsigned long long)b->n);
        sql_result_error(c, m ? m : FN_NAME(c), -1);
        sqlite3_free(m);
        vec_free(a);
        vec_free(b);
        return -1;
    }
    return 0;
}

/* VECTOR_ENFORCE(array, length, type): the array when it has `length` elements all of `type`
 * ('int' or 'float'), else null. A type that is no string is the page's error; a string
 * naming neither type, or a length that is no int, is an error too (never a silent null). */
static void fn_enforce(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    sql_vt tt = sql_value_type(v[2]);
    if (tt != SQL_VT_STRING && tt != SQL_VT_NULL && tt != SQL_VT_UNDEFINED) {
        char *m = sqlite3_mprintf("Passed in type must be a name of type string not of type %s.",
                                  sql_vt_name(tt));
        sql_result_error(c, m ? m : "VECTOR_ENFORCE", -1);
        sqlite3_free(m);
        return;
    }
    sql_vt lt = sql_value_type(v[1]);
    if (lt != SQL_VT_INT && lt != SQL_VT_NULL && lt != SQL_VT_UNDEFINED) {
        jt_error(c, "VECTOR_ENFORCE", "the length must be an int");
        return;
    }
    const char *want = (const char *)sqlite3_value_text(v[2]);
    if (want && strcasecmp(want, "int") != 0 && strcasecmp(want, "float") != 0) {
        jt_error(c, "VECTOR_ENFORCE", "the type must be 'int' or 'float'");
        return;
    }
    sql_vt at = jt_type(v[0]);
    if (!want || lt != SQL_VT_INT || at != SQL_VT_ARRAY)
        return; /* a null argument, or no array: not a vector, null */
    const char *p;
    size_t len, k;
    jt_span *el = NULL;
    if (jt_arg(c, v[0], "VECTOR_ENFORCE", 0, &p, &len) != 0)
        return;
    int rc = jt_split(p, len, &el, NULL, &k);
    if (rc == -2) {
        sqlite3_result_error_nomem(c);
        return;
    }
    if (rc != 0) {
        jt_error(c, "VECTOR_ENFORCE", "the array's JSON text does not parse");
        return;
    }
    int ok = (long long)k == sqlite3_value_int64(v[1]), is_float = strcasecmp(want, "float") == 0;
    jt_buf b = { 0 };
    jt_add(&b, "[", 1);
    for (size_t j = 0; ok && j < k; j++) {
        long long iv;
        double dv;
        int f;
        ok = vec_number(el[j], &iv, &dv, &f) == 0 && f == is_float;
        if (j)
            jt_add(&b, ",", 1);
        jt_add(&b, el[j].p, el[j].n);
    }
    sqlite3_free(el);
    if (ok)
        jt_result(c, &b, 0);
    else
        jt_free(&b);
}

/* Appends element j of a + b (b a vector, or the scalar s when b is NULL) to out. Returns -1
 * on an int overflow. */
static int vec_add_elem(jt_buf *out, const vec *a, const vec *b, sqlite3_value *s, size_t j,
                        int as_float)
{
    char buf[48];
    if (as_float) {
        double r = a->d[j] + (b ? b->d[j] : sqlite3_value_double(s));
        sql_value_float_text(r, buf, sizeof buf);
    } else {
        long long r;
        if (__builtin_add_overflow(a->i[j], b ? b->i[j] : sqlite3_value_int64(s), &r))
            return -1;
        snprintf(buf, sizeof buf, "%lld", r);
    }
    if (j)
        jt_add(out, ",", 1);
    jt_puts(out, buf);
    return 0;
}

/* VECTOR_ADD(array, addend): the addend (an int or float, or a vector of the same length)
 * added to each element. */
static void fn_add(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    vec a, b;
    sql_vt st = jt_type(v[1]);
    int scalar = st == SQL_VT_INT || st == SQL_VT_FLOAT, rc;
    if (st == SQL_VT_NULL || st == SQL_VT_UNDEFINED)
        return;
    if (!scalar && st != SQL_VT_ARRAY) {
        jt_error(c, "VECTOR_ADD", "the addend must be an int, a float or a vector");
        return;
    }
    rc = scalar ? vec_arg(c, v[0], &a) : vec_pair(c, v, &a, &b);
    if (rc)
        return;
    int as_float = a.any_float || (scalar ? st == SQL_VT_FLOAT : b.any_float);
    jt_buf out = { 0 };
    jt_add(&out, "[", 1);
    for (size_t j = 0; j < a.n && rc == 0; j++)
        rc = vec_add_elem(&out, &a, scalar ? NULL : &b, v[1], j, as_float);
    vec_free(&a);
    if (!scalar)
        vec_free(&b);
    if (rc) {
        jt_free(&out);
        jt_error(c, "VECTOR_ADD", "Integer overflow");
        return;
    }
    jt_result(c, &out, 0);
}

/* DOT_PRODUCT (an int for two int vectors), EUCLIDEAN_DIST, COSINE_SIM (floats). */
static void fn_distance(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    vec a, b;
    if (vec_pair(c, v, &a, &b))
        return;
    int mode = FN_MODE(c), ints = !a.any_float && !b.any_float, overflow = 0;
    long long isum = 0;
    double dot = 0, aa = 0, bb = 0, dd = 0;
    for (size_t j = 0; j < a.n; j++) {
        long long prod;
        if (ints && (__builtin_mul_overflow(a.i[j], b.i[j], &prod) ||
                     __builtin_add_overflow(isum, prod, &isum)))
            overflow = 1;
        dot += a.d[j] * b.d[j];
        aa += a.d[j] * a.d[j];
        bb += b.d[j] * b.d[j];
        dd += (a.d[j] - b.d[j]) * (a.d[j] - b.d[j]);
    }
    vec_free(&a);
    vec_free(&b);
    if (mode == VEC_DOT && ints && overflow)
        jt_error(c, FN_NAME(c), "Integer overflow");
    else if (mode == VEC_DOT && ints)
        sqlite3_result_int64(c, isum);
    else if (mode == VEC_DOT)
        sqlite3_result_double(c, dot);
    else if (mode == VEC_EUCLID)
        sqlite3_result_double(c, sqrt(dd));
    else if (aa == 0 || bb == 0) /* no direction: an error rather than NaN */
        jt_error(c, FN_NAME(c), "a vector of magnitude 0 has no cosine similarity");
    else
        sqlite3_result_double(c, dot / (sqrt(aa) * sqrt(bb)));
}

void sql_fn_vector_register(sqlite3 *db)
{
    static const jt_def defs[] = {
        { { "VECTOR_ENFORCE", 0 }, 3, fn_enforce, NULL, NULL },
        { { "VECTOR_ADD", 0 }, 2, fn_add, NULL, NULL },
        { { "DOT_PRODUCT", VEC_DOT }, 2, fn_distance, NULL, NULL },
        { { "APPROX_DOT_PRODUCT", VEC_DOT }, 2, fn_distance, NULL, NULL },
        { { "EUCLIDEAN_DIST", VEC_EUCLID }, 2, fn_distance, NULL, NULL },
        { { "APPROX_EUCLIDEAN_DIST", VEC_EUCLID }, 2, fn_distance, NULL, NULL },
        { { "COSINE_SIM", VEC_COSINE }, 2, fn_distance, NULL, NULL },
    };
    jt_register(db, defs, sizeof defs / sizeof defs[0]);
}
