# SPDX-License-Identifier: Apache-2.0
"""The calls of the contract test, in an order where each creates what the next needs.
Everything is made in a workspace of its own ("ct") and removed again at the end, so the delete
endpoints are exercised too. Expected statuses are those the reference documents."""
import rules

V1 = "/v1/orgs/self"
WS = V1 + "/ws/{workspace}"
COLL = WS + "/collections/{collection}"
QL = WS + "/lambdas/{queryLambda}"
USER = "ct-user@example.com"   # sent percent-encoded, as clients do (api-notes)


def run(r):
    r.call("GET", "/", 200)
    r.call("GET", V1, 200)
    workspaces(r)
    collections(r)
    documents(r)
    queries(r)
    lambdas(r)
    integrations(r)
    users_and_keys(r)
    teardown(r)
    events(r)
    unauthenticated(r)


def workspaces(r):
    r.call("POST", V1 + "/ws", 200, {"name": "ct", "description": "contract test"})
    r.call("POST", V1 + "/ws", 200, {"name": "ct.child"})
    r.call("POST", V1 + "/ws", 409, {"name": "ct"})
    r.call("POST", V1 + "/ws", 400, {"name": "no spaces allowed"})
    r.call("GET", V1 + "/ws", 200)
    r.call("GET", WS, 200, workspace="ct")
    r.call("GET", WS, 200, workspace="ct.child")
    r.call("GET", WS, 404, workspace="nope")
    r.call("GET", WS + "/ws", 200, workspace="ct")
    r.call("GET", WS + "/ws", 404, workspace="nope")


def collections(r):
    c = WS + "/collections"
    r.call("POST", c, 200, {"name": "c1", "description": "one"}, workspace="ct")
    r.call("POST", c, 200, {"name": "c2", "retention_secs": 3600,
                            "event_time_info": {"field": "ts"}}, workspace="ct")
    r.call("POST", c, 409, {"name": "c1"}, workspace="ct")
    r.call("POST", c, 400, {"name": "bad name"}, workspace="ct")
    r.call("POST", c, 404, {"name": "c1"}, workspace="nope")
    r.call("GET", V1 + "/collections", 200)
    r.call("GET", c, 200, workspace="ct")
    r.call("GET", c, 404, workspace="nope")
    r.call("GET", COLL, 200, workspace="commons", collection="sample")
    r.call("GET", COLL, 200, workspace="ct", collection="c1")
    r.call("GET", COLL, 404, workspace="ct", collection="nope")
    r.call("GET", COLL, 404, workspace="nope", collection="c1")


def documents(r):
    d = COLL + "/docs"
    added = r.call("POST", d, 200, {"data": [{"_id": "a", "x": 1, "f": 1.5}, {"x": 2}]},
                   workspace="ct", collection="c1")
    commit_fence(r, (added or {}).get("last_offset"))
    r.call("POST", d, 400, {"data": 5}, workspace="ct", collection="c1")
    r.call("POST", d, 404, {"data": [{"x": 1}]}, workspace="ct", collection="nope")
    patch = {"data": [{"_id": "a", "patch": [{"op": "ADD", "path": "/y", "value": 2}]}]}
    r.call("PATCH", d, 200, patch, workspace="ct", collection="c1")
    r.call("PATCH", d, 400, {"data": "x"}, workspace="ct", collection="c1")
    r.call("PATCH", d, 404, patch, workspace="ct", collection="nope")
    r.call("POST", d, 200, {"data": [{"_id": "gone", "x": 3}]}, workspace="ct", collection="c1")
    r.call("DELETE", d, 200, {"data": [{"_id": "gone"}]}, workspace="ct", collection="c1")
    r.call("DELETE", d, 400, {"data": {}}, workspace="ct", collection="c1")
    r.call("DELETE", d, 404, {"data": [{"_id": "a"}]}, workspace="ct", collection="nope")


