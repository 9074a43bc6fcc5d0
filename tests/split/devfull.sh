#!/bin/sh
# A write error on stdout (a full disk) is fatal: exit status 2 and one
# message, "claimpipe: stdout: No space left on device" -- for a small
# output that fails only when stdout is closed at the end, for a large
# one that fails in the middle of the run, for records passed through,
# and for --help.
set -eu
cmd=split
. ../devfull.inc

printf '{"type":"doc","doc":"a","text":"One small document. It has two sentences.","map":[]}\n' >"$d/small.jsonl"
printf '{"type":"claim","doc":"a","span":[0,4]}\n' >"$d/claim.jsonl"
awk 'BEGIN { for (i = 0; i < 5000; i++)
	printf "{\"type\":\"doc\",\"doc\":\"d%d\",\"text\":\"Document %d is here. It ends.\",\"map\":[]}\n", i, i }' \
    >"$d/big.jsonl"
check "one small document" "$d/small.jsonl"
check "a file operand" /dev/null "$d/small.jsonl"
check "a record passed through" "$d/claim.jsonl"
check "many documents" "$d/big.jsonl"
check "many documents, twice" /dev/null "$d/big.jsonl" "$d/big.jsonl"
check "--help" /dev/null --help
exit $fail
