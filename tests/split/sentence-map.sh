#!/bin/sh
# A sentence record's own "map" (base: its span's start) maps a piece of
# its text back to the original bytes: cut with dd, the span that
# sentmap.awk computes for the piece must hold the bytes that produced
# it.  Entities and tags (HTML), folded quotes and ellipses, and a CRLF
# inside a sentence.
set -eu
d=$TMP/sentence-map.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0

# check FILE SENT NEEDLE WANT: the piece NEEDLE (awk -v string) of
# sentence SENT of FILE maps to the bytes of the printf format WANT.
check() {
	f=$1 sent=$2 needle=$3 want=$4
	span=$(awk -v sent="$sent" -v needle="$needle" -f sentmap.awk \
	    "$f.rec")
	case $span in
	*[!0-9\ ]*|'')
		printf '%s: sentence %s: %s: %s\n' "$f" "$sent" "$needle" "$span"
		fail=1
		return 0
		;;
	esac
	s=${span% *}
	e=${span#* }
	dd if="$f" of="$d/got" bs=1 skip="$s" count=$((e - s)) 2>/dev/null
	# shellcheck disable=SC2059
	printf "$want" >"$d/want"
	if ! cmp -s "$d/got" "$d/want"; then
		echo "$f: sentence $sent: '$needle' maps to [$s, $e):"
		od -An -c "$d/got"
		echo "expected:"
		od -An -c "$d/want"
		fail=1
	fi
}

# run FILE [NORMALIZE-ARGS...]: the sentence records into FILE.rec.
run() {
	f=$1
	shift
	$WRAP "$CLAIMPIPE" normalize "$@" "$f" |
	    $WRAP "$CLAIMPIPE" split >"$f.rec" || {
		echo "$f: claimpipe failed"
		fail=1
	}
}

printf '<h1>Port Reopens</h1>\n<p>Ben &amp; Jerry&rsquo;s closed. Mr.&nbsp;Ruiz said <b>so</b>.</p>\n<p>&ldquo;We lost,&rdquo; he said.</p>\n' >"$d/a.html"
run "$d/a.html" --html
check "$d/a.html" 1 "&" '&amp;'
check "$d/a.html" 1 "Jerry's" 'Jerry&rsquo;s'
check "$d/a.html" 2 "Mr. Ruiz" 'Mr.&nbsp;Ruiz'
check "$d/a.html" 2 "said so" 'said <b>so'
check "$d/a.html" 2 "so." 'so</b>.'
check "$d/a.html" 3 "$(printf '\342\200\234We')" '&ldquo;We'
check "$d/a.html" 3 "he said." 'he said.'

printf 'Calm day. The crew\342\200\231s boat sank\342\200\246 Nobody was hurt.\n' >"$d/b.txt"
run "$d/b.txt"
check "$d/b.txt" 1 "crew's" 'crew\342\200\231s'
check "$d/b.txt" 1 "sank..." 'sank\342\200\246'
check "$d/b.txt" 1 "." '\342\200\246'
check "$d/b.txt" 2 "hurt" 'hurt'

printf 'Calm day.\r\nShips left at dawn, and the crews\r\ncheered loudly.\r\n' >"$d/c.txt"
run "$d/c.txt"
check "$d/c.txt" 1 "crews cheered" 'crews\r\ncheered'
check "$d/c.txt" 1 "loudly." 'loudly.'
exit $fail
