# SPDX-License-Identifier: Apache-2.0
# driver/convert: SQL and C types and the conversions between them.
# The type registry, appendix D conversions (cells -> C buffers, C parameters -> Rockset
# parameters) and UTF-8 <-> UTF-16.
driver_librsdrv_la_SOURCES += driver/convert/types.c driver/convert/utf.c driver/convert/convert.c \
	driver/convert/convert_num.c driver/convert/convert_char.c driver/convert/convert_time.c driver/convert/convert_param.c driver/convert/convert_plan.c \
	driver/convert/convert_internal.h

dist_doc_DATA += docs/types.md

CONVERT_TESTS = tests/driver/convert/test_types tests/driver/convert/test_utf tests/driver/convert/test_convert \
	tests/driver/convert/test_convert_char tests/driver/convert/test_convert_time tests/driver/convert/test_convert_param \
	tests/driver/convert/test_convert_plan
check_PROGRAMS += $(CONVERT_TESTS)
TESTS += $(CONVERT_TESTS)
EXTRA_DIST += tests/driver/convert/test_convert_util.h
tests_driver_convert_test_types_SOURCES = tests/driver/convert/test_types.c tests/driver/convert/test_convert_util.h
tests_driver_convert_test_types_CFLAGS = $(TEST_CFLAGS)
tests_driver_convert_test_types_LDADD = $(TEST_LIBS)
tests_driver_convert_test_utf_SOURCES = tests/driver/convert/test_utf.c tests/driver/convert/test_convert_util.h
tests_driver_convert_test_utf_CFLAGS = $(TEST_CFLAGS)
tests_driver_convert_test_utf_LDADD = $(TEST_LIBS)
tests_driver_convert_test_convert_SOURCES = tests/driver/convert/test_convert.c tests/driver/convert/test_convert_util.h
tests_driver_convert_test_convert_CFLAGS = $(TEST_CFLAGS)
tests_driver_convert_test_convert_LDADD = $(TEST_LIBS)
tests_driver_convert_test_convert_char_SOURCES = tests/driver/convert/test_convert_char.c \
	tests/driver/convert/test_convert_util.h
tests_driver_convert_test_convert_char_CFLAGS = $(TEST_CFLAGS)
tests_driver_convert_test_convert_char_LDADD = $(TEST_LIBS)
tests_driver_convert_test_convert_time_SOURCES = tests/driver/convert/test_convert_time.c \
	tests/driver/convert/test_convert_util.h
tests_driver_convert_test_convert_time_CFLAGS = $(TEST_CFLAGS)
tests_driver_convert_test_convert_time_LDADD = $(TEST_LIBS)
tests_driver_convert_test_convert_param_SOURCES = tests/driver/convert/test_convert_param.c \
	tests/driver/convert/test_convert_util.h
tests_driver_convert_test_convert_param_CFLAGS = $(TEST_CFLAGS)
tests_driver_convert_test_convert_param_LDADD = $(TEST_LIBS)
tests_driver_convert_test_convert_plan_SOURCES = tests/driver/convert/test_convert_plan.c \
	tests/driver/convert/test_convert_util.h
tests_driver_convert_test_convert_plan_CFLAGS = $(TEST_CFLAGS)
tests_driver_convert_test_convert_plan_LDADD = $(TEST_LIBS)
