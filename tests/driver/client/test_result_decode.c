/* SPDX-License-Identifier: Apache-2.0 */
/* The result decoder: columns, kinds, wrappers, pages, keys in any order, split input. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver/client/result_decode.h"
#include "tests/cunit_main.h"

static const char *kname(rs_vkind k)
{
    static const char *n[] = { "ABSENT", "NULL", "BOOL", "INT", "FLOAT", "STRING", "BYTES",
                               "DATE", "TIME", "DATETIME", "TIMESTAMP", "OBJECT", "ARRAY",
                               "OTHER" };
    return n[k];
}

/* The page as text: rows separated by "\n", cells "KIND:text" separated by "|". */
static const char *dump_page(const rs_page *p)
{
    static char out[16384];
    size_t r, c, len = 0;

    out[0] = '\0';
    for (r = 0; r < p->nrows; r++) {
        for (c = 0; c < p->ncols; c++) {
            const rs_cell *cell = &p->cells[r * p->ncols + c];
            len += (size_t)snprintf(out + len, sizeof out - len, "%s%s%s%s", c ? "|" : "",
                                    kname(cell->kind), cell->text ? ":" : "",
                                    cell->text ? cell->text : "");
        }
        len += (size_t)snprintf(out + len, sizeof out - len, "\n");
    }
    return out;
}

static const char *dump_cols(rs_decoder *d)
{
    static char out[4096];
    size_t n, i, len = 0;
    rs_column *c = rs_decode_columns(d, &n);

    out[0] = '\0';
    for (i = 0; i < n; i++)
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%s:%s%s%s%s", i ? " " : "",
                                c[i].name, kname(c[i].kind), c[i].mixed ? "*" : "",
                                c[i].rockset_type[0] ? "/" : "", c[i].rockset_type);
    return out;
}

static int decode(rs_decoder *d, const char *doc, rs_error *err)
{
    rs_error_clear(err);
    rs_decode_begin(d);
    if (rs_decode_feed(d, doc, strlen(doc), err) != 0)
        return -1;
    return rs_decode_finish(d, err);
}

static void test_column_fields_after_results(void)
{
    rs_decoder *d = rs_decode_new();
    rs_error err;
    const char *doc =
        "{\"query_id\":\"q1\",\"stats\":{\"elapsed_time_ms\":3,\"x\":[1,{\"y\":2}]},"
        "\"results\":[{\"b\":\"x\",\"a\":1},{\"a\":2.5,\"c\":true}],"
        "\"results_total_doc_count\":2,"
        "\"column_fields\":[{\"name\":\"a\",\"type\":\"\"},{\"name\":\"b\",\"type\":\"string\"}],"
        "\"collections\":[\"commons.t\"]}";

    CU_ASSERT_EQUAL_FATAL(decode(d, doc, &err), 0);
    CU_ASSERT_STRING_EQUAL(dump_cols(d), "a:FLOAT b:STRING/string");
    CU_ASSERT_STRING_EQUAL(dump_page(rs_decode_page(d)), "INT:1|STRING:x\nFLOAT:2.5|ABSENT\n");
    CU_ASSERT_EQUAL(rs_decode_total(d), 2);
    CU_ASSERT_STRING_EQUAL(rs_decode_query_id(d), "q1");
    CU_ASSERT_FALSE(rs_decode_paginated(d));
    CU_ASSERT_PTR_NULL(rs_decode_next_cursor(d));
    CU_ASSERT_EQUAL(rs_decode_query_errors(d, &err), 0);
    rs_decode_free(d);
}

static void test_derived_columns(void)
{
    rs_decoder *d = rs_decode_new();
    rs_error err;
    /* SELECT *: no column_fields; union of keys in order of first appearance */
    const char *doc = "{\"results\":[{\"_id\":\"1\",\"n\":null},{\"x\":1,\"_id\":\"2\",\"n\":5},"
                      "{\"x\":\"s\"}],\"column_fields\":[{\"name\":\"\",\"type\":\"\"}]}";

    CU_ASSERT_EQUAL_FATAL(decode(d, doc, &err), 0);
    CU_ASSERT_STRING_EQUAL(dump_cols(d), "_id:STRING n:INT x:INT*");
    CU_ASSERT_STRING_EQUAL(dump_page(rs_decode_page(d)),
                           "STRING:1|NULL|ABSENT\nSTRING:2|INT:5|INT:1\nABSENT|ABSENT|STRING:s\n");
    CU_ASSERT_EQUAL(rs_decode_total(d), -1);
    rs_decode_free(d);
}

