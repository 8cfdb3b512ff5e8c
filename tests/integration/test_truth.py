#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Results that tell the truth (issue 10), through pyodbc and the unixODBC driver manager: no
row count that is a guess, no field of a `*` select lost past the first page, metadata for
results without rows, one type per field in the catalog and in queries, a well-formed
SQL_DBMS_VER, the secret's keyword kept in the output connection string, catalog name columns
of a sane size. Runs inside tests/with-server.sh + tests/odbc-env.sh."""
import datetime
import json
import os
import re
import subprocess
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


SERVER = os.environ["RS_SERVER"]
KEY = os.environ["RS_APIKEY"]
DSN = os.environ["RS_DSN"]


def http(method, path, body=None):
    args = ["curl", "-s", "-X", method, "-H", "Authorization: ApiKey " + KEY,
            "-H", "Content-Type: application/json", SERVER + path]
    if body is not None:
        args += ["-d", json.dumps(body)]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


# A collection where only the last of 1,000 documents has the field `late`, read in pages
# of 100 rows: the first page cannot show it.
http("POST", "/v1/orgs/self/ws/commons/collections", {"name": "truth_late"})
docs = [{"_id": "d%04d" % i, "n": i} for i in range(1000)]
docs[-1]["late"] = "here"
added = http("POST", "/v1/orgs/self/ws/commons/collections/truth_late/docs", {"data": docs})
assert len(added["data"]) == 1000, added

cn = pyodbc.connect("DSN=%s;PageSize=100" % DSN, autocommit=True)
cur = cn.cursor()

# 1. A SELECT's row count is exact or -1, never the rows produced so far.
n = 300000
cur.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %d) "
            "SELECT x FROM c" % n)
rc = cur.rowcount
got = len(cur.fetchall())
check(got == n, "all %d rows read (%d)" % (n, got))
check(rc in (-1, n), "SQLRowCount after a paginated SELECT is exact or -1 (%d)" % rc)
cur.execute("SELECT n FROM commons.truth_late")
rc = cur.rowcount
got = len(cur.fetchall())
check(rc in (-1, got) and got == 1000, "SQLRowCount of 1,000 rows in pages: %d (%d read)" % (rc, got))

# 2. SELECT * keeps a field first seen on the last page, with its value.
cur.execute("SELECT * FROM commons.truth_late ORDER BY n")
names = [d[0] for d in cur.description]
rows = cur.fetchall()
check("late" in names, "SELECT * lists the field only the last document has: %s" % names)
if "late" in names:
    i = names.index("late")
    check(rows[-1][i] == "here" and rows[0][i] is None,
          "its value arrives on the last row: %r" % (rows[-1][i],))

# 3. A result without rows still has its columns and their types.
cur.execute("SELECT * FROM commons.sample WHERE 1 = 0")
desc = {d[0]: d[1] for d in cur.description or []}
check(desc.get("id") is int and desc.get("name") is str and desc.get("price") is float,
      "SELECT * WHERE 1 = 0 has typed columns: %s" % sorted(desc))
cur.execute("SELECT id, name, price, active FROM commons.sample LIMIT 0")
types = [d[1] for d in cur.description]
check(types == [int, str, float, bool], "named columns of LIMIT 0 are typed: %s" % types)
# aggregates and aliases over no rows: typed from the field they read, not VARCHAR

cur.execute("SELECT SUM(qty), MIN(price) AS lo, COUNT(*), AVG(qty), MAX(s.created), "
            "s.name AS who FROM commons.sample s WHERE 1 = 0")
types = [d[1] for d in cur.description]
check(types == [int, float, int, float, datetime.date, str],
      "aggregates and aliases without rows are typed: %s" % types)

# 4. The catalog and a query agree on a field holding ints and strings (VARCHAR) and on one
#    holding only ints (BIGINT).
cols = {r.column_name: r.data_type for r in cur.columns(table="sample", schema="commons")}
cur.execute("SELECT mixed, id FROM commons.sample")
qtypes = [d[1] for d in cur.description]
check(cols.get("mixed") in (pyodbc.SQL_VARCHAR, pyodbc.SQL_WVARCHAR) and qtypes[0] is str,
      "mixed field: SQLColumns %s, query %s" % (cols.get("mixed"), qtypes[0]))
check(cols.get("id") == pyodbc.SQL_BIGINT and qtypes[1] is int,
      "int field: SQLColumns %s, query %s" % (cols.get("id"), qtypes[1]))

# 5. SQL_DBMS_VER is ##.##.#### (then the server's own words).
ver = cn.getinfo(pyodbc.SQL_DBMS_VER)
check(re.match(r"^\d\d\.\d\d\.\d{4}", ver or "") is not None, "SQL_DBMS_VER %r" % ver)

# 6. Catalog name columns are not advertised as 8,000 characters.
cur.columns(table="sample")
sizes = {d[0]: d[3] for d in cur.description}
check(0 < sizes.get("table_name", 0) <= 128 and 0 < sizes.get("column_name", 0) <= 128,
      "SQLColumns name columns sized %s/%s" % (sizes.get("table_name"), sizes.get("column_name")))
cn.close()

# 8. Typed answers from rockset-local: MIN/MAX keep the Rockset type of the field they read
#    (a date stays a date, a bool a bool), date functions keep the type of their argument
#    ({fn TIMESTAMPADD} on a date answers a date), and TIME/DATETIME values compare as values
#    whether they come from a literal, an escape or a bound parameter.
cn = pyodbc.connect("DSN=%s" % DSN, autocommit=True)
cur = cn.cursor()
row = cur.execute("SELECT MIN(created), MAX(opens), MIN(updated), MIN(active) "
                  "FROM commons.sample").fetchone()
check(type(row[0]) is datetime.date and row[0] == datetime.date(2021, 1, 9),
      "MIN(date field) is a datetime.date: %r" % (row[0],))
check(type(row[1]) is datetime.time and row[1] == datetime.time(23, 47, 29),
      "MAX(time field) is a datetime.time: %r" % (row[1],))
check(type(row[2]) is datetime.datetime and row[2] == datetime.datetime(2022, 3, 1, 10, 28, 33),
      "MIN(datetime field) is a datetime.datetime: %r" % (row[2],))
check(type(row[3]) is bool and row[3] is False, "MIN(bool field) is a bool: %r" % (row[3],))
row = cur.execute("SELECT {fn TIMESTAMPADD(SQL_TSI_DAY, 1, created)}, "
                  "DATE_TRUNC('MONTH', updated) FROM commons.sample WHERE id = 1").fetchone()
check(row[0] == datetime.date(2021, 2, 3) and type(row[0]) is datetime.date,
      "TIMESTAMPADD on a date answers a date: %r" % (row[0],))
check(row[1] == datetime.datetime(2022, 3, 1), "DATE_TRUNC on a datetime: %r" % (row[1],))
ids = [r[0] for r in cur.execute("SELECT id FROM commons.sample WHERE opens = {t '01:01:07'}")]
check(ids == [1], "{t '01:01:07'} equals the stored time: %r" % ids)
ids = [r[0] for r in cur.execute("SELECT id FROM commons.sample "
                                 "WHERE updated = DATETIME '2022-03-02 10:01:33'")]
check(ids == [1], "DATETIME literal equals the stored datetime: %r" % ids)
ids = [r[0] for r in cur.execute("SELECT id FROM commons.sample WHERE opens = ?",
                                 datetime.time(1, 1, 7))]
check(ids == [1], "a bound datetime.time equals the stored time: %r" % ids)
cn.close()

# 9. The key never reaches the completed connection string nor a driver-manager trace: the completed connection
#    string leaves it out (unixODBC prints it as "Connection Out [...]", unmasked). unixODBC
#    masks an input PWD= and prints an input ApiKey= in clear: docs/security.md says to pass
#    the key as PWD. Run in a child whose odbcinst.ini turns tracing on.
import shutil
import tempfile
tdir = tempfile.mkdtemp()
for f in ("odbcinst.ini", "odbc.ini"):
    src = os.path.join(os.environ["ODBCSYSINI"], f)
    if os.path.exists(src):
        shutil.copy(src, tdir)
trace = os.path.join(tdir, "trace.log")
with open(os.path.join(tdir, "odbcinst.ini"), "a") as fh:
    fh.write("\n[ODBC]\nTrace=Yes\nTraceFile=%s\n" % trace)
child = r"""
import ctypes, sys
odbc = ctypes.CDLL("libodbc.so.2")
env, dbc = ctypes.c_void_p(), ctypes.c_void_p()
odbc.SQLAllocHandle(1, None, ctypes.byref(env))
odbc.SQLSetEnvAttr(env, 200, ctypes.c_void_p(3), 0)
odbc.SQLAllocHandle(2, env, ctypes.byref(dbc))
out = ctypes.create_string_buffer(1024)
n = ctypes.c_short()
cs = sys.argv[1].encode()
r = odbc.SQLDriverConnect(dbc, None, cs, len(cs), out, 1024, ctypes.byref(n), 0)
print(r, out.value.decode())
odbc.SQLDisconnect(dbc)
"""
env = dict(os.environ, ODBCSYSINI=tdir)
for kw in ("PWD", "ApiKey"):
    res = subprocess.run([sys.executable, "-c", child, "Driver=Rockset;Server=%s;%s=%s"
                          % (SERVER, kw, KEY)], env=env, capture_output=True, text=True)
    check(res.stdout.startswith("0 ") and KEY not in res.stdout and "PWD" not in res.stdout
          and "ApiKey" not in res.stdout,
          "%s=: connected, the completed string has no key: %s"
          % (kw, res.stdout.strip().replace(KEY, "<key>")))
    text = open(trace, errors="replace").read() if os.path.exists(trace) else ""
    outs = [l for l in text.splitlines() if "Connection Out" in l]
    check(outs and not any(KEY[:12] in l for l in outs),
          "%s=: the traced completed string shows no part of the key" % kw)
    if kw == "PWD":
        check(KEY[:12] not in text, "PWD=: no part of the key anywhere in the trace")
shutil.rmtree(tdir)

print("truth: %d failure(s)" % failures)
sys.exit(1 if failures else 0)
