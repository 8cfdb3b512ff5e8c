/* SPDX-License-Identifier: Apache-2.0 */
/* Result columns typed from the collections' schema, before the first row is read.
 *
 * Rockset is schemaless and its answers type nothing (the hosted service sent empty
 * column_fields types, and none at all for `SELECT *`), so a result's columns are what its
 * first page shows. That misleads every tool that reads metadata first: a `*` select loses
 * the fields its first page lacks, an empty result has no columns or only VARCHARs, and a
 * column disagrees with SQLColumns for the same field. Here the answer's `collections` are
 * DESCRIBEd (cached per connection for a few seconds) and:
 *   - a result column named like a top-level field takes the field's type, by the one rule
 *     SQLColumns uses (rs_types_merge), unless its values contradict it (an alias);
 *   - a `*` select over one collection gets every top-level field as a column;
 *   - a column with no values on the first page takes the field's type;
 *   - a select item that reads a field under another name (`f AS x`, `t.f`) or aggregates
 *     one (`SUM(f)`, `MIN(f)`, `COUNT(*)`) is typed from the field and the aggregate, so
 *     `SELECT SUM(qty) ... WHERE 1=0` is BIGINT, not VARCHAR (driver/sql/sqlselect.c).
 * A DESCRIBE that fails leaves the columns as the values said: it never fails the query. */
#include "driver/odbc/stmt.h"
#include "driver/odbc/conn.h"
#include "driver/client/log.h"
#include "driver/convert/types.h"
#include "driver/sql/sqllex.h" /* rs_sql_selects_star */
#include "driver/sql/sqlselect.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define RS_SCHEMA_TTL_MS 30000LL

static long long rs_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000LL + ts.tv_nsec / 1000000L;
}

void rs_conn_schema_clear(rs_conn *c)
{
    for (size_t i = 0; i < RS_SCHEMA_SLOTS; i++) {
        free(c->schema[i].collection);
        rs_cat_fields_free(c->schema[i].fields, c->schema[i].nfields);
        memset(&c->schema[i], 0, sizeof c->schema[i]);
    }
}

/* The cached fields of "ws.coll", DESCRIBEd when missing or older than the TTL; NULL when
 * they cannot be had (logged). */
const rs_schema_slot *rs_stmt_schema_get(rs_stmt *s, const char *collection)
{
    rs_conn *c = s->conn;
    long long now = rs_now_ms();
    rs_schema_slot *slot = &c->schema[0];
    const char *dot = strrchr(collection, '.');
    rs_catalog_ctx cx;
    rs_error err;
    char *ws;

    for (size_t i = 0; i < RS_SCHEMA_SLOTS; i++) {
        rs_schema_slot *e = &c->schema[i];
        if (e->collection && strcmp(e->collection, collection) == 0 &&
            now - e->fetched_ms < RS_SCHEMA_TTL_MS)
            return e;
        /* reuse this collection's stale slot, else a free one, else the oldest */
        if (e->collection && strcmp(e->collection, collection) == 0) {
            slot = e;
            break;
        }
        if (slot->collection && (!e->collection || e->fetched_ms < slot->fetched_ms))
            slot = e;
    }
    if (!dot || dot == collection || !dot[1] || !(ws = strndup(collection, (size_t)(dot - collection))))
        return NULL;
    free(slot->collection);
    rs_cat_fields_free(slot->fields, slot->nfields);
    memset(slot, 0, sizeof *slot);
    rs_conn_catalog_ctx(c, &cx, 0);
    rs_error_clear(&err);
    if (rs_catalog_field_types(&cx, ws, dot + 1, &slot->fields, &slot->nfields, &err) != 0) {
        rs_log(RS_LOG_WARN, "DESCRIBE %s for result types failed: %s", collection, err.message);
        free(ws);
        return NULL;
    }
    free(ws);
    slot->collection = strdup(collection);
    slot->fetched_ms = now;
    return slot->collection ? slot : NULL;
}

static const char *rs_kind_type_name(rs_vkind k)
{
    switch (k) {
    case RS_V_BOOL: return "bool";
    case RS_V_INT: return "int";
    case RS_V_FLOAT: return "float";
    case RS_V_STRING: return "string";
    case RS_V_BYTES: return "bytes";
    case RS_V_DATE: return "date";
    case RS_V_TIME: return "time";
    case RS_V_DATETIME: return "datetime";
    case RS_V_TIMESTAMP: return "timestamp";
    case RS_V_OBJECT: return "object";
    case RS_V_ARRAY: return "array";
    default: return "";
    }
}

/* The column takes the field's type unless its values say otherwise (an alias that reuses a
 * field's name for another expression). */
static void rs_schema_apply(rs_column *col, const char *type)
{
    const char *seen = col->mixed ? "string" : rs_kind_type_name(col->kind);
    rs_vkind k;

    if (!*type)
        return;
    if (!*seen) {
        /* no values on the first page: the field says what they will be */
        if (!col->rockset_type[0] || strcasecmp(col->rockset_type, "null") == 0 ||
            strcasecmp(col->rockset_type, "undefined") == 0)
            strncpy(col->rockset_type, type, sizeof col->rockset_type - 1);
        return;
    }
    if (strcasecmp(rs_types_merge(type, seen), type) != 0)
        return; /* the values contradict the field: they decide */
    k = rs_types_kind_from_name(type);
    if (k == RS_V_STRING && col->kind != RS_V_STRING)
        col->mixed = 1; /* a field of mixed types: character data, as SQLColumns says */
    else if (k == RS_V_FLOAT && col->kind == RS_V_INT)
        col->kind = RS_V_FLOAT;
}

