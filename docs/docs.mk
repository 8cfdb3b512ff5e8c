# SPDX-License-Identifier: Apache-2.0
# User documentation installed with the driver (each area's fragment adds its own pages).
dist_doc_DATA += README.md docs/odbc-functions.md docs/sqlstates.md docs/sql.md docs/server.md \
	docs/security.md
