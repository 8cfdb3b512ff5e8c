/* SPDX-License-Identifier: Apache-2.0 */
/* Rockset's array functions (https://rockset.com/docs/array-functions/) over the value model:
 * arrays are tagged blobs of JSON text, read and written element by element as text
 * (sql_fn_jtext.h) so that every element keeps its Rockset type. A null or undefined array
 * argument gives null; an argument of another type is an error naming the function. Elements
 * are found and deduplicated by jt_order, under which null equals null (ARRAY_POSITION's
 * documented rule) and 1 equals 1.0 (Rockset's comparison of numbers). */
#include "server/sql/sql_fn_jtext.h"
#include "server/sql/sql_functions.h"
#include "server/sql/sql_value.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Argument v as the spans of its elements: 0 ok, 1 null (result null), -1 error set. */
static int arr_arg(sqlite3_context *c, sqlite3_value *v, jt_span **el, size_t *k)
{
    const char *p;
    size_t n;
    int rc = jt_arg(c, v, FN_NAME(c), 0, &p, &n);
    if (rc)
        return rc;
    rc = jt_split(p, n, el, NULL, k);
    if (rc == -2)
        sqlite3_result_error_nomem(c);
    else if (rc == -1)
        jt_error(c, FN_NAME(c), "the array's JSON text does not parse");
    return rc ? -1 : 0;
}

/* Appends one element to an array being built ('[' already in b). */
static void add_elem(jt_buf *b, jt_span e)
{
    if (b->n > 1)
        jt_add(b, ",", 1);
    jt_add(b, e.p, e.n);
}

/* A value as JSON text in b (the span s over it). -1 after setting an error. */
static int val_span(sqlite3_context *c, sqlite3_value *v, jt_buf *b, jt_span *s)
{
    if (jt_value(b, v) != 0 || b->oom) {
        if (b->oom)
            sqlite3_result_error_nomem(c);
        else
            jt_error(c, FN_NAME(c), "a float that is not finite cannot be an array element");
        jt_free(b);
        return -1;
    }
    *s = (jt_span){ b->p, b->n };
    return 0;
}

static size_t find(const jt_span *el, size_t k, jt_span x)
{
    for (size_t i = 0; i < k; i++)
        if (jt_order(el[i], x) == 0)
            return i;
    return k;
}

static void fn_create(sqlite3_context *c, int n, sqlite3_value **v)
{
    jt_buf b = { 0 };
    jt_add(&b, "[", 1);
    for (int i = 0; i < n; i++) {
        if (i)
            jt_add(&b, ",", 1);
        if (jt_value(&b, v[i]) != 0) {
            jt_free(&b);
            jt_error(c, FN_NAME(c), "a float that is not finite cannot be an array element");
            return;
        }
    }
    jt_result(c, &b, 0);
}

static void fn_concat(sqlite3_context *c, int n, sqlite3_value **v)
{
    jt_buf b = { 0 };
    for (int i = 0; i < n; i++)            /* a null anywhere: null, before any work */
        if (sql_value_type(v[i]) == SQL_VT_NULL)
            return;
    jt_add(&b, "[", 1);
    for (int i = 0; i < n; i++) {
        jt_span *el;
        size_t k;
        if (arr_arg(c, v[i], &el, &k) != 0) {
            jt_free(&b);
            return;
        }
        for (size_t j = 0; j < k; j++)
            add_elem(&b, el[j]);
        sqlite3_free(el);
    }
    jt_result(c, &b, 0);
}

enum { FIND_CONTAINS, FIND_FIRST, FIND_LAST, FIND_REMOVE };

/* ARRAY_CONTAINS, ARRAY_POSITION, ARRAY_LAST_POSITION, ARRAY_REMOVE: the element is looked
 * for as the docs say of ARRAY_POSITION, a null value finding a null element. */
