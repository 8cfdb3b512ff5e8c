#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Client test: the scenario of tests/clients/data/README.md through R and RODBC, by DSN and by
# connection string, against rockset-local (started by tests/with-server.sh), plus what RODBC's
# defaults must survive: a result of several pages (25,000 rows, PageSize=1000), a field only
# the last document has, an empty result's columns, and the masked PWD= of print(channel).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
rs_clients_begin r "$@"
rs_need Rscript
Rscript -e 'library(RODBC)' >/dev/null 2>&1 || rs_fail "RODBC is not installed (r-cran-rodbc): run scripts/deps-clients.sh"
. "$here/r/many.sh"
rs_clients_many
status=0
for mode in dsn connstr; do
  echo "== R by $mode"
  # UTC: RODBC turns a TIMESTAMP into a POSIXct in the session's time zone.
  TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 Rscript --vanilla "$here/r/client.R" $mode || status=1
done
exit $status
