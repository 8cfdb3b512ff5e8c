/* SPDX-License-Identifier: Apache-2.0 */
/* Descriptors (ARD, APD, IRD, IPD): header and records, the field access rules of
 * SQLGetDescField/SQLSetDescField, consistency checks, copies. SQLBindCol and
 * SQLBindParameter are written on top of these. Strings are UTF-8 here. */
#ifndef RS_DESC_H
#define RS_DESC_H

#include "driver/odbc/handles.h"
#include "driver/convert/types.h"

struct rs_conn;
struct rs_stmt;

typedef enum { RS_DESC_ARD, RS_DESC_APD, RS_DESC_IRD, RS_DESC_IPD } rs_desc_kind;

typedef struct rs_desc_rec {
    SQLSMALLINT type, concise_type, datetime_interval_code;
    SQLINTEGER datetime_interval_precision;
    SQLLEN octet_length;
    SQLULEN length;
    SQLSMALLINT precision, scale;
    SQLPOINTER data_ptr;
    SQLLEN *indicator_ptr, *octet_length_ptr;
    SQLSMALLINT nullable, unnamed, parameter_type;
    SQLSMALLINT fixed_prec_scale, case_sensitive, searchable, updatable, is_unsigned;
    SQLINTEGER num_prec_radix, auto_unique_value;
    SQLLEN display_size;
    char *name, *label, *base_column_name, *base_table_name, *table_name, *schema_name;
    char *catalog_name, *type_name, *local_type_name, *literal_prefix, *literal_suffix;
} rs_desc_rec;

typedef struct rs_desc {
    rs_handle h;
    rs_desc_kind kind;
    SQLSMALLINT alloc_type;         /* SQL_DESC_ALLOC_AUTO or SQL_DESC_ALLOC_USER */
    struct rs_conn *conn;
    SQLULEN array_size;
    SQLUSMALLINT *array_status_ptr;
    SQLLEN *bind_offset_ptr;
    SQLINTEGER bind_type;
    SQLULEN *rows_processed_ptr;
    SQLSMALLINT count;
    rs_desc_rec *recs;              /* recs[1..count] */
    rs_desc_rec bm;                 /* record 0, the bookmark column (ARD: SQLBindCol 0) */
    SQLSMALLINT cap;
    int odbc2;                      /* report ODBC 2 datetime codes                  */
} rs_desc;

void rs_desc_init(rs_desc *d, rs_desc_kind kind, SQLSMALLINT alloc_type, struct rs_conn *conn);
void rs_desc_cleanup(rs_desc *d);
/* The record, growing count when create is set; NULL on allocation failure. */
rs_desc_rec *rs_desc_rec_at(rs_desc *d, SQLSMALLINT n, int create);
/* Drops records above n (SQL_DESC_COUNT lowered; unbind). */
void rs_desc_set_count(rs_desc *d, SQLSMALLINT n);
void rs_desc_rec_reset(rs_desc *d, rs_desc_rec *r);
/* Sets type fields as SQL_DESC_CONCISE_TYPE does (type, concise type, interval code). */
void rs_desc_set_concise(rs_desc_rec *r, SQLSMALLINT concise);
/* Fills an IRD/IPD record from the type registry. */
void rs_desc_rec_from_type(rs_desc_rec *r, const rs_type_info *ti);
/* Consistency check (HY021) of an application or IPD record. */
int rs_desc_rec_consistent(const rs_desc *d, const rs_desc_rec *r);

/* SQLGetDescField: *str receives a UTF-8 string field (the caller writes it out), else value
 * is written and *len set. */
SQLRETURN rs_desc_get_field(rs_desc *d, SQLSMALLINT recno, SQLSMALLINT field,
                            SQLPOINTER value, SQLINTEGER buflen, SQLINTEGER *len,
                            const char **str);
/* SQLSetDescField: string values already UTF-8 and NUL-terminated. */
SQLRETURN rs_desc_set_field(rs_desc *d, SQLSMALLINT recno, SQLSMALLINT field,
                            SQLPOINTER value, SQLINTEGER buflen);
SQLRETURN rs_desc_copy(rs_desc *src, rs_desc *dst);
/* Whether a field holds a string (the W entry points convert those). */
int rs_desc_field_is_string(SQLSMALLINT field);
/* The SQL/C type as ODBC 2 applications know it (SQL_DATE for SQL_TYPE_DATE ...). */
SQLSMALLINT rs_desc_visible_type(int odbc2, SQLSMALLINT t);

#endif
