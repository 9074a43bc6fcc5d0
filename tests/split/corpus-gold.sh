#!/bin/sh
# The sample corpus against its hand-made sentence gold
# (corpus/sentences.jsonl): every span, exactly.
set -eu
d=$TMP/corpus-gold.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
gold=../../corpus/sentences.jsonl
fail=0
while IFS= read -r line; do
	doc=$(printf '%s\n' "$line" | sed 's/^{"doc": "\([^"]*\)".*/\1/')
	printf '%s\n' "$line" | sed 's/.*"sentences": \[\[//; s/\]\]}.*//' |
	    sed 's/\], \[/\n/g; s/, /,/g' >"$d/want"
	case $doc in *.html) h=-H ;; *) h= ;; esac
	# shellcheck disable=SC2086
	"$CLAIMPIPE" normalize $h "../../corpus/articles/$doc" 2>/dev/null |
	    $WRAP "$CLAIMPIPE" split |
	    sed 's/.*"span":\[\([0-9]*\),\([0-9]*\)\].*/\1,\2/' >"$d/got"
	if ! cmp -s "$d/want" "$d/got"; then
		echo "$doc: spans differ (want | got):"
		diff "$d/want" "$d/got" | head -6
		fail=1
	fi
done <"$gold"
exit $fail
