# integration tests: C programs through the unixODBC driver manager (-lodbc, never the driver
# itself) against rockset-local, run by tests/integration/odbc-tests.sh inside
# tests/with-server.sh + tests/integration/odbc-env.sh; plus pyodbc and an exported-symbols check.
IT_CFLAGS = $(AM_CFLAGS) $(ODBC_CFLAGS) $(CUNIT_CFLAGS)
IT_LIBS = $(ODBC_LIBS) $(CUNIT_LIBS) -lpthread
IT_COMMON = tests/integration/itest.c tests/integration/itest.h

check_PROGRAMS += tests/integration/test_odbc_connect
tests_integration_test_odbc_connect_SOURCES = tests/integration/test_odbc_connect.c $(IT_COMMON)
tests_integration_test_odbc_connect_CFLAGS = $(IT_CFLAGS)
tests_integration_test_odbc_connect_LDADD = $(IT_LIBS)

EXTRA_DIST += tests/integration/odbc-env.sh tests/integration/odbc-tests.sh
