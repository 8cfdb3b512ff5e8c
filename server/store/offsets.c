/* SPDX-License-Identifier: Apache-2.0 */
/* Write offsets (offsets.h). The text form copies the shape of the service's offsets
 * ("f1:0:14:9:7092" in its answers: a format tag and colon-separated numbers) without any
 * claim to mean what their parts meant there: clients treat an offset as an opaque string
 * that they hand back to the commit fence. */
#include "server/store/offsets.h"
#include "server/store/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OFFSET_PREFIX "f1:0:"

int srv_offsets_next(sqlite3 *db, long long coll_id, long long *seq)
{
    sqlite3_stmt *st = srv_store_prepare(
        db, "INSERT INTO coll_offsets(coll_id, seq) VALUES (?, 1) ON CONFLICT(coll_id)"
            " DO UPDATE SET seq = seq + 1 RETURNING seq");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, coll_id);
    int rc = srv_store_step(st);
    if (rc == SQLITE_ROW)
        *seq = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

int srv_offsets_current(sqlite3 *db, long long coll_id, long long *seq)
{
    sqlite3_stmt *st = srv_store_prepare(db, "SELECT seq FROM coll_offsets WHERE coll_id = ?");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, coll_id);
    int rc = srv_store_step(st);
    *seq = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

void srv_offsets_format(long long seq, char out[SRV_OFFSET_TEXT])
{
    snprintf(out, SRV_OFFSET_TEXT, OFFSET_PREFIX "%lld", seq);
}

int srv_offsets_parse(const char *text, long long *seq)
{
    size_t n = strlen(OFFSET_PREFIX);
    if (!text || strncmp(text, OFFSET_PREFIX, n) != 0 || text[n] < '0' || text[n] > '9')
        return -1;
    char *end;
    errno = 0;
    long long v = strtoll(text + n, &end, 10);
    if (errno != 0 || *end != '\0' || v < 0)
        return -1;
    *seq = v;
    return 0;
}
