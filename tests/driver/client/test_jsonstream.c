/* SPDX-License-Identifier: Apache-2.0 */
/* The streaming tokenizer: same events at every split point, decoding, and rejection. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver/client/jsonstream.h"
#include "tests/cunit_main.h"

typedef struct rec {
    char out[65536];
    size_t len;
    int stop_after; /* stop the stream after this many events, 0 = never */
    int count;
} rec;

static void rec_put(rec *r, const char *s, size_t n)
{
    if (r->len + n < sizeof r->out) {
        memcpy(r->out + r->len, s, n);
        r->len += n;
        r->out[r->len] = '\0';
    }
}

/* Events as readable text; bytes outside printable ASCII as \xHH so NULs and UTF-8 show.
 * Numbers show their type: N: an integer, R: a fraction or an exponent. */
static int rec_cb(void *ud, const rs_js_event *ev)
{
    static const char *names[] = { "{", "}", "[", "]", "K:", "S:", "N:", "T", "F", "Z" };
    rec *r = ud;
    char tmp[8];
    size_t i;

    if (ev->type == RS_JS_NUMBER && ev->is_float)
        rec_put(r, "R:", 2);
    else
        rec_put(r, names[ev->type], strlen(names[ev->type]));
    for (i = 0; ev->text && i < ev->len; i++) {
        unsigned char ch = (unsigned char)ev->text[i];
        if (ch >= 0x20 && ch < 0x7f && ch != '\\') {
            rec_put(r, (const char *)&ch, 1);
        } else {
            snprintf(tmp, sizeof tmp, "\\x%02X", ch);
            rec_put(r, tmp, 4);
        }
    }
    rec_put(r, " ", 1);
    r->count++;
    return r->stop_after && r->count >= r->stop_after;
}

/* The bound every run below sets (rs_js_set_max_len; 0 none). */
static size_t max_len;

/* Tokenizes doc given as pieces split at pos (pos == len: whole). Returns 0/-1; fills r. */
static int run_split(const char *doc, size_t len, size_t pos, rec *r, char *err, size_t errsz)
{
    rs_jsonstream *js = rs_js_new(rec_cb, r, 16);
    int rc;

    memset(r, 0, sizeof *r);
    rs_js_set_max_len(js, max_len);
    rc = rs_js_feed(js, doc, pos);
    if (rc == 0)
        rc = rs_js_feed(js, doc + pos, len - pos);
    if (rc == 0)
        rc = rs_js_finish(js);
    if (err)
        snprintf(err, errsz, "%s", rs_js_error(js));
    rs_js_free(js);
    return rc;
}

static int run_bytewise(const char *doc, size_t len, rec *r, char *err, size_t errsz)
{
    rs_jsonstream *js = rs_js_new(rec_cb, r, 16);
    size_t i;
    int rc = 0;

    memset(r, 0, sizeof *r);
    rs_js_set_max_len(js, max_len);
    for (i = 0; i < len && rc == 0; i++)
        rc = rs_js_feed(js, doc + i, 1);
    if (rc == 0)
        rc = rs_js_finish(js);
    if (err)
        snprintf(err, errsz, "%s", rs_js_error(js));
    rs_js_free(js);
    return rc;
}

static const char *events(const char *doc)
{
    static rec r;
    static char buf[65536];

    if (run_split(doc, strlen(doc), strlen(doc), &r, NULL, 0) != 0)
        return "ERROR";
    snprintf(buf, sizeof buf, "%s", r.out);
    return buf;
}

/* Every split point and byte-at-a-time give the events of the whole document, and the same
 * error message (with its byte offset) when it is invalid. */
static void check_all_splits(const char *doc, size_t len)
{
    static rec whole, part;
    char err_whole[200], err[200];
    size_t pos;
    int rc_whole = run_split(doc, len, len, &whole, err_whole, sizeof err_whole);

    for (pos = 0; pos <= len; pos++) {
        int rc = run_split(doc, len, pos, &part, err, sizeof err);
        CU_ASSERT_EQUAL(rc, rc_whole);
        CU_ASSERT_STRING_EQUAL(part.out, whole.out);
        CU_ASSERT_STRING_EQUAL(err, err_whole);
        if (rc != rc_whole || strcmp(part.out, whole.out) || strcmp(err, err_whole))
            fprintf(stderr, "split at %zu of <%.*s>: <%s> <%s> vs <%s> <%s>\n", pos, (int)len,
                    doc, part.out, err, whole.out, err_whole);
    }
    CU_ASSERT_EQUAL(run_bytewise(doc, len, &part, err, sizeof err), rc_whole);
    CU_ASSERT_STRING_EQUAL(part.out, whole.out);
    CU_ASSERT_STRING_EQUAL(err, err_whole);
}

