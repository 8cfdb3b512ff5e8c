#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The control-plane API test against a fresh rockset-local.
exec "${top_srcdir:-.}/tests/with-server.sh" $RS_WRAP "${top_builddir:-.}/tests/server/handlers/test_server_api"
