/* SPDX-License-Identifier: Apache-2.0 */
/* The geography model of the geographic functions (sql_fn_geo.c) and its two text forms,
 * WKT and GeoJSON (sql_fn_geo_wkt.c). A geography value of the value model is GeoJSON text
 * (sql_value.h); the functions parse it into this model, compute, and write GeoJSON back,
 * so a value ingested as {"__rockset_type": "GEOGRAPHY", "value": {GeoJSON}} and one made
 * by ST_GEOGPOINT are read the same way.
 *
 * One shape for every kind, parts -> rings -> positions, so the spherical code walks a
 * point, a line and a polygon alike:
 *   Point            1 part, 1 ring of 1 position
 *   LineString       1 part, 1 ring (the line)
 *   Polygon          1 part, rings: the shell then the holes (each closed: last == first)
 *   Multi*           one part per member, each as above
 */
#ifndef SQL_FN_GEO_H
#define SQL_FN_GEO_H

#include <stddef.h>

typedef enum geo_kind {
    GEO_POINT, GEO_LINESTRING, GEO_POLYGON,
    GEO_MULTIPOINT, GEO_MULTILINESTRING, GEO_MULTIPOLYGON
} geo_kind;

typedef struct geo_pos {
    double lon, lat;                         /* degrees */
} geo_pos;

typedef struct geo {
    geo_kind kind;
    geo_pos *pos;
    size_t npos, cappos;
    size_t *ring_end;                        /* ring i: pos[ring_end[i-1] .. ring_end[i]) */
    size_t nrings, caprings;
    size_t *part_end;                        /* part j: rings [part_end[j-1] .. part_end[j]) */
    size_t nparts, capparts;
    int oom;
} geo;

/* The kind of one part of a kind (GEO_MULTIPOLYGON -> GEO_POLYGON, ...). */
geo_kind geo_part_kind(geo_kind k);
const char *geo_kind_name(geo_kind k);       /* GeoJSON's name: "Point", ... */

void geo_free(geo *g);
/* Building: positions go into the open ring, rings into the open part. */
void geo_add_pos(geo *g, double lon, double lat);
void geo_end_ring(geo *g);
void geo_end_part(geo *g);

/* Index helpers. */
static inline size_t geo_ring_first(const geo *g, size_t r) { return r ? g->ring_end[r - 1] : 0; }
static inline size_t geo_part_first(const geo *g, size_t p) { return p ? g->part_end[p - 1] : 0; }

/* Parsers: 0 ok; -1 with a reason in err (errlen bytes); -2 out of memory. On failure g is
 * freed. Positions must be longitude in [-180, 180] and latitude in [-90, 90]; lines need 2
 * positions, rings 4 with the last equal to the first. */
int geo_parse_wkt(const char *s, size_t n, geo *g, char *err, size_t errlen);
int geo_parse_geojson(const char *s, size_t n, geo *g, char *err, size_t errlen);

/* Writers into a buffer from sqlite3_malloc (*out, *outlen, NUL-terminated). 0 ok, -2 oom. */
int geo_write_wkt(const geo *g, char **out, size_t *outlen);
int geo_write_geojson(const geo *g, char **out, size_t *outlen);

/* Shortest text that reads back as d; with_point adds ".0" to an integral value (GeoJSON
 * floats, as Rockset prints 12.0). out >= 32 bytes. */
void geo_num_text(double d, int with_point, char *out, size_t outlen);

#endif
