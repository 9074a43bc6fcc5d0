#!/bin/sh
# NUL bytes in a file operand and in JSONL input.  In a text file each NUL
# is removed with a warning that gives the file, the line and the byte
# offset; a raw NUL inside a JSONL line makes the line invalid JSON, which
# is rejected with its line number while the other lines go on.
set -eu
d=$TMP/nul-file.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
cd "$d"

# expect NAME WANT_RC: compare out and err with want.out and want.err.
expect() {
	if [ "$rc" != "$2" ]; then
		echo "$1: exit status $rc, expected $2"
		fail=1
	fi
	if ! cmp -s out want.out; then
		echo "$1: stdout differs:"
		diff want.out out || true
		fail=1
	fi
	if ! cmp -s err want.err; then
		echo "$1: stderr differs:"
		diff want.err err || true
		fail=1
	fi
}

printf 'NUL\000here\nand\000\000there\n\000' >nul.txt
set +e
$WRAP "$CLAIMPIPE" normalize nul.txt >out 2>err
rc=$?
set -e
printf '{"type":"doc","doc":"nul.txt","text":"NULhere\\nandthere","map":[3,3,1,3,4,0,11,12,1,11,13,1,11,14,0,16,19,1,16,21,0]}\n' >want.out
cat >want.err <<'EOT'
claimpipe: nul.txt:1: NUL byte removed at byte 3
claimpipe: nul.txt:2: NUL byte removed at byte 12
claimpipe: nul.txt:2: NUL byte removed at byte 13
claimpipe: nul.txt:3: NUL byte removed at byte 20
EOT
expect "text file" 0

# The same bytes through stdin, as a second operand.
set +e
# shellcheck disable=SC2094
$WRAP "$CLAIMPIPE" normalize --id piped nul.txt - <nul.txt >out 2>err
rc=$?
set -e
sed 's/"doc":"nul.txt"/"doc":"piped"/' want.out >>want.out.2
cat want.out want.out.2 >want.both
mv want.both want.out
sed 's/nul\.txt:/<stdin>:/' want.err >want.err.2
cat want.err.2 >>want.err
expect "text file and stdin" 0

# JSONL: a raw NUL inside a string, after the object, and at the start
# of a line; \u0000 is the way to put a NUL in a JSON string.
printf '{"id":"a","text":"x\000y"}\n{"id":"b","text":"ok"}\n{"id":"c","text":"z"}\000\n\000{"id":"d","text":"w"}\n{"id":"e","text":"u\\u0000v"}\n' >nul.jsonl
set +e
$WRAP "$CLAIMPIPE" normalize --jsonl nul.jsonl >out 2>err
rc=$?
set -e
cat >want.out <<'EOT'
{"type":"doc","doc":"b","text":"ok","map":[]}
{"type":"doc","doc":"e","text":"uv","map":[1,1,1,1,2,0]}
EOT
grep -c 'line skipped$' err >count || true
if [ "$(cat count)" != 3 ] ||
    ! grep -q '^claimpipe: nul\.jsonl:1:[0-9]*: malformed JSON: ' err ||
    ! grep -q '^claimpipe: nul\.jsonl:3:[0-9]*: malformed JSON: ' err ||
    ! grep -q '^claimpipe: nul\.jsonl:4:[0-9]*: malformed JSON: ' err ||
    ! grep -q "^claimpipe: nul\\.jsonl:5: document 'e': NUL byte removed at byte 1\$" err ||
    [ "$(wc -l <err)" != 4 ]; then
	echo "jsonl: stderr was:"
	cat err
	fail=1
fi
cp err want.err
expect "jsonl" 1
exit $fail
