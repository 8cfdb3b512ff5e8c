/* SPDX-License-Identifier: Apache-2.0 */
/* Query Lambdas in the store: lambdas, their versions (content-hash ids) and tags.
 * Versions answer as QueryLambdaVersion objects, lambdas as QueryLambda, tags as
 * {"tag_name", "version": QueryLambdaVersion}. */
#ifndef LAMBDA_STORE_H
#define LAMBDA_STORE_H

#include <sqlite3.h>
#include <cjson/cJSON.h>

int lambda_store_schema(sqlite3 *db);

/* For the core area's GET .../collections/{c}/lambdas (installed as srv_store_lambdas_hook):
 * the latest version of every lambda whose SQL uses ws.coll; NULL on error. */
cJSON *srv_query_lambdas_for_collection(sqlite3 *db, const char *ws, const char *coll);

/* First 16 hex chars of SHA-256 over the SQL and the default parameters. */
void ls_version_id(const char *sql, const char *params_json, char out[17]);

int ls_lambda_exists(sqlite3 *db, const char *ws, const char *name);   /* 1 yes 0 no -1 */
/* Adds a version (or finds the identical one) and moves `latest` to it. 0 ok. */
int ls_add_version(sqlite3 *db, const char *ws, const char *name, const char *description,
                   const char *sql, const char *params_json, const char *collections_json,
                   const char *user, char version[17]);
cJSON *ls_version_json(sqlite3 *db, const char *ws, const char *name, const char *version);
cJSON *ls_lambda_json(sqlite3 *db, const char *ws, const char *name);
/* ws NULL: every workspace. */
cJSON *ls_list_lambdas(sqlite3 *db, const char *ws);
cJSON *ls_list_versions(sqlite3 *db, const char *ws, const char *name);
cJSON *ls_list_tags(sqlite3 *db, const char *ws, const char *name);
/* Org-wide: distinct tag names ({"tag_name"}), and the versions a tag name points to. */
cJSON *ls_org_tags(sqlite3 *db);
cJSON *ls_org_tag_versions(sqlite3 *db, const char *tag);
cJSON *ls_tag_json(sqlite3 *db, const char *ws, const char *name, const char *tag);

int ls_delete_lambda(sqlite3 *db, const char *ws, const char *name);
/* 0 deleted, 1 not found, 2 a tag other than `latest` points to it (*tag_out set). */
int ls_delete_version(sqlite3 *db, const char *ws, const char *name, const char *version,
                      char *tag_out, size_t taglen);
/* 0 ok, 1 no such version. */
int ls_tag_set(sqlite3 *db, const char *ws, const char *name, const char *tag,
               const char *version);
int ls_tag_delete(sqlite3 *db, const char *ws, const char *name, const char *tag); /* 1 none */
/* The version a tag points to: 0 found, 1 not found. */
int ls_tag_version(sqlite3 *db, const char *ws, const char *name, const char *tag,
                   char version[17]);
/* Stats after an execution: error NULL on success. */
void ls_note_execution(sqlite3 *db, const char *ws, const char *name, const char *version,
                       const char *user, const char *error);

#endif
