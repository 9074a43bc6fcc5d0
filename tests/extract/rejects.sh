#!/bin/sh
# --rejects FILE receives every rejected input line exactly as it was read
# (a CR at its end, invalid UTF-8, a last line without a newline), each
# followed by a newline, in input order across operands: lines that are
# not JSON objects, records without a string "type", sentence records
# without their doc, index or text, sentence records with a bad map.
# Records that are written -- sentences, records passed through -- and
# blank lines never go there.  The exit status is 1, with one message per
# rejected line naming its operand and line.  A rejects file that cannot
# be created is fatal (exit 2) before anything is read.
set -eu
d=$TMP/rejects.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
cp -R pack "$d/pack"
cd "$d"

printf '{"type":"sentence","doc":"a","sent":0,"text":"Prices may rise, Ana Ruiz said."}\n' >a.jsonl
printf 'not json at all\n' >>a.jsonl
printf '\n' >>a.jsonl
printf '{"doc":"a","sent":1,"text":"No type."}\r\n' >>a.jsonl
printf '{"type":"doc","doc":"a","text":"Passed."}\n' >>a.jsonl
printf '{"type":"sentence","doc":"a","sent":2}\n' >>a.jsonl
printf '{"type":"sentence","doc":"a","sent":3,"text":"caf\351 may"}\n' >>a.jsonl
printf '{"type":"sentence","doc":"a","sent":4,"text":"Bad map.","map":[1,2]}\n' >>a.jsonl
printf '{"type":"sentence","doc":"a","sent":5,' >>a.jsonl	# no final newline
printf '{"type":"sentence","doc":"b","sent":0,"text":"Rents may fall."}\n[1,2]\n' >b.jsonl

printf 'not json at all\n' >want
printf '{"doc":"a","sent":1,"text":"No type."}\r\n' >>want
printf '{"type":"sentence","doc":"a","sent":2}\n' >>want
printf '{"type":"sentence","doc":"a","sent":3,"text":"caf\351 may"}\n' >>want
printf '{"type":"sentence","doc":"a","sent":4,"text":"Bad map.","map":[1,2]}\n' >>want
printf '{"type":"sentence","doc":"a","sent":5,\n' >>want
printf '[1,2]\n' >>want

echo stale >rej.jsonl
set +e
$WRAP "$CLAIMPIPE" extract -R pack --rejects rej.jsonl a.jsonl b.jsonl >out 2>err
rc=$?
set -e
if [ "$rc" != 1 ]; then
	echo "exit status $rc, expected 1"
	fail=1
fi
if ! cmp -s rej.jsonl want; then
	echo "rejects file:"
	od -c rej.jsonl
	echo "expected:"
	od -c want
	fail=1
fi
cat >want.out <<'EOT'
{"type":"claim","doc":"a","sent":0,"rule":"pack.attr.said-trailing","claim":{"text":"Prices may rise","span":[0,15],"parts":[[0,15]]},"source":{"text":"Ana Ruiz","span":[17,25],"kind":"named","refers":null},"cue":{"text":"said","span":[26,30]},"hedges":[{"text":"may","span":[7,10],"class":"modal","rule":"pack.hedge.modal"}]}
{"type":"doc","doc":"a","text":"Passed."}
{"type":"claim","doc":"b","sent":0,"rule":null,"claim":{"text":"Rents may fall.","span":[0,15],"parts":[[0,15]]},"source":null,"cue":null,"hedges":[{"text":"may","span":[6,9],"class":"modal","rule":"pack.hedge.modal"}]}
EOT
if ! cmp -s out want.out; then
	echo "stdout differs:"
	diff want.out out || true
	fail=1
fi
if [ "$(wc -l <err)" != 7 ]; then
	echo "expected 7 messages, got:"
	cat err
	fail=1
fi
for pos in a.jsonl:2: a.jsonl:4: a.jsonl:6: a.jsonl:7: a.jsonl:8: a.jsonl:9: \
    b.jsonl:2:; do
	if ! grep -q "^claimpipe: $pos.*, line skipped\$" err; then
		echo "no message for $pos"
		fail=1
	fi
done

# Nothing rejected: the rejects file is created, empty.
echo stale >none.jsonl
$WRAP "$CLAIMPIPE" extract -R pack --rejects none.jsonl <b.jsonl >/dev/null 2>&1 || true
printf '{"type":"claim","doc":"a"}\n' >ok.jsonl
$WRAP "$CLAIMPIPE" extract -R pack --rejects none.jsonl <ok.jsonl >/dev/null
if [ ! -f none.jsonl ] || [ -s none.jsonl ]; then
	echo "with nothing rejected, the rejects file must exist and be empty"
	fail=1
fi

# A rejects file that cannot be created: exit 2, one message, no output,
# and standard input left unread.
set +e
{ $WRAP "$CLAIMPIPE" extract -R pack --rejects no-such-dir/rej.jsonl \
    >out 2>err; echo $? >rc; cat >rest; } <a.jsonl
set -e
if [ "$(cat rc)" != 2 ]; then
	echo "unwritable rejects file: exit status $(cat rc), expected 2"
	fail=1
fi
printf 'claimpipe: no-such-dir/rej.jsonl: No such file or directory\n' >want.err
if ! cmp -s err want.err || [ -s out ]; then
	echo "unwritable rejects file: stderr was:"
	cat err
	echo "stdout was:"
	cat out
	fail=1
fi
if ! cmp -s rest a.jsonl; then
	echo "unwritable rejects file: standard input was read"
	fail=1
fi
exit $fail
