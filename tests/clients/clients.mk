# SPDX-License-Identifier: Apache-2.0
# Client tests: the same scenario (tests/clients/data/README.md) through unixODBC isql/iusql,
# PHP (php-odbc), Perl (DBD::ODBC), node (npm odbc), LibreOffice Base (UNO, headless), R (RODBC)
# and Qt (QODBC through PyQt5, offscreen),
# each by DSN and by connection string, against rockset-local with a private ini folder.
# A client that is not installed FAILS its test unless RS_SKIP_CLIENTS names it
# (scripts/deps-clients.sh installs them all). The install test of the .deb runs only with
# RS_INSTALL_TEST=1 (it changes the system); otherwise it reports SKIP.
CLIENT_TESTS = tests/clients/test-isql.sh tests/clients/test-php.sh tests/clients/test-perl.sh \
	tests/clients/test-node.sh tests/clients/test-libreoffice.sh tests/clients/test-r.sh \
	tests/clients/test-qt.sh
TESTS += $(CLIENT_TESTS) tests/clients/install-test.sh
check_PROGRAMS += tests/clients/rs_configdsn
tests_clients_rs_configdsn_SOURCES = tests/clients/configdsn.c
tests_clients_rs_configdsn_CFLAGS = $(AM_CFLAGS) $(ODBC_CFLAGS) $(ODBCINST_CFLAGS)
tests_clients_rs_configdsn_LDADD = $(ODBCINST_LIBS)
EXTRA_DIST += $(CLIENT_TESTS) tests/clients/install-test.sh tests/clients/run-all.sh \
	tests/clients/lib.sh tests/odbc-env.sh tests/clients/data \
	tests/clients/php/client.php tests/clients/perl/client.pl \
	tests/clients/node/client.js tests/clients/node/package.json \
	tests/clients/node/package-lock.json tests/clients/libreoffice/client.py \
	tests/clients/r/client.R tests/clients/r/many.sh tests/clients/qt/client.py

# Every client in one go against one server (what docs/clients.md shows).
check-clients: all tests/clients/rs_configdsn
	$(SHELL) $(top_srcdir)/tests/clients/run-all.sh
.PHONY: check-clients
