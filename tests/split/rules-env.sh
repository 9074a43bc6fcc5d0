#!/bin/sh
# CLAIMPIPE_RULES names the rule packs when there is no --rules: a
# colon-separated list, later packs adding to earlier ones.  With
# "en:mypack", both the built-in "Gen." and mypack's "Xyz." are
# abbreviations; with "mypack" alone, "Gen." is not.  --rules, when
# given, wins over the environment; an empty CLAIMPIPE_RULES is the
# built-in en.
set -eu
d=$TMP/rules-env.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0

printf '%s\n' '{"type":"doc","doc":"d1","text":"The envoy Xyz. Pell met Gen. Ortiz in the capital. They talked.","map":[]}' >"$d/in"
both='{"type":"sentence","doc":"d1","sent":0,"span":[0,50],"text":"The envoy Xyz. Pell met Gen. Ortiz in the capital.","map":[]}
{"type":"sentence","doc":"d1","sent":1,"span":[51,63],"text":"They talked.","map":[]}'
mine='{"type":"sentence","doc":"d1","sent":0,"span":[0,28],"text":"The envoy Xyz. Pell met Gen.","map":[]}
{"type":"sentence","doc":"d1","sent":1,"span":[29,50],"text":"Ortiz in the capital.","map":[]}
{"type":"sentence","doc":"d1","sent":2,"span":[51,63],"text":"They talked.","map":[]}'
en='{"type":"sentence","doc":"d1","sent":0,"span":[0,14],"text":"The envoy Xyz.","map":[]}
{"type":"sentence","doc":"d1","sent":1,"span":[15,50],"text":"Pell met Gen. Ortiz in the capital.","map":[]}
{"type":"sentence","doc":"d1","sent":2,"span":[51,63],"text":"They talked.","map":[]}'

# check NAME ENV WANT [ARGS...]
check() {
	name=$1 env=$2 want=$3
	shift 3
	set +e
	CLAIMPIPE_RULES=$env $WRAP "$CLAIMPIPE" split "$@" <"$d/in" >"$d/out" \
	    2>"$d/err"
	rc=$?
	set -e
	printf '%s\n' "$want" >"$d/want"
	if [ "$rc" != 0 ] || [ -s "$d/err" ] || ! cmp -s "$d/out" "$d/want"; then
		echo "$name: exit status $rc; stderr:"
		cat "$d/err"
		diff "$d/want" "$d/out" || true
		fail=1
	fi
}

check "en:mypack" en:mypack "$both"
check "mypack" mypack "$mine"
check "empty" "" "$en"
check "--rules en wins" mypack "$en" --rules en
check "--rules wins over a missing pack" no-such-pack "$both" --rules en \
    --rules mypack
exit $fail
