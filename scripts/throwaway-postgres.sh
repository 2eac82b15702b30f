#!/usr/bin/env bash
# Sourced by test.sh (and usable by hand): a PostgreSQL cluster in a temporary folder, on a free local port,
# with trust authentication on 127.0.0.1 only. Exports QUALIS_TEST_PG for the tests.
start_throwaway_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$bin/initdb" ] || { echo "initdb not found"; return 1; }
  # A folder given in PG_DIR is kept (and its cluster reused) across runs, for benchmarks run again and again.
  if [ -n "${PG_DIR:-}" ]; then PG_KEEP=1; mkdir -p "$PG_DIR"; else PG_KEEP=0; PG_DIR=$(mktemp -d /tmp/qualis-pg.XXXXXX); fi
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55432)
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PG_DIR"
    run=(runuser -u postgres --)
  fi
  PG_RUN=("${run[@]}")
  PG_BIN=$bin
  if [ ! -d "$PG_DIR/data" ]; then
    "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; return 1; }
  fi
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${QUALIS_PG_OPTIONS:-}" start >/dev/null \
    || { cat "$PG_DIR/server.log"; return 1; }
  export QUALIS_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $PG_PORT ($PG_DIR)"
}

stop_throwaway_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  [ "${PG_KEEP:-0}" = 1 ] || rm -rf "$PG_DIR"
}
