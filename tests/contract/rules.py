# SPDX-License-Identifier: Apache-2.0
"""Rules beyond the OpenAPI documents, and the endpoint lists coverage is counted against.

The documents are loose where the live service was not; ../shared/api-notes.md (summarised in
each rule's comment) records what the service and its clients actually did, so these rules hold
rockset-local to that as well. Each returns deviations as (json path, expected, got).
"""

# The 47 endpoints of the API reference (rockset-api-v1.txt), as its path templates.
REFERENCE = [
    ("POST", "/v1/orgs/self/queries"),
    ("POST", "/v1/orgs/self/queries/validations"),
    ("POST", "/v1/orgs/self/ws/{workspace}/collections/{collection}/docs"),
    ("DELETE", "/v1/orgs/self/ws/{workspace}/collections/{collection}/docs"),
    ("PATCH", "/v1/orgs/self/ws/{workspace}/collections/{collection}/docs"),
    ("POST", "/v1/orgs/self/users/self/apikeys"),
    ("POST", "/v1/orgs/self/users/{user}/apikeys"),
    ("DELETE", "/v1/orgs/self/users/self/apikeys/{name}"),
    ("DELETE", "/v1/orgs/self/users/{user}/apikeys/{name}"),
    ("GET", "/v1/orgs/self/users/self/apikeys"),
    ("GET", "/v1/orgs/self/users/{user}/apikeys"),
    ("POST", "/v1/orgs/self/ws/{workspace}/collections"),
    ("DELETE", "/v1/orgs/self/ws/{workspace}/collections/{collection}"),
    ("GET", "/v1/orgs/self/ws/{workspace}/collections/{collection}"),
    ("GET", "/v1/orgs/self/ws/{workspace}/collections/{collection}/lambdas"),
    ("GET", "/v1/orgs/self/collections"),
    ("GET", "/v1/orgs/self/ws/{workspace}/collections"),
    ("POST", "/v1/orgs/self/integrations"),
    ("DELETE", "/v1/orgs/self/integrations/{integration}"),
    ("GET", "/v1/orgs/self/integrations/{integration}"),
    ("GET", "/v1/orgs/self/integrations"),
    ("GET", "/v1/orgs/self"),
    ("POST", "/v1/orgs/self/ws/{workspace}/lambdas"),
    ("POST", "/v1/orgs/self/ws/{workspace}/lambdas/{queryLambda}/tags"),
    ("DELETE", "/v1/orgs/self/ws/{workspace}/lambdas/{queryLambda}"),
    ("DELETE", "/v1/orgs/self/ws/{workspace}/lambdas/{queryLambda}/tags/{tag}"),
    ("DELETE", "/v1/orgs/self/ws/{workspace}/lambdas/{queryLambda}/version/{version}"),
    ("POST", "/v1/orgs/self/ws/{workspace}/lambdas/{queryLambda}/versions/{version}"),
    ("POST", "/v1/orgs/self/ws/{workspace}/lambdas/{queryLambda}/tags/{tag}"),
    ("GET", "/v1/orgs/self/ws/{workspace}/lambdas/{queryLambda}/tags/{tag}"),
    ("GET", "/v1/orgs/self/ws/{workspace}/lambdas/{queryLambda}/versions/{version}"),
    ("GET", "/v1/orgs/self/lambdas/tags"),
    ("GET", "/v1/orgs/self/lambdas/tags/{tag}"),
    ("GET", "/v1/orgs/self/ws/{workspace}/lambdas/{queryLambda}/tags"),
    ("GET", "/v1/orgs/self/ws/{workspace}/lambdas/{queryLambda}/versions"),
    ("GET", "/v1/orgs/self/lambdas"),
    ("GET", "/v1/orgs/self/ws/{workspace}/lambdas"),
    ("POST", "/v1/orgs/self/ws/{workspace}/lambdas/{queryLambda}/versions"),
    ("POST", "/v1/orgs/self/users"),
    ("DELETE", "/v1/orgs/self/users/{user}"),
    ("GET", "/v1/orgs/self/users/self"),
    ("GET", "/v1/orgs/self/users"),
    ("POST", "/v1/orgs/self/ws"),
    ("DELETE", "/v1/orgs/self/ws/{workspace}"),
    ("GET", "/v1/orgs/self/ws/{workspace}"),
    ("GET", "/v1/orgs/self/ws"),
    ("GET", "/v1/orgs/self/ws/{workspace}/ws"),
]

