/* SPDX-License-Identifier: Apache-2.0 */
/* The connection handle: configuration from the connection string/DSN, the Rockset client,
 * connection attributes, and the statements and descriptors allocated on it. */
#ifndef RS_CONN_H
#define RS_CONN_H

#include "driver/odbc/handles.h"
#include "driver/odbc/connstr.h"
#include "driver/client/rs_client.h"
#include "driver/catalog/catalog.h"
#include "driver/odbc/info.h"

struct rs_stmt;
struct rs_desc;

/* A collection's field types from DESCRIBE, kept a short while (RS_SCHEMA_TTL_MS) so that a
 * burst of queries over it costs one DESCRIBE. Guarded by client_mu. */
#define RS_SCHEMA_SLOTS 16
typedef struct rs_schema_slot {
    char *collection;       /* "ws.coll", NULL when free */
    long long fetched_ms;
    rs_cat_field *fields;
    size_t nfields;
} rs_schema_slot;

/* A write not yet known to be queryable: its collection and the offset it answered. The
 * next query on the connection waits for the commit fence to pass it (stmt_dml.c).
 * Guarded by client_mu. */
typedef struct rs_pending_write {
    char *ws, *coll;
    char offset[96];
} rs_pending_write;

typedef struct rs_conn {
    rs_handle h;
    rs_env *env;
    rs_client *client;
    pthread_mutex_t client_mu;   /* one request at a time on the client (statements share it) */
    int connected;
    int wide;                    /* connected through a W call: character columns are W types */
    int dead;                    /* a network error was seen (SQL_ATTR_CONNECTION_DEAD)      */
    rs_conn_cfg cfg;
    char *out_connstr;           /* the completed connection string (contains the key)       */
    char dbms_version[64];
    char user_name[256];
    /* attributes */
    SQLUINTEGER access_mode, login_timeout, connection_timeout, metadata_id;
    SQLULEN query_timeout, max_rows; /* defaults for new statements */
    char *current_catalog;
    SQLPOINTER quiet_mode;
    SQLUINTEGER ansi_app;
    struct rs_stmt *stmts;       /* linked through stmt->next */
    struct rs_desc **descs;      /* explicitly allocated descriptors */
    size_t ndescs, descs_cap;
    rs_schema_slot schema[RS_SCHEMA_SLOTS];
    rs_pending_write *pending;   /* writes the next query waits for (read your writes)   */
    size_t npending;
} rs_conn;

SQLRETURN rs_conn_alloc(rs_env *env, SQLHANDLE *out);
/* Drops every cached schema (disconnect). */
void rs_conn_schema_clear(rs_conn *c);
SQLRETURN rs_conn_free(rs_conn *c);
/* SQL_DBMS_VER ("##.##.#### text") from the version a server reports (NULL or "": none). */
void rs_conn_dbms_version(const char *reported, char *out, size_t cap);
/* SQLConnect: DSN, UID (ignored), PWD (the API key unless the DSN has one). */
SQLRETURN rs_conn_connect(rs_conn *c, const char *dsn, const char *uid, const char *pwd,
                          int wide);
/* SQLDriverConnect: *out receives the completed string (owned by the connection). */
SQLRETURN rs_conn_driver_connect(rs_conn *c, SQLHWND hwnd, const char *in, long inlen,
                                 SQLUSMALLINT completion, int wide, const char **out);
SQLRETURN rs_conn_disconnect(rs_conn *c);
/* String attributes come back in *str (UTF-8) for the entry point to write out. */
SQLRETURN rs_conn_set_attr(rs_conn *c, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len,
                           const char *str);
SQLRETURN rs_conn_get_attr(rs_conn *c, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER buflen,
                           SQLINTEGER *len, const char **str);
int rs_conn_attr_is_string(SQLINTEGER attr);
/* SQLGetInfo: numbers written to value, strings returned in *str (UTF-8). */
SQLRETURN rs_conn_get_info(rs_conn *c, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT buflen,
                           SQLSMALLINT *len, const char **str);
SQLRETURN rs_conn_end_tran(rs_conn *c, SQLSMALLINT completion);
void rs_conn_catalog_ctx(rs_conn *c, rs_catalog_ctx *cx, int metadata_id);
/* Posts an rs_error on the connection or statement diag with the dead-link bookkeeping. */
SQLRETURN rs_conn_post_error(rs_conn *c, rs_diag *d, const rs_error *err);
int rs_conn_add_desc(rs_conn *c, struct rs_desc *d);
void rs_conn_remove_desc(rs_conn *c, struct rs_desc *d);
/* Forgets the writes a query would wait for (disconnect). */
void rs_conn_pending_clear(rs_conn *c);
SQLRETURN rs_native_sql(rs_conn *c, const char *in, long len, char **out);

#endif
