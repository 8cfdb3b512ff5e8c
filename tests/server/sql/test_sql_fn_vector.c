/* SPDX-License-Identifier: Apache-2.0 */
/* The vector functions (server/sql/sql_fn_vector.c) through the translator and the encoder:
 * the examples of Rockset's vector pages (tests/server/sql/docs-examples/vector.jsonl) plus
 * nulls, vectors held in fields, int overflow, wrong types and sizes, and a zero vector. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/server/sql/test_sql_common.h"
#include "tests/cunit_main.h"

static sqlite3 *db;

static void expect(const char *sql, const char *want)
{
    tsql_expect(db, sql, NULL, want);
}

static void expect_error(const char *sql, const char *msg_part)
{
    tsql_expect_error(db, sql, msg_part);
}

static void test_enforce(void)
{
    expect("SELECT VECTOR_ENFORCE([1, 2, 3], 3, 'int') AS a,"
           " VECTOR_ENFORCE([1, 2, 3], 3, 'float') AS b,"
           " VECTOR_ENFORCE([1.5, 2.6, 3.7, 4.8], 4, 'float') AS c,"
           " VECTOR_ENFORCE([1.5, 2.6, 3.7, 4.8], 1, 'float') AS d",
           "[{\"a\":[1,2,3],\"b\":null,\"c\":[1.5,2.6,3.7,4.8],\"d\":null}]");
    /* not a vector (a string element, an object, a string): null, as the page says */
    expect("SELECT VECTOR_ENFORCE([1, 'x'], 2, 'int') AS a,"
           " VECTOR_ENFORCE({'a': 1}, 1, 'int') AS b, VECTOR_ENFORCE('x', 1, 'int') AS c,"
           " VECTOR_ENFORCE(null, 1, 'int') AS d, VECTOR_ENFORCE([1.0], 1, 'FLOAT') AS e",
           "[{\"a\":null,\"b\":null,\"c\":null,\"d\":null,\"e\":[1.0]}]");
    expect_error("SELECT VECTOR_ENFORCE([1.5, 2.6, 3.7, 4.8], 4, 1)",
                 "Passed in type must be a name of type string not of type int.");
    expect_error("SELECT VECTOR_ENFORCE([1], 1, 'double')", "the type must be 'int' or 'float'");
    expect_error("SELECT VECTOR_ENFORCE([1], 1.0, 'int')", "the length must be an int");
}

static void test_add(void)
{
    expect("SELECT VECTOR_ADD([1, 2, 3, 4], 4) AS a, VECTOR_ADD([1, 2, 3, 4], [5, 6, 7, 8]) AS b,"
           " VECTOR_ADD([1.5, 2.5], 4) AS c, VECTOR_ADD([1, 2], 0.5) AS d,"
           " VECTOR_ADD([1, 2.5], [1, 1]) AS e, VECTOR_ADD([], []) AS f",
           "[{\"a\":[5,6,7,8],\"b\":[6,8,10,12],\"c\":[5.5,6.5],\"d\":[1.5,2.5],"
           "\"e\":[2.0,3.5],\"f\":[]}]");
    expect("SELECT VECTOR_ADD(null, 1) AS a, VECTOR_ADD([1], null) AS b",
           "[{\"a\":null,\"b\":null}]");
    expect_error("SELECT VECTOR_ADD([1, 2], [1, 2, 3])",
                 "Cannot apply operation VECTOR_ADD on vectors of different sizes 2 and 3.");
    expect_error("SELECT VECTOR_ADD([9223372036854775807], 1)", "VECTOR_ADD: Integer overflow");
    expect_error("SELECT VECTOR_ADD([1], 'a')", "the addend must be an int, a float or a vector");
    expect_error("SELECT VECTOR_ADD(['a'], 1)", "VECTOR_ADD: vector elements must be of type int");
    expect_error("SELECT VECTOR_ADD(1, 1)", "VECTOR_ADD: expected an array, got int");
}

static void test_distances(void)
{
    expect("SELECT DOT_PRODUCT([1, 2, 3, 4], [5, 6, 7, 8]) AS a,"
           " EUCLIDEAN_DIST([1, 2, 3, 4], [5, 6, 7, 8]) AS b,"
           " APPROX_DOT_PRODUCT([1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]) AS c,"
           " APPROX_EUCLIDEAN_DIST([1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]) AS d,"
           " ROUND(COSINE_SIM([1, 2, 3, 4], [5, 6, 7, 8]) * 1000000) AS e,"
           " ROUND(EUCLIDEAN_DIST([1, 2, 3, 4], [5.5, 6.6, 7.7, 8.8]) * 1000000) AS f,"
           " DOT_PRODUCT([], []) AS g, COSINE_SIM([2, 0], [3, 0]) AS h",
           "[{\"a\":70,\"b\":8.0,\"c\":70.0,\"d\":8.0,\"e\":968864.0,\"f\":9302688.0,"
           "\"g\":0,\"h\":1.0}]");
    expect("WITH t AS (SELECT [1, 2] AS v) SELECT DOT_PRODUCT(t.v, [3, 4]) AS d,"
           " VECTOR_ADD(t.v, t.v) AS a FROM t",
           "[{\"d\":11,\"a\":[2,4]}]");
    expect("SELECT DOT_PRODUCT(null, [1]) AS a, COSINE_SIM([1], null) AS b",
           "[{\"a\":null,\"b\":null}]");
    expect_error("SELECT DOT_PRODUCT([5, 6], [1, 2, 3, 4])",
                 "Cannot apply operation DOT_PRODUCT on vectors of different sizes 2 and 4.");
    expect_error("SELECT DOT_PRODUCT([4611686018427387904], [2])", "DOT_PRODUCT: Integer overflow");
    expect_error("SELECT COSINE_SIM([0, 0], [1, 2])", "a vector of magnitude 0");
    expect_error("SELECT EUCLIDEAN_DIST([1, true], [1, 2])", "vector elements must be of type");
}

int main(void)
{
    static const cu_case cases[] = {
        {"VECTOR_ENFORCE", test_enforce},
        {"VECTOR_ADD", test_add},
        {"distances", test_distances},
        {NULL, NULL},
    };
    int rc;

    db = tsql_open();
    if (!db)
        return 1;
    rc = cu_run("sql_fn_vector", cases);
    sqlite3_close(db);
    return rc;
}
