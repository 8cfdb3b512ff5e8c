#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Writes through pyodbc (issue #16): executemany of 100,000 rows lands every row (count and
# spot values), in one parameter array (fast_executemany) sent as batches of documents.
# Prints the time it took; bench/insert_rest.py does the same load with the REST API.
import datetime
import os
import sys
import time

import pyodbc

N = int(os.environ.get("RS_WRITE_ROWS", "100000"))
cn = pyodbc.connect("DSN=%s" % os.environ["RS_DSN"], autocommit=True)
cur = cn.cursor()
cur.execute("DROP TABLE IF EXISTS commons.py_write")
cur.execute("CREATE TABLE commons.py_write (id INTEGER, name VARCHAR, at DATE, score DOUBLE)")
rows = [(i, "name-%d" % i, datetime.date(2024, 1, 1 + i % 28), i / 8.0) for i in range(N)]
cur.fast_executemany = True
t0 = time.monotonic()
cur.executemany("INSERT INTO commons.py_write (id, name, at, score) VALUES (?, ?, ?, ?)", rows)
elapsed = time.monotonic() - t0
print("pyodbc executemany: %d rows in %.2f s (%.0f rows/s)" % (N, elapsed, N / elapsed))
failures = []


def check(sql, want):
    got = cur.execute(sql).fetchone()[0]
    if got != want:
        failures.append("%s: got %r, want %r" % (sql, got, want))


check("SELECT COUNT(*) FROM commons.py_write", N)
check("SELECT COUNT(DISTINCT id) FROM commons.py_write", N)
check("SELECT name FROM commons.py_write WHERE id = %d" % (N - 1), "name-%d" % (N - 1))
check("SELECT score FROM commons.py_write WHERE id = 12345", 12345 / 8.0)
check("SELECT at FROM commons.py_write WHERE id = 30", datetime.date(2024, 1, 3))
check("SELECT TYPEOF(at) FROM commons.py_write WHERE id = 30", "date")
check("SELECT TYPEOF(id) FROM commons.py_write WHERE id = 30", "int")
cur.execute("DROP TABLE commons.py_write")
if failures:
    print("\n".join(failures))
    sys.exit(1)
print("pyodbc writes: ok")
