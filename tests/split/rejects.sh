#!/bin/sh
# --rejects FILE receives every rejected input line exactly as it was
# read (a CR, a NUL byte, invalid UTF-8, a last line without a newline),
# each followed by a newline, in input order across operands; records that
# are written -- doc records, records passed through -- and blank lines
# never go there.  The exit status is 1 and each rejected line has one
# message naming its operand and line.
set -eu
d=$TMP/rejects.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
cd "$d"

printf '{"type":"doc","doc":"a","text":"Kept.","map":[]}\n' >a.jsonl
printf 'not json at all\n' >>a.jsonl
printf '\n' >>a.jsonl
printf '{"doc":"b","text":"No type."}\r\n' >>a.jsonl
printf '{"type":"claim","doc":"a"}\n' >>a.jsonl
printf '{"type":"doc","doc":"c","map":[]}\n' >>a.jsonl
printf '{"type":"doc","doc":"d","text":"caf\351","map":[]}\n' >>a.jsonl
printf '{"type":"doc","doc":"e","text":"Bad map.","map":[1,2]}\n' >>a.jsonl
printf '{"type":"doc","doc":"f","te\000xt":"x","map":[]}\n' >>a.jsonl
printf '{"type":"doc","doc":"g",' >>a.jsonl	# no final newline
printf '{"type":"doc","doc":"h","text":"Also kept.","map":[]}\n[1,2]\n' >b.jsonl

printf 'not json at all\n' >want
printf '{"doc":"b","text":"No type."}\r\n' >>want
printf '{"type":"doc","doc":"c","map":[]}\n' >>want
printf '{"type":"doc","doc":"d","text":"caf\351","map":[]}\n' >>want
printf '{"type":"doc","doc":"e","text":"Bad map.","map":[1,2]}\n' >>want
printf '{"type":"doc","doc":"f","te\000xt":"x","map":[]}\n' >>want
printf '{"type":"doc","doc":"g",\n' >>want
printf '[1,2]\n' >>want

echo stale >rej.jsonl
set +e
$WRAP "$CLAIMPIPE" split --rejects rej.jsonl a.jsonl b.jsonl >out 2>err
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
{"type":"sentence","doc":"a","sent":0,"span":[0,5],"text":"Kept.","map":[]}
{"type":"claim","doc":"a"}
{"type":"sentence","doc":"h","sent":0,"span":[0,10],"text":"Also kept.","map":[]}
EOT
if ! cmp -s out want.out; then
	echo "stdout differs:"
	diff want.out out || true
	fail=1
fi
if [ "$(wc -l <err)" != 8 ]; then
	echo "expected 8 messages, got:"
	cat err
	fail=1
fi
for pos in a.jsonl:2: a.jsonl:4: a.jsonl:6: a.jsonl:7: a.jsonl:8: a.jsonl:9: \
    a.jsonl:10: b.jsonl:2:; do
	if ! grep -q "^claimpipe: $pos.*, line skipped\$" err; then
		echo "no message for $pos"
		fail=1
	fi
done

# Nothing rejected: the rejects file is created, empty.
$WRAP "$CLAIMPIPE" split --rejects none.jsonl <b.jsonl >/dev/null 2>&1 || true
printf '{"type":"claim","doc":"a"}\n' >ok.jsonl
$WRAP "$CLAIMPIPE" split --rejects none.jsonl <ok.jsonl >/dev/null
if [ ! -f none.jsonl ] || [ -s none.jsonl ]; then
	echo "with nothing rejected, the rejects file must exist and be empty"
	fail=1
fi
exit $fail
