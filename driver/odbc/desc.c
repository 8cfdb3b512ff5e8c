/* SPDX-License-Identifier: Apache-2.0 */
/* Descriptor fields and their access rules (SQLSetDescField's table of which fields each
 * descriptor type allows). */
#include "driver/odbc/desc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void rs_desc_init(rs_desc *d, rs_desc_kind kind, SQLSMALLINT alloc_type, struct rs_conn *conn)
{
    memset(d, 0, sizeof *d);
    rs_handle_init(&d->h, SQL_HANDLE_DESC);
    d->kind = kind;
    d->alloc_type = alloc_type;
    d->conn = conn;
    d->array_size = 1;
    d->bind_type = SQL_BIND_BY_COLUMN;
}

static void rec_free_strings(rs_desc_rec *r)
{
    char **s[] = {&r->name, &r->label, &r->base_column_name, &r->base_table_name,
                  &r->table_name, &r->schema_name, &r->catalog_name, &r->type_name,
                  &r->local_type_name, &r->literal_prefix, &r->literal_suffix};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
        free(*s[i]);
        *s[i] = NULL;
    }
}

void rs_desc_cleanup(rs_desc *d)
{
    rs_desc_set_count(d, 0);
    free(d->recs);
    d->recs = NULL;
    d->cap = 0;
    rs_handle_destroy(&d->h);
}

/* Defaults of a new record (SQLSetDescField's "initialization" column). */
void rs_desc_rec_reset(rs_desc *d, rs_desc_rec *r)
{
    rec_free_strings(r);
    memset(r, 0, sizeof *r);
    if (d->kind == RS_DESC_ARD || d->kind == RS_DESC_APD) {
        r->type = r->concise_type = SQL_C_DEFAULT;
    } else {
        r->type = r->concise_type = SQL_VARCHAR;
        r->nullable = SQL_NULLABLE_UNKNOWN;
    }
    if (d->kind == RS_DESC_IPD)
        r->parameter_type = SQL_PARAM_INPUT;
    r->unnamed = SQL_UNNAMED;
    r->searchable = SQL_PRED_NONE;
    r->updatable = SQL_ATTR_READONLY;
}

rs_desc_rec *rs_desc_rec_at(rs_desc *d, SQLSMALLINT n, int create)
{
    if (n < 1)
        return NULL;
    if (n > d->count) {
        if (!create)
            return NULL;
        if (n >= d->cap) {
            SQLSMALLINT ncap = (SQLSMALLINT)(n + 8);
            rs_desc_rec *nr = realloc(d->recs, (size_t)ncap * sizeof *nr);
            if (!nr)
                return NULL;
            memset(nr + d->cap, 0, (size_t)(ncap - d->cap) * sizeof *nr);
            d->recs = nr;
            d->cap = ncap;
        }
        for (SQLSMALLINT i = (SQLSMALLINT)(d->count + 1); i <= n; i++)
            rs_desc_rec_reset(d, &d->recs[i]);
        d->count = n;
    }
    return &d->recs[n];
}

void rs_desc_set_count(rs_desc *d, SQLSMALLINT n)
{
    if (n < 0)
        n = 0;
    for (SQLSMALLINT i = (SQLSMALLINT)(n + 1); i <= d->count; i++) {
        rec_free_strings(&d->recs[i]);
        memset(&d->recs[i], 0, sizeof d->recs[i]);
    }
    if (n > d->count)
        rs_desc_rec_at(d, n, 1);
    else
        d->count = n;
}

