#!/usr/bin/env bash
# Packages the Linux production binary (build/bin/selo, from make build) as
# build/bin/selo_VERSION_amd64.deb: /usr/bin/selo, the desktop entry with its
# pt-BR name and comment, and the icon in the hicolor theme at the usual sizes.
# The icon cache and the desktop database are refreshed by the triggers of
# Debian's hicolor-icon-theme and desktop-file-utils: no maintainer scripts.
# Usage: deb.sh VERSION
# Needs: dpkg-deb, objdump (binutils), ImageMagick's convert.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=${1:?usage: deb.sh VERSION}
# Debian orders a pre-release before its release only with "~" (0.2.0~rc1).
debversion=${version//-/\~}
case $debversion in
  [0-9]*) ;;
  *) echo "deb: VERSION $version must start with a digit" >&2; exit 1 ;;
esac
bin=build/bin/selo
[ -x "$bin" ] || { echo "deb: $bin not found (make build)" >&2; exit 1; }
for tool in dpkg-deb objdump convert; do
  command -v "$tool" >/dev/null || { echo "deb: $tool not found (apt-get install dpkg binutils imagemagick)" >&2; exit 1; }
done

out=build/bin/selo_${debversion}_amd64.deb
stage=build/bin/deb-root
rm -rf "$stage" "$out"
trap 'rm -rf "$stage"' EXIT
umask 022

install -Dm755 "$bin" "$stage/usr/bin/selo"
install -Dm644 build/linux/selo.desktop "$stage/usr/share/applications/selo.desktop"
for size in 16 24 32 48 64 128 256 512; do
  dir=$stage/usr/share/icons/hicolor/${size}x${size}/apps
  mkdir -p "$dir"
  convert build/appicon.png -resize "${size}x${size}" -strip -define png:exclude-chunks=date,time "$dir/selo.png"
done
install -d "$stage/usr/share/doc/selo"
cat >"$stage/usr/share/doc/selo/copyright" <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Selo
Source: https://selo.app.br

Files: *
Copyright: 2026 Selo
License: proprietary

Files: usr/bin/selo (the embedded font Roboto Regular, used to fill PDF form fields)
Copyright: 2015, Google Inc.
License: Apache-2.0
 On Debian systems, the full text of the Apache License 2.0 is in
 /usr/share/common-licenses/Apache-2.0; a copy is in
 /usr/share/doc/selo/Roboto-LICENSE-Apache-2.0.txt.
EOF
install -Dm644 backend/pdfs/fonts/LICENSE-Apache-2.0.txt "$stage/usr/share/doc/selo/Roboto-LICENSE-Apache-2.0.txt"

# The C library version the cgo-linked binary needs (the highest GLIBC_x.y it
# references); the GTK and WebKitGTK 4.1 runtimes it is linked against.
glibc=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
installed=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
mkdir -p "$stage/DEBIAN"
cat >"$stage/DEBIAN/control" <<EOF
Package: selo
Version: $debversion
Architecture: amd64
Maintainer: Selo <contato@selo.app.br>
Installed-Size: $installed
Depends: libc6 (>= $glibc), libgtk-3-0, libwebkit2gtk-4.1-0
Recommends: gnome-keyring
Section: office
Priority: optional
Homepage: https://selo.app.br
Description: contracts of real-estate reservations for e-signature
 Selo is a desktop app for small Brazilian real-estate offices: sales reps
 send the contracts of a reservation for electronic signature through
 Clicksign, managers see who has signed, and leads from the office's
 JivoChat widget arrive with their conversation.
 .
 Data stays in ~/.config/Selo; access tokens in the desktop keyring.
EOF

dpkg-deb --root-owner-group -Zxz --build "$stage" "$out" >/dev/null
dpkg-deb --field "$out" Package Version Architecture Depends
echo "deb: contents"
dpkg-deb --contents "$out" | awk '$6 !~ /\/$/ {print "  " $6}'
size=$(stat -c %s "$out")
awk -v f="$out" -v s="$size" 'BEGIN {printf "deb: %s: %d bytes (%.1f MiB)\n", f, s, s/1048576}'
