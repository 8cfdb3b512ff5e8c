/* SPDX-License-Identifier: Apache-2.0 */
/* Fields of a stored document: rs_field(doc, 'f') is rs_jv(doc -> '$."f"') and
 * rs_field_type(doc, 'f') is json_type(doc, '$."f"'), without SQLite's JSON parser: that
 * builds a node for every value of the document (most of a scan's time) where a field needs
 * one top-level member. The member is found by its raw key text, as SQLite 3.40's path
 * lookup compares it (no escape is decoded on either side, the first of duplicate keys
 * wins), so both answer alike.
 *
 * One pass per row: a query reading ten fields calls these twenty times per row (each field
 * and its companion), and scanning the document from its start each time cost most of the
 * row. So each connection keeps the last few documents it was asked about, with the members
 * found so far (their key and value offsets) and where the scan stopped: the next field of
 * the same row is a look-up among the members found, and a field further on resumes the
 * scan where the last one stopped. A document is recognized by its bytes (length, then
 * memcmp against the kept copy), never by its pointer or rowid: SQLite reuses buffers, and
 * one connection may step several statements. The cache belongs to the connection (its
 * function's user data), which one thread uses at a time. */
#include "server/sql/sql_fn_reg.h"
#include "server/sql/sql_value.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int json_ws(unsigned char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

/* Inlined everywhere with a first test for the usual case, no whitespace at all (the store
 * writes compact JSON): a call per structural character cost a sixth of a scan. */
__attribute__((always_inline)) static inline const unsigned char *
skip_ws(const unsigned char *p, const unsigned char *e)
{
    if (p < e && *p > ' ')
        return p;
    while (p < e && json_ws(*p))
        p++;
    return p;
}

/* p at '"': after the closing quote, or NULL. */
static const unsigned char *skip_string(const unsigned char *p, const unsigned char *e)
{
    for (p++; p < e; p++) {
        if (*p == '\\')
            p++;
        else if (*p == '"')
            return p + 1;
    }
    return NULL;
}

/* The end of the value at p, or NULL; *ws set when a container holds whitespace. */
static const unsigned char *skip_value(const unsigned char *p, const unsigned char *e, int *ws)
{
    int depth = 0;
    if (p >= e)
        return NULL;
    if (*p == '"')
        return skip_string(p, e);
    if (*p != '{' && *p != '[') {
        while (p < e && *p != ',' && *p != '}' && *p != ']' && !json_ws(*p))
            p++;
        return p;
    }
    while (p < e) {
        unsigned char ch = *p;
        if (ch == '"') {
            if (!(p = skip_string(p, e)))
                return NULL;
            continue;
        }
        if (ch == '{' || ch == '[')
            depth++;
        else if ((ch == '}' || ch == ']') && --depth == 0)
            return p + 1;
        else if (json_ws(ch))
            *ws = 1;
        p++;
    }
    return NULL;
}

/* ---- the per-connection cache ---- */

/* Length, first and last byte: tells most keys of a document apart without reading them
 * all (a match is confirmed by memcmp). */
static uint32_t fld_hash(const unsigned char *k, size_t n)
{
    return n ? (uint32_t)n * 0x9e3779b1u ^ k[0] ^ (uint32_t)k[n - 1] << 8 : 0;
}

typedef struct {
    size_t ks, kn;                  /* the raw key text, between its quotes */
    uint32_t h;                     /* fld_hash of the key: most members are told apart by it */
    size_t vs, ve;                  /* the value text */
    int ws;                         /* a container value holding whitespace */
    int dup;                        /* an earlier member has the same key */
} fld_member;

enum { FLD_MORE, FLD_END, FLD_BAD };  /* members may follow / none follows / malformed */

typedef struct {
    unsigned char *doc;             /* a copy of the document text */
    size_t n, cap;
    fld_member *m;                  /* the members scanned so far, in document order */
    size_t nm, mcap;
    size_t pos;                     /* FLD_MORE: where the next member's key starts */
    size_t hint;                    /* the member after the last one found */
    int state, used;
} fld_slot;

/* A join reads two or three documents per row in turn; four keep them all. */
#define FLD_SLOTS 4
/* A slot's buffers shrink back when they are this many times what the document needs
 * (and over FLD_KEEP bytes), so one huge document does not stay for the connection's life. */
