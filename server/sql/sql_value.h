/* SPDX-License-Identifier: Apache-2.0 */
/* The value model: how Rockset's types live inside SQLite, and Rockset's rules over them
 * (names, JSON in and out, comparison, arithmetic). Every function of server/sql reads its
 * arguments and writes its results through this header, so a date stays a date and a bool
 * a bool from the collection field to the result row.
 *
 * Representation (one sqlite3_value per Rockset value):
 *   int        INTEGER                     float   REAL
 *   string     TEXT                        null    SQL NULL
 *   undefined  SQL NULL as well: a field's companion column (sql_translate.h) tells them
 *              apart (NULL companion = absent field = undefined; 'null' = explicit null).
 *   bool       BLOB of exactly one byte, '0' or '1'. SQLite reads a blob as a number through
 *              its text, so its own view of a bool is its truth value: WHERE flag, NOT,
 *              AND, OR and CASE WHEN work natively on it.
 *   any other type: a tagged BLOB, one tag byte (SQL_VT_TAG_*) then the payload:
 *     object, array               JSON text (compact, as SQLite's JSON functions write it);
 *                                 no order in its bytes ([2.0] is [2]): sql_value_cmp
 *                                 compares them as values (sql_json_cmp.h), but SQLite's
 *                                 GROUP BY / DISTINCT / ORDER BY see the bytes (docs/sql.md)
 *     date, time, datetime,
 *     timestamp                   the canonical text of sql_functions.h, so memcmp (SQLite's
 *                                 BINARY order for blobs) orders two values of one type and
 *                                 GROUP BY / DISTINCT / ORDER BY / MIN / MAX work natively
 *     bytes                       the raw bytes
 *     month_interval,
 *     microsecond_interval        8 bytes big-endian, sign bit flipped (order-preserving)
 *     geography                   GeoJSON text
 *     u256                        32 bytes big-endian
 * Tag bytes are control characters that are neither SQLite whitespace nor digits, so the
 * numeric view of a tagged blob is 0 (false), never a number read out of its payload, and
 * no tag is '0' or '1': a one-byte blob '0' or '1' is a bool, any other blob is read by its
 * first byte. (A bytes value of zero length is the lone tag byte: still unambiguous.) A blob
 * whose first byte is no tag (randomblob(), X'..' written in SQLite) reads as bytes, whole.
 */
#ifndef SQL_VALUE_H
#define SQL_VALUE_H

#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>
#include "server/sql/sql_fn_reg.h"
#include "server/sql/sql_functions.h"

typedef enum sql_vt {
    SQL_VT_UNDEFINED = 0,
    SQL_VT_NULL,
    SQL_VT_BOOL,
    SQL_VT_INT,
    SQL_VT_FLOAT,
    SQL_VT_STRING,
    SQL_VT_BYTES,
    SQL_VT_OBJECT,
    SQL_VT_ARRAY,
    SQL_VT_DATE,
    SQL_VT_TIME,
    SQL_VT_DATETIME,
    SQL_VT_TIMESTAMP,
    SQL_VT_MONTH_INTERVAL,
    SQL_VT_MICROSECOND_INTERVAL,
    SQL_VT_GEOGRAPHY,
    SQL_VT_U256,
    SQL_VT_COUNT
} sql_vt;

/* Tag bytes (first byte of a tagged blob). 0x09-0x0d are SQLite whitespace: never tags. */
#define SQL_VT_TAG_DATE                 0x02
#define SQL_VT_TAG_TIME                 0x03
#define SQL_VT_TAG_DATETIME             0x04
#define SQL_VT_TAG_TIMESTAMP            0x05
#define SQL_VT_TAG_MONTH_INTERVAL       0x06
#define SQL_VT_TAG_MICROSECOND_INTERVAL 0x07
#define SQL_VT_TAG_BYTES                0x08
#define SQL_VT_TAG_OBJECT               0x0e
#define SQL_VT_TAG_ARRAY                0x0f
#define SQL_VT_TAG_GEOGRAPHY            0x10
#define SQL_VT_TAG_U256                 0x11

/* ---- names ---- */

/* Rockset's name of a type ("int", "microsecond_interval", ...). */
const char *sql_vt_name(sql_vt t);
/* The type a name spells, any case, Rockset's aliases included (integer, int64, double,
 * boolean, varchar, text, char, binary, varbinary, ...). 0 ok, -1 unknown. */
int sql_vt_from_name(const char *name, sql_vt *t);
/* The tag byte of a tagged type; -1 for int, float, string, bool, null, undefined. */
int sql_vt_tag(sql_vt t);
/* The type a tag byte stands for; SQL_VT_BYTES for a byte that is no tag. */
sql_vt sql_vt_of_tag(unsigned char tag);
/* The temporal types <-> sql_tv (sql_functions.h). sql_vt_to_tv: 0 ok, -1 not temporal. */
sql_vt sql_vt_of_tv(sql_tv k);
int sql_vt_to_tv(sql_vt t, sql_tv *k);

/* ---- reading ---- */

/* The type of a blob's bytes, and its payload (after the tag; the whole blob for a bool or
 * a foreign blob). */
sql_vt sql_vt_of_blob(const unsigned char *p, size_t n, const unsigned char **payload,
                      size_t *plen);
/* The Rockset type of a value (SQL NULL -> SQL_VT_NULL). */
sql_vt sql_value_type(sqlite3_value *v);
/* The same, with the companion of a field: SQL NULL with a NULL companion is undefined. */
sql_vt sql_value_type_comp(sqlite3_value *v, sqlite3_value *companion);
/* Payload of a blob value (as sql_vt_of_blob); NULL for a value that is no blob. */
const unsigned char *sql_value_payload(sqlite3_value *v, size_t *n);
/* 1 true, 0 false, -1 not a bool. */
int sql_value_bool(sqlite3_value *v);
/* A date/time/datetime/timestamp value as micros and its kind: the tagged forms, and for
 * compatibility canonical text (read by its shape) and integers (timestamp micros), as the
 * functions of sql_functions.c always took them. 0 ok, -1 not a temporal value. */
