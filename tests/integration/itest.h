/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers of the integration tests: programs that use only the public ODBC API through the
 * unixODBC driver manager (linked with -lodbc, never with the driver), run inside
 * tests/with-server.sh + tests/odbc-env.sh (RS_DSN, RS_SERVER, RS_APIKEY). */
#ifndef RS_ITEST_H
#define RS_ITEST_H

#include <CUnit/Basic.h>
#include <sql.h>
#include <sqlext.h>

extern SQLHENV it_env;
extern SQLHDBC it_dbc;

/* Connects it_env/it_dbc with "DSN=$RS_DSN" plus extra ("Key=v;..." or ""). */
void it_connect(const char *extra);
void it_connect_ver(SQLINTEGER odbc_version, const char *extra);
void it_disconnect(void);
SQLHSTMT it_stmt(void);
void it_free(SQLHSTMT st);
/* The SQLSTATE / message of diagnostic record 1 ("" when none); static buffers. */
const char *it_state(SQLSMALLINT type, SQLHANDLE h);
const char *it_msg(SQLSMALLINT type, SQLHANDLE h);
/* Prints every diagnostic record (for failures). */
void it_dump(SQLSMALLINT type, SQLHANDLE h, const char *what, int line);
/* Runs a statement; asserts success. */
void it_exec(SQLHSTMT st, const char *sql);
/* Column col of the current row as text (SQL_C_CHAR) into a static buffer, "<NULL>" for NULL. */
const char *it_get(SQLHSTMT st, SQLUSMALLINT col);
/* Runs sql and returns the first column of the first row as text (malloc'ed). */
char *it_scalar(const char *sql);
/* HTTP call to the server with curl (for creating lambdas): returns curl's exit status. */
int it_http(const char *method, const char *path, const char *json_body);

#define IT_OK(call, type, h)                                  \
    do {                                                      \
        SQLRETURN it_rc_ = (call);                            \
        if (!SQL_SUCCEEDED(it_rc_))                           \
            it_dump(type, h, #call, __LINE__);                \
        CU_ASSERT(SQL_SUCCEEDED(it_rc_));                     \
    } while (0)
#define IT_STMT_OK(call, st) IT_OK(call, SQL_HANDLE_STMT, st)
/* Asserts the call fails (or warns) with this SQLSTATE on record 1. */
#define IT_STATE(call, type, h, want_rc, state)               \
    do {                                                      \
        SQLRETURN it_rc_ = (call);                            \
        CU_ASSERT_EQUAL(it_rc_, want_rc);                     \
        CU_ASSERT_STRING_EQUAL(it_state(type, h), state);     \
    } while (0)

#endif
