#!/usr/bin/env bash
# Packages the Linux production binary (build/bin/selo, from make build) as
# build/bin/selo_VERSION_amd64.deb: /usr/bin/selo, the desktop entry with its
# pt-BR name and comment, the icon in the hicolor theme at the usual sizes,
# and the office server: the systemd unit selo-server.service (installed,
# never enabled nor started by the package) and its commented config,
# /etc/selo/server.toml (a conffile: an upgrade keeps the office's edits,
# purge removes it), with a pristine copy in /usr/share/doc/selo/.
# The icon cache and the desktop database are refreshed by the triggers of
# Debian's hicolor-icon-theme and desktop-file-utils; the maintainer scripts
# only tell systemd about the unit (see below).
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
# /usr/lib/systemd/system is where systemd looks for a package's units on
# every merged-/usr Debian and Ubuntu (the only kind Debian 12 supports).
install -Dm644 build/linux/selo-server.service "$stage/usr/lib/systemd/system/selo-server.service"
install -Dm644 build/linux/server.toml "$stage/etc/selo/server.toml"
install -Dm644 build/linux/server.toml "$stage/usr/share/doc/selo/server.toml"
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
Suggests: postgresql (>= 14)
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
 .
 The same binary is the office server (selo server, unit selo-server.service,
 installed but not enabled): it receives JivoChat and Clicksign webhooks and
 keeps signature status in sync on the office PostgreSQL. Its settings are in
 /etc/selo/server.toml.
EOF
# dpkg-deb does not infer conffiles: without this list an upgrade would
# overwrite the office's settings and purge would leave them behind.
echo /etc/selo/server.toml >"$stage/DEBIAN/conffiles"

# Maintainer scripts. They only make systemd re-read its units when systemd
# runs (/run/systemd/system: not in a container or chroot), restart a
# running server on upgrade so it runs the new binary, and stop it before
# removal. Nothing enables or starts it: the office does, once the config
# and the secrets are in place.
cat >"$stage/DEBIAN/postinst" <<'SH'
#!/bin/sh
set -e
if [ "$1" = configure ] && [ -d /run/systemd/system ]; then
  systemctl --system daemon-reload >/dev/null || true
  # $2 is the version being upgraded from; empty on a first install.
  if [ -n "$2" ]; then
    systemctl try-restart selo-server.service >/dev/null || true
  fi
fi
exit 0
SH
cat >"$stage/DEBIAN/prerm" <<'SH'
#!/bin/sh
set -e
# A server left running would keep serving from a deleted binary.
if [ "$1" = remove ] && [ -d /run/systemd/system ]; then
  systemctl stop selo-server.service >/dev/null 2>&1 || true
fi
exit 0
SH
cat >"$stage/DEBIAN/postrm" <<'SH'
#!/bin/sh
set -e
case "$1" in
remove|purge)
  if [ -d /run/systemd/system ]; then
    systemctl --system daemon-reload >/dev/null || true
  fi
  ;;
esac
if [ "$1" = purge ]; then
  # What `systemctl enable` made, now dangling, and the server's state (the
  # ACME account and certificates). The secrets in /etc/selo/credentials and
  # a `systemctl edit` drop-in are the office's own files and stay.
  wants=/etc/systemd/system/multi-user.target.wants/selo-server.service
  if [ -L "$wants" ]; then rm -f "$wants"; fi
  rm -rf /var/lib/private/selo-server /var/lib/selo-server
fi
exit 0
SH
chmod 755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/prerm" "$stage/DEBIAN/postrm"

dpkg-deb --root-owner-group -Zxz --build "$stage" "$out" >/dev/null
dpkg-deb --field "$out" Package Version Architecture Depends
echo "deb: contents"
dpkg-deb --contents "$out" | awk '$6 !~ /\/$/ {print "  " $6}'
size=$(stat -c %s "$out")
awk -v f="$out" -v s="$size" 'BEGIN {printf "deb: %s: %d bytes (%.1f MiB)\n", f, s, s/1048576}'
