/* SPDX-License-Identifier: Apache-2.0 */
#include "itest.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

SQLHENV it_env = SQL_NULL_HENV;
SQLHDBC it_dbc = SQL_NULL_HDBC;

void it_connect_ver(SQLINTEGER ver, const char *extra)
{
    char in[1024];
    const char *dsn = getenv("RS_DSN");
    SQLRETURN rc;

    CU_ASSERT_FATAL(dsn != NULL);
    CU_ASSERT_FATAL(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &it_env) == SQL_SUCCESS);
    SQLSetEnvAttr(it_env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)(intptr_t)ver, 0);
    CU_ASSERT_FATAL(SQLAllocHandle(SQL_HANDLE_DBC, it_env, &it_dbc) == SQL_SUCCESS);
    snprintf(in, sizeof in, "DSN=%s;%s", dsn, extra ? extra : "");
    rc = SQLDriverConnect(it_dbc, NULL, (SQLCHAR *)in, SQL_NTS, NULL, 0, NULL,
                          SQL_DRIVER_NOPROMPT);
    if (!SQL_SUCCEEDED(rc))
        it_dump(SQL_HANDLE_DBC, it_dbc, "SQLDriverConnect", __LINE__);
    CU_ASSERT_FATAL(SQL_SUCCEEDED(rc));
}

void it_connect(const char *extra)
{
    it_connect_ver(SQL_OV_ODBC3, extra);
}

void it_disconnect(void)
{
    if (it_dbc) {
        CU_ASSERT(SQLDisconnect(it_dbc) == SQL_SUCCESS);
        SQLFreeHandle(SQL_HANDLE_DBC, it_dbc);
    }
    if (it_env)
        SQLFreeHandle(SQL_HANDLE_ENV, it_env);
    it_dbc = SQL_NULL_HDBC;
    it_env = SQL_NULL_HENV;
}

SQLHSTMT it_stmt(void)
{
    SQLHSTMT st = SQL_NULL_HSTMT;

    CU_ASSERT_FATAL(SQLAllocHandle(SQL_HANDLE_STMT, it_dbc, &st) == SQL_SUCCESS);
    return st;
}

void it_free(SQLHSTMT st)
{
    CU_ASSERT(SQLFreeHandle(SQL_HANDLE_STMT, st) == SQL_SUCCESS);
}

static char state_buf[6], msg_buf[2048];

static void diag1(SQLSMALLINT type, SQLHANDLE h)
{
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;

    state_buf[0] = msg_buf[0] = 0;
    if (!SQL_SUCCEEDED(SQLGetDiagRec(type, h, 1, (SQLCHAR *)state_buf, &native,
                                     (SQLCHAR *)msg_buf, sizeof msg_buf, &len)))
        state_buf[0] = msg_buf[0] = 0;
}

const char *it_state(SQLSMALLINT type, SQLHANDLE h)
{
    diag1(type, h);
    return state_buf;
}

const char *it_msg(SQLSMALLINT type, SQLHANDLE h)
{
    diag1(type, h);
    return msg_buf;
}

void it_dump(SQLSMALLINT type, SQLHANDLE h, const char *what, int line)
{
    SQLCHAR state[6], msg[2048];
    SQLINTEGER native;
    SQLSMALLINT len;

    fprintf(stderr, "line %d: %s failed\n", line, what);
    for (SQLSMALLINT i = 1; SQL_SUCCEEDED(SQLGetDiagRec(type, h, i, state, &native, msg,
                                                         sizeof msg, &len)); i++)
        fprintf(stderr, "  [%s] %s (native %d)\n", state, msg, (int)native);
}

void it_exec(SQLHSTMT st, const char *sql)
{
    IT_STMT_OK(SQLExecDirect(st, (SQLCHAR *)sql, SQL_NTS), st);
}

const char *it_get(SQLHSTMT st, SQLUSMALLINT col)
{
    static char buf[4096];
    SQLLEN ind = 0;
    SQLRETURN rc = SQLGetData(st, col, SQL_C_CHAR, buf, sizeof buf, &ind);

    if (!SQL_SUCCEEDED(rc)) {
        it_dump(SQL_HANDLE_STMT, st, "SQLGetData", __LINE__);
        return "<ERROR>";
    }
    return ind == SQL_NULL_DATA ? "<NULL>" : buf;
}

char *it_scalar(const char *sql)
{
    SQLHSTMT st = it_stmt();
    char *v = NULL;

    it_exec(st, sql);
    if (SQLFetch(st) == SQL_SUCCESS)
        v = strdup(it_get(st, 1));
    it_free(st);
    return v ? v : strdup("<NO ROW>");
}

int it_http(const char *method, const char *path, const char *body)
{
    char cmd[8192];
    const char *server = getenv("RS_SERVER"), *key = getenv("RS_APIKEY");
    const char *dir = getenv("RS_DATADIR");
    char file[512];
    FILE *f;
    int rc;

    if (!server || !key)
        return -1;
    /* the body goes through a file so quoting stays simple */
    snprintf(file, sizeof file, "%s/it_http_body.json", dir ? dir : "/tmp");
    f = fopen(file, "w");
    if (!f)
        return -1;
    fputs(body ? body : "", f);
    fclose(f);
    snprintf(cmd, sizeof cmd,
             "curl -sS -f -o /dev/null -X %s -H 'Authorization: ApiKey %s' "
             "-H 'Content-Type: application/json' %s%s '%s%s'",
             method, key, body ? "--data-binary @" : "", body ? file : "", server, path);
    rc = system(cmd);
    remove(file);
    return rc;
}
