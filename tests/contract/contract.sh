#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The API contract test (tests/contract/contract.py) against a fresh rockset-local.
# Needs python3 and python3-jsonschema (scripts/deps.sh test); -B: no __pycache__ in the sources.
set -u
here="${top_srcdir:-.}/tests/contract"
if ! python3 -c 'import jsonschema' 2>/dev/null; then
  echo "contract.sh: python3-jsonschema is required (scripts/deps.sh test)" >&2
  exit 1
fi
exec "${top_srcdir:-.}/tests/with-server.sh" python3 -B "$here/contract.py"
