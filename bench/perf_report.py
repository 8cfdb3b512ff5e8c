#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Helpers of bench/perf.sh.

perf_report.py --make-collections URL APIKEY WS N < ONE-JSON-DOCUMENT
    creates workspace WS and N collections WS.c001... in rockset-local, each holding the
    document, for the catalog benchmark.
perf_report.py --table RESULTS ROWS POINTS NCAT RUNS E2E-RUNS [--check]
    prints the Markdown table of issue #14 from RESULTS (lines "KEY rows=... cpu_s=...
    seconds=... rows_per_s=... peak_rss_kb=... us_per_query=... server_cpu_s=..."): medians
    per KEY, each figure beside its peer and as a ratio, then the issue's targets. Exits 1
    when a run read the wrong number of rows, or with --check when a row or ratio is missing."""
import json
import re
import statistics
import sys
import urllib.error
import urllib.request


def make_collections(url, key, ws, n):
    doc = json.loads(sys.stdin.readline())
    doc.pop("_id", None)

    def call(path, body):
        req = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": "ApiKey " + key,
                                              "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                r.read()
        except urllib.error.HTTPError as e:
            if e.code != 409:  # already there
                raise
    call("/v1/orgs/self/ws", {"name": ws})
    for i in range(1, n + 1):
        name = "c%03d" % i
        call("/v1/orgs/self/ws/%s/collections" % ws, {"name": name})
        call("/v1/orgs/self/ws/%s/collections/%s/docs" % (ws, name), {"data": [doc]})


def load(path):
    runs = {}
    for line in open(path):
        parts = line.split()
        if not parts:
            continue
        fields = dict(re.findall(r"(\w+)=([0-9.]+)", line))
        runs.setdefault(parts[0], []).append({k: float(v) for k, v in fields.items()})
    return runs


class Figures:
    def __init__(self, runs):
        self.runs = runs
        self.missing = []

    def get(self, key, field):
        vals = [r[field] for r in self.runs.get(key, []) if field in r]
        if not vals:
            self.missing.append("%s.%s" % (key, field))
            return None
        return statistics.median(vals)


def fmt(v, digits=2):
    if v is None:
        return "n/a"
    if abs(v) >= 10000:
        return "{:,.0f}".format(v)
    return "%.*f" % (digits, v)


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def fetch_table(f, rows):
    out = ["| path | client CPU s | rows/s | peak RSS MB | server CPU s | CPU / floor "
           "| CPU / psqlODBC | rows/s / psqlODBC | RSS / psqlODBC |",
           "|---|---|---|---|---|---|---|---|---|"]
    lines = [
        ("floor_paged", "libcurl + yajl, replay, PageSize 10000 (the floor)", None, None),
        ("floor_one", "libcurl + yajl, replay, one answer (the floor)", None, None),
        ("rp_bound", "rockset-odbc, replay, bound rowset 1000", "floor_paged", "pg_bound"),
        ("rp_getdata", "rockset-odbc, replay, SQLGetData", "floor_paged", "pg_getdata"),
        ("rp_row1", "rockset-odbc, replay, bound rowset 1", "floor_paged", "pg_row1"),
        ("rp_one", "rockset-odbc, replay, PageSize 0 (one answer), rowset 1000", "floor_one",
         "pg_bound"),
        ("pg_bound", "psqlODBC, UseDeclareFetch=1 Fetch=10000, bound rowset 1000", None, None),
        ("pg_getdata", "psqlODBC, SQLGetData", None, None),
        ("pg_row1", "psqlODBC, bound rowset 1", None, None),
        ("rs_bound", "rockset-odbc end to end on rockset-local, bound rowset 1000",
         "floor_paged", "pg_bound"),
        ("rs_getdata", "rockset-odbc end to end on rockset-local, SQLGetData", "floor_paged",
         "pg_getdata"),
        ("rs_row1", "rockset-odbc end to end on rockset-local, rowset 1", "floor_paged",
         "pg_row1"),
    ]
    for key, label, floor, peer in lines:
        cpu, rps = f.get(key, "cpu_s"), f.get(key, "rows_per_s")
        rss, srv = f.get(key, "peak_rss_kb"), f.get(key, "server_cpu_s")
        got = f.get(key, "rows")
        if got is not None and got != rows:
            label += " (**%d rows, expected %d**)" % (got, rows)
        cols = [label, fmt(cpu), fmt(rps, 0), fmt(rss / 1024 if rss else None, 1),
                fmt(srv) if key.startswith(("pg", "rs")) else "-"]
        if floor:
            cols.append(fmt(ratio(cpu, f.get(floor, "cpu_s"))))
        else:
            cols.append("-")
        if peer:
            cols += [fmt(ratio(cpu, f.get(peer, "cpu_s"))),
                     fmt(ratio(rps, f.get(peer, "rows_per_s"))),
                     fmt(ratio(rss, f.get(peer, "peak_rss_kb")))]
        else:
            cols += ["-", "-", "-"]
        out.append("| " + " | ".join(cols) + " |")
    return out


def serving_table(f):
    out = ["| server | server CPU s | rows/s end to end | server CPU / PostgreSQL "
           "| rows/s / psqlODBC |", "|---|---|---|---|---|"]
    lines = [("rs_bound", "rockset-local, paged (PageSize 10000), through rockset-odbc"),
             ("cap_paged", "rockset-local, paged, first pass (capture, through bench/replay)"),
             ("cap_one", "rockset-local, one answer (PageSize 0; capture, through bench/replay)"),
             ("pg_bound", "PostgreSQL through psqlODBC (UseDeclareFetch=1 Fetch=10000)")]
    for key, label in lines:
        srv, rps = f.get(key, "server_cpu_s"), f.get(key, "rows_per_s")
        cols = [label, fmt(srv), fmt(rps, 0)]
        if key != "pg_bound":
            cols += [fmt(ratio(srv, f.get("pg_bound", "server_cpu_s"))),
                     fmt(ratio(rps, f.get("pg_bound", "rows_per_s")))]
        else:
            cols += ["-", "-"]
        out.append("| " + " | ".join(cols) + " |")
    return out


def point_table(f, points):
    def per_query(key, field):
        v = f.get(key, field)
        return v * 1e6 / points if v is not None else None
    out = ["| path (%d x SELECT 1) | client CPU us/query | wall us/query | server CPU us/query "
           "| client CPU / peer | server CPU / PostgreSQL |" % points,
           "|---|---|---|---|---|---|"]
    lines = [("pt_floor", "bare libcurl POST + yajl, replay (the floor)", None),
             ("pt_rp", "rockset-odbc, replay", "pt_floor"),
             ("pt_rs", "rockset-odbc on rockset-local", "pt_pg"),
             ("pt_pg", "psqlODBC on PostgreSQL", None)]
    for key, label, peer in lines:
        cpu, wall = per_query(key, "cpu_s"), per_query(key, "seconds")
        srv = per_query(key, "server_cpu_s") if key in ("pt_rs", "pt_pg") else None
        cols = [label, fmt(cpu, 1), fmt(wall, 1), fmt(srv, 1) if srv is not None else "-",
                fmt(ratio(cpu, per_query(peer, "cpu_s"))) if peer else "-",
                fmt(ratio(srv, per_query("pt_pg", "server_cpu_s"))) if key == "pt_rs" else "-"]
        out.append("| " + " | ".join(cols) + " |")
    return out


def catalog_table(f, ncat):
    out = ["| path (SQLTables + SQLColumns of each of %d) | seconds | client CPU s | server CPU s "
           "| catalog rows | time / psqlODBC | client CPU / psqlODBC |" % ncat,
           "|---|---|---|---|---|---|---|"]
    for key, label in (("cat_rs", "rockset-odbc on rockset-local"),
                       ("cat_pg", "psqlODBC on PostgreSQL")):
        sec, cpu = f.get(key, "seconds"), f.get(key, "cpu_s")
        cols = [label, fmt(sec), fmt(cpu), fmt(f.get(key, "server_cpu_s")),
                fmt(f.get(key, "rows"), 0)]
        if key == "cat_rs":
            cols += [fmt(ratio(sec, f.get("cat_pg", "seconds"))),
                     fmt(ratio(cpu, f.get("cat_pg", "cpu_s")))]
        else:
            cols += ["-", "-"]
        out.append("| " + " | ".join(cols) + " |")
    return out


def targets(f, points):
    def mb(key):
        v = f.get(key, "peak_rss_kb")
        return v / 1024 if v is not None else None
    pt_srv = f.get("pt_rs", "server_cpu_s")
    items = [
        ("driver-only client CPU / floor (replay, rowset 1000)",
         ratio(f.get("rp_bound", "cpu_s"), f.get("floor_paged", "cpu_s")), "<=", 1.4),
        ("psqlODBC client CPU / driver-only client CPU",
         ratio(f.get("pg_bound", "cpu_s"), f.get("rp_bound", "cpu_s")), ">=", 2.0),
        ("peak RSS MB, replay, PageSize 10000", mb("rp_bound"), "<=", 32),
        ("peak RSS MB, replay, PageSize 0", mb("rp_one"), "<=", 32),
        ("point query client CPU / bare libcurl POST (replay)",
         ratio(f.get("pt_rp", "cpu_s"), f.get("pt_floor", "cpu_s")), "<=", 1.15),
        ("rows/s end to end: rockset-local paged / psqlODBC on PostgreSQL",
         ratio(f.get("rs_bound", "rows_per_s"), f.get("pg_bound", "rows_per_s")), ">=", 1.0),
        ("rockset-local server CPU ms per SELECT 1",
         pt_srv * 1e3 / points if pt_srv is not None else None, "<", 0.3),
    ]
    out = ["| target | measured | wanted | met |", "|---|---|---|---|"]
    for label, v, op, want in items:
        ok = v is not None and {"<=": v <= want, ">=": v >= want, "<": v < want}[op]
        met = "n/a" if v is None else "yes" if ok else "no"
        out.append("| %s | %s | %s %s | %s |" % (label, fmt(v), op, want, met))
    return out


def table(args):
    path, rows, points, ncat, runs, e2e = args[:6]
    check = "--check" in args
    rows, points, ncat = int(rows), int(points), int(ncat)
    f = Figures(load(path))
    out = ["## Fetch: %d rows x 10 columns (medians of %s rounds; end to end on rockset-local: "
           "%s)" % (rows, runs, e2e), ""]
    out += fetch_table(f, rows)
    out += ["", "## Serving the rows: rockset-local against PostgreSQL", ""] + serving_table(f)
    out += ["", "## Point queries", ""] + point_table(f, points)
    out += ["", "## Catalog", ""] + catalog_table(f, ncat)
    out += ["", "## Targets of issue #14", ""] + targets(f, points)
    text = "\n".join(out)
    print(text)
    bad = [k for k, v in f.runs.items() if k[:2] in ("rp", "pg", "rs", "fl")
           and any(r.get("rows") != rows for r in v)]
    bad += [k for k, v in f.runs.items() if k.startswith("pt") and
            any(r.get("rows") != points for r in v)]
    if bad:
        print("\nperf_report: wrong row counts in " + ", ".join(sorted(bad)), file=sys.stderr)
        return 1
    if check and (f.missing or "n/a" in text):
        print("\nperf_report: missing figures: " + ", ".join(sorted(set(f.missing))),
              file=sys.stderr)
        return 1
    return 0


def main():
    if len(sys.argv) >= 6 and sys.argv[1] == "--make-collections":
        make_collections(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
        return 0
    if len(sys.argv) >= 8 and sys.argv[1] == "--table":
        return table(sys.argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
