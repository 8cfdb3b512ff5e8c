# SPDX-License-Identifier: Apache-2.0
# Debian package: `make deb` builds rockset-odbc_<version>_<arch>.deb in the build folder.
# It configures a private build under packaging/deb/ with prefix /usr and the Debian ODBC
# driver folder as libdir, stages `make install DESTDIR=...` and packs it with dpkg-deb, with
# maintainer scripts that register the driver with odbcinst. Included from Makefile.am.
# The user guides of installing, clients and troubleshooting go into the package's doc folder.
dist_doc_DATA += docs/install.md docs/clients.md docs/troubleshooting.md
EXTRA_DIST += packaging/build-deb.sh packaging/debian/control.in \
	packaging/debian/postinst packaging/debian/prerm
deb:
	$(SHELL) $(top_srcdir)/packaging/build-deb.sh '$(abs_top_srcdir)' '$(abs_top_builddir)' '$(PACKAGE_VERSION)'
clean-local: clean-deb
clean-deb:
	rm -rf packaging/deb
.PHONY: deb clean-deb
