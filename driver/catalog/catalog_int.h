/* SPDX-License-Identifier: Apache-2.0 */
/* Internals shared by the catalog modules (catalog*.c): result-set builders over the
 * in-memory row source, the control-plane listings, and the JSON-to-rows steps kept apart
 * from the HTTP calls so the unit tests can feed them canned answers. */
#ifndef RS_CATALOG_INT_H
#define RS_CATALOG_INT_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "driver/catalog/catalog.h"
#include "driver/catalog/pattern.h"
#include "driver/convert/types.h"

/* The value kind of a result-set column, as the specification declares it. */
typedef enum { RS_CT_STR, RS_CT_SHORT, RS_CT_INT } rs_cat_ctype;

typedef struct rs_cat_col {
    const char *name;
    rs_cat_ctype type;
    int nullable; /* 0 for the columns the spec marks NOT NULL */
} rs_cat_col;

#define RS_CAT_MAXCOLS 20

typedef struct rs_cat_row {
    size_t n;
    rs_cell cells[RS_CAT_MAXCOLS];
    char num[RS_CAT_MAXCOLS][24];
} rs_cat_row;

/* An empty result set with the given columns (VARCHAR or WVARCHAR per cx->wide). */
rs_rowsource *rs_cat_source(const rs_catalog_ctx *cx, const rs_cat_col *cols, size_t n,
                            rs_error *err);
void rs_cat_row_init(rs_cat_row *r, size_t n);
/* Cell texts are borrowed until rs_cat_row_add, which copies them. NULL s = SQL NULL. */
void rs_cat_row_str(rs_cat_row *r, size_t i, const char *s);
void rs_cat_row_int(rs_cat_row *r, size_t i, long long v);
int rs_cat_row_add(rs_rowsource *rs, rs_cat_row *r, rs_error *err);
void rs_cat_nomem(rs_error *err);

/* HYC00 for a catalog argument naming a catalog: Rockset has none (see docs/catalog.md). */
int rs_cat_check_catalog(const rs_catalog_ctx *cx, const char *catalog, rs_error *err);

/* GET a listing at path; 0 with *root (caller frees) and *data (its "data" member, or the
 * root itself when unwrapped), 1 when the server answered 404 (the object does not exist),
 * -1 on error, also when the listing is no array of objects: read as an empty catalog, a
 * malformed answer would hide every table without a word. */
int rs_cat_get(const rs_catalog_ctx *cx, const char *path, cJSON **root, const cJSON **data,
               rs_error *err);
/* A 404 naming a missing object (workspace, collection, lambda, tag), not a missing
 * endpoint: a server without the endpoint must fail loudly, not look empty. */
int rs_cat_is_missing(const rs_error *e);
/* "/v1/orgs/self/ws/<ws>" + suffix with the workspace percent-encoded; malloc'ed. */
char *rs_cat_ws_path(const char *ws, const char *suffix);

/* A collection (table) or a Query Lambda (procedure). */
typedef struct rs_cat_obj {
    char *ws;
    char *name;
    char *remarks;       /* description or NULL */
    long long doc_count; /* collections: stats.doc_count, -1 when unknown */
} rs_cat_obj;

/* Builds the filtered, sorted (ws, name) list from a JSON array of collections or lambdas.
 * lambdas selects where the description lives (latest_version.description); default_ws
 * stands for an item without a "workspace" member (per-workspace listings). 0 or -1 (OOM). */
int rs_cat_objs_from_json(const cJSON *arr, const char *default_ws,
                          const rs_name_filter *schema, const rs_name_filter *name, int lambdas,
                          rs_cat_obj **out, size_t *n);
void rs_cat_objs_free(rs_cat_obj *o, size_t n);
/* Lists collections (lambdas = 0) or Query Lambdas (lambdas = 1) matching the filters,
 * asking one workspace when the schema filter names one. */
int rs_cat_list(const rs_catalog_ctx *cx, const rs_name_filter *schema,
                const rs_name_filter *name, int lambdas, rs_cat_obj **out, size_t *n,
                rs_error *err);
/* Sorted workspace names matching the filter, from a JSON array of workspaces. */
int rs_cat_ws_from_json(const cJSON *arr, const rs_name_filter *schema, char ***out,
                        size_t *n);
void rs_cat_strv_free(char **v, size_t n);

/* The filters for (schema, name[, column]) arguments; -1 with err set on OOM. */
int rs_cat_filters(const rs_catalog_ctx *cx, rs_name_filter *f, const char *const *args,
                   size_t n, int is_pattern, rs_error *err);
void rs_cat_filters_free(rs_name_filter *f, size_t n);

/* SQLColumns rows of one collection from DESCRIBE rows (field, type, occurrences):
 * used by rs_catalog_columns and by the unit tests with canned rows. */
/* field is the DESCRIBE path as JSON array text (is_array) or a plain name. */
int rs_cat_fields_add(rs_cat_field **fields, size_t *n, const char *field, int is_array,
                      const char *type);
void rs_cat_fields_sort(rs_cat_field *fields, size_t n);
void rs_cat_fields_free(rs_cat_field *fields, size_t n);
int rs_cat_columns_rows(const rs_catalog_ctx *cx, rs_rowsource *rs, const char *ws,
                        const char *table, const rs_cat_field *fields, size_t n,
                        const rs_name_filter *column, rs_error *err);
extern const rs_cat_col rs_cat_columns_cols[18];
/* The type-describing cells shared by SQLColumns and SQLProcedureColumns, whose layouts
 * agree from DATA_TYPE on: base = index of DATA_TYPE. */
void rs_cat_type_cells(const rs_catalog_ctx *cx, rs_cat_row *r, size_t base,
                       const rs_type_info *ti);
/* The DATA_TYPE an application of cx->odbc_version expects: ODBC 2 applications know the
 * date/time types by their old codes (SQL_DATE 9, SQL_TIME 10, SQL_TIMESTAMP 11). */
SQLSMALLINT rs_cat_data_type(const rs_catalog_ctx *cx, SQLSMALLINT sql_type);

/* Lambda parameters from a tag or version answer (wrapped or not). 0, or -1 (bad shape). */
int rs_cat_params_from_json(const cJSON *answer, rs_lambda_param **params, size_t *count);
/* COLUMN_DEF text for a default value of a Rockset type (malloc'ed). */
char *rs_cat_param_default_literal(const char *type, const char *value);

#endif
