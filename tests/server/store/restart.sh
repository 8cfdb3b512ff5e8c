#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Durability and startup of rockset-local: a generated key is printed once, writes that were
# acknowledged survive SIGTERM and restart, --api-key makes sure a key exists, SIGINT stops.
set -u
bin="${top_builddir:-.}/server/rockset-local"
dir=$(mktemp -d "${TMPDIR:-/tmp}/rockset-restart.XXXXXX") || exit 99
pid=""
fail() { echo "FAIL: $*" >&2; [ -n "$pid" ] && kill "$pid" 2>/dev/null; cat "$dir"/log* >&2; rm -rf "$dir"; exit 1; }

start() { # start LOGNAME ARGS...: starts the server, sets pid and url
  log="$dir/$1"; shift
  $RS_WRAP_SERVER "$bin" --data-dir "$dir/data" --port 0 "$@" >"$log" 2>&1 &
  pid=$!
  i=0; url=""
  while [ $i -lt 200 ] && [ -z "$url" ]; do
    url=$(sed -n 's/^rockset-local listening on \(http:.*\)$/\1/p' "$log"); sleep 0.05; i=$((i + 1))
  done
  [ -n "$url" ] || fail "server did not start"
}
stop() { # stop SIGNAL: the server must exit 0
  kill -"$1" "$pid"; wait "$pid"; rc=$?; pid=""
  [ $rc -eq 0 ] || fail "server exited with $rc after SIG$1"
}
api() { # api KEY METHOD PATH [BODY] -> prints "STATUS BODY"
  if [ $# -ge 4 ]; then
    curl -s -w ' %{http_code}' -X "$2" -H "Authorization: ApiKey $1" \
      -H 'Content-Type: application/json' -d "$4" "$url$3"
  else
    curl -s -w ' %{http_code}' -X "$2" -H "Authorization: ApiKey $1" "$url$3"
  fi
}
RS_WRAP_SERVER=${RS_WRAP_SERVER:-}

start log1
key=$(sed -n 's/^api key: \([0-9a-f]*\)$/\1/p' "$dir/log1")
[ ${#key} -eq 64 ] || fail "first start did not print a 64-char api key"
out=$(api "$key" POST /v1/orgs/self/ws '{"name":"keep"}')
case "$out" in *' 200') ;; *) fail "create workspace: $out" ;; esac
out=$(api "$key" POST /v1/orgs/self/ws/keep/collections '{"name":"c"}')
case "$out" in *' 200') ;; *) fail "create collection: $out" ;; esac
out=$(api "$key" POST /v1/orgs/self/ws/keep/collections/c/docs '{"data":[{"_id":"a","v":1},{"_id":"b","v":2}]}')
case "$out" in *'"ADDED"'*' 200') ;; *) fail "add docs: $out" ;; esac
stop TERM

# the database holds the keys: its files are made private, also when they were not
chmod 644 "$dir/data/rockset.db"
# a database of an older rockset-local, which kept keys in clear: they are masked at start
/usr/bin/python3 - "$dir/data/rockset.db" "$key" <<'PY' || fail "could not make an old-style database"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE apikeys SET key = ? WHERE name = 'default'", (sys.argv[2],))
db.execute("DELETE FROM meta WHERE key = 'apikeys_masked'")
db.commit()
PY
chmod 644 "$dir/data/rockset.db"
umask 022
start log2 --api-key fixedtestkey-123456
grep -q '^api key:' "$dir/log2" && fail "the api key was printed again on restart"
for f in "$dir/data/rockset.db" "$dir/data/rockset.db-wal"; do
  [ -e "$f" ] || fail "$f is missing"
  [ "$(stat -c %a "$f")" = 600 ] || fail "$f has mode $(stat -c %a "$f"), not 600"
done
# only hashes and masked forms of keys are stored, not the keys
out=$(api fixedtestkey-123456 POST /v1/orgs/self/users/self/apikeys '{"name":"later"}')
later=$(printf '%s' "$out" | sed -n 's/.*"key":"\([0-9a-f]\{64\}\)".*/\1/p')
[ ${#later} -eq 64 ] || fail "create key: $out"
for k in "$key" fixedtestkey-123456 "$later"; do
  grep -a -q -F "$k" "$dir"/data/rockset.db* && fail "a key is stored in clear"
done
out=$(api "$key" GET /v1/orgs/self/ws/keep/collections/c)
case "$out" in *'"doc_count":2'*' 200') ;; *) fail "after restart: $out" ;; esac
out=$(api fixedtestkey-123456 GET /v1/orgs/self/users/self)
case "$out" in *'admin@localhost'*' 200') ;; *) fail "--api-key not usable: $out" ;; esac
stop INT

start log3 --api-key fixedtestkey-123456
out=$(api fixedtestkey-123456 GET /v1/orgs/self/users/self/apikeys)
[ "$(printf '%s' "$out" | grep -o '"name":"local' | wc -l)" -eq 1 ] || fail "--api-key added twice: $out"
stop TERM

# load: a JSON array into a nested workspace, beside no server; a bad line fails the load.
printf '[{"_id":"x","v":9007199254740993},{"v":[1,2]},{"_id":"y"}]' >"$dir/a.json"
"$bin" load --data-dir "$dir/data" deep.er.coll "$dir/a.json" 2>"$dir/load.err" || fail "load array"
grep -q 'loaded 3 documents into deep.er.coll' "$dir/load.err" || fail "load progress: $(cat "$dir/load.err")"
printf '{"_id":"l1"}\n\n{"_id":"l2"}\n{oops\n' >"$dir/b.jsonl"
"$bin" load --data-dir "$dir/data" commons.lines "$dir/b.jsonl" 2>/dev/null && fail "a bad JSONL line was accepted"
"$bin" load --data-dir "$dir/data" "bad name.c" "$dir/a.json" 2>/dev/null && fail "a bad name was accepted"
start log4
out=$(api "$key" GET /v1/orgs/self/ws/deep.er/collections/coll)
case "$out" in *'"doc_count":3'*' 200') ;; *) fail "loaded collection: $out" ;; esac
stop TERM

"$bin" --data-dir "$dir/data" --port 99999 >/dev/null 2>&1 && fail "a bad port was accepted"
"$bin" >/dev/null 2>&1 && fail "a missing --data-dir was accepted"
rm -rf "$dir"
echo "PASS: restart"
