/* SPDX-License-Identifier: Apache-2.0 */
/* Spherical geometry of the geographic functions. Rockset computes on the sphere (its
 * geography type is the S2 library's), so edges here are geodesics (great-circle arcs, the
 * shortest way between two positions, even across the antimeridian or a pole), distances
 * are great-circle distances on a sphere of radius GEO_EARTH_RADIUS, and a polygon ring
 * bounds the smaller of the two regions it divides the sphere into, whichever way it winds
 * (Rockset does not document an orientation rule; "smaller region" reads any input alike).
 * Every computation works on unit vectors, where the antimeridian and the poles are not
 * special. Formulas: the haversine distance, the distance to an arc by projection on its
 * great circle, the signed solid angle of a triangle by the Van Oosterom-Strackee formula,
 * and point in ring by counting crossings from a point known to be inside. */
#include "server/sql/sql_fn_geo_sphere.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>

static v3 v3_add(v3 a, v3 b) { return (v3){ a.x + b.x, a.y + b.y, a.z + b.z }; }
static v3 v3_scale(v3 a, double k) { return (v3){ a.x * k, a.y * k, a.z * k }; }
static double v3_dot(v3 a, v3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static v3 v3_cross(v3 a, v3 b)
{
    return (v3){ a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x };
}
static double v3_norm(v3 a) { return sqrt(v3_dot(a, a)); }
static v3 v3_unit(v3 a)
{
    double n = v3_norm(a);
    return n > 0 ? v3_scale(a, 1.0 / n) : a;
}

v3 geo_to_v3(double lon, double lat)
{
    double t = lon * (M_PI / 180.0), p = lat * (M_PI / 180.0);
    return (v3){ cos(t) * cos(p), sin(t) * cos(p), sin(p) };
}

void geo_from_v3(v3 v, double *lon, double *lat)
{
    *lon = atan2(v.y, v.x) * (180.0 / M_PI);
    *lat = atan2(v.z, sqrt(v.x * v.x + v.y * v.y)) * (180.0 / M_PI);
}

/* The angle between two unit vectors; atan2 keeps it accurate for tiny and near-pi angles,
 * where acos of the dot product loses digits. */
double geo_angle(v3 a, v3 b)
{
    return atan2(v3_norm(v3_cross(a, b)), v3_dot(a, b));
}

double geo_haversine(double lon1, double lat1, double lon2, double lat2)
{
    double p1 = lat1 * (M_PI / 180.0), p2 = lat2 * (M_PI / 180.0);
    double dp = p2 - p1, dl = (lon2 - lon1) * (M_PI / 180.0);
    double h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
    if (h > 1)
        h = 1;
    return 2 * atan2(sqrt(h), sqrt(1 - h));
}

/* The angle from p to the arc a-b (a == b: a point). */
double geo_dist_point_arc(v3 p, v3 a, v3 b)
{
    v3 n = v3_cross(a, b);
    double nn = v3_norm(n);
    double da = geo_angle(p, a), db = geo_angle(p, b);
    if (nn < 1e-300)
        return da < db ? da : db;
    n = v3_scale(n, 1.0 / nn);
    /* the foot of p on the great circle is inside the arc when it lies on b's side of the
     * plane through a and n, and on a's side of the one through b and n */
    if (v3_dot(v3_cross(a, p), n) > 0 && v3_dot(v3_cross(p, b), n) > 0) {
        double s = fabs(v3_dot(p, n));
        return asin(s > 1 ? 1 : s);
    }
    return da < db ? da : db;
}

static int sgn(double x) { return (x > 0) - (x < 0); }

/* 1 when the arcs a-b and c-d cross at a point inside both (not at an end), 0 when they do
 * not, -1 when an end lies on the other arc's great circle (too close to call). */
int geo_arcs_cross(v3 a, v3 b, v3 c, v3 d)
{
    v3 n1 = v3_cross(a, b), n2 = v3_cross(c, d);
    double t1 = v3_dot(n1, c), t2 = v3_dot(n1, d), t3 = v3_dot(n2, a), t4 = v3_dot(n2, b);
    const double eps = 1e-15;
    if (fabs(t1) < eps || fabs(t2) < eps || fabs(t3) < eps || fabs(t4) < eps)
        return -1;
    if (sgn(t1) == sgn(t2) || sgn(t3) == sgn(t4))
        return 0;
    /* the great circles meet at +x and -x: the arcs cross when the same one is on both,
     * and a point of a minor arc is on the side of its midpoint */
    v3 x = v3_cross(n1, n2);
    if (v3_dot(x, v3_add(a, b)) < 0)
        x = v3_scale(x, -1);
    return v3_dot(x, v3_add(c, d)) > 0;
}

v3 geo_midpoint(v3 a, v3 b)
{
    return v3_unit(v3_add(a, b));
}

/* Area (steradians) of the region to the left of ring r as it runs, in [0, 4 pi): the sum
 * of the signed solid angles of the fan from its first vertex, exact modulo 4 pi. */
static double ring_left_area(const geo_sv *s, size_t r)
{
    size_t a = geo_ring_first(&s->g, r), m = s->g.ring_end[r] - a - 1;
    v3 o = s->v[a];
    double sum = 0;
    for (size_t i = 1; i + 1 < m; i++) {
        v3 p = s->v[a + i], q = s->v[a + i + 1];
        double num = v3_dot(o, v3_cross(p, q));
        double den = 1 + v3_dot(o, p) + v3_dot(p, q) + v3_dot(q, o);
        sum += 2 * atan2(num, den);
    }
    sum = fmod(sum, 4 * M_PI);
    return sum < 0 ? sum + 4 * M_PI : sum;
}

int geo_sv_init(geo_sv *s)
{
    const geo *g = &s->g;
    s->v = sqlite3_malloc64((g->npos ? g->npos : 1) * sizeof *s->v);
    s->ring_area = sqlite3_malloc64((g->nrings ? g->nrings : 1) * sizeof *s->ring_area);
    s->ring_left = sqlite3_malloc64(g->nrings ? g->nrings : 1);
    if (!s->v || !s->ring_area || !s->ring_left)
        return -1;
    for (size_t i = 0; i < g->npos; i++)
        s->v[i] = geo_to_v3(g->pos[i].lon, g->pos[i].lat);
    for (size_t r = 0; r < g->nrings; r++) {
        s->ring_left[r] = 1;
        s->ring_area[r] = 0;
        if (geo_part_kind(g->kind) == GEO_POLYGON) {
            double left = ring_left_area(s, r);
            s->ring_left[r] = left <= 2 * M_PI;
            s->ring_area[r] = s->ring_left[r] ? left : 4 * M_PI - left;
        }
    }
    return 0;
}

void geo_sv_free(geo_sv *s)
{
    sqlite3_free(s->v);
    sqlite3_free(s->ring_area);
    sqlite3_free(s->ring_left);
    geo_free(&s->g);
    memset(s, 0, sizeof *s);
}

/* 1 when p is in the region left of ring r. A point just left of the middle of one edge is
 * on that side by construction; the crossings of the arc from it to p tell whether p is on
 * the same side. An arc that grazes a vertex cannot be called, so another edge's point is
 * tried. */
static int in_left(const geo_sv *s, size_t r, v3 p)
{
    size_t a = geo_ring_first(&s->g, r), m = s->g.ring_end[r] - a - 1;
    int result = 1;
    for (size_t j = 0; j < m; j++) {
        v3 e0 = s->v[a + j], e1 = s->v[a + j + 1];
        double len = geo_angle(e0, e1);
        if (len < 1e-12)
            continue;
        double eps = len * 1e-6 > 1e-11 ? len * 1e-6 : 1e-11;
        v3 ref = v3_unit(v3_add(geo_midpoint(e0, e1),
                                v3_scale(v3_unit(v3_cross(e0, e1)), eps)));
        if (v3_dot(ref, p) < -1 + 1e-12)
            continue;                          /* antipodal: no unique arc */
        int crossings = 0, unsure = 0;
        for (size_t k = 0; k < m && !unsure; k++) {
            int x = geo_arcs_cross(ref, p, s->v[a + k], s->v[a + k + 1]);
            unsure = x < 0;
            crossings += x > 0;
        }
        result = crossings % 2 == 0;
        if (!unsure)
            break;
    }
    return result;
}

/* The distance (radians) from p to ring r's edges. */
static double dist_to_ring(const geo_sv *s, size_t r, v3 p)
{
    size_t a = geo_ring_first(&s->g, r), e = s->g.ring_end[r];
    double best = INFINITY;
    if (e - a == 1)
        return geo_angle(p, s->v[a]);
    for (size_t i = a; i + 1 < e && best > 0; i++) {
        double d = geo_dist_point_arc(p, s->v[i], s->v[i + 1]);
        if (d < best)
            best = d;
    }
    return best;
}

int geo_polygon_locate(const geo_sv *s, size_t part, v3 p)
{
    size_t r0 = geo_part_first(&s->g, part), r1 = s->g.part_end[part];
    for (size_t r = r0; r < r1; r++)
        if (dist_to_ring(s, r, p) <= GEO_TOL)
            return GEO_ON_BOUNDARY;
    if (in_left(s, r0, p) != s->ring_left[r0])
        return GEO_OUTSIDE;
    for (size_t r = r0 + 1; r < r1; r++)
        if (in_left(s, r, p) == s->ring_left[r])
            return GEO_OUTSIDE;                  /* in a hole */
    return GEO_INSIDE;
}

double geo_dist_point_part(const geo_sv *s, size_t part, v3 p)
{
    size_t r0 = geo_part_first(&s->g, part), r1 = s->g.part_end[part];
    if (geo_part_kind(s->g.kind) == GEO_POLYGON && geo_polygon_locate(s, part, p) != GEO_OUTSIDE)
        return 0;
    double best = INFINITY;
    for (size_t r = r0; r < r1 && best > 0; r++) {
        double d = dist_to_ring(s, r, p);
        if (d < best)
            best = d;
    }
    return best;
}

/* The distance between the edges (or lone positions) of two parts. */
static double dist_edges(const geo_sv *a, size_t pa, const geo_sv *b, size_t pb)
{
    double best = INFINITY;
    for (size_t ra = geo_part_first(&a->g, pa); ra < a->g.part_end[pa]; ra++) {
        size_t a0 = geo_ring_first(&a->g, ra), a1 = a->g.ring_end[ra];
        for (size_t i = a0; i < a1 && best > 0; i++) {
            v3 p = a->v[i], q = a->v[i + 1 < a1 ? i + 1 : i];
            if (i + 1 == a1 && a1 - a0 > 1)
                break;                          /* the last position ended an edge */
            for (size_t rb = geo_part_first(&b->g, pb); rb < b->g.part_end[pb]; rb++) {
                size_t b0 = geo_ring_first(&b->g, rb), b1 = b->g.ring_end[rb];
                for (size_t k = b0; k < b1 && best > 0; k++) {
                    v3 c = b->v[k], d = b->v[k + 1 < b1 ? k + 1 : k];
                    if (k + 1 == b1 && b1 - b0 > 1)
                        break;
                    double x = geo_arcs_cross(p, q, c, d) > 0 ? 0 : geo_dist_point_arc(p, c, d);
                    double y = geo_dist_point_arc(q, c, d), z = geo_dist_point_arc(c, p, q);
                    double w = geo_dist_point_arc(d, p, q);
                    x = fmin(fmin(x, y), fmin(z, w));
                    if (x < best)
                        best = x;
                }
            }
        }
    }
    return best;
}

/* 1 when a position of part pb of b is in (or on) polygon part pa of a. */
static int any_pos_in(const geo_sv *a, size_t pa, const geo_sv *b, size_t pb)
{
    if (geo_part_kind(a->g.kind) != GEO_POLYGON)
        return 0;
    size_t r0 = geo_part_first(&b->g, pb), r1 = b->g.part_end[pb];
    for (size_t i = geo_ring_first(&b->g, r0); i < b->g.ring_end[r1 - 1]; i++)
        if (geo_polygon_locate(a, pa, b->v[i]) != GEO_OUTSIDE)
            return 1;
    return 0;
}

double geo_distance(const geo_sv *a, const geo_sv *b)
{
    double best = INFINITY;
    if (a->g.kind == GEO_POINT && b->g.kind == GEO_POINT)
        return geo_haversine(a->g.pos[0].lon, a->g.pos[0].lat, b->g.pos[0].lon,
                             b->g.pos[0].lat);
    for (size_t pa = 0; pa < a->g.nparts && best > 0; pa++)
        for (size_t pb = 0; pb < b->g.nparts && best > 0; pb++) {
            if (any_pos_in(a, pa, b, pb) || any_pos_in(b, pb, a, pa))
                return 0;
            double d = dist_edges(a, pa, b, pb);
            if (d < best)
                best = d;
        }
    return best;
}
