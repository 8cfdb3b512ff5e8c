#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes N documents (default 1,000,000) as JSON lines to stdout for bench/engine_scan.sh:
deterministic (same bytes on every run), ten fields besides _id so a scan pays for documents
of a realistic width: ints (n unique, k 0..999, m 0..96), floats (x in [0, 1), y = n / 2),
strings (s: 1,000 distinct names, cat: 20 categories), a bool (flag), a timestamp (ts, as the
typed wrapper the API stores), a nested object (obj)."""
import json
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
rnd = random.Random(20261201)
out = sys.stdout
dumps = json.JSONEncoder(separators=(",", ":")).encode
for i in range(1, n + 1):
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
        "ts": {"__rockset_type": "timestamp",
               "value": "2024-%02d-%02dT%02d:%02d:%02d.%06dZ"
                        % (1 + i % 12, 1 + i % 28, i % 24, i % 60, (i * 7) % 60, i % 1000000)},
        "obj": {"a": i % 7, "b": "v%d" % (i % 13), "c": [i % 5, i % 11]},
    }
    out.write(dumps(doc))
    out.write("\n")
