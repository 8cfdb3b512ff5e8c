/* SPDX-License-Identifier: Apache-2.0 */
/* Connecting: DSN and connection strings, completions, errors (28000, 08001, HY000, IM008),
 * connection attributes, SQLGetInfo, SQLGetFunctions, SQLEndTran, ODBC 2 SQLSTATEs. */
#include "itest.h"
#include "tests/cunit_main.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static SQLHDBC new_dbc(SQLHENV *env, SQLINTEGER ver)
{
    SQLHDBC dbc;

    CU_ASSERT_FATAL(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, env) == SQL_SUCCESS);
    SQLSetEnvAttr(*env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)(intptr_t)ver, 0);
    CU_ASSERT_FATAL(SQLAllocHandle(SQL_HANDLE_DBC, *env, &dbc) == SQL_SUCCESS);
    return dbc;
}

static void free_dbc(SQLHENV env, SQLHDBC dbc)
{
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
}

/* Connects with a connection string and returns the SQLSTATE ("" on success). */
static const char *try_connect(const char *in, SQLUSMALLINT completion, SQLHWND hwnd,
                               char *msg, size_t msglen)
{
    static char state[6];
    SQLHENV env;
    SQLHDBC dbc = new_dbc(&env, SQL_OV_ODBC3);
    SQLRETURN rc = SQLDriverConnect(dbc, hwnd, (SQLCHAR *)in, SQL_NTS, NULL, 0, NULL, completion);

    state[0] = 0;
    if (SQL_SUCCEEDED(rc)) {
        SQLDisconnect(dbc);
    } else {
        snprintf(state, sizeof state, "%s", it_state(SQL_HANDLE_DBC, dbc));
        if (msg)
            snprintf(msg, msglen, "%s", it_msg(SQL_HANDLE_DBC, dbc));
    }
    free_dbc(env, dbc);
    return state;
}

static void test_connect_dsn(void)
{
    SQLHENV env;
    SQLHDBC dbc = new_dbc(&env, SQL_OV_ODBC3);
    const char *dsn = getenv("RS_DSN");
    SQLRETURN rc = SQLConnect(dbc, (SQLCHAR *)dsn, SQL_NTS, (SQLCHAR *)"ignored", SQL_NTS,
                              (SQLCHAR *)"", SQL_NTS);
    if (!SQL_SUCCEEDED(rc))
        it_dump(SQL_HANDLE_DBC, dbc, "SQLConnect", __LINE__);
    CU_ASSERT(rc == SQL_SUCCESS);
    CU_ASSERT(SQLDisconnect(dbc) == SQL_SUCCESS);
    /* PWD is the API key when the DSN has none */
    {
        char key[256];
        snprintf(key, sizeof key, "%s", getenv("RS_APIKEY"));
        rc = SQLConnect(dbc, (SQLCHAR *)"rockset-nokey", SQL_NTS, NULL, 0, (SQLCHAR *)key,
                        SQL_NTS);
        CU_ASSERT(rc == SQL_SUCCESS);
        if (SQL_SUCCEEDED(rc))
            SQLDisconnect(dbc);
    }
    free_dbc(env, dbc);
}

