#!/bin/sh
# Broken packs, each refused by the loader before any input is read (exit
# status 2, nothing on stdout, the exact messages of bad/NAME.err): a
# YAML syntax error, a second YAML document, a top level that is a list,
# and 'rules' that is a map.
set -eu
d=$TMP/bad-yaml.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
. ./bad.inc

bad bad/yaml-syntax.yaml
bad bad/two-documents.yaml
bad bad/top-level-list.yaml
bad bad/rules-not-list.yaml
exit $fail
