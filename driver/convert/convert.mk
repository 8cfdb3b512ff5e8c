# driver: convert area (files added by that area)
# The type registry, appendix D conversions (cells -> C buffers, C parameters -> Rockset
# parameters) and UTF-8 <-> UTF-16.
driver_librsdrv_la_SOURCES += driver/types.c driver/utf.c driver/convert.c \
	driver/convert_num.c driver/convert_char.c driver/convert_time.c driver/convert_param.c \
	driver/convert_internal.h

dist_doc_DATA += docs/types.md

CONVERT_TESTS = tests/unit/test_types tests/unit/test_utf tests/unit/test_convert \
	tests/unit/test_convert_char tests/unit/test_convert_time tests/unit/test_convert_param
check_PROGRAMS += $(CONVERT_TESTS)
TESTS += $(CONVERT_TESTS)
EXTRA_DIST += tests/unit/test_convert_util.h
tests_unit_test_types_SOURCES = tests/unit/test_types.c tests/unit/test_convert_util.h
tests_unit_test_types_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_types_LDADD = $(TEST_LIBS)
tests_unit_test_utf_SOURCES = tests/unit/test_utf.c tests/unit/test_convert_util.h
tests_unit_test_utf_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_utf_LDADD = $(TEST_LIBS)
tests_unit_test_convert_SOURCES = tests/unit/test_convert.c tests/unit/test_convert_util.h
tests_unit_test_convert_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_convert_LDADD = $(TEST_LIBS)
tests_unit_test_convert_char_SOURCES = tests/unit/test_convert_char.c \
	tests/unit/test_convert_util.h
tests_unit_test_convert_char_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_convert_char_LDADD = $(TEST_LIBS)
tests_unit_test_convert_time_SOURCES = tests/unit/test_convert_time.c \
	tests/unit/test_convert_util.h
tests_unit_test_convert_time_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_convert_time_LDADD = $(TEST_LIBS)
tests_unit_test_convert_param_SOURCES = tests/unit/test_convert_param.c \
	tests/unit/test_convert_util.h
tests_unit_test_convert_param_CFLAGS = $(TEST_CFLAGS)
tests_unit_test_convert_param_LDADD = $(TEST_LIBS)
