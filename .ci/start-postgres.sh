#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the store tests and prints its connection URL.
# Uses Debian's postgresql binaries under the postgres user; data lives in a temp dir.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
data=$(mktemp -d /tmp/luoshi-pg.XXXXXX)
chown postgres "$data"
port=${PGPORT_TEST:-55432}
# The first free port from there on, so a server left running elsewhere does not stop CI.
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
runuser -u postgres -- "$bin/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$bin/pg_ctl" -D "$data" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" -l "$data/log" -w start >/dev/null
runuser -u postgres -- "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "create database luoshi_test" >/dev/null
echo "postgres://postgres@127.0.0.1:$port/luoshi_test"
