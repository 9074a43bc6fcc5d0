#!/bin/sh
# A broken pack (see bad-yaml.sh): unknown kinds, with a suggestion when
# one is close.  A rule whose kind is unknown is reported once for it; it
# is not then checked as if it were an attribution rule (no "needs a
# (?<claim>...) group" for a hedge pattern).
set -eu
d=$TMP/bad-kind.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
. ./bad.inc

bad bad/unknown-kind.yaml
exit $fail
