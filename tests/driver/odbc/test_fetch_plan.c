/* SPDX-License-Identifier: Apache-2.0 */
/* The statement's fetch plan (stmt_fetch.c), without a server: a statement over an in-memory
 * row source. Each rowset is checked cell by cell against rs_convert_to_c of the same cell
 * into a buffer of its own, and the plan must follow every change between fetches: a rebind
 * to another C type, an unbind, SQLSetDescField on the ARD, the bind offset's value, row-wise
 * binding, a new result with other column types. Row statuses and states (01004, 22002)
 * must be those of the general path. */
#include <CUnit/Basic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver/convert/convert.h"
#include "driver/odbc/stmt.h"
#include "tests/cunit_main.h"

#define FP_ROWS 40
#define FP_SET 6 /* rowset size: a page boundary is never a rowset boundary */
#define FP_W 24  /* character buffer width */

typedef struct fp_ctx {
    rs_env *env;
    rs_conn *conn;
    rs_stmt *s;
    SQLUSMALLINT status[FP_SET];
    SQLULEN fetched;
    long long next_row; /* result row of the next fetch's first row */
    long long row0;     /* result row of the last fetch's first row */
} fp_ctx;

static const rs_vkind fp_kinds[4] = {RS_V_INT, RS_V_STRING, RS_V_FLOAT, RS_V_TIMESTAMP};

/* Cell (r, c) of the result; `alt` results put a string where the int was. */
static rs_cell fp_cell(int r, int c, int alt, char *buf)
{
    rs_cell cell = {fp_kinds[c], buf, 0};

    if (alt && c == 0)
        cell.kind = RS_V_STRING;
    if ((c == 1 && r % 7 == 3) || (c == 0 && r % 11 == 5)) {
        cell.kind = r % 2 ? RS_V_NULL : RS_V_ABSENT;
        cell.text = NULL;
        return cell;
    }
    switch (c) {
    case 0: sprintf(buf, "%d", alt ? r * 3 : (r - 20) * 100000007); break;
    /* every 4th string is too long for FP_W and some are UTF-8 */
    case 1: sprintf(buf, r % 4 ? "s%d\xc3\xa9" : "a rather long string number %d", r); break;
    case 2: sprintf(buf, "%d.%d", r, r % 10); break;
    default: sprintf(buf, "2024-01-%02dT10:20:%02d.5Z", 1 + r % 28, r % 60); break;
    }
    cell.len = strlen(buf);
    return cell;
}

static rs_rowsource *fp_source(int alt)
{
    rs_rowsource *rs = rs_memsource_new();
    static const char *names[4] = {"i", "s", "f", "ts"};

    for (int c = 0; c < 4; c++)
        rs_memsource_add_column(rs, names[c], alt && c == 0 ? RS_V_STRING : fp_kinds[c]);
    for (int r = 0; r < FP_ROWS; r++) {
        char bufs[4][64];
        rs_cell row[4];
        for (int c = 0; c < 4; c++)
            row[c] = fp_cell(r, c, alt, bufs[c]);
        rs_memsource_add_row(rs, row);
    }
    return rs;
}

static void fp_open(fp_ctx *x, int alt)
{
    rs_stmt_open_rowsource(x->s, fp_source(alt));
    x->next_row = 0;
}

static int fp_init(fp_ctx *x)
{
    SQLHANDLE h;

    memset(x, 0, sizeof *x);
    if (rs_env_alloc(&h) != SQL_SUCCESS)
        return -1;
    x->env = h;
    x->env->odbc_version = SQL_OV_ODBC3;
    if (rs_conn_alloc(x->env, &h) != SQL_SUCCESS)
        return -1;
    x->conn = h;
    x->conn->connected = 1; /* no server: the row source is the statement's only input */
    if (rs_stmt_alloc(x->conn, &h) != SQL_SUCCESS)
        return -1;
    x->s = h;
    rs_stmt_set_attr(x->s, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)(uintptr_t)FP_SET, 0);
    rs_stmt_set_attr(x->s, SQL_ATTR_ROW_STATUS_PTR, x->status, 0);
    rs_stmt_set_attr(x->s, SQL_ATTR_ROWS_FETCHED_PTR, &x->fetched, 0);
    return 0;
}

