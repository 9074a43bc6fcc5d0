#!/bin/sh
# A write error on stdout (a full disk) is fatal: exit status 2 and one
# message, "claimpipe: stdout: No space left on device".  Small outputs
# fail only when stdout is closed at the end of the run; large ones fail
# in the middle of the run, while documents are still being read, and
# must still give no message blaming the input file and read no further.
set -eu
cmd=normalize
. ../devfull.inc

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
