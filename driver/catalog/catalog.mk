# SPDX-License-Identifier: Apache-2.0
# driver/catalog: catalog functions and their tests.
# Catalog functions (workspaces = schemas, collections = tables, Query Lambdas = procedures),
# catalog search patterns.
driver_librsdrv_la_SOURCES += driver/catalog/catalog.c driver/catalog/catalog_columns.c driver/catalog/catalog_procs.c \
	driver/catalog/catalog_misc.c driver/catalog/catalog_int.h driver/catalog/pattern.c driver/catalog/pattern.h

check_PROGRAMS += tests/driver/catalog/test_pattern tests/driver/odbc/test_info tests/driver/catalog/test_catalog
TESTS += tests/driver/catalog/test_pattern tests/driver/odbc/test_info tests/driver/catalog/test_catalog
tests_driver_catalog_test_pattern_SOURCES = tests/driver/catalog/test_pattern.c
tests_driver_catalog_test_pattern_CFLAGS = $(TEST_CFLAGS)
tests_driver_catalog_test_pattern_LDADD = $(TEST_LIBS)
tests_driver_odbc_test_info_SOURCES = tests/driver/odbc/test_info.c
tests_driver_odbc_test_info_CPPFLAGS = $(AM_CPPFLAGS) -DRS_TOP_SRCDIR='"$(abs_top_srcdir)"'
tests_driver_odbc_test_info_CFLAGS = $(TEST_CFLAGS)
tests_driver_odbc_test_info_LDADD = $(TEST_LIBS)
tests_driver_catalog_test_catalog_SOURCES = tests/driver/catalog/test_catalog.c tests/driver/catalog/test_catalog_util.h
tests_driver_catalog_test_catalog_CFLAGS = $(TEST_CFLAGS)
tests_driver_catalog_test_catalog_LDADD = $(TEST_LIBS)

dist_doc_DATA += docs/catalog.md docs/getinfo.md

# Against rockset-local, through tests/with-server.sh.
check_PROGRAMS += tests/driver/catalog/test_catalog_server
TESTS += tests/driver/catalog/test_catalog_server.sh
EXTRA_DIST += tests/driver/catalog/test_catalog_server.sh
tests_driver_catalog_test_catalog_server_SOURCES = tests/driver/catalog/test_catalog_server.c \
	tests/driver/catalog/test_catalog_util.h
tests_driver_catalog_test_catalog_server_CFLAGS = $(TEST_CFLAGS)
tests_driver_catalog_test_catalog_server_LDADD = $(TEST_LIBS)

# Over HTTP against the client area's scripted server.
check_PROGRAMS += tests/driver/catalog/test_catalog_fake
TESTS += tests/driver/catalog/test_catalog_fake
tests_driver_catalog_test_catalog_fake_SOURCES = tests/driver/catalog/test_catalog_fake.c tests/driver/client/fake_server.c \
	tests/driver/client/fake_server.h tests/driver/catalog/test_catalog_util.h
tests_driver_catalog_test_catalog_fake_CFLAGS = $(TEST_CFLAGS)
tests_driver_catalog_test_catalog_fake_LDADD = $(TEST_LIBS) -lz
