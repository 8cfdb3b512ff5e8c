/* SPDX-License-Identifier: Apache-2.0 */
/* The math, string, regular-expression, hashing and conditional functions of
 * sql_fn_math.c, sql_fn_string.c, sql_fn_regex.c and sql_fn_hash.c, called through SQLite
 * directly (type and value of each result) and a few through the translator and encoder
 * (what the wire shows). Documented Rockset examples first, then edge cases. */
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

static void test_rounding(void)
{
    /* docs.rockset.com mathematical functions: these answer floats, even for an int */
    EX("FLOOR(2.4)", "float:2.0");
    EX("FLOOR(2.6)", "float:2.0");
    EX("FLOOR(2)", "float:2.0");
    EX("FLOOR(null)", "null");
    EX("TRUNCATE(2.4)", "float:2.0");
    EX("TRUNCATE(2.6)", "float:2.0");
    EX("TRUNCATE(-2.4)", "float:-2.0");
    EX("TRUNC(-2.6)", "float:-2.0");
    EX("CEIL(2.4)", "float:3.0");
    EX("CEIL(2.6)", "float:3.0");
    EX("CEIL(3)", "float:3.0");
    EX("CEILING(-0.5)", "float:-0.0");
    EX("CEIL(null)", "null");
    EX("ROUND(2.4)", "float:2.0");
    EX("ROUND(2.6)", "float:3.0");
    EX("ROUND(3)", "float:3.0");
    EX("ROUND(2.5)", "float:3.0");
    EX("ROUND(-2.5)", "float:-3.0");
    EX("ROUND(null)", "null");
    /* with decimal places */
    EX("TRUNCATE(1.789, 1)", "float:1.7");
    EX("TRUNCATE(-1.789, 2)", "float:-1.78");
    EX("TRUNCATE(1299, -2)", "float:1200.0");
    EX("ROUND(1.789, 2)", "float:1.79");
    EX("ROUND(1250, -2)", "float:1300.0");
    EX("ROUND(2.25, 400)", "float:2.25");           /* past any decimal a double has */
    EX("ROUND(2.5, null)", "null");
    ERR("FLOOR('2')", "FLOOR: argument 1 has type string, expected int or float");
    ERR("ROUND(2.5, 1.5)", "ROUND: argument 2 has type float, expected int");
    ERR("TRUNCATE(rs_cast('true', 'bool', 0))", "TRUNCATE: argument 1 has type bool");
}

static void test_abs_sign(void)
{
    EX("ABS(5)", "int:5");
    EX("ABS(-5)", "int:5");
    EX("ABS(0)", "int:0");
    EX("ABS(null)", "null");
    EX("ABS(-2.5)", "float:2.5");
    ERR("ABS(-9223372036854775807 - 1)", "ABS: Integer overflow");
    ERR("ABS('x')", "ABS: argument 1 has type string");
    EX("SIGN(-7)", "int:-1");
    EX("SIGN(0)", "int:0");
    EX("SIGN(3.5)", "float:1.0");
    EX("SIGN(null)", "null");
}

static void test_greatest_least(void)
{
    EX("GREATEST(1)", "int:1");
    EX("GREATEST(1, 2, 3)", "int:3");
    EX("GREATEST(1, null, 3)", "null");
    EX("LEAST(1, 2, 3)", "int:1");
    EX("LEAST(3, 1.5, 2)", "float:1.5");
    EX("GREATEST(1, 2.5)", "float:2.5");
    EX("GREATEST('apple', 'pear', 'fig')", "string:pear");
    EX("LEAST(rs_cast('2024-01-02', 'date', 0), rs_cast('2023-12-31', 'date', 0))", "date:2023-12-31");
    EX("GREATEST(rs_cast('true', 'bool', 0), rs_cast('false', 'bool', 0))", "bool:true");
    ERR("GREATEST(1, 'a')", "GREATEST: cannot compare values of types int and string");
    ERR("LEAST()", "LEAST");
}

