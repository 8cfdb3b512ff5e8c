/* SPDX-License-Identifier: Apache-2.0 */
/* SQLColumns: the top-level fields of each collection, from DESCRIBE, one row per field with
 * the type most of its values have. Rockset is schemaless, so this is what the data says now. */
#include "driver/catalog/catalog_int.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "driver/convert/types.h"

const rs_cat_col rs_cat_columns_cols[18] = {
    {"TABLE_CAT", RS_CT_STR, 1},          {"TABLE_SCHEM", RS_CT_STR, 1},
    {"TABLE_NAME", RS_CT_STR, 0},         {"COLUMN_NAME", RS_CT_STR, 0},
    {"DATA_TYPE", RS_CT_SHORT, 0},        {"TYPE_NAME", RS_CT_STR, 0},
    {"COLUMN_SIZE", RS_CT_INT, 1},        {"BUFFER_LENGTH", RS_CT_INT, 1},
    {"DECIMAL_DIGITS", RS_CT_SHORT, 1},   {"NUM_PREC_RADIX", RS_CT_SHORT, 1},
    {"NULLABLE", RS_CT_SHORT, 0},         {"REMARKS", RS_CT_STR, 1},
    {"COLUMN_DEF", RS_CT_STR, 1},         {"SQL_DATA_TYPE", RS_CT_SHORT, 0},
    {"SQL_DATETIME_SUB", RS_CT_SHORT, 1}, {"CHAR_OCTET_LENGTH", RS_CT_INT, 1},
    {"ORDINAL_POSITION", RS_CT_INT, 0},   {"IS_NULLABLE", RS_CT_STR, 1},
};

void rs_cat_fields_free(rs_cat_field *fields, size_t n)
{
    for (size_t i = 0; fields && i < n; i++) {
        free(fields[i].name);
        free(fields[i].type);
    }
    free(fields);
}

/* The field name of a DESCRIBE path: ["name"] (a top-level field) or NULL for deeper paths. */
static char *rs_field_top_name(const char *field, int is_array)
{
    cJSON *path;
    const cJSON *first;
    char *name = NULL;

    if (!is_array)
        return strdup(field);
    path = cJSON_Parse(field);
    first = cJSON_GetArrayItem(path, 0);
    if (cJSON_IsArray(path) && cJSON_GetArraySize(path) == 1 && cJSON_IsString(first))
        name = strdup(first->valuestring);
    cJSON_Delete(path);
    return name;
}

static int rs_type_is_nothing(const char *type)
{
    return !type || !*type || strcmp(type, "null") == 0 || strcmp(type, "undefined") == 0;
}

/* Merges the field's types by the one rule (rs_types_merge), so SQLColumns and the result
 * columns of a query over the field agree: ints and strings make VARCHAR in both. */
static int rs_field_note(rs_cat_field *f, const char *type)
{
    const char *m;
    char *t;

    if (rs_type_is_nothing(type))
        return 0;
    m = rs_types_merge(f->type, type);
    if (strcmp(m, f->type) == 0)
        return 0;
    t = strdup(m);
    if (!t)
        return -1;
    free(f->type);
    f->type = t;
    return 0;
}

int rs_cat_fields_add(rs_cat_field **fields, size_t *n, const char *field, int is_array,
                      const char *type)
{
    char *name = field ? rs_field_top_name(field, is_array) : NULL;
    rs_cat_field *grown;
    size_t i;

    if (!name)
        return 0; /* nested path (or unreadable): not a column */
    for (i = 0; i < *n; i++)
        if (strcmp((*fields)[i].name, name) == 0)
            break;
    if (i == *n) {
        grown = realloc(*fields, (*n + 1) * sizeof *grown);
        if (!grown) {
            free(name);
            return -1;
        }
        *fields = grown;
        grown[i].name = name;
        grown[i].type = strdup("");
        (*n)++;
        if (!grown[i].type)
            return -1;
    } else {
        free(name);
    }
    return rs_field_note(&(*fields)[i], type);
}

static int rs_field_rank(const char *name)
{
    if (strcmp(name, "_id") == 0)
        return 0;
    if (strcmp(name, "_event_time") == 0)
        return 1;
    return 2;
}

static int rs_field_cmp(const void *a, const void *b)
{
    const rs_cat_field *x = a, *y = b;
    int rx = rs_field_rank(x->name), ry = rs_field_rank(y->name);

    return rx != ry ? rx - ry : strcmp(x->name, y->name);
}

void rs_cat_fields_sort(rs_cat_field *fields, size_t n)
{
    qsort(fields, n, sizeof *fields, rs_field_cmp);
}

