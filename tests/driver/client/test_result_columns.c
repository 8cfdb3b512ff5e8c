/* SPDX-License-Identifier: Apache-2.0 */
/* Columns learnt after the first answer (a `*` select's fields from the collection's schema)
 * and values whose key is no column: they land in the added column, or are counted and named
 * so the statement can warn (issue 10: nothing dropped silently). Also the answer's
 * collections, and a paginated answer without results_total_doc_count (total unknown). */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "driver/client/result_decode.h"
#include "tests/cunit_main.h"

static int feed(rs_decoder *d, const char *json)
{
    rs_error err;

    rs_error_clear(&err);
    rs_decode_begin(d);
    if (rs_decode_feed(d, json, strlen(json), &err) != 0)
        return -1;
    return rs_decode_finish(d, &err);
}

static void test_added_column_gets_later_values(void)
{
    rs_decoder *d = rs_decode_new();
    const char *key = NULL;
    const rs_page *p;
    rs_column *cols;
    size_t ncols = 0, nc = 0;
    char **colls;

    CU_ASSERT_EQUAL_FATAL(feed(d, "{\"query_id\":\"q\",\"collections\":[\"commons.t\"],"
                                  "\"results\":[{\"n\":1},{\"n\":2}],"
                                  "\"pagination\":{\"next_cursor\":\"c2\"}}"), 0);
    CU_ASSERT_EQUAL(rs_decode_total(d), -1); /* not known yet: never a count so far */
    colls = rs_decode_collections(d, &nc);
    CU_ASSERT_EQUAL_FATAL(nc, 1);
    CU_ASSERT_STRING_EQUAL(colls[0], "commons.t");
    free(colls[0]);
    free(colls);
    cols = rs_decode_columns(d, &ncols);
    CU_ASSERT_EQUAL(ncols, 1);
    /* the schema says t also has `late` (string): the page in hand gets the column too */
    CU_ASSERT_EQUAL(rs_decode_add_column(d, "late", "string"), 0);
    CU_ASSERT_EQUAL(rs_decode_add_column(d, "n", "int"), 0); /* already a column: no-op */
    cols = rs_decode_columns(d, &ncols);
    CU_ASSERT_EQUAL_FATAL(ncols, 2);
    CU_ASSERT_STRING_EQUAL(cols[1].name, "late");
    CU_ASSERT_EQUAL(cols[1].kind, RS_V_STRING);
    p = rs_decode_page(d);
    CU_ASSERT_EQUAL_FATAL(p->ncols, 2);
    CU_ASSERT_EQUAL(p->cells[1].kind, RS_V_ABSENT);
    /* the next page: `late` lands in its column, `other` is no column and is counted */
    CU_ASSERT_EQUAL_FATAL(feed(d, "{\"results\":[{\"n\":3,\"late\":\"here\",\"other\":5},"
                                  "{\"n\":4,\"other\":6}],\"results_total_doc_count\":4,"
                                  "\"pagination\":{\"next_cursor\":null}}"), 0);
    p = rs_decode_page(d);
    CU_ASSERT_EQUAL_FATAL(p->nrows, 2);
    CU_ASSERT_EQUAL(p->cells[1].kind, RS_V_STRING);
    CU_ASSERT_STRING_EQUAL(p->cells[1].text, "here");
    CU_ASSERT_EQUAL(rs_decode_dropped(d, &key), 2);
    CU_ASSERT_STRING_EQUAL(key, "other");
    CU_ASSERT_EQUAL(rs_decode_total(d), 4);
    rs_decode_free(d);
}

int main(void)
{
    static const cu_case cases[] = {
        {"added column gets later values; others are counted", test_added_column_gets_later_values},
        {NULL, NULL},
    };
    return cu_run("result columns", cases);
}
