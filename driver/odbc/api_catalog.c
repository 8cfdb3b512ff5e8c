/* SPDX-License-Identifier: Apache-2.0 */
/* Entry points: catalog functions. Each converts its arguments and runs the catalog area's
 * row source through the statement (the statement fetches it like any result). */
#include "driver/odbc/api.h"

#include <stdlib.h>

enum { CAT_TABLES, CAT_COLUMNS, CAT_PKEYS, CAT_STATS, CAT_SPECIAL, CAT_FKEYS, CAT_TPRIVS,
       CAT_CPRIVS, CAT_PROCS, CAT_PROCCOLS, CAT_TYPES };

/* a: up to 6 UTF-8 arguments (NULL = null pointer); x, y, z: the numeric ones. */
static SQLRETURN run_catalog(rs_stmt *s, int fn, char **a, SQLUSMALLINT x, SQLUSMALLINT y,
                             SQLUSMALLINT z)
{
    rs_catalog_ctx cx;
    rs_rowsource *rs = NULL;
    rs_error err;
    int r = -1;

    if (s->need_data)
        return rs_diag_post(&s->h.diag, "HY010", 0, "data at execution is in progress");
    if (s->cursor_open)
        return rs_diag_post(&s->h.diag, "24000", 0, "a cursor is open");
    rs_stmt_unprepare(s); /* a catalog result replaces any prepared statement */
    rs_conn_catalog_ctx(s->conn, &cx, s->metadata_id == SQL_TRUE);
    rs_error_clear(&err);
    atomic_store(&s->cancel_requested, 0);
    if (rs_stmt_begin_request(s) != 0) {
        rs_stmt_end_request(s);
        return rs_diag_post(&s->h.diag, "HY008", 0, "the statement was cancelled");
    }
    switch (fn) {
    case CAT_TABLES: r = rs_catalog_tables(&cx, a[0], a[1], a[2], a[3], &rs, &err); break;
    case CAT_COLUMNS: r = rs_catalog_columns(&cx, a[0], a[1], a[2], a[3], &rs, &err); break;
    case CAT_PKEYS: r = rs_catalog_primary_keys(&cx, a[0], a[1], a[2], &rs, &err); break;
    case CAT_STATS: r = rs_catalog_statistics(&cx, a[0], a[1], a[2], x, y, &rs, &err); break;
    case CAT_SPECIAL:
        r = rs_catalog_special_columns(&cx, x, a[0], a[1], a[2], y, z, &rs, &err);
        break;
    case CAT_FKEYS:
        r = rs_catalog_foreign_keys(&cx, a[0], a[1], a[2], a[3], a[4], a[5], &rs, &err);
        break;
    case CAT_TPRIVS: r = rs_catalog_table_privileges(&cx, a[0], a[1], a[2], &rs, &err); break;
    case CAT_CPRIVS:
        r = rs_catalog_column_privileges(&cx, a[0], a[1], a[2], a[3], &rs, &err);
        break;
    case CAT_PROCS: r = rs_catalog_procedures(&cx, a[0], a[1], a[2], &rs, &err); break;
    case CAT_PROCCOLS:
        r = rs_catalog_procedure_columns(&cx, a[0], a[1], a[2], a[3], &rs, &err);
        break;
    case CAT_TYPES: r = rs_catalog_type_info(&cx, (SQLSMALLINT)x, &rs, &err); break;
    default: break;
    }
    rs_stmt_end_request(s);
    return rs_api_catalog_open(s, r, rs, &err);
}

static void free_args(char **a, int n)
{
    for (int i = 0; i < n; i++)
        free(a[i]);
}

#define A(p, l) rs_in_a(p, l)
#define W(p, l) rs_in_w(p, l)

#define CATALOG_ENTRY(fn, nargs, x, y, z, ...)             \
    RS_ENTER(rs_stmt, s, hstmt, SQL_HANDLE_STMT);          \
    char *a[6] = {__VA_ARGS__};                            \
    SQLRETURN rc = run_catalog(s, fn, a, x, y, z);         \
    free_args(a, nargs);                                   \
    RS_LEAVE(s, rc)

