/* SPDX-License-Identifier: Apache-2.0 */
/* Arrays and objects compared as values (server/sql/sql_json_cmp.c): the comparison on JSON
 * texts in both modes, then through the translator (= < ..., the array functions), where
 * each case of issue #13's list answered wrong while they compared by their JSON text. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/sql/sql_functions.h"
#include "server/sql/sql_json_cmp.h"
#include "tests/server/sql/test_sql_common.h"
#include "tests/cunit_main.h"

static sqlite3 *db;

/* The sign of sql_json_cmp(a, b) in mode, or 9 when it is unknown. */
static int jc(const char *a, const char *b, sql_json_mode mode)
{
    int r = 42;
    if (sql_json_cmp(a, strlen(a), b, strlen(b), mode, &r) != 0)
        return 9;
    return (r > 0) - (r < 0);
}

/* Both modes agree on a and b (a comparison Rockset answers), both directions. */
static void same_at(const char *a, const char *b, int want, int line)
{
    int o = jc(a, b, SQL_JSON_ORDER), ro = jc(a, b, SQL_JSON_ROCKSET);
    int o2 = jc(b, a, SQL_JSON_ORDER), ro2 = jc(b, a, SQL_JSON_ROCKSET);
    if (o != want || ro != want || o2 != -want || ro2 != -want)
        fprintf(stderr, "\n  line %d: %s vs %s: want %d, order %d/%d rockset %d/%d\n", line,
                a, b, want, o, o2, ro, ro2);
    CU_ASSERT(o == want && ro == want && o2 == -want && ro2 == -want);
}
#define SAME(a, b, want) same_at(a, b, want, __LINE__)

/* Rockset's comparison is unknown, the total order answers want. */
static void unknown_at(const char *a, const char *b, int want, int line)
{
    int o = jc(a, b, SQL_JSON_ORDER), ro = jc(a, b, SQL_JSON_ROCKSET);
    int o2 = jc(b, a, SQL_JSON_ORDER);
    if (o != want || ro != 9 || o2 != -want)
        fprintf(stderr, "\n  line %d: %s vs %s: want %d/unknown, order %d/%d rockset %d\n",
                line, a, b, want, o, o2, ro);
    CU_ASSERT(o == want && ro == 9 && o2 == -want);
}
#define UNKNOWN(a, b, want) unknown_at(a, b, want, __LINE__)

static void test_arrays(void)
{
    SAME("[1,2]", "[1,10]", -1);                  /* element by element, not text */
    SAME("[1,2.0]", "[1,2]", 0);
    SAME("[2.5]", "[2]", 1);
    SAME("[1]", "[1,0]", -1);                     /* the shorter first */
    SAME("[]", "[]", 0);
    SAME("[]", "[null]", -1);
    SAME("[ 1 , 2 ]", "[1,2]", 0);                /* white space is no difference */
    SAME("[[1,10],[2]]", "[[1,2],[3]]", 1);       /* nested */
    SAME("[[1,[2.0,\"a\"]]]", "[[1,[2,\"a\"]]]", 0);
    SAME("[null]", "[null]", 0);                  /* null equals null inside */
    SAME("[true]", "[false]", 1);
    SAME("[1,\"a\"]", "[2,3]", -1);               /* decided before the kinds differ */
    /* big ints exactly, and an int above 2^53 against the float below it */
    SAME("[9223372036854775807]", "[9223372036854775806]", 1);
    SAME("[9007199254740993]", "[9007199254740992.0]", 1);
    SAME("[-9223372036854775808]", "[-9223372036854775807]", -1);
    SAME("[1e2]", "[100]", 0);
    SAME("[3]", "[2.5]", 1);
    SAME("[-3]", "[-2.5]", -1);
    SAME("[-2]", "[-2.5]", 1);
    SAME("[9223372036854775807]", "[9.3e18]", -1);        /* floats past int64's range */
    SAME("[-9223372036854775808]", "[-9.3e18]", 1);
    SAME("[99999999999999999999]", "[9223372036854775807]", 1);   /* read as a float */
    SAME("[-0.5]", "[-0.25]", -1);
    UNKNOWN("[1,\"a\"]", "[1,2]", 1);              /* string ranks above number */
    UNKNOWN("[null]", "[1]", -1);
    UNKNOWN("[[1]]", "[{\"a\":1}]", 1);
    UNKNOWN("[1]", "[\"1\"]", -1);
}

