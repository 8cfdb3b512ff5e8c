/* SPDX-License-Identifier: Apache-2.0 */
/* Growing text buffer of the SQL translator. */
#include "driver/sql/sqlbuf.h"

#include <stdlib.h>
#include <string.h>

void rs_sb_add(rs_sb *b, const char *p, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *ns = realloc(b->s, cap);
        if (!ns) {
            b->oom = 1;
            return;
        }
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void rs_sb_adds(rs_sb *b, const char *s)
{
    rs_sb_add(b, s, strlen(s));
}

void rs_sb_addc(rs_sb *b, char c)
{
    rs_sb_add(b, &c, 1);
}

void rs_sb_rtrim(rs_sb *b, size_t mark)
{
    while (b->len > mark && b->s[b->len - 1] != '\0' && strchr(" \t\r\n\f\v", b->s[b->len - 1]))
        b->s[--b->len] = '\0';
}

char *rs_sb_take(rs_sb *b)
{
    if (b->oom) {
        rs_sb_free(b);
        return NULL;
    }
    char *s = b->s ? b->s : strdup("");
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

void rs_sb_free(rs_sb *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}
