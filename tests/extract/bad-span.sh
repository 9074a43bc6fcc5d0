#!/bin/sh
# A sentence record whose "span" is present but not a span -- not an
# array, one number, start after end, a negative offset -- cannot say
# where its text starts in the original (span[0] is its map's base), so
# it is reported and skipped like a bad map (exit status 1, one message
# per line that names the span), not read as if its text started at byte
# 0.  A null span is an unknown value: the text starts at 0.
set -eu
d=$TMP/bad-span.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0

cat >"$d/in" <<'EOT'
{"type":"sentence","doc":"d","sent":0,"span":"40","text":"Prices may fall.","map":[]}
{"type":"sentence","doc":"d","sent":1,"span":[40],"text":"Prices may fall.","map":[]}
{"type":"sentence","doc":"d","sent":2,"span":[56,40],"text":"Prices may fall.","map":[]}
{"type":"sentence","doc":"d","sent":3,"span":[-4,12],"text":"Prices may fall.","map":[]}
{"type":"sentence","doc":"d","sent":4,"span":null,"text":"Prices may fall.","map":[]}
EOT
cat >"$d/want" <<'EOT'
{"type":"claim","doc":"d","sent":4,"rule":null,"claim":{"text":"Prices may fall.","span":[0,16],"parts":[[0,16]]},"source":null,"cue":null,"hedges":[{"text":"may","span":[7,10],"class":"modal","rule":"pack.hedge.modal"}]}
EOT
set +e
$WRAP "$CLAIMPIPE" extract -R pack <"$d/in" >"$d/out" 2>"$d/err"
rc=$?
set -e
if [ "$rc" != 1 ]; then
	echo "exit status $rc, expected 1"
	fail=1
fi
if ! cmp -s "$d/out" "$d/want"; then
	echo "stdout differs:"
	diff "$d/want" "$d/out" || true
	fail=1
fi
for n in 1 2 3 4; do
	if ! grep -q "^claimpipe: <stdin>:$n: .*span.*, line skipped\$" "$d/err"
	then
		echo "no message for line $n naming the span"
		fail=1
	fi
done
if [ "$(wc -l <"$d/err")" != 4 ]; then
	echo "expected 4 messages, got:"
	cat "$d/err"
	fail=1
fi
exit $fail
