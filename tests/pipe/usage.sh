#!/bin/sh
# Usage errors exit 2 before reading anything.
set -eu
for a in "-j 0" "-j x" "-F xml" "--max-length 3" "-I x"; do
	set +e
	# shellcheck disable=SC2086
	"$CLAIMPIPE" run $a </dev/null >/dev/null 2>&1
	rc=$?
	set -e
	[ $rc = 2 ] || { echo "run $a: exit $rc, expected 2"; exit 1; }
done
