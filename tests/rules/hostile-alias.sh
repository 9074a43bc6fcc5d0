#!/bin/sh
# Hostile YAML: a "billion laughs" alias bomb is refused at the first
# alias, quickly, with a clear message.
set -eu
d=$TMP/hostile-alias.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
. ./bad.inc

bad bad/alias-bomb.yaml
exit $fail
