#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
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
# isql: -3 makes it an ODBC 3 application (else SQLSTATEs come in their ODBC 2 form) and -k
# takes a connection string. iusql has neither option: it always connects with
# SQLDriverConnectW("DSN=<arg>;..."), so the connection-string case appends the keywords to a
# DSN that names only the driver.
run() { # TOOL MODE
  case "$1:$2" in
    isql:dsn) isql "$RS_DSN" -3 -b -v -d'|' 2>&1 ;;
    isql:connstr) isql "$RS_CONNSTR" -k -3 -b -v -d'|' 2>&1 ;;
    iusql:dsn) iusql "$RS_DSN" -b -v -d'|' 2>&1 ;;
    iusql:connstr) iusql "$RS_DSN_BARE$RS_CONNSTR_KEYS" -b -v -d'|' 2>&1 ;;
  esac
}

# iusql prints each UTF-16 unit of a wide column as one byte (its low byte): é -> \351,
# ✓ (U+2713) -> \023, 日 (U+65E5) -> \345, 本 (U+672C) -> ','. Asserting those bytes checks
# the UTF-16 the driver returned unit by unit.
want_isql="héllo wörld ✓ 日本"
want_iusql=$(printf 'h\351llo w\366rld \023 \345,')

scenario() { # TOOL MODE
  tool=$1; mode=$2
  if [ "$tool" = isql ]; then want=$want_isql; else want=$want_iusql; fi
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
  # Strings are WVARCHAR (-9) for iusql, a Unicode application. isql and iusql allocate
  # ODBC 2 environments, which get the ODBC 2 date/time codes (9, 10, 11).
  for ct in i:-5:BIGINT f:8:DOUBLE b:-7:BIT 's:12|-9:VARCHAR' 'd:91|9:DATE' 't:92|10:TIME' 'ts:93|11:TIMESTAMP'; do
    c=${ct%%:*}; rest=${ct#*:}; code=${rest%%:*}; name=${rest#*:}
    echo "$out" | awk -F'|' -v c="$c" -v code="^($code)\$" '$3 == "clients_types" && $4 == c && $5 ~ code { f = 1 } END { exit !f }' \
      && ok "column $c is $name ($code)" || bad "column $c is $name ($code)" "$out"
  done

  out=$(echo "SELECT s FROM commons.clients_types WHERE i = 7" | run "$tool" "$mode")
  [ "$out" = plain ] && ok "query with a literal" || bad "query with a literal" "$out"

  out=$(echo "SELECT i, f, b, s, n, d, t, ts, o, a FROM commons.clients_types WHERE _id = 't1'" \
        | run "$tool" "$mode")
  # One line; JSON text compared without spaces; float compared as a number.
  echo "$out" | LC_ALL=C awk -F'|' -v want="$want" '
    NR == 1 && $1 == "42" && $2 + 0 == 2.5 && ($3 == "1" || $3 == "true") &&
    $4 == want && $5 == "" && $6 == "2024-02-29" && $7 == "13:45:30" &&
    ($8 ~ /^2024-02-29 13:45:30(\.0+)?$/ || $8 == "2024-02-29T13:45:30.000000Z") { row = 1 }
    END { exit !(row && NR == 1) }' && ok "every type read back" || bad "every type read back" "$out"
  json=$(echo "$out" | cut -d'|' -f9- | tr -d ' ')
  [ "$json" = '{"k":"v","l":[1,2]}|[1,"two",3.5]' ] && ok "object and array as JSON" \
    || bad "object and array as JSON" "$json"

  out=$(echo "{CALL commons.lam(42)}" | run "$tool" "$mode")
  [ "$out" = "$want" ] && ok "lambda call" || bad "lambda call" "$out"

  # isql -v prints "[SQLSTATE]message"; iusql prints the message alone.
  if [ "$tool" = isql ]; then st1='^\[42S02\]'; st2='^\[42000\]'; e1="is 42S02"; e2="is 42000"
  else st1=''; st2=''; e1="fails"; e2="fails"; fi
  out=$(echo "SELECT * FROM commons.no_such_collection" | run "$tool" "$mode")
  echo "$out" | grep -q "${st1}.*no_such_collection.*not found" && echo "$out" | grep -q 'Could not SQLExec' \
    && ok "missing collection $e1" || bad "missing collection $e1" "$out"
  out=$(echo "SELEC 1 FROM" | run "$tool" "$mode")
  echo "$out" | grep -q "${st2}.*SELEC" && echo "$out" | grep -q 'Could not SQLExec' \
    && ok "bad SQL $e2" || bad "bad SQL $e2" "$out"
}

for tool in isql iusql; do
  for mode in dsn connstr; do
    echo "== $tool by $mode"
    scenario $tool $mode
  done
done
[ $failures -eq 0 ] && echo "isql: all passed" || echo "isql: $failures failed"
[ $failures -eq 0 ]