void rs_desc_set_concise(rs_desc_rec *r, SQLSMALLINT t)
{
    /* ODBC 2 datetime codes are kept as their ODBC 3 equivalents */
    if (t == SQL_DATE)
        t = SQL_TYPE_DATE;
    else if (t == SQL_TIME)
        t = SQL_TYPE_TIME;
    else if (t == SQL_TIMESTAMP)
        t = SQL_TYPE_TIMESTAMP;
    r->concise_type = t;
    r->datetime_interval_code = 0;
    if (t == SQL_TYPE_DATE || t == SQL_TYPE_TIME || t == SQL_TYPE_TIMESTAMP) {
        r->type = SQL_DATETIME;
        r->datetime_interval_code = (SQLSMALLINT)(t - SQL_TYPE_DATE + SQL_CODE_DATE);
    } else if (t >= SQL_INTERVAL_YEAR && t <= SQL_INTERVAL_MINUTE_TO_SECOND) {
        r->type = SQL_INTERVAL;
        r->datetime_interval_code = (SQLSMALLINT)(t - 100);
    } else {
        r->type = t;
    }
}

static char *dupnull(const char *s)
{
    return s ? strdup(s) : NULL;
}

void rs_desc_rec_from_type(rs_desc_rec *r, const rs_type_info *ti)
{
    rs_desc_set_concise(r, ti->sql_type);
    r->length = ti->column_size;
    r->precision = (SQLSMALLINT)ti->column_size;
    r->scale = ti->decimal_digits;
    if (ti->sql_type == SQL_TYPE_TIMESTAMP || ti->sql_type == SQL_TYPE_TIME)
        r->precision = ti->decimal_digits; /* seconds precision, per SQL_DESC_PRECISION */
    r->octet_length = ti->octet_length;
    r->display_size = ti->display_size;
    r->num_prec_radix = ti->num_prec_radix;
    r->is_unsigned = ti->is_unsigned ? SQL_TRUE : SQL_FALSE;
    r->searchable = ti->searchable;
    r->fixed_prec_scale = ti->fixed_prec_scale ? SQL_TRUE : SQL_FALSE;
    r->case_sensitive = ti->case_sensitive ? SQL_TRUE : SQL_FALSE;
    free(r->type_name);
    r->type_name = dupnull(ti->type_name);
    free(r->local_type_name);
    r->local_type_name = dupnull(ti->type_name);
    free(r->literal_prefix);
    r->literal_prefix = dupnull(ti->literal_prefix);
    free(r->literal_suffix);
    r->literal_suffix = dupnull(ti->literal_suffix);
}

SQLSMALLINT rs_desc_visible_type(int odbc2, SQLSMALLINT t)
{
    if (!odbc2)
        return t;
    switch (t) {
    case SQL_TYPE_DATE: return SQL_DATE;
    case SQL_TYPE_TIME: return SQL_TIME;
    case SQL_TYPE_TIMESTAMP: return SQL_TIMESTAMP;
    default: return t;
    }
}

int rs_desc_field_is_string(SQLSMALLINT f)
{
    switch (f) {
    case SQL_DESC_BASE_COLUMN_NAME: case SQL_DESC_BASE_TABLE_NAME: case SQL_DESC_CATALOG_NAME:
    case SQL_DESC_LABEL: case SQL_DESC_LITERAL_PREFIX: case SQL_DESC_LITERAL_SUFFIX:
    case SQL_DESC_LOCAL_TYPE_NAME: case SQL_DESC_NAME: case SQL_DESC_SCHEMA_NAME:
    case SQL_DESC_TABLE_NAME: case SQL_DESC_TYPE_NAME:
        return 1;
    default:
        return 0;
    }
}

static int is_app(const rs_desc *d)
{
    return d->kind == RS_DESC_ARD || d->kind == RS_DESC_APD;
}

static int known_c_type(SQLSMALLINT t)
{
    static const SQLSMALLINT ok[] = {
        SQL_C_CHAR, SQL_C_WCHAR, SQL_C_BINARY, SQL_C_BIT, SQL_C_TINYINT, SQL_C_STINYINT,
        SQL_C_UTINYINT, SQL_C_SHORT, SQL_C_SSHORT, SQL_C_USHORT, SQL_C_LONG, SQL_C_SLONG,
        SQL_C_ULONG, SQL_C_SBIGINT, SQL_C_UBIGINT, SQL_C_FLOAT, SQL_C_DOUBLE, SQL_C_NUMERIC,
        SQL_C_TYPE_DATE, SQL_C_TYPE_TIME, SQL_C_TYPE_TIMESTAMP, SQL_C_DEFAULT, SQL_C_GUID,
        SQL_C_DATE, SQL_C_TIME, SQL_C_TIMESTAMP, SQL_DATETIME};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (ok[i] == t)
            return 1;
    return t >= SQL_C_INTERVAL_YEAR && t <= SQL_C_INTERVAL_MINUTE_TO_SECOND;
}

