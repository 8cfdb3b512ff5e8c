# SPDX-License-Identifier: Apache-2.0
# driver/client: the Rockset API client (libcurl, JSON tokenizer, page decoding, row sources).
driver_librsdrv_la_SOURCES += driver/client/memsource.c driver/client/log.c \
	driver/client/jsonstream.c driver/client/jsonstream.h \
	driver/client/result_decode.c driver/client/result_nest.c driver/client/result_page.c driver/client/result_decode.h driver/client/result_decode_int.h \
	driver/client/http.c driver/client/http.h driver/client/rs_client.c driver/client/rs_docs.c driver/client/rs_client_int.h driver/client/query_source.c \
	driver/client/query_source_int.h driver/client/query_scroll.c \
	driver/client/prefetch.c driver/client/prefetch.h driver/client/result_batch.c driver/client/result_batch.h

check_PROGRAMS += tests/driver/client/test_jsonstream
TESTS += tests/driver/client/test_jsonstream
tests_driver_client_test_jsonstream_SOURCES = tests/driver/client/test_jsonstream.c
tests_driver_client_test_jsonstream_CFLAGS = $(TEST_CFLAGS)
tests_driver_client_test_jsonstream_LDADD = $(TEST_LIBS)

check_PROGRAMS += tests/driver/client/test_result_decode
TESTS += tests/driver/client/test_result_decode
tests_driver_client_test_result_decode_SOURCES = tests/driver/client/test_result_decode.c
tests_driver_client_test_result_decode_CFLAGS = $(TEST_CFLAGS)
tests_driver_client_test_result_decode_LDADD = $(TEST_LIBS)

check_PROGRAMS += tests/driver/client/test_result_columns
TESTS += tests/driver/client/test_result_columns
tests_driver_client_test_result_columns_SOURCES = tests/driver/client/test_result_columns.c
tests_driver_client_test_result_columns_CFLAGS = $(TEST_CFLAGS)
tests_driver_client_test_result_columns_LDADD = $(TEST_LIBS)

check_PROGRAMS += tests/driver/client/test_client
TESTS += tests/driver/client/test_client
tests_driver_client_test_client_SOURCES = tests/driver/client/test_client.c tests/driver/client/fake_server.c \
	tests/driver/client/fake_server.h
tests_driver_client_test_client_CFLAGS = $(TEST_CFLAGS)
tests_driver_client_test_client_LDADD = $(TEST_LIBS) -lz

# End to end against rockset-local (needs server/rockset-local built).
check_PROGRAMS += tests/driver/client/test_client_e2e
TESTS += tests/driver/client/client-e2e.sh
EXTRA_DIST += tests/driver/client/client-e2e.sh
tests_driver_client_test_client_e2e_SOURCES = tests/driver/client/test_client_e2e.c
tests_driver_client_test_client_e2e_CFLAGS = $(TEST_CFLAGS)
tests_driver_client_test_client_e2e_LDADD = $(TEST_LIBS)

check_PROGRAMS += tests/driver/client/test_prefetch
TESTS += tests/driver/client/test_prefetch
tests_driver_client_test_prefetch_SOURCES = tests/driver/client/test_prefetch.c tests/driver/client/fake_server.c \
	tests/driver/client/fake_server.h
tests_driver_client_test_prefetch_CFLAGS = $(TEST_CFLAGS)
tests_driver_client_test_prefetch_LDADD = $(TEST_LIBS) -lz
