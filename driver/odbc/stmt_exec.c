/* SPDX-License-Identifier: Apache-2.0 */
/* Preparing and executing: rewrite, parameter sets, data at execution, CALL of a Query
 * Lambda, and the result metadata (IRD). */
#include "driver/odbc/stmt.h"
#include "driver/client/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int rs_stmt_begin_request(rs_stmt *s)
{
    pthread_mutex_lock(&s->conn->client_mu);
    atomic_store(&s->executing, 1);
    rs_client_reset_cancel(s->conn->client);
    /* a cancel that arrived after executing was set but before the reset is honoured here */
    return atomic_load(&s->cancel_requested) ? -1 : 0;
}

void rs_stmt_end_request(rs_stmt *s)
{
    atomic_store(&s->executing, 0);
    pthread_mutex_unlock(&s->conn->client_mu);
}

SQLRETURN rs_stmt_prepare(rs_stmt *s, const char *sql, long len)
{
    char msg[300];
    size_t n;
    int r;

    if (s->need_data)
        return rs_diag_post(&s->h.diag, "HY010", 0, "data at execution is in progress");
    if (s->cursor_open)
        return rs_diag_post(&s->h.diag, "24000", 0, "a cursor is open");
    rs_stmt_close_cursor(s);
    n = len < 0 ? strlen(sql) : (size_t)len;
    while (n > 0 && sql[n - 1] == 0) /* a length counting the terminator */
        n--;
    if (n == 0)
        return rs_diag_post(&s->h.diag, "HY090", 0, "empty statement text");
    if (s->prepared)
        rs_sql_rewrite_free(&s->rw);
    memset(&s->rw, 0, sizeof s->rw);
    s->prepared = s->executed = s->meta_valid = 0;
    free(s->sql);
    s->sql = strndup(sql, n);
    if (!s->sql)
        return rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
    r = rs_sql_rewrite_run(s->sql, (long)n, &s->rw, msg, sizeof msg);
    if (r != 0) {
        rs_sql_rewrite_free(&s->rw);
        memset(&s->rw, 0, sizeof s->rw);
        /* -2: a write the driver cannot carry out (an expression where it writes values) */
        return rs_diag_post(&s->h.diag, r == -2 ? "HYC00" : "42000", 0, "%s", msg);
    }
    s->prepared = 1;
    rs_desc_set_count(&s->ird, 0);
    return SQL_SUCCESS;
}

/* SQL type of a result column: the declared one (catalog results) or the kind's. */
/* Character and binary types a result set declares: the registry's rows carry the default
 * size, so take them through rs_types_for_kind, which sizes them from the connection's
 * MaxVarchar. 1 when sql_type is one of those. */
static int sized_type(int sql_type, unsigned long declared, const rs_conn *c, rs_type_info *ti)
{
    SQLULEN cap = c->cfg.max_varchar;
    rs_vkind k;
    int wide = 0;

    switch (sql_type) {
    case SQL_WVARCHAR: wide = 1; /* fall through */
    case SQL_VARCHAR: k = RS_V_STRING; break;
    case SQL_WLONGVARCHAR: wide = 1; /* fall through */
    case SQL_LONGVARCHAR: k = RS_V_OBJECT; break;
    case SQL_VARBINARY: k = RS_V_BYTES; break;
    default: return 0;
    }
    if (declared && declared < cap)
        cap = declared; /* a catalog result's name columns: VARCHAR(128) */
    rs_types_for_kind(k, wide, cap, ti);
    return 1;
}