static void fn_find(sqlite3_context *c, int n, sqlite3_value **v)
{
    int mode = FN_MODE(c);
    jt_span *el, x;
    jt_buf b = { 0 }, out = { 0 };
    size_t k;
    (void)n;
    if (arr_arg(c, v[0], &el, &k) != 0)
        return;
    if (val_span(c, v[1], &b, &x) != 0) {
        sqlite3_free(el);
        return;
    }
    long long pos = 0;
    jt_add(&out, "[", 1);
    for (size_t i = 0; i < k; i++) {
        int same = jt_order(el[i], x) == 0;
        if (mode == FIND_REMOVE && !same)
            add_elem(&out, el[i]);
        if (same && (pos == 0 || mode == FIND_LAST))
            pos = (long long)i + 1;
    }
    if (mode == FIND_REMOVE)
        jt_result(c, &out, 0);
    else if (mode == FIND_CONTAINS)
        sql_value_result_bool(c, pos != 0);
    else
        sqlite3_result_int64(c, pos);
    jt_free(&out);
    jt_free(&b);
    sqlite3_free(el);
}

static void fn_distinct(sqlite3_context *c, int n, sqlite3_value **v)
{
    jt_span *el;
    size_t k, kept = 0;
    jt_buf b = { 0 };
    (void)n;
    if (arr_arg(c, v[0], &el, &k) != 0)
        return;
    jt_add(&b, "[", 1);
    for (size_t i = 0; i < k; i++)
        if (find(el, kept, el[i]) == kept) {   /* first occurrence: keep it, in place */
            el[kept++] = el[i];
            add_elem(&b, el[i]);
        }
    jt_result(c, &b, 0);
    sqlite3_free(el);
}

enum { SET_UNION, SET_INTERSECT, SET_EXCEPT };

/* ARRAY_UNION, ARRAY_INTERSECT, ARRAY_EXCEPT: without duplicates, in first-seen order. */
static void fn_set(sqlite3_context *c, int n, sqlite3_value **v)
{
    int mode = FN_MODE(c);
    jt_span *a, *bb, *seen;
    size_t ka, kb, ks = 0;
    jt_buf out = { 0 };
    (void)n;
    if (sql_value_type(v[0]) == SQL_VT_NULL || sql_value_type(v[1]) == SQL_VT_NULL)
        return;
    if (arr_arg(c, v[0], &a, &ka) != 0)
        return;
    if (arr_arg(c, v[1], &bb, &kb) != 0) {
        sqlite3_free(a);
        return;
    }
    if (!(seen = sqlite3_malloc64((ka + kb + 1) * sizeof *seen))) {
        sqlite3_result_error_nomem(c);
        goto done;
    }
    jt_add(&out, "[", 1);
    for (size_t i = 0; i < ka + (mode == SET_UNION ? kb : 0); i++) {
        jt_span e = i < ka ? a[i] : bb[i - ka];
        if (find(seen, ks, e) != ks)
            continue;
        int in_b = find(bb, kb, e) != kb;
        if (mode == SET_UNION || (mode == SET_INTERSECT) == in_b) {
            seen[ks++] = e;
            add_elem(&out, e);
        }
    }
    jt_result(c, &out, 0);
    sqlite3_free(seen);
done:
    sqlite3_free(a);
    sqlite3_free(bb);
}

/* ARRAY_FLATTEN: one level; null elements are dropped, any other non-array is an error. */
static void fn_flatten(sqlite3_context *c, int n, sqlite3_value **v)
{
    jt_span *el;
    size_t k;
    jt_buf b = { 0 };
    (void)n;
    if (arr_arg(c, v[0], &el, &k) != 0)
        return;
    jt_add(&b, "[", 1);
    for (size_t i = 0; i < k; i++) {
        jt_span *in;
        size_t m;
        if (el[i].p[0] == 'n')
            continue;
        if (el[i].p[0] != '[') {
            jt_error(c, FN_NAME(c), "every element must be an array");
            goto fail;
        }
        int rc = jt_split(el[i].p, el[i].n, &in, NULL, &m);
        if (rc != 0) {
            if (rc == -2)
                sqlite3_result_error_nomem(c);
            else
                jt_error(c, FN_NAME(c), "an element's JSON text does not parse");
            goto fail;
        }
        for (size_t j = 0; j < m; j++)
            add_elem(&b, in[j]);
        sqlite3_free(in);
    }
    jt_result(c, &b, 0);
    sqlite3_free(el);
    return;
fail:
    jt_free(&b);
    sqlite3_free(el);
}

