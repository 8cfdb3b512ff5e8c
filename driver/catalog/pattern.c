/* SPDX-License-Identifier: Apache-2.0 */
#include "driver/catalog/pattern.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define RS_PATTERN_ESCAPE '\\'

/* Length of the UTF-8 sequence starting at s, so '_' consumes a character, not a byte
 * (names are UTF-8; a byte-wise '_' would split multibyte characters). */
static size_t rs_utf8_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = 1;

    if (c >= 0xF0)
        n = 4;
    else if (c >= 0xE0)
        n = 3;
    else if (c >= 0xC0)
        n = 2;
    for (size_t i = 1; i < n; i++)
        if (s[i] == '\0' || ((unsigned char)s[i] & 0xC0) != 0x80)
            return i;
    return n;
}

int rs_pattern_like(const char *p, const char *s)
{
    while (*p) {
        if (*p == '%') {
            while (*p == '%')
                p++;
            if (!*p)
                return 1;
            for (;;) {
                if (rs_pattern_like(p, s))
                    return 1;
                if (!*s)
                    return 0;
                s += rs_utf8_len(s);
            }
        }
        if (*p == '_') {
            if (!*s)
                return 0;
            p++;
            s += rs_utf8_len(s);
            continue;
        }
        /* A trailing lone escape stands for itself. */
        if (*p == RS_PATTERN_ESCAPE && p[1])
            p++;
        if (*p != *s)
            return 0;
        p++;
        s++;
    }
    return *s == '\0';
}

int rs_pattern_has_wildcards(const char *p)
{
    for (; *p; p++) {
        if (*p == RS_PATTERN_ESCAPE && p[1]) {
            p++;
            continue;
        }
        if (*p == '%' || *p == '_')
            return 1;
    }
    return 0;
}

/* A pattern without wildcards names one object: drop its escapes. */
static char *rs_pattern_unescape(const char *p)
{
    char *out = malloc(strlen(p) + 1), *o = out;

    if (!out)
        return NULL;
    for (; *p; p++) {
        if (*p == RS_PATTERN_ESCAPE && p[1])
            p++;
        *o++ = *p;
    }
    *o = '\0';
    return out;
}

/* Identifier argument (SQL_ATTR_METADATA_ID): trailing blanks are not significant; a quoted
 * identifier is taken literally ("" stands for "), an unquoted one case-insensitively. */
static int rs_ident_init(rs_name_filter *f, const char *arg)
{
    size_t n = strlen(arg);

    while (n > 0 && arg[n - 1] == ' ')
        n--;
    if (n >= 2 && arg[0] == '"' && arg[n - 1] == '"') {
        char *o = malloc(n);
        size_t j = 0;

        if (!o)
            return -1;
        for (size_t i = 1; i + 1 < n; i++) {
            o[j++] = arg[i];
            if (arg[i] == '"' && arg[i + 1] == '"' && i + 2 < n)
                i++;
        }
        o[j] = '\0';
        f->kind = RS_NF_EXACT;
        f->text = o;
        return 0;
    }
    f->text = strndup(arg, n);
    if (!f->text)
        return -1;
    f->kind = RS_NF_EXACT_CI;
    return 0;
}

int rs_name_filter_init(rs_name_filter *f, const char *arg, int metadata_id, int is_pattern)
{
    f->kind = RS_NF_ANY;
    f->text = NULL;
    /* Like most drivers, an empty argument restricts nothing: no Rockset object lacks a
     * workspace or a name, so the spec's "objects without a schema" would always be empty. */
    if (!arg || !*arg)
        return 0;
    if (metadata_id)
        return rs_ident_init(f, arg);
    if (is_pattern && rs_pattern_has_wildcards(arg)) {
        if (strcmp(arg, "%") == 0)
            return 0;
        f->text = strdup(arg);
        f->kind = RS_NF_PATTERN;
    } else {
        f->text = is_pattern ? rs_pattern_unescape(arg) : strdup(arg);
        f->kind = RS_NF_EXACT;
    }
    return f->text ? 0 : -1;
}

void rs_name_filter_free(rs_name_filter *f)
{
    free(f->text);
    f->text = NULL;
    f->kind = RS_NF_ANY;
}

int rs_name_filter_match(const rs_name_filter *f, const char *name)
{
    if (!name)
        return f->kind == RS_NF_ANY;
    switch (f->kind) {
    case RS_NF_ANY:
        return 1;
    case RS_NF_EXACT:
        return strcmp(f->text, name) == 0;
    case RS_NF_EXACT_CI:
        return strcasecmp(f->text, name) == 0;
    case RS_NF_PATTERN:
        return rs_pattern_like(f->text, name);
    }
    return 0;
}

const char *rs_name_filter_literal(const rs_name_filter *f)
{
    return f->kind == RS_NF_EXACT ? f->text : NULL;
}
