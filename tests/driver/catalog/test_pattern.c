/* SPDX-License-Identifier: Apache-2.0 */
/* Catalog search patterns, ordinary arguments and metadata_id identifiers. */
#include "driver/catalog/pattern.h"
#include "tests/cunit_main.h"

#include <CUnit/Basic.h>
#include <stdlib.h>

static void test_like_wildcards(void)
{
    CU_ASSERT_TRUE(rs_pattern_like("%", ""));
    CU_ASSERT_TRUE(rs_pattern_like("%", "anything"));
    CU_ASSERT_TRUE(rs_pattern_like("ab%", "abc"));
    CU_ASSERT_TRUE(rs_pattern_like("ab%", "ab"));
    CU_ASSERT_FALSE(rs_pattern_like("ab%", "a"));
    CU_ASSERT_TRUE(rs_pattern_like("%b%", "abc"));
    CU_ASSERT_FALSE(rs_pattern_like("%x%", "abc"));
    CU_ASSERT_TRUE(rs_pattern_like("a_c", "abc"));
    CU_ASSERT_FALSE(rs_pattern_like("a_c", "ac"));
    CU_ASSERT_FALSE(rs_pattern_like("a_c", "abbc"));
    CU_ASSERT_TRUE(rs_pattern_like("%%a%%", "xax"));
    CU_ASSERT_TRUE(rs_pattern_like("a%b%c", "aXXbYYc"));
    CU_ASSERT_FALSE(rs_pattern_like("a%b%c", "aXXcYYb"));
    CU_ASSERT_FALSE(rs_pattern_like("abc", "ABC")); /* case-sensitive */
}

static void test_like_utf8(void)
{
    /* '_' is one character, not one byte */
    CU_ASSERT_TRUE(rs_pattern_like("caf_", "caf\xc3\xa9"));
    CU_ASSERT_FALSE(rs_pattern_like("caf__", "caf\xc3\xa9"));
    CU_ASSERT_TRUE(rs_pattern_like("_", "\xe2\x82\xac"));
}

static void test_like_escapes(void)
{
    CU_ASSERT_TRUE(rs_pattern_like("my\\_table", "my_table"));
    CU_ASSERT_FALSE(rs_pattern_like("my\\_table", "myXtable"));
    CU_ASSERT_TRUE(rs_pattern_like("100\\%", "100%"));
    CU_ASSERT_FALSE(rs_pattern_like("100\\%", "1000"));
    CU_ASSERT_TRUE(rs_pattern_like("a\\\\b", "a\\b"));
    CU_ASSERT_TRUE(rs_pattern_like("a\\", "a\\")); /* trailing escape stands for itself */
    CU_ASSERT_FALSE(rs_pattern_has_wildcards("my\\_table"));
    CU_ASSERT_TRUE(rs_pattern_has_wildcards("my_table"));
    CU_ASSERT_TRUE(rs_pattern_has_wildcards("my\\_t%"));
    CU_ASSERT_FALSE(rs_pattern_has_wildcards("plain"));
}

static void test_filter_pattern_args(void)
{
    rs_name_filter f;

    CU_ASSERT_EQUAL(rs_name_filter_init(&f, NULL, 0, 1), 0);
    CU_ASSERT_EQUAL(f.kind, RS_NF_ANY);
    CU_ASSERT_TRUE(rs_name_filter_match(&f, "x"));
    rs_name_filter_free(&f);

    CU_ASSERT_EQUAL(rs_name_filter_init(&f, "", 0, 1), 0);
    CU_ASSERT_EQUAL(f.kind, RS_NF_ANY);
    rs_name_filter_free(&f);

    CU_ASSERT_EQUAL(rs_name_filter_init(&f, "%", 0, 1), 0);
    CU_ASSERT_EQUAL(f.kind, RS_NF_ANY);
    rs_name_filter_free(&f);

    /* Power Query escapes '_' in names it means literally: one name, usable as a path. */
    CU_ASSERT_EQUAL(rs_name_filter_init(&f, "web\\_logs", 0, 1), 0);
    CU_ASSERT_EQUAL(f.kind, RS_NF_EXACT);
    CU_ASSERT_STRING_EQUAL(rs_name_filter_literal(&f), "web_logs");
    CU_ASSERT_TRUE(rs_name_filter_match(&f, "web_logs"));
    CU_ASSERT_FALSE(rs_name_filter_match(&f, "webXlogs"));
    rs_name_filter_free(&f);

    CU_ASSERT_EQUAL(rs_name_filter_init(&f, "web_logs", 0, 1), 0);
    CU_ASSERT_EQUAL(f.kind, RS_NF_PATTERN);
    CU_ASSERT_PTR_NULL(rs_name_filter_literal(&f));
    CU_ASSERT_TRUE(rs_name_filter_match(&f, "webXlogs"));
    CU_ASSERT_FALSE(rs_name_filter_match(&f, "Web_logs"));
    rs_name_filter_free(&f);
}

static void test_filter_ordinary_args(void)
{
    rs_name_filter f;

    /* ordinary arguments are taken literally: % and _ are plain characters */
    CU_ASSERT_EQUAL(rs_name_filter_init(&f, "a_b", 0, 0), 0);
    CU_ASSERT_EQUAL(f.kind, RS_NF_EXACT);
    CU_ASSERT_TRUE(rs_name_filter_match(&f, "a_b"));
    CU_ASSERT_FALSE(rs_name_filter_match(&f, "axb"));
    rs_name_filter_free(&f);
}

static void test_filter_metadata_id(void)
{
    rs_name_filter f;

    CU_ASSERT_EQUAL(rs_name_filter_init(&f, "Web_Logs  ", 1, 1), 0);
    CU_ASSERT_EQUAL(f.kind, RS_NF_EXACT_CI);
    CU_ASSERT_TRUE(rs_name_filter_match(&f, "web_logs"));
    CU_ASSERT_FALSE(rs_name_filter_match(&f, "webXlogs")); /* not a pattern */
    CU_ASSERT_PTR_NULL(rs_name_filter_literal(&f));
    rs_name_filter_free(&f);

    CU_ASSERT_EQUAL(rs_name_filter_init(&f, "\"Web\"\"Logs\"", 1, 1), 0);
    CU_ASSERT_EQUAL(f.kind, RS_NF_EXACT);
    CU_ASSERT_STRING_EQUAL(f.text, "Web\"Logs");
    CU_ASSERT_TRUE(rs_name_filter_match(&f, "Web\"Logs"));
    CU_ASSERT_FALSE(rs_name_filter_match(&f, "web\"logs"));
    rs_name_filter_free(&f);

    CU_ASSERT_EQUAL(rs_name_filter_init(&f, "a%", 1, 1), 0);
    CU_ASSERT_TRUE(rs_name_filter_match(&f, "A%"));
    CU_ASSERT_FALSE(rs_name_filter_match(&f, "abc"));
    rs_name_filter_free(&f);
}

int main(void)
{
    static const cu_case cases[] = {
        {"LIKE wildcards", test_like_wildcards},
        {"LIKE and UTF-8", test_like_utf8},
        {"LIKE escapes", test_like_escapes},
        {"pattern arguments", test_filter_pattern_args},
        {"ordinary arguments", test_filter_ordinary_args},
        {"metadata_id identifiers", test_filter_metadata_id},
        {NULL, NULL},
    };
    return cu_run("pattern", cases);
}
