/* SPDX-License-Identifier: Apache-2.0 */
/* Internals shared by the ingest modules (ingest.c, ingest_time.c, ingest_map.c). */
#ifndef SRV_INGEST_INT_H
#define SRV_INGEST_INT_H

#include "server/srv.h"

/* "2021-01-10T12:30:00.5Z", offsets, date only; 0 ok. */
int srv_parse_iso_micros(const char *s, long long *out);
/* The value at a dotted path ("address.city"), NULL when missing. */
const cJSON *srv_ingest_lookup(const cJSON *doc, const char *dotted);
/* _event_time of doc (see ingest_time.c); 0 ok, -1 with err set. */
int srv_ingest_event_time(const cJSON *info, const cJSON *doc, long long *out, char *err,
                          size_t errlen);
/* Applies the field mappings to doc in place; 0 ok, -1 with err set (on_error FAIL). */
int srv_ingest_map(const cJSON *mappings, cJSON *doc, char *err, size_t errlen);
/* Rewrites of date/time wrapper values into canonical text (ingest_canon.c): JSON paths
 * into the stored document and the text to set there. */
typedef struct srv_canon_edits {
    char **path, **value;
    size_t n;
} srv_canon_edits;
/* Rewrites every date/time wrapper value of doc in place; with ed, also lists the rewrites
 * (for a document stored from its original text). 0 ok, -1 out of memory. */
int srv_ingest_canon(cJSON *doc, srv_canon_edits *ed);
/* Applies the listed rewrites to the stored document id of table. 0 ok. */
int srv_ingest_canon_apply(sqlite3 *db, const char *table, const char *id,
                           const srv_canon_edits *ed);
void srv_canon_edits_free(srv_canon_edits *ed);
/* Closes this thread's private mapping evaluator now (threads that end close it anyway). */
void srv_ingest_map_thread_end(void);

#endif
