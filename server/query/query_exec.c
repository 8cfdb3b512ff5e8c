/* SPDX-License-Identifier: Apache-2.0 */
/* Translating, preparing, binding and stepping one query (see query_exec.h). */
#include "server/query/query_exec.h"
#include "server/sql/sql_functions.h"
#include "server/sql/sql_value.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void qx_fail(qx_error *e, int status, const char *type, const char *id, int line,
                    int col, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static void qx_fail(qx_error *e, int status, const char *type, const char *id, int line,
                    int col, const char *fmt, ...)
{
    va_list ap;
    e->status = status;
    snprintf(e->type, sizeof e->type, "%s", type);
    e->key[0] = '\0';
    snprintf(e->id, sizeof e->id, "%s", id ? id : "");
    e->line = line;
    e->column = col;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
}

static const cJSON *find_param(const cJSON *params, const sql_param_ref *ref)
{
    const cJSON *p;
    cJSON_ArrayForEach(p, params) {
        const cJSON *n = cJSON_GetObjectItemCaseSensitive(p, "name");
        if (cJSON_IsString(n) && strcmp(n->valuestring, ref->name) == 0)
            return p;
    }
    if (ref->positional) {
        /* "?" may also be matched by position in the parameters array */
        int k = atoi(ref->name);
        return k >= 1 ? cJSON_GetArrayItem(params, k - 1) : NULL;
    }
    return NULL;
}

static sql_kind kind_of_type(const char *t)
{
    static const struct { const char *n; sql_kind k; } m[] = {
        { "string", SQL_KIND_STRING }, { "int", SQL_KIND_INT }, { "float", SQL_KIND_FLOAT },
        { "bool", SQL_KIND_BOOL }, { "date", SQL_KIND_DATE }, { "datetime", SQL_KIND_DATETIME },
        { "time", SQL_KIND_TIME }, { "timestamp", SQL_KIND_TIMESTAMP },
    };
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        if (strcasecmp(m[i].n, t) == 0)
            return m[i].k;
    return SQL_KIND_ANY;
}

/* Binds one typed value; values arrive as strings (numbers and booleans are accepted too). */
static int bind_value(sqlite3_stmt *st, int slot, sql_kind k, const cJSON *v, const char *name,
                      qx_error *e)
{
    char num[64];
    const char *s = NULL;
    if (!v || cJSON_IsNull(v))
        return sqlite3_bind_null(st, slot);
    if (cJSON_IsString(v))
        s = v->valuestring;
    else if (cJSON_IsBool(v))
        s = cJSON_IsTrue(v) ? "true" : "false";
    else if (cJSON_IsNumber(v))
        snprintf(num, sizeof num, "%.17g", v->valuedouble), s = num;
    if (!s)
        goto bad;
    char *end = NULL;
    long long us;
    errno = 0;
    switch (k) {
    case SQL_KIND_INT: {
        long long i = strtoll(s, &end, 10);
        if (end == s || *end || errno)
            goto bad;
        return sqlite3_bind_int64(st, slot, i);
    }
    case SQL_KIND_FLOAT: {
        double d = strtod(s, &end);
        if (end == s || *end)
            goto bad;
        return sqlite3_bind_double(st, slot, d);
    }
    case SQL_KIND_BOOL:
        /* values of the model (sql_value.h): a bool is a one-byte blob */
        if (strcasecmp(s, "true") == 0 || strcmp(s, "1") == 0)
            return sql_value_bind_bool(st, slot, 1);
        if (strcasecmp(s, "false") == 0 || strcmp(s, "0") == 0)
            return sql_value_bind_bool(st, slot, 0);
        goto bad;
    case SQL_KIND_TIMESTAMP: {
        char buf[40];
        if (sql_parse_timestamp(s, &us) != 0)
            goto bad;
        sql_format_timestamp(us, buf, sizeof buf);
        return sql_value_bind_tagged(st, slot, SQL_VT_TIMESTAMP, buf, strlen(buf));
    }
    case SQL_KIND_DATE: case SQL_KIND_TIME: case SQL_KIND_DATETIME: {
        /* the canonical text (sql_functions.h), so that the value equals stored ones */
        static const sql_tv tv[] = { [SQL_KIND_DATE] = SQL_TV_DATE,
                                     [SQL_KIND_TIME] = SQL_TV_TIME,
                                     [SQL_KIND_DATETIME] = SQL_TV_DATETIME };
        char buf[40];
        if ((k == SQL_KIND_DATE && strlen(s) != 10) ||
            sql_tv_canon(s, tv[k], buf, sizeof buf) < 0)
            goto bad;
        return sql_value_bind_tagged(st, slot, sql_vt_of_tv(tv[k]), buf, strlen(buf));
    }
    default:
        return sqlite3_bind_text(st, slot, s, -1, SQLITE_TRANSIENT);
    }
bad:
    qx_fail(e, 400, "INVALIDINPUT", "invalid_parameter", 0, 0,
            "Invalid value for parameter '%s' of type %s", name,
            k == SQL_KIND_ANY ? "string" : sql_kind_type_name(k));
    return -1;
}

