# SPDX-License-Identifier: Apache-2.0
# server tests (core area): unit tests of the internals, HTTP tests of every control-plane
# endpoint (through tests/with-server.sh), restart durability, and the official npm client.
SRVT_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS) $(CJSON_CFLAGS) $(CUNIT_CFLAGS) $(SQLITE_CFLAGS)
SRVT_LIBS = $(CURL_LIBS) $(CJSON_LIBS) $(CUNIT_LIBS) $(SQLITE_LIBS) -lpthread -lm

check_PROGRAMS += tests/server/http/test_server_units tests/server/handlers/test_server_api \
	tests/server/handlers/test_server_docs tests/server/handlers/test_server_security
tests_server_http_test_server_units_SOURCES = tests/server/http/test_server_units.c
tests_server_http_test_server_units_CFLAGS = $(SRV_CFLAGS) $(CUNIT_CFLAGS)
tests_server_http_test_server_units_LDADD = server/librssrv.la $(SRV_LIBS) $(CUNIT_LIBS)
tests_server_handlers_test_server_api_SOURCES = tests/server/handlers/test_server_api.c \
	tests/server/handlers/api_util.c tests/server/handlers/api_util.h
tests_server_handlers_test_server_api_CFLAGS = $(SRVT_CFLAGS)
tests_server_handlers_test_server_api_LDADD = $(SRVT_LIBS)
tests_server_handlers_test_server_docs_SOURCES = tests/server/handlers/test_server_docs.c \
	tests/server/handlers/api_util.c tests/server/handlers/api_util.h
tests_server_handlers_test_server_docs_CFLAGS = $(SRVT_CFLAGS)
tests_server_handlers_test_server_docs_LDADD = $(SRVT_LIBS)
tests_server_handlers_test_server_security_SOURCES = tests/server/handlers/test_server_security.c \
	tests/server/handlers/api_util.c tests/server/handlers/api_util.h
tests_server_handlers_test_server_security_CFLAGS = $(SRVT_CFLAGS)
tests_server_handlers_test_server_security_LDADD = $(SRVT_LIBS)

# limits (issue #12): the unit test, and limits.sh against servers with small limits
check_PROGRAMS += tests/server/http/test_limits
tests_server_http_test_limits_SOURCES = tests/server/http/test_limits.c
tests_server_http_test_limits_CFLAGS = $(SRV_CFLAGS) $(CUNIT_CFLAGS)
tests_server_http_test_limits_LDADD = server/librssrv.la $(SRV_LIBS) $(CUNIT_LIBS)
TESTS += tests/server/http/test_limits tests/server/http/limits.sh
EXTRA_DIST += tests/server/http/limits.sh

TESTS += tests/server/http/test_server_units tests/server/handlers/api.sh tests/server/handlers/docs.sh \
	tests/server/handlers/security.sh \
	tests/server/store/restart.sh tests/server/handlers/node-tests.sh
EXTRA_DIST += tests/with-server.sh tests/server/handlers/api.sh tests/server/handlers/docs.sh \
	tests/server/handlers/security.sh \
	tests/server/store/restart.sh tests/server/handlers/node-tests.sh tests/server/handlers/node/package.json tests/server/handlers/node/package-lock.json \
	tests/server/handlers/node/control-plane.test.mjs tests/data/sample.jsonl tests/data/orders.jsonl \
	tests/data/make-data.py
