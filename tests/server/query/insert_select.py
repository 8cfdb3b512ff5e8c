# SPDX-License-Identifier: Apache-2.0
"""INSERT INTO ws.coll SELECT ... (issue #16): rows become documents through the ingest path,
in one transaction with one write offset, answered as one row {"num_docs_inserted": N}.
Run by insert_select.sh against a fresh server (RS_SERVER, RS_APIKEY)."""
import json
import os
import re
import sys
import urllib.error
import urllib.request

SERVER, KEY = os.environ["RS_SERVER"], os.environ["RS_APIKEY"]
V1 = "/v1/orgs/self"
fails = 0


def call(method, path, body=None, key=KEY):
    req = urllib.request.Request(SERVER + path, method=method,
                                 data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "ApiKey " + key,
                                          "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def query(sql, key=KEY, **extra):
    return call("POST", V1 + "/queries", dict({"sql": {"query": sql}}, **extra), key)


def rows(sql):
    st, b = query(sql)
    if st != 200:
        raise AssertionError("%s: %d %s" % (sql, st, b))
    return b["results"]


def check(cond, what, got=None):
    global fails
    if cond:
        print("ok: " + what)
    else:
        fails += 1
        print("FAIL: %s: got %s" % (what, json.dumps(got)[:400]))


def count(coll):
    return rows("SELECT COUNT(*) AS n FROM " + coll)[0]["n"]


def make_coll(ws, name, **settings):
    st, b = call("POST", V1 + "/ws/%s/collections" % ws, dict({"name": name}, **settings))
    if st != 200:
        raise AssertionError("create %s.%s: %d %s" % (ws, name, st, b))


def test_copy_keeps_types():
    make_coll("commons", "copy")
    st, b = query("INSERT INTO commons.copy SELECT * FROM commons.sample")
    check(st == 200 and b["results"] == [{"num_docs_inserted": 50}], "50 rows inserted", b)
    check(b.get("column_fields") == [{"name": "num_docs_inserted", "type": "int"}],
          "column_fields of the answer", b)
    check(b.get("results_total_doc_count") == 1 and b.get("status") == "COMPLETED",
          "one result row, completed", b)
    check("commons.copy" in b.get("collections", []) and "commons.sample" in b["collections"],
          "collections name the source and the target", b)
    off = b.get("last_offset")
    check(isinstance(off, str) and off.startswith("f1:0:"), "last_offset is the write's", b)
    st, f = call("POST", V1 + "/ws/commons/collections/copy/offsets/commit", {"name": [off]})
    check(st == 200 and f["data"]["passed"] is True, "the commit fence passes the offset", f)
    src = rows("SELECT * FROM commons.sample ORDER BY _id")
    dst = rows("SELECT * FROM commons.copy ORDER BY _id")
    check(src == dst, "every document equal, typed values and _event_time kept",
          [x for x in zip(src, dst) if x[0] != x[1]][:1])
    d1 = rows("DESCRIBE commons.sample OPTION(max_field_depth=1)")
    d2 = rows("DESCRIBE commons.copy OPTION(max_field_depth=1)")
    key = lambda r: (r["field"], r["type"])
    check(sorted(d1, key=key) == sorted(d2, key=key), "DESCRIBE gives the same types",
          [d1, d2])


def test_expressions():
    make_coll("commons", "exprs")
    st, b = query("INSERT INTO commons.exprs SELECT 'x1' AS _id, DATE '2024-01-02' AS d, "
                  "TIMESTAMP '2024-01-02T03:04:05Z' AS ts, TRUE AS b, 1.5 AS f, 7 AS i, "
                  "NULL AS n, address AS obj, tags AS arr FROM commons.sample "
                  "WHERE _id = 's02'")
    check(st == 200 and b["results"][0]["num_docs_inserted"] == 1, "an expression row", b)
    got = rows("SELECT d, ts, b, f, i, n, obj, arr, TYPEOF(ts) AS tt FROM commons.exprs "
               "WHERE _id = 'x1'")
    want = [{"d": {"__rockset_type": "DATE", "value": "2024-01-02"},
             "ts": "2024-01-02T03:04:05.000000Z", "b": True, "f": 1.5, "i": 7, "n": None,
             "obj": rows("SELECT address FROM commons.sample WHERE _id = 's02'")[0]["address"],
             "arr": ["music", "tools"], "tt": "timestamp"}]
    check(got == want, "dates, timestamps, bools, numbers, null, objects, arrays kept", got)
    st, b = query("INSERT INTO commons.exprs (_id, qty, label) SELECT 'x2', 5, 'five'")
    check(st == 200 and rows("SELECT qty, label FROM commons.exprs WHERE _id = 'x2'") ==
          [{"qty": 5, "label": "five"}], "a column list names the fields", b)
    st, b = query("INSERT INTO commons.exprs (a) SELECT 1, 2")
    check(st == 400 and "1 field(s)" in b["message"], "a column list of the wrong length", b)
    st, b = query("INSERT INTO commons.exprs SELECT qty FROM commons.sample LIMIT 3")
    ids = [r["_id"] for r in rows("SELECT _id FROM commons.exprs WHERE qty IS NOT NULL "
                                  "AND _id <> 'x2'")]
    check(st == 200 and len(ids) == 3 and all(re.fullmatch("[0-9a-f]{32}", i) for i in ids),
          "rows without _id get generated ids", ids)
    st, b = query("OPTION(default_workspace='commons') INSERT INTO exprs "
                  "SELECT 'x3' AS _id, 1 AS one")
    check(st == 200 and count("commons.exprs") == 6, "the default workspace names the target",
          b)
    st, b = query("INSERT INTO commons.exprs SELECT 'x2' AS _id, 6 AS qty")
    check(st == 200 and rows("SELECT qty, label FROM commons.exprs WHERE _id = 'x2'") ==
          [{"qty": 6}], "an existing _id is replaced, as an add replaces it", b)


def test_nothing_inserted():
    before = count("commons.exprs")
    st, b = query("INSERT INTO commons.exprs SELECT _id, CODEPOINT(CASE WHEN id < 5 THEN 'a' "
                  "ELSE 'ab' END) AS c FROM commons.sample ORDER BY id")
    check(st == 400, "a query failing after some rows answers its error", b)
    check(count("commons.exprs") == before, "and inserts nothing", count("commons.exprs"))
    st, b = query("INSERT INTO commons.exprs SELECT 'ok' AS _id UNION ALL SELECT 5")
    check(st == 400 and "Row 2" in b["message"] and "_id" in b["message"],
          "a row the ingest refuses fails the statement", b)
    check(count("commons.exprs") == before, "and inserts nothing either",
          count("commons.exprs"))
    st, b = query("INSERT INTO commons.exprs SELECT * FROM sales.orders")
    check(st == 400 and b.get("message_key") == "RECEIVER_REQUEST_MAX_DOCUMENT_LIMIT",
          "more rows than --max-docs: the add request's 400", b)
    check(count("commons.exprs") == before, "nothing inserted past the limit", before)


def test_refusals():
    st, b = query("INSERT INTO commons._events SELECT 1 AS x")
    check(st == 400 and "read-only" in b["message"], "commons._events is refused", b)
    st, b = query("INSERT INTO commons.nope SELECT 1 AS x")
    check(st == 404 and b["message_key"] == "COLLECTION_DOES_NOT_EXIST" and
          b["message"] == 'Collection "nope" not found in workspace "commons".',
          "a missing collection is 404", b)
    st, b = query("INSERT INTO nows.c SELECT 1 AS x")
    check(st == 404 and b["message_key"] == "WORKSPACE_NOT_FOUND", "a missing workspace", b)
    st, b = query("INSERT INTO commons.exprs SELECT FROM")
    check(st == 400 and b["type"] == "QUERY_ERROR", "a syntax error in the SELECT", b)
    st, _ = call("POST", V1 + "/users", {"email": "ro@example.com", "roles": ["read-only"]})
    st, k = call("POST", V1 + "/users/ro%40example.com/apikeys", {"name": "ro"})
    ro = k["data"]["key"]
    st, b = query("INSERT INTO commons.exprs SELECT 'r' AS _id", key=ro)
    check(st == 403 and b["type"] == "FORBIDDEN", "a read-only key gets 403", b)
    st, b = query("INSERT INTO commons.nope SELECT 1 AS x", key=ro)
    check(st == 403, "before the collection is looked up, as the documents API", b)
    st, b = query("SELECT COUNT(*) AS n FROM commons.exprs", key=ro)
    check(st == 200, "the read-only key still queries", b)


def test_ingest_settings():
    make_coll("commons", "timed", event_time_info={"field": "ts",
                                                   "format": "seconds_since_epoch"})
    st, b = query("INSERT INTO commons.timed SELECT 't1' AS _id, 1700000000 AS ts")
    et = rows("SELECT _event_time FROM commons.timed")
    check(st == 200 and et == [{"_event_time": "2023-11-14T22:13:20.000000Z"}],
          "event_time_info sets _event_time", et)
    st, b = query("INSERT INTO commons.timed SELECT 't2' AS _id, "
                  "TIMESTAMP '2020-01-01T00:00:00Z' AS _event_time")
    et = rows("SELECT _event_time FROM commons.timed WHERE _id = 't2'")
    check(st == 200 and et == [{"_event_time": "2020-01-01T00:00:00.000000Z"}],
          "an _event_time column is the documents' event time", et)
    make_coll("commons", "mapped", retention_secs=3600, field_mappings=[
        {"name": "u", "input_fields": [{"field_name": "name", "param": "n", "is_drop": True}],
         "output_field": {"field_name": "name_up", "value": "UPPER(:n)"}}])
    st, b = query("INSERT INTO commons.mapped SELECT _id, name, _event_time FROM "
                  "commons.sample WHERE id = 1 UNION ALL SELECT 'old' AS _id, 'x' AS name, "
                  "TIMESTAMP '2001-01-01T00:00:00Z' AS _event_time")
    got = rows("SELECT * EXCEPT (_event_time) FROM commons.mapped ORDER BY _id")
    check(st == 200 and b["results"] == [{"num_docs_inserted": 2}] and
          got == [{"_id": "s01", "name_up": "BOB"}],
          "field mappings apply and the retention purges an old row", [b, got])
    st, b = query("INSERT INTO commons.exprs SELECT 'a1' AS _id",
                  async_options={}, **{"async": True})
    check(st == 200 and b.get("results") == [{"num_docs_inserted": 1}],
          "async asked: answered in full", b)
    st, b = query("INSERT INTO commons.exprs SELECT 'p1' AS _id", max_initial_results=1)
    check(st == 200 and b.get("results") == [{"num_docs_inserted": 1}],
          "paginated asked: answered in full", b)


test_copy_keeps_types()
test_expressions()
test_nothing_inserted()
test_refusals()
test_ingest_settings()
sys.exit(1 if fails else 0)
