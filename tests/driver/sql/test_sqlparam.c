/* SPDX-License-Identifier: Apache-2.0 */
/* Marker context inference (driver/sql/sqlparam.c): which field, pattern or count each marker
 * stands for, from the statement text alone; and the contexts it must not guess from. */
#include "driver/sql/sqlparam.h"
#include "tests/cunit_main.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One expectation per marker: "coll|field" (coll "*" = any FROM collection), "LIKE",
 * "LIMIT" or NULL (unknown). */
static void check(const char *sql, const char *ws, const char *const *want, size_t nwant)
{
    rs_sql_rewrite rw;
    rs_sqlparam_info info;
    char err[256], got[256];

    CU_ASSERT_EQUAL_FATAL(rs_sql_rewrite_run(sql, -1, &rw, err, sizeof err), 0);
    CU_ASSERT_EQUAL_FATAL(rs_sqlparam_infer(&rw, ws, &info), 0);
    CU_ASSERT_EQUAL(info.nparams, nwant);
    for (size_t k = 0; k < info.nparams && k < nwant; k++) {
        const rs_sqlparam *m = &info.params[k];
        switch (m->kind) {
        case RS_SQLPARAM_FIELD:
            snprintf(got, sizeof got, "%s|%s",
                     m->collection < 0 ? "*" : info.collections[m->collection], m->field);
            break;
        case RS_SQLPARAM_STRING: snprintf(got, sizeof got, "LIKE"); break;
        case RS_SQLPARAM_INT: snprintf(got, sizeof got, "LIMIT"); break;
        default: got[0] = '\0'; break;
        }
        if (strcmp(got, want[k] ? want[k] : "") != 0) {
            fprintf(stderr, "\n  %s\n  marker %zu: got '%s', want '%s'\n", sql, k + 1, got,
                    want[k] ? want[k] : "");
            CU_FAIL("marker context");
        }
    }
    rs_sqlparam_free(&info);
    rs_sql_rewrite_free(&rw);
}

#define CHECK(sql, ...)                                                                    \
    do {                                                                                   \
        const char *const w_[] = {__VA_ARGS__};                                            \
        check(sql, NULL, w_, sizeof w_ / sizeof w_[0]);                                    \
    } while (0)

static void test_comparisons(void)
{
    CHECK("SELECT name FROM commons.sample WHERE id = ?", "commons.sample|id");
    CHECK("SELECT * FROM sample WHERE ? = id", "commons.sample|id");
    CHECK("SELECT * FROM sample WHERE id<>? AND qty!=? OR price<=? AND ratio>=? AND a<? AND b>?",
          "commons.sample|id", "commons.sample|qty", "commons.sample|price",
          "commons.sample|ratio", "commons.sample|a", "commons.sample|b");
    CHECK("SELECT * FROM sample WHERE (id = ?) AND (? < qty)", "commons.sample|id",
          "commons.sample|qty");
    CHECK("SELECT * FROM sample WHERE id = :x AND :x > 3 AND name = :y",
          "commons.sample|id", "commons.sample|name");
}

static void test_in_between_like_limit(void)
{
    CHECK("SELECT * FROM commons.sample WHERE id IN (?, 3, ?) AND qty NOT IN (?)",
          "commons.sample|id", "commons.sample|id", "commons.sample|qty");
    CHECK("SELECT * FROM commons.sample WHERE updated BETWEEN ? AND ? AND id NOT BETWEEN 1 AND ?",
          "commons.sample|updated", "commons.sample|updated", "commons.sample|id");
    CHECK("SELECT * FROM commons.sample WHERE name LIKE ? AND note NOT LIKE ?", "LIKE", "LIKE");
    CHECK("SELECT * FROM commons.sample ORDER BY id LIMIT ? OFFSET ?", "LIMIT", "LIMIT");
}

static void test_qualified_and_aliases(void)
{
    CHECK("SELECT * FROM commons.sample s WHERE s.id = ?", "commons.sample|id");
    CHECK("SELECT * FROM commons.sample AS s JOIN sales.orders o ON o.cust = s.id "
          "WHERE o.total > ? AND s.name = ? AND commons.sample.qty = ? AND sample.price = ?",
          "sales.orders|total", "commons.sample|name", "commons.sample|qty",
          NULL /* the alias hides the collection's name */);
    CHECK("SELECT * FROM commons.sample WHERE sample.id = ?", "commons.sample|id");
    /* unqualified over two collections: whichever has the field */
    CHECK("SELECT * FROM commons.sample, sales.orders WHERE total = ?", "*|total");
    /* quoted identifiers, a workspace with dots, the default workspace option */
    CHECK("SELECT * FROM \"my.ws\".`co``ll` AS \"T\" WHERE \"T\".\"a\"\"b\" = ?",
          "my.ws.co`ll|a\"b");
    CHECK("OPTION(default_workspace='sales') SELECT * FROM orders WHERE total = ?",
          "sales.orders|total");
    {
        const char *const w[] = {"prod.orders|total"};
        check("SELECT * FROM orders WHERE total = ?", "prod", w, 1);
    }
    /* a subquery's own FROM; an unqualified field takes it */
    CHECK("SELECT * FROM (SELECT id, name FROM commons.sample) t WHERE id = ? AND t.name = ?",
          "commons.sample|id", NULL);
    /* escapes are translated first: {fn} calls are expressions, not fields */
    CHECK("SELECT * FROM commons.sample WHERE {fn UCASE(name)} = ? AND {d '2021-01-01'} < ?",
          NULL, NULL);
}

/* Contexts that must stay unknown: guessing would send a type that matches nothing. */
static void test_unknown(void)
{
    CHECK("SELECT ? AS p, COUNT(*) FROM commons.sample WHERE ? IS NULL", NULL, NULL);
    CHECK("SELECT * FROM commons.sample WHERE id + 1 = ? AND id = ? * 2 AND -qty = ?", NULL,
          NULL, NULL);
    CHECK("SELECT * FROM commons.sample WHERE address.city = ? AND s.address = ?", NULL, NULL);
    CHECK("SELECT * FROM commons.sample WHERE LOWER(name) = ? AND tags[1] = ? AND id::string = ?",
          NULL, NULL, NULL);
    CHECK("SELECT * FROM commons.sample WHERE TRUE = ? AND id IN (SELECT ?) AND f(?, ?) = 1",
          NULL, NULL, NULL, NULL);
    CHECK("SELECT ? FROM commons.sample WHERE 'x' = ? AND 3 < ?", NULL, NULL, NULL);
    CHECK("SELECT 1 WHERE a = ?", NULL); /* no collection at all */
    CHECK("SELECT EXTRACT(YEAR FROM d) FROM commons.sample WHERE d2 = ?", "commons.sample|d2");
    CHECK("{call commons.lam(?, ?)}", NULL, NULL);
    CHECK("SELECT * FROM commons.sample CROSS JOIN UNNEST(tags) AS u WHERE u.x = ?", NULL);
}

int main(void)
{
    static const cu_case cases[] = {
        {"comparisons, both sides, named markers", test_comparisons},
        {"IN, BETWEEN, LIKE, LIMIT/OFFSET", test_in_between_like_limit},
        {"qualified fields, aliases, joins, quoting, workspaces", test_qualified_and_aliases},
        {"contexts left unknown", test_unknown},
        {NULL, NULL},
    };
    return cu_run("sqlparam", cases);
}
