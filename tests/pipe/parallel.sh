#!/bin/sh
# Past one machine: GNU parallel cuts JSON Lines into blocks, runs
# claimpipe on each (here locally; --sshlogin spreads the same command
# over hosts) and keeps their order: the output equals the serial run.
set -eu
command -v parallel >/dev/null 2>&1 ||
    { echo "skip: GNU parallel is not installed"; exit 77; }
d=$TMP/run-parallel.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
"$CLAIMPIPE" normalize ../../corpus/articles/*.txt 2>/dev/null |
    sed 's/^{"type":"doc","doc":/{"id":/; s/,"map":\[[0-9,]*\]//' >"$d/one"
i=0
while [ $i -lt 20 ]; do cat "$d/one"; i=$((i + 1)); done >"$d/in.jsonl"
"$CLAIMPIPE" run --no-progress -j 1 -J "$d/in.jsonl" >"$d/serial"
parallel --will-cite --pipe --keep-order --block 20k -j 3 \
    "$CLAIMPIPE" run --no-progress -j 1 -J <"$d/in.jsonl" >"$d/parallel"
[ -s "$d/serial" ] || { echo "no claims"; exit 1; }
cmp -s "$d/serial" "$d/parallel" || { echo "parallel output differs"; exit 1; }