int rs_desc_rec_consistent(const rs_desc *d, const rs_desc_rec *r)
{
    if (is_app(d)) {
        if (!known_c_type(r->concise_type))
            return 0;
        if (r->concise_type == SQL_C_NUMERIC &&
            (r->precision < 1 || r->precision > 38 || r->scale < 0 || r->scale > r->precision))
            return 0;
        return 1;
    }
    if (r->type == SQL_DATETIME && r->datetime_interval_code == 0)
        return 0;
    if ((r->concise_type == SQL_NUMERIC || r->concise_type == SQL_DECIMAL) &&
        (r->precision < 1 || r->scale > r->precision))
        return 0;
    return 1;
}

#define PUT(T, v)                          \
    do {                                   \
        if (value)                         \
            *(T *)value = (T)(v);          \
        if (len)                           \
            *len = (SQLINTEGER)sizeof(T);  \
    } while (0)

static SQLRETURN get_header(rs_desc *d, SQLSMALLINT field, SQLPOINTER value, SQLINTEGER *len)
{
    switch (field) {
    case SQL_DESC_ALLOC_TYPE: PUT(SQLSMALLINT, d->alloc_type); break;
    case SQL_DESC_ARRAY_SIZE:
        if (!is_app(d))
            return rs_diag_post(&d->h.diag, "HY091", 0, "SQL_DESC_ARRAY_SIZE is for ARD/APD");
        PUT(SQLULEN, d->array_size);
        break;
    case SQL_DESC_ARRAY_STATUS_PTR: PUT(SQLPOINTER, d->array_status_ptr); break;
    case SQL_DESC_BIND_OFFSET_PTR:
        if (!is_app(d))
            return rs_diag_post(&d->h.diag, "HY091", 0, "SQL_DESC_BIND_OFFSET_PTR is for ARD/APD");
        PUT(SQLPOINTER, d->bind_offset_ptr);
        break;
    case SQL_DESC_BIND_TYPE:
        if (!is_app(d))
            return rs_diag_post(&d->h.diag, "HY091", 0, "SQL_DESC_BIND_TYPE is for ARD/APD");
        PUT(SQLINTEGER, d->bind_type);
        break;
    case SQL_DESC_COUNT: PUT(SQLSMALLINT, d->count); break;
    case SQL_DESC_ROWS_PROCESSED_PTR:
        if (is_app(d))
            return rs_diag_post(&d->h.diag, "HY091", 0,
                                "SQL_DESC_ROWS_PROCESSED_PTR is for IRD/IPD");
        PUT(SQLPOINTER, d->rows_processed_ptr);
        break;
    default:
        return SQL_NO_DATA + 1000; /* not a header field */
    }
    return SQL_SUCCESS;
}

static int known_rec_field(SQLSMALLINT f)
{
    if (rs_desc_field_is_string(f))
        return 1;
    switch (f) {
    case SQL_DESC_AUTO_UNIQUE_VALUE: case SQL_DESC_CASE_SENSITIVE: case SQL_DESC_CONCISE_TYPE:
    case SQL_DESC_DATA_PTR: case SQL_DESC_DATETIME_INTERVAL_CODE:
    case SQL_DESC_DATETIME_INTERVAL_PRECISION: case SQL_DESC_DISPLAY_SIZE:
    case SQL_DESC_FIXED_PREC_SCALE: case SQL_DESC_INDICATOR_PTR: case SQL_DESC_LENGTH:
    case SQL_DESC_NULLABLE: case SQL_DESC_NUM_PREC_RADIX: case SQL_DESC_OCTET_LENGTH:
    case SQL_DESC_OCTET_LENGTH_PTR: case SQL_DESC_PARAMETER_TYPE: case SQL_DESC_PRECISION:
    case SQL_DESC_ROWVER: case SQL_DESC_SCALE: case SQL_DESC_SEARCHABLE: case SQL_DESC_TYPE:
    case SQL_DESC_UNNAMED: case SQL_DESC_UNSIGNED: case SQL_DESC_UPDATABLE:
        return 1;
    default:
        return 0;
    }
}

