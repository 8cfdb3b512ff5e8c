/* SPDX-License-Identifier: Apache-2.0 */
/* Character, wide character and binary targets: whole values, truncation, and SQLGetData
 * pieces with tiny buffers (nothing lost or corrupted at piece edges). */
#include "tests/driver/convert/test_convert_util.h"

#include <stdlib.h>

/* Reads a whole value with SQLGetData-style calls of buffer blen; returns the concatenated
 * payload (malloc'ed, *total bytes). Checks each piece's indicator and state. */
static unsigned char *get_all(const rs_cell *cell, SQLSMALLINT sql, SQLSMALLINT c, SQLLEN blen,
                              size_t *total, int *pieces)
{
    size_t off = 0, have = 0, unit = c == SQL_C_WCHAR ? sizeof(SQLWCHAR) : 1;
    size_t term = c == SQL_C_BINARY ? 0 : unit;
    unsigned char *acc = malloc(4096), buf[64];
    SQLLEN expect_rem = -1;
    rs_conv_status st;

    *pieces = 0;
    for (int guard = 0; guard < 1000; guard++) {
        SQLLEN ind = -77;
        memset(buf, 0xCC, sizeof(buf));
        rs_convert_to_c(cell, sql, c, buf, blen, &ind, &off, 0, 0, &st);
        if (st.rc == SQL_NO_DATA) {
            CU_ASSERT_EQUAL(ind, -77);
            break;
        }
        CU_ASSERT_FATAL(st.rc == SQL_SUCCESS || st.rc == SQL_SUCCESS_WITH_INFO);
        (*pieces)++;
        /* the indicator is what remains, in bytes */
        if (expect_rem >= 0)
            CU_ASSERT_EQUAL(ind, expect_rem);
        size_t got = st.rc == SQL_SUCCESS ? (size_t)ind : 0;
        if (st.rc == SQL_SUCCESS_WITH_INFO) {
            CU_ASSERT_STRING_EQUAL(st.sqlstate, "01004");
            /* a piece is what fits, terminated */
            for (got = 0; got + term < (size_t)blen; got += unit) {
                if (term && (c == SQL_C_WCHAR ? ((SQLWCHAR *)buf)[got / unit] == 0 : buf[got] == 0))
                    break;
            }
            if (c == SQL_C_BINARY)
                got = (size_t)blen;
        }
        if (term) /* terminator present */
            CU_ASSERT(c == SQL_C_WCHAR ? ((SQLWCHAR *)buf)[got / unit] == 0 : buf[got] == 0);
        CU_ASSERT(buf[got + term] == 0xCC || got + term >= (size_t)blen);
        memcpy(acc + have, buf, got);
        have += got;
        expect_rem = ind - (SQLLEN)got;
        if (st.rc == SQL_SUCCESS)
            CU_ASSERT_EQUAL(off, RS_CONV_DONE);
    }
    *total = have;
    return acc;
}

static void check_pieces_char(const char *text, SQLLEN blen)
{
    rs_cell c = tc_cell(RS_V_STRING, text);
    size_t n;
    int pieces;
    unsigned char *got = get_all(&c, SQL_VARCHAR, SQL_C_CHAR, blen, &n, &pieces);
    CU_ASSERT_EQUAL(n, strlen(text));
    CU_ASSERT(memcmp(got, text, n) == 0);
    CU_ASSERT_EQUAL(pieces, (int)((strlen(text) + (size_t)blen - 2) / (size_t)(blen - 1)) +
                                (strlen(text) == 0));
    free(got);
}

static void test_char_pieces(void)
{
    const char *texts[] = {"hello world", "a", "", "héllo €😀 ünïcödé", "0123456789abcdef"};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        for (SQLLEN b = 2; b <= 8; b++)
            check_pieces_char(texts[i], b);
}

