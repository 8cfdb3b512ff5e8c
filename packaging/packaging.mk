# Debian package: `make deb` builds rockset-odbc_<version>_<arch>.deb in the build folder.
# It configures a private build under packaging/deb/ with prefix /usr and the Debian ODBC
# driver folder as libdir, stages `make install DESTDIR=...` and packs it with dpkg-deb, with
# maintainer scripts that register the driver with odbcinst. Included from Makefile.am.
EXTRA_DIST += packaging/build-deb.sh packaging/debian/control.in \
	packaging/debian/postinst packaging/debian/prerm
deb:
	$(SHELL) $(top_srcdir)/packaging/build-deb.sh '$(abs_top_srcdir)' '$(abs_top_builddir)' '$(PACKAGE_VERSION)'
clean-local: clean-deb
clean-deb:
	rm -rf packaging/deb
.PHONY: deb clean-deb