static void column_type(rs_stmt *s, const rs_column *col, rs_type_info *ti)
{
    rs_conn *c = s->conn;
    size_t n = 0;
    const rs_type_info *all;

    if (col->sql_type != 0) {
        if (sized_type(col->sql_type, col->size, c, ti))
            return;
        all = rs_types_all(&n);
        for (size_t i = 0; i < n; i++) {
            if (all[i].sql_type == col->sql_type) {
                *ti = all[i];
                return;
            }
        }
        /* catalog columns of types the registry does not list (SMALLINT, INTEGER) */
        memset(ti, 0, sizeof *ti);
        ti->sql_type = (SQLSMALLINT)col->sql_type;
        ti->verbose_type = ti->sql_type;
        ti->searchable = SQL_PRED_BASIC;
        ti->num_prec_radix = 10;
        ti->fixed_prec_scale = SQL_FALSE;
        if (col->sql_type == SQL_SMALLINT) {
            ti->type_name = "smallint";
            ti->column_size = 5, ti->octet_length = 2, ti->display_size = 6;
        } else if (col->sql_type == SQL_INTEGER) {
            ti->type_name = "integer";
            ti->column_size = 10, ti->octet_length = 4, ti->display_size = 11;
        } else {
            rs_types_for_kind(RS_V_STRING, c->wide, c->cfg.max_varchar, ti);
        }
        return;
    }
    {
        rs_vkind k = col->mixed ? RS_V_STRING : col->kind;
        /* no values seen (e.g. no rows): the server's declared type, when it gave one */
        if ((k == RS_V_ABSENT || k == RS_V_NULL) && col->rockset_type[0])
            k = rs_types_kind_from_name(col->rockset_type);
        rs_types_for_kind(k, c->wide, c->cfg.max_varchar, ti);
    }
}

