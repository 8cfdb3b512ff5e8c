/* SPDX-License-Identifier: Apache-2.0 */
/* Pattern routing with "{}" (one decoded segment) and a final "{*}" (the decoded rest). */
#include "server/http/router.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SRV_MAX_ROUTES 160
#define SRV_MAX_SEGS 16

typedef struct route {
    char method[8];
    char *pattern;
    srv_handler fn;
} route;

static route routes[SRV_MAX_ROUTES];
static size_t nroutes;

void srv_route_add(const char *method, const char *pattern, srv_handler fn)
{
    if (nroutes == SRV_MAX_ROUTES) {
        /* A programming error at startup: fail loudly rather than serve a partial API. */
        fprintf(stderr, "rockset-local: route table full at %s %s\n", method, pattern);
        abort();
    }
    snprintf(routes[nroutes].method, sizeof routes[nroutes].method, "%s", method);
    routes[nroutes].pattern = strdup(pattern);
    routes[nroutes].fn = fn;
    nroutes++;
}

void srv_router_reset(void)
{
    for (size_t i = 0; i < nroutes; i++)
        free(routes[i].pattern);
    nroutes = 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *srv_percent_decode(const char *in, size_t len)
{
    char *out = malloc(len + 1);
    size_t o = 0;
    if (!out)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        if (in[i] != '%') {
            out[o++] = in[i];
            continue;
        }
        int hi = i + 1 < len ? hexval(in[i + 1]) : -1;
        int lo = i + 2 < len ? hexval(in[i + 2]) : -1;
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
            free(out);
            return NULL;
        }
        out[o++] = (char)(hi * 16 + lo);
        i += 2;
    }
    out[o] = '\0';
    return out;
}

/* A decoded segment that still holds a valid %XX escape was encoded twice. Some layer (a
 * proxy, a client library, the old router) may decode it once more, and then one request
 * names two things: refused rather than guessed. A lone '%' is plain text. */
static int still_escaped(const char *s)
{
    for (; (s = strchr(s, '%')) != NULL; s++)
        if (hexval(s[1]) >= 0 && hexval(s[2]) >= 0)
            return 1;
    return 0;
}

/* Decodes one capture into caps; 0 ok, -1 bad encoding, -2 double-encoded. */
static int capture(const char *seg, size_t len, char **caps, size_t *ncaps)
{
    char *v = srv_percent_decode(seg, len);
    if (!v)
        return -1;
    caps[(*ncaps)++] = v;
    return still_escaped(v) ? -2 : 0;
}

/* Splits a raw path into segment (start, length) pairs; a trailing slash is ignored. */
static int split(const char *path, const char **seg, size_t *len, int max)
{
    int n = 0;
    const char *p = path;
    if (*p != '/')
        return -1;
    p++;
    if (*p == '\0')
        return 0;
    for (;;) {
        const char *e = strchr(p, '/');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (n == max)
            return -1;
        seg[n] = p;
        len[n] = l;
        n++;
        if (!e || e[1] == '\0')
            break;
        p = e + 1;
    }
    return n;
}

/* 1 when the path matches the pattern; fills decoded captures. -1 on bad encoding, -2 on a
 * double-encoded capture. */
static int match_one(const char *pattern, const char **seg, const size_t *len, int nseg,
                     char **caps, size_t *ncaps)
{
    const char *pseg[SRV_MAX_SEGS];
    size_t plen[SRV_MAX_SEGS];
    int np = split(pattern, pseg, plen, SRV_MAX_SEGS);
    *ncaps = 0;
    for (int i = 0; i < np; i++) {
        if (plen[i] == 3 && memcmp(pseg[i], "{*}", 3) == 0 && i == np - 1) {
            if (i >= nseg)
                return 0;
            /* The rest of the raw path, slashes included, decoded once. */
            const char *end = seg[nseg - 1] + len[nseg - 1];
            int rc = capture(seg[i], (size_t)(end - seg[i]), caps, ncaps);
            return rc ? rc : 1;
        }
        if (i >= nseg)
            return 0;
        if (plen[i] == 2 && memcmp(pseg[i], "{}", 2) == 0) {
            if (len[i] == 0)
                return 0;
            int rc = capture(seg[i], len[i], caps, ncaps);
            if (rc)
                return rc;
            continue;
        }
        if (plen[i] != len[i] || memcmp(pseg[i], seg[i], len[i]) != 0)
            return 0;
    }
    return np == nseg;
}

srv_match srv_router_match(const char *method, const char *path, srv_handler *fn,
                           char ***params, size_t *nparams)
{
    const char *seg[SRV_MAX_SEGS];
    size_t len[SRV_MAX_SEGS];
    int nseg = split(path, seg, len, SRV_MAX_SEGS);
    int other_method = 0;
    *params = NULL;
    *nparams = 0;
    if (nseg < 0)
        return SRV_MATCH_NOT_FOUND;
    for (size_t r = 0; r < nroutes; r++) {
        char *caps[SRV_MAX_SEGS];
        size_t ncaps = 0;
        int m = match_one(routes[r].pattern, seg, len, nseg, caps, &ncaps);
        if (m == 1 && strcmp(routes[r].method, method) == 0) {
            *params = calloc(ncaps + 1, sizeof(char *));
            if (*params)
                memcpy(*params, caps, ncaps * sizeof(char *));
            *nparams = ncaps;
            *fn = routes[r].fn;
            return *params ? SRV_MATCH_OK : SRV_MATCH_NOT_FOUND;
        }
        for (size_t i = 0; i < ncaps; i++)
            free(caps[i]);
        if (m < 0)
            return m == -2 ? SRV_MATCH_DOUBLE_ENCODED : SRV_MATCH_BAD_PATH;
        if (m == 1)
            other_method = 1;
    }
    return other_method ? SRV_MATCH_BAD_METHOD : SRV_MATCH_NOT_FOUND;
}

void srv_router_free_params(char **params, size_t nparams)
{
    if (!params)
        return;
    for (size_t i = 0; i < nparams; i++)
        free(params[i]);
    free(params);
}
