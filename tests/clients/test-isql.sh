#!/bin/sh
# Client test: unixODBC's isql (ANSI) and iusql (Unicode) in batch mode, by DSN and by
# connection string (-k). isql cannot bind parameters, so the parameterized query and the
# lambda call take literals here. Expected values: tests/clients/data/README.md.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rs_clients_begin isql "$@"
rs_need isql iusql

failures=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; echo "     got: $2"; failures=$((failures + 1)); }

# SQL on stdin, one statement per line; '|'-delimited rows on stdout, -v diagnostics too.
run() { # TOOL MODE
  if [ "$2" = dsn ]; then "$1" "$RS_DSN" -3 -b -v -d'|' 2>&1
  else "$1" "$RS_CONNSTR" -k -3 -b -v -d'|' 2>&1
  fi
}

scenario() { # TOOL MODE
  tool=$1; mode=$2
  out=$(echo "SELECT 1 AS one" | run "$tool" "$mode")
  [ "$out" = 1 ] && ok "connect and SELECT 1" || bad "connect and SELECT 1" "$out"

  # `help` is SQLTables (TABLE_CAT|TABLE_SCHEM|TABLE_NAME|TABLE_TYPE|REMARKS).
  out=$(echo "help" | run "$tool" "$mode")
  for t in commons.sample commons.clients_types sales.orders; do
    echo "$out" | grep -q "^[^|]*|${t%.*}|${t#*.}|TABLE|" && ok "tables lists $t" || bad "tables lists $t" "$out"
  done
  # `help TABLE` is SQLColumns; COLUMN_NAME is the 4th field, DATA_TYPE the 5th.
  out=$(echo "help clients_types" | run "$tool" "$mode")
  for c in i f b s d t ts o a; do
    echo "$out" | awk -F'|' -v c="$c" '$3 == "clients_types" && $4 == c { f = 1 } END { exit !f }' \
      && ok "columns lists $c" || bad "columns lists $c" "$out"
  done
  echo "$out" | awk -F'|' '$3 == "clients_types" && $4 == "i" && $5 == -5 { f = 1 } END { exit !f }' \
    && ok "column i is BIGINT (-5)" || bad "column i is BIGINT (-5)" "$out"

  out=$(echo "SELECT s FROM commons.clients_types WHERE i = 7" | run "$tool" "$mode")
  [ "$out" = plain ] && ok "query with a literal" || bad "query with a literal" "$out"

  out=$(echo "SELECT i, f, b, s, n, d, t, ts, o, a FROM commons.clients_types WHERE _id = 't1'" \
        | run "$tool" "$mode")
  # One line; JSON text compared without spaces; float compared as a number.
  echo "$out" | awk -F'|' '
    NR == 1 && $1 == "42" && $2 + 0 == 2.5 && ($3 == "1" || $3 == "true") &&
    $4 == "héllo wörld ✓ 日本" && $5 == "" && $6 == "2024-02-29" && $7 == "13:45:30" &&
    $8 ~ /^2024-02-29 13:45:30(\.0+)?$/ { row = 1 }
    END { exit !(row && NR == 1) }' && ok "every type read back" || bad "every type read back" "$out"
  json=$(echo "$out" | cut -d'|' -f9- | tr -d ' ')
  [ "$json" = '{"k":"v","l":[1,2]}|[1,"two",3.5]' ] && ok "object and array as JSON" \
    || bad "object and array as JSON" "$json"

  out=$(echo "{CALL commons.lam(42)}" | run "$tool" "$mode")
  [ "$out" = "héllo wörld ✓ 日本" ] && ok "lambda call" || bad "lambda call" "$out"

  out=$(echo "SELECT * FROM commons.no_such_collection" | run "$tool" "$mode")
  echo "$out" | grep -q '^\[42S02\]' && ok "missing collection is 42S02" || bad "missing collection is 42S02" "$out"
  out=$(echo "SELEC 1 FROM" | run "$tool" "$mode")
  echo "$out" | grep -q '^\[42000\]' && ok "bad SQL is 42000" || bad "bad SQL is 42000" "$out"
}

for tool in isql iusql; do
  for mode in dsn connstr; do
    echo "== $tool by $mode"
    scenario $tool $mode
  done
done
[ $failures -eq 0 ] && echo "isql: all passed" || echo "isql: $failures failed"
[ $failures -eq 0 ]
