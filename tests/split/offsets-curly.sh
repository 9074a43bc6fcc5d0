#!/bin/sh
# Multi-byte originals: curly apostrophes fold to one byte, "…" to "...",
# curly double quotes stay.  Each sentence's span must cover exactly its
# original bytes, the three-byte characters at its edges included (a
# closing quote or apostrophe that ends it, an ellipsis).
set -eu
d=$TMP/offsets-curly.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
. ./slices.inc

printf 'It\342\200\231s \342\200\234fine,\342\200\235 she said. The crew\342\200\231s boat sank\342\200\246 Nobody was hurt. He said \342\200\234No.\342\200\235 Then he called it \342\200\230a mess.\342\200\231 The port closed.\n' >"$d/a.txt"
split_file "$d/a.txt"
count 6
want 1 'It'"'"'s “fine,” she said.' 'It\342\200\231s \342\200\234fine,\342\200\235 she said.'
want 2 'The crew'"'"'s boat sank...' 'The crew\342\200\231s boat sank\342\200\246'
want 3 'Nobody was hurt.' 'Nobody was hurt.'
want 4 'He said “No.”' 'He said \342\200\234No.\342\200\235'
want 5 'Then he called it ‘a mess.’' 'Then he called it \342\200\230a mess.\342\200\231'
want 6 'The port closed.' 'The port closed.'
exit $fail
