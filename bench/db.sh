#!/usr/bin/env bash
# make bench-db: the list and aggregate queries on SQLite and on PostgreSQL at
# the same data size (bench/bench_db.c). PostgreSQL is a private cluster that
# tests/pg.sh starts and stops (in memory, without fsync: this compares the
# engines' query work, not their disks). Usage: bench/db.sh BUILD_DIR [PROJECTS]
set -eu
b=${1:?usage: bench/db.sh BUILD_DIR [PROJECTS]}
n=${2:-20000}
here=$(cd "$(dirname "$0")/.." && pwd)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$b/bench/bench_db" "$tmp/bench.sqlite" "$n"
"$here/tests/pg.sh" bash -c '"$0/psql" "$KC_TEST_PG_URL/postgres" -qc "CREATE DATABASE bench" &&
	"$1/bench/bench_db" "$KC_TEST_PG_URL/bench" "$2"' "$pgbin" "$b" "$n"
