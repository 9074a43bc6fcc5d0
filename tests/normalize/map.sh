#!/bin/sh
# The offset map, end to end: normalize a document, find a piece of the
# normalized text, map its span back through the record's "map" with
# mapspan.awk, and compare the original bytes there (cut with dd) with
# what produced the piece.
set -eu
d=$TMP/map.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0

# check FILE NEEDLE WANT [ARGS...]: NEEDLE (awk -v string) occurs in the
# text of FILE's doc record; the original bytes of its span must be the
# printf format WANT.
check() {
	f=$1 needle=$2 want=$3
	shift 3
	# Warnings are expected for some inputs; the records are what matters.
	$WRAP "$CLAIMPIPE" normalize "$@" "$f" >"$d/rec" 2>/dev/null || {
		echo "$f: claimpipe failed"
		fail=1
		return 0
	}
	span=$(awk -v needle="$needle" -f mapspan.awk "$d/rec")
	case $span in
	*[!0-9\ ]*|'')
		printf '%s: %s: %s in %s\n' "$f" "$needle" "$span" "$(cat "$d/rec")"
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
		echo "$f: '$needle' maps to [$s, $e):"
		od -An -c "$d/got"
		echo "expected:"
		od -An -c "$d/want"
		printf 'record: %s\n' "$(cat "$d/rec")"
		fail=1
	fi
}

# Folds of every width, CRLF, NFC, trailing white space.
printf 'It\342\200\231s  \342\200\234fine\342\200\235 \342\200\224 really\342\200\246\r\nCafe\314\201 au lait\n' >"$d/a.txt"
check "$d/a.txt" "It's" 'It\342\200\231s'
check "$d/a.txt" "fine" 'fine'
check "$d/a.txt" "$(printf '\342\200\234fine\342\200\235')" '\342\200\234fine\342\200\235'
check "$d/a.txt" "$(printf 's \342\200\234')" 's  \342\200\234'
check "$d/a.txt" "--" '\342\200\224'
check "$d/a.txt" "really..." 'really\342\200\246'
check "$d/a.txt" "...\nCaf" '\342\200\246\r\nCaf'
check "$d/a.txt" "$(printf 'Caf\303\251 au')" 'Cafe\314\201 au'
check "$d/a.txt" "lait" 'lait'

# HTML: entities and tags inside and around the span.
printf '<p>Ben &amp; Jerry&rsquo;s</p>\n<p>Second&nbsp;<b>para</b></p>\n' >"$d/b.html"
check "$d/b.html" "Ben & Jerry's" 'Ben &amp; Jerry&rsquo;s' --html
check "$d/b.html" "&" '&amp;' --html
check "$d/b.html" "Second para" 'Second&nbsp;<b>para' --html
check "$d/b.html" "s\n\nS" 's</p>\n<p>S' --html

# Invalid UTF-8 and a deleted zero-width space before the span.
printf 'a\200b \303\251t\303\251 \342\200\213zw\n' >"$d/c.txt"
check "$d/c.txt" "b" 'b'
check "$d/c.txt" "$(printf 'a\357\277\275b')" 'a\200b'
check "$d/c.txt" "zw" 'zw'
check "$d/c.txt" "$(printf '\303\251t\303\251')" '\303\251t\303\251'

# Mojibake repair and NFKC expansions.
printf 'it\303\242\342\202\254\342\204\242s caf\303\203\302\251\n' >"$d/d.txt"
check "$d/d.txt" "it's" 'it\303\242\342\202\254\342\204\242s' --fix-mojibake
check "$d/d.txt" "$(printf 'caf\303\251')" 'caf\303\203\302\251' --fix-mojibake
printf 'the \357\254\201nal \302\275\n' >"$d/e.txt"
check "$d/e.txt" "final" '\357\254\201nal' --nfkc
check "$d/e.txt" "$(printf '1\342\201\2042')" '\302\275' --nfkc
check "$d/e.txt" "2" '\302\275' --nfkc

# CRLF paragraph break.
printf 'one\r\n\r\ntwo\r\n' >"$d/f.txt"
check "$d/f.txt" "two" 'two'
check "$d/f.txt" "e\n\nt" 'e\r\n\r\nt'

exit $fail
