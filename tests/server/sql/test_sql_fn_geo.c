/* SPDX-License-Identifier: Apache-2.0 */
/* The geographic functions of sql_fn_geo.c: Rockset's documented examples, WKT and GeoJSON
 * read and written back, invalid text, distances across the antimeridian and the poles,
 * containment with holes and on the sphere (edges are great circles, not straight lines on
 * a map), null and type rules, and what the wire shows. Expected distances come from the
 * sphere's geometry (an arc of one degree is R * pi / 180), not from this code. */
#include <CUnit/Basic.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/sql/sql_functions.h"
#include "tests/server/sql/test_sql_common.h"
#include "tests/cunit_main.h"

static sqlite3 *db;

#define R_EARTH 6371008.8
#define DEG_M (R_EARTH * M_PI / 180.0)    /* one degree of a great circle, in meters */

#define EX(expr, want) TSQL_EX(db, expr, want)
#define ERR(expr, part) TSQL_ERR(db, expr, part)

/* expr is a float within rel (relative) or 1e-6 (absolute) of want. */
#define NEAR(expr, want, rel) near_at(expr, want, rel, __LINE__)
static void near_at(const char *expr, double want, double rel, int line)
{
    char got[256];
    tsql_eval(db, expr, got, sizeof got);
    double d = strncmp(got, "float:", 6) == 0 ? strtod(got + 6, NULL) : NAN;
    int ok = fabs(d - want) <= fmax(fabs(want) * rel, 1e-6);
    if (!ok)
        fprintf(stderr, "\nline %d: %s\n  want %.17g\n  got  %s\n", line, expr, want, got);
    CU_ASSERT_TRUE(ok);
}

/* The WKT as ST_ASTEXT writes it back. */
#define WKT(in, out) EX("ST_ASTEXT(ST_GEOGFROMTEXT('" in "'))", "string:" out)

static void test_documented(void)
{
    /* docs.rockset.com/documentation/reference/geographic-functions */
    EX("ST_GEOGPOINT(-122.325133, 37.566564)",
       "geography:{\"type\":\"Point\",\"coordinates\":[-122.325133,37.566564]}");
    EX("ST_GEOGPOINT(190, 0)", "geography:{\"type\":\"Point\",\"coordinates\":[-170.0,0.0]}");
    EX("ST_GEOGPOINT(10, 100)",
       "geography:{\"type\":\"Point\",\"coordinates\":[-170.0,80.00000000000001]}");
    /* the older copy of the page (docs.rockset.com/geographic-functions/) */
    EX("ST_GEOGPOINT(0, 100)",
       "geography:{\"type\":\"Point\",\"coordinates\":[-180.0,80.00000000000001]}");
    EX("ST_X(ST_GEOGPOINT(-122.325133, 37.566564))", "float:-122.325133");
    EX("ST_Y(ST_GEOGPOINT(-122.325133, 37.566564))", "float:37.566564");
    EX("ST_GEOGFROMTEXT('POINT(12 34)')",
       "geography:{\"type\":\"Point\",\"coordinates\":[12.0,34.0]}");
}

