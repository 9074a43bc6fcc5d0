/*
 * swar.h -- eight bytes at a time.
 *
 * News text is long runs of plain ASCII between the few bytes the hot
 * loops care about (a quote, a backslash, a control character, a
 * non-ASCII byte).  These helpers test a 64-bit word for such bytes with
 * the classic "has a zero byte" trick, so the loops skip plain runs a word
 * at a time.  Each test is exact: it reports a word only if some byte in
 * it really matches.
 */
#ifndef CP_SWAR_H
#define CP_SWAR_H

#include <stdint.h>
#include <string.h>

#define SWAR_ONES	0x0101010101010101ULL
#define SWAR_HIGHS	0x8080808080808080ULL

static inline uint64_t
swar_load(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* Nonzero if some byte of v is zero. */
static inline uint64_t
swar_zero(uint64_t v)
{
	return (v - SWAR_ONES) & ~v & SWAR_HIGHS;
}

/* Nonzero if some byte of v equals c. */
static inline uint64_t
swar_eq(uint64_t v, unsigned char c)
{
	return swar_zero(v ^ (SWAR_ONES * c));
}

/* Nonzero if some byte of v is below n (n <= 128; bytes >= 0x80 never). */
static inline uint64_t
swar_below(uint64_t v, unsigned char n)
{
	return (v - SWAR_ONES * n) & ~v & SWAR_HIGHS;
}

#endif /* CP_SWAR_H */
