/* SPDX-License-Identifier: Apache-2.0 */
/* INTERVAL literals (issue #13): INTERVAL 'n' unit, INTERVAL n unit and SQL's multi-unit
 * forms INTERVAL 'text' FROM TO TO ('1-2' YEAR TO MONTH, '1 2:03:04.5' DAY TO SECOND, ...).
 * Each is read once, here, into a month_interval or microsecond_interval and written as a
 * constant blob, so a standalone literal, `x + INTERVAL ...`, a function argument and a
 * time zone all see the same value and a malformed literal fails the translation before
 * any row is read. */
#include "server/sql/sql_tr_internal.h"
#include "server/sql/sql_value.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define IV_US_SEC 1000000LL
#define IV_US_MIN (60 * IV_US_SEC)
#define IV_US_HOUR (60 * IV_US_MIN)
#define IV_US_DAY (24 * IV_US_HOUR)

/* Units of an interval literal: microseconds per unit, or months (micros 0); field: the
 * unit's place among the fields of a multi-unit literal, -1 when it can not be one. */
static const struct iv_unit {
    const char *name;
    long long us, months;
    int field;
} iv_units[] = {
    { "MICROSECOND", 1, 0, -1 }, { "MILLISECOND", 1000, 0, -1 },
    { "SECOND", IV_US_SEC, 0, 5 }, { "MINUTE", IV_US_MIN, 0, 4 },
    { "HOUR", IV_US_HOUR, 0, 3 }, { "DAY", IV_US_DAY, 0, 2 },
    { "WEEK", 7 * IV_US_DAY, 0, -1 }, { "MONTH", 0, 1, 1 }, { "QUARTER", 0, 3, -1 },
    { "YEAR", 0, 12, 0 },
};

enum { IV_YEAR, IV_MONTH, IV_DAY, IV_HOUR, IV_MINUTE, IV_SECOND };

/* The fields of a multi-unit literal in order: the unit's size (months or micros), the
 * largest value it may have after the leading field, the separator before it. */
static const struct { long long per; int max; char sep; } iv_fields[] = {
    [IV_YEAR] = { 12, 0, 0 }, [IV_MONTH] = { 1, 11, '-' },
    [IV_DAY] = { IV_US_DAY, 0, 0 }, [IV_HOUR] = { IV_US_HOUR, 23, ' ' },
    [IV_MINUTE] = { IV_US_MIN, 59, ':' }, [IV_SECOND] = { IV_US_SEC, 59, ':' },
};

static const struct iv_unit *iv_unit(const sql_token *t)
{
    char name[32];
    size_t L = strlen(t->text);
    if (t->kind != SQL_TOK_IDENT || L == 0 || L >= sizeof name)
        return NULL;
    memcpy(name, t->text, L + 1);
    if (L > 1 && (name[L - 1] == 's' || name[L - 1] == 'S'))
        name[L - 1] = '\0';                     /* DAYS as well as DAY */
    for (size_t k = 0; k < sizeof iv_units / sizeof iv_units[0]; k++)
        if (strcasecmp(name, iv_units[k].name) == 0)
            return &iv_units[k];
    return NULL;
}

/* "[-]digits[.digits]" times unit micros (a fraction only for units of time), into *out.
 * 0 ok, -1 not a number of that form, -2 out of range. */
static int iv_count(const char *p, long long unit, int frac_ok, long long *out)
{
    int neg = *p == '-';
    p += neg || *p == '+';
    long long whole = 0, frac = 0, scale = 1;
    if (!isdigit((unsigned char)*p))
        return -1;
    for (; isdigit((unsigned char)*p); p++)
        if (__builtin_mul_overflow(whole, 10, &whole) ||
            __builtin_add_overflow(whole, *p - '0', &whole))
            return -2;
    if (*p == '.' && frac_ok) {
        for (p++; isdigit((unsigned char)*p); p++)
            if (scale < 1000000) {
                frac = frac * 10 + (*p - '0');
                scale *= 10;
            }
    }
    if (*p)
        return -1;
    long long r;
    if (__builtin_mul_overflow(whole, unit, &r) ||
        __builtin_add_overflow(r, frac * unit / scale, &r))
        return -2;
    *out = neg ? -r : r;
    return 0;
}

/* Up to six digits of a fraction of a second at p (after the '.'), as micros. */
static const char *iv_fraction(const char *p, long long *us)
{
    long long f = 0, scale = IV_US_SEC;
    int nd = 0;
    for (; isdigit((unsigned char)*p); p++, nd++) {
        if (nd == 6)
            return NULL;                  /* finer than a microsecond: not representable */
        f = f * 10 + (*p - '0');
        scale /= 10;
    }
    *us = f * scale;
    return nd ? p : NULL;
}

/* The text of a multi-unit literal, fields from..to (IV_YEAR ...): a leading sign for the
 * whole value, the leading field any size, the others one or two digits within their
 * range, seconds with up to six fractional digits. 0 ok, -1 malformed, -2 out of range. */
static int iv_fields_parse(const char *p, int from, int to, long long *out)
{
    int neg = *p == '-';
    p += neg || *p == '+';
    long long total = 0;
    for (int k = from; k <= to; k++) {
        long long v = 0, frac = 0;
        int nd = 0;
        if (k > from && *p++ != iv_fields[k].sep)
            return -1;
        for (; isdigit((unsigned char)*p); p++, nd++)
            if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, *p - '0', &v))
                return -2;
        if (nd == 0 || (k > from && (nd > 2 || v > iv_fields[k].max)))
            return -1;
        if (k == IV_SECOND && *p == '.' && !(p = iv_fraction(p + 1, &frac)))
            return -1;
        if (__builtin_mul_overflow(v, iv_fields[k].per, &v) ||
            __builtin_add_overflow(total, v + frac, &total))
            return -2;
    }
    if (*p)
        return -1;
    *out = neg ? -total : total;
    return 0;
}

