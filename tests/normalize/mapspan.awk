# mapspan.awk -- map a span of a doc record's text back to the original.
#
# Input: one doc record (one line).  Variable needle: a string that occurs
# in the record's "text" (first occurrence used).  Prints "start end", the
# original byte span that cp_omap_span() would give for the needle's
# normalized span, or "none" if the needle is not in the text.
#
# The map model (docs/records.md): breakpoints (n, o, a) after an implicit
# (0, 0, 0); the segment that starts at a breakpoint is atomic when a is 1,
# linear when it is 0, and an atomic segment ends at the next breakpoint.  Written for POSIX awk (mawk, gawk, busybox),
# byte-oriented under LC_ALL=C.  Used by map.sh and map-atomic.sh.

function hexval(h,   i, c, v) {
	v = 0
	for (i = 1; i <= length(h); i++) {
		c = index("0123456789abcdef", tolower(substr(h, i, 1)))
		v = v * 16 + c - 1
	}
	return v
}

# Decode the JSON string starting at position p of line (just after the
# opening quote).  Only the escapes claimpipe writes are handled.
function jstring(line, p,   out, c, n) {
	out = ""
	n = length(line)
	for (; p <= n; p++) {
		c = substr(line, p, 1)
		if (c == "\"")
			break
		if (c == "\\") {
			p++
			c = substr(line, p, 1)
			if (c == "n") c = "\n"
			else if (c == "t") c = "\t"
			else if (c == "r") c = "\r"
			else if (c == "b") c = "\b"
			else if (c == "f") c = "\f"
			else if (c == "u") {
				c = sprintf("%c", hexval(substr(line, p + 1, 4)))
				p += 4
			}
		}
		out = out c
	}
	return out
}

# Last breakpoint index i (0 = implicit) with bn[i] <= x.
function find(x,   i) {
	for (i = npt; i > 0; i--)
		if (bn[i] <= x)
			return i
	return 0
}

function atomic(i) {
	return i > 0 && ba[i] == 1
}

{
	p = index($0, "\"text\":\"")
	if (p == 0) {
		print "no text"
		exit
	}
	text = jstring($0, p + 8)
	m = $0
	sub(/^.*"map":\[/, "", m)
	sub(/\].*$/, "", m)
	k = split(m, a, ",")
	npt = int(k / 3)
	bn[0] = 0
	bo[0] = 0
	ba[0] = 0
	for (i = 1; i <= npt; i++) {
		bn[i] = a[3 * i - 2] + 0
		bo[i] = a[3 * i - 1] + 0
		ba[i] = a[3 * i] + 0
	}
	s = index(text, needle)
	if (s == 0 || needle == "") {
		print "none"
		exit
	}
	s--
	e = s + length(needle)
	i = find(s)
	os = atomic(i) ? bo[i] : bo[i] + (s - bn[i])
	i = find(e - 1)
	oe = atomic(i) ? bo[i + 1] : bo[i] + (e - bn[i])
	print os, oe
	exit
}
