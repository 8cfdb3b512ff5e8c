/* SPDX-License-Identifier: Apache-2.0 */
/* Push JSON tokenizer in two halves. The scanner (js_scan) runs over a fed piece with tight
 * loops: whitespace, a string up to its closing quote, a number's digits, a literal; a token
 * that completes inside the piece with nothing to decode is handed out pointing into the
 * piece. Whatever it cannot finish there (the piece ends inside the token, an escape, a
 * UTF-8 sequence cut by the end, a token at the length bound, an error) it hands, with the
 * bytes scanned so far copied, to the byte-level state machine, which takes input split at
 * any point and reports every error. The scanner only ever consumes bytes the state machine
 * would accept in the same state, so both halves give the same events and the same errors at
 * every split. */
#include "driver/client/jsonstream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { JS_VALUE, JS_ARR_FIRST, JS_OBJ_FIRST, JS_OBJ_KEY, JS_COLON, JS_AFTER, JS_DONE,
       JS_STRING, JS_NUMBER, JS_LITERAL, JS_ERROR };
enum { N_MINUS, N_ZERO, N_INT, N_DOT, N_FRAC, N_E, N_ESIGN, N_EXP };

struct rs_jsonstream {
    rs_js_callback cb;
    void *ud;
    int max_depth;
    int depth;
    unsigned char *stack;   /* 1 = object, 0 = array, per depth */
    int st;
    /* string */
    int is_key;
    int esc;                /* 0 none, 1 after '\', 2..5 = hex digits read + 2 */
    unsigned hex;
    unsigned pending_high;  /* high surrogate waiting for its low half */
    int u8_need;            /* continuation bytes still expected */
    unsigned char u8_lo, u8_hi;
    /* number / literal */
    int nst;
    const char *lit;
    size_t lit_pos;
    rs_js_type lit_type;
    /* token text */
    char *buf;
    size_t len, cap;
    size_t offset;          /* bytes consumed before the current feed */
    size_t max_len;         /* longest token text, 0 = any */
    int too_long;
    int by_consumer;
    char err[160];
};

rs_jsonstream *rs_js_new(rs_js_callback cb, void *ud, int max_depth)
{
    rs_jsonstream *js = calloc(1, sizeof *js);

    if (!js)
        return NULL;
    js->cb = cb;
    js->ud = ud;
    js->max_depth = max_depth > 0 ? max_depth : RS_JS_DEFAULT_DEPTH;
    js->stack = malloc((size_t)js->max_depth);
    js->cap = 256;
    js->buf = malloc(js->cap);
    if (!js->stack || !js->buf) {
        rs_js_free(js);
        return NULL;
    }
    rs_js_reset(js);
    return js;
}

void rs_js_free(rs_jsonstream *js)
{
    if (!js)
        return;
    free(js->stack);
    free(js->buf);
    free(js);
}

void rs_js_reset(rs_jsonstream *js)
{
    js->depth = 0;
    js->st = JS_VALUE;
    js->esc = 0;
    js->pending_high = 0;
    js->u8_need = 0;
    js->len = 0;
    js->offset = 0;
    js->by_consumer = 0;
    js->too_long = 0;
    js->err[0] = '\0';
}

void rs_js_set_max_len(rs_jsonstream *js, size_t max_len) { js->max_len = max_len; }
int rs_js_too_long(const rs_jsonstream *js) { return js->too_long; }

const char *rs_js_error(const rs_jsonstream *js) { return js->err; }
size_t rs_js_offset(const rs_jsonstream *js) { return js->offset; }
int rs_js_stopped_by_consumer(const rs_jsonstream *js) { return js->by_consumer; }

__attribute__((cold, noinline)) static int js_fail(rs_jsonstream *js, size_t at,
                                                  const char *what)
{
    if (js->st != JS_ERROR)
        snprintf(js->err, sizeof js->err, "invalid JSON at byte %zu: %s", at, what);
    js->st = JS_ERROR;
    return -1;
}

static int js_grow(rs_jsonstream *js, size_t extra)
{
    size_t need = js->len + extra + 1;
    char *n;

    if (need <= js->cap)
        return 0;
    while (js->cap < need)
        js->cap *= 2;
    n = realloc(js->buf, js->cap);
    if (!n)
        return -1;
    js->buf = n;
    return 0;
}