static void test_wkt(void)
{
    WKT("POINT(12 34)", "POINT(12 34)");
    WKT("point ( -12.5   34.25 )", "POINT(-12.5 34.25)");
    WKT("POINT(0.1 -0.30000000000000004)", "POINT(0.1 -0.30000000000000004)");
    WKT("LINESTRING(12 34, 56 78, 42 42)", "LINESTRING(12 34, 56 78, 42 42)");
    WKT("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))",
        "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))");
    WKT("MULTIPOINT(1 2, 3 4)", "MULTIPOINT(1 2, 3 4)");
    WKT("MultiPoint((1 2), (3 4))", "MULTIPOINT(1 2, 3 4)");
    WKT("MULTILINESTRING((0 0, 1 1), (2 2, 3 3, 4 4))", "MULTILINESTRING((0 0, 1 1), (2 2, 3 3, 4 4))");
    WKT("MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5), (5.2 5.1, 5.8 5.1, 5.8 5.5, 5.2 5.1)))",
        "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5), (5.2 5.1, 5.8 5.1, 5.8 5.5, 5.2 5.1)))");
    WKT("POINT(1e1 -9E-1)", "POINT(10 -0.9)");
    /* GeoJSON of WKT: floats, as Rockset prints them */
    EX("ST_ASGEOJSON(ST_GEOGFROMTEXT('LINESTRING(12 34, 56 78)'))",
       "string:{\"type\":\"LineString\",\"coordinates\":[[12.0,34.0],[56.0,78.0]]}");
    EX("ST_ASGEOJSON(ST_GEOGFROMTEXT('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))'))",
       "string:{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0.0,0.0],[1.0,0.0],[1.0,1.0],[0.0,0.0]]]]}");
}

static void test_wkt_invalid(void)
{
    ERR("ST_GEOGFROMTEXT('POINT(12)')", "ST_GEOGFROMTEXT: invalid well-known text: expected a number at offset 8");
    ERR("ST_GEOGFROMTEXT('POINT 12 34')", "expected '(' at offset 6");
    ERR("ST_GEOGFROMTEXT('POINT(12 34')", "expected ')' at offset 11");
    ERR("ST_GEOGFROMTEXT('POINT(12 34) x')", "expected the end of the text at offset 13");
    ERR("ST_GEOGFROMTEXT('')", "expected a geometry type at offset 0");
    ERR("ST_GEOGFROMTEXT('CIRCLE(1 2)')", "unsupported geometry type 'CIRCLE'");
    ERR("ST_GEOGFROMTEXT('GEOMETRYCOLLECTION(POINT(1 2))')", "unsupported geometry type");
    ERR("ST_GEOGFROMTEXT('POINT EMPTY')", "expected '(' at offset 6");
    ERR("ST_GEOGFROMTEXT('POINT(nan 1)')", "expected a number at offset 6");
    ERR("ST_GEOGFROMTEXT('POINT(1 2 3)')", "expected ')' at offset 10");
    ERR("ST_GEOGFROMTEXT('LINESTRING(1 2)')", "a linestring needs at least 2 positions");
    ERR("ST_GEOGFROMTEXT('POLYGON((0 0, 1 0, 1 1, 0 1))')", "the last equal to the first");
    ERR("ST_GEOGFROMTEXT('POLYGON((0 0, 1 0, 0 0))')", "at least 4 positions");
    ERR("ST_GEOGFROMTEXT('POINT(181 0)')", "out of range");
    ERR("ST_GEOGFROMTEXT('POINT(0 -90.5)')", "out of range");
    ERR("ST_GEOGFROMTEXT('MULTIPOINT()')", "expected a number at offset 11");
}