static void fp_done(fp_ctx *x)
{
    rs_stmt_free(x->s);
    x->conn->connected = 0;
    rs_conn_free(x->conn);
    rs_env_free(x->env);
}

/* What the general path gives for cell (r, c) bound as ctype into blen bytes. */
typedef struct fp_expect {
    unsigned char data[64];
    SQLLEN ind;
    SQLRETURN rc;
} fp_expect;

static void fp_general(fp_ctx *x, int r, int c, int alt, SQLSMALLINT ctype, SQLLEN blen,
                       fp_expect *e)
{
    char buf[64];
    rs_cell cell = fp_cell(r, c, alt, buf);
    rs_conv_status st;

    memset(e->data, 0xEE, sizeof e->data);
    e->ind = 0;
    rs_convert_to_c(&cell, x->s->ird.recs[c + 1].concise_type, ctype, e->data, blen, &e->ind,
                    NULL, 38, 0, &st);
    e->rc = st.rc;
}

/* One fetch of a full rowset. */
static void fp_fetch(fp_ctx *x)
{
    SQLRETURN rc = rs_stmt_fetch(x->s, SQL_FETCH_NEXT, 0);

    /* SQL_ERROR when every row failed (22003 for digits that do not fit): the rows are
     * still there, each with its status */
    CU_ASSERT_FATAL(rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO || rc == SQL_ERROR);
    CU_ASSERT_FATAL(x->fetched == FP_SET);
    x->row0 = x->next_row;
    x->next_row += (long long)x->fetched;
}

/* Checks column c's buffers of the last rowset (data at data + i * dstride, indicator at
 * ind + i * istride) against the general path, and the row statuses. */
static void fp_verify(fp_ctx *x, int alt, int c, SQLSMALLINT ctype, SQLLEN blen,
                      unsigned char *data, SQLLEN dstride, SQLLEN *ind, SQLLEN istride)
{
    size_t fixed = (size_t)rs_c_type_size(ctype);

    for (SQLULEN i = 0; i < x->fetched; i++) {
        int r = (int)(x->row0 + (long long)i);
        fp_expect e;
        SQLLEN got_ind;
        fp_general(x, r, c, alt, ctype, blen, &e);
        memcpy(&got_ind, (char *)ind + (SQLLEN)i * istride, sizeof got_ind);
        if (e.rc == SQL_ERROR) {
            CU_ASSERT_EQUAL(x->status[i], SQL_ROW_ERROR);
            continue;
        }
        CU_ASSERT_EQUAL(got_ind, e.ind);
        if (e.ind != SQL_NULL_DATA) {
            /* what the general path wrote: the value, or the text up to its terminator
             * (the rest of the buffer keeps an earlier rowset's bytes) */
            size_t n = fixed, w = ctype == SQL_C_WCHAR ? sizeof(SQLWCHAR) : 1;
            if (!fixed) {
                while (n + w <= (size_t)blen && memcmp(e.data + n, "\0\0", w) != 0)
                    n += w;
                n = n + w <= (size_t)blen ? n + w : n;
            }
            if (memcmp(data + (SQLLEN)i * dstride, e.data, n) != 0)
                fprintf(stderr, "\n  row %d column %d C type %d: %zu bytes differ\n", r, c + 1,
                        ctype, n);
            CU_ASSERT(memcmp(data + (SQLLEN)i * dstride, e.data, n) == 0);
        }
        /* another column's error makes the row's status SQL_ROW_ERROR */
        if (e.rc == SQL_SUCCESS_WITH_INFO)
            CU_ASSERT(x->status[i] == SQL_ROW_SUCCESS_WITH_INFO ||
                      x->status[i] == SQL_ROW_ERROR);
    }
}

static unsigned char fp_data[4][FP_SET * 64];
static SQLLEN fp_ind[4][FP_SET];

