#!/bin/sh
# Broken packs (see bad-yaml.sh): values of the wrong type (lexicons,
# pattern, kind, patterns, flags, examples, a rule), bad rule ids, unknown
# flags, and examples of the wrong shape.
set -eu
d=$TMP/bad-types.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
. ./bad.inc

bad bad/wrong-types.yaml
bad bad/bad-ids.yaml
bad bad/bad-flags.yaml
bad bad/bad-examples.yaml
exit $fail
