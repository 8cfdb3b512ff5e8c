/* SPDX-License-Identifier: Apache-2.0 */
/* Character and binary targets: the text of a value, and handing it out in pieces
 * (SQLGetData) without losing or corrupting anything at piece edges. */
#include "driver/convert/convert_internal.h"

#include <string.h>

/* Bytes a number's text needs before any fraction can be cut: sign and whole digits, or all of
 * it in exponent form (cutting "1.5e300" would change the value). */
static size_t rs_number_keep(const char *s, size_t len)
{
    size_t i;
    if (memchr(s, 'e', len) || memchr(s, 'E', len))
        return len;
    for (i = 0; i < len && s[i] != '.'; i++)
        ;
    return i;
}

static void rs_text_datetime(const rs_cell *cell, rs_sqlclass cl, rs_text *t)
{
    rs_dt dt;
    /* text the server sent that does not parse is shown as it came */
    if (rs_dt_parse(cell->text, cell->len, &dt) != 0)
        return;
    t->len = rs_dt_format(&dt, t->buf);
    t->s = t->buf;
    /* appendix D: a date needs 10 characters, a time 8, a timestamp 19, else 22003 */
    if (cl == RS_CL_DATE || cl == RS_CL_TIME || cl == RS_CL_TIMESTAMP)
        t->min_keep = dt.has_date && dt.has_time ? 19 : dt.has_date ? 10 : 8;
}

void rs_text_of_cell(const rs_cell *cell, rs_sqlclass cl, rs_text *t)
{
    int numeric_col = cl == RS_CL_INT || cl == RS_CL_APPROX || cl == RS_CL_DECIMAL;

    memset(t, 0, sizeof(*t));
    t->s = cell->text ? cell->text : "";
    t->len = cell->text ? cell->len : 0;
    switch (cell->kind) {
    case RS_V_BOOL:
        /* SQL_BIT to character is "0"/"1"; a bool in a character column keeps its JSON text */
        if (cl == RS_CL_BIT || numeric_col) {
            t->s = (t->len > 0 && (t->s[0] == 't' || t->s[0] == 'T')) ? "1" : "0";
            t->len = 1;
            t->min_keep = 1;
        }
        break;
    case RS_V_INT:
    case RS_V_FLOAT:
        if (numeric_col)
            t->min_keep = rs_number_keep(t->s, t->len);
        break;
    case RS_V_DATE:
    case RS_V_TIME:
    case RS_V_DATETIME:
    case RS_V_TIMESTAMP:
        rs_text_datetime(cell, cl, t);
        break;
    case RS_V_BYTES:
        /* upper-case hex pairs, produced piece by piece from the bytes */
        t->hex = 1;
        t->len *= 2;
        break;
    default:
        break;
    }
}

/* Byte i of the text (a hex digit of byte i/2 for binary data). */
static char rs_text_at(const rs_text *t, size_t i)
{
    static const char hex[] = "0123456789ABCDEF";
    if (t->hex) {
        unsigned char b = (unsigned char)t->s[i / 2];
        return hex[i % 2 ? b & 15 : b >> 4];
    }
    return t->s[i];
}

static void rs_text_copy(const rs_text *t, size_t from, size_t n, char *dst)
{
    if (!t->hex) {
        memcpy(dst, t->s + from, n);
        return;
    }
    for (size_t i = 0; i < n; i++)
        dst[i] = rs_text_at(t, from + i);
}

static int rs_piece_start(SQLLEN target_len, size_t *offset, rs_conv_status *st, size_t *off)
{
    if (target_len < 0) {
        rs_conv_set(st, SQL_ERROR, "HY090", "Invalid string or buffer length");
        return -1;
    }
    *off = offset ? *offset : 0;
    return 0;
}

