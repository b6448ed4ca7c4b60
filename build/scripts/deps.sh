#!/usr/bin/env bash
# Installs what Selo needs to build, run or test, and nothing that is already
# there. Usage: deps.sh run|test
#   run  - system libraries to build and open the window, npm packages, Wails CLI
#   test - the same plus Xvfb, D-Bus, gnome-keyring, Debian's Chromium and
#          PostgreSQL (for the throwaway clusters of build/scripts/pg.sh)
# As root it installs apt packages itself; otherwise it prints the exact apt
# line to run and stops, because a Makefile should not ask for a password.
set -euo pipefail
cd "$(dirname "$0")/../.."

mode=${1:-run}
pkgs=(build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev file)
if [ "$mode" = test ]; then
  # Xvfb/D-Bus/keyring/Chromium for e2e; openbox, wmctrl, xdotool and sqlite3
  # for the real-window smoke test; nsis and mingw binutils for the Windows
  # installer; qpdf and time for the merge benchmark; postgresql for the
  # store suite on PostgreSQL (its programs only: tests start their own cluster);
  # pebble (Let's Encrypt's test CA) for selo server's ACME test.
  pkgs+=(xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools chromium imagemagick openbox wmctrl xdotool sqlite3
    nsis binutils-mingw-w64-x86-64 desktop-file-utils qpdf time postgresql pebble)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Tests start their own clusters, so the postgresql package must not start
    # its main cluster (port 5432) on install. The standard way to hold back a
    # service is policy-rc.d answering 101 ("not allowed"); this one refuses
    # only PostgreSQL and is removed again. A machine that already has a
    # policy-rc.d (Docker images do) keeps its own.
    policy=
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      policy=/usr/sbin/policy-rc.d
      cat >"$policy" <<'EOF'
#!/bin/sh
# Written by Selo's build/scripts/deps.sh for one apt-get run.
for a in "$@"; do case $a in postgresql*) exit 101 ;; esac; done
exit 0
EOF
      chmod +x "$policy"
      trap 'rm -f "$policy"' EXIT
    fi
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    if [ -n "$policy" ]; then rm -f "$policy"; trap - EXIT; fi
  else
    echo "deps: missing system packages. Run this, then try again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

for tool in go node npm; do
  command -v "$tool" >/dev/null || { echo "deps: $tool is required (see README)" >&2; exit 1; }
done

# npm ci only when the lock file changed since the last install.
if [ ! -f frontend/node_modules/.package-lock.json ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
  echo "deps: npm ci"
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
fi

# The Wails CLI is built from the pinned tools module (design.md §6).
if [ ! -x build/bin/wails ] || [ build/tools/go.mod -nt build/bin/wails ]; then
  echo "deps: building the Wails CLI"
  go build -C build/tools -o ../bin/wails github.com/wailsapp/wails/v2/cmd/wails
fi
go mod download
# pgcheck (test.sh's first look at the test PostgreSQL) is its own module.
[ "$mode" != test ] || go mod download -C build/scripts/pgcheck
