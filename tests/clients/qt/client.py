#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The client scenario through Qt's ODBC plugin (QODBC), from PyQt5, without a display.

Usage: /usr/bin/python3 client.py dsn|connstr
Run by tests/clients/test-qt.sh (QT_QPA_PLATFORM=offscreen, TZ=UTC) after it loaded
commons.clients_many (tests/clients/r/many.sh). A QCoreApplication is enough for QtSql.
Exits non-zero on any mismatch. Expected values: tests/clients/data/README.md.

The scenario's queries are forward-only (QSqlQuery.setForwardOnly(True)); scrolling() then
uses Qt's default, a scrollable query (QODBC asks for SQL_CURSOR_STATIC and moves with
SQLFetchScroll: last(), first(), seek(), previous()), and QSqlQueryModel / QSqlTableModel,
which seek back and forth, over commons.clients_many (25 pages at PageSize=1000).

What Qt 5's QODBC does that the checks allow for:
- it connects as an ODBC 2 application unless the connect options say
  SQL_ATTR_ODBC_VERSION=SQL_OV_ODBC3 (the catalog then says SQL_DATE 9, not SQL_TYPE_DATE 91);
  the catalog/query agreement is checked both ways;
- db.record(table) types a column from SQLColumns' DATA_TYPE alone and so always as signed,
  while query.record() asks SQL_DESC_UNSIGNED: a BIT column (unsigned, as ODBC describes
  non-numeric types) is QVariant Int in the one and UInt in the other. Qt 5 maps BIT to
  Int/UInt, not Bool;