# What rockset-local serves beyond the reference (server/handlers/*.c and the ping in
# server/http/http.c). The schema of each is the 0.9.2 operation of the same path, except:
# - pages/{cursor}: the older spelling of getQueryResults (api-notes: "accept both");
# - GET /: no operation; api-notes: it answers {"message":"GO ROCKSET!"} (used as a ping).
EXTRA = [
    ("GET", "/"),
    ("GET", "/v1/orgs/self/users/{user}"),
    ("GET", "/v1/orgs/self/users/{user}/apikeys/{name}"),
    ("GET", "/v1/orgs/self/queries"),
    ("GET", "/v1/orgs/self/queries/{queryId}"),
    ("DELETE", "/v1/orgs/self/queries/{queryId}"),
    ("GET", "/v1/orgs/self/queries/{queryId}/pages"),
    ("GET", "/v1/orgs/self/queries/{queryId}/pages/{cursor}"),
    ("POST", "/v1/orgs/self/ws/{workspace}/collections/{collection}/offsets/commit"),
]

SCHEMA_ALIASES = {
    ("GET", "/v1/orgs/self/queries/{queryId}/pages/{cursor}"):
        ("GET", "/v1/orgs/self/queries/{queryId}/pages"),
}

PING_SCHEMA = {
    "type": "object", "required": ["message"],
    "properties": {"message": {"enum": ["GO ROCKSET!"]}},
}

# api-notes, Errors: "a JSON ErrorModel {message, message_key, type, line, column, trace_id,
# error_id, query_id, internal_errors}, every key present, explicit nulls, line/column
# 1-based". The schema declares these keys but requires none.
ERROR_KEYS = ("message", "message_key", "type", "line", "column", "trace_id", "error_id",
              "query_id", "internal_errors")

# api-notes: "Pairs seen on the live service: 404 NOTFOUND ...". Clients never see the status,
# only the body, so the type must say what happened; 401 is the missing-key answer and 409 the
# "already exists" one of every create.
# docs/server.md adds 409 DEPENDENTRESOURCES (deleting a workspace that still holds collections).
STATUS_TYPES = {401: ("AUTHEXCEPTION",), 404: ("NOTFOUND",),
                409: ("ALREADYEXISTS", "DEPENDENTRESOURCES")}


def error_rules(status, body):
    out = []
    if not isinstance(body, dict):
        return out
    for k in ERROR_KEYS:
        if k not in body:
            out.append(("$." + k, "present (null when unknown)", "absent"))
    msg = body.get("message")
    if not isinstance(msg, str) or not msg.strip():
        out.append(("$.message", "a meaningful message", repr(msg)))
    want = STATUS_TYPES.get(status)
    if want and body.get("type") not in want:
        out.append(("$.type", "%s for HTTP %d" % ("|".join(want), status), repr(body.get("type"))))
    for k in ("line", "column"):
        v = body.get(k)
        if v is not None and (not isinstance(v, int) or v < 1):
            out.append(("$." + k, "1-based position or null", repr(v)))
    return out


# api-notes, Responses: "Every 2xx carries a JSON body, DELETEs included"; an empty 200 or a 204
# breaks the official clients.
def success_body_rule(raw):
    if not raw.strip():
        return [("$", "a JSON body", "empty body")]
    return []


