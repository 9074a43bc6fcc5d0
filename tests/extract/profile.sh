#!/bin/sh
# extract --profile: the same records on stdout, and on stderr a table of
# what each rule that ran cost, dearest first, whose shares add up to
# 100%.  (The times themselves are not checked.)
set -eu
d=$TMP/profile.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
"$CLAIMPIPE" normalize ../../corpus/articles 2>/dev/null |
    "$CLAIMPIPE" split >"$d/in"
"$CLAIMPIPE" extract "$d/in" >"$d/plain"
$WRAP "$CLAIMPIPE" extract --profile "$d/in" >"$d/out" 2>"$d/err" ||
    { echo "extract --profile failed"; cat "$d/err"; exit 1; }
cmp -s "$d/plain" "$d/out" || { echo "--profile changed the records"; fail=1; }
head -1 "$d/err" | grep -q '^claimpipe: extract: rule costs, dearest first' ||
    { echo "no heading:"; head -2 "$d/err"; fail=1; }
sed -n 2p "$d/err" | grep -q 'share *runs *searches *matches *rule' ||
    { echo "no column names:"; sed -n 2p "$d/err"; fail=1; }
# say-that ran, searched at least once per run, and found claims
awk '$5 == "en.attribution.say-that" && $2 > 0 && $3 >= $2 && $4 > 0 \
    { ok = 1 } END { exit !ok }' "$d/err" ||
    { echo "no plausible line for say-that:"; cat "$d/err"; fail=1; }
# shares: descending, summing to 100% (give or take rounding)
awk 'NR > 2 { s = $1 + 0; t += s; if (NR > 3 && s > last + 0.05) bad = 1
    last = s } END { exit bad || t < 99 || t > 101 }' "$d/err" ||
    { echo "shares out of order or not adding up:"; cat "$d/err"; fail=1; }
# every line names a rule of the pack
n=$(awk 'NR > 2 && $5 !~ /^en\.(attribution|hedges|sources)\./' "$d/err" | wc -l)
[ "$n" -eq 0 ] || { echo "$n lines name no rule"; fail=1; }
exit $fail
