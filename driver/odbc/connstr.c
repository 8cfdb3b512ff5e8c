/* SPDX-License-Identifier: Apache-2.0 */
#include "driver/odbc/connstr.h"
#include "driver/odbc/keywords.h"

#include <errno.h>
#include <odbcinst.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *canonical(const char *key)
{
    const rs_keyword *kw = rs_keyword_find(key);

    return kw ? kw->name : key;
}

const char *rs_connstr_get(const rs_connstr *cs, const char *key)
{
    const char *want = canonical(key);

    for (size_t i = 0; i < cs->n; i++)
        if (strcasecmp(cs->items[i].key, want) == 0)
            return cs->items[i].value;
    return NULL;
}

static int add(rs_connstr *cs, const char *key, size_t klen, const char *val, size_t vlen)
{
    rs_kv *kv;

    if (cs->n == cs->cap) {
        size_t ncap = cs->cap ? cs->cap * 2 : 16;
        rs_kv *n = realloc(cs->items, ncap * sizeof *n);
        if (!n)
            return -1;
        cs->items = n;
        cs->cap = ncap;
    }
    kv = &cs->items[cs->n];
    kv->key = strndup(key, klen);
    kv->value = strndup(val, vlen);
    kv->written = NULL;
    if (!kv->key || !kv->value) {
        free(kv->key);
        free(kv->value);
        return -1;
    }
    {
        const char *c = canonical(kv->key);
        if (c != kv->key) {
            char *n = strdup(c);
            if (n) {
                if (strcmp(n, kv->key) != 0)
                    kv->written = kv->key;
                else
                    free(kv->key);
                kv->key = n;
            }
        }
    }
    cs->n++;
    return 0;
}

int rs_connstr_set(rs_connstr *cs, const char *key, const char *value)
{
    const char *want = canonical(key);

    for (size_t i = 0; i < cs->n; i++) {
        if (strcasecmp(cs->items[i].key, want) == 0) {
            char *v = strdup(value);
            if (!v)
                return -1;
            free(cs->items[i].value);
            cs->items[i].value = v;
            return 0;
        }
    }
    return add(cs, want, strlen(want), value, strlen(value));
}

/* A {braced} value starting at s[*i] == '{' ('}}' stands for '}'); *i moves past it and
 * up to the next ';'. NULL when the brace is not closed (or no memory). */
static char *braced_value(const char *s, size_t n, size_t *pi, size_t *vlen)
{
    size_t i = *pi + 1;
    char *val = malloc(n - *pi + 1);

    *vlen = 0;
    if (!val)
        return NULL;
    for (;;) {
        if (i >= n) {
            free(val);
            return NULL;
        }
        if (s[i] == '}') {
            if (i + 1 < n && s[i + 1] == '}') {
                val[(*vlen)++] = '}';
                i += 2;
                continue;
            }
            i++;
            break;
        }
        val[(*vlen)++] = s[i++];
    }
    while (i < n && s[i] != ';')
        i++;
    *pi = i;
    return val;
}

int rs_connstr_parse(const char *s, long len, rs_connstr *out, char *err, size_t errlen)
{
    size_t n = len < 0 ? strlen(s) : (size_t)len, i = 0;

    while (n > 0 && s[n - 1] == 0)
        n--;
    while (i < n) {
        size_t ks, ke, vs, ve;
        char *val = NULL;
        size_t vlen = 0;

        while (i < n && (s[i] == ';' || s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i >= n)
            break;
        ks = i;
        while (i < n && s[i] != '=' && s[i] != ';')
            i++;
        ke = i;
        while (ke > ks && (s[ke - 1] == ' ' || s[ke - 1] == '\t'))
            ke--;
        if (i >= n || s[i] != '=') {
            snprintf(err, errlen, "connection string: keyword '%.*s' has no value",
                     (int)(ke - ks), s + ks);
            return -1;
        }
        i++;
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i < n && s[i] == '{') {
            val = braced_value(s, n, &i, &vlen);
            if (!val) {
                snprintf(err, errlen, "connection string: unterminated '{' in the value of '%.*s'",
                         (int)(ke - ks), s + ks);
                return -1;
            }
        } else {
            vs = i;
            while (i < n && s[i] != ';')
                i++;
            ve = i;
            while (ve > vs && (s[ve - 1] == ' ' || s[ve - 1] == '\t'))
                ve--;
            val = strndup(s + vs, ve - vs);
            if (!val)
                return -1;
            vlen = ve - vs;
        }
        {
            char *key = strndup(s + ks, ke - ks);
            int rc = 0;
            if (!key) {
                free(val);
                return -1;
            }
            if (!rs_connstr_get(out, key))
                rc = add(out, key, strlen(key), val, vlen);
            free(key);
            free(val);
            if (rc)
                return -1;
        }
    }
    return 0;
}

