/* SPDX-License-Identifier: Apache-2.0 */
/* What each parameter marker of a statement stands for, read from the text alone: the field it
 * is compared with (`f = ?`, `? < t.f`, `f IN (?, ?)`, `f BETWEEN ? AND ?`), a LIKE pattern, a
 * LIMIT/OFFSET count, or nothing the text tells. Rockset compares strictly by type (an int
 * field never equals the string '7'), and several client libraries bind every value as text
 * with the SQL type SQLDescribeParam reports, so the statement layer types a marker from the
 * field's schema. Pure: no handles, no I/O; the schema lookup is the caller's. */
#ifndef RS_SQLPARAM_H
#define RS_SQLPARAM_H

#include <stddef.h>
#include "driver/sql/sqlrewrite.h"

typedef enum {
    RS_SQLPARAM_UNKNOWN, /* no context that implies a type: the binding decides        */
    RS_SQLPARAM_FIELD,   /* compared with a top-level field of a FROM collection        */
    RS_SQLPARAM_STRING,  /* a LIKE pattern                                              */
    RS_SQLPARAM_INT      /* a LIMIT or OFFSET count                                     */
} rs_sqlparam_kind;

typedef struct rs_sqlparam {
    rs_sqlparam_kind kind;
    char *field;    /* RS_SQLPARAM_FIELD: the top-level field's name, unquoted            */
    int collection; /* RS_SQLPARAM_FIELD: index into collections, or -1 for an unqualified
                       field over several collections (whichever has it)                 */
} rs_sqlparam;

typedef struct rs_sqlparam_info {
    rs_sqlparam *params; /* one per marker, in the order of rs_sql_rewrite.markers        */
    size_t nparams;
    char **collections;  /* "ws.coll" of every collection read (FROM, JOIN), each once    */
    size_t ncollections;
} rs_sqlparam_info;

/* Fills out for the markers of rw (a successful rs_sql_rewrite_run). default_ws names the
 * workspace of unqualified collections (NULL: "commons"); a leading
 * OPTION(default_workspace='ws') overrides it. A CALL, or text that cannot be read, leaves
 * every marker RS_SQLPARAM_UNKNOWN. 0, or -1 when out of memory (out is then empty). */
int rs_sqlparam_infer(const rs_sql_rewrite *rw, const char *default_ws, rs_sqlparam_info *out);
void rs_sqlparam_free(rs_sqlparam_info *info);

#endif
