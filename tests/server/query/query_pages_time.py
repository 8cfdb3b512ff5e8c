#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""On demand (not in `make check`): how soon the first page of a big paginated query comes
back, and how long reading every page takes. Run under tests/with-server.sh:
    top_builddir=BUILD tests/with-server.sh /usr/bin/python3 tests/server/query/query_pages_time.py [ROWS]
Checks that every row arrives once, in order, and that next_cursor is null at the end."""
import json
import os
import sys
import time
import urllib.request

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
PAGE = 1000
SERVER = os.environ["RS_SERVER"]
HEAD = {"Authorization": "ApiKey " + os.environ["RS_APIKEY"], "Content-Type": "application/json"}


def server_hwm_kb():
    """Peak RSS of this test's server (found by its --data-dir), or -1."""
    want = "--data-dir\0%s\0" % os.environ.get("RS_DATADIR", "")
    for pid in os.listdir("/proc"):
        try:
            with open("/proc/%s/cmdline" % pid) as f:
                if want not in f.read():
                    continue
            with open("/proc/%s/status" % pid) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except (OSError, ValueError):
            continue
    return -1


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(SERVER + path, data=data, headers=HEAD, method=method)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read())


sql = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %d)"
       " SELECT x, 'a string to make every row about sixty bytes long' AS s FROM c" % ROWS)
hwm0 = server_hwm_kb()
t0 = time.monotonic()
first = call("POST", "/v1/orgs/self/queries", {"sql": {"query": sql}, "max_initial_results": PAGE})
t_first = time.monotonic() - t0
seen = [r["x"] for r in first["results"]]
cursor = first["pagination"]["next_cursor"]
qid = first["query_id"]
last = first
while cursor:
    last = call("GET", "/v1/orgs/self/queries/%s/pages?cursor=%s&docs=100000" % (qid, cursor))
    seen.extend(r["x"] for r in last["results"])
    cursor = last["pagination"]["next_cursor"]
t_all = time.monotonic() - t0
ok = seen == list(range(1, ROWS + 1)) and last["results_total_doc_count"] == ROWS
print("rows %d: first page (%d rows) after %.3f s, all pages after %.3f s; first page"
      " results_total_doc_count %s, last %s" % (ROWS, PAGE, t_first, t_all,
                                                first.get("results_total_doc_count"),
                                                last["results_total_doc_count"]))
print("server peak RSS %d kB -> %d kB" % (hwm0, server_hwm_kb()))
info = call("GET", "/v1/orgs/self/queries/%s" % qid)["data"]
print("query info status %s" % info["status"])
if not ok or info["status"] != "COMPLETED":
    print("query_pages_time.py: FAIL (rows %d seen, in order: %s)" % (len(seen), ok))
    sys.exit(1)
print("query_pages_time.py: PASS")
