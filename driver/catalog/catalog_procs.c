/* SPDX-License-Identifier: Apache-2.0 */
/* Query Lambdas as procedures: SQLProcedures, SQLProcedureColumns (the parameters of the
 * version the LambdaTag keyword selects) and the parameter list CALL execution needs. */
#include "driver/catalog/catalog_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const rs_cat_col rs_procs_cols[] = {
    {"PROCEDURE_CAT", RS_CT_STR, 1},   {"PROCEDURE_SCHEM", RS_CT_STR, 1},
    {"PROCEDURE_NAME", RS_CT_STR, 0},  {"NUM_INPUT_PARAMS", RS_CT_INT, 1},
    {"NUM_OUTPUT_PARAMS", RS_CT_INT, 1}, {"NUM_RESULT_SETS", RS_CT_INT, 1},
    {"REMARKS", RS_CT_STR, 1},         {"PROCEDURE_TYPE", RS_CT_SHORT, 1},
};
#define RS_PROCS_NCOLS (sizeof rs_procs_cols / sizeof rs_procs_cols[0])

static const rs_cat_col rs_proccols_cols[] = {
    {"PROCEDURE_CAT", RS_CT_STR, 1},      {"PROCEDURE_SCHEM", RS_CT_STR, 1},
    {"PROCEDURE_NAME", RS_CT_STR, 0},     {"COLUMN_NAME", RS_CT_STR, 0},
    {"COLUMN_TYPE", RS_CT_SHORT, 0},      {"DATA_TYPE", RS_CT_SHORT, 0},
    {"TYPE_NAME", RS_CT_STR, 0},          {"COLUMN_SIZE", RS_CT_INT, 1},
    {"BUFFER_LENGTH", RS_CT_INT, 1},      {"DECIMAL_DIGITS", RS_CT_SHORT, 1},
    {"NUM_PREC_RADIX", RS_CT_SHORT, 1},   {"NULLABLE", RS_CT_SHORT, 0},
    {"REMARKS", RS_CT_STR, 1},            {"COLUMN_DEF", RS_CT_STR, 1},
    {"SQL_DATA_TYPE", RS_CT_SHORT, 0},    {"SQL_DATETIME_SUB", RS_CT_SHORT, 1},
    {"CHAR_OCTET_LENGTH", RS_CT_INT, 1},  {"ORDINAL_POSITION", RS_CT_INT, 0},
    {"IS_NULLABLE", RS_CT_STR, 1},
};
#define RS_PROCCOLS_NCOLS (sizeof rs_proccols_cols / sizeof rs_proccols_cols[0])

int rs_catalog_procedures(const rs_catalog_ctx *cx, const char *catalog, const char *schema,
                          const char *proc, rs_rowsource **out, rs_error *err)
{
    const char *args[2] = {schema, proc};
    rs_name_filter f[2];
    rs_cat_obj *objs = NULL;
    size_t n = 0;
    rs_rowsource *rs;
    int rc;

    *out = NULL;
    if (rs_cat_check_catalog(cx, catalog, err) != 0 || rs_cat_filters(cx, f, args, 2, 1, err))
        return -1;
    rs = rs_cat_source(cx, rs_procs_cols, RS_PROCS_NCOLS, err);
    rc = rs ? rs_cat_list(cx, &f[0], &f[1], 1, &objs, &n, err) : -1;
    rs_cat_filters_free(f, 2);
    /* NUM_*_PARAMS and NUM_RESULT_SETS are reserved by the spec: left NULL. */
    for (size_t i = 0; i < n && rc == 0; i++) {
        rs_cat_row r;

        rs_cat_row_init(&r, RS_PROCS_NCOLS);
        rs_cat_row_str(&r, 1, objs[i].ws);
        rs_cat_row_str(&r, 2, objs[i].name);
        rs_cat_row_str(&r, 6, objs[i].remarks);
        rs_cat_row_int(&r, 7, SQL_PT_PROCEDURE);
        rc = rs_cat_row_add(rs, &r, err);
    }
    rs_cat_objs_free(objs, n);
    if (rc != 0) {
        rs_rowsource_close(rs);
        return -1;
    }
    *out = rs;
    return 0;
}

void rs_catalog_lambda_params_free(rs_lambda_param *params, size_t count)
{
    for (size_t i = 0; params && i < count; i++) {
        free(params[i].name);
        free(params[i].type);
        free(params[i].default_value);
    }
    free(params);
}