SQLRETURN rs_desc_get_field(rs_desc *d, SQLSMALLINT recno, SQLSMALLINT field,
                            SQLPOINTER value, SQLINTEGER buflen, SQLINTEGER *len,
                            const char **str)
{
    SQLRETURN rc = get_header(d, field, value, len);
    rs_desc_rec *r;

    *str = NULL;
    if (rc != SQL_NO_DATA + 1000)
        return rc;
    if (!known_rec_field(field))
        return rs_diag_post(&d->h.diag, "HY091", 0, "invalid descriptor field %d", field);
    if (recno == 0)
        return rs_diag_post(&d->h.diag, "07009", 0, "bookmarks are not supported");
    if (recno < 0)
        return rs_diag_post(&d->h.diag, "07009", 0, "invalid record number %d", recno);
    if (recno > d->count)
        return SQL_NO_DATA;
    r = &d->recs[recno];
    switch (field) {
    case SQL_DESC_AUTO_UNIQUE_VALUE: PUT(SQLINTEGER, r->auto_unique_value); break;
    case SQL_DESC_CASE_SENSITIVE: PUT(SQLINTEGER, r->case_sensitive); break;
    case SQL_DESC_CONCISE_TYPE:
        PUT(SQLSMALLINT, rs_desc_visible_type(d->odbc2, r->concise_type));
        break;
    case SQL_DESC_DATA_PTR: PUT(SQLPOINTER, r->data_ptr); break;
    case SQL_DESC_DATETIME_INTERVAL_CODE: PUT(SQLSMALLINT, r->datetime_interval_code); break;
    case SQL_DESC_DATETIME_INTERVAL_PRECISION:
        PUT(SQLINTEGER, r->datetime_interval_precision);
        break;
    case SQL_DESC_DISPLAY_SIZE: PUT(SQLLEN, r->display_size); break;
    case SQL_DESC_FIXED_PREC_SCALE: PUT(SQLSMALLINT, r->fixed_prec_scale); break;
    case SQL_DESC_INDICATOR_PTR: PUT(SQLPOINTER, r->indicator_ptr); break;
    case SQL_DESC_LENGTH: PUT(SQLULEN, r->length); break;
    case SQL_DESC_NULLABLE: PUT(SQLSMALLINT, r->nullable); break;
    case SQL_DESC_NUM_PREC_RADIX: PUT(SQLINTEGER, r->num_prec_radix); break;
    case SQL_DESC_OCTET_LENGTH: PUT(SQLLEN, r->octet_length); break;
    case SQL_DESC_OCTET_LENGTH_PTR: PUT(SQLPOINTER, r->octet_length_ptr); break;
    case SQL_DESC_PARAMETER_TYPE: PUT(SQLSMALLINT, r->parameter_type); break;
    case SQL_DESC_PRECISION: PUT(SQLSMALLINT, r->precision); break;
    case SQL_DESC_ROWVER: PUT(SQLSMALLINT, SQL_FALSE); break;
    case SQL_DESC_SCALE: PUT(SQLSMALLINT, r->scale); break;
    case SQL_DESC_SEARCHABLE: PUT(SQLSMALLINT, r->searchable); break;
    case SQL_DESC_TYPE: PUT(SQLSMALLINT, rs_desc_visible_type(d->odbc2, r->type)); break;
    case SQL_DESC_UNNAMED: PUT(SQLSMALLINT, r->unnamed); break;
    case SQL_DESC_UNSIGNED: PUT(SQLSMALLINT, r->is_unsigned); break;
    case SQL_DESC_UPDATABLE: PUT(SQLSMALLINT, r->updatable); break;
    case SQL_DESC_BASE_COLUMN_NAME: *str = r->base_column_name; break;
    case SQL_DESC_BASE_TABLE_NAME: *str = r->base_table_name; break;
    case SQL_DESC_CATALOG_NAME: *str = r->catalog_name; break;
    case SQL_DESC_LABEL: *str = r->label; break;
    case SQL_DESC_LITERAL_PREFIX: *str = r->literal_prefix; break;
    case SQL_DESC_LITERAL_SUFFIX: *str = r->literal_suffix; break;
    case SQL_DESC_LOCAL_TYPE_NAME: *str = r->local_type_name; break;
    case SQL_DESC_NAME: *str = r->name; break;
    case SQL_DESC_SCHEMA_NAME: *str = r->schema_name; break;
    case SQL_DESC_TABLE_NAME: *str = r->table_name; break;
    case SQL_DESC_TYPE_NAME: *str = r->type_name; break;
    default:
        return rs_diag_post(&d->h.diag, "HY091", 0, "invalid descriptor field %d", field);
    }
    if (rs_desc_field_is_string(field) && !*str)
        *str = "";
    (void)buflen;
    return SQL_SUCCESS;
}

