/* SPDX-License-Identifier: Apache-2.0 */
/* SQL translation: markers, literals/comments left alone, escapes, scalar functions, CALL,
 * errors, SQLNativeSql, the SQL_FN_* masks and docs/escapes.md's function table.
 * `test_sqlrewrite --doc` prints the function table that docs/escapes.md must contain. */
#include "driver/sql/sqlrewrite.h"
#include "tests/cunit_main.h"

#include <CUnit/Basic.h>
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef RS_TOP_SRCDIR
#define RS_TOP_SRCDIR "."
#endif

static char err[512];

/* Translates in and checks the text; returns the rewrite for further checks (caller frees). */
static rs_sql_rewrite rw_ok(const char *in, const char *want)
{
    rs_sql_rewrite rw;
    err[0] = '\0';
    int rc = rs_sql_rewrite_run(in, -1, &rw, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "\n  %s -> error %s\n", in, err);
    CU_ASSERT_EQUAL(rc, 0);
    if (rc == 0 && want && strcmp(rw.sql, want) != 0)
        fprintf(stderr, "\n  %s\n  got  %s\n  want %s\n", in, rw.sql, want);
    if (rc == 0 && want)
        CU_ASSERT_STRING_EQUAL(rw.sql, want);
    if (rc != 0)
        memset(&rw, 0, sizeof rw);
    return rw;
}

static void check(const char *in, const char *want)
{
    rs_sql_rewrite rw = rw_ok(in, want);
    rs_sql_rewrite_free(&rw);
}

/* in must fail with a message containing each of the given parts. */
static void check_err(const char *in, const char *part1, const char *part2)
{
    rs_sql_rewrite rw;
    err[0] = '\0';
    int rc = rs_sql_rewrite_run(in, -1, &rw, err, sizeof err);
    CU_ASSERT_EQUAL(rc, -1);
    if (rc == 0) {
        fprintf(stderr, "\n  %s -> unexpected success: %s\n", in, rw.sql);
        rs_sql_rewrite_free(&rw);
        return;
    }
    CU_ASSERT_PTR_NULL(rw.sql);
    if ((part1 && !strstr(err, part1)) || (part2 && !strstr(err, part2)))
        fprintf(stderr, "\n  %s -> message '%s' lacks '%s' / '%s'\n", in, err, part1,
                part2 ? part2 : "");
    CU_ASSERT(part1 == NULL || strstr(err, part1) != NULL);
    CU_ASSERT(part2 == NULL || strstr(err, part2) != NULL);
}

