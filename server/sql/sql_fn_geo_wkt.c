/* SPDX-License-Identifier: Apache-2.0 */
/* The geography model (sql_fn_geo.h): building it, and reading and writing its two text
 * forms, well-known text (ST_GEOGFROMTEXT, ST_ASTEXT) and GeoJSON (the stored form of a
 * geography value, ST_GEOGFROMGEOJSON, ST_ASGEOJSON). Both parsers work on a NUL-terminated
 * copy, because a blob's payload is not terminated and strtod must not read past it. */
#include "server/sql/sql_fn_geo.h"
#include "server/sql/sql_fn_util.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sqlite3.h>

static const char *const kind_names[] = {
    "Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon"
};
static const char *const wkt_names[] = {
    "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON"
};

geo_kind geo_part_kind(geo_kind k)
{
    return k >= GEO_MULTIPOINT ? (geo_kind)(k - GEO_MULTIPOINT) : k;
}

const char *geo_kind_name(geo_kind k)
{
    return kind_names[k];
}

void geo_free(geo *g)
{
    sqlite3_free(g->pos);
    sqlite3_free(g->ring_end);
    sqlite3_free(g->part_end);
    g->pos = NULL, g->ring_end = NULL, g->part_end = NULL;
    g->npos = g->nrings = g->nparts = 0;
    g->cappos = g->caprings = g->capparts = 0;
}

/* Grows an array of n used elements of size sz to hold one more; 0 ok. */
static int grow(void **arr, size_t n, size_t *cap, size_t sz)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 8;
    void *p = sqlite3_realloc64(*arr, nc * sz);
    if (!p)
        return -1;
    *arr = p, *cap = nc;
    return 0;
}

void geo_add_pos(geo *g, double lon, double lat)
{
    if (g->oom || grow((void **)&g->pos, g->npos, &g->cappos, sizeof *g->pos) != 0) {
        g->oom = 1;
        return;
    }
    g->pos[g->npos].lon = lon;
    g->pos[g->npos++].lat = lat;
}

void geo_end_ring(geo *g)
{
    if (g->oom || grow((void **)&g->ring_end, g->nrings, &g->caprings, sizeof(size_t)) != 0) {
        g->oom = 1;
        return;
    }
    g->ring_end[g->nrings++] = g->npos;
}

void geo_end_part(geo *g)
{
    if (g->oom || grow((void **)&g->part_end, g->nparts, &g->capparts, sizeof(size_t)) != 0) {
        g->oom = 1;
        return;
    }
    g->part_end[g->nparts++] = g->nrings;
}

void geo_num_text(double d, int with_point, char *out, size_t outlen)
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(out, outlen, "%.*g", prec, d);
        if (strtod(out, NULL) == d)
            break;
    }
    if (with_point && !strpbrk(out, ".eEni"))
        strncat(out, ".0", outlen - strlen(out) - 1);
}

/* ---- checks shared by both parsers ---- */

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* Ranges, and the sizes each kind's rings need. */
static int geo_validate(const geo *g, char *err, size_t errlen)
{
    geo_kind pk = geo_part_kind(g->kind);
    if (g->nparts == 0 || (g->kind < GEO_MULTIPOINT && g->nparts != 1))
        return set_err(err, errlen, "a %s needs exactly one member", kind_names[g->kind]), -1;
    for (size_t i = 0; i < g->npos; i++) {
        double lon = g->pos[i].lon, lat = g->pos[i].lat;
        if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90))
            return set_err(err, errlen, "position (%g %g) is out of range (longitude -180 to "
                           "180, latitude -90 to 90)", lon, lat), -1;
    }
    for (size_t p = 0; p < g->nparts; p++) {
        size_t r0 = geo_part_first(g, p), r1 = g->part_end[p];
        if (r1 == r0 || (pk != GEO_POLYGON && r1 - r0 != 1))
            return set_err(err, errlen, "malformed %s", kind_names[g->kind]), -1;
        for (size_t r = r0; r < r1; r++) {
            size_t a = geo_ring_first(g, r), n = g->ring_end[r] - a;
            if (pk == GEO_POINT && n != 1)
                return set_err(err, errlen, "a point has one position"), -1;
            if (pk == GEO_LINESTRING && n < 2)
                return set_err(err, errlen, "a linestring needs at least 2 positions"), -1;
            if (pk == GEO_POLYGON && (n < 4 || g->pos[a].lon != g->pos[a + n - 1].lon ||
                                      g->pos[a].lat != g->pos[a + n - 1].lat))
                return set_err(err, errlen, "a polygon ring needs at least 4 positions, the "
                               "last equal to the first"), -1;
        }
    }
    return 0;
}