static const char *big_doc =
    "{\"query_id\":\"q-1\",\"results\":[{\"a\":1,\"b\":\"x\\\"y\\\\z\\/\\b\\f\\n\\r\\t\","
    "\"c\":[true,false,null,-0.5e+10,0,[],{}],\"d\":\"\\u00e9\\u20AC\\ud83d\\ude00\xc3\xa9\","
    "\"e\":-123456789012345678901234567890}],\"pagination\":{\"next_cursor\":null},"
    "\"n\":1E3,\"z\":\"\\u0000nul\"}";

static void test_splits(void)
{
    CU_ASSERT_STRING_NOT_EQUAL(events(big_doc), "ERROR");
    CU_ASSERT_STRING_NOT_EQUAL(events("  [1 , 2.5 ,\"\\uD834\\uDD1E\"]  "), "ERROR");
    check_all_splits(big_doc, strlen(big_doc));
    check_all_splits("  [1 , 2.5 ,\"\\uD834\\uDD1E\"]  ", 29);
    check_all_splits("123", 3);
    check_all_splits("[1,2", 4);          /* truncated: fails the same way everywhere */
    check_all_splits("{\"a\":tru}", 9);   /* invalid: fails the same way everywhere  */
}

/* Every invalid document fails with the same message and offset at every split point. */
static void test_invalid_splits(void)
{
    static const char *bad[] = {
        "[1,]", "{\"a\":}", "[1 2]", "01", "[01]", "[-]", "[1.]", "[1.e5]", "[1e]", "[1e+]",
        "[.5]", "[+1]", "[tru]", "[nul]", "[truex]", "[fals]", "[1a]", "[-a]", "[1.2.3]",
        "[\"\\x\"]", "[\"\\u12g4\"]", "[\"tab\there\"]", "[\"\xc3\"]", "[\"ab\xc3x\"]",
        "[\"\xc0\xaf\"]", "[\"\xed\xa0\x80\"]", "[\"\xf5\x80\x80\x80\"]", "[\"\xf0\x9f\x98\"]",
        "[\"\xe0\x80\x80\"]", "{\"a\xff\":1}", "{\"a\" 1}", "[1}", "{]", "[\"a\":1]", "\"abc",
        "[1] x", "{\"k\":\"v\",}", "[\"\xe2\x82\"]", NULL
    };

    for (int i = 0; bad[i]; i++)
        check_all_splits(bad[i], strlen(bad[i]));
}

/* With a length bound, a token at the bound passes and one byte more fails the same way at
 * every split, before anything past the bound is decoded (an invalid byte after it does not
 * change the error). Multi-byte UTF-8 and escapes count their decoded bytes. */
static void test_max_len_splits(void)
{
    static const char *docs[] = {
        "[\"abcd\",\"abcde\"]", "[\"abcd\"]", "[\"abcde\xff\"]", "[\"ab\xc3\xa9\"]",
        "[\"abc\xc3\xa9\"]", "[\"abcd\xc3\xa9\"]", "[\"a\\u00e9b\"]", "[\"ab\\u20acx\"]",
        "[\"\\ud83d\\ude00x\"]", "[1234,5678]", "[12345]", "[1.25,-1e5,1.2345]", "[-1234]",
        "{\"abcd\":1,\"abcde\":2}", "[123456x]", "[\"abcdefgh\\q\"]", "[1234.]", NULL
    };

    max_len = 4;
    for (int i = 0; docs[i]; i++)
        check_all_splits(docs[i], strlen(docs[i]));
    max_len = 0;
    CU_ASSERT_STRING_EQUAL(events("[\"abcd\",1234]"), "[ S:abcd N:1234 ] ");
    max_len = 4;
    CU_ASSERT_STRING_EQUAL(events("[\"abcd\",1234]"), "[ S:abcd N:1234 ] ");
    CU_ASSERT_STRING_EQUAL(events("[\"abcde\"]"), "ERROR");
    CU_ASSERT_STRING_EQUAL(events("[12345]"), "ERROR");
    max_len = 0;
}

/* Longer documents, one byte at a time and at every split: strings with and without escapes
 * and UTF-8 around every position, numbers of every form. */