static int rs_sql_is_chars(SQLSMALLINT t)
{
    switch (t) {
    case SQL_CHAR: case SQL_VARCHAR: case SQL_LONGVARCHAR:
    case SQL_WCHAR: case SQL_WVARCHAR: case SQL_WLONGVARCHAR:
    case SQL_BINARY: case SQL_VARBINARY: case SQL_LONGVARBINARY:
        return 1;
    default:
        return 0;
    }
}

/* DECIMAL_DIGITS applies to exact numerics and to types with fractional seconds only. */
static int rs_sql_has_scale(SQLSMALLINT t)
{
    switch (t) {
    case SQL_BIGINT: case SQL_INTEGER: case SQL_SMALLINT: case SQL_TINYINT: case SQL_BIT:
    case SQL_DECIMAL: case SQL_NUMERIC: case SQL_TYPE_TIME: case SQL_TYPE_TIMESTAMP:
        return 1;
    default:
        return 0;
    }
}

static long long rs_cap_int(long long v)
{
    return v > INT_MAX ? INT_MAX : v;
}

SQLSMALLINT rs_cat_data_type(const rs_catalog_ctx *cx, SQLSMALLINT t)
{
    if (cx->odbc_version != SQL_OV_ODBC2)
        return t;
    return t == SQL_TYPE_DATE ? SQL_DATE
           : t == SQL_TYPE_TIME ? SQL_TIME
           : t == SQL_TYPE_TIMESTAMP ? SQL_TIMESTAMP
                                     : t;
}

void rs_cat_type_cells(const rs_catalog_ctx *cx, rs_cat_row *r, size_t base,
                       const rs_type_info *ti)
{
    rs_cat_row_int(r, base, rs_cat_data_type(cx, ti->sql_type));
    rs_cat_row_str(r, base + 1, ti->type_name);
    rs_cat_row_int(r, base + 2, rs_cap_int((long long)ti->column_size));
    rs_cat_row_int(r, base + 3, rs_cap_int((long long)ti->octet_length));
    if (rs_sql_has_scale(ti->sql_type))
        rs_cat_row_int(r, base + 4, ti->decimal_digits);
    if (ti->num_prec_radix)
        rs_cat_row_int(r, base + 5, ti->num_prec_radix);
    rs_cat_row_int(r, base + 9, ti->verbose_type);
    if (ti->datetime_sub)
        rs_cat_row_int(r, base + 10, ti->datetime_sub);
    if (rs_sql_is_chars(ti->sql_type))
        rs_cat_row_int(r, base + 11, rs_cap_int((long long)ti->octet_length));
}

static int rs_column_row(const rs_catalog_ctx *cx, rs_rowsource *rs, const char *ws,
                         const char *table, const rs_cat_field *f, size_t ordinal,
                         rs_error *err)
{
    rs_type_info ti;
    rs_cat_row r;
    int is_id = strcmp(f->name, "_id") == 0;

    rs_types_for_kind(f->type[0] ? rs_types_kind_from_name(f->type) : RS_V_STRING, cx->wide,
                      cx->max_varchar, &ti);
    rs_cat_row_init(&r, 18);
    rs_cat_row_str(&r, 1, ws);
    rs_cat_row_str(&r, 2, table);
    rs_cat_row_str(&r, 3, f->name);
    rs_cat_type_cells(cx, &r, 4, &ti);
    rs_cat_row_int(&r, 10, is_id ? SQL_NO_NULLS : SQL_NULLABLE);
    rs_cat_row_int(&r, 16, (long long)ordinal);
    rs_cat_row_str(&r, 17, is_id ? "NO" : "YES");
    return rs_cat_row_add(rs, &r, err);
}

int rs_cat_columns_rows(const rs_catalog_ctx *cx, rs_rowsource *rs, const char *ws,
                        const char *table, const rs_cat_field *fields, size_t n,
                        const rs_name_filter *column, rs_error *err)
{
    for (size_t i = 0; i < n; i++) {
        if (!rs_name_filter_match(column, fields[i].name))
            continue;
        if (rs_column_row(cx, rs, ws, table, &fields[i], i + 1, err) != 0)
            return -1;
    }
    return 0;
}

/* "name" with embedded quotes doubled, appended to buf. */
static void rs_quote_ident(char *buf, size_t cap, const char *name)
{
    size_t k = strlen(buf);

    if (k + 1 < cap)
        buf[k++] = '"';
    for (; *name && k + 3 < cap; name++) {
        if (*name == '"')
            buf[k++] = '"';
        buf[k++] = *name;
    }
    if (k + 1 < cap)
        buf[k++] = '"';
    buf[k] = '\0';
}

