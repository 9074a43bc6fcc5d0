#!/bin/sh
# Hostile YAML: nesting deeper than 32 levels is refused at the first
# node too deep, quickly, with a clear message.
set -eu
d=$TMP/hostile-nesting.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
. ./bad.inc

bad bad/deep-nesting.yaml
exit $fail
