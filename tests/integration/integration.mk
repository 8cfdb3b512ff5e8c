# SPDX-License-Identifier: Apache-2.0
# integration tests: C programs through the unixODBC driver manager (-lodbc, never the driver
# itself) against rockset-local, run by tests/integration/odbc-tests.sh inside
# tests/with-server.sh + tests/odbc-env.sh; plus pyodbc and an exported-symbols check.
IT_CFLAGS = $(AM_CFLAGS) $(ODBC_CFLAGS) $(CUNIT_CFLAGS)
IT_LIBS = $(ODBC_LIBS) $(CUNIT_LIBS) -lpthread
IT_COMMON = tests/integration/itest.c tests/integration/itest.h

check_PROGRAMS += tests/integration/test_odbc_connect
tests_integration_test_odbc_connect_SOURCES = tests/integration/test_odbc_connect.c $(IT_COMMON)
tests_integration_test_odbc_connect_CFLAGS = $(IT_CFLAGS)
tests_integration_test_odbc_connect_LDADD = $(IT_LIBS)

EXTRA_DIST += tests/odbc-env.sh tests/integration/odbc-tests.sh

check_PROGRAMS += tests/integration/test_odbc_exec
tests_integration_test_odbc_exec_SOURCES = tests/integration/test_odbc_exec.c $(IT_COMMON)
tests_integration_test_odbc_exec_CFLAGS = $(IT_CFLAGS)
tests_integration_test_odbc_exec_LDADD = $(IT_LIBS) -lm

check_PROGRAMS += tests/integration/test_odbc_fetch
tests_integration_test_odbc_fetch_SOURCES = tests/integration/test_odbc_fetch.c $(IT_COMMON)
tests_integration_test_odbc_fetch_CFLAGS = $(IT_CFLAGS)
tests_integration_test_odbc_fetch_LDADD = $(IT_LIBS)

check_PROGRAMS += tests/integration/test_odbc_scroll
tests_integration_test_odbc_scroll_SOURCES = tests/integration/test_odbc_scroll.c $(IT_COMMON)
tests_integration_test_odbc_scroll_CFLAGS = $(IT_CFLAGS)
tests_integration_test_odbc_scroll_LDADD = $(IT_LIBS)

check_PROGRAMS += tests/integration/test_odbc_params
tests_integration_test_odbc_params_SOURCES = tests/integration/test_odbc_params.c $(IT_COMMON)
tests_integration_test_odbc_params_CFLAGS = $(IT_CFLAGS)
tests_integration_test_odbc_params_LDADD = $(IT_LIBS)

check_PROGRAMS += tests/integration/test_odbc_cancel
tests_integration_test_odbc_cancel_SOURCES = tests/integration/test_odbc_cancel.c $(IT_COMMON)
tests_integration_test_odbc_cancel_CFLAGS = $(IT_CFLAGS)
tests_integration_test_odbc_cancel_LDADD = $(IT_LIBS)

check_PROGRAMS += tests/integration/test_odbc_desc
tests_integration_test_odbc_desc_SOURCES = tests/integration/test_odbc_desc.c $(IT_COMMON)
tests_integration_test_odbc_desc_CFLAGS = $(IT_CFLAGS)
tests_integration_test_odbc_desc_LDADD = $(IT_LIBS)

check_PROGRAMS += tests/integration/test_odbc_wide
tests_integration_test_odbc_wide_SOURCES = tests/integration/test_odbc_wide.c $(IT_COMMON)
tests_integration_test_odbc_wide_CFLAGS = $(IT_CFLAGS)
tests_integration_test_odbc_wide_LDADD = $(IT_LIBS)

check_PROGRAMS += tests/integration/test_odbc_dml
tests_integration_test_odbc_dml_SOURCES = tests/integration/test_odbc_dml.c $(IT_COMMON)
tests_integration_test_odbc_dml_CFLAGS = $(IT_CFLAGS)
tests_integration_test_odbc_dml_LDADD = $(IT_LIBS)

check_PROGRAMS += tests/integration/test_odbc_setpos
tests_integration_test_odbc_setpos_SOURCES = tests/integration/test_odbc_setpos.c $(IT_COMMON)
tests_integration_test_odbc_setpos_CFLAGS = $(IT_CFLAGS)
tests_integration_test_odbc_setpos_LDADD = $(IT_LIBS)

check_PROGRAMS += tests/integration/test_odbc_fake
tests_integration_test_odbc_fake_SOURCES = tests/integration/test_odbc_fake.c $(IT_COMMON) \
	tests/driver/client/fake_server.c tests/driver/client/fake_server.h
tests_integration_test_odbc_fake_CFLAGS = $(IT_CFLAGS)
tests_integration_test_odbc_fake_LDADD = $(IT_LIBS) -lz

check_PROGRAMS += tests/integration/test_odbc_faults
tests_integration_test_odbc_faults_SOURCES = tests/integration/test_odbc_faults.c $(IT_COMMON) \
	tests/driver/client/fake_server.c tests/driver/client/fake_server.h
tests_integration_test_odbc_faults_CFLAGS = $(IT_CFLAGS)
tests_integration_test_odbc_faults_LDADD = $(IT_LIBS) -lz

# The driver's 429 retry against rockset-local's --rate-limit (odbc-tests.sh starts its server).
check_PROGRAMS += tests/integration/test_odbc_ratelimit
tests_integration_test_odbc_ratelimit_SOURCES = tests/integration/test_odbc_ratelimit.c $(IT_COMMON)
tests_integration_test_odbc_ratelimit_CFLAGS = $(IT_CFLAGS) $(SQLITE_CFLAGS)
tests_integration_test_odbc_ratelimit_LDADD = $(IT_LIBS) $(SQLITE_LIBS)

TESTS += tests/integration/check-symbols.sh tests/integration/odbc-tests.sh
EXTRA_DIST += tests/integration/check-symbols.sh tests/integration/test_pyodbc.py \
	tests/integration/test_pyodbc_write.py bench/insert_rest.py \
	tests/integration/test_truth.py

# Client memory bounded by the page size (bench/stream_client.sh through the driver manager).
check_PROGRAMS += bench/odbc_fetch
TESTS += tests/integration/client-memory.sh
EXTRA_DIST += tests/integration/client-memory.sh bench/stream_client.sh
