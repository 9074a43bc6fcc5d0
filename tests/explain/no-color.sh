#!/bin/sh
# Colour: --color=auto (the default) colours only on a terminal, and never
# when NO_COLOR is set to a non-empty value; the output here is a file, so
# auto means no colour, with NO_COLOR set or not, and the output is the
# same as with --color=never (the case plain).  --color=always colours
# even with NO_COLOR set: an explicit option wins over the environment.
set -eu
d=$TMP/no-color.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
esc=$(printf '\033')

# check NAME WANT(plain|color) ENV-ARGS [EXPLAIN-ARGS]
check() {
	name=$1 kind=$2 envargs=$3 opt=${4:-}
	set +e
	# shellcheck disable=SC2086
	env $envargs $WRAP "$CLAIMPIPE" explain -R pack $opt <plain.in \
	    >"$d/out" 2>"$d/err"
	rc=$?
	set -e
	if [ "$rc" != 0 ] || [ -s "$d/err" ]; then
		echo "$name: exit status $rc, stderr:"
		cat "$d/err"
		fail=1
	fi
	if [ "$kind" = plain ]; then
		if ! cmp -s "$d/out" plain.out; then
			echo "$name: output differs from plain.out:"
			diff plain.out "$d/out" || true
			fail=1
		fi
	elif ! grep -q "$esc\[" "$d/out" || ! cmp -s "$d/out" color-always.out; then
		echo "$name: no colour, or not as in color-always.out"
		fail=1
	fi
}

check "NO_COLOR=1, --color=auto" plain NO_COLOR=1 --color=auto
check "NO_COLOR=1, no option" plain NO_COLOR=1
check "NO_COLOR empty, --color=auto, not a terminal" plain NO_COLOR= --color=auto
check "NO_COLOR unset, not a terminal" plain "-u NO_COLOR"
check "NO_COLOR=1, --color=always" color NO_COLOR=1 --color=always
check "NO_COLOR=1, --colour=never" plain NO_COLOR=1 --colour=never
exit $fail
