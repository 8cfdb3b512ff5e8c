/* SPDX-License-Identifier: Apache-2.0 */
/* The key-shaped catalog functions: every collection has one unique key, _id, and nothing
 * else (no foreign keys, no grants visible through the API), plus SQLGetTypeInfo. */
#include "driver/catalog/catalog_int.h"

#include <stdlib.h>
#include <string.h>

#define RS_PK_NAME "PRIMARY"

/* The collections an ordinary (non-pattern) schema/table pair names; the schema may be
 * omitted (NULL or ""), the table not. */
static int rs_named_tables(const rs_catalog_ctx *cx, const char *catalog, const char *schema,
                           const char *table, rs_cat_obj **objs, size_t *n, rs_error *err)
{
    const char *args[2] = {schema, table};
    rs_name_filter f[2];
    int rc;

    *objs = NULL;
    *n = 0;
    if (rs_cat_check_catalog(cx, catalog, err) != 0)
        return -1;
    if (!table || !*table)
        return 0; /* no table named, none found (HY009 for NULL is the ODBC layer's) */
    if (rs_cat_filters(cx, f, args, 2, 0, err) != 0)
        return -1;
    rc = rs_cat_list(cx, &f[0], &f[1], 0, objs, n, err);
    rs_cat_filters_free(f, 2);
    return rc;
}

/* Opens the result set and lists the tables; on failure nothing is left open. */
static rs_rowsource *rs_keyed_open(const rs_catalog_ctx *cx, const rs_cat_col *cols, size_t nc,
                                   const char *catalog, const char *schema, const char *table,
                                   rs_cat_obj **objs, size_t *n, rs_error *err)
{
    rs_rowsource *rs;

    if (rs_named_tables(cx, catalog, schema, table, objs, n, err) != 0)
        return NULL;
    rs = rs_cat_source(cx, cols, nc, err);
    if (!rs) {
        rs_cat_objs_free(*objs, *n);
        *objs = NULL;
        *n = 0;
    }
    return rs;
}

static int rs_keyed_done(rs_rowsource *rs, int rc, rs_cat_obj *objs, size_t n,
                         rs_rowsource **out)
{
    rs_cat_objs_free(objs, n);
    if (rc != 0) {
        rs_rowsource_close(rs);
        return -1;
    }
    *out = rs;
    return 0;
}

static const rs_cat_col rs_pk_cols[] = {
    {"TABLE_CAT", RS_CT_STR, 1},   {"TABLE_SCHEM", RS_CT_STR, 1}, {"TABLE_NAME", RS_CT_STR, 0},
    {"COLUMN_NAME", RS_CT_STR, 0}, {"KEY_SEQ", RS_CT_SHORT, 0},   {"PK_NAME", RS_CT_STR, 1},
};

int rs_catalog_primary_keys(const rs_catalog_ctx *cx, const char *catalog, const char *schema,
                            const char *table, rs_rowsource **out, rs_error *err)
{
    rs_cat_obj *objs;
    size_t n;
    rs_rowsource *rs = rs_keyed_open(cx, rs_pk_cols, 6, catalog, schema, table, &objs, &n, err);
    int rc = 0;

    *out = NULL;
    if (!rs)
        return -1;
    for (size_t i = 0; i < n && rc == 0; i++) {
        rs_cat_row r;

        rs_cat_row_init(&r, 6);
        rs_cat_row_str(&r, 1, objs[i].ws);
        rs_cat_row_str(&r, 2, objs[i].name);
        rs_cat_row_str(&r, 3, "_id");
        rs_cat_row_int(&r, 4, 1);
        rs_cat_row_str(&r, 5, RS_PK_NAME);
        rc = rs_cat_row_add(rs, &r, err);
    }
    return rs_keyed_done(rs, rc, objs, n, out);
}

static const rs_cat_col rs_stat_cols[] = {
    {"TABLE_CAT", RS_CT_STR, 1},        {"TABLE_SCHEM", RS_CT_STR, 1},
    {"TABLE_NAME", RS_CT_STR, 0},       {"NON_UNIQUE", RS_CT_SHORT, 1},
    {"INDEX_QUALIFIER", RS_CT_STR, 1},  {"INDEX_NAME", RS_CT_STR, 1},
    {"TYPE", RS_CT_SHORT, 0},           {"ORDINAL_POSITION", RS_CT_SHORT, 1},
    {"COLUMN_NAME", RS_CT_STR, 1},      {"ASC_OR_DESC", RS_CT_STR, 1},
    {"CARDINALITY", RS_CT_INT, 1},      {"PAGES", RS_CT_INT, 1},
    {"FILTER_CONDITION", RS_CT_STR, 1},
};

