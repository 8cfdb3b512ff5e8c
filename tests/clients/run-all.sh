#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs every client test (isql/iusql, php, perl, node, libreoffice) against one rockset-local.
# A client that is not installed FAILS, unless RS_SKIP_CLIENTS names it (space or comma
# separated). Run from the build folder (or set top_builddir). Exit status: 0 when all passed.
here=$(cd "$(dirname "$0")" && pwd)
: "${top_srcdir:=$(cd "$here/../.." && pwd)}"
: "${top_builddir:=$(pwd)}"
export top_srcdir top_builddir
if [ -z "${RS_SERVER:-}" ]; then
  exec "$top_srcdir/tests/with-server.sh" "$0" "$@"
fi
passed=0; failed=0; skipped=0; failed_names=""
for c in isql php perl node libreoffice r qt; do
  start=$(date +%s)
  "$here/test-$c.sh"
  rc=$?
  took=$(( $(date +%s) - start ))
  case $rc in
    0) passed=$((passed + 1)); echo "PASS: $c (${took}s)" ;;
    77) skipped=$((skipped + 1)); echo "SKIP: $c" ;;
    *) failed=$((failed + 1)); failed_names="$failed_names $c"; echo "FAIL: $c (${took}s)" ;;
  esac
done
[ -n "$failed_names" ] && echo "failed clients:$failed_names"
echo "clients: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
