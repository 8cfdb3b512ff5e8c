#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs the catalog tests against a fresh rockset-local (tests/with-server.sh); under
# RS_VALGRIND=1 the test binary runs under valgrind ($RS_WRAP from tests/run-test.sh).
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
exec "$top_srcdir/tests/with-server.sh" "$top_builddir/libtool" --mode=execute $RS_WRAP \
  "$top_builddir/tests/driver/catalog/test_catalog_server"
