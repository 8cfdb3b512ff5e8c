/* SPDX-License-Identifier: Apache-2.0 */
/* The replay server of bench/perf.sh: answers the driver's requests with bytes captured from
 * rockset-local, so a fetch benchmark measures the client alone (the server's cost of producing
 * each page is gone, only its bytes stay).
 *
 *   bench/replay -d DIR -u URL   capture: forward every request to URL (rockset-local), answer
 *                                with its answer and keep the first answer for each request in DIR
 *   bench/replay -d DIR          replay: answer each request kept in DIR with the same bytes
 *
 * A request is keyed by method, path, query string (as sent, still escaped) and body, so the
 * driver's own requests are what is captured: whatever it asks on connect, the query's POST, and
 * one GET per page with the cursor of the previous answer. Answers are files in DIR, mmapped and
 * handed to libmicrohttpd without a copy. Prints "listening on http://127.0.0.1:PORT". */
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define RP_MAX_BODY (1u << 20)

typedef struct rp_entry {
    char *key;           /* "METHOD URL\nBODY" */
    unsigned status;
    const char *body;    /* mmapped answer */
    size_t len;
    struct rp_entry *next;
} rp_entry;

typedef struct {
    const char *dir;
    const char *upstream; /* capture mode when set */
    rp_entry *buckets[4096];
    unsigned count;
    pthread_mutex_t lock; /* capture mode only: entries are added while serving */
} rp_store;

typedef struct {
    char *body;
    size_t len, cap;
    int too_big;
} rp_upload;

static rp_store rp;

static unsigned rp_hash(const char *s)
{
    unsigned h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h & 4095u;
}

static rp_entry *rp_find(const char *key)
{
    for (rp_entry *e = rp.buckets[rp_hash(key)]; e; e = e->next)
        if (strcmp(e->key, key) == 0)
            return e;
    return NULL;
}

/* Maps DIR/NNNNNN.body; an empty answer maps nothing (mmap refuses length 0). */
static int rp_map(const char *path, const char **body, size_t *len)
{
    struct stat st;
    int fd = open(path, O_RDONLY);

    if (fd < 0 || fstat(fd, &st) != 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    *len = (size_t)st.st_size;
    *body = "";
    if (*len > 0) {
        void *p = mmap(NULL, *len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (p == MAP_FAILED) {
            close(fd);
            return -1;
        }
        *body = p;
    }
    close(fd);
    return 0;
}

static char *rp_read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *s = NULL;
    size_t len = 0;

    if (!f)
        return NULL;
    FILE *m = open_memstream(&s, &len);
    int c;
    while ((c = getc(f)) != EOF)
        putc(c, m);
    fclose(m);
    fclose(f);
    return s;
}

static void rp_add(char *key, unsigned status, const char *body, size_t len)
{
    rp_entry *e = calloc(1, sizeof *e);
    unsigned h = rp_hash(key);

    if (!e)
        abort();
    e->key = key;
    e->status = status;
    e->body = body;
    e->len = len;
    e->next = rp.buckets[h];
    rp.buckets[h] = e;
    rp.count++;
}

/* Loads DIR/000000.key/.status/.body, 000001..., until one is missing. */
static void rp_load(void)
{
    char path[4096];

    for (unsigned i = 0;; i++) {
        snprintf(path, sizeof path, "%s/%06u.key", rp.dir, i);
        char *key = rp_read_all(path);
        if (!key)
            break;
        snprintf(path, sizeof path, "%s/%06u.status", rp.dir, i);
        char *st = rp_read_all(path);
        const char *body;
        size_t len;
        snprintf(path, sizeof path, "%s/%06u.body", rp.dir, i);
        if (!st || rp_map(path, &body, &len) != 0) {
            fprintf(stderr, "replay: %s unreadable\n", path);
            exit(1);
        }
        if (!rp_find(key))
            rp_add(key, (unsigned)atoi(st), body, len);
        else
            free(key);
        free(st);
    }
}

static int rp_write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t w = fwrite(data, 1, len, f);
    return (fclose(f) == 0 && w == len) ? 0 : -1;
}

static size_t rp_to_file(char *p, size_t size, size_t n, void *ud)
{
    return fwrite(p, size, n, ud);
}

/* Capture: forwards the request to the upstream, keeps its answer as entry number rp.count. */
static rp_entry *rp_capture(struct MHD_Connection *conn, const char *method, const char *url,
                            const rp_upload *up, char *key)
{
    char path[4096], full[8192], status_text[16];
    const char *auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
    struct curl_slist *hdr = NULL;
    long status = 0;
    unsigned n = rp.count;
    CURL *c = curl_easy_init();

    snprintf(path, sizeof path, "%s/%06u.body", rp.dir, n);
    FILE *f = fopen(path, "wb");
    if (!c || !f)
        abort();
    snprintf(full, sizeof full, "%s%s", rp.upstream, url);
    if (auth) {
        char h[1024];
        snprintf(h, sizeof h, "Authorization: %s", auth);
        hdr = curl_slist_append(hdr, h);
    }
    hdr = curl_slist_append(hdr, "Content-Type: application/json");
    hdr = curl_slist_append(hdr, "Expect:");
    curl_easy_setopt(c, CURLOPT_URL, full);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
    if (up->len > 0 || strcmp(method, "POST") == 0) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, up->body ? up->body : "");
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)up->len);
    }
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, rp_to_file);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, f);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(hdr);
    curl_easy_cleanup(c);
    if (fclose(f) != 0 || rc != CURLE_OK) {
        fprintf(stderr, "replay: capture of %s %s failed: %s\n", method, url,
                curl_easy_strerror(rc));
        return NULL;
    }
    const char *body;
    size_t len;
    snprintf(status_text, sizeof status_text, "%ld", status);
    snprintf(full, sizeof full, "%s/%06u.status", rp.dir, n);
    if (rp_map(path, &body, &len) != 0 || rp_write_file(full, status_text, strlen(status_text)))
        return NULL;
    /* the key last: a capture is complete once its .key exists (rp_load stops at a gap) */
    snprintf(full, sizeof full, "%s/%06u.key", rp.dir, n);
    if (rp_write_file(full, key, strlen(key)) != 0)
        return NULL;
    rp_add(key, (unsigned)status, body, len);
    return rp_find(key);
}

