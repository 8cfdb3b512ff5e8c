/* SPDX-License-Identifier: Apache-2.0 */
/* Catalog-function name arguments: search patterns (% and _, escape '\'), ordinary
 * arguments (exact names) and, under SQL_ATTR_METADATA_ID, identifiers (quoted = exact,
 * unquoted = case-insensitive, trailing blanks ignored). One filter object answers
 * "does this name match" whatever the argument's kind. */
#ifndef RS_PATTERN_H
#define RS_PATTERN_H

typedef enum {
    RS_NF_ANY,      /* NULL or empty argument: no restriction             */
    RS_NF_EXACT,    /* literal name, case-sensitive                       */
    RS_NF_EXACT_CI, /* unquoted identifier under metadata_id              */
    RS_NF_PATTERN   /* LIKE pattern with wildcards                        */
} rs_nf_kind;

typedef struct rs_name_filter {
    rs_nf_kind kind;
    char *text; /* EXACT/EXACT_CI: the name (escapes and quotes removed); PATTERN: as given */
} rs_name_filter;

/* is_pattern: the argument is a pattern value argument (else an ordinary argument).
 * 0 on success, -1 when out of memory. */
int rs_name_filter_init(rs_name_filter *f, const char *arg, int metadata_id, int is_pattern);
void rs_name_filter_free(rs_name_filter *f);
int rs_name_filter_match(const rs_name_filter *f, const char *name);
/* The single name the filter accepts (case-sensitive), or NULL when it may accept several. */
const char *rs_name_filter_literal(const rs_name_filter *f);

/* LIKE semantics: % any run, _ one UTF-8 character, escape '\' makes the next char literal. */
int rs_pattern_like(const char *pattern, const char *s);
/* 1 when the pattern has an unescaped % or _. */
int rs_pattern_has_wildcards(const char *pattern);

#endif
