/* SPDX-License-Identifier: Apache-2.0 */
/* Write generations of the document tables: a number per docs_<id> table that grows with
 * every committed transaction that changed a row of it, in this process. What is computed
 * from a table's documents (DESCRIBE) can be kept while its generation stays the same. */
#ifndef SRV_STORE_GEN_H
#define SRV_STORE_GEN_H

#include <sqlite3.h>

/* Counts the commits of db (one of srv_store_thread_db's connections). 0 ok, -1 no memory. */
int srv_gen_watch(sqlite3 *db);
/* The generation of a document table ("docs_12"): changes whenever it may have changed. */
unsigned long long srv_gen_of(const char *table);
/* Frees what srv_gen_watch allocated (after every watched connection was closed). */
void srv_gen_free_all(void);

#endif
