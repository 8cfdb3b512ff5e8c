/* SPDX-License-Identifier: Apache-2.0 */
/* rockset-local: the local Rockset API server (and its `load` subcommand). */
#include "server/http/auth.h"
#include "server/http/http.h"
#include "server/http/limits.h"
#include "server/store/ingest.h"
#include "server/loader.h"
#include "server/store/store.h"
#include "server/query/query_describe.h"
#include "server/query/query_pool.h"
#include "server/query/query_rowfile.h"
#include "server/query/query_store.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How often expired documents are purged (retention_secs). */
#define SRV_PURGE_INTERVAL_SECS 10

/* --max-result-bytes (else RS_LOCAL_MAX_RESULT_BYTES, else QRF_DEFAULT_MAX_BYTES). */
static long long max_result_bytes;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: rockset-local --data-dir DIR [--bind 127.0.0.1] [--port 3030]"
            " [--api-key KEY] [--threads N]\n"
            "                     [--rate-limit N] [--org-rate-limit N] [--max-body-size BYTES]\n"
            "                     [--max-docs N] [--query-timeout MS] [--max-result-bytes B]\n"
            "       rockset-local load --data-dir DIR WORKSPACE.COLLECTION FILE.json|FILE.jsonl\n");
    if (f != stdout)
        return;
    fprintf(f,
            "\nLimits (0 = none; docs/server.md says where each default comes from):\n"
            "  --rate-limit N       requests per second per API key, 429 above (default 0)\n"
            "  --org-rate-limit N   requests per second of all keys together (default 0)\n"
            "  --max-body-size B    largest request body in bytes, 413 above (default %u)\n"
            "  --max-docs N         documents per add/patch/delete request (default %ld)\n"
            "  --query-timeout MS   timeout of a query without timeout_ms, and the most one may\n"
            "                       ask for (default %lld = 30 min)\n"
            "  --max-result-bytes B the stored rows of paginated and async queries together, in\n"
            "                       DATA_DIR/tmp/results (default %lld = 4 GiB)\n",
            SRV_LIMIT_BODY_DEFAULT, SRV_LIMIT_DOCS_DEFAULT, SRV_LIMIT_QUERY_TIMEOUT_DEFAULT,
            QRF_DEFAULT_MAX_BYTES);
}

static int parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < lo || v > hi)
        return -1;
    *out = (int)v;
    return 0;
}

