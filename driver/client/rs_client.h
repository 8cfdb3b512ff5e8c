/* SPDX-License-Identifier: Apache-2.0 */
/* The Rockset API client: libcurl transport, JSON bodies, the v1 endpoints the driver uses.
 * It knows nothing about ODBC: callers get cJSON for control-plane answers and a row source
 * for query answers. One client = one keep-alive connection; not shared between threads,
 * except rs_client_cancel(), which any thread may call. */
#ifndef RS_CLIENT_H
#define RS_CLIENT_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "driver/client/rowsource.h"
#include "driver/client/rs_error.h"

typedef struct rs_client rs_client;

typedef struct rs_client_config {
    const char *server;        /* base URL, e.g. "http://127.0.0.1:3030" (no trailing path)   */
    const char *api_key;       /* never logged                                                 */
    long timeout_ms;           /* whole-request timeout for control-plane calls, 0 = none     */
    long connect_timeout_ms;   /* 0 = libcurl default                                          */
    int ssl_verify;            /* 1 = verify peer and host (default)                           */
    const char *ca_info;       /* CA bundle file or NULL                                       */
    const char *proxy;         /* proxy URL or NULL                                            */
    int max_retries;           /* retries of requests that are safe to repeat (http.h)         */
    const char *user_agent_extra; /* appended to "rockset-odbc/VERSION", may be NULL           */
    long stall_timeout_ms;     /* a request that receives no byte for this long fails (the
                                  StallTimeout keyword); rounded up to seconds; 0 = none       */
    size_t max_value_bytes;    /* one value of a query answer (MaxValueBytes); 0 = default     */
    size_t max_page_bytes;     /* one query answer, decompressed (MaxPageBytes); 0 = default   */
} rs_client_config;

#define RS_CLIENT_DEFAULT_MAX_VALUE (64u * 1024u * 1024u)
#define RS_CLIENT_DEFAULT_MAX_PAGE (256u * 1024u * 1024u)

/* A query parameter: Rockset sends every value as a string; is_null sends JSON null. */
typedef struct rs_query_param {
    const char *name;
    const char *type;   /* "string", "int", "float", "bool", "date", "datetime", "time", "timestamp" */
    const char *value;
    int is_null;
} rs_query_param;

typedef struct rs_query_request {
    const char *sql;            /* for a plain query                                     */
    const char *lambda_ws;      /* for a lambda execution: workspace, name and either    */
    const char *lambda_name;    /* a version or a tag (tag "latest" when both are NULL)  */
    const char *lambda_version;
    const char *lambda_tag;
    const rs_query_param *params;
    size_t nparams;
    long long default_row_limit; /* 0 = server default                                   */
    long page_size;              /* rows per page (max_initial_results, docs=N), 0 = all  */
    long timeout_ms;             /* query timeout, 0 = none                               */
    int is_insert;               /* INSERT INTO ... SELECT: the answer is a row count     */
    int metadata;                /* a catalog query (DESCRIBE): with timeout_ms 0 it is
                                    bounded by the client's timeout_ms, as every other
                                    request that is not the application's query           */
} rs_query_request;

rs_client *rs_client_new(const rs_client_config *cfg, rs_error *err);
void rs_client_free(rs_client *c);

/* Any thread: aborts the request in flight (RS_ERR_CANCELLED) and the next page fetches. */
void rs_client_cancel(rs_client *c);
/* Clears a previous cancel before a new statement starts. */
void rs_client_reset_cancel(rs_client *c);

/* Control plane: method + path (+ optional query string) with an optional JSON body.
 * On 2xx *out receives the parsed answer (caller frees with cJSON_Delete). */
/* The server's name and version from its last answer's Server header ("" when none). */
const char *rs_client_server(rs_client *c);
int rs_client_call(rs_client *c, const char *method, const char *path_and_query,
                   const cJSON *body, cJSON **out, rs_error *err);

/* Runs a query (or a lambda) and returns a row source streaming its pages.
 * The statement owns the row source; closing it stops further page requests. */
int rs_client_query(rs_client *c, const rs_query_request *req, rs_rowsource **out, rs_error *err);

/* Documents (rs_docs.c). A value written into a document, typed as query parameters are:
 * "int"/"float" become JSON numbers, "bool" true/false, "string" a string, "date", "time",
 * "datetime" the typed wrapper {"__rockset_type": "DATE", "value": ...}, "timestamp" the
 * TIMESTAMP wrapper with epoch microseconds; is_null (or value NULL) JSON null. */
typedef struct rs_doc_value {
    const char *type;
    const char *value;
    int is_null;
} rs_doc_value;

typedef enum { RS_DOCS_ADD, RS_DOCS_PATCH, RS_DOCS_DELETE } rs_docs_op;

/* The service takes at most this many documents, and about this many bytes, per request. */
#define RS_DOCS_MAX_PER_REQUEST 20000
#define RS_DOCS_MAX_BYTES (10u * 1024u * 1024u)

typedef struct rs_docs_write {
    rs_docs_op op;
    const char *ws, *coll;
    size_t ndocs;
    size_t nfields;
    const char *const *fields;   /* ADD: the fields of every document; PATCH: those set     */
    /* ADD, and PATCH without set: fills the nfields values of document i (strings valid
     * until the next call); 0 ok, 1 leave the document out (the caller reported why), -1
     * stop with err set. ADD leaves out an "_id" field whose value is NULL. */
    int (*get)(void *ud, size_t i, rs_doc_value *vals, rs_error *err);
    const char *const *ids;      /* PATCH, DELETE: the documents' _id                       */
    const rs_doc_value *set;     /* PATCH: the nfields values every document receives, or
                                    NULL: each document's own, from get                      */
    /* Called once per document the server answered: message NULL when it was applied, the
     * server's error text when its status was ERROR. */
    void (*status)(void *ud, size_t i, const char *message);
    void *ud;
    long long applied;           /* out: documents the server applied                       */
    char last_offset[96];        /* out: the last write's offset ("" when none)             */
} rs_docs_write;

/* Writes the documents in requests of at most RS_DOCS_MAX_PER_REQUEST documents and
 * RS_DOCS_MAX_BYTES bytes. 0, or -1 with err set when a request failed as a whole (the
 * documents of earlier requests are written: applied says how many). */
int rs_client_docs_write(rs_client *c, rs_docs_write *w, rs_error *err);

/* The commit fence: whether the collection includes the write that answered offset
 * (*passed 1) or not yet (0). 0, or -1 with err set. */
int rs_client_commit_fence(rs_client *c, const char *ws, const char *coll, const char *offset,
                           int *passed, rs_error *err);

/* Creates (POST .../collections {"name"}) or deletes a collection. 0 or -1 with err set
 * (RS_ERR_HTTP 409 ALREADYEXISTS, 404 NOTFOUND). */
int rs_client_collection_create(rs_client *c, const char *ws, const char *coll, rs_error *err);
int rs_client_collection_delete(rs_client *c, const char *ws, const char *coll, rs_error *err);

/* Percent-encodes one path segment into a malloc'ed string. */
char *rs_client_escape_segment(const char *segment);

#endif