static SQLRETURN set_header(rs_desc *d, SQLSMALLINT field, SQLPOINTER value)
{
    intptr_t v = (intptr_t)value;

    switch (field) {
    case SQL_DESC_ALLOC_TYPE:
        return rs_diag_post(&d->h.diag, "HY091", 0, "SQL_DESC_ALLOC_TYPE is read-only");
    case SQL_DESC_ARRAY_SIZE:
        if (!is_app(d))
            return rs_diag_post(&d->h.diag, "HY091", 0, "SQL_DESC_ARRAY_SIZE is for ARD/APD");
        if (v < 1)
            return rs_diag_post(&d->h.diag, "HY024", 0, "array size must be at least 1");
        d->array_size = (SQLULEN)v;
        return SQL_SUCCESS;
    case SQL_DESC_ARRAY_STATUS_PTR: d->array_status_ptr = value; return SQL_SUCCESS;
    case SQL_DESC_BIND_OFFSET_PTR:
        if (!is_app(d))
            return rs_diag_post(&d->h.diag, "HY091", 0, "SQL_DESC_BIND_OFFSET_PTR is for ARD/APD");
        d->bind_offset_ptr = value;
        return SQL_SUCCESS;
    case SQL_DESC_BIND_TYPE:
        if (!is_app(d))
            return rs_diag_post(&d->h.diag, "HY091", 0, "SQL_DESC_BIND_TYPE is for ARD/APD");
        d->bind_type = (SQLINTEGER)v;
        return SQL_SUCCESS;
    case SQL_DESC_COUNT:
        if (v < 0)
            return rs_diag_post(&d->h.diag, "07009", 0, "negative SQL_DESC_COUNT");
        rs_desc_set_count(d, (SQLSMALLINT)v);
        return SQL_SUCCESS;
    case SQL_DESC_ROWS_PROCESSED_PTR:
        if (is_app(d))
            return rs_diag_post(&d->h.diag, "HY091", 0,
                                "SQL_DESC_ROWS_PROCESSED_PTR is for IRD/IPD");
        d->rows_processed_ptr = value;
        return SQL_SUCCESS;
    default:
        return SQL_NO_DATA + 1000;
    }
}

static SQLRETURN set_string(char **dst, SQLPOINTER value)
{
    char *n = value ? strdup((const char *)value) : NULL;

    if (value && !n)
        return SQL_ERROR;
    free(*dst);
    *dst = n;
    return SQL_SUCCESS;
}