static void test_wrappers_and_nested(void)
{
    rs_decoder *d = rs_decode_new();
    rs_error err;
    const char *doc =
        "{\"results\":[{"
        "\"d\":{\"__rockset_type\":\"DATE\",\"value\":\"2020-03-02\"},"
        "\"t\":{\"value\":\"08:08:28.615226\",\"__rockset_type\":\"time\"},"
        "\"dt\":{\"__rockset_type\":\"DateTime\",\"value\":\"2020-03-02T10:49:33\"},"
        "\"ts\":{\"__rockset_type\":\"TIMESTAMP\",\"value\":\"2023-08-23T19:03:04.735782Z\"},"
        "\"b\":{\"__rockset_type\":\"BYTES\",\"value\":\"aGk=\"},"
        "\"iv\":{\"__rockset_type\":\"MICROSECOND_INTERVAL\",\"value\":1500},"
        "\"g\":{\"__rockset_type\":\"GEOGRAPHY\",\"value\":{\"type\":\"Point\","
        "\"coordinates\":[1.5,-2]}},"
        "\"o\":{ \"k\" : [ 1 , \"a\\\"b\\n\\u0001\" , null , true , {} ] , \"z\" : false },"
        "\"a\":[[],[{\"value\":1}]],"
        "\"notwrap\":{\"__rockset_type\":\"DATE\"}}]}";

    CU_ASSERT_EQUAL_FATAL(decode(d, doc, &err), 0);
    CU_ASSERT_STRING_EQUAL(dump_page(rs_decode_page(d)),
                           "DATE:2020-03-02|TIME:08:08:28.615226|DATETIME:2020-03-02T10:49:33|"
                           "TIMESTAMP:2023-08-23T19:03:04.735782Z|BYTES:hi|OTHER:1500|"
                           "OTHER:{\"type\":\"Point\",\"coordinates\":[1.5,-2]}|"
                           "OBJECT:{\"k\":[1,\"a\\\"b\\n\\u0001\",null,true,{}],\"z\":false}|"
                           "ARRAY:[[],[{\"value\":1}]]|"
                           "OBJECT:{\"__rockset_type\":\"DATE\"}\n");
    CU_ASSERT_EQUAL(rs_decode_page(d)->cells[4].len, 2);
    rs_decode_free(d);
}

static void test_bytes_binary(void)
{
    rs_decoder *d = rs_decode_new();
    rs_error err;
    const rs_cell *c;

    CU_ASSERT_EQUAL_FATAL(decode(d, "{\"results\":[{\"b\":{\"__rockset_type\":\"bytes\","
                                    "\"value\":\"AP8A\"},\"bad\":{\"__rockset_type\":\"BYTES\","
                                    "\"value\":\"%%%\"},\"late\":{\"__rockset_type\":\"BYTES\","
                                    "\"value\":\"aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=!\"}}]}", &err), 0);
    c = rs_decode_page(d)->cells;
    CU_ASSERT_EQUAL(c[0].kind, RS_V_BYTES);
    CU_ASSERT_EQUAL(c[0].len, 3);
    CU_ASSERT_EQUAL(memcmp(c[0].text, "\x00\xff\x00", 3), 0);
    CU_ASSERT_EQUAL(c[1].kind, RS_V_OTHER); /* undecodable base64 stays visible as JSON */
    CU_ASSERT_STRING_EQUAL(c[1].text, "\"%%%\"");
    /* bad only at its end: what was decoded before must not spoil the JSON text */
    CU_ASSERT_EQUAL(c[2].kind, RS_V_OTHER);
    CU_ASSERT_STRING_EQUAL(c[2].text, "\"aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=!\"");
    rs_decode_free(d);
}

