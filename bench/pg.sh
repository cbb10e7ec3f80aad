#!/usr/bin/env bash
# bench/pg.sh BUILD_DIR PROVINCE_DB — the in-process benchmarks (kcbench api,
# report, dashboard) on both engines with the same data: one province's share
# of the national data (khuyencong gen --scale province: Cần Thơ over twenty
# years), as a SQLite file and copied (khuyencong copy) into a database of the
# private PostgreSQL cluster this script runs in (tests/pg.sh: loopback, in
# memory, fsync off — the engines' query work, not their disks).
#
# Run by bench/run.sh as: tests/pg.sh bench/pg.sh BUILD_DIR PROVINCE_DB
# Prints "sqlite_province_NAME: value" and "pg_province_NAME: value" lines,
# each of kcbench's figures: our path against its raw SQL on that engine.
set -euo pipefail
B=${1:?usage: bench/pg.sh BUILD_DIR PROVINCE_DB}
DB=${2:?usage: bench/pg.sh BUILD_DIR PROVINCE_DB}
ROUNDS=${ROUNDS:-3}
: "${KC_TEST_PG_URL:?run under tests/pg.sh}"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
url=$KC_TEST_PG_URL/bench

"$pgbin/psql" "$KC_TEST_PG_URL/postgres" -qc "CREATE DATABASE bench"
t0=$(date +%s.%N)
./khuyencong copy --from "$DB" --to "$url" > /dev/null
t1=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" 'BEGIN {printf "pg_province_copy_seconds: %.1f\n", b - a}'
"$pgbin/psql" "$url" -qc "ANALYZE"

for engine in sqlite pg; do
	at=$DB
	[ "$engine" = pg ] && at=$url
	for what in api report dashboard; do
		echo "bench: $what on $engine, one province's share" >&2
		"$B/bench/kcbench" "$what" --db "$at" --rounds "$ROUNDS" |
			sed "s/^/${engine}_province_/"
	done
done
