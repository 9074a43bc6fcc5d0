#!/bin/sh
# A write error on stdout (a full disk) is fatal: exit status 2 and one
# message, "claimpipe: stdout: No space left on device" -- for a small
# output that fails only when stdout is closed at the end, for a large
# one that fails in the middle of the run, for sentence records kept
# (--keep), for records passed through, and for --help.
set -eu
cmd=extract
. ../devfull.inc

printf '{"type":"sentence","doc":"a","sent":0,"text":"Prices may rise, Ana Ruiz said."}\n' >"$d/small.jsonl"
printf '{"type":"doc","doc":"a","text":"Passed through."}\n' >"$d/doc.jsonl"
awk 'BEGIN { for (i = 0; i < 5000; i++)
	printf "{\"type\":\"sentence\",\"doc\":\"d%d\",\"sent\":0,\"text\":\"Rents may rise, Ana Ruiz said.\"}\n", i }' \
    >"$d/big.jsonl"
check "one small sentence" "$d/small.jsonl" -R pack
check "a file operand" /dev/null -R pack "$d/small.jsonl"
check "--keep" "$d/small.jsonl" -R pack --keep
check "a record passed through" "$d/doc.jsonl" -R pack
check "many sentences" "$d/big.jsonl" -R pack
check "many sentences, twice" /dev/null -R pack "$d/big.jsonl" "$d/big.jsonl"
check "--help" /dev/null --help
exit $fail
