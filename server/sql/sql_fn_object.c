/* SPDX-License-Identifier: Apache-2.0 */
/* Rockset's object functions (https://rockset.com/docs/object-functions/) over the value
 * model: OBJECT, ZIP, ELEMENT_AT (on objects and on arrays), KEYS, ITEMS, MERGE, ERASE and the
 * MAP_AGG aggregate. Objects are tagged blobs of JSON text, handled as text (sql_fn_jtext.h)
 * so that values keep their Rockset types. VALUES(obj) is rs_values here: SQLite reads
 * VALUES as its VALUES clause, so the translator renames the call. A key given twice keeps its last
 * value, as a later MERGE argument overwrites an earlier one. */
#include "server/sql/sql_fn_jtext.h"
#include "server/sql/sql_functions.h"
#include "server/sql/sql_value.h"

#include <string.h>

/* Argument v as members (keys with quotes, values): 0 ok, 1 null, -1 error set. */
static int obj_arg(sqlite3_context *c, sqlite3_value *v, int object, jt_span **vals,
                   jt_span **keys, size_t *k)
{
    const char *p;
    size_t n;
    int rc = jt_arg(c, v, FN_NAME(c), object, &p, &n);
    if (rc)
        return rc;
    rc = jt_split(p, n, vals, keys, k);
    if (rc == -2)
        sqlite3_result_error_nomem(c);
    else if (rc == -1)
        jt_error(c, FN_NAME(c), "the value's JSON text does not parse");
    return rc ? -1 : 0;
}

/* Writes the object of keys/vals (k members) as the result, a repeated key keeping its last
 * value. Keys must be strings: -1 (error set) otherwise. */
static int obj_result(sqlite3_context *c, const jt_span *keys, const jt_span *vals, size_t k)
{
    jt_buf b = { 0 };
    jt_add(&b, "{", 1);
    for (size_t i = 0; i < k; i++) {
        if (jt_rank(keys[i]) != 3) {
            jt_free(&b);
            jt_error(c, FN_NAME(c), "keys must be strings");
            return -1;
        }
        size_t j = i + 1;
        while (j < k && !(jt_rank(keys[j]) == 3 && jt_order(keys[i], keys[j]) == 0))
            j++;
        if (j < k)
            continue;                         /* a later member has this key */
        if (b.n > 1)
            jt_add(&b, ",", 1);
        jt_add(&b, keys[i].p, keys[i].n);
        jt_add(&b, ":", 1);
        jt_add(&b, vals[i].p, vals[i].n);
    }
    jt_result(c, &b, 1);
    return 0;
}

/* OBJECT(keys, values), and OBJECT() the empty object. */
static void fn_object(sqlite3_context *c, int n, sqlite3_value **v)
{
    jt_span *keys, *vals;
    size_t nk, nv;
    if (n == 0) {
        sql_value_result_tagged(c, SQL_VT_OBJECT, "{}", 2);
        return;
    }
    if (sql_value_type(v[0]) == SQL_VT_NULL || sql_value_type(v[1]) == SQL_VT_NULL)
        return;
    if (obj_arg(c, v[0], 0, &keys, NULL, &nk) != 0)
        return;
    if (obj_arg(c, v[1], 0, &vals, NULL, &nv) != 0) {
        sqlite3_free(keys);
        return;
    }
    if (nk != nv)
        jt_error(c, FN_NAME(c), "keys and values must be arrays of the same length");
    else
        obj_result(c, keys, vals, nk);
    sqlite3_free(keys);
    sqlite3_free(vals);
}

/* ZIP(entries): each entry an array of two, a string key and its value. */
static void fn_zip(sqlite3_context *c, int n, sqlite3_value **v)
{
    jt_span *el, *keys = NULL, *vals = NULL;
    size_t k;
    (void)n;
    if (obj_arg(c, v[0], 0, &el, NULL, &k) != 0)
        return;
    keys = sqlite3_malloc64((k + 1) * sizeof *keys);
    vals = sqlite3_malloc64((k + 1) * sizeof *vals);
    if (!keys || !vals) {
        sqlite3_result_error_nomem(c);
        goto done;
    }
    for (size_t i = 0; i < k; i++) {
        jt_span *pair;
        size_t m = 0;
        int rc = el[i].p[0] == '[' ? jt_split(el[i].p, el[i].n, &pair, NULL, &m) : -1;
        if (rc == 0 && m == 2)
            keys[i] = pair[0], vals[i] = pair[1];
        if (rc == 0)
            sqlite3_free(pair);
        if (rc != 0 || m != 2) {
            jt_error(c, FN_NAME(c), "every entry must be an array of a key and a value");
            goto done;
        }
    }
    obj_result(c, keys, vals, k);
done:
    sqlite3_free(keys);
    sqlite3_free(vals);
    sqlite3_free(el);
}

