#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""A bounded HTTP fuzz run against rockset-local (issue #11): thousands of requests built from
the API's own endpoints with mutated paths, query strings, headers and bodies, plus raw
malformed HTTP. The server must answer every one (or close a connection whose bytes are no
HTTP), never with a 5xx other than 501, always with a JSON ErrorModel for an error, and must
still answer the ping between batches. Deterministic: RS_HTTP_FUZZ_SEED (default 1) and
RS_HTTP_FUZZ_COUNT (default 2000) decide the run. Runs inside tests/with-server.sh."""
import http.client
import json
import os
import random
import socket
import sys
import time
import urllib.parse

SERVER = urllib.parse.urlsplit(os.environ["RS_SERVER"])
KEY = os.environ["RS_APIKEY"]
SEED = int(os.environ.get("RS_HTTP_FUZZ_SEED", "1"))
COUNT = int(os.environ.get("RS_HTTP_FUZZ_COUNT", "2000"))
rng = random.Random(SEED)

# (method, path template, body template or None); {ws} {coll} {name} {user} are filled in.
ENDPOINTS = [
    ("GET", "/", None), ("GET", "/v1/orgs/self", None),
    ("GET", "/v1/orgs/self/users", None), ("GET", "/v1/orgs/self/users/{user}", None),
    ("POST", "/v1/orgs/self/users", {"email": "f@x.io", "roles": ["member"]}),
    ("DELETE", "/v1/orgs/self/users/{user}", None),
    ("GET", "/v1/orgs/self/users/self/apikeys", None),
    ("POST", "/v1/orgs/self/users/self/apikeys", {"name": "k"}),
    ("GET", "/v1/orgs/self/users/{user}/apikeys/{name}", None),
    ("DELETE", "/v1/orgs/self/users/self/apikeys/{name}", None),
    ("GET", "/v1/orgs/self/ws", None), ("GET", "/v1/orgs/self/ws/{ws}", None),
    ("POST", "/v1/orgs/self/ws", {"name": "w", "description": "d"}),
    ("DELETE", "/v1/orgs/self/ws/{ws}", None),
    ("GET", "/v1/orgs/self/ws/{ws}/collections", None),
    ("POST", "/v1/orgs/self/ws/{ws}/collections", {"name": "c", "retention_secs": 3600}),
    ("GET", "/v1/orgs/self/ws/{ws}/collections/{coll}", None),
    ("DELETE", "/v1/orgs/self/ws/{ws}/collections/{coll}", None),
    ("POST", "/v1/orgs/self/ws/{ws}/collections/{coll}/docs", {"data": [{"_id": "a", "v": 1}]}),
    ("PATCH", "/v1/orgs/self/ws/{ws}/collections/{coll}/docs",
     {"data": [{"_id": "a", "patch": [{"op": "REPLACE", "path": "/v", "value": 2}]}]}),
    ("DELETE", "/v1/orgs/self/ws/{ws}/collections/{coll}/docs", {"data": [{"_id": "a"}]}),
    ("POST", "/v1/orgs/self/queries", {"sql": {"query": "SELECT 1"}}),
    ("POST", "/v1/orgs/self/queries/validations", {"sql": {"query": "SELECT 1"}}),
    ("GET", "/v1/orgs/self/queries", None), ("GET", "/v1/orgs/self/queries/{name}", None),
    ("GET", "/v1/orgs/self/queries/{name}/pages", None),
    ("DELETE", "/v1/orgs/self/queries/{name}", None),
    ("GET", "/v1/orgs/self/lambdas", None),
    ("POST", "/v1/orgs/self/ws/{ws}/lambdas", {"name": "l", "sql": {"query": "SELECT :p",
                                                "default_parameters": [{"name": "p", "type": "int", "value": "1"}]}}),
    ("POST", "/v1/orgs/self/ws/{ws}/lambdas/{name}/tags/latest", {"parameters": []}),
    ("GET", "/v1/orgs/self/integrations", None),
    ("POST", "/v1/orgs/self/integrations", {"name": "i", "s3": {"aws_role": {"aws_role_arn": "a"}}}),
]

SQL_PIECES = ["SELECT", "*", "id", "name", "COUNT(*)", "FROM", "commons.sample", "sales.orders",
              "WHERE", "id", "=", "1", "'x'", ":p", "?", "GROUP BY", "ORDER BY", "LIMIT", "10",
              "OFFSET", "-1", "9223372036854775807", "JOIN", "ON", "(", ")", ",", ";", "UNION",
              "DATE_ADD('day', 1, created)", "CAST(id AS string)", "LIKE", "'%a%'", "NULL",
              "TIMESTAMP '2020-01-01T00:00:00Z'", "INTERVAL '1' DAY", "DESCRIBE", "EXPLAIN",
              "WITH", "x AS (SELECT 1)", "\"quoted\"", "`bq`", "/*", "*/", "--", "\n", "\u00e9",
              "ARRAY_CONTAINS(tags, 'x')", "address.city", "tags[1]", "UNNEST(tags)"]

ODD_NAMES = ["commons", "sample", "", ".", "..", "%2561", "%00", "a%00b", "%2F", "%", "%zz",
             "x" * 300, "\u00e9t\u00e9", "a b", "self", "admin%40localhost", "_events", "-",
             "%25", "%2e%2e", "commons.sample", "ws.with.dots", "\ud83d\ude00"]


def odd_value(depth=0):
    pick = rng.randrange(14)
    if pick == 0:
        return None
    if pick == 1:
        return rng.choice([True, False])
    if pick == 2:
        return rng.choice([0, -1, 1, 2 ** 31, 2 ** 53 + 1, 2 ** 63, -(2 ** 63) - 1, 10 ** 30])
    if pick == 3:
        return rng.choice([0.5, -0.0, 1e308, -1e308, 1e-320])
    if pick == 4:
        return "".join(rng.choice("ab'\"\\%;{}[]\u00e9\u4e2d \t") for _ in range(rng.randrange(40)))
    if pick == 5:
        return "y" * rng.choice([1000, 70000])
    if pick == 6 and depth < 3:
        return [odd_value(depth + 1) for _ in range(rng.randrange(4))]
    if pick == 7 and depth < 3:
        return {rng.choice(["name", "sql", "query", "data", "_id", "type", "value", "x"]):
                odd_value(depth + 1) for _ in range(rng.randrange(4))}
    if pick == 8:
        return " ".join(rng.choice(SQL_PIECES) for _ in range(rng.randrange(1, 12)))
    if pick == 9:
        return "__DEEP_%d__" % rng.choice([50, 400, 2000])   # a deep array, see body_bytes
    return rng.choice(ODD_NAMES)


def mutate(value, depth=0):
    """A copy of value with some members replaced, dropped or added."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            r = rng.random()
            if r < 0.1:
                continue
            out[k] = odd_value() if r < 0.35 else mutate(v, depth + 1)
        if rng.random() < 0.2:
            out[rng.choice(["timeout_ms", "paginate", "max_initial_results", "parameters",
                            "default_row_limit", "async", "name", "extra"])] = odd_value()
        return out
    if isinstance(value, list):
        return [mutate(v, depth + 1) for v in value if rng.random() > 0.1]
    if isinstance(value, str) and rng.random() < 0.5:
        return odd_value()
    return value


