#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# What static cursors rely on (issue #15): a finished paginated query's rows stay readable at
# any offset, in any order, and for 24 hours. Runs a paginated query of 100,000 ordered rows,
# waits until it is COMPLETED, reads windows near the end, near the start and in between, out
# of order (cursor + offset, and offset alone), checks each holds the right rows and the right
# next_cursor, and checks the query's expires_at is about 24 h after it was submitted.
# No timing assertion: the windows are read through an index (qs_rows), so the test stays fast.
set -u
if [ -z "${RS_SERVER:-}" ]; then
  exec sh "${top_srcdir:-$(cd "$(dirname "$0")/../../.." && pwd)}/tests/with-server.sh" sh "$0" "$@"
fi
exec python3 - "$@" <<'EOF'
import calendar
import json
import os
import sys
import time
import urllib.request

ROWS = 100000
SERVER = os.environ["RS_SERVER"]
HEAD = {"Authorization": "ApiKey " + os.environ["RS_APIKEY"], "Content-Type": "application/json"}
fails = 0


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(SERVER + path, data=data, headers=HEAD, method=method)
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())


def check(what, ok, got=None):
    global fails
    if ok:
        print("ok: " + what)
    else:
        fails += 1
        print("FAIL: %s (got %r)" % (what, got))


sql = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %d)"
       " SELECT x AS id FROM c ORDER BY x" % ROWS)
submitted = time.time()
first = call("POST", "/v1/orgs/self/queries",
             {"sql": {"query": sql, "paginate": True,
                      "initial_paginate_response_doc_count": 10}})
qid = first["query_id"]
check("the first page is rows 1..10", [r["id"] for r in first["results"]] == list(range(1, 11)),
      first["results"][:3])
check("the first page has a next cursor", first["pagination"].get("next_cursor") is not None,
      first["pagination"])

# "finished": wait (bounded) until the rest is stored
info = {}
for _ in range(300):
    info = call("GET", "/v1/orgs/self/queries/" + qid)["data"]
    if info["status"] != "RUNNING" and info["status"] != "QUEUED":
        break
    time.sleep(0.05)
check("the query completed", info.get("status") == "COMPLETED", info.get("status"))
check("its result has %d rows" % ROWS,
      info.get("stats", {}).get("result_set_document_count") == ROWS, info.get("stats"))

# expires_at: 24 h after submission (the server stamps it when the query is recorded and
# again when it finishes; both are within the test's run of the submission)
exp = calendar.timegm(time.strptime(info.get("expires_at", ""), "%Y-%m-%dT%H:%M:%SZ"))
ttl = exp - submitted
check("expires_at is ~24 h after submission", 86400 - 120 <= ttl <= 86400 + 120, ttl)

# windows out of order: near the end, the start, the end again, the middle, the very end
# (a short window), past the end; by cursor + offset and by offset alone
pages = "/v1/orgs/self/queries/%s/pages" % qid
for offset, docs, how in ((ROWS - 100, 50, "c0"), (0, 50, "c0"), (ROWS - 1000, 7, ""),
                          (5, 3, "c0"), (ROWS // 2 + 1, 25, ""), (ROWS - 20, 50, "c0"),
                          (12345, 100, ""), (ROWS - 1, 1, ""), (1, 1, "c0"),
                          (ROWS, 10, "c0"), (ROWS + 500, 10, "")):
    q = "?docs=%d&offset=%d" % (docs, offset) + ("&cursor=" + how if how else "")
    page = call("GET", pages + q)
    want = list(range(offset + 1, min(offset + docs, ROWS) + 1))
    got = [r.get("id") for r in page.get("results", [])]
    check("offset %d, %d docs%s: rows %s" % (offset, docs, " from " + how if how else "",
                                            "%d..%d" % (want[0], want[-1]) if want else "none"),
          got == want, got[:3] + ["..."] + got[-3:] if len(got) > 6 else got)
    nxt = page.get("pagination", {}).get("next_cursor")
    check("  next_cursor %s" % ("null at the end" if offset + docs >= ROWS else "set"),
          (nxt is None) == (offset + docs >= ROWS), nxt)
    # a cursor plus an offset counts from the cursor
    if how and want and offset >= 1:
        page2 = call("GET", pages + "?cursor=c%d&docs=%d&offset=1" % (offset - 1, docs))
        got2 = [r.get("id") for r in page2.get("results", [])]
        check("  the same rows from cursor c%d + offset 1" % (offset - 1), got2 == want, got2[:3])

print("scroll_pages.sh: %s" % ("%d failed" % fails if fails else "PASS"))
sys.exit(1 if fails else 0)
EOF
