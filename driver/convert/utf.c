/* SPDX-License-Identifier: Apache-2.0 */
/* UTF-8 <-> UTF-16 (SQLWCHAR, 2 bytes under unixODBC). Malformed input never fails: each
 * ill-formed sequence becomes U+FFFD, so a bad byte from a server or a lone surrogate from an
 * application degrades one character instead of the whole value. */
#include "driver/convert/convert.h"
#include "driver/convert/convert_internal.h"

#include <stdlib.h>
#include <string.h>

#define RS_UTF_REPLACEMENT 0xFFFDu

size_t rs_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    size_t need, i;
    uint32_t v, min;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1; v = c & 0x1Fu; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2; v = c & 0x0Fu; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3; v = c & 0x07u; min = 0x10000;
    } else {
        *cp = RS_UTF_REPLACEMENT; /* continuation byte, C0/C1 or F5..FF lead */
        return 1;
    }
    for (i = 1; i <= need; i++) {
        if (i >= n || (s[i] & 0xC0) != 0x80)
            break;
        v = (v << 6) | (s[i] & 0x3Fu);
        /* reject overlongs, surrogates and > U+10FFFF as soon as the second byte says so, so
           the bytes after the lead are re-read as their own (maximal subpart rule) */
        if (i == 1) {
            uint32_t top = v << (6 * (need - 1));
            if (top < min || (top >= 0xD800 && top <= 0xDFFF) || top > 0x10FFFF)
                break;
        }
    }
    if (i <= need) {
        *cp = RS_UTF_REPLACEMENT;
        return i; /* the lead and the continuation bytes that fitted */
    }
    *cp = v;
    return need + 1;
}

SQLWCHAR *rs_utf8_to_utf16(const char *in, SQLLEN inlen, size_t *outlen)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t n, pos = 0, o = 0;
    SQLWCHAR *out;

    if (outlen)
        *outlen = 0;
    if (!in)
        return NULL;
    n = inlen < 0 ? strlen(in) : (size_t)inlen;
    /* each byte yields at most one unit; 4-byte sequences yield two */
    out = malloc((n + 1) * sizeof(SQLWCHAR));
    if (!out)
        return NULL;
    while (pos < n) {
        uint32_t cp;
        pos += rs_utf8_decode(s + pos, n - pos, &cp);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out[o++] = (SQLWCHAR)(0xD800 + (cp >> 10));
            out[o++] = (SQLWCHAR)(0xDC00 + (cp & 0x3FF));
        } else {
            out[o++] = (SQLWCHAR)cp;
        }
    }
    out[o] = 0;
    if (outlen)
        *outlen = o;
    return out;
}

size_t rs_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t rs_utf16_len(const SQLWCHAR *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

char *rs_utf16_to_utf8(const SQLWCHAR *in, SQLLEN inlen, size_t *outlen)
{
    size_t n, i = 0, o = 0;
    char *out;

    if (outlen)
        *outlen = 0;
    if (!in)
        return NULL;
    n = inlen < 0 ? rs_utf16_len(in) : (size_t)inlen;
    /* a unit yields at most 3 bytes; a pair (2 units) yields 4 */
    out = malloc(n * 3 + 1);
    if (!out)
        return NULL;
    while (i < n) {
        uint32_t cp = in[i++];
        if (cp >= 0xD800 && cp <= 0xDBFF && i < n && in[i] >= 0xDC00 && in[i] <= 0xDFFF)
            cp = 0x10000 + ((cp - 0xD800) << 10) + (in[i++] - 0xDC00u);
        else if (cp >= 0xD800 && cp <= 0xDFFF)
            cp = RS_UTF_REPLACEMENT;
        o += rs_utf8_encode(cp, out + o);
    }
    out[o] = '\0';
    if (outlen)
        *outlen = o;
    return out;
}
