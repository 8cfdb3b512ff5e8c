#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Client test: the scenario of tests/clients/data/README.md through perl, by DSN and by
# connection string, against rockset-local (started by tests/with-server.sh).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rs_clients_begin perl "$@"
rs_need perl
perl -MDBD::ODBC -e 1 2>/dev/null || rs_fail "DBD::ODBC is not installed (libdbd-odbc-perl): run scripts/deps-clients.sh"
status=0
for mode in dsn connstr; do
  echo "== perl by $mode"
  perl "$here/perl/client.pl" $mode || status=1
done
exit $status
