# SPDX-License-Identifier: Apache-2.0
# Tests. Each area's fragment (driver/*.mk, server/*.mk) adds its own unit tests to
# check_PROGRAMS and TESTS. Every test runs through tests/run-test.sh, which runs compiled
# tests under valgrind when RS_VALGRIND=1 and fails on any report.
LOG_COMPILER = $(top_srcdir)/tests/run-test.sh
AM_TESTS_ENVIRONMENT = top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	export top_srcdir top_builddir;
EXTRA_DIST += tests/run-test.sh tests/valgrind.supp tests/odbc-env.sh
# tests/cunit_main.h: the one main() body of the CUnit programs (cu_run); header only, so it is
# carried here rather than in each program's _SOURCES.
EXTRA_DIST += tests/cunit_main.h
TEST_CFLAGS = $(DRV_CFLAGS) $(CUNIT_CFLAGS)
TEST_LIBS = driver/librsdrv.la $(CUNIT_LIBS) $(DRV_LIBS)

include tests/integration/integration.mk
include tests/server/server_tests.mk
include tests/clients/clients.mk
include tests/integration/catalog/catalog.mk

# `make check-valgrind` runs the tests again under valgrind: compiled tests directly, scripts
# run their compiled programs under $RS_WRAP. Client tests (other programs' processes), the
# server restart test and the scripts that only talk HTTP to a server (nothing of theirs runs
# under valgrind; the sanitizer pass runs the HTTP fuzz against an ASan server) are left out.
# So are the ODBC integration programs (odbc-tests.sh, 3 minutes under valgrind): the
# sanitizer pass runs them under ASan+UBSan (tests/fuzz/san-integration.sh), which keeps CI
# under its 25 minutes; `make check-valgrind TESTS=tests/integration/odbc-tests.sh` runs them
# under valgrind by hand.
VALGRIND_TESTS = $(filter-out tests/clients/% tests/server/handlers/node-tests.sh tests/server/store/restart.sh \
	tests/server/query/stream_memory.sh tests/integration/client-memory.sh \
	tests/integration/check-symbols.sh tests/fuzz/http_fuzz.sh tests/server/query/cancel_on_close.sh \
	tests/contract/contract.sh tests/server/http/limits.sh tests/server/query/request_numbers.sh \
	tests/integration/odbc-tests.sh tests/server/sql/docs-examples.sh \
	tests/server/query/scroll_pages.sh tests/server/query/insert_select.sh \
	tests/server/query/result_files.sh tests/server/query/pooled_queries.sh,$(TESTS))
check-valgrind:
	$(MAKE) $(AM_MAKEFLAGS) check RS_VALGRIND=1 TESTS='$(VALGRIND_TESTS)' \
		TEST_SUITE_LOG=test-suite-valgrind.log
.PHONY: check-valgrind
