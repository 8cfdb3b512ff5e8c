#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Captures a real rockset-local query answer for bench/decode_bench: DOCS documents of
# bench/engine_data.py (ten mixed fields: ints, floats, strings, a bool, a timestamp, a nested
# object) loaded into a throwaway data directory, then the answer of one unpaged
# `SELECT n, k, m, x, y, s, cat, flag, ts, obj` written to OUT. Not a test.
#   bench/capture_answer.sh ROCKSET_LOCAL_BINARY [DOCS=100000] [OUT=/tmp/decode_answer.json]
set -e
bin=${1:?usage: capture_answer.sh ROCKSET_LOCAL_BINARY [DOCS] [OUT]}
docs=${2:-100000}
out=${3:-/tmp/decode_answer.json}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$here/lib.sh"
work=$(mktemp -d /tmp/capture_answer.XXXXXX)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
python3 "$here/engine_data.py" "$docs" >"$work/docs.jsonl"
"$bin" load --data-dir "$work/data" bench.docs "$work/docs.jsonl" >"$work/load.log" 2>&1 ||
  { cat "$work/load.log"; exit 1; }
"$bin" --data-dir "$work/data" --port 0 --api-key benchkey >"$work/server.log" 2>&1 &
pid=$!
bench_listen_port "$work/server.log"
port=$_port
curl -sf -H 'Authorization: ApiKey benchkey' -H 'Content-Type: application/json' \
  -d '{"sql":{"query":"SELECT n, k, m, x, y, s, cat, flag, ts, obj FROM bench.docs"}}' \
  "http://127.0.0.1:$port/v1/orgs/self/queries" >"$out"
echo "wrote $out ($(wc -c <"$out") bytes, $docs rows)"
