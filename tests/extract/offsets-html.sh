#!/bin/sh
# HTML (normalize -H): tags are dropped and entities decoded, and every
# span of a claim record -- content, source, cue, hedges -- must still
# index the original bytes: a source holding "&nbsp;" covers the entity
# whole, a hedge inside <b>...</b> covers the word and not the tags.
set -eu
d=$TMP/offsets-html.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
. ./claims.inc

printf '<html><body><p>Prices &amp; rents <b>may</b> rise, Orbit&nbsp;Bank said.</p>\n<p>Fares fell, the <i>ministry</i> said.</p></body></html>\n' >"$d/a.html"
extract_file "$d/a.html" -H
count 2
want 1 claim 'Prices &amp; rents <b>may</b> rise'
want_part 1 1 'Prices &amp; rents <b>may</b> rise'
want 1 source 'Orbit&nbsp;Bank'
want 1 cue 'said'
want_hedge 1 1 'may'
want 2 claim 'Fares fell'
want 2 source 'the <i>ministry'
want 2 cue 'said'
exit $fail