/* The member of key (a string value) in an object's members; k when there is none. */
static size_t find_key(sqlite3_context *c, const jt_span *keys, size_t k, sqlite3_value *key,
                       int *err)
{
    jt_buf b = { 0 };
    size_t i = k;
    *err = 0;
    jt_value(&b, key);
    if (b.oom) {
        sqlite3_result_error_nomem(c);
        *err = 1;
    } else {
        jt_span s = { b.p, b.n };
        for (i = 0; i < k && jt_order(keys[i], s) != 0; i++)
            ;
    }
    jt_free(&b);
    return i;
}

/* ELEMENT_AT(obj, key): the value or null; ELEMENT_AT(array, index): 1-based, from the end
 * when negative, null out of range. */
static void fn_element_at(sqlite3_context *c, int n, sqlite3_value **v)
{
    sql_vt t = jt_type(v[0]), kt = sql_value_type(v[1]);
    jt_span *vals, *keys = NULL;
    size_t k, i;
    int err = 0;
    (void)n;
    if (t == SQL_VT_NULL || kt == SQL_VT_NULL)
        return;
    if (kt != (t == SQL_VT_ARRAY ? SQL_VT_INT : SQL_VT_STRING) &&
        (t == SQL_VT_ARRAY || t == SQL_VT_OBJECT)) {
        jt_error(c, FN_NAME(c), t == SQL_VT_ARRAY ? "an array's index must be an int"
                                                  : "an object's key must be a string");
        return;
    }
    if (obj_arg(c, v[0], t != SQL_VT_ARRAY, &vals, &keys, &k) != 0)
        return;
    if (t == SQL_VT_ARRAY) {
        long long x = sqlite3_value_int64(v[1]);
        i = x > 0 && x <= (long long)k ? (size_t)(x - 1)
          : x < 0 && -x <= (long long)k ? (size_t)((long long)k + x) : k;
    } else {
        i = find_key(c, keys, k, v[1], &err);
    }
    if (!err && i < k)
        sql_value_result_json(c, vals[i].p, vals[i].n);
    sqlite3_free(vals);
    sqlite3_free(keys);
}

enum { LIST_KEYS, LIST_ITEMS, LIST_VALUES };

/* KEYS(obj) and ITEMS(obj) ([key, value] pairs), in the object's own order. */
static void fn_list(sqlite3_context *c, int n, sqlite3_value **v)
{
    jt_span *vals, *keys;
    size_t k;
    jt_buf b = { 0 };
    (void)n;
    if (obj_arg(c, v[0], 1, &vals, &keys, &k) != 0)
        return;
    jt_add(&b, "[", 1);
    for (size_t i = 0; i < k; i++) {
        jt_add(&b, i ? "," : "", i ? 1 : 0);
        if (FN_MODE(c) == LIST_ITEMS)
            jt_add(&b, "[", 1);
        if (FN_MODE(c) == LIST_VALUES)
            jt_add(&b, vals[i].p, vals[i].n);
        else
            jt_add(&b, keys[i].p, keys[i].n);
        if (FN_MODE(c) == LIST_ITEMS) {
            jt_add(&b, ",", 1);
            jt_add(&b, vals[i].p, vals[i].n);
            jt_add(&b, "]", 1);
        }
    }
    jt_result(c, &b, 0);
    sqlite3_free(vals);
    sqlite3_free(keys);
}

/* MERGE(a, b): the members of both, b's value where a key is in both. */
static void fn_merge(sqlite3_context *c, int n, sqlite3_value **v)
{
    jt_span *va, *ka, *vb, *kb, *keys = NULL, *vals = NULL;
    size_t na, nb;
    (void)n;
    if (sql_value_type(v[0]) == SQL_VT_NULL || sql_value_type(v[1]) == SQL_VT_NULL)
        return;
    if (obj_arg(c, v[0], 1, &va, &ka, &na) != 0)
        return;
    if (obj_arg(c, v[1], 1, &vb, &kb, &nb) != 0)
        goto free_a;
    keys = sqlite3_malloc64((na + nb + 1) * sizeof *keys);
    vals = sqlite3_malloc64((na + nb + 1) * sizeof *vals);
    if (!keys || !vals) {
        sqlite3_result_error_nomem(c);
    } else {
        memcpy(keys, ka, na * sizeof *keys), memcpy(keys + na, kb, nb * sizeof *keys);
        memcpy(vals, va, na * sizeof *vals), memcpy(vals + na, vb, nb * sizeof *vals);
        obj_result(c, keys, vals, na + nb);
    }
    sqlite3_free(keys);
    sqlite3_free(vals);
    sqlite3_free(vb);
    sqlite3_free(kb);
free_a:
    sqlite3_free(va);
    sqlite3_free(ka);
}

