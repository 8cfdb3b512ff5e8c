# SPDX-License-Identifier: Apache-2.0
# server/query: running queries, paging and storing results, encoding answers, DESCRIBE.
server_librssrv_la_SOURCES += \
	server/sql/sql_lexer.c server/sql/sql_lexer.h \
	server/sql/sql_translate.c server/sql/sql_translate.h server/sql/sql_tr_internal.h \
	server/sql/sql_tr_expr.c server/sql/sql_tr_ops.c server/sql/sql_tr_select.c server/sql/sql_tr_items.c \
	server/sql/sql_tr_unnest.c server/sql/sql_tr_fnames.c \
	server/sql/sql_tr_literals.c server/sql/sql_tr_interval.c server/sql/sql_fn_literals.c \
	server/sql/sql_tr_insert.c server/sql/sql_tr_zone.c server/sql/sql_tr_cond.c \
	server/sql/sql_functions.c server/sql/sql_functions.h server/sql/sql_fn_time.c server/sql/sql_fn_agg.c \
	server/sql/sql_value.c server/sql/sql_value.h server/sql/sql_json_cmp.c server/sql/sql_json_cmp.h server/sql/sql_value_fn.c server/sql/sql_fn_pred.c server/sql/sql_tr_pred.c \
	server/sql/sql_fn_field.c server/sql/sql_float_text.c server/sql/sql_float_text.h server/sql/sql_float_pow10.c \
	server/sql/sql_fn_jtext.c server/sql/sql_fn_jtext.h server/sql/sql_fn_array.c server/sql/sql_fn_object.c \
	server/sql/sql_fn_util.h server/sql/sql_fn_math.c server/sql/sql_fn_string.c server/sql/sql_fn_regex.c server/sql/sql_fn_hash.c \
	server/sql/sql_fn_geo.c server/sql/sql_fn_geo.h server/sql/sql_fn_geo_wkt.c \
	server/sql/sql_fn_geo_sphere.c server/sql/sql_fn_geo_sphere.h \
	server/sql/sql_fn_tz.c server/sql/sql_fn_tz.h server/sql/sql_fn_date.c server/sql/sql_fn_date.h server/sql/sql_fn_fmt.c \
	server/sql/sql_fn_stat.c server/sql/sql_fn_sum.c server/sql/sql_fn_misc.c server/sql/sql_fn_reg.c server/sql/sql_fn_reg.h \
	server/sql/sql_fn_vector.c \
	server/query/query_exec.c server/query/query_exec.h server/query/query_encode.c \
	server/query/query_describe.c server/query/query_describe.h server/query/query_jsontext.c \
	server/query/query_describe_walk.c server/query/query_describe_int.h \
	server/query/query_store.c server/query/query_store.h server/query/query_run.c \
	server/query/query_run.h server/query/query_fill.c server/query/query_fill.h \
	server/query/query_insert.c server/query/query_rowfile.c server/query/query_rowfile.h \
	server/query/query_rowmem.c server/query/query_rowmem.h \
	server/query/query_pool.c server/query/query_pool.h

# The server streams: a 1M-row answer without pagination leaves its peak RSS flat (1-2 s).
TESTS += tests/server/query/stream_memory.sh tests/server/query/cancel_on_close.sh
EXTRA_DIST += tests/server/query/stream_memory.sh tests/server/query/cancel_on_close.sh tests/server/query/query_pages_time.py \
	tests/server/handlers/node/queries.test.mjs tests/server/handlers/node/lambdas.test.mjs

# Static cursors' server side (#15): a finished paginated query's rows at any offset, in any
# order, kept 24 h (100,000 rows, a few seconds; HTTP only, so not in the valgrind pass).
TESTS += tests/server/query/scroll_pages.sh
EXTRA_DIST += tests/server/query/scroll_pages.sh

# Stored results in bounded files, never in rockset.db (#14): DELETE, expiry, restart, the cap
TESTS += tests/server/query/result_files.sh
EXTRA_DIST += tests/server/query/result_files.sh

# Queries taking turns on one pooled connection: nothing of one reaches the next (#14)
TESTS += tests/server/query/pooled_queries.sh
EXTRA_DIST += tests/server/query/pooled_queries.sh

# INSERT INTO ... SELECT (#16): rows become documents through the ingest path (HTTP only, so
# not in the valgrind pass)
TESTS += tests/server/query/insert_select.sh
EXTRA_DIST += tests/server/query/insert_select.sh tests/server/query/insert_select.py

# DESCRIBE read from the documents' text answers as the json_tree walk (#14)
check_PROGRAMS += tests/server/query/test_describe_walk
TESTS += tests/server/query/test_describe_walk
tests_server_query_test_describe_walk_SOURCES = tests/server/query/test_describe_walk.c
tests_server_query_test_describe_walk_CFLAGS = $(SRV_CFLAGS) $(CUNIT_CFLAGS)
tests_server_query_test_describe_walk_LDADD = server/librssrv.la $(SRV_LIBS) $(CUNIT_LIBS)

# DESCRIBE answers kept while their table is unchanged
server_librssrv_la_SOURCES += server/query/query_describe_cache.c
