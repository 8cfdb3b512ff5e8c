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
  bench_listen_port "$3"
  # shellcheck disable=SC2034
  rs_conn="Server=http://127.0.0.1:$_port;ApiKey=benchkey"
}

# bench_listen_port LOG [SECONDS]: waits (10 s, or SECONDS, at most) until LOG says
# "listening on http://HOST:PORT" (rockset-local, bench/replay) and sets _port; on a timeout
# prints LOG and exits.
bench_listen_port() {
  _port=""
  for _ in $(seq 1 $(( ${2:-10} * 10 ))); do
    _port=$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$1")
    [ -n "$_port" ] && break
    sleep 0.1
  done
  [ -n "$_port" ] || { echo "$1: the server did not start:"; cat "$1"; exit 1; }
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

# bench_install_peers PACKAGE...: installs from Debian those not installed yet (the peers and
# what the bench programs link: postgresql, odbc-postgresql, libyajl-dev).
bench_install_peers() {
  _need=""
  for _p in "$@"; do
    dpkg-query -W -f='${Status}' "$_p" 2>/dev/null | grep -q "ok installed" || _need="$_need $_p"
  done
  if [ -n "$_need" ]; then
    echo "installing:$_need"
    # shellcheck disable=SC2086 # one word per package
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $_need >/dev/null
  fi
}

# bench_pg_start DIR PORT: a throwaway PostgreSQL cluster in DIR (created, owned by postgres) on
# PORT, its socket in DIR too. Sets pg_bin, pg_dir, pg_port, pg_conn (psqlODBC's connection
# string without the driver) and psqlodbc (the driver's path).
pg_dir=""
pg_bin=""
pg_port=""
pg_conn=""
psqlodbc=""
bench_pg_start() {
  # shellcheck disable=SC2012 # the newest version's directory, names are digits
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | tail -n 1)
  pg_port=$2
  mkdir -p "$1" && chown postgres "$1"
  su postgres -c "$pg_bin/initdb -D $1 -A trust" >/dev/null
  su postgres -c "$pg_bin/pg_ctl -D $1 -o '-p $2 -k $1' -l $1/server.log -w start" >/dev/null
  pg_dir=$1
  psqlodbc=$(ls /usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so)
  # shellcheck disable=SC2034
  pg_conn="Servername=$1;Port=$2;Database=postgres;Username=postgres"
}

# bench_pg_sql SQL-OR-META: one psql command on the cluster of bench_pg_start.
bench_pg_sql() {
  psql -h "$pg_dir" -p "$pg_port" -U postgres -q -v ON_ERROR_STOP=1 -c "$1"
}

# bench_pg_stop: stops the cluster of bench_pg_start, if it runs (for the EXIT trap too).
bench_pg_stop() {
  if [ -n "$pg_dir" ]; then
    su postgres -c "$pg_bin/pg_ctl -D $pg_dir -m fast stop" >/dev/null 2>&1 || true
    pg_dir=""
  fi
}

# bench_cpu PID...: CPU seconds (user+sys, all threads, plus reaped children's) of the processes.
bench_cpu() {
  for _p in "$@"; do
    # fields after the ")" of the command name: utime is the 12th, cstime the 15th
    sed 's/.*) //' "/proc/$_p/stat" 2>/dev/null | awk '{ print $12 + $13 + $14 + $15 }'
  done | awk -v hz="$(getconf CLK_TCK)" '{ t += $1 } END { printf "%.3f\n", t / hz }'
}

# bench_pg_cpu: CPU seconds of the PostgreSQL cluster: the postmaster with its reaped children
# (the backends of closed connections) plus the children still running.
bench_pg_cpu() {
  _pm=$(head -n 1 "$pg_dir/postmaster.pid")
  # shellcheck disable=SC2046
  bench_cpu "$_pm" $(pgrep -P "$_pm")
}
