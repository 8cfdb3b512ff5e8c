/* SPDX-License-Identifier: Apache-2.0 */
/* Rockset's geographic functions over the value model (docs.rockset.com, "Geographic
 * Functions"): constructors ST_GEOGPOINT, ST_GEOGFROMTEXT, ST_GEOGFROMGEOJSON; accessors
 * ST_X, ST_Y, ST_ASTEXT, ST_ASGEOJSON; measures ST_DISTANCE, ST_LENGTH, ST_AREA; predicates
 * ST_CONTAINS, ST_WITHIN, ST_INTERSECTS, ST_DWITHIN. A geography value is GeoJSON text in a
 * tagged blob (sql_value.h), whether a function made it or a document brought it in the
 * {"__rockset_type": "GEOGRAPHY"} wrapper; each function parses its arguments into the model
 * of sql_fn_geo.h and computes on the sphere (sql_fn_geo_sphere.c). Rockset's argument
 * rules hold: a null or undefined argument gives null, a wrong type is an error naming the
 * function. */
#include "server/sql/sql_fn_geo.h"
#include "server/sql/sql_fn_geo_sphere.h"
#include "server/sql/sql_fn_util.h"
#include "server/sql/sql_functions.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define SQL_VTM_GEO SQL_VT_BIT(SQL_VT_GEOGRAPHY)

static const unsigned num2[] = { SQL_VTM_NUM, SQL_VTM_NUM };
static const unsigned str1[] = { SQL_VTM_STR };
static const unsigned json1[] = { SQL_VTM_STR | SQL_VT_BIT(SQL_VT_OBJECT) };
static const unsigned geo2[] = { SQL_VTM_GEO, SQL_VTM_GEO, SQL_VTM_NUM };

/* g as a geography result (GeoJSON text). */
static void result_geo(sqlite3_context *c, const geo *g)
{
    char *json;
    size_t len;
    if (geo_write_geojson(g, &json, &len) != 0) {
        sqlite3_result_error_nomem(c);
        return;
    }
    sql_value_result_tagged(c, SQL_VT_GEOGRAPHY, json, len);
    sqlite3_free(json);
}

/* A parse result: 0 ok; else the function's error is set. */
static int parse_done(sqlite3_context *c, const char *fn, int rc, const char *what,
                      const char *err)
{
    char msg[300];
    if (rc == -2) {
        sqlite3_result_error_nomem(c);
    } else if (rc != 0) {
        snprintf(msg, sizeof msg, "%s: %s: %s", fn, what, err);
        sql_result_error(c, msg, -1);
    }
    return rc;
}

/* A geography argument into s (with its vectors when sphere is set). 0 ok, else the error
 * is set. A stored value that is no valid GeoJSON (only its first byte was checked when it
 * was ingested) is reported, never read half. */
static int load_geo(sqlite3_context *c, const char *fn, sqlite3_value *v, geo_sv *s,
                    int sphere)
{
    size_t n;
    const unsigned char *p = sql_value_payload(v, &n);
    char err[200];
    memset(s, 0, sizeof *s);
    int rc = geo_parse_geojson((const char *)p, n, &s->g, err, sizeof err);
    if (parse_done(c, fn, rc, "invalid geography", err) != 0)
        return -1;
    if (sphere && geo_sv_init(s) != 0) {
        geo_sv_free(s);
        sqlite3_result_error_nomem(c);
        return -1;
    }
    return 0;
}

/* ST_GEOGPOINT(longitude, latitude). A position outside the ranges wraps as the docs show
 * (ST_GEOGPOINT(190, 0) is (-170, 0), ST_GEOGPOINT(10, 100) is (-170, 80)): through the unit
 * vector of the angles, which is the same place on the sphere. One in range is kept as
 * given, so ST_X returns exactly the longitude passed in. */
