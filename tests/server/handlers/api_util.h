/* SPDX-License-Identifier: Apache-2.0 */
/* HTTP helpers for the rockset-local API tests (libcurl + cJSON), driven by the
 * environment tests/with-server.sh exports: RS_SERVER, RS_APIKEY, RS_DATADIR. */
#ifndef TEST_API_UTIL_H
#define TEST_API_UTIL_H

#include <cjson/cJSON.h>
#include <stddef.h>

typedef struct api_resp {
    long status;
    cJSON *json;      /* parsed body, NULL when not JSON */
    char *body;       /* raw body */
} api_resp;

/* Performs one request with the test key (key NULL = RS_APIKEY, "" = no header);
 * body may be NULL. Returns a response to free with api_free. */
api_resp api_call(const char *method, const char *path, const char *body, const char *key);
api_resp api_callf(const char *method, const char *body, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void api_free(api_resp *r);

/* Member access by a dotted path ("data.stats.doc_count"); NULL when missing. */
const cJSON *jget(const cJSON *j, const char *path);
const char *jstr(const cJSON *j, const char *path);
double jnum(const cJSON *j, const char *path);   /* NaN when missing */

/* 1 when j is an ErrorModel with every key present and the given type (and message_key
 * when not NULL). */
int is_error(const cJSON *j, const char *type, const char *message_key);

/* Runs one SQL statement against RS_DATADIR/rockset.db and returns the first column of the
 * first row as a malloc'd string (NULL when no row). */
char *db_scalar(const char *sql);

int api_init(void);
void api_cleanup(void);

#endif
