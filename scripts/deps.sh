#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian packages the build and the tests need; does nothing when all are present.
# Usage: scripts/deps.sh [build|test]   (test adds the client test tools)
set -e
want="build-essential autoconf automake libtool pkg-config
 unixodbc unixodbc-dev odbcinst libcurl4-openssl-dev libcjson-dev libssl-dev
 libcunit1-dev libmicrohttpd-dev libsqlite3-dev sqlite3 valgrind curl"
if [ "${1:-build}" = test ]; then
  want="$want python3 python3-pyodbc"
  # tests/contract: answers validated against the OpenAPI documents
  want="$want python3-jsonschema"
  # the sanitizer and fuzzing pass of scripts/test.sh (libFuzzer comes with clang)
  want="$want clang"
  # nodesource's nodejs ships npm and conflicts with Debian's npm package
  command -v npm >/dev/null 2>&1 || want="$want nodejs npm"
  # the client tests' packages too, so that apt-get update runs once
  want="$want $("$(dirname "$0")/deps-clients.sh" --packages)"
fi
missing=""
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
