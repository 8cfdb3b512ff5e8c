/* SPDX-License-Identifier: Apache-2.0 */
/* Catalog result-set helpers, the control-plane listings and SQLTables. */
#include "driver/catalog/catalog_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sqlext.h>

void rs_cat_nomem(rs_error *err)
{
    rs_error_set(err, RS_ERR_NOMEM, "out of memory");
}

rs_rowsource *rs_cat_source(const rs_catalog_ctx *cx, const rs_cat_col *cols, size_t n,
                            rs_error *err)
{
    rs_rowsource *rs = rs_memsource_new();

    if (!rs) {
        rs_cat_nomem(err);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        rs_vkind kind = cols[i].type == RS_CT_STR ? RS_V_STRING : RS_V_INT;
        int sql = cols[i].type == RS_CT_SHORT ? SQL_SMALLINT
                  : cols[i].type == RS_CT_INT ? SQL_INTEGER
                  : cx->wide                  ? SQL_WVARCHAR
                                              : SQL_VARCHAR;

        /* Names are declared VARCHAR(128), as psqlODBC's are, and the free-text columns
         * VARCHAR(254), the size the ODBC reference gives REMARKS: an application sizing
         * its grid from SQLDescribeCol must not get 8,000-character columns. */
        unsigned long size = strcmp(cols[i].name, "REMARKS") == 0 ||
                                     strcmp(cols[i].name, "COLUMN_DEF") == 0
                                 ? 254
                                 : 128;

        if (rs_memsource_add_column_typed(rs, cols[i].name, kind, sql,
                                          cols[i].nullable ? SQL_NULLABLE : SQL_NO_NULLS) != 0 ||
            (kind == RS_V_STRING && rs_memsource_set_column_size(rs, i, size) != 0)) {
            rs_rowsource_close(rs);
            rs_cat_nomem(err);
            return NULL;
        }
    }
    return rs;
}

void rs_cat_row_init(rs_cat_row *r, size_t n)
{
    memset(r, 0, sizeof *r);
    r->n = n;
    for (size_t i = 0; i < n; i++)
        r->cells[i].kind = RS_V_NULL;
}

void rs_cat_row_str(rs_cat_row *r, size_t i, const char *s)
{
    r->cells[i].kind = s ? RS_V_STRING : RS_V_NULL;
    r->cells[i].text = s;
    r->cells[i].len = s ? strlen(s) : 0;
}

void rs_cat_row_int(rs_cat_row *r, size_t i, long long v)
{
    int len = snprintf(r->num[i], sizeof r->num[i], "%lld", v);

    r->cells[i].kind = RS_V_INT;
    r->cells[i].text = r->num[i];
    r->cells[i].len = (size_t)len;
}

int rs_cat_row_add(rs_rowsource *rs, rs_cat_row *r, rs_error *err)
{
    if (rs_memsource_add_row(rs, r->cells) != 0) {
        rs_cat_nomem(err);
        return -1;
    }
    return 0;
}

int rs_cat_check_catalog(const rs_catalog_ctx *cx, const char *catalog, rs_error *err)
{
    if (!catalog || !*catalog || (!cx->metadata_id && strcmp(catalog, "%") == 0))
        return 0;
    rs_error_set(err, RS_ERR_UNSUPPORTED,
                 "Rockset has no catalogs: give the workspace as the schema name");
    return -1;
}

int rs_cat_is_missing(const rs_error *e)
{
    return e->kind == RS_ERR_HTTP && e->http_status == 404 &&
           strcmp(e->message_key, "PATH_NOT_FOUND") != 0;
}

/* A listing is {"data": [{...}, ...]} (or the bare array): anything else is an error. */
static int rs_cat_listing_check(const cJSON *data, const char *path, rs_error *err)
{
    const cJSON *item;
    int i = 0;

    if (!cJSON_IsArray(data)) {
        rs_error_set(err, RS_ERR_PROTOCOL, "GET %.200s: the server's answer holds no list (its "
                     "data is %s), so the catalog cannot be read", path,
                     cJSON_IsObject(data) ? "an object" : cJSON_IsString(data) ? "a string"
                     : cJSON_IsNumber(data) ? "a number" : cJSON_IsNull(data) ? "null"
                     : "not an array");
        return -1;
    }
    cJSON_ArrayForEach(item, data) {
        if (!cJSON_IsObject(item)) {
            rs_error_set(err, RS_ERR_PROTOCOL, "GET %.200s: entry %d of the server's list is "
                         "not an object, so the catalog cannot be read", path, i + 1);
            return -1;
        }
        i++;
    }
    return 0;
}

