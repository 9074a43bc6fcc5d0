#!/bin/sh
# Broken packs (see bad-yaml.sh): patterns PCRE2 cannot compile (its
# message and the offset in the pattern as written, after a lexicon too),
# attribution patterns without a (?<claim>...) group, and rules without a
# non-empty pattern.
set -eu
d=$TMP/bad-patterns.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
. ./bad.inc

bad bad/invalid-regex.yaml
bad bad/no-claim-group.yaml
bad bad/empty-patterns.yaml
exit $fail
