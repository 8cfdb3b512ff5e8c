/* SPDX-License-Identifier: Apache-2.0 */
/* Documents: add, patch, delete. One transaction per request; a bad document fails alone
 * with status ERROR, a database failure fails the request. */
#include "server/store/docpatch.h"
#include "server/handlers/handlers.h"
#include "server/http/limits.h"
#include "server/store/ingest.h"
#include "server/store/store.h"
#include "server/store/events.h"
#include "server/store/offsets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Finds the collection, opens its ingest settings and the transaction. 0 ok, -1 answered. */
static int begin_docs(const srv_request *req, srv_response *res, srv_ingest *in)
{
    srv_collection c;
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(req->json, "data");
    if (!cJSON_IsArray(data)) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                        "The request body must be {\"data\": [...]}.");
        return -1;
    }
    /* Before the collection lookup, like the service, which refuses the batch as a whole. */
    if (srv_limits_docs(cJSON_GetArraySize(data), res) != 0)
        return -1;
    int rc = srv_store_collection_find(req->db, req->params[0], req->params[1], &c);
    if (srv_reply_find_error(res, rc, req->params[0], req->params[1]) ||
        srv_events_refuse(res, req->params[0], req->params[1], "write documents"))
        return -1;
    if (srv_ingest_open(req->db, req->params[0], req->params[1], &c, in) != 0 ||
        srv_store_begin(req->db) != 0) {
        srv_ingest_close(in);
        srv_reply_db_error(res);
        return -1;
    }
    return 0;
}

static void end_docs(const srv_request *req, srv_response *res, srv_ingest *in, cJSON *out,
                     int failed)
{
    if (!failed && srv_ingest_finish(req->db, in) != 0)
        failed = 1;
    if (failed || srv_store_commit(req->db) != 0) {
        srv_store_rollback(req->db);
        cJSON_Delete(out);
        if (failed == 2)
            srv_reply_error(res, 400, "INVALIDINPUT", NULL, "The documents are not valid JSON.");
        else
            srv_reply_db_error(res);
    } else {
        cJSON *body = cJSON_CreateObject();
        cJSON_AddItemToObject(body, "data", out);
        /* The service answered every write with the offset a client hands to the commit
         * fence to read its own writes (the Go client's AddDocumentsWithOffset and
         * wait.UntilQueryable); the official Python client refuses a null here. */
        char offset[SRV_OFFSET_TEXT];
        srv_offsets_format(in->offset, offset);
        cJSON_AddStringToObject(body, "last_offset", offset);
        srv_reply_json(res, 200, body);
    }
    srv_ingest_close(in);
}

static cJSON *doc_status(const srv_ingest *in, const char *id, const char *status, cJSON *error)
{
    cJSON *s = cJSON_CreateObject();
    if (id)
        cJSON_AddStringToObject(s, "_id", id);
    else
        cJSON_AddNullToObject(s, "_id");
    cJSON_AddStringToObject(s, "_collection", in->name);
    cJSON_AddStringToObject(s, "status", status);
    cJSON_AddItemToObject(s, "error", error ? error : cJSON_CreateNull());
    if (strcmp(status, "PATCHED") == 0) {
        /* each applied patch has its own id, as the service's patch answers did */
        char id[40];
        srv_new_uuid(id);
        cJSON_AddStringToObject(s, "patch_id", id);
    } else {
        cJSON_AddNullToObject(s, "patch_id");
    }
    return s;
}

static void add_docs(const srv_request *req, srv_response *res)
{
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "add documents"))
        return;
    srv_ingest in;
    int failed;
    if (srv_require_object(req, res) || begin_docs(req, res, &in) != 0)
        return;
    cJSON *out = srv_ingest_add(req->db, &in, req->body, req->body_len, "$.data", &failed);
    end_docs(req, res, &in, out, failed);
}

/* Loads a stored document as one object (without _id); NULL when missing. */
static cJSON *load_doc(sqlite3 *db, const srv_ingest *in, const char *id, long long *et,
                       int *err)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT doc, _event_time FROM %s WHERE _id = ?", in->coll.table);
    sqlite3_stmt *st = srv_store_prepare(db, sql);
    *err = !st;
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    cJSON *doc = NULL;
    if (rc == SQLITE_ROW) {
        doc = cJSON_Parse((const char *)sqlite3_column_text(st, 0));
        *et = sqlite3_column_int64(st, 1);
        *err = !doc;
    } else {
        *err = rc != SQLITE_DONE;
    }
    sqlite3_finalize(st);
    return doc;
}

/* One patch entry: 0 handled (status set), -1 database failure. */
static int patch_one(sqlite3 *db, srv_ingest *in, const cJSON *entry, cJSON **status)
{
    char err[512];
    const char *id = srv_json_str(entry, "_id");
    long long et = 0;
    int dberr = 0, replaced = 0;
    if (!id) {
        *status = doc_status(in, NULL, "ERROR",
                             srv_ingest_doc_error("INVALIDINPUT", "each patch needs an '_id' string"));
        return 0;
    }
    cJSON *doc = load_doc(db, in, id, &et, &dberr);
    if (!doc) {
        if (dberr)
            return -1;
        snprintf(err, sizeof err, "document '%s' not found", id);
        *status = doc_status(in, id, "ERROR", srv_ingest_doc_error("NOTFOUND", err));
        return 0;
    }
    if (srv_docpatch_apply(&doc, cJSON_GetObjectItemCaseSensitive(entry, "patch"), err,
                           sizeof err) != 0) {
        cJSON_Delete(doc);
        *status = doc_status(in, id, "ERROR", srv_ingest_doc_error("INVALIDINPUT", err));
        return 0;
    }
    int rc = srv_ingest_put(db, in, id, et, doc, &replaced);
    cJSON_Delete(doc);
    if (rc != 0)
        return -1;
    *status = doc_status(in, id, "PATCHED", NULL);
    return 0;
}

