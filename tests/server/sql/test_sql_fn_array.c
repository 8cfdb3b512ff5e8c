/* SPDX-License-Identifier: Apache-2.0 */
/* The array and object functions (sql_fn_array.c, sql_fn_object.c) through SQL on an
 * in-memory database: every example of Rockset's array-functions and object-functions pages
 * (tests/server/sql/docs-examples/array.jsonl, object.jsonl) plus nulls, empty arrays, mixed
 * and typed elements, wrong types and the aggregates. */
#include "server/sql/sql_value.h"
#include "tests/cunit_main.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3 *db;

/* "type:text" of the first column of SELECT <sql>: arrays and objects as their JSON text,
 * bools 0/1, null NULL; "error:<message>" when it fails. */
static char *one(const char *sql)
{
    sqlite3_stmt *st = NULL;
    char *q = sqlite3_mprintf("SELECT rs_typeof(x), COALESCE(rs_json(x), CAST(x AS TEXT)) "
                              "FROM (SELECT %s AS x)", sql);
    char *out;
    if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK) {
        out = sqlite3_mprintf("prepare-error:%s", sqlite3_errmsg(db));
    } else if (sqlite3_step(st) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 1);
        out = sqlite3_mprintf("%s:%s", sqlite3_column_text(st, 0), v ? v : "NULL");
    } else {
        out = sqlite3_mprintf("error:%s", sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    sqlite3_free(q);
    return out;
}

static void check(const char *sql, const char *want)
{
    char *got = one(sql);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "\n  %s\n  want %s\n  got  %s\n", sql, want, got);
    CU_ASSERT_STRING_EQUAL(got, want);
    sqlite3_free(got);
}

static void test_create(void)
{
    check("ARRAY_CREATE(5, 'hello', null)", "array:[5,\"hello\",null]");
    check("ARRAY_CREATE()", "array:[]");
    check("ARRAY_CREATE(1.0, 2.5, -3, 'a\"b')", "array:[1.0,2.5,-3,\"a\\\"b\"]");
    check("ARRAY_CREATE(rs_cast('true', 'bool', 0), ARRAY_CREATE(1), OBJECT())",
          "array:[true,[1],{}]");
    check("ARRAY_CREATE(9223372036854775807)", "array:[9223372036854775807]");
    /* typed elements keep their type through the array */
    check("ARRAY_CREATE(rs_cast('2021-01-02', 'date', 0))",
          "array:[{\"__rockset_type\":\"DATE\",\"value\":\"2021-01-02\"}]");
    check("rs_typeof(ELEMENT_AT(ARRAY_CREATE(rs_cast('2021-01-02', 'date', 0)), 1))",
          "string:date");
    check("rs_typeof(ELEMENT_AT(ARRAY_CREATE(1.0), 1))", "string:float");
    check("rs_typeof(ELEMENT_AT(ARRAY_CREATE(rs_cast('10:00:00', 'time', 0)), -1))",
          "string:time");
}

static void test_length(void)
{
    check("rs_length(ARRAY_CREATE())", "int:0");
    check("rs_length(ARRAY_CREATE(1, 2, 'hello', null))", "int:4");
    check("ARRAY_LENGTH(ARRAY_CREATE(1, 2, 'hello', null))", "int:4");
    check("CARDINALITY(ARRAY_CREATE(ARRAY_CREATE(1, 2), 3))", "int:2");
    check("CARDINALITY(null)", "null:NULL");
    check("ARRAY_LENGTH(OBJECT())", "int:0");
    check("ARRAY_LENGTH(5)", "error:ARRAY_LENGTH: expected an array, got int");
    check("ARRAY_LENGTH('[1,2,3]')", "int:3");      /* JSON text of a field, as the
                                                        translator hands it over */
}