static void test_driver_connect_out(void)
{
    SQLHENV env;
    SQLHDBC dbc = new_dbc(&env, SQL_OV_ODBC3);
    char in[1024], out[1024], small[16];
    SQLSMALLINT outlen = 0;
    SQLRETURN rc;

    snprintf(in, sizeof in, "Driver={Rockset};Server=%s;PWD={%s};Workspace={com;mons};PageSize=7",
             getenv("RS_SERVER"), getenv("RS_APIKEY"));
    rc = SQLDriverConnect(dbc, NULL, (SQLCHAR *)in, SQL_NTS, (SQLCHAR *)out, sizeof out,
                          &outlen, SQL_DRIVER_NOPROMPT);
    if (!SQL_SUCCEEDED(rc))
        it_dump(SQL_HANDLE_DBC, dbc, "SQLDriverConnect", __LINE__);
    CU_ASSERT_FATAL(SQL_SUCCEEDED(rc));
    CU_ASSERT(outlen == (SQLSMALLINT)strlen(out));
    /* the key stays out of the completed string (driver-manager traces, saved strings) */
    CU_ASSERT(strstr(out, "PWD=") == NULL && strstr(out, "ApiKey=") == NULL);
    CU_ASSERT(strstr(out, getenv("RS_APIKEY")) == NULL);
    CU_ASSERT(strstr(out, "Workspace={com;mons}") != NULL);
    CU_ASSERT(strstr(out, "PageSize=7") != NULL);
    CU_ASSERT(SQLDisconnect(dbc) == SQL_SUCCESS);
    /* truncated out string: 01004 and the full length */
    rc = SQLDriverConnect(dbc, NULL, (SQLCHAR *)in, SQL_NTS, (SQLCHAR *)small, sizeof small,
                          &outlen, SQL_DRIVER_COMPLETE);
    CU_ASSERT(rc == SQL_SUCCESS_WITH_INFO);
    CU_ASSERT_STRING_EQUAL(it_state(SQL_HANDLE_DBC, dbc), "01004");
    CU_ASSERT(outlen > (SQLSMALLINT)sizeof small);
    CU_ASSERT(strlen(small) == sizeof small - 1);
    SQLDisconnect(dbc);
    /* an unknown keyword: connected, with 01S00, and left out of the out string */
    snprintf(in, sizeof in, "DSN=%s;Colour=blue", getenv("RS_DSN"));
    rc = SQLDriverConnect(dbc, NULL, (SQLCHAR *)in, SQL_NTS, (SQLCHAR *)out, sizeof out, &outlen,
                          SQL_DRIVER_NOPROMPT);
    CU_ASSERT_EQUAL(rc, SQL_SUCCESS_WITH_INFO);
    CU_ASSERT_STRING_EQUAL(it_state(SQL_HANDLE_DBC, dbc), "01S00");
    CU_ASSERT(strstr(out, "Colour") == NULL);
    CU_ASSERT(strstr(out, "DSN=") != NULL);
    if (SQL_SUCCEEDED(rc))
        SQLDisconnect(dbc);
    free_dbc(env, dbc);
}

static void test_connect_errors(void)
{
    char in[1024], msg[1024];
    const char *server = getenv("RS_SERVER"), *key = getenv("RS_APIKEY");

    snprintf(in, sizeof in, "Driver=Rockset;Server=%s;ApiKey=wrongkey", server);
    CU_ASSERT_STRING_EQUAL(try_connect(in, SQL_DRIVER_NOPROMPT, NULL, msg, sizeof msg), "28000");
    CU_ASSERT(strstr(msg, "wrongkey") == NULL); /* never echo a key */
    snprintf(in, sizeof in, "Driver=Rockset;Server=http://127.0.0.1:1;ApiKey=%s;ConnectTimeout=5", key);
    CU_ASSERT_STRING_EQUAL(try_connect(in, SQL_DRIVER_NOPROMPT, NULL, msg, sizeof msg), "08001");
    CU_ASSERT(strstr(msg, key) == NULL);
    snprintf(in, sizeof in, "Driver=Rockset;Server=%s;ApiKey=%s;PageSize=lots", server, key);
    CU_ASSERT_STRING_EQUAL(try_connect(in, SQL_DRIVER_NOPROMPT, NULL, msg, sizeof msg), "HY000");
    CU_ASSERT(strstr(msg, "PageSize") != NULL);
    snprintf(in, sizeof in, "Driver=Rockset;Server=notaurl;ApiKey=%s", key);
    CU_ASSERT_STRING_EQUAL(try_connect(in, SQL_DRIVER_NOPROMPT, NULL, msg, sizeof msg), "HY000");
    snprintf(in, sizeof in, "Driver=Rockset;Server=%s", server);
    CU_ASSERT_STRING_EQUAL(try_connect(in, SQL_DRIVER_NOPROMPT, NULL, msg, sizeof msg), "HY000");
    CU_ASSERT(strstr(msg, "ApiKey") != NULL);
    /* no dialog: PROMPT with a window handle cannot ask */
    CU_ASSERT_STRING_EQUAL(try_connect(in, SQL_DRIVER_PROMPT, (SQLHWND)(intptr_t)1, msg, sizeof msg),
                           "IM008");
    /* without a window handle PROMPT acts as COMPLETE (the missing key is reported) */
    CU_ASSERT_STRING_EQUAL(try_connect(in, SQL_DRIVER_COMPLETE, NULL, msg, sizeof msg), "HY000");
    CU_ASSERT(strstr(msg, "ApiKey") != NULL);

    snprintf(in, sizeof in, "Driver=Rockset;Server=%s;ApiKey={%s", server, key);
    CU_ASSERT_STRING_EQUAL(try_connect(in, SQL_DRIVER_NOPROMPT, NULL, msg, sizeof msg), "HY000");
}

