#!/bin/sh
# The test command (README, .ci/run): installs what is missing, builds with -Werror, runs every
# test (unit, server, integration, clients), then the compiled tests again under valgrind.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
build=${RS_BUILD_DIR:-$top/_build}
RS_DEPS=test "$top/scripts/build.sh" --enable-werror
[ -x "$top/scripts/deps-clients.sh" ] && "$top/scripts/deps-clients.sh"
cd "$build"
status=0
make -j"$(nproc)" check || status=1
if [ "${RS_NO_VALGRIND:-0}" != 1 ]; then
  echo "== the compiled tests again under valgrind =="
  make check-valgrind || status=1
fi
if [ $status -ne 0 ]; then
  echo "FAILED: see the test logs listed above (in $build)"
  for f in $(find . -name '*.log' ! -name config.log ! -name test-suite.log); do
    if grep -q '^FAIL\|^ERROR' "${f%.log}.trs" 2>/dev/null; then echo "---- $f"; tail -40 "$f"; fi
  done
fi
exit $status