/* Type defaults SQL_DESC_TYPE / CONCISE_TYPE set (SQLSetDescField "consistency" rules). */
static void type_defaults(rs_desc_rec *r)
{
    switch (r->concise_type) {
    case SQL_CHAR: case SQL_VARCHAR: case SQL_C_WCHAR: case SQL_WVARCHAR:
        r->length = 1;
        r->precision = 0;
        break;
    case SQL_NUMERIC: case SQL_DECIMAL:
        r->scale = 0;
        r->precision = 38;
        break;
    case SQL_TYPE_TIMESTAMP: case SQL_TYPE_TIME:
        r->precision = 0;
        break;
    default:
        break;
    }
}

/* The record fields of SQLSetDescField (the header ones are handled before). */
static SQLRETURN set_rec_field(rs_desc *d, rs_desc_rec *r, SQLSMALLINT recno,
                               SQLSMALLINT field, SQLPOINTER value)
{
    intptr_t v = (intptr_t)value;

    switch (field) {
    case SQL_DESC_CONCISE_TYPE:
        rs_desc_set_concise(r, (SQLSMALLINT)v);
        type_defaults(r);
        break;
    case SQL_DESC_TYPE:
        if ((SQLSMALLINT)v == SQL_DATETIME || (SQLSMALLINT)v == SQL_INTERVAL) {
            r->type = (SQLSMALLINT)v;
        } else {
            rs_desc_set_concise(r, (SQLSMALLINT)v);
            type_defaults(r);
        }
        break;
    case SQL_DESC_DATETIME_INTERVAL_CODE:
        r->datetime_interval_code = (SQLSMALLINT)v;
        if (r->type == SQL_DATETIME && v >= SQL_CODE_DATE && v <= SQL_CODE_TIMESTAMP)
            r->concise_type = (SQLSMALLINT)(SQL_TYPE_DATE + v - SQL_CODE_DATE);
        else if (r->type == SQL_INTERVAL)
            r->concise_type = (SQLSMALLINT)(100 + v);
        break;
    case SQL_DESC_DATETIME_INTERVAL_PRECISION: r->datetime_interval_precision = (SQLINTEGER)v; break;
    case SQL_DESC_DATA_PTR:
        r->data_ptr = value;
        if (value && d->kind != RS_DESC_IPD && !rs_desc_rec_consistent(d, r)) {
            r->data_ptr = NULL;
            return rs_diag_post(&d->h.diag, "HY021", 0, "inconsistent descriptor record %d", recno);
        }
        if (d->kind == RS_DESC_IPD) {
            r->data_ptr = NULL; /* the IPD's data pointer only triggers the check */
            if (!rs_desc_rec_consistent(d, r))
                return rs_diag_post(&d->h.diag, "HY021", 0, "inconsistent descriptor record %d", recno);
        }
        break;
    case SQL_DESC_INDICATOR_PTR: r->indicator_ptr = value; break;
    case SQL_DESC_OCTET_LENGTH_PTR: r->octet_length_ptr = value; break;
    case SQL_DESC_LENGTH: r->length = (SQLULEN)v; break;
    case SQL_DESC_OCTET_LENGTH: r->octet_length = (SQLLEN)v; break;
    case SQL_DESC_PRECISION: r->precision = (SQLSMALLINT)v; break;
    case SQL_DESC_SCALE: r->scale = (SQLSMALLINT)v; break;
    case SQL_DESC_NUM_PREC_RADIX: r->num_prec_radix = (SQLINTEGER)v; break;
    case SQL_DESC_NAME:
        if (d->kind != RS_DESC_IPD)
            return rs_diag_post(&d->h.diag, "HY091", 0, "SQL_DESC_NAME can be set in the IPD only");
        if (set_string(&r->name, value) != SQL_SUCCESS)
            return rs_diag_post(&d->h.diag, "HY001", 0, "out of memory");
        r->unnamed = value && *(const char *)value ? SQL_NAMED : SQL_UNNAMED;
        break;
    case SQL_DESC_UNNAMED:
        if (d->kind != RS_DESC_IPD || v != SQL_UNNAMED)
            return rs_diag_post(&d->h.diag, "HY091", 0, "SQL_DESC_UNNAMED can only be set to SQL_UNNAMED in the IPD");
        r->unnamed = SQL_UNNAMED;
        break;
    case SQL_DESC_PARAMETER_TYPE:
        if (d->kind != RS_DESC_IPD)
            return rs_diag_post(&d->h.diag, "HY091", 0, "SQL_DESC_PARAMETER_TYPE is for the IPD");
        if (v != SQL_PARAM_INPUT)
            return rs_diag_post(&d->h.diag, "HYC00", 0, "only input parameters are supported");
        r->parameter_type = (SQLSMALLINT)v;
        break;
    default:
        if (known_rec_field(field))
            return rs_diag_post(&d->h.diag, "HY091", 0, "descriptor field %d is read-only", field);
        return rs_diag_post(&d->h.diag, "HY091", 0, "invalid descriptor field %d", field);
    }
    return SQL_SUCCESS;
}