static char *dupnull(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void build_ird(rs_stmt *s, const rs_rowsource *rs)
{
    /* an INSERT's answer describes no result set: its one row is the row count */
    size_t ncols = rs->rows_affected >= 0 ? 0 : rs->ncols;
    rs_desc_set_count(&s->ird, 0);
    for (size_t i = 0; i < ncols; i++) {
        const rs_column *col = &rs->cols[i];
        rs_desc_rec *r = rs_desc_rec_at(&s->ird, (SQLSMALLINT)(i + 1), 1);
        rs_type_info ti;
        if (!r)
            break;
        column_type(s, col, &ti);
        rs_desc_rec_from_type(r, &ti);
        r->name = dupnull(col->name);
        r->label = dupnull(col->name);
        r->base_column_name = dupnull(col->name);
        r->base_table_name = dupnull(col->base_table ? col->base_table : "");
        r->table_name = dupnull(col->base_table ? col->base_table : "");
        r->schema_name = dupnull(col->base_schema ? col->base_schema : "");
        r->catalog_name = strdup("");
        r->nullable = col->nullable == 0 ? SQL_NO_NULLS
                      : col->nullable == 2 ? SQL_NULLABLE_UNKNOWN : SQL_NULLABLE;
        r->unnamed = col->name && *col->name ? SQL_NAMED : SQL_UNNAMED;
        r->updatable = SQL_ATTR_READONLY;
    }
    s->meta_valid = 1;
}

SQLRETURN rs_stmt_open_rowsource(rs_stmt *s, rs_rowsource *rs)
{
    rs_stmt_close_cursor(s);
    s->rs = rs;
    build_ird(s, rs);
    /* an INSERT's answer is its row count (SQLRowCount), not a result set to fetch */
    s->cursor_open = rs->ncols > 0 && rs->rows_affected < 0;
    /* a static cursor reads by position; every row source of a result can (queries by
     * windows of the pages endpoint, catalog results from memory) */
    s->scroll = s->cursor_type == SQL_CURSOR_STATIC && rs_rowsource_can_scroll(rs);
    s->rows_fetched = 0;
    s->row_count = rs->rows_affected >= 0 ? (SQLLEN)rs->rows_affected : (SQLLEN)rs->total_rows;
    s->executed = 1;
    if (!s->cursor_open) {
        rs_rowsource_close(rs);
        s->rs = NULL;
    }
    return SQL_SUCCESS;
}

/* Literal text of a CALL argument as a parameter value: 'x''y' -> x'y, NULL -> null. */
static void literal_param(const char *lit, rs_query_param *p, char **owned)
{
    size_t n = strlen(lit);

    *owned = NULL;
    if (strcasecmp(lit, "null") == 0) {
        p->type = "string";
        p->is_null = 1;
        p->value = NULL;
        return;
    }
    if (n >= 2 && lit[0] == '\'' && lit[n - 1] == '\'') {
        char *v = malloc(n), *o = v;
        for (size_t i = 1; v && i + 1 < n; i++) {
            *o++ = lit[i];
            if (lit[i] == '\'' && lit[i + 1] == '\'')
                i++;
        }
        if (v)
            *o = 0;
        *owned = v;
        p->type = "string";
        p->value = v ? v : "";
        return;
    }
    if (strcasecmp(lit, "true") == 0 || strcasecmp(lit, "false") == 0)
        p->type = "bool";
    else if (strpbrk(lit, ".eE"))
        p->type = "float";
    else
        p->type = "int";
    p->value = lit;
}

typedef struct exec_params {
    rs_query_param *qp;
    rs_pval *vals;      /* per marker */
    char **owned;       /* per CALL literal */
    size_t nqp, nvals, nowned;
    rs_lambda_param *lp;
    size_t nlp;
} exec_params;

static void exec_params_free(exec_params *ep)
{
    for (size_t i = 0; i < ep->nvals; i++)
        free(ep->vals[i].value);
    for (size_t i = 0; i < ep->nowned; i++)
        free(ep->owned[i]);
    free(ep->vals);
    free(ep->owned);
    free(ep->qp);
    if (ep->lp)
        rs_catalog_lambda_params_free(ep->lp, ep->nlp);
    memset(ep, 0, sizeof *ep);
}

/* Converts every marker of set `set` (all NULL for a metadata-only run). */
static SQLRETURN convert_markers(rs_stmt *s, SQLULEN set, exec_params *ep)
{
    SQLRETURN rc = SQL_SUCCESS;
    const char **ftypes = NULL;

    ep->nvals = s->rw.nmarkers;
    ep->vals = calloc(ep->nvals ? ep->nvals : 1, sizeof *ep->vals);
    if (!ep->vals)
        return rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
    /* Rockset compares strictly by type: text bound against an int field goes as an int
     * (stmt_params.c). A CALL's arguments take the lambda's declared types instead. */
    if (!s->metadata_only && !s->rw.is_call && s->rw.nmarkers > 0 &&
        !(ftypes = rs_stmt_param_field_types(s, 1)))
        return rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
    for (size_t k = 0; k < s->rw.nmarkers; k++) {
        SQLRETURN r;
        if (s->metadata_only) {
            /* describing before SQLExecute: bound values when there are, else NULL */
            rs_desc_rec *a = rs_desc_rec_at(s->apd, (SQLSMALLINT)(k + 1), 0);
            if (!a || (!a->data_ptr && !a->indicator_ptr) ||
                rs_stmt_param_is_dae(s, (SQLSMALLINT)(k + 1), 0) ||
                rs_stmt_param_value(s, (SQLSMALLINT)(k + 1), 0, NULL, &ep->vals[k]) == SQL_ERROR) {
                free(ep->vals[k].value);
                ep->vals[k].value = NULL;
                ep->vals[k].type = "string";
                ep->vals[k].is_null = 1;
            }
            continue;
        }
        r = rs_stmt_param_value(s, (SQLSMALLINT)(k + 1), set, ftypes ? ftypes[k] : NULL,
                                &ep->vals[k]);
        if (r == SQL_ERROR) {
            rc = SQL_ERROR;
            break;
        }
        rc = rs_rc_merge(rc, r);
    }
    free(ftypes);
    return rc;
}

static const char *lambda_type_of(const exec_params *ep, const char *name)
{
    for (size_t i = 0; name && i < ep->nlp; i++)
        if (strcmp(ep->lp[i].name, name) == 0)
            return ep->lp[i].type;
    return NULL;
}

/* CALL: arguments matched to the lambda's declared parameters. */
static SQLRETURN call_params(rs_stmt *s, exec_params *ep)
{
    rs_catalog_ctx cx;
    rs_error err;
    const rs_sql_rewrite *rw = &s->rw;
    const char *which = rw->call_version ? rw->call_version : rw->call_tag;
    int r;

    rs_conn_catalog_ctx(s->conn, &cx, 0);
    rs_error_clear(&err);
    r = rs_catalog_lambda_params(&cx, rw->call_ws ? rw->call_ws : s->conn->cfg.workspace,
                                 rw->call_name, which, &ep->lp, &ep->nlp, &err);
    if (r != 0)
        return rs_conn_post_error(s->conn, &s->h.diag, &err);
    ep->qp = calloc(rw->ncall_args + 1, sizeof *ep->qp);
    ep->owned = calloc(rw->ncall_args + 1, sizeof *ep->owned);
    if (!ep->qp || !ep->owned)
        return rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
    for (size_t i = 0; i < rw->ncall_args; i++) {
        const rs_call_arg *a = &rw->call_args[i];
        rs_query_param *p = &ep->qp[ep->nqp];
        const char *name = a->name;
        const char *decl;
        if (a->marker >= 0) {
            rs_desc_rec *ipd = rs_desc_rec_at(&s->ipd, (SQLSMALLINT)(a->marker + 1), 0);
            if (ipd && ipd->unnamed == SQL_NAMED && ipd->name && *ipd->name)
                name = ipd->name; /* bound by name through SQL_DESC_NAME */
        }
        if (!name && i < ep->nlp)
            name = ep->lp[i].name;
        if (!name)
            return rs_diag_post(&s->h.diag, "07001", 0,
                                "lambda %s takes %zu parameter(s); argument %zu has no match",
                                rw->call_name, ep->nlp, i + 1);
        p->name = name;
        if (a->marker >= 0 && (size_t)a->marker < ep->nvals) {
            rs_pval *v = &ep->vals[a->marker];
            p->type = v->type;
            p->value = v->value;
            p->is_null = v->is_null;
        } else {
            literal_param(a->literal ? a->literal : "null", p, &ep->owned[ep->nowned]);
            if (ep->owned[ep->nowned])
                ep->nowned++;
        }
        decl = lambda_type_of(ep, name);
        if (decl && *decl)
            p->type = decl; /* the lambda's declared type wins over the C type's */
        ep->nqp++;
    }
    return SQL_SUCCESS;
}

static SQLRETURN query_params(rs_stmt *s, exec_params *ep)
{
    ep->qp = calloc(ep->nvals + 1, sizeof *ep->qp);
    if (!ep->qp)
        return rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
    for (size_t k = 0; k < ep->nvals; k++) {
        rs_query_param *p = &ep->qp[k];
        p->name = s->rw.markers[k].name;
        p->type = ep->vals[k].type;
        p->value = ep->vals[k].value;
        p->is_null = ep->vals[k].is_null;
    }
    ep->nqp = ep->nvals;
    return SQL_SUCCESS;
}

/* Runs the statement with parameter set `set`; the row source replaces the previous one. */
/* INSERT INTO ... SELECT wrote: the next query on the connection waits for its offset, as
 * after the driver's own writes (an unqualified target is commons's, as in queries). */
static void remember_insert_select(rs_stmt *s, const rs_rowsource *rs)
{
    if (s->rw.is_insert && s->rw.insert_coll)
        rs_conn_remember_write(s->conn, s->rw.insert_ws ? s->rw.insert_ws : "commons",
                               s->rw.insert_coll, rs->last_offset);
}

static SQLRETURN run_one_set(rs_stmt *s, SQLULEN set)
{
    exec_params ep;
    rs_query_request req;
    rs_rowsource *rs = NULL;
    rs_error err;
    rs_conn *c = s->conn;
    SQLRETURN rc;
    int r;

    if (s->rw.dml.kind != RS_DML_NONE) {
        rs_stmt_close_cursor(s);
        return rs_stmt_dml_set(s, set);
    }
    memset(&ep, 0, sizeof ep);
    rc = convert_markers(s, set, &ep);
    if (rc != SQL_ERROR)
        rc = rs_rc_merge(rc, s->rw.is_call ? call_params(s, &ep) : query_params(s, &ep));
    if (rc == SQL_ERROR) {
        exec_params_free(&ep);
        return rc;
    }
    memset(&req, 0, sizeof req);
    if (s->rw.is_call) {
        req.lambda_ws = s->rw.call_ws ? s->rw.call_ws : c->cfg.workspace;
        req.lambda_name = s->rw.call_name;
        req.lambda_version = s->rw.call_version;
        req.lambda_tag = s->rw.call_tag ? s->rw.call_tag
                         : s->rw.call_version ? NULL : c->cfg.lambda_tag;
    } else {
        req.sql = s->rw.sql;
        req.is_insert = s->rw.is_insert;
    }
    req.params = ep.qp;
    req.nparams = ep.nqp;
    req.default_row_limit = c->cfg.default_row_limit;
    req.page_size = s->metadata_only ? 1 : c->cfg.page_size;
    req.timeout_ms = (long)s->query_timeout * 1000L;
    rs_stmt_close_cursor(s);
    rs_log(RS_LOG_INFO, "execute%s: %s (%zu parameter(s))", s->metadata_only ? " for metadata" : "",
           s->rw.is_call ? s->rw.call_name : s->rw.sql, ep.nqp);
    rs_error_clear(&err);
    if (rs_stmt_begin_request(s) != 0) {
        rs_error_set(&err, RS_ERR_CANCELLED, "the statement was cancelled");
        r = -1;
    } else {
        /* read your writes: the connection's last writes are queryable first */
        r = c->npending > 0 ? rs_stmt_await_writes(s, &err) : 0;
        if (r == 0)
            r = rs_client_query(c->client, &req, &rs, &err);
        if (r == 0)
            rs_stmt_learn_schema(s, rs);
    }
    rs_stmt_end_request(s);
    exec_params_free(&ep);
    if (r != 0) {
        rs_log(RS_LOG_ERROR, "execute failed: %s", err.message);
        rs_rowsource_close(rs);
        if (s->apd->array_size > 1)
            return rs_diag_post_at(&s->h.diag, rs_diag_state_for(&err, 0), (SQLLEN)set + 1,
                                   SQL_NO_COLUMN_NUMBER, "%s%s", err.kind == RS_ERR_HTTP ? "[Rockset] " : "",
                                   err.message);
        return rs_conn_post_error(c, &s->h.diag, &err);
    }
    if (rs->rows_affected >= 0)
        s->sets_rows = (s->sets_rows < 0 ? 0 : s->sets_rows) + (SQLLEN)rs->rows_affected;
    remember_insert_select(s, rs);
    s->rs = rs;
    return rc;
}

static SQLSMALLINT next_dae(rs_stmt *s, SQLSMALLINT after)
{
    for (SQLSMALLINT k = (SQLSMALLINT)(after + 1); k <= (SQLSMALLINT)s->rw.nmarkers; k++)
        if (rs_stmt_param_is_dae(s, k, s->exec_set))
            return k;
    return 0;
}

/* SQL_DIAG_DYNAMIC_FUNCTION(_CODE) of the statement executed. */
static void dynamic_function(rs_stmt *s)
{
    static const struct { const char *name; SQLINTEGER code; } dml[] = {
        [RS_DML_INSERT] = {"INSERT", SQL_DIAG_INSERT},
        [RS_DML_UPDATE] = {"UPDATE WHERE", SQL_DIAG_UPDATE_WHERE},
        [RS_DML_DELETE] = {"DELETE WHERE", SQL_DIAG_DELETE_WHERE},
        [RS_DML_CREATE] = {"CREATE TABLE", SQL_DIAG_CREATE_TABLE},
        [RS_DML_DROP] = {"DROP TABLE", SQL_DIAG_DROP_TABLE},
    };

    if (s->rw.dml.kind != RS_DML_NONE) {
        s->h.diag.dynamic_function = dml[s->rw.dml.kind].name;
        s->h.diag.dynamic_function_code = dml[s->rw.dml.kind].code;
        return;
    }
    s->h.diag.dynamic_function = s->rw.is_call ? "CALL" : s->rw.is_insert ? "INSERT"
                                                                     : "SELECT CURSOR";
    s->h.diag.dynamic_function_code = s->rw.is_call ? SQL_DIAG_CALL
                                      : s->rw.is_insert ? SQL_DIAG_INSERT
                                                        : SQL_DIAG_SELECT_CURSOR;
}

static SQLRETURN finish_sets(rs_stmt *s, SQLULEN used)
{
    SQLRETURN rc = s->exec_rc;

    s->need_data = 0;
    if (s->ipd.rows_processed_ptr)
        *s->ipd.rows_processed_ptr = s->exec_set;
    if (used > 0 && s->sets_failed == used)
        rc = SQL_ERROR;
    else if (s->sets_failed > 0)
        rc = rs_rc_merge(rc == SQL_ERROR ? SQL_SUCCESS : rc, SQL_SUCCESS_WITH_INFO);
    if (s->rs && !s->metadata_only) {
        rs_rowsource *rs = s->rs;
        s->rs = NULL;
        rs_stmt_open_rowsource(s, rs);
    }
    /* SQL_PARC_NO_BATCH: one row count, the whole array's */
    if (s->sets_rows >= 0)
        s->row_count = s->sets_rows;
    s->executed = rc != SQL_ERROR;
    s->h.diag.row_count = s->row_count;
    dynamic_function(s);
    return rc;
}

/* Executes parameter sets from s->exec_set on; data_ready: the current set's data-at-exec
 * values are all in. */
/* Whether any marker of any set is data at execution. */
static int any_dae(rs_stmt *s, SQLULEN nsets)
{
    for (SQLULEN set = 0; set < nsets; set++)
        for (SQLSMALLINT k = 1; k <= (SQLSMALLINT)s->rw.nmarkers; k++)
            if (rs_stmt_param_is_dae(s, k, set))
                return 1;
    return 0;
}

/* INSERT ... VALUES over the whole parameter array: one request per batch the service
 * takes, not one per set (SQL_PARAM_ARRAY_ROW_COUNTS stays SQL_PARC_NO_BATCH: one count). */
static SQLRETURN insert_all_sets(rs_stmt *s, SQLULEN nsets)
{
    SQLUSMALLINT *status = s->ipd.array_status_ptr;
    unsigned char *failed = malloc(nsets ? nsets : 1);
    SQLULEN *sets = malloc((nsets ? nsets : 1) * sizeof *sets), used = 0;
    SQLRETURN r;

    if (!failed || !sets) {
        free(failed);
        free(sets);
        return rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
    }
    for (SQLULEN k = 0; status && k < nsets; k++)
        status[k] = SQL_PARAM_UNUSED;
    r = rs_stmt_insert_sets(s, 0, nsets, failed, &used, sets);
    if (r == SQL_ERROR && used == 0) { /* refused before any set was tried */
        free(failed);
        free(sets);
        return r;
    }
    for (SQLULEN k = 0; k < used; k++) {
        s->sets_failed += failed[k];
        if (status)
            status[sets[k]] = failed[k] ? SQL_PARAM_ERROR : SQL_PARAM_SUCCESS;
    }
    s->used_sets = used;
    if (r != SQL_ERROR)
        s->exec_rc = rs_rc_merge(s->exec_rc, r == SQL_SUCCESS_WITH_INFO && s->sets_failed
                                                 ? SQL_SUCCESS : r);
    s->exec_set = nsets;
    free(failed);
    free(sets);
    return finish_sets(s, used);
}

static SQLRETURN run_sets(rs_stmt *s, int data_ready)
{
    SQLULEN nsets = s->metadata_only ? 1 : s->apd->array_size;
    SQLUSMALLINT *ops = s->apd->array_status_ptr, *status = s->ipd.array_status_ptr;

    if (s->rw.dml.kind == RS_DML_INSERT && !s->metadata_only && s->exec_set == 0 &&
        !data_ready && !any_dae(s, nsets))
        return insert_all_sets(s, nsets);

    for (; s->exec_set < nsets; s->exec_set++, data_ready = 0) {
        SQLULEN set = s->exec_set;
        SQLRETURN r;
        if (ops && ops[set] == SQL_PARAM_IGNORE) {
            if (status)
                status[set] = SQL_PARAM_UNUSED;
            continue;
        }
        if (!data_ready && !s->metadata_only && next_dae(s, 0)) {
            s->need_data = 1;
            s->dae_param = 0;
            return SQL_NEED_DATA;
        }
        s->used_sets++;
        r = run_one_set(s, set);
        rs_stmt_dae_reset(s);
        if (r == SQL_ERROR) {
            s->sets_failed++;
            rs_stmt_close_cursor(s);
        } else {
            s->exec_rc = rs_rc_merge(s->exec_rc, r);
        }
        if (status)
            status[set] = r == SQL_ERROR ? SQL_PARAM_ERROR
                          : r == SQL_SUCCESS_WITH_INFO ? SQL_PARAM_SUCCESS_WITH_INFO
                                                       : SQL_PARAM_SUCCESS;
    }
    if (s->exec_set > nsets)
        s->exec_set = nsets;
    return finish_sets(s, s->used_sets);
}

static SQLRETURN start_execute(rs_stmt *s)
{
    rs_stmt_close_cursor(s);
    atomic_store(&s->cancel_requested, 0);
    s->exec_set = 0;
    s->used_sets = 0;
    s->sets_failed = 0;
    s->sets_rows = -1;
    s->exec_rc = SQL_SUCCESS;
    s->row_count = -1;
    rs_stmt_dae_reset(s);
    if (s->ipd.rows_processed_ptr)
        *s->ipd.rows_processed_ptr = 0;
    for (size_t k = 0; !s->metadata_only && k < s->rw.nmarkers; k++) {
        rs_desc_rec *r = rs_desc_rec_at(s->apd, (SQLSMALLINT)(k + 1), 0);
        if (!r || (!r->data_ptr && !r->indicator_ptr && !r->octet_length_ptr))
            return rs_diag_post(&s->h.diag, "07002", 0,
                                "parameter %zu (%s) is not bound", k + 1, s->rw.markers[k].name);
    }
    return run_sets(s, 0);
}

SQLRETURN rs_stmt_execute(rs_stmt *s)
{
    if (s->need_data)
        return rs_diag_post(&s->h.diag, "HY010", 0, "data at execution is in progress");
    if (!s->prepared)
        return rs_diag_post(&s->h.diag, "HY010", 0, "no statement was prepared");
    if (s->cursor_open)
        return rs_diag_post(&s->h.diag, "24000", 0, "a cursor is open");
    s->metadata_only = 0;
    /* ODBC, SQL_ATTR_ACCESS_MODE: "SQL_MODE_READ_ONLY = Used by the driver or data source as
     * an indicator that the connection is not required to support SQL statements that cause
     * updates to occur"; this driver refuses them before any request. */
    if ((s->rw.dml.kind != RS_DML_NONE || s->rw.is_insert) &&
        (s->conn->access_mode == SQL_MODE_READ_ONLY || s->conn->cfg.read_only))
        return rs_diag_post(&s->h.diag, "25000", 0, "the connection is read-only "
                            "(SQL_ATTR_ACCESS_MODE or ReadOnly=1): %s refused",
                            s->rw.dml.kind == RS_DML_NONE ? "INSERT INTO ... SELECT"
                            : "the write");
    return start_execute(s);
}

SQLRETURN rs_stmt_exec_direct(rs_stmt *s, const char *sql, long len)
{
    SQLRETURN rc = rs_stmt_prepare(s, sql, len), r2;

    if (rc == SQL_ERROR)
        return rc;
    r2 = rs_stmt_execute(s);
    if (r2 == SQL_NEED_DATA || r2 == SQL_NO_DATA || r2 == SQL_ERROR)
        return r2;
    return rs_rc_merge(rc, r2);
}

SQLRETURN rs_stmt_ensure_meta(rs_stmt *s)
{
    SQLRETURN rc;

    if (s->meta_valid || s->cursor_open)
        return SQL_SUCCESS;
    if (!s->prepared)
        return rs_diag_post(&s->h.diag, "HY010", 0, "no statement was prepared or executed");
    if (s->need_data)
        return rs_diag_post(&s->h.diag, "HY010", 0, "data at execution is in progress");
    /* an INSERT has no result set, and running it to learn that would write its rows */
    if (s->rw.is_insert || s->rw.dml.kind != RS_DML_NONE) {
        rs_desc_set_count(&s->ird, 0);
        s->meta_valid = 1;
        return SQL_SUCCESS;
    }
    /* Rockset has no describe-without-running: run the statement once with every parameter
     * NULL and a page of one row, read the columns, drop the rows (docs/odbc-functions.md). */
    s->metadata_only = 1;
    rc = start_execute(s);
    if (s->rs) {
        build_ird(s, s->rs);
        rs_stmt_close_cursor(s);
    }
    s->metadata_only = 0;
    s->executed = 0;
    s->row_count = -1;
    return rc;
}

SQLRETURN rs_stmt_param_data(rs_stmt *s, SQLPOINTER *token)
{
    SQLSMALLINT k;

    if (!s->need_data)
        return rs_diag_post(&s->h.diag, "HY010", 0, "no data at execution is pending");
    if (s->dae_param > 0)
        rs_stmt_dae_done(s, s->dae_param);
    k = next_dae(s, s->dae_param);
    if (k > 0) {
        s->dae_param = k;
        if (token)
            *token = rs_stmt_param_token(s, k, s->exec_set);
        return SQL_NEED_DATA;
    }
    s->dae_param = 0;
    return run_sets(s, 1);
}
