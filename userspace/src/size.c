// SPDX-License-Identifier: GPL-2.0
/* Parsing and formatting of sizes and counts. Pure: unit tested on the host. */
#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "size.h"

static const struct {
	const char *suffix;
	uint64_t mult;
} units[] = {
	{ "", 1 }, { "B", 1 },
	{ "K", 1ull << 10 }, { "KiB", 1ull << 10 },
	{ "M", 1ull << 20 }, { "MiB", 1ull << 20 },
	{ "G", 1ull << 30 }, { "GiB", 1ull << 30 },
	{ "T", 1ull << 40 }, { "TiB", 1ull << 40 },
};

/*
 * "GB" means 10^9 to a disk vendor and 2^30 to most admins: a quota off by
 * 7% is worse than an error, so the decimal spellings are refused (the
 * same rule as configfs, docs/configfs.md).
 */
static bool ambiguous_unit(const char *suffix)
{
	return strlen(suffix) == 2 && strchr("KkMmGgTt", suffix[0]) &&
	       (suffix[1] == 'B' || suffix[1] == 'b');
}

int u64_parse(const char *s, uint64_t *out, char *err, size_t errlen)
{
	char *end;
	unsigned long long v;

	if (!s || !*s || !isdigit((unsigned char)*s)) {
		snprintf(err, errlen, "'%s' is not a number", s ? s : "");
		return -1;
	}
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno == ERANGE) {
		snprintf(err, errlen, "'%s' is too large", s);
		return -1;
	}
	if (*end) {
		snprintf(err, errlen, "'%s' is not a number", s);
		return -1;
	}
	*out = v;
	return 0;
}

int u32_parse(const char *s, uint32_t max, uint32_t *out, char *err,
	      size_t errlen)
{
	uint64_t v;

	if (u64_parse(s, &v, err, errlen))
		return -1;
	if (v > max) {
		snprintf(err, errlen, "'%s' is out of range (0..%" PRIu32 ")",
			 s, max);
		return -1;
	}
	*out = (uint32_t)v;
	return 0;
}

int size_parse(const char *s, uint64_t *out, char *err, size_t errlen)
{
	const char *p = s, *suffix;
	uint64_t ipart = 0, frac = 0, fdiv = 1, mult = 0;
	int ndigits = 0;
	size_t i;

	if (!s || !*s) {
		snprintf(err, errlen, "empty size");
		return -1;
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return u64_parse(s, out, err, errlen);
	while (isdigit((unsigned char)*p)) {
		if (ipart > (UINT64_MAX - 9) / 10) {
			snprintf(err, errlen, "size '%s' is too large", s);
			return -1;
		}
		ipart = ipart * 10 + (uint64_t)(*p++ - '0');
		ndigits++;
	}
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p)) {
			snprintf(err, errlen, "bad size '%s'", s);
			return -1;
		}
		while (isdigit((unsigned char)*p)) {
			if (fdiv >= 1000000000000ull) {
				snprintf(err, errlen,
					 "size '%s': too many decimals", s);
				return -1;
			}
			frac = frac * 10 + (uint64_t)(*p++ - '0');
			fdiv *= 10;
		}
	}
	if (!ndigits) {
		snprintf(err, errlen, "bad size '%s' (examples: 2G, 512M, 1.5GiB, 4294967296)", s);
		return -1;
	}
	suffix = p;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcasecmp(suffix, units[i].suffix)) {
			mult = units[i].mult;
			break;
		}
	if (!mult && ambiguous_unit(suffix)) {
		snprintf(err, errlen,
			 "%s is ambiguous: write %c or %ciB (binary)", suffix,
			 toupper((unsigned char)suffix[0]),
			 toupper((unsigned char)suffix[0]));
		return -1;
	}
	if (!mult) {
		snprintf(err, errlen,
			 "bad size suffix '%s' in '%s' (use K, M, G, T or KiB, MiB, GiB, TiB)",
			 suffix, s);
		return -1;
	}
	if (ipart > UINT64_MAX / mult) {
		snprintf(err, errlen, "size '%s' is too large", s);
		return -1;
	}
	/* frac/fdiv * mult must be whole bytes */
	if (frac) {
		unsigned __int128 f = (unsigned __int128)frac * mult;

		if (f % fdiv) {
			snprintf(err, errlen, "size '%s' is not a whole number of bytes", s);
			return -1;
		}
		f /= fdiv;
		if ((unsigned __int128)ipart * mult + f > UINT64_MAX) {
			snprintf(err, errlen, "size '%s' is too large", s);
			return -1;
		}
		*out = ipart * mult + (uint64_t)f;
		return 0;
	}
	*out = ipart * mult;
	return 0;
}

char *size_format(uint64_t v, char *buf, size_t len)
{
	static const char *const names[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	int u = 0;
	uint64_t div = 1;

	while (u < 6 && v >= div * 1024)
		div *= 1024, u++;
	if (v % div == 0)
		snprintf(buf, len, "%" PRIu64 "%s", v / div, names[u]);
	else
		snprintf(buf, len, "%.1f%s", (double)v / (double)div, names[u]);
	return buf;
}

char *size_format_exact(uint64_t v, char *buf, size_t len)
{
	static const char *const names[] = { "", "K", "M", "G", "T" };
	int u = 0;

	while (u < 4 && v && v % 1024 == 0)
		v /= 1024, u++;
	snprintf(buf, len, "%" PRIu64 "%s", v, names[u]);
	return buf;
}
