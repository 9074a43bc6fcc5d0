#!/bin/sh
# A write error in the middle of a run (the output is larger than one
# write batch, so it fails while documents are still being read) is
# still a write error on stdout: one "claimpipe: stdout: No space left on
# device" and exit status 2, with no message blaming the input file, and
# no further input read.
set -eu
[ -c /dev/full ] || { echo "no /dev/full here"; exit 77; }
d=$TMP/devfull-big.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0

check() {	# NAME ARGS...
	name=$1
	shift
	set +e
	$WRAP "$CLAIMPIPE" normalize "$@" </dev/null >/dev/full 2>"$d/err"
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

cd "$d"
# About 400 kB of text in one document, and 5000 JSONL documents.
awk 'BEGIN { for (i = 0; i < 5000; i++)
	printf "Line %d of the big document, it\342\200\231s long.\n", i }' >big.txt
awk 'BEGIN { for (i = 0; i < 5000; i++)
	printf "{\"id\":\"d%d\",\"text\":\"Document %d.\"}\n", i, i }' >big.jsonl
check "one big document" big.txt
check "two big documents" big.txt big.txt
check "many jsonl documents" --jsonl big.jsonl
exit $fail
