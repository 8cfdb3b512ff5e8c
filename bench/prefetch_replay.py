#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The driver alone, before and after background page reading: a replay server in this process
answers the query (and its pages) with prepared bodies of the shape rockset-local sends (the
bench rows of bench/lib.sh: _id, n, name, x, flag), so the server costs next to nothing, and
bench/odbc_fetch reads them through the driver of build OLD and of build NEW, interleaved,
REPS times each, at PageSize 10000 and PageSize 0. Prints per run and medians: wall rows/s,
the client's CPU seconds (getrusage of the child) and its peak RSS, and NEW/OLD ratios. The
peak RSS cannot read below this script's own (about 21 MB: Linux keeps ru_maxrss across fork
and exec); bench/stream_client.sh gives the client's exact figure.

Usage: bench/prefetch_replay.py OLD_BUILD_DIR NEW_BUILD_DIR [ROWS] [REPS]
(the replay server is this script too: bench/prefetch_replay.py serve ROWS prints its port)
"""
import json
import os
import re
import resource
import statistics
import subprocess
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HEAD_FIELDS = ('[{"name":"_id","type":"string"},{"name":"n","type":"int"},'
               '{"name":"name","type":"string"},{"name":"x","type":"float"},'
               '{"name":"flag","type":"bool"}]')


def rows_json(first, last):
    return ",".join('{"_id":"r%07d","n":%d,"name":"name %d","x":%d.25,"flag":%s}'
                    % (i, i, i, i % 1000, "true" if i % 2 else "false")
                    for i in range(first, last + 1))


class Replay:
    def __init__(self, rows, page):
        self.rows, self.page = rows, page
        self.pages = {}
        npages = (rows + page - 1) // page
        for k in range(npages):
            first, last = k * page + 1, min(rows, (k + 1) * page)
            nxt = '"p%d"' % (k + 1) if k + 1 < npages else "null"
            head = ('{"query_id":"q","collections":["bench.rows"],"column_fields":%s,'
                    '"results_total_doc_count":%d,' % (HEAD_FIELDS, rows)) if k == 0 else "{"
            self.pages[k] = ('%s"results":[%s],"pagination":{"start_cursor":"p%d",'
                             '"next_cursor":%s}}' % (head, rows_json(first, last), k, nxt)).encode()
        # PageSize 0: one answer, column_fields after the rows (as rockset-local streams it)
        self.whole = ('{"query_id":"q","collections":["bench.rows"],"results":[%s],'
                      '"column_fields":%s,"results_total_doc_count":%d}'
                      % (rows_json(1, rows), HEAD_FIELDS, rows)).encode()


def handler_for(replay):
    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def answer(self, body):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            req = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            if req.get("sql", {}).get("query", "").startswith("DESCRIBE"):
                # the driver's schema lookup for the select list: no fields known
                self.answer(b'{"query_id":"d","results":[]}')
            else:
                self.answer(replay.pages[0] if req.get("max_initial_results") else replay.whole)

        def do_GET(self):
            m = re.search(r"/pages\?cursor=p(\d+)", self.path)
            if m:
                self.answer(replay.pages[int(m.group(1))])
            else:
                self.answer(b'{"data":{"name":"replay","email":"a@b.c"}}')

        def do_DELETE(self):
            self.answer(b'{"data":{}}')
    return H


def run(build, label, port, page_size, rows):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    drv = os.path.join(build, "driver/.libs/librocksetodbc.so")
    out = subprocess.run([os.path.join(build, "bench/odbc_fetch"), label,
                          "Driver=%s;Server=http://127.0.0.1:%d;ApiKey=k;PageSize=%d"
                          % (drv, port, page_size), "SELECT _id, n, name, x, flag FROM bench.rows"],
                         check=True, capture_output=True, text=True).stdout.strip()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    f = dict(re.findall(r"(\w+)=([0-9.]+)", out))
    if int(f["rows"]) != rows:
        sys.exit("prefetch_replay.py: %s read %s rows, expected %d" % (label, f["rows"], rows))
    print("%s cpu_s=%.2f (user %.2f sys %.2f)" % (out, cpu, after.ru_utime - before.ru_utime,
                                               after.ru_stime - before.ru_stime), flush=True)
    return float(f["rows_per_s"]), cpu, float(f["peak_rss_kb"]) / 1024


def serve(rows):
    srv = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(Replay(rows, 10000)))
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


def main():
    if sys.argv[1] == "serve":
        serve(int(sys.argv[2]))
        return
    old, new = sys.argv[1], sys.argv[2]
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 1000000
    reps = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    for b in (old, new):
        subprocess.run(["make", "-C", b, "-s", "driver/librocksetodbc.la", "bench/odbc_fetch"],
                       check=True)
    # the server is a process of its own: a child forked from a process holding the bodies
    # would start with that process's peak RSS (Linux keeps ru_maxrss across fork and exec)
    srv = subprocess.Popen([sys.executable, __file__, "serve", str(rows)], stdout=subprocess.PIPE,
                           text=True)
    port = int(srv.stdout.readline())
    res = {}
    for _ in range(reps):
        for ps in (10000, 0):
            for side, b in (("old", old), ("new", new)):
                res.setdefault((side, ps), []).append(run(b, "%s-ps%d" % (side, ps), port, ps, rows))
    srv.terminate()
    srv.wait()
    print()
    for ps in (10000, 0):
        med = {}
        for side in ("old", "new"):
            med[side] = [statistics.median(r[i] for r in res[(side, ps)]) for i in range(3)]
            print("PageSize %-6d %s median rows/s %9.0f  client CPU %5.2f s  peak RSS %7.1f MB"
                  % (ps, side, *med[side]))
        print("PageSize %-6d new/old: rows/s %.2f  client CPU %.2f  peak RSS %.2f"
              % (ps, med["new"][0] / med["old"][0], med["new"][1] / med["old"][1],
                 med["new"][2] / med["old"][2]))


if __name__ == "__main__":
    main()
