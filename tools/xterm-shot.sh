#!/usr/bin/env bash
# xterm-shot.sh: run a command in a real xterm on a private Xvfb display,
# send it keys, and save a PNG screenshot of the xterm window.
#
# usage: tools/xterm-shot.sh [options] [-- COMMAND [ARG...]]
#
#   -s COLSxROWS  terminal size (default 80x24; the room's size is 160x48)
#   -t THEME      dark: -bg black -fg white (default)
#                 light: -bg white -fg black (xterm's own default)
#   -k KEYS       keys to send, separated by spaces, sent in order; may be
#                 given more than once.  Each is an xdotool key name
#                 (Right, Left, Return, Escape, F1, 1, q, ctrl+l ...), or
#                 type:TEXT to type TEXT, or sleep:SECONDS to pause
#   -w SECONDS    wait after the last key before the shot (default 0.5)
#   -o FILE       the PNG to write (default shot.png)
#   -f FONT       xterm -fa font (default 'DejaVu Sans Mono' when fc-list
#                 knows it; -f '' uses xterm's default bitmap font 'fixed')
#   -z POINTS     font size for -fa (default 14)
#   -T TERM       xterm -tn TERM (default: xterm's own, which is "xterm",
#                 8 colours; pass xterm-256color for the 256-colour cube)
#   -x RESOURCE   an extra xterm -xrm resource, e.g. 'XTerm*boldColors: false'
#   COMMAND       default ./handsup
#
# Example: item 1 of the built-in deck with five hands, on white:
#   HANDSUP_STATE_DIR=$(mktemp -d) tools/xterm-shot.sh -t light \
#       -k 'Right 1 1 2 2 2' -o /tmp/item1-light.png
#   tools/contrast.py shot /tmp/item1-light.png --grid 80x24
#
# The window has no scroll bar and no internal border (-b 0), so the
# image is exactly COLS x ROWS cells.  The command runs with
# HANDSUP_SYNC_FD set: handsup writes its frame counter there, and the
# script waits for the first frame, and for the frames to settle after
# each key.  Other commands just get fixed waits.
# Needs (Debian): xvfb xterm xdotool imagemagick (import, convert) or
# x11-apps (xwd); fonts-dejavu-core for the default font.

set -euo pipefail

size=80x24 theme=dark wait_after=0.5 out=shot.png pts=14 tn=
font=
if command -v fc-list >/dev/null && fc-list | grep -q 'DejaVu Sans Mono'; then
	font='DejaVu Sans Mono'
fi
keys=()
xrm=()

die() { echo "xterm-shot: $*" >&2; exit 2; }

while getopts 's:t:k:w:o:f:z:T:x:h' opt; do
	case $opt in
	s) size=$OPTARG ;;
	t) theme=$OPTARG ;;
	k) read -r -a more <<<"$OPTARG"; keys+=("${more[@]}") ;;
	w) wait_after=$OPTARG ;;
	o) out=$OPTARG ;;
	f) font=$OPTARG ;;
	z) pts=$OPTARG ;;
	T) tn=$OPTARG ;;
	x) xrm+=(-xrm "$OPTARG") ;;
	h) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) die "see -h" ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- ./handsup

[[ $size =~ ^[0-9]+x[0-9]+$ ]] || die "size must be COLSxROWS: $size"
case $theme in
dark) colours=(-bg black -fg white) ;;
light) colours=(-bg white -fg black) ;;
*) die "theme must be dark or light: $theme" ;;
esac
for tool in Xvfb xterm xdotool; do
	command -v "$tool" >/dev/null || die "$tool not found (apt-get install xvfb xterm xdotool)"
done

