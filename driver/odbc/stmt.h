/* SPDX-License-Identifier: Apache-2.0 */
/* The statement handle: attributes, the four descriptors, the prepared text (rewritten), the
 * open row source and the cursor position, and the data-at-execution state. */
#ifndef RS_STMT_H
#define RS_STMT_H

#include <stdatomic.h>
#include "driver/odbc/conn.h"
#include "driver/odbc/desc.h"
#include "driver/client/rowsource.h"
#include "driver/sql/sqlrewrite.h"

/* One parameter value of the set being executed, after conversion. */
typedef struct rs_pval {
    const char *type;
    char *value;
    int is_null;
} rs_pval;

/* Data-at-execution buffer of one parameter. */
typedef struct rs_dae {
    char *data;
    size_t len;
    int got;       /* SQLPutData was called at least once */
    int is_null;
} rs_dae;

typedef struct rs_stmt {
    rs_handle h;
    rs_conn *conn;
    struct rs_stmt *next;
    rs_desc ard_i, apd_i, ird, ipd; /* implicit descriptors */
    rs_desc *ard, *apd;             /* current (implicit or explicitly allocated) */
    /* attributes */
    SQLULEN max_rows, query_timeout, max_length;
    SQLUINTEGER metadata_id, noscan, retrieve_data, cursor_type, concurrency;
    SQLUINTEGER cursor_scrollable, cursor_sensitivity, use_bookmarks, async_enable;
    SQLULEN keyset_size, row_number;
    SQLULEN rowset_size;             /* SQL_ROWSET_SIZE: SQLExtendedFetch's rowset only */
    rs_desc_rec bm_meta;             /* column 0's metadata (stmt_meta.c), no owned strings */
    char cursor_name[64];
    /* prepared statement */
    char *sql;                      /* the application's text (UTF-8)  */
    rs_sql_rewrite rw;
    int prepared;                   /* rw is valid                      */
    int executed;                   /* executed since prepared          */
    int meta_valid;                 /* IRD describes the result         */
    /* result */
    rs_rowsource *rs;
    int cursor_open;
    int eof;                        /* the row source said no more rows */
    int dropped_warned;             /* this fetch loaded a page with values no column holds */
    const rs_page *page;
    size_t page_pos;                /* next row of page                 */
    long long rows_fetched;         /* rows returned so far (MAX_ROWS)  */
    const rs_cell *cur_row;         /* the row SQLGetData reads         */
    SQLSMALLINT gd_col;             /* column of the last SQLGetData    */
    size_t gd_offset;
    int gd_done;
    SQLLEN row_count;
    /* the rowset (both cursor types) and static cursors (stmt_scroll.c) */
    int scroll;                     /* a static cursor: rows are read by position        */
    long long sc_start;             /* first row of the rowset, 1-based; RS_SC_BEFORE,
                                       RS_SC_AFTER outside the result                    */
    SQLULEN sc_rows;                /* rows in the current rowset                        */
    SQLULEN sc_prev_size;           /* rowset size of the last fetch (NEXT goes past it) */
    SQLULEN sc_setpos;              /* row of the rowset SQLSetPos chose (1 after a fetch) */
    SQLPOINTER fetch_bm_ptr;        /* SQL_ATTR_FETCH_BOOKMARK_PTR                       */
    /* execution across parameter sets and data at execution */
    int need_data;                  /* between SQL_NEED_DATA and the end */
    SQLULEN exec_set;               /* parameter set being prepared      */
    SQLSMALLINT dae_param;          /* parameter SQLParamData returned (1-based), 0 none */
    rs_dae *dae;                    /* per parameter of the current set  */
    SQLSMALLINT ndae;
    SQLRETURN exec_rc;              /* accumulated over the sets         */
    SQLULEN sets_failed, used_sets;
    SQLLEN sets_rows;               /* rows changed, summed over the sets (-1: none) */
    SQLLEN pos_rows;                /* rows SQLSetPos/SQLBulkOperations changed (-1: none) */
    atomic_int executing;           /* a request is in flight (SQLCancel) */
    atomic_int cancel_requested;
    int metadata_only;              /* executing for SQLDescribeCol before SQLExecute */
    struct rs_fetch_plan *fetch_plan; /* bound columns' conversions (stmt_fetch.c)  */
    struct rs_conv_plan *gd_plans;  /* SQLGetData's conversion of each column    */
    SQLSMALLINT gd_nplans;
} rs_stmt;

