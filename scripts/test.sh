#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The test command (README, .ci/run): installs what is missing, builds with -Werror, runs every
# test (unit, server, integration, clients), then the compiled tests again under valgrind.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
build=${RS_BUILD_DIR:-$top/_build}
RS_DEPS=test "$top/scripts/build.sh" --enable-werror
[ -x "$top/scripts/deps-clients.sh" ] && "$top/scripts/deps-clients.sh"
cd "$build"
# On CI's throwaway machine (root, CI=true) the Debian package is also installed, used and
# removed for real (tests/clients/install-test.sh), and the long tests run at full length
# (30 s of concurrent clients, 1M rows through the driver); elsewhere only when asked.
if [ "${CI:-}" = true ] && [ "$(id -u)" = 0 ]; then
  RS_INSTALL_TEST=${RS_INSTALL_TEST:-1}
  RS_LONG_TESTS=${RS_LONG_TESTS:-1}
  export RS_INSTALL_TEST RS_LONG_TESTS
fi
status=0
make -j"$(nproc)" check || status=1
if [ "${RS_NO_VALGRIND:-0}" != 1 ]; then
  echo "== the compiled tests again under valgrind =="
  make check-valgrind || status=1
fi
# ASan + UBSan (issue #11): the compiled tests again in a clang build that has both sanitizers
# and the libFuzzer targets (one build for the two), failing on any sanitizer report, with each
# fuzz target run for RS_FUZZ_SECONDS (20) on its corpus. RS_NO_SANITIZERS=1 skips it.
if [ "${RS_NO_SANITIZERS:-0}" != 1 ]; then
  echo "== the compiled tests again with ASan and UBSan, and the fuzz targets =="
  san=${RS_SAN_BUILD_DIR:-$top/_build_san}
  t0=$(date +%s)
  mkdir -p "$san"
  # -O1 as the sanitizers' documentation advises (and quicker to build than -O2); 10 s per
  # fuzz target here: the long runs are by hand (docs/security.md)
  ( cd "$san" && { [ -f Makefile ] || CC=clang CFLAGS="-O1 -g" "$top/configure" -q --enable-fuzzers; } &&
    make -j"$(nproc)" >/dev/null &&
    RS_FUZZ_SECONDS=${RS_FUZZ_SECONDS:-10} make -j"$(nproc)" check-sanitizers ) || status=1
  echo "sanitizer pass: $(( $(date +%s) - t0 )) s (logs in $san)"
fi
# The CUnit Basic summaries of every suite (they are in the per-test logs), then one line.
echo "== CUnit summaries =="
for f in $(find . -name '*.log' ! -name config.log ! -name 'test-suite*.log' | sort); do
  if grep -q "Run Summary" "$f"; then
    printf '%s\n' "${f#./}"
    grep -A3 "Run Summary" "$f" | grep -E "^ +(tests|asserts) " | sed 's/^/   /'
  fi
done
passed=$(cat test-suite.log test-suite-valgrind.log 2>/dev/null | sed -n 's/^# PASS: *//p' | awk '{ s += $1 } END { print s + 0 }')
failed=$(cat test-suite.log test-suite-valgrind.log 2>/dev/null | sed -n 's/^# \(FAIL\|ERROR\|XPASS\): *//p' | awk '{ s += $1 } END { print s + 0 }')
skipped=$(cat test-suite.log test-suite-valgrind.log 2>/dev/null | sed -n 's/^# SKIP: *//p' | awk '{ s += $1 } END { print s + 0 }')
[ "$failed" -gt 0 ] && status=1
if [ $status -ne 0 ]; then
  echo "FAILED: see the test logs listed above (in $build)"
  for f in $(find . -name '*.log' ! -name config.log ! -name test-suite.log); do
    if grep -q '^FAIL\|^ERROR' "${f%.log}.trs" 2>/dev/null; then echo "---- $f"; tail -40 "$f"; fi
  done
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
