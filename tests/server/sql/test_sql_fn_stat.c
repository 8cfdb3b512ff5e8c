/* SPDX-License-Identifier: Apache-2.0 */
/* The aggregates of sql_fn_stat.c and the window functions SQLite runs natively, with the
 * Rockset types of what they answer, called through SQLite directly and through the
 * translator. Expected values are computed by hand from the rows each query builds. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/sql/sql_functions.h"
#include "tests/server/sql/test_sql_common.h"
#include "tests/cunit_main.h"

static sqlite3 *db;

#define EX(expr, want) TSQL_EX(db, expr, want)
#define ERR(expr, part) TSQL_ERR(db, expr, part)

/* s(g, a, b, f): a holds a string, a date and a null; b ints; f bools of the value model. */
static void make_table(void)
{
    const char *sql =
        "CREATE TABLE s(g, a, b, f);"
        "INSERT INTO s VALUES (1, 'x', 3, x'31'), (1, rs_date('2021-01-01'), 5, x'30'),"
        " (1, NULL, 7, NULL), (2, 'y', 2, x'31'), (2, 'z', NULL, x'31'),"
        " (3, 1.5, 2.5, 1), (3, 1, 1.0, 0);";
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
        fprintf(stderr, "make_table: %s\n", err);
    sqlite3_free(err);
}

static void test_bool_aggs(void)
{
    EX("(SELECT COUNT_IF(f) FROM s)", "int:4");
    EX("(SELECT COUNT_IF(f) FROM s WHERE g = 9)", "int:0");
    EX("(SELECT COUNT_IF(b > 2) FROM s)", "int:4");
    EX("(SELECT BOOL_AND(f) FROM s WHERE g = 1)", "bool:false");
    EX("(SELECT BOOL_AND(f) FROM s WHERE g = 2)", "bool:true");
    EX("(SELECT EVERY(f) FROM s WHERE g = 2)", "bool:true");
    EX("(SELECT BOOL_OR(f) FROM s WHERE g = 1)", "bool:true");
    EX("(SELECT BOOL_OR(f) FROM s WHERE g = 9)", "null");
    EX("(SELECT BOOL_AND(f) FROM s WHERE g = 1 AND f IS NULL)", "null");
    ERR("(SELECT BOOL_AND(a) FROM s)", "BOOL_AND: argument has type string, expected bool");
}

static void test_pick_aggs(void)
{
    EX("(SELECT MAX_BY(a, b) FROM s WHERE g = 1)", "null");        /* b = 7 has a null a */
    EX("(SELECT MAX_BY(a, b) FROM s WHERE g = 1 AND a IS NOT NULL)", "date:2021-01-01");
    EX("(SELECT MIN_BY(a, b) FROM s WHERE g = 1)", "string:x");
    EX("(SELECT MIN_BY(a, b) FROM s WHERE g = 2)", "string:y");    /* a null b is skipped */
    EX("(SELECT MAX_BY(f, b) FROM s WHERE g IN (1, 2))", "null");
    EX("(SELECT MAX_BY(f, b) FROM s WHERE g = 2)", "bool:true");
    EX("(SELECT MIN_BY(a, b) FROM s WHERE g = 3)", "int:1");         /* 1.0 < 2.5 */
    EX("(SELECT ARBITRARY(a) FROM s WHERE g = 1 AND b = 5)", "date:2021-01-01");
    EX("(SELECT ARBITRARY(a) FROM s WHERE g = 9)", "null");
    EX("(SELECT APPROX_DISTINCT(g) FROM s)", "int:3");
    EX("(SELECT APPROX_DISTINCT(a, 0.01) FROM s)", "int:6");
    EX("(SELECT APPROX_DISTINCT(x) FROM (SELECT 1 AS x UNION ALL SELECT 1.0 UNION ALL"
       " SELECT '1' UNION ALL SELECT x'31'))", "int:3");
    EX("(SELECT APPROX_DISTINCT(a) FROM s WHERE g = 9)", "int:0");
}

