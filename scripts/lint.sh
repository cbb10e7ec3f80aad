#!/usr/bin/env bash
# make lint: formatting (clang-format, the repository's .clang-format) and the
# libc functions khuyencong never calls (unbounded or not thread-safe).
set -u
cd "$(dirname "$0")/.."
status=0
files=$(git ls-files -co --exclude-standard -- '*.c' '*.h')
[ -n "$files" ] || { echo "lint: no C files found"; exit 1; }

report=$(mktemp)
trap 'rm -f "$report"' EXIT
if ! clang-format --dry-run -Werror $files 2>"$report"; then
	head -40 "$report"
	echo "lint: files are not clang-formatted; run: clang-format -i \$(git ls-files '*.c' '*.h')"
	status=1
fi

banned='\b(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atol|atoll|gets)[[:space:]]*\('
if grep -nE "$banned" $files; then
	echo "lint: banned function (use snprintf/Buf, memcpy with a length, strtol with checks)"
	status=1
fi

[ $status -eq 0 ] && echo "lint: ok ($(wc -w <<<"$files") files)"
exit $status
