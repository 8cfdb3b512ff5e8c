# server: core area (http, auth, store, control-plane handlers, documents, loader)
server_librssrv_la_SOURCES += server/util.c server/reply.c server/router.c server/router.h \
	server/http.c server/http.h server/auth.c server/auth.h server/store.c server/store.h \
	server/ingest.h server/ingest_int.h server/ingest.c server/ingest_fn.c \
	server/ingest_time.c server/ingest_map.c server/loader.c server/loader.h \
	server/handlers.h server/handlers_util.c server/handlers_orgs.c server/handlers_users.c \
	server/handlers_apikeys.c server/handlers_workspaces.c server/handlers_collections.c \
	server/handlers_documents.c server/docpatch.c server/docpatch.h \
	server/handlers_integrations.c
server_rockset_local_SOURCES += server/main.c
