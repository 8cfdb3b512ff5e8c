/* SPDX-License-Identifier: Apache-2.0 */
/* The environment handle: ODBC version and pooling attributes. */
#include "driver/odbc/handles.h"

#include <stdint.h>
#include <stdlib.h>

SQLRETURN rs_env_alloc(SQLHANDLE *out)
{
    rs_env *env = calloc(1, sizeof *env);

    if (!env)
        return SQL_ERROR;
    rs_handle_init(&env->h, SQL_HANDLE_ENV);
    env->connection_pooling = SQL_CP_OFF;
    env->cp_match = SQL_CP_STRICT_MATCH;
    *out = env;
    return SQL_SUCCESS;
}

SQLRETURN rs_env_free(rs_env *env)
{
    if (env->nconns > 0)
        return rs_diag_post(&env->h.diag, "HY010",
                            0, "the environment still has %d connection(s)", env->nconns);
    rs_handle_destroy(&env->h);
    free(env);
    return SQL_SUCCESS;
}

SQLRETURN rs_env_set_attr(rs_env *env, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len)
{
    SQLINTEGER v = (SQLINTEGER)(intptr_t)value;

    switch (attr) {
    case SQL_ATTR_ODBC_VERSION:
        if (env->nconns > 0)
            return rs_diag_post(&env->h.diag, "HY010", 0,
                                "SQL_ATTR_ODBC_VERSION set after connections were allocated");
        if (v != SQL_OV_ODBC2 && v != SQL_OV_ODBC3 && v != SQL_OV_ODBC3_80)
            return rs_diag_post(&env->h.diag, "HY024", 0, "invalid ODBC version %d", (int)v);
        env->odbc_version = v;
        env->h.diag.odbc2 = v == SQL_OV_ODBC2;
        return SQL_SUCCESS;
    case SQL_ATTR_CONNECTION_POOLING:
        env->connection_pooling = (SQLUINTEGER)v;
        return SQL_SUCCESS;
    case SQL_ATTR_CP_MATCH:
        env->cp_match = (SQLUINTEGER)v;
        return SQL_SUCCESS;
    case SQL_ATTR_OUTPUT_NTS:
        if (v == SQL_TRUE)
            return SQL_SUCCESS;
        return rs_diag_post(&env->h.diag, "HYC00", 0,
                            "SQL_ATTR_OUTPUT_NTS = SQL_FALSE is not supported");
    default:
        return rs_diag_post(&env->h.diag, "HY092", 0, "unknown environment attribute %d",
                            (int)attr);
    }
}

SQLRETURN rs_env_get_attr(rs_env *env, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER buflen,
                          SQLINTEGER *outlen)
{
    SQLUINTEGER v;

    switch (attr) {
    case SQL_ATTR_ODBC_VERSION:
        v = env->odbc_version ? (SQLUINTEGER)env->odbc_version : (SQLUINTEGER)SQL_OV_ODBC3;
        break;
    case SQL_ATTR_CONNECTION_POOLING: v = env->connection_pooling; break;
    case SQL_ATTR_CP_MATCH: v = env->cp_match; break;
    case SQL_ATTR_OUTPUT_NTS: v = SQL_TRUE; break;
    default:
        return rs_diag_post(&env->h.diag, "HY092", 0, "unknown environment attribute %d",
                            (int)attr);
    }
    if (value)
        *(SQLUINTEGER *)value = v;
    if (outlen)
        *outlen = sizeof(SQLUINTEGER);
    return SQL_SUCCESS;
}