/* One element of ARRAY_JOIN as text: strings as they are, numbers and bools as written. */
static int join_text(jt_buf *b, jt_span e)
{
    int r = jt_rank(e);
    if (r == 3) {
        size_t len;
        char *s = jt_unquote(e, &len);
        if (!s)
            return b->oom = 1, 0;
        jt_add(b, s, len);
        sqlite3_free(s);
    } else if (r == 1 || r == 2) {
        jt_add(b, e.p, e.n);
    } else {
        return -1;
    }
    return 0;
}

/* ARRAY_JOIN(array, delimiter[, null_replacement]): nulls are skipped unless replaced. */
static void fn_join(sqlite3_context *c, int n, sqlite3_value **v)
{
    jt_span *el;
    size_t k;
    jt_buf b = { 0 };
    for (int i = 1; i < n; i++)
        if (sql_value_type(v[i]) == SQL_VT_NULL)
            return;
    for (int i = 1; i < n; i++)
        if (sql_value_type(v[i]) != SQL_VT_STRING) {
            jt_error(c, FN_NAME(c), "the delimiter and null replacement must be strings");
            return;
        }
    if (arr_arg(c, v[0], &el, &k) != 0)
        return;
    const char *sep = (const char *)sqlite3_value_text(v[1]);
    jt_add(&b, "", 0);
    for (size_t i = 0, first = 1; i < k; i++) {
        if (el[i].p[0] == 'n' && n < 3)
            continue;
        if (!first)
            jt_puts(&b, sep);
        first = 0;
        if (el[i].p[0] == 'n') {
            jt_puts(&b, (const char *)sqlite3_value_text(v[2]));
        } else if (join_text(&b, el[i]) != 0) {
            jt_error(c, FN_NAME(c), "elements must be strings, numbers or booleans");
            goto done;
        }
    }
    if (b.oom)
        sqlite3_result_error_nomem(c);
    else
        sqlite3_result_text64(c, b.p ? b.p : "", b.n, SQLITE_TRANSIENT, SQLITE_UTF8);
done:
    jt_free(&b);
    sqlite3_free(el);
}

/* ARRAY_MAX / ARRAY_MIN over the non-null elements (null when there is none); elements of
 * kinds that do not compare are an error. */
static void fn_extreme(sqlite3_context *c, int n, sqlite3_value **v)
{
    int sign = FN_MODE(c);
    jt_span *el, best = { NULL, 0 };
    size_t k;
    (void)n;
    if (arr_arg(c, v[0], &el, &k) != 0)
        return;
    for (size_t i = 0; i < k; i++) {
        if (el[i].p[0] == 'n')
            continue;
        if (best.p && !jt_comparable(best, el[i])) {
            jt_error(c, FN_NAME(c), "the elements are of types that do not compare");
            sqlite3_free(el);
            return;
        }
        if (!best.p || jt_order(el[i], best) * sign > 0)
            best = el[i];
    }
    if (best.p)
        sql_value_result_json(c, best.p, best.n);
    sqlite3_free(el);
}

static int span_cmp(const void *a, const void *b)
{
    return jt_order(*(const jt_span *)a, *(const jt_span *)b);
}

/* ARRAY_SORT: ascending in jt_order (nulls first, then by kind and value). */
static void fn_sort(sqlite3_context *c, int n, sqlite3_value **v)
{
    jt_span *el;
    size_t k;
    jt_buf b = { 0 };
    (void)n;
    if (arr_arg(c, v[0], &el, &k) != 0)
        return;
    qsort(el, k, sizeof *el, span_cmp);
    jt_add(&b, "[", 1);
    for (size_t i = 0; i < k; i++)
        add_elem(&b, el[i]);
    jt_result(c, &b, 0);
    sqlite3_free(el);
}