static int bind_params(qx_query *q, const cJSON *params, qx_error *e)
{
    q->param_types = calloc(q->tr.nparams + 1, 1);
    if (!q->param_types)
        return -1;
    for (size_t i = 0; i < q->tr.nparams; i++) {
        const sql_param_ref *r = &q->tr.params[i];
        const cJSON *p = find_param(params, r);
        if (!p) {
            qx_fail(e, 400, "QUERY_ERROR", "parameter_not_found", r->line, r->column,
                    "Parameter '%s' is not defined", r->name);
            return -1;
        }
        const cJSON *ty = cJSON_GetObjectItemCaseSensitive(p, "type");
        const char *tn = cJSON_IsString(ty) ? ty->valuestring : "string";
        sql_kind k = kind_of_type(tn);
        if (k == SQL_KIND_ANY) {
            qx_fail(e, 400, "INVALIDINPUT", "invalid_parameter", r->line, r->column,
                    "Unknown type '%s' for parameter '%s'", tn, r->name);
            return -1;
        }
        q->param_types[i] = (char)k;
        if (bind_value(q->stmt, (int)i + 1, k, cJSON_GetObjectItemCaseSensitive(p, "value"),
                       r->name, e) != 0)
            return -1;
    }
    return 0;
}

static sql_kind column_kind(const qx_query *q, const char *name)
{
    for (size_t i = 0; i < q->tr.ncols; i++) {
        const sql_column *c = &q->tr.cols[i];
        if (strcmp(c->name, name) != 0)
            continue;
        if (c->kind == SQL_KIND_PARAM)
            return q->param_types && c->param >= 1 && (size_t)c->param <= q->tr.nparams
                       ? (sql_kind)q->param_types[c->param - 1] : SQL_KIND_ANY;
        return c->kind;
    }
    return SQL_KIND_ANY;
}

static int is_excepted(const qx_query *q, const char *name)
{
    for (size_t i = 0; i < q->tr.nexcept; i++)
        if (strcmp(q->tr.except[i], name) == 0)
            return 1;
    return 0;
}

/* Pairs each column with the companion that follows it. */
static int setup_columns(qx_query *q)
{
    const size_t sl = strlen(SQL_COMPANION_SUFFIX);
    q->ncols = sqlite3_column_count(q->stmt);
    /* the names are copied behind the columns (one block, freed with them): SQLite frees the
     * ones sqlite3_column_name returns when it prepares the statement again, which it does
     * on the first step after binding a LIKE pattern, so they would be read after free */
    size_t names = 0, at = ((size_t)q->ncols + 1) * sizeof *q->cols;
    for (int i = 0; i < q->ncols; i++) {
        const char *n = sqlite3_column_name(q->stmt, i);
        names += n ? strlen(n) + 1 : 0;
    }
    q->cols = calloc(1, at + names);
    if (!q->cols)
        return -1;
    for (int i = 0; i < q->ncols; i++) {
        const char *n = sqlite3_column_name(q->stmt, i);
        if (n) {
            size_t nl = strlen(n) + 1;
            memcpy((char *)q->cols + at, n, nl);
            q->cols[i].name = (char *)q->cols + at;
            at += nl;
        }
    }
    for (int i = 0; i < q->ncols; i++) {
        qx_col *c = &q->cols[i];
        c->companion = -1;
        size_t L = c->name ? strlen(c->name) : 0;
        if (!c->name || (L > sl && strcmp(c->name + L - sl, SQL_COMPANION_SUFFIX) == 0)) {
            c->skip = 1;
            continue;
        }
        if (i + 1 < q->ncols) {
            const char *nx = q->cols[i + 1].name;
            if (nx && strlen(nx) == L + sl && strncmp(nx, c->name, L) == 0 &&
                strcmp(nx + L, SQL_COMPANION_SUFFIX) == 0)
                c->companion = i + 1;
        }
        c->skip = is_excepted(q, c->name);
        c->doc = strcmp(c->name, SQL_DOC_COLUMN) == 0;
        /* SELECT * over a join repeats names (_id...): the first one wins, one key each */
        for (int j = 0; j < i && !c->skip; j++)
            if (!q->cols[j].skip && strcmp(q->cols[j].name, c->name) == 0)
                c->skip = 1;
        c->kind = column_kind(q, c->name);
    }
    return 0;
}

