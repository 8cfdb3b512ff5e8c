/* SPDX-License-Identifier: Apache-2.0 */
/* ConfigDSNW and ConfigDriverW: UTF-16 (SQLWCHAR, 2 bytes under unixODBC) to UTF-8 and on to
 * the ANSI forms, which do the work. Surrogate pairs are joined; unpaired surrogates become
 * U+FFFD rather than invalid UTF-8. */
#include "setup/setup_int.h"

#include <stdlib.h>
#include <string.h>

/* Code points of s up to its terminator (or, for a list, up to the empty entry). */
static size_t wlen(const SQLWCHAR *s, int is_list)
{
    size_t n = 0;
    if (!is_list) {
        while (s[n])
            n++;
        return n;
    }
    while (s[n]) {
        while (s[n])
            n++;
        n++;
    }
    return n; /* index of the final terminator */
}

static size_t put_utf8(unsigned long cp, char *o)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

char *rs_setup_utf8(const SQLWCHAR *s, int is_list, int *oom)
{
    if (!s)
        return NULL;
    size_t n = wlen(s, is_list);
    /* 3 bytes per unit covers every case (a pair of units is 4 bytes), plus 2 terminators. */
    char *out = malloc(n * 3 + 2);
    if (!out) {
        *oom = 1;
        return NULL;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned long cp = s[i];
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && s[i + 1] >= 0xDC00 &&
            s[i + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (s[i + 1] - 0xDC00);
            i++;
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        }
        o += put_utf8(cp, out + o);
    }
    out[o] = '\0';
    out[o + 1] = '\0';
    return out;
}

/* Next code point of UTF-8 text (invalid bytes read as U+FFFD); advances *p. */
static unsigned long next_cp(const unsigned char **p)
{
    const unsigned char *s = *p;
    unsigned long cp;
    size_t extra;
    if (s[0] < 0x80) {
        *p = s + 1;
        return s[0];
    }
    if ((s[0] & 0xE0) == 0xC0) {
        cp = s[0] & 0x1F;
        extra = 1;
    } else if ((s[0] & 0xF0) == 0xE0) {
        cp = s[0] & 0x0F;
        extra = 2;
    } else if ((s[0] & 0xF8) == 0xF0) {
        cp = s[0] & 0x07;
        extra = 3;
    } else {
        *p = s + 1;
        return 0xFFFD;
    }
    for (size_t i = 1; i <= extra; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *p = s + i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    *p = s + extra + 1;
    return cp;
}

size_t rs_setup_utf16(const char *s, SQLWCHAR *out, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    while (*p) {
        unsigned long cp = next_cp(&p);
        SQLWCHAR u[2];
        size_t k = 1;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            u[0] = (SQLWCHAR)(0xD800 + (cp >> 10));
            u[1] = (SQLWCHAR)(0xDC00 + (cp & 0x3FF));
            k = 2;
        } else {
            u[0] = (SQLWCHAR)cp;
        }
        for (size_t i = 0; i < k; i++, n++)
            if (out && n + 1 < max)
                out[n] = u[i];
    }
    if (out && max > 0)
        out[n < max ? n : max - 1] = 0;
    return n;
}

BOOL INSTAPI ConfigDSNW(HWND hwnd, WORD request, LPCWSTR driver, LPCWSTR attributes)
{
    int oom = 0;
    char *d = rs_setup_utf8(driver, 0, &oom);
    char *a = rs_setup_utf8(attributes, 1, &oom);
    BOOL ok = oom ? rs_setup_fail(ODBC_ERROR_OUT_OF_MEM, "out of memory")
                  : ConfigDSN(hwnd, request, d, a);
    free(d);
    free(a);
    return ok;
}

BOOL INSTAPI ConfigDriverW(HWND hwnd, WORD request, LPCWSTR driver, LPCWSTR args, LPWSTR msg,
                           WORD msg_max, WORD *msg_out)
{
    int oom = 0;
    char *d = rs_setup_utf8(driver, 0, &oom);
    char *a = rs_setup_utf8(args, 1, &oom);
    char text[512] = "";
    WORD len = 0;
    BOOL ok = oom ? rs_setup_fail(ODBC_ERROR_OUT_OF_MEM, "out of memory")
                  : ConfigDriver(hwnd, request, d, a, text, sizeof text, &len);
    free(d);
    free(a);
    size_t units = rs_setup_utf16(text, msg, msg_max);
    if (msg_out)
        *msg_out = (WORD)units;
    return ok;
}
