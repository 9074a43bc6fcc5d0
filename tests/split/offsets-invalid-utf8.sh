#!/bin/sh
# Invalid UTF-8 in the original: normalize puts U+FFFD in its place (an
# atomic segment of the map), and split's spans must still index the
# original bytes -- the bad bytes inside a sentence, and at its start,
# belong to it; the sentences after them are not shifted.
set -eu
d=$TMP/offsets-invalid-utf8.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
. ./slices.inc

printf 'Bad byte \377 here. Caf\303 closed. The rate was 50\300\25750. \376Next one. Done.\n' >"$d/a.txt"
split_file "$d/a.txt"
count 5
want 1 'Bad byte � here.' 'Bad byte \377 here.'
want 2 'Caf� closed.' 'Caf\303 closed.'
want 3 'The rate was 50��50.' 'The rate was 50\300\25750.'
want 4 '�Next one.' '\376Next one.'
want 5 'Done.' 'Done.'
exit $fail
