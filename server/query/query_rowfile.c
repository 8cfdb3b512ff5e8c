/* SPDX-License-Identifier: Apache-2.0 */
/* Result row files of stored queries (see query_rowfile.h). */
#include "server/query/query_rowfile.h"
#include "server/query/query_rowmem.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A writer hands rows to the kernel every this many bytes or rows: the pages endpoint waits
 * for rows of a query still filling, so they must not sit in memory for long, and one write
 * per row would cost a system call each. */
#define QRF_FLUSH_BYTES (1u << 20)
#define QRF_FLUSH_ROWS 5000

static char qrf_root[4096];
static long long qrf_cap = QRF_DEFAULT_MAX_BYTES;
/* Bytes of every result file together: reserved before a writer writes, given back when a
 * result is removed. One counter for all threads, so the cap holds across concurrent fills. */
static _Atomic long long qrf_used;

const char *qrf_dir(void)
{
    return qrf_root;
}

long long qrf_max_bytes(void)
{
    return qrf_cap;
}

long long qrf_used_bytes(void)
{
    return atomic_load(&qrf_used);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Removes what a previous run left: its records were of a process that is gone, and nothing
 * else is written here (only our own suffixes are touched, whatever else a user put there). */
static void remove_leftovers(void)
{
    DIR *d = opendir(qrf_root);
    struct dirent *e;
    char path[sizeof qrf_root + 300];
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        if (!ends_with(e->d_name, ".rows") && !ends_with(e->d_name, ".idx"))
            continue;
        snprintf(path, sizeof path, "%s/%s", qrf_root, e->d_name);
        if (unlink(path) != 0 && errno != ENOENT)
            fprintf(stderr, "rockset-local: cannot remove %s: %s\n", path, strerror(errno));
    }
    closedir(d);
}

int qrf_init(const char *data_dir, long long max_bytes)
{
    char tmp[sizeof qrf_root - 16];
    if (snprintf(tmp, sizeof tmp, "%s/tmp", data_dir) >= (int)sizeof tmp)
        return -1;
    snprintf(qrf_root, sizeof qrf_root, "%s/results", tmp);
    if ((mkdir(tmp, 0700) != 0 && errno != EEXIST) ||
        (mkdir(qrf_root, 0700) != 0 && errno != EEXIST)) {
        fprintf(stderr, "rockset-local: cannot create %s: %s\n", qrf_root, strerror(errno));
        qrf_root[0] = '\0';
        return -1;
    }
    qrf_cap = max_bytes > 0 ? max_bytes : QRF_DEFAULT_MAX_BYTES;
    remove_leftovers();
    qrm_clear();
    atomic_store(&qrf_used, 0);
    return 0;
}

/* The path of one of id's files; -1 when id is no query id (ids reach here from URLs, so
 * nothing but the characters qr_new_id writes may name a file). */