void rs_conv_put_char(const rs_text *t, SQLPOINTER target, SQLLEN target_len,
                      SQLLEN *ind, size_t *offset, rs_conv_status *st)
{
    size_t off, rem, room;

    if (rs_piece_start(target_len, offset, st, &off) != 0)
        return;
    if (off > t->len)
        off = t->len;
    rem = t->len - off;
    if (!target) {
        /* SQLBindCol with only a length/indicator buffer: the length, no truncation */
        if (ind)
            *ind = (SQLLEN)rem;
        return;
    }
    if (target_len == 0) {
        /* a length probe: nothing written, not even the terminator */
        if (ind)
            *ind = (SQLLEN)rem;
        rs_conv_info(st, "01004", "String data, right truncated");
        return;
    }
    room = (size_t)target_len - 1;
    if (off == 0 && room < t->min_keep) {
        rs_conv_set(st, SQL_ERROR, "22003", "Numeric value out of range");
        return;
    }
    if (ind)
        *ind = (SQLLEN)rem;
    if (room >= rem) {
        rs_text_copy(t, off, rem, target);
        ((char *)target)[rem] = '\0';
        if (offset)
            *offset = RS_CONV_DONE;
        return;
    }
    rs_text_copy(t, off, room, target);
    ((char *)target)[room] = '\0';
    if (offset)
        *offset = off + room;
    rs_conv_info(st, "01004", "String data, right truncated");
}

/* Wide pieces. *offset keeps the place in the source text, so a piece costs its own length
 * and not the value's: bit 0 says the low half of a surrogate pair is still owed, bits 1-32
 * hold the source position, bits 33-63 the UTF-16 units still to return. Where size_t is
 * too small (or the text too long) for that, only the position is kept and the rest is
 * counted again each piece. */
typedef struct rs_wstate {
    size_t pos, rem;
    int pending;
} rs_wstate;

#define RS_W_PACKED_MAX ((size_t)0x7FFFFFFF)

static int rs_w_packs_rem(const rs_text *t)
{
    return SIZE_MAX > 0xFFFFFFFFu && t->len <= RS_W_PACKED_MAX;
}

/* Next code point at pos; *k receives the source bytes it takes. */
static uint32_t rs_text_cp(const rs_text *t, size_t pos, size_t *k)
{
    uint32_t cp;
    if (t->hex) {
        *k = 1;
        return (uint32_t)rs_text_at(t, pos);
    }
    *k = rs_utf8_decode((const unsigned char *)t->s + pos, t->len - pos, &cp);
    return cp;
}

static size_t rs_text_units(const rs_text *t, size_t pos)
{
    size_t n = 0, k;
    if (t->hex)
        return t->len - pos;
    while (pos < t->len) {
        n += rs_text_cp(t, pos, &k) >= 0x10000 ? 2 : 1;
        pos += k;
    }
    return n;
}

static void rs_w_unpack(const rs_text *t, int pack, size_t off, rs_wstate *w)
{
    w->pending = (int)(off & 1);
    if (pack) {
        w->pos = (off >> 1) & 0xFFFFFFFFu;
        w->rem = off ? off >> 33 : rs_text_units(t, 0);
    } else {
        w->pos = off >> 1;
        w->rem = rs_text_units(t, w->pos) - (size_t)w->pending;
    }
}

static size_t rs_w_pack(int pack, const rs_wstate *w)
{
    size_t off = (w->pos << 1) | (size_t)w->pending;
    if (pack)
        off |= (size_t)((uint64_t)w->rem << 33);
    return off;
}

static void rs_w_put(SQLPOINTER target, size_t i, uint32_t unit)
{
    SQLWCHAR u = (SQLWCHAR)unit;
    memcpy((char *)target + i * sizeof(SQLWCHAR), &u, sizeof(u)); /* any alignment */
}

