/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the scalar function families (sql_fn_math.c, sql_fn_string.c,
 * sql_fn_regex.c, sql_fn_hash.c): Rockset's argument rules (null in, null out; a wrong type
 * is an error naming the function), UTF-8 code points, and array results built as JSON
 * text so they enter the value model as tagged arrays. Implemented in sql_fn_string.c. */
#ifndef SQL_FN_UTIL_H
#define SQL_FN_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>
#include "server/sql/sql_value.h"

#define SQL_VT_BIT(t) (1u << (unsigned)(t))
#define SQL_VTM_NUM (SQL_VT_BIT(SQL_VT_INT) | SQL_VT_BIT(SQL_VT_FLOAT))
#define SQL_VTM_STR SQL_VT_BIT(SQL_VT_STRING)
#define SQL_VTM_INT SQL_VT_BIT(SQL_VT_INT)
#define SQL_VTM_BYTES SQL_VT_BIT(SQL_VT_BYTES)

/* Checks args v[0..n-1] against masks[i] (SQL_VT_BIT of the accepted types; 0 accepts
 * any). Returns 0 when all are usable, 1 when one is null or undefined (the function then
 * answers null, as Rockset's functions do), -1 when one has a wrong type: the error
 * "FN: argument i has type T, expected A or B" is already set on c. */
int sql_fn_args(sqlite3_context *c, const char *fn, int n, sqlite3_value **v,
                const unsigned *masks);
/* Raises "FN: msg" as the function's error. */
void sql_fn_error(sqlite3_context *c, const char *fn, const char *msg);

/* The code point at s (n bytes left, n >= 1) into *cp; returns the bytes it takes (>= 1).
 * A malformed sequence is one byte read as U+FFFD, so every loop advances. */
size_t sql_utf8_next(const unsigned char *s, size_t n, uint32_t *cp);
/* The UTF-8 bytes of cp into out; returns how many (1-4). */
size_t sql_utf8_put(uint32_t cp, unsigned char out[4]);
/* Code points of s (n bytes). */
size_t sql_utf8_count(const unsigned char *s, size_t n);

/* A growing byte buffer from sqlite3_malloc; oom sticks once an allocation failed. */
typedef struct sql_fbuf {
    char *s;
    size_t n, cap;
    int oom;
} sql_fbuf;
void sql_fbuf_add(sql_fbuf *b, const void *p, size_t n);
/* The buffer as a TEXT result (takes ownership; reports oom). */
void sql_fbuf_result_text(sqlite3_context *c, sql_fbuf *b);

/* A JSON array of strings being built: open with sql_jarr_begin, add elements, then
 * sql_jarr_result sets it as a tagged array result (and frees the buffer). */
void sql_jarr_begin(sql_fbuf *b);
void sql_jarr_add_str(sql_fbuf *b, const char *p, size_t n);
void sql_jarr_add_null(sql_fbuf *b);
void sql_jarr_result(sqlite3_context *c, sql_fbuf *b);

#endif