static void test_objects(void)
{
    SAME("{\"a\":1,\"b\":2}", "{\"b\":2,\"a\":1}", 0);   /* a map: order is no difference */
    SAME("{\"a\":1,\"b\":2}", "{\"b\":2,\"a\":1.0}", 0);
    SAME("{\"a\":1,\"b\":2}", "{\"b\":3,\"a\":1}", -1);
    SAME("{\"a\":1}", "{\"b\":0}", -1);                  /* keys first */
    SAME("{\"a\":1}", "{\"a\":1,\"b\":0}", -1);          /* then the count */
    SAME("{}", "{}", 0);
    SAME("{}", "{\"a\":null}", -1);
    SAME("{\"x\":{\"a\":[1,{\"c\":1,\"d\":2}]}}", "{\"x\":{\"a\":[1,{\"d\":2,\"c\":1}]}}", 0);
    /* escapes in keys and strings are read: \u0061 is a, \" is a quote */
    SAME("{\"\\u0061\":1}", "{\"a\":1}", 0);
    SAME("[\"\\u00e9\"]", "[\"\xc3\xa9\"]", 0);
    SAME("[\"\\ud83d\\ude00\"]", "[\"\xf0\x9f\x98\x80\"]", 0);   /* a surrogate pair */
    SAME("[\"a\\\"b\"]", "[\"a\\u0022b\"]", 0);
    SAME("[\"a\\nb\"]", "[\"a\\u000ab\"]", 0);
    SAME("[\"\\\\\"]", "[\"\\u005c\"]", 0);
    SAME("[\"ab\"]", "[\"a\\u0062c\"]", -1);
    /* unicode keys order by their UTF-8 bytes, as strings do */
    SAME("{\"\xc3\xa9\":1,\"z\":2}", "{\"z\":2,\"\\u00e9\":1}", 0);
    SAME("{\"\xc3\xa9\":1}", "{\"z\":1}", 1);
    UNKNOWN("{\"a\":1}", "{\"a\":\"1\"}", -1);
    /* many members: past the fixed 16 the member list is on the heap */
    char a[512] = "{", b[512] = "{";
    for (int i = 0; i < 40; i++) {
        char m[32];
        snprintf(m, sizeof m, "%s\"k%02d\":%d", i ? "," : "", i, i);
        strcat(a, m);
        snprintf(m, sizeof m, "%s\"k%02d\":%d", i ? "," : "", 39 - i, 39 - i);
        strcat(b, m);
    }
    strcat(a, "}");
    strcat(b, "}");
    SAME(a, b, 0);
    char *c = strstr(b, "\"k07\":7");
    c[6] = '8';
    SAME(a, b, -1);
}

static void test_typed(void)
{
#define W(t, v) "{\"__rockset_type\":\"" t "\",\"value\":" v "}"
    SAME("[" W("DATE", "\"2020-01-02\"") "]", "[" W("DATE", "\"2020-01-01\"") "]", 1);
    SAME("[" W("date", "\"2020-01-02\"") "]", "[" W("DATE", "\"2020-01-02\"") "]", 0);
    /* intervals by count, not by the text of the count */
    SAME(W("MICROSECOND_INTERVAL", "\"-5\""), W("MICROSECOND_INTERVAL", "\"10\""), -1);
    SAME(W("MONTH_INTERVAL", "\"9\""), W("MONTH_INTERVAL", "\"10\""), -1);
    /* bytes by bytes, not by base64: AAE= is 00 01, /w== is ff */
    SAME(W("BYTES", "\"AAE=\""), W("BYTES", "\"/w==\""), -1);
    SAME(W("U256", "\"9\""), W("U256", "\"10\""), -1);
    SAME("{\"value\":\"10:00:00\",\"__rockset_type\":\"TIME\"}", W("TIME", "\"10:00:00\""), 0);
    SAME(W("TIMESTAMP", "\"2020-01-01T00:00:00.000000Z\""),
         W("TIMESTAMP", "\"2020-01-01T00:00:01.000000Z\""), -1);
    /* two types do not compare; a typed value is no plain object */
    UNKNOWN("[" W("DATE", "\"2020-01-02\"") "]", "[" W("DATETIME", "\"2020-01-01T00:00:00\"") "]",
            -1);
    UNKNOWN(W("DATE", "\"2020-01-02\""), "{\"a\":1}", -1);
    /* a wrapper nested in a member is an ordinary object that holds one */
    CU_ASSERT_EQUAL(sql_json_kind("{\"x\":" W("DATE", "\"2020-01-02\"") "}", 46),
                    SQL_JSON_OBJECT);
    CU_ASSERT_EQUAL(sql_json_kind(W("DATE", "\"2020-01-02\""), 46), SQL_JSON_TYPED);
#undef W
}