/* Binds column c (1-based) column-wise into fp_data/fp_ind. */
static void fp_bind(fp_ctx *x, int c, SQLSMALLINT ctype, SQLLEN blen)
{
    memset(fp_data[c - 1], 0xEE, sizeof fp_data[c - 1]);
    CU_ASSERT(rs_stmt_bind_col(x->s, (SQLUSMALLINT)c, ctype, fp_data[c - 1], blen,
                               fp_ind[c - 1]) == SQL_SUCCESS);
}

static SQLLEN fp_stride(SQLSMALLINT ctype, SQLLEN blen)
{
    SQLLEN f = rs_c_type_size(ctype);
    return f ? f : blen;
}

static void fp_verify_col(fp_ctx *x, int alt, int c, SQLSMALLINT ctype, SQLLEN blen)
{
    fp_verify(x, alt, c - 1, ctype, blen, fp_data[c - 1], fp_stride(ctype, blen),
              fp_ind[c - 1], sizeof(SQLLEN));
}

static void fp_check_col(fp_ctx *x, int alt, int c, SQLSMALLINT ctype, SQLLEN blen)
{
    fp_fetch(x);
    fp_verify_col(x, alt, c, ctype, blen);
}

/* Rebinding, unbinding and descriptor changes between fetches of one result. */
static void test_rebind(void)
{
    fp_ctx x;

    CU_ASSERT_FATAL(fp_init(&x) == 0);
    fp_open(&x, 0);
    fp_bind(&x, 1, SQL_C_SLONG, 0);
    fp_bind(&x, 2, SQL_C_CHAR, FP_W);
    fp_bind(&x, 3, SQL_C_DOUBLE, 0);
    fp_bind(&x, 4, SQL_C_TYPE_TIMESTAMP, 0);
    fp_check_col(&x, 0, 1, SQL_C_SLONG, 0);
    fp_verify_col(&x, 0, 2, SQL_C_CHAR, FP_W);
    fp_verify_col(&x, 0, 3, SQL_C_DOUBLE, 0);
    fp_verify_col(&x, 0, 4, SQL_C_TYPE_TIMESTAMP, 0);
    /* another C type for column 1, another width for column 2 */
    fp_bind(&x, 1, SQL_C_CHAR, 6);
    fp_check_col(&x, 0, 1, SQL_C_CHAR, 6);
    fp_bind(&x, 2, SQL_C_WCHAR, FP_W);
    fp_check_col(&x, 0, 2, SQL_C_WCHAR, FP_W);
    /* SQLSetDescField on the ARD: the type of column 1, then the buffer length of column 2 */
    /* (setting a field other than the pointers unbinds the record's data: rebind it) */
    CU_ASSERT(rs_desc_set_field(x.s->ard, 1, SQL_DESC_CONCISE_TYPE,
                                (SQLPOINTER)(intptr_t)SQL_C_SBIGINT, 0) == SQL_SUCCESS);
    CU_ASSERT(rs_desc_set_field(x.s->ard, 1, SQL_DESC_DATA_PTR, fp_data[0], 0) == SQL_SUCCESS);
    fp_check_col(&x, 0, 1, SQL_C_SBIGINT, 0);
    CU_ASSERT(rs_desc_set_field(x.s->ard, 2, SQL_DESC_OCTET_LENGTH, (SQLPOINTER)(intptr_t)8,
                                0) == SQL_SUCCESS);
    CU_ASSERT(rs_desc_set_field(x.s->ard, 2, SQL_DESC_DATA_PTR, fp_data[1], 0) == SQL_SUCCESS);
    fp_check_col(&x, 0, 2, SQL_C_WCHAR, 8);
    /* unbound: column 3's buffer is left alone */
    memset(fp_data[2], 0x11, sizeof fp_data[2]);
    CU_ASSERT(rs_stmt_bind_col(x.s, 3, SQL_C_DOUBLE, NULL, 0, NULL) == SQL_SUCCESS);
    fp_check_col(&x, 0, 4, SQL_C_TYPE_TIMESTAMP, 0);
    for (size_t k = 0; k < sizeof fp_data[2]; k++)
        CU_ASSERT_FATAL(fp_data[2][k] == 0x11);
    fp_done(&x);
}