int rs_cat_get(const rs_catalog_ctx *cx, const char *path, cJSON **root, const cJSON **data,
               rs_error *err)
{
    rs_error sub;
    const cJSON *d;

    *root = NULL;
    *data = NULL;
    rs_error_clear(&sub);
    if (rs_client_call(cx->client, "GET", path, NULL, root, &sub) != 0) {
        if (rs_cat_is_missing(&sub))
            return 1;
        *err = sub;
        if (err->kind == RS_ERR_NONE)
            rs_error_set(err, RS_ERR_PROTOCOL, "GET %s failed", path);
        return -1;
    }
    d = cJSON_GetObjectItemCaseSensitive(*root, "data");
    *data = d ? d : *root;
    if (rs_cat_listing_check(*data, path, err) != 0) {
        cJSON_Delete(*root);
        *root = NULL;
        *data = NULL;
        return -1;
    }
    return 0;
}

char *rs_cat_ws_path(const char *ws, const char *suffix)
{
    char *enc = rs_client_escape_segment(ws), *out;
    size_t len;

    if (!enc)
        return NULL;
    len = strlen("/v1/orgs/self/ws/") + strlen(enc) + strlen(suffix) + 1;
    out = malloc(len);
    if (out)
        snprintf(out, len, "/v1/orgs/self/ws/%s%s", enc, suffix);
    free(enc);
    return out;
}