int sql_value_tv(sqlite3_value *v, long long *micros, sql_tv *k);
/* An interval value's count (months or microseconds) and type. 0 ok, -1 not an interval. */
int sql_value_interval(sqlite3_value *v, long long *count, sql_vt *t);

/* ---- making values ---- */

/* tag + payload into out (n + 1 bytes); returns the length written. For bool, payload is
 * ignored and out gets '0' or '1' from n (0 false, else true); returns 1. */
size_t sql_value_pack(sql_vt t, const void *payload, size_t n, unsigned char *out);
/* An interval's blob (9 bytes) into out. */
void sql_value_pack_interval(sql_vt t, long long count, unsigned char out[9]);
/* Results of a function. */
void sql_value_result_bool(sqlite3_context *c, int b);
void sql_value_result_tagged(sqlite3_context *c, sql_vt t, const void *payload, size_t n);
void sql_value_result_tv(sqlite3_context *c, long long micros, sql_tv k);
void sql_value_result_interval(sqlite3_context *c, sql_vt t, long long count);
/* Bound parameters. Returns sqlite3_bind_*'s code. */
int sql_value_bind_bool(sqlite3_stmt *st, int slot, int b);
int sql_value_bind_tagged(sqlite3_stmt *st, int slot, sql_vt t, const void *payload,
                          size_t n);

/* ---- JSON ---- */

/* One JSON value's text (as SQLite's -> operator writes it) as the function's result:
 * numbers int or float (as Rockset parses them: int when integral and in range, else
 * float), strings TEXT, true/false bool, null SQL NULL, arrays and objects tagged, and a
 * {"__rockset_type": T, "value": V} wrapper the value of type T (date, time, datetime,
 * timestamp, bytes (base64), u256, geography, intervals; any case). A wrapper whose value
 * does not parse as its type is an error (ingest refused such documents). */
void sql_value_result_json(sqlite3_context *c, const char *json, size_t n);
/* The value of a wrapper's type name and value text (the JSON of "value") as a tagged blob
 * in a buffer from sqlite3_malloc (*out, *outlen). 0 ok, -1 not a value of that type,
 * -2 out of memory. Also used for typed parameters. */
int sql_value_from_text(sql_vt t, const char *text, size_t n, unsigned char **out,
                        size_t *outlen);
/* The wrapper tag the wire uses for a type ("DATE", ...); NULL for types written as plain
 * JSON (int, float, bool, string, null, object, array, timestamp). */
const char *sql_vt_wrapper_tag(sql_vt t);
/* base64 of bytes / u256 as decimal text: helpers of the encoder. out must hold
 * 4 * ((n + 2) / 3) + 1 bytes; u256 text at least 80. */
void sql_value_base64(const unsigned char *p, size_t n, char *out);
/* Rockset's text of a float, the one rule for the wire, CAST and JSON: the shortest digits
 * that read back as d, in %.15g's layout (%.17g's when 16 or 17 digits are needed), and a
 * finite integral value keeps ".0" (2.0, as Rockset writes it, so it stays a float);
 * sql_float_text.h. n >= 32. */
void sql_value_float_text(double d, char *buf, size_t n);
/* The JSON escape of byte c into esc (>= 8 bytes) and its length; 0 when c needs none. */
size_t sql_value_json_escape(unsigned char c, char *esc);
void sql_value_u256_text(const unsigned char be[32], char *out, size_t outlen);

/* ---- Rockset's rules ---- */

/* Compares a and b as Rockset does. Returns 0 and *r (<0, 0, >0) when they compare: same
 * type (ints and floats numerically, strings and bytes by bytes, temporals and intervals
 * in time order, bools false < true, arrays and objects as values: sql_json_cmp.h); returns 1
 * when either is null or undefined, the types differ (Rockset's 1 = '1' is null), or two
 * arrays or objects differ first in the kinds of their elements ([1] = ['1'] is null). */
int sql_value_cmp(sqlite3_value *a, sqlite3_value *b, int *r);

typedef enum sql_arith_op {
    SQL_OP_ADD, SQL_OP_SUB, SQL_OP_MUL, SQL_OP_DIV, SQL_OP_MOD, SQL_OP_NEG
} sql_arith_op;
/* a op b as the function's result (b unused for SQL_OP_NEG): int with int stays int (an
 * overflow or a zero divisor is an error; / truncates toward zero), a float on either side
 * gives a float; date/time/datetime/timestamp +/- an interval, interval + temporal,
 * timestamp - timestamp (a microsecond_interval), interval +/- interval of one type,
 * interval * int. Null or undefined on either side: null. Any other pair raises Rockset's
 * error text through sql_result_error (null inside TRY). */
void sql_value_arith(sqlite3_context *c, sql_arith_op op, sqlite3_value *a, sqlite3_value *b);

/* Registers the SQL functions of the model (rs_eq, rs_lt, rs_add, rs_jv, rs_typeof, ...:
 * see sql_value_fn.c). Called by srv_sql_register_functions. */
void sql_value_register(sqlite3 *db);
/* Registers rs_in, rs_between and rs_like (sql_fn_pred.c); called by sql_value_register. */
void sql_pred_register(sqlite3 *db);
/* Registers rs_field and rs_field_type (sql_fn_field.c); called by sql_value_register. */
void sql_field_register(sqlite3 *db);

#endif
