/* SPDX-License-Identifier: Apache-2.0 */
/* The result decoder's nested values (result_decode.c hands it the events of a row value
 * that is an object or an array): re-serialized as compact JSON text written once into the
 * page's arena, or, for Rockset's typed wrappers ({"__rockset_type": ..., "value": ...}),
 * the value the tag names (DATE, TIMESTAMP, BYTES...). */
#include "driver/client/result_decode_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A nested value's JSON text is written where its cell keeps it: at the top of the arena,
 * growing in place, moved (once) to a chunk of its own when the current one is full; the
 * cell then points at it, with no copy. Nothing else takes arena space while a nested value
 * is read, so the text stays at the top until nest_commit claims it. */
static int nest_grow(rs_decoder *d, size_t n)
{
    size_t need = d->nest.len + n + 1, size = RS_DEC_CHUNK;
    rs_dec_chunk *nc;

    while (size < need)
        size *= 2;
    if (!(nc = rs_dec_push_chunk(d, size)))
        return -1;
    if (d->nest.len)
        memcpy(nc->data, d->nest.p, d->nest.len);
    d->nest.p = nc->data;
    d->nest.cap = nc->size;
    return 0;
}

static inline int nest_put(rs_decoder *d, const char *s, size_t n)
{
    if (d->nest.len + n + 1 > d->nest.cap && nest_grow(d, n) != 0)
        return -1;
    memcpy(d->nest.p + d->nest.len, s, n);
    d->nest.len += n;
    return 0;
}

/* The first n bytes of the nested text become the cell's (NUL-terminated) text. */
static int nest_commit(rs_decoder *d, rs_vkind kind, size_t n)
{
    d->nest.p[n] = '\0';
    d->arena->used += n + 1;
    return rs_dec_add_cell(d, kind, d->nest.p, n, 0);
}

/* A string as JSON text: quoted, escaped where JSON requires it. */
static int nest_string(rs_decoder *d, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, run = 0;
    char *o;

    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x20 || ch == '"' || ch == '\\')
            break;
    }
    if (i == n) { /* nearly always: nothing to escape, written in one go */
        if (d->nest.len + n + 3 > d->nest.cap && nest_grow(d, n + 2) != 0)
            return -1;
        o = d->nest.p + d->nest.len;
        o[0] = '"';
        memcpy(o + 1, s, n);
        o[n + 1] = '"';
        d->nest.len += n + 2;
        return 0;
    }
    if (nest_put(d, "\"", 1) != 0)
        return -1;
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        char esc[7] = { '\\', 0, 0, 0, 0, 0, 0 };
        size_t elen = 2;
        if (ch >= 0x20 && ch != '"' && ch != '\\')
            continue;
        if (nest_put(d, s + run, i - run) != 0)
            return -1;
        run = i + 1;
        switch (ch) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[ch >> 4];
            esc[5] = hex[ch & 15];
            elen = 6;
        }
        if (nest_put(d, esc, elen) != 0)
            return -1;
    }
    if (nest_put(d, s + run, n - run) != 0)
        return -1;
    return nest_put(d, "\"", 1);
}

void rs_dec_nest_begin(rs_decoder *d)
{
    rs_dec_chunk *c = d->arena;

    d->nest.p = c ? c->data + c->used : NULL;
    d->nest.cap = c ? c->size - c->used : 0;
    d->nest.len = d->tag.len = d->val.len = 0;
    d->ndepth = 0;
    d->ncomma = 0;
    d->nkey_is_tag = d->nkey_is_val = d->has_tag = d->has_val = d->val_is_str = 0;
}

/* Notes where the "value" member of a depth-1 object starts and ends in the text. */
static int nest_member_value(rs_decoder *d, const rs_js_event *ev, int starting)
{
    if (d->ndepth != 1 || d->nest.p == NULL || d->nest.p[0] != '{')
        return 0;
    if (starting) {
        if (d->nkey_is_val)
            d->val_start = d->nest.len;
        return 0;
    }
    if (d->nkey_is_tag && ev->type == RS_JS_STRING) {
        d->tag.len = 0;
        if (rs_dec_buf_put(&d->tag, ev->text, ev->len) != 0)
            return -1;
        d->has_tag = 1;
    }
    if (d->nkey_is_val) {
        d->val_end = d->nest.len;
        d->has_val = 1;
        d->val_is_str = ev->type == RS_JS_STRING;
        d->val.len = 0;
        if (d->val_is_str && rs_dec_buf_put(&d->val, ev->text, ev->len) != 0)
            return -1;
    }
    d->nkey_is_tag = d->nkey_is_val = 0;
    return 0;
}

