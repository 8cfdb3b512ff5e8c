# SPDX-License-Identifier: Apache-2.0
# driver/sql: SQL text translation (markers, ODBC escapes, CALL) and its tests.
driver_librsdrv_la_SOURCES += driver/sql/sqlrewrite.c driver/sql/sqlrewrite.h driver/sql/sqlrw.h driver/sql/sqlcall.c driver/sql/sqldml.c \
	driver/sql/sqllex.c driver/sql/sqllex.h driver/sql/sqlbuf.c driver/sql/sqlbuf.h \
	driver/sql/sqlescape.c driver/sql/sqlescape.h driver/sql/sqlparam.c driver/sql/sqlparam.h

check_PROGRAMS += tests/driver/odbc/test_keywords tests/driver/sql/test_sqlrewrite tests/driver/sql/test_sqlparam
TESTS += tests/driver/odbc/test_keywords tests/driver/sql/test_sqlrewrite tests/driver/sql/test_sqlparam
tests_driver_odbc_test_keywords_SOURCES = tests/driver/odbc/test_keywords.c
tests_driver_odbc_test_keywords_CPPFLAGS = $(AM_CPPFLAGS) -DRS_TOP_SRCDIR='"$(abs_top_srcdir)"'
tests_driver_odbc_test_keywords_CFLAGS = $(TEST_CFLAGS)
tests_driver_odbc_test_keywords_LDADD = $(TEST_LIBS)
tests_driver_sql_test_sqlrewrite_SOURCES = tests/driver/sql/test_sqlrewrite.c
tests_driver_sql_test_sqlrewrite_CPPFLAGS = $(AM_CPPFLAGS) -DRS_TOP_SRCDIR='"$(abs_top_srcdir)"'
tests_driver_sql_test_sqlrewrite_CFLAGS = $(TEST_CFLAGS)
tests_driver_sql_test_sqlrewrite_LDADD = $(TEST_LIBS)
tests_driver_sql_test_sqlparam_SOURCES = tests/driver/sql/test_sqlparam.c
tests_driver_sql_test_sqlparam_CFLAGS = $(TEST_CFLAGS)
tests_driver_sql_test_sqlparam_LDADD = $(TEST_LIBS)

dist_doc_DATA += docs/keywords.md docs/escapes.md

# the select list read from the text, for typing result columns (driver/odbc/stmt_schema.c)
driver_librsdrv_la_SOURCES += driver/sql/sqlselect.c driver/sql/sqlselect.h
check_PROGRAMS += tests/driver/sql/test_sqlselect
TESTS += tests/driver/sql/test_sqlselect
tests_driver_sql_test_sqlselect_SOURCES = tests/driver/sql/test_sqlselect.c
tests_driver_sql_test_sqlselect_CFLAGS = $(TEST_CFLAGS)
tests_driver_sql_test_sqlselect_LDADD = $(TEST_LIBS)