static void test_odbc2_states(void)
{
    SQLHENV env;
    SQLHDBC dbc = new_dbc(&env, SQL_OV_ODBC2);
    SQLHSTMT st;
    char in[1024];
    SQLSMALLINT type = 0;

    snprintf(in, sizeof in, "DSN=%s", getenv("RS_DSN"));
    CU_ASSERT_FATAL(SQL_SUCCEEDED(SQLDriverConnect(dbc, NULL, (SQLCHAR *)in, SQL_NTS, NULL, 0,
                                                   NULL, SQL_DRIVER_NOPROMPT)));
    CU_ASSERT_FATAL(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st) == SQL_SUCCESS);
    CU_ASSERT(SQLExecDirect(st, (SQLCHAR *)"SELECT * FROM commons.no_such_coll", SQL_NTS) == SQL_ERROR);
    CU_ASSERT_STRING_EQUAL(it_state(SQL_HANDLE_STMT, st), "S0002");
    CU_ASSERT(SQLExecDirect(st, (SQLCHAR *)"SELECT created FROM commons.sample WHERE id = 1",
                            SQL_NTS) == SQL_SUCCESS);
    CU_ASSERT(SQLDescribeCol(st, 1, NULL, 0, NULL, &type, NULL, NULL, NULL) == SQL_SUCCESS);
    CU_ASSERT_EQUAL(type, SQL_DATE); /* the ODBC 2 code, 9 */
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    SQLDisconnect(dbc);
    free_dbc(env, dbc);
}