static const char *rs_json_str(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int rs_cat_obj_cmp(const void *a, const void *b)
{
    const rs_cat_obj *x = a, *y = b;
    int c = strcmp(x->ws, y->ws);

    return c ? c : strcmp(x->name, y->name);
}

void rs_cat_objs_free(rs_cat_obj *o, size_t n)
{
    for (size_t i = 0; o && i < n; i++) {
        free(o[i].ws);
        free(o[i].name);
        free(o[i].remarks);
    }
    free(o);
}

static int rs_cat_obj_fill(rs_cat_obj *o, const cJSON *item, const char *ws, const char *name,
                           int lambdas)
{
    const char *desc;
    const cJSON *stats, *count;

    if (lambdas)
        desc = rs_json_str(cJSON_GetObjectItemCaseSensitive(item, "latest_version"),
                           "description");
    else
        desc = rs_json_str(item, "description");
    o->ws = strdup(ws);
    o->name = strdup(name);
    o->remarks = desc ? strdup(desc) : NULL;
    o->doc_count = -1;
    stats = cJSON_GetObjectItemCaseSensitive(item, "stats");
    count = cJSON_GetObjectItemCaseSensitive(stats, "doc_count");
    if (!lambdas && cJSON_IsNumber(count))
        o->doc_count = (long long)count->valuedouble;
    return (!o->ws || !o->name || (desc && !o->remarks)) ? -1 : 0;
}

int rs_cat_objs_from_json(const cJSON *arr, const char *default_ws,
                          const rs_name_filter *schema, const rs_name_filter *name, int lambdas,
                          rs_cat_obj **out, size_t *n)
{
    size_t cap = (size_t)cJSON_GetArraySize(arr), k = 0;
    rs_cat_obj *o = calloc(cap ? cap : 1, sizeof *o);
    const cJSON *item;

    *out = NULL;
    *n = 0;
    if (!o)
        return -1;
    cJSON_ArrayForEach(item, arr) {
        const char *ws = rs_json_str(item, "workspace"), *nm = rs_json_str(item, "name");

        if (!ws)
            ws = default_ws;

        if (!ws || !nm || !rs_name_filter_match(schema, ws) || !rs_name_filter_match(name, nm))
            continue;
        /* Deleted collections linger in listings until they are gone. */
        if (!lambdas && rs_json_str(item, "status") &&
            strcmp(rs_json_str(item, "status"), "DELETED") == 0)
            continue;
        if (rs_cat_obj_fill(&o[k++], item, ws, nm, lambdas) != 0) {
            rs_cat_objs_free(o, k);
            return -1;
        }
    }
    qsort(o, k, sizeof *o, rs_cat_obj_cmp);
    *out = o;
    *n = k;
    return 0;
}

int rs_cat_list(const rs_catalog_ctx *cx, const rs_name_filter *schema,
                const rs_name_filter *name, int lambdas, rs_cat_obj **out, size_t *n,
                rs_error *err)
{
    const char *what = lambdas ? "/lambdas" : "/collections";
    const char *one = rs_name_filter_literal(schema);
    char *path = one ? rs_cat_ws_path(one, what) : NULL;
    char all[64];
    cJSON *root = NULL;
    const cJSON *data;
    int rc;

    *out = NULL;
    *n = 0;
    if (one && !path) {
        rs_cat_nomem(err);
        return -1;
    }
    snprintf(all, sizeof all, "/v1/orgs/self%s", what);
    rc = rs_cat_get(cx, path ? path : all, &root, &data, err);
    free(path);
    if (rc == 0 && rs_cat_objs_from_json(data, one, schema, name, lambdas, out, n) != 0) {
        rs_cat_nomem(err);
        rc = -1;
    }
    cJSON_Delete(root);
    return rc < 0 ? -1 : 0;
}

static int rs_strp_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void rs_cat_strv_free(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

int rs_cat_ws_from_json(const cJSON *arr, const rs_name_filter *schema, char ***out,
                        size_t *n)
{
    size_t cap = (size_t)cJSON_GetArraySize(arr), k = 0;
    char **v = calloc(cap ? cap : 1, sizeof *v);
    const cJSON *item;

    *out = NULL;
    *n = 0;
    if (!v)
        return -1;
    cJSON_ArrayForEach(item, arr) {
        const char *nm = rs_json_str(item, "name");

        if (!nm || !rs_name_filter_match(schema, nm))
            continue;
        v[k] = strdup(nm);
        if (!v[k++]) {
            rs_cat_strv_free(v, k);
            return -1;
        }
    }
    qsort(v, k, sizeof *v, rs_strp_cmp);
    *out = v;
    *n = k;
    return 0;
}

int rs_cat_filters(const rs_catalog_ctx *cx, rs_name_filter *f, const char *const *args,
                   size_t n, int is_pattern, rs_error *err)
{
    for (size_t i = 0; i < n; i++) {
        if (rs_name_filter_init(&f[i], args[i], cx->metadata_id, is_pattern) != 0) {
            rs_cat_filters_free(f, i);
            rs_cat_nomem(err);
            return -1;
        }
    }
    return 0;
}

void rs_cat_filters_free(rs_name_filter *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rs_name_filter_free(&f[i]);
}

/* ---- SQLTables ---- */

static const rs_cat_col rs_tables_cols[] = {
    {"TABLE_CAT", RS_CT_STR, 1},  {"TABLE_SCHEM", RS_CT_STR, 1}, {"TABLE_NAME", RS_CT_STR, 1},
    {"TABLE_TYPE", RS_CT_STR, 1}, {"REMARKS", RS_CT_STR, 1},
};
#define RS_TABLES_NCOLS (sizeof rs_tables_cols / sizeof rs_tables_cols[0])

/* Does the TableType list ('TABLE','VIEW' or TABLE,VIEW) ask for TABLE? */
static int rs_types_want_table(const char *types)
{
    const char *p = types;

    if (!types || !*types)
        return 1;
    while (*p) {
        const char *start, *end;

        while (*p == ' ' || *p == ',')
            p++;
        start = p;
        while (*p && *p != ',')
            p++;
        end = p;
        while (end > start && end[-1] == ' ')
            end--;
        if (end - start >= 2 && *start == '\'' && end[-1] == '\'') {
            start++;
            end--;
        }
        if ((end - start == 5 && strncasecmp(start, "TABLE", 5) == 0) ||
            (end - start == 1 && *start == '%'))
            return 1;
    }
    return 0;
}

static int rs_tables_schemas(const rs_catalog_ctx *cx, rs_rowsource *rs, rs_error *err)
{
    cJSON *root = NULL;
    const cJSON *data;
    rs_name_filter any = {RS_NF_ANY, NULL};
    char **names = NULL;
    size_t n = 0;
    int rc = rs_cat_get(cx, "/v1/orgs/self/ws", &root, &data, err);

    if (rc < 0)
        return -1;
    if (rc == 0 && rs_cat_ws_from_json(data, &any, &names, &n) != 0) {
        cJSON_Delete(root);
        rs_cat_nomem(err);
        return -1;
    }
    cJSON_Delete(root);
    rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        rs_cat_row r;

        rs_cat_row_init(&r, RS_TABLES_NCOLS);
        rs_cat_row_str(&r, 1, names[i]);
        rc = rs_cat_row_add(rs, &r, err);
    }
    rs_cat_strv_free(names, n);
    return rc;
}

static int rs_tables_list(const rs_catalog_ctx *cx, rs_rowsource *rs, const char *schema,
                          const char *table, rs_error *err)
{
    const char *args[2] = {schema, table};
    rs_name_filter f[2];
    rs_cat_obj *objs = NULL;
    size_t n = 0;
    int rc;

    if (rs_cat_filters(cx, f, args, 2, 1, err) != 0)
        return -1;
    rc = rs_cat_list(cx, &f[0], &f[1], 0, &objs, &n, err);
    rs_cat_filters_free(f, 2);
    for (size_t i = 0; i < n && rc == 0; i++) {
        rs_cat_row r;

        rs_cat_row_init(&r, RS_TABLES_NCOLS);
        rs_cat_row_str(&r, 1, objs[i].ws);
        rs_cat_row_str(&r, 2, objs[i].name);
        rs_cat_row_str(&r, 3, "TABLE");
        rs_cat_row_str(&r, 4, objs[i].remarks);
        rc = rs_cat_row_add(rs, &r, err);
    }
    rs_cat_objs_free(objs, n);
    return rc;
}

/* The spec asks for empty strings beside the % of an enumeration; applications pass null
 * pointers as often, and a null there cannot mean anything else. */
static int rs_is_empty(const char *s)
{
    return !s || !*s;
}

int rs_catalog_tables(const rs_catalog_ctx *cx, const char *catalog, const char *schema,
                      const char *table, const char *table_types, rs_rowsource **out,
                      rs_error *err)
{
    rs_rowsource *rs;
    int rc = 0;

    *out = NULL;
    /* The three enumerations of the spec: catalogs (none), schemas, table types. */
    int all_cat = catalog && strcmp(catalog, SQL_ALL_CATALOGS) == 0 && rs_is_empty(schema) &&
                  rs_is_empty(table);
    int all_sch = schema && strcmp(schema, SQL_ALL_SCHEMAS) == 0 && rs_is_empty(catalog) &&
                  rs_is_empty(table);
    int all_typ = table_types && strcmp(table_types, SQL_ALL_TABLE_TYPES) == 0 &&
                  rs_is_empty(catalog) && rs_is_empty(schema) && rs_is_empty(table);

    if (!all_cat && rs_cat_check_catalog(cx, catalog, err) != 0)
        return -1;
    rs = rs_cat_source(cx, rs_tables_cols, RS_TABLES_NCOLS, err);
    if (!rs)
        return -1;
    if (all_typ) {
        rs_cat_row r;

        rs_cat_row_init(&r, RS_TABLES_NCOLS);
        rs_cat_row_str(&r, 3, "TABLE");
        rc = rs_cat_row_add(rs, &r, err);
    } else if (all_sch) {
        rc = rs_tables_schemas(cx, rs, err);
    } else if (!all_cat && rs_types_want_table(table_types)) {
        rc = rs_tables_list(cx, rs, schema, table, err);
    }
    if (rc != 0) {
        rs_rowsource_close(rs);
        return -1;
    }
    *out = rs;
    return 0;
}
