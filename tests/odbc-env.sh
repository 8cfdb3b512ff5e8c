#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The one private unixODBC configuration of the tests, so nothing reads or writes
# /etc/odbc*.ini or ~/.odbc.ini. Sourced (client tests: `. tests/odbc-env.sh`), or run as a
# wrapper (`tests/odbc-env.sh CMD ARGS...`, inside tests/with-server.sh):
#   ODBCSYSINI/ODBCINSTINI/ODBCINI point into a temporary folder holding
#   odbcinst.ini  [Rockset] with Driver = the driver built in this tree
#   odbc.ini      [RocksetTest] with Server/ApiKey of the running rockset-local, and
#                 [RocksetBare] naming only the driver (for tools that can only append
#                 keywords to a DSN name: "RocksetBare;Server=...;ApiKey=..."), and
#                 [rockset-nokey] with the server but no key (the 28000 tests)
# and exports RS_DSN (the DSN name), RS_CONNSTR (the same settings as a connection string),
# RS_DSN_BARE and RS_CONNSTR_KEYS (";Server=...;ApiKey=...;Workspace=commons").
# Needs RS_SERVER and RS_APIKEY (set by tests/with-server.sh). The folder is removed on exit.
# RS_DRIVER_LIB overrides the driver library (e.g. an installed one).

rs_env_fail() { echo "odbc-env: $*" >&2; exit 99; }

[ -n "${RS_SERVER:-}" ] || rs_env_fail "RS_SERVER is not set (run through tests/with-server.sh)"
[ -n "${RS_APIKEY:-}" ] || rs_env_fail "RS_APIKEY is not set (run through tests/with-server.sh)"
: "${top_builddir:=$(pwd)}"
RS_DRIVER_LIB=${RS_DRIVER_LIB:-$top_builddir/driver/.libs/librocksetodbc.so}
case "$RS_DRIVER_LIB" in /*) ;; *) RS_DRIVER_LIB=$(pwd)/$RS_DRIVER_LIB ;; esac
[ -f "$RS_DRIVER_LIB" ] || rs_env_fail "driver library $RS_DRIVER_LIB not built"
RS_SETUP_LIB=${RS_SETUP_LIB:-$top_builddir/setup/.libs/librocksetodbcS.so}
case "$RS_SETUP_LIB" in /*) ;; *) RS_SETUP_LIB=$(pwd)/$RS_SETUP_LIB ;; esac

RS_ODBC_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rs-odbc-env.XXXXXX")
trap 'rm -rf "$RS_ODBC_DIR"' EXIT
trap 'exit 130' INT TERM
{
  echo "[Rockset]"
  echo "Description = Rockset ODBC driver (built in this tree)"
  echo "Driver = $RS_DRIVER_LIB"
  [ -f "$RS_SETUP_LIB" ] && echo "Setup = $RS_SETUP_LIB"
  echo "UsageCount = 1"
} > "$RS_ODBC_DIR/odbcinst.ini"
RS_DSN=RocksetTest
{
  echo "[$RS_DSN]"
  echo "Driver = Rockset"
  echo "Description = rockset-local for the client tests"
  echo "Server = $RS_SERVER"
  echo "ApiKey = $RS_APIKEY"
  echo "Workspace = commons"
  echo
  echo "[RocksetBare]"
  echo "Driver = Rockset"
  echo "Description = no server, no key: the connection string brings them"
  echo
  echo "[rockset-nokey]"
  echo "Driver = Rockset"
  echo "Server = $RS_SERVER"
} > "$RS_ODBC_DIR/odbc.ini"
RS_DSN_BARE=RocksetBare
chmod 600 "$RS_ODBC_DIR/odbc.ini"
ODBCSYSINI=$RS_ODBC_DIR
ODBCINSTINI=odbcinst.ini
ODBCINI=$RS_ODBC_DIR/odbc.ini
RS_CONNSTR_KEYS=";Server=$RS_SERVER;ApiKey=$RS_APIKEY;Workspace=commons"
RS_CONNSTR="Driver={Rockset}$RS_CONNSTR_KEYS"
export ODBCSYSINI ODBCINSTINI ODBCINI RS_DSN RS_CONNSTR RS_DSN_BARE RS_CONNSTR_KEYS RS_ODBC_DIR \
  RS_DRIVER_LIB

# Run as a wrapper: the command runs with this configuration, which is removed afterwards.
if [ "$(basename "$0")" = odbc-env.sh ] && [ $# -gt 0 ]; then
  "$@"
  exit $?
fi
