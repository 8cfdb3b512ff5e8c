/* SPDX-License-Identifier: Apache-2.0 */
/* commons._events: the organization's API events, as the hosted service kept them. Rockset's
 * docs ("Audit Logging"): "The _events collection is created when your organization is
 * initialized and cannot be deleted." Users read it with SQL; only the server writes it. */
#ifndef SRV_EVENTS_H
#define SRV_EVENTS_H

#include "server/srv.h"

#define SRV_EVENTS_WS "commons"
#define SRV_EVENTS_COLL "_events"

/* Creates commons._events when missing (inside the caller's transaction): at every start, so
 * data dirs made before it existed get it too. 0 ok, -1 error. */
int srv_events_ensure(sqlite3 *db);

/* Records one event after the action it reports was committed (its own transaction).
 * label is one of the documented labels: COLLECTION_CREATED and COLLECTION_DROPPED (a is the
 * workspace, b the collection), API_KEY_CREATED and API_KEY_DELETED (a is the key's name, b
 * its owner), USER_CREATED (a is the new user's email), INTEGRATION_CREATED (a is its name).
 * Never a secret: no key value, no credentials. A failure is printed, never answered: the
 * action itself succeeded. */
void srv_event_record(const srv_request *req, const char *label, const char *a, const char *b);

/* 1 (and a 400 answered) when ws.coll is _events and the request would change it: writes
 * of documents and deleting the collection; what names the action ("add documents"). */
int srv_events_refuse(srv_response *res, const char *ws, const char *coll, const char *what);

#endif
