#!/bin/sh
# CRLF line ends: normalize deletes each CR, and split's spans must still
# index the original bytes, CRs counted -- also for a sentence wrapped over
# a CRLF line end, whose text has a space there but whose span covers the
# CR and the LF.
set -eu
d=$TMP/offsets-crlf.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
. ./slices.inc

printf 'The port reopened.\r\nShips left at dawn, and the crews\r\ncheered loudly.\r\n\r\nTrade resumed.\r\n' >"$d/a.txt"
split_file "$d/a.txt"
count 3
want 1 'The port reopened.' 'The port reopened.'
want 2 'Ships left at dawn, and the crews cheered loudly.' 'Ships left at dawn, and the crews\r\ncheered loudly.'
want 3 'Trade resumed.' 'Trade resumed.'
exit $fail
