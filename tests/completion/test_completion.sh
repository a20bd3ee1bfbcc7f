#!/usr/bin/env bash
# Tests of the shell completions in completion/: the bash one by calling
# its function with COMP_WORDS and COMP_CWORD set, the zsh one (when zsh
# is installed) through a real completion in a pseudo-terminal, see
# test_zsh.zsh.  Ends with "N passed, N failed" (and the skips, with
# why); the status is 1 if any check failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
passed=0 failed=0 skipped=0

# A data folder, a state folder and a working folder to complete in.
mkdir -p "$tmp/data" "$tmp/state" "$tmp/other" "$tmp/state dir" \
	"$tmp/xdg/handsup" "$tmp/home/.local/state/handsup" "$tmp/work/sub"
cp "$root"/content/*.deck "$tmp/data/"
# Another data folder, for $HANDSUP_DATADIR (a blank in its name).
mkdir -p "$tmp/data two"
: >"$tmp/data two/mine.deck"
session()
{ # FILE NAME
	printf 'handsup-session 1\nname: %s\nstarted: 2026-12-03T13:00:00Z\n' \
		"$2" >"$1"
}
session "$tmp/state/20261203-130000-globex.session" "Globex enablement team"
session "$tmp/state/20261204-090000-berlin-march.session" "Berlin, March"
session "$tmp/state/.20261204-090000-hidden.session" "Hidden"
session "$tmp/state/20261204-090000-x.session.tmp.123" "Half written"
session "$tmp/other/20261205-100000-other.session" "Other room"
session "$tmp/state dir/20261206-100000-blank.session" "Blank path"
session "$tmp/xdg/handsup/20261207-100000-xdg.session" "From XDG"
session "$tmp/home/.local/state/handsup/20261208-100000-home.session" "From HOME"
for f in my.deck notes.txt a.session sub/inner.deck; do : >"$tmp/work/$f"; done

# The file as "make install" writes it, with the data folder filled in.
sed "s|/usr/share/handsup|$tmp/data|" "$root/completion/handsup.bash" \
	>"$tmp/handsup.bash"
# shellcheck source=/dev/null
. "$tmp/handsup.bash"
cd "$tmp/work" || exit 2
export HANDSUP_STATE_DIR=$tmp/state

# compopt only works while bash itself completes.
compopt() { :; }

# comp WORD... : completes the last word, with COMP_WORDS as given.
comp()
{
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_handsup handsup 2>"$tmp/stderr"
	if [[ -s $tmp/stderr ]]; then
		got=("$(<"$tmp/stderr")")
		bad "no message on standard error for: $*"
	fi
	got=("${COMPREPLY[@]}")
}

ok() { passed=$((passed + 1)); }
bad()
{
	failed=$((failed + 1))
	printf 'FAIL: %s\n  got:' "$1"
	printf ' [%s]' "${got[@]}"
	printf '\n'
}
in_got()
{
	local g
	for g in "${got[@]}"; do [[ $g == "$1" ]] && return 0; done
	return 1
}
# has DESC -- WANTED... : every WANTED is offered.
has()
{
	local d=$1 w
	shift 2
	for w; do in_got "$w" || { bad "$d: $w missing"; return; }; done
	ok
}
# lacks DESC -- UNWANTED... : none is offered.
lacks()
{
	local d=$1 w
	shift 2
	for w; do in_got "$w" && { bad "$d: $w offered"; return; }; done
	ok
}
# exactly DESC -- WANTED... : just these, in any order.
exactly()
{
	local d=$1 a b
	shift 2
	a=$(printf '%s\n' "$@" | sort)
	b=
	((${#got[@]} == 0)) || b=$(printf '%s\n' "${got[@]}" | sort -u)
	if [[ $a == "$b" ]]; then ok; else bad "$d"; fi
}

subs=(resume follow check export report projector)
comp handsup ''
has "first word: subcommands" -- "${subs[@]}"
has "first word: installed decks by name" -- starter sales-training
has "first word: deck files and folders" -- my.deck sub
lacks "first word: other files" -- notes.txt a.session
comp handsup res
exactly "subcommand prefix" -- resume
comp handsup --mono ''
lacks "subcommands only come first" -- "${subs[@]}"
has "deck after an option" -- starter my.deck

comp handsup --
exactly "run options" -- --name --state-dir --out --theme --bars --mono --ascii \
	--groups --no-groups --headcount --aligned --timer --timer-bell \
	--phones --listen --help --version
comp handsup --he
exactly "option prefix" -- --headcount --help
comp handsup --t
exactly "--t: the theme's and the timer's options" -- --theme --timer --timer-bell
comp handsup --theme ''
exactly "themes" -- auto dark light mono
comp handsup --bars ''
exactly "bar styles" -- blocks full ascii
comp handsup resume --
exactly "resume options" -- --state-dir --out --aligned --theme --bars \
	--timer --timer-bell --phones --listen --mono --ascii --help
comp handsup follow --
exactly "follow options" -- --state-dir --aligned --theme --bars --mono --ascii --help
comp handsup follow Ber
exactly "follow: name prefix" -- "Berlin, March"
comp handsup follow --aligned ''
exactly "follow: --aligned's value is no session" --
comp handsup check -
exactly "check options" -- --help
comp handsup export -
exactly "export options" -- --format -o --output --bom --help
comp handsup report -
exactly "report options" -- --format -o --output --compare --bom --help
comp handsup report --al
exactly "report has no --aligned" --

comp handsup export --format ''
exactly "--format values" -- text csv md json
comp handsup report -f c
exactly "-f value prefix" -- csv
comp handsup export --format =
exactly "--format= (= a word break)" -- text csv md json
comp handsup export --format = j
exactly "--format=j (= a word break)" -- json
comp handsup export --format=m
exactly "--format=m (= no word break)" -- --format=md
comp handsup --theme=d
exactly "--theme=d (= no word break)" -- --theme=dark
comp handsup resume --bars f
exactly "resume --bars f" -- full
for o in --name -n --groups --headcount --aligned --timer --listen; do
	comp handsup "$o" ''
	exactly "$o takes free text: nothing offered" --
done
comp handsup --format ''
lacks "run has no --format" -- csv
comp handsup check --format ''
lacks "check has no --format" -- csv
comp handsup resume --name ''
exactly "resume: --name's value is no session" --
comp handsup --state-dir ''
exactly "--state-dir: folders" -- sub
comp handsup -o ''
exactly "run's -o is --out: folders" -- sub
comp handsup export -o ''
has "export -o: files" -- notes.txt my.deck sub

comp handsup resume ''
has "resume: session names" -- "Globex enablement team" "Berlin, March"
has "resume: session files here" -- a.session sub
lacks "resume: no hidden, half-written or deck files" -- Hidden \
	"Half written" my.deck
comp handsup resume Ber
exactly "resume: name prefix" -- "Berlin, March"
comp handsup resume "'Berlin, "
exactly "resume: quoted name prefix" -- "Berlin, March"
comp handsup resume 'Berlin\,\ M'
exactly "resume: escaped name prefix" -- "Berlin, March"
comp handsup follow G
exactly "follow takes a session name, as resume does" -- "Globex enablement team"
comp handsup resume --state-dir "$tmp/other" ''
has "--state-dir on the line" -- "Other room"
lacks "--state-dir on the line replaces the folder" -- "Berlin, March"
comp handsup resume --state-dir = "$tmp/other" ''
has "--state-dir=DIR on the line" -- "Other room"
comp handsup resume "-d$tmp/other" ''
has "-dDIR on the line" -- "Other room"
HANDSUP_STATE_DIR="$tmp/state dir" comp handsup resume ''
has "a state folder with a blank" -- "Blank path"
unset HANDSUP_STATE_DIR
XDG_STATE_HOME=$tmp/xdg comp handsup resume ''
has "XDG_STATE_HOME" -- "From XDG"
XDG_STATE_HOME=relative HOME=$tmp/home comp handsup resume ''
has "a relative XDG_STATE_HOME is ignored" -- "From HOME"
XDG_STATE_HOME='' HOME=$tmp/home comp handsup resume ''
has "HOME/.local/state/handsup" -- "From HOME"
export HANDSUP_STATE_DIR=$tmp/state

comp handsup export ''
has "export: state folder's files, as paths" -- \
	"$tmp/state/20261203-130000-globex.session" \
	"$tmp/state/20261204-090000-berlin-march.session"
has "export: session files here" -- a.session sub
lacks "export: names are not files" -- "Globex enablement team" my.deck
comp handsup export "$tmp/state/20261203"
exactly "export: path prefix" -- "$tmp/state/20261203-130000-globex.session"
comp handsup report a.session ''
has "report: many sessions" -- a.session \
	"$tmp/state/20261203-130000-globex.session"
comp handsup report --compare ''
has "--compare: sessions" -- a.session \
	"$tmp/state/20261203-130000-globex.session"

comp handsup check ''
has "check: installed and local decks" -- starter sales-training my.deck sub
lacks "check: no subcommands" -- "${subs[@]}"
comp handsup check st
exactly "check: installed deck prefix" -- starter
comp handsup check sub/
exactly "check: a path is not an installed name" -- sub/inner.deck
# $HANDSUP_DATADIR names the installed decks' folder, as for handsup;
# empty, it is the one installed.
HANDSUP_DATADIR="$tmp/data two" comp handsup check ''
has "HANDSUP_DATADIR: its decks" -- mine my.deck
lacks "HANDSUP_DATADIR: not the installed folder's" -- starter
HANDSUP_DATADIR="$tmp/data two" comp handsup m
exactly "HANDSUP_DATADIR: first word" -- mine my.deck
HANDSUP_DATADIR= comp handsup check st
exactly "HANDSUP_DATADIR empty: the installed folder" -- starter
comp handsup projector --
exactly "projector's options" -- --theme --bars --mono --ascii --help
comp handsup projector --theme l
exactly "projector --theme l" -- light
comp handsup projector ''
exactly "projector takes no deck" --

# The installed file: the data folder written over one path, and the
# function registered for the command.
# expect DESC WANTED ACTUAL
expect()
{
	if [[ $3 == "$2" ]]; then ok; else got=("$3"); bad "$1"; fi
}
expect "bash: one data folder path" 1 \
	"$(grep -c /usr/share/handsup "$root/completion/handsup.bash")"
expect "bash: registered" "complete -F _handsup handsup" "$(complete -p handsup)"

if command -v zsh >/dev/null 2>&1; then
	expect "zsh: one data folder path" 1 \
		"$(grep -c /usr/share/handsup "$root/completion/_handsup")"
	if zsh -n "$root/completion/_handsup"; then ok; else
		got=(); bad "zsh -n _handsup"
	fi
	out=$(zsh -f "$here/test_zsh.zsh" "$root" "$tmp" 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -v '^ok ' || :
	p=$(printf '%s\n' "$out" | grep -c '^ok ')
	f=$(printf '%s\n' "$out" | grep -c '^FAIL')
	((rc == 0 || f > 0)) || f=1
	passed=$((passed + p)) failed=$((failed + f))
else
	echo "skipped: the zsh completion (zsh is not installed)"
	skipped=1
fi

if ((skipped)); then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
((failed == 0))