def fill(path):
    for slot, pool in (("{ws}", ["commons", "sales"]), ("{coll}", ["sample", "orders"]),
                       ("{user}", ["self", "admin%40localhost"]), ("{name}", ["k", "l"])):
        while slot in path:
            name = rng.choice(pool) if rng.random() < 0.6 else rng.choice(ODD_NAMES)
            # quoted as a client would, or as sent (only what HTTP cannot carry escaped)
            safe = "%@" if rng.random() < 0.5 else "%@!$&'()*+,;=:/~.-_"
            path = path.replace(slot, urllib.parse.quote(name, safe=safe, errors="surrogatepass"), 1)
    if rng.random() < 0.3:
        path += "?" + rng.choice(["reveal=true", "cursor=c1&docs=1&offset=-5", "offset=%00",
                                  "docs=99999999999999999999", "a=%zz", "create=true&x=" + "z" * 500])
    return path


def body_bytes(template):
    if template is None and rng.random() < 0.7:
        return None
    value = mutate(template) if template is not None else odd_value()
    text = json.dumps(value)
    for n in (50, 400, 2000):   # too deep for Python's json: written as text
        text = text.replace('"__DEEP_%d__"' % n, "[" * n + "]" * n)
    r = rng.random()
    if r < 0.05:
        text = text[: rng.randrange(len(text) + 1)]          # cut short
    elif r < 0.08:
        text = text.replace('"', '"\\u0000', 1)               # a NUL inside a string
    elif r < 0.1:
        text = "\ufeff" + text
    return text.encode("utf-8", "surrogatepass")