/* A total count that is no count (out of range, negative, not a number) is unknown: -1. */
static void test_total_out_of_range(void)
{
    rs_decoder *d = rs_decode_new();
    rs_error err;

    CU_ASSERT_EQUAL_FATAL(decode(d, "{\"results\":[],\"results_total_doc_count\":1e400}", &err), 0);
    CU_ASSERT_EQUAL(rs_decode_total(d), -1);
    CU_ASSERT_EQUAL_FATAL(decode(d, "{\"results\":[],\"results_total_doc_count\":-3}", &err), 0);
    CU_ASSERT_EQUAL(rs_decode_total(d), -1);
    CU_ASSERT_EQUAL_FATAL(decode(d, "{\"results\":[],\"results_total_doc_count\":\"7\"}", &err), 0);
    CU_ASSERT_EQUAL(rs_decode_total(d), -1);
    CU_ASSERT_EQUAL_FATAL(decode(d, "{\"results\":[],\"results_total_doc_count\":7}", &err), 0);
    CU_ASSERT_EQUAL(rs_decode_total(d), 7);
    rs_decode_free(d);
}

/* A row lacking a column gets ABSENT there, even where the previous page's row had a value
 * (the cells are reused) and when the row repeats another key as often as it lacks one. */
static void test_row_gaps(void)
{
    rs_decoder *d = rs_decode_new();
    rs_error err;

    CU_ASSERT_EQUAL_FATAL(decode(d, "{\"results\":[{\"a\":1,\"b\":2,\"c\":3},"
                                    "{\"a\":4,\"b\":5,\"c\":6}]}", &err), 0);
    CU_ASSERT_STRING_EQUAL(dump_page(rs_decode_page(d)), "INT:1|INT:2|INT:3\nINT:4|INT:5|INT:6\n");
    CU_ASSERT_EQUAL_FATAL(decode(d, "{\"results\":[{\"a\":7,\"a\":8,\"c\":9},"
                                    "{\"x\":0,\"b\":1,\"y\":2},{}]}", &err), 0);
    CU_ASSERT_STRING_EQUAL(dump_page(rs_decode_page(d)),
                           "INT:8|ABSENT|INT:9\nABSENT|INT:1|ABSENT\nABSENT|ABSENT|ABSENT\n");
    rs_decode_free(d);
}

/* Nested values are written in place in the page's arena: many of them across chunk ends,
 * and one larger than a chunk, each intact beside the scalars around it. */
static void test_nested_in_arena(void)
{
    rs_decoder *d = rs_decode_new();
    size_t cap = 1 << 20, len, i, big = 100000;
    char *doc = malloc(cap), *want = malloc(big + 16);
    rs_error err;
    const rs_page *p;
    char w[128];

    len = (size_t)snprintf(doc, cap, "{\"results\":[");
    for (i = 0; i < 3000; i++)
        len += (size_t)snprintf(doc + len, cap - len, "%s{\"i\":%zu,\"o\":{ \"a\" : [%zu, \"x\"] },"
                                "\"s\":\"s%zu\"}", i ? "," : "", i, i, i);
    len += (size_t)snprintf(doc + len, cap - len, ",{\"i\":-1,\"o\":[\"");
    memset(doc + len, 'y', big);
    len += big;
    len += (size_t)snprintf(doc + len, cap - len, "\"],\"s\":\"end\"}]}");
    rs_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(decode(d, doc, &err), 0);
    p = rs_decode_page(d);
    CU_ASSERT_EQUAL_FATAL(p->nrows, 3001);
    for (i = 0; i < 3000; i++) {
        snprintf(w, sizeof w, "{\"a\":[%zu,\"x\"]}", i);
        CU_ASSERT_STRING_EQUAL(p->cells[i * 3 + 1].text, w);
        snprintf(w, sizeof w, "s%zu", i);
        CU_ASSERT_STRING_EQUAL(p->cells[i * 3 + 2].text, w);
    }
    want[0] = '[';
    want[1] = '"';
    memset(want + 2, 'y', big);
    memcpy(want + 2 + big, "\"]", 3);
    CU_ASSERT_EQUAL(p->cells[3000 * 3 + 1].kind, RS_V_ARRAY);
    CU_ASSERT_EQUAL(p->cells[3000 * 3 + 1].len, big + 4);
    CU_ASSERT_STRING_EQUAL(p->cells[3000 * 3 + 1].text, want);
    CU_ASSERT_STRING_EQUAL(p->cells[3000 * 3 + 2].text, "end");
    free(doc);
    free(want);
    rs_decode_free(d);
}

