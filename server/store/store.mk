# SPDX-License-Identifier: Apache-2.0
# server/store: the SQLite schema, ingest (field mappings, event time, retention), Query
# Lambda versions and JSON Patch.
server_librssrv_la_SOURCES += server/store/store.c server/store/store.h \
	server/store/ingest.h server/store/ingest_int.h server/store/ingest.c server/store/ingest_fn.c \
	server/store/ingest_time.c server/store/ingest_map.c server/store/ingest_canon.c \
	server/store/docpatch.c server/store/docpatch.h \
	server/store/lambda_store.c server/store/lambda_store.h \
	server/store/events.c server/store/events.h \
	server/store/offsets.c server/store/offsets.h

check_PROGRAMS += tests/server/store/test_sql_store
TESTS += tests/server/store/test_sql_store
tests_server_store_test_sql_store_CFLAGS = $(SQLTEST_CFLAGS)
tests_server_store_test_sql_store_LDADD = server/librssrv.la $(CUNIT_LIBS) $(SRV_LIBS)
tests_server_store_test_sql_store_SOURCES = tests/server/store/test_sql_store.c

# write generations of the document tables (what DESCRIBE answers are kept by)
server_librssrv_la_SOURCES += server/store/store_gen.c server/store/store_gen.h
# statements kept prepared on the long-lived connections
server_librssrv_la_SOURCES += server/store/store_stmt.c
