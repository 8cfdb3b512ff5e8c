/* SPDX-License-Identifier: Apache-2.0 */
/* Diagnostics: the records SQLGetDiagRec/SQLGetDiagField return, the SQLSTATE table, and the
 * mapping from rs_error (HTTP status + server error type) to SQLSTATE. Every message starts
 * with "[rockset-odbc]". docs/sqlstates.md documents the mapping. */
#ifndef RS_DIAG_H
#define RS_DIAG_H

#include <sql.h>
#include <sqlext.h>
#include "driver/client/rs_error.h"

typedef struct rs_diag_rec {
    char state[6];
    SQLINTEGER native;
    char *message;          /* with the "[rockset-odbc]" prefix */
    SQLLEN row_number;      /* SQL_ROW_NUMBER_UNKNOWN unless known     */
    SQLINTEGER column_number;
} rs_diag_rec;

typedef struct rs_diag {
    rs_diag_rec *recs;
    int count, cap;
    SQLRETURN returncode;   /* of the last function called on the handle */
    SQLLEN row_count;       /* SQL_DIAG_ROW_COUNT                         */
    SQLLEN cursor_row_count;
    const char *dynamic_function; /* "SELECT CURSOR", "CALL", "" */
    SQLINTEGER dynamic_function_code;
    int odbc2;              /* report ODBC 2 SQLSTATEs (S1000 ...)       */
    const char *connection_name; /* DSN or "" (owned by the connection)  */
    const char *server_name;
} rs_diag;

void rs_diag_clear(rs_diag *d);
void rs_diag_free(rs_diag *d);
/* Adds a record; returns SQL_ERROR for class != 01 states, SQL_SUCCESS_WITH_INFO for 01xxx.
 * The message is printf-style, without the prefix. */
SQLRETURN rs_diag_post(rs_diag *d, const char *state, SQLINTEGER native, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Same, with a row/column number (parameter arrays, block fetch). */
SQLRETURN rs_diag_post_at(rs_diag *d, const char *state, SQLLEN row, SQLINTEGER col,
                          const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Maps an error of the layers below. at_connect selects 08001 for connection failures
 * (08S01 later). Returns SQL_ERROR. */
SQLRETURN rs_diag_post_error(rs_diag *d, const rs_error *err, int at_connect);
/* The SQLSTATE for an rs_error (the mapping table, docs/sqlstates.md). */
const char *rs_diag_state_for(const rs_error *err, int at_connect);
/* The state as the application sees it (ODBC 2 name when d->odbc2). */
const char *rs_diag_visible_state(const rs_diag *d, const char *state);
/* "ISO 9075" or "ODBC 3.0" for SQL_DIAG_CLASS_ORIGIN / SUBCLASS_ORIGIN. */
const char *rs_diag_class_origin(const char *state);
const char *rs_diag_subclass_origin(const char *state);
/* Combines two return codes: ERROR wins, then WITH_INFO. */
SQLRETURN rs_rc_merge(SQLRETURN a, SQLRETURN b);

#endif