static void test_long_splits(void)
{
    const char *doc =
        "{\"results\":[{\"n\":1,\"k\":-0,\"x\":0.14182751553330308,\"y\":1E400,"
        "\"s\":\"name1\",\"u\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 z\",\"e\":\"a\\\"b\\n\",\"flag\":false,"
        "\"ts\":\"2024-02-02T01:01:07.000001Z\",\"obj\":{\"a\":1,\"b\":\"v1\",\"c\":[1,1e-3]}},"
        "{\"n\":2,\"x\":-12.5e+3,\"nul\":null,\"t\":true,\"arr\":[[],{},\"\",0]}],"
        "\"collections\":[\"bench.docs\"],\"results_total_doc_count\":2}";

    check_all_splits(doc, strlen(doc));
    CU_ASSERT_PTR_NOT_NULL(strstr(events(doc), "K:k N:-0 K:x R:0.14182751553330308 K:y R:1E400"));
    CU_ASSERT_PTR_NOT_NULL(strstr(events(doc), "R:1e-3 ] } } { K:n N:2 K:x R:-12.5e+3"));
}

/* Tokens whole inside the fed piece come out in place (no copy); one that straddles two
 * pieces comes out of the tokenizer's own buffer, with the same text. */
typedef struct where {
    const char *lo, *hi;
    int inside, outside;
} where;

static int where_cb(void *ud, const rs_js_event *ev)
{
    where *w = ud;

    if (ev->text) {
        if (ev->text >= w->lo && ev->text + ev->len <= w->hi)
            w->inside++;
        else
            w->outside++;
    }
    return 0;
}

static void test_in_place(void)
{
    static const char doc[] = "{\"key\":\"value\",\"num\":12345,\"f\":1.5}";
    size_t len = sizeof doc - 1;
    where w = { doc, doc + len, 0, 0 };
    rs_jsonstream *js = rs_js_new(where_cb, &w, 0);

    CU_ASSERT_EQUAL(rs_js_feed(js, doc, len), 0);
    CU_ASSERT_EQUAL(rs_js_finish(js), 0);
    CU_ASSERT_EQUAL(w.inside, 6);
    CU_ASSERT_EQUAL(w.outside, 0);
    rs_js_reset(js);
    memset(&w, 0, sizeof w);
    w.lo = doc;
    w.hi = doc + len;
    CU_ASSERT_EQUAL(rs_js_feed(js, doc, 10), 0); /* splits "value" */
    CU_ASSERT_EQUAL(rs_js_feed(js, doc + 10, len - 10), 0);
    CU_ASSERT_EQUAL(rs_js_finish(js), 0);
    CU_ASSERT_EQUAL(w.inside, 5);
    CU_ASSERT_EQUAL(w.outside, 1);
    rs_js_free(js);
}

static void test_events(void)
{
    CU_ASSERT_STRING_EQUAL(events("{\"a\":[1,\"s\",true,false,null]}"),
                           "{ K:a [ N:1 S:s T F Z ] } ");
    CU_ASSERT_STRING_EQUAL(events(" 42 "), "N:42 ");
    CU_ASSERT_STRING_EQUAL(events("\"x\""), "S:x ");
    CU_ASSERT_STRING_EQUAL(events("{}"), "{ } ");
    CU_ASSERT_STRING_EQUAL(events("{\"results\":[]}"), "{ K:results [ ] } ");
}