static void test_geojson(void)
{
    EX("ST_GEOGFROMGEOJSON('{\"coordinates\": [1, 2.5], \"bbox\": [1, 2.5, 1, 2.5], \"type\": \"Point\"}')",
       "geography:{\"type\":\"Point\",\"coordinates\":[1.0,2.5]}");
    EX("ST_ASTEXT(ST_GEOGFROMGEOJSON('{\"type\":\"MultiPoint\",\"coordinates\":[[1,2],[3,4,100]]}'))",
       "string:MULTIPOINT(1 2, 3 4)");
    EX("ST_ASTEXT(ST_GEOGFROMGEOJSON('{\"type\":\"MultiLineString\",\"coordinates\":[[[0,0],[1,1]],[[2,2],[3,3]]]}'))",
       "string:MULTILINESTRING((0 0, 1 1), (2 2, 3 3))");
    EX("ST_ASTEXT(ST_GEOGFROMGEOJSON('{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}'))",
       "string:POLYGON((0 0, 1 0, 1 1, 0 0))");
    /* an object value (a document's field) as well as text */
    EX("ST_ASTEXT(ST_GEOGFROMGEOJSON(rs_jv('{\"type\":\"Point\",\"coordinates\":[5,6]}')))",
       "string:POINT(5 6)");
    ERR("ST_GEOGFROMGEOJSON('{\"type\":\"Circle\",\"coordinates\":[1,2]}')", "unsupported GeoJSON type 'Circle'");
    ERR("ST_GEOGFROMGEOJSON('{\"type\":\"Point\",\"coordinates\":[1]}')", "malformed \"coordinates\" of a Point");
    ERR("ST_GEOGFROMGEOJSON('{\"type\":\"Point\"}')", "malformed \"coordinates\"");
    ERR("ST_GEOGFROMGEOJSON('[1,2]')", "ST_GEOGFROMGEOJSON: invalid GeoJSON: not a GeoJSON object");
    ERR("ST_GEOGFROMGEOJSON('{\"type\":\"Point\",\"coordinates\":[1,2]')", "not a GeoJSON object");
    ERR("ST_GEOGFROMGEOJSON(3)", "ST_GEOGFROMGEOJSON: argument 1 has type int, expected string or object");
}

/* Values ingested in the wrapper reach the functions as geography. */
static void test_ingested(void)
{
    const char *pt = "rs_jv('{\"__rockset_type\":\"GEOGRAPHY\",\"value\":{\"coordinates\":[-122.325133,37.566564],\"type\":\"Point\"}}')";
    const char *poly = "rs_jv('{\"__rockset_type\":\"geography\",\"value\":{\"type\":\"Polygon\",\"coordinates\":[[[-123,37],[-122,37],[-122,38],[-123,38],[-123,37]]]}}')";
    char e[1024];
    snprintf(e, sizeof e, "ST_X(%s)", pt);
    EX(e, "float:-122.325133");
    snprintf(e, sizeof e, "ST_CONTAINS(%s, %s)", poly, pt);
    EX(e, "bool:true");
    snprintf(e, sizeof e, "ST_ASTEXT(%s)", pt);
    EX(e, "string:POINT(-122.325133 37.566564)");
    /* a document's field, through the translator and the encoder */
    CU_ASSERT_EQUAL(sqlite3_exec(db, "INSERT INTO docs_1 VALUES ('g', 0, '{\"name\":\"Geo\","
                                     "\"loc\":{\"__rockset_type\":\"GEOGRAPHY\",\"value\":"
                                     "{\"type\":\"Point\",\"coordinates\":[1,0]}}}');"
                                     "INSERT INTO coll_fields VALUES (1, 'loc')",
                                 NULL, NULL, NULL), SQLITE_OK);
    tsql_expect(db, "SELECT loc, ST_X(loc) AS x, ST_DWITHIN(loc, ST_GEOGPOINT(0, 0), 111196) AS"
                " near FROM people WHERE ST_INTERSECTS(loc, ST_GEOGFROMTEXT('LINESTRING(0 0, 2 0)'))",
                NULL, "[{\"loc\":{\"__rockset_type\":\"GEOGRAPHY\",\"value\":{\"type\":"
                "\"Point\",\"coordinates\":[1,0]}},\"x\":1.0,\"near\":true}]");
    sqlite3_exec(db, "DELETE FROM docs_1 WHERE _id = 'g'", NULL, NULL, NULL);
    tsql_expect(db, "SELECT ST_GEOGPOINT(1, 2) AS g, ST_Y(ST_GEOGFROMTEXT('POINT(3 4)')) AS y",
                NULL, "[{\"g\":{\"__rockset_type\":\"GEOGRAPHY\",\"value\":{\"type\":\"Point\","
                "\"coordinates\":[1.0,2.0]}},\"y\":4.0}]");
}

