/* SPDX-License-Identifier: Apache-2.0 */
/* The W entry points: UTF-16 SQLWCHAR (2 bytes under unixODBC) in and out, surrogate pairs,
 * lengths in characters (bytes where the spec says so), SQL_WVARCHAR columns. */
#include "itest.h"
#include "tests/cunit_main.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ASCII/UTF-8 -> SQLWCHAR for test literals (BMP and surrogate pairs). */
static SQLWCHAR *W(const char *s)
{
    static SQLWCHAR buf[4][512];
    static int k;
    SQLWCHAR *out = buf[k++ & 3];
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;

    while (*p && n < 500) {
        unsigned cp;
        if (*p < 0x80)
            cp = *p++;
        else if ((*p & 0xE0) == 0xC0)
            cp = (unsigned)(*p & 0x1F) << 6 | (p[1] & 0x3F), p += 2;
        else if ((*p & 0xF0) == 0xE0)
            cp = (unsigned)(*p & 0x0F) << 12 | (unsigned)(p[1] & 0x3F) << 6 | (p[2] & 0x3F), p += 3;
        else
            cp = (unsigned)(*p & 0x07) << 18 | (unsigned)(p[1] & 0x3F) << 12 |
                 (unsigned)(p[2] & 0x3F) << 6 | (p[3] & 0x3F), p += 4;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out[n++] = (SQLWCHAR)(0xD800 + (cp >> 10));
            out[n++] = (SQLWCHAR)(0xDC00 + (cp & 0x3FF));
        } else {
            out[n++] = (SQLWCHAR)cp;
        }
    }
    out[n] = 0;
    return out;
}

static size_t wlen(const SQLWCHAR *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static int weq(const SQLWCHAR *a, const SQLWCHAR *b)
{
    return wlen(a) == wlen(b) && memcmp(a, b, wlen(a) * sizeof(SQLWCHAR)) == 0;
}

static SQLHENV env;
static SQLHDBC dbc;

static void connect_w(void)
{
    char in[1024];
    SQLWCHAR out[1024];
    SQLSMALLINT outlen = 0;
    SQLRETURN rc;

    CU_ASSERT_FATAL(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env) == SQL_SUCCESS);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
    CU_ASSERT_FATAL(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc) == SQL_SUCCESS);
    snprintf(in, sizeof in, "DSN=%s;Workspace=commons", getenv("RS_DSN"));
    rc = SQLDriverConnectW(dbc, NULL, W(in), SQL_NTS, out, 1024, &outlen, SQL_DRIVER_NOPROMPT);
    if (!SQL_SUCCEEDED(rc))
        it_dump(SQL_HANDLE_DBC, dbc, "SQLDriverConnectW", __LINE__);
    CU_ASSERT_FATAL(SQL_SUCCEEDED(rc));
    CU_ASSERT_EQUAL(outlen, (SQLSMALLINT)wlen(out)); /* characters */
    CU_ASSERT(outlen > 10);
}

static void disconnect_w(void)
{
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
}

static void test_exec_and_read(void)
{
    SQLHSTMT st;
    SQLWCHAR name[64], val[64];
    SQLSMALLINT len = 0, type = 0;
    SQLLEN ind = 0;
    SQLULEN size = 0;

    connect_w();
    CU_ASSERT_FATAL(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st) == SQL_SUCCESS);
    IT_STMT_OK(SQLExecDirectW(st, W("SELECT 'Zoë 😀' AS \"grüße\", name FROM commons.sample WHERE id = 2"), SQL_NTS), st);
    IT_STMT_OK(SQLDescribeColW(st, 1, name, 64, &len, &type, &size, NULL, NULL), st);
    CU_ASSERT(weq(name, W("grüße")));
    CU_ASSERT_EQUAL(len, 5);
    CU_ASSERT_EQUAL(type, SQL_WVARCHAR); /* a connection made with a W call */
    IT_STATE(SQLDescribeColW(st, 1, name, 3, &len, &type, &size, NULL, NULL), SQL_HANDLE_STMT, st,
             SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT(weq(name, W("gr")));
    IT_STMT_OK(SQLColAttributeW(st, 1, SQL_DESC_NAME, name, sizeof name, &len, NULL), st);
    CU_ASSERT_EQUAL(len, 5 * (SQLSMALLINT)sizeof(SQLWCHAR)); /* bytes */
    CU_ASSERT_FATAL(SQLFetch(st) == SQL_SUCCESS);
    IT_STMT_OK(SQLGetData(st, 1, SQL_C_WCHAR, val, sizeof val, &ind), st);
    CU_ASSERT(weq(val, W("Zoë 😀")));
    CU_ASSERT_EQUAL(ind, 6 * (SQLLEN)sizeof(SQLWCHAR)); /* the emoji is a surrogate pair */
    IT_STMT_OK(SQLGetData(st, 2, SQL_C_WCHAR, val, sizeof val, &ind), st);
    CU_ASSERT(weq(val, W("Zoë")));
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    disconnect_w();
}

