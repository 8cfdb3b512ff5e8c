# driver: odbc area (files added by that area)
# Internals (UTF-8 only): handles, diagnostics, connection, statement, descriptors.
driver_librsdrv_la_SOURCES += driver/handles.c driver/handles.h driver/diag.c driver/diag.h \
	driver/env.c driver/conn.c driver/conn.h driver/conn_attr.c driver/connstr.c \
	driver/connstr.h driver/stmt.c driver/stmt.h driver/stmt_attr.c driver/stmt_exec.c \
	driver/stmt_meta.c driver/stmt_params.c driver/stmt_fetch.c driver/desc.c driver/desc.h \
	driver/getfunctions.c

# Entry points (ANSI and W): check, lock, convert, call one internal function.
driver_librocksetodbc_la_SOURCES += driver/api.h driver/api_util.c driver/api_env.c \
	driver/api_conn.c driver/api_stmt.c driver/api_fetch.c driver/api_desc.c \
	driver/api_diag.c driver/api_catalog.c

# Unit tests of the internals (no server).
check_PROGRAMS += tests/unit/test_odbc_internal
TESTS += tests/unit/test_odbc_internal
tests_unit_test_odbc_internal_SOURCES = tests/unit/test_odbc_internal.c
tests_unit_test_odbc_internal_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_odbc_internal_LDADD = $(TEST_LIBS)