static void test_stat_aggs(void)
{
    /* b: 3, 5, 7, 2, 2.5, 1.0 (mean 3.416..., squared deviations sum 24.208333...) */
    EX("(SELECT VAR_POP(b) FROM s WHERE g = 1)", "float:2.6666666666666665");
    EX("(SELECT VAR_SAMP(b) FROM s WHERE g = 1)", "float:4.0");
    EX("(SELECT VARIANCE(b) FROM s WHERE g = 1)", "float:4.0");
    EX("(SELECT STDDEV(b) FROM s WHERE g = 1)", "float:2.0");
    EX("(SELECT STDDEV_SAMP(b) FROM s WHERE g = 1)", "float:2.0");
    EX("(SELECT STDDEV_POP(b) FROM s WHERE g = 2)", "float:0.0");
    EX("(SELECT STDDEV_SAMP(b) FROM s WHERE g = 2)", "null");       /* one value */
    ERR("(SELECT STDDEV(a) FROM s)", "STDDEV: argument has type string, expected int or float");
    EX("(SELECT APPROX_PERCENTILE(b, 0.5) FROM s WHERE g = 1)", "int:5");
    EX("(SELECT APPROX_PERCENTILE(b, 0) FROM s WHERE g = 1)", "int:3");
    EX("(SELECT APPROX_PERCENTILE(b, 1, 0.01) FROM s WHERE g = 1)", "int:7");
    EX("(SELECT APPROX_PERCENTILE(b, 0.5) FROM s WHERE g = 3)", "float:1.0");
    ERR("(SELECT APPROX_PERCENTILE(b, 1.5) FROM s)", "between 0 and 1");
    EX("(SELECT APPROX_PERCENTILE(b, 0.5) FROM s WHERE g = 9)", "null");
}

/* SQLite's own window functions pass the values of the model through unchanged. */
static void test_windows(void)
{
    EX("(SELECT group_concat(r, ',') FROM (SELECT ROW_NUMBER() OVER (ORDER BY b) AS r FROM s"
       " WHERE g = 1))", "string:1,2,3");
    EX("(SELECT group_concat(r || ':' || d, ',') FROM (SELECT RANK() OVER w AS r,"
       " DENSE_RANK() OVER w AS d FROM (SELECT 1 AS v UNION ALL SELECT 1 UNION ALL SELECT 2)"
       " WINDOW w AS (ORDER BY v)))", "string:1:1,1:1,3:2");
    EX("(SELECT LAG(a) OVER (ORDER BY b) FROM s WHERE g = 1 ORDER BY b LIMIT 1 OFFSET 1)",
       "string:x");
    EX("(SELECT LEAD(a) OVER (ORDER BY b) FROM s WHERE g = 1 ORDER BY b LIMIT 1)",
       "date:2021-01-01");
    EX("(SELECT FIRST_VALUE(f) OVER (ORDER BY b) FROM s WHERE g = 1 ORDER BY b DESC LIMIT 1)",
       "bool:true");
    EX("(SELECT LAST_VALUE(a) OVER (ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND"
       " UNBOUNDED FOLLOWING) FROM s WHERE g = 1 AND a IS NOT NULL LIMIT 1)", "date:2021-01-01");
    EX("(SELECT group_concat(t, ',') FROM (SELECT NTILE(2) OVER (ORDER BY b) AS t FROM s"
       " WHERE g = 1))", "string:1,1,2");
    EX("(SELECT group_concat(p || '/' || cd, ',') FROM (SELECT PERCENT_RANK() OVER w AS p,"
       " CUME_DIST() OVER w AS cd FROM s WHERE g = 1 WINDOW w AS (ORDER BY b)))",
       "string:0.0/0.333333333333333,0.5/0.666666666666667,1.0/1.0");
    /* MAX_BY and the other picking and statistical aggregates are not window functions */
    ERR("(SELECT MAX_BY(a, b) OVER () FROM s WHERE g = 2 LIMIT 1)",
        "MAX_BY() may not be used as a window function");
    EX("(SELECT COUNT_IF(f) OVER (ORDER BY b) FROM s WHERE g = 1 ORDER BY b DESC LIMIT 1)",
       "int:1");
    EX("(SELECT group_concat(x, ',') FROM (SELECT rs_cast(BOOL_AND(f) OVER (ORDER BY b ROWS"
       " 1 PRECEDING), 'string', 1) AS x FROM s WHERE g IN (1, 2) AND f IS NOT NULL))",
       "string:true,true,true,false");
}

