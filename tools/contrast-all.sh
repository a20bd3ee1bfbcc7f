#!/usr/bin/env bash
# contrast-all.sh: every screen of handsup in a real xterm, in every
# theme, on a black and on a white window, at 80x24 and 160x48, measured
# cell by cell with tools/contrast.py.  Prints one line per shot and
# exits 1 if any pair of colours fails (text under 4.5:1, bars and
# large digits under 3:1).
#
# usage: tools/contrast-all.sh [-s SIZES] [-t THEMES] [-o DIR]
#   -s  sizes, default "80x24 160x48"
#   -t  themes, default "dark light mono dark8": dark8 is --theme dark
#       on xterm's own 8-colour TERM=xterm; the others run with
#       TERM=xterm-256color
#   -o  where the screenshots go (default: a temporary folder, removed)
# Needs what tools/xterm-shot.sh needs, and a built ./handsup.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="80x24 160x48" themes="dark light mono dark8" out=
while getopts s:t:o: opt; do
	case $opt in
	s) sizes=$OPTARG ;;
	t) themes=$OPTARG ;;
	o) out=$OPTARG ;;
	*) exit 2 ;;
	esac
done
keep=1
[ -n "$out" ] || { out=$(mktemp -d); keep=0; }
mkdir -p "$out"
trap '[ $keep = 1 ] || rm -rf "$out"' EXIT

# Each screen: the keys that lead to it from the start of a session.
screens=(title item help summary closing check)
declare -A keys=(
	[title]=""
	[item]="Right 1 1 2 2 2"
	[help]="Right 1 1 2 2 2 question"
	[summary]="Right 1 1 2 2 2 s"
	[closing]="Right 1 1 2 2 2 s Right"
	[check]="P"
)

printf '%-8s %-6s %-5s %-7s %5s %9s %9s %5s %6s\n' size theme window \
	screen pairs "low text" "low mark" fail seams
bad=0
for size in $sizes; do
	for theme in $themes; do
		term=xterm-256color arg=$theme
		[ "$theme" = dark8 ] && term=xterm arg=dark
		for window in dark light; do
			for s in "${screens[@]}"; do
				png="$out/$size-$theme-$window-$s.png"
				state=$(mktemp -d)
				HANDSUP_STATE_DIR=$state tools/xterm-shot.sh \
					-s "$size" -t "$window" -T "$term" \
					${keys[$s]:+-k "${keys[$s]}"} -o "$png" \
					-- ./handsup --theme "$arg" --name shot \
					>/dev/null
				# The shot's handsup may still be saving as it goes.
				rm -rf "$state" 2>/dev/null || true
				report=$(python3 tools/contrast.py shot "$png" || true)
				echo "$report" >"${png%.png}.txt"
				echo "$report" | awk -v size="$size" -v theme="$theme" \
					-v window="$window" -v screen="$s" '
					$1 == "text" || $1 == "block" {
						# kind fg... bg... cells ratio needs result
						for (i = 2; i <= NF; i++)
							if ($i ~ /^[0-9]+\.[0-9][0-9]$/) { r = $i; break }
						pairs++
						if ($1 == "text" && (lt == "" || r + 0 < lt + 0)) lt = r
						if ($1 == "block" && (lb == "" || r + 0 < lb + 0)) lb = r
					}
					/pair\(s\) fail/ { fail = $1 }
					/^seams:/ { seams = $2 }
					END {
						printf "%-8s %-6s %-5s %-7s %5d %9s %9s %5s %6s\n",
							size, theme, window, screen, pairs,
							lt == "" ? "-" : lt, lb == "" ? "-" : lb,
							fail, seams
					}'
				grep -q '^0 pair(s) fail' <<<"$report" || bad=1
			done
		done
	done
done
exit $bad
