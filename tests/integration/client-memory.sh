#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The driver's client memory is bounded by PageSize, not by the size of the result: rows read
# through the driver manager at three page sizes, and the full result against a tenth of it
# (bench/stream_client.sh asserts the ratio; it measures memory, not time). 200,000 rows by
# default, 1,000,000 with RS_LONG_TESTS=1 (CI).
rows=200000
[ "${RS_LONG_TESTS:-0}" = 1 ] && rows=1000000
RS_BUILD_DIR=${top_builddir:-.} RS_NO_MAKE=1 exec sh "${top_srcdir:-.}/bench/stream_client.sh" "$rows"
