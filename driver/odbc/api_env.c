/* SPDX-License-Identifier: Apache-2.0 */
/* Entry points: handles, environment attributes, transactions, SQLGetFunctions. */
#include "driver/odbc/api.h"

#include <stdint.h>
#include <stdlib.h>

static SQLRETURN alloc_desc(rs_conn *c, SQLHANDLE *out)
{
    rs_desc *d;

    if (!c->connected)
        return rs_diag_post(&c->h.diag, "08003", 0, "the connection is not open");
    d = calloc(1, sizeof *d);
    if (!d)
        return rs_diag_post(&c->h.diag, "HY001", 0, "out of memory");
    rs_desc_init(d, RS_DESC_ARD, SQL_DESC_ALLOC_USER, c);
    d->odbc2 = c->h.diag.odbc2;
    if (rs_conn_add_desc(c, d) != 0) {
        rs_desc_cleanup(d);
        free(d);
        return rs_diag_post(&c->h.diag, "HY001", 0, "out of memory");
    }
    *out = d;
    return SQL_SUCCESS;
}

/* SQLAllocHandle: "allocates an environment, connection, statement, or descriptor handle". */
SQLRETURN SQL_API SQLAllocHandle(SQLSMALLINT type, SQLHANDLE input, SQLHANDLE *out)
{
    if (!out)
        return SQL_ERROR;
    switch (type) {
    case SQL_HANDLE_ENV:
        *out = SQL_NULL_HENV;
        return rs_env_alloc(out);
    case SQL_HANDLE_DBC: {
        RS_ENTER(rs_env, env, input, SQL_HANDLE_ENV);
        *out = SQL_NULL_HDBC;
        RS_LEAVE(env, rs_conn_alloc(env, out));
    }
    case SQL_HANDLE_STMT: {
        RS_ENTER(rs_conn, c, input, SQL_HANDLE_DBC);
        *out = SQL_NULL_HSTMT;
        RS_LEAVE(c, rs_stmt_alloc(c, out));
    }
    case SQL_HANDLE_DESC: {
        RS_ENTER(rs_conn, c, input, SQL_HANDLE_DBC);
        *out = SQL_NULL_HDESC;
        RS_LEAVE(c, alloc_desc(c, out));
    }
    default:
        return SQL_ERROR;
    }
}

static SQLRETURN free_desc(rs_desc *d)
{
    rs_conn *c = d->conn;

    if (d->alloc_type != SQL_DESC_ALLOC_USER)
        return rs_diag_post(&d->h.diag, "HY017", 0, "implicitly allocated descriptors cannot be freed");
    /* statements using it fall back to their implicit descriptors */
    for (rs_stmt *s = c->stmts; s; s = s->next) {
        if (s->ard == d)
            s->ard = &s->ard_i;
        if (s->apd == d)
            s->apd = &s->apd_i;
    }
    rs_conn_remove_desc(c, d);
    rs_handle_unlock(&d->h);
    rs_desc_cleanup(d);
    free(d);
    return SQL_SUCCESS;
}

/* SQLFreeHandle: "frees resources associated with a specific handle". */
SQLRETURN SQL_API SQLFreeHandle(SQLSMALLINT type, SQLHANDLE handle)
{
    switch (type) {
    case SQL_HANDLE_ENV: {
        RS_ENTER(rs_env, env, handle, SQL_HANDLE_ENV);
        if (env->nconns > 0)
            RS_LEAVE(env, rs_env_free(env));
        rs_handle_unlock(&env->h);
        return rs_env_free(env);
    }
    case SQL_HANDLE_DBC: {
        RS_ENTER(rs_conn, c, handle, SQL_HANDLE_DBC);
        rs_env *env = c->env;
        if (c->connected)
            RS_LEAVE(c, rs_conn_free(c));
        rs_handle_unlock(&c->h);
        rs_handle_lock(&env->h);
        rs_conn_free(c);
        rs_handle_unlock(&env->h);
        return SQL_SUCCESS;
    }
    case SQL_HANDLE_STMT: {
        rs_stmt *s = (rs_stmt *)rs_handle_check(handle, SQL_HANDLE_STMT);
        rs_conn *c;
        if (!s)
            return SQL_INVALID_HANDLE;
        c = s->conn;
        rs_handle_lock(&c->h);
        rs_handle_lock(&s->h);
        rs_handle_unlock(&s->h);
        rs_stmt_free(s);
        rs_handle_unlock(&c->h);
        return SQL_SUCCESS;
    }
    case SQL_HANDLE_DESC: {
        rs_desc *d = (rs_desc *)rs_handle_check(handle, SQL_HANDLE_DESC);
        rs_conn *c;
        SQLRETURN rc;
        if (!d)
            return SQL_INVALID_HANDLE;
        c = d->conn;
        rs_handle_lock(&c->h);
        rs_handle_lock(&d->h);
        rs_diag_clear(&d->h.diag);
        rc = free_desc(d);
        if (rc != SQL_SUCCESS)
            rs_handle_unlock(&d->h);
        rs_handle_unlock(&c->h);
        return rc;
    }
    default:
        return SQL_INVALID_HANDLE;
    }
}

/* SQLSetEnvAttr: "sets attributes that govern aspects of environments". */
SQLRETURN SQL_API SQLSetEnvAttr(SQLHENV henv, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len)
{
    RS_ENTER(rs_env, env, henv, SQL_HANDLE_ENV);
    RS_LEAVE(env, rs_env_set_attr(env, attr, value, len));
}

/* SQLGetEnvAttr: "returns the current setting of an environment attribute". */
SQLRETURN SQL_API SQLGetEnvAttr(SQLHENV henv, SQLINTEGER attr, SQLPOINTER value,
                                SQLINTEGER buflen, SQLINTEGER *outlen)
{
    RS_ENTER(rs_env, env, henv, SQL_HANDLE_ENV);
    RS_LEAVE(env, rs_env_get_attr(env, attr, value, buflen, outlen));
}

/* SQLEndTran: "requests a commit or rollback operation"; every statement autocommits. */
SQLRETURN SQL_API SQLEndTran(SQLSMALLINT type, SQLHANDLE handle, SQLSMALLINT completion)
{
    if (type == SQL_HANDLE_ENV) {
        RS_ENTER(rs_env, env, handle, SQL_HANDLE_ENV);
        if (completion != SQL_COMMIT && completion != SQL_ROLLBACK)
            RS_LEAVE(env, rs_diag_post(&env->h.diag, "HY012", 0, "invalid transaction operation"));
        RS_LEAVE(env, SQL_SUCCESS);
    }
    if (type == SQL_HANDLE_DBC) {
        RS_ENTER(rs_conn, c, handle, SQL_HANDLE_DBC);
        RS_LEAVE(c, rs_conn_end_tran(c, completion));
    }
    return SQL_INVALID_HANDLE;
}

/* SQLGetFunctions: "returns information about whether a driver supports a specific ODBC
 * function". */
SQLRETURN SQL_API SQLGetFunctions(SQLHDBC hdbc, SQLUSMALLINT id, SQLUSMALLINT *supported)
{
    RS_ENTER(rs_conn, c, hdbc, SQL_HANDLE_DBC);
    RS_LEAVE(c, rs_get_functions(id, supported));
}
