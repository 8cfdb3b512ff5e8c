#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The main job: build everything, start rockset-local on a temporary data dir loaded with the
# sample dataset, register the driver and a DSN in a private ini folder (no system ini file is
# touched), and run real queries through the driver with unixODBC's isql.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
build=${RS_BUILD_DIR:-$top/_build}
RS_DEPS=build "$top/scripts/build.sh"
cd "$build"
top_builddir="$build" top_srcdir="$top" exec "$top/tests/with-server.sh" "$top/scripts/demo.sh"
