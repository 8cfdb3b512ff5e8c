/* SPDX-License-Identifier: Apache-2.0 */
/* The common header of every ODBC handle (type tag, mutex, diagnostics), the environment
 * handle, and the checks the entry points run before anything else. */
#ifndef RS_HANDLES_H
#define RS_HANDLES_H

#include <pthread.h>
#include <sql.h>
#include <sqlext.h>
#include "driver/odbc/diag.h"

typedef struct rs_handle {
    unsigned magic;          /* RS_MAGIC_* while alive, 0 after free */
    SQLSMALLINT type;        /* SQL_HANDLE_ENV, _DBC, _STMT, _DESC   */
    pthread_mutex_t mu;      /* recursive: internal calls may re-enter */
    rs_diag diag;
} rs_handle;

enum { RS_MAGIC_ENV = 0x52734556, RS_MAGIC_DBC = 0x52734443, RS_MAGIC_STMT = 0x52735354,
       RS_MAGIC_DESC = 0x52734445 };

typedef struct rs_env {
    rs_handle h;
    SQLINTEGER odbc_version; /* 0 until the application sets it (HY010 before) */
    SQLUINTEGER connection_pooling, cp_match;
    int nconns;
} rs_env;

void rs_handle_init(rs_handle *h, SQLSMALLINT type);
void rs_handle_destroy(rs_handle *h);
/* The handle when it is a live handle of that type, else NULL (SQL_INVALID_HANDLE). */
rs_handle *rs_handle_check(SQLHANDLE h, SQLSMALLINT type);
void rs_handle_lock(rs_handle *h);
void rs_handle_unlock(rs_handle *h);
/* Records the return code for SQL_DIAG_RETURNCODE and returns it. */
SQLRETURN rs_handle_ret(rs_handle *h, SQLRETURN rc);

SQLRETURN rs_env_alloc(SQLHANDLE *out);
SQLRETURN rs_env_free(rs_env *env);
SQLRETURN rs_env_set_attr(rs_env *env, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len);
SQLRETURN rs_env_get_attr(rs_env *env, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER buflen,
                          SQLINTEGER *outlen);

/* Copies a UTF-8 string to an application buffer of buflen bytes (NUL-terminated, truncated
 * on a character boundary). Returns 1 when truncated. *outlen (may be NULL) gets the full
 * length in bytes. */
int rs_out_str(const char *s, SQLCHAR *buf, SQLLEN buflen, SQLLEN *outlen);
/* Same into a UTF-16 buffer of bufchars SQLWCHARs; *outlen in SQLWCHARs. */
int rs_out_wstr(const char *s, SQLWCHAR *buf, SQLLEN bufchars, SQLLEN *outlen);

#endif
