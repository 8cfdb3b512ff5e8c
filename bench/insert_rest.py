#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# The load of tests/integration/test_pyodbc_write.py (100,000 rows of id, name, date, score)
# written with the REST API directly: POST .../docs in batches of 20,000 documents, as the
# driver does, so the two times compare the driver's cost with the API's own.
# Usage: RS_SERVER=http://127.0.0.1:3030 RS_APIKEY=key bench/insert_rest.py [rows]
import datetime
import json
import os
import sys
import time
import urllib.request

server = os.environ.get("RS_SERVER", "http://127.0.0.1:3030").rstrip("/")
key = os.environ["RS_APIKEY"]
n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
base = server + "/v1/orgs/self/ws/commons/collections"


def call(method, url, body=None):
    data = json.dumps(body, separators=(",", ":")).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Authorization", "ApiKey " + key)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req) as r:
            return json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return {"error": e.code}


call("DELETE", base + "/rest_write")
call("POST", base, {"name": "rest_write"})
docs = [{"id": i, "name": "name-%d" % i,
         "at": {"__rockset_type": "DATE",
                "value": datetime.date(2024, 1, 1 + i % 28).isoformat()},
         "score": i / 8.0} for i in range(n)]
t0 = time.monotonic()
added = 0
for start in range(0, n, 20000):
    ans = call("POST", base + "/rest_write/docs", {"data": docs[start:start + 20000]})
    added += sum(1 for d in ans.get("data", []) if d.get("status") != "ERROR")
elapsed = time.monotonic() - t0
print("REST API: %d of %d documents in %.2f s (%.0f docs/s)" % (added, n, elapsed, n / elapsed))
call("DELETE", base + "/rest_write")
