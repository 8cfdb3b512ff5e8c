#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Stored results live in bounded files under the data dir's tmp/results, never in rockset.db
# (issue #14: the database had grown from 180 MB to 1.6 GB after a few large paginated
# queries). Checks, on a server of its own (it restarts it): a large paginated query leaves
# rockset.db's size alone and puts its rows in result files; DELETE removes them; expiry
# (RS_LOCAL_QUERY_TTL_SECS=2) removes them; a restart removes leftovers and the query is
# gone; past --max-result-bytes a query fails with RESOURCEEXCEEDED and leaves no rows.
set -u
top_builddir=${top_builddir:-.}
bin="$top_builddir/server/rockset-local"
[ -x "$bin" ] || { echo "result_files.sh: $bin is not built" >&2; exit 99; }
exec python3 - "$bin" <<'PY'
import json, os, shutil, signal, subprocess, sys, tempfile, time, urllib.error, urllib.request

BIN = sys.argv[1]
KEY = "rstest-result-files-0123456789"
DATA = tempfile.mkdtemp(prefix="rl-results.")
RESULTS = os.path.join(DATA, "tmp", "results")
fails = 0
server = None
base = ""


def check(what, ok, got=None):
    global fails
    print(("ok: " if ok else "FAIL: ") + what + ("" if ok else " (got %r)" % (got,)))
    fails += 0 if ok else 1


def start(*args):
    global server, base
    log = open(os.path.join(DATA, "server.log"), "a")
    env = dict(os.environ, RS_LOCAL_QUERY_TTL_SECS="2")
    server = subprocess.Popen([BIN, "--data-dir", DATA, "--port", "0", "--api-key", KEY] +
                              list(args), stdout=subprocess.PIPE, stderr=log, env=env, text=True)
    line = server.stdout.readline()
    if "listening on" not in line:
        sys.exit("server did not start: %r" % line)
    base = line.strip().split(" ")[-1]


def stop():
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method, headers={
        "Authorization": "ApiKey " + KEY, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def files():
    return sorted(os.listdir(RESULTS)) if os.path.isdir(RESULTS) else []


def db_bytes():
    return sum(os.path.getsize(os.path.join(DATA, f)) for f in os.listdir(DATA)
               if f.startswith("rockset.db"))


SQL = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000)"
       " SELECT x AS id, 'padding padding padding padding padding padding padding' AS p"
       " FROM c")


def paginated():
    st, first = call("POST", "/v1/orgs/self/queries",
                     {"sql": {"query": SQL, "paginate": True,
                              "initial_paginate_response_doc_count": 100}})
    qid = first.get("query_id")
    info = {}
    for _ in range(600):
        info = call("GET", "/v1/orgs/self/queries/%s" % qid)[1].get("data", {})
        if info.get("status") not in ("RUNNING", "QUEUED"):
            break
        time.sleep(0.05)
    return st, first, qid, info


try:
    start()
    call("POST", "/v1/orgs/self/queries", {"sql": {"query": "SELECT 1"}})
    before = db_bytes()
    st, first, qid, info = paginated()
    check("a 200,000-row paginated query completes", info.get("status") == "COMPLETED", info)
    names = files()
    check("its rows are in two result files", len(names) == 2 and names[0].startswith(qid),
          names)
    size = sum(os.path.getsize(os.path.join(RESULTS, f)) for f in names)
    check("which hold the rows (> 10 MB)", size > 10 * 1000 * 1000, size)
    grown = db_bytes() - before
    check("rockset.db (and its WAL) grew by less than 1 MB", grown < 1000 * 1000, grown)
    st, page = call("GET", "/v1/orgs/self/queries/%s/pages?cursor=c0&offset=199998&docs=5"
                    % qid)
    check("the last rows read back", [r["id"] for r in page.get("results", [])] ==
          [199999, 200000], page)
    call("DELETE", "/v1/orgs/self/queries/%s" % qid)
    check("DELETE removes the files", files() == [], files())

    st, first, qid, info = paginated()
    check("another one is stored", len(files()) == 2, files())
    time.sleep(3)                      # past RS_LOCAL_QUERY_TTL_SECS=2
    # the next paginated query sweeps expired results (else the server does within 10 s)
    call("POST", "/v1/orgs/self/queries",
         {"sql": {"query": "SELECT 1 AS one", "paginate": True}})
    check("expiry removes the files", not any(f.startswith(qid) for f in files()), files())
    st, _ = call("GET", "/v1/orgs/self/queries/%s" % qid)
    check("and the query is gone", st == 404, st)

    st, first, qid, info = paginated()
    check("a third one is stored", any(f.startswith(qid) for f in files()), files())
    stop()
    start("--max-result-bytes", "1000000")
    check("a restart removes leftovers", files() == [], files())
    st, _ = call("GET", "/v1/orgs/self/queries/%s" % qid)
    check("and its query", st == 404, st)

    st, first, qid, info = paginated()
    err = json.dumps(first) + json.dumps(info)
    check("past --max-result-bytes the query fails with RESOURCEEXCEEDED",
          (st == 400 and first.get("type") == "RESOURCEEXCEEDED") or
          (info.get("status") == "ERROR" and "max-result-bytes" in err), (st, err[:400]))
    check("and leaves no rows", files() == [], files())
    stop()
finally:
    if server and server.poll() is None:
        server.kill()
    shutil.rmtree(DATA, ignore_errors=True)
sys.exit(1 if fails else 0)
PY
