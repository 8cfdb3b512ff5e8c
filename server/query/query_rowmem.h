/* SPDX-License-Identifier: Apache-2.0 */
/* Small stored results kept in memory instead of result files (query_rowfile.h). A driver
 * asks for every query paginated, so every SELECT 1 became a stored result: two files
 * created, written and later unlinked, which cost more server CPU (the file system's inode
 * and block work) than the query itself. A result whose rows all fit in the writer's buffer
 * (QRM_MAX_ONE bytes at most, QRM_MAX_ALL for all of them together) is kept here instead; it
 * is read, counted and removed through the same qrf_* calls, and, like the files, it does not
 * outlive the process. One lock guards the table: every request thread may read or write. */
#ifndef QUERY_ROWMEM_H
#define QUERY_ROWMEM_H

#include <stddef.h>
#include <stdint.h>
#include "server/sql/sql_tr_internal.h"

#define QRM_MAX_ONE (64u * 1024u)
#define QRM_MAX_ALL (64LL << 20)

/* Takes rows (each row's text followed by a comma, len bytes) and their end offsets (n
 * entries) for id: 1 kept (buf and ends now belong to the table), 0 not kept (too large, the
 * table is full, id already has rows here, or no memory): the caller keeps them. */
int qrm_put(const char *id, char *buf, size_t len, uint64_t *ends, size_t n);
/* Rows stored for id: 1 with *n set, 0 when id has none here. */
int qrm_count(const char *id, long long *n);
/* Rows [offset, offset + docs) of id as a JSON array into out: the count (-1 out of memory),
 * or -2 when id has none here. */
long long qrm_read(const char *id, long long offset, long long docs, sql_sbuf *out);
/* Moves id's rows out of the table (a second writer appends to them in files): 1 with the
 * buffers the caller now owns, 0 when id has none here. */
int qrm_take(const char *id, char **buf, size_t *len, uint64_t **ends, size_t *n);
/* Drops id's rows; the bytes they took, 0 when none. */
size_t qrm_remove(const char *id);
/* Drops everything (tests, and a new results directory). */
void qrm_clear(void);

#endif
