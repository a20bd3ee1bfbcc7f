#!/bin/sh
# Runs each test program given, shows its output, and adds up the cmocka
# results into one closing line: "N passed, N failed".  A program that
# dies without a cmocka summary counts as one failure.
passed=0 failed=0 bad=""
log=$(mktemp) || exit 2
trap 'rm -f "$log"' EXIT
for t in "$@"; do
	"$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	[ -n "$p" ] || p=0
	[ -n "$f" ] || f=0
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" -eq 0 ] || bad="$bad ${t##*/}"
done
[ -z "$bad" ] || echo "failing programs:$bad"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