/* ---- random values: two spellings of one value, and the order's laws ---- */

static unsigned long long rng = 20261206;

static unsigned rnd(unsigned n)
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(rng >> 33) % n;
}

typedef struct gen_out {
    char a[4096], b[4096];              /* the same value, spelled two ways */
    size_t na, nb;
} gen_out;

static void put2(gen_out *g, const char *x, const char *y)
{
    size_t lx = strlen(x), ly = strlen(y);
    if (g->na + lx < sizeof g->a && g->nb + ly < sizeof g->b) {
        memcpy(g->a + g->na, x, lx + 1);
        memcpy(g->b + g->nb, y, ly + 1);
        g->na += lx, g->nb += ly;
    }
}

/* One random value: b spells ints as floats where exact, escapes string bytes as \u00XX
 * and writes object members in the reverse order. */
static void gen_value(gen_out *g, int depth)
{
    char x[64], y[64];
    unsigned kind = rnd(depth > 2 ? 5 : 7);
    switch (kind) {
    case 0: put2(g, "null", "null"); break;
    case 1: {
        const char *t = rnd(2) ? "true" : "false";
        put2(g, t, t);
        break;
    }
    case 2: {
        int v = (int)rnd(7) - 3;
        snprintf(x, sizeof x, "%d", v);
        snprintf(y, sizeof y, rnd(2) ? "%d.0" : "%d", v);
        put2(g, x, y);
        break;
    }
    case 3: snprintf(x, sizeof x, "%d.5", (int)rnd(5) - 2); put2(g, x, x); break;
    case 4: {
        char c1 = (char)('a' + rnd(3)), c2 = (char)('a' + rnd(3));
        snprintf(x, sizeof x, "\"%c%c\"", c1, c2);
        snprintf(y, sizeof y, "\"\\u%04x%c\"", (unsigned)c1, c2);
        put2(g, x, y);
        break;
    }
    case 5: {
        unsigned n = rnd(4);
        put2(g, "[", "[");
        for (unsigned i = 0; i < n; i++) {
            if (i)
                put2(g, ",", ",");
            gen_value(g, depth + 1);
        }
        put2(g, "]", "]");
        break;
    }
    default: {
        /* members k0..k3, a random subset; b in reverse order */
        unsigned mask = rnd(16), n = 0;
        gen_out sub[4];
        for (unsigned i = 0; i < 4; i++) {
            if (!(mask & 1u << i))
                continue;
            sub[n].na = sub[n].nb = 0;
            snprintf(x, sizeof x, "\"k%u\":", i);
            put2(&sub[n], x, x);
            gen_value(&sub[n], depth + 1);
            n++;
        }
        put2(g, "{", "{");
        for (unsigned i = 0; i < n; i++) {
            gen_out *f = &sub[i], *r = &sub[n - 1 - i];
            if (i)
                put2(g, ",", ",");
            if (g->na + f->na < sizeof g->a && g->nb + r->nb < sizeof g->b) {
                memcpy(g->a + g->na, f->a, f->na + 1);
                memcpy(g->b + g->nb, r->b, r->nb + 1);
                g->na += f->na, g->nb += r->nb;
            }
        }
        put2(g, "}", "}");
        break;
    }
    }
}

/* Two spellings of one value compare equal; the total order is antisymmetric and
 * transitive over random arrays. */
static void test_random(void)
{
    enum { N = 60 };
    static gen_out v[N];
    int bad = 0;
    for (int i = 0; i < N; i++) {
        v[i].na = v[i].nb = 0;
        v[i].a[0] = v[i].b[0] = '\0';
        put2(&v[i], "[", "[");
        gen_value(&v[i], 1);
        put2(&v[i], ",", ",");
        gen_value(&v[i], 1);
        put2(&v[i], "]", "]");
        if (jc(v[i].a, v[i].b, SQL_JSON_ORDER) != 0 || jc(v[i].a, v[i].b, SQL_JSON_ROCKSET) != 0)
            bad++, fprintf(stderr, "\n  not equal: %s vs %s\n", v[i].a, v[i].b);
    }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int ij = jc(v[i].a, v[j].a, SQL_JSON_ORDER);
            if (ij != -jc(v[j].b, v[i].b, SQL_JSON_ORDER))
                bad++, fprintf(stderr, "\n  not antisymmetric: %s vs %s\n", v[i].a, v[j].a);
            int rk = jc(v[i].a, v[j].b, SQL_JSON_ROCKSET);
            if (rk != 9 && rk != ij)
                bad++, fprintf(stderr, "\n  modes differ: %s vs %s\n", v[i].a, v[j].a);
            for (int k = 0; k < N && ij <= 0; k++)
                if (jc(v[j].a, v[k].b, SQL_JSON_ORDER) <= 0 &&
                    jc(v[i].b, v[k].a, SQL_JSON_ORDER) > 0)
                    bad++, fprintf(stderr, "\n  not transitive: %s %s %s\n", v[i].a, v[j].a,
                                   v[k].a);
        }
    CU_ASSERT_EQUAL(bad, 0);
}

