#!/bin/sh
# The rules are loaded before any input is read: with a missing pack or a
# broken one, extract exits 2 with the loader's messages, writes nothing
# on stdout and leaves standard input unread (the rest of the file is
# still there for the next reader), and does not open its file operands.
set -eu
d=$TMP/rules-unread.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0

# check NAME WANT-STDERR-FORMAT ARGS...
check() {
	name=$1 want=$2
	shift 2
	set +e
	{ $WRAP "$CLAIMPIPE" extract "$@" >"$d/out" 2>"$d/err"; echo $? >"$d/rc"
	    cat >"$d/rest"; } <said.in
	set -e
	if [ "$(cat "$d/rc")" != 2 ]; then
		echo "$name: exit status $(cat "$d/rc"), expected 2"
		fail=1
	fi
	if [ -s "$d/out" ]; then
		echo "$name: stdout was:"
		cat "$d/out"
		fail=1
	fi
	# shellcheck disable=SC2059
	printf "$want" >"$d/want"
	if ! cmp -s "$d/err" "$d/want"; then
		echo "$name: stderr was:"
		cat "$d/err"
		fail=1
	fi
	if ! cmp -s "$d/rest" said.in; then
		echo "$name: standard input was read"
		fail=1
	fi
}

check "missing pack" 'claimpipe: no-such-pack: No such file or directory\nclaimpipe: the rules have errors; nothing was read\n' \
    -R pack -R no-such-pack
check "missing pack, file operand" 'claimpipe: no/such/pack: No such file or directory\nclaimpipe: the rules have errors; nothing was read\n' \
    -R no/such/pack no-such-file.jsonl
check "broken pack" 'claimpipe: badpack/attr.yaml:5:14: rule no-claim: an attribution pattern needs a (?<claim>...) group\nclaimpipe: the rules have errors; nothing was read\n' \
    -R pack -R badpack -
exit $fail
