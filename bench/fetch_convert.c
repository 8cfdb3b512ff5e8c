/* SPDX-License-Identifier: Apache-2.0 */
/* The driver's fetch path alone, no HTTP and no JSON: a statement over a row source that hands
 * out the same prepared page (1000 rows x 10 mixed columns: bigint, int, double, two strings,
 * bool, timestamp, date, nested object, a string NULL every 10th row) until N rows were
 * returned, fetched with SQLFetch's internals (rs_stmt_fetch) into bound buffers. Measures
 * what the conversions and the binding bookkeeping cost per cell. Prints CPU seconds
 * (getrusage) and rows/s; run it under callgrind for instruction counts. See bench/README.md.
 *
 *   fetch_convert [rows] [char|typed|rowwise|wchar|getdata] [rowset]
 *
 * getdata binds nothing and reads each column of each row with SQLGetData's internals as
 * SQL_C_CHAR (rowset 1).
 *
 * Links the driver's internal library: it builds against any tree whose rs_stmt_* internals
 * have these signatures (the old binary of a comparison included). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "driver/odbc/stmt.h"

#define FC_PAGE 1000
#define FC_COLS 10
#define FC_CHAR 128 /* room for every value, as UTF-16 too: no truncation warnings */

typedef struct fc_source {
    rs_rowsource base;
    rs_page page;
    rs_cell *cells;
    char *texts;
    long long left;
} fc_source;

static const struct {
    const char *name;
    rs_vkind kind;
} fc_cols[FC_COLS] = {
    {"id", RS_V_INT}, {"qty", RS_V_INT}, {"price", RS_V_FLOAT}, {"name", RS_V_STRING},
    {"comment", RS_V_STRING}, {"flag", RS_V_BOOL}, {"ts", RS_V_TIMESTAMP},
    {"day", RS_V_DATE}, {"obj", RS_V_OBJECT}, {"maybe", RS_V_STRING},
};

static int fc_next(rs_rowsource *rs, const rs_page **page, rs_error *err)
{
    fc_source *fs = (fc_source *)rs;

    (void)err;
    if (fs->left <= 0)
        return 0;
    fs->page.nrows = fs->left < FC_PAGE ? (size_t)fs->left : FC_PAGE;
    fs->left -= (long long)fs->page.nrows;
    *page = &fs->page;
    return 1;
}

static void fc_close(rs_rowsource *rs)
{
    fc_source *fs = (fc_source *)rs;

    for (size_t i = 0; i < FC_COLS; i++)
        free(fs->base.cols[i].name);
    free(fs->base.cols);
    free(fs->cells);
    free(fs->texts);
    free(fs);
}

static const rs_rowsource_ops fc_ops = {fc_next, fc_close, NULL, NULL, NULL, NULL};

/* Text of column c of row r, written at p; returns its length. */
static int fc_text(int c, int r, char *p)
{
    switch (c) {
    case 0: return sprintf(p, "%d", 1000000 + r * 7919);
    case 1: return sprintf(p, "%d", r % 500 - 250);
    case 2: return sprintf(p, "%d.%02d", r * 3 % 10000, r % 100);
    case 3: return sprintf(p, "name_%05d", r);
    case 4: return sprintf(p, "a somewhat longer comment for row %d, ok", r);
    case 5: return sprintf(p, "%s", r % 3 ? "true" : "false");
    case 6: return sprintf(p, "2024-%02d-%02dT%02d:%02d:%02d.%06dZ", 1 + r % 12, 1 + r % 28,
                           r % 24, r % 60, (r * 7) % 60, r * 37 % 1000000);
    case 7: return sprintf(p, "2023-%02d-%02d", 1 + r % 12, 1 + r % 28);
    case 8: return sprintf(p, "{\"k\":%d,\"tags\":[\"x\",\"y\"],\"n\":{\"a\":true}}", r);
    default: return sprintf(p, "m%d", r);
    }
}

static rs_rowsource *fc_source_new(long long rows)
{
    fc_source *fs = calloc(1, sizeof *fs);
    char *p;

    fs->base.ops = &fc_ops;
    fs->base.ncols = FC_COLS;
    fs->base.cols = calloc(FC_COLS, sizeof(rs_column));
    fs->base.total_rows = rows;
    fs->base.rows_affected = -1;
    for (int c = 0; c < FC_COLS; c++) {
        fs->base.cols[c].name = strdup(fc_cols[c].name);
        fs->base.cols[c].kind = fc_cols[c].kind;
        fs->base.cols[c].nullable = 1;
    }
    fs->cells = calloc(FC_PAGE * FC_COLS, sizeof(rs_cell));
    fs->texts = p = malloc(FC_PAGE * FC_COLS * 80);
    for (int r = 0; r < FC_PAGE; r++) {
        for (int c = 0; c < FC_COLS; c++) {
            rs_cell *cell = &fs->cells[r * FC_COLS + c];
            if (c == 9 && r % 10 == 0) {
                cell->kind = RS_V_NULL;
                continue;
            }
            cell->kind = fc_cols[c].kind;
            cell->text = p;
            cell->len = (size_t)fc_text(c, r, p);
            p += cell->len + 1;
        }
    }
    fs->page.ncols = FC_COLS;
    fs->page.cells = fs->cells;
    fs->left = rows;
    return &fs->base;
}

