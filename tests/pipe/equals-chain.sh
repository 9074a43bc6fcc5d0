#!/bin/sh
# run writes exactly the bytes of normalize | split | extract, for every
# -j, on the sample corpus (a folder operand, walked in sorted order).
set -eu
d=$TMP/run-chain.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
corpus=../../corpus/articles
"$CLAIMPIPE" normalize "$corpus" 2>/dev/null | "$CLAIMPIPE" split |
    "$CLAIMPIPE" extract >"$d/chain"
[ -s "$d/chain" ] || { echo "the chain wrote nothing"; exit 1; }
fail=0
for j in 1 2 5; do
	$WRAP "$CLAIMPIPE" run --no-progress -j $j "$corpus" >"$d/run.$j" \
	    2>/dev/null || { echo "run -j $j failed"; fail=1; }
	cmp -s "$d/chain" "$d/run.$j" || {
		echo "run -j $j differs from the chain:"
		diff "$d/chain" "$d/run.$j" | head -5
		fail=1
	}
done
exit $fail
