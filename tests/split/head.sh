#!/bin/sh
# A reader that goes away early (| head) is a quiet, successful stop:
# exit status 0 and nothing on stderr, whether the output is many small
# records, one document with many sentences, or records passed through.
# The exit status is taken from inside the pipeline, through a file.
set -eu
cmd=split
. ../head.inc

cd "$d"
# Far more output than a pipe holds (64 kB on Linux) in each shape.
awk 'BEGIN { for (i = 0; i < 20000; i++)
	printf "{\"type\":\"doc\",\"doc\":\"d%d\",\"text\":\"The port reopened on day %d. Ships left.\",\"map\":[]}\n", i, i }' >many.jsonl
awk 'BEGIN { printf "{\"type\":\"doc\",\"doc\":\"big\",\"text\":\""
	for (i = 0; i < 20000; i++) printf "Ship %d left the port. ", i
	printf "\",\"map\":[]}\n" }' >big.jsonl
awk 'BEGIN { for (i = 0; i < 20000; i++)
	printf "{\"type\":\"claim\",\"doc\":\"d%d\",\"span\":[0,4]}\n", i }' >claims.jsonl
check "many documents, head -n 1" "-n 1" many.jsonl
check "many documents, head -c 10" "-c 10" --keep many.jsonl
check "one big document, head -n 1" "-n 1" big.jsonl
check "records passed through, head -n 1" "-n 1" claims.jsonl
check "files after the pipe closed" "-n 1" many.jsonl many.jsonl many.jsonl
if [ "$(head -c 22 "$d/head")" != '{"type":"sentence","do' ]; then
	echo "output does not start with a sentence record"
	fail=1
fi
exit $fail
