# driver: catalog area (files added by that area)
# Catalog functions (workspaces = schemas, collections = tables, Query Lambdas = procedures),
# catalog search patterns, and the SQLGetInfo table.
driver_librsdrv_la_SOURCES += driver/catalog.c driver/catalog_columns.c driver/catalog_procs.c \
	driver/catalog_misc.c driver/catalog_int.h driver/pattern.c driver/pattern.h \
	driver/info.c driver/info_table.c driver/info_int.h

check_PROGRAMS += tests/unit/test_pattern tests/unit/test_info tests/unit/test_catalog
TESTS += tests/unit/test_pattern tests/unit/test_info tests/unit/test_catalog
tests_unit_test_pattern_SOURCES = tests/unit/test_pattern.c
tests_unit_test_pattern_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_pattern_LDADD = $(TEST_LIBS)
tests_unit_test_info_SOURCES = tests/unit/test_info.c
tests_unit_test_info_CPPFLAGS = $(AM_CPPFLAGS) -DRS_TOP_SRCDIR='"$(abs_top_srcdir)"'
tests_unit_test_info_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_info_LDADD = $(TEST_LIBS)
tests_unit_test_catalog_SOURCES = tests/unit/test_catalog.c tests/unit/test_catalog_util.h
tests_unit_test_catalog_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_catalog_LDADD = $(TEST_LIBS)

dist_doc_DATA += docs/catalog.md docs/getinfo.md

# Against rockset-local, through tests/with-server.sh.
check_PROGRAMS += tests/unit/test_catalog_server
TESTS += tests/unit/test_catalog_server.sh
EXTRA_DIST += tests/unit/test_catalog_server.sh
tests_unit_test_catalog_server_SOURCES = tests/unit/test_catalog_server.c \
	tests/unit/test_catalog_util.h
tests_unit_test_catalog_server_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_catalog_server_LDADD = $(TEST_LIBS)

# Over HTTP against the client area's scripted server.
check_PROGRAMS += tests/unit/test_catalog_fake
TESTS += tests/unit/test_catalog_fake
tests_unit_test_catalog_fake_SOURCES = tests/unit/test_catalog_fake.c tests/unit/fake_server.c \
	tests/unit/fake_server.h tests/unit/test_catalog_util.h
tests_unit_test_catalog_fake_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_catalog_fake_LDADD = $(TEST_LIBS) -lz
