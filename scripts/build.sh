#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Installs what is missing, then configures and builds out of tree in _build/ (or $RS_BUILD_DIR).
# Extra arguments go to configure.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
build=${RS_BUILD_DIR:-$top/_build}
"$top/scripts/deps.sh" "${RS_DEPS:-build}"
cd "$top"
[ -x configure ] && [ configure -nt configure.ac ] || autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
mkdir -p "$build"
cd "$build"
if [ ! -f Makefile ] || [ -n "$*" ]; then
  "$top/configure" -q "$@"
fi
make -j"$(nproc)" >/dev/null || make
