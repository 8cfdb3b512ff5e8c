/* SPDX-License-Identifier: Apache-2.0 */
/* Response helpers: JSON bodies, the {"data": ...} wrapper and the ErrorModel. */
#include "server/srv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void srv_reply_json(srv_response *res, int status, cJSON *body)
{
    if (res->json)
        cJSON_Delete(res->json);
    free(res->text);
    res->text = NULL;
    res->status = status;
    res->json = body ? body : cJSON_CreateObject();
}

void srv_reply_data(srv_response *res, int status, cJSON *body)
{
    cJSON *wrap = cJSON_CreateObject();
    cJSON_AddItemToObject(wrap, "data", body ? body : cJSON_CreateNull());
    srv_reply_json(res, status, wrap);
}

static void add_str_or_null(cJSON *o, const char *k, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, k, v);
    else
        cJSON_AddNullToObject(o, k);
}

/* Builds the ErrorModel: clients only see this body, never the status, so every key is
 * present and `type` carries the meaning. */
static cJSON *error_model(const char *type, const char *message_key, const char *error_id,
                          int line, int column, const char *query_id, const char *message)
{
    /* a trace id per answer, as a UUID like the service's other ids */
    char trace[40];
    cJSON *o = cJSON_CreateObject();
    srv_new_uuid(trace);
    add_str_or_null(o, "message", message);
    add_str_or_null(o, "message_key", message_key);
    add_str_or_null(o, "type", type);
    if (line > 0)
        cJSON_AddNumberToObject(o, "line", line);
    else
        cJSON_AddNullToObject(o, "line");
    if (column > 0)
        cJSON_AddNumberToObject(o, "column", column);
    else
        cJSON_AddNullToObject(o, "column");
    cJSON_AddStringToObject(o, "trace_id", trace);
    add_str_or_null(o, "error_id", error_id);
    add_str_or_null(o, "query_id", query_id);
    cJSON_AddNullToObject(o, "internal_errors");
    return o;
}

void srv_reply_error(srv_response *res, int status, const char *type, const char *message_key,
                     const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    srv_reply_json(res, status, error_model(type, message_key, NULL, 0, 0, NULL, msg));
}

void srv_reply_error_at(srv_response *res, int status, const char *type, const char *error_id,
                        int line, int column, const char *query_id, const char *message)
{
    srv_reply_json(res, status,
                   error_model(type, NULL, error_id, line, column, query_id, message));
}