static void test_distance(void)
{
    NEAR("ST_DISTANCE(ST_GEOGPOINT(0, 0), ST_GEOGPOINT(1, 0))", DEG_M, 1e-12);
    /* across the antimeridian: one degree, not 359 */
    NEAR("ST_DISTANCE(ST_GEOGPOINT(179.5, 0), ST_GEOGPOINT(-179.5, 0))", DEG_M, 1e-9);
    /* over the pole: 89.5N on opposite meridians is one degree apart */
    NEAR("ST_DISTANCE(ST_GEOGPOINT(0, 89.5), ST_GEOGPOINT(180, 89.5))", DEG_M, 1e-9);
    NEAR("ST_DISTANCE(ST_GEOGPOINT(0, 90), ST_GEOGPOINT(0, -90))", M_PI * R_EARTH, 1e-12);
    NEAR("ST_DISTANCE(ST_GEOGPOINT(10, 90), ST_GEOGPOINT(-170, 90))", 0, 0);
    NEAR("ST_DISTANCE(ST_GEOGPOINT(30, 0), ST_GEOGPOINT(-150, 0))", M_PI * R_EARTH, 1e-12);
    /* a point one degree off the equator, a line along it */
    NEAR("ST_DISTANCE(ST_GEOGFROMTEXT('POINT(0 1)'), ST_GEOGFROMTEXT('LINESTRING(-1 0, 1 0)'))",
         DEG_M, 1e-9);
    NEAR("ST_DISTANCE(ST_GEOGFROMTEXT('POINT(5 0)'), ST_GEOGFROMTEXT('LINESTRING(-1 0, 1 0)'))",
         4 * DEG_M, 1e-9);
    NEAR("ST_DISTANCE(ST_GEOGFROMTEXT('LINESTRING(0 -1, 0 1)'), ST_GEOGFROMTEXT('LINESTRING(-1 0, 1 0)'))",
         0, 0);
    NEAR("ST_DISTANCE(ST_GEOGFROMTEXT('LINESTRING(179 1, -179 1)'), ST_GEOGFROMTEXT('POINT(180 0)'))",
         DEG_M, 1e-3);
    NEAR("ST_DISTANCE(ST_GEOGFROMTEXT('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'), ST_GEOGPOINT(5, 5))",
         0, 0);
    NEAR("ST_DISTANCE(ST_GEOGFROMTEXT('POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))'), ST_GEOGPOINT(0.5, -1))",
         DEG_M, 1e-6);
    NEAR("ST_LENGTH(ST_GEOGFROMTEXT('LINESTRING(0 0, 1 0, 1 1)'))", 2 * DEG_M, 1e-12);
    NEAR("ST_LENGTH(ST_GEOGPOINT(1, 2))", 0, 0);
    /* the octant triangle: an eighth of the sphere, whichever way it winds */
    NEAR("ST_AREA(ST_GEOGFROMTEXT('POLYGON((0 0, 90 0, 0 90, 0 0))'))",
         M_PI * R_EARTH * R_EARTH / 2, 1e-12);
    NEAR("ST_AREA(ST_GEOGFROMTEXT('POLYGON((0 0, 0 90, 90 0, 0 0))'))",
         M_PI * R_EARTH * R_EARTH / 2, 1e-12);
    NEAR("ST_AREA(ST_GEOGFROMTEXT('LINESTRING(0 0, 1 1)'))", 0, 0);
    EX("ST_DWITHIN(ST_GEOGPOINT(0, 0), ST_GEOGPOINT(1, 0), 111196)", "bool:true");
    EX("ST_DWITHIN(ST_GEOGPOINT(0, 0), ST_GEOGPOINT(1, 0), 111195)", "bool:false");
}