/* INSERT INTO ... SELECT answers a row count: the statement kind comes from the text. */
static void test_is_insert(void)
{
    static const struct { const char *sql; int yes; } cases[] = {
        { "INSERT INTO ws.c SELECT 1", 1 },
        { "  -- note\n insert into c select 1", 1 },
        { "/* x */ OPTION(default_workspace='w') OPTION (a=(1)) INSERT INTO c SELECT 1", 1 },
        { "SELECT 'INSERT INTO c' AS s", 0 },
        { "\"insert\"", 0 },
        { "OPTION(x=1) SELECT 1", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_sql_rewrite rw;
        char err[200];
        CU_ASSERT_EQUAL_FATAL(rs_sql_rewrite_run(cases[i].sql, -1, &rw, err, sizeof err), 0);
        if (rw.is_insert != cases[i].yes)
            fprintf(stderr, "\n  is_insert of %s: %d\n", cases[i].sql, rw.is_insert);
        CU_ASSERT_EQUAL(rw.is_insert, cases[i].yes);
        rs_sql_rewrite_free(&rw);
    }
}

/* INSERT INTO ... SELECT keeps its target, whose write the next query waits for. */
static void test_insert_target(void)
{
    static const struct { const char *sql, *ws, *coll; } cases[] = {
        { "INSERT INTO ws.c SELECT 1", "ws", "c" },
        { "insert into c select 1", NULL, "c" },
        { "INSERT INTO ws.c (a, b) SELECT 1, 2", "ws", "c" },
        { "SELECT 1", NULL, NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_sql_rewrite rw;
        char err[200];
        CU_ASSERT_EQUAL_FATAL(rs_sql_rewrite_run(cases[i].sql, -1, &rw, err, sizeof err), 0);
        CU_ASSERT((rw.insert_ws == NULL) == (cases[i].ws == NULL));
        CU_ASSERT(!rw.insert_ws || strcmp(rw.insert_ws, cases[i].ws) == 0);
        CU_ASSERT((rw.insert_coll == NULL) == (cases[i].coll == NULL));
        CU_ASSERT(!rw.insert_coll || strcmp(rw.insert_coll, cases[i].coll) == 0);
        CU_ASSERT_EQUAL(rw.dml.kind, RS_DML_NONE);
        rs_sql_rewrite_free(&rw);
    }
}

static void test_qmarks(void)
{
    rs_sql_rewrite rw = rw_ok("SELECT * FROM t WHERE a = ? AND b IN (?, ?)",
                              "SELECT * FROM t WHERE a = :p1 AND b IN (:p2, :p3)");
    CU_ASSERT_EQUAL(rw.nmarkers, 3);
    CU_ASSERT_EQUAL(rw.nqmarks, 3);
    CU_ASSERT_FALSE(rw.is_call);
    if (rw.nmarkers == 3) {
        CU_ASSERT_STRING_EQUAL(rw.markers[0].name, "p1");
        CU_ASSERT_STRING_EQUAL(rw.markers[2].name, "p3");
        CU_ASSERT_EQUAL(rw.markers[1].is_named, 0);
    }
    rs_sql_rewrite_free(&rw);
}

static void test_named(void)
{
    rs_sql_rewrite rw = rw_ok("SELECT :a, :b, :a, :1 FROM t WHERE x::int = ?",
                              "SELECT :a, :b, :a, :1 FROM t WHERE x::int = :p1");
    CU_ASSERT_EQUAL(rw.nmarkers, 4);
    CU_ASSERT_EQUAL(rw.nqmarks, 1);
    if (rw.nmarkers == 4) {
        CU_ASSERT_STRING_EQUAL(rw.markers[0].name, "a");
        CU_ASSERT_EQUAL(rw.markers[0].is_named, 1);
        CU_ASSERT_STRING_EQUAL(rw.markers[1].name, "b");
        CU_ASSERT_STRING_EQUAL(rw.markers[2].name, "1");
        CU_ASSERT_STRING_EQUAL(rw.markers[3].name, "p1");
        CU_ASSERT_EQUAL(rw.markers[3].is_named, 0);
    }
    rs_sql_rewrite_free(&rw);
}

static void test_not_markers(void)
{
    const char *in = "SELECT '?', 'it''s :x ?', \"a?\"\"b\", `c?``d`, x -- ? :y {fn\n"
                     "/* ? {d :z */ FROM t";
    rs_sql_rewrite rw = rw_ok(in, in);
    CU_ASSERT_EQUAL(rw.nmarkers, 0);
    CU_ASSERT_EQUAL(rw.nqmarks, 0);
    rs_sql_rewrite_free(&rw);
    check("SELECT a::string, {fn UCASE('?')} -- trailing ?", "SELECT a::string, UPPER('?') "
                                                             "-- trailing ?");
}

static void test_trailing_nul(void)
{
    const char in[] = "SELECT 1";
    rs_sql_rewrite rw;
    CU_ASSERT_EQUAL_FATAL(rs_sql_rewrite_run(in, (long)sizeof in, &rw, err, sizeof err), 0);
    CU_ASSERT_STRING_EQUAL(rw.sql, "SELECT 1");
    rs_sql_rewrite_free(&rw);
    /* An explicit length shorter than the text is honoured. */
    CU_ASSERT_EQUAL_FATAL(rs_sql_rewrite_run("SELECT 12345", 8, &rw, err, sizeof err), 0);
    CU_ASSERT_STRING_EQUAL(rw.sql, "SELECT 1");
    rs_sql_rewrite_free(&rw);
    check("", "");
    /* A NUL inside the text would cut it short downstream: refused. */
    rs_sql_rewrite rw2;
    CU_ASSERT_EQUAL(rs_sql_rewrite_run("SELECT 1\0 AND 2", 16, &rw2, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "NUL character in the statement at offset 8"));
}

static void test_datetime(void)
{
    check("SELECT {d '2020-01-02'}, {t '12:30:00'}, {ts '2020-01-02 03:04:05.123'}",
          "SELECT DATE '2020-01-02', TIME '12:30:00', TIMESTAMP '2020-01-02 03:04:05.123'");
    check("WHERE d > { D  '1999-12-31' } AND t < {T '23:59:59.5'}",
          "WHERE d > DATE '1999-12-31' AND t < TIME '23:59:59.5'");
    check_err("SELECT {d '2020-1-2'}", "YYYY-MM-DD", "offset 10");
    check_err("SELECT {ts '2020-01-02'}", "hh:mm:ss", NULL);
    check_err("SELECT {t ?}", "quoted literal", "offset 10");
    check("WHERE id = {guid '0123abcd-4567-89ab-cdef-0123456789AB'}",
          "WHERE id = '0123abcd-4567-89ab-cdef-0123456789AB'");
    check_err("SELECT {guid '0123'}", "hex digits", NULL);
}

static void test_functions(void)
{
    check("SELECT {fn UCASE(name)}, {fn lcase( \"N\" )} FROM t",
          "SELECT UPPER(name), LOWER(\"N\") FROM t");
    check("SELECT {fn CONCAT({fn LCASE(a)}, ?)}", "SELECT CONCAT(LOWER(a), :p1)");
    check("SELECT {fn ROUND(f(a, b), 2)}", "SELECT ROUND(f(a, b), 2)");
    check("SELECT {fn POSITION('a' IN {fn UCASE(s)})}", "SELECT STRPOS(UPPER(s), 'a')");
    check("SELECT {fn CONVERT(x, SQL_INTEGER)}, {fn CONVERT(y, SQL_VARCHAR)}",
          "SELECT CAST(x AS int), CAST(y AS string)");
    check("SELECT {fn TIMESTAMPADD(SQL_TSI_DAY, ?, ts)}, "
          "{fn TIMESTAMPDIFF(SQL_TSI_MONTH, a, b)}",
          "SELECT DATE_ADD('day', :p1, ts), DATE_DIFF('month', a, b)");
    check("SELECT {fn EXTRACT(YEAR FROM {ts '2020-01-02 00:00:00'})}",
          "SELECT EXTRACT(YEAR FROM TIMESTAMP '2020-01-02 00:00:00')");
    check("SELECT {fn CURRENT_DATE}, {fn CURRENT_TIMESTAMP(3)}, {fn NOW()}",
          "SELECT CURRENT_DATE(), CURRENT_TIMESTAMP(), CURRENT_TIMESTAMP()");
    check("SELECT {fn PI( )}", "SELECT PI()");
}

static void test_function_errors(void)
{
    check_err("SELECT {fn FOO(1)}", "unknown function {fn FOO}", "offset 11");
    check_err("SELECT {fn UCASE(a, b)}", "takes 1 argument", NULL);
    check_err("SELECT {fn LOCATE('a', s, 2)}", "takes 2 arguments", NULL);
    check_err("SELECT {fn CONVERT(x, SQL_BOGUS)}", "SQL_BOGUS", NULL);
    check_err("SELECT {fn TIMESTAMPADD(SQL_TSI_FRAC_SECOND, 1, ts)}", "FRAC_SECOND", NULL);
    check_err("SELECT {fn UCASE}", "expected '('", NULL);
    check_err("SELECT {fn UCASE(a}", "missing ')'", NULL);
    check_err("SELECT {fn CONCAT(a, )}", "argument 2 is empty", NULL);
    check_err("SELECT {fn POSITION(a, b)}", "POSITION(a IN b)", NULL);
}

static void test_other_escapes(void)
{
    check("SELECT * FROM {oj t1 LEFT OUTER JOIN t2 ON t1.a = t2.a } WHERE x = ?",
          "SELECT * FROM t1 LEFT OUTER JOIN t2 ON t1.a = t2.a WHERE x = :p1");
    check("SELECT * FROM t WHERE a LIKE 'x\\_%' {escape '\\'}",
          "SELECT * FROM t WHERE a LIKE 'x\\_%' ESCAPE '\\'");
    check("SELECT ts + {INTERVAL '1' DAY}", "SELECT ts + INTERVAL '1' DAY");
    check("SELECT {fn UCASE({fn LTRIM({fn RTRIM(?)})})}", "SELECT UPPER(LTRIM(RTRIM(:p1)))");
}

/* The ODBC 2 long form of escapes. */
static void test_vendor_form(void)
{
    check("SELECT --(*vendor(Microsoft),product(ODBC) fn UCASE(x)*)-- FROM t",
          "SELECT UPPER(x) FROM t");
    check("SELECT --(*VENDOR(Microsoft), PRODUCT(ODBC) d '2020-01-01' *)--, 1",
          "SELECT DATE '2020-01-01', 1");
    check("SELECT 1 -- a comment *)--\nFROM t", "SELECT 1 -- a comment *)--\nFROM t");
    check("SELECT a*)-- x\n", "SELECT a*)-- x\n");
    rs_sql_rewrite rw = rw_ok("--(*vendor(Microsoft),product(ODBC) call lam(?) *)--",
                              "CALL lam(:p1)");
    CU_ASSERT_EQUAL(rw.is_call, 1);
    CU_ASSERT_EQUAL(rw.ncall_args, 1);
    rs_sql_rewrite_free(&rw);
    check_err("SELECT --(*vendor(Microsoft),product(ODBC) fn UCASE(x)", "unterminated escape",
              "offset 7");
}

static void test_lex_errors(void)
{
    check_err("SELECT 'abc", "unterminated string literal", "offset 7: 'abc");
    check_err("SELECT \"abc", "unterminated quoted identifier", "offset 7");
    check_err("SELECT `abc", "unterminated quoted identifier", "offset 7");
    check_err("SELECT 1 /* abc", "unterminated comment", "offset 9");
    check_err("SELECT {fn UCASE(a)", "unterminated escape", "offset 7");
    check_err("SELECT {d '2020-01-01'", "unterminated escape", "offset 7");
    check_err("SELECT {foo 1}", "unknown escape", "offset 7: {foo 1}");
    check_err("SELECT 1 }", "'}'", "offset 9");
    check_err("SELECT {call x}", "whole statement", NULL);
    check_err("SELECT {", "unterminated escape", NULL);
    check_err("SELECT {fn", "unterminated escape", "offset 7");
    check_err("SELECT {ts ", "unterminated escape", "offset 7");
}

static void test_call_escape(void)
{
    rs_sql_rewrite rw = rw_ok("{call ws.lam(?, 'x''y', n => :v, m=>?)}",
                              "CALL ws.lam(:p1, 'x''y', n => :v, m => :p2)");
    CU_ASSERT_EQUAL(rw.is_call, 1);
    CU_ASSERT_STRING_EQUAL(rw.call_ws ? rw.call_ws : "(null)", "ws");
    CU_ASSERT_STRING_EQUAL(rw.call_name ? rw.call_name : "(null)", "lam");
    CU_ASSERT_PTR_NULL(rw.call_tag);
    CU_ASSERT_PTR_NULL(rw.call_version);
    CU_ASSERT_EQUAL(rw.nmarkers, 3);
    CU_ASSERT_EQUAL(rw.nqmarks, 2);
    CU_ASSERT_EQUAL_FATAL(rw.ncall_args, 4);
    CU_ASSERT_EQUAL(rw.call_args[0].marker, 0);
    CU_ASSERT_PTR_NULL(rw.call_args[0].name);
    CU_ASSERT_EQUAL(rw.call_args[1].marker, -1);
    CU_ASSERT_STRING_EQUAL(rw.call_args[1].literal, "'x''y'");
    CU_ASSERT_STRING_EQUAL(rw.call_args[2].name, "n");
    CU_ASSERT_EQUAL(rw.call_args[2].marker, 1);
    CU_ASSERT_STRING_EQUAL(rw.markers[1].name, "v");
    CU_ASSERT_STRING_EQUAL(rw.call_args[3].name, "m");
    CU_ASSERT_EQUAL(rw.call_args[3].marker, 2);
    rs_sql_rewrite_free(&rw);

    rw = rw_ok(" { ?= CALL lam@prod() } ", "CALL lam@prod()");
    CU_ASSERT_EQUAL(rw.is_call, 1);
    CU_ASSERT_PTR_NULL(rw.call_ws);
    CU_ASSERT_STRING_EQUAL(rw.call_tag ? rw.call_tag : "(null)", "prod");
    CU_ASSERT_EQUAL(rw.nmarkers, 1);
    CU_ASSERT_EQUAL(rw.nqmarks, 1);
    CU_ASSERT_EQUAL(rw.ncall_args, 0);
    rs_sql_rewrite_free(&rw);
}

static void test_call_plain(void)
{
    rs_sql_rewrite rw = rw_ok("-- run it\nCALL a.b.c:0123abcd(1, -2.5, TRUE, NULL, "
                              "{d '2020-01-01'});",
                              "CALL a.b.c:0123abcd(1, -2.5, TRUE, NULL, DATE '2020-01-01')");
    CU_ASSERT_EQUAL(rw.is_call, 1);
    CU_ASSERT_STRING_EQUAL(rw.call_ws ? rw.call_ws : "(null)", "a.b");
    CU_ASSERT_STRING_EQUAL(rw.call_name ? rw.call_name : "(null)", "c");
    CU_ASSERT_STRING_EQUAL(rw.call_version ? rw.call_version : "(null)", "0123abcd");
    CU_ASSERT_EQUAL_FATAL(rw.ncall_args, 5);
    CU_ASSERT_STRING_EQUAL(rw.call_args[0].literal, "1");
    CU_ASSERT_STRING_EQUAL(rw.call_args[1].literal, "-2.5");
    CU_ASSERT_STRING_EQUAL(rw.call_args[2].literal, "TRUE");
    CU_ASSERT_STRING_EQUAL(rw.call_args[3].literal, "NULL");
    CU_ASSERT_STRING_EQUAL(rw.call_args[4].literal, "DATE '2020-01-01'");
    CU_ASSERT_EQUAL(rw.nmarkers, 0);
    rs_sql_rewrite_free(&rw);

    rw = rw_ok("call \"my ws\".\"la\"\"m\"", "CALL my ws.la\"m");
    CU_ASSERT_STRING_EQUAL(rw.call_ws ? rw.call_ws : "(null)", "my ws");
    CU_ASSERT_STRING_EQUAL(rw.call_name ? rw.call_name : "(null)", "la\"m");
    CU_ASSERT_EQUAL(rw.ncall_args, 0);
    rs_sql_rewrite_free(&rw);

    check_err("CALL lam(?) extra", "unexpected text after the CALL", "offset 12");
    check_err("CALL lam(a + b)", "must be ?, :name or a literal", "offset 9");
    check_err("{call lam(1)", "unterminated escape", "offset 0");
    check_err("CALL lam(1", "unterminated CALL argument list", NULL);
    check_err("CALL (1)", "query lambda name", NULL);
    check_err("CALL lam@", "tag name", NULL);
    /* Not a call: CALL inside a query is left to the server. */
    check("SELECT call FROM t", "SELECT call FROM t");
}

static void test_native(void)
{
    char *s = rs_sql_native("SELECT {fn UCASE(?)} FROM t WHERE x = ? AND y = :n", -1, err,
                            sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s, "SELECT UPPER(?) FROM t WHERE x = ? AND y = :n");
    free(s);
    s = rs_sql_native("{call lam(?)}", -1, err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s, "CALL lam(?)");
    free(s);
    CU_ASSERT_PTR_NULL(rs_sql_native("SELECT {fn NOPE()}", -1, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "NOPE"));
}

/* Random statements built from the characters the translator cares about: every one either
 * translates or fails with a message (valgrind checks the reads). Fixed seed: repeatable. */
static void test_random_input(void)
{
    static const char *const bits[] = {
        "{", "}", "(", ")", ",", "?", ":", "::", ":a", "'", "''", "\"", "`", "--", "\n", "/*",
        "*/", " ", "fn ", "d ", "ts ", "oj ", "call ", "CALL ", "UCASE", "CONVERT", "IN ",
        "'2020-01-01'", "x", "1", "=>", "@", ";", "--(*vendor(Microsoft),product(ODBC) ", "*)--",
        "{fn ", "{d ", "escape ", "\0",
    };
    unsigned seed = 12345;
    for (int round = 0; round < 3000; round++) {
        char in[256];
        size_t n = 0;
        int parts = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 12;
        for (int i = 0; i < parts; i++) {
            seed = seed * 1103515245u + 12345u;
            const char *b = bits[(seed >> 16) % (sizeof bits / sizeof bits[0])];
            size_t bl = b[0] == '\0' ? 1 : strlen(b); /* the "\0" entry: one NUL */
            if (n + bl >= sizeof in)
                break;
            memcpy(in + n, b, bl);
            n += bl;
        }
        rs_sql_rewrite rw;
        err[0] = '\0';
        int rc = rs_sql_rewrite_run(in, (long)n, &rw, err, sizeof err);
        CU_ASSERT(rc == 0 || (rc == -1 && err[0] != '\0'));
        if (rc == 0) {
            CU_ASSERT_PTR_NOT_NULL(rw.sql);
            CU_ASSERT(rw.nqmarks <= rw.nmarkers);
            rs_sql_rewrite_free(&rw);
        }
        char *native = rs_sql_native(in, (long)n, err, sizeof err);
        CU_ASSERT((native != NULL) == (rc == 0));
        free(native);
    }
}

/* Every function the driver advertises, with a sample and the Rockset SQL it becomes. The
 * masks must be exactly the union of these bits, and docs/escapes.md lists these rows. */
enum { C_STR, C_NUM, C_TD, C_SYS, C_CVT };
static const struct {
    int cat;
    unsigned long bit;
    const char *odbc, *rockset;
} samples[] = {
    { C_STR, SQL_FN_STR_ASCII, "ASCII(s)", "CODEPOINT(SUBSTR(s, 1, 1))" },
    { C_STR, SQL_FN_STR_CHAR, "CHAR(n)", "CHR(n)" },
    { C_STR, SQL_FN_STR_CHAR_LENGTH, "CHAR_LENGTH(s)", "LENGTH(s)" },
    { C_STR, SQL_FN_STR_CHARACTER_LENGTH, "CHARACTER_LENGTH(s)", "LENGTH(s)" },
    { C_STR, SQL_FN_STR_CONCAT, "CONCAT(a, b)", "CONCAT(a, b)" },
    { C_STR, SQL_FN_STR_LCASE, "LCASE(s)", "LOWER(s)" },
    { C_STR, SQL_FN_STR_LEFT, "LEFT(s, n)", "SUBSTR(s, 1, n)" },
    { C_STR, SQL_FN_STR_LENGTH, "LENGTH(s)", "LENGTH(RTRIM(s))" },
    { C_STR, SQL_FN_STR_LOCATE_2, "LOCATE(a, s)", "STRPOS(s, a)" },
    { C_STR, SQL_FN_STR_LTRIM, "LTRIM(s)", "LTRIM(s)" },
    { C_STR, SQL_FN_STR_POSITION, "POSITION(a IN s)", "STRPOS(s, a)" },
    { C_STR, SQL_FN_STR_REPLACE, "REPLACE(s, a, b)", "REPLACE(s, a, b)" },
    { C_STR, SQL_FN_STR_RIGHT, "RIGHT(s, n)", "SUBSTR(s, -(n))" },
    { C_STR, SQL_FN_STR_RTRIM, "RTRIM(s)", "RTRIM(s)" },
    { C_STR, SQL_FN_STR_SUBSTRING, "SUBSTRING(s, i, n)", "SUBSTR(s, i, n)" },
    { C_STR, SQL_FN_STR_UCASE, "UCASE(s)", "UPPER(s)" },
    { C_NUM, SQL_FN_NUM_ABS, "ABS(x)", "ABS(x)" },
    { C_NUM, SQL_FN_NUM_ACOS, "ACOS(x)", "ACOS(x)" },
    { C_NUM, SQL_FN_NUM_ASIN, "ASIN(x)", "ASIN(x)" },
    { C_NUM, SQL_FN_NUM_ATAN, "ATAN(x)", "ATAN(x)" },
    { C_NUM, SQL_FN_NUM_ATAN2, "ATAN2(y, x)", "ATAN2(y, x)" },
    { C_NUM, SQL_FN_NUM_CEILING, "CEILING(x)", "CEIL(x)" },
    { C_NUM, SQL_FN_NUM_COS, "COS(x)", "COS(x)" },
    { C_NUM, SQL_FN_NUM_COT, "COT(x)", "(1.0 / TAN(x))" },
    { C_NUM, SQL_FN_NUM_DEGREES, "DEGREES(x)", "DEGREES(x)" },
    { C_NUM, SQL_FN_NUM_EXP, "EXP(x)", "EXP(x)" },
    { C_NUM, SQL_FN_NUM_FLOOR, "FLOOR(x)", "FLOOR(x)" },
    { C_NUM, SQL_FN_NUM_LOG, "LOG(x)", "LN(x)" },
    { C_NUM, SQL_FN_NUM_LOG10, "LOG10(x)", "LOG10(x)" },
    { C_NUM, SQL_FN_NUM_MOD, "MOD(a, b)", "MOD(a, b)" },
    { C_NUM, SQL_FN_NUM_PI, "PI()", "PI()" },
    { C_NUM, SQL_FN_NUM_POWER, "POWER(x, y)", "POW(x, y)" },
    { C_NUM, SQL_FN_NUM_RADIANS, "RADIANS(x)", "RADIANS(x)" },
    { C_NUM, SQL_FN_NUM_RAND, "RAND()", "RAND()" },
    { C_NUM, SQL_FN_NUM_ROUND, "ROUND(x, d)", "ROUND(x, d)" },
    { C_NUM, SQL_FN_NUM_SIGN, "SIGN(x)", "SIGN(x)" },
    { C_NUM, SQL_FN_NUM_SIN, "SIN(x)", "SIN(x)" },
    { C_NUM, SQL_FN_NUM_SQRT, "SQRT(x)", "SQRT(x)" },
    { C_NUM, SQL_FN_NUM_TAN, "TAN(x)", "TAN(x)" },
    { C_NUM, SQL_FN_NUM_TRUNCATE, "TRUNCATE(x, d)", "TRUNC(x, d)" },
    { C_TD, SQL_FN_TD_CURDATE, "CURDATE()", "CURRENT_DATE()" },
    { C_TD, SQL_FN_TD_CURTIME, "CURTIME()", "CURRENT_TIME()" },
    { C_TD, SQL_FN_TD_CURRENT_DATE, "CURRENT_DATE()", "CURRENT_DATE()" },
    { C_TD, SQL_FN_TD_CURRENT_TIME, "CURRENT_TIME(p)", "CURRENT_TIME()" },
    { C_TD, SQL_FN_TD_CURRENT_TIMESTAMP, "CURRENT_TIMESTAMP(p)", "CURRENT_TIMESTAMP()" },
    { C_TD, SQL_FN_TD_DAYOFMONTH, "DAYOFMONTH(d)", "EXTRACT(DAY FROM d)" },
    { C_TD, SQL_FN_TD_DAYOFWEEK, "DAYOFWEEK(d)", "EXTRACT(DAYOFWEEK FROM d)" },
    { C_TD, SQL_FN_TD_DAYOFYEAR, "DAYOFYEAR(d)", "EXTRACT(DAYOFYEAR FROM d)" },
    { C_TD, SQL_FN_TD_EXTRACT, "EXTRACT(MONTH FROM d)", "EXTRACT(MONTH FROM d)" },
    { C_TD, SQL_FN_TD_HOUR, "HOUR(t)", "EXTRACT(HOUR FROM t)" },
    { C_TD, SQL_FN_TD_MINUTE, "MINUTE(t)", "EXTRACT(MINUTE FROM t)" },
    { C_TD, SQL_FN_TD_MONTH, "MONTH(d)", "EXTRACT(MONTH FROM d)" },
    { C_TD, SQL_FN_TD_NOW, "NOW()", "CURRENT_TIMESTAMP()" },
    { C_TD, SQL_FN_TD_QUARTER, "QUARTER(d)", "EXTRACT(QUARTER FROM d)" },
    { C_TD, SQL_FN_TD_SECOND, "SECOND(t)", "EXTRACT(SECOND FROM t)" },
    { C_TD, SQL_FN_TD_TIMESTAMPADD, "TIMESTAMPADD(SQL_TSI_HOUR, n, ts)",
      "DATE_ADD('hour', n, ts)" },
    { C_TD, SQL_FN_TD_TIMESTAMPDIFF, "TIMESTAMPDIFF(SQL_TSI_YEAR, a, b)",
      "DATE_DIFF('year', a, b)" },
    { C_TD, SQL_FN_TD_WEEK, "WEEK(d)", "EXTRACT(ISOWEEK FROM d)" },
    { C_TD, SQL_FN_TD_YEAR, "YEAR(d)", "EXTRACT(YEAR FROM d)" },
    { C_SYS, SQL_FN_SYS_DBNAME, "DATABASE()", "'rockset'" },
    { C_SYS, SQL_FN_SYS_IFNULL, "IFNULL(a, b)", "COALESCE(a, b)" },
    { C_SYS, SQL_FN_SYS_USERNAME, "USER()", "CURRENT_USER()" },
    { C_CVT, SQL_FN_CVT_CONVERT, "CONVERT(x, SQL_DOUBLE)", "CAST(x AS float)" },
};
#define NSAMPLES (sizeof samples / sizeof samples[0])

static void test_samples_and_masks(void)
{
    unsigned long seen[5] = { 0 };
    for (size_t i = 0; i < NSAMPLES; i++) {
        char in[160];
        snprintf(in, sizeof in, "{fn %s}", samples[i].odbc);
        check(in, samples[i].rockset);
        seen[samples[i].cat] |= samples[i].bit;
    }
    CU_ASSERT_EQUAL(rs_sql_fn_string_mask(), seen[C_STR]);
    CU_ASSERT_EQUAL(rs_sql_fn_numeric_mask(), seen[C_NUM]);
    CU_ASSERT_EQUAL(rs_sql_fn_timedate_mask(), seen[C_TD]);
    CU_ASSERT_EQUAL(rs_sql_fn_system_mask(), seen[C_SYS]);
    CU_ASSERT_EQUAL(rs_sql_fn_convert_mask(), seen[C_CVT] | SQL_FN_CVT_CAST);
    /* The three-argument LOCATE is not translated, so it is not claimed. */
    CU_ASSERT_EQUAL(rs_sql_fn_string_mask() & SQL_FN_STR_LOCATE, 0);
}

static const char *cat_name[] = { "string", "numeric", "time and date", "system", "conversion" };

static void doc_functions(FILE *f)
{
    fputs("<!-- BEGIN FUNCTIONS (generated by tests/driver/sql/test_sqlrewrite --doc) -->\n"
          "| Kind | ODBC escape | Rockset SQL sent |\n|---|---|---|\n", f);
    for (size_t i = 0; i < NSAMPLES; i++)
        fprintf(f, "| %s | `{fn %s}` | `%s` |\n", cat_name[samples[i].cat], samples[i].odbc,
                samples[i].rockset);
    fputs("<!-- END FUNCTIONS -->\n", f);
}

static void test_doc_functions(void)
{
    const char *top = getenv("top_srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/escapes.md", top && *top ? top : RS_TOP_SRCDIR);
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    static char doc[65536];
    size_t n = fread(doc, 1, sizeof doc - 1, f);
    fclose(f);
    doc[n] = '\0';
    char *gen = NULL;
    size_t genlen = 0;
    FILE *m = open_memstream(&gen, &genlen);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    doc_functions(m);
    fclose(m);
    int found = strstr(doc, gen) != NULL;
    if (!found)
        fprintf(stderr, "\n%s: its function table differs from the translator's: paste the "
                        "output of tests/driver/sql/test_sqlrewrite --doc\n", path);
    CU_ASSERT(found);
    free(gen);
}

int main(int argc, char **argv)
{
    static const cu_case cases[] = {
        {"? markers", test_qmarks},
        {"named markers", test_named},
        {"literals, identifiers, comments", test_not_markers},
        {"trailing NUL", test_trailing_nul},
        {"date/time escapes", test_datetime},
        {"scalar functions", test_functions},
        {"scalar function errors", test_function_errors},
        {"oj, escape, interval", test_other_escapes},
        {"vendor escape form", test_vendor_form},
        {"lexical errors", test_lex_errors},
        {"call escapes", test_call_escape},
        {"CALL statements", test_call_plain},
        {"INSERT statements", test_is_insert},
        {"the target of INSERT INTO ... SELECT", test_insert_target},
        {"native sql", test_native},
        {"random input", test_random_input},
        {"function samples and masks", test_samples_and_masks},
        {"docs/escapes.md function table", test_doc_functions},
        {NULL, NULL},
    };

    if (argc > 1 && strcmp(argv[1], "--doc") == 0) {
        doc_functions(stdout);
        return 0;
    }
    return cu_run("sqlrewrite", cases);
}