/* The C type each column is bound as in "typed" mode. */
static const SQLSMALLINT fc_typed[FC_COLS] = {
    SQL_C_SBIGINT, SQL_C_SLONG, SQL_C_DOUBLE, SQL_C_CHAR, SQL_C_CHAR, SQL_C_CHAR,
    SQL_C_TYPE_TIMESTAMP, SQL_C_TYPE_DATE, SQL_C_CHAR, SQL_C_CHAR,
};

static double fc_cpu(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* Binds every column; rowwise: one struct per row (SQL_ATTR_ROW_BIND_TYPE). Returns the
 * buffer to free. */
static char *fc_bind(rs_stmt *s, const char *mode, SQLULEN rowset)
{
    int rowwise = strcmp(mode, "rowwise") == 0;
    size_t rec = FC_COLS * (FC_CHAR + sizeof(SQLLEN));
    char *buf = calloc(rowset, rec);

    if (rowwise)
        rs_stmt_set_attr(s, SQL_ATTR_ROW_BIND_TYPE, (SQLPOINTER)(uintptr_t)rec, 0);
    rs_stmt_set_attr(s, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)(uintptr_t)rowset, 0);
    for (int c = 0; c < FC_COLS; c++) {
        SQLSMALLINT ct = strcmp(mode, "typed") == 0 ? fc_typed[c]
                         : strcmp(mode, "wchar") == 0 ? SQL_C_WCHAR : SQL_C_CHAR;
        char *data = rowwise ? buf + c * FC_CHAR : buf + (size_t)c * rowset * FC_CHAR;
        SQLLEN *ind = rowwise ? (SQLLEN *)(buf + FC_COLS * FC_CHAR) + c
                              : (SQLLEN *)(buf + FC_COLS * FC_CHAR * rowset) + c * rowset;
        rs_stmt_bind_col(s, (SQLUSMALLINT)(c + 1), ct, data, FC_CHAR, ind);
    }
    return buf;
}

int main(int argc, char **argv)
{
    long long rows = argc > 1 ? atoll(argv[1]) : 1000000, got = 0;
    const char *mode = argc > 2 ? argv[2] : "char";
    int getdata = strcmp(mode, "getdata") == 0;
    SQLULEN rowset = argc > 3 ? (SQLULEN)atol(argv[3]) : 1000, fetched = 0;
    SQLHANDLE he, hc, hs;
    rs_env *env;
    rs_conn *conn;
    rs_stmt *s;
    char *buf;
    double t0, t1;
    SQLRETURN rc;

    if (rs_env_alloc(&he) != SQL_SUCCESS)
        return 1;
    env = he;
    env->odbc_version = SQL_OV_ODBC3;
    if (rs_conn_alloc(env, &hc) != SQL_SUCCESS)
        return 1;
    conn = hc;
    conn->connected = 1; /* no server: the row source is the statement's only input */
    if (rs_stmt_alloc(conn, &hs) != SQL_SUCCESS)
        return 1;
    s = hs;
    if (getdata)
        rowset = 1;
    buf = getdata ? calloc(1, FC_CHAR) : fc_bind(s, mode, rowset);
    rs_stmt_open_rowsource(s, fc_source_new(rows));
    s->ird.rows_processed_ptr = &fetched;
    t0 = fc_cpu();
    while ((rc = rs_stmt_fetch(s, SQL_FETCH_NEXT, 0)) == SQL_SUCCESS ||
           rc == SQL_SUCCESS_WITH_INFO) {
        got += (long long)fetched;
        for (int c = 1; getdata && c <= FC_COLS; c++) {
            SQLLEN ind;
            rs_stmt_get_data(s, (SQLUSMALLINT)c, SQL_C_CHAR, buf, FC_CHAR, &ind);
        }
    }
    t1 = fc_cpu();
    printf("mode=%s rows=%lld rowset=%lu cpu_s=%.3f rows_per_s=%.0f\n", mode, got,
           (unsigned long)rowset, t1 - t0, t1 > t0 ? (double)got / (t1 - t0) : 0.0);
    rs_stmt_free(s);
    conn->connected = 0;
    rs_conn_free(conn);
    rs_env_free(env);
    free(buf);
    return got == rows ? 0 : 1;
}