void rs_connstr_add_dsn(rs_connstr *cs, const char *dsn)
{
    size_t count = 0;
    const rs_keyword *kws = rs_keywords(&count);
    char buf[4096];

    for (size_t i = 0; i < count; i++) {
        const char *names[2] = {kws[i].name, kws[i].alias};
        /* the DSN names the driver: a Driver key would make the out string ambiguous */
        if (strcasecmp(kws[i].name, "DSN") == 0 || strcasecmp(kws[i].name, "Driver") == 0 ||
            rs_connstr_get(cs, kws[i].name))
            continue;
        for (int j = 0; j < 2; j++) {
            int got;
            if (!names[j])
                continue;
            buf[0] = 0;
            got = SQLGetPrivateProfileString(dsn, names[j], "", buf, sizeof buf, "odbc.ini");
            if (got > 0 && buf[0]) {
                rs_connstr_set(cs, kws[i].name, buf);
                break;
            }
        }
    }
}

static int needs_braces(const char *v)
{
    /* the parser trims blanks (spaces and tabs) around a value that has no braces */
    size_t n = strlen(v);
    return strpbrk(v, ";{}=") != NULL || (n && (strchr(" \t", v[0]) || strchr(" \t", v[n - 1])));
}

/* The keyword an item is written back under, NULL for the API key. The completed connection
 * string is what driver managers print in their traces (unixODBC's "Connection Out [...]" is
 * not masked, only cut short) and what applications save with a connection, so it leaves the
 * key out, as drivers for password-protected servers do with PWD: an application that
 * reconnects with it gives the key again, or names a DSN that holds it (docs/security.md). */
static const char *out_keyword(const rs_kv *kv)
{
    if (strcmp(kv->key, "ApiKey") == 0)
        return NULL;
    return kv->written ? kv->written : kv->key;
}

char *rs_connstr_build(const rs_connstr *cs)
{
    size_t cap = 1;
    char *out, *p;
    int first = 1;

    for (size_t i = 0; i < cs->n; i++)
        if (out_keyword(&cs->items[i]))
            cap += strlen(out_keyword(&cs->items[i])) + 2 * strlen(cs->items[i].value) + 4;
    out = p = malloc(cap);
    if (!out)
        return NULL;
    for (size_t i = 0; i < cs->n; i++) {
        const char *v = cs->items[i].value;
        if (!out_keyword(&cs->items[i]))
            continue;
        p += sprintf(p, "%s%s=", first ? "" : ";", out_keyword(&cs->items[i]));
        first = 0;
        if (needs_braces(v)) {
            *p++ = '{';
            for (; *v; v++) {
                *p++ = *v;
                if (*v == '}')
                    *p++ = '}';
            }
            *p++ = '}';
        } else {
            p += sprintf(p, "%s", v);
        }
    }
    *p = 0;
    return out;
}

void rs_connstr_free(rs_connstr *cs)
{
    for (size_t i = 0; i < cs->n; i++) {
        free(cs->items[i].key);
        free(cs->items[i].value);
        free(cs->items[i].written);
    }
    free(cs->items);
    memset(cs, 0, sizeof *cs);
}

/* The value of a keyword: the connection string's, else the table's default. */
static const char *value_of(const rs_connstr *cs, const char *name)
{
    const char *v = rs_connstr_get(cs, name);
    const rs_keyword *kw;

    if (v)
        return v;
    kw = rs_keyword_find(name);
    return kw && kw->def ? kw->def : "";
}

static int get_long(const rs_connstr *cs, const char *name, long min, long max, long *out,
                    char *err, size_t errlen)
{
    const char *v = value_of(cs, name);
    char *end;
    long n;

    if (!*v) {
        *out = 0;
        return 0;
    }
    errno = 0;
    n = strtol(v, &end, 10);
    while (*end == ' ')
        end++;
    if (errno || *end || n < min || n > max) {
        snprintf(err, errlen, "invalid value '%s' for keyword %s (expected an integer from %ld to %ld)",
                 v, name, min, max);
        return -1;
    }
    *out = n;
    return 0;
}

