#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# TRY (docs/sql.md) only covers functions registered through sql_fn_register whose errors go
# through sql_result_error and whose user data is read through sql_fn_data: a new direct
# call would raise inside TRY again (or, for user data, crash in its variant). Aggregates
# and CURRENT_USER (per-connection data, never an error) keep sqlite3_create_function.
dir="${top_srcdir:-.}/server/sql"
bad=$(grep -n 'sqlite3_result_error(\|sqlite3_user_data(' "$dir"/*.c "$dir"/*.h |
      grep -v '/sql_fn_reg\.c:')
reg=$(grep -n -A1 'sqlite3_create_function(' "$dir"/*.c | grep -v '/sql_fn_reg\.c' |
      tr '\n' ' ' | sed 's/ -- /\n/g' | grep -v 'NULL, *[a-z_]*_step\|defs\[i\]\.step\|CURRENT_USER')
if [ -n "$bad$reg" ]; then
  echo "try_sites.sh: direct calls that bypass TRY:" >&2
  printf '%s\n%s\n' "$bad" "$reg" >&2
  exit 1
fi
echo "try_sites.sh: every error, user-data read and scalar registration goes through sql_fn_reg"
