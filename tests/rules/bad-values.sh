#!/bin/sh
# Broken packs (see bad-yaml.sh): classes a source-kind rule cannot have
# and a class that is not a lower-case word; priorities out of -1000..1000
# or not a number.
set -eu
d=$TMP/bad-values.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
. ./bad.inc

bad bad/bad-class.yaml
bad bad/priority-range.yaml
exit $fail
