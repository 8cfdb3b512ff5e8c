/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: rockset-local's SQL translation and engine. The input is a statement
 * (optionally followed by a NUL byte and the parameters as JSON text), translated and run on
 * the in-memory store the SQL unit tests use, so the translator, the SQL functions it
 * registers and the row encoder all see it. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tests/server/sql/test_sql_common.h"

/* Bounds that keep one input fast (libFuzzer flags a slow input as a finding): SQLite
 * virtual-machine steps and rows read. A recursive CTE would otherwise run for ever. */
#define FUZZ_MAX_STEPS 200000 /* counted in units of 1000 opcodes below */
#define FUZZ_MAX_ROWS 200

static long long steps_left;

static int progress(void *cls)
{
    (void)cls;
    return --steps_left < 0;
}

static sqlite3 *fixture(void)
{
    static sqlite3 *db;
    if (!db) {
        db = tsql_open();
        if (!db)
            abort();
        sqlite3_progress_handler(db, 1000, progress, NULL);
        /* a statement may build large strings (REPEAT, LPAD...): a failed allocation is
         * an error the engine reports, not a crash of the fuzzer */
        sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1 << 20);
    }
    return db;
}

static void run(sqlite3 *db, const char *sql, const cJSON *params)
{
    qx_options xo = { NULL, 0, 0, "fuzz@example.com" };
    qx_query q;
    qx_error err;
    memset(&err, 0, sizeof err);
    steps_left = FUZZ_MAX_STEPS / 1000;
    if (qx_prepare(db, sql, params, &xo, tsql_resolve, db, &q, &err) == 0 && q.stmt) {
        sql_sbuf out = { 0 };
        for (int n = 0; n < FUZZ_MAX_ROWS && qx_next(&q, &out, &err) == 1; n++)
            out.len = 0;
        qx_column_fields_seen(&q, &out);
        free(out.s);
    }
    qx_finish(&q);
    /* validation only binds nothing: a second path through the parameter code */
    xo.validate_only = 1;
    if (qx_prepare(db, sql, NULL, &xo, tsql_resolve, db, &q, &err) == 0) {
        sql_sbuf f = { 0 };
        qx_column_fields(&q, &f);
        free(f.s);
    }
    qx_finish(&q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    size_t sql_len = strlen(text);
    cJSON *params = sql_len < size ? cJSON_Parse(text + sql_len + 1) : NULL;
    run(fixture(), text, params);
    cJSON_Delete(params);
    free(text);
    return 0;
}