SQLRETURN rs_desc_set_field(rs_desc *d, SQLSMALLINT recno, SQLSMALLINT field,
                            SQLPOINTER value, SQLINTEGER buflen)
{
    SQLRETURN rc;
    rs_desc_rec *r;

    (void)buflen;
    if (d->kind == RS_DESC_IRD && field != SQL_DESC_ARRAY_STATUS_PTR &&
        field != SQL_DESC_ROWS_PROCESSED_PTR)
        return rs_diag_post(&d->h.diag, "HY016", 0, "cannot modify an implementation row descriptor");
    rc = set_header(d, field, value);
    if (rc != SQL_NO_DATA + 1000)
        return rc;
    if (!known_rec_field(field))
        return rs_diag_post(&d->h.diag, "HY091", 0, "invalid descriptor field %d", field);
    if (recno == 0)
        return rs_diag_post(&d->h.diag, "07009", 0, "bookmarks are not supported");
    if (recno < 0)
        return rs_diag_post(&d->h.diag, "07009", 0, "invalid record number %d", recno);
    r = rs_desc_rec_at(d, recno, 1);
    if (!r)
        return rs_diag_post(&d->h.diag, "HY001", 0, "out of memory");
    /* setting anything but the deferred fields unbinds the record */
    if (is_app(d) && field != SQL_DESC_DATA_PTR && field != SQL_DESC_INDICATOR_PTR &&
        field != SQL_DESC_OCTET_LENGTH_PTR)
        r->data_ptr = NULL;
    return set_rec_field(d, r, recno, field, value);
}

SQLRETURN rs_desc_copy(rs_desc *src, rs_desc *dst)
{
    if (dst->kind == RS_DESC_IRD)
        return rs_diag_post(&dst->h.diag, "HY016", 0, "cannot copy into an implementation row descriptor");
    rs_desc_set_count(dst, 0);
    dst->array_size = src->array_size;
    dst->array_status_ptr = src->array_status_ptr;
    dst->bind_offset_ptr = src->bind_offset_ptr;
    dst->bind_type = src->bind_type;
    dst->rows_processed_ptr = src->rows_processed_ptr;
    if (src->count > 0 && !rs_desc_rec_at(dst, src->count, 1))
        return rs_diag_post(&dst->h.diag, "HY001", 0, "out of memory");
    for (SQLSMALLINT i = 1; i <= src->count; i++) {
        rs_desc_rec *s = &src->recs[i], *t = &dst->recs[i];
        rec_free_strings(t);
        *t = *s;
        t->name = dupnull(s->name);
        t->label = dupnull(s->label);
        t->base_column_name = dupnull(s->base_column_name);
        t->base_table_name = dupnull(s->base_table_name);
        t->table_name = dupnull(s->table_name);
        t->schema_name = dupnull(s->schema_name);
        t->catalog_name = dupnull(s->catalog_name);
        t->type_name = dupnull(s->type_name);
        t->local_type_name = dupnull(s->local_type_name);
        t->literal_prefix = dupnull(s->literal_prefix);
        t->literal_suffix = dupnull(s->literal_suffix);
    }
    return SQL_SUCCESS;
}
