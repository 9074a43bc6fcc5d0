#!/bin/sh
# Hostile YAML: a rule file over 4 MiB (4194304 bytes) is refused whole,
# quickly, without being parsed -- one byte over is enough, and a file of
# exactly 4 MiB still loads; a file under the size limit that holds more
# than 200000 YAML nodes is refused too.
set -eu
d=$TMP/hostile-size.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
. ./bad.inc

# size FILE BYTES: a valid rule file of exactly BYTES bytes (comment lines
# of up to 80 bytes after one rule).
size() {
	awk -v n="$2" 'BEGIN {
		s = "rules:\n  - id: big\n    kind: hedge\n    pattern: may\n"
		printf "%s", s
		rest = n - length(s)
		while (rest > 0) {
			l = rest < 80 ? rest : 80
			if (l == 1) { printf "\n"; rest -= 1; continue }
			line = "#"
			for (i = 2; i < l; i++) line = line "x"
			printf "%s\n", line
			rest -= l
		}
	}' >"$1"
	if [ "$(wc -c <"$1")" != "$2" ]; then
		echo "could not make a file of $2 bytes"
		fail=1
	fi
}

size "$d/big.yaml" 4194305
want="claimpipe: $d/big.yaml: file larger than 4194304 bytes\nclaimpipe: the rules have errors; nothing was read\n"
bad "$d/big.yaml"

size "$d/max.yaml" 4194304
if ! $WRAP "$CLAIMPIPE" extract -R "$d/max.yaml" </dev/null >"$d/out" 2>"$d/err" ||
    [ -s "$d/out" ] || [ -s "$d/err" ]; then
	echo "a rule file of exactly 4194304 bytes should load:"
	cat "$d/err"
	fail=1
fi

awk 'BEGIN { printf "lexicons:\n  MANY: ["
	for (i = 0; i < 200000; i++) printf "a,"
	printf "a]\n" }' >"$d/nodes.yaml"
want="claimpipe: $d/nodes.yaml:2:400000: too many YAML nodes in one file\nclaimpipe: the rules have errors; nothing was read\n"
bad "$d/nodes.yaml"
exit $fail