static void test_position(void)
{
    check("ARRAY_POSITION(ARRAY_CREATE(5, null, 5), 5)", "int:1");
    check("ARRAY_POSITION(ARRAY_CREATE(5, null, 5), 'hello')", "int:0");
    check("ARRAY_POSITION(ARRAY_CREATE(5, 'hello', null), null)", "int:3");
    check("ARRAY_LAST_POSITION(ARRAY_CREATE(5, null, 5), 5)", "int:3");
    check("ARRAY_LAST_POSITION(ARRAY_CREATE(5, null, 5), 'hello')", "int:0");
    check("ARRAY_LAST_POSITION(ARRAY_CREATE(5, 'hello', null), null)", "int:3");
    check("ARRAY_POSITION(ARRAY_CREATE(1, 2.0), 2)", "int:2");     /* 2 = 2.0 */
    check("ARRAY_POSITION(ARRAY_CREATE('1'), 1)", "int:0");        /* no string = int */
    check("ARRAY_POSITION(null, 1)", "null:NULL");
    check("ARRAY_POSITION('x', 1)", "error:ARRAY_POSITION: expected an array, got string");
    check("ARRAY_CONTAINS(ARRAY_CREATE(1, 'x'), 'x')", "bool:1");
    check("ARRAY_CONTAINS(ARRAY_CREATE(1, 'x'), 'y')", "bool:0");
    check("ARRAY_CONTAINS(ARRAY_CREATE(ARRAY_CREATE(1)), ARRAY_CREATE(1))", "bool:1");
    check("ARRAY_CONTAINS(ARRAY_CREATE(), null)", "bool:0");
    check("ARRAY_CONTAINS(null, 1)", "null:NULL");
    check("ARRAY_CONTAINS(ARRAY_CREATE('a\\b'), 'a\\b')", "bool:1");
}

static void test_remove(void)
{
    check("ARRAY_REMOVE(ARRAY_CREATE(3, 1, 2), 1)", "array:[3,2]");
    check("ARRAY_REMOVE(ARRAY_CREATE('a', 'b', 'c'), 'c')", "array:[\"a\",\"b\"]");
    check("ARRAY_REMOVE(ARRAY_CREATE(3, 1.6, -0.83, 1.6), 1.6)", "array:[3,-0.83]");
    check("ARRAY_REMOVE(ARRAY_CREATE(3, 3, 3), 3)", "array:[]");
    check("ARRAY_REMOVE(ARRAY_CREATE(null, 1), null)", "array:[1]");
    check("ARRAY_REMOVE(null, 1)", "null:NULL");
}

static void test_concat_slice(void)
{
    check("ARRAY_CONCAT(ARRAY_CREATE(1, 2), ARRAY_CREATE(), ARRAY_CREATE('a'))",
          "array:[1,2,\"a\"]");
    check("ARRAY_CONCAT(ARRAY_CREATE(1), null)", "null:NULL");
    check("ARRAY_CONCAT(ARRAY_CREATE(1), 2)", "error:ARRAY_CONCAT: expected an array, got int");
    check("SLICE(ARRAY_CREATE(1, 2, 3, 4), 2)", "array:[2,3,4]");
    check("SLICE(ARRAY_CREATE(1, 2, 3, 4), 2, 2)", "array:[2,3]");
    check("SLICE(ARRAY_CREATE(1, 2, 3, 4), -2)", "array:[3,4]");
    check("SLICE(ARRAY_CREATE(1, 2, 3, 4), -3, 1)", "array:[2]");
    check("SLICE(ARRAY_CREATE(1, 2, 3, 4), 3, 10)", "array:[3,4]");
    check("SLICE(ARRAY_CREATE(1, 2), 5)", "array:[]");
    check("SLICE(ARRAY_CREATE(1, 2), -5)", "array:[]");
    check("SLICE(ARRAY_CREATE(1, 2), 1, 0)", "array:[]");
    check("SLICE(ARRAY_CREATE(1, 2), 0)",
          "error:SLICE: start must not be 0 (arrays are 1-based)");
    check("SLICE(ARRAY_CREATE(1, 2), 1, -1)", "error:SLICE: length must not be negative");
    check("SLICE(null, 1)", "null:NULL");
    check("SLICE(ARRAY_CREATE(1), null)", "null:NULL");
    check("SLICE(ARRAY_CREATE(1), 'a')", "error:SLICE: start must be an int, not string");
}

