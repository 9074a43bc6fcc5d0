#!/bin/sh
# A write error on stdout (a full disk) is fatal: exit status 2 and one
# message, "claimpipe: stdout: No space left on device".  Small outputs
# fail only when stdout is closed at the end of the run; large ones fail
# in the middle of the run, while documents are still being read, and
# must still give no message blaming the input file and read no further.
set -eu
[ -c /dev/full ] || { echo "no /dev/full here"; exit 77; }
d=$TMP/devfull.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0

# check NAME STDIN ARGS...
check() {
	name=$1 in=$2
	shift 2
	set +e
	$WRAP "$CLAIMPIPE" normalize "$@" <"$in" >/dev/full 2>"$d/err"
	rc=$?
	set -e
	if [ "$rc" != 2 ]; then
		echo "$name: exit status $rc, expected 2"
		fail=1
	fi
	printf 'claimpipe: stdout: No space left on device\n' >"$d/want"
	if ! cmp -s "$d/err" "$d/want"; then
		echo "$name: stderr was:"
		cat "$d/err"
		fail=1
	fi
}

printf 'It\342\200\231s a small document.\n' >"$d/doc.txt"
printf '{"id":"a","text":"one"}\n{"id":"b","text":"two"}\n' >"$d/docs.jsonl"
check "one document" "$d/doc.txt"
check "a file operand" /dev/null "$d/doc.txt"
check "jsonl" "$d/docs.jsonl" --jsonl
check "jsonl, two operands" "$d/docs.jsonl" --jsonl - "$d/docs.jsonl"

# About 400 kB of text in one document, and 5000 JSONL documents.
awk 'BEGIN { for (i = 0; i < 5000; i++)
	printf "Line %d of the big document, it\342\200\231s long.\n", i }' \
    >"$d/big.txt"
awk 'BEGIN { for (i = 0; i < 5000; i++)
	printf "{\"id\":\"d%d\",\"text\":\"Document %d.\"}\n", i, i }' \
    >"$d/big.jsonl"
check "one big document" /dev/null "$d/big.txt"
check "two big documents" /dev/null "$d/big.txt" "$d/big.txt"
check "many jsonl documents" /dev/null --jsonl "$d/big.jsonl"
exit $fail