static void test_other_math(void)
{
    EX("SQRT(16)", "float:4.0");
    EX("SQRT(-1)", "null");                         /* NaN: SQLite holds it as null */
    EX("ABS(CBRT(-27) + 3) < 1e-12", "int:1");
    EX("EXP(0)", "float:1.0");
    EX("LN(1)", "float:0.0");
    EX("LOG10(1000)", "float:3.0");
    EX("LOG2(8)", "float:3.0");
    EX("POW(2, 10)", "float:1024.0");
    EX("POWER(2, -1)", "float:0.5");
    EX("SIN(0)", "float:0.0");
    EX("COS(0)", "float:1.0");
    EX("TAN(0)", "float:0.0");
    EX("ASIN(1) * 2 = PI()", "int:1");
    EX("ACOS(1)", "float:0.0");
    EX("ATAN(0)", "float:0.0");
    EX("ATAN2(1, 1) * 4 = PI()", "int:1");
    EX("TANH(0)", "float:0.0");
    EX("DEGREES(PI())", "float:180.0");
    EX("RADIANS(180) = PI()", "int:1");
    EX("MOD(7, 3)", "int:1");
    EX("MOD(-7, 3)", "int:-1");
    EX("MOD(7.5, 2)", "float:1.5");
    ERR("MOD(7, 0)", "Division by zero");
    ERR("MOD('7', 2)", "MOD: argument 1 has type string");
    EX("SQRT(null)", "null");
    ERR("SQRT('4')", "SQRT: argument 1 has type string, expected int or float");
    EX("IS_FINITE(1.5)", "bool:true");
    EX("IS_INFINITE(1e308 * 10)", "bool:true");
    EX("IS_NAN(1)", "bool:false");
    EX("NULLIF(1, 1.0)", "null");
    EX("NULLIF(1, '1')", "int:1");
    EX("NULLIF(rs_cast('true', 'bool', 0), rs_cast('true', 'bool', 0))", "null");
    EX("NULLIF(null, 1)", "null");
    EX("COALESCE(null, rs_cast('false', 'bool', 0))", "bool:false");
}

static void test_strings(void)
{
    EX("LOWER('HeLLo')", "string:hello");
    EX("UPPER('\xc3\xa9t\xc3\xa9 ok')", "string:\xc3\x89T\xc3\x89 OK");
    EX("LOWER('\xc3\x89""COLE')", "string:\xc3\xa9""cole");
    EX("LOWER('')", "string:");
    EX("LOWER(null)", "null");
    ERR("UPPER(5)", "UPPER: argument 1 has type int, expected string");
    EX("TRIM('  a b  ')", "string:a b");
    EX("LTRIM('  a  ')", "string:a  ");
    EX("RTRIM('  a  ')", "string:  a");
    EX("TRIM('   ')", "string:");
    EX("LPAD('hi', 5, 'ab')", "string:abahi");
    EX("RPAD('hi', 5, 'ab')", "string:hiaba");
    EX("LPAD('hello', 3, 'x')", "string:hel");
    EX("LPAD('\xc3\xa9', 3, '\xc3\xa0')", "string:\xc3\xa0\xc3\xa0\xc3\xa9");
    ERR("LPAD('a', 3, '')", "LPAD: the padding string must not be empty");
    ERR("RPAD('a', -1, 'x')", "RPAD: size");
    EX("REPLACE('banana', 'an', 'AN')", "string:bANANa");
    EX("REPLACE('banana', 'a')", "string:bnn");
    EX("REPLACE('ab', '', '-')", "string:-a-b-");
    EX("SPLIT('a,b,,c', ',')", "array:[\"a\",\"b\",\"\",\"c\"]");
    EX("SPLIT('a,b,c', ',', 2)", "array:[\"a\",\"b,c\"]");
    EX("SPLIT('', ',')", "array:[\"\"]");
    EX("SPLIT('say \"hi\"', ' ')", "array:[\"say\",\"\\\"hi\\\"\"]");
    EX("rs_length(SPLIT('a b', ' '))", "int:2");
    ERR("SPLIT('abc', '')", "SPLIT: the delimiter must not be empty");
    EX("SUBSTR('hello', 2)", "string:ello");
    EX("SUBSTR('hello', 2, 3)", "string:ell");
    EX("SUBSTRING('hello', -3, 2)", "string:ll");
    EX("SUBSTR('hello', 0)", "string:");
    EX("SUBSTR('hello', 9)", "string:");
    EX("SUBSTR('h\xc3\xa9llo', 2, 2)", "string:\xc3\xa9l");
    ERR("SUBSTR('hello', 1, -1)", "SUBSTR: length");
    EX("STRPOS('h\xc3\xa9llo', 'l')", "int:3");
    EX("STRPOS('hello', 'z')", "int:0");
    EX("STRPOS('hello', '')", "int:1");
    EX("STARTS_WITH('hello', 'he')", "bool:true");
    EX("ENDS_WITH('hello', 'he')", "bool:false");
    EX("ENDS_WITH('hello', '')", "bool:true");
    EX("CONCAT('a', 'b', '')", "string:ab");
    EX("CONCAT('a', null)", "null");
    ERR("CONCAT('a', 1)", "CONCAT: argument 2 has type int, expected string");
    EX("LEVENSHTEIN_DISTANCE('kitten', 'sitting')", "int:3");
    EX("LEVENSHTEIN_DISTANCE('', 'abc')", "int:3");
    EX("LEVENSHTEIN_DISTANCE('\xc3\xa9t\xc3\xa9', 'ete')", "int:2");
    EX("REVERSE('ab\xc3\xa9')", "string:\xc3\xa9""ba");
    EX("REVERSE('')", "string:");
}