static int rs_col_index(const rs_rowsource *q, const char *name)
{
    for (size_t i = 0; i < q->ncols; i++)
        if (q->cols[i].name && strcmp(q->cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int rs_describe_page(const rs_rowsource *q, const rs_page *p, rs_cat_field **fields,
                            size_t *n)
{
    int fi = rs_col_index(q, "field"), ti = rs_col_index(q, "type");

    if (fi < 0 || ti < 0)
        return p->nrows ? -2 : 0;
    for (size_t r = 0; r < p->nrows; r++) {
        const rs_cell *c = &p->cells[r * p->ncols];

        if (!c[fi].text)
            continue;
        if (rs_cat_fields_add(fields, n, c[fi].text, c[fi].kind == RS_V_ARRAY,
                              c[ti].text) != 0)
            return -1;
    }
    return 0;
}

/* Runs DESCRIBE on one collection; 1 when it no longer exists. */
static int rs_describe(const rs_catalog_ctx *cx, const char *ws, const char *table,
                       rs_cat_field **fields, size_t *n, rs_error *err)
{
    size_t cap = 2 * (strlen(ws) + strlen(table)) + 64;
    char *sql = calloc(1, cap);
    rs_query_request req;
    rs_rowsource *q = NULL;
    const rs_page *page;
    rs_error sub;
    int rc;

    if (!sql) {
        rs_cat_nomem(err);
        return -1;
    }
    strcpy(sql, "DESCRIBE ");
    rs_quote_ident(sql, cap, ws);
    strcat(sql, ".");
    rs_quote_ident(sql, cap, table);
    strcat(sql, " OPTION(max_field_depth=1)");
    memset(&req, 0, sizeof req);
    req.sql = sql;
    req.metadata = 1; /* bounded by the connection's Timeout, not left without a limit */
    rs_error_clear(&sub);
    rc = rs_client_query(cx->client, &req, &q, &sub);
    while (rc == 0 && (rc = rs_rowsource_next(q, &page, &sub)) == 1)
        rc = rs_describe_page(q, page, fields, n);
    free(sql);
    rs_rowsource_close(q);
    if (rc == -1 && rs_cat_is_missing(&sub))
        return 1;
    if (rc == -1 && sub.kind != RS_ERR_NONE)
        *err = sub;
    else if (rc == -1)
        rs_cat_nomem(err);
    else if (rc == -2)
        rs_error_set(err, RS_ERR_PROTOCOL, "DESCRIBE answered without field and type columns");
    return rc < 0 ? -1 : 0;
}

int rs_catalog_field_types(const rs_catalog_ctx *cx, const char *ws, const char *coll,
                           rs_cat_field **fields, size_t *n, rs_error *err)
{
    int rc;

    *fields = NULL;
    *n = 0;
    rc = rs_describe(cx, ws, coll, fields, n, err);
    /* Every document has an _id: an empty collection still has that column, and a table
     * without columns confuses tools. */
    if (rc == 0 && rs_cat_fields_add(fields, n, "_id", 0, "string") != 0) {
        rs_cat_nomem(err);
        rc = -1;
    }
    if (rc == 0)
        rs_cat_fields_sort(*fields, *n);
    if (rc < 0) {
        rs_cat_fields_free(*fields, *n);
        *fields = NULL;
        *n = 0;
    }
    return rc < 0 ? -1 : 0;
}

static int rs_columns_of(const rs_catalog_ctx *cx, rs_rowsource *rs, const rs_cat_obj *t,
                         const rs_name_filter *column, rs_error *err)
{
    rs_cat_field *fields = NULL;
    size_t n = 0;
    int rc = rs_catalog_field_types(cx, t->ws, t->name, &fields, &n, err);

    if (rc == 0)
        rc = rs_cat_columns_rows(cx, rs, t->ws, t->name, fields, n, column, err);
    rs_cat_fields_free(fields, n);
    return rc < 0 ? -1 : 0;
}

int rs_catalog_columns(const rs_catalog_ctx *cx, const char *catalog, const char *schema,
                       const char *table, const char *column, rs_rowsource **out, rs_error *err)
{
    const char *args[3] = {schema, table, column};
    rs_name_filter f[3];
    rs_cat_obj *objs = NULL;
    size_t n = 0;
    rs_rowsource *rs;
    int rc;

    *out = NULL;
    if (rs_cat_check_catalog(cx, catalog, err) != 0 || rs_cat_filters(cx, f, args, 3, 1, err))
        return -1;
    rs = rs_cat_source(cx, rs_cat_columns_cols, 18, err);
    rc = rs ? rs_cat_list(cx, &f[0], &f[1], 0, &objs, &n, err) : -1;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = rs_columns_of(cx, rs, &objs[i], &f[2], err);
    rs_cat_objs_free(objs, n);
    rs_cat_filters_free(f, 3);
    if (rc != 0) {
        rs_rowsource_close(rs);
        return -1;
    }
    *out = rs;
    return 0;
}
