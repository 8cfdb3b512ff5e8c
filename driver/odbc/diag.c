/* SPDX-License-Identifier: Apache-2.0 */
#include "driver/odbc/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define RS_DIAG_PREFIX "[rockset-odbc]"
#define RS_DIAG_MAX 64 /* more records than this say nothing new; keep memory bounded */

void rs_diag_clear(rs_diag *d)
{
    for (int i = 0; i < d->count; i++)
        free(d->recs[i].message);
    d->count = 0;
    d->returncode = SQL_SUCCESS;
}

void rs_diag_free(rs_diag *d)
{
    rs_diag_clear(d);
    free(d->recs);
    d->recs = NULL;
    d->cap = 0;
}

SQLRETURN rs_rc_merge(SQLRETURN a, SQLRETURN b)
{
    if (a == SQL_ERROR || b == SQL_ERROR)
        return SQL_ERROR;
    if (a == SQL_SUCCESS_WITH_INFO || b == SQL_SUCCESS_WITH_INFO)
        return SQL_SUCCESS_WITH_INFO;
    return a;
}

static SQLRETURN post_va(rs_diag *d, const char *state, SQLINTEGER native, SQLLEN row,
                         SQLINTEGER col, const char *fmt, va_list ap)
{
    SQLRETURN rc = strncmp(state, "01", 2) == 0 ? SQL_SUCCESS_WITH_INFO : SQL_ERROR;
    char text[1400];
    rs_diag_rec *r;

    if (d->count >= RS_DIAG_MAX)
        return rc;
    if (d->count == d->cap) {
        int ncap = d->cap ? d->cap * 2 : 4;
        rs_diag_rec *n = realloc(d->recs, (size_t)ncap * sizeof *n);
        if (!n)
            return rc;
        d->recs = n;
        d->cap = ncap;
    }
    vsnprintf(text, sizeof text, fmt, ap);
    r = &d->recs[d->count];
    memset(r, 0, sizeof *r);
    snprintf(r->state, sizeof r->state, "%s", state);
    r->native = native;
    r->row_number = row;
    r->column_number = col;
    if (asprintf(&r->message, "%s %s", RS_DIAG_PREFIX, text) < 0)
        r->message = NULL;
    if (!r->message)
        return rc;
    d->count++;
    return rc;
}

SQLRETURN rs_diag_post(rs_diag *d, const char *state, SQLINTEGER native, const char *fmt, ...)
{
    va_list ap;
    SQLRETURN rc;

    va_start(ap, fmt);
    rc = post_va(d, state, native, SQL_NO_ROW_NUMBER, SQL_NO_COLUMN_NUMBER, fmt, ap);
    va_end(ap);
    return rc;
}

SQLRETURN rs_diag_post_at(rs_diag *d, const char *state, SQLLEN row, SQLINTEGER col,
                          const char *fmt, ...)
{
    va_list ap;
    SQLRETURN rc;

    va_start(ap, fmt);
    rc = post_va(d, state, 0, row, col, fmt, ap);
    va_end(ap);
    return rc;
}

/* Server error types, compared without '_' and case (the live service spelled both). */
static int type_is(const rs_error *e, const char *want)
{
    const char *a = e->type, *b = want;

    for (;;) {
        while (*a == '_')
            a++;
        while (*b == '_')
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        if ((*a | 0x20) != (*b | 0x20))
            return 0;
        a++, b++;
    }
}

static const char *http_state(const rs_error *e, int at_connect)
{
    int st = e->http_status;

    if (type_is(e, "AUTHEXCEPTION") || type_is(e, "FORBIDDEN") || st == 401 || st == 403)
        return "28000";
    if (type_is(e, "QUERYTIMEOUT") || st == 408)
        return "HYT00";
    if (type_is(e, "QUERYCANCELLED"))
        return "HY008";
    if (type_is(e, "NOTFOUND") || st == 404)
        return at_connect ? "08001" : "42S02";
    if (type_is(e, "NOTIMPLEMENTEDYET") || st == 501)
        return "HYC00";
    if (type_is(e, "QUERYERROR") || type_is(e, "INVALIDINPUT") || type_is(e, "BADREQUEST"))
        return "42000";
    if (type_is(e, "CONNECTIONERROR") || type_is(e, "CLIENTCONNECTIONERROR"))
        return "08S01";
    if (st == 400)
        return "42000";
    return "HY000"; /* 429 rate limit, 5xx and anything else: the text says which */
}

const char *rs_diag_state_for(const rs_error *err, int at_connect)
{
    switch (err->kind) {
    case RS_ERR_CONFIG: return "HY000";
    case RS_ERR_CONNECT: return at_connect ? "08001" : "08S01";
    case RS_ERR_NETWORK: return "08S01";
    case RS_ERR_TIMEOUT: return at_connect ? "HYT01" : "HYT00";
    case RS_ERR_CANCELLED: return "HY008";
    case RS_ERR_HTTP: return http_state(err, at_connect);
    case RS_ERR_NOMEM: return "HY001";
    case RS_ERR_UNSUPPORTED: return "HYC00";
    case RS_ERR_PROTOCOL:
    case RS_ERR_NONE:
    default: return "HY000";
    }
}

