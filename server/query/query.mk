# server: query area (SQL engine, queries, pages, validations, lambdas)
server_librssrv_la_SOURCES += \
	server/sql_lexer.c server/sql_lexer.h \
	server/sql_translate.c server/sql_translate.h server/sql_tr_internal.h \
	server/sql_tr_expr.c server/sql_tr_select.c server/sql_tr_items.c \
	server/sql_functions.c server/sql_functions.h server/sql_fn_time.c \
	server/query_exec.c server/query_exec.h server/query_encode.c \
	server/query_describe.c server/query_describe.h server/query_jsontext.c \
	server/query_store.c server/query_store.h server/query_run.c server/query_run.h \
	server/query_fill.c server/query_fill.h \
	server/lambda_store.c server/lambda_store.h \
	server/handlers_queries.c server/handlers_lambdas.c

# The SQL engine alone, so its tests do not need the HTTP layer or the store.
noinst_LTLIBRARIES += server/librssql.la
server_librssql_la_CFLAGS = $(SRV_CFLAGS)
server_librssql_la_LIBADD = $(SRV_LIBS)
server_librssql_la_SOURCES = \
	server/sql_lexer.c server/sql_translate.c server/sql_tr_expr.c server/sql_tr_select.c \
	server/sql_tr_items.c server/sql_functions.c server/sql_fn_time.c server/query_exec.c server/query_encode.c \
	server/query_describe.c server/query_jsontext.c

SQLTEST_CFLAGS = $(SRV_CFLAGS) $(CUNIT_CFLAGS)
SQLTEST_LIBS = server/librssql.la $(CUNIT_LIBS) $(SRV_LIBS)

check_PROGRAMS += tests/server/test_sql_translate
TESTS += tests/server/test_sql_translate
tests_server_test_sql_translate_CFLAGS = $(SQLTEST_CFLAGS)
tests_server_test_sql_translate_LDADD = $(SQLTEST_LIBS)
tests_server_test_sql_translate_SOURCES = tests/server/test_sql_translate.c \
	tests/server/test_sql_common.c tests/server/test_sql_common.h

# On demand: a 1M-row streamed answer keeps the server's RSS flat.
EXTRA_DIST += tests/server/stream_memory.sh tests/server/node/queries.test.mjs \
	tests/server/node/lambdas.test.mjs

check_PROGRAMS += tests/server/test_sql_engine
TESTS += tests/server/test_sql_engine
tests_server_test_sql_engine_CFLAGS = $(SQLTEST_CFLAGS)
tests_server_test_sql_engine_LDADD = $(SQLTEST_LIBS)
tests_server_test_sql_engine_SOURCES = tests/server/test_sql_engine.c \
	tests/server/test_sql_common.c tests/server/test_sql_common.h

check_PROGRAMS += tests/server/test_sql_store
TESTS += tests/server/test_sql_store
tests_server_test_sql_store_CFLAGS = $(SQLTEST_CFLAGS)
tests_server_test_sql_store_LDADD = server/librssrv.la $(CUNIT_LIBS) $(SRV_LIBS)
tests_server_test_sql_store_SOURCES = tests/server/test_sql_store.c

check_PROGRAMS += tests/server/test_sql_fn_time
TESTS += tests/server/test_sql_fn_time
tests_server_test_sql_fn_time_CFLAGS = $(SQLTEST_CFLAGS)
tests_server_test_sql_fn_time_LDADD = $(SQLTEST_LIBS)
tests_server_test_sql_fn_time_SOURCES = tests/server/test_sql_fn_time.c \
	tests/server/test_sql_common.c tests/server/test_sql_common.h

# Every ODBC escape of docs/escapes.md through the driver (pyodbc) against rockset-local.
TESTS += tests/server/sql_escapes.sh
EXTRA_DIST += tests/server/sql_escapes.sh tests/server/test_sql_escapes.py \
	tests/server/query_pages_time.py

# The server streams: a 1M-row answer without pagination leaves its peak RSS flat (1-2 s).
TESTS += tests/server/stream_memory.sh