# api-notes, Queries / issue #12: a synchronous QueryResponse has no `last_offset` key at all
# unless the statement wrote ("the hosted service left the key out"); the Python client types
# it `str` and rejects null. The nullability table already refuses null there; this rule also
# refuses the key on a read, where the service never sent it.
QUERY_OPS = ("query", "executeQueryLambda", "executeQueryLambdaByTag")


def query_rules(op_id, status, body, wrote):
    if op_id not in QUERY_OPS or status != 200 or not isinstance(body, dict):
        return []
    # a null is already refused by the schema (not nullable); here: a string on a read
    if body.get("last_offset") is not None and not wrote:
        return [("$.last_offset", "absent on a read (the service left it out)",
                 repr(body["last_offset"]))]
    return []


# Issue #12: "writes answer `last_offset: null` and patches `patch_id: null`". The Python
# client admits null there, so the schema test cannot see it; the service sent the offset a
# client hands to the commit fence (the Go client's AddDocumentsWithOffset, fence-test), and
# a patch id for each applied patch.
WRITE_OPS = ("addDocuments", "patchDocuments", "deleteDocuments")


def write_rules(op_id, status, body):
    if op_id not in WRITE_OPS or status != 200 or not isinstance(body, dict):
        return []
    devs = []
    if not isinstance(body.get("last_offset"), str):
        devs.append(("$.last_offset", "the write's offset (a string)",
                     repr(body.get("last_offset"))))
    for i, d in enumerate(body.get("data") or []):
        if isinstance(d, dict) and d.get("status") == "PATCHED" and \
                not isinstance(d.get("patch_id"), str):
            devs.append(("$.data[%d].patch_id" % i, "a patch id (a string)",
                         repr(d.get("patch_id"))))
    return devs


# Issue #12: "an integration without a description has no `description` key"; the service sent
# every declared key of an entity, null when unset (as rockset-local does for collections,
# workspaces and lambda versions). Checked on the entity answers where a key was seen missing.
ALWAYS_KEYS = {
    ("createIntegration", "getIntegration", "listIntegrations", "deleteIntegration"):
        ("description",),
}


def entity_rules(op_id, body):
    out = []
    data = body.get("data") if isinstance(body, dict) else None
    items = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
    for ops, keys in ALWAYS_KEYS.items():
        if op_id not in ops:
            continue
        for i, item in enumerate(items):
            for k in keys:
                if isinstance(item, dict) and k not in item:
                    where = "$.data[%d].%s" % (i, k) if isinstance(data, list) else "$.data." + k
                    out.append((where, "present (null when unset)", "absent"))
    return out


# listActiveQueries (GET /queries), in the official client's typings: "Lists actively queued
# and running queries." -- QUEUED and RUNNING only; a finished query is read by id. And a
# QueryInfo's stats is a Stats (throttled_time_ms), not QueryResponse's stats (micros):
# clients map it by the declared keys.
ACTIVE = ("QUEUED", "RUNNING")
STATS_KEYS = ("elapsed_time_ms", "result_set_bytes_size", "result_set_document_count",
              "result_set_file_count", "throttled_time_ms")


def query_info_rules(op_id, status, body):
    if op_id not in ("getQuery", "listActiveQueries") or status != 200:
        return []
    data = body.get("data") if isinstance(body, dict) else None
    items = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
    out = []
    for i, q in enumerate(items):
        where = "$.data[%d]" % i if isinstance(data, list) else "$.data"
        if not isinstance(q, dict):
            continue
        if op_id == "listActiveQueries" and q.get("status") not in ACTIVE:
            out.append((where + ".status", "QUEUED|RUNNING (active queries only)",
                        repr(q.get("status"))))
        for k in (q.get("stats") or {}):
            if k not in STATS_KEYS:
                out.append((where + ".stats." + k, "a Stats key", k))
        if q.get("status") == "ERROR" and not q.get("query_errors"):
            out.append((where + ".query_errors", "the errors of a failed query", "none"))
    return out
