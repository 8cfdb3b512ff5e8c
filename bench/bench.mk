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
#   bench/replay       perf.sh's replay server: captured rockset-local answers served back
#   bench/curl_floor   perf.sh's floor: the same HTTP requests with libcurl, parsed by yajl
#                      (libyajl-dev, installed by perf.sh; not a dependency of the build)
EXTRA_PROGRAMS = bench/fetch_bench bench/odbc_scroll bench/fetch_convert bench/decode_bench \
	bench/replay bench/curl_floor
EXTRA_DIST += bench/README.md bench/run.sh bench/lib.sh bench/scroll_memory.sh \
	bench/engine_scan.sh bench/engine_data.py bench/server_point.sh bench/server_paged.sh \
	bench/capture_answer.sh bench/engine_callgrind.sh bench/perf.sh bench/perf_report.py \
	docs/performance.md
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
bench_replay_SOURCES = bench/replay.c
bench_replay_CFLAGS = $(AM_CFLAGS) $(MHD_CFLAGS) $(CURL_CFLAGS)
bench_replay_LDADD = $(MHD_LIBS) $(CURL_LIBS) -lpthread
CLEANFILES += bench/replay
bench_curl_floor_SOURCES = bench/curl_floor.c
bench_curl_floor_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS)
bench_curl_floor_LDADD = $(CURL_LIBS) -lyajl
CLEANFILES += bench/curl_floor
bench: bench/odbc_fetch bench/fetch_bench bench/odbc_scroll bench/fetch_convert bench/decode_bench \
	bench/replay bench/curl_floor
.PHONY: bench