static void fn_geogpoint(sqlite3_context *c, int n, sqlite3_value **v)
{
    if (sql_fn_args(c, "ST_GEOGPOINT", n, v, num2) != 0)
        return;
    double lon = sqlite3_value_double(v[0]), lat = sqlite3_value_double(v[1]);
    if (!isfinite(lon) || !isfinite(lat)) {
        sql_fn_error(c, "ST_GEOGPOINT", "longitude and latitude must be finite");
        return;
    }
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
        geo_from_v3(geo_to_v3(lon, lat), &lon, &lat);
    geo g = { 0 };
    geo_add_pos(&g, lon, lat);
    geo_end_ring(&g);
    geo_end_part(&g);
    if (g.oom)
        sqlite3_result_error_nomem(c);
    else
        result_geo(c, &g);
    geo_free(&g);
}

/* ST_GEOGFROMTEXT(wkt) and ST_GEOGFROMGEOJSON(text or object). */
static void fn_geogfrom(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *fn = (const char *)sql_fn_data(c);
    int wkt = strcmp(fn, "ST_GEOGFROMTEXT") == 0;
    if (sql_fn_args(c, fn, n, v, wkt ? str1 : json1) != 0)
        return;
    const char *s;
    size_t len;
    if (sql_value_type(v[0]) == SQL_VT_STRING) {
        s = (const char *)sqlite3_value_text(v[0]);
        len = (size_t)sqlite3_value_bytes(v[0]);
    } else {
        s = (const char *)sql_value_payload(v[0], &len);
    }
    geo g;
    char err[200];
    int rc = wkt ? geo_parse_wkt(s, len, &g, err, sizeof err)
                 : geo_parse_geojson(s, len, &g, err, sizeof err);
    if (parse_done(c, fn, rc, wkt ? "invalid well-known text" : "invalid GeoJSON", err) != 0)
        return;
    result_geo(c, &g);
    geo_free(&g);
}

/* ST_X(point) / ST_Y(point): a longitude / latitude; any other kind is an error, as the
 * docs say. */
static void fn_xy(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *fn = (const char *)sql_fn_data(c);
    geo_sv s;
    if (sql_fn_args(c, fn, n, v, geo2) != 0 || load_geo(c, fn, v[0], &s, 0) != 0)
        return;
    if (s.g.kind != GEO_POINT) {
        char msg[120];
        snprintf(msg, sizeof msg, "%s: argument 1 is a %s, expected a Point", fn,
                 geo_kind_name(s.g.kind));
        sql_result_error(c, msg, -1);
    } else {
        sqlite3_result_double(c, fn[3] == 'X' ? s.g.pos[0].lon : s.g.pos[0].lat);
    }
    geo_sv_free(&s);
}

/* ST_ASTEXT(g) / ST_ASGEOJSON(g): strings. */
static void fn_as(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *fn = (const char *)sql_fn_data(c);
    geo_sv s;
    if (sql_fn_args(c, fn, n, v, geo2) != 0 || load_geo(c, fn, v[0], &s, 0) != 0)
        return;
    char *text;
    size_t len;
    int rc = strcmp(fn, "ST_ASTEXT") == 0 ? geo_write_wkt(&s.g, &text, &len)
                                          : geo_write_geojson(&s.g, &text, &len);
    if (rc != 0)
        sqlite3_result_error_nomem(c);
    else
        sqlite3_result_text64(c, text, len, sqlite3_free, SQLITE_UTF8);
    geo_sv_free(&s);
}

/* ST_LENGTH(g): meters along its lines (0 for points and polygons, whose rings are no
 * lines). ST_AREA(g): square meters of its polygons, holes taken out (0 for the others). */
static void fn_measure(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *fn = (const char *)sql_fn_data(c);
    geo_sv s;
    if (sql_fn_args(c, fn, n, v, geo2) != 0 || load_geo(c, fn, v[0], &s, 1) != 0)
        return;
    geo_kind pk = geo_part_kind(s.g.kind);
    double sum = 0;
    if (fn[3] == 'L' && pk == GEO_LINESTRING) {
        for (size_t r = 0; r < s.g.nrings; r++)
            for (size_t i = geo_ring_first(&s.g, r); i + 1 < s.g.ring_end[r]; i++)
                sum += geo_angle(s.v[i], s.v[i + 1]);
        sum *= GEO_EARTH_RADIUS;
    } else if (fn[3] == 'A' && pk == GEO_POLYGON) {
        for (size_t p = 0; p < s.g.nparts; p++)
            for (size_t r = geo_part_first(&s.g, p); r < s.g.part_end[p]; r++)
                sum += r == geo_part_first(&s.g, p) ? s.ring_area[r] : -s.ring_area[r];
        sum *= GEO_EARTH_RADIUS * GEO_EARTH_RADIUS;
    }
    sqlite3_result_double(c, sum);
    geo_sv_free(&s);
}

