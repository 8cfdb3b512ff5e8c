#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Install test of the Debian package, on this machine, as root: builds the .deb (make deb),
# installs it with dpkg -i, checks that odbcinst lists the driver, adds a system DSN through
# the setup library (SQLConfigDataSource -> ConfigDSN), queries rockset-local with isql
# through it, removes the DSN, `dpkg -r`, and checks that no registration is left.
# It changes /etc/odbcinst.ini and /etc/odbc.ini (saved and restored on exit) and installs
# a package: it runs only with RS_INSTALL_TEST=1, and is skipped (77) otherwise.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
if [ "${RS_INSTALL_TEST:-0}" != 1 ]; then
  echo "SKIP: the install test changes the system; run it with RS_INSTALL_TEST=1"; exit 77
fi
[ "$(id -u)" -eq 0 ] || rs_fail "the install test must run as root"
: "${top_srcdir:=$(cd "$here/../.." && pwd)}"
: "${top_builddir:=$(pwd)}"
export top_srcdir top_builddir
if [ -z "${RS_SERVER:-}" ]; then
  exec "$top_srcdir/tests/with-server.sh" "$0" "$@"
fi
rs_need dpkg dpkg-deb odbcinst isql curl
configdsn=$top_builddir/tests/clients/rs_configdsn
[ -x "$configdsn" ] || rs_fail "$configdsn is not built (make tests/clients/rs_configdsn)"

# The test talks to the system configuration, not a private one.
unset ODBCSYSINI ODBCINSTINI ODBCINI
sysdir=$(odbcinst -j | sed -n 's/^DRIVERS\.*: *\(.*\)\/odbcinst.ini$/\1/p')
[ -n "$sysdir" ] || sysdir=/etc
save=$(mktemp -d)
for f in odbcinst.ini odbc.ini; do [ -f "$sysdir/$f" ] && cp -p "$sysdir/$f" "$save/$f"; done
restore() {
  dpkg -s rockset-odbc >/dev/null 2>&1 && [ -z "$was_installed" ] && dpkg -r rockset-odbc >/dev/null 2>&1
  for f in odbcinst.ini odbc.ini; do
    if [ -f "$save/$f" ]; then cp -p "$save/$f" "$sysdir/$f"; else rm -f "$sysdir/$f"; fi
  done
  rm -rf "$save"
}
was_installed=$(dpkg -s rockset-odbc 2>/dev/null | grep -q '^Status: install ok installed' && echo yes)
[ -z "$was_installed" ] || rs_fail "rockset-odbc is already installed here: remove it first"
trap restore EXIT
trap 'exit 130' INT TERM

step() { echo "== $*"; }
step "make deb"
if grep -q '^deb:' "$top_builddir/Makefile"; then
  make -C "$top_builddir" deb || rs_fail "make deb failed"
else # packaging/packaging.mk not included yet: what `make deb` runs
  version=$(sed -n 's/^PACKAGE_VERSION = //p' "$top_builddir/Makefile")
  sh "$top_srcdir/packaging/build-deb.sh" "$top_srcdir" "$(cd "$top_builddir" && pwd)" "$version" \
    || rs_fail "packaging/build-deb.sh failed"
fi
deb=$(ls -t "$top_builddir"/rockset-odbc_*.deb | head -1)
[ -f "$deb" ] || rs_fail "no .deb in $top_builddir"

step "dpkg -i $(basename "$deb")"
dpkg -i "$deb" || rs_fail "dpkg -i failed (missing dependencies? apt-get -f install)"
odbcinst -q -d | grep -qx '\[Rockset\]' || rs_fail "odbcinst -q -d does not list [Rockset]"
lib=$(odbcinst -q -d -n Rockset | sed -n 's/^Driver *= *//p')
echo "registered driver: $lib"
[ -f "$lib" ] || rs_fail "the registered driver $lib does not exist"
ldd "$lib" | grep -q 'not found' && rs_fail "the installed driver misses libraries: $(ldd "$lib" | grep 'not found')"
ldd /usr/bin/rockset-local | grep -q 'not found' && rs_fail "the installed rockset-local misses libraries"

step "system DSN through ConfigDSN"
"$configdsn" add Rockset "DSN=RsInstallTest;Server=$RS_SERVER;ApiKey=$RS_APIKEY;Workspace=commons" \
  || rs_fail "SQLConfigDataSource(ODBC_ADD_SYS_DSN) failed"
odbcinst -q -s | grep -qx '\[RsInstallTest\]' || rs_fail "the DSN RsInstallTest was not written"
out=$(echo "SELECT COUNT(*) AS n FROM commons.sample" | isql RsInstallTest -3 -b -v -d'|' 2>&1)
echo "$out" | grep -qE '^[0-9]+$' || rs_fail "isql through the installed driver failed: $out"
echo "commons.sample through the installed driver: $out rows"
"$configdsn" remove Rockset "DSN=RsInstallTest" || rs_fail "SQLConfigDataSource(ODBC_REMOVE_SYS_DSN) failed"
odbcinst -q -s | grep -qx '\[RsInstallTest\]' && rs_fail "the DSN RsInstallTest is still there"

step "dpkg -r rockset-odbc"
dpkg -r rockset-odbc || rs_fail "dpkg -r failed"
odbcinst -q -d | grep -qx '\[Rockset\]' && rs_fail "[Rockset] is still registered after dpkg -r"
[ -e "$lib" ] && rs_fail "$lib is still there after dpkg -r"
echo "install test: all passed"
