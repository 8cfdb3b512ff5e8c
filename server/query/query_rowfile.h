/* SPDX-License-Identifier: Apache-2.0 */
/* Stored rows of paginated and async queries, kept out of rockset.db: two files per result in
 * <data dir>/tmp/results, deleted when the result expires or is DELETEd, and all removed when
 * the server starts. rockset.db only holds the query records, so large results never grow it
 * (SQLite does not give freed pages back to the file system).
 *
 * <id>.rows holds each row's JSON text followed by a comma; <id>.idx holds, per row, the
 * 64-bit offset in .rows where that row's comma ends. A page [a, b) is then one read of two
 * index entries and one contiguous read of .rows, at any offset. A writer appends rows
 * before their index entries, so a reader that sees n index entries can read n rows. */
#ifndef QUERY_ROWFILE_H
#define QUERY_ROWFILE_H

#include <stddef.h>
#include <stdint.h>
#include "server/sql/sql_tr_internal.h"

/* The most bytes all stored results may take together (--max-result-bytes,
 * RS_LOCAL_MAX_RESULT_BYTES). */
#define QRF_DEFAULT_MAX_BYTES (4LL << 30)

/* Sets the results directory under data_dir, creates it and removes whatever a previous run
 * left in it. max_bytes <= 0: QRF_DEFAULT_MAX_BYTES. 0 ok, -1 error (printed). */
int qrf_init(const char *data_dir, long long max_bytes);
/* The directory (for tests and messages); "" before qrf_init. */
const char *qrf_dir(void);
long long qrf_max_bytes(void);
/* Bytes the stored results take now. */
long long qrf_used_bytes(void);

typedef struct qrf_writer {
    char id[104];            /* the query id (qrf_path allows 100 characters) */
    int rows_fd, idx_fd;     /* -1 until the first flush: a small result never gets files */
    char *buf;               /* rows not written yet             */
    size_t len, cap;
    uint64_t *ends;          /* their index entries              */
    size_t nends, capends;
    uint64_t off;            /* size of .rows once buf is written */
} qrf_writer;

/* Starts writing the rows of id (appending when id already has rows). The files are
 * created at the first flush; a result that closes before one is kept in memory when small
 * (query_rowmem.h). 0 ok, -1 error. */
int qrf_writer_open(qrf_writer *w, const char *id);
/* Adds a row: 0 ok, -1 I/O error or no memory, -2 the results would pass the byte cap. */
int qrf_writer_add(qrf_writer *w, const char *row, size_t len);
/* Writes what is buffered: 0, or -1 / -2 as qrf_writer_add (the rows stay buffered). */
int qrf_writer_flush(qrf_writer *w);
/* Writes what is buffered (ok) and closes: 0 ok, -1 / -2 as qrf_writer_add. */
int qrf_writer_close(qrf_writer *w, int ok);

/* Rows stored so far for id (0 when none). */
long long qrf_count(const char *id);
/* Rows [offset, offset + docs) of id as a JSON array into out; the count, or -1. */
long long qrf_read(const char *id, long long offset, long long docs, sql_sbuf *out);
/* Deletes the files of id (nothing when there are none). */
void qrf_remove(const char *id);

#endif
