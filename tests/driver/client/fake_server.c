/* SPDX-License-Identifier: Apache-2.0 */
/* Scripted HTTP server for the client tests (see fake_server.h). Each connection is served
 * by a thread of its own (a row source reads its pages on a second connection while the
 * first stays open); requests take the scripted answers in the order they arrive; an
 * unscripted request gets a 500. */
#include "tests/driver/client/fake_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#define FS_MAX 64

struct fake_server {
    int lfd;
    char url[64];
    pthread_t th;
    pthread_mutex_t mu;
    atomic_int stop; /* read by every connection thread */
    fs_resp script[FS_MAX];
    int nscript, next;
    char *reqs[FS_MAX];
    int nreqs, nconns;
    fs_handler handler;
    void *handler_ud;
    pthread_t conn_th[FS_MAX];
    int nconn_th;
};

typedef struct fs_conn {
    fake_server *fs;
    int fd;
} fs_conn;

static char *fs_dup(const char *s) { return s ? strdup(s) : NULL; }

void fs_push(fake_server *fs, const fs_resp *r)
{
    pthread_mutex_lock(&fs->mu);
    if (fs->nscript < FS_MAX) {
        fs_resp *c = &fs->script[fs->nscript++];
        *c = *r;
        c->headers = fs_dup(r->headers);
        c->body = fs_dup(r->body);
    }
    pthread_mutex_unlock(&fs->mu);
}

int fs_nrequests(fake_server *fs)
{
    int n;

    pthread_mutex_lock(&fs->mu);
    n = fs->nreqs;
    pthread_mutex_unlock(&fs->mu);
    return n;
}

const char *fs_request(fake_server *fs, int i)
{
    const char *r;

    pthread_mutex_lock(&fs->mu);
    r = i < fs->nreqs ? fs->reqs[i] : "";
    pthread_mutex_unlock(&fs->mu);
    return r;
}

void fs_set_handler(fake_server *fs, fs_handler h, void *ud)
{
    pthread_mutex_lock(&fs->mu);
    fs->handler = h;
    fs->handler_ud = ud;
    pthread_mutex_unlock(&fs->mu);
}

int fs_nconnections(fake_server *fs)
{
    int n;

    pthread_mutex_lock(&fs->mu);
    n = fs->nconns;
    pthread_mutex_unlock(&fs->mu);
    return n;
}

const char *fs_url(const fake_server *fs) { return fs->url; }

