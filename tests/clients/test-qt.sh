#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Client test: the scenario of tests/clients/data/README.md through Qt's QODBC (PyQt5, no
# display), by DSN and by connection string, against rockset-local (started by
# tests/with-server.sh), plus: catalog and query records agree on every field's type, a
# forward-only query reads a result of several pages (25,000 rows, PageSize=1000), Qt's
# default scrollable queries (last, first, seek, previous) and QSqlQueryModel / QSqlTableModel
# over that result, and an empty result's record has every field.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rs_clients_begin qt "$@"
# Debian's python3-pyqt5 is for Debian's python3, not another one first on PATH.
[ -x /usr/bin/python3 ] || rs_fail "/usr/bin/python3 is not installed: run scripts/deps-clients.sh"
/usr/bin/python3 -c "from PyQt5 import QtSql" 2>/dev/null \
  || rs_fail "PyQt5's QtSql is not installed (python3-pyqt5.qtsql): run scripts/deps-clients.sh"
QT_QPA_PLATFORM=offscreen /usr/bin/python3 -c "
import sys
from PyQt5.QtCore import QCoreApplication
from PyQt5.QtSql import QSqlDatabase
QCoreApplication(sys.argv)
sys.exit(0 if 'QODBC' in QSqlDatabase.drivers() else 1)" 2>/dev/null \
  || rs_fail "Qt's ODBC plugin is not installed (libqt5sql5-odbc): run scripts/deps-clients.sh"
. "$here/r/many.sh"
rs_clients_many
status=0
for mode in dsn connstr; do
  echo "== qt by $mode"
  QT_QPA_PLATFORM=offscreen TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    /usr/bin/python3 "$here/qt/client.py" $mode || status=1
done
exit $status
