#!/bin/sh
# The same on 3,000 real articles (JSON Lines), when ../shared is there.
set -eu
src=../../../shared/bench/news-bbc-reuters.jsonl
[ -f "$src" ] || {
	echo "skip: $src not found (research data, not in the repository)"
	exit 77
}
d=$TMP/run-news.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
head -n 3000 "$src" >"$d/in.jsonl"
"$CLAIMPIPE" normalize -J "$d/in.jsonl" | "$CLAIMPIPE" split |
    "$CLAIMPIPE" extract >"$d/chain"
fail=0
for j in 1 3; do
	"$CLAIMPIPE" run --no-progress -J -j $j "$d/in.jsonl" >"$d/run.$j" ||
	    { echo "run -j $j failed"; fail=1; }
	cmp -s "$d/chain" "$d/run.$j" || { echo "run -j $j differs"; fail=1; }
done
exit $fail