static char *rs_json_value_text(const cJSON *v)
{
    if (!v || cJSON_IsNull(v))
        return NULL;
    if (cJSON_IsString(v))
        return strdup(v->valuestring);
    return cJSON_PrintUnformatted(v);
}

int rs_cat_params_from_json(const cJSON *answer, rs_lambda_param **params, size_t *count)
{
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(answer, "data");
    const cJSON *ver, *dp, *item;
    rs_lambda_param *p;
    size_t k = 0;

    *params = NULL;
    *count = 0;
    d = d ? d : answer;
    ver = cJSON_GetObjectItemCaseSensitive(d, "version");
    ver = cJSON_IsObject(ver) ? ver : d;
    if (!cJSON_IsObject(ver))
        return -1;
    dp = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(ver, "sql"),
                                          "default_parameters");
    if (!cJSON_IsArray(dp) || cJSON_GetArraySize(dp) == 0)
        return 0;
    p = calloc((size_t)cJSON_GetArraySize(dp), sizeof *p);
    if (!p)
        return -1;
    cJSON_ArrayForEach(item, dp) {
        const cJSON *nm = cJSON_GetObjectItemCaseSensitive(item, "name");
        const cJSON *ty = cJSON_GetObjectItemCaseSensitive(item, "type");
        const cJSON *val = cJSON_GetObjectItemCaseSensitive(item, "value");

        if (!cJSON_IsString(nm))
            continue;
        p[k].name = strdup(nm->valuestring);
        p[k].type = strdup(cJSON_IsString(ty) ? ty->valuestring : "string");
        p[k].default_value = rs_json_value_text(val);
        if (!p[k].name || !p[k].type || (val && !cJSON_IsNull(val) && !p[k].default_value)) {
            rs_catalog_lambda_params_free(p, k + 1);
            return -1;
        }
        k++;
    }
    *params = p;
    *count = k;
    return 0;
}

/* Numbers and booleans are written bare, everything else as a quoted string literal, as the
 * spec's COLUMN_DEF rules ask. */
char *rs_cat_param_default_literal(const char *type, const char *value)
{
    int bare = strcmp(type, "int") == 0 || strcmp(type, "float") == 0 ||
               strcmp(type, "bool") == 0;
    size_t quotes = 0;
    char *out, *o;

    if (bare)
        return strdup(value);
    for (const char *s = value; *s; s++)
        quotes += *s == '\'';
    out = malloc(strlen(value) + quotes + 3);
    if (!out)
        return NULL;
    o = out;
    *o++ = '\'';
    for (const char *s = value; *s; s++) {
        if (*s == '\'')
            *o++ = '\'';
        *o++ = *s;
    }
    *o++ = '\'';
    *o = '\0';
    return out;
}

static char *rs_lambda_path(const char *ws, const char *lambda, const char *what,
                            const char *which)
{
    char *l = rs_client_escape_segment(lambda), *w = rs_client_escape_segment(which);
    char *suffix = NULL, *path = NULL;
    size_t len;

    if (l && w) {
        len = strlen(l) + strlen(w) + strlen(what) + 16;
        suffix = malloc(len);
        if (suffix) {
            snprintf(suffix, len, "/lambdas/%s/%s/%s", l, what, w);
            path = rs_cat_ws_path(ws, suffix);
        }
    }
    free(l);
    free(w);
    free(suffix);
    return path;
}

/* GET one lambda version by tag or version id; 1 on 404 with *nf holding the server's error. */
static int rs_lambda_get(const rs_catalog_ctx *cx, const char *ws, const char *lambda,
                         const char *what, const char *which, cJSON **root, rs_error *nf,
                         rs_error *err)
{
    char *path = rs_lambda_path(ws, lambda, what, which);
    rs_error sub;
    int rc;

    if (!path) {
        rs_cat_nomem(err);
        return -1;
    }
    rs_error_clear(&sub);
    rc = rs_client_call(cx->client, "GET", path, NULL, root, &sub);
    free(path);
    if (rc == 0)
        return 0;
    if (rs_cat_is_missing(&sub)) {
        *nf = sub;
        return 1;
    }
    *err = sub;
    if (err->kind == RS_ERR_NONE)
        rs_error_set(err, RS_ERR_PROTOCOL, "could not read Query Lambda %s", lambda);
    return -1;
}

