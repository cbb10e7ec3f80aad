#!/usr/bin/env bash
# Runs every test binary under a build directory and sums their results.
# Usage: tests/run.sh BUILD_DIR
# Each cmocka suite reports in TAP; a suite that crashes or exits non-zero
# without reporting a failure counts as one failed test. The last line is
# "N passed, N failed"; the counts are also written to BUILD_DIR/test-counts.
set -u
dir=${1:?usage: tests/run.sh BUILD_DIR}
passed=0 failed=0
export CMOCKA_MESSAGE_OUTPUT=TAP
for t in $(find "$dir/tests" -type f -name 'test_*' -perm -u+x | sort); do
	out=$("$t" 2>&1)
	rc=$?
	p=$(grep -c '^ok ' <<<"$out")
	f=$(grep -c '^not ok ' <<<"$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # crashed, or a sanitizer stopped it
	fi
	if [ "$f" -ne 0 ]; then
		printf '%s\n' "$out" | grep -v '^ok '
	fi
	printf '%-40s %4d passed, %d failed\n' "${t#"$dir"/}" "$p" "$f"
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "$passed $failed" >"$dir/test-counts"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
