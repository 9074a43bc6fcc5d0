#!/bin/sh
# An HTML input (normalize --html): entities, tags and white space fold
# or vanish, and each sentence's span must index the raw HTML -- starting
# after the tags before it, ending after the last character it holds, with
# the entities and inline tags inside it.
set -eu
d=$TMP/offsets-html.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
fail=0
. ./slices.inc

printf '<html><body><h1>Port Reopens</h1>\n<p>Ben &amp; Jerry&rsquo;s closed. Mr.&nbsp;Ruiz said <b>so</b>.</p>\n<p>&ldquo;We lost,&rdquo; he said.</p></body></html>\n' >"$d/a.html"
split_file "$d/a.html" --html
count 4
want 1 'Port Reopens' 'Port Reopens'
want 2 "Ben & Jerry's closed." 'Ben &amp; Jerry&rsquo;s closed.'
want 3 'Mr. Ruiz said so.' 'Mr.&nbsp;Ruiz said <b>so</b>.'
want 4 '“We lost,” he said.' '&ldquo;We lost,&rdquo; he said.'
exit $fail
