# driver: client area (files added by that area)
driver_librsdrv_la_SOURCES += driver/memsource.c driver/log.c \
	driver/jsonstream.c driver/jsonstream.h \
	driver/result_decode.c driver/result_page.c driver/result_decode.h driver/result_decode_int.h \
	driver/http.c driver/http.h driver/rs_client.c driver/rs_client_int.h driver/query_source.c

check_PROGRAMS += tests/unit/test_jsonstream
TESTS += tests/unit/test_jsonstream
tests_unit_test_jsonstream_SOURCES = tests/unit/test_jsonstream.c
tests_unit_test_jsonstream_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_jsonstream_LDADD = $(TEST_LIBS)

check_PROGRAMS += tests/unit/test_result_decode
TESTS += tests/unit/test_result_decode
tests_unit_test_result_decode_SOURCES = tests/unit/test_result_decode.c
tests_unit_test_result_decode_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_result_decode_LDADD = $(TEST_LIBS)

check_PROGRAMS += tests/unit/test_client
TESTS += tests/unit/test_client
tests_unit_test_client_SOURCES = tests/unit/test_client.c tests/unit/fake_server.c \
	tests/unit/fake_server.h
tests_unit_test_client_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_client_LDADD = $(TEST_LIBS) -lz

# End to end against rockset-local (needs server/rockset-local built).
check_PROGRAMS += tests/unit/test_client_e2e
TESTS += tests/unit/client-e2e.sh
EXTRA_DIST += tests/unit/client-e2e.sh
tests_unit_test_client_e2e_SOURCES = tests/unit/test_client_e2e.c
tests_unit_test_client_e2e_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_client_e2e_LDADD = $(TEST_LIBS)