/* The bind offset's value is read at each fetch, and row-wise binding replaces column-wise. */
static void test_offset_and_rowwise(void)
{
    typedef struct fp_rowrec {
        SQLBIGINT id;
        SQLLEN id_ind;
        char s[FP_W];
        SQLLEN s_ind;
    } fp_rowrec;
    static fp_rowrec recs[2 * FP_SET];
    static unsigned char data[1024];
    static SQLLEN inds[64];
    const SQLLEN shift = 16 * (SQLLEN)sizeof(SQLLEN);
    SQLLEN off = 0;
    fp_ctx x;

    CU_ASSERT_FATAL(fp_init(&x) == 0);
    fp_open(&x, 0);
    CU_ASSERT(rs_stmt_bind_col(x.s, 2, SQL_C_CHAR, data, FP_W, inds) == SQL_SUCCESS);
    rs_stmt_set_attr(x.s, SQL_ATTR_ROW_BIND_OFFSET_PTR, &off, 0);
    fp_fetch(&x);
    fp_verify(&x, 0, 1, SQL_C_CHAR, FP_W, data, FP_W, inds, sizeof(SQLLEN));
    /* only the offset's value changes: the next rowset lands shift bytes further */
    off = shift;
    memset(data, 0xEE, sizeof data);
    fp_fetch(&x);
    fp_verify(&x, 0, 1, SQL_C_CHAR, FP_W, data + shift, FP_W,
              (SQLLEN *)((char *)inds + shift), sizeof(SQLLEN));
    CU_ASSERT(data[0] == 0xEE); /* nothing was written where the offset no longer points */
    /* row-wise: one record a row, for the same result */
    off = 0;
    rs_stmt_bind_col(x.s, 2, SQL_C_CHAR, NULL, 0, NULL);
    rs_stmt_set_attr(x.s, SQL_ATTR_ROW_BIND_TYPE, (SQLPOINTER)(uintptr_t)sizeof(fp_rowrec), 0);
    rs_stmt_bind_col(x.s, 1, SQL_C_SBIGINT, &recs[0].id, 0, &recs[0].id_ind);
    rs_stmt_bind_col(x.s, 2, SQL_C_CHAR, recs[0].s, FP_W, &recs[0].s_ind);
    fp_fetch(&x);
    fp_verify(&x, 0, 0, SQL_C_SBIGINT, 0, (unsigned char *)&recs[0].id, sizeof(fp_rowrec),
              &recs[0].id_ind, sizeof(fp_rowrec));
    fp_verify(&x, 0, 1, SQL_C_CHAR, FP_W, (unsigned char *)recs[0].s, sizeof(fp_rowrec),
              &recs[0].s_ind, sizeof(fp_rowrec));
    /* a nonzero offset with row-wise binding: the next rowset lands one record further */
    off = (SQLLEN)sizeof(fp_rowrec);
    fp_fetch(&x);
    fp_verify(&x, 0, 0, SQL_C_SBIGINT, 0, (unsigned char *)&recs[1].id, sizeof(fp_rowrec),
              &recs[1].id_ind, sizeof(fp_rowrec));
    fp_verify(&x, 0, 1, SQL_C_CHAR, FP_W, (unsigned char *)recs[1].s, sizeof(fp_rowrec),
              &recs[1].s_ind, sizeof(fp_rowrec));
    fp_done(&x);
}

/* A new result with other column types: SQL_C_DEFAULT follows the new IRD. */
static void test_new_result(void)
{
    fp_ctx x;

    CU_ASSERT_FATAL(fp_init(&x) == 0);
    fp_open(&x, 0);
    fp_bind(&x, 1, SQL_C_DEFAULT, FP_W);
    /* a BIGINT column: SQL_C_SBIGINT */
    fp_check_col(&x, 0, 1, SQL_C_SBIGINT, FP_W);
    fp_open(&x, 1);
    /* now a character column: SQL_C_CHAR */
    fp_check_col(&x, 1, 1, SQL_C_CHAR, FP_W);
    fp_check_col(&x, 1, 1, SQL_C_CHAR, FP_W);
    fp_done(&x);
}

