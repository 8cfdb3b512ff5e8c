/* SPDX-License-Identifier: Apache-2.0 */
/* Result metadata: SQLNumResultCols, SQLDescribeCol, SQLColAttribute, SQLRowCount,
 * SQLMoreResults. All read the IRD. */
#include "driver/odbc/stmt.h"

#include <string.h>

SQLRETURN rs_stmt_num_result_cols(rs_stmt *s, SQLSMALLINT *n)
{
    SQLRETURN rc = rs_stmt_ensure_meta(s);

    if (rc == SQL_ERROR)
        return rc;
    if (n)
        *n = s->ird.count;
    return rc;
}

/* Column 0 with bookmarks on: "SQLDescribeCol ... returns SQL_INTEGER for fixed-length
 * bookmarks and SQL_BINARY for variable-length bookmarks" (ODBC, "Retrieving Bookmarks"): a
 * 32-bit unsigned row number, or the 8-byte one of SQL_C_VARBOOKMARK (stmt_scroll.c). */
static void bookmark_rec(const rs_stmt *s, rs_desc_rec *r)
{
    memset(r, 0, sizeof *r);
    rs_desc_set_concise(r, s->use_bookmarks == SQL_UB_VARIABLE ? SQL_BINARY : SQL_INTEGER);
    r->length = s->use_bookmarks == SQL_UB_VARIABLE ? 8 : 10;
    r->octet_length = s->use_bookmarks == SQL_UB_VARIABLE ? 8 : 4;
    r->display_size = s->use_bookmarks == SQL_UB_VARIABLE ? 16 : 10;
    r->precision = s->use_bookmarks == SQL_UB_VARIABLE ? 0 : 10;
    r->num_prec_radix = s->use_bookmarks == SQL_UB_VARIABLE ? 0 : 10;
    r->is_unsigned = SQL_TRUE;
    r->nullable = SQL_NO_NULLS;
    r->unnamed = SQL_UNNAMED;
    r->searchable = SQL_PRED_NONE;
    r->updatable = SQL_ATTR_READONLY;
}

static SQLRETURN col_rec(rs_stmt *s, SQLUSMALLINT col, rs_desc_rec **r)
{
    SQLRETURN rc = rs_stmt_ensure_meta(s);

    if (rc == SQL_ERROR)
        return rc;
    if (col == 0 && s->use_bookmarks != SQL_UB_OFF) {
        bookmark_rec(s, &s->bm_meta);
        *r = &s->bm_meta;
        return rc;
    }
    if (col == 0)
        return rs_diag_post(&s->h.diag, "07009", 0,
                            "column 0 is the bookmark column: SQL_ATTR_USE_BOOKMARKS is off");
    if (col > (SQLUSMALLINT)s->ird.count)
        return rs_diag_post(&s->h.diag, "07009", 0, "column %u does not exist (%d columns)",
                            col, s->ird.count);
    *r = &s->ird.recs[col];
    return rc;
}

SQLRETURN rs_stmt_describe_col(rs_stmt *s, SQLUSMALLINT col, const char **name,
                               SQLSMALLINT *type, SQLULEN *size, SQLSMALLINT *digits,
                               SQLSMALLINT *nullable)
{
    rs_desc_rec *r = NULL;
    SQLRETURN rc = col_rec(s, col, &r);

    if (rc == SQL_ERROR)
        return rc;
    *name = r->name ? r->name : "";
    if (type)
        *type = rs_desc_visible_type(s->h.diag.odbc2, r->concise_type);
    if (size)
        *size = r->length;
    if (digits)
        *digits = r->scale;
    if (nullable)
        *nullable = r->nullable;
    return rc;
}

