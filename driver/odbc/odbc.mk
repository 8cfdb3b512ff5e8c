# SPDX-License-Identifier: Apache-2.0
# driver/odbc: the ODBC layer (handles, connection, statement, descriptors, diagnostics, info).
# Internals (UTF-8 only): handles, diagnostics, connection, statement, descriptors.
driver_librsdrv_la_SOURCES += driver/odbc/handles.c driver/odbc/handles.h driver/odbc/diag.c driver/odbc/diag.h \
	driver/odbc/env.c driver/odbc/conn.c driver/odbc/conn.h driver/odbc/conn_attr.c driver/odbc/connstr.c \
	driver/odbc/connstr.h driver/odbc/stmt.c driver/odbc/stmt.h driver/odbc/stmt_attr.c driver/odbc/stmt_exec.c driver/odbc/stmt_dml.c \
	driver/odbc/stmt_meta.c driver/odbc/stmt_schema.c driver/odbc/stmt_params.c driver/odbc/stmt_fetch.c driver/odbc/stmt_scroll.c driver/odbc/stmt_setpos.c driver/odbc/desc.c driver/odbc/desc.h \
	driver/odbc/getfunctions.c driver/odbc/info.c driver/odbc/info_table.c driver/odbc/info_int.h \
	driver/odbc/keywords.c driver/odbc/keywords.h

# Entry points (ANSI and W): check, lock, convert, call one internal function.
driver_librocksetodbc_la_SOURCES += driver/odbc/api.h driver/odbc/api_util.c driver/odbc/api_env.c \
	driver/odbc/api_conn.c driver/odbc/api_stmt.c driver/odbc/api_fetch.c driver/odbc/api_desc.c \
	driver/odbc/api_diag.c driver/odbc/api_catalog.c

# Unit tests of the internals (no server).
check_PROGRAMS += tests/driver/odbc/test_odbc_internal
TESTS += tests/driver/odbc/test_odbc_internal
tests_driver_odbc_test_odbc_internal_SOURCES = tests/driver/odbc/test_odbc_internal.c
tests_driver_odbc_test_odbc_internal_CFLAGS = $(TEST_CFLAGS)
tests_driver_odbc_test_odbc_internal_LDADD = $(TEST_LIBS)
check_PROGRAMS += tests/driver/odbc/test_fetch_plan
TESTS += tests/driver/odbc/test_fetch_plan
tests_driver_odbc_test_fetch_plan_SOURCES = tests/driver/odbc/test_fetch_plan.c
tests_driver_odbc_test_fetch_plan_CFLAGS = $(TEST_CFLAGS)
tests_driver_odbc_test_fetch_plan_LDADD = $(TEST_LIBS)
