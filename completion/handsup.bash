# bash completion for handsup(1)                          -*- shell-script -*-
#
# Completes the subcommands, every option of each, the values of the
# options that take a fixed set, session names and files, deck files and
# the names of the installed decks.  It needs nothing from the
# bash-completion package, which only has to load it.
#
# "make install" writes the data folder (DATADIR) over the one path below;
# $HANDSUP_DATADIR, when set and not empty, comes first, as for handsup.

# The state folder as handsup finds it: --state-dir on the line, then
# $HANDSUP_STATE_DIR, then $XDG_STATE_HOME/handsup when absolute, then
# ~/.local/state/handsup.
_handsup_state_dir()
{
	local i w dir=
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		--state-dir | -d)
			if [[ ${COMP_WORDS[i + 1]} == = ]]; then
				dir=${COMP_WORDS[i + 2]}
			else
				dir=${COMP_WORDS[i + 1]}
			fi
			;;
		--state-dir=*) dir=${w#*=} ;;
		-d?*) dir=${w#-d} ;;
		esac
	done
	if [[ -n $dir ]]; then
		_handsup_dequote "$dir"
		dir=$REPLY
		# shellcheck disable=SC2088 # a literal tilde, as typed
		[[ $dir == "~" || $dir == "~/"* ]] && dir=$HOME${dir#"~"}
	elif [[ -n ${HANDSUP_STATE_DIR-} ]]; then
		dir=$HANDSUP_STATE_DIR
	elif [[ ${XDG_STATE_HOME-} == /* ]]; then
		dir=$XDG_STATE_HOME/handsup
	else
		dir=${HOME-}/.local/state/handsup
	fi
	REPLY=$dir
}

# The word as typed, without its quotes or backslashes (near enough for
# matching names).
_handsup_dequote()
{
	REPLY=$1
	case $REPLY in
	\'*) REPLY=${REPLY#\'} REPLY=${REPLY%\'} ;;
	\"*) REPLY=${REPLY#\"} REPLY=${REPLY%\"} ;;
	*) REPLY=${REPLY//\\/} ;;
	esac
}

# Adds each argument that starts with $cur to COMPREPLY.
_handsup_add()
{
	local w
	for w; do
		[[ $w == "$cur"* ]] && COMPREPLY+=("$w")
	done
}

# Session files (*.session) in the state folder, as paths.
_handsup_state_files()
{
	local f
	_handsup_state_dir
	for f in "$REPLY"/*.session; do
		[[ -f $f && ${f##*/} != .* ]] && _handsup_add "$f"
	done
}

# The names recorded in the state folder's sessions ("name: ..." near
# the top of each file), which "resume NAME" accepts.
_handsup_session_names()
{
	local f line n
	_handsup_state_dir
	for f in "$REPLY"/*.session; do
		[[ -f $f && -r $f && ${f##*/} != .* ]] || continue
		n=0
		while ((n++ < 8)) && IFS= read -r line; do
			if [[ $line == "name: "?* ]]; then
				_handsup_add "${line#name: }"
				break
			fi
		done <"$f"
	done
}

# compgen's answers for $cur, one a line, so that blanks survive.
_handsup_compgen()
{
	local f
	while IFS= read -r f; do
		COMPREPLY+=("$f")
	done < <(compgen "$@" -- "$cur")
}

# Files with the given extension, and folders to reach more of them.
_handsup_files()
{
	_handsup_compgen -f -X "!*.$1"
	_handsup_compgen -d
}

