#!/usr/bin/env bash
# Installs build/bin/selo_VERSION_amd64.deb with apt on this machine, checks
# its files, opens the INSTALLED /usr/bin/selo under Xvfb with a temporary
# data folder (the same window check as smoke.sh), then removes the package
# and checks that every file it installed is gone. Needs root.
# Usage: deb-test.sh VERSION
# Env:   DEB_ARTIFACT (default build/bin/artifacts/deb-window.png)
set -euo pipefail
cd "$(dirname "$0")/../.."

version=${1:?usage: deb-test.sh VERSION}
deb=build/bin/selo_${version//-/\~}_amd64.deb
[ -f "$deb" ] || { echo "deb-test: $deb not found (make deb)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "deb-test: run as root (it installs and removes the package with apt-get)" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive

mapfile -t files < <(dpkg-deb --contents "$deb" | awk '$6 !~ /\/$/ {sub(/^\./, "", $6); print $6}')
installed=""
cleanup() {
  if [ -n "$installed" ]; then
    echo "deb-test: removing the package after a failure"
    apt-get purge -y -qq selo >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

echo "== apt-get install ./$deb"
apt-get install -y -qq "./$deb" >/dev/null
installed=1
status=$(dpkg-query -W -f='${Status} ${Version}' selo)
echo "deb-test: dpkg: $status"
case $status in
  "install ok installed ${version//-/\~}") ;;
  *) echo "deb-test: FAIL: selo is not installed at version $version" >&2; exit 1 ;;
esac
for f in "${files[@]}"; do
  [ -e "$f" ] || { echo "deb-test: FAIL: $f missing after install" >&2; exit 1; }
done
echo "deb-test: ${#files[@]} files in place"
[ "$(command -v selo)" = /usr/bin/selo ] || { echo "deb-test: FAIL: selo is not /usr/bin/selo on PATH" >&2; exit 1; }
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate /usr/share/applications/selo.desktop
  echo "deb-test: desktop entry valid"
fi
grep -q '^Name\[pt_BR\]=' /usr/share/applications/selo.desktop &&
  grep -q '^Comment\[pt_BR\]=' /usr/share/applications/selo.desktop ||
  { echo "deb-test: FAIL: desktop entry lacks its pt-BR name or comment" >&2; exit 1; }

echo "== the installed binary opens its window"
SMOKE_ARTIFACT=${DEB_ARTIFACT:-build/bin/artifacts/deb-window.png} ./build/scripts/smoke.sh /usr/bin/selo

echo "== apt-get remove selo"
apt-get remove -y -qq selo >/dev/null
installed=""
left=()
for f in "${files[@]}"; do
  [ ! -e "$f" ] || left+=("$f")
done
if [ ${#left[@]} -gt 0 ]; then
  echo "deb-test: FAIL: left after removal: ${left[*]}" >&2
  exit 1
fi
if dpkg-query -W -f='${Status}' selo 2>/dev/null | grep -q 'ok installed'; then
  echo "deb-test: FAIL: dpkg still lists selo as installed" >&2
  exit 1
fi
apt-get purge -y -qq selo >/dev/null 2>&1 || true
echo "deb-test: removed; all ${#files[@]} files are gone"
echo "deb-test: ok"
