/* SPDX-License-Identifier: Apache-2.0 */
/* What the select list of a statement says about its result columns, read from the text alone:
 * each item's output name (as Rockset names it) and whether it reads a top-level field,
 * directly or through an aggregate. The statement layer types a column from the field's
 * schema when the answer's values cannot (no rows, or only nulls on the first page). */
#ifndef RS_SQLSELECT_H
#define RS_SQLSELECT_H

#include <stddef.h>

typedef enum {
    RS_SEL_OTHER,  /* any other expression: its type is whatever its values say */
    RS_SEL_FIELD,  /* a top-level field, `f` or `alias.f`                       */
    RS_SEL_AGG     /* an aggregate over a top-level field or `*`: COUNT(*), SUM(f) */
} rs_sel_kind;

typedef struct rs_sel_item {
    char *name;      /* output name: the alias, else the field, else "?count" or "?field3" */
    rs_sel_kind kind;
    char agg[16];    /* RS_SEL_AGG: the function, upper case ("COUNT", "SUM", "MIN"...)    */
    char *field;     /* the top-level field read, NULL for COUNT(*) and RS_SEL_OTHER       */
} rs_sel_item;

/* The items of the outermost SELECT of sql. Returns the number of items (0 when the
 * statement is no plain SELECT, selects `*`, or cannot be read), -1 when out of memory. */
int rs_sql_select_items(const char *sql, rs_sel_item **items);
void rs_sql_select_items_free(rs_sel_item *items, int n);

#endif
