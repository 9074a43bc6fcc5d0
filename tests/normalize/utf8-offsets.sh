#!/bin/sh
# Every invalid UTF-8 warning points at the right byte: for each message
# "FILE:LINE: invalid UTF-8 (KIND) replaced by U+FFFD at byte N", the byte
# at offset N of FILE (read with dd and od) is of the kind named, and LINE
# is 1 + the number of newlines before it.  Each file stays under the cap
# of five warnings per document.
set -eu
d=$TMP/utf8-offsets.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
cd "$d"

printf 'stray \200 and \277\n' >1.txt
printf 'overlong \300\257 and \301\277\n' >2.txt
printf 'three-byte\n\340\200\257\n' >2b.txt
printf 'four-byte \360\200\200\257\n' >3.txt
printf 'surrogate\n\n\355\240\200!' >4.txt
printf 'truncated \342\200 and \303 x\nand at the end \360\237\230' >5.txt
printf 'high \365 \370 \376\n\377\n' >6.txt
printf 'beyond \364\220\200\200\n' >7.txt
printf 'fine: caf\303\251 \342\200\224 \360\237\230\200\n' >8.txt

set +e
$WRAP "$CLAIMPIPE" normalize ./*.txt >out 2>err
rc=$?
set -e
if [ "$rc" != 0 ]; then
	echo "exit status $rc, expected 0"
	fail=1
fi
if [ "$(wc -l <out)" != 9 ]; then
	echo "expected 9 records:"
	cat out
	fail=1
fi

# byte FILE N: the byte at offset N, in decimal.
byte() {
	dd if="$1" bs=1 skip="$2" count=1 2>/dev/null | od -An -tu1 | tr -d ' '
}

n=0
while IFS= read -r msg; do
	case $msg in
	*" at byte "[0-9]*) ;;
	*)
		echo "unexpected message: $msg"
		fail=1
		continue
		;;
	esac
	n=$((n + 1))
	rest=${msg#claimpipe: }
	file=${rest%%:*}
	rest=${rest#*:}
	line=${rest%%:*}
	off=${msg##* at byte }
	kind=$(printf '%s\n' "$msg" | sed -n 's/.*invalid UTF-8 (\(.*\)) replaced by U+FFFD at byte [0-9]*$/\1/p')
	b=$(byte "$file" "$off")
	next=$(byte "$file" $((off + 1)))
	case $kind in
	"stray continuation byte")
		ok=$((b >= 128 && b <= 191)) ;;
	"overlong encoding")
		ok=$((b == 192 || b == 193 || (b == 224 && next < 160) ||
		    (b == 240 && next < 144))) ;;
	"encoded surrogate")
		ok=$((b == 237 && next >= 160)) ;;
	"beyond U+10FFFF")
		ok=$((b == 244 && next >= 144)) ;;
	"byte above 0xF4")
		ok=$((b >= 245)) ;;
	"truncated sequence")
		ok=$((b >= 194 && b <= 244)) ;;
	*)
		ok=0 ;;
	esac
	if [ "$ok" != 1 ]; then
		echo "wrong byte $b (then ${next:-end}) for: $msg"
		fail=1
	fi
	want=$(($(head -c "$off" "$file" | wc -l) + 1))
	if [ "$line" != "$want" ]; then
		echo "line $line, expected $want, for: $msg"
		fail=1
	fi
done <err

# Unicode's "maximal subparts" rule: one U+FFFD per lead byte whose
# sequence breaks off, one per byte that cannot start a sequence.
if [ "$n" != 27 ]; then
	echo "$n warnings, expected 27:"
	cat err
	fail=1
fi
exit $fail