static void test_timestamp_column_and_nul(void)
{
    rs_decoder *d = rs_decode_new();
    rs_error err;
    const rs_page *p;

    CU_ASSERT_EQUAL_FATAL(decode(d, "{\"column_fields\":[{\"name\":\"_event_time\",\"type\":"
                                    "\"timestamp\"},{\"name\":\"s\",\"type\":\"string\"}],"
                                    "\"results\":[{\"_event_time\":\"2023-08-23T19:03:04.735782Z\","
                                    "\"s\":\"a\\u0000b\"}]}", &err), 0);
    p = rs_decode_page(d);
    CU_ASSERT_EQUAL(p->cells[0].kind, RS_V_TIMESTAMP);
    CU_ASSERT_EQUAL(p->cells[1].kind, RS_V_STRING);
    CU_ASSERT_EQUAL(p->cells[1].len, 3);
    CU_ASSERT_EQUAL(memcmp(p->cells[1].text, "a\0b", 4), 0);
    CU_ASSERT_STRING_EQUAL(dump_cols(d), "_event_time:TIMESTAMP/timestamp s:STRING/string");
    rs_decode_free(d);
}

/* The live service types nothing: ISO timestamp strings make a timestamp column; later odd
 * values stay strings; one non-timestamp value in the first page keeps the column text. */
static void test_inferred_timestamp(void)
{
    rs_decoder *d = rs_decode_new();
    rs_error err;

    CU_ASSERT_EQUAL_FATAL(decode(d, "{\"results\":[{\"t\":\"2023-08-23T19:03:04.735782Z\","
                                    "\"u\":\"2023-08-23T19:03:04Z\",\"v\":\"2023-08-23\"},"
                                    "{\"t\":null,\"u\":\"not a time\",\"v\":\"x\"},"
                                    "{\"t\":\"2024-02-29T00:00:00.123456789Z\"}],"
                                    "\"pagination\":{\"next_cursor\":\"c\"},"
                                    "\"column_fields\":[{\"name\":\"t\",\"type\":\"\"},"
                                    "{\"name\":\"u\",\"type\":\"\"},"
                                    "{\"name\":\"v\",\"type\":\"\"}]}", &err), 0);
    CU_ASSERT_STRING_EQUAL(dump_cols(d), "t:TIMESTAMP u:STRING v:STRING");
    CU_ASSERT_STRING_EQUAL(dump_page(rs_decode_page(d)),
                           "TIMESTAMP:2023-08-23T19:03:04.735782Z|STRING:2023-08-23T19:03:04Z|"
                           "STRING:2023-08-23\n"
                           "NULL|STRING:not a time|STRING:x\n"
                           "TIMESTAMP:2024-02-29T00:00:00.123456789Z|ABSENT|ABSENT\n");
    /* a later page: the odd value stays a string, exactly as sent */
    CU_ASSERT_EQUAL_FATAL(decode(d, "{\"results\":[{\"t\":\"soon\"},{\"t\":\"2023-01-01T"
                                    "00:00:00Z\"},{\"t\":5}]}", &err), 0);
    CU_ASSERT_STRING_EQUAL(dump_page(rs_decode_page(d)),
                           "STRING:soon|ABSENT|ABSENT\nTIMESTAMP:2023-01-01T00:00:00Z|ABSENT|ABSENT\n"
                           "INT:5|ABSENT|ABSENT\n");
    CU_ASSERT_STRING_EQUAL(dump_cols(d), "t:TIMESTAMP u:STRING v:STRING");
    rs_decode_free(d);

    /* SELECT *: no column_fields; near misses of the form are not timestamps */
    d = rs_decode_new();
    CU_ASSERT_EQUAL_FATAL(decode(d, "{\"results\":[{\"a\":\"2023-08-23T19:03:04.1Z\","
                                    "\"b\":\"2023-08-23 19:03:04Z\",\"c\":\"2023-13-23T19:03:04Z\","
                                    "\"d\":\"2023-08-23T19:03:04.Z\",\"e\":\"2023-08-23T19:03:04"
                                    ".1234567890Z\",\"f\":\"2023-08-23T19:03:04\",\"g\":null}]}",
                                 &err), 0);
    CU_ASSERT_STRING_EQUAL(dump_cols(d), "a:TIMESTAMP b:STRING c:STRING d:STRING e:STRING "
                                         "f:STRING g:NULL");
    rs_decode_free(d);

    /* a declared string column is never re-typed */
    d = rs_decode_new();
    CU_ASSERT_EQUAL_FATAL(decode(d, "{\"column_fields\":[{\"name\":\"s\",\"type\":\"string\"}],"
                                    "\"results\":[{\"s\":\"2023-08-23T19:03:04Z\"}]}", &err), 0);
    CU_ASSERT_STRING_EQUAL(dump_cols(d), "s:STRING/string");
    rs_decode_free(d);
}