int rs_catalog_lambda_params(const rs_catalog_ctx *cx, const char *ws, const char *lambda,
                             const char *version_or_tag, rs_lambda_param **params,
                             size_t *count, rs_error *err)
{
    const char *which = version_or_tag;
    cJSON *root = NULL;
    rs_error nf;
    int rc;

    *params = NULL;
    *count = 0;
    rs_error_clear(&nf);
    if (!which)
        which = cx->lambda_tag && *cx->lambda_tag ? cx->lambda_tag : "latest";
    if (!ws || !*ws)
        ws = cx->default_workspace && *cx->default_workspace ? cx->default_workspace : "commons";
    rc = rs_lambda_get(cx, ws, lambda, "tags", which, &root, &nf, err);
    /* An explicit selector that is no tag may be a version id. */
    if (rc == 1 && version_or_tag)
        rc = rs_lambda_get(cx, ws, lambda, "versions", which, &root, &nf, err);
    if (rc == 1) {
        *err = nf;
        return -1;
    }
    if (rc == 0 && rs_cat_params_from_json(root, params, count) != 0) {
        rs_error_set(err, RS_ERR_PROTOCOL, "unexpected answer for Query Lambda %s", lambda);
        rc = -1;
    }
    cJSON_Delete(root);
    return rc;
}

static int rs_param_row(const rs_catalog_ctx *cx, rs_rowsource *rs, const rs_cat_obj *l,
                        const rs_lambda_param *p, size_t ordinal, rs_error *err)
{
    rs_type_info ti;
    rs_cat_row r;
    char *def = p->default_value ? rs_cat_param_default_literal(p->type, p->default_value) : NULL;
    int rc;

    if (p->default_value && !def) {
        rs_cat_nomem(err);
        return -1;
    }
    rs_types_for_kind(rs_types_kind_from_name(p->type), cx->wide, cx->max_varchar, &ti);
    rs_cat_row_init(&r, RS_PROCCOLS_NCOLS);
    rs_cat_row_str(&r, 1, l->ws);
    rs_cat_row_str(&r, 2, l->name);
    rs_cat_row_str(&r, 3, p->name);
    rs_cat_row_int(&r, 4, SQL_PARAM_INPUT);
    rs_cat_type_cells(cx, &r, 5, &ti);
    rs_cat_row_int(&r, 11, SQL_NULLABLE_UNKNOWN);
    rs_cat_row_str(&r, 13, def);
    rs_cat_row_int(&r, 17, (long long)ordinal);
    rs_cat_row_str(&r, 18, "");
    rc = rs_cat_row_add(rs, &r, err);
    free(def);
    return rc;
}

/* Rows for one lambda; a lambda without the selected tag has nothing to call: no rows. */
static int rs_proccols_of(const rs_catalog_ctx *cx, rs_rowsource *rs, const rs_cat_obj *l,
                          const rs_name_filter *column, rs_error *err)
{
    rs_lambda_param *p = NULL;
    size_t n = 0;
    rs_error sub;
    int rc = 0;

    rs_error_clear(&sub);
    if (rs_catalog_lambda_params(cx, l->ws, l->name, NULL, &p, &n, &sub) != 0) {
        if (rs_cat_is_missing(&sub))
            return 0;
        *err = sub;
        return -1;
    }
    for (size_t i = 0; i < n && rc == 0; i++)
        if (rs_name_filter_match(column, p[i].name))
            rc = rs_param_row(cx, rs, l, &p[i], i + 1, err);
    rs_catalog_lambda_params_free(p, n);
    return rc;
}

int rs_catalog_procedure_columns(const rs_catalog_ctx *cx, const char *catalog,
                                 const char *schema, const char *proc, const char *column,
                                 rs_rowsource **out, rs_error *err)
{
    const char *args[3] = {schema, proc, column};
    rs_name_filter f[3];
    rs_cat_obj *objs = NULL;
    size_t n = 0;
    rs_rowsource *rs;
    int rc;

    *out = NULL;
    if (rs_cat_check_catalog(cx, catalog, err) != 0 || rs_cat_filters(cx, f, args, 3, 1, err))
        return -1;
    rs = rs_cat_source(cx, rs_proccols_cols, RS_PROCCOLS_NCOLS, err);
    rc = rs ? rs_cat_list(cx, &f[0], &f[1], 1, &objs, &n, err) : -1;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = rs_proccols_of(cx, rs, &objs[i], &f[2], err);
    rs_cat_objs_free(objs, n);
    rs_cat_filters_free(f, 3);
    if (rc != 0) {
        rs_rowsource_close(rs);
        return -1;
    }
    *out = rs;
    return 0;
}
