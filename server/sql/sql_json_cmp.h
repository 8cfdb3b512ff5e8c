/* SPDX-License-Identifier: Apache-2.0 */
/* Arrays and objects compared as values, not as the JSON text the value model keeps them in
 * (sql_value.h): the text of {"a":1,"b":2} differs from that of {"b":2,"a":1}, [2.0] from
 * [2], "\u0041" from "A", yet each pair is one value. Works on the text directly, without a
 * tree and, for arrays of scalars, without allocating: a comparison costs only where an
 * array or object is compared.
 *
 * The value rules, at any depth:
 *   arrays   element by element, then the shorter first;
 *   objects  as maps: members ordered by their key, then compared pair by pair (key, then
 *            value), then the one with fewer members first;
 *   numbers  by value (an int equals a float of the same value; two ints exactly);
 *   strings  by their decoded bytes (escapes read: "\u00e9" is "é");
 *   typed    {"__rockset_type": T, "value": V} wrappers as values of type T (dates in time
 *            order, intervals by count, bytes by bytes, ...);
 *   bools    false < true; null equals null. */
#ifndef SQL_JSON_CMP_H
#define SQL_JSON_CMP_H

#include <stddef.h>

typedef enum sql_json_mode {
    /* A total order, for sorting and searching (ARRAY_SORT, ARRAY_CONTAINS, ...): values of
     * different kinds order by kind (sql_json_kind). Always answers. */
    SQL_JSON_ORDER,
    /* Rockset's comparison (= < ...): two values of different kinds (or typed values of
     * different types) at the position that decides make the comparison unknown, as a
     * top-level comparison of two types is (1 = '1' is null). */
    SQL_JSON_ROCKSET
} sql_json_mode;

/* The kinds of JSON values, in the order SQL_JSON_ORDER ranks them. */
enum {
    SQL_JSON_NULL, SQL_JSON_BOOL, SQL_JSON_NUMBER, SQL_JSON_STRING, SQL_JSON_TYPED,
    SQL_JSON_OBJECT, SQL_JSON_ARRAY
};

/* The kind of one JSON value's text (p[0] its first byte, n > 0). An object is SQL_JSON_TYPED
 * when one of its own members is "__rockset_type" with a string value. */
int sql_json_kind(const char *p, size_t n);

/* Compares the JSON texts a and b (one value each, no surrounding white space). Returns 0
 * and *r (<0, 0, >0); 1 when mode is SQL_JSON_ROCKSET and the comparison is unknown. A text
 * that is not valid JSON, nesting deeper than 256 or no memory for an object of more than 16
 * members compare by bytes from that point (never a crash, still a total order). */
int sql_json_cmp(const char *a, size_t na, const char *b, size_t nb, sql_json_mode mode,
                 int *r);

#endif
