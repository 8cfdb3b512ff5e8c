#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The examples of Rockset's SQL reference (tests/server/sql/docs-examples/*.jsonl) against a
# fresh rockset-local: every example gives the documented result or is a known difference
# listed in docs/sql.md ("Known differences from Rockset's documented examples").
if [ -z "${RS_SERVER:-}" ]; then
  exec "${top_srcdir:-.}/tests/with-server.sh" "$0" "$@"
fi
exec /usr/bin/python3 "${top_srcdir:-.}/tests/server/sql/docs-examples/run.py" \
  --doc "${top_srcdir:-.}/docs/sql.md" "$@"