static void test_char_tiny_buffers(void)
{
    char buf[4] = "xyz";
    SQLLEN ind = 0;
    size_t off = 0;
    rs_conv_status st;
    rs_cell c = tc_cell(RS_V_STRING, "hello");

    /* 1 byte holds only the terminator: no progress, full length reported */
    rs_convert_to_c(&c, SQL_VARCHAR, SQL_C_CHAR, buf, 1, &ind, &off, 0, 0, &st);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT_EQUAL(buf[0], '\0');
    CU_ASSERT_EQUAL(ind, 5);
    CU_ASSERT_EQUAL(off, 0);
    /* 0 bytes: a length probe, nothing written */
    buf[0] = 'q';
    rs_convert_to_c(&c, SQL_VARCHAR, SQL_C_CHAR, buf, 0, &ind, &off, 0, 0, &st);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT_EQUAL(buf[0], 'q');
    CU_ASSERT_EQUAL(ind, 5);
    /* then the value in pieces of 2 */
    rs_convert_to_c(&c, SQL_VARCHAR, SQL_C_CHAR, buf, 3, &ind, &off, 0, 0, &st);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT_STRING_EQUAL(buf, "he");
    CU_ASSERT_EQUAL(ind, 5);
    rs_convert_to_c(&c, SQL_VARCHAR, SQL_C_CHAR, buf, 3, &ind, &off, 0, 0, &st);
    CU_ASSERT_STRING_EQUAL(buf, "ll");
    CU_ASSERT_EQUAL(ind, 3);
    rs_convert_to_c(&c, SQL_VARCHAR, SQL_C_CHAR, buf, 3, &ind, &off, 0, 0, &st);
    TC_OK(st);
    CU_ASSERT_STRING_EQUAL(buf, "o");
    CU_ASSERT_EQUAL(ind, 1);
    rs_convert_to_c(&c, SQL_VARCHAR, SQL_C_CHAR, buf, 3, &ind, &off, 0, 0, &st);
    CU_ASSERT_EQUAL(st.rc, SQL_NO_DATA);
    /* bound column (no offset): truncated once, total length */
    st = tc_conv(RS_V_STRING, "hello", SQL_VARCHAR, SQL_C_CHAR, buf, 4, &ind);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT_STRING_EQUAL(buf, "hel");
    CU_ASSERT_EQUAL(ind, 5);
    /* no buffer at all (SQLBindCol with only an indicator): the length, no warning */
    ind = 0;
    st = tc_conv(RS_V_STRING, "hello", SQL_VARCHAR, SQL_C_CHAR, NULL, 0, &ind);
    TC_OK(st);
    CU_ASSERT_EQUAL(ind, 5);
    st = tc_conv(RS_V_STRING, "hello", SQL_VARCHAR, SQL_C_WCHAR, NULL, 0, &ind);
    TC_OK(st);
    CU_ASSERT_EQUAL(ind, 10);
    st = tc_conv(RS_V_BYTES, "hello", SQL_VARBINARY, SQL_C_BINARY, NULL, 0, &ind);
    TC_OK(st);
    CU_ASSERT_EQUAL(ind, 5);
    st = tc_conv(RS_V_INT, "7", SQL_BIGINT, SQL_C_SLONG, NULL, 0, &ind);
    TC_OK(st);
    CU_ASSERT_EQUAL(ind, 4);
    /* negative buffer length */
    st = tc_conv(RS_V_STRING, "hello", SQL_VARCHAR, SQL_C_CHAR, buf, -1, &ind);
    TC_STATE(st, SQL_ERROR, "HY090");
}

static void test_empty_and_embedded_nul(void)
{
    char buf[8];
    SQLLEN ind = 9;
    size_t off = 0;
    rs_conv_status st;
    rs_cell e = tc_cell(RS_V_STRING, "");
    rs_cell z = {RS_V_STRING, "a\0b", 3};

    rs_convert_to_c(&e, SQL_VARCHAR, SQL_C_CHAR, buf, sizeof(buf), &ind, &off, 0, 0, &st);
    TC_OK(st);
    CU_ASSERT_EQUAL(ind, 0);
    CU_ASSERT_EQUAL(buf[0], 0);
    rs_convert_to_c(&e, SQL_VARCHAR, SQL_C_CHAR, buf, sizeof(buf), &ind, &off, 0, 0, &st);
    CU_ASSERT_EQUAL(st.rc, SQL_NO_DATA); /* an empty value is returned once */
    st = tc_conv(RS_V_STRING, "", SQL_VARCHAR, SQL_C_BINARY, buf, 0, &ind);
    TC_OK(st);
    CU_ASSERT_EQUAL(ind, 0);

    rs_convert_to_c(&z, SQL_VARCHAR, SQL_C_CHAR, buf, sizeof(buf), &ind, NULL, 0, 0, &st);
    TC_OK(st);
    CU_ASSERT_EQUAL(ind, 3);
    CU_ASSERT(memcmp(buf, "a\0b\0", 4) == 0);
}

