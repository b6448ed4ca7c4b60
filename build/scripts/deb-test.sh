#!/usr/bin/env bash
# Installs build/bin/selo_VERSION_amd64.deb with apt on this machine, checks
# its files, the office server it ships (selo-server.service installed and
# not enabled, /etc/selo/server.toml a conffile, `selo server --check` on the
# shipped config and, filled in, against a throwaway PostgreSQL), opens the
# INSTALLED /usr/bin/selo under Xvfb with a temporary data folder (the same
# window check as smoke.sh), then removes the package (every file gone but
# the edited conffile) and purges it (the conffile gone too). Needs root and
# PostgreSQL's programs (make deps-test).
# Usage: deb-test.sh VERSION
# Env:   DEB_ARTIFACT (default build/bin/artifacts/deb-window.png)
set -euo pipefail
cd "$(dirname "$0")/../.."

version=${1:?usage: deb-test.sh VERSION}
deb=build/bin/selo_${version//-/\~}_amd64.deb
[ -f "$deb" ] || { echo "deb-test: $deb not found (make deb)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "deb-test: run as root (it installs and removes the package with apt-get)" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive

unit=/usr/lib/systemd/system/selo-server.service
conf=/etc/selo/server.toml
fail() { echo "deb-test: FAIL: $*" >&2; exit 1; }

mapfile -t files < <(dpkg-deb --contents "$deb" | awk '$6 !~ /\/$/ {sub(/^\./, "", $6); print $6}')
mapfile -t conffiles < <(dpkg-deb --ctrl-tarfile "$deb" | tar -xOf - ./conffiles 2>/dev/null || true)
installed=""
work=""
pgdir=""
cleanup() {
  if [ -n "$installed" ]; then
    echo "deb-test: removing the package after a failure"
    apt-get purge -y -qq selo >/dev/null 2>&1 || true
  fi
  [ -z "$pgdir" ] || bash build/scripts/pg.sh stop "$pgdir" || true
  [ -z "$work" ] || rm -rf "$work"
}
trap cleanup EXIT

echo "== apt-get install ./$deb"
apt-get install -y -qq "./$deb" >/dev/null
installed=1
status=$(dpkg-query -W -f='${Status} ${Version}' selo)
echo "deb-test: dpkg: $status"
case $status in
  "install ok installed ${version//-/\~}") ;;
  *) fail "selo is not installed at version $version" ;;
esac
for f in "${files[@]}"; do
  [ -e "$f" ] || fail "$f missing after install"
done
echo "deb-test: ${#files[@]} files in place"
[ "$(command -v selo)" = /usr/bin/selo ] || fail "selo is not /usr/bin/selo on PATH"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate /usr/share/applications/selo.desktop
  echo "deb-test: desktop entry valid"
fi
grep -q '^Name\[pt_BR\]=' /usr/share/applications/selo.desktop &&
  grep -q '^Comment\[pt_BR\]=' /usr/share/applications/selo.desktop ||
  fail "desktop entry lacks its pt-BR name or comment"

echo "== the office server: unit, config, --check"
[ -f "$unit" ] || fail "$unit missing"
grep -qx 'ExecStart=/usr/bin/selo server --config /etc/selo/server.toml' "$unit" ||
  fail "$unit does not start /usr/bin/selo server on $conf"
# dpkg knows the config as a conffile: an upgrade keeps the office's edits.
dpkg-query -W -f='${Conffiles}\n' selo | grep -q "^ $conf " || fail "dpkg does not list $conf as a conffile of selo"
cmp -s "$conf" /usr/share/doc/selo/server.toml || fail "$conf differs from /usr/share/doc/selo/server.toml"
# Installed, not enabled: the package makes no symlink anywhere under
# /etc/systemd/system (a .wants/ link is what enabling is).
enabled=$(find /etc/systemd/system -name 'selo-server*' 2>/dev/null)
[ -z "$enabled" ] || fail "the package enabled the server: $enabled"
if command -v systemctl >/dev/null; then
  state=$(systemctl --root=/ is-enabled selo-server.service 2>&1 || true)
  [ "$state" = disabled ] || fail "systemctl is-enabled selo-server says \"$state\", not \"disabled\""
  echo "deb-test: selo-server.service installed and disabled"
fi
if command -v systemd-analyze >/dev/null; then
  # verify works without systemd as PID 1; an unknown or misspelt setting is
  # only a warning on stderr, so any word about the unit fails the step.
  out=$(systemd-analyze verify "$unit" 2>&1) || fail "systemd-analyze verify refused the unit: $out"
  ! grep -q 'selo-server' <<<"$out" || fail "systemd-analyze verify: $out"
  exposure=$(systemd-analyze security --offline=yes "$unit" 2>/dev/null | tail -n 1 || true)
  echo "deb-test: systemd-analyze verify ok; ${exposure#→ }"
  case $exposure in
    *" OK "*) ;;
    *) fail "the sandbox got weaker: $exposure (was 1.7 OK)" ;;
  esac
else
  echo "deb-test: systemd-analyze not installed: unit not verified"
fi

# The shipped config is a template: --check refuses it and names the first
# field to fill, not a syntax error or an unknown key.
rc=0
out=$(env -u CREDENTIALS_DIRECTORY /usr/bin/selo server --check --config "$conf" 2>&1) || rc=$?
echo "deb-test: shipped config: $out"
[ "$rc" = 1 ] || fail "--check on the shipped $conf exited $rc, not 1"
grep -Eq '^selo server: [a-z_]+(\[[0-9]+\])?\.[a-z_]+: ' <<<"$out" || fail "--check on the shipped config names no field"
! grep -Eq 'campo desconhecido|não é um TOML válido' <<<"$out" || fail "the shipped $conf does not load"

