#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Client test: the scenario of tests/clients/data/README.md through php, by DSN and by
# connection string, against rockset-local (started by tests/with-server.sh).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rs_clients_begin php "$@"
rs_need php
php -r 'exit(function_exists("odbc_connect") ? 0 : 1);' || rs_fail "php-odbc is not installed: run scripts/deps-clients.sh"
status=0
for mode in dsn connstr; do
  echo "== php by $mode"
  php -d display_errors=stderr "$here/php/client.php" $mode || status=1
done
exit $status
