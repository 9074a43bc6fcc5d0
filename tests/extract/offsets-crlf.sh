#!/bin/sh
# CRLF line ends: normalize deletes each CR, and a claim wrapped over a
# CRLF line end has a space there in its text but a span that covers the
# CR and the LF; every later span counts the CRs before it.
set -eu
d=$TMP/offsets-crlf.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
. ./claims.inc

printf 'Prices of bread may\r\nrise, the ministry said.\r\n\r\nRents could fall, Ana Ruiz\r\nsaid.\r\n' >"$d/a.txt"
extract_file "$d/a.txt"
count 2
want 1 claim 'Prices of bread may\r\nrise'
want 1 source 'the ministry'
want 1 cue 'said'
want_hedge 1 1 'may'
want 2 claim 'Rents could fall'
want 2 source 'Ana Ruiz'
want 2 cue 'said'
want_hedge 2 1 'could'
if ! grep -q '"claim":{"text":"Prices of bread may rise",' "$d/rec"; then
	echo "the claim's text should have a space for the CRLF:"
	cat "$d/rec"
	fail=1
fi
exit $fail
