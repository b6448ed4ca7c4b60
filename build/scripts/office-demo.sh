#!/usr/bin/env bash
# make office-demo: office mode on one machine. Starts a throwaway PostgreSQL
# (build/scripts/pg.sh) and two Selo windows on it, each with its own data
# folder, as two desktops of one office would be. Load the dados de exemplo
# or send from one window and watch the other. Closing both windows (or
# Ctrl-C) stops the server and removes everything the demo made.
#
# The two windows share a private, unlocked keyring in their own D-Bus
# session, holding the demo server's password: the demo never writes to your
# own keyring.
#
# SELO_DEMO_SECONDS=N closes both windows after N seconds and checks that
# both were connected to the server (used to check the demo itself).
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=build/bin/selo
[ -x "$bin" ] || { echo "office-demo: $bin is missing: run 'make build'" >&2; exit 1; }
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${SELO_DEMO_SECONDS:-}" ]; then
  echo "office-demo: no display to open the windows on (DISPLAY is not set): run it from a desktop session" >&2
  exit 1
fi

tmp=$(mktemp -d /tmp/selo-demo.XXXXXX)
chmod 755 "$tmp" # the server runs as 'postgres' when we are root
cleanup() {
  bash build/scripts/pg.sh stop "$tmp/pg" || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "office-demo: starting PostgreSQL in $tmp/pg" >&2
dsn=$(bash build/scripts/pg.sh start "$tmp/pg")
# postgres://selo:PASSWORD@127.0.0.1:PORT/selo_test?sslmode=disable
rest=${dsn#postgres://selo:}
password=${rest%%@*}
rest=${rest#*@127.0.0.1:}
port=${rest%%/*}

for pc in a b; do
  mkdir -p "$tmp/$pc"
  cat >"$tmp/$pc/office.json" <<JSON
{"mode":"office","host":"127.0.0.1","port":$port,"database":"selo_test","user":"selo","tls":"disable","caFile":""}
JSON
  chmod 600 "$tmp/$pc/office.json"
done

echo "office-demo: server on 127.0.0.1:$port, database selo_test, user selo" >&2
echo "office-demo: opening two Selo windows (data folders $tmp/a and $tmp/b)" >&2

# Inside one private D-Bus session: an unlocked keyring holding the password
# under the entry Selo reads (service "Selo", user "office/password"), then
# both windows. The password goes on stdin, never on a command line.
export SELO_DEMO_DIR=$tmp SELO_DEMO_BIN=$PWD/$bin SELO_DEMO_PORT=$port
printf '%s' "$password" | dbus-run-session -- bash -c '
  set -u
  echo -n selo-demo | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  # Until the daemon owns the Secret Service name, a request would make
  # D-Bus start a second daemon that waits on a prompt.
  for _ in $(seq 50); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true && break
    sleep 0.1
  done
  secret-tool store --label="Selo office/password" service Selo username office/password ||
    { echo "office-demo: could not store the password in the demo keyring" >&2; exit 1; }
  SELO_DATA_DIR=$SELO_DEMO_DIR/a "$SELO_DEMO_BIN" >"$SELO_DEMO_DIR/a.log" 2>&1 &
  a=$!
  SELO_DATA_DIR=$SELO_DEMO_DIR/b "$SELO_DEMO_BIN" >"$SELO_DEMO_DIR/b.log" 2>&1 &
  b=$!
  if [ -n "${SELO_DEMO_SECONDS:-}" ]; then
    sleep "$SELO_DEMO_SECONDS"
    n=$(ls /proc/$a /proc/$b >/dev/null 2>&1 && ss -tnp 2>/dev/null | grep -c ":$SELO_DEMO_PORT .*pid=\($a\|$b\),")
    kill $a $b 2>/dev/null
    wait $a $b
    if [ "${n:-0}" -lt 2 ]; then
      echo "office-demo: the two windows were not both connected to the server" >&2
      tail -n 20 "$SELO_DEMO_DIR/a.log" "$SELO_DEMO_DIR/b.log" >&2
      exit 1
    fi
    echo "office-demo: both windows were connected to the server ($n connections)" >&2
    exit 0
  fi
  wait $a $b
'
