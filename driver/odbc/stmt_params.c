/* SPDX-License-Identifier: Apache-2.0 */
/* Parameters: SQLBindParameter over the APD/IPD, conversion of a parameter set into Rockset
 * parameters, data at execution (SQLParamData/SQLPutData). */
#include "driver/odbc/stmt.h"
#include "driver/convert/convert.h"
#include "driver/convert/types.h"
#include "driver/sql/sqlparam.h"

#include <stdlib.h>
#include <string.h>

SQLLEN rs_c_type_size(SQLSMALLINT t)
{
    switch (t) {
    case SQL_C_BIT: case SQL_C_TINYINT: case SQL_C_STINYINT: case SQL_C_UTINYINT: return 1;
    case SQL_C_SHORT: case SQL_C_SSHORT: case SQL_C_USHORT: return sizeof(SQLSMALLINT);
    case SQL_C_LONG: case SQL_C_SLONG: case SQL_C_ULONG: return sizeof(SQLINTEGER);
    case SQL_C_SBIGINT: case SQL_C_UBIGINT: return sizeof(SQLBIGINT);
    case SQL_C_FLOAT: return sizeof(SQLREAL);
    case SQL_C_DOUBLE: return sizeof(SQLDOUBLE);
    case SQL_C_NUMERIC: return sizeof(SQL_NUMERIC_STRUCT);
    case SQL_C_TYPE_DATE: case SQL_C_DATE: return sizeof(SQL_DATE_STRUCT);
    case SQL_C_TYPE_TIME: case SQL_C_TIME: return sizeof(SQL_TIME_STRUCT);
    case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP: return sizeof(SQL_TIMESTAMP_STRUCT);
    case SQL_C_GUID: return sizeof(SQLGUID);
    default: return 0;
    }
}

char *rs_bound_addr(const rs_desc *d, void *base, SQLLEN elem_size, SQLULEN row)
{
    char *p = base;

    if (!p)
        return NULL;
    if (d->bind_offset_ptr)
        p += *d->bind_offset_ptr;
    if (d->bind_type == SQL_BIND_BY_COLUMN)
        p += (SQLLEN)row * elem_size;
    else
        p += (SQLLEN)row * d->bind_type;
    return p;
}

SQLRETURN rs_stmt_bind_param(rs_stmt *s, SQLUSMALLINT n, SQLSMALLINT io, SQLSMALLINT ctype,
                             SQLSMALLINT sqltype, SQLULEN size, SQLSMALLINT digits,
                             SQLPOINTER ptr, SQLLEN buflen, SQLLEN *ind)
{
    rs_desc_rec *a, *i;

    if (n < 1)
        return rs_diag_post(&s->h.diag, "07009", 0, "invalid parameter number %u", n);
    if (io != SQL_PARAM_INPUT)
        return rs_diag_post(&s->h.diag, "HYC00", 0,
                            "only input parameters are supported (Rockset queries return no output parameters)");
    if (buflen < 0)
        return rs_diag_post(&s->h.diag, "HY090", 0, "negative buffer length");
    a = rs_desc_rec_at(s->apd, (SQLSMALLINT)n, 1);
    i = rs_desc_rec_at(&s->ipd, (SQLSMALLINT)n, 1);
    if (!a || !i)
        return rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
    rs_desc_set_concise(a, ctype);
    a->octet_length = buflen;
    a->data_ptr = ptr;
    a->indicator_ptr = ind;
    a->octet_length_ptr = ind;
    a->precision = (SQLSMALLINT)size;
    a->scale = digits;
    rs_desc_set_concise(i, sqltype);
    i->parameter_type = io;
    i->length = size;
    i->precision = (SQLSMALLINT)size;
    i->scale = digits;
    return SQL_SUCCESS;
}

SQLRETURN rs_stmt_num_params(rs_stmt *s, SQLSMALLINT *n)
{
    if (!s->prepared)
        return rs_diag_post(&s->h.diag, "HY010", 0, "no statement was prepared");
    if (n)
        *n = (SQLSMALLINT)s->rw.nmarkers;
    return SQL_SUCCESS;
}

/* The static name of a Rockset type, "" for nothing known: the schema cache's strings may be
 * freed by the next DESCRIBE, so nothing may point into them after the lock is released. */
static const char *static_type_name(const char *t)
{
    static const char *const names[] = {"int", "float", "bool", "string", "bytes", "date",
                                        "time", "datetime", "timestamp", "object", "array"};

    for (size_t i = 0; t && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(t, names[i]) == 0)
            return names[i];
    if (!t || !*t)
        return "";
    return "string"; /* an unknown server type degrades to text */
}