/* Every name docs/sql.md lists as registered (the second column of its function list) is a
 * function of the connection, or a word the translator rewrites into one (below). */
static void test_doc_list(void)
{
    static const char *const rewritten[][2] = {
        { "CURRENT_DATE", "rs_current_date" }, { "CURRENT_TIME", "rs_current_time" },
        { "CURRENT_DATETIME", "rs_current_datetime" }, { "CURRENT_TIMESTAMP", "rs_now" },
        { "NOW", "rs_now" }, { "LOCALTIMESTAMP", "rs_now" }, { "DATETIME", "rs_datetime" },
        { "TIMESTAMP", "rs_timestamp" }, { "EXTRACT", "rs_extract" }, { "IF", "iif" },
        { "CAST", "rs_cast" }, { "TRY_CAST", "rs_cast" }, { "TYPEOF", "rs_typeof" },
        { "LENGTH", "rs_length" },
    };
    const char *top = getenv("top_srcdir");
    char path[4096], line[8192];
    snprintf(path, sizeof path, "%s/docs/sql.md", top && *top ? top : ".");
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    int in = 0, names = 0;
    sqlite3_stmt *st = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(db, "SELECT count(*) FROM pragma_function_list"
                                             " WHERE name = lower(?1)", -1, &st, NULL),
                          SQLITE_OK);
    while (fgets(line, sizeof line, f)) {
        if (strstr(line, "<!-- function list"))
            in = 1;
        else if (strstr(line, "<!-- end of function list"))
            in = 0;
        if (!in || line[0] != '|' || strncmp(line, "|---", 4) == 0)
            continue;
        char *col = strchr(line + 1, '|'), *end = col ? strchr(col + 1, '|') : NULL;
        if (!end)
            continue;
        *end = '\0';
        for (char *p = strchr(col, '`'); p; p = strchr(p + 1, '`')) {
            char *q = strchr(p + 1, '`');
            if (!q)
                break;
            *q = '\0';
            const char *name = p + 1;
            for (size_t k = 0; k < sizeof rewritten / sizeof rewritten[0]; k++)
                if (strcmp(name, rewritten[k][0]) == 0)
                    name = rewritten[k][1];
            sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
            int found = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
            sqlite3_reset(st);
            if (!found)
                fprintf(stderr, "\ndocs/sql.md lists %s, which is not registered\n", p + 1);
            CU_ASSERT_TRUE(found);
            names++;
            p = q;
        }
    }
    sqlite3_finalize(st);
    fclose(f);
    CU_ASSERT_TRUE(names > 100);
}

/* Through the translator and the encoder. */
static void test_wire(void)
{
    tsql_expect(db, "SELECT COUNT_IF(x > 1) AS c, BOOL_AND(x > 0) AS b, MAX_BY(y, x) AS m,"
                " APPROX_DISTINCT(x) AS d FROM (SELECT 1 AS x, DATE '2021-01-01' AS y"
                " UNION ALL SELECT 2, DATE '2022-02-02')", NULL,
                "[{\"c\":1,\"b\":true,\"m\":{\"__rockset_type\":\"DATE\",\"value\":"
                "\"2022-02-02\"},\"d\":2}]");
    tsql_expect(db, "SELECT ROW_NUMBER() OVER (ORDER BY x DESC) AS r, LAG(x) OVER"
                " (ORDER BY x) AS l FROM (SELECT 1 AS x UNION ALL SELECT 2) ORDER BY x", NULL,
                "[{\"r\":2,\"l\":null},{\"r\":1,\"l\":1}]");
}

int main(void)
{
    static const cu_case cases[] = {
        {"bool aggregates", test_bool_aggs},
        {"picking aggregates", test_pick_aggs},
        {"statistical aggregates", test_stat_aggs},
        {"window functions", test_windows},
        {"on the wire", test_wire},
        {"docs/sql.md lists registered functions", test_doc_list},
        {NULL, NULL},
    };
    int rc;

    db = tsql_open();
    if (!db)
        return 1;
    srv_sql_register_functions(db);
    make_table();
    rc = cu_run("sql_fn_stat", cases);
    sqlite3_close(db);
    return rc;
}
