# Catalog/metadata acceptance tests (issue 5): through the unixODBC driver manager against
# rockset-local, run by tests/catalog/run-catalog-tests.sh inside tests/with-server.sh +
# tests/odbc-env.sh: pyodbc (catalog functions, lambda calls), C (SQLGetInfo for
# every info type; named lambda parameters, SQL_ATTR_METADATA_ID, ODBC 2 type codes) and
# isql's help. Include from tests/tests.mk.
CATT_CFLAGS = $(AM_CFLAGS) $(ODBC_CFLAGS) $(CUNIT_CFLAGS)
CATT_LIBS = $(ODBC_LIBS) $(CUNIT_LIBS)

check_PROGRAMS += tests/catalog/test_getinfo tests/catalog/test_catalog_dm
tests_catalog_test_getinfo_SOURCES = tests/catalog/test_getinfo.c
tests_catalog_test_getinfo_CFLAGS = $(CATT_CFLAGS)
tests_catalog_test_getinfo_LDADD = $(CATT_LIBS)
tests_catalog_test_catalog_dm_SOURCES = tests/catalog/test_catalog_dm.c
tests_catalog_test_catalog_dm_CFLAGS = $(CATT_CFLAGS)
tests_catalog_test_catalog_dm_LDADD = $(CATT_LIBS)

TESTS += tests/catalog/run-catalog-tests.sh
EXTRA_DIST += tests/catalog/run-catalog-tests.sh tests/odbc-env.sh \
	tests/catalog/test_catalog_pyodbc.py tests/catalog/test-isql-help.sh
