#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# INSERT INTO ... SELECT (issue #16) against a fresh rockset-local whose --max-docs is 60, so
# that the documents limit can be crossed with the 200 rows of sales.orders.
set -u
export RS_SERVER_ARGS="${RS_SERVER_ARGS:-} --max-docs 60"
exec "${top_srcdir:-.}/tests/with-server.sh" python3 -B \
  "${top_srcdir:-.}/tests/server/query/insert_select.py"
