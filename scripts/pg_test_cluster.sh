#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for tests, on 127.0.0.1 and a free port.
#   pg_test_cluster.sh start DIR   creates (or reuses) the cluster in DIR, starts it, makes the
#                                  database motcua_test and role motcua, and prints one line:
#                                  host=127.0.0.1 port=NNNN dbname=motcua_test user=postgres
#   pg_test_cluster.sh stop DIR    stops it (fast) and removes DIR
# Safe as root (the server runs as user postgres) and idempotent. Exit 2: PostgreSQL missing.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
MARK=.motcua-pg-test
DB=motcua_test

die() { echo "pg_test_cluster: $*" >&2; exit 1; }
usage() { echo "usage: $0 start|stop DIR" >&2; exit 64; }

[[ $# -eq 2 ]] || usage
cmd=$1
dir=$(realpath -m -- "$2")
[[ "$dir" != / ]] || die "refusing to use /"

have_pg() { [[ -x "$PGBIN/initdb" && -x "$PGBIN/pg_ctl" ]]; }
if [[ $cmd == start ]] && ! have_pg; then
  echo "pg_test_cluster: PostgreSQL 15 is not installed ($PGBIN missing); run scripts/bootstrap.sh" >&2
  exit 2
fi

# Run a server-side command as postgres when we are root (initdb and postgres refuse root).
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then (cd "$dir" && runuser -u postgres -- "$@"); else (cd "$dir" && "$@"); fi
}

running() { have_pg && [[ -f "$dir/data/PG_VERSION" ]] && as_owner "$PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; }

conninfo() { echo "host=127.0.0.1 port=$(cat "$dir/port") dbname=$DB user=postgres"; }

port_free() {
  local p=$1
  if command -v ss >/dev/null; then
    [[ -z $(ss -Htln "sport = :$p" 2>/dev/null) ]]
  else
    ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null
  fi
}

psql_admin() {
  "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(cat "$dir/port")" -U postgres -d postgres "$@"
}

start() {
  if [[ -d "$dir" && ! -f "$dir/$MARK" && -n $(ls -A "$dir") ]]; then
    die "$dir exists, is not empty and is not a test cluster"
  fi
  mkdir -p "$dir"
  touch "$dir/$MARK"
  chmod 0755 "$dir"
  if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi

  if [[ ! -f "$dir/data/PG_VERSION" ]]; then
    rm -rf "$dir/data"
    as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale -N \
      >"$dir/initdb.log" 2>&1 || { tail -n 20 "$dir/initdb.log" >&2; die "initdb failed"; }
    cat >>"$dir/data/postgresql.conf" <<CONF
# pg_test_cluster.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = 64MB
logging_collector = off
CONF
  fi

  if ! running; then
    local tries=0 port ok=0
    while ((tries < 8)); do
      tries=$((tries + 1))
      port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
      port_free "$port" || continue
      echo "$port" >"$dir/port"
      if as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -o "-p $port" -w -t 30 \
           start >/dev/null 2>&1; then
        ok=1
        break
      fi
      running && { as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; }
    done
    ((ok)) || { tail -n 20 "$dir/postgres.log" >&2 || true; die "could not start the server"; }
  fi

  if [[ -z $(psql_admin -Atc "SELECT 1 FROM pg_roles WHERE rolname = 'motcua'") ]]; then
    psql_admin -c "CREATE ROLE motcua LOGIN" >/dev/null
  fi
  if [[ -z $(psql_admin -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB'") ]]; then
    psql_admin -c "CREATE DATABASE $DB OWNER motcua ENCODING 'UTF8' TEMPLATE template0" >/dev/null
  fi
  conninfo
}

stop() {
  [[ -e "$dir" ]] || return 0
  if [[ ! -f "$dir/$MARK" && -n $(ls -A "$dir") ]]; then
    die "$dir is not a test cluster; not removing it"
  fi
  if running; then
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || die "pg_ctl stop failed (see $dir/postgres.log)"
  fi
  rm -rf -- "$dir"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
