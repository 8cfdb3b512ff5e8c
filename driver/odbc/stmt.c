/* SPDX-License-Identifier: Apache-2.0 */
/* Statement handle: allocation, attributes, SQLFreeStmt options, SQLCancel. */
#include "driver/odbc/stmt.h"
#include "driver/client/log.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

SQLRETURN rs_stmt_alloc(rs_conn *c, SQLHANDLE *out)
{
    static unsigned long counter;
    rs_stmt *s;
    int odbc2 = c->env->odbc_version == SQL_OV_ODBC2;

    if (!c->connected)
        return rs_diag_post(&c->h.diag, "08003", 0, "the connection is not open");
    s = calloc(1, sizeof *s);
    if (!s)
        return rs_diag_post(&c->h.diag, "HY001", 0, "out of memory");
    rs_handle_init(&s->h, SQL_HANDLE_STMT);
    s->h.diag.odbc2 = odbc2;
    s->h.diag.connection_name = c->h.diag.connection_name;
    s->h.diag.server_name = c->h.diag.server_name;
    s->conn = c;
    rs_desc_init(&s->ard_i, RS_DESC_ARD, SQL_DESC_ALLOC_AUTO, c);
    rs_desc_init(&s->apd_i, RS_DESC_APD, SQL_DESC_ALLOC_AUTO, c);
    rs_desc_init(&s->ird, RS_DESC_IRD, SQL_DESC_ALLOC_AUTO, c);
    rs_desc_init(&s->ipd, RS_DESC_IPD, SQL_DESC_ALLOC_AUTO, c);
    s->ard_i.odbc2 = s->apd_i.odbc2 = s->ird.odbc2 = s->ipd.odbc2 = odbc2;
    s->ard = &s->ard_i;
    s->apd = &s->apd_i;
    s->max_rows = c->max_rows;
    s->query_timeout = c->query_timeout;
    s->metadata_id = c->metadata_id;
    s->noscan = SQL_NOSCAN_OFF;
    s->retrieve_data = SQL_RD_ON;
    s->cursor_type = SQL_CURSOR_FORWARD_ONLY;
    s->concurrency = SQL_CONCUR_READ_ONLY;
    s->cursor_scrollable = SQL_NONSCROLLABLE;
    s->cursor_sensitivity = SQL_INSENSITIVE;
    s->rowset_size = 1;
    s->use_bookmarks = SQL_UB_OFF;
    s->async_enable = SQL_ASYNC_ENABLE_OFF;
    s->row_count = -1;
    s->pos_rows = -1;
    snprintf(s->cursor_name, sizeof s->cursor_name, "SQL_CUR%lu", ++counter);
    s->next = c->stmts;
    c->stmts = s;
    *out = s;
    return SQL_SUCCESS;
}

static void unlink_stmt(rs_stmt *s)
{
    rs_stmt **p = &s->conn->stmts;

    while (*p && *p != s)
        p = &(*p)->next;
    if (*p)
        *p = s->next;
}

static void clear_prepared(rs_stmt *s)
{
    if (s->prepared)
        rs_sql_rewrite_free(&s->rw);
    memset(&s->rw, 0, sizeof s->rw);
    s->prepared = 0;
    s->executed = 0;
    s->meta_valid = 0;
    free(s->sql);
    s->sql = NULL;
}

void rs_stmt_unprepare(rs_stmt *s)
{
    clear_prepared(s);
}

SQLRETURN rs_stmt_free(rs_stmt *s)
{
    rs_stmt_close_cursor(s);
    rs_stmt_dae_reset(s);
    clear_prepared(s);
    unlink_stmt(s);
    /* explicitly allocated descriptors stay with the connection */
    rs_desc_cleanup(&s->ard_i);
    rs_desc_cleanup(&s->apd_i);
    rs_desc_cleanup(&s->ird);
    rs_desc_cleanup(&s->ipd);
    rs_stmt_fetch_plan_free(s);
    rs_handle_destroy(&s->h);
    free(s);
    return SQL_SUCCESS;
}

void rs_stmt_close_cursor(rs_stmt *s)
{
    if (s->rs) {
        rs_rowsource_close(s->rs);
        s->rs = NULL;
    }
    s->cursor_open = 0;
    s->eof = 0;
    s->page = NULL;
    s->page_pos = 0;
    s->cur_row = NULL;
    s->scroll = 0;
    s->sc_start = RS_SC_BEFORE;
    s->sc_rows = 0;
    s->sc_prev_size = 0;
    s->sc_setpos = 0;
    s->pos_rows = -1;
    s->gd_col = 0;
    s->gd_offset = 0;
    s->gd_done = 0;
}

SQLRETURN rs_stmt_close_cursor_checked(rs_stmt *s)
{
    if (s->need_data)
        return rs_diag_post(&s->h.diag, "HY010", 0, "data at execution is in progress");
    if (!s->cursor_open)
        return rs_diag_post(&s->h.diag, "24000", 0, "no cursor is open");
    rs_stmt_close_cursor(s);
    return SQL_SUCCESS;
}

SQLRETURN rs_stmt_free_stmt(rs_stmt *s, SQLUSMALLINT option)
{
    switch (option) {
    case SQL_CLOSE:
        rs_stmt_close_cursor(s);
        return SQL_SUCCESS;
    case SQL_UNBIND:
        rs_desc_set_count(s->ard, 0);
        memset(&s->ard->bm, 0, sizeof s->ard->bm);
        return SQL_SUCCESS;
    case SQL_RESET_PARAMS:
        rs_desc_set_count(s->apd, 0);
        rs_desc_set_count(&s->ipd, 0);
        return SQL_SUCCESS;
    case SQL_DROP:
        return rs_stmt_free(s);
    default:
        return rs_diag_post(&s->h.diag, "HY092", 0, "invalid SQLFreeStmt option %u", option);
    }
}

SQLRETURN rs_stmt_cancel(rs_stmt *s)
{
    /* Called without the statement lock: another thread may be inside SQLExecute. */
    if (atomic_load(&s->executing)) {
        atomic_store(&s->cancel_requested, 1);
        rs_client_cancel(s->conn->client);
        rs_log(RS_LOG_INFO, "cancel requested");
        return SQL_SUCCESS;
    }
    rs_handle_lock(&s->h);
    if (s->need_data) {
        rs_stmt_dae_reset(s);
        s->need_data = 0;
    }
    rs_handle_unlock(&s->h);
    return SQL_SUCCESS;
}

SQLRETURN rs_stmt_set_cursor_name(rs_stmt *s, const char *name)
{
    if (!name || !*name || strncmp(name, "SQL_CUR", 7) == 0 || strncmp(name, "SQLCUR", 6) == 0)
        return rs_diag_post(&s->h.diag, "34000", 0, "invalid cursor name");
    if (s->cursor_open)
        return rs_diag_post(&s->h.diag, "24000", 0, "a cursor is open");
    if (strlen(name) >= sizeof s->cursor_name)
        return rs_diag_post(&s->h.diag, "34000", 0, "cursor name too long");
    for (rs_stmt *o = s->conn->stmts; o; o = o->next)
        if (o != s && strcmp(o->cursor_name, name) == 0)
            return rs_diag_post(&s->h.diag, "3C000", 0, "duplicate cursor name");
    snprintf(s->cursor_name, sizeof s->cursor_name, "%s", name);
    return SQL_SUCCESS;
}