SQLRETURN rs_stmt_alloc(rs_conn *c, SQLHANDLE *out);
SQLRETURN rs_stmt_free(rs_stmt *s);
SQLRETURN rs_stmt_free_stmt(rs_stmt *s, SQLUSMALLINT option);
SQLRETURN rs_stmt_set_attr(rs_stmt *s, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len);
SQLRETURN rs_stmt_get_attr(rs_stmt *s, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER buflen,
                           SQLINTEGER *len);
SQLRETURN rs_stmt_set_cursor_name(rs_stmt *s, const char *name);
void rs_stmt_close_cursor(rs_stmt *s);
/* Forgets the prepared statement (a catalog function replaces it). */
void rs_stmt_unprepare(rs_stmt *s);
SQLRETURN rs_stmt_cancel(rs_stmt *s);

/* stmt_exec.c */
SQLRETURN rs_stmt_prepare(rs_stmt *s, const char *sql, long len);
SQLRETURN rs_stmt_execute(rs_stmt *s);
SQLRETURN rs_stmt_exec_direct(rs_stmt *s, const char *sql, long len);
/* Makes the IRD describe the result before SQLExecute (runs the query once for metadata). */
SQLRETURN rs_stmt_ensure_meta(rs_stmt *s);
/* Opens a cursor over a row source produced by a catalog function (takes ownership). */
SQLRETURN rs_stmt_open_rowsource(rs_stmt *s, rs_rowsource *rs);
/* Types the columns of a query's result from its collections' fields, and adds the fields a
 * `*` select's first page did not show (stmt_schema.c). Call with the client lock held. */
void rs_stmt_learn_schema(rs_stmt *s, rs_rowsource *rs);
/* The top-level fields of collection "ws.coll" with their merged types, from the
 * connection's short-lived DESCRIBE cache; NULL when they cannot be had. Call with the
 * connection's client lock held (it may run a DESCRIBE). */
const rs_schema_slot *rs_stmt_schema_get(rs_stmt *s, const char *collection);
/* Runs fn (a request on the connection's client) with cancel bookkeeping and the client lock. */
int rs_stmt_begin_request(rs_stmt *s);
void rs_stmt_end_request(rs_stmt *s);
SQLRETURN rs_stmt_num_result_cols(rs_stmt *s, SQLSMALLINT *n);
SQLRETURN rs_stmt_describe_col(rs_stmt *s, SQLUSMALLINT col, const char **name,
                               SQLSMALLINT *type, SQLULEN *size, SQLSMALLINT *digits,
                               SQLSMALLINT *nullable);
SQLRETURN rs_stmt_col_attribute(rs_stmt *s, SQLUSMALLINT col, SQLUSMALLINT field,
                                const char **str, SQLLEN *num);
SQLRETURN rs_stmt_row_count(rs_stmt *s, SQLLEN *n);
SQLRETURN rs_stmt_more_results(rs_stmt *s);

/* stmt_dml.c: writes. Runs the write of parameter set `set` (INSERT ... VALUES, UPDATE,
 * DELETE, CREATE/DROP TABLE); adds the documents changed to sets_rows. */
SQLRETURN rs_stmt_dml_set(rs_stmt *s, SQLULEN set);
/* INSERT ... VALUES over sets first .. first+count-1 in as few requests as the service
 * allows: the sets not ignored go to sets[] (*nused of them), failed[] marks those with a
 * document refused or a value that did not convert (posted with their row number). */
