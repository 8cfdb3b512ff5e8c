/* SPDX-License-Identifier: Apache-2.0 */
/* The select list read from the text: output names as Rockset gives them, and which items
 * read a top-level field, directly or through an aggregate (driver/sql/sqlselect.h). */
#include "driver/sql/sqlselect.h"
#include "tests/cunit_main.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* want: "name kind agg field" per item, ';'-separated, kind F/A/O, '-' for none. */
static void expect(const char *sql, const char *want)
{
    rs_sel_item *it = NULL;
    int n = rs_sql_select_items(sql, &it);
    char got[1024] = "";
    size_t len = 0;

    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(got + len, sizeof got - len, "%s%s %c %s %s", i ? ";" : "",
                                it[i].name,
                                it[i].kind == RS_SEL_FIELD ? 'F' : it[i].kind == RS_SEL_AGG ? 'A' : 'O',
                                it[i].agg[0] ? it[i].agg : "-", it[i].field ? it[i].field : "-");
    if (strcmp(got, want) != 0)
        fprintf(stderr, "\n  sql:  %s\n  want: %s\n  got:  %s\n", sql, want, got);
    CU_ASSERT_STRING_EQUAL(got, want);
    rs_sql_select_items_free(it, n);
}

static void test_fields_and_aliases(void)
{
    expect("SELECT id, name AS n, \"price\" p FROM commons.sample",
           "id F - id;n F - name;p F - price");
    expect("SELECT s.id, o.amount FROM commons.sample s JOIN sales.orders AS o ON s.id = o.sample_id",
           "id F - id;amount F - amount");
    expect("SELECT sample.id FROM commons.sample", "id F - id");
    /* a nested field is named by its last part; DESCRIBE's top level does not type it */
    expect("SELECT address.city FROM commons.sample", "city O - -");
    expect("select `we\"ird` from t", "we\"ird F - we\"ird");
}

static void test_aggregates(void)
{
    expect("SELECT COUNT(*), SUM(qty), min(price) AS lo, MAX(DISTINCT s.created) FROM commons.sample s",
           "?count A COUNT -;?sum A SUM qty;lo A MIN price;?max A MAX created");
    expect("SELECT AVG(x.y.z) FROM t", "?avg A AVG -");
}

static void test_other_items(void)
{
    expect("SELECT 1, TRUE, price * qty AS total, LEFT(name, 2), CASE WHEN a THEN 1 END FROM t",
           "?field0 O - -;?field1 O - -;total O - -;?field3 O - -;?field4 O - -");
    expect("SELECT id FROM t WHERE x = 1 ORDER BY id LIMIT 3", "id F - id");
    expect("SELECT DISTINCT region FROM sales.orders GROUP BY region", "region F - region");
}

static void test_not_a_select(void)
{
    expect("DESCRIBE commons.sample", "");
    expect("", "");
    expect("SELECT 'unterminated", "");
    expect("WITH x AS (SELECT 1) SELECT * FROM x", "");
}

int main(void)
{
    static const cu_case cases[] = {
        {"fields and aliases", test_fields_and_aliases},
        {"aggregates", test_aggregates},
        {"other items", test_other_items},
        {"statements that are no plain select", test_not_a_select},
        {NULL, NULL},
    };
    return cu_run("sqlselect", cases);
}
