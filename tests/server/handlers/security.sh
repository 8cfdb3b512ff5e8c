#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The hardening tests (auth before the body, roles, integration secrets, names) against a
# fresh rockset-local.
exec "${top_srcdir:-.}/tests/with-server.sh" $RS_WRAP "${top_builddir:-.}/tests/server/handlers/test_server_security"