# The installed decks by name (a deck argument without a slash is also
# looked up there, with or without ".deck"), and deck files.
_handsup_decks()
{
	local f n
	if [[ $cur != */* ]]; then
		for f in "${HANDSUP_DATADIR:-/usr/share/handsup}"/*.deck; do
			[[ -f $f ]] || continue
			n=${f##*/}
			_handsup_add "${n%.deck}"
		done
	fi
	_handsup_files deck
}

_handsup()
{
	local cur prev cmd='' pre='' opts=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	COMPREPLY=()

	# "--format=cs" is three words ("--format", "=", "cs") with the
	# usual COMP_WORDBREAKS, and one when "=" is not a break.
	if [[ $cur == = && $prev == --* ]]; then
		cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)) &&
		[[ ${COMP_WORDS[COMP_CWORD - 2]} == --* ]]; then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == --*=* ]]; then
		prev=${cur%%=*}
		pre=$prev=
		cur=${cur#*=}
	fi
	_handsup_dequote "$cur"
	cur=$REPLY

	# A subcommand comes first, before any option.
	if ((COMP_CWORD > 1)); then
		case ${COMP_WORDS[1]} in
		resume | follow | check | export | report | projector)
			cmd=${COMP_WORDS[1]}
			;;
		esac
	fi

	# The options that take a value, as each parser reads them: resume's
	# and follow's also read the run's (and refuse some), so their values
	# are not completed as a session.
	local valued
	case $cmd in
	'' | resume | follow)
		valued=' --name -n --state-dir -d --out -o --groups --headcount --aligned --theme --bars --timer --listen '
		;;
	projector) valued=' --theme --bars ' ;;
	export) valued=' --format -f --output -o ' ;;
	report) valued=' --format -f --output -o --compare -c ' ;;
	*) valued= ;;
	esac
	[[ $valued == *" $prev "* ]] || prev=

	case $prev in
	--format | -f) _handsup_add text csv md json ;;
	--theme) _handsup_add auto dark light mono ;;
	--bars) _handsup_add blocks full ascii ;;
	--state-dir | -d | --out)
		compopt -o filenames 2>/dev/null
		_handsup_compgen -d
		;;
	-o | --output)
		# export and report write a file; the run's -o is --out.
		compopt -o filenames 2>/dev/null
		if [[ $cmd == export || $cmd == report ]]; then
			_handsup_compgen -f
		else
			_handsup_compgen -d
		fi
		;;
	--compare | -c)
		compopt -o filenames 2>/dev/null
		_handsup_state_files
		_handsup_files session
		;;
	--name | -n | --groups | --headcount | --aligned | --timer | --listen)
		# Free text, a number or a duration: nothing to offer.
		;;
	esac
	if [[ -n $prev ]]; then
		((${#COMPREPLY[@]} == 0)) || [[ -z $pre ]] ||
			COMPREPLY=("${COMPREPLY[@]/#/$pre}")
		return 0
	fi
	[[ -n $pre ]] && return 0

	case $cmd in
	'')
		opts=(--name --state-dir --out --groups --no-groups --headcount
			--aligned --theme --bars --timer --timer-bell --phones --listen
			--mono --ascii --help --version)
		;;
	resume)
		opts=(--state-dir --out --aligned --theme --bars --timer --timer-bell
			--phones --listen --mono --ascii --help)
		;;
	follow) opts=(--state-dir --aligned --theme --bars --mono --ascii --help) ;;
	check) opts=(--help) ;;
	projector) opts=(--theme --bars --mono --ascii --help) ;;
	export) opts=(--format -o --output --bom --help) ;;
	report) opts=(--format -o --output --bom --compare --help) ;;
	esac
	if [[ $cur == -* ]]; then
		_handsup_add "${opts[@]}"
		return 0
	fi

	case $cmd in
	'')
		((COMP_CWORD == 1)) &&
			_handsup_add resume follow check export report projector
		compopt -o filenames 2>/dev/null
		_handsup_decks
		;;
	check)
		compopt -o filenames 2>/dev/null
		_handsup_decks
		;;
	resume | follow)
		compopt -o filenames 2>/dev/null
		_handsup_session_names
		_handsup_files session
		;;
	export | report)
		compopt -o filenames 2>/dev/null
		_handsup_state_files
		_handsup_files session
		;;
	esac
	return 0
}
complete -F _handsup handsup