static void test_empty(void)
{
    rs_decoder *d = rs_decode_new();
    rs_error err;

    CU_ASSERT_EQUAL(decode(d, "{\"results\":[],\"column_fields\":[{\"name\":\"n\",\"type\":\"int\"}]}",
                           &err), 0);
    CU_ASSERT_EQUAL(rs_decode_page(d)->nrows, 0);
    CU_ASSERT_STRING_EQUAL(dump_cols(d), "n:INT/int");
    rs_decode_free(d);

    d = rs_decode_new();
    CU_ASSERT_EQUAL(decode(d, "{\"results\":null}", &err), 0);
    CU_ASSERT_EQUAL(rs_decode_page(d)->nrows, 0);
    CU_ASSERT_STRING_EQUAL(dump_cols(d), "");
    rs_decode_free(d);
}

static void test_pages(void)
{
    rs_decoder *d = rs_decode_new();
    rs_error err;

    CU_ASSERT_EQUAL_FATAL(decode(d, "{\"pagination\":{\"start_cursor\":\"s\",\"next_cursor\":"
                                    "\"c2\",\"current_page_doc_count\":1},\"results\":"
                                    "[{\"a\":1,\"b\":\"x\"}],\"results_total_doc_count\":3,"
                                    "\"query_id\":\"q9\"}", &err), 0);
    CU_ASSERT_TRUE(rs_decode_paginated(d));
    CU_ASSERT_STRING_EQUAL(rs_decode_next_cursor(d), "c2");
    CU_ASSERT_EQUAL(rs_decode_total(d), 3);
    CU_ASSERT_STRING_EQUAL(dump_cols(d), "a:INT b:STRING");
    /* page 2: keys reordered, a new key is dropped, nested unknown value skipped */
    CU_ASSERT_EQUAL_FATAL(decode(d, "{\"results\":[{\"b\":\"y\",\"new\":{\"q\":[1]},\"a\":2},"
                                    "{\"new\":3}],\"pagination\":{\"next_cursor\":\"c3\"}}",
                                 &err), 0);
    CU_ASSERT_STRING_EQUAL(dump_page(rs_decode_page(d)), "INT:2|STRING:y\nABSENT|ABSENT\n");
    CU_ASSERT_STRING_EQUAL(rs_decode_next_cursor(d), "c3");
    CU_ASSERT_EQUAL(rs_decode_total(d), -1);
    CU_ASSERT_EQUAL_FATAL(decode(d, "{\"results\":[{\"a\":3}],\"pagination\":"
                                    "{\"next_cursor\":null}}", &err), 0);
    CU_ASSERT_PTR_NULL(rs_decode_next_cursor(d));
    CU_ASSERT_TRUE(rs_decode_paginated(d));
    CU_ASSERT_STRING_EQUAL(dump_page(rs_decode_page(d)), "INT:3|ABSENT\n");
    CU_ASSERT_STRING_EQUAL(dump_cols(d), "a:INT b:STRING");
    rs_decode_free(d);
}

