/* SPDX-License-Identifier: Apache-2.0 */
/* Catalog functions as row sources: workspaces are schemas, collections TABLEs, Query Lambdas
 * procedures. Each returns exactly the result-set columns the ODBC specification defines.
 * Arguments are UTF-8, NUL-terminated, NULL when the application passed a null pointer.
 * With metadata_id set, arguments are identifiers (case-insensitive unless quoted), not
 * patterns. The search pattern escape is '\'. */
#ifndef RS_CATALOG_H
#define RS_CATALOG_H

#include <sql.h>
#include "driver/client/rowsource.h"
#include "driver/client/rs_client.h"

typedef struct rs_catalog_ctx {
    rs_client *client;
    const char *default_workspace; /* Workspace keyword                          */
    const char *lambda_tag;        /* LambdaTag keyword, "latest" by default     */
    int metadata_id;               /* SQL_ATTR_METADATA_ID                       */
    int wide;                      /* report SQL_WVARCHAR for character columns  */
    SQLULEN max_varchar;           /* advertised size of unbounded strings       */
    int odbc_version;              /* SQL_OV_ODBC2: report the ODBC 2 date/time type
                                      codes (9, 10, 11); 0 or ODBC 3.x: the 3.x ones */
} rs_catalog_ctx;

int rs_catalog_tables(const rs_catalog_ctx *cx, const char *catalog, const char *schema,
                      const char *table, const char *table_types, rs_rowsource **out,
                      rs_error *err);
int rs_catalog_columns(const rs_catalog_ctx *cx, const char *catalog, const char *schema,
                       const char *table, const char *column, rs_rowsource **out, rs_error *err);
int rs_catalog_primary_keys(const rs_catalog_ctx *cx, const char *catalog, const char *schema,
                            const char *table, rs_rowsource **out, rs_error *err);
int rs_catalog_statistics(const rs_catalog_ctx *cx, const char *catalog, const char *schema,
                          const char *table, SQLUSMALLINT unique, SQLUSMALLINT reserved,
                          rs_rowsource **out, rs_error *err);
int rs_catalog_special_columns(const rs_catalog_ctx *cx, SQLUSMALLINT id_type,
                               const char *catalog, const char *schema, const char *table,
                               SQLUSMALLINT scope, SQLUSMALLINT nullable, rs_rowsource **out,
                               rs_error *err);
int rs_catalog_foreign_keys(const rs_catalog_ctx *cx, const char *pk_catalog,
                            const char *pk_schema, const char *pk_table, const char *fk_catalog,
                            const char *fk_schema, const char *fk_table, rs_rowsource **out,
                            rs_error *err);
int rs_catalog_table_privileges(const rs_catalog_ctx *cx, const char *catalog,
                                const char *schema, const char *table, rs_rowsource **out,
                                rs_error *err);
int rs_catalog_column_privileges(const rs_catalog_ctx *cx, const char *catalog,
                                 const char *schema, const char *table, const char *column,
                                 rs_rowsource **out, rs_error *err);
int rs_catalog_procedures(const rs_catalog_ctx *cx, const char *catalog, const char *schema,
                          const char *proc, rs_rowsource **out, rs_error *err);
int rs_catalog_procedure_columns(const rs_catalog_ctx *cx, const char *catalog,
                                 const char *schema, const char *proc, const char *column,
                                 rs_rowsource **out, rs_error *err);
int rs_catalog_type_info(const rs_catalog_ctx *cx, SQLSMALLINT data_type, rs_rowsource **out,
                         rs_error *err);

/* Declared parameters of a lambda (for CALL): names in order, Rockset types and defaults.
 * version_or_tag NULL = cx->lambda_tag. Arrays are malloc'ed; free with
 * rs_catalog_lambda_params_free. */
typedef struct rs_lambda_param {
    char *name;
    char *type;          /* Rockset type string                 */
    char *default_value; /* NULL when the lambda has no default */
} rs_lambda_param;
int rs_catalog_lambda_params(const rs_catalog_ctx *cx, const char *ws, const char *lambda,
                             const char *version_or_tag, rs_lambda_param **params,
                             size_t *count, rs_error *err);
void rs_catalog_lambda_params_free(rs_lambda_param *params, size_t count);

/* A collection's top-level field and its type by the one rule of rs_types_merge ("" when only
 * null/undefined were seen). */
typedef struct rs_cat_field {
    char *name;
    char *type;
} rs_cat_field;
/* The top-level fields of ws.coll (DESCRIBE ... OPTION(max_field_depth=1), _id always), sorted
 * as SQLColumns lists them. 0 (a collection that no longer exists has none), -1 with err.
 * Free with rs_cat_fields_free. */
int rs_catalog_field_types(const rs_catalog_ctx *cx, const char *ws, const char *coll,
                           rs_cat_field **fields, size_t *n, rs_error *err);
void rs_cat_fields_free(rs_cat_field *fields, size_t n);

#endif
