# server: core area (http, auth, store, control-plane handlers)
