#!/bin/sh
# A reader that goes away early (| head -1) is a quiet, successful stop:
# exit status 0 and nothing on stderr, whether the output is many claim
# records, sentence records kept with --keep, or records passed through.
# The exit status is taken from inside the pipeline, through a file.
set -eu
cmd="extract -R pack"
. ../head.inc
cp -R pack "$d/pack"

cd "$d"
# Far more output than a pipe holds (64 kB on Linux) in each shape.
awk 'BEGIN { for (i = 0; i < 20000; i++)
	printf "{\"type\":\"sentence\",\"doc\":\"d%d\",\"sent\":0,\"text\":\"Rents may rise by %d, Ana Ruiz said.\"}\n", i, i }' >many.jsonl
awk 'BEGIN { for (i = 0; i < 20000; i++)
	printf "{\"type\":\"claim\",\"doc\":\"d%d\",\"sent\":0}\n", i }' >claims.jsonl
check "many sentences, head -1" -1 many.jsonl
check "many sentences, head -c 10" "-c 10" --keep many.jsonl
check "records passed through, head -1" -1 claims.jsonl
check "files after the pipe closed" -1 many.jsonl many.jsonl many.jsonl
if [ "$(head -c 19 "$d/head")" != '{"type":"claim","do' ]; then
	echo "output does not start with a claim record"
	fail=1
fi
exit $fail
