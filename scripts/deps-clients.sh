#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Installs what the client tests (tests/clients) need: Debian packages with apt-get, and the npm
# `odbc` package (a native addon built here against unixodbc-dev) into tests/clients/node.
# Prints what it installs; does nothing when everything is present.
# A client named in RS_SKIP_CLIENTS (space or comma separated: isql php perl node libreoffice r qt)
# is neither installed nor tested.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
skip=" $(echo "${RS_SKIP_CLIENTS:-}" | tr ',' ' ') "
wants() { case "$skip" in *" $1 "*) return 1 ;; esac; return 0; }

want="unixodbc odbcinst curl"
wants php && want="$want php-cli php-odbc"
wants perl && want="$want libdbi-perl libdbd-odbc-perl"
# The node addon is compiled at install time: it needs the unixODBC headers and a C++ toolchain.
wants node && want="$want unixodbc-dev g++ make python3"
# Base without the GUI, its ODBC (sdbc) driver, and the UNO bridge for Debian's python3.
wants libreoffice && want="$want libreoffice-base-nogui libreoffice-base-drivers python3-uno"
# R with RODBC (pulls r-base-core).
wants r && want="$want r-cran-rodbc"
# Qt's ODBC plugin (QODBC) through PyQt5, run offscreen with a QCoreApplication.
wants qt && want="$want python3-pyqt5.qtsql libqt5sql5-odbc"
# nodesource's nodejs ships npm and conflicts with Debian's npm package
wants node && ! command -v npm >/dev/null 2>&1 && want="$want nodejs npm"

# --packages: print the Debian packages only (scripts/deps.sh installs them with its own, so
# a fresh machine runs apt-get update once).
if [ "${1:-}" = --packages ]; then
  echo "$want"
  exit 0
fi

missing=""
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ -n "$missing" ]; then
  echo "deps-clients: installing Debian packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

if wants node; then
  nd="$top/tests/clients/node"
  if ! ls "$nd"/node_modules/odbc/lib/bindings/*/odbc.node >/dev/null 2>&1; then
    echo "deps-clients: installing npm packages in tests/clients/node: odbc (native build)"
    # Build from source: the prebuilt binary lives outside the npm registry. The node headers
    # come with the nodejs package (/usr/include/node), so node-gyp downloads nothing.
    [ -f /usr/include/node/node_api.h ] && export npm_config_nodedir=/usr
    (cd "$nd" && npm install --no-audit --no-fund --build-from-source --loglevel=error) \
      || { echo "deps-clients: npm install of odbc failed" >&2; exit 1; }
  fi
fi
