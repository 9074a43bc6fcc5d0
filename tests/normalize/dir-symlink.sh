#!/bin/sh
# A directory walk must not loop through a symbolic link that points back
# up the tree: each file below a directory operand is one document, read
# once.  (find -P, ripgrep and rsync do not follow such links by default;
# following them with cycle detection would do as well.)
set -eu
d=$TMP/dir-symlink.$$
mkdir "$d"
trap 'rm -rf "$d"' EXIT
cd "$d"
mkdir -p top/sub
printf 'only once\n' >top/sub/a.txt
ln -s .. top/sub/up || { echo "cannot make a symbolic link here"; exit 77; }
set +e
$WRAP "$CLAIMPIPE" normalize top >out 2>err
rc=$?
set -e
printf '{"type":"doc","doc":"top/sub/a.txt","text":"only once","map":[9,9,1,9,10,0]}\n' >want
if ! cmp -s out want; then
	echo "exit status $rc; $(wc -l <out) records instead of 1; stderr:"
	head -c 300 err
	echo
	exit 1
fi
exit 0