/* The merged type of field over the collection (coll >= 0) or every collection that has it
 * (coll < 0, an unqualified field in a join), by the rule SQLColumns uses. Lock held. */
static const char *field_type_of(rs_stmt *s, const rs_sqlparam_info *info, const rs_sqlparam *m)
{
    const char *t = "";

    for (size_t c = 0; c < info->ncollections && c < 8; c++) {
        const rs_schema_slot *slot;
        if (m->collection >= 0 && (size_t)m->collection != c)
            continue;
        if (!(slot = rs_stmt_schema_get(s, info->collections[c])))
            return ""; /* a failed DESCRIBE: nothing is known, never an error */
        for (size_t f = 0; f < slot->nfields; f++)
            if (strcmp(slot->fields[f].name, m->field) == 0)
                t = static_type_name(rs_types_merge(t, slot->fields[f].type));
    }
    return t;
}

/* Whether marker k's value may be sent as its field's type: only a character or
 * date/timestamp SQL type lets the field decide (rs_convert_param_field), so a statement whose
 * markers are all typed explicitly costs no DESCRIBE. */
static int field_may_decide(rs_stmt *s, size_t k)
{
    rs_desc_rec *i = rs_desc_rec_at(&s->ipd, (SQLSMALLINT)(k + 1), 0);

    switch (i ? i->concise_type : SQL_VARCHAR) {
    case SQL_CHAR: case SQL_VARCHAR: case SQL_LONGVARCHAR:
    case SQL_WCHAR: case SQL_WVARCHAR: case SQL_WLONGVARCHAR:
    case SQL_TYPE_DATE: case SQL_DATE: case SQL_TYPE_TIMESTAMP: case SQL_TIMESTAMP:
        return 1;
    default:
        return 0;
    }
}

const char **rs_stmt_param_field_types(rs_stmt *s, int for_execute)
{
    const char **types = calloc(s->rw.nmarkers ? s->rw.nmarkers : 1, sizeof *types);
    rs_sqlparam_info info;
    int locked = 0;

    if (!types)
        return NULL;
    for (size_t k = 0; k < s->rw.nmarkers; k++)
        types[k] = "";
    /* unqualified collections are commons's: the driver sends no default workspace */
    if (!s->prepared || rs_sqlparam_infer(&s->rw, NULL, &info) != 0)
        return types;
    for (size_t k = 0; k < info.nparams && k < s->rw.nmarkers; k++) {
        const rs_sqlparam *m = &info.params[k];
        if (m->kind == RS_SQLPARAM_INT)
            types[k] = "int";
        else if (m->kind == RS_SQLPARAM_STRING)
            types[k] = "string";
        if (m->kind != RS_SQLPARAM_FIELD || (for_execute && !field_may_decide(s, k)))
            continue;
        if (!locked) {
            pthread_mutex_lock(&s->conn->client_mu);
            locked = 1;
        }
        types[k] = field_type_of(s, &info, m);
    }
    if (locked)
        pthread_mutex_unlock(&s->conn->client_mu);
    rs_sqlparam_free(&info);
    return types;
}

/* ODBC: "SQLDescribeParam returns the description of a parameter marker associated with a
 * prepared SQL statement", its size being that "of the column or expression of the
 * corresponding parameter marker as defined by the data source". So a marker compared with a
 * field is described as that field, whatever the application bound: clients (php-odbc, Perl
 * DBD::ODBC, node odbc) bind with the type this answers, and Rockset compares strictly by
 * type. Where the text tells nothing, the IPD says what the application declared ("this
 * value is read from the SQL_DESC_CONCISE_TYPE record field of the IPD"), else VARCHAR: any
 * value can be sent as text. A DESCRIBE that fails only makes the marker unknown. */
SQLRETURN rs_stmt_describe_param(rs_stmt *s, SQLUSMALLINT n, SQLSMALLINT *type, SQLULEN *size,
                                 SQLSMALLINT *digits, SQLSMALLINT *nullable)
{
    const char **types;
    const char *ft;
    rs_desc_rec *i;
    rs_type_info ti;

    if (!s->prepared)
        return rs_diag_post(&s->h.diag, "HY010", 0, "no statement was prepared");
    if (n < 1 || n > s->rw.nmarkers)
        return rs_diag_post(&s->h.diag, "07009", 0, "invalid parameter number %u", n);
    types = rs_stmt_param_field_types(s, 0);
    ft = types ? types[n - 1] : "";
    free(types);
    if (nullable)
        *nullable = SQL_NULLABLE;
    if (*ft) {
        rs_types_for_kind(rs_types_kind_from_name(ft), s->conn->wide, s->conn->cfg.max_varchar,
                          &ti);
        if (type)
            *type = rs_desc_visible_type(s->h.diag.odbc2, ti.sql_type);
        if (size)
            *size = ti.column_size;
        if (digits)
            *digits = ti.decimal_digits;
        return SQL_SUCCESS;
    }
    i = rs_desc_rec_at(&s->ipd, (SQLSMALLINT)n, 0);
    if (type)
        *type = i ? rs_desc_visible_type(s->h.diag.odbc2, i->concise_type)
                  : (s->conn->wide ? SQL_WVARCHAR : SQL_VARCHAR);
    if (size)
        *size = i && i->length ? i->length : s->conn->cfg.max_varchar;
    if (digits)
        *digits = i ? i->scale : 0;
    return SQL_SUCCESS;
}

