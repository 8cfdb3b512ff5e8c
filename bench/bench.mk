# Benchmarks (not run by make check): fetch throughput, latency, memory.
# Built on demand only: make bench/fetch_bench (see bench/README.md).
EXTRA_PROGRAMS = bench/fetch_bench
EXTRA_DIST += bench/README.md
bench_fetch_bench_SOURCES = bench/fetch_bench.c
bench_fetch_bench_CFLAGS = $(DRV_CFLAGS)
bench_fetch_bench_LDADD = driver/librsdrv.la $(DRV_LIBS)
CLEANFILES += bench/fetch_bench
