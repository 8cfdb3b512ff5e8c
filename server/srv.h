/* SPDX-License-Identifier: Apache-2.0 */
/* The contract between the HTTP layer of rockset-local and its handlers, and the parts of
 * storage that more than one handler group reads. Handlers get a decoded request and fill a
 * response; they never touch libmicrohttpd. */
#ifndef SRV_H
#define SRV_H

#include <stddef.h>
#include <sys/types.h>
#include <cjson/cJSON.h>
#include <sqlite3.h>

typedef struct srv_config {
    const char *data_dir;
    const char *bind;      /* "127.0.0.1" */
    int port;              /* 3030        */
    const char *api_key;   /* NULL: generate on first start */
    int threads;
} srv_config;

typedef struct srv_request {
    const char *method;          /* "GET", "POST", ...                                   */
    const char *path;            /* raw path, e.g. "/v1/orgs/self/ws/commons"            */
    char **params;               /* percent-decoded values of the route's {} segments    */
    size_t nparams;
    const char *body;            /* raw body, NUL-terminated ("" when none)              */
    size_t body_len;
    cJSON *json;                 /* parsed body, NULL when empty (a bad body never
                                    reaches a handler: the router answers 400)           */
    const char *user_email;      /* the user the API key belongs to                      */
    const char *key_name;        /* the name of the API key used                         */
    sqlite3 *db;                 /* this thread's connection to the store                */
    void *http;                  /* the HTTP layer's connection (for srv_query_arg)      */
} srv_request;

/* A streamed body: fill up to max bytes into buf, return the count, 0 to be called again
 * later is not allowed: return -1 at the end, -2 on error (the connection is closed). */
typedef ssize_t (*srv_stream_fn)(void *cls, char *buf, size_t max);

typedef struct srv_response {
    int status;
    cJSON *json;                 /* owned; serialized compactly                           */
    srv_stream_fn stream;        /* alternative to json: a streamed application/json body */
    void *stream_cls;
    void (*stream_free)(void *cls);
    char *text;                  /* alternative to both: a whole body, malloc'd (owned)   */
    size_t text_len;
    char retry_after[16];        /* sets Retry-After when non-empty                       */
} srv_response;

typedef void (*srv_handler)(const srv_request *req, srv_response *res);

/* Routes: pattern segments "{}" capture one decoded path segment; "{*}" as the last segment
 * captures the rest (decoded). The first matching route wins; a path that matches with
 * another method answers 405. */
void srv_route_add(const char *method, const char *pattern, srv_handler fn);

/* Query-string argument of the current request (decoded), NULL when absent. */
const char *srv_query_arg(const srv_request *req, const char *name);
/* The socket of the request's client, -1 when unknown. Valid while the request is being
 * answered (its handler, or its answer's stream callback): the query layer polls it to stop
 * a query whose client went away. */
int srv_request_fd(const srv_request *req);

/* Response helpers. reply_json takes ownership of body. reply_data wraps it: {"data": body}. */
void srv_reply_json(srv_response *res, int status, cJSON *body);
void srv_reply_data(srv_response *res, int status, cJSON *body);
/* The ErrorModel body with every key present: {message, message_key, type, line, column,
 * trace_id, error_id, query_id, internal_errors}; line/column 0 = null. */
void srv_reply_error(srv_response *res, int status, const char *type, const char *message_key,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void srv_reply_error_at(srv_response *res, int status, const char *type, const char *error_id,
                        int line, int column, const char *query_id, const char *message);

/* Ids: random hex of n bytes (2n chars) from OpenSSL, and UTC ISO-8601 timestamps. */
void srv_random_hex(char *out, size_t nbytes);
/* A random (version 4) UUID, "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" (out >= 37 bytes). */
void srv_new_uuid(char *out);
void srv_now_iso(char *out, size_t outlen);      /* "2026-11-29T20:38:12Z" */
long long srv_now_micros(void);

/* ---- Storage shared between handler groups (server/store/store.c) ----
 * One SQLite database `rockset.db` in the data dir, WAL, synchronous=FULL. Documents of a
 * collection live in table "docs_<collection id>" with columns
 *   _id TEXT PRIMARY KEY, _event_time INTEGER NOT NULL (microseconds since the epoch),
 *   doc TEXT NOT NULL (the document as JSON, without _id and _event_time)
 * and every top-level field name ever ingested is in coll_fields(coll_id, name). */
typedef struct srv_collection {
    long long id;
    char table[40];               /* "docs_<id>" */
    long long retention_secs;     /* 0 = none   */
} srv_collection;

/* 0 found, 1 no such workspace, 2 no such collection, -1 database error. */
int srv_store_collection_find(sqlite3 *db, const char *ws, const char *coll, srv_collection *out);
int srv_store_workspace_exists(sqlite3 *db, const char *ws);
/* Opens a new connection with the project's pragmas; for threads the HTTP layer does not own. */
sqlite3 *srv_store_open(void);

/* Registration of each handler group (called once at startup). */
void srv_handlers_orgs_register(void);
void srv_handlers_users_register(void);
void srv_handlers_apikeys_register(void);
void srv_handlers_workspaces_register(void);
void srv_handlers_collections_register(void);
void srv_handlers_documents_register(void);
void srv_handlers_integrations_register(void);
void srv_handlers_queries_register(void);   /* queries, validations, pages, query info */
void srv_handlers_lambdas_register(void);
/* Schema of the query side (lambdas, tags, stored query results): created at startup. */
int srv_query_schema_init(sqlite3 *db);

#endif
