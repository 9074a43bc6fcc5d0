#!/bin/sh
# --stats accounts for every document: processed or rejected.
set -eu
out=$(printf '{"id":"a","text":"Prices will rise, she said."}\nnot json\n{"id":"b","text":"It may rain."}\n' |
    $WRAP "$CLAIMPIPE" run --no-progress -s -J 2>&1 >/dev/null || true)
case $out in
*"documents in 3: processed 2, rejected 1 (all accounted for)"*) ;;
*) echo "unexpected stats: $out"; exit 1 ;;
esac

# A quotation's further sentences are claims, but not more mentions of
# their speaker among the top sources.
out=$(printf '{"id":"a","text":"\342\200\234Rates rise,\342\200\235 Ana Berg said. \342\200\234They will.\342\200\235"}\n' |
    $WRAP "$CLAIMPIPE" run --no-progress -s -J -R ../extract/quote-pack.yaml 2>&1 >/dev/null || true)
case $out in
*"claims 2:"*"top named sources: Ana Berg (1)"*) ;;
*) echo "unexpected stats: $out"; exit 1 ;;
esac