/* ---- predicates ---- */

/* Whether every position and edge midpoint of part pb of b is covered by polygon part pa
 * of a (inside or on its boundary), no edge of b crosses a's rings, and (for a line) some
 * such point is in a's interior. Midpoints catch an edge that leaves and comes back between
 * two covered ends through a vertex of a. */
static int polygon_contains_part(const geo_sv *a, size_t pa, const geo_sv *b, size_t pb)
{
    int interior = geo_part_kind(b->g.kind) == GEO_POLYGON;
    for (size_t rb = geo_part_first(&b->g, pb); rb < b->g.part_end[pb]; rb++) {
        size_t b0 = geo_ring_first(&b->g, rb), b1 = b->g.ring_end[rb];
        for (size_t k = b0; k < b1; k++) {
            int loc = geo_polygon_locate(a, pa, b->v[k]);
            if (loc == GEO_OUTSIDE)
                return 0;
            interior |= loc == GEO_INSIDE;
            if (k + 1 == b1)
                break;
            loc = geo_polygon_locate(a, pa, geo_midpoint(b->v[k], b->v[k + 1]));
            if (loc == GEO_OUTSIDE)
                return 0;
            interior |= loc == GEO_INSIDE;
            for (size_t ra = geo_part_first(&a->g, pa); ra < a->g.part_end[pa]; ra++)
                for (size_t i = geo_ring_first(&a->g, ra); i + 1 < a->g.ring_end[ra]; i++)
                    if (geo_arcs_cross(a->v[i], a->v[i + 1], b->v[k], b->v[k + 1]) > 0)
                        return 0;
        }
    }
    return interior;
}

/* Whether a polygon b leaves a's holes out: a vertex of a inside b means one of a's holes
 * (whose points are not a's) lies in b. */
static int no_vertex_inside(const geo_sv *a, size_t pa, const geo_sv *b, size_t pb)
{
    size_t r0 = geo_part_first(&a->g, pa), r1 = a->g.part_end[pa];
    for (size_t i = geo_ring_first(&a->g, r0); i < a->g.ring_end[r1 - 1]; i++)
        if (geo_polygon_locate(b, pb, a->v[i]) == GEO_INSIDE)
            return 0;
    return 1;
}

/* Whether line part pa of a covers line part pb of b: its positions and edge midpoints. */
static int line_contains_line(const geo_sv *a, size_t pa, const geo_sv *b, size_t pb)
{
    size_t r = geo_part_first(&b->g, pb), b0 = geo_ring_first(&b->g, r), b1 = b->g.ring_end[r];
    for (size_t k = b0; k < b1; k++) {
        if (geo_dist_point_part(a, pa, b->v[k]) > GEO_TOL)
            return 0;
        if (k + 1 < b1 &&
            geo_dist_point_part(a, pa, geo_midpoint(b->v[k], b->v[k + 1])) > GEO_TOL)
            return 0;
    }
    return 1;
}

/* Whether part pa of a contains part pb of b: no point of b outside a, and a point of b in
 * a's interior (so a polygon does not contain a point on its edge). */
static int part_contains(const geo_sv *a, size_t pa, const geo_sv *b, size_t pb)
{
    geo_kind ka = geo_part_kind(a->g.kind), kb = geo_part_kind(b->g.kind);
    if (kb == GEO_POINT) {
        v3 p = b->v[geo_ring_first(&b->g, geo_part_first(&b->g, pb))];
        if (ka == GEO_POLYGON)
            return geo_polygon_locate(a, pa, p) == GEO_INSIDE;
        return geo_dist_point_part(a, pa, p) <= GEO_TOL;
    }
    if (ka == GEO_POINT || (ka == GEO_LINESTRING && kb == GEO_POLYGON))
        return 0;
    if (ka == GEO_LINESTRING)
        return line_contains_line(a, pa, b, pb);
    return polygon_contains_part(a, pa, b, pb) &&
           (kb != GEO_POLYGON || no_vertex_inside(a, pa, b, pb));
}

