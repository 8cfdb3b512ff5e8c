#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# isql's "help" (SQLTables) and "help TABLE" (SQLColumns) through the driver manager:
# asserts the tables and columns listed. Inside tests/with-server.sh +
# tests/odbc-env.sh (RS_CONNSTR, RS_SERVER, RS_APIKEY).
set -u
fail=0
out=$(mktemp "${TMPDIR:-/tmp}/rs-isql-help.XXXXXX") || exit 99
trap 'rm -f "$out"' EXIT

# isql -d| -c: columns delimited by '|', names on the first line
run_isql() {
  printf '%s\n' "$1" | isql -b -v -d'|' -c -k "$RS_CONNSTR" >"$out" 2>&1
}
expect_line() {
  if grep -qxF -- "$1" "$out"; then
    echo "ok: $2"
  else
    echo "FAIL: $2: no line '$1' in:"
    sed 's/^/  | /' "$out"
    fail=1
  fi
}
expect_count() {
  n=$(grep -c -- "$1" "$out")
  if [ "$n" -eq "$2" ]; then
    echo "ok: $3 ($n)"
  else
    echo "FAIL: $3: $n lines match '$1', want $2"
    fail=1
  fi
}

run_isql "help"
expect_line "TABLE_CAT|TABLE_SCHEM|TABLE_NAME|TABLE_TYPE|REMARKS" "help: SQLTables column names"
expect_line "|commons|sample|TABLE|" "help lists commons.sample"
expect_line "|sales|orders|TABLE|" "help lists sales.orders"
expect_count "^|commons|_events|TABLE|" 1 "help lists commons._events (the service's audit log)"
expect_count "|TABLE|" 3 "help lists every collection once"

run_isql "help orders"
expect_line "TABLE_CAT|TABLE_SCHEM|TABLE_NAME|COLUMN_NAME|DATA_TYPE|TYPE_NAME|COLUMN_SIZE|BUFFER_LENGTH|DECIMAL_DIGITS|NUM_PREC_RADIX|NULLABLE|REMARKS|COLUMN_DEF|SQL_DATA_TYPE|SQL_DATETIME_SUB|CHAR_OCTET_LENGTH|ORDINAL_POSITION|IS_NULLABLE" \
  "help TABLE: SQLColumns column names"
expect_line "|sales|orders|_id|12|string|8000|8000|||0|||12||8000|1|NO" "help orders: _id first"
# isql allocates an ODBC 2 environment: the date/time types carry the ODBC 2 codes 9, 11.
expect_line "|sales|orders|_event_time|11|timestamp|26|16|6||1|||9|3||2|YES" \
  "help orders: _event_time second"
expect_line "|sales|orders|amount|8|float|15|8||10|1|||8|||3|YES" "help orders: amount DOUBLE"
expect_line "|sales|orders|order_date|9|date|10|6|||1|||9|1||5|YES" "help orders: order_date DATE"
expect_line "|sales|orders|quantity|-5|int|19|8|0|10|1|||-5|||7|YES" "help orders: quantity BIGINT"
expect_line "|sales|orders|shipped|-7|bool|1|1|0||1|||-7|||10|YES" "help orders: shipped BIT"
expect_count "^|sales|orders|" 11 "help orders: one row per top-level field"

run_isql "help no_such_table"
expect_count "^|" 0 "help of a missing table lists nothing"
exit $fail