int rs_dec_nest_event(rs_decoder *d, const rs_js_event *ev)
{
    int r = 0;

    if (ev->type == RS_JS_OBJ_END || ev->type == RS_JS_ARR_END) {
        r = nest_put(d, ev->type == RS_JS_OBJ_END ? "}" : "]", 1);
        d->ndepth--;
        d->ncomma = 1;
        return r ? r : nest_member_value(d, ev, 0);
    }
    if (d->ncomma && nest_put(d, ",", 1) != 0)
        return -1;
    if (ev->type == RS_JS_KEY) {
        d->ncomma = 0;
        if (d->ndepth == 1) {
            d->nkey_is_tag = ev->len == 14 && memcmp(ev->text, "__rockset_type", 14) == 0;
            d->nkey_is_val = ev->len == 5 && memcmp(ev->text, "value", 5) == 0;
        }
        if (nest_string(d, ev->text, ev->len) != 0 || nest_put(d, ":", 1) != 0)
            return -1;
        return 0;
    }
    if (nest_member_value(d, ev, 1) != 0)
        return -1;
    switch (ev->type) {
    case RS_JS_OBJ_START:
    case RS_JS_ARR_START:
        d->ndepth++;
        d->ncomma = 0;
        return nest_put(d, ev->type == RS_JS_OBJ_START ? "{" : "[", 1);
    case RS_JS_STRING: r = nest_string(d, ev->text, ev->len); break;
    case RS_JS_NUMBER: r = nest_put(d, ev->text, ev->len); break;
    case RS_JS_TRUE: r = nest_put(d, "true", 4); break;
    case RS_JS_FALSE: r = nest_put(d, "false", 5); break;
    default: r = nest_put(d, "null", 4); break;
    }
    d->ncomma = 1;
    return r ? r : nest_member_value(d, ev, 0);
}

static rs_vkind dec_wrapper_kind(const char *tag)
{
    static const struct { const char *tag; rs_vkind kind; } map[] = {
        { "DATE", RS_V_DATE }, { "TIME", RS_V_TIME }, { "DATETIME", RS_V_DATETIME },
        { "TIMESTAMP", RS_V_TIMESTAMP }, { "BYTES", RS_V_BYTES },
    };
    size_t i;

    for (i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcasecmp(tag, map[i].tag) == 0)
            return map[i].kind;
    return RS_V_OTHER;
}

int rs_dec_nest_finish(rs_decoder *d)
{
    rs_vkind kind;
    unsigned char *raw;
    long n;

    if (!(d->has_tag && d->has_val))
        return nest_commit(d, d->nest.p[0] == '{' ? RS_V_OBJECT : RS_V_ARRAY, d->nest.len);
    /* a wrapper: its text at the top of the arena is dropped (the arena's next allocation
     * takes that space) and the cell gets the value */
    kind = dec_wrapper_kind(d->tag.p);
    if (kind != RS_V_OTHER && d->val_is_str && kind != RS_V_BYTES)
        return rs_dec_add_cell(d, kind, d->val.p, d->val.len, 1);
    if (kind == RS_V_BYTES && d->val_is_str) {
        /* decoded into d->tag (done with): the arena's top still holds the text, which
         * the fallback below needs when the base64 is bad */
        size_t need = 3 * (d->val.len / 4) + 4;
        if (need > d->tag.cap) {
            char *t = realloc(d->tag.p, need);
            if (!t)
                return rs_dec_nomem(d);
            d->tag.p = t;
            d->tag.cap = need;
        }
        raw = (unsigned char *)d->tag.p;
        n = rs_decode_base64(d->val.p, d->val.len, raw);
        if (n >= 0)
            return rs_dec_add_cell(d, RS_V_BYTES, (const char *)raw, (size_t)n, 1);
    }
    /* Intervals, geography, u256, or a wrapper whose value is not what its tag promises. */
    memmove(d->nest.p, d->nest.p + d->val_start, d->val_end - d->val_start);
    return nest_commit(d, RS_V_OTHER, d->val_end - d->val_start);
}