static void check_pieces_wchar(const char *utf8, SQLLEN blen)
{
    rs_cell c = tc_cell(RS_V_STRING, utf8);
    size_t n, units;
    int pieces;
    SQLWCHAR *want = rs_utf8_to_utf16(utf8, -1, &units);
    unsigned char *got = get_all(&c, SQL_WVARCHAR, SQL_C_WCHAR, blen, &n, &pieces);
    CU_ASSERT_EQUAL(n, units * sizeof(SQLWCHAR));
    CU_ASSERT(memcmp(got, want, n) == 0);
    free(got);
    free(want);
}

static void test_wchar_pieces(void)
{
    /* 2-, 3- and 4-byte UTF-8 characters (the last a surrogate pair) at every piece edge */
    const char *texts[] = {"hello", "aé€😀b", "😀😀😀", "é", "", "x😀"};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        for (SQLLEN b = 4; b <= 12; b++)
            check_pieces_wchar(texts[i], b);
}

static void test_wchar_surrogates_kept_whole(void)
{
    SQLWCHAR buf[3];
    SQLLEN ind = 0;
    size_t off = 0;
    rs_conv_status st;
    rs_cell c = tc_cell(RS_V_STRING, "a😀");

    /* room for 2 units: "a" + high surrogate would split the pair; "a" alone comes first */
    rs_convert_to_c(&c, SQL_VARCHAR, SQL_C_WCHAR, buf, sizeof(buf), &ind, &off, 0, 0, &st);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT_EQUAL(buf[0], 'a');
    CU_ASSERT_EQUAL(buf[1], 0);
    CU_ASSERT_EQUAL(ind, 6);
    rs_convert_to_c(&c, SQL_VARCHAR, SQL_C_WCHAR, buf, sizeof(buf), &ind, &off, 0, 0, &st);
    TC_OK(st);
    CU_ASSERT(buf[0] == 0xD83D && buf[1] == 0xDE00 && buf[2] == 0);
    CU_ASSERT_EQUAL(ind, 4);

    /* whole value, odd buffer length: whole units only */
    st = tc_conv(RS_V_STRING, "abc", SQL_VARCHAR, SQL_C_WCHAR, buf, 5, &ind);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT(buf[0] == 'a' && buf[1] == 0);
    CU_ASSERT_EQUAL(ind, 6);
    /* 1 byte: not even a terminator fits; nothing written */
    buf[0] = 'Q';
    st = tc_conv(RS_V_STRING, "abc", SQL_VARCHAR, SQL_C_WCHAR, buf, 1, &ind);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT_EQUAL(buf[0], 'Q');
    CU_ASSERT_EQUAL(ind, 6);
    /* invalid UTF-8 from the server becomes U+FFFD */
    st = tc_conv(RS_V_STRING, "a\xFF", SQL_VARCHAR, SQL_C_WCHAR, buf, sizeof(buf), &ind);
    TC_OK(st);
    CU_ASSERT(buf[0] == 'a' && buf[1] == 0xFFFD);
}

static void test_binary_pieces(void)
{
    rs_cell c = {RS_V_BYTES, "\x00\x01\x02\x03\x04", 5};
    unsigned char buf[4];
    SQLLEN ind = 0;
    size_t off = 0, n;
    int pieces;
    rs_conv_status st;
    unsigned char *all;

    for (SQLLEN b = 1; b <= 6; b++) {
        all = get_all(&c, SQL_VARBINARY, SQL_C_BINARY, b, &n, &pieces);
        CU_ASSERT_EQUAL(n, 5);
        CU_ASSERT(memcmp(all, "\x00\x01\x02\x03\x04", 5) == 0);
        CU_ASSERT_EQUAL(pieces, (int)((5 + b - 1) / b));
        free(all);
    }
    rs_convert_to_c(&c, SQL_VARBINARY, SQL_C_BINARY, buf, 2, &ind, &off, 0, 0, &st);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT_EQUAL(ind, 5);
    CU_ASSERT_EQUAL(off, 2);
    /* hex text of bytes, in pieces too */
    all = get_all(&c, SQL_VARBINARY, SQL_C_CHAR, 3, &n, &pieces);
    CU_ASSERT_EQUAL(n, 10);
    CU_ASSERT(memcmp(all, "0001020304", 10) == 0);
    free(all);
    all = get_all(&c, SQL_VARBINARY, SQL_C_WCHAR, 6, &n, &pieces);
    CU_ASSERT_EQUAL(n, 20);
    CU_ASSERT(((SQLWCHAR *)all)[9] == '4');
    free(all);
}

