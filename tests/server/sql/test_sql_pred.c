/* SPDX-License-Identifier: Apache-2.0 */
/* IN, BETWEEN and LIKE with Rockset's typing (issue #13, sql_tr_pred.c, sql_fn_pred.c): a
 * comparison of two types is null, and SQL's three-valued logic carries that null through
 * the predicate and NOT; SQLite's operators stay where the types statically agree. */
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

static void expect_error(const char *sql, const char *part)
{
    tsql_expect_error(db, sql, part);
}

/* The SQLite text of a query contains part (1) or not (0). */
static void expect_sql(const char *sql, const char *part, int present)
{
    sql_translation t;
    memset(&t, 0, sizeof t);
    CU_ASSERT_EQUAL_FATAL(sql_translate(sql, NULL, tsql_resolve, db, &t), 0);
    int has = strstr(t.sql, part) != NULL;
    if (has != present)
        fprintf(stderr, "\n%s\n  -> %s\n  want %s%s\n", sql, t.sql, present ? "" : "no ", part);
    CU_ASSERT_EQUAL(has, present);
    sql_translation_free(&t);
}

static void test_in(void)
{
    expect("SELECT 1 IN ('1') AS a, NOT (1 IN ('1')) AS b, 1 NOT IN ('1') AS c, "
           "1 IN ('1', 1) AS d, 1 IN ('1', 2) AS e, 1 IN (2, 3) AS f, 1 NOT IN (2, 3) AS g",
           "[{\"a\":null,\"b\":null,\"c\":null,\"d\":true,\"e\":null,\"f\":false,\"g\":true}]");
    /* nulls: x IN (..., null) with no match is null; a match is true all the same */
    expect("SELECT 1 IN (2, NULL) AS a, 1 IN (1, NULL) AS b, NULL IN (1) AS c, "
           "NULL NOT IN (1) AS d, 1 NOT IN (2, NULL) AS e, 1 NOT IN (1, NULL) AS f",
           "[{\"a\":null,\"b\":true,\"c\":null,\"d\":null,\"e\":null,\"f\":false}]");
    /* numbers compare across int and float; typed values by value */
    expect("SELECT 1 IN (1.0) AS a, true IN (false, true) AS b, "
           "DATE '2021-01-01' IN (DATE '2021-01-01') AS c, [1] IN ([1], 'x') AS d, "
           "TYPEOF(2 IN (1, 2)) AS t",
           "[{\"a\":true,\"b\":true,\"c\":true,\"d\":true,\"t\":\"bool\"}]");
    /* fields: age is an int, name a string, nope undefined */
    expect("SELECT _id FROM people WHERE age IN (25, '31') ORDER BY _id", "[{\"_id\":\"b\"}]");
    expect("SELECT _id FROM people WHERE NOT (age IN ('31', '25')) ORDER BY _id", "[]");
    expect("SELECT _id FROM people WHERE age NOT IN (25) ORDER BY _id",
           "[{\"_id\":\"a\"},{\"_id\":\"c\"}]");
    expect("SELECT _id FROM people WHERE nope NOT IN (1) OR name IN ('Cy') ORDER BY _id",
           "[{\"_id\":\"c\"}]");
    expect("SELECT _id FROM people WHERE _id IN ('a', 'c') AND age + 0 IN (40, 41)",
           "[{\"_id\":\"c\"}]");
    /* _id IN (subquery) stays SQLite's IN (the primary key's index) */
    expect("SELECT _id FROM people WHERE _id IN (SELECT _id FROM people WHERE age > 30) "
           "ORDER BY _id", "[{\"_id\":\"a\"},{\"_id\":\"c\"}]");
    expect_sql("SELECT name FROM people WHERE _id IN (SELECT _id FROM people)", "rs_in_miss", 0);
    /* any other IN (subquery) is typed as IN (list): another type is null, not false, so
     * NOT IN does not keep the row (it did: 1 NOT IN (SELECT '1') was true) */
    expect("SELECT 1 IN (SELECT '1') AS a, 1 NOT IN (SELECT '1') AS b, "
           "1 IN (SELECT 1.0) AS c, 2 IN (SELECT 3) AS d, 2 NOT IN (SELECT 3) AS e, "
           "true IN (SELECT 1) AS f, 2 IN (SELECT x FROM UNNEST(['1', 2] AS x)) AS g, "
           "2 IN (SELECT x FROM UNNEST([null, 1] AS x)) AS h, NULL IN (SELECT 1) AS i, "
           "1 IN (SELECT x FROM UNNEST([] AS x)) AS j",
           "[{\"a\":null,\"b\":null,\"c\":true,\"d\":false,\"e\":true,\"f\":null,"
           "\"g\":true,\"h\":null,\"i\":null,\"j\":false}]");
    expect("SELECT _id FROM people WHERE age NOT IN (SELECT '31') ORDER BY _id", "[]");
    expect_error("SELECT 1 IN (SELECT 1, 2) AS x", "The subquery of IN must select one column");
    /* an array or object x compares as a value with each (was false: SQLite's bytes) */
    expect("SELECT [1, 2.0] IN (SELECT [1, 2]) AS a, [1, 2.0] NOT IN (SELECT [1, 3]) AS b, "
           "{'b': 1, 'a': 2} IN (SELECT {'a': 2, 'b': 1}) AS c, [1] IN (SELECT 1) AS d, "
           "[1] IN (SELECT x FROM UNNEST([] AS x)) AS e, "
           "[1] IN (SELECT x FROM UNNEST([null, [2]] AS x)) AS f",
           "[{\"a\":true,\"b\":true,\"c\":true,\"d\":null,\"e\":false,\"f\":null}]");
    /* no values: false whatever x (SQLite need not read x) */
    expect("SELECT NULL IN (SELECT x FROM UNNEST([] AS x)) AS a, "
           "1 NOT IN (SELECT x FROM UNNEST([] AS x)) AS b", "[{\"a\":false,\"b\":true}]");
    /* past SQL_IN_SITES sites in one statement x is read again: the same answers */
    char sql[8192] = "SELECT ";
    for (int i = 0; i < 70; i++)
        snprintf(sql + strlen(sql), sizeof sql - strlen(sql), "%s1 IN (SELECT '1')",
                 i ? " OR " : "");
    strcat(sql, " AS a, 2 IN (SELECT 2) AS b, 3 NOT IN (SELECT 2) AS c");
    expect(sql, "[{\"a\":null,\"b\":true,\"c\":true}]");
    expect("SELECT _id FROM people WHERE tags IN (SELECT q.tags FROM people q WHERE q._id = 'a')"
           " ORDER BY _id", "[{\"_id\":\"a\"}]");
    expect_error("SELECT _id IN (SELECT 1, 2) AS x FROM people",
                 "The subquery of IN must select one column");
    expect("SELECT _id FROM people WHERE age NOT IN (SELECT 31) ORDER BY _id",
           "[{\"_id\":\"b\"},{\"_id\":\"c\"}]");
    expect("SELECT p._id FROM people p WHERE p.age IN (SELECT q.age FROM people q "
           "WHERE q._id <> p._id AND q.age > 20) ORDER BY p._id", "[]");
    /* statically agreeing types keep SQLite's IN (and _id its index) */
    expect_sql("SELECT name FROM people WHERE _id IN ('a', 'b')", "rs_in", 0);
    expect_sql("SELECT 1 IN (1, 2.5) AS x", "rs_in", 0);
    expect_sql("SELECT name FROM people WHERE age IN (1, 2)", "rs_in(", 1);
    expect_sql("SELECT 1 IN ('1') AS x", "rs_in(", 1);
}

