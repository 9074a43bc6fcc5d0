#!/bin/sh
# A fold that turns one character into several is atomic (pipeline/omap.h:
# "a folded ... cannot be split"), also when the replacement happens to
# have as many bytes as the original: "..." for U+2026, "ffi" for U+FB03
# and "III" for U+2162 under --nfkc.  A span that covers only part of the
# replacement must still map to the whole original character, never to a
# byte range that splits its UTF-8 sequence.
set -eu
d=$TMP/map-atomic.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0

# check FILE NEEDLE WANT_START WANT_END [ARGS...]
check() {
	f=$1 needle=$2 ws=$3 we=$4
	shift 4
	$WRAP "$CLAIMPIPE" normalize "$@" "$f" >"$d/rec"
	span=$(awk -v needle="$needle" -f mapspan.awk "$d/rec")
	if [ "$span" != "$ws $we" ]; then
		printf '%s: %s maps to [%s), expected [%s %s)\n' "$f" \
		    "$needle" "$span" "$ws" "$we"
		printf 'record: %s\n' "$(cat "$d/rec")"
		fail=1
	fi
}

printf 'Wait\342\200\246 what\n' >"$d/a.txt"
check "$d/a.txt" "Wait." 0 7		# "Wait" and the whole U+2026
check "$d/a.txt" ". what" 4 12
printf 'o\357\254\203ce \342\205\242\n' >"$d/b.txt"
check "$d/b.txt" "of" 0 4 --nfkc	# "o" and the whole U+FB03
check "$d/b.txt" "II" 7 10 --nfkc
exit $fail