static void test_datetime_text_sizes(void)
{
    char buf[40];
    SQLWCHAR w[40];
    SQLLEN ind = 0;
    rs_conv_status st;
    const char *ts = "2023-08-23T19:03:04.735782Z";

    st = tc_conv(RS_V_DATE, "2020-03-02", SQL_TYPE_DATE, SQL_C_CHAR, buf, 11, &ind);
    TC_OK(st);
    CU_ASSERT_STRING_EQUAL(buf, "2020-03-02");
    CU_ASSERT_EQUAL(ind, 10);
    st = tc_conv(RS_V_DATE, "2020-03-02", SQL_TYPE_DATE, SQL_C_CHAR, buf, 10, &ind);
    TC_STATE(st, SQL_ERROR, "22003");
    st = tc_conv(RS_V_TIME, "08:08:28.615226", SQL_TYPE_TIME, SQL_C_CHAR, buf, 16, &ind);
    TC_OK(st);
    CU_ASSERT_STRING_EQUAL(buf, "08:08:28.615226");
    st = tc_conv(RS_V_TIME, "08:08:28.615226", SQL_TYPE_TIME, SQL_C_CHAR, buf, 9, &ind);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT_STRING_EQUAL(buf, "08:08:28");
    CU_ASSERT_EQUAL(ind, 15);
    st = tc_conv(RS_V_TIME, "08:08:28.615226", SQL_TYPE_TIME, SQL_C_CHAR, buf, 8, &ind);
    TC_STATE(st, SQL_ERROR, "22003");
    st = tc_conv(RS_V_TIMESTAMP, ts, SQL_TYPE_TIMESTAMP, SQL_C_CHAR, buf, sizeof(buf), &ind);
    TC_OK(st);
    CU_ASSERT_STRING_EQUAL(buf, "2023-08-23 19:03:04.735782");
    CU_ASSERT_EQUAL(ind, 26);
    st = tc_conv(RS_V_TIMESTAMP, ts, SQL_TYPE_TIMESTAMP, SQL_C_CHAR, buf, 20, &ind);
    TC_STATE(st, SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT_STRING_EQUAL(buf, "2023-08-23 19:03:04");
    st = tc_conv(RS_V_TIMESTAMP, ts, SQL_TYPE_TIMESTAMP, SQL_C_CHAR, buf, 19, &ind);
    TC_STATE(st, SQL_ERROR, "22003");
    st = tc_conv(RS_V_DATETIME, "2020-03-02T10:49:33", SQL_TYPE_TIMESTAMP, SQL_C_CHAR, buf,
                 sizeof(buf), &ind);
    CU_ASSERT_STRING_EQUAL(buf, "2020-03-02 10:49:33");
    st = tc_conv(RS_V_DATETIME, "2020-03-02T10:49:33", SQL_TYPE_TIMESTAMP, SQL_C_WCHAR, w,
                 sizeof(w), &ind);
    TC_OK(st);
    CU_ASSERT_EQUAL(ind, 38);
    CU_ASSERT(w[10] == ' ' && w[18] == '3' && w[19] == 0);
    st = tc_conv(RS_V_DATE, "2020-03-02", SQL_TYPE_DATE, SQL_C_WCHAR, w, 22, &ind);
    TC_OK(st);
    st = tc_conv(RS_V_DATE, "2020-03-02", SQL_TYPE_DATE, SQL_C_WCHAR, w, 20, &ind);
    TC_STATE(st, SQL_ERROR, "22003");
    /* a server text that does not parse is shown as it came */
    st = tc_conv(RS_V_DATE, "someday", SQL_TYPE_DATE, SQL_C_CHAR, buf, sizeof(buf), &ind);
    TC_OK(st);
    CU_ASSERT_STRING_EQUAL(buf, "someday");
}

/* Reads t whole through SQL_C_WCHAR pieces of blen bytes in the given state mode. */
static int wide_read_mode(const rs_text *t, int pack, SQLLEN blen, SQLWCHAR *out, size_t cap)
{
    size_t off = 0, have = 0;
    SQLWCHAR buf[64];
    rs_conv_status st;
    SQLLEN ind, expect = -1;
    for (int guard = 0; guard < 100000; guard++) {
        rs_conv_ok(&st); /* the dispatcher does this for the put functions */
        rs_conv_put_wchar_mode(t, pack, buf, blen, &ind, &off, &st);
        if (st.rc == SQL_ERROR)
            return -1;
        if (expect >= 0 && ind != expect)
            return -2; /* the indicator must be the remaining length */
        size_t n = 0;
        while (buf[n])
            n++;
        if (have + n > cap)
            return -3;
        memcpy(out + have, buf, n * sizeof(SQLWCHAR));
        have += n;
        expect = ind - (SQLLEN)(n * sizeof(SQLWCHAR));
        if (st.rc == SQL_SUCCESS)
            return (int)have;
    }
    return -4;
}

static void test_wchar_state_modes(void)
{
    /* both ways of keeping the place (packed counts, or position only) give the same pieces */
    static const char *texts[] = {"aé€😀b😀😀xyz", "plain ascii text", "😀"};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        rs_text t;
        rs_cell c = tc_cell(RS_V_STRING, texts[i]);
        size_t units;
        SQLWCHAR *want = rs_utf8_to_utf16(texts[i], -1, &units);
        rs_text_of_cell(&c, RS_CL_CHAR, &t);
        for (SQLLEN b = 4; b <= 10; b += 2) {
            for (int pack = 0; pack < 2; pack++) {
                SQLWCHAR got[64];
                int n = wide_read_mode(&t, pack, b, got, 64);
                CU_ASSERT_EQUAL(n, (int)units);
                if (n == (int)units)
                    CU_ASSERT(memcmp(got, want, units * sizeof(SQLWCHAR)) == 0);
            }
        }
        free(want);
    }
}

