/* Character and binary targets: the text of a value, and handing it out in pieces
 * (SQLGetData) without losing or corrupting anything at piece edges. */
#include "driver/convert_internal.h"

#include <stdlib.h>
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

static int rs_text_hex(const unsigned char *b, size_t len, rs_text *t)
{
    static const char hex[] = "0123456789ABCDEF";
    char *h = malloc(len * 2 + 1);
    if (!h)
        return -1;
    for (size_t i = 0; i < len; i++) {
        h[2 * i] = hex[b[i] >> 4];
        h[2 * i + 1] = hex[b[i] & 15];
    }
    h[len * 2] = '\0';
    t->owned = h;
    t->s = h;
    t->len = len * 2;
    return 0;
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

int rs_text_of_cell(const rs_cell *cell, rs_sqlclass cl, rs_text *t)
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
        return rs_text_hex((const unsigned char *)t->s, t->len, t);
    default:
        break;
    }
    return 0;
}

void rs_text_free(rs_text *t)
{
    free(t->owned);
    t->owned = NULL;
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
        memcpy(target, t->s + off, rem);
        ((char *)target)[rem] = '\0';
        if (offset)
            *offset = RS_CONV_DONE;
        return;
    }
    memcpy(target, t->s + off, room);
    ((char *)target)[room] = '\0';
    if (offset)
        *offset = off + room;
    rs_conv_info(st, "01004", "String data, right truncated");
}

void rs_conv_put_wchar(const rs_text *t, SQLPOINTER target, SQLLEN target_len,
                       SQLLEN *ind, size_t *offset, rs_conv_status *st)
{
    size_t off, units, rem, room, n;
    SQLWCHAR *w;

    if (rs_piece_start(target_len, offset, st, &off) != 0)
        return;
    w = rs_utf8_to_utf16(t->s, (SQLLEN)t->len, &units);
    if (!w) {
        rs_conv_set(st, SQL_ERROR, "HY001", "Memory allocation error");
        return;
    }
    off /= sizeof(SQLWCHAR);
    if (off > units)
        off = units;
    rem = units - off;
    room = (size_t)target_len / sizeof(SQLWCHAR);
    if (!target) {
        if (ind)
            *ind = (SQLLEN)(rem * sizeof(SQLWCHAR));
    } else if (room == 0) {
        if (ind)
            *ind = (SQLLEN)(rem * sizeof(SQLWCHAR));
        rs_conv_info(st, "01004", "String data, right truncated");
    } else if (off == 0 && room - 1 < t->min_keep) {
        rs_conv_set(st, SQL_ERROR, "22003", "Numeric value out of range");
    } else {
        room--; /* the terminator */
        n = rem <= room ? rem : room;
        /* keep a surrogate pair in one piece when the piece can hold something else */
        if (n < rem && n >= 2 && w[off + n - 1] >= 0xD800 && w[off + n - 1] <= 0xDBFF)
            n--;
        memcpy(target, w + off, n * sizeof(SQLWCHAR));
        ((SQLWCHAR *)target)[n] = 0;
        if (ind)
            *ind = (SQLLEN)(rem * sizeof(SQLWCHAR));
        if (n == rem) {
            if (offset)
                *offset = RS_CONV_DONE;
        } else {
            if (offset)
                *offset = (off + n) * sizeof(SQLWCHAR);
            rs_conv_info(st, "01004", "String data, right truncated");
        }
    }
    free(w);
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
