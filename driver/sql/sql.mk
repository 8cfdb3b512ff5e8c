# driver: rewrite area (files added by that area)
# SQL text translation (markers, ODBC escapes, CALL) and the connection keyword table.
driver_librsdrv_la_SOURCES += driver/keywords.c driver/keywords.h \
	driver/sqlrewrite.c driver/sqlrewrite.h driver/sqlrw.h driver/sqlcall.c \
	driver/sqllex.c driver/sqllex.h driver/sqlbuf.c driver/sqlbuf.h \
	driver/sqlescape.c driver/sqlescape.h

check_PROGRAMS += tests/unit/test_keywords tests/unit/test_sqlrewrite
TESTS += tests/unit/test_keywords tests/unit/test_sqlrewrite
tests_unit_test_keywords_SOURCES = tests/unit/test_keywords.c
tests_unit_test_keywords_CPPFLAGS = $(AM_CPPFLAGS) -DRS_TOP_SRCDIR='"$(abs_top_srcdir)"'
tests_unit_test_keywords_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_keywords_LDADD = $(TEST_LIBS)
tests_unit_test_sqlrewrite_SOURCES = tests/unit/test_sqlrewrite.c
tests_unit_test_sqlrewrite_CPPFLAGS = $(AM_CPPFLAGS) -DRS_TOP_SRCDIR='"$(abs_top_srcdir)"'
tests_unit_test_sqlrewrite_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_sqlrewrite_LDADD = $(TEST_LIBS)

dist_doc_DATA += docs/keywords.md docs/escapes.md
