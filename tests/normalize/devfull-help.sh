#!/bin/sh
# --help and --version write to stdout; when that fails they must say so
# ("claimpipe: stdout: No space left on device") and exit 2, like every
# other write error, not fail silently.
set -eu
[ -c /dev/full ] || { echo "no /dev/full here"; exit 77; }
d=$TMP/devfull-help.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
printf 'claimpipe: stdout: No space left on device\n' >"$d/want"
for args in "normalize --help" "normalize --version" "--help" "--version"; do
	set +e
	# shellcheck disable=SC2086
	$WRAP "$CLAIMPIPE" $args >/dev/full 2>"$d/err"
	rc=$?
	set -e
	if [ "$rc" != 2 ]; then
		echo "claimpipe $args: exit status $rc, expected 2"
		fail=1
	fi
	if ! cmp -s "$d/err" "$d/want"; then
		echo "claimpipe $args: stderr was:"
		cat "$d/err"
		fail=1
	fi
done
exit $fail
