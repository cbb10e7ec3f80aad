#!/usr/bin/env bash
# Runs a command with a private PostgreSQL cluster for the tests, and stops
# the cluster afterwards, also when the command fails or the run is
# interrupted. Nothing system-wide is installed, started or changed.
# Usage: tests/pg.sh COMMAND [ARGS...]
#   e.g. tests/pg.sh env KC_TEST_DB=pg build/release/tests/store/test_project
# The command sees KC_TEST_PG_URL=postgresql://kc@127.0.0.1:PORT (the
# superuser "kc", trusted on loopback); tests/fixture.c creates a database
# per test from it when KC_TEST_DB=pg.
#
# The cluster is initdb'ed in a temporary folder, listens on a free loopback
# port only, and runs without fsync (its data is thrown away). Its default
# collation is ICU's Vietnamese, so a text column that does not compare bytes
# as SQLite does (the dialect layer's COLLATE "C") shows up in the tests.
# PostgreSQL refuses to run as root: as root the server runs as the user
# nobody, which owns the cluster's folder.
set -u
[ $# -gt 0 ] || { echo "usage: tests/pg.sh COMMAND [ARGS...]" >&2; exit 2; }

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
	echo "pg.sh: the PostgreSQL server is not installed (Debian package postgresql)" >&2
	exit 3
fi

# In memory when the machine has /dev/shm: the cluster is thrown away, and
# cloning the template database per test is then several times faster.
tmp=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && tmp=/dev/shm
dir=$(mktemp -d "$tmp/kc-pg-XXXXXX") || exit 3
as=()
if [ "$(id -u)" -eq 0 ]; then
	as=(runuser -u nobody --)
	chown nobody "$dir"
fi

stop() {
	"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1
	rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! "${as[@]}" "$bin/initdb" -D "$dir/data" -U kc --auth=trust -E UTF8 --locale=C.UTF-8 \
	--locale-provider=icu --icu-locale=vi >"$dir/initdb.log" 2>&1; then
	cat "$dir/initdb.log" >&2
	echo "pg.sh: initdb failed" >&2
	exit 3
fi

# A free loopback port: try random ones until the server starts on one.
started=0
for _ in 1 2 3 4 5 6 7 8; do
	port=$((20000 + RANDOM % 30000))
	(: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue # taken
	if "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=120 -c shared_buffers=64MB" \
		start >/dev/null 2>&1; then
		started=1
		break
	fi
done
if [ $started -eq 0 ]; then
	tail -20 "$dir/server.log" >&2 2>/dev/null
	echo "pg.sh: the PostgreSQL server did not start" >&2
	exit 3
fi

export KC_TEST_PG_URL="postgresql://kc@127.0.0.1:$port"
# In the background, so that a signal to this script is handled at once: the
# command is stopped, then the cluster (the EXIT trap). Its stdin stays ours.
"$@" <&0 &
child=$!
trap 'kill -INT $child 2>/dev/null; wait $child; exit 130' INT
trap 'kill -TERM $child 2>/dev/null; wait $child; exit 143' TERM
wait $child
