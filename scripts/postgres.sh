#!/usr/bin/env bash
# A private, throw-away PostgreSQL server for the tests: `source scripts/postgres.sh`, then `postgres_start` (installs
# Debian's postgresql when missing, starts a cluster in a temp dir on a free local port, exports OR_TEST_POSTGRES) and
# `postgres_stop` (stops it and deletes the dir; test.sh calls it from its exit trap).
# Trust authentication, listening on 127.0.0.1 only; fsync off: the data lives as long as the test run.
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` OS user (the package creates it).

postgres_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

postgres_install() {
  [ -n "$(postgres_bin)" ] && return 0
  echo "Installing: postgresql"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
}

postgres_free_port() {
  local port
  for port in $(seq 55432 55532); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  return 1
}

postgres_start() {
  postgres_install
  local bin port
  bin="$(postgres_bin)"
  port="$(postgres_free_port)"
  OR_PG_DIR="$(mktemp -d /tmp/or-pg.XXXXXX)"
  OR_PG_AS=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$OR_PG_DIR"
    OR_PG_AS=(runuser -u postgres --)
  fi
  "${OR_PG_AS[@]}" "$bin/initdb" -D "$OR_PG_DIR/data" -U postgres -E UTF8 --locale=C --auth=trust >"$OR_PG_DIR/initdb.log" 2>&1 \
    || { cat "$OR_PG_DIR/initdb.log"; return 1; }
  "${OR_PG_AS[@]}" "$bin/pg_ctl" -D "$OR_PG_DIR/data" -l "$OR_PG_DIR/server.log" -w -o \
    "-c listen_addresses=127.0.0.1 -p $port -k $OR_PG_DIR -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$OR_PG_DIR/server.log"; return 1; }
  OR_PG_BIN="$bin"
  export OR_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($OR_PG_DIR)"
}

postgres_stop() {
  [ -n "${OR_PG_DIR:-}" ] && [ -d "$OR_PG_DIR" ] || return 0
  "${OR_PG_AS[@]}" "$OR_PG_BIN/pg_ctl" -D "$OR_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$OR_PG_DIR"
  OR_PG_DIR=""
}
