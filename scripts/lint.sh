#!/usr/bin/env bash
# make lint: formatting (clang-format, the repository's .clang-format) and the
# libc functions khuyencong never calls (unbounded or not thread-safe).
set -u
cd "$(dirname "$0")/.."
status=0
files=$(git ls-files -co --exclude-standard -- '*.c' '*.h')

if ! clang-format --dry-run -Werror $files 2>/tmp/kc-lint.$$; then
	head -40 /tmp/kc-lint.$$
	echo "lint: files are not clang-formatted; run: clang-format -i \$(git ls-files '*.c' '*.h')"
	status=1
fi
rm -f /tmp/kc-lint.$$

banned='\b(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atol|atoll|gets)[[:space:]]*\('
if grep -nE "$banned" $files; then
	echo "lint: banned function (use snprintf/Buf, memcpy with a length, strtol with checks)"
	status=1
fi

[ $status -eq 0 ] && echo "lint: ok ($(wc -w <<<"$files") files)"
exit $status
