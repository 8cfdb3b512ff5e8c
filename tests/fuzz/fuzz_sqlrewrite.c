/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the driver's readers of statement text (driver/sql): the rewriter (ODBC
 * escapes, parameter markers, CALL), SQLNativeSql, the select-list reader and the parameter
 * typing that reads what each marker is compared with. All of them take an application's
 * text as it comes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "driver/sql/sqlrewrite.h"
#include "driver/sql/sqlselect.h"
#include "driver/sql/sqlparam.h"

static size_t touch(const char *s)
{
    return s ? strlen(s) : 0;
}

static void check_rewrite(const rs_sql_rewrite *rw)
{
    size_t h = touch(rw->sql) + touch(rw->call_ws) + touch(rw->call_name) +
               touch(rw->call_tag) + touch(rw->call_version);
    if (rw->nqmarks > rw->nmarkers)
        abort();
    for (size_t i = 0; i < rw->nmarkers; i++)
        h += touch(rw->markers[i].name);
    for (size_t i = 0; i < rw->ncall_args; i++) {
        const rs_call_arg *a = &rw->call_args[i];
        if (a->marker >= (int)rw->nmarkers)
            abort(); /* an argument naming a marker that does not exist */
        h += touch(a->literal) + touch(a->name);
    }
    (void)h;
}

static void infer(const rs_sql_rewrite *rw)
{
    rs_sqlparam_info info;
    memset(&info, 0, sizeof info);
    if (rs_sqlparam_infer(rw, "commons", &info) == 0) {
        if (info.nparams != rw->nmarkers)
            abort(); /* one entry per marker is the contract */
        for (size_t i = 0; i < info.nparams; i++) {
            const rs_sqlparam *p = &info.params[i];
            if (p->collection >= (int)info.ncollections)
                abort();
            (void)touch(p->field);
        }
        for (size_t i = 0; i < info.ncollections; i++)
            (void)touch(info.collections[i]);
    }
    rs_sqlparam_free(&info);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    if (size > 8192)
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';

    rs_sql_rewrite rw;
    memset(&rw, 0, sizeof rw);
    /* with the length the application gave (NULs inside), then as a C string */
    if (rs_sql_rewrite_run((const char *)data, (long)size, &rw, err, sizeof err) == 0)
        check_rewrite(&rw);
    rs_sql_rewrite_free(&rw);
    memset(&rw, 0, sizeof rw);
    if (rs_sql_rewrite_run(text, -1, &rw, err, sizeof err) == 0) {
        check_rewrite(&rw);
        infer(&rw);
        rs_sel_item *items = NULL;
        int n = rs_sql_select_items(rw.sql, &items);
        for (int i = 0; i < n; i++)
            (void)(touch(items[i].name) + touch(items[i].field) + strlen(items[i].agg));
        rs_sql_select_items_free(items, n);
    }
    rs_sql_rewrite_free(&rw);
    free(rs_sql_native(text, -1, err, sizeof err));

    /* the select-list reader on the raw text too: it is also handed untranslated text */
    rs_sel_item *items = NULL;
    int n = rs_sql_select_items(text, &items);
    rs_sql_select_items_free(items, n);
    free(text);
    return 0;
}
