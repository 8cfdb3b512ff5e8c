/* SPDX-License-Identifier: Apache-2.0 */
/* Messages more than one layer of rockset-local answers, so that a missing collection reads
 * the same from the SQL engine and from the collection and documents endpoints. Worded like
 * the service's one recorded not-found message (the JS client's test: `Query Lambda
 * "myFakeQuery" (version "not_a_version") not found in workspace "commons.fake.workspace".`):
 * names in double quotes, "not found in workspace", a closing period. */
#ifndef SRV_MSG_H
#define SRV_MSG_H

#define SRV_MSG_NO_WORKSPACE "Workspace \"%s\" not found."
#define SRV_MSG_NO_COLLECTION "Collection \"%s\" not found in workspace \"%s\"."
/* Any write to commons._events, by the documents API or by INSERT INTO; %s says what. */
#define SRV_MSG_EVENTS_READ_ONLY "Cannot %s: collection '_events' in workspace 'commons' is" \
    " read-only: it holds the events the organization's API calls record."

#endif
