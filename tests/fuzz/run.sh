#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs every libFuzzer target of tests/fuzz for SECONDS each (default 20) on a copy of its
# checked-in corpus, and fails on any crash, sanitizer report, leak or slow input.
#   tests/fuzz/run.sh [SECONDS]          from the source tree: builds _build_fuzz/ first
#                                        (CC=clang ./configure --enable-fuzzers)
#   make check (in a --enable-fuzzers build) runs it with RS_FUZZ_SECONDS or 20 s; in any
#   other build it is a SKIP (exit 77).
# A crashing input is kept in the work folder printed at the end (RS_FUZZ_WORK, default a
# temporary one); add it to tests/fuzz/corpus/<target>/ once fixed, with a unit test.
# RS_FUZZ_JOBS=N runs N processes per target (libFuzzer -fork), for long runs on big machines.
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
secs=${1:-${RS_FUZZ_SECONDS:-20}}
if [ -n "${top_builddir:-}" ]; then
  # under make check: this build's targets, if it has them
  build=$top_builddir
  grep -q '^S\["FUZZERS_TRUE"\]=""$' "$build/config.status" 2>/dev/null || {
    echo "run.sh: not a --enable-fuzzers build (CC=clang ./configure --enable-fuzzers): skipped"
    exit 77
  }
else
  build=${RS_FUZZ_BUILD_DIR:-$top_srcdir/_build_fuzz}
  command -v clang >/dev/null 2>&1 || {
    echo "run.sh: clang is needed (apt-get install clang)" >&2
    exit 77
  }
  mkdir -p "$build" || exit 99
  if [ ! -f "$build/Makefile" ]; then
    (cd "$top_srcdir" && { [ -x configure ] || autoreconf -fi >/dev/null 2>&1; }) || exit 99
    (cd "$build" && CC=clang "$top_srcdir/configure" -q --enable-fuzzers) || exit 99
  fi
fi
targets="server_sql result_decode connstr sqlrewrite"
bins=""
for t in $targets; do bins="$bins tests/fuzz/fuzz_$t"; done
# shellcheck disable=SC2086
(cd "$build" && make -s -j"$(nproc)" $bins) >/dev/null || { echo "run.sh: build failed" >&2; exit 99; }

work=${RS_FUZZ_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/rs-fuzz.XXXXXX")}
mkdir -p "$work"
# libFuzzer reports on stderr; a caller's log_path (make check-sanitizers) would hide them
ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:allocator_may_return_null=1"
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export ASAN_OPTIONS UBSAN_OPTIONS
failed=""
for t in $targets; do
  corpus="$work/corpus-$t"
  mkdir -p "$corpus"
  cp "$top_srcdir/tests/fuzz/corpus/$t/"* "$corpus/" 2>/dev/null
  dict=""
  [ -s "$top_srcdir/tests/fuzz/$t.dict" ] && dict="-dict=$top_srcdir/tests/fuzz/$t.dict"
  fork=""
  [ -n "${RS_FUZZ_JOBS:-}" ] && fork="-fork=$RS_FUZZ_JOBS -ignore_crashes=0"
  log="$work/$t.log"
  # -timeout: an input slower than 10 s is a finding (a query the server would hang on)
  # shellcheck disable=SC2086
  "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -max_len=4096 -print_final_stats=1 -artifact_prefix="$work/$t-" $dict $fork \
    "$corpus" >"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  [ -z "$runs" ] && runs=$(sed -n 's/.*Done \([0-9]*\) runs.*/\1/p' "$log" | tail -1)
  echo "fuzz_$t: ${runs:-?} executions in ${secs} s, exit $rc"
  if [ $rc -ne 0 ]; then
    failed="$failed $t"
    grep -E -A30 '^==[0-9]+==ERROR|runtime error|deadly signal|Test unit written' "$log" | head -60
  fi
done
if [ -n "$failed" ]; then
  echo "run.sh: FAILED:$failed (inputs and logs in $work)" >&2
  exit 1
fi
[ -z "${RS_FUZZ_WORK:-}" ] && rm -rf "$work"
echo "run.sh: all fuzz targets ran clean"