/* Refuses a token past max_len before the buffer grows: a 2 GiB string must not cost
 * 2 GiB first. */
static int js_too_long(rs_jsonstream *js)
{
    js->too_long = 1;
    snprintf(js->err, sizeof js->err, "a value longer than %zu bytes", js->max_len);
    js->st = JS_ERROR;
    return -1;
}

static inline int js_put(rs_jsonstream *js, const char *p, size_t n)
{
    if (js->max_len && js->len + n > js->max_len)
        return js_too_long(js);
    if (js->len + n + 1 > js->cap && js_grow(js, n) != 0)
        return -1;
    memcpy(js->buf + js->len, p, n);
    js->len += n;
    return 0;
}

static int js_put_cp(rs_jsonstream *js, unsigned cp)
{
    char u[4];
    size_t n;

    if (cp < 0x80) {
        u[0] = (char)cp; n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6)); u[1] = (char)(0x80 | (cp & 0x3F)); n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12)); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18)); u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
    }
    return js_put(js, u, n);
}

/* text: the token's bytes (in the piece, or js->buf), NULL for the others. */
static inline int js_emit_text(rs_jsonstream *js, size_t at, rs_js_type t, const char *text,
                               size_t len, int is_float)
{
    rs_js_event ev;

    ev.type = t;
    ev.depth = js->depth;
    ev.text = text;
    ev.len = len;
    ev.is_float = is_float;
    if (js->cb && js->cb(js->ud, &ev) != 0) {
        js->by_consumer = 1;
        return js_fail(js, at, "stopped by the consumer");
    }
    return 0;
}

/* An event of the token held in js->buf (kept NUL-terminated for whoever prints it). */
static int js_emit(rs_jsonstream *js, size_t at, rs_js_type t, int with_text)
{
    if (!with_text)
        return js_emit_text(js, at, t, NULL, 0, 0);
    js->buf[js->len] = '\0';
    return js_emit_text(js, at, t, js->buf, js->len, t == RS_JS_NUMBER && js->nst > N_INT);
}

/* A value (scalar or container) just completed at the current depth. */
static void js_value_done(rs_jsonstream *js)
{
    js->st = js->depth == 0 ? JS_DONE : JS_AFTER;
}

static int js_open(rs_jsonstream *js, size_t at, int is_obj)
{
    if (js->depth >= js->max_depth)
        return js_fail(js, at, "nesting too deep");
    js->stack[js->depth++] = (unsigned char)is_obj;
    js->st = is_obj ? JS_OBJ_FIRST : JS_ARR_FIRST;
    return js_emit(js, at, is_obj ? RS_JS_OBJ_START : RS_JS_ARR_START, 0);
}

static int js_close(rs_jsonstream *js, size_t at, int is_obj)
{
    if (js->depth == 0 || js->stack[js->depth - 1] != is_obj)
        return js_fail(js, at, "mismatched bracket");
    if (js_emit(js, at, is_obj ? RS_JS_OBJ_END : RS_JS_ARR_END, 0) != 0)
        return -1;
    js->depth--;
    js_value_done(js);
    return 0;
}

/* One more number character, from state *nst? 1 accepted, 0 the number ended before ch,
 * -1 invalid. */
static int js_num_step(int *nst, unsigned char ch)
{
    int digit = ch >= '0' && ch <= '9';
    int n = *nst;

    if (digit) {
        if (n == N_ZERO)
            return -1;
        *nst = n == N_MINUS ? (ch == '0' ? N_ZERO : N_INT)
                : n == N_DOT ? N_FRAC : (n == N_E || n == N_ESIGN) ? N_EXP : n;
        return 1;
    }
    if (ch == '.' && (n == N_ZERO || n == N_INT)) {
        *nst = N_DOT;
        return 1;
    }
    if ((ch == 'e' || ch == 'E') && (n == N_ZERO || n == N_INT || n == N_FRAC)) {
        *nst = N_E;
        return 1;
    }
    if ((ch == '+' || ch == '-') && n == N_E) {
        *nst = N_ESIGN;
        return 1;
    }
    return (n == N_ZERO || n == N_INT || n == N_FRAC || n == N_EXP) ? 0 : -1;
}

