#!/bin/sh
# A runaway rule, ^(\w+\s?)*$ (pack slow), on a sentence of some 15 kB of
# words that ends in a comma and more: the match gives up at the match
# limit, extract warns once for the sentence, naming the rule, and goes
# on -- the other rules still give their claim and hedge for that
# sentence, the next sentence is extracted as usual, and the exit status
# is 0.  (No timing is asserted.)
set -eu
d=$TMP/catastrophic.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0

awk 'BEGIN {
	printf "{\"type\":\"sentence\",\"doc\":\"big\",\"sent\":0,\"text\":\"Officials may "
	for (i = 0; i < 2500; i++) printf "word%d ", i % 10
	printf "fall, the ministry said.\"}\n"
	printf "{\"type\":\"sentence\",\"doc\":\"big\",\"sent\":1,\"text\":\"Rents may rise, Ana Ruiz said.\"}\n" }' >"$d/in"
if [ "$(wc -c <"$d/in")" -lt 15000 ]; then
	echo "the input is too small"
	fail=1
fi
set +e
$WRAP "$CLAIMPIPE" extract -R pack -R slow <"$d/in" >"$d/out" 2>"$d/err"
rc=$?
set -e
if [ "$rc" != 0 ]; then
	echo "exit status $rc, expected 0"
	fail=1
fi
printf "claimpipe: <stdin>:1: document 'big', sentence 0: rules hit a match limit 1 time (the last: slow.slow.runaway) and were skipped there\n" >"$d/want.err"
if ! cmp -s "$d/err" "$d/want.err"; then
	echo "stderr was:"
	cat "$d/err"
	fail=1
fi
if [ "$(wc -l <"$d/out")" != 2 ]; then
	echo "expected 2 claim records, got $(wc -l <"$d/out") lines"
	fail=1
fi
# Claim 1: the long content, with its source, cue and hedge.
head -n 1 "$d/out" >"$d/one"
for want in '^{"type":"claim","doc":"big","sent":0,"rule":"pack.attr.said-trailing","claim":{"text":"Officials may word0 word1 ' \
    '"span":\[0,15018\],"parts":\[\[0,15018\]\]},"source":{"text":"the ministry","span":\[15020,15032\],"kind":"named","refers":null},"cue":{"text":"said","span":\[15033,15037\]},"hedges":\[{"text":"may","span":\[10,13\],"class":"modal","rule":"pack.hedge.modal"}\]}$'; do
	if ! grep -q "$want" "$d/one"; then
		echo "claim 1 does not match: $want"
		fail=1
	fi
done
printf '%s\n' '{"type":"claim","doc":"big","sent":1,"rule":"pack.attr.said-trailing","claim":{"text":"Rents may rise","span":[0,14],"parts":[[0,14]]},"source":{"text":"Ana Ruiz","span":[16,24],"kind":"named","refers":null},"cue":{"text":"said","span":[25,29]},"hedges":[{"text":"may","span":[6,9],"class":"modal","rule":"pack.hedge.modal"}]}' >"$d/want2"
sed -n 2p "$d/out" >"$d/two"
if ! cmp -s "$d/two" "$d/want2"; then
	echo "claim 2 differs:"
	diff "$d/want2" "$d/two" || true
	fail=1
fi
exit $fail
