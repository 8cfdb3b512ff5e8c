# SPDX-License-Identifier: Apache-2.0
# rockset-local: the local Rockset API server.
SRV_CFLAGS = $(AM_CFLAGS) $(MHD_CFLAGS) $(CJSON_CFLAGS) $(OPENSSL_CFLAGS) $(SQLITE_CFLAGS)
SRV_LIBS = $(MHD_LIBS) $(CJSON_LIBS) $(OPENSSL_LIBS) $(SQLITE_LIBS) -lpthread -lm

# Everything but main() in a convenience library, so tests can link the handlers.
noinst_LTLIBRARIES += server/librssrv.la
server_librssrv_la_CFLAGS = $(SRV_CFLAGS)
server_librssrv_la_LIBADD = $(SRV_LIBS)
server_librssrv_la_SOURCES = server/srv.h server/srv_msg.h

bin_PROGRAMS += server/rockset-local
server_rockset_local_CFLAGS = $(SRV_CFLAGS)
server_rockset_local_LDADD = server/librssrv.la $(SRV_LIBS)
server_rockset_local_SOURCES =

server_librssrv_la_SOURCES += server/util.c server/loader.c server/loader.h
server_rockset_local_SOURCES += server/main.c

# One fragment per layer (the SQL engine's library first: store's tests use its flags).
include server/http/http.mk
include server/handlers/handlers.mk
include server/sql/sql.mk
include server/query/query.mk
include server/store/store.mk
