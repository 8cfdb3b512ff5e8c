/* SPDX-License-Identifier: Apache-2.0 */
/* Errors of the layers below ODBC (HTTP, JSON, Rockset API). They carry what the server said;
 * the diagnostics module turns them into SQLSTATEs, so nothing here knows about ODBC. */
#ifndef RS_ERROR_H
#define RS_ERROR_H

typedef enum {
    RS_ERR_NONE = 0,
    RS_ERR_CONFIG,     /* bad URL, keyword or option value                     */
    RS_ERR_CONNECT,    /* could not reach the server (DNS, refused, TLS setup)  */
    RS_ERR_NETWORK,    /* connection lost mid-request                           */
    RS_ERR_TIMEOUT,    /* request or query timeout                              */
    RS_ERR_CANCELLED,  /* rs_client_cancel() was called                         */
    RS_ERR_HTTP,       /* the server answered an error status (fields below)    */
    RS_ERR_PROTOCOL,   /* the answer was not what the API promises (bad JSON)   */
    RS_ERR_NOMEM,
    RS_ERR_UNSUPPORTED,/* the request needs something this driver cannot do     */
    RS_ERR_LIMIT       /* an answer passed a configured bound (value, page size,
                          column count); the message names the limit            */
} rs_err_kind;

typedef struct rs_error {
    rs_err_kind kind;
    int http_status;        /* 0 when no HTTP answer                          */
    char type[48];          /* ErrorModel.type, e.g. "QUERY_ERROR", "NOTFOUND" */
    char message_key[64];   /* ErrorModel.message_key when present            */
    char message[1024];     /* human message, never containing the API key    */
    int line, column;       /* 1-based position in the SQL, 0 when unknown    */
    char query_id[80];
    char error_id[80];
} rs_error;

void rs_error_clear(rs_error *e);
/* printf-style; keeps the first error set (a later call does not overwrite a set error). */
void rs_error_set(rs_error *e, rs_err_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