/* The SQL_TABLE_STAT row, then the unique _id index (NON_UNIQUE, TYPE order). */
static int rs_stat_rows(rs_rowsource *rs, const rs_cat_obj *t, rs_error *err)
{
    rs_cat_row r;

    rs_cat_row_init(&r, 13);
    rs_cat_row_str(&r, 1, t->ws);
    rs_cat_row_str(&r, 2, t->name);
    rs_cat_row_int(&r, 6, SQL_TABLE_STAT);
    if (t->doc_count >= 0)
        rs_cat_row_int(&r, 10, t->doc_count);
    if (rs_cat_row_add(rs, &r, err) != 0)
        return -1;
    rs_cat_row_init(&r, 13);
    rs_cat_row_str(&r, 1, t->ws);
    rs_cat_row_str(&r, 2, t->name);
    rs_cat_row_int(&r, 3, SQL_FALSE);
    rs_cat_row_str(&r, 5, RS_PK_NAME);
    rs_cat_row_int(&r, 6, SQL_INDEX_OTHER);
    rs_cat_row_int(&r, 7, 1);
    rs_cat_row_str(&r, 8, "_id");
    if (t->doc_count >= 0)
        rs_cat_row_int(&r, 10, t->doc_count);
    return rs_cat_row_add(rs, &r, err);
}

int rs_catalog_statistics(const rs_catalog_ctx *cx, const char *catalog, const char *schema,
                          const char *table, SQLUSMALLINT unique, SQLUSMALLINT reserved,
                          rs_rowsource **out, rs_error *err)
{
    rs_cat_obj *objs;
    size_t n;
    rs_rowsource *rs;
    int rc = 0;

    *out = NULL;
    /* Both SQL_INDEX_UNIQUE and SQL_INDEX_ALL include _id, the only index we report; the
     * cardinality comes with the listing, so SQL_QUICK and SQL_ENSURE agree. */
    rs = rs_keyed_open(cx, rs_stat_cols, 13, catalog, schema, table, &objs, &n, err);
    if (!rs)
        return -1;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = rs_stat_rows(rs, &objs[i], err);
    return rs_keyed_done(rs, rc, objs, n, out);
}

static const rs_cat_col rs_special_cols[] = {
    {"SCOPE", RS_CT_SHORT, 1},         {"COLUMN_NAME", RS_CT_STR, 0},
    {"DATA_TYPE", RS_CT_SHORT, 0},     {"TYPE_NAME", RS_CT_STR, 0},
    {"COLUMN_SIZE", RS_CT_INT, 1},     {"BUFFER_LENGTH", RS_CT_INT, 1},
    {"DECIMAL_DIGITS", RS_CT_SHORT, 1}, {"PSEUDO_COLUMN", RS_CT_SHORT, 1},
};

int rs_catalog_special_columns(const rs_catalog_ctx *cx, SQLUSMALLINT id_type,
                               const char *catalog, const char *schema, const char *table,
                               SQLUSMALLINT scope, SQLUSMALLINT nullable, rs_rowsource **out,
                               rs_error *err)
{
    rs_cat_obj *objs = NULL;
    size_t n = 0;
    rs_rowsource *rs;
    rs_type_info ti;
    int rc = 0;

    *out = NULL;
    if (id_type != SQL_BEST_ROWID && id_type != SQL_ROWVER) {
        rs_error_set(err, RS_ERR_CONFIG, "invalid identifier type %u", (unsigned)id_type);
        return -1;
    }
    /* No column changes on every update: SQL_ROWVER is empty, but the table is still
     * looked up so a bad catalog argument is reported the same way. */
    rs = rs_keyed_open(cx, rs_special_cols, 8, catalog, schema, table, &objs, &n, err);
    if (!rs)
        return -1;
    /* _id never changes and is never NULL: it satisfies every scope and nullable filter. */
    rs_types_for_kind(RS_V_STRING, cx->wide, cx->max_varchar, &ti);
    /* One row even when the name exists in several workspaces (schema omitted). */
    if (id_type == SQL_BEST_ROWID && n > 0) {
        rs_cat_row r;

        rs_cat_row_init(&r, 8);
        rs_cat_row_int(&r, 0, SQL_SCOPE_SESSION);
        rs_cat_row_str(&r, 1, "_id");
        rs_cat_row_int(&r, 2, ti.sql_type);
        rs_cat_row_str(&r, 3, ti.type_name);
        rs_cat_row_int(&r, 4, (long long)ti.column_size);
        rs_cat_row_int(&r, 5, (long long)ti.octet_length);
        rs_cat_row_int(&r, 7, SQL_PC_NOT_PSEUDO);
        rc = rs_cat_row_add(rs, &r, err);
    }
    return rs_keyed_done(rs, rc, objs, n, out);
}

