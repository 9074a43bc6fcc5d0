#!/bin/sh
# A cut at --max-length must not split an atomic segment of the map: a
# "..." folded from the three-byte "…" is one original character and
# cannot belong to two sentence records.  Through normalize, a text of
# "x…" repeated with no space (so the cuts fall at character boundaries
# of the normalized text) must give pieces whose original spans follow
# each other without overlapping, each piece at most 64 bytes of text.
set -eu
d=$TMP/max-length-atomic.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0

awk 'BEGIN { printf "ab"; for (i = 0; i < 40; i++) printf "x\342\200\246"
	printf "\n" }' >"$d/a.txt"
set +e
$WRAP "$CLAIMPIPE" normalize "$d/a.txt" |
    $WRAP "$CLAIMPIPE" split --max-length 64 >"$d/out" 2>/dev/null
rc=$?
set -e
if [ "$rc" != 0 ]; then
	echo "exit status $rc, expected 0"
	fail=1
fi
awk '
{
	match($0, /"span":\[[0-9]+,[0-9]+\]/)
	split(substr($0, RSTART + 8, RLENGTH - 9), sp, ",")
	match($0, /"text":"[^"]*"/)
	if (RLENGTH - 9 > 64) {
		print NR ": " RLENGTH - 9 " bytes of text"
		bad = 1
	}
	if (NR > 1 && sp[1] < end) {
		print NR ": span [" sp[1] ", " sp[2] ") overlaps the previous one, [" start ", " end ")"
		bad = 1
	}
	start = sp[1]
	end = sp[2]
}
END {
	if (NR < 2) { print "no cut"; bad = 1 }
	if (end != 162) { print "the last piece ends at " end ", expected 162"; bad = 1 }
	exit bad
}' "$d/out" || fail=1
exit $fail