/* Bad JSON text never crashes and still orders (by bytes). */
static void test_invalid(void)
{
    CU_ASSERT_NOT_EQUAL(jc("[1,", "[1,2]", SQL_JSON_ORDER), 9);
    CU_ASSERT_NOT_EQUAL(jc("{\"a\"}", "{\"a\":1}", SQL_JSON_ORDER), 9);
    CU_ASSERT_EQUAL(jc("[\"\\u12\"]", "[\"\\u12\"]", SQL_JSON_ORDER), 0);
    char deep[1200];
    memset(deep, '[', 600);
    memset(deep + 600, ']', 600);
    deep[1200 - 1] = '\0';
    CU_ASSERT_NOT_EQUAL(jc(deep, "[[1]]", SQL_JSON_ORDER), 9);
}

/* The cases of issue #13 through the translator. */
static void test_sql(void)
{
    tsql_expect(db, "SELECT {'a':1,'b':2} = {'b':2,'a':1} AS r", NULL, "[{\"r\":true}]");
    tsql_expect(db, "SELECT [1, 2.0] = [1, 2] AS r", NULL, "[{\"r\":true}]");
    tsql_expect(db, "SELECT [1,2] < [1,10] AS r", NULL, "[{\"r\":true}]");
    tsql_expect(db, "SELECT [1,2] <> [1,2.0] AS r", NULL, "[{\"r\":false}]");
    tsql_expect(db, "SELECT [1,'a'] = [1,2] AS r", NULL, "[{\"r\":null}]");
    tsql_expect(db, "SELECT [DATE '2020-01-02'] > [DATE '2020-01-01'] AS r", NULL,
                "[{\"r\":true}]");
    tsql_expect(db, "SELECT ARRAY_CONTAINS([{'a':1,'b':2}], {'b':2,'a':1}) AS r", NULL,
                "[{\"r\":true}]");
    tsql_expect(db, "SELECT ARRAY_POSITION([[1,10],[1,2.0]], [1,2]) AS r", NULL,
                "[{\"r\":2}]");
    tsql_expect(db, "SELECT ARRAY_SORT([[1,10],[1,2],[1],[]]) AS r", NULL,
                "[{\"r\":[[],[1],[1,2],[1,10]]}]");
    tsql_expect(db, "SELECT ARRAY_DISTINCT([{'a':1,'b':2},{'b':2,'a':1}]) AS r", NULL,
                "[{\"r\":[{\"a\":1,\"b\":2}]}]");
    tsql_expect(db, "SELECT ARRAY_SORT([[INTERVAL '10' DAY], [INTERVAL '-5' DAY]]) = "
                "[[INTERVAL '-5' DAY], [INTERVAL '10' DAY]] AS r", NULL, "[{\"r\":true}]");
    tsql_expect(db, "SELECT GREATEST([1,2], [1,10]) AS r", NULL, "[{\"r\":[1,10]}]");
    tsql_expect(db, "SELECT ARRAY_MAX([[1,2],[1,10]]) AS r, ARRAY_MIN([[1,2],[1,10]]) AS s",
                NULL, "[{\"r\":[1,10],\"s\":[1,2]}]");
    tsql_expect_error(db, "SELECT ARRAY_MAX([[1],['a']])", "do not compare");
    tsql_expect(db, "SELECT [1,2] IN ([1,2.0]) AS r, [3] BETWEEN [1,5] AND [10] AS s", NULL,
                "[{\"r\":true,\"s\":true}]");
    tsql_expect(db, "SELECT JSON_PARSE('{\"\\u0061\":[\"\\u00e9\"]}') = {'a':['\xc3\xa9']} AS r",
                NULL, "[{\"r\":true}]");
}

int main(void)
{
    static const cu_case cases[] = {
        {"arrays", test_arrays}, {"objects", test_objects}, {"typed values", test_typed},
        {"random values", test_random}, {"invalid text", test_invalid}, {"through SQL", test_sql}, {NULL, NULL},
    };
    db = tsql_open();
    if (!db)
        return 1;
    srv_sql_register_functions(db);
    int rc = cu_run("sql_json_cmp", cases);
    sqlite3_close(db);
    return rc;
}
