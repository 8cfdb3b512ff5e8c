# SPDX-License-Identifier: Apache-2.0
# Benchmarks (built on demand, not run by make check): see bench/README.md.
#   bench/odbc_fetch   any ODBC driver through the driver manager (rockset-odbc vs a peer);
#                      also a check program (tests/integration/client-memory.sh)
#   bench/fetch_bench  the API client alone (rs_client_query), below the ODBC layer
#   bench/fetch_convert the statement's fetch path alone (conversions into bound buffers)
#   bench/decode_bench the query-answer decoder alone, fed a captured answer from memory
#   bench/engine_scan.sh  rockset-local's SQL engine, one binary against another
#   bench/engine_callgrind.sh  the same, in instructions per row (callgrind)
#   bench/server_point.sh rockset-local's CPU per point query (SELECT 1), one binary against another
#   bench/server_paged.sh rockset-local's CPU serving a paginated result, one binary against another
EXTRA_PROGRAMS = bench/fetch_bench bench/odbc_scroll bench/fetch_convert bench/decode_bench
EXTRA_DIST += bench/README.md bench/run.sh bench/lib.sh bench/scroll_memory.sh \
	bench/engine_scan.sh bench/engine_data.py bench/server_point.sh bench/server_paged.sh \
	bench/capture_answer.sh bench/engine_callgrind.sh
bench_odbc_fetch_SOURCES = bench/odbc_fetch.c
bench_odbc_fetch_CFLAGS = $(AM_CFLAGS) $(ODBC_CFLAGS)
bench_odbc_fetch_LDADD = $(ODBC_LIBS)
# background page reading, old build against new (python3, sh)
EXTRA_DIST += bench/prefetch_ab.sh bench/prefetch_replay.py
bench_odbc_scroll_SOURCES = bench/odbc_scroll.c
bench_odbc_scroll_CFLAGS = $(AM_CFLAGS) $(ODBC_CFLAGS)
bench_odbc_scroll_LDADD = $(ODBC_LIBS)
CLEANFILES += bench/odbc_scroll
bench_fetch_bench_SOURCES = bench/fetch_bench.c
bench_fetch_bench_CFLAGS = $(DRV_CFLAGS)
bench_fetch_bench_LDADD = driver/librsdrv.la $(DRV_LIBS)
CLEANFILES += bench/fetch_bench
bench_fetch_convert_SOURCES = bench/fetch_convert.c
bench_fetch_convert_CFLAGS = $(DRV_CFLAGS)
bench_fetch_convert_LDADD = driver/librsdrv.la $(DRV_LIBS)
CLEANFILES += bench/fetch_convert
bench_decode_bench_SOURCES = bench/decode_bench.c
bench_decode_bench_CFLAGS = $(DRV_CFLAGS)
bench_decode_bench_LDADD = driver/librsdrv.la $(DRV_LIBS)
CLEANFILES += bench/decode_bench
bench: bench/odbc_fetch bench/fetch_bench bench/odbc_scroll bench/fetch_convert bench/decode_bench
.PHONY: bench
