/* SPDX-License-Identifier: Apache-2.0 */
/* Function names the translator refuses before SQLite sees them: SQLite's own functions
 * that are not Rockset's, and Rockset's that rockset-local does not have (docs/sql.md,
 * "Functions"). */
#include "server/sql/sql_tr_internal.h"

#include <strings.h>

/* Functions SQLite has and Rockset does not (SQLite's core, date, math and JSON functions):
 * passed through, they would answer with SQLite's meaning (printf-style FORMAT, GLOB,
 * INSTR, LOG as log10, IIF, GROUP_CONCAT, json_extract ...), a query that runs here and
 * fails on the service or, worse, answers differently. Written by a user they are unknown,
 * as on the service; the translator's own output still uses json_each, json_type, ... */
int tr_fn_sqlite_only(const char *name)
{
    static const char *const w[] = {
        "changes", "char", "format", "glob", "hex", "unhex", "iif", "instr",
        "last_insert_rowid", "likelihood", "likely", "unlikely", "load_extension", "printf",
        "quote", "random", "randomblob", "soundex", "sqlite_compileoption_get",
        "sqlite_compileoption_used", "sqlite_offset", "sqlite_source_id", "sqlite_version",
        "total_changes", "unicode", "zeroblob", "group_concat", "string_agg", "total",
        "julianday", "unixepoch", "strftime", "timediff", "octet_length", "concat_ws", "log",
        "acosh", "asinh", "atanh", "json", "jsonb", "json_array", "json_array_length",
        "json_extract", "json_insert", "json_object", "json_patch", "json_remove",
        "json_replace", "json_set", "json_type", "json_valid", "json_quote",
        "json_group_array", "json_group_object", "json_each", "json_tree",
        "json_error_position", "json_pretty", "like", NULL
    };
    for (int i = 0; w[i]; i++)
        if (strcasecmp(w[i], name) == 0)
            return 1;
    return strncasecmp(name, "jsonb_", 6) == 0;
}

/* Functions of Rockset's reference that rockset-local does not have (docs/sql.md, the
 * function list's last column): an honest 501 naming them, not the "not found" of a
 * misspelled name. Text search needs Rockset's tokenizer and search index (an approximation
 * would rank and match differently without saying so); DATE_PARSE's MySQL-style formats
 * are not implemented. */
const char *tr_fn_unsupported(const char *name)
{
    static const char *const text[] = { "TOKENIZE", "SEARCH", "SCORE", "HAS_TERM", "BOOST",
                                        "PROXIMITY", "CONTAINS", NULL };
    for (int i = 0; text[i]; i++)
        if (strcasecmp(text[i], name) == 0)
            return "text search";
    return strcasecmp(name, "DATE_PARSE") == 0 ? "MySQL-style date formats" : NULL;
}