static const rs_cat_col rs_fk_cols[] = {
    {"PKTABLE_CAT", RS_CT_STR, 1},   {"PKTABLE_SCHEM", RS_CT_STR, 1},
    {"PKTABLE_NAME", RS_CT_STR, 0},  {"PKCOLUMN_NAME", RS_CT_STR, 0},
    {"FKTABLE_CAT", RS_CT_STR, 1},   {"FKTABLE_SCHEM", RS_CT_STR, 1},
    {"FKTABLE_NAME", RS_CT_STR, 0},  {"FKCOLUMN_NAME", RS_CT_STR, 0},
    {"KEY_SEQ", RS_CT_SHORT, 0},     {"UPDATE_RULE", RS_CT_SHORT, 1},
    {"DELETE_RULE", RS_CT_SHORT, 1}, {"FK_NAME", RS_CT_STR, 1},
    {"PK_NAME", RS_CT_STR, 1},       {"DEFERRABILITY", RS_CT_SHORT, 1},
};

static int rs_empty_result(const rs_catalog_ctx *cx, const rs_cat_col *cols, size_t n,
                           rs_rowsource **out, rs_error *err)
{
    *out = rs_cat_source(cx, cols, n, err);
    return *out ? 0 : -1;
}

int rs_catalog_foreign_keys(const rs_catalog_ctx *cx, const char *pk_catalog,
                            const char *pk_schema, const char *pk_table, const char *fk_catalog,
                            const char *fk_schema, const char *fk_table, rs_rowsource **out,
                            rs_error *err)
{
    *out = NULL;
    if (rs_cat_check_catalog(cx, pk_catalog, err) || rs_cat_check_catalog(cx, fk_catalog, err))
        return -1;
    return rs_empty_result(cx, rs_fk_cols, 14, out, err);
}

static const rs_cat_col rs_tpriv_cols[] = {
    {"TABLE_CAT", RS_CT_STR, 1}, {"TABLE_SCHEM", RS_CT_STR, 1}, {"TABLE_NAME", RS_CT_STR, 0},
    {"GRANTOR", RS_CT_STR, 1},   {"GRANTEE", RS_CT_STR, 0},     {"PRIVILEGE", RS_CT_STR, 0},
    {"IS_GRANTABLE", RS_CT_STR, 1},
};

int rs_catalog_table_privileges(const rs_catalog_ctx *cx, const char *catalog,
                                const char *schema, const char *table, rs_rowsource **out,
                                rs_error *err)
{
    *out = NULL;
    if (rs_cat_check_catalog(cx, catalog, err) != 0)
        return -1;
    return rs_empty_result(cx, rs_tpriv_cols, 7, out, err);
}

static const rs_cat_col rs_cpriv_cols[] = {
    {"TABLE_CAT", RS_CT_STR, 1},   {"TABLE_SCHEM", RS_CT_STR, 1}, {"TABLE_NAME", RS_CT_STR, 0},
    {"COLUMN_NAME", RS_CT_STR, 0}, {"GRANTOR", RS_CT_STR, 1},     {"GRANTEE", RS_CT_STR, 0},
    {"PRIVILEGE", RS_CT_STR, 0},   {"IS_GRANTABLE", RS_CT_STR, 1},
};