#define FLD_SHRINK 4
#define FLD_KEEP 65536

/* A document is kept only when a second look-up brings the same text as the one before
 * (judged by pend: its length and a few of its bytes), so a query reading one field per row
 * (a filter, a count) reads it in place as before, without the copy and the member list.
 * pend only decides whether to keep; what is kept is the text of the call that keeps it. */
typedef struct {
    fld_slot s[FLD_SLOTS];
    size_t pend_n;
    uint64_t pend_fp;
    unsigned last, next;
} fld_cache;

static void cache_free(void *p)
{
    fld_cache *c = p;
    for (int i = 0; i < FLD_SLOTS; i++) {
        free(c->s[i].doc);
        free(c->s[i].m);
    }
    free(c);
}

/* The state of a document before its first member (what doc_member checked first). */
static void slot_start(fld_slot *s)
{
    const unsigned char *b = s->doc, *e = b + s->n, *p = skip_ws(b, e);
    s->nm = 0;
    s->hint = 0;
    if (p >= e) {
        s->state = FLD_BAD;
        return;
    }
    if (*p != '{') {
        s->state = FLD_END;                  /* no object: every field absent */
        return;
    }
    p = skip_ws(p + 1, e);
    s->state = p < e && *p == '}' ? FLD_END : FLD_MORE;
    s->pos = (size_t)(p - b);
}

static int slot_fill(fld_slot *s, const unsigned char *doc, size_t n)
{
    if (s->cap < n + 1 || (s->cap > FLD_KEEP && s->cap / FLD_SHRINK > n + 1)) {
        unsigned char *d = malloc(n + 1);
        if (!d)
            return -1;
        free(s->doc);
        s->doc = d;
        s->cap = n + 1;
    }
    if (s->mcap * sizeof(fld_member) > FLD_KEEP) {
        free(s->m);
        s->m = NULL;
        s->mcap = 0;
    }
    memcpy(s->doc, doc, n);
    s->doc[n] = '\0';
    s->n = n;
    s->used = 1;
    slot_start(s);
    return 0;
}

/* The last and the middle eight bytes: rows of one shape mostly differ there. */
static uint64_t fld_fingerprint(const unsigned char *doc, size_t n)
{
    uint64_t a = 0, b = 0;
    if (n >= 8) {
        memcpy(&a, doc + n - 8, 8);
        memcpy(&b, doc + (n - 8) / 2, 8);
    }
    return a ^ (b << 1 | b >> 63);
}

/* The kept slot of this document's text (1, *out), none: read it in place (0), or out of
 * memory (-1). */
static int cache_slot(fld_cache *c, const unsigned char *doc, size_t n, fld_slot **out)
{
    for (unsigned k = 0; k < FLD_SLOTS; k++) {
        unsigned i = (c->last + k) % FLD_SLOTS;
        fld_slot *s = &c->s[i];
        if (s->used && s->n == n && memcmp(s->doc, doc, n) == 0) {
            c->last = i;
            *out = s;
            return 1;
        }
    }
    uint64_t fp = fld_fingerprint(doc, n);
    if (c->pend_n != n || c->pend_fp != fp) {
        c->pend_n = n;
        c->pend_fp = fp;
        return 0;
    }
    unsigned i = c->next++ % FLD_SLOTS;
    fld_slot *s = &c->s[i];
    if (slot_fill(s, doc, n) != 0) {
        s->used = 0;
        return -1;
    }
    c->last = i;
    *out = s;
    return 1;
}

static int member_is(const fld_slot *s, const fld_member *m, const unsigned char *k, size_t kn,
                     uint32_t h)
{
    return m->h == h && m->kn == kn && memcmp(s->doc + m->ks, k, kn) == 0;
}

/* Scans the member at s->pos into s->m; 0, or -1 out of memory. Sets the state after it
 * exactly as the single pass did: a member is found even when what follows it is bad. */