static int js_hexval(unsigned char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* A complete \uXXXX code unit: pair surrogates, replace lone halves with U+FFFD. */
static int js_code_unit(rs_jsonstream *js, unsigned u)
{
    if (js->pending_high) {
        unsigned hi = js->pending_high;
        js->pending_high = 0;
        if (u >= 0xDC00 && u <= 0xDFFF)
            return js_put_cp(js, 0x10000 + ((hi - 0xD800) << 10) + (u - 0xDC00));
        if (js_put_cp(js, 0xFFFD) != 0)
            return -1;
    }
    if (u >= 0xD800 && u <= 0xDBFF) {
        js->pending_high = u;
        return 0;
    }
    if (u >= 0xDC00 && u <= 0xDFFF)
        u = 0xFFFD;
    return js_put_cp(js, u);
}

static int js_flush_high(rs_jsonstream *js)
{
    if (!js->pending_high)
        return 0;
    js->pending_high = 0;
    return js_put_cp(js, 0xFFFD);
}

static int js_escape_char(rs_jsonstream *js, size_t at, unsigned char ch)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *p;

    if (js->esc == 1) {
        if (ch == 'u') {
            js->esc = 2;
            js->hex = 0;
            return 0;
        }
        p = ch ? strchr(from, ch) : NULL;
        if (!p)
            return js_fail(js, at, "invalid escape");
        js->esc = 0;
        if (js_flush_high(js) != 0)
            return -1;
        return js_put(js, &to[p - from], 1);
    }
    if (js_hexval(ch) < 0)
        return js_fail(js, at, "invalid \\u escape");
    js->hex = (js->hex << 4) | (unsigned)js_hexval(ch);
    if (++js->esc < 6)
        return 0;
    js->esc = 0;
    return js_code_unit(js, js->hex);
}

