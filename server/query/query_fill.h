/* SPDX-License-Identifier: Apache-2.0 */
/* Paginated answers whose rest is still being stored: the first page is answered as soon as
 * it is stepped, and a fill thread stores the remaining rows in its result files. This module
 * tracks which queries are still filling so the pages endpoint can wait for their rows. */
#ifndef QUERY_FILL_H
#define QUERY_FILL_H


/* Most fills running at once; past it a paginated query stores every row before answering. */
#define QF_MAX_LIVE 32

/* Registers id as filling: 0, or -1 when QF_MAX_LIVE fills already run (or no memory). */
int qf_register(const char *id);
void qf_unregister(const char *id);
int qf_active(const char *id);

/* For the pages endpoint: when id is filling, waits until row seq `need` is stored or the
 * fill ended. Returns 1 when the fill still runs (rows before `need` are all readable), 0
 * when id is not (or no longer) filling: its record then holds the final state. */
int qf_wait(const char *id, long long need);

/* Rows stored so far, for the count of a query still filling. */
long long qf_rows_stored(const char *id);

#endif
