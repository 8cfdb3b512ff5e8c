/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the connection-string parser and writer (driver/odbc/connstr.c). An
 * application hands the driver any text through SQLDriverConnect, and the driver hands back
 * the string it builds, which the application may give again: so besides not crashing, what
 * rs_connstr_build writes must parse back to the same keywords and values. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "driver/odbc/connstr.h"

/* Every item of a (but the API key, which the built string leaves out) is in b, same value. */
static void check_round_trip(const rs_connstr *a, const rs_connstr *b)
{
    for (size_t i = 0; i < a->n; i++) {
        if (strcmp(a->items[i].key, "ApiKey") == 0)
            continue;
        const char *v = rs_connstr_get(b, a->items[i].key);
        if (!v || strcmp(v, a->items[i].value) != 0)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    rs_connstr cs = { 0 };
    if (size > 8192)
        return 0;
    /* with an explicit length, as SQLDriverConnect passes it (embedded NULs and all) */
    rs_connstr_parse((const char *)data, (long)size, &cs, err, sizeof err);
    rs_connstr_free(&cs);

    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (rs_connstr_parse(text, -1, &cs, err, sizeof err) == 0) {
        rs_conn_cfg cfg;
        memset(&cfg, 0, sizeof cfg);
        rs_conn_cfg_resolve(&cs, &cfg, err, sizeof err);
        rs_conn_cfg_free(&cfg); /* also after a failure: what was resolved so far */
        rs_connstr_set(&cs, "Workspace", "ws;{x}=");
        char *built = rs_connstr_build(&cs);
        if (built) {
            rs_connstr again = { 0 };
            if (rs_connstr_parse(built, -1, &again, err, sizeof err) != 0)
                abort(); /* the driver's own output must be readable */
            check_round_trip(&cs, &again);
            rs_connstr_free(&again);
            free(built);
        }
    }
    rs_connstr_free(&cs);
    free(text);
    return 0;
}
