#!/usr/bin/env bash
# Smoke test of the production binary: it opens a real window under Xvfb with
# a temporary data folder, the window is drawn (screenshot checked not to be
# blank, and the check itself shown to reject a blank screen), a window-manager
# close request makes it exit with code 0, and the database passes
# PRAGMA integrity_check. The screenshot is a CI artifact.
# Usage: smoke.sh [BINARY]   (default build/bin/selo, which make smoke builds)
# Env:   SMOKE_ARTIFACT (default build/bin/artifacts/smoke-window.png)
set -euo pipefail
. "$(dirname "$(realpath "$0")")/lib-window.sh"
window_script smoke "$@"
artifact=${SMOKE_ARTIFACT:-build/bin/artifacts/smoke-window.png}
need_tools "apt-get install xvfb xauth dbus openbox wmctrl xdotool imagemagick sqlite3" \
  xvfb-run dbus-run-session openbox wmctrl xdotool import sqlite3
# A private X display and session bus; the same script runs inside them.
in_window_session 1366x900 "$self" "$bin"

echo "smoke: $bin"
window_session "$bin" "$artifact"
echo "smoke: ok"