static int slot_next(fld_slot *s)
{
    const unsigned char *b = s->doc, *e = b + s->n, *p = b + s->pos;
    if (p >= e || *p != '"')
        return s->state = FLD_BAD, 0;
    const unsigned char *ks = p + 1, *kend = skip_string(p, e);
    if (!kend || (p = skip_ws(kend, e)) >= e || *p != ':')
        return s->state = FLD_BAD, 0;
    int ws = 0;
    const unsigned char *vs = skip_ws(p + 1, e), *vend = skip_value(vs, e, &ws);
    if (!vend)
        return s->state = FLD_BAD, 0;
    if (s->nm == s->mcap) {
        size_t cap = s->mcap ? 2 * s->mcap : 16;
        fld_member *m = realloc(s->m, cap * sizeof *m);
        if (!m)
            return -1;
        s->m = m;
        s->mcap = cap;
    }
    size_t kn = (size_t)(kend - 1 - ks);
    uint32_t h = fld_hash(ks, kn);
    int dup = 0;
    for (size_t j = 0; j < s->nm && !dup; j++)
        dup = member_is(s, &s->m[j], ks, kn, h);
    s->m[s->nm++] = (fld_member){ (size_t)(ks - b), kn, h, (size_t)(vs - b), (size_t)(vend - b),
                                  ws, dup };
    p = skip_ws(vend, e);
    if (p < e && *p == '}')
        s->state = FLD_END;
    else if (p >= e || *p != ',')
        s->state = FLD_BAD;
    else
        s->pos = (size_t)(skip_ws(p + 1, e) - b);
    return 0;
}

/* The member named k: 1 found (*out), 0 absent (or no object: json_type gives NULL too),
 * -1 malformed before it, -2 out of memory. */
static int slot_find(fld_slot *s, const unsigned char *k, size_t kn, const fld_member **out)
{
    uint32_t h = fld_hash(k, kn);
    /* A row's look-ups come in the SELECT list's order, each field then its companion, and
     * that order mostly follows the document's: the member last found (the companion's
     * field) or the one after it (the next field) is the usual answer. Looking there first
     * turned a walk over the members into one comparison. A duplicate key still answers its
     * first member: a hinted member that repeats an earlier key is passed over. */
    for (size_t i = s->hint ? s->hint - 1 : 0; i <= s->hint && i < s->nm; i++)
        if (!s->m[i].dup && member_is(s, &s->m[i], k, kn, h))
            return s->hint = i + 1, *out = &s->m[i], 1;
    /* the next field not scanned yet: scan it before walking what is */
    if (s->hint == s->nm && s->state == FLD_MORE) {
        size_t had = s->nm;
        if (slot_next(s) != 0)
            return -2;
        if (s->nm > had && !s->m[had].dup && member_is(s, &s->m[had], k, kn, h))
            return s->hint = had + 1, *out = &s->m[had], 1;
    }
    for (size_t i = 0; i < s->nm; i++)
        if (member_is(s, &s->m[i], k, kn, h))
            return s->hint = i + 1, *out = &s->m[i], 1;
    while (s->state == FLD_MORE) {
        size_t had = s->nm;
        if (slot_next(s) != 0)
            return -2;
        if (s->nm > had && member_is(s, &s->m[had], k, kn, h))
            return s->hint = had + 1, *out = &s->m[had], 1;
    }
    return s->state == FLD_END ? 0 : -1;
}

/* slot_find on a document read in place, keeping nothing: the single pass as it was. */
static int direct_find(const unsigned char *b, size_t n, const unsigned char *k, size_t kn,
                       fld_member *out)
{
    const unsigned char *e = b + n, *p = skip_ws(b, e);
    if (p >= e)
        return -1;
    if (*p != '{')
        return 0;
    p = skip_ws(p + 1, e);
    if (p < e && *p == '}')
        return 0;
    while (p < e && *p == '"') {
        const unsigned char *ks = p + 1, *kend = skip_string(p, e);
        if (!kend || (p = skip_ws(kend, e)) >= e || *p != ':')
            return -1;
        int ws = 0;
        const unsigned char *vs = skip_ws(p + 1, e), *vend = skip_value(vs, e, &ws);
        if (!vend)
            return -1;
        if ((size_t)(kend - 1 - ks) == kn && memcmp(ks, k, kn) == 0) {
            *out = (fld_member){ (size_t)(ks - b), kn, 0, (size_t)(vs - b), (size_t)(vend - b),
                                 ws, 0 };
            return 1;
        }
        p = skip_ws(vend, e);
        if (p < e && *p == '}')
            return 0;
        if (p >= e || *p != ',')
            return -1;
        p = skip_ws(p + 1, e);
    }
    return -1;
}

