# SPDX-License-Identifier: Apache-2.0
# server/http: libmicrohttpd, routing, authentication and replies.
server_librssrv_la_SOURCES += server/http/reply.c server/http/router.c server/http/router.h \
	server/http/http.c server/http/http.h server/http/auth.c server/http/auth.h \
	server/http/limits.c server/http/limits.h