static void test_containment(void)
{
    const char *holed = "ST_GEOGFROMTEXT('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))')";
    static const struct { const char *pt, *contains, *intersects; } cases[] = {
        { "POINT(2 2)", "bool:true", "bool:true" },
        { "POINT(5 5)", "bool:false", "bool:false" },        /* in the hole */
        { "POINT(11 5)", "bool:false", "bool:false" },
        { "POINT(0 5)", "bool:false", "bool:true" },         /* on the shell (a meridian) */
        { "POINT(0 0)", "bool:false", "bool:true" },         /* a vertex */
        { "POINT(5 4)", "bool:true", "bool:true" },          /* below the hole's edge, which
                                                               bulges north to 4.0006 */
        { "POINT(4 5)", "bool:false", "bool:true" },         /* on the hole's meridian edge */
    };
    char e[1024];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(e, sizeof e, "ST_CONTAINS(%s, ST_GEOGFROMTEXT('%s'))", holed, cases[i].pt);
        EX(e, cases[i].contains);
        snprintf(e, sizeof e, "ST_INTERSECTS(%s, ST_GEOGFROMTEXT('%s'))", holed, cases[i].pt);
        EX(e, cases[i].intersects);
    }
    snprintf(e, sizeof e, "ST_WITHIN(ST_GEOGPOINT(2, 2), %s)", holed);
    EX(e, "bool:true");
    /* polygons: inside the shell, over the hole, crossing the shell */
    snprintf(e, sizeof e, "ST_CONTAINS(%s, ST_GEOGFROMTEXT('POLYGON((1 1, 3 1, 3 3, 1 3, 1 1))'))", holed);
    EX(e, "bool:true");
    snprintf(e, sizeof e, "ST_CONTAINS(%s, ST_GEOGFROMTEXT('POLYGON((3 3, 7 3, 7 7, 3 7, 3 3))'))", holed);
    EX(e, "bool:false");
    snprintf(e, sizeof e, "ST_CONTAINS(%s, ST_GEOGFROMTEXT('LINESTRING(1 1, 9 1)'))", holed);
    EX(e, "bool:true");
    snprintf(e, sizeof e, "ST_CONTAINS(%s, ST_GEOGFROMTEXT('LINESTRING(1 5, 9 5)'))", holed);
    EX(e, "bool:false");                                    /* through the hole */
    snprintf(e, sizeof e, "ST_INTERSECTS(%s, ST_GEOGFROMTEXT('LINESTRING(-1 5, 1 5)'))", holed);
    EX(e, "bool:true");
    EX("ST_CONTAINS(ST_GEOGFROMTEXT('POLYGON((1 1, 3 1, 3 3, 1 3, 1 1))'), ST_GEOGFROMTEXT('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))'))",
       "bool:false");
    EX("ST_INTERSECTS(ST_GEOGFROMTEXT('LINESTRING(0 -1, 0 1)'), ST_GEOGFROMTEXT('LINESTRING(-1 0, 1 0)'))",
       "bool:true");
    EX("ST_CONTAINS(ST_GEOGFROMTEXT('LINESTRING(0 0, 2 0)'), ST_GEOGPOINT(1, 0))", "bool:true");
    EX("ST_CONTAINS(ST_GEOGPOINT(1, 2), ST_GEOGPOINT(1, 2))", "bool:true");
    EX("ST_CONTAINS(ST_GEOGFROMTEXT('MULTIPOINT(1 2, 3 4)'), ST_GEOGPOINT(3, 4))", "bool:true");
}

/* Containment on the sphere: rings across the antimeridian and around a pole, and edges
 * that are great circles (the edge from (0 80) to (90 80) bulges to about 83N). */