def commit_fence(r, offset):
    """The commit fence a client polls to read its own writes: an offset a write answered has
    passed (rockset-local commits before it answers), one never issued has not."""
    f = COLL + "/offsets/commit"
    got = r.call("POST", f, 200, {"name": [offset]}, workspace="ct", collection="c1")
    if not (got or {}).get("data", {}).get("passed"):
        r.add("getCollectionOffsets", 200, "$.data.passed", "true for a written offset",
              repr(got))
    ahead = r.call("POST", f, 200, {"name": ["f1:0:999999"]}, workspace="ct", collection="c1")
    if (ahead or {}).get("data", {}).get("passed") is not False:
        r.add("getCollectionOffsets", 200, "$.data.passed", "false for an offset not issued",
              repr(ahead))
    r.call("POST", f, 200, {}, workspace="ct", collection="c1")
    r.call("POST", f, 400, {"name": ["not an offset"]}, workspace="ct", collection="c1")
    r.call("POST", f, 404, {"name": [offset]}, workspace="ct", collection="nope")


def queries(r):
    q = V1 + "/queries"
    r.call("POST", q, 200, {"sql": {"query": "SELECT 1 AS one, 2.5 AS f"}})
    r.call("POST", q, 200, {"sql": {"query": "SELECT * FROM commons.sample"}})
    r.call("POST", q, 200, {"sql": {"query": "SELECT x FROM ct.c1 WHERE x = :x",
                                    "parameters": [{"name": "x", "type": "int", "value": "1"}]}})
    paged = r.call("POST", q, 200, {"sql": {"query": "SELECT * FROM commons.sample"},
                                    "max_initial_results": 2})
    r.call("POST", q, 400, {"sql": {"query": "SELEC 1"}})
    failed = r.call("POST", q, 400, {"sql": {"query": "SELECT COUT(*) FROM commons.sample"}})
    r.call("POST", q, 400, {"nosql": 1})
    r.call("POST", q, 404, {"sql": {"query": "SELECT * FROM ct.nope"}})
    queued = r.call("POST", q, 200, {"sql": {"query": "SELECT * FROM sales.orders"},
                                     "async": True})
    # INSERT INTO ... SELECT writes: its answer carries the write's offset (issue #16)
    ins = r.call("POST", q, 200, {"sql": {"query": "INSERT INTO ct.c1 SELECT _id || '-copy' AS"
                                                   " _id, x FROM ct.c1"}}, wrote=True)
    if ((ins or {}).get("results") or [{}])[0].get("num_docs_inserted") != 2:
        r.add("query", 200, "$.results[0].num_docs_inserted (INSERT INTO)", "2", repr(ins))
    commit_fence(r, (ins or {}).get("last_offset"))
    r.call("POST", q, 400, {"sql": {"query": "INSERT INTO commons._events SELECT 1 AS x"}})
    r.call("POST", q, 404, {"sql": {"query": "INSERT INTO ct.nope SELECT 1 AS x"}})
    v = q + "/validations"
    r.call("POST", v, 200, {"sql": {"query": "SELECT * FROM commons.sample WHERE x = :p"}})
    r.call("POST", v, 400, {"sql": {"query": "SELECT FROM WHERE"}})
    r.call("GET", q, 200)
    qid = (paged or {}).get("query_id", "none")
    one = q + "/{queryId}"
    info = r.call("GET", one, 200, queryId=qid)
    # QueryInfo: pagination of a paginated query, query_errors of a failed one
    if not (((info or {}).get("data") or {}).get("pagination") or {}).get("start_cursor"):
        r.add("getQuery", 200, "$.data.pagination.start_cursor", "a paginated query's first"
              " cursor", "absent")
    r.call("GET", one, 200, queryId=(failed or {}).get("query_id") or "none")
    r.call("GET", one, 404, queryId="nope")
    cursor = ((paged or {}).get("pagination") or {}).get("next_cursor") or "none"
    r.call("GET", one + "/pages", 200, query={"cursor": cursor, "docs": 2, "offset": 0},
           queryId=qid)
    r.call("GET", one + "/pages/{cursor}", 200, query={"docs": 2}, queryId=qid, cursor=cursor)
    r.call("GET", one + "/pages", 404, queryId="nope")
    r.call("DELETE", one, 200, queryId=(queued or {}).get("query_id", "none"))
    r.call("DELETE", one, 404, queryId="nope")


