/* SPDX-License-Identifier: Apache-2.0 */
/* The connection keywords: one table, read by the connection-string parser, the DSN reader,
 * the setup library's ODBCINSTGetProperties and the docs. Names match case-insensitively. */
#ifndef RS_KEYWORDS_H
#define RS_KEYWORDS_H

#include <stddef.h>

typedef enum { RS_KW_TEXT, RS_KW_SECRET, RS_KW_INT, RS_KW_BOOL, RS_KW_LIST } rs_kw_type;

typedef struct rs_keyword {
    const char *name;        /* canonical spelling, e.g. "Server"                    */
    const char *alias;       /* another accepted name ("PWD" for ApiKey) or NULL     */
    rs_kw_type type;
    const char *def;         /* default as text, "" when none                       */
    const char *help;        /* one line for tools and docs                          */
    const char *const *values; /* RS_KW_LIST/RS_KW_BOOL: NULL-terminated choices     */
} rs_keyword;

/* All keywords ("DSN", "Driver", "Server", "ApiKey", "Workspace", "Timeout", "ConnectTimeout",
 * "QueryTimeout", "PageSize", "DefaultRowLimit", "MaxVarchar", "SSLVerify", "CAInfo", "Proxy",
 * "MaxRetries", "LogLevel", "LogFile", "LambdaTag", ...) in documentation order. */
const rs_keyword *rs_keywords(size_t *count);
/* By canonical name or alias, case-insensitive; NULL when unknown. */
const rs_keyword *rs_keyword_find(const char *name);

#endif