static void test_query_errors(void)
{
    rs_decoder *d = rs_decode_new();
    rs_error err;

    CU_ASSERT_EQUAL_FATAL(decode(d, "{\"results\":[],\"query_errors\":[{\"type\":\"QUERY_ERROR\","
                                    "\"message\":\"boom\",\"status_code\":400}],\"query_id\":"
                                    "\"qq\"}", &err), 0);
    CU_ASSERT_EQUAL(rs_decode_query_errors(d, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_HTTP);
    CU_ASSERT_EQUAL(err.http_status, 400);
    CU_ASSERT_STRING_EQUAL(err.type, "QUERY_ERROR");
    CU_ASSERT_STRING_EQUAL(err.message, "boom");
    CU_ASSERT_STRING_EQUAL(err.query_id, "qq");
    rs_error_clear(&err);
    CU_ASSERT_EQUAL(decode(d, "{\"results\":[],\"query_errors\":[]}", &err), 0);
    CU_ASSERT_EQUAL(rs_decode_query_errors(d, &err), 0);
    rs_decode_free(d);
}

static void test_bad_input(void)
{
    static const char *bad[] = {
        "[1]", "{\"results\":[1]}", "{\"results\":{}}", "{\"results\":[{\"a\":1}]",
        "{\"results\":[{\"a\":1}]} x", "{\"results\":[{\"a\":tru}]}", "", NULL
    };
    rs_error err;
    int i;

    for (i = 0; bad[i]; i++) {
        rs_decoder *d = rs_decode_new();
        CU_ASSERT_EQUAL(decode(d, bad[i], &err), -1);
        CU_ASSERT_EQUAL(err.kind, RS_ERR_PROTOCOL);
        CU_ASSERT_NOT_EQUAL(err.message[0], '\0');
        rs_decode_free(d);
    }
}

/* Decodes doc fed in pieces of `piece` bytes (0: split once at pos); the page as text. */
static const char *decode_pieces(const char *doc, size_t len, size_t pos, size_t piece)
{
    static char out[16384];
    rs_error err;
    rs_decoder *d = rs_decode_new();
    int rc = 0;

    rs_error_clear(&err);
    if (piece == 0) {
        rc = rs_decode_feed(d, doc, pos, &err);
        if (rc == 0)
            rc = rs_decode_feed(d, doc + pos, len - pos, &err);
    } else {
        for (size_t i = 0; rc == 0 && i < len; i += piece)
            rc = rs_decode_feed(d, doc + i, len - i < piece ? len - i : piece, &err);
    }
    if (rc == 0)
        rc = rs_decode_finish(d, &err);
    snprintf(out, sizeof out, "%s", rc ? "ERROR" : dump_page(rs_decode_page(d)));
    if (rc == 0 && (!rs_decode_next_cursor(d) || strcmp(rs_decode_next_cursor(d), "zz") != 0))
        snprintf(out, sizeof out, "NO CURSOR");
    rs_decode_free(d);
    return out;
}

static void test_every_split(void)
{
    const char *doc =
        "{\"results\":[{\"a\":1,\"o\":{\"x\":[\"\\u00e9\\ud83d\\ude00\",2]},"
        "\"d\":{\"__rockset_type\":\"DATE\",\"value\":\"2020-03-02\"},\"s\":\"caf\xc3\xa9 \\\"q\\\"\","
        "\"ts\":\"2024-02-02T01:01:07.000001Z\",\"f\":false},{\"a\":-2.5e3,\"s\":\"name1\","
        "\"ts\":\"2024-03-03T02:02:14.000002Z\"},{\"a\":-0,\"o\":[1E5,0.5,7]}],"
        "\"pagination\":{\"next_cursor\":\"zz\"},\"results_total_doc_count\":3}";
    size_t len = strlen(doc), pos;
    char whole[4096];

    snprintf(whole, sizeof whole, "%s", decode_pieces(doc, len, len, 0));
    CU_ASSERT_STRING_EQUAL(whole,
                           "INT:1|OBJECT:{\"x\":[\"\xc3\xa9\xf0\x9f\x98\x80\",2]}|DATE:2020-03-02|"
                           "STRING:caf\xc3\xa9 \"q\"|TIMESTAMP:2024-02-02T01:01:07.000001Z|BOOL:false\n"
                           "FLOAT:-2.5e3|ABSENT|ABSENT|STRING:name1|"
                           "TIMESTAMP:2024-03-03T02:02:14.000002Z|ABSENT\n"
                           "INT:-0|ARRAY:[1E5,0.5,7]|ABSENT|ABSENT|ABSENT|ABSENT\n");
    for (pos = 0; pos <= len; pos++)
        CU_ASSERT_STRING_EQUAL(decode_pieces(doc, len, pos, 0), whole);
    for (size_t piece = 1; piece <= 17; piece++)
        CU_ASSERT_STRING_EQUAL(decode_pieces(doc, len, 0, piece), whole);
}

/* Page after page the decoder reuses its buffers: many large pages decode correctly. */
static void test_many_pages(void)
{
    rs_decoder *d = rs_decode_new();
    size_t cap = 1 << 20, len, i;
    char *doc = malloc(cap);
    rs_error err;
    char want[32];
    int p;

    for (p = 0; p < 20; p++) {
        len = (size_t)snprintf(doc, cap, "{\"results\":[");
        for (i = 0; i < 2000; i++)
            len += (size_t)snprintf(doc + len, cap - len, "%s{\"i\":%zu,\"s\":\"%0200d\"}",
                                    i ? "," : "", i + (size_t)p * 2000, p);
        len += (size_t)snprintf(doc + len, cap - len, "]}");
        rs_decode_begin(d);
        rs_error_clear(&err);
        CU_ASSERT_EQUAL(rs_decode_feed(d, doc, len, &err), 0);
        CU_ASSERT_EQUAL(rs_decode_finish(d, &err), 0);
        CU_ASSERT_EQUAL(rs_decode_page(d)->nrows, 2000);
        snprintf(want, sizeof want, "%d", 1999 + p * 2000);
        CU_ASSERT_STRING_EQUAL(rs_decode_page(d)->cells[2 * 1999].text, want);
        CU_ASSERT_EQUAL(rs_decode_page(d)->cells[1].len, 200);
    }
    free(doc);
    rs_decode_free(d);
}

/* "{"results":[{"a":"xxx...x"}]}" with n x's, malloc'ed; open/close wrap the value. */
static char *doc_with_value(size_t n, const char *open, const char *close)
{
    size_t lo = strlen(open), lc = strlen(close);
    char *doc = malloc(n + lo + lc + 32), *p = doc;

    p += sprintf(p, "{\"results\":[{\"a\":%s", open);
    memset(p, 'x', n);
    p += n;
    sprintf(p, "%s}]}", close);
    return doc;
}

/* One value past MaxValueBytes (a string, a number, an object as JSON text) and an answer
 * past MaxPageBytes fail with RS_ERR_LIMIT naming the keyword; at the bound they pass. */
static void test_limits(void)
{
    rs_decoder *d = rs_decode_new();
    rs_error err;
    char *doc;
    size_t n;

    rs_decode_set_limits(d, 1000, 4000);
    doc = doc_with_value(1000, "\"", "\"");
    CU_ASSERT_EQUAL(decode(d, doc, &err), 0);
    CU_ASSERT_EQUAL(rs_decode_page(d)->cells[0].len, 1000);
    free(doc);
    doc = doc_with_value(1001, "\"", "\"");
    CU_ASSERT_EQUAL(decode(d, doc, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_LIMIT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "MaxValueBytes"));
    free(doc);
    doc = doc_with_value(1200, "{\"k\":\"", "\"}"); /* nested: the JSON text counts */
    CU_ASSERT_EQUAL(decode(d, doc, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_LIMIT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "MaxValueBytes"));
    free(doc);
    doc = doc_with_value(1200, "[\"", "\"]");
    memset(doc + 18, '1', 1201); /* [1111...1] : a huge number is one token too */
    CU_ASSERT_EQUAL(decode(d, doc, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_LIMIT);
    free(doc);
    /* many small values: the answer as a whole */
    doc = malloc(8000);
    n = (size_t)sprintf(doc, "{\"results\":[");
    while (n < 4100)
        n += (size_t)sprintf(doc + n, "{\"a\":\"0123456789\"},");
    sprintf(doc + n, "{}]}");
    CU_ASSERT_EQUAL(decode(d, doc, &err), -1);
    CU_ASSERT_EQUAL(err.kind, RS_ERR_LIMIT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "MaxPageBytes"));
    /* the next answer starts counting afresh */
    CU_ASSERT_EQUAL(decode(d, "{\"results\":[{\"a\":\"ok\"}]}", &err), 0);
    free(doc);
    rs_decode_free(d);
}

/* More columns than a SQLSMALLINT counts is an error, not a wrap-around. */
static void test_too_many_columns(void)
{
    rs_decoder *d;
    rs_error err;
    char *doc = malloc(16 * 40000);
    size_t n, ncols;

    for (int want = RS_ROWSOURCE_MAX_COLS; want <= RS_ROWSOURCE_MAX_COLS + 1; want++) {
        d = rs_decode_new();
        n = (size_t)sprintf(doc, "{\"results\":[{");
        for (int i = 0; i < want; i++)
            n += (size_t)sprintf(doc + n, "%s\"c%d\":%d", i ? "," : "", i, i);
        sprintf(doc + n, "}]}");
        if (want == RS_ROWSOURCE_MAX_COLS) {
            CU_ASSERT_EQUAL(decode(d, doc, &err), 0);
            rs_decode_columns(d, &ncols);
            CU_ASSERT_EQUAL(ncols, RS_ROWSOURCE_MAX_COLS);
        } else {
            CU_ASSERT_EQUAL(decode(d, doc, &err), -1);
            CU_ASSERT_EQUAL(err.kind, RS_ERR_LIMIT);
            CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "32768 columns"));
        }
        rs_decode_free(d);
    }
    free(doc);
}