static void test_sets(void)
{
    check("ARRAY_DISTINCT(ARRAY_CREATE(1, 2, 1.0, 'a', 'a', null, null))",
          "array:[1,2,\"a\",null]");
    check("ARRAY_DISTINCT(ARRAY_CREATE())", "array:[]");
    check("ARRAY_UNION(ARRAY_CREATE(1, 2, 2), ARRAY_CREATE(3, 1))", "array:[1,2,3]");
    check("ARRAY_INTERSECT(ARRAY_CREATE(1, 2, 2, 3), ARRAY_CREATE(2, 3, 4))", "array:[2,3]");
    check("ARRAY_EXCEPT(ARRAY_CREATE(1, 2, 2, 3), ARRAY_CREATE(3))", "array:[1,2]");
    check("ARRAY_EXCEPT(ARRAY_CREATE(1), ARRAY_CREATE())", "array:[1]");
    check("ARRAY_INTERSECT(ARRAY_CREATE(1), null)", "null:NULL");
    check("ARRAY_UNION(ARRAY_CREATE(1), 'x')", "error:ARRAY_UNION: expected an array, got string");
}

static void test_flatten_join(void)
{
    check("ARRAY_FLATTEN(ARRAY_CREATE(ARRAY_CREATE(1, 2), ARRAY_CREATE(), "
          "ARRAY_CREATE(ARRAY_CREATE(3))))", "array:[1,2,[3]]");
    check("ARRAY_FLATTEN(ARRAY_CREATE(null, ARRAY_CREATE('a')))", "array:[\"a\"]");
    check("ARRAY_FLATTEN(ARRAY_CREATE(1))",
          "error:ARRAY_FLATTEN: every element must be an array");
    check("ARRAY_JOIN(ARRAY_CREATE('a', 1, 2.5, null, rs_cast('true', 'bool', 0)), '-')", "string:a-1-2.5-true");
    check("ARRAY_JOIN(ARRAY_CREATE('a', null, 'b'), ', ', 'N')", "string:a, N, b");
    check("ARRAY_JOIN(ARRAY_CREATE(), ',')", "string:");
    check("ARRAY_JOIN(ARRAY_CREATE('a'), null)", "null:NULL");
    check("ARRAY_JOIN(ARRAY_CREATE(ARRAY_CREATE(1)), ',')",
          "error:ARRAY_JOIN: elements must be strings, numbers or booleans");
}

static void test_sort_minmax(void)
{
    check("ARRAY_SORT(ARRAY_CREATE(3, 1.5, 2, -1))", "array:[-1,1.5,2,3]");
    check("ARRAY_SORT(ARRAY_CREATE('b', 'a', 'B'))", "array:[\"B\",\"a\",\"b\"]");
    check("ARRAY_SORT(ARRAY_CREATE('x', 1, null, rs_cast('true', 'bool', 0)))", "array:[null,true,1,\"x\"]");
    check("ARRAY_SORT(ARRAY_CREATE())", "array:[]");
    check("ARRAY_MAX(ARRAY_CREATE(3, null, 7.5, 2))", "float:7.5");
    check("ARRAY_MIN(ARRAY_CREATE(3, null, 7.5, 2))", "int:2");
    check("ARRAY_MAX(ARRAY_CREATE('pear', 'apple'))", "string:pear");
    check("ARRAY_MIN(ARRAY_CREATE(null))", "null:NULL");
    check("ARRAY_MAX(ARRAY_CREATE())", "null:NULL");
    check("ARRAY_MAX(ARRAY_CREATE(1, 'a'))",
          "error:ARRAY_MAX: the elements are of types that do not compare");
    check("rs_typeof(ARRAY_MAX(ARRAY_CREATE(rs_cast('2020-01-01', 'date', 0), "
          "rs_cast('2021-01-01', 'date', 0))))", "string:date");
    check("CAST(ARRAY_MAX(ARRAY_CREATE(rs_cast('2020-01-01', 'date', 0), "
          "rs_cast('2021-01-01', 'date', 0))) AS TEXT) LIKE '%2021-01-01'", "int:1");
}