/* SQLTables: "returns the list of table, catalog, or schema names, and table types". */
SQLRETURN SQL_API SQLTables(SQLHSTMT hstmt, SQLCHAR *c, SQLSMALLINT cl, SQLCHAR *sc,
                            SQLSMALLINT sl, SQLCHAR *t, SQLSMALLINT tl, SQLCHAR *ty,
                            SQLSMALLINT tyl)
{
    CATALOG_ENTRY(CAT_TABLES, 4, 0, 0, 0, A(c, cl), A(sc, sl), A(t, tl), A(ty, tyl));
}

SQLRETURN SQL_API SQLTablesW(SQLHSTMT hstmt, SQLWCHAR *c, SQLSMALLINT cl, SQLWCHAR *sc,
                             SQLSMALLINT sl, SQLWCHAR *t, SQLSMALLINT tl, SQLWCHAR *ty,
                             SQLSMALLINT tyl)
{
    CATALOG_ENTRY(CAT_TABLES, 4, 0, 0, 0, W(c, cl), W(sc, sl), W(t, tl), W(ty, tyl));
}

/* SQLColumns: "returns the list of column names in specified tables". */
SQLRETURN SQL_API SQLColumns(SQLHSTMT hstmt, SQLCHAR *c, SQLSMALLINT cl, SQLCHAR *sc,
                             SQLSMALLINT sl, SQLCHAR *t, SQLSMALLINT tl, SQLCHAR *col,
                             SQLSMALLINT coll)
{
    CATALOG_ENTRY(CAT_COLUMNS, 4, 0, 0, 0, A(c, cl), A(sc, sl), A(t, tl), A(col, coll));
}

SQLRETURN SQL_API SQLColumnsW(SQLHSTMT hstmt, SQLWCHAR *c, SQLSMALLINT cl, SQLWCHAR *sc,
                              SQLSMALLINT sl, SQLWCHAR *t, SQLSMALLINT tl, SQLWCHAR *col,
                              SQLSMALLINT coll)
{
    CATALOG_ENTRY(CAT_COLUMNS, 4, 0, 0, 0, W(c, cl), W(sc, sl), W(t, tl), W(col, coll));
}

/* SQLPrimaryKeys: "returns the column names that make up the primary key for a table". */
SQLRETURN SQL_API SQLPrimaryKeys(SQLHSTMT hstmt, SQLCHAR *c, SQLSMALLINT cl, SQLCHAR *sc,
                                 SQLSMALLINT sl, SQLCHAR *t, SQLSMALLINT tl)
{
    CATALOG_ENTRY(CAT_PKEYS, 3, 0, 0, 0, A(c, cl), A(sc, sl), A(t, tl));
}

SQLRETURN SQL_API SQLPrimaryKeysW(SQLHSTMT hstmt, SQLWCHAR *c, SQLSMALLINT cl, SQLWCHAR *sc,
                                  SQLSMALLINT sl, SQLWCHAR *t, SQLSMALLINT tl)
{
    CATALOG_ENTRY(CAT_PKEYS, 3, 0, 0, 0, W(c, cl), W(sc, sl), W(t, tl));
}

/* SQLStatistics: "retrieves a list of statistics about a single table and the indexes". */
SQLRETURN SQL_API SQLStatistics(SQLHSTMT hstmt, SQLCHAR *c, SQLSMALLINT cl, SQLCHAR *sc,
                                SQLSMALLINT sl, SQLCHAR *t, SQLSMALLINT tl, SQLUSMALLINT unique,
                                SQLUSMALLINT reserved)
{
    CATALOG_ENTRY(CAT_STATS, 3, unique, reserved, 0, A(c, cl), A(sc, sl), A(t, tl));
}