static void test_base64(void)
{
    unsigned char out[16];

    CU_ASSERT_EQUAL(rs_decode_base64("", 0, out), 0);
    CU_ASSERT_EQUAL(rs_decode_base64("Zm9vYmFy", 8, out), 6);
    CU_ASSERT_EQUAL(memcmp(out, "foobar", 6), 0);
    CU_ASSERT_EQUAL(rs_decode_base64("Zm9vYg==", 8, out), 4);
    CU_ASSERT_EQUAL(rs_decode_base64("Zm9vYg", 6, out), 4);
    CU_ASSERT_EQUAL(rs_decode_base64("_-8=", 4, out), 2);
    CU_ASSERT_EQUAL(out[0], 0xFF);
    CU_ASSERT_EQUAL(rs_decode_base64("Zm9vY", 5, out), -1);
    CU_ASSERT_EQUAL(rs_decode_base64("Zg=a", 4, out), -1);
    CU_ASSERT_EQUAL(rs_decode_base64("Z!==", 4, out), -1);
}

int main(void)
{
    static const cu_case cases[] = {
        {"column_fields after results", test_column_fields_after_results},
        {"derived columns", test_derived_columns},
        {"wrappers and nested", test_wrappers_and_nested},
        {"bytes", test_bytes_binary},
        {"nested values in the arena", test_nested_in_arena},
        {"rows with gaps", test_row_gaps},
        {"total count out of range", test_total_out_of_range},
        {"timestamp column, NUL", test_timestamp_column_and_nul},
        {"inferred timestamp column", test_inferred_timestamp},
        {"empty results", test_empty},
        {"pages", test_pages},
        {"query_errors", test_query_errors},
        {"bad input", test_bad_input},
        {"every split point", test_every_split},
        {"many pages", test_many_pages},
        {"base64", test_base64},
        {"value and answer size limits", test_limits},
        {"more columns than a SQLSMALLINT", test_too_many_columns},
        {NULL, NULL},
    };
    return cu_run("result_decode", cases);
}
