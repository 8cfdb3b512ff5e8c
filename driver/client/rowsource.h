/* SPDX-License-Identifier: Apache-2.0 */
/* The contract between the statement and whatever produces rows (a Rockset query, a catalog
 * function, a fixed table). The statement fetches pages of cells from a row source and never
 * sees HTTP or JSON. A page stays valid until the next call to next_page or close. */
#ifndef RS_ROWSOURCE_H
#define RS_ROWSOURCE_H

#include <stddef.h>
#include "driver/client/rs_error.h"

/* What a single JSON value in a result row is. */
typedef enum {
    RS_V_ABSENT = 0, /* the row object lacks the field (Rockset "undefined"): SQL NULL        */
    RS_V_NULL,       /* explicit JSON null                                                     */
    RS_V_BOOL,       /* text "true" / "false"                                                  */
    RS_V_INT,        /* JSON number without fraction or exponent; text as received            */
    RS_V_FLOAT,      /* any other JSON number; text as received                               */
    RS_V_STRING,     /* decoded UTF-8 (len counts bytes; may contain NUL)                      */
    RS_V_BYTES,      /* decoded raw bytes ({"__rockset_type":"BYTES"} or base64 wrappers)      */
    RS_V_DATE,       /* "YYYY-MM-DD"                                                           */
    RS_V_TIME,       /* "HH:MM:SS[.ffffff]"                                                    */
    RS_V_DATETIME,   /* "YYYY-MM-DDTHH:MM:SS[.ffffff]"                                         */
    RS_V_TIMESTAMP,  /* "YYYY-MM-DDTHH:MM:SS[.ffffff]Z" (a string the column metadata typed)  */
    RS_V_OBJECT,     /* compact JSON text of an object                                         */
    RS_V_ARRAY,      /* compact JSON text of an array                                          */
    RS_V_OTHER       /* intervals, geography, u256...: JSON text of the value                  */
} rs_vkind;

typedef struct rs_cell {
    rs_vkind kind;
    const char *text; /* NUL-terminated as well, for convenience; NULL for ABSENT/NULL */
    size_t len;
} rs_cell;

/* A result column. kind is the dominant kind of its values; mixed is set when non-null
 * values of different kinds were seen, in which case the column is character data.
 * rockset_type is the name the server gave ("int", "string", "" when it gave none). */
typedef struct rs_column {
    char *name;
    rs_vkind kind;
    int mixed;
    char rockset_type[24];
    char *base_table;  /* "coll" when known, else NULL */
    char *base_schema; /* "ws" when known, else NULL   */
    int sql_type;      /* 0: derive from kind; else the ODBC SQL type code a catalog result
                          set declares (e.g. SQL_SMALLINT), kept as int so this layer stays
                          free of ODBC headers */
    int nullable;      /* 1 nullable (default), 0 no nulls, 2 unknown */
    unsigned long size;/* with sql_type: the declared size of a character column, 0 = the
                          connection's cap for unbounded strings */
} rs_column;

/* The most result columns a row source offers: the statement counts and numbers columns with
 * 16-bit signed integers (SQLNumResultCols answers a SQLSMALLINT), so a wider result would
 * wrap around. A query answer with more columns is an error (RS_ERR_LIMIT). */
#define RS_ROWSOURCE_MAX_COLS 32767

typedef struct rs_page {
    size_t nrows;
    size_t ncols;
    const rs_cell *cells; /* nrows * ncols, row-major: cells[r * ncols + c] */
} rs_page;

typedef struct rs_rowsource rs_rowsource;

typedef struct rs_rowsource_ops {
    /* 1 with *page set, 0 at the end of the rows, -1 on error with err filled. */
    int (*next_page)(rs_rowsource *rs, const rs_page **page, rs_error *err);
    void (*close)(rs_rowsource *rs); /* frees rs itself */
    /* Adds a result column after the first page (a field of a `*` select that the first
     * page did not show); cols and ncols change. 0, or -1 out of memory. NULL: cannot. */
    int (*add_column)(rs_rowsource *rs, const char *name, const char *rockset_type);
    /* Random access, for static (scrollable) cursors. The page holding row `row` (0-based)
     * with *first set to the result position of its first row: 1, 0 when the result has no
     * such row, -1 on error with err filled. The page stays valid until the next call on
     * rs. A row source is read either by next_page or by page_at, never both. NULL: the
     * source cannot scroll. */
    int (*page_at)(rs_rowsource *rs, long long row, const rs_page **page, long long *first,
                   rs_error *err);
    /* Makes total_rows exact (it may be -1 after the first answer): 0, or -1 with err
     * filled. NULL: total_rows is always exact. */
    int (*count)(rs_rowsource *rs, rs_error *err);
    /* Puts the columns named in names[0..n-1] first, in that order (the others keep theirs,
     * after them), before the first next_page/page_at call; cols change. 0, or -1 out of
     * memory. NULL: the columns keep the answer's order. */
    int (*order_columns)(rs_rowsource *rs, const char *const *names, size_t n);
} rs_rowsource_ops;

struct rs_rowsource {
    const rs_rowsource_ops *ops;
    size_t ncols;
    rs_column *cols;        /* known before the first next_page call returns */
    long long total_rows;   /* results_total_doc_count, -1 when unknown      */
    long long rows_affected;/* -1 unless the statement changed rows          */
    char last_offset[96];   /* a write's offset for the commit fence ("": none) */
    char query_id[80];
    char **collections;     /* "ws.coll" the query read, as the server listed them */
    size_t ncollections;
    /* The last page's values whose key is no result column, and the first such key: they
     * were not returned, and the statement posts a warning that says so. */
    size_t page_dropped;
    char dropped_key[128];
};

/* An in-memory row source, for catalog functions and fixed answers: add columns, then rows. */
rs_rowsource *rs_memsource_new(void);
int rs_memsource_add_column(rs_rowsource *rs, const char *name, rs_vkind kind);
/* The same with the SQL type the result set declares (catalog functions) and nullability. */
int rs_memsource_add_column_typed(rs_rowsource *rs, const char *name, rs_vkind kind,
                                  int sql_type, int nullable);
/* Declares the size of column i (a catalog result's name columns are 128 characters). */
int rs_memsource_set_column_size(rs_rowsource *rs, size_t i, unsigned long size);
/* Appends one row of ncols cells; texts are copied. */
int rs_memsource_add_row(rs_rowsource *rs, const rs_cell *cells);

static inline int rs_rowsource_next(rs_rowsource *rs, const rs_page **p, rs_error *e)
{
    return rs->ops->next_page(rs, p, e);
}
static inline int rs_rowsource_can_scroll(const rs_rowsource *rs)
{
    return rs && rs->ops->page_at != NULL;
}
static inline int rs_rowsource_page_at(rs_rowsource *rs, long long row, const rs_page **p,
                                       long long *first, rs_error *e)
{
    return rs->ops->page_at(rs, row, p, first, e);
}
static inline int rs_rowsource_count(rs_rowsource *rs, rs_error *e)
{
    return rs->ops->count && rs->total_rows < 0 ? rs->ops->count(rs, e) : 0;
}
static inline void rs_rowsource_close(rs_rowsource *rs)
{
    if (rs)
        rs->ops->close(rs);
}

#endif
