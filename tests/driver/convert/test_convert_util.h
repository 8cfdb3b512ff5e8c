/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the convert area's unit tests. */
#ifndef TEST_CONVERT_UTIL_H
#define TEST_CONVERT_UTIL_H

#include <CUnit/Basic.h>
#include <string.h>
#include "driver/convert/convert.h"
#include "driver/convert/convert_internal.h"
#include "tests/cunit_main.h"

static inline rs_cell tc_cell(rs_vkind k, const char *text)
{
    rs_cell c = {k, text, text ? strlen(text) : 0};
    return c;
}

/* One SQLFetch-style conversion (no offset). */
static inline rs_conv_status tc_conv(rs_vkind k, const char *text, SQLSMALLINT sql,
                                     SQLSMALLINT c, void *buf, SQLLEN blen, SQLLEN *ind)
{
    rs_cell cell = tc_cell(k, text);
    rs_conv_status st;
    rs_convert_to_c(&cell, sql, c, buf, blen, ind, NULL, 0, 0, &st);
    return st;
}

static inline int tc_state_is(const rs_conv_status *st, SQLRETURN rc, const char *state)
{
    if (st->rc != rc)
        return 0;
    return rc == SQL_SUCCESS || rc == SQL_NO_DATA || strcmp(st->sqlstate, state) == 0;
}

/* variadic so that a macro naming "rc, state" (e.g. a shared RANGE) expands first */
#define TC_STATE_(st, rc, state) CU_ASSERT(tc_state_is(&(st), (rc), (state)))
#define TC_STATE(st, ...) TC_STATE_(st, __VA_ARGS__)
#define TC_OK(st) TC_STATE(st, SQL_SUCCESS, "")

#endif
