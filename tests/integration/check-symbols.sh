#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The driver exports the ODBC API and nothing else (ANSI and W forms).
set -u
top_builddir=${top_builddir:-.}
lib="$top_builddir/driver/.libs/librocksetodbc.so"
if [ ! -f "$lib" ]; then
  echo "check-symbols.sh: $lib is not built" >&2
  exit 99
fi
syms=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TtWwDdBbRr]$/ {print $3}' | sort)
bad=$(echo "$syms" | grep -v '^SQL' || true)
status=0
if [ -n "$bad" ]; then
  echo "check-symbols.sh: non-ODBC symbols exported:" >&2
  echo "$bad" >&2
  status=1
fi
for f in SQLAllocHandle SQLFreeHandle SQLConnect SQLConnectW SQLDriverConnect \
         SQLDriverConnectW SQLExecDirect SQLExecDirectW SQLPrepare SQLPrepareW SQLExecute \
         SQLFetch SQLFetchScroll SQLGetData SQLBindCol SQLBindParameter SQLDescribeCol \
         SQLDescribeColW SQLColAttribute SQLColAttributeW SQLGetDiagRec SQLGetDiagRecW \
         SQLGetDiagField SQLGetDiagFieldW SQLGetInfo SQLGetInfoW SQLGetDescField \
         SQLGetDescFieldW SQLSetDescField SQLSetDescFieldW SQLGetDescRec SQLGetDescRecW \
         SQLSetDescRec SQLCopyDesc SQLTables SQLTablesW SQLColumns SQLColumnsW SQLCancel \
         SQLParamData SQLPutData SQLNativeSql SQLNativeSqlW SQLGetFunctions SQLEndTran \
         SQLProcedures SQLProceduresW SQLProcedureColumns SQLProcedureColumnsW \
         SQLGetTypeInfo SQLGetTypeInfoW SQLSetPos SQLExtendedFetch SQLBulkOperations; do
  if ! echo "$syms" | grep -qx "$f"; then
    echo "check-symbols.sh: $f is not exported" >&2
    status=1
  fi
done
# SQLGetFunctions must not claim what is not there: these are not exported
for f in SQLBrowseConnect; do
  if echo "$syms" | grep -qx "$f"; then
    echo "check-symbols.sh: $f is exported but not implemented" >&2
    status=1
  fi
done
[ $status = 0 ] && echo "check-symbols.sh: $(echo "$syms" | wc -l) symbols, all SQL*"
exit $status