static void test_regex(void)
{
    EX("REGEXP_LIKE('abc123', '[0-9]+')", "bool:true");
    EX("REGEXP_LIKE('abc', '^b')", "bool:false");
    EX("REGEXP_LIKE('ABC', '(?i)abc')", "bool:true");
    EX("REGEXP_LIKE(null, 'a')", "null");
    ERR("REGEXP_LIKE('a', '(')", "REGEXP_LIKE: invalid regular expression");
    EX("REGEXP_EXTRACT('1a 2b 14m', '\\d+')", "string:1");
    EX("REGEXP_EXTRACT('1a 2b 14m', '(\\d+)([a-z]+)', 2)", "string:a");
    EX("REGEXP_EXTRACT('abc', '\\d')", "null");
    ERR("REGEXP_EXTRACT('abc', 'b', 1)", "REGEXP_EXTRACT: pattern has 0 groups");
    EX("REGEXP_EXTRACT_ALL('1a 2b 14m', '\\d+')", "array:[\"1\",\"2\",\"14\"]");
    EX("REGEXP_EXTRACT_ALL('1a 2b 14m', '(\\d+)([a-z]+)', 2)", "array:[\"a\",\"b\",\"m\"]");
    EX("REGEXP_EXTRACT_ALL('abc', 'x')", "array:[]");
    EX("REGEXP_REPLACE('1a 2b 14m', '\\d+[ab] ')", "string:14m");
    EX("REGEXP_REPLACE('1a 2b 14m', '(\\d+)([ab]) ', '3c$2 ')", "string:3ca 3cb 14m");
    EX("REGEXP_REPLACE('abc', 'x*', '-')", "string:-a-b-c-");
    EX("REGEXP_REPLACE('a.b', '[.]', '\\$')", "string:a$b");
    EX("REGEXP_SPLIT('a1b22c', '[0-9]+')", "array:[\"a\",\"b\",\"c\"]");
    EX("REGEXP_SPLIT('a b', '\\s')", "array:[\"a\",\"b\"]");
    EX("REGEXP_SPLIT('', ',')", "array:[\"\"]");
    ERR("REGEXP_SPLIT(1, ',')", "REGEXP_SPLIT: argument 1 has type int");
}

static void test_hash(void)
{
    EX("TO_HEX(MD5(''))", "string:D41D8CD98F00B204E9800998ECF8427E");
    EX("TO_HEX(SHA1('abc'))", "string:A9993E364706816ABA3E25717850C26C9CD0D89D");
    EX("TO_HEX(SHA256('abc'))",
       "string:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
    EX("rs_length(SHA512('abc'))", "int:64");
    EX("rs_typeof(SHA256('abc'))", "string:bytes");
    EX("TO_HEX(SHA256(TO_UTF8('abc'))) = TO_HEX(SHA256('abc'))", "int:1");
    EX("MD5(null)", "null");
    ERR("MD5(1)", "MD5: argument 1 has type int, expected string or bytes");
    EX("TO_HEX(FROM_HEX('00ff10'))", "string:00FF10");
    ERR("FROM_HEX('0g')", "FROM_HEX: the string is not hexadecimal");
    ERR("FROM_HEX('abc')", "FROM_HEX: the string has an odd number of digits");
    EX("TO_BASE64(TO_UTF8('hello'))", "string:aGVsbG8=");
    EX("FROM_UTF8(FROM_BASE64('aGVsbG8='))", "string:hello");
    EX("FROM_UTF8(FROM_BASE64('aGVsbG8'))", "string:hello");
    EX("rs_length(FROM_BASE64(''))", "int:0");
    ERR("FROM_BASE64('a$==')", "FROM_BASE64: the string is not base64");
    ERR("FROM_UTF8(FROM_HEX('ff'))", "FROM_UTF8: the bytes are not valid UTF-8");
    ERR("TO_HEX('abc')", "TO_HEX: argument 1 has type string, expected bytes");
}

/* Through the translator and the encoder: what a client reads. */
static void test_wire(void)
{
    tsql_expect(db, "SELECT FLOOR(2) AS a, ABS(-3) AS b, GREATEST(1, 2.5) AS c", NULL,
                "[{\"a\":2.0,\"b\":3,\"c\":2.5}]");
    tsql_expect(db, "SELECT ROUND(2.5) AS a, TRUNCATE(-2.4) AS b, LEAST(3, 1.5) AS c,"
                " SIGN(-4) AS d, UPPER('ab') AS e", NULL,
                "[{\"a\":3.0,\"b\":-2.0,\"c\":1.5,\"d\":-1,\"e\":\"AB\"}]");
}

int main(void)
{
    static const cu_case cases[] = {
        {"rounding", test_rounding},
        {"abs/sign", test_abs_sign},
        {"greatest/least", test_greatest_least},
        {"other math, nullif", test_other_math},
        {"strings", test_strings},
        {"regular expressions", test_regex},
        {"hashing and encodings", test_hash},
        {"on the wire", test_wire},
        {NULL, NULL},
    };
    int rc;

    db = tsql_open();
    if (!db)
        return 1;
    srv_sql_register_functions(db);          /* eval() runs SQL on db without the runner */
    rc = cu_run("sql_fn_math", cases);
    sqlite3_close(db);
    return rc;
}
