# SPDX-License-Identifier: Apache-2.0
# Catalog/metadata acceptance tests (issue 5): through the unixODBC driver manager against
# rockset-local, run by tests/integration/catalog/run-catalog-tests.sh inside tests/with-server.sh +
# tests/odbc-env.sh: pyodbc (catalog functions, lambda calls), C (SQLGetInfo for
# every info type; named lambda parameters, SQL_ATTR_METADATA_ID, ODBC 2 type codes) and
# isql's help. Include from tests/tests.mk.
CATT_CFLAGS = $(AM_CFLAGS) $(ODBC_CFLAGS) $(CUNIT_CFLAGS)
CATT_LIBS = $(ODBC_LIBS) $(CUNIT_LIBS)

check_PROGRAMS += tests/integration/catalog/test_getinfo tests/integration/catalog/test_catalog_dm
tests_integration_catalog_test_getinfo_SOURCES = tests/integration/catalog/test_getinfo.c
tests_integration_catalog_test_getinfo_CFLAGS = $(CATT_CFLAGS)
tests_integration_catalog_test_getinfo_LDADD = $(CATT_LIBS)
tests_integration_catalog_test_catalog_dm_SOURCES = tests/integration/catalog/test_catalog_dm.c
tests_integration_catalog_test_catalog_dm_CFLAGS = $(CATT_CFLAGS)
tests_integration_catalog_test_catalog_dm_LDADD = $(CATT_LIBS)

TESTS += tests/integration/catalog/run-catalog-tests.sh
EXTRA_DIST += tests/integration/catalog/run-catalog-tests.sh tests/odbc-env.sh \
	tests/integration/catalog/test_catalog_pyodbc.py tests/integration/catalog/test-isql-help.sh