/* ERASE(obj, k): without key k, or without every key of an array of strings k. */
static void fn_erase(sqlite3_context *c, int n, sqlite3_value **v)
{
    sql_vt kt = sql_value_type(v[1]);
    jt_span *vals, *keys, *drop = NULL, one;
    size_t k, nd = 1;
    jt_buf kb = { 0 }, b = { 0 };
    (void)n;
    if (kt == SQL_VT_NULL || (kt != SQL_VT_STRING && kt != SQL_VT_ARRAY)) {
        if (kt != SQL_VT_NULL)
            jt_error(c, FN_NAME(c), "the key must be a string or an array of strings");
        return;
    }
    if (obj_arg(c, v[0], 1, &vals, &keys, &k) != 0)
        return;
    if (kt == SQL_VT_ARRAY && obj_arg(c, v[1], 0, &drop, NULL, &nd) != 0)
        goto done;
    if (kt == SQL_VT_STRING) {
        jt_value(&kb, v[1]);
        one = (jt_span){ kb.p, kb.n };
    }
    jt_add(&b, "{", 1);
    for (size_t i = 0; i < k; i++) {
        size_t j = 0;
        while (j < nd && jt_order(keys[i], drop ? drop[j] : one) != 0)
            j++;
        if (j < nd)
            continue;
        if (b.n > 1)
            jt_add(&b, ",", 1);
        jt_add(&b, keys[i].p, keys[i].n);
        jt_add(&b, ":", 1);
        jt_add(&b, vals[i].p, vals[i].n);
    }
    if (kb.oom)
        b.oom = 1;
    jt_result(c, &b, 1);
done:
    jt_free(&kb);
    sqlite3_free(drop);
    sqlite3_free(vals);
    sqlite3_free(keys);
}

/* b->oom once a key or value was the "error inside TRY" value. */
#define MAP_TRY_ERROR 3

/* MAP_AGG(key, value): an object of the group's pairs; rows with a null key are left out,
 * a repeated key keeps its last value; null for no pairs. */
static void map_step(sqlite3_context *c, int n, sqlite3_value **v)
{
    jt_buf *b = sqlite3_aggregate_context(c, sizeof *b);
    sql_vt kt = sql_value_type(v[0]);
    (void)n;
    if (!b || kt == SQL_VT_NULL || b->oom == MAP_TRY_ERROR)
        return;
    if (sql_try_is_error(v[0]) || sql_try_is_error(v[1])) {
        b->oom = MAP_TRY_ERROR;      /* map_final answers that value (sql_fn_reg.h) */
        b->n = 1;
        return;
    }
    if (kt != SQL_VT_STRING) {
        jt_error(c, FN_NAME(c), "keys must be strings");
        return;
    }
    jt_add(b, b->n ? "," : "{", 1);
    jt_value(b, v[0]);
    jt_add(b, ":", 1);
    if (jt_value(b, v[1]) != 0)
        b->oom = 2;                   /* a non-finite float: reported by map_final */
}

static void map_final(sqlite3_context *c)
{
    jt_buf *b = sqlite3_aggregate_context(c, 0);
    jt_span *vals, *keys;
    size_t k;
    if (!b || !b->n)
        return;
    if (b->oom == MAP_TRY_ERROR) {
        jt_free(b);
        sql_try_result_error(c);
        return;
    }
    if (b->oom) {
        if (b->oom == 2)
            jt_error(c, FN_NAME(c), "a float that is not finite cannot be a value");
        else
            sqlite3_result_error_nomem(c);
        jt_free(b);
        return;
    }
    jt_add(b, "}", 1);
    int rc = b->oom ? -2 : jt_split(b->p, b->n, &vals, &keys, &k);
    if (rc == 0) {
        obj_result(c, keys, vals, k);
        sqlite3_free(vals);
        sqlite3_free(keys);
    } else {
        sqlite3_result_error_nomem(c);
    }
    jt_free(b);
}

void sql_fn_object_register(sqlite3 *db)
{
    static const jt_def defs[] = {
        { { "OBJECT", 0 }, 0, fn_object, NULL, NULL },
        { { "OBJECT", 0 }, 2, fn_object, NULL, NULL },
        { { "ZIP", 0 }, 1, fn_zip, NULL, NULL },
        { { "ELEMENT_AT", 0 }, 2, fn_element_at, NULL, NULL },
        { { "KEYS", LIST_KEYS }, 1, fn_list, NULL, NULL },
        { { "ITEMS", LIST_ITEMS }, 1, fn_list, NULL, NULL },
        /* VALUES(obj): the translator renames it (SQLite reads VALUES as a clause) */
        { { "rs_values", LIST_VALUES }, 1, fn_list, NULL, NULL },
        { { "MERGE", 0 }, 2, fn_merge, NULL, NULL },
        { { "ERASE", 0 }, 2, fn_erase, NULL, NULL },
        { { "MAP_AGG", 0 }, 2, NULL, map_step, map_final },
    };
    jt_register(db, defs, sizeof defs / sizeof defs[0]);
}
