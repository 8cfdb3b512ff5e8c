/* SPDX-License-Identifier: Apache-2.0 */
/* UTF-8 <-> UTF-16: well-formed text both ways, surrogate pairs, and every kind of ill-formed
 * input degrading to U+FFFD without crashing. */
#include "tests/driver/convert/test_convert_util.h"

#include <stdlib.h>

static void check_roundtrip(const char *utf8, const SQLWCHAR *expect, size_t nunits)
{
    size_t n = 99, m = 99;
    SQLWCHAR *w = rs_utf8_to_utf16(utf8, -1, &n);
    char *back;
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_EQUAL(n, nunits);
    CU_ASSERT(memcmp(w, expect, nunits * sizeof(SQLWCHAR)) == 0);
    CU_ASSERT_EQUAL(w[n], 0);
    back = rs_utf16_to_utf8(w, -1, &m);
    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    CU_ASSERT_STRING_EQUAL(back, utf8);
    CU_ASSERT_EQUAL(m, strlen(utf8));
    free(w);
    free(back);
}

static void test_ascii_and_multibyte(void)
{
    const SQLWCHAR a[] = {'a', 'b', 'c'};
    const SQLWCHAR e[] = {0xE9, 0x20AC, 0xFFFF};      /* é € U+FFFF */
    const SQLWCHAR p[] = {'x', 0xD83D, 0xDE00, 'y'};  /* x 😀 y */
    const SQLWCHAR m[] = {0xDBFF, 0xDFFF};            /* U+10FFFF */
    check_roundtrip("abc", a, 3);
    check_roundtrip("\xC3\xA9\xE2\x82\xAC\xEF\xBF\xBF", e, 3);
    check_roundtrip("x\xF0\x9F\x98\x80y", p, 4);
    check_roundtrip("\xF4\x8F\xBF\xBF", m, 2);
}

static void test_empty_and_null(void)
{
    size_t n = 7;
    SQLWCHAR *w = rs_utf8_to_utf16("", -1, &n);
    char *s;
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_EQUAL(n, 0);
    CU_ASSERT_EQUAL(w[0], 0);
    s = rs_utf16_to_utf8(w, 0, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s, "");
    free(w);
    free(s);
    n = 7;
    CU_ASSERT_PTR_NULL(rs_utf8_to_utf16(NULL, -1, &n));
    CU_ASSERT_EQUAL(n, 0);
    CU_ASSERT_PTR_NULL(rs_utf16_to_utf8(NULL, 3, NULL));
}

static void test_explicit_lengths(void)
{
    size_t n;
    /* a length stops early and keeps embedded NULs */
    SQLWCHAR *w = rs_utf8_to_utf16("ab\0cd", 5, &n);
    const SQLWCHAR in[] = {'h', 'i', 0, 'x', 'y'};
    char *s;
    CU_ASSERT_EQUAL(n, 5);
    CU_ASSERT_EQUAL(w[2], 0);
    CU_ASSERT_EQUAL(w[4], 'd');
    free(w);
    w = rs_utf8_to_utf16("abcdef", 2, &n);
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_EQUAL(w[2], 0);
    free(w);
    s = rs_utf16_to_utf8(in, 5, &n);
    CU_ASSERT_EQUAL(n, 5);
    CU_ASSERT(memcmp(s, "hi\0xy", 6) == 0);
    free(s);
}