static void test_escapes(void)
{
    CU_ASSERT_STRING_EQUAL(events("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""),
                           "S:\"\\x5C/\\x08\\x0C\\x0A\\x0D\\x09 ");
    CU_ASSERT_STRING_EQUAL(events("\"\\u0041\\u00e9\\u20ac\""), "S:A\\xC3\\xA9\\xE2\\x82\\xAC ");
    CU_ASSERT_STRING_EQUAL(events("\"a\\u0000b\""), "S:a\\x00b ");
    CU_ASSERT_STRING_EQUAL(events("{\"k\\u0041\":1}"), "{ K:kA N:1 } ");
}

static void test_surrogates(void)
{
    /* U+1F600 */
    CU_ASSERT_STRING_EQUAL(events("\"\\ud83d\\ude00\""), "S:\\xF0\\x9F\\x98\\x80 ");
    /* lone halves become U+FFFD (EF BF BD), the rest of the string survives */
    CU_ASSERT_STRING_EQUAL(events("\"\\ud83dx\""), "S:\\xEF\\xBF\\xBDx ");
    CU_ASSERT_STRING_EQUAL(events("\"\\ude00\""), "S:\\xEF\\xBF\\xBD ");
    CU_ASSERT_STRING_EQUAL(events("\"\\ud83d\""), "S:\\xEF\\xBF\\xBD ");
    CU_ASSERT_STRING_EQUAL(events("\"\\ud83d\\n\""), "S:\\xEF\\xBF\\xBD\\x0A ");
    CU_ASSERT_STRING_EQUAL(events("\"\\ud83d\\ud83d\\ude00\""),
                           "S:\\xEF\\xBF\\xBD\\xF0\\x9F\\x98\\x80 ");
    CU_ASSERT_STRING_EQUAL(events("\"\\ud83d\xc3\xa9\""), "S:\\xEF\\xBF\\xBD\\xC3\\xA9 ");
}

static void test_invalid(void)
{
    static const char *bad[] = {
        "", "   ", "{", "[1,]", "{\"a\"}", "{\"a\":}", "{a:1}", "[1 2]", "01", "-", "1.",
        "1e", "1e+", ".5", "+1", "tru", "nul", "truex", "[1]]", "{\"a\":1,}", "\"abc",
        "\"\\x\"", "\"\\u12g4\"", "\"tab\there\"", "\"\xc3\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"",
        "\"\xf5\x80\x80\x80\"", "\"\xff\"", "\xc3\xa9", "[1}", "{]", "1 2", "[\"a\":1]",
        "\"\xe0\x80\x80\"", NULL
    };
    int i;

    for (i = 0; bad[i]; i++) {
        rec r;
        int rc = run_split(bad[i], strlen(bad[i]), strlen(bad[i]), &r, NULL, 0);
        if (rc == 0)
            fprintf(stderr, "accepted invalid input #%d\n", i);
        CU_ASSERT_EQUAL(rc, -1);
    }
}

static void test_error_offset(void)
{
    rec r;
    char err[200];

    CU_ASSERT_EQUAL(run_split("[1,2,x]", 7, 3, &r, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "byte 5"));
    CU_ASSERT_EQUAL(run_split("[1,2", 4, 2, &r, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "truncated"));
}

static void test_numbers(void)
{
    CU_ASSERT_STRING_EQUAL(events("[-123456789012345678901234567890,1.000000000000000000001,"
                                  "-0,0.0e-0,1E400,-9223372036854775809]"),
                           "[ N:-123456789012345678901234567890 R:1.000000000000000000001 "
                           "N:-0 R:0.0e-0 R:1E400 N:-9223372036854775809 ] ");
    CU_ASSERT_STRING_EQUAL(events("[0,-1,10,1.0,1e5,1E-5,-0.5,2e+0]"),
                           "[ N:0 N:-1 N:10 R:1.0 R:1e5 R:1E-5 R:-0.5 R:2e+0 ] ");
}

static void test_depth(void)
{
    char deep[64];
    rec r;
    char err[200];

    memset(deep, '[', 16);
    memset(deep + 16, ']', 16);
    CU_ASSERT_EQUAL(run_split(deep, 32, 32, &r, NULL, 0), 0); /* limit is 16 in run_split */
    memset(deep, '[', 17);
    memset(deep + 17, ']', 17);
    CU_ASSERT_EQUAL(run_split(deep, 34, 34, &r, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "deep"));
}

static void test_consumer_stop_and_reset(void)
{
    rec r;
    rs_jsonstream *js;

    memset(&r, 0, sizeof r);
    r.stop_after = 2;
    js = rs_js_new(rec_cb, &r, 0);
    CU_ASSERT_EQUAL(rs_js_feed(js, "[1,2,3]", 7), -1);
    CU_ASSERT_TRUE(rs_js_stopped_by_consumer(js));
    CU_ASSERT_EQUAL(r.count, 2);
    CU_ASSERT_EQUAL(rs_js_feed(js, "1", 1), -1); /* stays failed */
    rs_js_reset(js);
    memset(&r, 0, sizeof r);
    CU_ASSERT_EQUAL(rs_js_feed(js, "[1]", 3), 0);
    CU_ASSERT_EQUAL(rs_js_finish(js), 0);
    CU_ASSERT_STRING_EQUAL(r.out, "[ N:1 ] ");
    rs_js_free(js);
}

int main(void)
{
    static const cu_case cases[] = {
        {"every split point", test_splits},
        {"invalid input at every split point", test_invalid_splits},
        {"length bound at every split point", test_max_len_splits},
        {"long document at every split point", test_long_splits},
        {"whole tokens in place", test_in_place},
        {"events", test_events},
        {"escapes", test_escapes},
        {"surrogates", test_surrogates},
        {"invalid input", test_invalid},
        {"error offset", test_error_offset},
        {"numbers kept as text, typed", test_numbers},
        {"depth limit", test_depth},
        {"consumer stop and reset", test_consumer_stop_and_reset},
        {NULL, NULL},
    };
    return cu_run("jsonstream", cases);
}
