# SPDX-License-Identifier: Apache-2.0
# server/handlers: one file per API group; each gets a decoded request (server/srv.h).
server_librssrv_la_SOURCES += server/handlers/handlers.h server/handlers/handlers_util.c \
	server/handlers/orgs.c server/handlers/users.c server/handlers/apikeys.c \
	server/handlers/workspaces.c server/handlers/collections.c server/handlers/documents.c \
	server/handlers/integrations.c server/handlers/queries.c server/handlers/lambdas.c
