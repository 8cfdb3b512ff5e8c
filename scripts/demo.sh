#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs inside tests/with-server.sh (RS_SERVER, RS_APIKEY set): registers the built driver and a
# DSN in a private ini folder, then queries rockset-local through the driver with isql.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
build=${top_builddir:-$top/_build}
ini=$(mktemp -d "${TMPDIR:-/tmp}/rockset-odbc-ini.XXXXXX")
trap 'rm -rf "$ini"' EXIT
cat > "$ini/odbcinst.ini" <<INI
[Rockset]
Description = Rockset ODBC driver (built tree)
Driver      = $build/driver/.libs/librocksetodbc.so
Setup       = $build/setup/.libs/librocksetodbcS.so
INI
cat > "$ini/odbc.ini" <<INI
[rockset-local]
Driver    = Rockset
Server    = $RS_SERVER
ApiKey    = $RS_APIKEY
Workspace = commons
INI
ODBCSYSINI=$ini ODBCINI=$ini/odbc.ini
export ODBCSYSINI ODBCINI

echo "== rockset-local is serving $RS_SERVER with the sample dataset (commons.sample, sales.orders)"
echo "== driver and DSN registered in $ini:"
odbcinst -q -d
odbcinst -q -s
run() {
  echo
  echo "SQL> $1"
  printf '%s\n' "$1" | isql -b -v -c -m32 rockset-local
}
run 'SELECT _id, name, price, qty, active, created FROM commons.sample ORDER BY price DESC LIMIT 5'
run 'SELECT region, COUNT(*) AS orders, ROUND(SUM(amount), 2) AS total FROM sales.orders GROUP BY region ORDER BY total DESC'
run 'SELECT s.name, s.address.city AS city, COUNT(*) AS orders FROM commons.sample s JOIN sales.orders o ON o.sample_id = s.id GROUP BY s.name, s.address.city ORDER BY orders DESC, s.name LIMIT 5'
run 'DESCRIBE commons.sample OPTION(max_field_depth=1)'

echo
echo "== a Query Lambda (created through the REST API) called as a procedure:"
curl -fsS -X POST "$RS_SERVER/v1/orgs/self/ws/sales/lambdas" \
  -H "Authorization: ApiKey $RS_APIKEY" -H 'Content-Type: application/json' \
  -d '{"name": "top_orders", "description": "biggest orders of a region",
       "sql": {"query": "SELECT _id, customer, amount FROM sales.orders WHERE region = :region ORDER BY amount DESC LIMIT :n",
               "default_parameters": [{"name": "region", "type": "string", "value": "north"},
                                      {"name": "n", "type": "int", "value": "3"}]}}' >/dev/null
run "{CALL sales.top_orders('east')}"
echo
echo "== the same DSN from isql's catalog view (SQLTables):"
echo 'help' | isql -b -v -m24 rockset-local
echo
echo "== done: the server is stopped now"