def lambdas(r):
    lam = WS + "/lambdas"
    sql = {"query": "SELECT x FROM ct.c1 WHERE x = :x",
           "default_parameters": [{"name": "x", "type": "int", "value": "1"}]}
    v1 = r.call("POST", lam, 200, {"name": "ql", "description": "first", "sql": sql},
                workspace="ct")
    v1 = ((v1 or {}).get("data") or {}).get("version", "none")
    r.call("POST", lam, 409, {"name": "ql", "sql": sql}, workspace="ct")
    r.call("POST", lam, 400, {"name": "ql2"}, workspace="ct")
    r.call("POST", lam, 404, {"name": "ql", "sql": sql}, workspace="nope")
    v2 = r.call("POST", QL + "/versions", 200, {"sql": {"query": "SELECT 2 AS b"}},
                workspace="ct", queryLambda="ql")
    v2 = ((v2 or {}).get("data") or {}).get("version", "none")
    r.call("POST", QL + "/versions", 404, {"sql": sql}, workspace="ct", queryLambda="nope")
    r.call("POST", QL + "/versions", 400, {"sql": {"query": 5}}, workspace="ct",
           queryLambda="ql")
    r.call("GET", QL + "/versions", 200, workspace="ct", queryLambda="ql")
    r.call("GET", QL + "/versions", 404, workspace="ct", queryLambda="nope")
    ver = QL + "/versions/{version}"
    r.call("GET", ver, 200, workspace="ct", queryLambda="ql", version=v1)
    r.call("GET", ver, 404, workspace="ct", queryLambda="ql", version="nope")
    r.call("POST", ver, 200, {}, workspace="ct", queryLambda="ql", version=v1)
    r.call("POST", ver, 200, {"parameters": [{"name": "x", "type": "int", "value": "2"}]},
           workspace="ct", queryLambda="ql", version=v1)
    r.call("POST", ver, 404, {}, workspace="ct", queryLambda="ql", version="nope")
    tags(r, v1)
    r.call("GET", V1 + "/lambdas", 200)
    r.call("GET", lam, 200, workspace="ct")
    r.call("GET", lam, 404, workspace="nope")
    r.call("GET", COLL + "/lambdas", 200, workspace="ct", collection="c1")
    r.call("GET", COLL + "/lambdas", 404, workspace="ct", collection="nope")
    dv = QL + "/version/{version}"
    r.call("DELETE", dv, 200, workspace="ct", queryLambda="ql", version=v2)
    r.call("DELETE", dv, 404, workspace="ct", queryLambda="ql", version="nope")
    # a tagged version is a dependent resource of its tag
    r.call("DELETE", dv, 400, workspace="ct", queryLambda="ql", version=v1)
    tag = QL + "/tags/{tag}"
    r.call("DELETE", tag, 200, workspace="ct", queryLambda="ql", tag="prod")
    r.call("DELETE", tag, 404, workspace="ct", queryLambda="ql", tag="prod")
    r.call("DELETE", QL, 200, workspace="ct", queryLambda="ql")
    r.call("DELETE", QL, 404, workspace="ct", queryLambda="ql")


def tags(r, v1):
    t = QL + "/tags"
    r.call("POST", t, 200, {"tag_name": "prod", "version": v1}, workspace="ct", queryLambda="ql")
    r.call("POST", t, 400, {"tag_name": "prod"}, workspace="ct", queryLambda="ql")
    r.call("POST", t, 404, {"tag_name": "prod", "version": v1}, workspace="ct",
           queryLambda="nope")
    r.call("POST", t, 404, {"tag_name": "x", "version": "0000000000000000"}, workspace="ct",
           queryLambda="ql")
    r.call("GET", t, 200, workspace="ct", queryLambda="ql")
    r.call("GET", t, 404, workspace="ct", queryLambda="nope")
    one = t + "/{tag}"
    r.call("GET", one, 200, workspace="ct", queryLambda="ql", tag="prod")
    r.call("GET", one, 200, workspace="ct", queryLambda="ql", tag="latest")
    r.call("GET", one, 404, workspace="ct", queryLambda="ql", tag="nope")
    r.call("POST", one, 200, {}, workspace="ct", queryLambda="ql", tag="prod")
    r.call("POST", one, 404, {}, workspace="ct", queryLambda="ql", tag="nope")
    r.call("GET", V1 + "/lambdas/tags", 200)
    r.call("GET", V1 + "/lambdas/tags/{tag}", 200, tag="prod")


