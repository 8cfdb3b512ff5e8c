#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs every tests/server/handlers/node/*.test.mjs (node:test, official @rockset/client) against a
# fresh rockset-local. Installs the npm dependencies on first use.
set -u
here="${top_srcdir:-.}/tests/server/handlers/node"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "node-tests.sh: node and npm are required (scripts/deps.sh test)" >&2
  exit 1
fi
if [ ! -d "$here/node_modules/@rockset/client" ]; then
  if ! (cd "$here" && npm install --no-audit --no-fund >&2); then
    echo "node-tests.sh: npm install failed in $here: is the npm registry reachable?" >&2
    exit 1
  fi
fi
exec "${top_srcdir:-.}/tests/with-server.sh" node --test "$here"/*.test.mjs
