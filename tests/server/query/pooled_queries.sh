#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Queries run on pooled connections (query_pool.h), one request thread (--threads 1) so that
# they take turns on the same connection: nothing of one query may reach the next. Checks
# CURRENT_USER() follows the API key's user when two users alternate (it is set only for
# queries that call it, since redefining it expires the pool's cached statements); a query
# stopped by its timeout leaves no deadline behind for the next one; an error leaves no
# transaction; a small answer is sent whole (Content-Length), a large one streamed (chunked).
set -u
if [ -z "${RS_SERVER:-}" ]; then
  RS_SERVER_ARGS="--threads 1" \
    exec sh "${top_srcdir:-$(cd "$(dirname "$0")/../../.." && pwd)}/tests/with-server.sh" sh "$0" "$@"
fi
exec python3 - "$@" <<'PY'
import http.client, json, os, sys, urllib.parse

url = urllib.parse.urlparse(os.environ["RS_SERVER"])
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
fails = 0


def check(what, ok, got=None):
    global fails
    print(("ok: " if ok else "FAIL: ") + what + ("" if ok else " (got %r)" % (got,)))
    fails += 0 if ok else 1


def call(method, path, body=None, key=os.environ["RS_APIKEY"]):
    conn.request(method, path, json.dumps(body) if body is not None else None,
                 {"Authorization": "ApiKey " + key, "Content-Type": "application/json"})
    r = conn.getresponse()
    data = r.read()
    return r.status, json.loads(data), r.getheader("Content-Length"), \
        r.getheader("Transfer-Encoding")


def query(sql, key=os.environ["RS_APIKEY"], **extra):
    body = {"sql": {"query": sql}}
    body["sql"].update(extra)
    return call("POST", "/v1/orgs/self/queries", body, key)


st, _, _, _ = call("POST", "/v1/orgs/self/users",
                   {"email": "bob@example.com", "roles": ["member"]})
st, k, _, _ = call("POST", "/v1/orgs/self/users/bob%40example.com/apikeys", {"name": "bob"})
bob = k.get("data", {}).get("key", "")
check("a second user has a key", st == 200 and bob, (st, k))
me = call("GET", "/v1/orgs/self/users/self")[1]
admin_email = me.get("data", me).get("email")

seen = []
for i in range(6):
    who, key = (("bob@example.com", bob) if i % 2 else (admin_email, os.environ["RS_APIKEY"]))
    st, a, _, _ = query("SELECT CURRENT_USER() AS u", key)
    seen.append(a.get("results", [{}])[0].get("u"))
    query("SELECT 1 AS plain", key)          # a query that does not set the user
    check("CURRENT_USER() is %s's on turn %d" % (who, i), seen[-1] == who, seen)

gen = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %d)"
       " SELECT count(*) AS n FROM c")
st, a, _, _ = query(gen % 50000000, timeout_ms=50)
check("a query past its timeout_ms is stopped", st == 408, (st, a))
st, a, _, _ = query(gen % 300000)
check("the next query on the connection runs to its end", st == 200 and
      a.get("results") == [{"n": 300000}], (st, a))

st, a, _, _ = query("SELECT x FROM nowhere_at_all")
check("a failing query answers its error", st >= 400, st)
st, a, _, _ = call("POST", "/v1/orgs/self/queries/validations", {"sql": {"query": "SELECT 2"}})
check("a validation after it runs on a clean connection", st == 200, (st, a))

st, a, length, chunked = query("SELECT 1 AS one")
check("a small answer is sent whole", st == 200 and length is not None and not chunked,
      (st, length, chunked))
st, a, length, chunked = query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
                               " WHERE x < 20000) SELECT x FROM c")
check("a large one is streamed", st == 200 and len(a.get("results", [])) == 20000 and
      chunked == "chunked", (st, length, chunked))
sys.exit(1 if fails else 0)
PY