static void test_params_and_diag(void)
{
    SQLHSTMT st;
    SQLWCHAR state[6], msg[512], buf[64];
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;
    SQLLEN ind = SQL_NTS;
    SQLINTEGER ilen = 0;

    connect_w();
    CU_ASSERT_FATAL(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st) == SQL_SUCCESS);
    IT_STMT_OK(SQLPrepareW(st, W("SELECT COUNT(*) FROM commons.sample WHERE name = ?"), SQL_NTS), st);
    IT_STMT_OK(SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_WCHAR, SQL_WVARCHAR, 20, 0,
                                W("Jürgen"), 0, &ind), st);
    IT_STMT_OK(SQLExecute(st), st);
    CU_ASSERT_FATAL(SQLFetch(st) == SQL_SUCCESS);
    CU_ASSERT(atol(it_get(st, 1)) >= 1);
    SQLCloseCursor(st);
    CU_ASSERT(SQLExecDirectW(st, W("SELECT * FROM commons.nope"), SQL_NTS) == SQL_ERROR);
    CU_ASSERT(SQLGetDiagRecW(SQL_HANDLE_STMT, st, 1, state, &native, msg, 512, &len) == SQL_SUCCESS);
    CU_ASSERT(weq(state, W("42S02")));
    CU_ASSERT_EQUAL(len, (SQLSMALLINT)wlen(msg));
    CU_ASSERT(SQLGetDiagFieldW(SQL_HANDLE_STMT, st, 1, SQL_DIAG_SQLSTATE, buf, sizeof buf, &len) == SQL_SUCCESS);
    CU_ASSERT_EQUAL(len, 5 * (SQLSMALLINT)sizeof(SQLWCHAR));
    CU_ASSERT(SQLGetInfoW(dbc, SQL_DBMS_NAME, buf, sizeof buf, &len) == SQL_SUCCESS);
    CU_ASSERT(weq(buf, W("Rockset")));
    CU_ASSERT_EQUAL(len, 7 * (SQLSMALLINT)sizeof(SQLWCHAR));
    CU_ASSERT(SQLNativeSqlW(dbc, W("SELECT {fn LCASE('Ä')}"), SQL_NTS, buf, 64, &ilen) == SQL_SUCCESS);
    CU_ASSERT_EQUAL(ilen, (SQLINTEGER)wlen(buf));
    CU_ASSERT(SQLGetConnectAttrW(dbc, SQL_ATTR_CURRENT_CATALOG, buf, sizeof buf, &ilen) == SQL_SUCCESS);
    CU_ASSERT_EQUAL(ilen, (SQLINTEGER)(wlen(buf) * sizeof(SQLWCHAR)));
    IT_STMT_OK(SQLTablesW(st, NULL, 0, W("commons"), SQL_NTS, W("samp%"), SQL_NTS, NULL, 0), st);
    CU_ASSERT(SQLFetch(st) == SQL_SUCCESS);
    IT_STMT_OK(SQLGetData(st, 3, SQL_C_WCHAR, buf, sizeof buf, &ind), st);
    CU_ASSERT(weq(buf, W("sample")));
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    disconnect_w();
}

/* Truncation in every W call that returns a string: 01004 (or SQL_SUCCESS_WITH_INFO without a
 * record from the diagnostic functions), the full length, in characters or bytes as the spec
 * says for that call, and never half a surrogate pair. */
