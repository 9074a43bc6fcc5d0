#!/bin/sh
# --rejects FILE receives every rejected JSONL line exactly as it was read
# (CR, invalid UTF-8 and NUL bytes included), each followed by a newline,
# in input order across operands; accepted lines and blank lines never go
# there.  An existing rejects file is replaced.  A rejects file that cannot
# be written is a fatal error.
set -eu
d=$TMP/rejects.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
cd "$d"

printf '{"id":"a","text":"good"}\n' >a.jsonl
printf 'not json at all\n' >>a.jsonl
printf '\n' >>a.jsonl
printf '{"id":"b","text":"caf\351"}\n' >>a.jsonl
printf '{"id":"c","te\000xt":"nul"}\r\n' >>a.jsonl
printf '{"id":"d"}\n' >>a.jsonl
printf '{"id":true,"text":"x"}\n' >>a.jsonl
printf '{"id":"e","text":"also good"}\r\n' >>a.jsonl
printf '[1,2,3]' >>a.jsonl		# no final newline
printf '{"id":"f","text":"good"}\n{"id":"g",\n' >b.jsonl

# What the rejects file must hold, byte for byte.
printf 'not json at all\n' >want
printf '{"id":"b","text":"caf\351"}\n' >>want
printf '{"id":"c","te\000xt":"nul"}\r\n' >>want
printf '{"id":"d"}\n' >>want
printf '{"id":true,"text":"x"}\n' >>want
printf '[1,2,3]\n' >>want
printf '{"id":"g",\n' >>want

echo stale >rej.jsonl
set +e
$WRAP "$CLAIMPIPE" normalize --jsonl --rejects rej.jsonl a.jsonl b.jsonl \
    >out 2>err
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
if [ "$(wc -l <out)" != 3 ] || [ "$(wc -l <err)" != 7 ]; then
	echo "expected 3 records and 7 messages, got:"
	cat out err
	fail=1
fi
# Each message names the operand and the line of a rejected line.
for pos in a.jsonl:2 a.jsonl:4 a.jsonl:5 a.jsonl:6 a.jsonl:7 a.jsonl:9 \
    b.jsonl:2; do
	if ! grep -q "^claimpipe: ${pos}:" err; then
		echo "no message for $pos"
		fail=1
	fi
done

# Nothing rejected: the rejects file is created empty.
$WRAP "$CLAIMPIPE" normalize --jsonl --rejects rej.jsonl <b.jsonl >/dev/null \
    2>&1 || true
printf '{"id":"f","text":"good"}\n' >ok.jsonl
$WRAP "$CLAIMPIPE" normalize --jsonl --rejects none.jsonl <ok.jsonl >/dev/null
if [ ! -f none.jsonl ] || [ -s none.jsonl ]; then
	echo "with nothing rejected, the rejects file is not there and empty"
	fail=1
fi

# A rejects file that cannot be written: exit status 2, and a message.
if [ -c /dev/full ]; then
	set +e
	$WRAP "$CLAIMPIPE" normalize --jsonl --rejects /dev/full a.jsonl \
	    >out 2>err
	rc=$?
	set -e
	if [ "$rc" != 2 ] ||
	    ! grep -q '^claimpipe: /dev/full: No space left on device$' err; then
		echo "rejects to /dev/full: exit status $rc, stderr:"
		cat err
		fail=1
	fi
fi
exit $fail