- QSqlError keeps the native error (the driver's is the HTTP status, docs/sqlstates.md) and
  the message, not the SQLSTATE;
- db.tables() gives collection names without their workspace;
- QSqlQuery.isNull(column) before value(column) is only right for the next column to read
  (Qt 5's QODBCResult::isNull fetches only when column <= the next one): read values first.
"""
import json
import os
import sys

from PyQt5.QtCore import QCoreApplication, QDate, Qt, QTime, QVariant
from PyQt5.QtSql import (QSqlDatabase, QSqlDriver, QSqlError, QSqlQuery, QSqlQueryModel,
                         QSqlTableModel)

FAILURES = []
KEY = os.environ.get("RS_APIKEY", "")
UTF8 = "h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c"
MANY = 25000


def shown(got):
    text = repr(got)
    return text.replace(KEY, "<API key>") if KEY else text


def check(what, ok, got=None):
    if ok:
        print(f"ok   {what}")
    else:
        FAILURES.append(what)
        print(f"FAIL {what} (got {shown(got)})")
    return bool(ok)


def json_same(text, want):
    try:
        return json.loads(text) == json.loads(want)
    except (TypeError, ValueError):
        return False


def type_name(t):
    names = {QVariant.Bool: "Bool", QVariant.Int: "Int", QVariant.UInt: "UInt",
             QVariant.LongLong: "LongLong", QVariant.ULongLong: "ULongLong",
             QVariant.Double: "Double", QVariant.String: "String", QVariant.Date: "Date",
             QVariant.Time: "Time", QVariant.DateTime: "DateTime",
             QVariant.ByteArray: "ByteArray"}
    return names.get(t, str(t))


def fields(record):
    """{name: (QVariant type name, ODBC SQL type)} of a QSqlRecord."""
    return {record.field(i).name(): (type_name(record.field(i).type()), record.field(i).typeID())
            for i in range(record.count())}


N = 0


def connect(mode, extra="", options=""):
    """A QODBC connection by DSN or by connection string, extra keywords appended."""
    global N
    N += 1
    db = QSqlDatabase.addDatabase("QODBC", f"rs{N}")
    if mode == "dsn":
        # QODBC prefixes "DSN=" to a name that holds no DRIVER= or SERVER=.
        name = os.environ["RS_DSN"]
    else:
        name = os.environ["RS_CONNSTR"]
    db.setDatabaseName(name + (";" + extra if extra else ""))
    if options:
        db.setConnectOptions(options)
    if not db.open():
        check(f"connect by {mode} {extra} {options}".strip(), False, db.lastError().text())
        return None
    return db


def query(db, sql, *params):
    q = QSqlQuery(db)
    q.setForwardOnly(True)  # the scenario reads forward; scrolling() covers scrollable queries
    if params:
        ok = q.prepare(sql)
        for p in params:
            q.addBindValue(p)
        ok = ok and q.exec_()
    else:
        ok = q.exec_(sql)
    return q, ok


def scenario(db, mode):
    # Catalog: QODBC's tables() lists TABLE_NAME only (no workspace).
    tables = db.tables()
    for t in ("sample", "clients_types", "orders"):
        check(f"db.tables() lists {t}", t in tables, tables)
    cat = fields(db.record("commons.clients_types"))
    for c in ("i", "f", "b", "s", "d", "t", "ts", "o", "a"):
        check(f"db.record lists {c}", c in cat, sorted(cat))
    check("db.record: i is BIGINT (-5) / LongLong", cat.get("i") == ("LongLong", -5), cat.get("i"))

    # Parameters: Qt binds an int as SQL_INTEGER and a str as text.
    for sql, param, want in (("SELECT i FROM commons.clients_types WHERE s = ?", "plain", 7),
                             ("SELECT i FROM commons.clients_types WHERE s = ?", UTF8, 42),
                             ("SELECT s FROM commons.clients_types WHERE i = ?", 7, "plain")):
        q, ok = query(db, sql, param)
        check(f"execute with parameter {param!r}", ok, q.lastError().text())
        got = q.value(0) if q.next() else "no row"
        check(f"parameterized result for {param!r}", got == want and not q.next(), got)

    # Every type read back, with its QVariant type.
    q, ok = query(db, "SELECT i, f, b, s, n, d, t, ts, o, a FROM commons.clients_types WHERE _id = 't1'")
    check("execute the types query", ok, q.lastError().text())
    rec = fields(q.record())
    if not check("the types query gives a row", q.next(), q.lastError().text()):
        return
    v = {name: q.value(name) for name in rec}
    check("i: int 42 (LongLong)", type(v["i"]) is int and v["i"] == 42 and rec["i"][0] == "LongLong",
          (v["i"], rec["i"]))
    check("f: float 2.5 (Double)", type(v["f"]) is float and v["f"] == 2.5 and rec["f"][0] == "Double",
          (v["f"], rec["f"]))
    check("b: true (1; BIT is Int/UInt in Qt 5)", v["b"] == 1 and rec["b"][0] in ("Bool", "Int", "UInt"),
          (v["b"], rec["b"]))
    check("s: the UTF-8 string (String)", v["s"] == UTF8 and rec["s"][0] == "String", (v["s"], rec["s"]))
    check("n: NULL", q.isNull("n"), v["n"])
    check("d: QDate 2024-02-29", isinstance(v["d"], QDate) and v["d"] == QDate(2024, 2, 29)
          and rec["d"][0] == "Date", (v["d"], rec["d"]))
    check("t: QTime 13:45:30", isinstance(v["t"], QTime) and v["t"] == QTime(13, 45, 30)
          and rec["t"][0] == "Time", (v["t"], rec["t"]))
    ts = v["ts"]
    check("ts: QDateTime 2024-02-29 13:45:30", rec["ts"][0] == "DateTime" and hasattr(ts, "date")
          and ts.date() == QDate(2024, 2, 29) and ts.time() == QTime(13, 45, 30), (ts, rec["ts"]))
    check("o: the object as JSON (String)", json_same(v["o"], '{"k":"v","l":[1,2]}'), v["o"])
    check("a: the array as JSON (String)", json_same(v["a"], '[1,"two",3.5]'), v["a"])
    check("one row only", not q.next(), "a second row")

    # A query lambda.
    q, ok = query(db, "{CALL commons.lam(?)}", 42)
    check("execute lambda call", ok, q.lastError().text())
    got = q.value(0) if q.next() else "no row"
    check("lambda result", got == UTF8, got)

    # Errors: Qt 5 keeps the native error (the HTTP status) and the message, not the SQLSTATE.
    for sql, native, what in (("SELECT * FROM commons.no_such_collection", "404", "missing collection"),
                              ("SELEC 1 FROM", "400", "bad SQL")):
        q, ok = query(db, sql)
        err = q.lastError()
        check(f"{what} fails", not ok and err.type() == QSqlError.StatementError, err.text())
        check(f"{what}: native error {native}", err.nativeErrorCode() == native,
              (err.nativeErrorCode(), err.databaseText()))
    print("     message:", query(db, "SELECT * FROM commons.no_such_collection")[0].lastError().databaseText())
    # Two columns of one name cannot both be carried (a row is a JSON object): an error that
    # says so, never a NULL second column.
    q, ok = query(db, "SELECT a.i, b.i FROM commons.clients_types a JOIN commons.clients_types b "
                      "ON a.i = b.i")
    err = q.lastError()
    check("two columns named i fail", not ok and err.type() == QSqlError.StatementError, err.text())
    check("... saying why (alias them)", "more than once" in err.databaseText(), err.databaseText())

    # Aggregates keep their field's type: MIN of a date is a QDate, MAX of a time a QTime,
    # also over no rows (typed from the collection's schema).
    q, ok = query(db, "SELECT MIN(d), MAX(t), SUM(i) FROM commons.clients_types")
    check("MIN(d), MAX(t), SUM(i) execute", ok and q.next(), q.lastError().text())
    check("MIN(d) is QDate 1999-12-31", q.value(0) == QDate(1999, 12, 31), shown(q.value(0)))
    check("SUM(i) is 49", q.value(2) == 49, shown(q.value(2)))
    check("MAX(t) is QTime 13:45:30", q.value(1) == QTime(13, 45, 30), shown(q.value(1)))
    q, ok = query(db, "SELECT MIN(d), SUM(i) FROM commons.clients_types WHERE 1=0")
    rec = fields(q.record())
    check("over no rows: MIN(d) is a Date, SUM(i) a LongLong",
          ok and rec.get("?min", ("",))[0] == "Date" and rec.get("?sum", ("",))[0] == "LongLong", rec)

    # An empty result still has every field of the collection in its record.
    q, ok = query(db, "SELECT * FROM commons.clients_types WHERE 1=0")
    check("WHERE 1=0 executes", ok, q.lastError().text())
    want = {"_id", "_event_time", "i", "f", "b", "s", "n", "d", "t", "ts", "o", "a"}
    check("WHERE 1=0: record() has every field", set(fields(q.record())) == want, sorted(fields(q.record())))
    check("WHERE 1=0: no row", not q.next(), "a row")

    # QODBC quotes a schema-qualified name per part: "commons"."clients_types".
    quoted = db.driver().escapeIdentifier("commons.clients_types", QSqlDriver.TableName)
    check("escapeIdentifier quotes workspace and collection", quoted == '"commons"."clients_types"', quoted)
    sql = db.driver().sqlStatement(QSqlDriver.SelectStatement, quoted, db.record("commons.clients_types"), False)
    q, ok = query(db, sql + " WHERE _id = 't2'")
    check("QSqlDriver.sqlStatement's SELECT (quoted names) runs", ok, (sql, q.lastError().text()))
    check("... and reads t2", q.next() and q.value("s") == "plain", q.lastError().text())


def agreement(db, label):
    """db.record(table) and query.record() of SELECT * agree, field by field."""
    for table in ("commons.clients_types", "commons.clients_many"):
        cat = fields(db.record(table))
        q, ok = query(db, f"SELECT * FROM {table} WHERE 1=0")
        res = fields(q.record())
        check(f"{label}: {table}: catalog and query have the same fields", ok and set(cat) == set(res),
              (sorted(cat), sorted(res)))
        for name in sorted(set(cat) & set(res)):
            (ct, cid), (rt, rid) = cat[name], res[name]
            # Qt 5: the catalog cannot know signedness (see the top of this file).
            same = ct == rt or {ct, rt} == {"Int", "UInt"}
            check(f"{label}: {table}.{name}: catalog {ct} ({cid}), query {rt} ({rid})",
                  same and cid == rid, (cat[name], res[name]))
    cat = fields(db.record("commons.clients_many"))
    check(f"{label}: mixed-type field m is a String in the catalog", cat.get("m", ("",))[0] == "String",
          cat.get("m"))


def many(db):
    # A forward-only query reads every row of a result of 25 pages (PageSize=1000).
    q, ok = query(db, "SELECT k FROM commons.clients_many")
    check("execute SELECT k (25 pages)", ok, q.lastError().text())
    n, total = 0, 0
    while q.next():
        n += 1
        total += q.value(0)
    check(f"all {MANY} rows", n == MANY, (n, q.lastError().text()))
    check("every k once (their sum)", total == MANY * (MANY + 1) // 2, total)
    # SELECT *: x is a field of the last document only, m holds ints and one string.
    q, ok = query(db, "SELECT * FROM commons.clients_many ORDER BY k")
    check("execute SELECT * ORDER BY k", ok, q.lastError().text())
    rec = fields(q.record())
    check("SELECT * has x, the field of the last document only", "x" in rec, sorted(rec))
    check("SELECT *: m (ints and a string) is a String", rec.get("m", ("",))[0] == "String", rec.get("m"))
    n, xs, first_m, last = 0, 0, None, None
    while q.next():
        n += 1
        # Read in column order, and value() before isNull(): Qt 5's QODBCResult::isNull() of a
        # column after the next one to read says NULL without reading it.
        last = (q.value("k"), q.value("m"), q.value("x") if "x" in rec else None)
        if n == 1:
            first_m = last[1]
        if "x" in rec and not q.isNull("x"):
            xs += 1
    check(f"SELECT * reads {MANY} rows", n == MANY, (n, q.lastError().text()))
    check("m of the first row is '1'", first_m == "1", first_m)
    check("the last row: k 25000, m 'last', x 'only here'", last == (MANY, "last", "only here"), last)
    check("x is NULL in every other row", xs == 1, xs)


def scrolling(db):
    """Qt's default scrollable queries and the models, over a result of 25 server pages."""
    q = QSqlQuery(db)
    check("a new QSqlQuery is scrollable (Qt's default)", not q.isForwardOnly())
    ok = q.exec_("SELECT k FROM commons.clients_many ORDER BY k")
    check("scrollable: execute", ok, q.lastError().text())
    check("scrollable: last() is row 25000", q.last() and q.value(0) == MANY and q.at() == MANY - 1,
          (q.at(), q.value(0), q.lastError().text()))
    check("scrollable: first() is row 1", q.first() and q.value(0) == 1, (q.at(), q.value(0)))
    check("scrollable: seek(12345) is k 12346", q.seek(12345) and q.value(0) == 12346,
          (q.at(), q.value(0)))
    check("scrollable: previous() is k 12345", q.previous() and q.value(0) == 12345,
          (q.at(), q.value(0)))
    check("scrollable: seek(-100, relative) is k 12245", q.seek(-100, True) and q.value(0) == 12245,
          (q.at(), q.value(0)))
    check("scrollable: next() after last() is past the end", q.last() and not q.next(), q.at())
    check("scrollable: previous() from past the end is the last row",
          q.previous() and q.value(0) == MANY, (q.at(), q.value(0)))
    check("scrollable: seek(25000) is past the end", not q.seek(MANY), q.at())
    check("scrollable: no error", not q.lastError().isValid(), q.lastError().text())

    model = QSqlQueryModel()
    model.setQuery("SELECT k, m FROM commons.clients_many ORDER BY k", db)
    check("QSqlQueryModel accepts the result", not model.lastError().isValid(),
          model.lastError().text())
    while model.canFetchMore():
        model.fetchMore()
    check(f"QSqlQueryModel: {MANY} rows", model.rowCount() == MANY, model.rowCount())
    for row in (0, 24999, 12345, 3, 20000, 1):  # back and forth
        got = model.data(model.index(row, 0))
        check(f"QSqlQueryModel: row {row} has k {row + 1}", got == row + 1, got)
    check("QSqlQueryModel: m of the last row is 'last'", model.data(model.index(MANY - 1, 1)) == "last",
          model.data(model.index(MANY - 1, 1)))

    table = QSqlTableModel(None, db)
    table.setTable("commons.clients_many")
    table.setSort(table.fieldIndex("k"), Qt.AscendingOrder)
    check("QSqlTableModel: select()", table.select(), table.lastError().text())
    while table.canFetchMore():
        table.fetchMore()
    check(f"QSqlTableModel: {MANY} rows", table.rowCount() == MANY, table.rowCount())
    kcol = table.fieldIndex("k")
    for row in (MANY - 1, 0, 777, 24000):
        got = table.data(table.index(row, kcol))
        check(f"QSqlTableModel: row {row} has k {row + 1}", got == row + 1, got)
    small = QSqlTableModel(None, db)
    small.setTable("commons.clients_types")
    check("QSqlTableModel over clients_types: select()", small.select(), small.lastError().text())
    check("QSqlTableModel over clients_types: 2 rows", small.rowCount() == 2, small.rowCount())


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "dsn"
    QCoreApplication(sys.argv)
    check("the QODBC plugin is available", "QODBC" in QSqlDatabase.drivers(), QSqlDatabase.drivers())
    db = connect(mode)
    if db is None:
        return 1
    print(f"ok   connect by {mode}")
    scenario(db, mode)
    agreement(db, "ODBC 2 (Qt's default)")
    db.close()

    db = connect(mode, options="SQL_ATTR_ODBC_VERSION=SQL_OV_ODBC3")
    if check("connect as an ODBC 3 application", db is not None):
        agreement(db, "ODBC 3")
        db.close()

    db = connect(mode, extra="PageSize=1000")
    if check("connect with PageSize=1000", db is not None):
        many(db)
        scrolling(db)
        db.close()

    # The key as Qt's password: QODBC appends ;PWD=<password> to the connection string.
    if mode == "connstr":
        db = QSqlDatabase.addDatabase("QODBC", "pwd")
        db.setDatabaseName(f"Driver={{Rockset}};Server={os.environ['RS_SERVER']};Workspace=commons")
        db.setPassword(KEY)
        if check("connect with setPassword(key)", db.open(), db.lastError().text()):
            q, ok = query(db, "SELECT COUNT(*) FROM commons.clients_types")
            check("a query works when connected with setPassword", ok and q.next() and q.value(0) == 2,
                  q.lastError().text())
            db.close()

    print(f"qt ({mode}): {len(FAILURES)} failed" if FAILURES else f"qt ({mode}): all passed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