SQLRETURN SQL_API SQLStatisticsW(SQLHSTMT hstmt, SQLWCHAR *c, SQLSMALLINT cl, SQLWCHAR *sc,
                                 SQLSMALLINT sl, SQLWCHAR *t, SQLSMALLINT tl,
                                 SQLUSMALLINT unique, SQLUSMALLINT reserved)
{
    CATALOG_ENTRY(CAT_STATS, 3, unique, reserved, 0, W(c, cl), W(sc, sl), W(t, tl));
}

/* SQLSpecialColumns: "the optimal set of columns that uniquely identifies a row". */
SQLRETURN SQL_API SQLSpecialColumns(SQLHSTMT hstmt, SQLUSMALLINT id, SQLCHAR *c,
                                    SQLSMALLINT cl, SQLCHAR *sc, SQLSMALLINT sl, SQLCHAR *t,
                                    SQLSMALLINT tl, SQLUSMALLINT scope, SQLUSMALLINT nullable)
{
    CATALOG_ENTRY(CAT_SPECIAL, 3, id, scope, nullable, A(c, cl), A(sc, sl), A(t, tl));
}

SQLRETURN SQL_API SQLSpecialColumnsW(SQLHSTMT hstmt, SQLUSMALLINT id, SQLWCHAR *c,
                                     SQLSMALLINT cl, SQLWCHAR *sc, SQLSMALLINT sl, SQLWCHAR *t,
                                     SQLSMALLINT tl, SQLUSMALLINT scope, SQLUSMALLINT nullable)
{
    CATALOG_ENTRY(CAT_SPECIAL, 3, id, scope, nullable, W(c, cl), W(sc, sl), W(t, tl));
}

/* SQLForeignKeys: "foreign keys in the specified table ... or that refer to the primary key
 * of the specified table". Collections have none; the result is correctly shaped and empty. */
SQLRETURN SQL_API SQLForeignKeys(SQLHSTMT hstmt, SQLCHAR *pc, SQLSMALLINT pcl, SQLCHAR *ps,
                                 SQLSMALLINT psl, SQLCHAR *pt, SQLSMALLINT ptl, SQLCHAR *fc,
                                 SQLSMALLINT fcl, SQLCHAR *fs, SQLSMALLINT fsl, SQLCHAR *ft,
                                 SQLSMALLINT ftl)
{
    CATALOG_ENTRY(CAT_FKEYS, 6, 0, 0, 0, A(pc, pcl), A(ps, psl), A(pt, ptl), A(fc, fcl),
                  A(fs, fsl), A(ft, ftl));
}

SQLRETURN SQL_API SQLForeignKeysW(SQLHSTMT hstmt, SQLWCHAR *pc, SQLSMALLINT pcl, SQLWCHAR *ps,
                                  SQLSMALLINT psl, SQLWCHAR *pt, SQLSMALLINT ptl, SQLWCHAR *fc,
                                  SQLSMALLINT fcl, SQLWCHAR *fs, SQLSMALLINT fsl, SQLWCHAR *ft,
                                  SQLSMALLINT ftl)
{
    CATALOG_ENTRY(CAT_FKEYS, 6, 0, 0, 0, W(pc, pcl), W(ps, psl), W(pt, ptl), W(fc, fcl),
                  W(fs, fsl), W(ft, ftl));
}

/* SQLTablePrivileges / SQLColumnPrivileges: "privileges associated with each table/column". */
SQLRETURN SQL_API SQLTablePrivileges(SQLHSTMT hstmt, SQLCHAR *c, SQLSMALLINT cl, SQLCHAR *sc,
                                     SQLSMALLINT sl, SQLCHAR *t, SQLSMALLINT tl)
{
    CATALOG_ENTRY(CAT_TPRIVS, 3, 0, 0, 0, A(c, cl), A(sc, sl), A(t, tl));
}