static void test_attributes(void)
{
    SQLUINTEGER v = 0;
    char buf[64];
    SQLINTEGER len = 0;

    it_connect("");
    IT_STATE(SQLSetConnectAttr(it_dbc, SQL_ATTR_AUTOCOMMIT, (SQLPOINTER)SQL_AUTOCOMMIT_OFF, 0),
             SQL_HANDLE_DBC, it_dbc, SQL_SUCCESS_WITH_INFO, "01S02");
    CU_ASSERT(SQLGetConnectAttr(it_dbc, SQL_ATTR_AUTOCOMMIT, &v, 0, NULL) == SQL_SUCCESS);
    CU_ASSERT_EQUAL(v, SQL_AUTOCOMMIT_ON);
    CU_ASSERT(SQLSetConnectAttr(it_dbc, SQL_ATTR_AUTOCOMMIT, (SQLPOINTER)SQL_AUTOCOMMIT_ON, 0) == SQL_SUCCESS);
    IT_STATE(SQLSetConnectAttr(it_dbc, SQL_ATTR_AUTOCOMMIT, (SQLPOINTER)7, 0),
             SQL_HANDLE_DBC, it_dbc, SQL_ERROR, "HY024");
    CU_ASSERT(SQLSetConnectAttr(it_dbc, SQL_ATTR_ACCESS_MODE, (SQLPOINTER)SQL_MODE_READ_ONLY, 0) == SQL_SUCCESS);
    CU_ASSERT(SQLGetConnectAttr(it_dbc, SQL_ATTR_ACCESS_MODE, &v, 0, NULL) == SQL_SUCCESS);
    CU_ASSERT_EQUAL(v, SQL_MODE_READ_ONLY);
    CU_ASSERT(SQLSetConnectAttr(it_dbc, SQL_ATTR_CONNECTION_TIMEOUT, (SQLPOINTER)30, 0) == SQL_SUCCESS);
    CU_ASSERT(SQLGetConnectAttr(it_dbc, SQL_ATTR_CONNECTION_DEAD, &v, 0, NULL) == SQL_SUCCESS);
    CU_ASSERT_EQUAL(v, SQL_CD_FALSE);
    IT_STATE(SQLSetConnectAttr(it_dbc, SQL_ATTR_PACKET_SIZE, (SQLPOINTER)4096, 0),
             SQL_HANDLE_DBC, it_dbc, SQL_ERROR, "HY011");
    CU_ASSERT(SQLGetConnectAttr(it_dbc, SQL_ATTR_CURRENT_CATALOG, buf, sizeof buf, &len) == SQL_SUCCESS);
    CU_ASSERT(len == (SQLINTEGER)strlen(buf));
    IT_STATE(SQLSetConnectAttr(it_dbc, SQL_ATTR_CURRENT_CATALOG, "no_such_catalog", SQL_NTS),
             SQL_HANDLE_DBC, it_dbc, SQL_ERROR, "HY024");
    CU_ASSERT(SQLSetConnectAttr(it_dbc, SQL_ATTR_METADATA_ID, (SQLPOINTER)SQL_TRUE, 0) == SQL_SUCCESS);
    CU_ASSERT(SQLEndTran(SQL_HANDLE_DBC, it_dbc, SQL_COMMIT) == SQL_SUCCESS);
    CU_ASSERT(SQLEndTran(SQL_HANDLE_DBC, it_dbc, SQL_ROLLBACK) == SQL_SUCCESS);
    it_disconnect();
    /* before connecting (the driver manager passes these on at connect time): a packet
     * size is ignored with a warning, the login timeout is used */
    {
        SQLHENV env;
        SQLHDBC dbc = new_dbc(&env, SQL_OV_ODBC3);
        char in[1024];
        SQLRETURN rc;
        CU_ASSERT(SQL_SUCCEEDED(SQLSetConnectAttr(dbc, SQL_ATTR_PACKET_SIZE, (SQLPOINTER)4096, 0)));
        CU_ASSERT(SQLSetConnectAttr(dbc, SQL_ATTR_LOGIN_TIMEOUT, (SQLPOINTER)5, 0) == SQL_SUCCESS);
        snprintf(in, sizeof in, "DSN=%s", getenv("RS_DSN"));
        rc = SQLDriverConnect(dbc, NULL, (SQLCHAR *)in, SQL_NTS, NULL, 0, NULL, SQL_DRIVER_NOPROMPT);
        CU_ASSERT(SQL_SUCCEEDED(rc));
        if (SQL_SUCCEEDED(rc))
            SQLDisconnect(dbc);
        free_dbc(env, dbc);
    }
}

