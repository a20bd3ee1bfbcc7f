#!/usr/bin/env bash
# make install-data (everything make install does but the binary) into
# a temporary DESTDIR: the man pages name the folders of this install,
# for PREFIX=/opt/handsup-test and for a package's PREFIX=/usr, and the
# decks, NOTICE and completions are where the pages say.  Ends with
# "N passed, N failed"; the status is 1 if any check failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
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

# Every folder is given, and the calling make's own variables (make check
# in a package build passes DATADIR and others) are not passed on.
install_to()
{ # DESTDIR PREFIX
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
		make -s -C "$root" install-data DESTDIR="$1" PREFIX="$2" \
		DATADIR="$2/share/handsup" DOCDIR="$2/share/doc/handsup" \
		MANPREFIX="$2/share/man" \
		BASHCOMPDIR="$2/share/bash-completion/completions" \
		ZSHCOMPDIR="$2/share/zsh/vendor-completions" \
		>"$tmp/make.log" 2>&1 || cat "$tmp/make.log"
}

p=/opt/handsup-test
d=$tmp/opt
install_to "$d" "$p"
man1=$d$p/share/man/man1/handsup.1
man5=$d$p/share/man/man5/handsup.5
for f in "$man1" "$man5" "$d$p/share/handsup/starter.deck" \
	"$d$p/share/handsup/sales-training.deck" \
	"$d$p/share/doc/handsup/NOTICE" \
	"$d$p/share/bash-completion/completions/handsup" \
	"$d$p/share/zsh/vendor-completions/_handsup"; do
	ok "installed: ${f#"$d"}" test -f "$f"
done
for path in "$p/share/handsup/" "$p/share/doc/handsup/NOTICE" \
	"$p/share/bash-completion/completions/handsup" \
	"$p/share/zsh/vendor-completions/_handsup"; do
	ok "handsup(1) names $path" grep -qF "Pa $path" "$man1"
done
ok "handsup(5) names $p/share/handsup/" grep -qF "Pa $p/share/handsup/" "$man5"
ok "no /usr/share path is left in handsup(1)" \
	bash -c "! grep -q '/usr/share/' '$man1'"
ok "no /usr/share path is left in handsup(5)" \
	bash -c "! grep -q '/usr/share/' '$man5'"
# The decks' folder, unless $HANDSUP_DATADIR names another.
ok "the bash completion lists $p/share/handsup" \
	grep -qF "\${HANDSUP_DATADIR:-$p/share/handsup}\"/" \
	"$d$p/share/bash-completion/completions/handsup"
ok "the zsh completion lists $p/share/handsup" \
	grep -qF "\${HANDSUP_DATADIR:-$p/share/handsup}\"/" \
	"$d$p/share/zsh/vendor-completions/_handsup"
if command -v mandoc >/dev/null; then
	ok "the installed pages pass mandoc -Tlint" \
		mandoc -Tlint -W warning "$man1" "$man5"
fi

# A package (PREFIX=/usr): the pages as they are in the tree.
d=$tmp/usr
install_to "$d" /usr
ok "PREFIX=/usr: handsup(1) as in the tree" \
	cmp "$root/man/handsup.1" "$d/usr/share/man/man1/handsup.1"
ok "PREFIX=/usr: handsup(5) as in the tree" \
	cmp "$root/man/handsup.5" "$d/usr/share/man/man5/handsup.5"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