SQLRETURN SQL_API SQLTablePrivilegesW(SQLHSTMT hstmt, SQLWCHAR *c, SQLSMALLINT cl,
                                      SQLWCHAR *sc, SQLSMALLINT sl, SQLWCHAR *t, SQLSMALLINT tl)
{
    CATALOG_ENTRY(CAT_TPRIVS, 3, 0, 0, 0, W(c, cl), W(sc, sl), W(t, tl));
}

SQLRETURN SQL_API SQLColumnPrivileges(SQLHSTMT hstmt, SQLCHAR *c, SQLSMALLINT cl, SQLCHAR *sc,
                                      SQLSMALLINT sl, SQLCHAR *t, SQLSMALLINT tl, SQLCHAR *col,
                                      SQLSMALLINT coll)
{
    CATALOG_ENTRY(CAT_CPRIVS, 4, 0, 0, 0, A(c, cl), A(sc, sl), A(t, tl), A(col, coll));
}

SQLRETURN SQL_API SQLColumnPrivilegesW(SQLHSTMT hstmt, SQLWCHAR *c, SQLSMALLINT cl,
                                       SQLWCHAR *sc, SQLSMALLINT sl, SQLWCHAR *t,
                                       SQLSMALLINT tl, SQLWCHAR *col, SQLSMALLINT coll)
{
    CATALOG_ENTRY(CAT_CPRIVS, 4, 0, 0, 0, W(c, cl), W(sc, sl), W(t, tl), W(col, coll));
}

/* SQLProcedures / SQLProcedureColumns: Query Lambdas and their parameters. */
SQLRETURN SQL_API SQLProcedures(SQLHSTMT hstmt, SQLCHAR *c, SQLSMALLINT cl, SQLCHAR *sc,
                                SQLSMALLINT sl, SQLCHAR *p, SQLSMALLINT pl)
{
    CATALOG_ENTRY(CAT_PROCS, 3, 0, 0, 0, A(c, cl), A(sc, sl), A(p, pl));
}

SQLRETURN SQL_API SQLProceduresW(SQLHSTMT hstmt, SQLWCHAR *c, SQLSMALLINT cl, SQLWCHAR *sc,
                                 SQLSMALLINT sl, SQLWCHAR *p, SQLSMALLINT pl)
{
    CATALOG_ENTRY(CAT_PROCS, 3, 0, 0, 0, W(c, cl), W(sc, sl), W(p, pl));
}

SQLRETURN SQL_API SQLProcedureColumns(SQLHSTMT hstmt, SQLCHAR *c, SQLSMALLINT cl, SQLCHAR *sc,
                                      SQLSMALLINT sl, SQLCHAR *p, SQLSMALLINT pl, SQLCHAR *col,
                                      SQLSMALLINT coll)
{
    CATALOG_ENTRY(CAT_PROCCOLS, 4, 0, 0, 0, A(c, cl), A(sc, sl), A(p, pl), A(col, coll));
}

SQLRETURN SQL_API SQLProcedureColumnsW(SQLHSTMT hstmt, SQLWCHAR *c, SQLSMALLINT cl,
                                       SQLWCHAR *sc, SQLSMALLINT sl, SQLWCHAR *p,
                                       SQLSMALLINT pl, SQLWCHAR *col, SQLSMALLINT coll)
{
    CATALOG_ENTRY(CAT_PROCCOLS, 4, 0, 0, 0, W(c, cl), W(sc, sl), W(p, pl), W(col, coll));
}

/* SQLGetTypeInfo: "returns information about data types supported by the data source". */
SQLRETURN SQL_API SQLGetTypeInfo(SQLHSTMT hstmt, SQLSMALLINT type)
{
    CATALOG_ENTRY(CAT_TYPES, 0, (SQLUSMALLINT)type, 0, 0, NULL);
}

SQLRETURN SQL_API SQLGetTypeInfoW(SQLHSTMT hstmt, SQLSMALLINT type)
{
    return SQLGetTypeInfo(hstmt, type);
}
