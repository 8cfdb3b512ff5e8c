/* SPDX-License-Identifier: Apache-2.0 */
/* commons._events (see events.h). The event documents follow Rockset's "Audit Logging" page
 * (labels, kinds, types, which fields each label carries) with the field names the service
 * stored, as DESCRIBE _events shows them in Rockset's docs: apiKeyName, collections,
 * details, eventTime, integrations, kind, label, message, type, userEmail. */
#include "server/store/events.h"
#include "server/srv_msg.h"
#include "server/store/ingest.h"
#include "server/store/store.h"

#include <stdio.h>
#include <string.h>

/* "With the Standard edition of Rockset, the _events collection has a retention of 30 days". */
#define EVENTS_RETENTION_SECS (30LL * 24 * 3600)

/* Who made _events: the organization itself, not a user. */
#define EVENTS_CREATED_BY "rockset"

int srv_events_ensure(sqlite3 *db)
{
    srv_collection c;
    if (srv_store_ensure_collection(db, SRV_EVENTS_WS, SRV_EVENTS_COLL, EVENTS_CREATED_BY, &c) != 0)
        return -1;
    sqlite3_stmt *st = srv_store_prepare(
        db, "UPDATE collections SET retention_secs = ?, description = coalesce(description,"
            " 'Events of the organization: API keys, collections, integrations and users"
            " created or deleted.') WHERE id = ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, EVENTS_RETENTION_SECS);
    sqlite3_bind_int64(st, 2, c.id);
    int rc = srv_store_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int srv_events_refuse(srv_response *res, const char *ws, const char *coll, const char *what)
{
    if (!ws || !coll || strcmp(ws, SRV_EVENTS_WS) != 0 || strcmp(coll, SRV_EVENTS_COLL) != 0)
        return 0;
    /* the docs: _events "cannot be deleted"; its documents are the service's record */
    srv_reply_error(res, 400, "INVALIDINPUT", NULL, SRV_MSG_EVENTS_READ_ONLY, what);
    return 1;
}

/* One label of the documented table: its kind, and which fields a and b fill. */
typedef struct event_kind {
    const char *label, *kind, *message;
    enum { BY_COLLECTION, BY_API_KEY, BY_USER, BY_INTEGRATION } shape;
} event_kind;

static const event_kind kinds[] = {
    { "COLLECTION_CREATED", "COLLECTION", "Collection %s created", BY_COLLECTION },
    { "COLLECTION_DROPPED", "COLLECTION", "Collection %s dropped", BY_COLLECTION },
    { "API_KEY_CREATED", "API_KEY", "API key %s created", BY_API_KEY },
    { "API_KEY_DELETED", "API_KEY", "API key %s deleted", BY_API_KEY },
    { "USER_CREATED", "USER", "User %s created", BY_USER },
    { "INTEGRATION_CREATED", "INTEGRATION", "Integration %s created", BY_INTEGRATION },
};

static const event_kind *find_kind(const char *label)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i].label, label) == 0)
            return &kinds[i];
    return NULL;
}

/* The event document (without _id): the fields the table lists for the label. */
static cJSON *event_doc(const srv_request *req, const event_kind *k, const char *a,
                        const char *b, long long ms)
{
    char subject[600], msg[700];
    const char *actor = req && req->user_email ? req->user_email : "";
    cJSON *d = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "label", k->label);
    cJSON_AddStringToObject(d, "kind", k->kind);
    cJSON_AddStringToObject(d, "type", "INFO");
    cJSON_AddNumberToObject(d, "eventTime", (double)ms);
    cJSON *details = cJSON_CreateObject();
    switch (k->shape) {
    case BY_COLLECTION:
        snprintf(subject, sizeof subject, "%s.%s", a, b ? b : "");
        cJSON_AddItemToObject(d, "collections", cJSON_CreateStringArray(
                                                    (const char *[]){ subject }, 1));
        cJSON_AddStringToObject(d, "userEmail", actor);
        break;
    case BY_API_KEY:
        snprintf(subject, sizeof subject, "%s", a);
        cJSON_AddStringToObject(d, "apiKeyName", a);
        cJSON_AddStringToObject(d, "userEmail", actor);
        cJSON_AddStringToObject(details, "apiKeyOwner", b ? b : actor);
        break;
    case BY_USER:
        snprintf(subject, sizeof subject, "%s", a);
        cJSON_AddStringToObject(d, "userEmail", a);
        cJSON_AddStringToObject(details, "createdBy", actor);
        break;
    case BY_INTEGRATION:
        snprintf(subject, sizeof subject, "%s", a);
        cJSON_AddItemToObject(d, "integrations", cJSON_CreateStringArray(
                                                     (const char *[]){ subject }, 1));
        cJSON_AddStringToObject(d, "userEmail", actor);
        break;
    }
    cJSON_AddItemToObject(d, "details", details);
    snprintf(msg, sizeof msg, k->message, subject);
    cJSON_AddStringToObject(d, "message", msg);
    return d;
}

static int store_event(sqlite3 *db, cJSON *doc, long long micros)
{
    srv_collection c;
    srv_ingest in;
    char id[33];
    int replaced = 0;
    if (srv_store_collection_find(db, SRV_EVENTS_WS, SRV_EVENTS_COLL, &c) != 0 ||
        srv_ingest_open(db, SRV_EVENTS_WS, SRV_EVENTS_COLL, &c, &in) != 0)
        return -1;
    srv_random_hex(id, 16);
    int rc = srv_store_begin(db);
    if (rc == 0)
        rc = srv_ingest_put(db, &in, id, micros, doc, &replaced);
    if (rc == 0)
        rc = srv_ingest_finish(db, &in);
    if (rc == 0)
        rc = srv_store_commit(db);
    if (rc != 0)
        srv_store_rollback(db);
    srv_ingest_close(&in);
    return rc;
}

void srv_event_record(const srv_request *req, const char *label, const char *a, const char *b)
{
    const event_kind *k = find_kind(label);
    if (!k || !a || !req || !req->db)
        return;
    long long micros = srv_now_micros();
    cJSON *doc = event_doc(req, k, a, b, micros / 1000);
    if (!doc || store_event(req->db, doc, micros) != 0)
        fprintf(stderr, "rockset-local: could not record event %s\n", label);
    cJSON_Delete(doc);
}