/* The query string as the client sent it: MHD hands the arguments out one by one, in order,
 * still escaped (see rp_keep_escaped). */
static enum MHD_Result rp_arg(void *ud, enum MHD_ValueKind kind, const char *k, const char *v)
{
    FILE *m = ud;
    (void)kind;
    fprintf(m, "%s%s%s%s", ftell(m) == 0 ? "?" : "&", k, v ? "=" : "", v ? v : "");
    return MHD_YES;
}

static char *rp_url(struct MHD_Connection *conn, const char *path)
{
    char *q = NULL, *url = NULL;
    size_t qlen = 0;
    FILE *m = open_memstream(&q, &qlen);

    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, rp_arg, m);
    fclose(m);
    if (asprintf(&url, "%s%s", path, q) < 0)
        abort();
    free(q);
    return url;
}

static enum MHD_Result rp_answer(struct MHD_Connection *conn, unsigned status, const char *body,
                                 size_t len)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, "Content-Type", "application/json");
    enum MHD_Result ret = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result rp_request(void *cls, struct MHD_Connection *conn, const char *path,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    rp_upload *up = *con_cls;
    (void)cls, (void)version;

    if (!up) {
        *con_cls = up = calloc(1, sizeof *up);
        return up ? MHD_YES : MHD_NO;
    }
    if (*upload_size) {
        if (up->len + *upload_size > RP_MAX_BODY)
            up->too_big = 1;
        else {
            if (up->len + *upload_size + 1 > up->cap) {
                up->cap = (up->len + *upload_size + 1) * 2;
                up->body = realloc(up->body, up->cap);
                if (!up->body)
                    abort();
            }
            memcpy(up->body + up->len, upload_data, *upload_size);
            up->len += *upload_size;
            up->body[up->len] = 0;
        }
        *upload_size = 0;
        return MHD_YES;
    }
    char *url = rp_url(conn, path), *key = NULL;
    if (asprintf(&key, "%s %s\n%s", method, url, up->body ? up->body : "") < 0)
        abort();
    rp_entry *e;
    if (rp.upstream) {
        pthread_mutex_lock(&rp.lock);
        e = rp_find(key);
        if (!e)
            e = rp_capture(conn, method, url, up, key);
        else
            free(key);
        pthread_mutex_unlock(&rp.lock);
    } else {
        e = rp_find(key);
        if (!e)
            fprintf(stderr, "replay: nothing captured for %s\n", key);
        free(key);
    }
    free(url);
    if (!e || up->too_big) {
        static const char miss[] = "{\"message\":\"replay: no captured answer\","
                                   "\"type\":\"NotFound\"}";
        return rp_answer(conn, 404, miss, sizeof miss - 1);
    }
    return rp_answer(conn, e->status, e->body, e->len);
}

static void rp_done(void *cls, struct MHD_Connection *conn, void **con_cls,
                    enum MHD_RequestTerminationCode toe)
{
    rp_upload *up = *con_cls;
    (void)cls, (void)conn, (void)toe;
    if (up) {
        free(up->body);
        free(up);
    }
    *con_cls = NULL;
}

/* Keeps %XX escapes as sent: the key and the forwarded URL must be the client's bytes. */
static size_t rp_keep_escaped(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls, (void)c;
    return strlen(s);
}

int main(int argc, char **argv)
{
    int opt, port = 0;
    sigset_t set;

    while ((opt = getopt(argc, argv, "d:u:p:")) != -1) {
        if (opt == 'd')
            rp.dir = optarg;
        else if (opt == 'u')
            rp.upstream = optarg;
        else if (opt == 'p')
            port = atoi(optarg);
        else
            break;
    }
    if (!rp.dir) {
        fprintf(stderr, "usage: %s -d DIR [-u UPSTREAM-URL] [-p PORT]\n", argv[0]);
        return 2;
    }
    if (mkdir(rp.dir, 0755) != 0 && errno != EEXIST) {
        perror(rp.dir);
        return 1;
    }
    pthread_mutex_init(&rp.lock, NULL);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    rp_load();
    /* blocked before the daemon's threads exist, so only sigwait below takes them */
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    /* one thread per connection: a capture blocks on the upstream; the replay's clients are
     * one connection each anyway */
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG,
        (uint16_t)port, NULL, NULL, rp_request, NULL, MHD_OPTION_NOTIFY_COMPLETED, rp_done, NULL,
        MHD_OPTION_UNESCAPE_CALLBACK, rp_keep_escaped, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)300, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "replay: cannot listen\n");
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    printf("replay: %u answers from %s; listening on http://127.0.0.1:%u\n", rp.count, rp.dir,
           info ? info->port : 0);
    fflush(stdout);
    int sig;
    sigwait(&set, &sig);
    MHD_stop_daemon(d);
    curl_global_cleanup();
    return 0;
}
