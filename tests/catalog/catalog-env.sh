#!/bin/sh
# Usage: tests/catalog/catalog-env.sh CMD ARGS...  (inside tests/with-server.sh)
# A private unixODBC configuration naming the built driver "Rockset" (ODBCSYSINI, no DSN);
# exports RS_CONNSTR = "Driver=Rockset;Server=$RS_SERVER;ApiKey=$RS_APIKEY".
set -u
top_builddir=${top_builddir:-.}
lib="$(cd "$top_builddir" && pwd)/driver/.libs/librocksetodbc.so"
if [ ! -f "$lib" ]; then
  echo "catalog-env.sh: $lib is not built (make driver/librocksetodbc.la)" >&2
  exit 99
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/rs-catalog-ini.XXXXXX") || exit 99
trap 'rm -rf "$dir"' EXIT
cat >"$dir/odbcinst.ini" <<EOT
[Rockset]
Description = Rockset ODBC driver (build tree)
Driver = $lib
EOT
: >"$dir/odbc.ini"
ODBCSYSINI=$dir
ODBCINI=$dir/odbc.ini
RS_CONNSTR="Driver=Rockset;Server=$RS_SERVER;ApiKey=$RS_APIKEY"
export ODBCSYSINI ODBCINI RS_CONNSTR
"$@"