/* The text of a string token without its quotes ('' read as '); from malloc. */
static char *iv_unquote(const sql_token *t)
{
    size_t L = strlen(t->text), w = 0;
    char *r = malloc(L);
    if (!r)
        return NULL;
    for (size_t k = 1; k + 1 < L; k++) {
        r[w++] = t->text[k];
        k += t->text[k] == '\'';
    }
    r[w] = '\0';
    return r;
}

size_t tr_interval_end(const tr_state *s, size_t i, size_t end)
{
    const sql_token *n = tr_tok(s, i + 1);
    if (i + 3 > end || !sql_tok_is(tr_tok(s, i), "INTERVAL") ||
        (n->kind != SQL_TOK_STRING && n->kind != SQL_TOK_NUMBER) ||
        tr_tok(s, i + 2)->kind != SQL_TOK_IDENT)
        return i;
    if (i + 5 <= end && sql_tok_is(tr_tok(s, i + 3), "TO") &&
        tr_tok(s, i + 4)->kind == SQL_TOK_IDENT)
        return i + 5;
    return i + 3;
}

/* INTERVAL 'text' FROM TO TO at i: its months or micros into *count. */
static int iv_read_multi(tr_state *s, size_t i, int *months, long long *count)
{
    const sql_token *num = tr_tok(s, i + 1), *a = tr_tok(s, i + 2), *b = tr_tok(s, i + 4);
    const struct iv_unit *ua = iv_unit(a), *ub = iv_unit(b);
    int from = ua ? ua->field : -1, to = ub ? ub->field : -1;
    if (from < 0 || to <= from || (from <= IV_MONTH) != (to <= IV_MONTH)) {
        tr_fail(s, a, "Invalid interval qualifier %s TO %s: use YEAR TO MONTH, DAY TO HOUR,"
                " DAY TO MINUTE, DAY TO SECOND, HOUR TO MINUTE, HOUR TO SECOND or MINUTE TO"
                " SECOND", a->text, b->text);
        return -1;
    }
    static const char *const shape[] = { "Y", "M", "D", "H", "M", "S[.ffffff]" };
    char want[48] = "";
    for (int k = from; k <= to; k++) {
        size_t L = strlen(want);
        if (k > from)
            want[L++] = iv_fields[k].sep, want[L] = '\0';
        strcat(want, shape[k]);
    }
    char *txt = num->kind == SQL_TOK_STRING ? iv_unquote(num) : NULL;
    if (num->kind == SQL_TOK_STRING && !txt) {
        s->buf.oom = 1;
        return -1;
    }
    int rc = txt ? iv_fields_parse(txt, from, to, count) : -1;
    free(txt);
    if (rc == -2)
        tr_fail(s, num, "Interval out of range: INTERVAL %s %s TO %s", num->text, a->text,
                b->text);
    else if (rc != 0)
        tr_fail(s, num, "Invalid interval literal INTERVAL %s %s TO %s: expected '[-]%s'%s",
                num->text, a->text, b->text, want,
                from <= IV_MONTH ? " (months 0 to 11)"
                                 : " (hours 0 to 23, minutes and seconds 0 to 59)");
    *months = from <= IV_MONTH;
    return rc == 0 ? 0 : -1;
}

/* The interval literal at i: its type and count; -1 after failing the translation. */
static int tr_interval_read(tr_state *s, size_t i, size_t end, sql_vt *t, long long *count)
{
    const sql_token *num = tr_tok(s, i + 1), *unit = tr_tok(s, i + 2);
    const struct iv_unit *u = iv_unit(unit);
    size_t e = tr_interval_end(s, i, end);
    int months;
    if (e == i || (e == i + 3 && !u)) {
        tr_fail(s, num, "Expected INTERVAL 'n' unit (MICROSECOND, MILLISECOND, SECOND, MINUTE,"
                " HOUR, DAY, WEEK, MONTH, QUARTER or YEAR) or INTERVAL 'text' unit TO unit");
        return -1;
    }
    if (e == i + 5) {
        if (iv_read_multi(s, i, &months, count) != 0)
            return -1;
    } else {
        char *txt = num->kind == SQL_TOK_STRING ? iv_unquote(num) : strdup(num->text);
        if (!txt) {
            s->buf.oom = 1;
            return -1;
        }
        months = u->months != 0;
        int rc = iv_count(txt, months ? u->months : u->us, !months && u->us > 1, count);
        free(txt);
        if (rc != 0) {
            tr_fail(s, num, rc == -2 ? "Interval out of range"
                                     : "Expected a number of %ss in INTERVAL", u->name);
            return -1;
        }
    }
    *t = months ? SQL_VT_MONTH_INTERVAL : SQL_VT_MICROSECOND_INTERVAL;
    return 0;
}

size_t tr_interval_lit(tr_state *s, size_t i, size_t end)
{
    sql_vt t;
    long long count;
    if (tr_interval_read(s, i, end, &t, &count) != 0)
        return end;
    unsigned char blob[9];
    sql_value_pack_interval(t, count, blob);
    tr_mark(s, i);
    sql_sbuf_puts(&s->buf, " x'");
    for (size_t k = 0; k < sizeof blob; k++)
        sql_sbuf_printf(&s->buf, "%02x", blob[k]);
    sql_sbuf_puts(&s->buf, "'");
    return tr_interval_end(s, i, end);
}
