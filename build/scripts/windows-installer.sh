#!/usr/bin/env bash
# Cross-builds Selo for Windows amd64 (CGO off) with its icon, version info and
# manifest, then the per-user NSIS installer, and checks both.
# Usage: windows-installer.sh VERSION   (make windows-installer passes it)
# Env:   LDFLAGS (default "-s -w -X main.version=VERSION")
#
# Why not `wails build -nsis`: it deletes and rewrites frontend/wailsjs/runtime
# on every run. The steps are the same: the resources come from the files Wails
# keeps in build/windows (rendered with wails.json by build/wintool), compiled
# by mingw's windres into a .syso that go build links; makensis builds
# build/windows/installer/project.nsi with the WebView2 bootstrapper that the
# Wails module ships.
# Needs Debian packages: nsis binutils-mingw-w64-x86-64 file.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

version=${1:?usage: windows-installer.sh VERSION}
ldflags=${LDFLAGS:-"-s -w -X main.version=$version"}
for tool in makensis x86_64-w64-mingw32-windres file; do
  command -v "$tool" >/dev/null || {
    echo "windows-installer: $tool not found (apt-get install nsis binutils-mingw-w64-x86-64 file)" >&2
    exit 1
  }
done

res=$root/build/bin/windows-res
rm -rf "$res"
mkdir -p "$res"
trap 'rm -rf "$res"' EXIT

echo "== resources (icon, version $version, manifest)"
go run ./build/wintool rc -version "$version" -out "$res"
x86_64-w64-mingw32-windres --preprocessor=cat -c 65001 -F pe-x86-64 -O coff \
  -i "$res/selo.rc" -o "$res/selo_windows_amd64.syso"

# A .syso is linked only from its own package's folder, and go build -overlay
# cannot add one. So the .syso goes into a throw-away package under build/bin
# (ignored by git, removed on exit) and the overlay adds one blank import of it
# to package main: nothing is written next to main.go.
mkdir -p "$res/pkg"
mv "$res/selo_windows_amd64.syso" "$res/pkg/"
printf '// Package pkg only carries the Windows resources (.syso).\npackage pkg\n' >"$res/pkg/pkg.go"
printf 'package main\n\nimport _ "selo/build/bin/windows-res/pkg"\n' >"$res/zz_winres_windows.go"
cat >"$res/overlay.json" <<EOF
{"Replace": {"$root/zz_winres_windows.go": "$res/zz_winres_windows.go"}}
EOF

echo "== go build (windows/amd64, CGO off)"
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build -overlay "$res/overlay.json" \
  -tags desktop,production -trimpath -ldflags "$ldflags -H windowsgui" -o build/bin/selo.exe .

desc=$(file -b build/bin/selo.exe)
echo "selo.exe: $desc"
case $desc in
  "PE32+ executable (GUI) x86-64"*) ;;
  *) echo "windows-installer: build/bin/selo.exe is not a PE32+ GUI x86-64 executable" >&2; exit 1 ;;
esac
go run ./build/wintool check -app -version "$version" -wails wails.json build/bin/selo.exe

echo "== NSIS installer"
wails_dir=$(go list -m -f '{{.Dir}}' github.com/wailsapp/wails/v2)
bootstrapper=$wails_dir/internal/webview2runtime/MicrosoftEdgeWebview2Setup.exe
[ -f "$bootstrapper" ] || { echo "windows-installer: $bootstrapper missing (go mod download)" >&2; exit 1; }
quad=$(printf '%s' "$version" | sed -E 's/^([0-9]+)\.([0-9]+)\.([0-9]+).*/\1.\2.\3.0/')
case $quad in
  *[!0-9.]*) echo "windows-installer: VERSION $version is not MAJOR.MINOR.PATCH" >&2; exit 1 ;;
esac
installer=$root/build/bin/selo-$version-setup.exe
rm -f "$installer"
if ! (cd build/windows/installer && makensis -V4 -NOCD \
  -DARG_WAILS_AMD64_BINARY="$root/build/bin/selo.exe" \
  -DINFO_PRODUCTVERSION="$version" -DSELO_VERSION_QUAD="$quad" \
  -DWEBVIEW2_BOOTSTRAPPER="$bootstrapper" -DOUTPUT_FILE="$installer" \
  project.nsi) >"$res/makensis.log" 2>&1; then
  tail -30 "$res/makensis.log" >&2
  echo "windows-installer: makensis failed" >&2
  exit 1
fi
grep -E 'warning [0-9]+:' "$res/makensis.log" || true
grep -E '^(Install|Uninstall): ' "$res/makensis.log"

# What the installer will do, read from makensis' own listing of the script:
# per user, HKCU only, the shortcuts, the WebView2 bootstrapper, and the data
# folder removed only by the optional uninstall section.
log=$res/makensis.log
need() { grep -qF -- "$1" "$log" || { echo "windows-installer: installer script lacks: $1" >&2; exit 1; }; }
need 'InstallDir: "$LOCALAPPDATA\Programs\Selo"'
need 'WriteRegStr: HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Selo\UninstallString='
need 'DeleteRegKey: HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Selo'
need 'CreateShortcut: "$SMPROGRAMS\Selo.lnk"->"$INSTDIR\selo.exe"'
need 'CreateShortcut: "$DESKTOP\Selo.lnk"->"$INSTDIR\selo.exe"'
need 'File: "MicrosoftEdgeWebview2Setup.exe"'
if grep -E '^(WriteReg[A-Za-z]*|DeleteReg[A-Za-z]*): HKLM' "$log"; then
  echo "windows-installer: the installer writes to HKLM; it must stay per-user" >&2
  exit 1
fi
data_rm=$(awk '/^Section: /{sec=$0} /^RMDir: \/r "\$APPDATA\\Selo"$/{print sec}' "$log")
if [ "$data_rm" != 'Section: "un.$(SEC_DATA)" ->(SEC_UN_DATA)' ]; then
  echo "windows-installer: the data folder must be removed only by the optional uninstall section (found in: ${data_rm:-none})" >&2
  exit 1
fi
echo "installer script: per-user (HKCU only), \$LOCALAPPDATA\\Programs\\Selo, Start-menu and desktop shortcuts, WebView2 bootstrapper, data kept unless chosen"

desc=$(file -b "$installer")
echo "installer: $desc"
case $desc in
  *"PE32 executable (GUI)"*"Nullsoft Installer"*) ;;
  *) echo "windows-installer: $installer is not an NSIS installer" >&2; exit 1 ;;
esac
go run ./build/wintool check -version "$version" -manifest 'level="asInvoker"' "$installer"

size() { stat -c %s "$1" | awk -v f="$1" '{printf "%s: %d bytes (%.1f MiB)\n", f, $1, $1/1048576}'; }
echo "== sizes"
size build/bin/selo.exe
size "build/bin/selo-$version-setup.exe"
