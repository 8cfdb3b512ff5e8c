#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The bounded HTTP fuzz run (tests/fuzz/http_fuzz.py) against a fresh rockset-local: 2,000
# requests by default, about 12 s. Longer: RS_HTTP_FUZZ_COUNT=200000 RS_HTTP_FUZZ_SEED=7.
# In `make check-sanitizers` the server is the ASan/UBSan build, so a read past a buffer or an
# overflow anywhere in request handling is a finding too.
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
command -v /usr/bin/python3 >/dev/null || { echo "python3 is missing"; exit 77; }
exec sh "$top_srcdir/tests/with-server.sh" /usr/bin/python3 "$top_srcdir/tests/fuzz/http_fuzz.py"
