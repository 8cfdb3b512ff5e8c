#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Shared by bench/run.sh and bench/stream_client.sh, which source it (". bench/lib.sh"; it runs
# nothing by itself): the benchmark rows and a throwaway rockset-local that holds them, so both
# measure the same data the same way. Works under set -eu; a failure here exits the script.

# The query both scripts time: every column of every row.
# shellcheck disable=SC2034 # bench_sql and rs_conn are for the scripts that source this file
bench_sql="SELECT _id, n, name, x, flag FROM bench.rows"

# bench_rows N FORMAT: writes N rows to stdout, as JSON lines for rockset-local (FORMAT json) or
# tab-separated for PostgreSQL's \copy (FORMAT tsv). Five columns: _id string, n int,
# name string, x float, flag bool.
bench_rows() {
  awk -v n="$1" -v fmt="$2" 'BEGIN { for (i = 1; i <= n; i++) {
    flag = i % 2 ? "true" : "false"
    if (fmt == "tsv")
      printf "r%07d\t%d\tname %d\t%d.25\t%s\n", i, i, i, i % 1000, flag
    else
      printf "{\"_id\":\"r%07d\",\"n\":%d,\"name\":\"name %d\",\"x\":%d.25,\"flag\":%s}\n", i, i, i, i % 1000, flag
  } }'
}

# bench_rs_load SERVER DATADIR JSONL LOG: loads JSONL into DATADIR as the collection bench.rows
# (SERVER is the rockset-local binary); on failure prints LOG and exits.
bench_rs_load() {
  "$1" load --data-dir "$2" bench.rows "$3" >"$4" 2>&1 || { cat "$4"; exit 1; }
}

# bench_rs_start SERVER DATADIR LOG: starts rockset-local on DATADIR on a free port with the API
# key benchkey, output to LOG, and waits (10 s at most) until it listens. Sets rs_pid and
# rs_conn, the connection string's "Server=...;ApiKey=..." part.
rs_pid=""
rs_conn=""
bench_rs_start() {
  "$1" --data-dir "$2" --port 0 --api-key benchkey >"$3" 2>&1 &
  rs_pid=$!
  _port=""
  for _ in $(seq 1 100); do
    _port=$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$3")
    [ -n "$_port" ] && break
    sleep 0.1
  done
  [ -n "$_port" ] || { echo "rockset-local did not start:"; cat "$3"; exit 1; }
  # shellcheck disable=SC2034
  rs_conn="Server=http://127.0.0.1:$_port;ApiKey=benchkey"
}

# bench_rs_stop: stops the rockset-local of bench_rs_start, if it runs (for the EXIT trap too).
bench_rs_stop() {
  if [ -n "$rs_pid" ]; then
    kill "$rs_pid" 2>/dev/null || true
    wait "$rs_pid" 2>/dev/null || true
    rs_pid=""
  fi
}

# bench_field LINE NAME: the number after NAME= in a line of bench/odbc_fetch's output.
bench_field() {
  echo "$1" | sed -n "s/.*$2=\([0-9.]*\).*/\1/p"
}
