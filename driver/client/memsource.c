/* SPDX-License-Identifier: Apache-2.0 */
/* An in-memory row source: catalog functions and fixed answers build their rows here and the
 * statement reads them through the same contract as a query. All rows form a single page. */
#include "driver/client/rowsource.h"

#include <stdlib.h>
#include <string.h>

typedef struct rs_memsource {
    rs_rowsource base;
    size_t nrows;
    size_t cap_rows;
    rs_cell *cells;   /* nrows * base.ncols, texts individually owned */
    rs_page page;
    int delivered;    /* the single page has been handed out */
} rs_memsource;

static int rs_mem_next_page(rs_rowsource *rs, const rs_page **page, rs_error *err)
{
    rs_memsource *m = (rs_memsource *)rs;

    (void)err;
    if (m->delivered || m->nrows == 0) {
        *page = NULL;
        return 0;
    }
    m->delivered = 1;
    m->page.nrows = m->nrows;
    m->page.ncols = rs->ncols;
    m->page.cells = m->cells;
    *page = &m->page;
    return 1;
}

static void rs_mem_close(rs_rowsource *rs)
{
    rs_memsource *m = (rs_memsource *)rs;
    size_t i;

    if (!m)
        return;
    for (i = 0; i < m->nrows * rs->ncols; i++)
        free((char *)m->cells[i].text);
    free(m->cells);
    for (i = 0; i < rs->ncols; i++) {
        free(rs->cols[i].name);
        free(rs->cols[i].base_table);
        free(rs->cols[i].base_schema);
    }
    free(rs->cols);
    free(m);
}

/* Every row is in the one page: any row is there or past the end. */
static int rs_mem_page_at(rs_rowsource *rs, long long row, const rs_page **page,
                          long long *first, rs_error *err)
{
    rs_memsource *m = (rs_memsource *)rs;

    (void)err;
    *page = NULL;
    *first = 0;
    if (row < 0 || (unsigned long long)row >= m->nrows)
        return 0;
    m->page.nrows = m->nrows;
    m->page.ncols = rs->ncols;
    m->page.cells = m->cells;
    *page = &m->page;
    return 1;
}

static const rs_rowsource_ops rs_mem_ops = { rs_mem_next_page, rs_mem_close, NULL,
                                             rs_mem_page_at, NULL, NULL };

rs_rowsource *rs_memsource_new(void)
{
    rs_memsource *m = calloc(1, sizeof *m);

    if (!m)
        return NULL;
    m->base.ops = &rs_mem_ops;
    m->base.total_rows = 0;
    m->base.rows_affected = -1;
    return &m->base;
}

int rs_memsource_add_column_typed(rs_rowsource *rs, const char *name, rs_vkind kind,
                                  int sql_type, int nullable)
{
    rs_memsource *m = (rs_memsource *)rs;
    rs_column *cols;
    rs_column *c;

    /* Columns are fixed once rows exist: the row-major layout depends on ncols. */
    if (!rs || rs->ops != &rs_mem_ops || m->nrows > 0 || !name)
        return -1;
    cols = realloc(rs->cols, (rs->ncols + 1) * sizeof *cols);
    if (!cols)
        return -1;
    rs->cols = cols;
    c = &cols[rs->ncols];
    memset(c, 0, sizeof *c);
    c->name = strdup(name);
    if (!c->name)
        return -1;
    c->kind = kind;
    c->sql_type = sql_type;
    c->nullable = nullable;
    rs->ncols++;
    return 0;
}

int rs_memsource_add_column(rs_rowsource *rs, const char *name, rs_vkind kind)
{
    return rs_memsource_add_column_typed(rs, name, kind, 0, 1);
}

int rs_memsource_set_column_size(rs_rowsource *rs, size_t i, unsigned long size)
{
    if (!rs || rs->ops != &rs_mem_ops || i >= rs->ncols)
        return -1;
    rs->cols[i].size = size;
    return 0;
}

/* A cell's text as the caller meant it: len counts bytes, but a caller that left len at 0
 * for a non-empty C string clearly meant the whole string. */
static int rs_mem_copy_cell(rs_cell *dst, const rs_cell *src)
{
    size_t len = src->len;
    char *t;

    dst->kind = src->kind;
    dst->text = NULL;
    dst->len = 0;
    if (src->kind == RS_V_ABSENT || src->kind == RS_V_NULL)
        return 0;
    if (!src->text)
        len = 0;
    else if (len == 0 && src->text[0] != '\0')
        len = strlen(src->text);
    t = malloc(len + 1);
    if (!t)
        return -1;
    if (len)
        memcpy(t, src->text, len);
    t[len] = '\0';
    dst->text = t;
    dst->len = len;
    return 0;
}

int rs_memsource_add_row(rs_rowsource *rs, const rs_cell *cells)
{
    rs_memsource *m = (rs_memsource *)rs;
    size_t nc, i;
    rs_cell *row;

    if (!rs || rs->ops != &rs_mem_ops || (rs->ncols > 0 && !cells))
        return -1;
    nc = rs->ncols;
    if (m->nrows == m->cap_rows) {
        size_t cap = m->cap_rows ? m->cap_rows * 2 : 16;
        rs_cell *n = realloc(m->cells, cap * (nc ? nc : 1) * sizeof *n);
        if (!n)
            return -1;
        m->cells = n;
        m->cap_rows = cap;
    }
    row = m->cells + m->nrows * nc;
    for (i = 0; i < nc; i++) {
        if (rs_mem_copy_cell(&row[i], &cells[i]) != 0) {
            while (i-- > 0)
                free((char *)row[i].text);
            return -1;
        }
    }
    m->nrows++;
    rs->total_rows = (long long)m->nrows;
    return 0;
}
