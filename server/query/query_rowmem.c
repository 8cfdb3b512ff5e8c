/* SPDX-License-Identifier: Apache-2.0 */
/* Small stored results in memory (see query_rowmem.h): a chained hash table of query ids. */
#include "server/query/query_rowmem.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct qrm_entry {
    struct qrm_entry *next;
    char *id;
    char *buf;            /* rows, each followed by a comma */
    size_t len;
    uint64_t *ends;       /* per row, the offset in buf after its comma */
    size_t n;
} qrm_entry;

static pthread_mutex_t qrm_mu = PTHREAD_MUTEX_INITIALIZER;
static qrm_entry **qrm_tab;
static size_t qrm_nbuckets, qrm_nentries;
static long long qrm_bytes;

static size_t qrm_hash(const char *id)
{
    size_t h = 5381;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        h = h * 33 + *p;
    return h;
}

static qrm_entry **qrm_slot(const char *id)
{
    qrm_entry **e;
    if (!qrm_tab)
        return NULL;
    for (e = &qrm_tab[qrm_hash(id) % qrm_nbuckets]; *e; e = &(*e)->next)
        if (strcmp((*e)->id, id) == 0)
            return e;
    return e;
}

/* Doubles the table when it holds two entries per bucket (ids come and go by the thousand:
 * every point query is one). 0, or -1 out of memory (the table stays as it was). */
static int qrm_grow(void)
{
    size_t nb = qrm_nbuckets ? qrm_nbuckets * 2 : 1024;
    qrm_entry **t = calloc(nb, sizeof *t);
    if (!t)
        return -1;
    for (size_t b = 0; b < qrm_nbuckets; b++) {
        qrm_entry *e = qrm_tab[b], *next;
        for (; e; e = next) {
            next = e->next;
            size_t h = qrm_hash(e->id) % nb;
            e->next = t[h];
            t[h] = e;
        }
    }
    free(qrm_tab);
    qrm_tab = t;
    qrm_nbuckets = nb;
    return 0;
}

static size_t qrm_cost(const qrm_entry *e)
{
    return e->len + e->n * sizeof *e->ends;
}

int qrm_put(const char *id, char *buf, size_t len, uint64_t *ends, size_t n)
{
    qrm_entry *e;
    int kept = 0;
    size_t cost = len + n * sizeof *ends;
    if (cost > QRM_MAX_ONE || !(e = calloc(1, sizeof *e)))
        return 0;
    if (!(e->id = strdup(id))) {
        free(e);
        return 0;
    }
    e->buf = buf;
    e->len = len;
    e->ends = ends;
    e->n = n;
    pthread_mutex_lock(&qrm_mu);
    if (qrm_bytes + (long long)cost <= QRM_MAX_ALL &&
        (qrm_nentries < 2 * qrm_nbuckets || qrm_grow() == 0)) {
        qrm_entry **slot = qrm_slot(id);
        if (slot && !*slot) {
            *slot = e;
            qrm_nentries++;
            qrm_bytes += (long long)cost;
            kept = 1;
        }
    }
    pthread_mutex_unlock(&qrm_mu);
    if (!kept) {
        free(e->id);
        free(e);
    }
    return kept;
}

int qrm_count(const char *id, long long *n)
{
    int found = 0;
    pthread_mutex_lock(&qrm_mu);
    qrm_entry **slot = qrm_slot(id);
    if (slot && *slot) {
        *n = (long long)(*slot)->n;
        found = 1;
    }
    pthread_mutex_unlock(&qrm_mu);
    return found;
}

long long qrm_read(const char *id, long long offset, long long docs, sql_sbuf *out)
{
    long long got = -2;
    pthread_mutex_lock(&qrm_mu);
    qrm_entry **slot = qrm_slot(id);
    if (slot && *slot) {
        const qrm_entry *e = *slot;
        long long count = (long long)e->n;
        long long last = offset < count ? (docs < count - offset ? offset + docs : count) : 0;
        got = 0;
        sql_sbuf_puts(out, "[");
        if (last > offset) {
            uint64_t from = offset > 0 ? e->ends[offset - 1] : 0, to = e->ends[last - 1];
            sql_sbuf_add(out, e->buf + from, (size_t)(to - from - 1)); /* no last comma */
            got = last - offset;
        }
        sql_sbuf_puts(out, "]");
        if (out->oom)
            got = -1;
    }
    pthread_mutex_unlock(&qrm_mu);
    return got;
}

/* Unlinks id's entry under the lock; NULL when none. */
static qrm_entry *qrm_unlink(const char *id)
{
    qrm_entry **slot = qrm_slot(id), *e = slot ? *slot : NULL;
    if (e) {
        *slot = e->next;
        qrm_nentries--;
        qrm_bytes -= (long long)qrm_cost(e);
    }
    return e;
}

int qrm_take(const char *id, char **buf, size_t *len, uint64_t **ends, size_t *n)
{
    pthread_mutex_lock(&qrm_mu);
    qrm_entry *e = qrm_unlink(id);
    pthread_mutex_unlock(&qrm_mu);
    if (!e)
        return 0;
    *buf = e->buf;
    *len = e->len;
    *ends = e->ends;
    *n = e->n;
    free(e->id);
    free(e);
    return 1;
}

size_t qrm_remove(const char *id)
{
    pthread_mutex_lock(&qrm_mu);
    qrm_entry *e = qrm_unlink(id);
    pthread_mutex_unlock(&qrm_mu);
    if (!e)
        return 0;
    size_t cost = qrm_cost(e);
    free(e->id);
    free(e->buf);
    free(e->ends);
    free(e);
    return cost;
}

void qrm_clear(void)
{
    pthread_mutex_lock(&qrm_mu);
    for (size_t b = 0; b < qrm_nbuckets; b++) {
        qrm_entry *e = qrm_tab[b], *next;
        for (; e; e = next) {
            next = e->next;
            free(e->id);
            free(e->buf);
            free(e->ends);
            free(e);
        }
    }
    free(qrm_tab);
    qrm_tab = NULL;
    qrm_nbuckets = qrm_nentries = 0;
    qrm_bytes = 0;
    pthread_mutex_unlock(&qrm_mu);
}
