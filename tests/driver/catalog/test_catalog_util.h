/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the catalog tests: read a whole row source into strings to compare. */
#ifndef TEST_CATALOG_UTIL_H
#define TEST_CATALOG_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "driver/client/rowsource.h"

/* "A,B,C": the column names of a row source. */
static inline char *tc_colnames(const rs_rowsource *rs)
{
    size_t len = 1;
    char *out;

    for (size_t i = 0; i < rs->ncols; i++)
        len += strlen(rs->cols[i].name) + 1;
    out = calloc(1, len);
    for (size_t i = 0; out && i < rs->ncols; i++) {
        if (i)
            strcat(out, ",");
        strcat(out, rs->cols[i].name);
    }
    return out;
}

/* Every row as "a|b|NULL|..." joined by '\n' (NULL cells spelled NULL). */
static inline char *tc_rows(rs_rowsource *rs, size_t *nrows)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    const rs_page *p;
    rs_error err;

    *nrows = 0;
    rs_error_clear(&err);
    while (rs_rowsource_next(rs, &p, &err) == 1) {
        for (size_t r = 0; r < p->nrows; r++, (*nrows)++) {
            for (size_t c = 0; c < p->ncols; c++) {
                const rs_cell *cell = &p->cells[r * p->ncols + c];

                fprintf(m, "%s%s", c ? "|" : "", cell->text ? cell->text : "NULL");
            }
            fputc('\n', m);
        }
    }
    fclose(m);
    return buf;
}

#endif
