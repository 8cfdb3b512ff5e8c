/* SPDX-License-Identifier: Apache-2.0 */
/* Ingest of documents into a collection: _id, _event_time (from event_time_info), field
 * mappings evaluated by SQLite, coll_fields upkeep and retention. Used by the documents
 * handlers and by the `load` subcommand. */
#ifndef SRV_INGEST_H
#define SRV_INGEST_H

#include "server/srv.h"

/* SHA256, SHA1, MD5, TO_HEX, ... on a connection (store connections and mapping evaluation). */
int srv_ingest_register_functions(sqlite3 *db);

/* A collection's ingest settings, read once per batch. */
typedef struct srv_ingest {
    srv_collection coll;
    char ws[256], name[256];
    cJSON *event_time_info;   /* owned, NULL when none */
    cJSON *field_mappings;    /* owned, NULL when none */
    long long bytes_inserted, bytes_overwritten;
    long long offset;         /* the write's offset (offsets.h), set by srv_ingest_finish */
} srv_ingest;

/* Reads the settings of a found collection. 0 ok, -1 error. */
int srv_ingest_open(sqlite3 *db, const char *ws, const char *coll, const srv_collection *c,
                    srv_ingest *in);
void srv_ingest_close(srv_ingest *in);

/* Adds (or replaces) each document of the JSON array at jpath ("$.data", "$") inside text;
 * returns the per-document status array
 * ({_id, _collection, status, error, patch_id}). Runs inside the caller's transaction.
 * *failed is 1 when the database itself failed, 2 when SQLite finds the text is not valid
 * JSON (the caller rolls back either way). */
cJSON *srv_ingest_add(sqlite3 *db, srv_ingest *in, const char *text, size_t len,
                      const char *jpath, int *failed);
/* Stores one already-shaped document (patch results): doc holds every field but _id. */
int srv_ingest_put(sqlite3 *db, srv_ingest *in, const char *id, long long event_time,
                   cJSON *doc, int *replaced);
/* Records the top-level field names of doc in coll_fields. */
int srv_ingest_note_fields(sqlite3 *db, long long coll_id, const cJSON *doc);
/* After a batch, inside its transaction: takes the write's offset (in->offset) and updates
 * the bytes_* counters and last_updated_ms. 0 ok, -1 database failure. */
int srv_ingest_finish(sqlite3 *db, srv_ingest *in);

/* Deletes documents older than their collection's retention; returns how many. */
long long srv_ingest_purge(sqlite3 *db, long long coll_id, long long retention_secs);
/* The timer's job: purge every collection that has a retention. */
void srv_ingest_purge_all(sqlite3 *db);

/* Checks field mappings of a create request (shapes, and that every output value compiles).
 * 0 ok, -1 with err set. */
int srv_ingest_check_mappings(const cJSON *mappings, char *err, size_t errlen);

/* An error object for a per-document status: {"message", "type"}. */
cJSON *srv_ingest_doc_error(const char *type, const char *msg);

#endif