SQLRETURN rs_diag_post_error(rs_diag *d, const rs_error *err, int at_connect)
{
    char extra[400] = "";
    size_t n = 0;
    const char *state = rs_diag_state_for(err, at_connect);

    if (err->kind == RS_ERR_HTTP) {
        n += (size_t)snprintf(extra + n, sizeof extra - n, " (HTTP %d", err->http_status);
        if (err->type[0] && n < sizeof extra)
            n += (size_t)snprintf(extra + n, sizeof extra - n, ", type %s", err->type);
        if (err->line > 0 && n < sizeof extra)
            n += (size_t)snprintf(extra + n, sizeof extra - n, ", line %d, column %d", err->line,
                                  err->column);
        if (err->query_id[0] && n < sizeof extra)
            n += (size_t)snprintf(extra + n, sizeof extra - n, ", query_id %s", err->query_id);
        if (n < sizeof extra)
            snprintf(extra + n, sizeof extra - n, ")");
    } else if (err->query_id[0]) {
        snprintf(extra, sizeof extra, " (query_id %s)", err->query_id);
    }
    return rs_diag_post(d, state, err->http_status, "%s%s%s",
                        err->kind == RS_ERR_HTTP ? "[Rockset] " : "",
                        err->message[0] ? err->message : "unknown error", extra);
}

/* ODBC 2 names of the ODBC 3 states (the ODBC 3.x "SQLSTATE Mappings" appendix). */
static const char *const odbc2_map[][2] = {
    {"07005", "24000"}, {"07009", "S1002"}, {"08S01", "08S01"}, {"21S01", "21S01"},
    {"42000", "37000"}, {"42S01", "S0001"}, {"42S02", "S0002"}, {"42S11", "S0011"},
    {"42S12", "S0012"}, {"42S21", "S0021"}, {"42S22", "S0022"}, {"HY000", "S1000"},
    {"HY001", "S1001"}, {"HY003", "S1003"}, {"HY004", "S1004"}, {"HY008", "S1008"},
    {"HY009", "S1009"}, {"HY010", "S1010"}, {"HY011", "S1011"}, {"HY012", "S1012"},
    {"HY024", "S1009"}, {"HY090", "S1090"}, {"HY091", "S1091"}, {"HY092", "S1092"},
    {"HY096", "S1096"}, {"HY097", "S1097"}, {"HY098", "S1098"}, {"HY099", "S1099"},
    {"HY100", "S1100"}, {"HY101", "S1101"}, {"HY103", "S1103"}, {"HY104", "S1104"},
    {"HY105", "S1105"}, {"HY106", "S1106"}, {"HY107", "S1107"}, {"HY109", "S1109"},
    {"HY110", "S1110"}, {"HY111", "S1111"}, {"HYC00", "S1C00"}, {"HYT00", "S1T00"},
    {"HYT01", "S1T00"}, {"22007", "22008"}, {"HY019", "22003"},
};

const char *rs_diag_visible_state(const rs_diag *d, const char *state)
{
    if (!d->odbc2)
        return state;
    for (size_t i = 0; i < sizeof odbc2_map / sizeof odbc2_map[0]; i++)
        if (strcmp(odbc2_map[i][0], state) == 0)
            return odbc2_map[i][1];
    return state;
}

/* Classes the ISO SQL standard defines; everything else (IM, HY, 01S..) is ODBC's. */
static int iso_class(const char *state)
{
    static const char *const iso[] = {"01", "02", "07", "08", "0A", "21", "22", "23", "24",
                                      "25", "28", "2D", "2F", "34", "3C", "3D", "3F", "40",
                                      "42", "44", "HY", NULL};
    for (int i = 0; iso[i]; i++)
        if (strncmp(state, iso[i], 2) == 0)
            return 1;
    return 0;
}

const char *rs_diag_class_origin(const char *state)
{
    return iso_class(state) ? "ISO 9075" : "ODBC 3.0";
}

const char *rs_diag_subclass_origin(const char *state)
{
    /* Subclasses defined by ODBC rather than ISO: those with an 'S' in the subclass, the HY
     * and IM classes, and a few others the spec lists. */
    static const char *const odbc[] = {"01S00", "01S01", "01S02", "01S06", "01S07", "07S01",
                                       "08S01", "21S01", "21S02", "25S01", "25S02", "25S03",
                                       "42S01", "42S02", "42S11", "42S12", "42S21", "42S22",
                                       "HY095", "HY097", "HY098", "HY099", "HY100", "HY101",
                                       "HY105", "HY107", "HY109", "HY110", "HY111", "HYT00",
                                       "HYT01", "IM001", "IM002", "IM003", "IM004", "IM005",
                                       "IM006", "IM007", "IM008", "IM010", "IM011", "IM012",
                                       NULL};
    for (int i = 0; odbc[i]; i++)
        if (strcmp(state, odbc[i]) == 0)
            return "ODBC 3.0";
    return iso_class(state) ? "ISO 9075" : "ODBC 3.0";
}