static SQLLEN *ind_addr(const rs_desc *apd, SQLLEN *base, SQLULEN set)
{
    return (SQLLEN *)rs_bound_addr(apd, base, sizeof(SQLLEN), set);
}

int rs_stmt_param_is_dae(rs_stmt *s, SQLSMALLINT n, SQLULEN set)
{
    rs_desc_rec *a = rs_desc_rec_at(s->apd, n, 0);
    SQLLEN *ind;

    if (!a || !a->octet_length_ptr)
        return 0;
    ind = ind_addr(s->apd, a->octet_length_ptr, set);
    return *ind == SQL_DATA_AT_EXEC || *ind <= SQL_LEN_DATA_AT_EXEC_OFFSET;
}

static SQLLEN elem_size(const rs_desc_rec *a, SQLSMALLINT ctype)
{
    SQLLEN sz = rs_c_type_size(ctype);

    return sz ? sz : a->octet_length;
}

static SQLSMALLINT param_ctype(rs_stmt *s, const rs_desc_rec *a, const rs_desc_rec *i)
{
    if (a->concise_type == SQL_C_DEFAULT)
        return rs_types_default_c_type(i ? i->concise_type : SQL_VARCHAR);
    return a->concise_type;
}

SQLPOINTER rs_stmt_param_token(rs_stmt *s, SQLSMALLINT n, SQLULEN set)
{
    rs_desc_rec *a = rs_desc_rec_at(s->apd, n, 0);
    rs_desc_rec *i = rs_desc_rec_at(&s->ipd, n, 0);

    if (!a)
        return NULL;
    return rs_bound_addr(s->apd, a->data_ptr, elem_size(a, param_ctype(s, a, i)), set);
}

void rs_stmt_dae_reset(rs_stmt *s)
{
    for (SQLSMALLINT k = 0; k < s->ndae; k++)
        free(s->dae[k].data);
    free(s->dae);
    s->dae = NULL;
    s->ndae = 0;
    s->dae_param = 0;
}

static rs_dae *dae_slot(rs_stmt *s, SQLSMALLINT n)
{
    if (n > s->ndae) {
        rs_dae *d = realloc(s->dae, (size_t)n * sizeof *d);
        if (!d)
            return NULL;
        memset(d + s->ndae, 0, (size_t)(n - s->ndae) * sizeof *d);
        s->dae = d;
        s->ndae = n;
    }
    return &s->dae[n - 1];
}

void rs_stmt_dae_done(rs_stmt *s, SQLSMALLINT n)
{
    rs_dae *d = dae_slot(s, n);

    if (d)
        d->got = 1;
}

SQLRETURN rs_stmt_put_data(rs_stmt *s, SQLPOINTER data, SQLLEN len)
{
    rs_desc_rec *a, *i;
    rs_dae *d;
    SQLSMALLINT ctype;
    size_t add;

    if (!s->need_data || s->dae_param <= 0)
        return rs_diag_post(&s->h.diag, "HY010", 0, "SQLPutData without SQLParamData asking for data");
    a = rs_desc_rec_at(s->apd, s->dae_param, 0);
    i = rs_desc_rec_at(&s->ipd, s->dae_param, 0);
    d = dae_slot(s, s->dae_param);
    if (!a || !d)
        return rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
    ctype = param_ctype(s, a, i);
    if (len == SQL_NULL_DATA) {
        if (d->len > 0)
            return rs_diag_post(&s->h.diag, "HY011", 0, "NULL after data was sent");
        d->is_null = 1;
        d->got = 1;
        return SQL_SUCCESS;
    }
    if (d->is_null)
        return rs_diag_post(&s->h.diag, "HY011", 0, "data after NULL was sent");
    if (rs_c_type_size(ctype) > 0) {
        if (d->len > 0)
            return rs_diag_post(&s->h.diag, "22001", 0,
                                "a fixed-length parameter can be sent only once");
        add = (size_t)rs_c_type_size(ctype);
    } else if (len == SQL_NTS) {
        add = ctype == SQL_C_WCHAR ? 0 : strlen(data);
        if (ctype == SQL_C_WCHAR)
            while (((const SQLWCHAR *)data)[add / sizeof(SQLWCHAR)])
                add += sizeof(SQLWCHAR);
    } else if (len < 0) {
        return rs_diag_post(&s->h.diag, "HY090", 0, "invalid length %ld", (long)len);
    } else {
        add = (size_t)len;
    }
    if (add > 0 && !data)
        return rs_diag_post(&s->h.diag, "HY009", 0, "null data pointer");
    {
        char *nd = realloc(d->data, d->len + add + sizeof(SQLWCHAR));
        if (!nd)
            return rs_diag_post(&s->h.diag, "HY001", 0, "out of memory");
        memcpy(nd + d->len, data, add);
        d->len += add;
        memset(nd + d->len, 0, sizeof(SQLWCHAR));
        d->data = nd;
    }
    d->got = 1;
    return SQL_SUCCESS;
}