/* Each part of b inside one part of a. (A part of b spread over two touching parts of a
 * is not seen as contained: Rockset's multipolygons are disjoint, so this is rare.) */
static int geo_contains(const geo_sv *a, const geo_sv *b)
{
    for (size_t pb = 0; pb < b->g.nparts; pb++) {
        int found = 0;
        for (size_t pa = 0; pa < a->g.nparts && !found; pa++)
            found = part_contains(a, pa, b, pb);
        if (!found)
            return 0;
    }
    return 1;
}

enum { P_CONTAINS, P_WITHIN, P_INTERSECTS, P_DWITHIN, P_DISTANCE };

/* ST_CONTAINS(a, b), ST_WITHIN(a, b) (b contains a), ST_INTERSECTS(a, b) (a point in
 * common, within GEO_TOL), ST_DWITHIN(a, b, meters), ST_DISTANCE(a, b) (meters). */
static void fn_binary(sqlite3_context *c, int n, sqlite3_value **v)
{
    static const char *const names[] = { "ST_CONTAINS", "ST_WITHIN", "ST_INTERSECTS",
                                         "ST_DWITHIN", "ST_DISTANCE" };
    int op = (int)(intptr_t)sql_fn_data(c);
    const char *fn = names[op];
    geo_sv a, b;
    if (sql_fn_args(c, fn, n, v, geo2) != 0 || load_geo(c, fn, v[0], &a, 1) != 0)
        return;
    if (load_geo(c, fn, v[1], &b, 1) != 0) {
        geo_sv_free(&a);
        return;
    }
    switch (op) {
    case P_CONTAINS: sql_value_result_bool(c, geo_contains(&a, &b)); break;
    case P_WITHIN: sql_value_result_bool(c, geo_contains(&b, &a)); break;
    case P_INTERSECTS: sql_value_result_bool(c, geo_distance(&a, &b) <= GEO_TOL); break;
    case P_DWITHIN:
        sql_value_result_bool(c, geo_distance(&a, &b) * GEO_EARTH_RADIUS <=
                                 sqlite3_value_double(v[2]));
        break;
    default: sqlite3_result_double(c, geo_distance(&a, &b) * GEO_EARTH_RADIUS); break;
    }
    geo_sv_free(&a);
    geo_sv_free(&b);
}

void sql_fn_geo_register(sqlite3 *db)
{
    static const struct {
        const char *name;
        int nargs;
        void (*fn)(sqlite3_context *, int, sqlite3_value **);
        intptr_t op;
    } defs[] = {
        { "ST_GEOGPOINT", 2, fn_geogpoint, -1 }, { "ST_GEOGFROMTEXT", 1, fn_geogfrom, -1 },
        { "ST_GEOGFROMGEOJSON", 1, fn_geogfrom, -1 }, { "ST_X", 1, fn_xy, -1 },
        { "ST_Y", 1, fn_xy, -1 }, { "ST_ASTEXT", 1, fn_as, -1 },
        { "ST_ASGEOJSON", 1, fn_as, -1 }, { "ST_LENGTH", 1, fn_measure, -1 },
        { "ST_AREA", 1, fn_measure, -1 }, { "ST_CONTAINS", 2, fn_binary, P_CONTAINS },
        { "ST_WITHIN", 2, fn_binary, P_WITHIN }, { "ST_INTERSECTS", 2, fn_binary, P_INTERSECTS },
        { "ST_DWITHIN", 3, fn_binary, P_DWITHIN }, { "ST_DISTANCE", 2, fn_binary, P_DISTANCE },
    };
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
        sql_fn_register(db, defs[i].name, defs[i].nargs,
                        SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                        defs[i].op < 0 ? (void *)defs[i].name : (void *)defs[i].op,
                        defs[i].fn);
}
