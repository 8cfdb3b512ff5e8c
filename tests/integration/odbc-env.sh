#!/bin/sh
# Usage: tests/integration/odbc-env.sh CMD ARGS...  (inside tests/with-server.sh)
# A private unixODBC configuration: odbcinst.ini names the built driver, odbc.ini defines
# the DSN "rockset-test" (Server/ApiKey from RS_SERVER/RS_APIKEY) and "rockset-nokey"
# (no key); ODBCSYSINI/ODBCINI point at them. Exports RS_DSN and RS_DRIVER_LIB.
set -u
top_builddir=${top_builddir:-.}
lib="$(cd "$top_builddir" && pwd)/driver/.libs/librocksetodbc.so"
if [ ! -f "$lib" ]; then
  echo "odbc-env.sh: $lib is not built (make driver/librocksetodbc.la)" >&2
  exit 99
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/rs-odbc-ini.XXXXXX") || exit 99
trap 'rm -rf "$dir"' EXIT
cat >"$dir/odbcinst.ini" <<EOT
[Rockset]
Description = Rockset ODBC driver (build tree)
Driver = $lib
EOT
cat >"$dir/odbc.ini" <<EOT
[rockset-test]
Driver = Rockset
Server = ${RS_SERVER:-http://127.0.0.1:1}
ApiKey = ${RS_APIKEY:-}
Workspace = commons

[rockset-nokey]
Driver = Rockset
Server = ${RS_SERVER:-http://127.0.0.1:1}
EOT
ODBCSYSINI=$dir
ODBCINI=$dir/odbc.ini
RS_DSN=rockset-test
RS_DRIVER_LIB=$lib
export ODBCSYSINI ODBCINI RS_DSN RS_DRIVER_LIB
"$@"
