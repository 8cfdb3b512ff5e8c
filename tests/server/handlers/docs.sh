#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The documents / ingest / concurrency test against a fresh rockset-local
# (RS_LONG_TESTS=1: 30 s of concurrent load instead of 3 s).
exec "${top_srcdir:-.}/tests/with-server.sh" $RS_WRAP "${top_builddir:-.}/tests/server/handlers/test_server_docs"