/* 1-based line/column of the first whole-word occurrence of word in src. */
static void find_word(const char *src, const char *word, int *line, int *col)
{
    size_t L = strlen(word);
    int ln = 1, cl = 1;
    for (const char *p = src; *p; p++) {
        if (strncasecmp(p, word, L) == 0 && (p == src || !(isalnum((unsigned char)p[-1]) ||
                                                           p[-1] == '_')) &&
            !(isalnum((unsigned char)p[L]) || p[L] == '_')) {
            *line = ln;
            *col = cl;
            return;
        }
        if (*p == '\n')
            ln++, cl = 1;
        else if (((unsigned char)*p & 0xC0) != 0x80)
            cl++;
    }
}

/* SQLite's syntax errors ("near \"X\": syntax error", "unrecognized token: ...",
 * "incomplete input") in Rockset's wording (sql_syntax_msg), at the token of the user's text
 * where SQLite stopped: its offset in the translation maps to a source position; an offset
 * past the translation (the default_row_limit wrapper's ") LIMIT n") or none at all means
 * the query ended too early, so the place is the end of the query. */
static void syntax_error(qx_query *q, const char *src, int off, qx_error *e)
{
    sql_tokens toks;
    char msg[256];
    int line = 0, col = 0;
    if (sql_lex(src, &toks, msg, sizeof msg, &line, &col) != 0) {
        qx_fail(e, 400, "QUERY_ERROR", "syntax_error", line, col, "%s", msg);
        return;
    }
    const sql_token *t = &toks.v[toks.n - 1];
    if (off >= 0 && (size_t)off < strlen(q->tr.sql)) {
        sql_translation_pos(&q->tr, off, &line, &col);
        if (line > 0)
            t = sql_token_at(&toks, line, col);
    }
    sql_syntax_msg(msg, sizeof msg, t, NULL);
    qx_fail(e, 400, "QUERY_ERROR", "syntax_error", t->line, t->column, "%s", msg);
    sql_tokens_free(&toks);
}

static int is_syntax_error(const char *m)
{
    return strcmp(m, "incomplete input") == 0 || strncmp(m, "unrecognized token:", 19) == 0 ||
           (strncmp(m, "near \"", 6) == 0 && strstr(m, "\": syntax error"));
}

/* An SQLite error as a Rockset QUERY_ERROR with the source position when it is known. */
static void sqlite_error(qx_query *q, const char *src, int prefix_len, qx_error *e)
{
    const char *m = sqlite3_errmsg(q->db);
    int off = sqlite3_error_offset(q->db), line = 0, col = 0;
    if (off >= prefix_len)
        sql_translation_pos(&q->tr, off - prefix_len, &line, &col);
    char name[200] = "";
    int ncols = 0;
    if (src[0] && is_syntax_error(m)) {
        syntax_error(q, src, off >= prefix_len ? off - prefix_len : -1, e);
    } else if (sscanf(m, "no such function: %199s", name) == 1) {
        if (line == 0)
            find_word(src, name, &line, &col);
        qx_fail(e, 400, "QUERY_ERROR", "function_not_found", line, col,
                "Function `%s` not found.", name);
    } else if (sscanf(m, "no such column: %199[^\n]", name) == 1) {
        const char *dot = strrchr(name, '.');
        const char *fld = dot ? dot + 1 : name;
        if (line == 0)
            find_word(src, fld, &line, &col);
        /* worded like the service's "Function `COUT` not found." */
        qx_fail(e, 400, "QUERY_ERROR", "column_not_found", line, col, "Field `%s` not found.",
                fld);
    } else if (sscanf(m, "table rs_in_q has %d values for 1 columns", &ncols) == 1 ||
               sscanf(m, "sub-select returns %d columns - expected 1", &ncols) == 1) {
        /* x IN (subquery) reads the subquery twice (sql_tr_pred.c), once as rs_in_q: the
         * message must not name that */
        qx_fail(e, 400, "QUERY_ERROR", "query_error", line, col,
                "The subquery of IN must select one column, not %d", ncols);
    } else if (strstr(m, "interrupted")) {
        /* the service's first sentence (docs.rockset.com, "Async Queries": "Query timeout
         * reached. The resources allocated for your Virtual Instance are not sufficient...");
         * the rest names what a local user can change */
        qx_fail(e, 408, "QUERY_TIMEOUT", "query_timeout", 0, 0,
                "Query timeout reached. The query ran longer than its timeout_ms; raise it or "
                "narrow the query.");
    } else {
        qx_fail(e, 400, "QUERY_ERROR", "query_error", line, col, "%s", m);
    }
}

