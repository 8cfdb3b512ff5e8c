/* SPDX-License-Identifier: Apache-2.0 */
/* ODBC escape bodies into Rockset SQL: the scalar function table of {fn ...} (and the
 * SQL_FN_* masks SQLGetInfo reports from it), CONVERT types, TIMESTAMPADD/DIFF intervals,
 * and the {d}/{t}/{ts} literals. The parsing of the statement text is sqlrewrite.c's job:
 * this module receives arguments already translated. */
#ifndef RS_SQLESCAPE_H
#define RS_SQLESCAPE_H

#include <stddef.h>
#include "driver/sql/sqlbuf.h"

/* How the arguments of a function are written between its parentheses. */
typedef enum {
    RS_FNARGS_LIST, /* a, b, c                                   */
    RS_FNARGS_RAW,  /* EXTRACT(YEAR FROM x): passed on as written */
    RS_FNARGS_IN    /* POSITION(a IN b): two arguments            */
} rs_fn_args_style;

typedef struct rs_fn_def rs_fn_def;

/* The function named (case-insensitive), NULL when the driver does not translate it. */
const rs_fn_def *rs_esc_fn_find(const char *name, size_t len);
rs_fn_args_style rs_esc_fn_style(const rs_fn_def *f);
/* The function may be written without parentheses ({fn CURRENT_DATE}). */
int rs_esc_fn_bare_ok(const rs_fn_def *f);
/* Writes the Rockset expression for f applied to args (trimmed, already translated).
 * 0, or -1 with a message in err (wrong argument count, unknown CONVERT type...). */
int rs_esc_fn_write(const rs_fn_def *f, char *const *args, size_t nargs, rs_sb *out, char *err,
                    size_t errlen);

/* {d 'lit'}, {t 'lit'}, {ts 'lit'}, {guid 'lit'}: kind is "d", "t", "ts" or "guid"; lit is
 * the quoted literal as written. Writes DATE/TIME/TIMESTAMP 'lit' (a GUID as the plain
 * string); -1 with err when lit has the wrong shape. */
int rs_esc_datetime(const char *kind, const char *lit, size_t litlen, rs_sb *out, char *err,
                    size_t errlen);

#endif