/* An integer argument: 0 ok, 1 null, -1 error set. */
static int int_arg(sqlite3_context *c, sqlite3_value *v, const char *what, long long *out)
{
    sql_vt t = sql_value_type(v);
    if (t == SQL_VT_NULL)
        return 1;
    if (t != SQL_VT_INT) {
        char *m = sqlite3_mprintf("%s must be an int, not %s", what, sql_vt_name(t));
        jt_error(c, FN_NAME(c), m ? m : what);
        sqlite3_free(m);
        return -1;
    }
    *out = sqlite3_value_int64(v);
    return 0;
}

/* SLICE(array, start[, length]): start is 1-based, from the end when negative; without a
 * length (or with one past the end) up to the last element. */
static void fn_slice(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long start, len = LLONG_MAX;
    jt_span *el;
    size_t k;
    jt_buf b = { 0 };
    if (int_arg(c, v[1], "start", &start) || (n > 2 && int_arg(c, v[2], "length", &len)))
        return;
    if (start == 0 || len < 0) {
        jt_error(c, FN_NAME(c), start == 0 ? "start must not be 0 (arrays are 1-based)"
                                           : "length must not be negative");
        return;
    }
    if (arr_arg(c, v[0], &el, &k) != 0)
        return;
    long long first = start > 0 ? start - 1 : (long long)k + start;   /* 0-based */
    jt_add(&b, "[", 1);
    for (long long i = first < 0 ? (long long)k : first; i < (long long)k && i - first < len; i++)
        add_elem(&b, el[i]);
    jt_result(c, &b, 0);
    sqlite3_free(el);
}

#define SEQUENCE_MAX 10000

/* SEQUENCE(start, stop[, step]): ints from start to stop inclusive; the step defaults to 1,
 * or -1 when stop is below start. */
static void fn_sequence(sqlite3_context *c, int n, sqlite3_value **v)
{
    long long a, z, step;
    if (int_arg(c, v[0], "start", &a) || int_arg(c, v[1], "stop", &z))
        return;
    step = z >= a ? 1 : -1;
    if (n > 2 && int_arg(c, v[2], "step", &step))
        return;
    if (step == 0 || (z > a && step < 0) || (z < a && step > 0)) {
        jt_error(c, FN_NAME(c), "step must move from start toward stop");
        return;
    }
    long double count = ((long double)z - a) / step + 1;
    if (count > SEQUENCE_MAX) {
        jt_error(c, FN_NAME(c), "the result would have more than 10000 elements");
        return;
    }
    jt_buf b = { 0 };
    char num[32];
    jt_add(&b, "[", 1);
    for (long long i = 0; i < (long long)count; i++) {
        snprintf(num, sizeof num, "%s%lld", i ? "," : "", a + i * step);
        jt_puts(&b, num);
    }
    jt_result(c, &b, 0);
}

/* ARRAY_LENGTH / CARDINALITY: elements of an array (members of an object, as LENGTH). */
static void fn_length(sqlite3_context *c, int n, sqlite3_value **v)
{
    sql_vt t = jt_type(v[0]);
    const char *p;
    size_t len, k;
    jt_span *el;
    (void)n;
    if (t == SQL_VT_NULL)
        return;
    if (jt_arg(c, v[0], FN_NAME(c), t == SQL_VT_OBJECT, &p, &len) != 0)
        return;
    int rc = jt_split(p, len, &el, NULL, &k);
    if (rc == -2) {
        sqlite3_result_error_nomem(c);
        return;
    }
    if (rc == -1) {
        jt_error(c, FN_NAME(c), "the value's JSON text does not parse");
        return;
    }
    sqlite3_free(el);
    sqlite3_result_int64(c, (long long)k);
}