static int fs_send(int fd, const void *p, size_t n)
{
    const char *c = p;

    while (n > 0) {
        ssize_t w = send(fd, c, n, MSG_NOSIGNAL);
        if (w <= 0)
            return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Reads one request (headers + Content-Length body); returns malloc'ed text or NULL. */
static char *fs_read_request(fake_server *fs, int fd)
{
    size_t cap = 65536, len = 0, body = 0, hdr_end = 0;
    char *buf = malloc(cap + 1);

    while (buf) {
        struct pollfd p = { fd, POLLIN, 0 };
        ssize_t r;
        if (hdr_end && len >= hdr_end + body)
            return buf;
        if (fs->stop || poll(&p, 1, 100) < 0)
            break;
        if (!(p.revents & (POLLIN | POLLHUP)))
            continue;
        if (len == cap) {
            char *n = realloc(buf, cap * 2 + 1);
            if (!n)
                break;
            buf = n;
            cap *= 2;
        }
        r = recv(fd, buf + len, cap - len, 0);
        if (r <= 0)
            break;
        len += (size_t)r;
        buf[len] = '\0';
        if (buf[0] == 0x16) /* a TLS ClientHello: answered as plain HTTP by the caller */
            return buf;
        if (!hdr_end) {
            char *e = strstr(buf, "\r\n\r\n"), *cl = strcasestr(buf, "\r\ncontent-length:");
            if (e) {
                hdr_end = (size_t)(e - buf) + 4;
                body = cl && cl < e ? strtoul(cl + 17, NULL, 10) : 0;
            }
        }
    }
    free(buf);
    return NULL;
}

static char *fs_gzip(const char *in, size_t n, size_t *outlen)
{
    z_stream z;
    size_t cap = compressBound(n) + 64;
    char *out = malloc(cap);

    memset(&z, 0, sizeof z);
    if (!out || deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(out);
        return NULL;
    }
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)out;
    z.avail_out = (uInt)cap;
    deflate(&z, Z_FINISH);
    *outlen = z.total_out;
    deflateEnd(&z);
    return out;
}

/* Waits delay_ms, or less when the client hangs up. */
static void fs_delay(fake_server *fs, int fd, int ms)
{
    while (ms > 0 && !fs->stop) {
        struct pollfd p = { fd, POLLIN, 0 };
        char c;
        if (poll(&p, 1, ms < 50 ? ms : 50) > 0 && recv(fd, &c, 1, MSG_PEEK) <= 0)
            return;
        ms -= 50;
    }
}

/* Answers one request; returns 0 to keep the connection, -1 to close it. */
static int fs_answer(fake_server *fs, int fd, const fs_resp *r)
{
    char head[1024];
    size_t blen = r->body ? strlen(r->body) : 0, i;
    char *gz = NULL;
    const char *body = r->body;
    int rc = 0;

    if (r->action == FS_DROP)
        return -1;
    if (r->action == FS_STALL) {
        fs_delay(fs, fd, 24 * 3600 * 1000);
        return -1;
    }
    if (r->action == FS_RESET) {
        struct linger l = { 1, 0 }; /* close() then sends RST, not FIN */
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        return -1;
    }
    fs_delay(fs, fd, r->delay_ms);
    if (r->gzip && (gz = fs_gzip(body, blen, &blen)) != NULL)
        body = gz;
    snprintf(head, sizeof head, "HTTP/1.1 %d X\r\nContent-Type: application/json\r\n%s%s",
             r->status, r->gzip ? "Content-Encoding: gzip\r\n" : "", r->headers ? r->headers : "");
    if (r->chunk)
        strcat(head, "Transfer-Encoding: chunked\r\n\r\n");
    else
        snprintf(head + strlen(head), sizeof head - strlen(head), "Content-Length: %zu\r\n\r\n",
                 blen);
    if (fs_send(fd, head, strlen(head)) != 0)
        rc = -1;
    else if (r->action == FS_TRUNCATE) {
        fs_send(fd, body, blen / 2);
        rc = -1;
    } else if (r->chunk) {
        for (i = 0; i < blen && rc == 0; i += r->chunk) {
            size_t n = blen - i < r->chunk ? blen - i : r->chunk;
            snprintf(head, sizeof head, "%zx\r\n", n);
            rc = fs_send(fd, head, strlen(head)) || fs_send(fd, body + i, n) ||
                 fs_send(fd, "\r\n", 2) ? -1 : 0;
        }
        if (rc == 0)
            rc = fs_send(fd, "0\r\n\r\n", 5);
    } else if (blen) {
        rc = fs_send(fd, body, blen);
    }
    free(gz);
    return rc;
}

static void fs_serve_conn(fake_server *fs, int fd)
{
    for (;;) {
        char *req = fs_read_request(fs, fd);
        fs_resp r = { 500, NULL, "{\"message\":\"unscripted request\",\"type\":\"INTERNALERROR\"}",
                      FS_NORMAL, 0, 0, 0 };
        if (!req)
            return;
        if (req[0] == 0x16) {
            fs_send(fd, "HTTP/1.1 400 Bad Request\r\n\r\n", 28);
            free(req);
            return;
        }
        char *computed = NULL;
        fs_handler h = NULL;
        void *hud = NULL;
        int scripted = 0;
        pthread_mutex_lock(&fs->mu);
        if (fs->next < fs->nscript) {
            r = fs->script[fs->next++];
            scripted = 1;
        }
        h = fs->handler;
        hud = fs->handler_ud;
        pthread_mutex_unlock(&fs->mu);
        if (!scripted && h) {
            int status = 200;
            if ((computed = h(req, &status, hud)) != NULL) {
                r.status = status;
                r.body = computed;
            }
        }
        pthread_mutex_lock(&fs->mu);
        if (fs->nreqs < FS_MAX)
            fs->reqs[fs->nreqs++] = req;
        else
            free(req);
        pthread_mutex_unlock(&fs->mu);
        int rc = fs_answer(fs, fd, &r);
        free(computed);
        if (rc != 0)
            return;
    }
}

static void *fs_conn_main(void *ud)
{
    fs_conn *c = ud;

    fs_serve_conn(c->fs, c->fd);
    close(c->fd);
    free(c);
    return NULL;
}

static void *fs_main(void *ud)
{
    fake_server *fs = ud;

    while (!fs->stop) {
        struct pollfd p = { fs->lfd, POLLIN, 0 };
        int fd;
        if (poll(&p, 1, 100) <= 0)
            continue;
        fd = accept(fs->lfd, NULL, NULL);
        if (fd < 0)
            continue;
        /* an answer goes out as headers then body: without this, Nagle holds the body until
         * the client's delayed ACK, 40 ms per request on a keep-alive connection */
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fs_conn *c = malloc(sizeof *c);
        pthread_mutex_lock(&fs->mu);
        fs->nconns++;
        if (c && fs->nconn_th < FS_MAX) {
            c->fs = fs;
            c->fd = fd;
            if (pthread_create(&fs->conn_th[fs->nconn_th], NULL, fs_conn_main, c) == 0) {
                fs->nconn_th++;
                c = NULL;
                fd = -1;
            }
        }
        pthread_mutex_unlock(&fs->mu);
        free(c);
        if (fd >= 0)
            close(fd);
    }
    for (int i = 0; i < fs->nconn_th; i++)
        pthread_join(fs->conn_th[i], NULL);
    return NULL;
}

fake_server *fs_start(void)
{
    fake_server *fs = calloc(1, sizeof *fs);
    struct sockaddr_in a;
    socklen_t alen = sizeof a;
    int one = 1;

    if (!fs)
        return NULL;
    pthread_mutex_init(&fs->mu, NULL);
    fs->lfd = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(fs->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fs->lfd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fs->lfd, 8) != 0 ||
        getsockname(fs->lfd, (struct sockaddr *)&a, &alen) != 0) {
        close(fs->lfd);
        free(fs);
        return NULL;
    }
    snprintf(fs->url, sizeof fs->url, "http://127.0.0.1:%d", ntohs(a.sin_port));
    pthread_create(&fs->th, NULL, fs_main, fs);
    return fs;
}

void fs_stop(fake_server *fs)
{
    int i;

    if (!fs)
        return;
    fs->stop = 1;
    pthread_join(fs->th, NULL);
    close(fs->lfd);
    for (i = 0; i < fs->nscript; i++) {
        free((char *)fs->script[i].headers);
        free((char *)fs->script[i].body);
    }
    for (i = 0; i < fs->nreqs; i++)
        free(fs->reqs[i]);
    pthread_mutex_destroy(&fs->mu);
    free(fs);
}
