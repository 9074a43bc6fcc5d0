#!/bin/sh
# run --format tsv is the chain's claims through claimpipe format.
set -eu
d=$TMP/run-tsv.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
corpus=../../corpus/articles
"$CLAIMPIPE" run --no-progress "$corpus" 2>/dev/null |
    "$CLAIMPIPE" format -F tsv >"$d/a"
$WRAP "$CLAIMPIPE" run --no-progress -j 2 -F tsv "$corpus" 2>/dev/null >"$d/b"
cmp -s "$d/a" "$d/b" || { echo "run -F tsv differs from format -F tsv"; exit 1; }
head -1 "$d/b" | grep -q '^doc	sent	rule	source' || { echo "no header"; exit 1; }
n=$(awk -F'\t' '{ print NF }' "$d/b" | sort -u)
[ "$n" = 15 ] || { echo "rows do not all have 15 columns: $n"; exit 1; }