int rs_catalog_column_privileges(const rs_catalog_ctx *cx, const char *catalog,
                                 const char *schema, const char *table, const char *column,
                                 rs_rowsource **out, rs_error *err)
{
    *out = NULL;
    if (rs_cat_check_catalog(cx, catalog, err) != 0)
        return -1;
    return rs_empty_result(cx, rs_cpriv_cols, 8, out, err);
}

static const rs_cat_col rs_typeinfo_cols[] = {
    {"TYPE_NAME", RS_CT_STR, 0},           {"DATA_TYPE", RS_CT_SHORT, 0},
    {"COLUMN_SIZE", RS_CT_INT, 1},         {"LITERAL_PREFIX", RS_CT_STR, 1},
    {"LITERAL_SUFFIX", RS_CT_STR, 1},      {"CREATE_PARAMS", RS_CT_STR, 1},
    {"NULLABLE", RS_CT_SHORT, 0},          {"CASE_SENSITIVE", RS_CT_SHORT, 0},
    {"SEARCHABLE", RS_CT_SHORT, 0},        {"UNSIGNED_ATTRIBUTE", RS_CT_SHORT, 1},
    {"FIXED_PREC_SCALE", RS_CT_SHORT, 0},  {"AUTO_UNIQUE_VALUE", RS_CT_SHORT, 1},
    {"LOCAL_TYPE_NAME", RS_CT_STR, 1},     {"MINIMUM_SCALE", RS_CT_SHORT, 1},
    {"MAXIMUM_SCALE", RS_CT_SHORT, 1},     {"SQL_DATA_TYPE", RS_CT_SHORT, 0},
    {"SQL_DATETIME_SUB", RS_CT_SHORT, 1},  {"NUM_PREC_RADIX", RS_CT_INT, 1},
    {"INTERVAL_PRECISION", RS_CT_SHORT, 1},
};
#define RS_TYPEINFO_NCOLS (sizeof rs_typeinfo_cols / sizeof rs_typeinfo_cols[0])

static int rs_sql_is_numeric(SQLSMALLINT t)
{
    switch (t) {
    case SQL_BIGINT: case SQL_INTEGER: case SQL_SMALLINT: case SQL_TINYINT: case SQL_DOUBLE:
    case SQL_FLOAT: case SQL_REAL: case SQL_DECIMAL: case SQL_NUMERIC:
        return 1;
    default:
        return 0;
    }
}

static int rs_sql_is_text(SQLSMALLINT t)
{
    return t == SQL_CHAR || t == SQL_VARCHAR || t == SQL_LONGVARCHAR || t == SQL_WCHAR ||
           t == SQL_WVARCHAR || t == SQL_WLONGVARCHAR;
}

static int rs_typeinfo_row(const rs_catalog_ctx *cx, rs_rowsource *rs, const rs_type_info *t,
                           rs_error *err)
{
    SQLULEN size = t->column_size;
    rs_cat_row r;
    int exact = rs_sql_is_numeric(t->sql_type) && t->num_prec_radix == 10;
    int frac = t->sql_type == SQL_TYPE_TIME || t->sql_type == SQL_TYPE_TIMESTAMP;

    if (rs_sql_is_text(t->sql_type) && cx->max_varchar && size > cx->max_varchar)
        size = cx->max_varchar;
    rs_cat_row_init(&r, RS_TYPEINFO_NCOLS);
    rs_cat_row_str(&r, 0, t->type_name);
    rs_cat_row_int(&r, 1, rs_cat_data_type(cx, t->sql_type));
    rs_cat_row_int(&r, 2, size > 2147483647u ? 2147483647LL : (long long)size);
    rs_cat_row_str(&r, 3, t->literal_prefix);
    rs_cat_row_str(&r, 4, t->literal_suffix);
    rs_cat_row_int(&r, 6, SQL_NULLABLE);
    rs_cat_row_int(&r, 7, t->case_sensitive);
    rs_cat_row_int(&r, 8, t->searchable);
    if (rs_sql_is_numeric(t->sql_type)) {
        rs_cat_row_int(&r, 9, t->is_unsigned);
        rs_cat_row_int(&r, 11, SQL_FALSE);
    }
    rs_cat_row_int(&r, 10, t->fixed_prec_scale);
    rs_cat_row_str(&r, 12, t->type_name);
    if (exact || frac) {
        rs_cat_row_int(&r, 13, 0);
        rs_cat_row_int(&r, 14, t->decimal_digits);
    }
    rs_cat_row_int(&r, 15, t->verbose_type);
    if (t->datetime_sub)
        rs_cat_row_int(&r, 16, t->datetime_sub);
    if (t->num_prec_radix)
        rs_cat_row_int(&r, 17, t->num_prec_radix);
    return rs_cat_row_add(rs, &r, err);
}

