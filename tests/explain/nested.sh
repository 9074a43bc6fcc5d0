#!/bin/sh
# Nested attributions: "The deal is off, according to people close to it,
# Lee said." gives two kept claims, the second's content holding the
# first's cue and source.  The marked sentence must still show every
# kept cue and source -- those of the inner claim too -- rather than
# paint them over with the outer claim's content.  (Only the marks are
# checked, not the whole layout.)
set -eu
d=$TMP/nested.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0

$WRAP "$CLAIMPIPE" explain -R pack --color=never \
    'The deal is off, according to people close to it, Lee said.' \
    >"$d/out" 2>"$d/err" || { echo "exit status $?"; fail=1; }
if [ -s "$d/err" ]; then
	echo "stderr was:"
	cat "$d/err"
	fail=1
fi
if [ "$(grep -c '^  claim [01], pack\.explain\.' "$d/out")" != 2 ]; then
	echo "expected two kept claims:"
	cat "$d/out"
	fail=1
fi
marked=$(sed -n 2p "$d/out")
for m in '[cue: according to]' '[source: people close to it]' \
    '[source: Lee]' '[cue: said]'; do
	case $marked in
	*"$m"*) ;;
	*)	echo "the marked sentence lacks $m:"
		echo "$marked"
		fail=1 ;;
	esac
done
exit $fail