static void test_sequence_element_at(void)
{
    check("SEQUENCE(1, 5)", "array:[1,2,3,4,5]");
    check("SEQUENCE(5, 1)", "array:[5,4,3,2,1]");
    check("SEQUENCE(0, 10, 4)", "array:[0,4,8]");
    check("SEQUENCE(3, 3)", "array:[3]");
    check("SEQUENCE(1, 5, -1)", "error:SEQUENCE: step must move from start toward stop");
    check("SEQUENCE(1, 5, 0)", "error:SEQUENCE: step must move from start toward stop");
    check("SEQUENCE(1, 100000)",
          "error:SEQUENCE: the result would have more than 10000 elements");
    check("SEQUENCE(1, null)", "null:NULL");
    check("SEQUENCE(1.5, 3)", "error:SEQUENCE: start must be an int, not float");
    check("ELEMENT_AT(ARRAY_CREATE('a', 'b', 'c'), 1)", "string:a");
    check("ELEMENT_AT(ARRAY_CREATE('a', 'b', 'c'), -1)", "string:c");
    check("ELEMENT_AT(ARRAY_CREATE('a', 'b', 'c'), 4)", "null:NULL");
    check("ELEMENT_AT(ARRAY_CREATE('a', 'b', 'c'), 0)", "null:NULL");
    check("ELEMENT_AT(ARRAY_CREATE('a'), 'x')",
          "error:ELEMENT_AT: an array's index must be an int");
    check("ELEMENT_AT(ARRAY_CREATE(ARRAY_CREATE(1, 2)), 1)", "array:[1,2]");
}

/* LENGTH is rs_length once translated; SQLite's own LENGTH is called here otherwise. */
/* The docs' collection data: {"obj": {"baz": [1, 2, 3], "bar": "hello world", "foo": 25}} */
#define DOC_OBJ "OBJECT(ARRAY_CREATE('baz', 'bar', 'foo'), " \
                "ARRAY_CREATE(ARRAY_CREATE(1, 2, 3), 'hello world', 25))"

static void test_object(void)
{
    check("OBJECT(ARRAY_CREATE('foo', 'bar', 'baz'), "
          "ARRAY_CREATE(25, 'hello world', ARRAY_CREATE(1, 2, 3)))",
          "object:{\"foo\":25,\"bar\":\"hello world\",\"baz\":[1,2,3]}");
    check("OBJECT()", "object:{}");
    check("rs_length(OBJECT())", "int:0");
    check("rs_length(" DOC_OBJ ")", "int:3");
    check("OBJECT(ARRAY_CREATE('a', 'a'), ARRAY_CREATE(1, 2))", "object:{\"a\":2}");
    check("OBJECT(ARRAY_CREATE('a'), ARRAY_CREATE())",
          "error:OBJECT: keys and values must be arrays of the same length");
    check("OBJECT(ARRAY_CREATE(1), ARRAY_CREATE(2))", "error:OBJECT: keys must be strings");
    check("OBJECT(null, ARRAY_CREATE())", "null:NULL");
    check("ZIP(ARRAY_CREATE(ARRAY_CREATE('foo', 25), ARRAY_CREATE('bar', 'hello world'), "
          "ARRAY_CREATE('baz', ARRAY_CREATE(1, 2, 3))))",
          "object:{\"foo\":25,\"bar\":\"hello world\",\"baz\":[1,2,3]}");
    check("ZIP(ARRAY_CREATE())", "object:{}");
    check("ZIP(ARRAY_CREATE(ARRAY_CREATE('a')))",
          "error:ZIP: every entry must be an array of a key and a value");
    check("ZIP(null)", "null:NULL");
    check("ELEMENT_AT(" DOC_OBJ ", 'foo')", "int:25");
    check("ELEMENT_AT(" DOC_OBJ ", 'bar')", "string:hello world");
    check("ELEMENT_AT(" DOC_OBJ ", 'baz')", "array:[1,2,3]");
    check("ELEMENT_AT(" DOC_OBJ ", 'abc')", "null:NULL");
    check("ELEMENT_AT(" DOC_OBJ ", null)", "null:NULL");
    check("ELEMENT_AT('{\"a\":1.0}', 'a')", "float:1.0");
    check("ELEMENT_AT(" DOC_OBJ ", 1)", "error:ELEMENT_AT: an object's key must be a string");
}