/* b->oom once a value was the "error inside TRY" value (sql_fn_reg.h): the aggregate then
 * answers that value, so that TRY(ARRAY_AGG(...)) is null and it never becomes an element. */
#define AGG_TRY_ERROR 3

/* ARRAY_AGG(x): the values of the group, nulls included, in the order SQLite feeds them;
 * null for no rows. */
static void agg_step(sqlite3_context *c, int n, sqlite3_value **v)
{
    jt_buf *b = sqlite3_aggregate_context(c, sizeof *b);
    (void)n;
    if (!b || b->oom == AGG_TRY_ERROR)
        return;
    if (sql_try_is_error(v[0])) {
        b->oom = AGG_TRY_ERROR;
        b->n = 1;                    /* agg_final answers, even with no element yet */
        return;
    }
    jt_add(b, b->n ? "," : "[", 1);
    if (jt_value(b, v[0]) != 0)
        b->oom = 2;                  /* a non-finite float: reported by agg_final */
}

static void agg_final(sqlite3_context *c)
{
    jt_buf *b = sqlite3_aggregate_context(c, 0);
    if (!b || !b->n)
        return;
    if (b->oom == AGG_TRY_ERROR) {
        jt_free(b);
        sql_try_result_error(c);
        return;
    }
    if (b->oom == 2) {
        jt_free(b);
        jt_error(c, FN_NAME(c), "a float that is not finite cannot be an array element");
        return;
    }
    jt_result(c, b, 0);
}

void sql_fn_array_register(sqlite3 *db)
{
    static const jt_def defs[] = {
        { { "ARRAY_CREATE", 0 }, -1, fn_create, NULL, NULL },
        { { "ARRAY_CONCAT", 0 }, -1, fn_concat, NULL, NULL },
        { { "ARRAY_CONTAINS", FIND_CONTAINS }, 2, fn_find, NULL, NULL },
        { { "ARRAY_POSITION", FIND_FIRST }, 2, fn_find, NULL, NULL },
        { { "ARRAY_LAST_POSITION", FIND_LAST }, 2, fn_find, NULL, NULL },
        { { "ARRAY_REMOVE", FIND_REMOVE }, 2, fn_find, NULL, NULL },
        { { "ARRAY_DISTINCT", 0 }, 1, fn_distinct, NULL, NULL },
        { { "ARRAY_UNION", SET_UNION }, 2, fn_set, NULL, NULL },
        { { "ARRAY_INTERSECT", SET_INTERSECT }, 2, fn_set, NULL, NULL },
        { { "ARRAY_EXCEPT", SET_EXCEPT }, 2, fn_set, NULL, NULL },
        { { "ARRAY_FLATTEN", 0 }, 1, fn_flatten, NULL, NULL },
        { { "ARRAY_JOIN", 0 }, 2, fn_join, NULL, NULL },
        { { "ARRAY_JOIN", 0 }, 3, fn_join, NULL, NULL },
        { { "ARRAY_MAX", 1 }, 1, fn_extreme, NULL, NULL },
        { { "ARRAY_MIN", -1 }, 1, fn_extreme, NULL, NULL },
        { { "ARRAY_SORT", 0 }, 1, fn_sort, NULL, NULL },
        { { "SLICE", 0 }, 2, fn_slice, NULL, NULL },
        { { "SLICE", 0 }, 3, fn_slice, NULL, NULL },
        { { "SEQUENCE", 0 }, 2, fn_sequence, NULL, NULL },
        { { "SEQUENCE", 0 }, 3, fn_sequence, NULL, NULL },
        { { "ARRAY_LENGTH", 0 }, 1, fn_length, NULL, NULL },
        { { "CARDINALITY", 0 }, 1, fn_length, NULL, NULL },
        { { "ARRAY_AGG", 0 }, 1, NULL, agg_step, agg_final },
    };
    jt_register(db, defs, sizeof defs / sizeof defs[0]);
}
