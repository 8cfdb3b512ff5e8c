/* SPDX-License-Identifier: Apache-2.0 */
/* Spherical geometry over the geography model (sql_fn_geo.h): see sql_fn_geo_sphere.c for
 * the model of the earth and the formulas. Angles are radians; callers scale by
 * GEO_EARTH_RADIUS for meters. */
#ifndef SQL_FN_GEO_SPHERE_H
#define SQL_FN_GEO_SPHERE_H

#include "server/sql/sql_fn_geo.h"

/* The mean earth radius (meters) of the S2 library Rockset's geography is built on. */
#define GEO_EARTH_RADIUS 6371008.8
/* Positions closer than this (radians, 10 micrometers) are the same point: a position on
 * an edge, computed in floating point, is seldom exactly on it. */
#define GEO_TOL (1e-5 / GEO_EARTH_RADIUS)

typedef struct v3 {
    double x, y, z;
} v3;

/* A geography with its positions as unit vectors and, per polygon ring, whether its
 * interior is left of its run and the interior's area (steradians). */
typedef struct geo_sv {
    geo g;
    v3 *v;
    double *ring_area;
    unsigned char *ring_left;
} geo_sv;

/* Fills v, ring_area, ring_left from g (already parsed). 0 ok, -1 out of memory (the
 * caller still calls geo_sv_free). */
int geo_sv_init(geo_sv *s);
void geo_sv_free(geo_sv *s);

v3 geo_to_v3(double lon, double lat);
void geo_from_v3(v3 v, double *lon, double *lat);
double geo_angle(v3 a, v3 b);
v3 geo_midpoint(v3 a, v3 b);
/* The central angle between two positions (degrees in), by the haversine formula. */
double geo_haversine(double lon1, double lat1, double lon2, double lat2);
double geo_dist_point_arc(v3 p, v3 a, v3 b);
/* 1 the arcs cross inside both, 0 not, -1 an end lies on the other's great circle. */
int geo_arcs_cross(v3 a, v3 b, v3 c, v3 d);

enum { GEO_OUTSIDE, GEO_ON_BOUNDARY, GEO_INSIDE };
/* Where p is relative to polygon part `part` of s (holes excluded; a hole's edge is
 * boundary). */
int geo_polygon_locate(const geo_sv *s, size_t part, v3 p);
/* The angle from p to part `part` of s (0 inside a polygon). */
double geo_dist_point_part(const geo_sv *s, size_t part, v3 p);
/* The least angle between any point of a and any point of b. */
double geo_distance(const geo_sv *a, const geo_sv *b);

#endif