/* A result row is a JSON object: two select items with one output name cannot both reach the
 * client (the second value would replace the first, or vanish). Rather than answer a row that
 * silently lacks a value, refuse the query and say how to fix it. */
static int check_unique_names(const sql_translation *tr, qx_error *err)
{
    for (size_t i = 1; tr->kind != SQL_STMT_DESCRIBE && i < tr->ncols; i++)
        for (size_t j = 0; j < i; j++)
            if (tr->cols[i].name && tr->cols[j].name &&
                strcmp(tr->cols[i].name, tr->cols[j].name) == 0) {
                qx_fail(err, 400, "QUERY_ERROR", "duplicate_field", 0, 0,
                        "Field `%s` appears more than once in the SELECT list: a result "
                        "document holds one value per field name, so give each a distinct "
                        "alias (e.g. `AS %s_2`).", tr->cols[i].name, tr->cols[i].name);
                return -1;
            }
    return 0;
}

static int prepare_on(sqlite3 *db, const char *sql, const cJSON *params,
                      const qx_options *opts, sql_resolve_fn resolve, void *ctx, qx_query *q,
                      qx_error *err, int registered);

/* Whether text contains word (lower case), ignoring case. */
static int mentions(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text; *p; p++)
        if (strncasecmp(p, word, n) == 0)
            return 1;
    return 0;
}

int qx_prepare(sqlite3 *db, const char *sql, const cJSON *params, const qx_options *opts,
               sql_resolve_fn resolve, void *ctx, qx_query *q, qx_error *err)
{
    return prepare_on(db, sql, params, opts, resolve, ctx, q, err, 0);
}

int qx_prepare_pooled(sqlite3 *db, const char *sql, const cJSON *params,
                      const qx_options *opts, sql_resolve_fn resolve, void *ctx, qx_query *q,
                      qx_error *err)
{
    return prepare_on(db, sql, params, opts, resolve, ctx, q, err, 1);
}

