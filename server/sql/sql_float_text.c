/* SPDX-License-Identifier: Apache-2.0 */
/* Shortest round-trip text of a double (sql_float_text.h). The old way, printf %.15g, a
 * strtod to check and %.17g on failure, cost a sixth of serving a float column; this finds
 * the digits with three 64x126-bit products.
 *
 * The method (Giulietti, "The Schubfach way to render doubles", 2020): a finite double is
 * v = c 2^q; every real in its rounding interval [vl, vr] reads back as v (the ends too when
 * c is even: ties go to even). With k = floor(log10(2^q)) (one less at the asymmetric
 * interval of a power of two), v 10^-k lies in [2^52, 10 2^53): s = floor(v 10^-k) has 16 or
 * 17 digits. The shortest decimal is then s or s + 1 (17 digits: both candidates lie within
 * one unit of v 10^-k), or, one digit shorter, the multiple of ten just below s or just above
 * it; the interval is less than ten units wide, so at most one multiple of ten is inside.
 * v 10^-k, vl 10^-k and vr 10^-k are computed in units of 1/4 by multiplying 4c, 4c - 2
 * (4c - 1) and 4c + 2 by g ~ 10^-k 2^-r, a 126-bit over-approximation, and rounding to odd
 * (floor, its lowest bit set when anything was dropped): the paper proves those three
 * comparisons then come out exactly as they would with exact reals. */
#include "server/sql/sql_float_text.h"

#include <math.h>
#include <string.h>

typedef unsigned __int128 flt_u128;

#define FLT_C_MIN (1ULL << 52)
#define FLT_Q_MIN (-1074)

/* floor(q log10 2), floor(log10(3/4 2^q)), floor(e log2 10): the generator checks these
 * against exact values for every q and e a double needs (>> of a negative is arithmetic in
 * every compiler we build with, as C leaves to them and GCC documents). */
static int flt_log10_pow2(int q)
{
    return (int)(((long long)q * 661971961083LL) >> 41);
}

static int flt_log10_34pow2(int q)
{
    return (int)(((long long)q * 661971961083LL - 274743187321LL) >> 41);
}

static int flt_log2_pow10(int e)
{
    return (int)(((long long)e * 913124641741LL) >> 38);
}

/* g cp / 2^127 rounded to odd: its floor, the lowest bit set when the fraction is not zero.
 * The fraction's lowest 64 bits are left out: g exceeds 10^-k 2^-r by less than 1, so
 * g cp exceeds the exact product by less than cp < 2^61, all of it down there; counting
 * those bits would make an exact quotient look inexact (an interval's end would then seem
 * inside it). */
static uint64_t flt_rop(const unsigned long long g[2], uint64_t cp)
{
    flt_u128 lo = (flt_u128)g[1] * cp, hi = (flt_u128)g[0] * cp;
    flt_u128 mid = hi + (lo >> 64);                /* the product >> 64 */
    uint64_t v = (uint64_t)(mid >> 63);
    int sticky = (mid & (((flt_u128)1 << 63) - 1)) != 0;
    return v | (uint64_t)sticky;
}

/* v = c 2^q, c > 2 when v is subnormal: *f 10^*e10, *f possibly with trailing zeros. */
static void flt_schubfach(uint64_t c, int q, uint64_t *f, int *e10)
{
    uint64_t out = c & 1, cb = c << 2, cbr = cb + 2, cbl;
    int k;
    if (c != FLT_C_MIN || q == FLT_Q_MIN) {
        cbl = cb - 2;
        k = flt_log10_pow2(q);
    } else {
        cbl = cb - 1;                              /* the interval below is half as wide */
        k = flt_log10_34pow2(q);
    }
    int h = q + flt_log2_pow10(-k) + 2;
    const unsigned long long *g = sql_float_g[SQL_FLOAT_K_MAX - k];
    uint64_t vb = flt_rop(g, cb << h), vbl = flt_rop(g, cbl << h), vbr = flt_rop(g, cbr << h);
    uint64_t s = vb >> 2;
    *e10 = k;
    if (s >= 100) {
        uint64_t sp10 = s / 10 * 10, tp10 = sp10 + 10;
        int upin = vbl + out <= sp10 << 2, wpin = (tp10 << 2) + out <= vbr;
        if (upin != wpin) {
            *f = upin ? sp10 : tp10;
            return;
        }
    }
    uint64_t t = s + 1;
    int uin = vbl + out <= s << 2, win = (t << 2) + out <= vbr;
    if (uin != win) {
        *f = uin ? s : t;
        return;
    }
    /* both inside: the closer to v, the even one on a tie */
    int64_t cmp = (int64_t)(vb - ((s + t) << 1));
    *f = cmp < 0 || (cmp == 0 && !(s & 1)) ? s : t;
}

