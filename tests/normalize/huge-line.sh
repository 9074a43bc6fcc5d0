#!/bin/sh
# A 50 MB document on one line with no final newline, as a whole file and
# as one JSONL record: it is normalized in full (no truncation, no
# warning), and the text length and the end of the map are as computed
# from the pattern it repeats.  The input is generated, never shipped.
set -eu
d=$TMP/huge-line.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
cd "$d"

# 101 bytes; the curly apostrophe (3 bytes) folds to 1; a space ends it.
p='Port officials said the terminal\342\200\231s cranes stood idle on Tuesday, according to a spokeswoman there. '
n=519099	# repetitions: just over 50 MiB
awk -v p="$p" -v n=$n 'BEGIN { for (i = 0; i < n; i++) printf "%s", p }' >huge.txt
len=$(wc -c <huge.txt)
# shellcheck disable=SC2059
plen=$(printf "$p" | wc -c)
if [ "$len" != $((n * plen)) ]; then
	echo "generated $len bytes, expected $((n * plen))"
	exit 1
fi
# Each repetition loses 2 bytes; the final space is trimmed.
tlen=$((n * (plen - 2) - 1))
{ printf '{"id":"huge","text":"'; cat huge.txt; printf '"}'; } >huge.jsonl

for mode in file jsonl; do
	if [ $mode = file ]; then
		$WRAP "$CLAIMPIPE" normalize huge.txt >rec 2>err || {
			echo "$mode: exit status $?"; fail=1; }
	else
		$WRAP "$CLAIMPIPE" normalize --jsonl <huge.jsonl >rec 2>err || {
			echo "$mode: exit status $?"; fail=1; }
	fi
	if [ -s err ]; then
		echo "$mode: stderr was:"
		head -n 5 err
		fail=1
	fi
	if [ "$(wc -l <rec)" != 1 ]; then
		echo "$mode: $(wc -l <rec) lines of output, expected 1"
		fail=1
	fi
	# {"type":"doc","doc":"ID","text":"TEXT","map":[...]}: field 12
	# between double quotes is the text, which holds no quote.
	got=$(cut -d '"' -f 12 rec | tr -d '\n' | wc -c)
	if [ "$got" != "$tlen" ]; then
		echo "$mode: text is $got bytes, expected $tlen"
		fail=1
	fi
	# The map ends with the last apostrophe's two breakpoints and the
	# trimmed final space.
	k=$((n - 1))
	want="$((k * 99 + 33)),$((k * 101 + 35)),0,$tlen,$((len - 1)),1,$tlen,$len,0]}"
	end=$(tail -c 200 rec | sed 's/.*\(\(,[0-9]*\)\{9\}\]}\)$/\1/')
	case $end in
	*",$want") ;;
	*)
		echo "$mode: map ends with '$end', expected '...,$want'"
		fail=1
		;;
	esac
done
exit $fail
