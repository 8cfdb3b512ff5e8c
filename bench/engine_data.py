#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes N documents (default 1,000,000) as JSON lines to stdout for bench/engine_scan.sh and
bench/perf.sh: deterministic (same bytes on every run), ten fields besides _id so a scan pays
for documents of a realistic width: ints (n unique, k 0..999, m 0..96), floats (x in [0, 1),
y = n / 2), strings (s: 1,000 distinct names, cat: 20 categories), a bool (flag), a timestamp
(ts, as the typed wrapper the API stores), a nested object (obj).
With --tsv FILE: also writes the same values to FILE in PostgreSQL's COPY text format, columns
n, k, m, x, y, s, cat, flag, ts (timestamp), obj (JSON text), for the peer of bench/perf.sh
(one pass for both: generating 1M rows twice cost a minute on the loaded 2-core machine)."""
import json
import random
import sys

args = sys.argv[1:]
tsv = None
if "--tsv" in args:
    at = args.index("--tsv")
    tsv = open(args[at + 1], "w")
    del args[at:at + 2]
n = int(args[0]) if args else 1000000
rnd = random.Random(20261201)
out = sys.stdout
dumps = json.JSONEncoder(separators=(",", ":")).encode
for i in range(1, n + 1):
    ts = "2024-%02d-%02dT%02d:%02d:%02d.%06dZ" % (1 + i % 12, 1 + i % 28, i % 24, i % 60,
                                                 (i * 7) % 60, i % 1000000)
    doc = {
        "_id": "d%07d" % i,
        "n": i,
        "k": i % 1000,
        "m": (i * 7919) % 97,
        "x": rnd.random(),
        "y": i / 2.0,
        "s": "name%d" % (i % 1000),
        "cat": "category-%02d" % (i % 20),
        "flag": i % 3 == 0,
        "ts": {"__rockset_type": "timestamp", "value": ts},
        "obj": {"a": i % 7, "b": "v%d" % (i % 13), "c": [i % 5, i % 11]},
    }
    if tsv:
        tsv.write("%d\t%d\t%d\t%r\t%r\t%s\t%s\t%s\t%s\t%s\n" % (
            doc["n"], doc["k"], doc["m"], doc["x"], doc["y"], doc["s"], doc["cat"],
            "true" if doc["flag"] else "false", ts[:-1].replace("T", " "), dumps(doc["obj"])))
    out.write(dumps(doc))
    out.write("\n")
if tsv:
    tsv.close()