/* A NULL with no indicator is 22002 for its row; the other rows are fine. */
static void test_null_without_indicator(void)
{
    fp_ctx x;
    SQLRETURN rc;
    int errors = 0;

    CU_ASSERT_FATAL(fp_init(&x) == 0);
    fp_open(&x, 0);
    memset(fp_data[1], 0, sizeof fp_data[1]);
    CU_ASSERT(rs_stmt_bind_col(x.s, 2, SQL_C_CHAR, fp_data[1], FP_W, NULL) == SQL_SUCCESS);
    rc = rs_stmt_fetch(x.s, SQL_FETCH_NEXT, 0); /* rows 0-5: row 3 is NULL */
    CU_ASSERT_EQUAL(rc, SQL_SUCCESS_WITH_INFO);
    for (int i = 0; i < FP_SET; i++)
        errors += x.status[i] == SQL_ROW_ERROR;
    CU_ASSERT_EQUAL(errors, 1);
    CU_ASSERT_EQUAL(x.status[3], SQL_ROW_ERROR);
    CU_ASSERT_EQUAL(x.status[0], SQL_ROW_SUCCESS_WITH_INFO); /* "a rather long ..." cut */
    CU_ASSERT_EQUAL(x.status[1], SQL_ROW_SUCCESS);
    CU_ASSERT(x.s->h.diag.count >= 2);
    fp_done(&x);
}

/* SQLGetData keeps a plan per column: it follows the C type asked for and a new result. */
static void test_get_data(void)
{
    static const SQLSMALLINT types[] = {SQL_C_SLONG, SQL_C_CHAR, SQL_C_DOUBLE, SQL_C_CHAR,
                                        SQL_C_SBIGINT, SQL_C_WCHAR, SQL_C_DEFAULT};
    fp_ctx x;

    CU_ASSERT_FATAL(fp_init(&x) == 0);
    rs_stmt_set_attr(x.s, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)(uintptr_t)1, 0);
    for (int alt = 0; alt < 2; alt++) {
        fp_open(&x, alt);
        for (int r = 0; r < 14; r++) {
            SQLSMALLINT ct = types[r % 7];
            SQLSMALLINT resolved = ct == SQL_C_DEFAULT ? (alt ? SQL_C_CHAR : SQL_C_SBIGINT) : ct;
            unsigned char got[64];
            SQLLEN ind = -5;
            SQLRETURN rc;
            fp_expect e;
            CU_ASSERT_FATAL(rs_stmt_fetch(x.s, SQL_FETCH_NEXT, 0) != SQL_NO_DATA);
            memset(got, 0xEE, sizeof got);
            rc = rs_stmt_get_data(x.s, 1, ct, got, FP_W, &ind);
            fp_general(&x, r, 0, alt, resolved, FP_W, &e);
            CU_ASSERT_EQUAL(rc, e.rc);
            CU_ASSERT_EQUAL(ind, e.ind);
            CU_ASSERT(memcmp(got, e.data, sizeof got) == 0);
            /* the whole value came in one piece: the next call says so */
            if (rc == SQL_SUCCESS)
                CU_ASSERT_EQUAL(rs_stmt_get_data(x.s, 1, ct, got, FP_W, &ind), SQL_NO_DATA);
        }
    }
    fp_done(&x);
}

int main(void)
{
    static const cu_case cases[] = {
        {"rebind, SQLSetDescField and unbind between fetches", test_rebind},
        {"bind offset value and row-wise binding", test_offset_and_rowwise},
        {"a new result re-plans SQL_C_DEFAULT", test_new_result},
        {"NULL without indicator", test_null_without_indicator},
        {"SQLGetData's plan per column", test_get_data},
        {NULL, NULL},
    };
    return cu_run("fetch_plan", cases);
}
