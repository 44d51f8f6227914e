/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A seeded xorshift64* generator for the fuzzers: the same seed gives the
 * same run. The caller seeds rs (never 0).
 */
#ifndef _VFPROV_XORSHIFT_H
#define _VFPROV_XORSHIFT_H

#include <stdint.h>

static uint64_t rs;

static inline uint64_t rnd(void)
{
	rs ^= rs >> 12;
	rs ^= rs << 25;
	rs ^= rs >> 27;
	return rs * 2685821657736338717ULL;
}

/* 0..n-1, 0 for n == 0 */
static inline uint32_t rn(uint32_t n)
{
	return n ? rnd() % n : 0;
}

#endif
