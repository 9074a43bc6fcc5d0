#!/bin/sh
# Folded characters: curly quotes (normalize -f), a curly apostrophe, a
# no-break space and an ellipsis are each one or three bytes in the
# original and one (or three) in the text; the spans of a claim in two
# parts, its source and its cue must index the original bytes, and a
# part that ends at a folded character covers all of it.
set -eu
d=$TMP/offsets-curly.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
. ./claims.inc

printf '\342\200\234The port is shut,\342\200\235 Lin\302\240Wei said, \342\200\234and it\342\200\231ll stay shut\342\200\246\342\200\235\n\nRents \342\200\230could\342\200\231 fall, Ana\302\240Ruiz said.\n' >"$d/a.txt"
extract_file "$d/a.txt" -f
count 2
want 1 claim 'The port is shut,\342\200\235 Lin\302\240Wei said, \342\200\234and it\342\200\231ll stay shut\342\200\246'
want_part 1 1 'The port is shut'
want_part 1 2 'and it\342\200\231ll stay shut\342\200\246'
want 1 source 'Lin\302\240Wei'
want 1 cue 'said'
want 2 claim 'Rents \342\200\230could\342\200\231 fall'
want 2 source 'Ana\302\240Ruiz'
want_hedge 2 1 'could'
exit $fail
