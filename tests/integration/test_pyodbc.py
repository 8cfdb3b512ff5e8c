#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""pyodbc (Debian python3-pyodbc) through the unixODBC driver manager: parameterized queries
and every type read back. Runs inside tests/with-server.sh + tests/odbc-env.sh."""
import datetime
import os
import sys

import pyodbc

failures = 0


def check(cond, what):
    global failures
    if not cond:
        failures += 1
        print("FAIL:", what)
    else:
        print("ok:", what)


# pyodbc's default (autocommit off) must connect too: the driver keeps autocommit on (01S02).
# (pyodbc caches the autocommit it asked for, so cn.autocommit reads False: check that work
# goes on, and that the rollback pyodbc may send is accepted.)
cn = pyodbc.connect("DSN=%s" % os.environ["RS_DSN"])
assert cn.execute("SELECT 1").fetchone()[0] == 1, "queries run after autocommit off"
cn.rollback()
cn.close()
cn = pyodbc.connect("DSN=%s" % os.environ["RS_DSN"], autocommit=True)
cur = cn.cursor()

cur.execute("SELECT id, name, price, active, created, opens, updated, address, tags, note "
            "FROM commons.sample WHERE id = ?", 1)
row = cur.fetchone()
check(row.id == 1 and isinstance(row.id, int), "int column: %r" % (row.id,))
check(row.name == "Bob", "string column: %r" % (row.name,))
check(abs(row.price - 23.87) < 1e-9, "float column: %r" % (row.price,))
check(row.active is True, "bool column: %r" % (row.active,))
check(row.created == datetime.date(2021, 2, 2), "date column: %r" % (row.created,))
check(row.opens == datetime.time(1, 1, 7), "time column: %r" % (row.opens,))
check(row.updated == datetime.datetime(2022, 3, 2, 10, 1, 33), "datetime column: %r" % (row.updated,))
check('"São Paulo"' in row.address, "object column as JSON text: %r" % (row.address,))
check(row.tags == '["games"]', "array column as JSON text: %r" % (row.tags,))
check(cur.fetchone() is None, "one row")
names = [d[0] for d in cur.description]
check(names[:3] == ["id", "name", "price"], "description names: %r" % (names,))
check(cur.description[0][1] is int and cur.description[1][1] is str, "description types")

cur.execute("SELECT COUNT(*) FROM commons.sample WHERE name = ?", "Zoë")
check(cur.fetchone()[0] >= 1, "unicode string parameter")
cur.execute("SELECT COUNT(*) FROM commons.sample WHERE price > ? AND active = ?", 500.5, True)
n = cur.fetchone()[0]
check(0 < n < 50, "float and bool parameters: %d" % n)
cur.execute("SELECT COUNT(*) FROM commons.sample WHERE created = ?", datetime.date(2021, 3, 3))
check(cur.fetchone()[0] == 1, "date parameter")
# a datetime parameter is sent as a Rockset timestamp (docs/types.md)
cur.execute("SELECT COUNT(*) FROM commons.sample WHERE seen = ?", datetime.datetime(2023, 8, 3, 19, 3, 4, 2222))
check(cur.fetchone()[0] == 1, "datetime parameter")
cur.execute("SELECT COUNT(*) FROM commons.sample WHERE big = ?", 2000006)
check(cur.fetchone()[0] == 1, "large int parameter")
cur.execute("SELECT COUNT(*) FROM commons.sample WHERE note = ?", None)
check(cur.fetchone()[0] == 0, "NULL parameter")
cur.execute("SELECT id, note FROM commons.sample ORDER BY id")
rows = cur.fetchall()
check(len(rows) == 50, "fetchall over the whole collection")
check(any(r.note is None for r in rows), "NULL and missing read as None")

cur.executemany("SELECT COUNT(*) FROM commons.sample WHERE id = ?", [(1,), (2,), (3,)])
check(cur.fetchone()[0] == 1, "executemany (parameter array), last set's result")

try:
    cur.execute("SELECT * FROM commons.no_such_collection")
    check(False, "error expected")
except pyodbc.Error as e:
    check(e.args[0] == "42S02", "missing collection -> 42S02: %r" % (e.args[0],))
try:
    cur.execute("SELEC 1")
    check(False, "error expected")
except pyodbc.Error as e:
    check(e.args[0] == "42000" and "[rockset-odbc]" in e.args[1], "bad SQL -> 42000")

tables = [t.table_name for t in cur.tables(schema="commons")]
check("sample" in tables, "cursor.tables: %r" % (tables,))
cols = [c.column_name for c in cur.columns(table="sample", schema="commons")]
check("name" in cols and "_id" in cols, "cursor.columns")
check(cn.getinfo(pyodbc.SQL_DBMS_NAME) == "Rockset", "getinfo")
cn.close()
print("%d failure(s)" % failures)
sys.exit(1 if failures else 0)