static int prepare_on(sqlite3 *db, const char *sql, const cJSON *params,
                      const qx_options *opts, sql_resolve_fn resolve, void *ctx, qx_query *q,
                      qx_error *err, int registered)
{
    static const qx_options no_opts = { NULL, 0, 0, NULL };
    sql_translate_opts to = { NULL, 0 };
    memset(q, 0, sizeof *q);
    memset(err, 0, sizeof *err);
    q->db = db;
    opts = opts ? opts : &no_opts;
    to.default_workspace = opts->default_workspace;
    if (!registered) {
        srv_sql_register_functions(db);
        /* an unknown "name" must be an error, not silently the string 'name' */
        sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, (int *)NULL);
        sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *)NULL);
    }
    /* redefining CURRENT_USER expires every statement the connection keeps prepared (the
     * pool's): on a pooled connection it is set only for a query that can call it */
    if (!registered || mentions(sql, "current_user"))
        sql_set_current_user(db, opts->user);
    for (int attempt = 0;; attempt++) {
        if (sql_translate(sql, &to, resolve, ctx, &q->tr) != 0) {
            err->status = q->tr.err_status;
            snprintf(err->type, sizeof err->type, "%s", q->tr.err_type);
            snprintf(err->key, sizeof err->key, "%s", q->tr.err_key);
            snprintf(err->id, sizeof err->id, "%s", q->tr.err_id);
            snprintf(err->msg, sizeof err->msg, "%s", q->tr.err_msg);
            err->line = q->tr.err_line;
            err->column = q->tr.err_column;
            return -1;
        }
        if (q->tr.kind == SQL_STMT_DESCRIBE)
            return 0;
        if (check_unique_names(&q->tr, err) != 0)
            return -1;
        sql_sbuf text = { 0 };
        int prefix = 0;
        /* a row limit meant for answers would drop rows an INSERT must write */
        if (opts->default_row_limit > 0 && !q->tr.has_limit && q->tr.kind == SQL_STMT_QUERY) {
            sql_sbuf_puts(&text, "SELECT * FROM (");
            prefix = (int)text.len;
            sql_sbuf_puts(&text, q->tr.sql);
            sql_sbuf_printf(&text, ") LIMIT %lld", opts->default_row_limit);
        } else {
            sql_sbuf_puts(&text, q->tr.sql);
        }
        int rc = text.oom ? SQLITE_NOMEM
                          : sqlite3_prepare_v2(db, text.s, -1, &q->stmt, NULL);
        free(text.s);
        if (rc == SQLITE_OK && q->stmt)
            break;
        const char *m = sqlite3_errmsg(db);
        if (attempt == 0 && (strstr(m, SQL_COMPANION_SUFFIX) || strstr(m, "result columns"))) {
            /* a source without companions: retry with plain columns */
            sql_translation_free(&q->tr);
            to.no_companions = 1;
            continue;
        }
        if (rc == SQLITE_OK)
            qx_fail(err, 400, "QUERY_ERROR", "syntax_error", 0, 0, "Empty query");
        else
            sqlite_error(q, sql, prefix, err);
        return -1;
    }
    if ((!opts->validate_only && bind_params(q, params, err) != 0) || setup_columns(q) != 0) {
        if (err->status == 0)
            qx_fail(err, 500, "INTERNALERROR", NULL, 0, 0, "Out of memory");
        return -1;
    }
    return 0;
}

static int next_row(qx_query *q, sql_sbuf *out, qx_error *err, int as_doc)
{
    if (q->done || !q->stmt)
        return 0;
    int rc = sqlite3_step(q->stmt);
    if (rc == SQLITE_ROW) {
        (as_doc ? qenc_row_doc : qenc_row)(q->stmt, q->cols, q->ncols, q->tr.except,
                                           q->tr.nexcept, out);
        q->rows++;
        return 1;
    }
    q->done = 1;
    if (rc == SQLITE_DONE)
        return 0;
    sqlite_error(q, "", 0, err);
    err->line = err->column = 0;
    return -1;
}

int qx_next(qx_query *q, sql_sbuf *out, qx_error *err)
{
    return next_row(q, out, err, 0);
}

int qx_next_doc(qx_query *q, sql_sbuf *out, qx_error *err)
{
    return next_row(q, out, err, 1);
}

/* The type the values of output column name had, "" when unknown or mixed. */
static const char *seen_type(const qx_query *q, const char *name)
{
    for (int k = 0; k < q->ncols; k++) {
        const qx_col *c = &q->cols[k];
        if (!c->skip && !c->doc && c->name && strcmp(c->name, name) == 0)
            return c->mixed ? "" : c->seen;
    }
    return "";
}

static int column_fields(const qx_query *q, sql_sbuf *out, int seen)
{
    if (q->tr.has_star || q->tr.kind != SQL_STMT_QUERY)
        return 0;
    sql_sbuf_puts(out, "[");
    for (size_t i = 0; i < q->tr.ncols; i++) {
        const char *name = q->tr.cols[i].name;
        const char *t = sql_kind_type_name(column_kind(q, name));
        if (!t[0] && seen)
            t = seen_type(q, name);
        if (i)
            sql_sbuf_puts(out, ",");
        sql_sbuf_puts(out, "{\"name\":");
        qenc_string(out, name, strlen(name));
        sql_sbuf_puts(out, ",\"type\":");
        qenc_string(out, t, strlen(t));
        sql_sbuf_puts(out, "}");
    }
    sql_sbuf_puts(out, "]");
    return 1;
}

int qx_column_fields(const qx_query *q, sql_sbuf *out)
{
    return column_fields(q, out, 0);
}

int qx_column_fields_seen(const qx_query *q, sql_sbuf *out)
{
    return column_fields(q, out, 1);
}

void qx_finish(qx_query *q)
{
    if (q->stmt)
        sqlite3_finalize(q->stmt);
    free(q->cols);
    free(q->param_types);
    sql_translation_free(&q->tr);
    memset(q, 0, sizeof *q);
}