static void test_between(void)
{
    expect("SELECT 2 BETWEEN 1 AND 3 AS a, 2 BETWEEN '1' AND 3 AS b, 5 BETWEEN '1' AND 3 AS c, "
           "NOT (2 BETWEEN '1' AND '3') AS d, 2 NOT BETWEEN 1 AND 3 AS e, "
           "'b' BETWEEN 'a' AND 'c' AS f, 2 BETWEEN NULL AND 3 AS g, 0 BETWEEN NULL AND 1 AS h, "
           "NULL NOT BETWEEN 1 AND 2 AS i",
           "[{\"a\":true,\"b\":null,\"c\":false,\"d\":null,\"e\":false,\"f\":true,"
           "\"g\":null,\"h\":null,\"i\":null}]");
    /* SQLite orders every number before every string: 'x' BETWEEN 1 AND 'z' would be true */
    expect("SELECT 'x' BETWEEN 1 AND 'z' AS a, 'x' BETWEEN 'z' AND 1 AS b, "
           "DATE '2021-06-01' BETWEEN DATE '2021-01-01' AND DATE '2021-12-31' AS c, "
           "TYPEOF(1 BETWEEN 0 AND 2) AS t",
           "[{\"a\":null,\"b\":false,\"c\":true,\"t\":\"bool\"}]");
    expect("SELECT _id FROM people WHERE age BETWEEN 26 AND 40 AND _id <> 'x' ORDER BY _id",
           "[{\"_id\":\"a\"},{\"_id\":\"c\"}]");
    expect("SELECT _id FROM people WHERE NOT (name BETWEEN 1 AND 'Z') ORDER BY _id", "[]");
    expect("SELECT _id FROM people WHERE age NOT BETWEEN 26 + 4 AND 35 ORDER BY _id",
           "[{\"_id\":\"b\"},{\"_id\":\"c\"}]");
    expect_sql("SELECT 1 BETWEEN 0 AND 2 AS x", "rs_between", 0);
    expect_sql("SELECT name FROM people WHERE age BETWEEN 1 AND 2", "rs_between(", 1);
}

