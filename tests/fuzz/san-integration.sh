#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The compiled ODBC integration programs of tests/integration/odbc-tests.sh, for
# `make check-sanitizers`: the same programs against one rockset-local (both built with ASan
# and UBSan), without the pyodbc parts, since an uninstrumented python3 cannot load a driver
# built with the sanitizers.
set -u
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
export top_builddir top_srcdir
if [ -z "${RS_DSN:-}" ]; then
  exec sh "$top_srcdir/tests/with-server.sh" sh "$top_srcdir/tests/odbc-env.sh" sh "$0" "$@"
fi
failed=""
for t in test_odbc_connect test_odbc_exec test_odbc_fetch test_odbc_params test_odbc_desc \
         test_odbc_wide test_odbc_fake test_odbc_cancel test_odbc_faults; do
  echo "=== $t"
  "$top_builddir/tests/integration/$t" || failed="$failed $t"
done
[ -z "$failed" ] || { echo "san-integration.sh: FAILED:$failed" >&2; exit 1; }
echo "san-integration.sh: all passed"
