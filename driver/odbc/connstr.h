/* SPDX-License-Identifier: Apache-2.0 */
/* Connection strings ("KEY=value;KEY={va;lue}"), the DSN's keys from odbc.ini, and the
 * resolved configuration with the keyword table's defaults. */
#ifndef RS_CONNSTR_H
#define RS_CONNSTR_H

#include <stddef.h>

typedef struct rs_kv {
    char *key;   /* canonical keyword name when known, else as written */
    char *value;
    char *written; /* the name as the application wrote it when that differs from key (PWD for
                      ApiKey): the output connection string uses it, so a tool that masks PWD
                      when it shows or stores a connection still masks the key */
} rs_kv;

typedef struct rs_connstr {
    rs_kv *items;
    size_t n, cap;
} rs_connstr;

/* Parses; later duplicates of a key are ignored (the first one wins, as the spec says).
 * 0 on success, -1 with a message (e.g. an unterminated brace). len < 0 = NUL-terminated. */
int rs_connstr_parse(const char *s, long len, rs_connstr *out, char *err, size_t errlen);
const char *rs_connstr_get(const rs_connstr *cs, const char *key);
int rs_connstr_set(rs_connstr *cs, const char *key, const char *value);
/* Adds the DSN's keys from odbc.ini for keywords cs does not set yet. */
void rs_connstr_add_dsn(rs_connstr *cs, const char *dsn);
/* "KEY=value;..." with braces where a value needs them; malloc'ed. */
char *rs_connstr_build(const rs_connstr *cs);
void rs_connstr_free(rs_connstr *cs);

typedef struct rs_conn_cfg {
    char *dsn, *driver, *server, *api_key, *workspace, *ca_info, *proxy, *log_file;
    char *lambda_tag;
    long timeout_s, connect_timeout_s, query_timeout_s, page_size, max_retries, log_level;
    long stall_timeout_s;
    long long default_row_limit, max_value_bytes, max_page_bytes;
    unsigned long max_varchar;
    int ssl_verify;
    int read_only;       /* ReadOnly=1: writes are refused (25000) */
} rs_conn_cfg;

/* Values from cs, else the keyword table's defaults. 0, or -1 with a message naming the
 * keyword and the bad value (HY000). */
int rs_conn_cfg_resolve(const rs_connstr *cs, rs_conn_cfg *cfg, char *err, size_t errlen);
void rs_conn_cfg_free(rs_conn_cfg *cfg);

#endif