/* The merged type of field name over the collections read ("" when none has it). */
static const char *rs_schema_type_of(const rs_schema_slot *const *slots, size_t n,
                                     const char *name)
{
    const char *t = "";

    for (size_t i = 0; i < n; i++)
        for (size_t f = 0; slots[i] && f < slots[i]->nfields; f++)
            if (strcmp(slots[i]->fields[f].name, name) == 0)
                t = rs_types_merge(t, slots[i]->fields[f].type);
    return t;
}

/* The Rockset type of a select item's values, from the field it reads ("" when unknown).
 * COUNT counts, AVG divides (Rockset's AVG is a float even over ints), SUM keeps an int or
 * float field's type, and MIN, MAX and ARBITRARY return one of the field's values. */
static const char *rs_schema_item_type(const rs_schema_slot *const *slots, size_t n,
                                       const rs_sel_item *it)
{
    static const char *const counts[] = { "COUNT", "COUNT_IF", "APPROX_COUNT_DISTINCT", NULL };
    static const char *const picks[] = { "MIN", "MAX", "ARBITRARY", "ANY_VALUE", NULL };
    const char *ft = it->field ? rs_schema_type_of(slots, n, it->field) : "";

    if (it->kind == RS_SEL_FIELD)
        return ft;
    if (it->kind != RS_SEL_AGG)
        return "";
    for (size_t i = 0; counts[i]; i++)
        if (strcmp(it->agg, counts[i]) == 0)
            return "int";
    for (size_t i = 0; picks[i]; i++)
        if (strcmp(it->agg, picks[i]) == 0)
            return ft;
    if (strcmp(it->agg, "AVG") == 0)
        return "float";
    if (strcmp(it->agg, "SUM") == 0)
        return strcmp(ft, "int") == 0 || strcmp(ft, "float") == 0 ? ft : "";
    if (!strcmp(it->agg, "BOOL_AND") || !strcmp(it->agg, "BOOL_OR") || !strcmp(it->agg, "EVERY"))
        return "bool";
    return "";
}

/* The type for result column c: its select item's when the list names it, else the field's
 * of the same name. */
static const char *rs_schema_column_type(const rs_schema_slot *const *slots, size_t n,
                                         const rs_sel_item *items, int nitems,
                                         const char *name)
{
    for (int i = 0; i < nitems; i++)
        if (strcmp(items[i].name, name) == 0)
            return rs_schema_item_type(slots, n, &items[i]);
    return rs_schema_type_of(slots, n, name);
}

/* `SELECT *` over one collection: every top-level field is a column, also those the first
 * page did not show (or all of them, when it had no rows), in SQLColumns' order
 * (ORDINAL_POSITION). The answer's order is the first document's key order, which changes
 * with the data; tools that edit a table through `SELECT *` (LibreOffice Base's row sets)
 * take column i of the result for the i-th column of SQLColumns, and wrote a value into
 * another field when the two orders differed. */
static void rs_stmt_star_columns(rs_rowsource *rs, const rs_schema_slot *slot)
{
    const char **names;

    for (size_t f = 0; f < slot->nfields; f++) {
        const rs_cat_field *fd = &slot->fields[f];
        if (rs->ops->add_column(rs, fd->name, fd->type) != 0) {
            rs_log(RS_LOG_WARN, "out of memory adding column %s", fd->name);
            return;
        }
    }
    if (!rs->ops->order_columns || slot->nfields == 0)
        return;
    names = malloc(slot->nfields * sizeof *names);
    for (size_t f = 0; names && f < slot->nfields; f++)
        names[f] = slot->fields[f].name;
    if (!names || rs->ops->order_columns(rs, names, slot->nfields) != 0)
        rs_log(RS_LOG_WARN, "out of memory ordering the columns of a * select");
    free(names);
}

void rs_stmt_learn_schema(rs_stmt *s, rs_rowsource *rs)
{
    rs_sel_item *items = NULL;
    int nitems;
    const rs_schema_slot *slots[8];
    size_t n = 0;

    if (!rs || rs->ncollections == 0 || rs->rows_affected >= 0 || s->rw.is_call)
        return;
    for (size_t i = 0; i < rs->ncollections && n < sizeof slots / sizeof slots[0]; i++)
        slots[n++] = rs_stmt_schema_get(s, rs->collections[i]);
    nitems = rs_sql_select_items(s->rw.sql, &items);
    for (size_t c = 0; c < rs->ncols; c++)
        rs_schema_apply(&rs->cols[c], rs_schema_column_type(slots, n, items, nitems > 0 ? nitems : 0,
                                                            rs->cols[c].name));
    rs_sql_select_items_free(items, nitems);
    if (n == 1 && slots[0] && rs->ops->add_column && rs_sql_selects_star(s->rw.sql))
        rs_stmt_star_columns(rs, slots[0]);
}