static int qrf_path(const char *id, const char *ext, char *out, size_t n)
{
    size_t len = strlen(id);
    if (!qrf_root[0] || len == 0 || len > 100 ||
        strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:") != len)
        return -1;
    return snprintf(out, n, "%s/%s%s", qrf_root, id, ext) < (int)n ? 0 : -1;
}

/* Opens (creating, or appending to) the files of w->id. 0 ok, -1 error. */
static int writer_files(qrf_writer *w)
{
    char rows[sizeof qrf_root + 128], idx[sizeof qrf_root + 128];
    struct stat st;
    if (qrf_path(w->id, ".rows", rows, sizeof rows) != 0 ||
        qrf_path(w->id, ".idx", idx, sizeof idx) != 0)
        return -1;
    w->rows_fd = open(rows, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    w->idx_fd = open(idx, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (w->rows_fd < 0 || w->idx_fd < 0 || fstat(w->rows_fd, &st) != 0)
        return -1;
    /* the rows buffered so far start where the file ends (their ends were counted from the
     * writer's own start, w->off - w->len) */
    uint64_t base = (uint64_t)st.st_size - (w->off - w->len);
    if (base != 0) {
        for (size_t i = 0; i < w->nends; i++)
            w->ends[i] += base;
        w->off += base;
    }
    return 0;
}

int qrf_writer_open(qrf_writer *w, const char *id)
{
    char rows[sizeof qrf_root + 128];
    struct stat st;
    memset(w, 0, sizeof *w);
    w->rows_fd = w->idx_fd = -1;
    if (qrf_path(id, ".rows", rows, sizeof rows) != 0)
        return -1;
    snprintf(w->id, sizeof w->id, "%s", id);
    /* a second writer of one result (the rest of a page answer) appends after the first:
     * to its files, or to its rows in memory, which go to files now */
    if (qrm_take(id, &w->buf, &w->len, &w->ends, &w->nends)) {
        w->cap = w->len;
        w->capends = w->nends;
        w->off = w->len;
        atomic_fetch_sub(&qrf_used, (long long)(w->len + w->nends * sizeof *w->ends));
    } else if (stat(rows, &st) != 0) {
        return 0;                               /* a new result: files when needed */
    }
    if (writer_files(w) != 0) {
        qrf_writer_close(w, 0);
        return -1;
    }
    return 0;
}

static int write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t k = write(fd, c, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        c += k;
        n -= (size_t)k;
    }
    return 0;
}

int qrf_writer_flush(qrf_writer *w)
{
    long long need = (long long)(w->len + w->nends * sizeof *w->ends);
    if (need == 0)
        return 0;
    /* reserve first: concurrent writers together never pass the cap */
    long long before = atomic_fetch_add(&qrf_used, need);
    if (before + need > qrf_cap) {
        atomic_fetch_sub(&qrf_used, need);
        return -2;
    }
    struct stat ist;
    if (w->rows_fd < 0 && writer_files(w) != 0) {
        atomic_fetch_sub(&qrf_used, need);
        return -1;
    }
    off_t rows_base = (off_t)(w->off - w->len);
    if (fstat(w->idx_fd, &ist) != 0) {
        atomic_fetch_sub(&qrf_used, need);
        return -1;
    }
    /* rows before their index entries: a reader trusts every row the index names */
    if (write_all(w->rows_fd, w->buf, w->len) != 0 ||
        write_all(w->idx_fd, w->ends, w->nends * sizeof *w->ends) != 0) {
        /* a full disk: what was written of the batch goes, so the reservation can too */
        if (ftruncate(w->rows_fd, rows_base) == 0 && ftruncate(w->idx_fd, ist.st_size) == 0)
            atomic_fetch_sub(&qrf_used, need);
        return -1;
    }
    w->len = 0;
    w->nends = 0;
    return 0;
}

int qrf_writer_add(qrf_writer *w, const char *row, size_t len)
{
    if (w->len + len + 1 > w->cap) {
        size_t cap = w->cap ? w->cap : 64 * 1024;
        while (cap < w->len + len + 1)
            cap *= 2;
        char *b = realloc(w->buf, cap);
        if (!b)
            return -1;
        w->buf = b;
        w->cap = cap;
    }
    if (w->nends == w->capends) {
        size_t cap = w->capends ? w->capends * 2 : 1024;
        uint64_t *e = realloc(w->ends, cap * sizeof *e);
        if (!e)
            return -1;
        w->ends = e;
        w->capends = cap;
    }
    memcpy(w->buf + w->len, row, len);
    w->buf[w->len + len] = ',';
    w->len += len + 1;
    w->off += len + 1;
    w->ends[w->nends++] = w->off;
    if (w->len >= QRF_FLUSH_BYTES || w->nends >= QRF_FLUSH_ROWS)
        return qrf_writer_flush(w);
    return 0;
}

/* A result that never reached a flush, kept in memory when small: 1 kept, else 0. */
static int writer_keep(qrf_writer *w)
{
    size_t cost = w->len + w->nends * sizeof *w->ends;
    if (w->rows_fd >= 0 || w->len == 0 || cost > QRM_MAX_ONE)
        return 0;
    long long before = atomic_fetch_add(&qrf_used, (long long)cost);
    if (before + (long long)cost <= qrf_cap) {
        /* shrink to what the rows need: the writer's buffers start at 64 KiB */
        char *b = realloc(w->buf, w->len);
        uint64_t *e = realloc(w->ends, w->nends * sizeof *e);
        if (b)
            w->buf = b;
        if (e)
            w->ends = e;
        if (b && e && qrm_put(w->id, w->buf, w->len, w->ends, w->nends)) {
            w->buf = NULL;
            w->ends = NULL;
            w->len = w->nends = 0;
            return 1;
        }
    }
    atomic_fetch_sub(&qrf_used, (long long)cost);
    return 0;
}

int qrf_writer_close(qrf_writer *w, int ok)
{
    int rc = ok && !writer_keep(w) ? qrf_writer_flush(w) : 0;
    if (w->rows_fd >= 0)
        close(w->rows_fd);
    if (w->idx_fd >= 0)
        close(w->idx_fd);
    free(w->buf);
    free(w->ends);
    memset(w, 0, sizeof *w);
    w->rows_fd = w->idx_fd = -1;
    return rc;
}

static int read_at(int fd, void *p, size_t n, off_t at)
{
    char *c = p;
    while (n > 0) {
        ssize_t k = pread(fd, c, n, at);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        c += k;
        n -= (size_t)k;
        at += k;
    }
    return 0;
}

long long qrf_count(const char *id)
{
    char idx[sizeof qrf_root + 128];
    struct stat st;
    long long n;
    if (qrm_count(id, &n))
        return n;
    if (qrf_path(id, ".idx", idx, sizeof idx) != 0 || stat(idx, &st) != 0)
        return 0;
    return (long long)(st.st_size / (off_t)sizeof(uint64_t));
}

/* Appends n bytes of fd at `at` to out, read straight into its buffer. */
static int read_into(sql_sbuf *out, int fd, size_t n, off_t at)
{
    if (out->oom)
        return -1;
    if (out->len + n + 1 > out->cap) {
        size_t cap = out->len + n + 256;
        char *s = realloc(out->s, cap);
        if (!s) {
            out->oom = 1;
            return -1;
        }
        out->s = s;
        out->cap = cap;
    }
    if (read_at(fd, out->s + out->len, n, at) != 0)
        return -1;
    out->len += n;
    out->s[out->len] = '\0';
    return 0;
}

/* The byte range [*from, *to) of rows [first, last) per the index; -1 on error. */
static int row_range(int idx_fd, long long first, long long last, uint64_t *from, uint64_t *to)
{
    *from = 0;
    if (first > 0 && read_at(idx_fd, from, sizeof *from, (off_t)(first - 1) * 8) != 0)
        return -1;
    return read_at(idx_fd, to, sizeof *to, (off_t)(last - 1) * 8);
}

long long qrf_read(const char *id, long long offset, long long docs, sql_sbuf *out)
{
    char rows[sizeof qrf_root + 128], idx[sizeof qrf_root + 128];
    struct stat st;
    long long n = qrm_read(id, offset, docs, out);
    if (n != -2)
        return n;
    n = -1;
    sql_sbuf_puts(out, "[");
    if (qrf_path(id, ".rows", rows, sizeof rows) != 0 ||
        qrf_path(id, ".idx", idx, sizeof idx) != 0)
        return -1;
    int ifd = open(idx, O_RDONLY | O_CLOEXEC);
    if (ifd < 0 && errno == ENOENT) {          /* no row was ever stored */
        sql_sbuf_puts(out, "]");
        return out->oom ? -1 : 0;
    }
    int rfd = ifd >= 0 ? open(rows, O_RDONLY | O_CLOEXEC) : -1;
    if (rfd >= 0 && fstat(ifd, &st) == 0) {
        long long count = (long long)(st.st_size / 8);
        long long last = offset < count ? (docs < count - offset ? offset + docs : count) : 0;
        uint64_t from, to;
        n = 0;
        if (last > offset) {
            if (row_range(ifd, offset, last, &from, &to) == 0 && to > from &&
                read_into(out, rfd, (size_t)(to - from - 1), (off_t)from) == 0)
                n = last - offset;           /* the last row's comma is left out */
            else
                n = -1;
        }
        sql_sbuf_puts(out, "]");
    }
    if (rfd >= 0)
        close(rfd);
    if (ifd >= 0)
        close(ifd);
    return out->oom ? -1 : n;
}

void qrf_remove(const char *id)
{
    static const char *const ext[] = { ".rows", ".idx" };
    char path[sizeof qrf_root + 128];
    struct stat st;
    atomic_fetch_sub(&qrf_used, (long long)qrm_remove(id));
    for (size_t i = 0; i < 2; i++) {
        if (qrf_path(id, ext[i], path, sizeof path) != 0)
            return;
        /* the size given back is what was reserved: every byte written was reserved first */
        if (stat(path, &st) == 0 && unlink(path) == 0)
            atomic_fetch_sub(&qrf_used, (long long)st.st_size);
    }
}
