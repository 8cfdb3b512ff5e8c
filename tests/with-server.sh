#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Usage: tests/with-server.sh CMD ARGS...
# Runs CMD against a fresh rockset-local: builds nothing; starts
# "$top_builddir/server/rockset-local" (top_builddir defaults to the current dir) on a new
# temporary data dir with --port 0 and a fixed test API key, loads tests/data/sample.jsonl
# into commons.sample and tests/data/orders.jsonl into sales.orders, exports
#   RS_SERVER (http://127.0.0.1:PORT), RS_APIKEY, RS_DATADIR
# runs CMD, stops the server, removes the dir and exits with CMD's status.
# RS_SERVER_WRAP (e.g. "valgrind -q") wraps the server process; RS_SERVER_ARGS adds options.
set -u
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
bin="$top_builddir/server/rockset-local"
if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi
if [ ! -x "$bin" ]; then
  echo "with-server.sh: $bin is not built (make server/rockset-local)" >&2
  exit 99
fi
RS_APIKEY=${RS_TEST_APIKEY:-rstest0123456789abcdef0123456789abcdef0123456789abcdef0123456789}
RS_DATADIR=$(mktemp -d "${TMPDIR:-/tmp}/rockset-local.XXXXXX") || exit 99
log="$RS_DATADIR/server.log"
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    pid=""
  fi
  rm -rf "$RS_DATADIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

${RS_SERVER_WRAP:-} "$bin" --data-dir "$RS_DATADIR" --port 0 --api-key "$RS_APIKEY" ${RS_SERVER_ARGS:-} \
  >"$log" 2>&1 &
pid=$!
port=""
i=0
while [ $i -lt 200 ]; do
  port=$(sed -n 's/^rockset-local listening on http:\/\/[^:]*:\([0-9][0-9]*\)$/\1/p' "$log")
  [ -n "$port" ] && break
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "with-server.sh: rockset-local exited at startup:" >&2
    cat "$log" >&2
    pid=""
    exit 99
  fi
  sleep 0.05
  i=$((i + 1))
done
if [ -z "$port" ]; then
  echo "with-server.sh: rockset-local did not start within 10 s:" >&2
  cat "$log" >&2
  exit 99
fi
RS_SERVER="http://127.0.0.1:$port"
export RS_SERVER RS_APIKEY RS_DATADIR

for spec in commons.sample:sample.jsonl sales.orders:orders.jsonl; do
  if ! "$bin" load --data-dir "$RS_DATADIR" "${spec%%:*}" "$top_srcdir/tests/data/${spec#*:}" \
      2>"$RS_DATADIR/load.log"; then
    echo "with-server.sh: loading ${spec#*:} failed:" >&2
    cat "$RS_DATADIR/load.log" >&2
    exit 99
  fi
done

"$@"
status=$?
if [ $status -ne 0 ] && [ -s "$log" ]; then
  echo "with-server.sh: server log:" >&2
  tail -n 40 "$log" >&2
fi
exit $status