static void test_sphere(void)
{
    const char *am = "ST_GEOGFROMTEXT('POLYGON((170 -10, -170 -10, -170 10, 170 10, 170 -10))')";
    const char *cap = "ST_GEOGFROMTEXT('POLYGON((0 80, 90 80, 180 80, -90 80, 0 80))')";
    char e[512];
    snprintf(e, sizeof e, "ST_CONTAINS(%s, ST_GEOGPOINT(180, 0))", am);
    EX(e, "bool:true");
    snprintf(e, sizeof e, "ST_CONTAINS(%s, ST_GEOGPOINT(-175, 5))", am);
    EX(e, "bool:true");
    snprintf(e, sizeof e, "ST_CONTAINS(%s, ST_GEOGPOINT(0, 0))", am);
    EX(e, "bool:false");
    snprintf(e, sizeof e, "ST_CONTAINS(%s, ST_GEOGPOINT(0, 90))", cap);
    EX(e, "bool:true");
    snprintf(e, sizeof e, "ST_CONTAINS(%s, ST_GEOGPOINT(45, 84))", cap);
    EX(e, "bool:true");
    snprintf(e, sizeof e, "ST_CONTAINS(%s, ST_GEOGPOINT(45, 81))", cap);
    EX(e, "bool:false");
    snprintf(e, sizeof e, "ST_CONTAINS(%s, ST_GEOGPOINT(0, 70))", cap);
    EX(e, "bool:false");
    /* the same ring wound the other way bounds the same (smaller) region */
    EX("ST_CONTAINS(ST_GEOGFROMTEXT('POLYGON((0 80, -90 80, 180 80, 90 80, 0 80))'), ST_GEOGPOINT(0, 90))",
       "bool:true");
}

static void test_types_nulls(void)
{
    EX("ST_X(null)", "null");
    EX("ST_GEOGPOINT(null, 1)", "null");
    EX("ST_GEOGFROMTEXT(null)", "null");
    EX("ST_DISTANCE(null, ST_GEOGPOINT(0, 0))", "null");
    EX("ST_CONTAINS(ST_GEOGPOINT(0, 0), null)", "null");
    EX("ST_DWITHIN(ST_GEOGPOINT(0, 0), ST_GEOGPOINT(0, 0), null)", "null");
    EX("ST_ASTEXT(null)", "null");
    ERR("ST_X('POINT(1 2)')", "ST_X: argument 1 has type string, expected geography");
    ERR("ST_Y(ST_GEOGFROMTEXT('LINESTRING(0 0, 1 1)'))", "ST_Y: argument 1 is a LineString, expected a Point");
    ERR("ST_X(ST_GEOGFROMTEXT('POLYGON((0 0, 1 0, 1 1, 0 0))'))", "ST_X: argument 1 is a Polygon");
    ERR("ST_GEOGPOINT('a', 1)", "ST_GEOGPOINT: argument 1 has type string, expected int or float");
    ERR("ST_GEOGFROMTEXT(1)", "ST_GEOGFROMTEXT: argument 1 has type int, expected string");
    ERR("ST_DISTANCE(ST_GEOGPOINT(0, 0), 1)", "ST_DISTANCE: argument 2 has type int, expected geography");
    ERR("ST_DWITHIN(ST_GEOGPOINT(0, 0), ST_GEOGPOINT(0, 0), 'x')", "ST_DWITHIN: argument 3 has type string");
    ERR("ST_ASGEOJSON(rs_jv('{\"__rockset_type\":\"GEOGRAPHY\",\"value\":{\"type\":\"Point\"}}'))",
        "ST_ASGEOJSON: invalid geography");
    EX("ST_GEOGPOINT(1, 2)", "geography:{\"type\":\"Point\",\"coordinates\":[1.0,2.0]}");
    EX("rs_typeof(ST_GEOGPOINT(-180, -90))", "string:geography");
}

int main(void)
{
    static const cu_case cases[] = {
        {"documented examples", test_documented},
        {"WKT round trips", test_wkt},
        {"invalid WKT", test_wkt_invalid},
        {"GeoJSON", test_geojson},
        {"ingested values and the wire", test_ingested},
        {"distance, length, area", test_distance},
        {"containment and holes", test_containment},
        {"antimeridian, poles, geodesic edges", test_sphere},
        {"types and nulls", test_types_nulls},
        {NULL, NULL},
    };
    int rc;

    db = tsql_open();
    if (!db)
        return 1;
    srv_sql_register_functions(db);
    rc = cu_run("sql_fn_geo", cases);
    sqlite3_close(db);
    return rc;
}
