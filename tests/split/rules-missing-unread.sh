#!/bin/sh
# --rules naming a pack that does not exist is fatal before any input is
# read: exit status 2, the two messages, no output -- and standard input
# untouched, so that the command after it in the same shell reads all of
# it (the input is a regular file, whose offset claimpipe shares).
set -eu
d=$TMP/rules-missing-unread.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0

printf '{"type":"doc","doc":"d1","text":"First line.","map":[]}\n{"type":"doc","doc":"d2","text":"Second line.","map":[]}\n' >"$d/in"
set +e
{
	$WRAP "$CLAIMPIPE" split --rules "$d/no-such-pack" >"$d/out" 2>"$d/err"
	echo $? >"$d/rc"
	cat >"$d/rest"
} <"$d/in"
set -e
rc=$(cat "$d/rc")
if [ "$rc" != 2 ]; then
	echo "exit status $rc, expected 2"
	fail=1
fi
if [ -s "$d/out" ]; then
	echo "stdout was:"
	cat "$d/out"
	fail=1
fi
printf 'claimpipe: %s/no-such-pack: No such file or directory\nclaimpipe: the rules have errors; nothing was read\n' "$d" >"$d/want"
if ! cmp -s "$d/err" "$d/want"; then
	echo "stderr was:"
	cat "$d/err"
	fail=1
fi
if ! cmp -s "$d/rest" "$d/in"; then
	echo "standard input was read: $(wc -c <"$d/rest") of $(wc -c <"$d/in") bytes left"
	fail=1
fi
exit $fail
