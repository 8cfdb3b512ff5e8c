/* SPDX-License-Identifier: Apache-2.0 */
/* The connection keyword table. Order is documentation order; docs/keywords.md is generated
 * from this table (tests/driver/odbc/test_keywords --doc) and a test fails when they disagree. */
#include "driver/odbc/keywords.h"

#include <strings.h>

static const char *const kw_bool_values[] = { "1", "0", NULL };
static const char *const kw_loglevel_values[] = { "0", "1", "2", "3", "4", NULL };

static const rs_keyword kw_table[] = {
    { "DSN", NULL, RS_KW_TEXT, "",
      "Name of the data source whose settings are read from odbc.ini.", NULL },
    { "Driver", NULL, RS_KW_TEXT, "",
      "Driver name from odbcinst.ini (or the driver library path) for DSN-less connections.",
      NULL },
    { "Description", NULL, RS_KW_TEXT, "",
      "Free text describing the data source; the driver does not use it.", NULL },
    { "Server", NULL, RS_KW_TEXT, "http://127.0.0.1:3030",
      "URL of the Rockset API server, e.g. https://api.usw2a1.rockset.com.", NULL },
    { "ApiKey", "PWD", RS_KW_SECRET, "",
      "Rockset API key sent with every request (PWD is accepted as another name for it).",
      NULL },
    { "UID", NULL, RS_KW_TEXT, "",
      "Accepted for tools that always send a user name, and ignored: the API key "
      "identifies the user.", NULL },
    { "Workspace", NULL, RS_KW_TEXT, "commons",
      "Workspace used for collection names written without one.", NULL },
    { "Timeout", NULL, RS_KW_INT, "60",
      "Seconds to wait for an answer to a request that is not a query (catalog, lambdas).",
      NULL },
    { "ConnectTimeout", NULL, RS_KW_INT, "10",
      "Seconds to wait while opening a connection to the server.", NULL },
    { "QueryTimeout", NULL, RS_KW_INT, "0",
      "Seconds a query may run before it is cancelled; 0 means no limit.", NULL },
    { "StallTimeout", NULL, RS_KW_INT, "300",
      "Seconds a request may go without receiving a byte before it fails (HYT00), even "
      "when QueryTimeout is 0; raise it for queries that run longer before answering.",
      NULL },
    { "MaxValueBytes", NULL, RS_KW_INT, "67108864",
      "Largest single value (string, bytes, or object/array as JSON text) read from an "
      "answer; a larger one fails the statement (HY000).", NULL },
    { "MaxPageBytes", NULL, RS_KW_INT, "268435456",
      "Largest answer (one page of a result, or one batch of a PageSize=0 answer, after "
      "decompression) read from the server; a larger one fails the statement (HY000): lower "
      "PageSize or raise this.", NULL },
    { "PageSize", NULL, RS_KW_INT, "10000",
      "Rows fetched from the server per page of a result; the next page is fetched in the "
      "background while the application reads the current one. 0: one answer with every "
      "row, read in batches of 10000 rows or 8 MiB (a static cursor keeps them all).", NULL },
    { "DefaultRowLimit", NULL, RS_KW_INT, "0",
      "Row limit applied to queries without a LIMIT; 0 uses the server's default.", NULL },
    { "MaxVarchar", NULL, RS_KW_INT, "8000",
      "Size reported to applications for string columns (some tools break on huge sizes).",
      NULL },
    { "SSLVerify", NULL, RS_KW_BOOL, "1",
      "1 checks the server's TLS certificate and host name; 0 turns the check off (unsafe).",
      kw_bool_values },
    { "CAInfo", NULL, RS_KW_TEXT, "",
      "File of CA certificates (PEM) used to check the server; empty uses the system's.",
      NULL },
    { "Proxy", NULL, RS_KW_TEXT, "",
      "HTTP(S) proxy URL, e.g. http://proxy:3128; empty uses the environment's settings.",
      NULL },
    { "MaxRetries", NULL, RS_KW_INT, "3",
      "Times a request that is safe to repeat is retried: a query only after a refused "
      "connection or a 429 answer; pages and catalog reads also after 502/503/504 or a "
      "connection lost before the answer began.", NULL },
    { "LogLevel", NULL, RS_KW_LIST, "0",
      "Driver log detail: 0 off, 1 errors, 2 warnings, 3 information, 4 debug.",
      kw_loglevel_values },
    { "LogFile", NULL, RS_KW_TEXT, "",
      "File the driver log is appended to; empty writes to standard error.", NULL },
    { "LambdaTag", NULL, RS_KW_TEXT, "latest",
      "Query lambda tag run by CALL when the statement names no tag or version.", NULL },
    { "ReadOnly", NULL, RS_KW_BOOL, "0",
      "1 refuses every write (INSERT, UPDATE, DELETE, CREATE/DROP TABLE) with SQLSTATE "
      "25000 before any request, as SQL_ATTR_ACCESS_MODE = SQL_MODE_READ_ONLY does.",
      kw_bool_values },
};

const rs_keyword *rs_keywords(size_t *count)
{
    if (count)
        *count = sizeof kw_table / sizeof kw_table[0];
    return kw_table;
}

const rs_keyword *rs_keyword_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < sizeof kw_table / sizeof kw_table[0]; i++) {
        const rs_keyword *k = &kw_table[i];
        if (strcasecmp(k->name, name) == 0 || (k->alias && strcasecmp(k->alias, name) == 0))
            return k;
    }
    return NULL;
}
