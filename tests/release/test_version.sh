#!/usr/bin/env bash
# The version is written once, as VERSION in the Makefile; everything
# else that names it must agree: handsup --version, the .Os line of both
# man pages, the newest entry of debian/changelog and of NEWS.  Ends
# with "N passed, N failed"; the status is 1 if any check failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${HANDSUP_BIN:-$root/handsup}
passed=0 failed=0

check()
{ # WHAT WANT GOT
	if [[ $2 == "$3" ]]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		printf 'FAIL: %s: expected "%s", got "%s"\n' "$1" "$2" "$3"
	fi
}

version=$(sed -n 's/^VERSION *= *//p' "$root/Makefile")
check "Makefile VERSION is set" yes "$([[ -n $version ]] && echo yes || echo no)"

out=$("$bin" --version)
check "handsup --version, first line" "handsup $version" "$(sed -n 1p <<<"$out")"
check "handsup --version, copyright line" yes \
	"$(grep -q '^Copyright (c) [0-9]\{4\} ' <<<"$out" && echo yes || echo no)"
check "handsup --version, licence line" yes \
	"$(grep -q '^License MIT' <<<"$out" && echo yes || echo no)"
for page in handsup.1 handsup.5; do
	check "man/$page .Os" ".Os handsup $version" \
		"$(grep '^\.Os' "$root/man/$page")"
done
# A Debian revision ("-1") is the package's own, not handsup's.
deb=$(sed -n '1s/^handsup (\([^)]*\)).*/\1/p' "$root/debian/changelog")
check "debian/changelog, newest entry" "$version" "${deb%-*}"
news=$(grep -m 1 '^[0-9][0-9.]*$' "$root/NEWS")
check "NEWS, newest section" "$version" "$news"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
