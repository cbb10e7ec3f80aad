#!/usr/bin/env bash
# Runs every test binary under a build directory and sums their results.
# Usage: tests/run.sh BUILD_DIR
# Each suite reports in TAP. A suite that crashes, exits non-zero without
# reporting a failure, reports no test at all, or runs past its time limit
# counts as one failed test. Skipped tests are counted apart, never as
# passed. The last line is "N passed, N failed[, N skipped]"; the counts are
# also written to BUILD_DIR/test-counts.
set -u
dir=${1:?usage: tests/run.sh BUILD_DIR}
limit=${KC_TEST_TIMEOUT:-600} # seconds per suite
passed=0 failed=0 skipped=0
export CMOCKA_MESSAGE_OUTPUT=TAP
for t in $(find "$dir/tests" -type f -name 'test_*' -perm -u+x | sort); do
	out=$(timeout "$limit" "$t" 2>&1)
	rc=$?
	s=$(grep -c '^ok .*# *SKIP' <<<"$out")
	p=$(($(grep -c '^ok ' <<<"$out") - s))
	f=$(grep -c '^not ok ' <<<"$out")
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
	printf '%-40s %4d passed, %d failed%s\n' "${t#"$dir"/}" "$p" "$f" \
		"$([ "$s" -ne 0 ] && echo ", $s skipped")"
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
done
echo "$passed $failed $skipped" >"$dir/test-counts"
echo "$passed passed, $failed failed$([ "$skipped" -ne 0 ] && echo ", $skipped skipped")"
[ "$failed" -eq 0 ]
