#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Every ODBC escape documented in docs/escapes.md, through the driver (pyodbc) against a
# fresh rockset-local: tests/server/sql/test_sql_escapes.py.
if [ -z "${RS_SERVER:-}" ]; then
  exec "${top_srcdir:-.}/tests/with-server.sh" "$0" "$@"
fi
lib="$(cd "${top_builddir:-.}" && pwd)/driver/.libs/librocksetodbc.so"
[ -f "$lib" ] || { echo "sql_escapes.sh: $lib is not built" >&2; exit 99; }
exec /usr/bin/python3 "${top_srcdir:-.}/tests/server/sql/test_sql_escapes.py" "$lib" \
  "${top_srcdir:-.}/docs/escapes.md"
