#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# End-to-end test of the API client: runs tests/driver/client/test_client_e2e against a fresh
# rockset-local (tests/with-server.sh), under $RS_WRAP (valgrind) when run-test.sh sets it.
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../../.." && pwd)}
top_builddir=${top_builddir:-.}
export top_srcdir top_builddir
bin="$top_builddir/tests/driver/client/test_client_e2e"
if [ -n "${RS_WRAP:-}" ] && grep -q "libtool wrapper" "$bin" 2>/dev/null; then
  exec "$top_srcdir/tests/with-server.sh" "$top_builddir/libtool" --mode=execute $RS_WRAP "$bin"
fi
exec "$top_srcdir/tests/with-server.sh" ${RS_WRAP:-} "$bin"
