#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests (issue #15), from Debian's packages.
# Usage:
#   pg.sh start DIR   create and start a cluster in DIR (must be absent or empty);
#                     prints one line, the DSN of database selo_test for role selo:
#                     postgres://selo:PASSWORD@127.0.0.1:PORT/selo_test?sslmode=disable
#   pg.sh stop DIR    stop that cluster and remove DIR (nothing to do if DIR is gone)
#   pg.sh dsn DIR     print the DSN of a running cluster again
# The server listens on 127.0.0.1 on a free port (several clusters can run at
# once) and on a socket in DIR. TCP needs the password (scram-sha-256); the
# socket trusts the local superuser so this script can create the role.
# PostgreSQL refuses to run as root, so as root (CI) the server runs as the
# 'postgres' user the package creates; anyone else runs it as themselves.
set -euo pipefail

die() { echo "pg.sh: $*" >&2; exit 1; }

usage() { die "usage: pg.sh start DIR | stop DIR | dsn DIR"; }

[ $# -eq 2 ] || usage
cmd=$1
dir=$2
[ -n "$dir" ] || usage
marker=.selo-throwaway-cluster

# bindir holds initdb, pg_ctl and psql: the newest Debian version, else PATH.
find_bindir() {
  local d
  # Newest first, skipping a version with only its client installed.
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/psql" ]; then
      echo "$d"
      return
    fi
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null && command -v psql >/dev/null; then
    dirname "$(command -v initdb)"
    return
  fi
  die "the PostgreSQL server programs (initdb, pg_ctl, psql) are not installed: install Debian's 'postgresql' package (as root, 'make deps-test' does it)"
}

# as runs a command as the user that owns the server.
as=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 ||
    die "running as root, but there is no 'postgres' user to run the server as (PostgreSQL refuses root): install Debian's 'postgresql' package, which creates it"
  command -v runuser >/dev/null || die "running as root, but 'runuser' (util-linux) is missing to switch to the 'postgres' user"
  as=(runuser -u postgres --)
fi
run() { "${as[@]}" "$@"; }

case $cmd in
start)
  bindir=$(find_bindir)
  if [ -e "$dir" ]; then
    [ -d "$dir" ] || die "$dir exists and is not a directory"
    [ -z "$(ls -A "$dir")" ] || die "$dir is not empty: give a new or empty directory for the cluster"
  else
    mkdir -p "$dir" || die "cannot create $dir"
  fi
  dir=$(cd "$dir" && pwd)
  # The socket path must fit in sun_path (107 bytes) with its file name.
  [ ${#dir} -le 80 ] || die "$dir is too long for a socket path (${#dir} characters, at most 80): use a shorter directory such as one from mktemp -d"
  started=
  fail() {
    echo "pg.sh: $*" >&2
    if [ -f "$dir/log" ]; then
      echo "pg.sh: last lines of the server log:" >&2
      tail -n 15 "$dir/log" >&2
    fi
    [ -z "$started" ] || run "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    # Leave nothing half-made behind: the directory was new or empty.
    cd / && rm -rf "$dir"
    exit 1
  }
  touch "$dir/$marker"
  chmod 700 "$dir"
  [ ${#as[@]} -eq 0 ] || chown -R postgres: "$dir"
  run test -w "$dir" || fail "the 'postgres' user cannot write to $dir (is a parent directory private to root?): use a directory under /tmp, e.g. \$(mktemp -d)"
  cd "$dir" # the server user may not be allowed into the caller's directory

  # Local socket: trust (only the server user can reach the 0700 directory);
  # TCP: scram passwords. C locale sorts by bytes, as SQLite does.
  run "$bindir/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C --no-sync --no-instructions >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; fail "initdb failed in $dir/data"; }
  # Throwaway data: durability settings off for speed.
  cat >>"$dir/data/postgresql.conf" <<EOF

# pg.sh: throwaway test cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF

  # A free port: try random ones and let the server's own bind decide, so two
  # clusters started at the same moment cannot both take the same port.
  port=
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    try=$((20000 + ($(od -An -N2 -tu2 /dev/urandom) % 40000)))
    : >"$dir/log"
    [ ${#as[@]} -eq 0 ] || chown postgres: "$dir/log"
    if run "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -o "-p $try" -w -t 20 start >/dev/null 2>&1; then
      port=$try
      break
    fi
    grep -q 'could not bind\|could not create lock file\|Address already in use' "$dir/log" || fail "the server did not start"
  done
  [ -n "$port" ] || fail "found no free port in 10 tries"
  started=1

  password=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')
  # SQL on stdin, so the password never shows in a process list.
  run "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres >/dev/null 2>"$dir/psql.log" <<EOF ||
CREATE ROLE selo LOGIN CREATEDB PASSWORD '$password';
CREATE DATABASE selo_test OWNER selo;
EOF
    { cat "$dir/psql.log" >&2; fail "could not create role selo and database selo_test"; }

  dsn="postgres://selo:$password@127.0.0.1:$port/selo_test?sslmode=disable"
  (umask 077 && echo "$dsn" >"$dir/dsn")
  echo "$dsn"
  ;;
stop)
  [ -e "$dir" ] || exit 0
  [ -f "$dir/$marker" ] || die "$dir was not made by 'pg.sh start': refusing to remove it"
  if [ -f "$dir/data/postmaster.pid" ]; then
    bindir=$(find_bindir)
    cd "$dir"
    # Immediate: nothing in a throwaway cluster is worth a checkpoint.
    # A server that already died (killed test run) leaves a stale pid file:
    # then there is nothing to stop and the directory can go.
    if ! run "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 20 stop >/dev/null 2>&1; then
      rc=0
      run "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 || rc=$?
      [ "$rc" = 3 ] || die "could not stop the server in $dir/data (see $dir/log)"
    fi
    cd /
  fi
  rm -rf "$dir"
  ;;
dsn)
  [ -f "$dir/dsn" ] || die "no running cluster in $dir (start one with 'pg.sh start $dir')"
  cat "$dir/dsn"
  ;;
*) usage ;;
esac
