#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Client test: the scenario of tests/clients/data/README.md through node, by DSN and by
# connection string, against rockset-local (started by tests/with-server.sh).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rs_clients_begin node "$@"
rs_need node
ls "$here"/node/node_modules/odbc/lib/bindings/*/odbc.node >/dev/null 2>&1 \
  || rs_fail "the npm odbc package is not built in tests/clients/node: run scripts/deps-clients.sh"
status=0
for mode in dsn connstr; do
  echo "== node by $mode"
  node "$here/node/client.js" $mode || status=1
done
exit $status
