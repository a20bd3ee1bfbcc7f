#!/usr/bin/env zsh
# Real completions of completion/_handsup: an interactive zsh in a
# pseudo-terminal (zsh/zpty) loads it through compinit, gets a line and a
# Tab, and its compadd records the matches in a file instead of changing
# the line.  Run by test_completion.sh, which makes the folders:
#   zsh -f test_zsh.zsh ROOT TMP      (the current folder is TMP/work)
# Prints "ok - WHAT" or "FAIL - WHAT" for each check.
emulate -L zsh
setopt extendedglob
root=$1 tmp=$2
zmodload zsh/zpty zsh/zselect || { print "FAIL - zsh/zpty"; exit 1 }

mkdir -p $tmp/zfunc
sed "s|/usr/share/handsup|$tmp/data|" $root/completion/_handsup >$tmp/zfunc/_handsup
out=$tmp/zsh-matches

cat >$tmp/zsetup <<EOF
PS1= PROMPT= RPROMPT=
bindkey -e
bindkey '^I' complete-word
fpath=( ${(q)tmp}/zfunc \$fpath )
autoload -Uz compinit && compinit -u -D
# Record what a completion would offer, and leave the line alone.
compadd() {
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "\$@"
    return
  fi
  local -a __hits
  builtin compadd -A __hits "\$@"
  (( \$#__hits )) && print -rl -- "\$__hits[@]" >>${(q)out}
  builtin compadd "\$@"
}
# _main_complete empties comppostfuncs before it calls them: put back.
__done() {
  compstate[insert]=
  compstate[list]=
  print -r -- __END__ >>${(q)out}
  comppostfuncs+=( __done )
}
comppostfuncs=( __done )
print -r ready >${(q)tmp}/zready
EOF

zpty z zsh -f -i
zpty -w z "source ${(q)tmp}/zsetup"

drain() { local junk; while zpty -r -t z junk 2>/dev/null; do :; done }
# waitfor FILE LINE: up to 10 s for FILE to hold LINE.
waitfor() {
  integer i
  for (( i = 0; i < 1000; i++ )); do
    drain
    [[ -f $1 ]] && (( ${${(f)"$(<$1)"}[(Ie)$2]} )) && return 0
    zselect -t 1
  done
  return 1
}
waitfor $tmp/zready ready || { print "FAIL - zsh did not start"; exit 1 }

typeset -a got
# comp LINE: the matches of a Tab at the end of LINE, in $got.
comp() {
  rm -f $out
  zpty -w -n z "$1"$'\t'
  if ! waitfor $out __END__; then
    # One hung completion would make every later one wait as long.
    print -r -- "FAIL - no answer in 10 s to: $1"
    zpty -d z
    exit 1
  else
    # compadd -A gives the matches quoted as they would be inserted.
    got=( ${(Q)${(f)"$(<$out)"}:#__END__} )
  fi
  zpty -w -n z $'\C-u'
}
has() { # WHAT WANTED...
  local what=$1 w; shift
  for w; do
    (( $got[(Ie)$w] )) || { print -r -- "FAIL - $what: $w missing; got: ${(j:|:)got}"; return }
  done
  print -r -- "ok - $what"
}
lacks() { # WHAT UNWANTED...
  local what=$1 w; shift
  for w; do
    (( $got[(Ie)$w] )) && { print -r -- "FAIL - $what: $w offered; got: ${(j:|:)got}"; return }
  done
  print -r -- "ok - $what"
}
exactly() { # WHAT WANTED...
  local what=$1; shift
  local -a want=( "$@" )
  if [[ ${(j:|:)${(ou)got}} == ${(j:|:)${(o)want}} ]]; then
    print -r -- "ok - $what"
  else
    print -r -- "FAIL - $what: got: ${(j:|:)got}"
  fi
}

subs=( resume follow check export report projector )
comp 'handsup '
has "zsh first word: subcommands" $subs
has "zsh first word: installed decks and deck files" starter sales-training my.deck sub
lacks "zsh first word: other files" notes.txt a.session
comp 'handsup res'
exactly "zsh subcommand prefix" resume
comp 'handsup --mono '
lacks "zsh subcommands only come first" $subs
has "zsh deck after an option" starter my.deck

comp 'handsup --'
exactly "zsh run options" --name --state-dir --out --theme --bars --mono --ascii \
  --groups --no-groups --headcount --aligned --timer --timer-bell --phones \
  --listen --help --version
comp 'handsup -'
exactly "zsh run options and short letters" -n -d -o -m -a -h -V \
  --name --state-dir --out --theme --bars --mono --ascii --groups --no-groups --headcount \
  --aligned --timer --timer-bell --phones --listen --help --version
comp 'handsup --t'
exactly "zsh --t: the theme's and the timer's options" --theme --timer --timer-bell
comp 'handsup --theme='
exactly "zsh themes" auto dark light mono
comp 'handsup resume --'
exactly "zsh resume options" --state-dir --out --aligned --theme --bars --timer \
  --timer-bell --phones --listen --mono --ascii --help
comp 'handsup resume -'
exactly "zsh resume options and short letters" -d -o -m -a -h \
  --state-dir --out --aligned --theme --bars --timer --timer-bell --phones --listen \
  --mono --ascii --help
comp 'handsup follow --'
exactly "zsh follow options" --state-dir --aligned --theme --bars --mono --ascii --help
comp 'handsup follow Ber'
exactly "zsh follow: name prefix" "Berlin, March"
comp 'handsup export --'
exactly "zsh export options" --format --output --bom --help
comp 'handsup projector --'
exactly "zsh projector options" --theme --bars --mono --ascii --help
comp 'handsup report --'
exactly "zsh report options" --format --output --compare --bom --help
comp 'handsup export -'
exactly "zsh export options and short letters" -f -o -h \
  --format --output --bom --help
comp 'handsup report -'
exactly "zsh report options and short letters" -f -o -c -h \
  --format --output --compare --bom --help
comp 'handsup check --'
exactly "zsh check options" --help

comp 'handsup export --format '
exactly "zsh --format values" text csv md json
comp 'handsup report --format=c'
exactly "zsh --format=c" csv
comp 'handsup export -f '
exactly "zsh -f values" text csv md json
comp 'handsup --theme '
exactly "zsh --theme values" auto dark light mono
comp 'handsup resume --bars '
exactly "zsh resume --bars values" blocks full ascii

comp 'handsup resume '
has "zsh resume: session names and files" "Globex enablement team" "Berlin, March" a.session
lacks "zsh resume: no hidden or half-written sessions" Hidden "Half written"
comp 'handsup resume Ber'
exactly "zsh resume: name prefix" "Berlin, March"
comp "handsup resume --state-dir ${(q)tmp}/other "
has "zsh --state-dir on the line" "Other room"
lacks "zsh --state-dir replaces the folder" "Berlin, March"
comp 'handsup follow G'
exactly "zsh follow takes a session name, as resume does" "Globex enablement team"

comp 'handsup export '
has "zsh export: state folder's files, and files here" \
  $tmp/state/20261203-130000-globex.session a.session
lacks "zsh export: names are not files" "Globex enablement team"
comp 'handsup report --compare '
has "zsh --compare: sessions" $tmp/state/20261203-130000-globex.session

comp 'handsup check st'
exactly "zsh check: installed deck prefix" starter
comp 'handsup check sub/'
exactly "zsh check: a path is not an installed name" inner.deck
# $HANDSUP_DATADIR names the installed decks' folder, as for handsup.
rm -f $tmp/zdatadir
zpty -w z "export HANDSUP_DATADIR=${(q)tmp}/data\\ two; print -r set >${(q)tmp}/zdatadir"
if waitfor $tmp/zdatadir set; then
  comp 'handsup check '
  has "zsh HANDSUP_DATADIR: its decks" mine my.deck
  lacks "zsh HANDSUP_DATADIR: not the installed folder's" starter
  comp 'handsup check mi'
  exactly "zsh HANDSUP_DATADIR: prefix" mine
else
  print -r -- "FAIL - zsh did not set HANDSUP_DATADIR"
fi
rm -f $tmp/zdatadir
zpty -w z "export HANDSUP_DATADIR=; print -r set >${(q)tmp}/zdatadir"
if waitfor $tmp/zdatadir set; then
  comp 'handsup check st'
  exactly "zsh HANDSUP_DATADIR empty: the installed folder" starter
else
  print -r -- "FAIL - zsh did not empty HANDSUP_DATADIR"
fi

for o in --name -n --groups --headcount --aligned --timer; do
  comp "handsup $o "
  exactly "zsh $o takes free text: nothing offered"
done

zpty -d z
