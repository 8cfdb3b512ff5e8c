#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The catalog/metadata acceptance tests (issue 5), each against its own fresh rockset-local:
#   tests/integration/catalog/test_getinfo       SQLGetInfo, every info type, ANSI and W (C, CUnit)
#   tests/integration/catalog/test_catalog_dm    shapes, SQL_ATTR_METADATA_ID, SQL_DESC_NAME calls (C)
#   tests/integration/catalog/test_catalog_pyodbc.py   catalog functions and lambda calls (pyodbc)
#   tests/integration/catalog/test-isql-help.sh  isql's help and help TABLE
# The C programs run under $RS_WRAP (valgrind with RS_VALGRIND=1 through tests/run-test.sh).
set -u
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../../.." && pwd)}
export top_builddir top_srcdir
here="$top_srcdir/tests/integration/catalog"
status=0
for t in "${RS_WRAP:-} $top_builddir/tests/integration/catalog/test_getinfo" \
         "${RS_WRAP:-} $top_builddir/tests/integration/catalog/test_catalog_dm" \
         "/usr/bin/python3 $here/test_catalog_pyodbc.py" \
         "$here/test-isql-help.sh"; do
  echo "=== $t"
  # shellcheck disable=SC2086 # $t is a command line
  "$top_srcdir/tests/with-server.sh" sh "$top_srcdir/tests/odbc-env.sh" $t
  rc=$?
  echo "=== exit $rc"
  if [ $rc -ne 0 ]; then
    status=1
  fi
done
exit $status