static void test_keys_items(void)
{
    check("KEYS(" DOC_OBJ ")", "array:[\"baz\",\"bar\",\"foo\"]");
    check("KEYS(OBJECT())", "array:[]");
    check("KEYS(null)", "null:NULL");
    check("KEYS(ARRAY_CREATE())", "error:KEYS: expected an object, got array");
    check("ITEMS(OBJECT(ARRAY_CREATE('a', 'b'), ARRAY_CREATE(1, null)))",
          "array:[[\"a\",1],[\"b\",null]]");
    check("OBJECT(KEYS(" DOC_OBJ "), ARRAY_CREATE(1, 2, 3))",
          "object:{\"baz\":1,\"bar\":2,\"foo\":3}");
    check("MERGE(OBJECT(ARRAY_CREATE('a', 'b'), ARRAY_CREATE(1, 2)), "
          "OBJECT(ARRAY_CREATE('b', 'c'), ARRAY_CREATE(3, 4)))",
          "object:{\"a\":1,\"b\":3,\"c\":4}");
    check("MERGE(OBJECT(), null)", "null:NULL");
    check("ERASE(" DOC_OBJ ", 'bar')", "object:{\"baz\":[1,2,3],\"foo\":25}");
    check("ERASE(" DOC_OBJ ", ARRAY_CREATE('bar', 'baz', 'nope'))", "object:{\"foo\":25}");
    check("ERASE(" DOC_OBJ ", 1)",
          "error:ERASE: the key must be a string or an array of strings");
}

static void test_aggregates(void)
{
    sqlite3_exec(db, "CREATE TABLE t(g, k, v); INSERT INTO t VALUES "
                     "(1, 'a', 1), (1, 'b', 2.5), (1, NULL, 'skip'), (2, 'a', NULL), "
                     "(2, 'a', 'last')", NULL, NULL, NULL);
    check("(SELECT ARRAY_AGG(v) FROM (SELECT v FROM t WHERE g = 1 ORDER BY rowid))",
          "array:[1,2.5,\"skip\"]");
    check("(SELECT ARRAY_AGG(v) FROM t WHERE g = 3)", "null:NULL");
    check("(SELECT ARRAY_AGG(ARRAY_CREATE(k)) FROM t WHERE g = 2)",
          "array:[[\"a\"],[\"a\"]]");
    check("(SELECT MAP_AGG(k, v) FROM (SELECT k, v FROM t WHERE g = 1 ORDER BY rowid))",
          "object:{\"a\":1,\"b\":2.5}");
    check("(SELECT MAP_AGG(k, v) FROM (SELECT k, v FROM t WHERE g = 2 ORDER BY rowid))",
          "object:{\"a\":\"last\"}");
    check("(SELECT MAP_AGG(k, v) FROM t WHERE g = 3)", "null:NULL");
    check("(SELECT MAP_AGG(v, k) FROM t WHERE g = 1)", "error:MAP_AGG: keys must be strings");
    sqlite3_exec(db, "DROP TABLE t", NULL, NULL, NULL);
}

int main(void)
{
    static const cu_case cases[] = {
        {"create", test_create}, {"length", test_length}, {"position", test_position},
        {"remove", test_remove}, {"concat and slice", test_concat_slice},
        {"sets", test_sets}, {"flatten and join", test_flatten_join},
        {"sort, min, max", test_sort_minmax}, {"sequence, element_at", test_sequence_element_at},
        {"object", test_object}, {"keys, items, merge, erase", test_keys_items},
        {"aggregates", test_aggregates}, {NULL, NULL},
    };
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        return CU_MAIN_HARD_ERROR;
    srv_sql_register_functions(db);
    int rc = cu_run("sql_fn_array", cases);
    sqlite3_close(db);
    return rc;
}