/* Raw bytes >= 0x80: validate UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
static int js_utf8_byte(rs_jsonstream *js, size_t at, unsigned char ch)
{
    if (js->u8_need) {
        if (ch < js->u8_lo || ch > js->u8_hi)
            return js_fail(js, at, "invalid UTF-8 in string");
        js->u8_lo = 0x80;
        js->u8_hi = 0xBF;
        js->u8_need--;
    } else {
        js->u8_lo = 0x80;
        js->u8_hi = 0xBF;
        if (ch >= 0xC2 && ch <= 0xDF) js->u8_need = 1;
        else if (ch >= 0xE0 && ch <= 0xEF) {
            js->u8_need = 2;
            if (ch == 0xE0) js->u8_lo = 0xA0;
            if (ch == 0xED) js->u8_hi = 0x9F;
        } else if (ch >= 0xF0 && ch <= 0xF4) {
            js->u8_need = 3;
            if (ch == 0xF0) js->u8_lo = 0x90;
            if (ch == 0xF4) js->u8_hi = 0x8F;
        } else
            return js_fail(js, at, "invalid UTF-8 in string");
    }
    return js_put(js, (const char *)&ch, 1);
}

/* Bytes that stand for themselves inside a string: printable ASCII but '"' and '\\'. */
static const unsigned char js_plain[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Consumes string bytes from p; returns how many were used, or (size_t)-1 on error. */
static size_t js_string_run(rs_jsonstream *js, const unsigned char *p, size_t n, size_t at)
{
    size_t i = 0;

    while (i < n) {
        unsigned char ch = p[i];
        if (js->esc) {
            if (js_escape_char(js, at + i, ch) != 0)
                return (size_t)-1;
            i++;
            continue;
        }
        if (js->u8_need || ch >= 0x80) {
            if ((!js->u8_need && js_flush_high(js) != 0) || js_utf8_byte(js, at + i, ch) != 0)
                return (size_t)-1;
            i++;
            continue;
        }
        if (ch == '"' || ch == '\\') {
            if (ch == '"') {
                if (js_flush_high(js) != 0)
                    return (size_t)-1;
                js->st = JS_AFTER; /* caller emits */
                return i + 1;
            }
            js->esc = 1;
            i++;
            continue;
        }
        if (ch < 0x20) {
            js_fail(js, at + i, "control character in string");
            return (size_t)-1;
        }
        {
            size_t j = i + 1;
            while (j < n && js_plain[p[j]])
                j++;
            if (js_flush_high(js) != 0 || js_put(js, (const char *)p + i, j - i) != 0)
                return (size_t)-1;
            i = j;
        }
    }
    return i;
}

static int js_string_end(rs_jsonstream *js, size_t at)
{
    if (js->is_key) {
        js->st = JS_COLON;
        return js_emit(js, at, RS_JS_KEY, 1);
    }
    js_value_done(js);
    return js_emit(js, at, RS_JS_STRING, 1);
}

static int js_feed_number(rs_jsonstream *js, size_t at, unsigned char ch, size_t *consumed)
{
    int r = js_num_step(&js->nst, ch);

    if (r < 0)
        return js_fail(js, at, "invalid number");
    if (r > 0) {
        *consumed = 1;
        return js_put(js, (const char *)&ch, 1);
    }
    *consumed = 0;
    js_value_done(js);
    return js_emit(js, at, RS_JS_NUMBER, 1);
}

static int js_feed_literal(rs_jsonstream *js, size_t at, unsigned char ch)
{
    if ((unsigned char)js->lit[js->lit_pos] != ch)
        return js_fail(js, at, "invalid literal");
    if (js->lit[++js->lit_pos] == '\0') {
        js_value_done(js);
        return js_emit(js, at, js->lit_type, 0);
    }
    return 0;
}

/* ---- the scanner: whole tokens inside one piece ---------------------------------------- */

/* Whitespace between tokens. */
static const unsigned char js_ws[256] = { [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1 };

/* Length of the well-formed UTF-8 sequence (2-4 bytes) at p that lies whole in p[0..avail),
 * else 0: the state machine then takes it byte by byte (a sequence cut by the piece's end
 * or the length bound, or an invalid one, whose error it reports at the right byte). The
 * ranges are js_utf8_byte's: no overlongs, no surrogates, nothing past U+10FFFF. */
static size_t js_utf8_seq(const unsigned char *p, size_t avail)
{
    unsigned char c = p[0], lo = 0x80, hi = 0xBF;
    size_t k, need;

    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (avail < need || p[1] < lo || p[1] > hi)
        return 0;
    for (k = 2; k < need; k++)
        if (p[k] < 0x80 || p[k] > 0xBF)
            return 0;
    return need;
}

/* Hands the state machine a token the scanner could not finish: the bytes scanned so far go
 * to js->buf (never more than max_len: the scan stops at the bound). */
__attribute__((noinline)) static int js_hand_over(rs_jsonstream *js, const unsigned char *s,
                                                  size_t n, int st)
{
    js->len = 0;
    if (js_grow(js, n) != 0)
        return -1;
    memcpy(js->buf, s, n);
    js->len = n;
    js->st = st;
    return 0;
}

/* Where a token starting at p[s] must stop being scanned: the end of the piece, or where its
 * text would pass max_len (the state machine then refuses the next byte). */
static inline size_t js_limit(const rs_jsonstream *js, size_t s, size_t n)
{
    return js->max_len && n - s > js->max_len ? s + js->max_len : n;
}

/* p[*pi] is the opening quote of a string (is_key: an object's key). */
static int js_scan_string(rs_jsonstream *js, const unsigned char *p, size_t n, size_t *pi,
                          int is_key)
{
    size_t s = *pi + 1, j = s, lim = js_limit(js, s, n), k;

    for (;;) {
        while (j < lim && js_plain[p[j]])
            j++;
        if (j >= lim)
            break;
        if (p[j] == '"') {
            *pi = j + 1;
            if (is_key)
                js->st = JS_COLON;
            else
                js_value_done(js);
            return js_emit_text(js, js->offset + j, is_key ? RS_JS_KEY : RS_JS_STRING,
                                (const char *)p + s, j - s, 0);
        }
        if (p[j] < 0x80 || (k = js_utf8_seq(p + j, lim - j)) == 0)
            break; /* an escape, a control character, a cut or bad sequence */
        j += k;
    }
    js->is_key = is_key;
    js->esc = 0;
    js->pending_high = 0;
    js->u8_need = 0;
    *pi = j;
    return js_hand_over(js, p + s, j - s, JS_STRING);
}

static inline int js_digit(unsigned char ch)
{
    return (unsigned)(ch - '0') < 10;
}

/* p[*pi] is '-' or a digit. The grammar in straight line, digits in tight loops; anything
 * it cannot finish (the piece's end or the bound inside the number, or an invalid byte) goes
 * to the state machine, replayed to the same state, which waits or reports it. */
static int js_scan_number(rs_jsonstream *js, const unsigned char *p, size_t n, size_t *pi)
{
    size_t s = *pi, j = s, lim = js_limit(js, s, n), k;
    int is_float = 0, nst;

    j += p[j] == '-';
    if (j >= lim || !js_digit(p[j]))
        goto hand_over;
    if (p[j++] != '0')
        while (j < lim && js_digit(p[j]))
            j++;
    if (j < lim && p[j] == '.') {
        if (++j >= lim || !js_digit(p[j]))
            goto hand_over;
        while (++j < lim && js_digit(p[j]))
            ;
        is_float = 1;
    }
    if (j < lim && (p[j] == 'e' || p[j] == 'E')) {
        j++;
        if (j < lim && (p[j] == '+' || p[j] == '-'))
            j++;
        if (j >= lim || !js_digit(p[j]))
            goto hand_over;
        while (++j < lim && js_digit(p[j]))
            ;
        is_float = 1;
    }
    if (j >= lim || js_digit(p[j]))
        goto hand_over; /* maybe more to come; or a digit after a leading 0 */
    *pi = j;
    js_value_done(js);
    return js_emit_text(js, js->offset + j, RS_JS_NUMBER, (const char *)p + s, j - s, is_float);
hand_over:
    nst = p[s] == '-' ? N_MINUS : p[s] == '0' ? N_ZERO : N_INT;
    for (k = s + 1; k < j; k++)
        js_num_step(&nst, p[k]); /* each of these bytes was accepted */
    js->nst = nst;
    *pi = j;
    return js_hand_over(js, p + s, j - s, JS_NUMBER);
}

/* p[*pi] starts true, false or null. */
static int js_scan_literal(rs_jsonstream *js, const unsigned char *p, size_t n, size_t *pi)
{
    size_t i = *pi, len;
    unsigned char ch = p[i];

    js->lit = ch == 't' ? "true" : ch == 'f' ? "false" : "null";
    js->lit_type = ch == 't' ? RS_JS_TRUE : ch == 'f' ? RS_JS_FALSE : RS_JS_NULL;
    len = ch == 'f' ? 5 : 4;
    if (n - i >= len && memcmp(p + i, js->lit, len) == 0) {
        *pi = i + len;
        js_value_done(js);
        return js_emit_text(js, js->offset + i + len - 1, js->lit_type, NULL, 0, 0);
    }
    js->st = JS_LITERAL; /* cut by the piece's end, or wrong: byte by byte from here */
    js->lit_pos = 1;
    *pi = i + 1;
    return 0;
}

/* A value starts at p[*pi] (the state expects one). */
static int js_scan_value(rs_jsonstream *js, const unsigned char *p, size_t n, size_t *pi)
{
    unsigned char ch = p[*pi];
    size_t at = js->offset + *pi;

    switch (ch) {
    case '"':
        return js_scan_string(js, p, n, pi, 0);
    case '{':
    case '[':
        (*pi)++;
        return js_open(js, at, ch == '{');
    case 't':
    case 'f':
    case 'n':
        return js_scan_literal(js, p, n, pi);
    default:
        if (ch == '-' || (ch >= '0' && ch <= '9'))
            return js_scan_number(js, p, n, pi);
        return js_fail(js, at, "unexpected character where a value was expected");
    }
}

/* p[*pi] is the opening quote of an object's key. The common `"key":value`, with no space
 * around the colon, goes straight on to the value, without a trip per byte through the
 * state switch; anything else is left to it (same bytes accepted, same errors). */
static int js_scan_member(rs_jsonstream *js, const unsigned char *p, size_t n, size_t *pi)
{
    if (js_scan_string(js, p, n, pi, 1) != 0)
        return -1;
    if (js->st == JS_COLON && *pi + 1 < n && p[*pi] == ':' && !js_ws[p[*pi + 1]]) {
        (*pi)++;
        js->st = JS_VALUE;
        return js_scan_value(js, p, n, pi);
    }
    return 0;
}

/* One structural step at p[*pi] (not whitespace) in a state between tokens. */
static int js_scan_step(rs_jsonstream *js, const unsigned char *p, size_t n, size_t *pi)
{
    unsigned char ch = p[*pi];
    size_t at = js->offset + *pi;

    switch (js->st) {
    case JS_ARR_FIRST:
        if (ch == ']') {
            (*pi)++;
            return js_close(js, at, 0);
        }
        /* fall through */
    case JS_VALUE:
        return js_scan_value(js, p, n, pi);
    case JS_OBJ_FIRST:
        if (ch == '}') {
            (*pi)++;
            return js_close(js, at, 1);
        }
        /* fall through */
    case JS_OBJ_KEY:
        if (ch != '"')
            return js_fail(js, at, "expected a key string");
        return js_scan_member(js, p, n, pi);
    case JS_COLON:
        if (ch != ':')
            return js_fail(js, at, "expected ':'");
        (*pi)++;
        js->st = JS_VALUE;
        return 0;
    case JS_AFTER:
        (*pi)++;
        if (ch == ',') {
            if (!js->stack[js->depth - 1]) {
                js->st = JS_VALUE;
                return 0;
            }
            js->st = JS_OBJ_KEY;
            return *pi < n && p[*pi] == '"' ? js_scan_member(js, p, n, pi) : 0;
        }
        if (ch == '}' || ch == ']')
            return js_close(js, at, ch == '}');
        return js_fail(js, at, "expected ',' or a closing bracket");
    case JS_DONE:
        return js_fail(js, at, "data after the end of the document");
    default:
        return js_fail(js, at, "internal state error");
    }
}

/* Scans from p[*pi] while the state is between tokens; stops at the end of the piece, at an
 * error (-1), or when a token was handed to the state machine (js->st says which). */
static int js_scan(rs_jsonstream *js, const unsigned char *p, size_t n, size_t *pi)
{
    size_t i = *pi;

    while (i < n) {
        if (js_ws[p[i]]) {
            i++;
            continue;
        }
        if (js_scan_step(js, p, n, &i) != 0)
            return -1;
        if (js->st == JS_STRING || js->st == JS_NUMBER || js->st == JS_LITERAL)
            break;
    }
    *pi = i;
    return 0;
}

/* ---- feeding ---------------------------------------------------------------------------- */

int rs_js_feed(rs_jsonstream *js, const char *data, size_t n)
{
    const unsigned char *p = (const unsigned char *)data;
    size_t i = 0;

    while (i < n) {
        size_t at = js->offset + i;
        size_t used = 1;
        int rc = 0;

        switch (js->st) {
        case JS_ERROR:
            return -1;
        case JS_STRING: {
            size_t k = js_string_run(js, p + i, n - i, at);
            if (k == (size_t)-1)
                return -1;
            i += k;
            if (js->st == JS_AFTER && js_string_end(js, js->offset + i - 1) != 0)
                return -1;
            continue;
        }
        case JS_NUMBER:
            if ((js->nst == N_INT || js->nst == N_FRAC || js->nst == N_EXP) &&
                p[i] >= '0' && p[i] <= '9') {
                /* a run of digits in one copy */
                size_t j = i + 1;
                while (j < n && p[j] >= '0' && p[j] <= '9')
                    j++;
                rc = js_put(js, (const char *)p + i, j - i);
                used = j - i;
                break;
            }
            rc = js_feed_number(js, at, p[i], &used);
            break;
        case JS_LITERAL:
            rc = js_feed_literal(js, at, p[i]);
            break;
        default:
            rc = js_scan(js, p, n, &i);
            used = 0;
        }
        if (rc != 0)
            return -1;
        i += used;
    }
    if (js->st == JS_ERROR)
        return -1;
    js->offset += n;
    return 0;
}

int rs_js_finish(rs_jsonstream *js)
{
    size_t used;

    if (js->st == JS_ERROR)
        return -1;
    /* A root-level number only ends at the end of input. */
    if (js->st == JS_NUMBER && js->depth == 0 && js_feed_number(js, js->offset, ' ', &used) != 0)
        return -1;
    if (js->st != JS_DONE)
        return js_fail(js, js->offset, js->st == JS_VALUE && js->depth == 0 && js->offset == 0
                                           ? "empty document" : "truncated document");
    return 0;
}