/* A NUL-terminated copy of s (n bytes); NULL when out of memory. */
static char *dup_text(const char *s, size_t n)
{
    char *t = sqlite3_malloc64(n + 1);
    if (t) {
        memcpy(t, s, n);
        t[n] = '\0';
    }
    return t;
}

/* ---- WKT in ---- */

typedef struct wkt_in {
    const char *p, *start;
    char *err;
    size_t errlen;
    int failed;
} wkt_in;

static void wkt_ws(wkt_in *w)
{
    while (isspace((unsigned char)*w->p))
        w->p++;
}

static int wkt_fail(wkt_in *w, const char *what)
{
    if (!w->failed)
        set_err(w->err, w->errlen, "expected %s at offset %ld", what, (long)(w->p - w->start));
    w->failed = 1;
    return -1;
}

static int wkt_char(wkt_in *w, char ch)
{
    wkt_ws(w);
    if (*w->p != ch) {
        char what[8] = { '\'', ch, '\'', '\0' };
        return wkt_fail(w, what);
    }
    w->p++;
    return 0;
}

/* "lon lat" */
static int wkt_pos(wkt_in *w, geo *g)
{
    double v[2];
    for (int i = 0; i < 2; i++) {
        wkt_ws(w);
        char *end;
        /* strtod also reads "nan", "inf" and hex floats, which are no WKT numbers */
        if (!(isdigit((unsigned char)*w->p) || *w->p == '-' || *w->p == '+' || *w->p == '.'))
            return wkt_fail(w, "a number");
        v[i] = strtod(w->p, &end);
        if (end == w->p || !isfinite(v[i]))
            return wkt_fail(w, "a number");
        w->p = end;
    }
    geo_add_pos(g, v[0], v[1]);
    return 0;
}

/* "(lon lat, lon lat, ...)" as one ring. */
static int wkt_poslist(wkt_in *w, geo *g)
{
    if (wkt_char(w, '(') != 0 || wkt_pos(w, g) != 0)
        return -1;
    for (wkt_ws(w); *w->p == ','; wkt_ws(w)) {
        w->p++;
        if (wkt_pos(w, g) != 0)
            return -1;
    }
    geo_end_ring(g);
    return wkt_char(w, ')');
}

/* "((ring), (ring), ...)" */
static int wkt_polygon(wkt_in *w, geo *g)
{
    if (wkt_char(w, '(') != 0 || wkt_poslist(w, g) != 0)
        return -1;
    for (wkt_ws(w); *w->p == ','; wkt_ws(w)) {
        w->p++;
        if (wkt_poslist(w, g) != 0)
            return -1;
    }
    geo_end_part(g);
    return wkt_char(w, ')');
}

/* One member of a MULTIPOINT: "lon lat" or "(lon lat)", both of which OGC writers use. */
static int wkt_multipoint_member(wkt_in *w, geo *g)
{
    wkt_ws(w);
    int paren = *w->p == '(';
    if (paren)
        w->p++;
    if (wkt_pos(w, g) != 0 || (paren && wkt_char(w, ')') != 0))
        return -1;
    geo_end_ring(g);
    geo_end_part(g);
    return 0;
}

static int wkt_member(wkt_in *w, geo *g, geo_kind k)
{
    switch (k) {
    case GEO_MULTIPOINT: return wkt_multipoint_member(w, g);
    case GEO_MULTILINESTRING:
        if (wkt_poslist(w, g) != 0)
            return -1;
        geo_end_part(g);
        return 0;
    default: return wkt_polygon(w, g);
    }
}