def integrations(r):
    i = V1 + "/integrations"
    s3 = {"aws_role": {"aws_role_arn": "arn:aws:iam::123456789012:role/ct"}}
    r.call("POST", i, 200, {"name": "i1", "description": "one", "s3": s3})
    r.call("POST", i, 200, {"name": "i2", "s3": s3})
    r.call("POST", i, 409, {"name": "i1", "s3": s3})
    r.call("POST", i, 400, {"name": "bad name"})
    r.call("GET", i, 200)
    one = i + "/{integration}"
    r.call("GET", one, 200, integration="i1")
    r.call("GET", one, 200, integration="i2")
    r.call("GET", one, 404, integration="nope")
    r.call("DELETE", one, 200, integration="i1")
    r.call("DELETE", one, 200, integration="i2")
    r.call("DELETE", one, 404, integration="i1")


def users_and_keys(r):
    u = V1 + "/users"
    r.call("GET", u + "/self", 200)
    r.call("POST", u, 200, {"email": USER, "roles": ["member"]})
    r.call("POST", u, 409, {"email": USER, "roles": ["member"]})
    r.call("POST", u, 400, {"roles": ["member"]})
    r.call("GET", u, 200)
    r.call("GET", u + "/{user}", 200, user=USER)
    r.call("GET", u + "/{user}", 404, user="nobody@example.com")
    mine, theirs = u + "/self/apikeys", u + "/{user}/apikeys"
    r.call("POST", mine, 200, {"name": "k1"})
    r.call("POST", mine, 409, {"name": "k1"})
    r.call("POST", mine, 400, {"name": "bad name"})
    r.call("POST", theirs, 200, {"name": "k2"}, user=USER)
    r.call("POST", theirs, 404, {"name": "k2"}, user="nobody@example.com")
    r.call("GET", mine, 200)
    r.call("GET", theirs, 200, user=USER)
    r.call("GET", theirs, 404, user="nobody@example.com")
    r.call("GET", theirs + "/{name}", 200, user="self", name="k1")
    r.call("GET", theirs + "/{name}", 404, user="self", name="nope")
    r.call("DELETE", mine + "/{name}", 200, name="k1")
    r.call("DELETE", mine + "/{name}", 404, name="k1")
    r.call("DELETE", theirs + "/{name}", 200, user=USER, name="k2")
    r.call("DELETE", theirs + "/{name}", 404, user=USER, name="k2")
    r.call("DELETE", u + "/{user}", 200, user=USER)
    r.call("DELETE", u + "/{user}", 404, user=USER)


def events(r):
    """commons._events: there from the first start, holding the control-plane events of the
    calls above (Rockset's "Audit Logging" labels), read-only for users."""
    ev = {"workspace": "commons", "collection": "_events"}
    r.call("GET", COLL, 200, **ev)
    r.call("POST", COLL + "/docs", 400, {"data": [{"x": 1}]}, **ev)
    r.call("DELETE", COLL, 400, **ev)
    got = r.call("POST", V1 + "/queries", 200, {"sql": {"query": "SELECT label, COUNT(*) AS n"
                                                         " FROM _events GROUP BY label"}})
    seen = {x.get("label") for x in (got or {}).get("results") or []}
    for label in ("COLLECTION_CREATED", "COLLECTION_DROPPED", "INTEGRATION_CREATED",
                  "USER_CREATED", "API_KEY_CREATED", "API_KEY_DELETED"):
        if label not in seen:
            r.add("query", 200, "$.results (SELECT FROM _events)", "a %s event" % label,
                  "none")


def teardown(r):
    r.call("DELETE", COLL, 200, workspace="ct", collection="c1")
    r.call("DELETE", COLL, 404, workspace="ct", collection="c1")
    r.call("DELETE", WS, 200, workspace="ct.child")
    # still holds c2: the service refuses to delete a workspace with collections
    r.call("DELETE", WS, 409, workspace="ct")
    r.call("DELETE", COLL, 200, workspace="ct", collection="c2")
    r.call("DELETE", WS, 200, workspace="ct")
    r.call("DELETE", WS, 404, workspace="ct")


FILL = {"workspace": "commons", "collection": "sample", "user": "self", "name": "k",
        "integration": "i", "queryLambda": "ql", "tag": "t", "version": "v", "queryId": "q",
        "cursor": "c"}


def unauthenticated(r):
    """Every endpoint without a key: 401 AUTHEXCEPTION, an ErrorModel."""
    for method, template in rules.REFERENCE + rules.EXTRA:
        if template == "/":
            continue  # the ping answers without a key (api-notes: used as a ping)
        params = {k: v for k, v in FILL.items() if "{%s}" % k in template}
        body = {} if method in ("POST", "PUT", "PATCH") else None
        r.call(method, template, 401, body, auth=False, **params)
