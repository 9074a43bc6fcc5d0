#!/bin/sh
# On a terminal (a pseudo-terminal from util-linux script(1)), --color=auto
# colours, and NO_COLOR=1 turns that off; skipped where there is no such
# script(1).
set -eu
d=$TMP/tty-color.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
esc=$(printf '\033')
if ! script -qec true /dev/null >/dev/null 2>&1; then
	echo "no util-linux script(1) here"
	exit 77
fi
cmd="$WRAP $CLAIMPIPE explain -R pack Prices may rise, Ana Ruiz said."
script -qec "$cmd" /dev/null </dev/null >"$d/tty" 2>&1 || true
if ! grep -q "$esc\[32m" "$d/tty"; then
	echo "on a terminal, --color=auto should colour; got:"
	cat -v "$d/tty"
	fail=1
fi
NO_COLOR=1 script -qec "$cmd" /dev/null </dev/null >"$d/tty" 2>&1 || true
if grep -q "$esc\[" "$d/tty" || ! grep -q '\[claim: Prices \]' "$d/tty"; then
	echo "on a terminal with NO_COLOR=1, no colour; got:"
	cat -v "$d/tty"
	fail=1
fi
exit $fail
