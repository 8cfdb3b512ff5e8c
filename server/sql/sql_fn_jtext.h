/* SPDX-License-Identifier: Apache-2.0 */
/* JSON text helpers shared by the array and object functions (sql_fn_array.c,
 * sql_fn_object.c). Arrays and objects of the value model hold JSON text; these functions
 * work on that text directly, element by element, instead of parsing it into a tree: a tree
 * (cJSON) prints numbers through a double, so 1.0 would come back as the int 1 and a large
 * int would lose digits, and elements must keep their Rockset types exactly. */
#ifndef SQL_FN_JTEXT_H
#define SQL_FN_JTEXT_H

#include <stddef.h>
#include <sqlite3.h>
#include "server/sql/sql_value.h"

/* A growing buffer from sqlite3_malloc; oom is set once an allocation failed. */
typedef struct jt_buf {
    char *p;
    size_t n, cap;
    int oom;
} jt_buf;

void jt_add(jt_buf *b, const char *s, size_t n);
void jt_puts(jt_buf *b, const char *s);
void jt_free(jt_buf *b);

/* One JSON value's text inside a larger text (not NUL-terminated). */
typedef struct jt_span {
    const char *p;
    size_t n;
} jt_span;

/* The elements of an array text, or the members of an object text (keys, the key strings
 * with their quotes, and vals, in the same order), into arrays from sqlite3_malloc (free
 * both with sqlite3_free; keys may be NULL for an array). 0 ok, -1 not valid, -2 no memory. */
int jt_split(const char *p, size_t n, jt_span **vals, jt_span **keys, size_t *count);

/* The JSON text of a value of the model, appended to b: scalars as JSON, arrays and objects
 * as their text, the other types as {"__rockset_type": T, "value": V} wrappers (which
 * sql_value_result_json reads back as the same type). -1 for a float JSON cannot hold. */
int jt_value(jt_buf *b, sqlite3_value *v);
/* A JSON string (quotes added, escapes as JSON needs) for n bytes of s. */
void jt_string(jt_buf *b, const char *s, size_t n);

/* Rockset's order over element texts, total so that it can sort and deduplicate: null <
 * bool < numbers (ints and floats by value) < strings < typed values < objects < arrays;
 * within a kind by value, arrays and objects too (sql_json_cmp.h, SQL_JSON_ORDER). */
int jt_order(jt_span a, jt_span b);
/* 1 when Rockset's comparison of a and b answers (both numbers, or one kind; arrays and
 * objects whose deciding elements are of one kind: sql_json_cmp.h), else 0. */
int jt_comparable(jt_span a, jt_span b);
/* The kind rank of jt_order (0 null ... 6 array: sql_json_kind). */
int jt_rank(jt_span a);
/* The decoded bytes of a JSON string span (sqlite3_malloc, NUL-terminated); NULL when out of
 * memory or not a string. */
char *jt_unquote(jt_span s, size_t *len);

/* The type of v, with text that holds a JSON array or object read as one: the translator
 * still hands document fields over as the JSON text SQLite's json_extract gives (their
 * type in a companion column), so a field holding an array arrives as text. */
sql_vt jt_type(sqlite3_value *v);
/* Reads argument v of function fn as an array (want_object 0) or an object (1). Returns 0 with
 * its text in *p, *n; 1 when it is null (the function returns null); -1 after setting an
 * error naming fn. */
int jt_arg(sqlite3_context *c, sqlite3_value *v, const char *fn, int want_object,
           const char **p, size_t *n);
/* Ends b as the array (closing ']' added) or object ('}') result of c, and frees it. */
void jt_result(sqlite3_context *c, jt_buf *b, int object);
/* What a function is registered with (its user data): its name, for error texts, and the
 * variant of a body that serves several names. */
typedef struct jt_fn {
    const char *name;
    int mode;
} jt_fn;
#define FN_NAME(c) (((const jt_fn *)sql_fn_data(c))->name)
#define FN_MODE(c) (((const jt_fn *)sql_fn_data(c))->mode)
/* Registers fns (count n) with their nargs, xFunc or xStep/xFinal; user data &fns[i].info. */
typedef struct jt_def {
    jt_fn info;
    int nargs;
    void (*fn)(sqlite3_context *, int, sqlite3_value **);
    void (*step)(sqlite3_context *, int, sqlite3_value **);
    void (*final)(sqlite3_context *);
} jt_def;
void jt_register(sqlite3 *db, const jt_def *defs, size_t n);

/* Sets the error "<fn>: <msg>". */
void jt_error(sqlite3_context *c, const char *fn, const char *msg);

#endif
