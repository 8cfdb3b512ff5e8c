#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The ODBC integration tests: every test program (through the unixODBC driver manager) and the
# pyodbc test, against one rockset-local started by tests/with-server.sh, with the private
# ini files of tests/odbc-env.sh. Compiled programs run under $RS_WRAP (valgrind with RS_VALGRIND=1).
set -u
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
export top_builddir top_srcdir
if [ -z "${RS_DSN:-}" ]; then
  exec sh "$top_srcdir/tests/with-server.sh" sh "$top_srcdir/tests/odbc-env.sh" \
    sh "$0" "$@"
fi
failed=""
# the cancel test leaves a long query running on the server: it goes last
for t in test_odbc_connect test_odbc_exec test_odbc_fetch test_odbc_scroll test_odbc_params test_odbc_dml test_odbc_setpos test_odbc_desc \
         test_odbc_wide test_odbc_fake test_odbc_faults test_odbc_cancel; do
  bin="$top_builddir/tests/integration/$t"
  if [ ! -x "$bin" ]; then
    echo "odbc-tests.sh: $bin is not built" >&2
    failed="$failed $t"
    continue
  fi
  echo "=== $t"
  ${RS_WRAP:-} "$bin" || failed="$failed $t"
done
# the driver's retry of real 429s: its own server, limited to 2 requests per second
echo "=== test_odbc_ratelimit"
bin="$top_builddir/tests/integration/test_odbc_ratelimit"
if [ -x "$bin" ]; then
  RS_SERVER_ARGS="--rate-limit 2" sh "$top_srcdir/tests/with-server.sh" \
    sh "$top_srcdir/tests/odbc-env.sh" ${RS_WRAP:-} "$bin" || failed="$failed test_odbc_ratelimit"
else
  echo "odbc-tests.sh: $bin is not built" >&2
  failed="$failed test_odbc_ratelimit"
fi
echo "=== pyodbc"
/usr/bin/python3 "$top_srcdir/tests/integration/test_pyodbc.py" || failed="$failed pyodbc"
echo "=== pyodbc writes (executemany of 100,000 rows)"
/usr/bin/python3 "$top_srcdir/tests/integration/test_pyodbc_write.py" || failed="$failed pyodbc-write"
echo "=== truth (issue 10: no silent wrong answers)"
/usr/bin/python3 "$top_srcdir/tests/integration/test_truth.py" || failed="$failed truth"
if [ -n "$failed" ]; then
  echo "odbc-tests.sh: FAILED:$failed" >&2
  exit 1
fi
echo "odbc-tests.sh: all passed"