/* Fills up to room units from w's position; returns the units written. */
static size_t rs_w_fill(const rs_text *t, rs_wstate *w, SQLPOINTER target, size_t room)
{
    size_t n = 0, k;
    while (n < room && w->pos < t->len) {
        uint32_t cp = rs_text_cp(t, w->pos, &k);
        if (cp < 0x10000) {
            rs_w_put(target, n++, cp);
        } else if (w->pending) {
            rs_w_put(target, n++, 0xDC00 + ((cp - 0x10000) & 0x3FF));
            w->pending = 0;
        } else if (n + 2 <= room) {
            rs_w_put(target, n++, 0xD800 + ((cp - 0x10000) >> 10));
            rs_w_put(target, n++, 0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            /* a pair is kept in one piece unless the piece has room for one unit only */
            if (n == 0) {
                rs_w_put(target, n++, 0xD800 + ((cp - 0x10000) >> 10));
                w->pending = 1;
            }
            break;
        }
        w->pos += k;
    }
    return n;
}

void rs_conv_put_wchar(const rs_text *t, SQLPOINTER target, SQLLEN target_len,
                       SQLLEN *ind, size_t *offset, rs_conv_status *st)
{
    rs_conv_put_wchar_mode(t, rs_w_packs_rem(t), target, target_len, ind, offset, st);
}

void rs_conv_put_wchar_mode(const rs_text *t, int pack, SQLPOINTER target, SQLLEN target_len,
                            SQLLEN *ind, size_t *offset, rs_conv_status *st)
{
    size_t off, room, n;
    rs_wstate w;

    if (rs_piece_start(target_len, offset, st, &off) != 0)
        return;
    rs_w_unpack(t, pack, off, &w);
    room = (size_t)target_len / sizeof(SQLWCHAR);
    if (target && room > 0 && off == 0 && room - 1 < t->min_keep) {
        rs_conv_set(st, SQL_ERROR, "22003", "Numeric value out of range");
        return;
    }
    if (ind)
        *ind = (SQLLEN)(w.rem * sizeof(SQLWCHAR));
    if (!target)
        return; /* only the length was asked for */
    if (room == 0) {
        rs_conv_info(st, "01004", "String data, right truncated");
        return;
    }
    n = rs_w_fill(t, &w, target, room - 1);
    rs_w_put(target, n, 0);
    w.rem -= n;
    if (w.rem == 0) {
        if (offset)
            *offset = RS_CONV_DONE;
        return;
    }
    if (offset)
        *offset = rs_w_pack(pack, &w);
    rs_conv_info(st, "01004", "String data, right truncated");
}

void rs_conv_put_bytes(const void *data, size_t len, SQLPOINTER target, SQLLEN target_len,
                       SQLLEN *ind, size_t *offset, rs_conv_status *st)
{
    size_t off, rem, room;

    if (rs_piece_start(target_len, offset, st, &off) != 0)
        return;
    if (off > len)
        off = len;
    rem = len - off;
    room = (size_t)target_len;
    if (ind)
        *ind = (SQLLEN)rem;
    if (!target)
        return; /* only the length was asked for */
    if (room >= rem) {
        if (rem)
            memcpy(target, (const char *)data + off, rem);
        if (offset)
            *offset = RS_CONV_DONE;
        return;
    }
    if (room)
        memcpy(target, (const char *)data + off, room);
    if (offset)
        *offset = off + room;
    rs_conv_info(st, "01004", "String data, right truncated");
}

static int rs_hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Reads ndigits hex digits from s at *i into *out. */
static int rs_hexnum(const char *s, size_t end, size_t *i, int ndigits, uint32_t *out)
{
    uint32_t v = 0;
    for (int k = 0; k < ndigits; k++, (*i)++) {
        int h = *i < end ? rs_hexval(s[*i]) : -1;
        if (h < 0)
            return -1;
        v = (v << 4) | (uint32_t)h;
    }
    *out = v;
    return 0;
}

int rs_guid_parse(const char *s, size_t len, SQLGUID *g)
{
    size_t i = 0, end = len;
    uint32_t v;
    int braces = len > 0 && s[0] == '{';

    if (braces) {
        if (s[end - 1] != '}')
            return -1;
        i++;
        end--;
    }
    if (rs_hexnum(s, end, &i, 8, &v) || i >= end || s[i++] != '-')
        return -1;
    g->Data1 = v;
    if (rs_hexnum(s, end, &i, 4, &v) || i >= end || s[i++] != '-')
        return -1;
    g->Data2 = (unsigned short)v;
    if (rs_hexnum(s, end, &i, 4, &v) || i >= end || s[i++] != '-')
        return -1;
    g->Data3 = (unsigned short)v;
    for (int k = 0; k < 8; k++) {
        if (k == 2 && (i >= end || s[i++] != '-'))
            return -1;
        if (rs_hexnum(s, end, &i, 2, &v))
            return -1;
        g->Data4[k] = (unsigned char)v;
    }
    return i == end ? 0 : -1;
}
