#!/bin/sh
# Runs each test program given, shows its output, and adds up the results
# into one closing line: "N passed, N failed, N skipped".  A program
# reports through cmocka's summary lines, or a closing line of its own
# ("N passed, N failed" and optionally ", N skipped"); one that dies
# without either counts as one failure.  A skip must say why in its
# program's output.
passed=0 failed=0 skipped=0 bad=""
log=$(mktemp) || exit 2
trap 'rm -f "$log"' EXIT
for t in "$@"; do
	case "$t" in
	*.sh) bash "$t" >"$log" 2>&1 ;;
	*) "$t" >"$log" 2>&1 ;;
	esac
	rc=$?
	cat "$log"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	plain=$(grep -E '^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' "$log" | tail -n 1)
	if [ -z "$p$f" ] && [ -n "$plain" ]; then
		p=${plain%% passed*}
		f=${plain#*passed, }
		f=${f%% failed*}
		case "$plain" in
		*skipped) s=${plain##*failed, }; s=${s%% skipped} ;;
		esac
	fi
	[ -n "$p" ] || p=0
	[ -n "$f" ] || f=0
	[ -n "$s" ] || s=0
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
	[ "$f" -eq 0 ] || bad="$bad ${t##*/}"
done
[ -z "$bad" ] || echo "failing programs:$bad"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
