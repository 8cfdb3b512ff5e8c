/* SPDX-License-Identifier: Apache-2.0 */
/* JSON_FORMAT / JSON_PARSE and the bitwise functions over the value model.
 * JSON_FORMAT(x) writes any value as JSON text (a string); JSON_PARSE(s) reads JSON text
 * back into a value with its types (numbers int or float as written, true/false bools,
 * objects and arrays). BITWISE_AND / OR / XOR / NOT and BITWISE_SHIFT_LEFT / RIGHT work on
 * ints (a 64-bit two's complement value), null in null out. */
#include "server/sql/sql_fn_jtext.h"
#include "server/sql/sql_fn_util.h"
#include "server/sql/sql_functions.h"
#include "server/sql/sql_value.h"

#include <stdint.h>
#include <string.h>

static void fn_json_format(sqlite3_context *c, int n, sqlite3_value **v)
{
    jt_buf b = { NULL, 0, 0, 0 };
    (void)n;
    if (sql_value_type(v[0]) == SQL_VT_UNDEFINED)
        return;
    if (jt_value(&b, v[0]) != 0) {
        jt_free(&b);
        sql_fn_error(c, "JSON_FORMAT", "the value has no JSON form (NaN or infinity)");
        return;
    }
    if (b.oom) {
        jt_free(&b);
        sqlite3_result_error_nomem(c);
        return;
    }
    sqlite3_result_text64(c, b.p ? b.p : "", b.n, SQLITE_TRANSIENT, SQLITE_UTF8);
    jt_free(&b);
}

/* JSON_PARSE(s): SQLite's json() checks and minifies the text (one parser for the whole
 * server), then the value model reads the minified value with its types. */
static void fn_json_parse(sqlite3_context *c, int n, sqlite3_value **v)
{
    static const unsigned str[1] = { SQL_VTM_STR };
    sqlite3_stmt *st = NULL;
    if (sql_fn_args(c, "JSON_PARSE", n, v, str) != 0)
        return;
    sqlite3 *db = sqlite3_context_db_handle(c);
    if (sqlite3_prepare_v2(db, "SELECT json(?1)", -1, &st, NULL) != SQLITE_OK) {
        sql_fn_error(c, "JSON_PARSE", sqlite3_errmsg(db));
        return;
    }
    sqlite3_bind_value(st, 1, v[0]);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_TEXT) {
        const char *j = (const char *)sqlite3_column_text(st, 0);
        sql_value_result_json(c, j, (size_t)sqlite3_column_bytes(st, 0));
    } else {
        sql_fn_error(c, "JSON_PARSE", "malformed JSON");
    }
    sqlite3_finalize(st);
}

enum { BIT_AND, BIT_OR, BIT_XOR, BIT_NOT, BIT_SHL, BIT_SHR };
static const char *const bit_names[] = { "BITWISE_AND", "BITWISE_OR", "BITWISE_XOR",
                                         "BITWISE_NOT", "BITWISE_SHIFT_LEFT",
                                         "BITWISE_SHIFT_RIGHT" };

static void fn_bitwise(sqlite3_context *c, int n, sqlite3_value **v)
{
    static const unsigned ints[2] = { SQL_VTM_INT, SQL_VTM_INT };
    int op = (int)(intptr_t)sql_fn_data(c);
    if (sql_fn_args(c, bit_names[op], n, v, ints) != 0)
        return;
    uint64_t x = (uint64_t)sqlite3_value_int64(v[0]);
    long long y = n > 1 ? sqlite3_value_int64(v[1]) : 0;
    uint64_t r;
    switch (op) {
    case BIT_AND: r = x & (uint64_t)y; break;
    case BIT_OR: r = x | (uint64_t)y; break;
    case BIT_XOR: r = x ^ (uint64_t)y; break;
    case BIT_NOT: r = ~x; break;
    default:
        if (y < 0) {
            sql_fn_error(c, bit_names[op], "the shift must not be negative");
            return;
        }
        /* a shift of 64 or more leaves no bit; the right shift is logical (zeros in) */
        r = y >= 64 ? 0 : op == BIT_SHL ? x << y : x >> y;
        break;
    }
    sqlite3_result_int64(c, (long long)r);
}

void sql_fn_misc_register(sqlite3 *db)
{
    const int det = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    sql_fn_register(db, "JSON_FORMAT", 1, det, NULL, fn_json_format);
    sql_fn_register(db, "JSON_PARSE", 1, det, NULL, fn_json_parse);
    for (int op = 0; op < 6; op++)
        sql_fn_register(db, bit_names[op], op == BIT_NOT ? 1 : 2, det,
                        (void *)(intptr_t)op, fn_bitwise);
}