/* Invalid UTF-8 input and the UTF-16 expected (U+FFFD per maximal subpart). */
static void check_bad8(const char *in, const SQLWCHAR *expect, size_t nunits)
{
    size_t n;
    SQLWCHAR *w = rs_utf8_to_utf16(in, -1, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_EQUAL(n, nunits);
    if (n == nunits)
        CU_ASSERT(memcmp(w, expect, n * sizeof(SQLWCHAR)) == 0);
    free(w);
}

static void test_invalid_utf8(void)
{
    const SQLWCHAR r1[] = {'a', 0xFFFD, 'b'};
    const SQLWCHAR r2[] = {0xFFFD, 0xFFFD};
    const SQLWCHAR r3[] = {0xFFFD, 0xFFFD, 0xFFFD};
    const SQLWCHAR r4[] = {'a', 0xFFFD};
    const SQLWCHAR r5[] = {0xFFFD, 'z'};
    check_bad8("a\x80" "b", r1, 3);          /* lone continuation byte */
    check_bad8("\xC0\x80", r2, 2);           /* overlong NUL: C0 is never valid */
    check_bad8("\xE0\x80\x80", r3, 3);       /* overlong 3-byte */
    check_bad8("\xED\xA0\x80", r3, 3);       /* encoded surrogate */
    check_bad8("\xF4\x90\x80\x80" , (const SQLWCHAR[]){0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD}, 4);
    check_bad8("\xF5", (const SQLWCHAR[]){0xFFFD}, 1);
    check_bad8("a\xE2\x82", r4, 2);          /* truncated at the end: one U+FFFD */
    check_bad8("\xE2\x82z", r5, 2);          /* truncated before an ASCII byte */
    check_bad8("\xFF\xFE", r2, 2);
}

static void test_lone_surrogates(void)
{
    const SQLWCHAR hi_end[] = {'a', 0xD83D};
    const SQLWCHAR lo_alone[] = {0xDE00, 'b'};
    const SQLWCHAR hi_hi_lo[] = {0xD83D, 0xD83D, 0xDE00};
    char *s;
    s = rs_utf16_to_utf8(hi_end, 2, NULL);
    CU_ASSERT_STRING_EQUAL(s, "a\xEF\xBF\xBD");
    free(s);
    s = rs_utf16_to_utf8(lo_alone, 2, NULL);
    CU_ASSERT_STRING_EQUAL(s, "\xEF\xBF\xBD" "b");
    free(s);
    s = rs_utf16_to_utf8(hi_hi_lo, 3, NULL);
    CU_ASSERT_STRING_EQUAL(s, "\xEF\xBF\xBD\xF0\x9F\x98\x80");
    free(s);
}

static void test_every_bmp_char_roundtrips(void)
{
    /* all scalar values of the BMP and one per supplementary plane, both directions */
    int bad = 0;
    for (uint32_t cp = 1; cp <= 0x10FFFF; cp += (cp < 0x10000 ? 1 : 0x1001)) {
        char buf[8];
        size_t len, n, m;
        SQLWCHAR *w;
        char *back;
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        len = rs_utf8_encode(cp, buf);
        w = rs_utf8_to_utf16(buf, (SQLLEN)len, &n);
        back = rs_utf16_to_utf8(w, (SQLLEN)n, &m);
        if (n != (cp >= 0x10000 ? 2u : 1u) || m != len || memcmp(back, buf, len) != 0)
            bad++;
        free(w);
        free(back);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

/* Well-formedness of UTF-8 output, checked independently of the decoder under test. */
static int valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i], need, cp;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { need = 2; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { need = 3; cp = c & 0x07; }
        else return 0;
        if (i + need >= n)
            return 0;
        for (unsigned k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += need + 1;
    }
    return 1;
}

static void test_random_input_never_breaks(void)
{
    /* random bytes and random units: the output is always well-formed, and valid input
       survives a round trip unchanged */
    uint32_t seed = 12345;
    int bad = 0;
    for (int round = 0; round < 3000; round++) {
        unsigned char in[24];
        SQLWCHAR win[12];
        size_t len = (size_t)(round % 24), n, m;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            in[i] = (unsigned char)(seed >> 16);
            if (i < 12)
                win[i] = (SQLWCHAR)(seed >> 8);
        }
        SQLWCHAR *w = rs_utf8_to_utf16((const char *)in, (SQLLEN)len, &n);
        char *back = rs_utf16_to_utf8(w, (SQLLEN)n, &m);
        if (!valid_utf8((const unsigned char *)back, m) ||
            (valid_utf8(in, len) && (m != len || memcmp(back, in, len) != 0)))
            bad++;
        free(w);
        free(back);
        back = rs_utf16_to_utf8(win, (SQLLEN)(len % 12), &m);
        if (!valid_utf8((const unsigned char *)back, m))
            bad++;
        free(back);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

int main(void)
{
    static const cu_case cases[] = {
        {"ascii and multibyte", test_ascii_and_multibyte},
        {"empty and NULL", test_empty_and_null},
        {"explicit lengths", test_explicit_lengths},
        {"invalid UTF-8 -> U+FFFD", test_invalid_utf8},
        {"lone surrogates -> U+FFFD", test_lone_surrogates},
        {"every code point round-trips", test_every_bmp_char_roundtrips},
        {"random input never breaks", test_random_input_never_breaks},
        {NULL, NULL},
    };
    return cu_run("utf", cases);
}
