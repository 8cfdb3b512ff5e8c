# SPDX-License-Identifier: Apache-2.0
# The setup library odbcinst and GUI tools load: ODBCINSTGetProperties, ConfigDSN, ConfigDriver.
# It compiles the keyword table in rather than linking driver/librsdrv.la, so it needs only
# libodbcinst. -z nodelete: odbcinst unloads it while the property lists it built still point
# at its constant strings (see setup/setup_props.c).
lib_LTLIBRARIES += setup/librocksetodbcS.la
setup_librocksetodbcS_la_SOURCES = setup/setup.c setup/setup_props.c setup/setup_w.c \
	setup/setup_int.h driver/odbc/keywords.c driver/odbc/keywords.h
setup_librocksetodbcS_la_CFLAGS = $(AM_CFLAGS) $(ODBCINST_CFLAGS)
setup_librocksetodbcS_la_LIBADD = $(ODBCINST_LIBS)
setup_librocksetodbcS_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -no-undefined \
	-Wl,-z,nodelete \
	-export-symbols-regex '^(ODBCINSTGetProperties|ConfigDSNW?|ConfigDriverW?)$$'

# Adds, changes and removes DSNs through unixODBC (SQLConfigDataSource, SQLConfigDriver,
# ODBCINSTConstructProperties) with a private odbcinst.ini naming the built library, and
# calls the W entry points directly.
check_PROGRAMS += tests/setup/test_setup
TESTS += tests/setup/test_setup
tests_setup_test_setup_SOURCES = tests/setup/test_setup.c driver/odbc/keywords.c driver/odbc/keywords.h
tests_setup_test_setup_CPPFLAGS = $(AM_CPPFLAGS) \
	-DRS_SETUP_LIB='"$(abs_top_builddir)/setup/.libs/librocksetodbcS.so"'
tests_setup_test_setup_CFLAGS = $(AM_CFLAGS) $(ODBCINST_CFLAGS) $(CUNIT_CFLAGS)
tests_setup_test_setup_LDADD = $(ODBCINST_LIBS) $(CUNIT_LIBS) -ldl
EXTRA_tests_setup_test_setup_DEPENDENCIES = setup/librocksetodbcS.la
