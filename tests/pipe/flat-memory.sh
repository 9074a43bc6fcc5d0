#!/bin/sh
# Memory stays flat however large the input: peak RSS for three times
# the corpus is (nearly) that for one, with one worker and with four.
set -eu
[ -x /usr/bin/time ] || { echo "skip: needs GNU time"; exit 77; }
[ -z "${WRAP:-}" ] || { echo "skip: memory is not measured under $WRAP"; exit 77; }
d=$TMP/flat.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
"$CLAIMPIPE" normalize ../../corpus/articles/*.txt 2>/dev/null |
    sed 's/^{"type":"doc","doc":/{"id":/; s/,"map":\[[0-9,]*\]//' >"$d/one"
i=0
while [ $i -lt 60 ]; do cat "$d/one"; i=$((i + 1)); done >"$d/x1"
cat "$d/x1" "$d/x1" "$d/x1" >"$d/x3"
fail=0
for j in 1 4; do
	/usr/bin/time -f %M -o "$d/m1" "$CLAIMPIPE" run --no-progress -j $j -J \
	    "$d/x1" >/dev/null
	/usr/bin/time -f %M -o "$d/m3" "$CLAIMPIPE" run --no-progress -j $j -J \
	    "$d/x3" >/dev/null
	a=$(tail -n 1 "$d/m1")
	b=$(tail -n 1 "$d/m3")
	# kilobytes: allow 20% and 2 MB of noise
	if [ "$b" -gt $((a + a / 5 + 2048)) ]; then
		echo "-j $j: peak RSS $a kB for 1x, $b kB for 3x"
		fail=1
	fi
done
exit $fail