void sql_float_decimal(double d, uint64_t *f, int *e10)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    int be = (int)(bits >> 52 & 0x7ff);
    uint64_t t = bits & (FLT_C_MIN - 1);
    /* The 20 smallest subnormals, t 2^-1074 with t <= 20: there v 10^324 < 100, too few
     * digits for the method's one-shorter step, so their shortest texts (n 10^-324) are
     * listed (Python's repr gives the same; the unit test checks they are shortest). */
    static const unsigned char tiny[21] = { 0, 5, 10, 15, 20, 25, 30, 35, 40, 44, 50,
                                            54, 60, 64, 70, 74, 80, 84, 90, 94, 100 };
    if (be == 0 && t <= 20) {
        *f = tiny[t];
        *e10 = -324;
    } else if (be == 0) {
        flt_schubfach(t, FLT_Q_MIN, f, e10);
    } else {
        uint64_t c = FLT_C_MIN | t;
        int mq = 1075 - be;
        if (mq > 0 && mq < 53 && (c >> mq) << mq == c) {
            *f = c >> mq;                          /* an integer below 2^53: exact */
            *e10 = 0;
        } else {
            flt_schubfach(c, -mq, f, e10);
        }
    }
    while (*f && *f % 10 == 0) {
        *f /= 10;
        ++*e10;
    }
}

/* %g's layout with precision prec of the n digits dig, scientific exponent x. */
static size_t flt_layout(char *o, const char *dig, int n, int x, int prec)
{
    size_t w = 0;
    if (x < -4 || x >= prec) {
        o[w++] = dig[0];
        if (n > 1) {
            o[w++] = '.';
            memcpy(o + w, dig + 1, (size_t)n - 1);
            w += (size_t)n - 1;
        }
        o[w++] = 'e';
        o[w++] = x < 0 ? '-' : '+';
        unsigned ax = (unsigned)(x < 0 ? -x : x);
        if (ax >= 100)
            o[w++] = (char)('0' + ax / 100);
        o[w++] = (char)('0' + ax / 10 % 10);
        o[w++] = (char)('0' + ax % 10);
    } else if (x >= 0 && n <= x + 1) {
        memcpy(o, dig, (size_t)n);                 /* an integer: zeros, then ".0" */
        w = (size_t)n;
        memset(o + w, '0', (size_t)(x + 1 - n));
        w += (size_t)(x + 1 - n);
        memcpy(o + w, ".0", 2);
        w += 2;
    } else if (x >= 0) {
        memcpy(o, dig, (size_t)x + 1);
        w = (size_t)x + 1;
        o[w++] = '.';
        memcpy(o + w, dig + x + 1, (size_t)(n - x - 1));
        w += (size_t)(n - x - 1);
    } else {
        memcpy(o, "0.0000", (size_t)(1 - x));      /* "0." and -x - 1 zeros */
        w = (size_t)(1 - x);
        memcpy(o + w, dig, (size_t)n);
        w += (size_t)n;
    }
    o[w] = '\0';
    return w;
}

size_t sql_float_text(double d, char *out)
{
    char dig[24];
    size_t w = 0;
    if (signbit(d))
        out[w++] = '-';
    if (d == 0) {
        memcpy(out + w, "0.0", 4);
        return w + 3;
    }
    uint64_t f;
    int e10, n = 0;
    sql_float_decimal(d, &f, &e10);
    for (uint64_t v = f; v; v /= 10)
        n++;
    for (int i = n - 1; i >= 0; i--, f /= 10)
        dig[i] = (char)('0' + f % 10);
    /* printf fell back to 17 digits where 15 did not read back: the exponent form's
     * threshold follows the precision, so keep it (16-digit texts are now 16 digits) */
    return w + flt_layout(out + w, dig, n, e10 + n - 1, n <= 15 ? 15 : 17);
}