static void test_like(void)
{
    expect("SELECT 'abc' LIKE 'a%' AS a, 'abc' LIKE 'A%' AS b, 'abc' LIKE '_b_' AS c, "
           "'abc' NOT LIKE '%c' AS d, 1 LIKE '1' AS e, NOT (1 LIKE '1') AS f, "
           "NULL LIKE 'a' AS g, 'a' LIKE NULL AS h, 'héllo' LIKE 'h_llo' AS i, "
           "'' LIKE '%' AS j, 'ab' LIKE '%%b%' AS k, 'abc' LIKE 'a%c%d' AS l",
           "[{\"a\":true,\"b\":false,\"c\":true,\"d\":false,\"e\":null,\"f\":null,"
           "\"g\":null,\"h\":null,\"i\":true,\"j\":true,\"k\":true,\"l\":false}]");
    expect("SELECT '10%' LIKE '10!%' ESCAPE '!' AS a, '100' LIKE '10!%' ESCAPE '!' AS b, "
           "'a_b' LIKE 'a\\_b' ESCAPE '\\' AS c, 'axb' LIKE 'a\\_b' ESCAPE '\\' AS d, "
           "TYPEOF('a' LIKE 'a') AS t",
           "[{\"a\":true,\"b\":false,\"c\":true,\"d\":false,\"t\":\"bool\"}]");
    expect("SELECT _id FROM people WHERE name LIKE '%o%' OR age LIKE '4%' ORDER BY _id",
           "[{\"_id\":\"b\"}]");
    expect("SELECT _id FROM people WHERE name NOT LIKE 'a%' ORDER BY _id",
           "[{\"_id\":\"a\"},{\"_id\":\"b\"},{\"_id\":\"c\"}]");
    expect_error("SELECT 'a' LIKE 'a' ESCAPE 'xy'", "single character");
    expect_error("SELECT 'a' LIKE 'a!' ESCAPE '!'", "ESCAPE");
}

/* The predicates inside CASE conditions and as values. */
static void test_contexts(void)
{
    expect("SELECT CASE WHEN 1 IN ('1') THEN 'in' WHEN NOT (1 IN ('1')) THEN 'out' "
           "ELSE 'null' END AS a, [1 BETWEEN 0 AND '2'] AS b, "
           "CASE WHEN 'a' LIKE 'a' THEN 1 END AS c",
           "[{\"a\":\"null\",\"b\":[null],\"c\":1}]");
    /* predicates inside TRY run as their TRY variants (test_sql_try.c has the rest) */
    expect("SELECT TRY(1 IN (1 / 0)) AS x, TRY('a' LIKE 'a' ESCAPE 'xy') AS y",
           "[{\"x\":null,\"y\":null}]");
}

int main(void)
{
    static const cu_case cases[] = {
        {"IN", test_in},
        {"BETWEEN", test_between},
        {"LIKE", test_like},
        {"contexts", test_contexts},
        {NULL, NULL},
    };
    db = tsql_open();
    if (!db)
        return 1;
    int rc = cu_run("sql_pred", cases);
    sqlite3_close(db);
    return rc;
}