SQLRETURN rs_stmt_col_attribute(rs_stmt *s, SQLUSMALLINT col, SQLUSMALLINT field,
                                const char **str, SQLLEN *num)
{
    rs_desc_rec *r = NULL;
    SQLRETURN rc;
    int odbc2 = s->h.diag.odbc2;

    *str = NULL;
    *num = 0;
    if (field == SQL_DESC_COUNT || field == SQL_COLUMN_COUNT) {
        rc = rs_stmt_ensure_meta(s);
        *num = s->ird.count;
        return rc;
    }
    rc = col_rec(s, col, &r);
    if (rc == SQL_ERROR)
        return rc;
    switch (field) {
    case SQL_DESC_AUTO_UNIQUE_VALUE: *num = r->auto_unique_value; break;
    case SQL_DESC_BASE_COLUMN_NAME: *str = r->base_column_name; break;
    case SQL_DESC_BASE_TABLE_NAME: *str = r->base_table_name; break;
    case SQL_DESC_CASE_SENSITIVE: *num = r->case_sensitive; break;
    case SQL_DESC_CATALOG_NAME: *str = r->catalog_name; break;
    case SQL_DESC_CONCISE_TYPE: *num = rs_desc_visible_type(odbc2, r->concise_type); break;
    case SQL_DESC_DISPLAY_SIZE: *num = r->display_size; break;
    case SQL_DESC_FIXED_PREC_SCALE: *num = r->fixed_prec_scale; break;
    case SQL_DESC_LABEL: *str = r->label; break;
    case SQL_DESC_LENGTH: *num = (SQLLEN)r->length; break;
    case SQL_COLUMN_LENGTH: /* ODBC 2: transfer octet length */
    case SQL_DESC_OCTET_LENGTH: *num = r->octet_length; break;
    case SQL_DESC_LITERAL_PREFIX: *str = r->literal_prefix; break;
    case SQL_DESC_LITERAL_SUFFIX: *str = r->literal_suffix; break;
    case SQL_DESC_LOCAL_TYPE_NAME: *str = r->local_type_name; break;
    case SQL_DESC_NAME: case SQL_COLUMN_NAME: *str = r->name; break;
    case SQL_DESC_NULLABLE: case SQL_COLUMN_NULLABLE: *num = r->nullable; break;
    case SQL_DESC_NUM_PREC_RADIX: *num = r->num_prec_radix; break;
    case SQL_DESC_PRECISION: *num = r->precision; break;
    case SQL_COLUMN_PRECISION: /* ODBC 2: the column size */
        *num = (SQLLEN)r->length;
        break;
    case SQL_DESC_SCALE: case SQL_COLUMN_SCALE: *num = r->scale; break;
    case SQL_DESC_SCHEMA_NAME: *str = r->schema_name; break;
    case SQL_DESC_SEARCHABLE: *num = r->searchable; break;
    case SQL_DESC_TABLE_NAME: *str = r->table_name; break;
    case SQL_DESC_TYPE: *num = rs_desc_visible_type(odbc2, r->type); break;
    case SQL_DESC_TYPE_NAME: *str = r->type_name; break;
    case SQL_DESC_UNNAMED: *num = r->unnamed; break;
    case SQL_DESC_UNSIGNED: *num = r->is_unsigned; break;
    case SQL_DESC_UPDATABLE: *num = r->updatable; break;
    default:
        return rs_diag_post(&s->h.diag, "HY091", 0, "invalid column attribute %u", field);
    }
    if (!*str && (field == SQL_DESC_BASE_COLUMN_NAME || field == SQL_DESC_BASE_TABLE_NAME ||
                  field == SQL_DESC_CATALOG_NAME || field == SQL_DESC_LABEL ||
                  field == SQL_DESC_LITERAL_PREFIX || field == SQL_DESC_LITERAL_SUFFIX ||
                  field == SQL_DESC_LOCAL_TYPE_NAME || field == SQL_DESC_NAME ||
                  field == SQL_COLUMN_NAME || field == SQL_DESC_SCHEMA_NAME ||
                  field == SQL_DESC_TABLE_NAME || field == SQL_DESC_TYPE_NAME))
        *str = "";
    return rc;
}

SQLRETURN rs_stmt_row_count(rs_stmt *s, SQLLEN *n)
{
    if (!s->executed && !s->cursor_open)
        return rs_diag_post(&s->h.diag, "HY010", 0, "the statement was not executed");
    if (n && s->cursor_open && s->pos_rows >= 0) {
        /* "SQLRowCount returns the number of rows affected by an UPDATE, INSERT, or DELETE
         * statement; an SQL_ADD, SQL_UPDATE_BY_BOOKMARK, or SQL_DELETE_BY_BOOKMARK operation
         * in SQLBulkOperations; or an SQL_UPDATE or SQL_DELETE operation in SQLSetPos" */
        *n = s->pos_rows;
        return SQL_SUCCESS;
    }
    if (n && s->scroll && s->cursor_open && s->rs && s->rs->rows_affected < 0) {
        /* a static cursor knows its exact size (ODBC: "for ... static cursors, the row
         * count is available"): counted on the server when the first answer lacked it */
        long long total = 0;
        SQLRETURN rc = rs_stmt_scroll_count(s, &total);
        if (rc != SQL_SUCCESS)
            return rc;
        *n = (SQLLEN)total;
        return SQL_SUCCESS;
    }
    if (n) {
        SQLLEN v = s->row_count;
        if (v >= 0 && s->max_rows > 0 && (SQLULEN)v > s->max_rows)
            v = (SQLLEN)s->max_rows;
        *n = v;
    }
    return SQL_SUCCESS;
}

SQLRETURN rs_stmt_more_results(rs_stmt *s)
{
    if (s->need_data)
        return rs_diag_post(&s->h.diag, "HY010", 0, "data at execution is in progress");
    /* one statement, one result set: the parameter sets' results are not batched */
    rs_stmt_close_cursor(s);
    return SQL_NO_DATA;
}