static void test_info_functions(void)
{
    char buf[256];
    SQLSMALLINT len = 0;
    SQLUSMALLINT f = 99, all[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE];

    it_connect("");
    CU_ASSERT(SQLGetInfo(it_dbc, SQL_DBMS_NAME, buf, sizeof buf, &len) == SQL_SUCCESS);
    CU_ASSERT_STRING_EQUAL(buf, "Rockset");
    CU_ASSERT_EQUAL(len, 7);
    IT_STATE(SQLGetInfo(it_dbc, SQL_DBMS_NAME, buf, 4, &len), SQL_HANDLE_DBC, it_dbc,
             SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT_STRING_EQUAL(buf, "Roc");
    CU_ASSERT(SQLGetInfo(it_dbc, SQL_DATA_SOURCE_NAME, buf, sizeof buf, &len) == SQL_SUCCESS);
    CU_ASSERT_STRING_EQUAL(buf, getenv("RS_DSN"));
    {
        SQLUINTEGER gd = 0;
        CU_ASSERT(SQLGetInfo(it_dbc, SQL_GETDATA_EXTENSIONS, &gd, sizeof gd, NULL) == SQL_SUCCESS);
        CU_ASSERT_EQUAL(gd & (SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BOUND),
                        SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BOUND);
        CU_ASSERT_EQUAL(gd & SQL_GD_BLOCK, SQL_GD_BLOCK); /* any row of a block, after SQLSetPos */
    }
    CU_ASSERT(SQLGetFunctions(it_dbc, SQL_API_SQLFETCHSCROLL, &f) == SQL_SUCCESS);
    CU_ASSERT_EQUAL(f, SQL_TRUE);
    CU_ASSERT(SQLGetFunctions(it_dbc, SQL_API_SQLSETPOS, &f) == SQL_SUCCESS);
    CU_ASSERT_EQUAL(f, SQL_TRUE); /* every operation: test_odbc_setpos.c */
    CU_ASSERT(SQLGetFunctions(it_dbc, SQL_API_SQLBROWSECONNECT, &f) == SQL_SUCCESS);
    CU_ASSERT_EQUAL(f, SQL_FALSE);
    CU_ASSERT(SQLGetFunctions(it_dbc, SQL_API_ODBC3_ALL_FUNCTIONS, all) == SQL_SUCCESS);
    CU_ASSERT(SQL_FUNC_EXISTS(all, SQL_API_SQLGETDIAGFIELD));
    CU_ASSERT(SQL_FUNC_EXISTS(all, SQL_API_SQLBULKOPERATIONS));
    CU_ASSERT(!SQL_FUNC_EXISTS(all, SQL_API_SQLBROWSECONNECT));
    it_disconnect();
}

static void test_trace_log(void)
{
    char path[512], extra[700], line[2048];
    const char *key = getenv("RS_APIKEY");
    FILE *f;
    int lines = 0, leaked = 0, saw_execute = 0;
    char *v;

    snprintf(path, sizeof path, "%s/odbc-trace.log", getenv("RS_DATADIR") ? getenv("RS_DATADIR") : "/tmp");
    remove(path);
    snprintf(extra, sizeof extra, "LogLevel=4;LogFile=%s", path);
    it_connect(extra);
    v = it_scalar("SELECT COUNT(*) FROM commons.sample");
    CU_ASSERT_STRING_EQUAL(v, "50");
    free(v);
    it_disconnect();
    f = fopen(path, "r");
    CU_ASSERT_FATAL(f != NULL);
    while (fgets(line, sizeof line, f)) {
        lines++;
        if (strstr(line, key))
            leaked = 1;
        if (strstr(line, "execute"))
            saw_execute = 1;
    }
    fclose(f);
    CU_ASSERT(lines >= 3);
    CU_ASSERT(saw_execute);
    CU_ASSERT(!leaked); /* the API key never reaches the log */
    remove(path);
}

int main(void)
{
    static const cu_case cases[] = {
        {"connect with a DSN", test_connect_dsn},
        {"driver connect out string", test_driver_connect_out},
        {"connect errors", test_connect_errors},
        {"ODBC 2 SQLSTATEs and type codes", test_odbc2_states},
        {"connection attributes", test_attributes},
        {"SQLGetInfo and SQLGetFunctions", test_info_functions},
        {"trace log without the key", test_trace_log},
        {NULL, NULL},
    };
    return cu_run("odbc connect", cases);
}
