#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Catalog functions end to end (issue 5): pyodbc through the unixODBC driver manager against
rockset-local, with workspaces (one nested), collections and Query Lambdas created through the
REST API. Runs inside tests/with-server.sh + tests/odbc-env.sh (RS_SERVER,
RS_APIKEY, RS_CONNSTR). Exit status 0 only when every check passed."""
import json
import os
import sys
import urllib.error
import urllib.request

import pyodbc

SERVER = os.environ["RS_SERVER"]
KEY = os.environ["RS_APIKEY"]
failures = 0
checks = 0


def check(cond, what):
    global failures, checks
    checks += 1
    if cond:
        print("ok:", what)
    else:
        failures += 1
        print("FAIL:", what)


def api(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(SERVER + path, data=data, method=method)
    req.add_header("Authorization", "ApiKey " + KEY)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req) as r:
            return json.loads(r.read().decode())
    except urllib.error.HTTPError as e:
        raise SystemExit("setup failed: %s %s -> %d %s" % (method, path, e.code, e.read()))


def q(s):
    return urllib.request.quote(s, safe="")


# --- fixtures -----------------------------------------------------------------------------
for ws in ("analytics", "analytics.eu", "web_x"):
    api("POST", "/v1/orgs/self/ws", {"name": ws, "description": "test " + ws})
COLLS = {
    ("analytics", "events"): [
        {"_id": "e1", "kind": "click", "n": 5, "ok": True,
         "day": {"__rockset_type": "DATE", "value": "2024-01-02"}},
        {"_id": "e2", "kind": "view", "n": 7, "ok": False, "extra": {"a": 1},
         "day": {"__rockset_type": "DATE", "value": "2024-01-03"}},
    ],
    ("analytics", "web_logs"): [{"_id": "w1", "path": "/", "ms": 1.5}],
    ("analytics", "webXlogs"): [{"_id": "x1", "path": "/x"}],
    ("analytics.eu", "visits"): [{"_id": "v1", "country": "FR", "tags": ["a", "b"]}],
    ("analytics.eu", "my-coll"): [{"_id": "m1", "Y z": "q", 'q"uote': 2}],
}
for (ws, coll), docs in COLLS.items():
    api("POST", "/v1/orgs/self/ws/%s/collections" % q(ws),
        {"name": coll, "description": "about " + coll})
    api("POST", "/v1/orgs/self/ws/%s/collections/%s/docs" % (q(ws), coll), {"data": docs})

LAMBDA_SQL_V1 = ("SELECT COUNT(*) AS n FROM sales.orders "
                 "WHERE region = :region AND quantity >= :minq")
LAMBDA_SQL_V2 = ("SELECT COUNT(*) AS n, 2 AS v FROM sales.orders "
                 "WHERE region = :region AND quantity >= :minq")
created = api("POST", "/v1/orgs/self/ws/analytics/lambdas", {
    "name": "by_region", "description": "orders per region",
    "sql": {"query": LAMBDA_SQL_V1, "default_parameters": [
        {"name": "region", "type": "string", "value": "south"},
        {"name": "minq", "type": "int", "value": "0"}]}})
v1 = created["data"]["version"]
api("POST", "/v1/orgs/self/ws/analytics/lambdas/by_region/tags",
    {"tag_name": "first", "version": v1})
api("POST", "/v1/orgs/self/ws/analytics/lambdas/by_region/versions", {
    "description": "second", "sql": {"query": LAMBDA_SQL_V2, "default_parameters": [
        {"name": "region", "type": "string", "value": "north"},
        {"name": "minq", "type": "int", "value": "1"},
        {"name": "since", "type": "date", "value": "2021-01-10"}]}})
api("POST", "/v1/orgs/self/ws/analytics.eu/lambdas",
    {"name": "nop", "sql": {"query": "SELECT 1 AS one"}})
api("POST", "/v1/orgs/self/ws/analytics.eu/lambdas", {
    "name": "top_x", "sql": {"query": "SELECT :label AS label", "default_parameters": [
        {"name": "label", "type": "string", "value": "it's"}]}})

# The truth, counted from the data file, for the lambda calls.
orders = [json.loads(l) for l in open(os.path.join(os.environ["top_srcdir"],
                                                     "tests/data/orders.jsonl"))]


def count(region, minq):
    return sum(1 for o in orders if o.get("region") == region and o.get("quantity", -1) >= minq)


cn = pyodbc.connect(os.environ["RS_CONNSTR"], autocommit=True)
cur = cn.cursor()


# ODBC constants pyodbc does not export.
SQL_TABLE_STAT, SQL_INDEX_OTHER = 0, 3
SQL_PT_PROCEDURE, SQL_PARAM_INPUT = 1, 1
SQL_NO_NULLS, SQL_NULLABLE, SQL_NULLABLE_UNKNOWN = 0, 1, 2


def names(c):
    # pyodbc lowercases the names of catalog results; the exact case is asserted through
    # SQLDescribeCol in tests/integration/catalog/test_catalog_dm.c.
    return [d[0].upper() for d in c.description]


def types(c):
    return [d[1] for d in c.description]


# --- SQLTables --------------------------------------------------------------------------
TABLES_COLS = ["TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS"]
rows = cur.tables(schema="analytics").fetchall()
check(names(cur) == TABLES_COLS, "tables: columns %r" % names(cur))
check(types(cur) == [str] * 5, "tables: column types %r" % types(cur))
got = [(r.table_schem, r.table_name, r.table_type) for r in rows]
check(got == [("analytics", "events", "TABLE"), ("analytics", "webXlogs", "TABLE"),
              ("analytics", "web_logs", "TABLE")], "tables in analytics, byte order: %r" % got)
check(all(r.table_cat is None for r in rows), "tables: TABLE_CAT NULL")
check(rows[0].remarks == "about events", "tables: REMARKS = description %r" % rows[0].remarks)
got = [(r.table_schem, r.table_name) for r in cur.tables(schema="analytics.eu")]
check(got == [("analytics.eu", "my-coll"), ("analytics.eu", "visits")],
      "tables of the nested workspace: %r" % got)
got = [(r.table_schem, r.table_name) for r in cur.tables(schema="analytics%")]
check(got == [("analytics", "events"), ("analytics", "webXlogs"), ("analytics", "web_logs"),
              ("analytics.eu", "my-coll"), ("analytics.eu", "visits")], "schema pattern analytics%%: %r" % got)
got = sorted(r.table_name for r in cur.tables(table="web_logs", schema="analytics"))
check(got == ["webXlogs", "web_logs"], "'_' matches any one character: %r" % got)
got = [r.table_name for r in cur.tables(table="web\\_logs", schema="analytics")]
check(got == ["web_logs"], "'\\_' matches only '_': %r" % got)
got = [r.table_name for r in cur.tables(table="%logs", schema="analytics")]
check(sorted(got) == ["webXlogs", "web_logs"], "'%%' pattern: %r" % got)
got = [r.table_schem for r in cur.tables(schema="analytics\\.eu")]
check(got == ["analytics.eu"] * 2, "an escaped ordinary character stands for itself: %r" % got)
got = [(r.table_schem, r.table_name) for r in cur.tables(table="sample")]
check(got == [("commons", "sample")], "table without schema looks in every workspace: %r" % got)
got = [r.table_name for r in cur.tables(table="EVENTS", schema="analytics")]
check(got == [], "names compare case-sensitively: %r" % got)
check(cur.tables(schema="analytics", tableType="'TABLE','VIEW'").fetchall() != [],
      "table type list with TABLE")
check(cur.tables(schema="analytics", tableType="VIEW").fetchall() == [],
      "table type list without TABLE: no rows")
rows = cur.tables(catalog="", schema="%", table="").fetchall()
got = [r.table_schem for r in rows]
check(names(cur) == TABLES_COLS, "SQL_ALL_SCHEMAS: columns")
check(all(r.table_cat is None and r.table_name is None and r.table_type is None for r in rows),
      "SQL_ALL_SCHEMAS: only TABLE_SCHEM set")
check(got == sorted(got) and {"analytics", "analytics.eu", "commons", "sales", "web_x"} <= set(got),
      "SQL_ALL_SCHEMAS lists workspaces: %r" % got)
rows = cur.tables(catalog="", schema="", table="", tableType="%").fetchall()
check([tuple(r) for r in rows] == [(None, None, None, "TABLE", None)],
      "SQL_ALL_TABLE_TYPES: %r" % [tuple(r) for r in rows])
rows = cur.tables(catalog="%", schema="", table="").fetchall()
check(rows == [] and names(cur) == TABLES_COLS, "SQL_ALL_CATALOGS: empty, shaped")
try:
    cur.tables(catalog="rockset", schema="analytics").fetchall()
    check(False, "a named catalog must fail")
except pyodbc.Error as e:
    check(e.args[0] == "HYC00", "a named catalog -> HYC00: %r" % (e.args[0],))
check(cur.tables(schema="no_such_ws").fetchall() == [], "missing workspace: no rows")

# --- SQLColumns -------------------------------------------------------------------------
COLUMNS_COLS = ["TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE",
                "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS",
                "NUM_PREC_RADIX", "NULLABLE", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE",
                "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE"]
rows = cur.columns(table="events", schema="analytics").fetchall()
check(names(cur) == COLUMNS_COLS, "columns: names %r" % names(cur))
check(types(cur) == [str, str, str, str, int, str, int, int, int, int, int, str, str, int, int,
                     int, int, str], "columns: types %r" % types(cur))
got = [(r.column_name, r.data_type, r.type_name, r.ordinal_position) for r in rows]
want = [("_id", pyodbc.SQL_WVARCHAR, "string", 1),
        ("_event_time", pyodbc.SQL_TYPE_TIMESTAMP, "timestamp", 2),
        ("day", pyodbc.SQL_TYPE_DATE, "date", 3),
        ("extra", pyodbc.SQL_WLONGVARCHAR, "object", 4),
        ("kind", pyodbc.SQL_WVARCHAR, "string", 5),
        ("n", pyodbc.SQL_BIGINT, "int", 6),
        ("ok", pyodbc.SQL_BIT, "bool", 7)]
check(got == want, "columns of analytics.events: %r" % got)
byname = {r.column_name: r for r in rows}
check(byname["_id"].nullable == SQL_NO_NULLS and byname["_id"].is_nullable == "NO",
      "_id NOT NULL")
check(byname["n"].nullable == SQL_NULLABLE and byname["n"].is_nullable == "YES",
      "other fields nullable")
check(byname["n"].decimal_digits == 0 and byname["n"].num_prec_radix == 10
      and byname["n"].char_octet_length is None, "BIGINT cells")
check(byname["day"].sql_data_type == 9 and byname["day"].sql_datetime_sub == 1,
      "DATE: SQL_DATA_TYPE SQL_DATETIME, SUB SQL_CODE_DATE")
check(byname["kind"].char_octet_length is not None and byname["kind"].decimal_digits is None,
      "VARCHAR cells")
check(all(r.table_cat is None and r.table_schem == "analytics" and r.table_name == "events"
          for r in rows), "columns: TABLE_CAT NULL, schema and table")
got = [(r.column_name, r.ordinal_position) for r in
       cur.columns(table="events", schema="analytics", column="_")]
check(got == [("n", 6)], "column pattern '_' keeps ORDINAL_POSITION: %r" % got)
got = [(r.column_name, r.type_name) for r in cur.columns(table="visits", schema="analytics.eu")]
check(("tags", "array") in got and ("country", "string") in got,
      "columns of the nested workspace's collection: %r" % got)
got = [(r.column_name, r.type_name) for r in cur.columns(table="my-coll")]
check(got == [("_id", "string"), ("_event_time", "timestamp"), ("Y z", "string"),
              ('q"uote', "int")], "a dashed collection, odd field names: %r" % got)
got = sorted(r.table_name for r in cur.columns(table="web\\_logs", schema="analytics",
                                                column="path"))
check(got == ["web_logs"], "columns with an escaped table name: %r" % got)
got = sorted(r.table_name for r in cur.columns(table="web_logs", schema="analytics",
                                                column="path"))
check(got == ["webXlogs", "web_logs"], "columns with a '_' table pattern: %r" % got)
got = [r.column_name for r in cur.columns(table="sample", schema="commons", column="%e")]
check(got == ["active", "name", "note", "price"] or got == sorted(got) and "name" in got,
      "column pattern %%e over commons.sample: %r" % got)

described = {(r.type_name, r.data_type) for r in cur.getTypeInfo(0)}  # SQL_ALL_TYPES
reported = {(r.type_name, r.data_type) for r in cur.columns(schema="%")}
check(reported and reported <= described,
      "every column type is described by getTypeInfo: missing %r" % (reported - described))

# --- SQLPrimaryKeys ---------------------------------------------------------------------
rows = cur.primaryKeys(table="events", schema="analytics").fetchall()
check(names(cur) == ["TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ",
                     "PK_NAME"], "primaryKeys: columns %r" % names(cur))
check(types(cur) == [str, str, str, str, int, str], "primaryKeys: types")
check([tuple(r) for r in rows] == [(None, "analytics", "events", "_id", 1, "PRIMARY")],
      "primaryKeys: %r" % [tuple(r) for r in rows])
check(cur.primaryKeys(table="nothing", schema="analytics").fetchall() == [],
      "primaryKeys of a missing collection: none")

# --- SQLStatistics ----------------------------------------------------------------------
rows = cur.statistics(table="events", schema="analytics").fetchall()
check(names(cur) == ["TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE",
                     "INDEX_QUALIFIER", "INDEX_NAME", "TYPE", "ORDINAL_POSITION",
                     "COLUMN_NAME", "ASC_OR_DESC", "CARDINALITY", "PAGES",
                     "FILTER_CONDITION"], "statistics: columns %r" % names(cur))
check(types(cur) == [str, str, str, int, str, str, int, int, str, str, int, int, str],
      "statistics: types %r" % types(cur))
check(len(rows) == 2, "statistics: two rows (%d)" % len(rows))
if len(rows) == 2:
    check(rows[0].type == SQL_TABLE_STAT and rows[0].index_name is None
          and rows[0].cardinality == 2, "SQL_TABLE_STAT row: %r" % (tuple(rows[0]),))
    check((rows[1].non_unique, rows[1].index_name, rows[1].type, rows[1].ordinal_position,
           rows[1].column_name) == (0, "PRIMARY", SQL_INDEX_OTHER, 1, "_id"),
          "unique index PRIMARY on _id: %r" % (tuple(rows[1]),))

# --- SQLProcedures ----------------------------------------------------------------------
PROC_COLS = ["PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "NUM_INPUT_PARAMS",
             "NUM_OUTPUT_PARAMS", "NUM_RESULT_SETS", "REMARKS", "PROCEDURE_TYPE"]
rows = cur.procedures(schema="analytics%").fetchall()
check(names(cur) == PROC_COLS, "procedures: columns %r" % names(cur))
check(types(cur) == [str, str, str, int, int, int, str, int], "procedures: types %r" % types(cur))
got = [(r.procedure_schem, r.procedure_name, r.procedure_type) for r in rows]
check(got == [("analytics", "by_region", SQL_PT_PROCEDURE),
              ("analytics.eu", "nop", SQL_PT_PROCEDURE),
              ("analytics.eu", "top_x", SQL_PT_PROCEDURE)], "procedures: %r" % got)
check(rows and rows[0].remarks == "second" and rows[0].num_input_params is None,
      "procedures: REMARKS = latest version's description, NUM_* NULL")
got = [r.procedure_name for r in cur.procedures(procedure="by\\_region")]
check(got == ["by_region"], "procedures with an escaped name: %r" % got)
got = [r.procedure_name for r in cur.procedures(procedure="by_r%", schema="commons")]
check(got == [], "procedures in another workspace: %r" % got)

# --- SQLProcedureColumns ----------------------------------------------------------------
PCOL_COLS = ["PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "COLUMN_NAME",
             "COLUMN_TYPE", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH",
             "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS", "COLUMN_DEF",
             "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION",
             "IS_NULLABLE"]
rows = cur.procedureColumns(procedure="by_region", schema="analytics").fetchall()
check(names(cur) == PCOL_COLS, "procedureColumns: columns %r" % names(cur))
check(types(cur) == [str, str, str, str, int, int, str, int, int, int, int, int, str, str,
                     int, int, int, int, str], "procedureColumns: types %r" % types(cur))
got = [(r.column_name, r.column_type, r.data_type, r.type_name, r.column_def,
        r.ordinal_position) for r in rows]
check(got == [("region", SQL_PARAM_INPUT, pyodbc.SQL_WVARCHAR, "string", "'north'", 1),
              ("minq", SQL_PARAM_INPUT, pyodbc.SQL_BIGINT, "int", "1", 2),
              ("since", SQL_PARAM_INPUT, pyodbc.SQL_TYPE_DATE, "date", "'2021-01-10'", 3)],
      "procedureColumns of latest: %r" % got)
check(all(r.nullable == SQL_NULLABLE_UNKNOWN and r.is_nullable == "" for r in rows),
      "procedureColumns: NULLABLE unknown")
got = [(r.column_name, r.column_def) for r in
       cur.procedureColumns(procedure="top_x", schema="analytics.eu")]
check(got == [("label", "'it''s'")], "quoted default of the nested workspace's lambda: %r" % got)
got = [r.procedure_name for r in cur.procedureColumns(procedure="%_x")]
check(got == ["top_x"], "procedureColumns with a procedure pattern: %r" % got)
# (pyodbc has no column argument: the column pattern is tested in test_catalog_dm.c)

check(cur.procedureColumns(procedure="nop", schema="analytics.eu").fetchall() == [],
      "a lambda without parameters has no procedure columns")
check(cur.procedureColumns(procedure="by_region", schema="nowhere").fetchall() == [],
      "procedureColumns in a missing workspace: no rows")

# Another LambdaTag selects another version's parameters.
cn_tag = pyodbc.connect(os.environ["RS_CONNSTR"] + ";LambdaTag=first", autocommit=True)
got = [(r.column_name, r.column_def) for r in
       cn_tag.cursor().procedureColumns(procedure="by_region", schema="analytics")]
check(got == [("region", "'south'"), ("minq", "0")], "LambdaTag=first: %r" % got)
cn_tag.close()

# --- calling lambdas --------------------------------------------------------------------
def scalar(sql, *params):
    try:
        c = cn.cursor()
        c.execute(sql, *params)
        return c.fetchone()[0]
    except pyodbc.Error as e:
        return "error %s" % (e.args,)


n = scalar("{CALL analytics.by_region(?, ?)}", "east", 5)
check(n == count("east", 5), "positional call: %r (want %d)" % (n, count("east", 5)))
n = scalar("{CALL analytics.by_region(?)}", "east")
check(n == count("east", 1), "second argument defaulted (latest: minq=1): %r" % (n,))
n = scalar("{CALL analytics.by_region}")
check(n == count("north", 1), "every argument defaulted: %r (want %d)" % (n, count("north", 1)))
n = scalar("{CALL analytics.by_region@first(?, ?)}", "west", 2)
check(n == count("west", 2), "@tag selects version 1: %r" % (n,))
n = scalar("{CALL analytics.by_region@first}")
check(n == count("south", 0), "@tag with its own defaults: %r" % (n,))
n = scalar("{CALL analytics.by_region:%s(?)}" % v1, "south")
check(n == count("south", 0), ":version selects version 1: %r" % (n,))
c = cn.cursor()
c.execute("{CALL analytics.by_region(?, ?)}", "east", 0)
check([d[0] for d in c.description] == ["n", "v"],
      "latest version's result columns: %r" % (c.description,))
n = scalar("CALL analytics.by_region(region => ?, minq => ?)", "east", 5)
check(n == count("east", 5), "named arguments in the SQL text: %r" % (n,))
n = scalar("{CALL \"analytics.eu\".top_x}")
check(n == "it's", "quoted nested workspace, defaulted string: %r" % (n,))

n = scalar("{CALL analytics.eu.nop()}")
check(n == 1, "a lambda without parameters, unquoted dotted workspace: %r" % (n,))
for sql, state in (("{CALL analytics.by_region@nope}", "42S02"),
                   ("{CALL analytics.nope}", "42S02"),
                   ("{CALL nowhere.by_region}", "42S02"),
                   ("{CALL analytics.eu.nop(1)}", "07001")):
    n = scalar(sql)
    check(isinstance(n, str) and ("'%s'" % state) in n, "%s -> %s: %r" % (sql, state, n))
cn.close()
print("%d checks, %d failed" % (checks, failures))
sys.exit(1 if failures else 0)
