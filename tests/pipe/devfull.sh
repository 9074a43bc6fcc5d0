#!/bin/sh
# A write error exits 2 with a message; a closed pipe ends quietly.
set -eu
[ -w /dev/full ] || { echo "skip: no /dev/full"; exit 77; }
set +e
"$CLAIMPIPE" run --no-progress ../../corpus/articles >/dev/full 2>"$TMP/err.$$"
rc=$?
"$CLAIMPIPE" run --no-progress ../../corpus/articles 2>"$TMP/err2.$$" | head -1 >/dev/null
rc2=$?
set -e
[ $rc = 2 ] || { echo "exit $rc on /dev/full, expected 2"; exit 1; }
grep -q "stdout" "$TMP/err.$$" || { echo "no message"; exit 1; }
[ $rc2 = 0 ] || { echo "head: exit $rc2"; exit 1; }
rm -f "$TMP/err.$$" "$TMP/err2.$$"
