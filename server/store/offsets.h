/* SPDX-License-Identifier: Apache-2.0 */
/* Write offsets of a collection: what a write answers as `last_offset` and what the commit
 * fence (POST .../collections/{c}/offsets/commit) compares with. Every committed write
 * request to a collection takes the next number of that collection; rockset-local makes a
 * write queryable when its transaction commits, so the collection's commit is always its
 * latest offset, and a fence passes as soon as every offset given to it was issued. */
#ifndef SRV_OFFSETS_H
#define SRV_OFFSETS_H

#include <stddef.h>
#include <sqlite3.h>

#define SRV_OFFSET_TEXT 32

/* Takes the collection's next offset (inside the caller's write transaction). 0 ok. */
int srv_offsets_next(sqlite3 *db, long long coll_id, long long *seq);
/* The collection's latest offset (0 before its first write). 0 ok. */
int srv_offsets_current(sqlite3 *db, long long coll_id, long long *seq);
/* seq as the offset text clients hold ("f1:0:<seq>"). */
void srv_offsets_format(long long seq, char out[SRV_OFFSET_TEXT]);
/* Offset text -> seq; -1 when the text is not an offset of this format. */
int srv_offsets_parse(const char *text, long long *seq);

#endif
