# sentmap.awk -- map a piece of a sentence record's text to the original.
#
# Input: sentence records, one a line.  Variables: sent (the record's
# "sent" index) and needle (a string in its "text"; first occurrence).
# Prints "start end": the original byte span of the needle through the
# record's own "map", whose implicit first breakpoint is (0, span start),
# or "none".  The map model is that of docs/records.md: breakpoints
# (n, o, a); a segment is atomic when a is 1 and then maps as a whole.
# POSIX awk, byte-oriented under LC_ALL=C.  Used by sentence-map.sh.

function hexval(h,   i, c, v) {
	v = 0
	for (i = 1; i <= length(h); i++) {
		c = index("0123456789abcdef", tolower(substr(h, i, 1)))
		v = v * 16 + c - 1
	}
	return v
}

# The JSON string starting at position p (after its opening quote); only
# the escapes claimpipe writes are handled.
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
			else if (c == "u") {
				c = sprintf("%c", hexval(substr(line, p + 1, 4)))
				p += 4
			}
		}
		out = out c
	}
	return out
}

function find(x,   i) {
	for (i = npt; i > 0; i--)
		if (bn[i] <= x)
			return i
	return 0
}

index($0, "\"sent\":" sent ",\"span\":[") > 0 {
	m = $0
	sub(/^[^[]*"span":\[/, "", m)
	split(m, sp, /[],]/)
	p = index($0, ",\"text\":\"")
	text = jstring($0, p + 9)
	m = substr($0, p)
	sub(/^.*","map":\[/, "", m)
	sub(/\].*$/, "", m)
	k = split(m, a, ",")
	npt = int(k / 3)
	bn[0] = 0
	bo[0] = sp[1] + 0
	ba[0] = 0
	for (i = 1; i <= npt; i++) {
		bn[i] = a[3 * i - 2] + 0
		bo[i] = a[3 * i - 1] + 0
		ba[i] = a[3 * i] + 0
	}
	bo[npt + 1] = sp[2] + 0
	s = index(text, needle)
	if (s == 0 || needle == "") {
		print "none"
		exit
	}
	s--
	e = s + length(needle)
	i = find(s)
	os = ba[i] ? bo[i] : bo[i] + (s - bn[i])
	i = find(e - 1)
	oe = ba[i] ? bo[i + 1] : bo[i] + (e - bn[i])
	print os, oe
	exit
}
