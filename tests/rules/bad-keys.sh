#!/bin/sh
# Broken packs (see bad-yaml.sh): unknown keys in a rule file, a rule
# and an example, with a "did you mean" when an allowed key is close;
# a rule id used twice in one pack and a key repeated in a rule.
set -eu
d=$TMP/bad-keys.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
. ./bad.inc

bad bad/unknown-keys.yaml
bad bad/duplicate-ids.yaml
exit $fail
