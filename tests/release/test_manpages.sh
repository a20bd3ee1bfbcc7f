#!/usr/bin/env bash
# handsup(1) documents every option the parsers accept: each letter of
# the getopt_long option strings in src/cmd/ as ".It Fl X", and each long
# option of their tables as "Fl \-NAME".  Ends with "N passed, N failed";
# the status is 1 if any check failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
man=$root/man/handsup.1
passed=0 failed=0

ok()
{ # WHAT, then a command that must succeed
	local what=$1
	shift
	if "$@" >/dev/null 2>&1; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL: $what"
	fi
}

shorts=$(grep -ho 'getopt_long([^;]*' "$root"/src/cmd/*.c |
	grep -o '"[:a-zA-Z]*"' | tr -d '":' | fold -w 1 | sort -u)
longs=$(grep -ho '{"[a-z-]*", *[a-z]*_argument' "$root"/src/cmd/*.c |
	sed 's/{"\([a-z-]*\)".*/\1/' | sort -u)
ok "the option strings were found" test -n "$shorts"
ok "the long options were found" test -n "$longs"
for c in $shorts; do
	ok "handsup(1) lists -$c" grep -q "^\.It Fl $c\( \|$\)" "$man"
done
for name in $longs; do
	ok "handsup(1) lists --$name" grep -qF "Fl \\-${name//-/\\-}" "$man"
done

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
