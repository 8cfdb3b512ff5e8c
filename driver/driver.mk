# SPDX-License-Identifier: Apache-2.0
# The driver: internals in a convenience library (linked by the module and by the unit tests),
# the ODBC entry points in the module, which exports the ODBC API and nothing else.
DRV_CFLAGS = $(AM_CFLAGS) $(ODBC_CFLAGS) $(ODBCINST_CFLAGS) $(CURL_CFLAGS) $(CJSON_CFLAGS) $(OPENSSL_CFLAGS)
DRV_LIBS = $(ODBCINST_LIBS) $(CURL_LIBS) $(CJSON_LIBS) $(OPENSSL_LIBS) -lpthread -lm

noinst_LTLIBRARIES += driver/librsdrv.la
driver_librsdrv_la_CFLAGS = $(DRV_CFLAGS)
driver_librsdrv_la_LIBADD = $(DRV_LIBS)
driver_librsdrv_la_SOURCES = driver/client/rs_error.c driver/client/rs_error.h driver/client/rowsource.h \
	driver/client/rs_client.h driver/client/log.h driver/convert/types.h driver/convert/convert.h driver/catalog/catalog.h driver/odbc/info.h

lib_LTLIBRARIES += driver/librocksetodbc.la
driver_librocksetodbc_la_CFLAGS = $(DRV_CFLAGS)
driver_librocksetodbc_la_LIBADD = driver/librsdrv.la $(DRV_LIBS)
driver_librocksetodbc_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -no-undefined \
	-export-symbols-regex '^SQL'
driver_librocksetodbc_la_SOURCES =

# Each area lists its own files in its own fragment.
include driver/client/client.mk
include driver/odbc/odbc.mk
include driver/convert/convert.mk
include driver/catalog/catalog.mk
include driver/sql/sql.mk