static int parse_ll(const char *s, long long lo, long long hi, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || end == s || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* A limit option (code >= 'A'); 0 taken, -1 a bad value (printed). */
static int parse_limit(int c, const char *name, const char *v, srv_limits *l)
{
    long long n = 0;
    int bad;
    switch (c) {
    case 'R': bad = parse_ll(v, 0, 1000000, &n); l->rate_per_key = (int)n; break;
    case 'O': bad = parse_ll(v, 0, 1000000, &n); l->rate_per_org = (int)n; break;
    case 'B': bad = parse_ll(v, 1, 1LL << 30, &n); l->max_body = (size_t)n; break;
    case 'D': bad = parse_ll(v, 0, 100000000, &n); l->max_docs = (long)n; break;
    default: bad = parse_ll(v, 0, 9007199254740991LL, &n); l->query_timeout_ms = n; break;
    }
    if (bad)
        fprintf(stderr, "rockset-local: bad --%s %s\n", name, v);
    return bad ? -1 : 0;
}

static int parse_args(int argc, char **argv, srv_config *cfg)
{
    static const struct option opts[] = {
        {"data-dir", required_argument, NULL, 'd'}, {"bind", required_argument, NULL, 'b'},
        {"port", required_argument, NULL, 'p'},     {"api-key", required_argument, NULL, 'k'},
        {"threads", required_argument, NULL, 't'},  {"help", no_argument, NULL, 'h'},
        {"rate-limit", required_argument, NULL, 'R'},
        {"org-rate-limit", required_argument, NULL, 'O'},
        {"max-body-size", required_argument, NULL, 'B'},
        {"max-docs", required_argument, NULL, 'D'},
        {"query-timeout", required_argument, NULL, 'Q'},
        {"max-result-bytes", required_argument, NULL, 'M'},
        {NULL, 0, NULL, 0}};
    int c, idx = 0;
    srv_limits lim;
    srv_limits_defaults(&lim);
    *cfg = (srv_config){.bind = "127.0.0.1", .port = 3030, .threads = 8};
    while ((c = getopt_long(argc, argv, "d:b:p:k:t:h", opts, &idx)) != -1) {
        switch (c) {
        case 'd': cfg->data_dir = optarg; break;
        case 'b': cfg->bind = optarg; break;
        case 'k': cfg->api_key = optarg; break;
        case 'p':
            if (parse_int(optarg, 0, 65535, &cfg->port) != 0) {
                fprintf(stderr, "rockset-local: bad --port %s\n", optarg);
                return -1;
            }
            break;
        case 't':
            if (parse_int(optarg, 1, 256, &cfg->threads) != 0) {
                fprintf(stderr, "rockset-local: bad --threads %s\n", optarg);
                return -1;
            }
            break;
        case 'h': usage(stdout); exit(0);
        case 'M':
            if (parse_ll(optarg, 1, 1LL << 50, &max_result_bytes) != 0) {
                fprintf(stderr, "rockset-local: bad --max-result-bytes %s\n", optarg);
                return -1;
            }
            break;
        case 'R': case 'O': case 'B': case 'D': case 'Q':
            if (parse_limit(c, opts[idx].name, optarg, &lim) != 0)
                return -1;
            break;
        default: return -1;
        }
    }
    if (!cfg->data_dir || optind != argc) {
        usage(stderr);
        return -1;
    }
    if (cfg->api_key && (strlen(cfg->api_key) < 8 || strlen(cfg->api_key) > SRV_KEY_LEN ||
                         strspn(cfg->api_key, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRST"
                                              "UVWXYZ0123456789-_.") != strlen(cfg->api_key))) {
        fprintf(stderr, "rockset-local: --api-key must be 8 to 64 letters, digits, - _ or .\n");
        return -1;
    }
    srv_limits_set(&lim);
    return 0;
}

static void register_all(void)
{
    srv_handlers_orgs_register();
    srv_handlers_users_register();
    srv_handlers_apikeys_register();
    srv_handlers_workspaces_register();
    srv_handlers_collections_register();
    srv_handlers_documents_register();
    srv_handlers_integrations_register();
    srv_handlers_queries_register();
    srv_handlers_lambdas_register();
}

/* Waits for SIGTERM/SIGINT (blocked in every thread, so only this loop sees them),
 * purging expired documents between waits. */
static void serve_until_signal(const sigset_t *set)
{
    sqlite3 *db = srv_store_open();
    for (;;) {
        struct timespec ts = {SRV_PURGE_INTERVAL_SECS, 0};
        int sig = sigtimedwait(set, NULL, &ts);
        if (sig == SIGTERM || sig == SIGINT)
            break;
        if (sig < 0 && errno == EAGAIN && db) {
            srv_ingest_purge_all(db);
            /* expired results go even when no paginated query comes to remove them */
            qs_expire(db);
        }
    }
    sqlite3_close(db);
}

static long long result_bytes_setting(void)
{
    const char *e = getenv("RS_LOCAL_MAX_RESULT_BYTES");
    long long v = 0;
    if (max_result_bytes > 0)
        return max_result_bytes;
    if (e && parse_ll(e, 1, 1LL << 50, &v) != 0)
        fprintf(stderr, "rockset-local: RS_LOCAL_MAX_RESULT_BYTES=%s ignored\n", e);
    return v;
}

static int run_server(const srv_config *cfg)
{
    sigset_t set;
    int port = 0;
    if (srv_store_init(cfg->data_dir) != 0)
        return 1;
    sqlite3 *db = srv_store_open();
    if (!db)
        return 1;
    int rc = srv_query_schema_init(db) != 0 || srv_auth_bootstrap(db, cfg->api_key) != 0;
    sqlite3_close(db);
    if (rc || qrf_init(cfg->data_dir, result_bytes_setting()) != 0)
        return 1;
    /* a connection for each request thread and a few for fills and streamed answers */
    qp_init(cfg->threads + 8);
    register_all();
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (srv_http_start(cfg, &port) != 0)
        return 1;
    printf("rockset-local listening on http://%s:%d\n", cfg->bind, port);
    fflush(stdout);
    serve_until_signal(&set);
    srv_http_stop();
    qp_close_all();
    qd_describe_cache_free();
    return 0;
}

int main(int argc, char **argv)
{
    srv_config cfg;
    if (argc > 1 && strcmp(argv[1], "load") == 0)
        return srv_loader_main(argc - 1, argv + 1);
    if (parse_args(argc, argv, &cfg) != 0)
        return 2;
    return run_server(&cfg);
}
