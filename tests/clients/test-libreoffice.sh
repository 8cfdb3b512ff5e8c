#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Client test: the scenario of tests/clients/data/README.md through libreoffice, by DSN and by
# connection string, against rockset-local (started by tests/with-server.sh), plus a scrollable
# result over several server pages (last, first, absolute, relative, previous, getRow), and
# edits of a fresh collection through a Base row set (insert, change, delete) that a new
# connection sees.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rs_clients_begin libreoffice "$@"
rs_need soffice
/usr/bin/python3 -c "import uno" 2>/dev/null || rs_fail "python3-uno is not installed: run scripts/deps-clients.sh"
[ -e /usr/lib/libreoffice/program/libodbclo.so ] || rs_fail "the ODBC driver of LibreOffice (libreoffice-base-drivers) is not installed"
status=0
for mode in dsn connstr; do
  echo "== libreoffice by $mode"
  /usr/bin/python3 "$here/libreoffice/client.py" $mode || status=1
done
exit $status