static int get_bool(const rs_connstr *cs, const char *name, int *out, char *err, size_t errlen)
{
    const char *v = value_of(cs, name);
    static const char *const yes[] = {"1", "yes", "true", "on", "y", NULL};
    static const char *const no[] = {"0", "no", "false", "off", "n", "", NULL};

    for (int i = 0; yes[i]; i++)
        if (strcasecmp(v, yes[i]) == 0)
            return *out = 1, 0;
    for (int i = 0; no[i]; i++)
        if (strcasecmp(v, no[i]) == 0)
            return *out = 0, 0;
    snprintf(err, errlen, "invalid value '%s' for keyword %s (expected 1/0, yes/no, true/false)",
             v, name);
    return -1;
}

static char *get_str(const rs_connstr *cs, const char *name)
{
    const char *v = value_of(cs, name);

    return *v ? strdup(v) : NULL;
}

int rs_conn_cfg_resolve(const rs_connstr *cs, rs_conn_cfg *cfg, char *err, size_t errlen)
{
    long rowlimit = 0, maxvarchar = 0, maxvalue = 0, maxpage = 0;

    memset(cfg, 0, sizeof *cfg);
    cfg->dsn = get_str(cs, "DSN");
    cfg->driver = get_str(cs, "Driver");
    cfg->server = get_str(cs, "Server");
    cfg->api_key = get_str(cs, "ApiKey");
    cfg->workspace = get_str(cs, "Workspace");
    cfg->ca_info = get_str(cs, "CAInfo");
    cfg->proxy = get_str(cs, "Proxy");
    cfg->log_file = get_str(cs, "LogFile");
    cfg->lambda_tag = get_str(cs, "LambdaTag");
    if (get_long(cs, "Timeout", 0, 86400, &cfg->timeout_s, err, errlen) ||
        get_long(cs, "ConnectTimeout", 0, 86400, &cfg->connect_timeout_s, err, errlen) ||
        get_long(cs, "QueryTimeout", 0, 86400 * 7, &cfg->query_timeout_s, err, errlen) ||
        get_long(cs, "PageSize", 0, 100000000, &cfg->page_size, err, errlen) ||
        get_long(cs, "DefaultRowLimit", 0, 2000000000, &rowlimit, err, errlen) ||
        get_long(cs, "MaxVarchar", 0, 1000000000, &maxvarchar, err, errlen) ||
        get_long(cs, "MaxRetries", 0, 100, &cfg->max_retries, err, errlen) ||
        get_long(cs, "StallTimeout", 1, 86400 * 7, &cfg->stall_timeout_s, err, errlen) ||
        get_long(cs, "MaxValueBytes", 1024, 1L << 40, &maxvalue, err, errlen) ||
        get_long(cs, "MaxPageBytes", 1024, 1L << 40, &maxpage, err, errlen) ||
        get_long(cs, "LogLevel", 0, 4, &cfg->log_level, err, errlen) ||
        get_bool(cs, "SSLVerify", &cfg->ssl_verify, err, errlen) ||
        get_bool(cs, "ReadOnly", &cfg->read_only, err, errlen))
        return -1;
    cfg->default_row_limit = rowlimit;
    cfg->max_value_bytes = maxvalue;
    cfg->max_page_bytes = maxpage;
    cfg->max_varchar = maxvarchar > 0 ? (unsigned long)maxvarchar : 8000;
    if (!cfg->workspace)
        cfg->workspace = strdup("commons");
    if (!cfg->lambda_tag)
        cfg->lambda_tag = strdup("latest");
    if (!cfg->server || !*cfg->server) {
        snprintf(err, errlen, "the Server keyword is missing (the Rockset API URL)");
        return -1;
    }
    return 0;
}

void rs_conn_cfg_free(rs_conn_cfg *cfg)
{
    char **s[] = {&cfg->dsn, &cfg->driver, &cfg->server, &cfg->api_key, &cfg->workspace,
                  &cfg->ca_info, &cfg->proxy, &cfg->log_file, &cfg->lambda_tag};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
        if (*s[i] && s[i] == &cfg->api_key)
            memset(*s[i], 0, strlen(*s[i])); /* do not leave the key in freed memory */
        free(*s[i]);
        *s[i] = NULL;
    }
}
