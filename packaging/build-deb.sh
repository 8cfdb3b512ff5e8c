#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Builds the Debian package (called by `make deb`).
# Usage: build-deb.sh SRCDIR BUILDDIR VERSION
# A private configure (prefix /usr, libdir /usr/lib/<multiarch>/odbc, where Debian's ODBC
# drivers live) under BUILDDIR/packaging/deb/build, a staged `make install DESTDIR=...`,
# then dpkg-deb. Prints the path of the .deb.
set -e
src=$1; top=$2; version=$3
[ -n "$src" ] && [ -n "$top" ] && [ -n "$version" ] || { echo "usage: $0 SRCDIR BUILDDIR VERSION" >&2; exit 2; }
command -v dpkg-deb >/dev/null || { echo "build-deb: dpkg-deb is missing" >&2; exit 1; }
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
libdir=/usr/lib/$multiarch/odbc
work=$top/packaging/deb
stage=$work/root
mkdir -p "$work/build"
cd "$work/build"
if [ ! -f Makefile ] || ! grep -q "^libdir = $libdir\$" Makefile; then
  echo "build-deb: configuring (prefix /usr, libdir $libdir)"
  "$src/configure" -q --prefix=/usr --libdir="$libdir" --sysconfdir=/etc --localstatedir=/var \
    --disable-sanitizers
fi
echo "build-deb: building"
make -j"$(nproc)" >/dev/null || make
rm -rf "$stage"
make install DESTDIR="$stage" >/dev/null
# libtool archives and static leftovers are of no use to a driver manager.
find "$stage" -name '*.la' -delete
find "$stage" -name '*.a' -delete
for f in "$stage$libdir"/*.so "$stage"/usr/bin/*; do
  [ -f "$f" ] && strip --strip-unneeded "$f"
done
for f in librocksetodbc.so librocksetodbcS.so; do
  [ -f "$stage$libdir/$f" ] || { echo "build-deb: $libdir/$f was not installed" >&2; exit 1; }
done
[ -f "$stage/usr/share/rockset-odbc/odbcinst.ini" ] \
  || { echo "build-deb: share/rockset-odbc/odbcinst.ini was not installed" >&2; exit 1; }

# Debian policy 12.5: every package ships its copyright file.
install -D -m 644 "$src/packaging/debian/copyright" "$stage/usr/share/doc/rockset-odbc/copyright"
mkdir -p "$stage/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@SIZE@|$size|" \
  "$src/packaging/debian/control.in" > "$stage/DEBIAN/control"
for s in postinst prerm; do
  install -m 755 "$src/packaging/debian/$s" "$stage/DEBIAN/$s"
done
(cd "$stage" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum) \
  > "$stage/DEBIAN/md5sums"
deb=$top/rockset-odbc_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "build-deb: $deb"
dpkg-deb -c "$deb" | awk '{print "  " $6}' | grep -v '/$'