static void test_truncation(void)
{
    SQLHSTMT st;
    SQLWCHAR buf[64], full[64], state[6];
    SQLSMALLINT len = 0, type = 0, n = 0;
    SQLINTEGER ilen = 0, native = 0;
    SQLRETURN rc;

    connect_w();
    CU_ASSERT_FATAL(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st) == SQL_SUCCESS);
    IT_STMT_OK(SQLExecDirectW(st, W("SELECT 1 AS \"grüße\", 2 AS \"a😀\""), SQL_NTS), st);
    /* SQLDescribeColW: characters */
    IT_STATE(SQLDescribeColW(st, 1, buf, 4, &len, &type, NULL, NULL, NULL), SQL_HANDLE_STMT, st,
             SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT(weq(buf, W("grü")));
    CU_ASSERT_EQUAL(len, 5);
    IT_STATE(SQLDescribeColW(st, 2, buf, 3, &len, &type, NULL, NULL, NULL), SQL_HANDLE_STMT, st,
             SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT(weq(buf, W("a"))); /* not the high half of the emoji */
    CU_ASSERT_EQUAL(len, 3);
    /* SQLColAttributeW: bytes */
    IT_STATE(SQLColAttributeW(st, 1, SQL_DESC_NAME, buf, 6, &len, NULL), SQL_HANDLE_STMT, st,
             SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT(weq(buf, W("gr")));
    CU_ASSERT_EQUAL(len, 5 * (SQLSMALLINT)sizeof(SQLWCHAR));
    IT_STATE(SQLColAttributeW(st, 1, SQL_DESC_TYPE_NAME, buf, 2, &len, NULL), SQL_HANDLE_STMT,
             st, SQL_SUCCESS_WITH_INFO, "01004");
    CU_ASSERT_EQUAL(buf[0], 0);
    CU_ASSERT_EQUAL(len, 3 * (SQLSMALLINT)sizeof(SQLWCHAR)); /* "int" */
    {
        SQLHDESC ird = NULL;
        SQLINTEGER blen = 0;
        SQLSMALLINT clen = 0;
        /* SQLGetDescFieldW: bytes; SQLGetDescRecW: characters */
        IT_STMT_OK(SQLGetStmtAttrW(st, SQL_ATTR_IMP_ROW_DESC, &ird, 0, NULL), st);
        CU_ASSERT_EQUAL(SQLGetDescFieldW(ird, 1, SQL_DESC_NAME, buf, 6, &blen),
                        SQL_SUCCESS_WITH_INFO);
        CU_ASSERT(weq(buf, W("gr")));
        CU_ASSERT_EQUAL(blen, 5 * (SQLINTEGER)sizeof(SQLWCHAR));
        CU_ASSERT_EQUAL(SQLGetDescRecW(ird, 1, buf, 3, &clen, NULL, NULL, NULL, NULL, NULL, NULL),
                        SQL_SUCCESS_WITH_INFO);
        CU_ASSERT(weq(buf, W("gr")));
        CU_ASSERT_EQUAL(clen, 5);
        /* SQLGetCursorNameW: characters */
        IT_STMT_OK(SQLGetCursorNameW(st, full, 64, &n), st);
        CU_ASSERT_EQUAL(n, (SQLSMALLINT)wlen(full));
        IT_STATE(SQLGetCursorNameW(st, buf, 4, &clen), SQL_HANDLE_STMT, st,
                 SQL_SUCCESS_WITH_INFO, "01004");
        CU_ASSERT_EQUAL(wlen(buf), 3);
        CU_ASSERT_EQUAL(memcmp(buf, full, 3 * sizeof(SQLWCHAR)), 0);
        CU_ASSERT_EQUAL(clen, n);
    }
    SQLFreeHandle(SQL_HANDLE_STMT, st);

    /* SQLGetDiagRecW: characters, and truncation adds no record */
    CU_ASSERT_FATAL(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st) == SQL_SUCCESS);
    CU_ASSERT(SQLExecDirectW(st, W("SELECT * FROM commons.nope"), SQL_NTS) == SQL_ERROR);
    CU_ASSERT(SQLGetDiagRecW(SQL_HANDLE_STMT, st, 1, state, &native, full, 64, &n) == SQL_SUCCESS ||
              n >= 64);
    CU_ASSERT_EQUAL(SQLGetDiagRecW(SQL_HANDLE_STMT, st, 1, state, &native, buf, 5, &len),
                    SQL_SUCCESS_WITH_INFO);
    CU_ASSERT(weq(state, W("42S02")));
    CU_ASSERT_EQUAL(len, n);
    CU_ASSERT_EQUAL(wlen(buf), 4);
    CU_ASSERT_EQUAL(memcmp(buf, full, 4 * sizeof(SQLWCHAR)), 0);
    CU_ASSERT_EQUAL(SQLGetDiagRecW(SQL_HANDLE_STMT, st, 2, state, &native, buf, 5, &len),
                    SQL_NO_DATA);
    /* SQLGetDiagFieldW: bytes */
    CU_ASSERT_EQUAL(SQLGetDiagFieldW(SQL_HANDLE_STMT, st, 1, SQL_DIAG_MESSAGE_TEXT, buf, 8, &len),
                    SQL_SUCCESS_WITH_INFO);
    CU_ASSERT_EQUAL(wlen(buf), 3);
    CU_ASSERT_EQUAL(len, n * (SQLSMALLINT)sizeof(SQLWCHAR));
    SQLFreeHandle(SQL_HANDLE_STMT, st);

    /* SQLGetInfoW: bytes */
    rc = SQLGetInfoW(dbc, SQL_DBMS_NAME, buf, 8, &len);
    CU_ASSERT_EQUAL(rc, SQL_SUCCESS_WITH_INFO);
    CU_ASSERT_STRING_EQUAL(it_state(SQL_HANDLE_DBC, dbc), "01004");
    CU_ASSERT(weq(buf, W("Roc")));
    CU_ASSERT_EQUAL(len, 7 * (SQLSMALLINT)sizeof(SQLWCHAR));
    /* SQLGetConnectAttrW: bytes */
    CU_ASSERT(SQLGetConnectAttrW(dbc, SQL_ATTR_CURRENT_CATALOG, full, sizeof full, &ilen) ==
              SQL_SUCCESS);
    CU_ASSERT_EQUAL(ilen, (SQLINTEGER)(wlen(full) * sizeof(SQLWCHAR)));
    /* the catalog is "" (Rockset has none): the NUL alone needs a whole character */
    buf[0] = 'x';
    rc = SQLGetConnectAttrW(dbc, SQL_ATTR_CURRENT_CATALOG, buf,
                            (SQLINTEGER)(wlen(full) * sizeof(SQLWCHAR) + 1), &ilen);
    CU_ASSERT_EQUAL(rc, SQL_SUCCESS_WITH_INFO);
    CU_ASSERT_STRING_EQUAL(it_state(SQL_HANDLE_DBC, dbc), "01004");
    if (wlen(full) > 0) {
        CU_ASSERT_EQUAL(wlen(buf) + 1, wlen(full));
    } else {
        CU_ASSERT_EQUAL(buf[0], 'x'); /* no room for anything: nothing written */
    }
    CU_ASSERT_EQUAL(ilen, (SQLINTEGER)(wlen(full) * sizeof(SQLWCHAR)));
    /* SQLNativeSqlW: characters */
    rc = SQLNativeSqlW(dbc, W("SELECT 'äbc'"), SQL_NTS, buf, 4, &ilen);
    CU_ASSERT_EQUAL(rc, SQL_SUCCESS_WITH_INFO);
    CU_ASSERT_STRING_EQUAL(it_state(SQL_HANDLE_DBC, dbc), "01004");
    CU_ASSERT(weq(buf, W("SEL")));
    CU_ASSERT_EQUAL(ilen, 12);
    disconnect_w();
}

/* SQLGetData is offered for any row of a block after SQLSetPos (SQL_GD_BLOCK), and both
 * forms say so. */
static void test_getdata_extensions(void)
{
    SQLUINTEGER a = 0, w = 0;
    SQLSMALLINT la = 0, lw = 0;

    connect_w();
    CU_ASSERT(SQLGetInfo(dbc, SQL_GETDATA_EXTENSIONS, &a, sizeof a, &la) == SQL_SUCCESS);
    CU_ASSERT(SQLGetInfoW(dbc, SQL_GETDATA_EXTENSIONS, &w, sizeof w, &lw) == SQL_SUCCESS);
    CU_ASSERT_EQUAL(a, w);
    CU_ASSERT_EQUAL(la, (SQLSMALLINT)sizeof(SQLUINTEGER));
    CU_ASSERT_EQUAL(lw, (SQLSMALLINT)sizeof(SQLUINTEGER));
    CU_ASSERT_EQUAL(a & SQL_GD_BLOCK, SQL_GD_BLOCK);
    CU_ASSERT_EQUAL(a & (SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BOUND),
                    SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BOUND);
    disconnect_w();
}

int main(void)
{
    static const cu_case cases[] = {
        {"W execute, describe, read", test_exec_and_read},
        {"W parameters, diagnostics, info, catalog", test_params_and_diag},
        {"W truncation: 01004 and lengths", test_truncation},
        {"SQL_GETDATA_EXTENSIONS, ANSI and W", test_getdata_extensions},
        {NULL, NULL},
    };
    return cu_run("odbc wide", cases);
}
