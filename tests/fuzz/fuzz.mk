# SPDX-License-Identifier: Apache-2.0
# tests/fuzz: libFuzzer targets of the code that reads untrusted text (issue #11), built with
# ./configure --enable-fuzzers and CC=clang (which also turns on ASan and UBSan everywhere),
# and run for a short while by `make check` through tests/fuzz/run.sh (a SKIP otherwise).
# `make check-sanitizers` is CI's pass of the compiled tests in a --enable-sanitizers build.
FUZZ_TARGETS = tests/fuzz/fuzz_server_sql tests/fuzz/fuzz_result_decode tests/fuzz/fuzz_connstr \
	tests/fuzz/fuzz_sqlrewrite
TESTS += tests/fuzz/run.sh tests/fuzz/http_fuzz.sh
EXTRA_DIST += tests/fuzz/run.sh tests/fuzz/http_fuzz.sh tests/fuzz/http_fuzz.py tests/fuzz/corpus tests/fuzz/server_sql.dict \
	tests/fuzz/result_decode.dict tests/fuzz/connstr.dict tests/fuzz/sqlrewrite.dict

if FUZZERS
check_PROGRAMS += $(FUZZ_TARGETS)
FUZZ_LINK = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_server_sql_SOURCES = tests/fuzz/fuzz_server_sql.c tests/server/sql/test_sql_common.c \
	tests/server/sql/test_sql_common.h
tests_fuzz_fuzz_server_sql_CFLAGS = $(SQLTEST_CFLAGS)
tests_fuzz_fuzz_server_sql_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_server_sql_LDADD = $(SQLTEST_LIBS)
tests_fuzz_fuzz_result_decode_SOURCES = tests/fuzz/fuzz_result_decode.c
tests_fuzz_fuzz_result_decode_CFLAGS = $(DRV_CFLAGS)
tests_fuzz_fuzz_result_decode_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_result_decode_LDADD = driver/librsdrv.la $(DRV_LIBS)
tests_fuzz_fuzz_connstr_SOURCES = tests/fuzz/fuzz_connstr.c
tests_fuzz_fuzz_connstr_CFLAGS = $(DRV_CFLAGS)
tests_fuzz_fuzz_connstr_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_connstr_LDADD = driver/librsdrv.la $(DRV_LIBS)
tests_fuzz_fuzz_sqlrewrite_SOURCES = tests/fuzz/fuzz_sqlrewrite.c
tests_fuzz_fuzz_sqlrewrite_CFLAGS = $(DRV_CFLAGS)
tests_fuzz_fuzz_sqlrewrite_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_sqlrewrite_LDADD = driver/librsdrv.la $(DRV_LIBS)
endif

# Regression tests of the overflows the fuzzers and issue #11 found (they are not fuzzers:
# built and run in every configuration).
check_PROGRAMS += tests/server/sql/test_sql_limits
TESTS += tests/server/sql/test_sql_limits
tests_server_sql_test_sql_limits_CFLAGS = $(SQLTEST_CFLAGS)
tests_server_sql_test_sql_limits_LDADD = $(SQLTEST_LIBS)
tests_server_sql_test_sql_limits_SOURCES = tests/server/sql/test_sql_limits.c \
	tests/server/sql/test_sql_common.c tests/server/sql/test_sql_common.h
TESTS += tests/server/query/request_numbers.sh
EXTRA_DIST += tests/server/query/request_numbers.sh

# `make check-sanitizers` (CI, scripts/test.sh, in a --enable-sanitizers or --enable-fuzzers
# build): the tests check-valgrind runs, minus those that load the driver into programs built
# without the sanitizers (python3, isql), plus the ODBC integration programs on their own.
# Every process writes its ASan/UBSan/LSan reports to san-reports/, including the servers the
# scripts start (whose exit status nobody checks), and any report fails the run.
SAN_TESTS = $(filter-out tests/integration/odbc-tests.sh tests/server/sql/sql_escapes.sh \
	tests/integration/catalog/run-catalog-tests.sh,$(VALGRIND_TESTS)) tests/fuzz/http_fuzz.sh \
	tests/server/query/request_numbers.sh
EXTRA_DIST += tests/fuzz/san-integration.sh tests/fuzz/lsan.supp
if SANITIZERS
# (a test of its own in a sanitizer build, so that automake writes the rule that runs it)
TESTS += tests/fuzz/san-integration.sh
endif
check-sanitizers:
	@if ! grep -q '^S\["SANITIZERS_TRUE"\]=""$$' config.status; then \
		echo "check-sanitizers: configure with --enable-sanitizers (or --enable-fuzzers)"; exit 1; fi
	rm -rf san-reports && $(MKDIR_P) san-reports
	rc=0; ASAN_OPTIONS="log_path=$(abs_top_builddir)/san-reports/asan:detect_leaks=1:abort_on_error=0" \
	UBSAN_OPTIONS="log_path=$(abs_top_builddir)/san-reports/ubsan:print_stacktrace=1:halt_on_error=1" \
	LSAN_OPTIONS="suppressions=$(abs_top_srcdir)/tests/fuzz/lsan.supp" \
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(SAN_TESTS)' TEST_SUITE_LOG=test-suite-sanitizers.log || rc=1; \
	if ls san-reports/* >/dev/null 2>&1; then \
		echo "check-sanitizers: sanitizer reports:"; head -n 60 san-reports/*; rc=1; fi; \
	exit $$rc
.PHONY: check-sanitizers