SQLRETURN rs_stmt_insert_sets(rs_stmt *s, SQLULEN first, SQLULEN count, unsigned char *failed,
                              SQLULEN *nused, SQLULEN *sets);
/* Remembers the last offset a write to ws.coll answered, for the next query's commit fence.
 * Lock held. */
void rs_conn_remember_write(rs_conn *c, const char *ws, const char *coll, const char *offset);
/* Waits until the connection's writes are queryable (commit fence), bounded by the query
 * timeout. Lock held. 0, or -1 with err set. */
int rs_stmt_await_writes(rs_stmt *s, rs_error *err);

/* stmt_params.c */
SQLRETURN rs_stmt_bind_param(rs_stmt *s, SQLUSMALLINT n, SQLSMALLINT io, SQLSMALLINT ctype,
                             SQLSMALLINT sqltype, SQLULEN size, SQLSMALLINT digits,
                             SQLPOINTER ptr, SQLLEN buflen, SQLLEN *ind);
SQLRETURN rs_stmt_num_params(rs_stmt *s, SQLSMALLINT *n);
SQLRETURN rs_stmt_describe_param(rs_stmt *s, SQLUSMALLINT n, SQLSMALLINT *type, SQLULEN *size,
                                 SQLSMALLINT *digits, SQLSMALLINT *nullable);
SQLRETURN rs_stmt_param_data(rs_stmt *s, SQLPOINTER *token);
SQLRETURN rs_stmt_put_data(rs_stmt *s, SQLPOINTER data, SQLLEN len);
/* Parameter n (1-based) of set `set` is data at execution. */
int rs_stmt_param_is_dae(rs_stmt *s, SQLSMALLINT n, SQLULEN set);
/* Converts parameter n of set `set` (or its data-at-exec buffer); field_type is the Rockset
 * type of the field the marker is compared with (rs_stmt_param_field_types), NULL unknown. */
SQLRETURN rs_stmt_param_value(rs_stmt *s, SQLSMALLINT n, SQLULEN set, const char *field_type,
                              rs_pval *out);
/* Per marker, the Rockset type its context implies ("int", "string", a field's merged type;
 * "" unknown): a malloc'ed array of static strings (free() it), NULL when out of memory.
 * for_execute: only for markers whose bound SQL type lets the field decide what is sent.
 * Takes the client lock (it may DESCRIBE a collection): call without it. */
const char **rs_stmt_param_field_types(rs_stmt *s, int for_execute);
void rs_stmt_dae_reset(rs_stmt *s);
/* Marks parameter n's data-at-exec value complete; the token SQLParamData returns for it. */
void rs_stmt_dae_done(rs_stmt *s, SQLSMALLINT n);
SQLPOINTER rs_stmt_param_token(rs_stmt *s, SQLSMALLINT n, SQLULEN set);

/* Size of a fixed-length C type's buffer, 0 for character/binary types. */
SQLLEN rs_c_type_size(SQLSMALLINT ctype);
/* Address of element `row` of a bound buffer (column- or row-wise, with bind offset). */
char *rs_bound_addr(const rs_desc *d, void *base, SQLLEN elem_size, SQLULEN row);

/* stmt_fetch.c */
SQLRETURN rs_stmt_bind_col(rs_stmt *s, SQLUSMALLINT col, SQLSMALLINT ctype, SQLPOINTER ptr,
                           SQLLEN buflen, SQLLEN *ind);
SQLRETURN rs_stmt_fetch(rs_stmt *s, SQLSMALLINT orientation, SQLLEN offset);
SQLRETURN rs_stmt_get_data(rs_stmt *s, SQLUSMALLINT col, SQLSMALLINT ctype, SQLPOINTER ptr,
                           SQLLEN buflen, SQLLEN *ind);