static int wkt_body(wkt_in *w, geo *g)
{
    switch (g->kind) {
    case GEO_POINT:
        if (wkt_char(w, '(') != 0 || wkt_pos(w, g) != 0)
            return -1;
        geo_end_ring(g);
        geo_end_part(g);
        return wkt_char(w, ')');
    case GEO_LINESTRING:
        if (wkt_poslist(w, g) != 0)
            return -1;
        geo_end_part(g);
        return 0;
    case GEO_POLYGON:
        return wkt_polygon(w, g);
    default:
        if (wkt_char(w, '(') != 0 || wkt_member(w, g, g->kind) != 0)
            return -1;
        for (wkt_ws(w); *w->p == ','; wkt_ws(w)) {
            w->p++;
            if (wkt_member(w, g, g->kind) != 0)
                return -1;
        }
        return wkt_char(w, ')');
    }
}

static int wkt_keyword(wkt_in *w, geo *g)
{
    wkt_ws(w);
    const char *k = w->p;
    while (isalpha((unsigned char)*w->p))
        w->p++;
    size_t len = (size_t)(w->p - k);
    for (int i = 0; i < 6; i++)
        if (len == strlen(wkt_names[i]) && strncasecmp(k, wkt_names[i], len) == 0) {
            g->kind = (geo_kind)i;
            return 0;
        }
    w->p = k;
    if (len == 0)
        return wkt_fail(w, "a geometry type");
    set_err(w->err, w->errlen, "unsupported geometry type '%.*s' (POINT, LINESTRING, POLYGON, "
            "MULTIPOINT, MULTILINESTRING or MULTIPOLYGON)", (int)(len > 40 ? 40 : len), k);
    w->failed = 1;
    return -1;
}

int geo_parse_wkt(const char *s, size_t n, geo *g, char *err, size_t errlen)
{
    char *t = dup_text(s, n);
    if (!t)
        return -2;
    memset(g, 0, sizeof *g);
    wkt_in w = { t, t, err, errlen, 0 };
    int rc = wkt_keyword(&w, g) == 0 && wkt_body(&w, g) == 0 ? 0 : -1;
    if (rc == 0) {
        wkt_ws(&w);
        if (*w.p)
            rc = wkt_fail(&w, "the end of the text");
    }
    sqlite3_free(t);
    if (g->oom)
        rc = -2;
    else if (rc == 0)
        rc = geo_validate(g, err, errlen);
    if (rc != 0)
        geo_free(g);
    return rc;
}

/* ---- GeoJSON in ---- */

typedef struct json_in {
    const char *p;
    int depth;
} json_in;