tmp=$(mktemp -d)
xvfb_pid= xterm_pid=
cleanup() {
	[ -n "$xterm_pid" ] && kill "$xterm_pid" 2>/dev/null || true
	[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Seconds as a count of 0.1 s steps, for the polling loops.
steps() { awk -v s="$1" 'BEGIN { printf "%d", s * 10 }'; }

# A private display: Xvfb picks a free number and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 3840x2160x24 -nolisten tcp \
	3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do
	[ -s "$tmp/display" ] && break
	kill -0 "$xvfb_pid" 2>/dev/null || { cat "$tmp/xvfb.log" >&2; die "Xvfb died"; }
	sleep 0.1
done
[ -s "$tmp/display" ] || die "Xvfb did not start"
export DISPLAY=":$(tr -d '[:space:]' <"$tmp/display")"
# The number can come before the server takes connections: ask it.
for _ in $(seq 100); do
	xdotool getdisplaygeometry >/dev/null 2>&1 && break
	sleep 0.1
done
xdotool getdisplaygeometry >/dev/null 2>&1 || die "cannot reach Xvfb on $DISPLAY"

title="xterm-shot-$$"
frames="$tmp/frames"
: >"$frames"
fontargs=()
[ -n "$font" ] && fontargs=(-fa "$font" -fs "$pts")
tnargs=()
[ -n "$tn" ] && tnargs=(-tn "$tn")
# UTF-8 inside xterm whatever the caller's locale is.
LC_ALL=C.UTF-8 xterm -T "$title" -n "$title" -geometry "$size" \
	"${colours[@]}" "${fontargs[@]}" "${tnargs[@]}" -b 0 +sb \
	"${xrm[@]}" \
	-e env HANDSUP_SYNC_FD=9 sh -c 'exec 9>>"$0"; exec "$@"' \
	"$frames" "$@" 2>"$tmp/xterm.log" &
xterm_pid=$!

wid=
for _ in $(seq 100); do
	wid=$(xdotool search --onlyvisible --name "^$title\$" 2>/dev/null | head -n1) || true
	[ -n "$wid" ] && break
	kill -0 "$xterm_pid" 2>/dev/null || { cat "$tmp/xterm.log" >&2; die "xterm died"; }
	sleep 0.1
done
[ -n "$wid" ] || die "no xterm window"
# No window manager: keys go to the focused window (xterm ignores the
# synthetic events of xdotool --window, so they go through XTEST).
xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid"
xdotool mousemove --window "$wid" 5 5

nframes() { wc -l <"$frames"; }
# Waits until the frame count stays still for 0.3 s (at most $1 seconds).
settle() {
	local last now still=0 n
	last=$(nframes)
	for ((n = $(steps "$1"); n > 0; n--)); do
		sleep 0.1
		now=$(nframes)
		if [ "$now" = "$last" ]; then
			still=$((still + 1))
			[ $still -ge 3 ] && return 0
		else
			still=0 last=$now
		fi
	done
}

# The first frame (handsup), or 1.5 s for any other command.
for ((n = $(steps 1.5); n > 0; n--)); do
	[ "$(nframes)" -gt 0 ] && break
	kill -0 "$xterm_pid" 2>/dev/null || die "the command ended before the shot"
	sleep 0.1
done
settle 2

for k in "${keys[@]}"; do
	case $k in
	sleep:*) sleep "${k#sleep:}" ;;
	type:*) xdotool type --delay 40 -- "${k#type:}" ;;
	*) xdotool key --delay 40 -- "$k" ;;
	esac
	settle 2
done
sleep "$wait_after"
kill -0 "$xterm_pid" 2>/dev/null || die "the command ended before the shot"

mkdir -p "$(dirname -- "$out")"
if command -v import >/dev/null; then
	import -window "$wid" "png24:$out"
elif command -v xwd >/dev/null && command -v convert >/dev/null; then
	xwd -id "$wid" -silent | convert xwd:- "png24:$out"
else
	die "need imagemagick (import) or xwd with convert"
fi
# The grid in the PNG's comment lets tools/contrast.py find the cells.
if command -v convert >/dev/null; then
	convert "$out" -set comment "xterm-shot grid=$size theme=$theme" "png24:$out"
fi
geom=$(xdotool getwindowgeometry "$wid" | awk '/Geometry/ { print $2 }')
echo "xterm-shot: $out: ${size} cells, ${geom} pixels, $theme, frames $(nframes)"