SQLRETURN rs_stmt_close_cursor_checked(rs_stmt *s);

/* stmt_scroll.c */
#define RS_SC_BEFORE 0LL
#define RS_SC_AFTER (-1LL)
/* SQLFetchScroll of a static cursor (every orientation); bookmark: the row a
 * SQL_FETCH_BOOKMARK starts from (SQLExtendedFetch passes it), 0 = from
 * SQL_ATTR_FETCH_BOOKMARK_PTR. */
SQLRETURN rs_stmt_scroll_fetch(rs_stmt *s, SQLSMALLINT orientation, SQLLEN offset,
                               long long bookmark);
/* The row SQLGetData reads: the rowset's row SQLSetPos chose. SQL_SUCCESS with *row set, or
 * the error posted. */
SQLRETURN rs_stmt_current_row(rs_stmt *s, const rs_cell **row, size_t *ncols,
                               long long *rowno);
/* SQLSetPos: SQL_POSITION and SQL_REFRESH here, SQL_UPDATE, SQL_DELETE, SQL_ADD in
 * stmt_setpos.c. */
SQLRETURN rs_stmt_set_pos(rs_stmt *s, SQLSETPOSIROW row, SQLUSMALLINT op, SQLUSMALLINT lock);
/* Row n (1-based) of a static cursor's result: 1 with *row set, 0 no such row, -1 posted. */
int rs_stmt_row_at(rs_stmt *s, long long n, const rs_cell **row, size_t *ncols);

/* stmt_setpos.c: writes through the cursor, to the result's one collection, by _id. */
/* SQLSetPos SQL_UPDATE, SQL_DELETE, SQL_ADD of rowset row `row` (0: every row). */
SQLRETURN rs_stmt_set_pos_write(rs_stmt *s, SQLSETPOSIROW row, SQLUSMALLINT op);
/* SQLBulkOperations. */
SQLRETURN rs_stmt_bulk_operations(rs_stmt *s, SQLUSMALLINT op);

/* SQLExtendedFetch: SQLFetchScroll with the ODBC 2 arguments. */
SQLRETURN rs_stmt_extended_fetch(rs_stmt *s, SQLUSMALLINT orientation, SQLLEN offset,
                                 SQLULEN *rows, SQLUSMALLINT *status);
/* Writes a bookmark (the 1-based row number) into a column-0 buffer. */
SQLRETURN rs_stmt_put_bookmark(rs_stmt *s, long long rowno, SQLSMALLINT ctype, void *target,
                               SQLLEN buflen, SQLLEN *ind, SQLLEN rowno_diag);
/* SQLRowCount of a static cursor: the exact count (may ask the server). */
SQLRETURN rs_stmt_scroll_count(rs_stmt *s, long long *n);
/* SQL_DIAG_CURSOR_ROW_COUNT of the open cursor: exact for a static cursor; -1 when unknown. */
SQLLEN rs_stmt_cursor_row_count(rs_stmt *s);

/* stmt_fetch.c: the bound columns' conversion plan, remade when the ARD or the result changed
 * since the last call; NULL when it cannot be allocated (the general path is used).
 * rs_stmt_fetch_plan_free also frees SQLGetData's per-column plans. */
typedef struct rs_fetch_plan rs_fetch_plan;
const rs_fetch_plan *rs_stmt_fetch_plan(rs_stmt *s);
void rs_stmt_fetch_plan_free(rs_stmt *s);

/* stmt_fetch.c, shared with stmt_scroll.c: fills rowset row i from row (rowno: its 1-based
 * result position, for the bookmark column). */
SQLRETURN rs_stmt_fill_row(rs_stmt *s, const rs_cell *row, size_t ncols, SQLULEN i,
                           long long rowno);

/* getfunctions.c */
SQLRETURN rs_get_functions(SQLUSMALLINT id, SQLUSMALLINT *supported);

#endif