static void patch_docs(const srv_request *req, srv_response *res)
{
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "patch documents"))
        return;
    srv_ingest in;
    int failed = 0;
    const cJSON *entry;
    if (srv_require_object(req, res) || begin_docs(req, res, &in) != 0)
        return;
    cJSON *out = cJSON_CreateArray();
    cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(req->json, "data")) {
        cJSON *status = NULL;
        if (patch_one(req->db, &in, entry, &status) != 0) {
            failed = 1;
            break;
        }
        cJSON_AddItemToArray(out, status);
    }
    end_docs(req, res, &in, out, failed);
}

static void delete_docs(const srv_request *req, srv_response *res)
{
    if (srv_require_role(req, res, SRV_ROLE_MEMBER, "delete documents"))
        return;
    srv_ingest in;
    int failed = 0;
    const cJSON *entry;
    char sql[160];
    if (srv_require_object(req, res) || begin_docs(req, res, &in) != 0)
        return;
    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE _id = ?", in.coll.table);
    sqlite3_stmt *st = srv_store_prepare(req->db, sql);
    cJSON *out = cJSON_CreateArray();
    failed = !st;
    cJSON_ArrayForEach(entry, cJSON_GetObjectItemCaseSensitive(req->json, "data")) {
        const char *id = srv_json_str(entry, "_id");
        if (failed)
            break;
        if (!id) {
            cJSON_AddItemToArray(out, doc_status(&in, NULL, "ERROR",
                                                 srv_ingest_doc_error("INVALIDINPUT",
                                                                      "each entry needs an '_id' string")));
            continue;
        }
        sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
        failed = srv_store_step(st) != SQLITE_DONE;
        sqlite3_reset(st);
        /* Deleting an id that does not exist is not an error: the id is gone either way. */
        cJSON_AddItemToArray(out, doc_status(&in, id, "DELETED", NULL));
    }
    sqlite3_finalize(st);
    end_docs(req, res, &in, out, failed);
}

/* The offsets given ({"name": [offset, ...]}, absent or empty for none): the largest in
 * *fence. 0 ok, -1 answered with 400. */
static int fence_of(const srv_request *req, srv_response *res, long long *fence)
{
    const cJSON *names = cJSON_GetObjectItemCaseSensitive(req->json, "name"), *n;
    *fence = -1;
    if (names && !cJSON_IsNull(names) && !cJSON_IsArray(names)) {
        srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                        "'name' must be a list of offsets returned by writes.");
        return -1;
    }
    cJSON_ArrayForEach(n, names) {
        long long seq;
        if (!cJSON_IsString(n) || srv_offsets_parse(n->valuestring, &seq) != 0) {
            srv_reply_error(res, 400, "INVALIDINPUT", NULL,
                            "Invalid offset %s: give the last_offset a write answered.",
                            cJSON_IsString(n) ? n->valuestring : "(not a string)");
            return -1;
        }
        if (seq > *fence)
            *fence = seq;
    }
    return 0;
}

/* The commit fence (GetCollectionCommit): whether the collection includes the writes that
 * answered the given offsets, so a client can read its own writes (the Go client's
 * wait.UntilQueryable polls this). A write here is queryable once it commits, so a fence
 * passes when every offset given was issued; one never issued does not pass. */
static void commit_fence(const srv_request *req, srv_response *res)
{
    srv_collection c;
    long long fence, commit;
    if (srv_require_object(req, res) || fence_of(req, res, &fence) != 0)
        return;
    int rc = srv_store_collection_find(req->db, req->params[0], req->params[1], &c);
    if (srv_reply_find_error(res, rc, req->params[0], req->params[1]))
        return;
    if (srv_offsets_current(req->db, c.id, &commit) != 0) {
        srv_reply_db_error(res);
        return;
    }
    char fence_text[SRV_OFFSET_TEXT], commit_text[SRV_OFFSET_TEXT];
    srv_offsets_format(commit, commit_text);
    srv_offsets_format(fence < 0 ? commit : fence, fence_text);
    cJSON *body = cJSON_CreateObject();
    cJSON *data = cJSON_AddObjectToObject(body, "data");
    cJSON_AddStringToObject(data, "fence", fence_text);
    cJSON_AddBoolToObject(data, "passed", fence <= commit);
    cJSON_AddStringToObject(cJSON_AddObjectToObject(body, "offsets"), "commit", commit_text);
    srv_reply_json(res, 200, body);
}

void srv_handlers_documents_register(void)
{
    srv_route_add("POST", "/v1/orgs/self/ws/{}/collections/{}/offsets/commit", commit_fence);
    srv_route_add("POST", "/v1/orgs/self/ws/{}/collections/{}/docs", add_docs);
    srv_route_add("PATCH", "/v1/orgs/self/ws/{}/collections/{}/docs", patch_docs);
    srv_route_add("DELETE", "/v1/orgs/self/ws/{}/collections/{}/docs", delete_docs);
}