/* A NULL still carries the type its SQL type implies ("int" for SQL_INTEGER...): the server
 * types the expression from it (":p IS NULL", "COALESCE(:p, 1) + 1"). */
static SQLRETURN param_null(SQLSMALLINT ctype, SQLSMALLINT sqltype, const rs_desc_rec *i,
                            rs_pval *out)
{
    rs_conv_status st;

    memset(&st, 0, sizeof st);
    rs_convert_param(ctype, sqltype, i ? i->scale : 0, NULL, SQL_NULL_DATA, &out->type,
                     &out->value, &out->is_null, &st);
    if (!out->type)
        out->type = "string";
    out->is_null = 1;
    return SQL_SUCCESS;
}

SQLRETURN rs_stmt_param_value(rs_stmt *s, SQLSMALLINT n, SQLULEN set, const char *field_type,
                              rs_pval *out)
{
    rs_desc_rec *a = rs_desc_rec_at(s->apd, n, 0);
    rs_desc_rec *i = rs_desc_rec_at(&s->ipd, n, 0);
    SQLSMALLINT ctype, sqltype;
    rs_conv_status st;
    const void *val;
    SQLLEN len = SQL_NTS;

    memset(out, 0, sizeof *out);
    if (!a)
        return rs_diag_post(&s->h.diag, "07002", 0, "parameter %d is not bound", n);
    ctype = param_ctype(s, a, i);
    sqltype = i ? i->concise_type : SQL_VARCHAR;
    if (rs_stmt_param_is_dae(s, n, set)) {
        rs_dae *d = n <= s->ndae ? &s->dae[n - 1] : NULL;
        if (!d || d->is_null)
            return param_null(ctype, sqltype, i, out);
        val = d->data ? d->data : "";
        len = (SQLLEN)d->len;
    } else {
        SQLLEN *ind = a->indicator_ptr ? ind_addr(s->apd, a->indicator_ptr, set) : NULL;
        SQLLEN *olen = a->octet_length_ptr ? ind_addr(s->apd, a->octet_length_ptr, set) : NULL;
        if (ind && *ind == SQL_NULL_DATA)
            return param_null(ctype, sqltype, i, out);
        val = rs_bound_addr(s->apd, a->data_ptr, elem_size(a, ctype), set);
        if (!val)
            return rs_diag_post(&s->h.diag, "07002", 0, "parameter %d has no data buffer", n);
        if (olen)
            len = *olen;
        else if (rs_c_type_size(ctype) == 0 && ctype != SQL_C_CHAR && ctype != SQL_C_WCHAR)
            len = a->octet_length;
    }
    memset(&st, 0, sizeof st);
    /* the compared field's type decides what text and dates are sent as (convert_param.c) */
    rs_convert_param_field(ctype, sqltype, i ? i->scale : 0, val, len, field_type, &out->type,
                           &out->value, &out->is_null, &st);
    if (st.rc == SQL_ERROR) {
        free(out->value);
        out->value = NULL;
        return rs_diag_post_at(&s->h.diag, st.sqlstate[0] ? st.sqlstate : "HY000",
                               (SQLLEN)set + 1, n, "parameter %d: %s", n, st.message);
    }
    if (st.rc == SQL_SUCCESS_WITH_INFO)
        return rs_diag_post_at(&s->h.diag, st.sqlstate, (SQLLEN)set + 1, n, "parameter %d: %s",
                               n, st.message);
    return SQL_SUCCESS;
}
