#!/bin/sh
# run -j N hands documents to its workers in batches (by count and by
# bytes): many small documents, large ones, documents with warnings and
# rejected lines give the same stdout and the same stderr (every
# diagnostic in input order) and the same --stats for every N.
set -eu
d=$TMP/run-batches.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
awk 'BEGIN {
	for (i = 0; i < 1200; i++) {
		if (i % 97 == 5)
			print "not json " i
		else if (i % 101 == 9)
			printf "{\"id\":\"n%d\"}\n", i
		else if (i == 400)
			# a key that clashes: one warning, in its place
			printf "{\"id\":\"c%d\",\"type\":1,\"text\":\"Hi.\"}\n", i
		else if (i % 89 == 7)
			# a NUL byte: normalize warns about it
			printf "{\"id\":\"w%d\",\"text\":\"Rain\\u0000 may fall, %d analysts said.\"}\n", i, i
		else if (i % 211 == 11) {
			# about 40 KB: a batch of its own
			printf "{\"id\":\"big%d\",\"text\":\"", i
			for (k = 0; k < 600; k++)
				printf "Prices could rise %d, Ana Berg said. ", k
			print "\"}"
		} else
			printf "{\"id\":\"d%d\",\"text\":\"Costs will rise %d, Mr. Lee said.\"}\n", i, i
	}
}' >"$d/in.jsonl"
fail=0
for j in 1 2 4; do
	$WRAP "$CLAIMPIPE" run --no-progress -s -j $j -J "$d/in.jsonl" \
	    >"$d/out.$j" 2>"$d/err.$j" && {
		echo "run -j $j: exit 0 despite rejected lines"; fail=1; }
	[ $j = 1 ] && continue
	cmp -s "$d/out.1" "$d/out.$j" ||
	    { echo "run -j $j: stdout differs from -j 1"; fail=1; }
	cmp -s "$d/err.1" "$d/err.$j" || {
		echo "run -j $j: stderr differs from -j 1:"
		diff "$d/err.1" "$d/err.$j" | head -5
		fail=1
	}
done
grep -q '"doc":"d1199"' "$d/out.1" || { echo "last document lost"; fail=1; }
grep -q 'documents in 1200: processed 1175, rejected 25 (all accounted for)' \
    "$d/err.1" || { echo "unexpected stats:"; tail -12 "$d/err.1"; fail=1; }
grep -q "w7.*NUL" "$d/err.1" || { echo "no warning for w7"; fail=1; }
grep -q "in.jsonl:401: input keys named type" "$d/err.1" ||
    { echo "no warning for the clashing key"; fail=1; }
grep -q "in.jsonl:10: field 'text' is missing, line skipped" "$d/err.1" ||
    { echo "no report for the missing text"; fail=1; }
exit $fail
