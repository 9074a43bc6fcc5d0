#!/bin/sh
# The built-in English pack: every example passes and lint is clean.
set -eu
out=$($WRAP "$CLAIMPIPE" rules test 2>&1) || {
	printf '%s\n' "$out" | grep -v '^ok ' | head -40
	exit 1
}
out=$($WRAP "$CLAIMPIPE" rules lint 2>&1) || {
	printf '%s\n' "$out" | head -40
	exit 1
}
