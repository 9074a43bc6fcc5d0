#!/bin/sh
# A document of about 10 MB on one line with no sentence boundary (words
# and spaces, no terminal mark), through normalize and split: it finishes
# (no timing is asserted), exit status 0, and is cut into pieces of at
# most the maximum length (65536 bytes by default) that tile the text --
# each cut after a space, never inside a word -- with one warning per
# cut.  The input is generated, never shipped.
set -eu
d=$TMP/huge-line.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
cd "$d"

# 80 bytes a repetition, one space between words, no period anywhere.
p='port cranes stood idle for weeks while the union and the owners argued over pay '
n=131072	# 10 MiB
awk -v p="$p" -v n=$n 'BEGIN { for (i = 0; i < n; i++) printf "%s", p
	printf "\n" }' >huge.txt
len=$((n * 80 - 1))	# the final space and newline are trimmed

set +e
$WRAP "$CLAIMPIPE" normalize huge.txt 2>nerr | $WRAP "$CLAIMPIPE" split \
    >rec 2>err
rc=$?
set -e
if [ "$rc" != 0 ] || [ -s nerr ]; then
	echo "exit status $rc, expected 0; normalize said:"
	head -n 5 nerr
	fail=1
fi

# Spans: at most 65536 bytes, from 0 to len, one space between pieces;
# texts: whole words only.
awk -v len=$len -v max=65536 '
{
	if (!match($0, /"span":\[[0-9]+,[0-9]+\]/)) {
		print "no span: " substr($0, 1, 80); bad = 1; next
	}
	split(substr($0, RSTART + 8, RLENGTH - 9), sp, ",")
	s = sp[1] + 0; e = sp[2] + 0
	if (e - s > max) { print NR ": " e - s " bytes"; bad = 1 }
	if (NR == 1 && s != 0) { print "starts at " s; bad = 1 }
	if (NR > 1 && s != last + 1) { print NR ": gap " last " to " s; bad = 1 }
	last = e
	if (!match($0, /"text":"[a-z]+( [a-z]+)*","map"/)) {
		print NR ": a word is cut or the text is odd"; bad = 1
	}
}
END {
	if (last != len) { print "ends at " last ", expected " len; bad = 1 }
	if (NR < 160) { print NR " pieces"; bad = 1 }
	exit bad
}' rec || fail=1

# One warning per cut: every piece but the last.
cuts=$(($(wc -l <rec) - 1))
if [ "$(grep -c "^claimpipe: <stdin>:1: document 'huge.txt': sentence [0-9]* reached 65536 bytes and was cut at original byte [0-9]*\$" err)" != $cuts ] ||
    [ "$(wc -l <err)" != $cuts ]; then
	echo "expected $cuts warnings, stderr has $(wc -l <err) lines:"
	head -n 3 err
	fail=1
fi
exit $fail
