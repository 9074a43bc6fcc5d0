#!/bin/sh
# --stats accounts for every document: processed or rejected.
set -eu
out=$(printf '{"id":"a","text":"Prices will rise, she said."}\nnot json\n{"id":"b","text":"It may rain."}\n' |
    $WRAP "$CLAIMPIPE" run --no-progress -s -J 2>&1 >/dev/null || true)
case $out in
*"documents in 3: processed 2, rejected 1 (all accounted for)"*) ;;
*) echo "unexpected stats: $out"; exit 1 ;;
esac
