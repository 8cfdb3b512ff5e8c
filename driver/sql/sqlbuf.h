/* SPDX-License-Identifier: Apache-2.0 */
/* A growing text buffer for the SQL translator. An allocation failure is remembered (oom)
 * instead of being checked at every append; the caller tests it once at the end. */
#ifndef RS_SQLBUF_H
#define RS_SQLBUF_H

#include <stddef.h>

typedef struct rs_sb {
    char *s;    /* NUL-terminated once anything was added */
    size_t len;
    size_t cap;
    int oom;
} rs_sb;

void rs_sb_add(rs_sb *b, const char *p, size_t n);
void rs_sb_adds(rs_sb *b, const char *s);
void rs_sb_addc(rs_sb *b, char c);
/* Drops trailing white space, but never before byte offset mark. */
void rs_sb_rtrim(rs_sb *b, size_t mark);
/* The text (never NULL unless out of memory); the buffer is left empty. */
char *rs_sb_take(rs_sb *b);
void rs_sb_free(rs_sb *b);

#endif
