#!/usr/bin/env bash
# Runs every check Selo has, in order, and prints one summary line. Each step
# runs even when an earlier one failed, so one CI run shows every problem; the
# exit status is non-zero if any step failed.
# SELO_STEPS="name[,name...]" runs only the steps whose name contains one of
# those words, e.g. SELO_STEPS="PostgreSQL" ./build/scripts/test.sh.
set -uo pipefail
cd "$(dirname "$0")/../.."

passed=0
failed=0
skipped=0
failures=()
selected() {
  [ -n "${SELO_STEPS:-}" ] || return 0
  local want w
  IFS=, read -ra want <<<"$SELO_STEPS"
  for w in "${want[@]}"; do
    [ -n "$w" ] && [[ $1 == *"$w"* ]] && return 0
  done
  return 1
}
step() {
  local name=$1
  shift
  selected "$name" || { skipped=$((skipped + 1)); return 0; }
  echo
  echo "=== $name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "--- ok: $name ($((SECONDS - start))s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "--- FAILED: $name ($((SECONDS - start))s)"
  fi
}

gofmt_check() {
  local out
  out=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './frontend/node_modules/*'))
  [ -z "$out" ] || { echo "gofmt would change:"; echo "$out"; return 1; }
}

keyring_test() {
  local xdg
  xdg=$(mktemp -d)
  XDG_DATA_HOME=$xdg dbus-run-session -- sh -c \
    'echo -n selo-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && go test -count=1 -tags keyring -run TestRealKeyring ./backend/secrets/' 2>&1 |
    grep -v 'Failed to set fd limit'
  local rc=${PIPESTATUS[0]}
  rm -rf "$xdg"
  return "$rc"
}

bindings_check() {
  # Regenerate the Wails bindings and fail if the committed copy differs, so
  # the frontend never type-checks against stale Go signatures.
  ./build/bin/wails generate module >/dev/null || return 1
  if git rev-parse --git-dir >/dev/null 2>&1; then
    git diff --exit-code --stat -- frontend/wailsjs || { echo "frontend/wailsjs is stale: run 'make bindings' and commit"; return 1; }
  fi
}

# The store suite once more, on a throwaway PostgreSQL cluster (issue #15).
# A subshell, so its EXIT trap stops the cluster however the step ends,
# including Ctrl-C or a CI timeout.
postgres_store_suite() (
  local dir
  # /tmp, not $TMPDIR: as root the server runs as 'postgres', which must
  # reach the directory, and its socket path must stay short.
  dir=$(mktemp -d /tmp/selo-pg.XXXXXX) || exit 1
  trap 'bash build/scripts/pg.sh stop "$dir"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  SELO_TEST_POSTGRES=$(bash build/scripts/pg.sh start "$dir") || exit 1
  export SELO_TEST_POSTGRES
  # One clear line if the harness itself is broken, before the suite runs.
  go run -C build/scripts/pgcheck . || exit 1
  local rc=0
  go test -count=1 ./backend/sqlstore/... ./backend/office/... || rc=1
  # The send engine's tests that need the server (a restart mid-send).
  go test -count=1 -run 'OnPostgres|BesideTheServer' ./backend/signing/ || rc=1
  # Two apps wired as main.go wires them, on one database: B hears A.
  go test -count=1 -run 'TestWiredOfficePCs' . || rc=1
  # The headless `selo server` on the office database (issue #16).
  go test -count=1 -run 'TestServer|TestDesktopsGiveWay|TestOfficeDocuSign' . || rc=1
  exit $rc
)

# The e2e files, with a throwaway PostgreSQL cluster of their own so the
# office-mode files (officecopy, faults...) run too instead of skipping. A
# subshell, so its EXIT trap stops the cluster however the step ends.
# SELO_TEST_POSTGRES_DIR lets a test stop and restart that server (the
# server going away mid-session).
e2e() (
  go build -tags dev,webkit2_41 -o build/bin/selo-dev . || exit 1
  local dir
  dir=$(mktemp -d /tmp/selo-pg.XXXXXX) || exit 1
  trap 'bash build/scripts/pg.sh stop "$dir"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  SELO_TEST_POSTGRES=$(bash build/scripts/pg.sh start "$dir") || exit 1
  SELO_TEST_POSTGRES_DIR=$dir
  export SELO_TEST_POSTGRES SELO_TEST_POSTGRES_DIR
  (cd frontend && npm run --silent e2e)
)

smoke() { make -s build >/dev/null && ./build/scripts/smoke.sh; }

deb_test() {
  if [ "$(id -u)" != 0 ]; then
    # Installing a .deb needs root; CI runs as root, a developer may not.
    echo "skipped: installing the .deb needs root (run 'sudo make deb-test')"
    return 0
  fi
  make -s deb-test
}

step "gofmt" gofmt_check
step "go vet" go vet ./...
step "go test" go test -count=1 ./...
# Wails' asset handler links WebKitGTK, so its test needs the build tag.
step "embedded frontend served by Wails (webkit2_41)" go test -count=1 -tags webkit2_41 ./app/webassets/
step "store suite on PostgreSQL" postgres_store_suite
step "keyring (real Secret Service)" keyring_test
step "bindings up to date" bindings_check
step "vue-tsc" bash -c 'cd frontend && npx vue-tsc --noEmit -p tsconfig.json'
step "vitest" bash -c 'cd frontend && npx vitest run'
step "e2e (Chromium against the dev binary)" e2e
step "smoke (production binary in a real window)" smoke
step "window remembers size, position, maximised (production window)" bash -c 'make -s build >/dev/null && ./build/scripts/window-state.sh'
step "uploads in the production window (20 MB native dialog, 5 MB posted)" ./build/scripts/smoke-upload.sh
step "PDF preview drawn by pdf.js in the production window" ./build/scripts/preview-window.sh
step "Windows executable and installer" make -s windows-installer
step ".deb install, launch and removal" deb_test

echo
[ $failed -eq 0 ] || printf 'failed steps: %s\n' "${failures[*]}"
if [ $skipped -gt 0 ]; then
  echo "($skipped steps not selected by SELO_STEPS=$SELO_STEPS)"
  # A typo in the filter must not read as a green run.
  [ $((passed + failed)) -gt 0 ] || { echo "selo: no step matches SELO_STEPS=$SELO_STEPS"; exit 1; }
fi
echo "selo: $passed passed, $failed failed"
[ $failed -eq 0 ]
