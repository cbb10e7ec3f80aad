#!/usr/bin/env bash
# Runs every test binary under a build directory and sums their results.
# Usage: tests/run.sh BUILD_DIR
#
# Two passes: every suite on SQLite; then every suite that opened a database
# (tests/fixture.c tells, through KC_TEST_DB_USED) again on PostgreSQL, on a
# private cluster that tests/pg.sh starts for the pass and stops after it,
# with KC_TEST_DB=pg. Each suite reports in TAP. A suite that crashes, exits
# non-zero without reporting a failure, reports no test at all, or runs past
# its time limit counts as one failed test. Skipped tests are counted apart,
# never as passed. Each pass ends with "sqlite: ..." or "postgresql: ...";
# the last line is the total, "N passed, N failed[, N skipped]", also written
# to BUILD_DIR/test-counts (and per pass to test-counts-sqlite, -postgresql).
#
# Internal: tests/run.sh --pass NAME BUILD_DIR LIST runs the suites in the
# file LIST as pass NAME (the PostgreSQL pass runs so, under tests/pg.sh).
set -u
here=$(cd "$(dirname "$0")" && pwd)
limit=${KC_TEST_TIMEOUT:-600} # seconds per suite
export CMOCKA_MESSAGE_OUTPUT=TAP

# Runs the suites listed in file $3 (one path a line) as pass $1 over build
# dir $2; suites that opened a database are appended to file $4 (if given).
run_pass() {
	local pass=$1 dir=$2 list=$3 used_list=${4:-}
	local passed=0 failed=0 skipped=0 t out rc s p f why mark start
	mark=$(mktemp)
	while IFS= read -r t; do
		rm -f "$mark"
		start=$SECONDS
		out=$(KC_TEST_DB_USED=$mark timeout "$limit" "$t" 2>&1 </dev/null) # not the list
		rc=$?
		[ -n "$used_list" ] && [ -e "$mark" ] && echo "$t" >>"$used_list"
		# A SKIP directive makes a test neither passed nor failed, after "ok"
		# or "not ok" (cmocka writes the latter for a skipped test).
		s=$(grep -Ec '^(not )?ok .*# *SKIP' <<<"$out")
		p=$(grep '^ok ' <<<"$out" | grep -vc '# *SKIP')
		f=$(grep '^not ok ' <<<"$out" | grep -vc '# *SKIP')
		why=""
		if [ "$rc" -eq 124 ]; then
			why="timed out after ${limit}s"
		elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			why="exit status $rc" # crashed, or a sanitizer stopped it
		elif [ $((p + f + s)) -eq 0 ]; then
			why="ran no test"
		fi
		if [ -n "$why" ]; then
			f=$((f + 1))
			out+=$'\n'"not ok - ${t#"$dir"/}: $why"
		fi
		if [ "$f" -ne 0 ]; then
			printf '%s\n' "$out" | grep -v '^ok '
		fi
		printf '%-40s %-10s %4d passed, %d failed%s (%d s)\n' "${t#"$dir"/}" "$pass" "$p" "$f" \
			"$([ "$s" -ne 0 ] && echo ", $s skipped")" $((SECONDS - start))
		passed=$((passed + p))
		failed=$((failed + f))
		skipped=$((skipped + s))
	done <"$list"
	rm -f "$mark"
	echo "$passed $failed $skipped" >"$dir/test-counts-$pass"
	echo "$pass: $passed passed, $failed failed$([ "$skipped" -ne 0 ] && echo ", $skipped skipped")"
}

if [ "${1:-}" = "--pass" ]; then
	[ $# -eq 4 ] || { echo "usage: tests/run.sh --pass NAME BUILD_DIR LIST" >&2; exit 2; }
	run_pass "$2" "$3" "$4"
	exit 0
fi

dir=${1:?usage: tests/run.sh BUILD_DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
find "$dir/tests" -type f -name 'test_*' -perm -u+x | sort >"$work/all"
: >"$work/db"

run_pass sqlite "$dir" "$work/all" "$work/db"

rm -f "$dir/test-counts-postgresql"
if [ -s "$work/db" ]; then
	start=$(date +%s)
	KC_TEST_DB=pg "$here/pg.sh" "$here/run.sh" --pass postgresql "$dir" "$work/db"
	rc=$?
	if [ ! -f "$dir/test-counts-postgresql" ]; then
		echo "not ok - the PostgreSQL pass did not run (tests/pg.sh exit status $rc)"
		echo "0 1 0" >"$dir/test-counts-postgresql"
		echo "postgresql: 0 passed, 1 failed"
	fi
	echo "postgresql pass: $(($(date +%s) - start)) s"
fi

passed=0 failed=0 skipped=0
for pass in sqlite postgresql; do
	[ -f "$dir/test-counts-$pass" ] || continue
	read -r p f s <"$dir/test-counts-$pass"
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
done
echo "$passed $failed $skipped" >"$dir/test-counts"
echo "$passed passed, $failed failed$([ "$skipped" -ne 0 ] && echo ", $skipped skipped")"
[ "$failed" -eq 0 ]
