#!/usr/bin/env bash
# Smoke test of the production binary: it opens a real window under Xvfb with
# a temporary data folder, the window is drawn (screenshot checked not to be
# blank, and the check itself shown to reject a blank screen), a window-manager
# close request makes it exit with code 0, and the database passes
# PRAGMA integrity_check. The screenshot is a CI artifact.
# Usage: smoke.sh [BINARY]   (default build/bin/selo, which make smoke builds)
# Env:   SMOKE_ARTIFACT (default build/bin/artifacts/smoke-window.png)
set -euo pipefail
self=$(realpath "$0")
bin=${1:-$(dirname "$self")/../bin/selo}
[ -e "$bin" ] && bin=$(realpath "$bin")
cd "$(dirname "$self")/../.."

artifact=${SMOKE_ARTIFACT:-build/bin/artifacts/smoke-window.png}
[ -x "$bin" ] || { echo "smoke: $bin not found (make build)" >&2; exit 1; }
for tool in xvfb-run dbus-run-session openbox wmctrl xdotool import sqlite3; do
  command -v "$tool" >/dev/null || {
    echo "smoke: $tool not found (apt-get install xvfb xauth dbus openbox wmctrl xdotool imagemagick sqlite3)" >&2
    exit 1
  }
done

if [ -z "${SELO_WINDOW_SESSION:-}" ]; then
  # A private X display and session bus; the same script runs inside them.
  exec env SELO_WINDOW_SESSION=1 xvfb-run -a -s "-screen 0 1366x900x24" \
    dbus-run-session -- "$self" "$bin" 2> >(grep -v -e 'SpiRegistry daemon' -e 'Failed to set fd limit' -e '^dbus-daemon\[' >&2)
fi

. build/scripts/lib-window.sh
echo "smoke: $bin"
window_session "$bin" "$artifact"
echo "smoke: ok"
