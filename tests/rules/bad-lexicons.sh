#!/bin/sh
# Broken packs (see bad-yaml.sh): bad lexicon names and values (an empty
# lexicon is a warning, printed with the errors), a lexicon that a pattern
# uses and no file defines (with its offset in the pattern), and one that
# another pack of the rule set defines too.
set -eu
d=$TMP/bad-lexicons.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
. ./bad.inc

bad bad/bad-lexicons.yaml
bad bad/undefined-lexicon.yaml
bad bad/lexicon-twice.yaml -R good
exit $fail