static void json_ws(json_in *j)
{
    while (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')
        j->p++;
}

/* Past a string (j->p at its quote); its raw contents in *s, *n. */
static int json_string(json_in *j, const char **s, size_t *n)
{
    if (*j->p != '"')
        return -1;
    const char *a = ++j->p;
    while (*j->p && *j->p != '"')
        j->p += (*j->p == '\\' && j->p[1]) ? 2 : 1;
    if (*j->p != '"')
        return -1;
    *s = a, *n = (size_t)(j->p++ - a);
    return 0;
}

static int json_skip(json_in *j)
{
    const char *s;
    size_t n;
    json_ws(j);
    char ch = *j->p;
    if (ch == '"')
        return json_string(j, &s, &n);
    if (ch != '[' && ch != '{') {
        const char *a = j->p;
        while (*j->p && !strchr(",]} \t\n\r", *j->p))
            j->p++;
        return j->p > a ? 0 : -1;
    }
    if (++j->depth > 64)
        return -1;
    char close = ch == '[' ? ']' : '}';
    j->p++;
    json_ws(j);
    if (*j->p == close) {
        j->p++, j->depth--;
        return 0;
    }
    for (;;) {
        if (close == '}') {
            json_ws(j);
            if (json_string(j, &s, &n) != 0 || (json_ws(j), *j->p++ != ':'))
                return -1;
        }
        if (json_skip(j) != 0)
            return -1;
        json_ws(j);
        if (*j->p == ',') {
            j->p++;
            continue;
        }
        if (*j->p++ != close)
            return -1;
        j->depth--;
        return 0;
    }
}

/* [lon, lat(, altitude ignored)] */
static int json_pos(json_in *j, geo *g)
{
    double v[2];
    int k = 0;
    json_ws(j);
    if (*j->p++ != '[')
        return -1;
    for (;; k++) {
        json_ws(j);
        char *end;
        double d = strtod(j->p, &end);
        if (end == j->p || !isfinite(d) || !(isdigit((unsigned char)*j->p) || *j->p == '-'))
            return -1;
        if (k < 2)
            v[k] = d;
        j->p = end;
        json_ws(j);
        if (*j->p == ',') {
            j->p++;
            continue;
        }
        if (*j->p++ != ']' || k < 1)
            return -1;
        geo_add_pos(g, v[0], v[1]);
        return 0;
    }
}

/* An array nested `depth` levels above positions. Level 1 arrays end a ring; the level
 * `part_level` arrays end a part. */
static int json_coords(json_in *j, geo *g, int depth, int part_level)
{
    if (depth == 0)
        return json_pos(j, g);
    json_ws(j);
    if (*j->p++ != '[')
        return -1;
    json_ws(j);
    if (*j->p == ']')
        return -1;                                  /* empty members are not supported */
    for (;;) {
        if (json_coords(j, g, depth - 1, part_level) != 0)
            return -1;
        if (depth - 1 == 0 && part_level == 0) {    /* MultiPoint: each position a part */
            geo_end_ring(g);
            geo_end_part(g);
        }
        json_ws(j);
        if (*j->p == ',') {
            j->p++;
            continue;
        }
        if (*j->p++ != ']')
            return -1;
        break;
    }
    if (depth == 1 && part_level != 0)
        geo_end_ring(g);
    if (depth == part_level)
        geo_end_part(g);
    return 0;
}

/* The "type" and the text of "coordinates" of a geometry object; other members skipped. */
static int json_members(json_in *j, const char **type, size_t *tlen, const char **coords)
{
    const char *k;
    size_t kn;
    json_ws(j);
    if (*j->p++ != '{')
        return -1;
    json_ws(j);
    if (*j->p == '}')
        return 0;
    for (;;) {
        json_ws(j);
        if (json_string(j, &k, &kn) != 0 || (json_ws(j), *j->p++ != ':'))
            return -1;
        json_ws(j);
        if (kn == 4 && memcmp(k, "type", 4) == 0) {
            if (json_string(j, type, tlen) != 0)
                return -1;
        } else {
            if (kn == 11 && memcmp(k, "coordinates", 11) == 0)
                *coords = j->p;
            if (json_skip(j) != 0)
                return -1;
        }
        json_ws(j);
        if (*j->p == ',') {
            j->p++;
            continue;
        }
        return *j->p++ == '}' ? 0 : -1;
    }
}

int geo_parse_geojson(const char *s, size_t n, geo *g, char *err, size_t errlen)
{
    /* nesting of "coordinates" per kind, and the level whose arrays are parts (0: each
     * position is a part) */
    static const int depth[] = { 0, 1, 2, 1, 2, 3 }, part_level[] = { 0, 1, 2, 0, 1, 2 };
    char *t = dup_text(s, n);
    if (!t)
        return -2;
    memset(g, 0, sizeof *g);
    json_in j = { t, 0 };
    const char *type = NULL, *coords = NULL;
    size_t tlen = 0;
    int rc = -1, k;
    if (json_members(&j, &type, &tlen, &coords) != 0 || (json_ws(&j), *j.p)) {
        set_err(err, errlen, "not a GeoJSON object");
        goto out;
    }
    for (k = 0; k < 6; k++)
        if (type && tlen == strlen(kind_names[k]) && memcmp(type, kind_names[k], tlen) == 0)
            break;
    if (k == 6) {
        set_err(err, errlen, "unsupported GeoJSON type '%.*s' (Point, LineString, Polygon, "
                "MultiPoint, MultiLineString or MultiPolygon)", type ? (int)(tlen > 40 ? 40 : tlen) : 0,
                type ? type : "");
        goto out;
    }
    g->kind = (geo_kind)k;
    j.p = coords;
    if (!coords || json_coords(&j, g, depth[k], part_level[k]) != 0) {
        set_err(err, errlen, "malformed \"coordinates\" of a %s", kind_names[k]);
        goto out;
    }
    if (k == GEO_POINT) {
        geo_end_ring(g);
        geo_end_part(g);
    }
    rc = 0;
out:
    sqlite3_free(t);
    if (g->oom)
        rc = -2;
    else if (rc == 0)
        rc = geo_validate(g, err, errlen);
    if (rc != 0)
        geo_free(g);
    return rc;
}

/* ---- writers ---- */

/* The text being written: sql_fbuf (sql_fn_util.h), fed a NUL-terminated piece at a time. */
typedef sql_fbuf obuf;

static void ob_add(obuf *b, const char *p)
{
    sql_fbuf_add(b, p, strlen(p));
}

static int ob_done(obuf *b, char **out, size_t *outlen)
{
    if (b->oom || !b->s) {
        sqlite3_free(b->s);
        return -2;
    }
    *out = b->s, *outlen = b->n;
    return 0;
}

/* The positions of ring r: WKT "x y, x y" or GeoJSON "[x,y],[x,y]". */
static void write_ring(obuf *b, const geo *g, size_t r, int json)
{
    char x[40], y[40], buf[96];
    for (size_t i = geo_ring_first(g, r); i < g->ring_end[r]; i++) {
        geo_num_text(g->pos[i].lon, json, x, sizeof x);
        geo_num_text(g->pos[i].lat, json, y, sizeof y);
        snprintf(buf, sizeof buf, json ? "%s[%s,%s]" : "%s%s %s",
                 i > geo_ring_first(g, r) ? (json ? "," : ", ") : "", x, y);
        ob_add(b, buf);
    }
}

/* One part: a point's position, a line's positions, a polygon's rings (bracketed). */
static void write_part(obuf *b, const geo *g, size_t p, int json)
{
    geo_kind pk = geo_part_kind(g->kind);
    size_t r0 = geo_part_first(g, p), r1 = g->part_end[p];
    if (pk == GEO_POINT) {
        write_ring(b, g, r0, json);
        return;
    }
    if (pk == GEO_LINESTRING) {
        ob_add(b, json ? "[" : "(");
        write_ring(b, g, r0, json);
        ob_add(b, json ? "]" : ")");
        return;
    }
    ob_add(b, json ? "[" : "(");
    for (size_t r = r0; r < r1; r++) {
        ob_add(b, r > r0 ? (json ? ",[" : ", (") : (json ? "[" : "("));
        write_ring(b, g, r, json);
        ob_add(b, json ? "]" : ")");
    }
    ob_add(b, json ? "]" : ")");
}

int geo_write_wkt(const geo *g, char **out, size_t *outlen)
{
    obuf b = { 0 };
    ob_add(&b, wkt_names[g->kind]);
    ob_add(&b, g->kind == GEO_POINT ? "(" : "");
    if (g->kind >= GEO_MULTIPOINT)
        ob_add(&b, "(");
    for (size_t p = 0; p < g->nparts; p++) {
        if (p > 0)
            ob_add(&b, ", ");
        write_part(&b, g, p, 0);
    }
    ob_add(&b, g->kind == GEO_POINT || g->kind >= GEO_MULTIPOINT ? ")" : "");
    return ob_done(&b, out, outlen);
}

int geo_write_geojson(const geo *g, char **out, size_t *outlen)
{
    obuf b = { 0 };
    ob_add(&b, "{\"type\":\"");
    ob_add(&b, kind_names[g->kind]);
    ob_add(&b, "\",\"coordinates\":");
    if (g->kind >= GEO_MULTIPOINT)
        ob_add(&b, "[");
    for (size_t p = 0; p < g->nparts; p++) {
        if (p > 0)
            ob_add(&b, ",");
        write_part(&b, g, p, 1);
    }
    if (g->kind >= GEO_MULTIPOINT)
        ob_add(&b, "]");
    ob_add(&b, "}");
    return ob_done(&b, out, outlen);
}
