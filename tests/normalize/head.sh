#!/bin/sh
# A reader that goes away early (| head) is a quiet, successful stop:
# exit status 0 and nothing at all on stderr.  The exit status is taken
# from inside the pipeline, through a file.
set -eu
cmd=normalize
. ../head.inc

cd "$d"
# Far more output than a pipe holds (64 kB on Linux) in either shape.
awk 'BEGIN { for (i = 0; i < 40000; i++)
	printf "Line %d of a long document, it\342\200\231s here.\n", i }' >big.txt
awk 'BEGIN { for (i = 0; i < 40000; i++)
	printf "{\"id\":\"d%d\",\"text\":\"Doc\342\200\224%d\"}\n", i, i }' >big.jsonl
check "one big document, head -c 10" "-c 10" big.txt
check "many documents, head -c 10" "-c 10" --jsonl big.jsonl
check "many documents, head -n 1" "-n 1" --jsonl big.jsonl
check "files after the pipe closed" "-n 1" big.txt big.txt big.txt
if [ "$(head -c 10 "$d/head")" != '{"type":"d' ]; then
	echo "output does not start with a doc record"
	fail=1
fi
exit $fail