/* The member of doc named key, as slot_find, and NULL-doc or NULL-key as malformed; *base is
 * the text the member's offsets index (a kept copy or the argument's own). */
static int doc_member(sqlite3_context *c, sqlite3_value **v, const unsigned char **base,
                      fld_member *m)
{
    const unsigned char *doc = sqlite3_value_text(v[0]), *k = sqlite3_value_text(v[1]);
    if (!doc || !k)
        return -1;
    size_t n = (size_t)sqlite3_value_bytes(v[0]), kn = (size_t)sqlite3_value_bytes(v[1]);
    fld_slot *s = NULL;
    const fld_member *f = NULL;
    int rc = cache_slot(sql_fn_data(c), doc, n, &s);
    if (rc < 0)
        return -2;
    if (rc == 0) {
        *base = doc;
        return direct_find(doc, n, k, kn, m);
    }
    rc = slot_find(s, k, kn, &f);
    if (rc == 1) {
        *base = s->doc;
        *m = *f;
    }
    return rc;
}

/* The value text without whitespace outside strings: what SQLite's -> renders. */
static size_t json_compact(const unsigned char *p, const unsigned char *e, char *out)
{
    size_t w = 0;
    while (p < e) {
        if (*p == '"') {
            const unsigned char *q = skip_string(p, e);
            memcpy(out + w, p, (size_t)(q - p));
            w += (size_t)(q - p);
            p = q;
        } else {
            if (!json_ws(*p))
                out[w++] = (char)*p;
            p++;
        }
    }
    return w;
}

/* A lookup that found nothing: an error for malformed text (not for a NULL document). */
static void member_failed(sqlite3_context *c, sqlite3_value *doc, int rc)
{
    if (rc == -2)
        sqlite3_result_error_nomem(c);
    else if (rc == -1 && sqlite3_value_type(doc) != SQLITE_NULL)
        sql_result_error(c, "malformed JSON", -1);
}

static void fn_field(sqlite3_context *c, int n, sqlite3_value **v)
{
    const unsigned char *base = NULL;
    fld_member m;
    int rc = doc_member(c, v, &base, &m);
    (void)n;
    if (rc != 1) {
        member_failed(c, v[0], rc);
        return;
    }
    const unsigned char *vs = base + m.vs, *ve = base + m.ve;
    if (!m.ws) {
        sql_value_result_json(c, (const char *)vs, (size_t)(ve - vs));
        return;
    }
    char *tmp = sqlite3_malloc64((sqlite3_uint64)(ve - vs));
    if (!tmp) {
        sqlite3_result_error_nomem(c);
        return;
    }
    sql_value_result_json(c, tmp, json_compact(vs, ve, tmp));
    sqlite3_free(tmp);
}

/* json_type's names: the companion of a field (sql_translate.h). */
static void fn_field_type(sqlite3_context *c, int n, sqlite3_value **v)
{
    const unsigned char *base = NULL;
    fld_member m;
    int rc = doc_member(c, v, &base, &m);
    const char *t;
    (void)n;
    if (rc != 1) {
        member_failed(c, v[0], rc);
        return;
    }
    const unsigned char *vs = base + m.vs;
    size_t len = m.ve - m.vs;
    switch (*vs) {
    case '{': t = "object"; break;
    case '[': t = "array"; break;
    case '"': t = "text"; break;
    case 't': t = "true"; break;
    case 'f': t = "false"; break;
    case 'n': t = "null"; break;
    default:
        t = memchr(vs, '.', len) || memchr(vs, 'e', len) || memchr(vs, 'E', len)
                ? "real" : "integer";
    }
    sqlite3_result_text(c, t, -1, SQLITE_STATIC);
}

void sql_field_register(sqlite3 *db)
{
    fld_cache *c = calloc(1, sizeof *c);
    if (!c)
        return;                 /* the connection then lacks the functions: queries fail */
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    /* rs_field owns the cache; rs_field_type shares it and goes at the same close */
    if (sql_fn_register_v2(db, "rs_field", 2, flags, c, fn_field, cache_free) != SQLITE_OK)
        return;
    sql_fn_register(db, "rs_field_type", 2, flags, c, fn_field_type);
}