static void test_big_value_pieces(void)
{
    /* 3 MB of mixed 1-4 byte characters read in 4 KB wide pieces: every byte survives, and
       each piece costs its own size (this would take minutes if pieces re-read the value) */
    static const char *unit = "ab\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"; /* 2+2+3+4 bytes */
    size_t ulen = strlen(unit), reps = 3 * 1024 * 1024 / ulen, n = ulen * reps;
    char *big = malloc(n + 1);
    size_t off = 0, units = 0, pieces = 0;
    SQLWCHAR *buf = malloc(4096);
    rs_conv_status st;
    rs_cell c;
    int bad = 0;
    for (size_t i = 0; i < reps; i++)
        memcpy(big + i * ulen, unit, ulen);
    big[n] = 0;
    c = (rs_cell){RS_V_STRING, big, n};
    do {
        SQLLEN ind;
        rs_convert_to_c(&c, SQL_VARCHAR, SQL_C_WCHAR, buf, 4096, &ind, &off, 0, 0, &st);
        if (st.rc == SQL_NO_DATA)
            break;
        size_t k = 0;
        while (buf[k]) {
            /* the sequence repeats every 6 units: a b é € hi lo */
            static const SQLWCHAR seq[6] = {'a', 'b', 0xE9, 0x20AC, 0xD83D, 0xDE00};
            bad += buf[k] != seq[(units + k) % 6];
            k++;
        }
        units += k;
        pieces++;
    } while (st.rc == SQL_SUCCESS_WITH_INFO);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(units, reps * 6);
    CU_ASSERT(pieces > 500);
    free(big);
    free(buf);
}

int main(void)
{
    static const cu_case cases[] = {
        {"char pieces, buffers 2..8", test_char_pieces},
        {"char with 0, 1, 3 byte buffers", test_char_tiny_buffers},
        {"empty value and embedded NUL", test_empty_and_embedded_nul},
        {"wchar pieces across multibyte characters", test_wchar_pieces},
        {"wchar surrogates and odd buffers", test_wchar_surrogates_kept_whole},
        {"binary pieces and hex text", test_binary_pieces},
        {"date/time text sizes (22003/01004)", test_datetime_text_sizes},
        {"wchar state modes agree", test_wchar_state_modes},
        {"3 MB value in 4 KB wide pieces", test_big_value_pieces},
        {NULL, NULL},
    };
    return cu_run("convert_char", cases);
}
