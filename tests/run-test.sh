#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs one test. With RS_VALGRIND=1 a compiled test runs under valgrind (full leak check) and
# any report fails it; scripts are run as they are (they wrap their own compiled parts with
# $RS_WRAP, which is set here).
t="$1"; shift
supp="${top_srcdir:-.}/tests/valgrind.supp"
RS_WRAP=""
if [ "${RS_VALGRIND:-0}" = 1 ]; then
  RS_WRAP="valgrind -q --error-exitcode=97 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --track-origins=yes --suppressions=$supp"
fi
export RS_WRAP
# Libtool wrapper scripts run the real binary from .libs; run that one under valgrind.
if [ -n "$RS_WRAP" ] && head -c 4 "$t" | grep -q ELF; then
  exec $RS_WRAP "$t" "$@"
elif [ -n "$RS_WRAP" ] && grep -q "libtool wrapper" "$t" 2>/dev/null; then
  exec "${top_builddir:-.}/libtool" --mode=execute $RS_WRAP "$t" "$@"
fi
exec "$t" "$@"
