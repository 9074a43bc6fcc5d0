#!/bin/sh
# --max-length bounds every sentence, also one whose end is a long run of
# terminal marks or closing brackets: the run cannot carry a sentence
# past the maximum.  With --max-length 64, every sentence record's text
# is at most 64 bytes, the pieces keep the text's order without overlap,
# and the sentences after the run are found as usual.
set -eu
d=$TMP/max-length-terminal-run.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0

dots=$(awk 'BEGIN { for (i = 0; i < 200; i++) printf "." }')
qs=$(awk 'BEGIN { for (i = 0; i < 150; i++) printf "?" }')
parens=$(awk 'BEGIN { for (i = 0; i < 90; i++) printf ")" }')
{
	printf '{"type":"doc","doc":"dots","text":"Wait%s Then more words came along.","map":[]}\n' "$dots"
	printf '{"type":"doc","doc":"questions","text":"Why%s","map":[]}\n' "$qs"
	printf '{"type":"doc","doc":"parens","text":"The board met late.%s Then it rose.","map":[]}\n' "$parens"
} >"$d/in"

set +e
$WRAP "$CLAIMPIPE" split --max-length 64 <"$d/in" >"$d/out" 2>"$d/err"
rc=$?
set -e
if [ "$rc" != 0 ]; then
	echo "exit status $rc, expected 0"
	fail=1
fi
# The text is plain ASCII with "map":[], so span lengths are text lengths.
awk '
{
	match($0, /"doc":"[a-z]*"/)
	doc = substr($0, RSTART + 7, RLENGTH - 8)
	match($0, /"span":\[[0-9]+,[0-9]+\]/)
	split(substr($0, RSTART + 8, RLENGTH - 9), sp, ",")
	if (sp[2] - sp[1] > 64) {
		print doc ": a sentence of " sp[2] - sp[1] " bytes: " substr($0, 1, 100)
		bad = 1
	}
	if (doc == last && sp[1] < end) {
		print doc ": span " sp[1] " overlaps the previous one, ending at " end
		bad = 1
	}
	last = doc
	end = sp[2]
}
END { exit bad }' "$d/out" || fail=1
for want in '"doc":"dots",.*"text":"Then more words came along."' \
    '"doc":"parens",.*"text":"Then it rose."'; do
	if ! grep -q "$want" "$d/out"; then
		echo "no sentence record matching $want:"
		cat "$d/out"
		fail=1
	fi
done
exit $fail
