/* SPDX-License-Identifier: Apache-2.0 */
/* Inside DESCRIBE (query_describe.c): one document's values read from its text. */
#ifndef QUERY_DESCRIBE_INT_H
#define QUERY_DESCRIBE_INT_H

#include "server/query/query_exec.h"

#include <stddef.h>

/* Counts one value: its path (keys joined by \x1f, "*" for an array's elements) and type. */
typedef int (*qd_count_fn)(void *ctx, const char *path, const char *type);

/* Calls count for every value of the document doc[0, n) that DESCRIBE counts, as walking it
 * with json_tree would, nothing when it returns non-zero. 0 done; 1 not read: text this walk
 * leaves to json_tree (spaces, an escaped key, anything malformed...); -1 count failed. */
int qd_walk_doc(const char *doc, size_t n, int max_depth, qd_count_fn count, void *ctx);

#endif