failures = []
LAST = [None]   # what the last request was (for the slow report)


def record(what, detail):
    failures.append("%s: %s" % (what, detail))
    print("FINDING", what, detail[:300])


def one_request():
    method, tmpl, body_t = rng.choice(ENDPOINTS)
    if rng.random() < 0.05:
        method = rng.choice(["PUT", "HEAD", "OPTIONS", "GET", "TRACE"])
    path = fill(tmpl)
    body = body_bytes(body_t)
    LAST[0] = (method, path, (body or b"")[:120])
    headers = {"Content-Type": "application/json"}
    r = rng.random()
    if r < 0.9:
        headers["Authorization"] = "ApiKey " + KEY
    elif r < 0.95:
        headers["Authorization"] = rng.choice(["ApiKey ", "ApiKey x", "Bearer " + KEY, KEY])
    conn = http.client.HTTPConnection(SERVER.hostname, SERVER.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
    except (OSError, http.client.HTTPException) as e:
        record("no answer", "%s %s: %r" % (method, path, e))
        return
    finally:
        conn.close()
    if resp.status >= 500 and resp.status != 501:
        record("5xx", "%s %s -> %d %s" % (method, path, resp.status, data[:200]))
    if method == "HEAD" or resp.status == 204:
        return
    try:
        doc = json.loads(data)
    except ValueError:
        record("not JSON", "%s %s -> %d %r" % (method, path, resp.status, data[:200]))
        return
    if resp.status >= 400 and not (isinstance(doc, dict) and isinstance(doc.get("message"), str)
                                   and isinstance(doc.get("type"), str)):
        record("no ErrorModel", "%s %s -> %d %r" % (method, path, resp.status, data[:200]))


RAW = [b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n",
       b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
       b"POST /v1/orgs/self/queries HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
       b"POST /v1/orgs/self/queries HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
       b"GET / HTTP/1.1\r\nHost: x\r\nX: " + b"h" * 70000 + b"\r\n\r\n",
       b"\x00\x01\x02\xff\r\n\r\n", b"GET /%00 HTTP/1.1\r\nHost: x\r\n\r\n",
       b"POST /v1/orgs/self/queries HTTP/1.1\r\nHost: x\r\nAuthorization: ApiKey " +
       KEY.encode() + b"\r\nContent-Length: 5\r\n\r\n{\"sql"]


def raw_request():
    data = rng.choice(RAW)
    LAST[0] = ("raw", data[:60])
    # Any outcome is fine but a dead server (the ping after each batch): an answer, a closed
    # connection, or (libmicrohttpd keeps a half-closed connection until its timeout) silence.
    try:
        with socket.create_connection((SERVER.hostname, SERVER.port), timeout=1) as s:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
            while s.recv(65536):
                pass
    except OSError:
        pass


def ping():
    conn = http.client.HTTPConnection(SERVER.hostname, SERVER.port, timeout=10)
    try:
        conn.request("GET", "/")
        return conn.getresponse().status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def main():
    raw = 0
    for i in range(COUNT):
        t0 = time.monotonic()
        if rng.random() < 0.01:
            raw_request()
            raw += 1
        else:
            one_request()
        if os.environ.get("RS_HTTP_FUZZ_SLOW") and time.monotonic() - t0 > 0.5:
            print("slow (%.1f s): request %d" % (time.monotonic() - t0, i), LAST[0])
        if i % 100 == 99 and not ping():
            record("server down", "no ping answer after request %d" % i)
            break
    ok = ping()
    if not ok:
        record("server down", "no ping answer at the end")
    print("http fuzz: seed %d, %d requests (%d raw), %d findings"
          % (SEED, COUNT, raw, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