# Filled in, against a throwaway PostgreSQL, with root-only 0600 secret files.
work=$(mktemp -d /tmp/selo-debtest.XXXXXX)
# The cluster's own directory: pg.sh runs it as the postgres user, who may
# not enter the private $work.
pgdir=$(mktemp -d /tmp/selo-debpg.XXXXXX)
dsn=$(bash build/scripts/pg.sh start "$pgdir")
password=${dsn#postgres://selo:}
password=${password%%@*}
port=${dsn##*:}
port=${port%%/*}
secrets=$work/secrets
install -d -m 700 "$secrets"
secret() { (umask 077 && printf '%s\n' "$2" >"$secrets/$1"); }
secret db-password "$password"
secret jivochat-token "jivo-deb-test-token"
secret clicksign-7-token "clicksign-deb-test-token"
secret clicksign-7-webhook-secret "clicksign-deb-test-secret"
public=https://selo.deb-test.example
database_keys="database.host=\"127.0.0.1\"|database.port=$port|database.database=\"selo_test\"|database.user=\"selo\"|database.tls=\"disable\"|web.public_url=\"$public\""
# fill SETS FILE: the shipped config with SETS (key=value|...) written on
# its own lines, commented out or not: the office's edit, done as a person
# would, so a template missing one of these keys fails here.
fill() {
  awk -v sets="$1" '
    BEGIN {
      n = split(sets, list, "|")
      for (i = 1; i <= n; i++) { eq = index(list[i], "="); val[substr(list[i], 1, eq - 1)] = substr(list[i], eq + 1) }
    }
    /^[ \t]*\[/ { section = $0; gsub(/^[ \t]*\[+[ \t]*|[ \t]*\]+.*$/, "", section); print; next }
    /^[ \t]*#[ \t]*\[/ { section = "#"; print; next }
    section != "#" && match($0, /^[ \t]*#?[ \t]*[A-Za-z0-9_]+[ \t]*=/) {
      key = substr($0, RSTART, RLENGTH); commented = key ~ /#/; gsub(/[ \t#=]/, "", key)
      full = section "." key
      if (full in val) {
        if (!(full in done)) { print key " = " val[full]; done[full] = 1; next }
        if (!commented) { print "# " $0; next }
      }
    }
    { print }
    END {
      for (full in val) if (!(full in done)) { print "deb-test: FAIL: the shipped config has no line for " full > "/dev/stderr"; bad = 1 }
      exit bad
    }' "$2"
}
# The conffile itself, edited in place: removal must keep it.
fill "$database_keys|database.password_file=\"$secrets/db-password\"|jivochat.token_file=\"$secrets/jivochat-token\"" \
  /usr/share/doc/selo/server.toml >"$work/server.toml"
cat >>"$work/server.toml" <<EOF

[[clicksign]]
key_id = 7
token_file = "$secrets/clicksign-7-token"
webhook_secret_file = "$secrets/clicksign-7-webhook-secret"
EOF
cat "$work/server.toml" >"$conf"
check_urls() { # what --check printed
  grep -qF "$public/webhooks/jivochat/jivo-deb-test-token" <<<"$1" || fail "--check printed no JivoChat URL: $1"
  grep -qF "$public/webhooks/clicksign/7" <<<"$1" || fail "--check printed no Clicksign URL: $1"
  ! grep -qF "$password" <<<"$1" || fail "--check printed the database password"
}
# No --config: the default path is where the package puts the file.
out=$(env -u CREDENTIALS_DIRECTORY /usr/bin/selo server --check 2>&1) || fail "--check with 0600 secret files: $out"
check_urls "$out"
echo "deb-test: --check with secret files named in $conf:"
sed 's/^/  /' <<<"$out"
# The other way: systemd credentials (what LoadCredential= hands the
# service), with a config that names no secret file.
fill "$database_keys" /usr/share/doc/selo/server.toml >"$work/creds.toml"
printf '\n[[clicksign]]\nkey_id = 7\n' >>"$work/creds.toml"
out=$(CREDENTIALS_DIRECTORY=$secrets /usr/bin/selo server --check --config "$work/creds.toml" 2>&1) ||
  fail "--check with systemd credentials: $out"
check_urls "$out"
echo "deb-test: --check with systemd credentials ok"
bash build/scripts/pg.sh stop "$pgdir"
pgdir=""

echo "== the installed binary opens its window"
SMOKE_ARTIFACT=${DEB_ARTIFACT:-build/bin/artifacts/deb-window.png} ./build/scripts/smoke.sh /usr/bin/selo

echo "== apt-get remove selo"
apt-get remove -y -qq selo >/dev/null
left=()
for f in "${files[@]}"; do
  printf '%s\n' "${conffiles[@]}" | grep -qxF "$f" && continue
  [ ! -e "$f" ] || left+=("$f")
done
[ ${#left[@]} -eq 0 ] || fail "left after removal: ${left[*]}"
if dpkg-query -W -f='${Status}' selo 2>/dev/null | grep -q 'ok installed'; then
  fail "dpkg still lists selo as installed"
fi
# remove keeps the office's settings for a reinstall; purge takes them.
cmp -s "$conf" "$work/server.toml" || fail "$conf was not kept as edited by apt-get remove"
echo "deb-test: removed; ${#files[@]} files gone but the edited $conf"
apt-get purge -y -qq selo >/dev/null
installed=""
[ ! -e "$conf" ] || fail "$conf is left after apt-get purge"
[ ! -e /etc/selo ] || fail "/etc/selo is left after apt-get purge"
if dpkg-query -W -f='${Status}' selo 2>/dev/null | grep -q 'config-files'; then
  fail "dpkg still keeps config files of selo after purge"
fi
echo "deb-test: purged; $conf gone"
echo "deb-test: ok"
