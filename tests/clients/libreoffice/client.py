#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The client scenario through LibreOffice Base, headless, over its UNO Python bridge.

Usage: /usr/bin/python3 client.py dsn|connstr
Starts a private headless soffice (own profile, own pipe), opens a Base data source whose URL
is sdbc:odbc:<DSN> (what Base's "Connect to an existing database: ODBC" wizard stores), lists
tables and columns, runs queries, and asserts what it reads. Then, on a second connection at
PageSize=5, moves a SCROLL_INSENSITIVE, READ_ONLY result of commons.sample (50 rows, 10
server pages) every way a Base result set moves and compares each row with a forward-only
read. Then edits a fresh collection the way Base's table view does (a com.sun.star.sdb.RowSet
over the table: insert a row, change a value, delete a row) and checks in a new connection that
exactly those changes are there. Exits non-zero on any mismatch. Expected values:
tests/clients/data/README.md.
"""
import json
import re
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import uno  # Debian's python3-uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.sdbc import SQLException

SCROLL_INSENSITIVE = uno.getConstantByName("com.sun.star.sdbc.ResultSetType.SCROLL_INSENSITIVE")
FORWARD_ONLY = uno.getConstantByName("com.sun.star.sdbc.ResultSetType.FORWARD_ONLY")
READ_ONLY = uno.getConstantByName("com.sun.star.sdbc.ResultSetConcurrency.READ_ONLY")
TABLE = uno.getConstantByName("com.sun.star.sdb.CommandType.TABLE")
# commons.sample (tests/data/sample.jsonl, loaded by tests/with-server.sh): 50 rows, id 1..50,
# read at PageSize=5 so that scrolling crosses server pages (10 of them) both ways.
SCROLL_ROWS = 50
SCROLL_PAGE_SIZE = 5
SCROLL_SQL = "SELECT id, _id, name FROM commons.sample ORDER BY id"

FAILURES = []


def check(what, ok, got=None):
    if ok:
        print(f"ok   {what}")
    else:
        FAILURES.append(what)
        print(f"FAIL {what} (got {got!r})")


def json_same(text, want):
    try:
        return json.loads(text) == json.loads(want)
    except (TypeError, ValueError):
        return False


def start_office(profile, pipe):
    soffice = shutil.which("soffice") or "/usr/lib/libreoffice/program/soffice"
    args = [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
            "--nolockcheck", f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"]
    # Own process group: the soffice script starts soffice.bin as a child, and both must go.
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def connect_office(pipe, proc, seconds=90):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + seconds
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"soffice did not start (exit {proc.poll()})")
            time.sleep(0.5)


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def stop_office(ctx, proc):
    if ctx is not None:
        try:
            ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx).terminate()
        except Exception:  # the bridge drops as soffice exits
            pass
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # whatever is left of the group
    except ProcessLookupError:
        pass
    proc.wait()


def open_base(ctx, url):
    """A Base data source as Base itself makes one: DatabaseContext + URL."""
    dbctx = ctx.ServiceManager.createInstanceWithContext("com.sun.star.sdb.DatabaseContext", ctx)
    ds = dbctx.createInstance()
    ds.URL = url
    # Base's ODBC page: keep the SQL as written (no LibreOffice SQL parser in between).
    ds.Info = (prop("EnableSQL92Check", False),)
    return ds.getConnection("", "")


def rows_of(rs, ncols):
    out = []
    while rs.next():
        out.append([rs.getString(i) for i in range(1, ncols + 1)])
    return out


def scenario(conn):
    names = conn.getTables().getElementNames()
    for t in ("commons.sample", "commons.clients_types", "sales.orders"):
        check(f"tables lists {t}", t in names, names)
    cols = conn.getTables().getByName("commons.clients_types").getColumns()
    for c in ("i", "f", "b", "s", "d", "t", "ts", "o", "a"):
        check(f"columns lists {c}", cols.hasByName(c), cols.getElementNames())
    if cols.hasByName("i"):
        check("column i is BIGINT (-5)", cols.getByName("i").Type == -5, cols.getByName("i").Type)

    ps = conn.prepareStatement("SELECT i FROM commons.clients_types WHERE s = ?")
    for arg, want in (("plain", "7"), ("héllo wörld ✓ 日本", "42")):
        ps.setString(1, arg)
        rows = rows_of(ps.executeQuery(), 1)
        check(f"parameterized result for {arg!r}", rows == [[want]], rows)
    ps = conn.prepareStatement("SELECT s FROM commons.clients_types WHERE i = ?")
    ps.setLong(1, 7)
    rows = rows_of(ps.executeQuery(), 1)
    check("BIGINT parameter result", rows == [["plain"]], rows)

    rs = conn.createStatement().executeQuery(
        "SELECT i, f, b, s, n, d, t, ts, o, a FROM commons.clients_types WHERE _id = 't1'")
    check("one row of every type", rs.next())
    check("int", rs.getLong(1) == 42, rs.getLong(1))
    check("float", rs.getDouble(2) == 2.5, rs.getDouble(2))
    check("bool", rs.getBoolean(3) is True, rs.getBoolean(3))
    check("string (UTF-8)", rs.getString(4) == "héllo wörld ✓ 日本", rs.getString(4))
    rs.getString(5)
    check("null", rs.wasNull())
    d = rs.getDate(6)
    check("date", (d.Year, d.Month, d.Day) == (2024, 2, 29), (d.Year, d.Month, d.Day))
    t = rs.getTime(7)
    check("time", (t.Hours, t.Minutes, t.Seconds) == (13, 45, 30), (t.Hours, t.Minutes, t.Seconds))
    # As TIMESTAMP, or as the ISO text Rockset sends when the driver reports VARCHAR.
    text = rs.getString(8)
    check("timestamp", re.match(r"^2024-02-29( |T)13:45:30(\.0+)?Z?$", text), text)
    check("object as JSON", json_same(rs.getString(9), '{"k":"v","l":[1,2]}'), rs.getString(9))
    check("array as JSON", json_same(rs.getString(10), '[1,"two",3.5]'), rs.getString(10))

    # Base's connection does not implement prepareCall: the ODBC escape goes through a
    # prepared statement, as in Base's own SQL window.
    call = conn.prepareStatement("{CALL commons.lam(?)}")
    call.setLong(1, 42)
    rows = rows_of(call.executeQuery(), 1)
    check("lambda result", rows == [["héllo wörld ✓ 日本"]], rows)

    for what, sql, state in (("missing collection", "SELECT * FROM commons.no_such_collection", "42S02"),
                             ("bad SQL", "SELEC 1 FROM", "42000")):
        try:
            conn.createStatement().executeQuery(sql)
            check(f"{what} fails", False, "no error")
        except SQLException as e:
            check(f"{what} is {state}", e.SQLState == state, (e.SQLState, e.Message))
            print(f"     message: {e.Message.strip()}")


def statement(conn, rstype):
    st = conn.createStatement()
    st.ResultSetType = rstype
    st.ResultSetConcurrency = READ_ONLY
    return st


def row(rs):
    return (rs.getLong(1), rs.getString(2), rs.getString(3))


def scrolling(conn):
    """A SCROLL_INSENSITIVE, READ_ONLY result over 10 server pages, moved every way Base's
    result sets move, against the same rows read forward-only."""
    fwd = statement(conn, FORWARD_ONLY).executeQuery(SCROLL_SQL)
    want = []
    while fwd.next():
        want.append(row(fwd))
    check(f"forward-only: {SCROLL_ROWS} rows, id 1..{SCROLL_ROWS} in order",
          [r[0] for r in want] == list(range(1, SCROLL_ROWS + 1)), [r[0] for r in want])
    if len(want) != SCROLL_ROWS:
        return

    def at(what, moved, pos):
        """moved: what the move answered; pos: the 1-based row it must be on."""
        if not moved:
            check(f"scroll: {what}", False, ("no row", rs.getRow()))
            return
        got = (rs.getRow(), row(rs))
        check(f"scroll: {what} is row {pos} {want[pos - 1][1]}", got == (pos, want[pos - 1]), got)

    st = statement(conn, SCROLL_INSENSITIVE)
    rs = st.executeQuery(SCROLL_SQL)
    check("scroll: the statement stays SCROLL_INSENSITIVE",
          st.ResultSetType == SCROLL_INSENSITIVE, st.ResultSetType)
    check("scroll: before the first row", rs.isBeforeFirst(), rs.getRow())
    at("last()", rs.last(), SCROLL_ROWS)
    check("scroll: isLast() after last()", rs.isLast())
    check(f"scroll: getRow() after last() is the row count {SCROLL_ROWS}",
          rs.getRow() == SCROLL_ROWS, rs.getRow())
    at("first()", rs.first(), 1)
    check("scroll: isFirst() after first()", rs.isFirst())
    for k in (37, 3, 50, 6, 5, 26):  # across page boundaries, back and forth
        at(f"absolute({k})", rs.absolute(k), k)
    at("absolute(-2)", rs.absolute(-2), SCROLL_ROWS - 1)
    at("absolute(23)", rs.absolute(23), 23)
    at("relative(-7)", rs.relative(-7), 16)
    at("relative(-10)", rs.relative(-10), 6)
    at("relative(12)", rs.relative(12), 18)
    at("previous()", rs.previous(), 17)
    at("previous() again", rs.previous(), 16)
    rs.absolute(11)
    at("previous() across a page boundary", rs.previous(), 10)
    rs.beforeFirst()
    check("scroll: beforeFirst()", rs.isBeforeFirst(), rs.getRow())
    seen = []
    while rs.next():
        seen.append((rs.getRow(), row(rs)))
    check("scroll: beforeFirst() then next() reads every row in order",
          seen == [(i + 1, r) for i, r in enumerate(want)], seen[:3])
    check("scroll: after the last row", rs.isAfterLast(), rs.getRow())
    at("previous() from after the last row", rs.previous(), SCROLL_ROWS)
    check("scroll: absolute(51) is past the end", not rs.absolute(SCROLL_ROWS + 1), rs.getRow())
    at("last() again", rs.last(), SCROLL_ROWS)
    at("relative(-49)", rs.relative(-49), 1)
    check("scroll: previous() from the first row leaves the rows", not rs.previous()
          and rs.isBeforeFirst(), rs.getRow())
    rs.close()


EDIT_ROWS = [["a", "alpha", "1"], ["b", "beta", "2"], ["c", "gamma", "3"]]
# after inserting d, renaming b and deleting c; n keeps its type (int) in the inserted row
EDITED_ROWS = [["a", "alpha", "1", "int"], ["b", "BETA", "2", "int"], ["d", "delta", "4", "int"]]


def edit_table(ctx, conn, table):
    """What Base's table view does: a RowSet over the table (LibreOffice reads it with
    SELECT * and writes with INSERT/UPDATE/DELETE keyed on the primary key, _id)."""
    conn.getTables().refresh()  # the collection is newer than the connection's table list
    rs = ctx.ServiceManager.createInstanceWithContext("com.sun.star.sdb.RowSet", ctx)
    rs.ActiveConnection = conn
    rs.CommandType = TABLE
    rs.Command = table
    rs.execute()
    col = {name: rs.findColumn(name) for name in ("_id", "name", "n")}
    rs.moveToInsertRow()
    rs.updateString(col["_id"], "d")
    rs.updateString(col["name"], "delta")
    rs.updateInt(col["n"], 4)
    rs.insertRow()
    rs.moveToCurrentRow()
    rs.beforeFirst()
    seen = []
    while rs.next():
        key = rs.getString(col["_id"])
        seen.append(key)
        if key == "b":
            rs.updateString(col["name"], "BETA")
            rs.updateRow()
        elif key == "c":
            rs.deleteRow()
    check("edit: the row set read the table's rows", {"a", "b", "c"} <= set(seen), seen)
    rs.dispose()


def editing(ctx, url, mode):
    """Insert, change and delete through a Base row set; a new connection sees exactly that."""
    table = f"commons.lo_edit_{mode}"
    conn = open_base(ctx, url)
    st = conn.createStatement()
    st.execute(f"DROP TABLE IF EXISTS {table}")
    st.execute(f"CREATE TABLE {table}")
    st.execute(f"INSERT INTO {table} (_id, name, n) VALUES "
               + ", ".join(f"('{k}', '{v}', {n})" for k, v, n in EDIT_ROWS))
    edit_table(ctx, conn, table)
    conn.close()
    conn = open_base(ctx, url)
    rows = rows_of(conn.createStatement().executeQuery(
        f"SELECT _id, name, n, TYPEOF(n) FROM {table} ORDER BY _id"), 4)
    check("edit: a new connection sees the inserted, changed and deleted rows",
          rows == EDITED_ROWS, rows)
    conn.createStatement().execute(f"DROP TABLE {table}")
    conn.close()


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "dsn"
    url = "sdbc:odbc:" + os.environ["RS_DSN"]
    if mode == "connstr":
        # Base hands the text after sdbc:odbc: to SQLDriverConnect as "DSN=<text>", so
        # keywords may follow the DSN name: here a DSN that names only the driver.
        url = "sdbc:odbc:" + os.environ["RS_DSN_BARE"] + os.environ["RS_CONNSTR_KEYS"]
    work = tempfile.mkdtemp(prefix="rs-lo-")
    pipe = "rs_odbc_test_" + str(os.getpid())
    proc = start_office(work, pipe)
    ctx = None
    try:
        ctx = connect_office(pipe, proc)
        try:
            conn = open_base(ctx, url)
        except SQLException as e:
            print(f"FAIL connect by {mode}: [{e.SQLState}] {e.Message.strip()}")
            return 1
        print(f"ok   connect by {mode}")
        try:
            scenario(conn)
            conn.close()
            # a second connection, with a page size small enough for 10 server pages
            conn = open_base(ctx, f"{url};PageSize={SCROLL_PAGE_SIZE}")
            print(f"ok   connect by {mode} with PageSize={SCROLL_PAGE_SIZE}")
            scrolling(conn)
        except SQLException as e:
            check("no unexpected SQL error", False, (e.SQLState, e.Message))
        except Exception as e:  # a UNO exception (no such table, ...) ends the scenario
            check("no unexpected error", False, f"{type(e).__name__}: {getattr(e, 'Message', e)}")
        conn.close()
        try:
            editing(ctx, url, mode)  # its own connections
        except SQLException as e:
            check("edit: no unexpected SQL error", False, (e.SQLState, e.Message))
        except Exception as e:
            check("edit: no unexpected error", False,
                  f"{type(e).__name__}: {getattr(e, 'Message', e)}")
    finally:
        stop_office(ctx, proc)
        shutil.rmtree(work, ignore_errors=True)
    print(f"libreoffice ({mode}): {len(FAILURES)} failed" if FAILURES else f"libreoffice ({mode}): all passed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