/* ODBC 2 applications name the datetime types by their old codes. */
static SQLSMALLINT rs_odbc3_type(SQLSMALLINT t)
{
    return t == SQL_DATE ? SQL_TYPE_DATE
           : t == SQL_TIME ? SQL_TYPE_TIME
           : t == SQL_TIMESTAMP ? SQL_TYPE_TIMESTAMP
                                : t;
}

/* The number of extra type rows at most: one per value kind and width. */
#define RS_TYPEINFO_MAXEXTRA (2 * (RS_V_OTHER + 1))

static int rs_typeinfo_has(const rs_type_info *v, size_t n, const rs_type_info *t)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].sql_type == t->sql_type && strcmp(v[i].type_name, t->type_name) == 0)
            return 1;
    return 0;
}

/* The (DATA_TYPE, TYPE_NAME) pairs SQLColumns and SQLProcedureColumns can report but the
 * registry lacks (arrays are LONGVARCHAR "array" there): every type name a column carries
 * must be one SQLGetTypeInfo describes, or tools cannot map it. */
static size_t rs_typeinfo_extras(const rs_type_info *all, size_t n, rs_type_info *extra)
{
    size_t k = 0;

    for (int kind = RS_V_BOOL; kind <= RS_V_OTHER; kind++) {
        for (int wide = 0; wide <= 1; wide++) {
            rs_type_info t;

            rs_types_for_kind((rs_vkind)kind, wide, 0, &t);
            if (!rs_typeinfo_has(all, n, &t) && !rs_typeinfo_has(extra, k, &t))
                extra[k++] = t;
        }
    }
    return k;
}

/* Appends the rows of data_type to order[*k], kept sorted by the DATA_TYPE reported (ODBC 2
 * codes sort the date/time types elsewhere); insertion sort keeps the given order within
 * one type, and the list is short. */
static void rs_typeinfo_sort_in(const rs_catalog_ctx *cx, SQLSMALLINT data_type,
                                const rs_type_info *v, size_t n, const rs_type_info **order,
                                size_t *k)
{
    for (size_t i = 0; i < n; i++) {
        SQLSMALLINT t = rs_cat_data_type(cx, v[i].sql_type);
        size_t j = *k;

        if (data_type != SQL_ALL_TYPES && v[i].sql_type != data_type)
            continue;
        (*k)++;
        while (j > 0 && rs_cat_data_type(cx, order[j - 1]->sql_type) > t) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = &v[i];
    }
}

int rs_catalog_type_info(const rs_catalog_ctx *cx, SQLSMALLINT data_type, rs_rowsource **out,
                         rs_error *err)
{
    size_t n = 0, nextra;
    const rs_type_info *all = rs_types_all(&n);
    rs_type_info extra[RS_TYPEINFO_MAXEXTRA];
    const rs_type_info **order = calloc(n + RS_TYPEINFO_MAXEXTRA, sizeof *order);
    rs_rowsource *rs;
    size_t k = 0;
    int rc = 0;

    *out = NULL;
    if (!order) {
        rs_cat_nomem(err);
        return -1;
    }
    data_type = rs_odbc3_type(data_type);
    nextra = rs_typeinfo_extras(all, n, extra);
    rs_typeinfo_sort_in(cx, data_type, all, n, order, &k);
    rs_typeinfo_sort_in(cx, data_type, extra, nextra, order, &k);
    rs = rs_cat_source(cx, rs_typeinfo_cols, RS_TYPEINFO_NCOLS, err);
    for (size_t i = 0; rs && i < k && rc == 0; i++)
        rc = rs_typeinfo_row(cx, rs, order[i], err);
    free(order);
    if (!rs || rc != 0) {
        rs_rowsource_close(rs);
        return -1;
    }
    *out = rs;
    return 0;
}
