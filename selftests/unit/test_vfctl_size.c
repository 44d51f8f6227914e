// SPDX-License-Identifier: GPL-2.0
/* Sizes and counts: parse and format. */
#include <stdint.h>

#include "size.h"
#include "vfctl_tap.h"

int main(void)
{
	static const struct {
		const char *in;
		uint64_t want;
	} good[] = {
		{ "0", 0 }, { "4096", 4096 }, { "0x1000", 4096 }, { "2G", 2ull << 30 },
		{ "512M", 512ull << 20 }, { "1.5GiB", 3ull << 29 }, { "64K", 65536 },
		{ "64KiB", 65536 }, { "1T", 1ull << 40 }, { "2g", 2ull << 30 },
		{ "1gib", 1ull << 30 }, { "1.5MiB", 3ull << 19 }, { "100B", 100 },
		{ "3TiB", 3ull << 40 }, { "8k", 8192 },
		{ "4194304000", 4194304000ull }, { "0.5K", 512 },
		{ "16777215T", 16777215ull << 40 },
	};
	static const char *const bad[] = {
		"", "G", "-1", "2X", "1.5", "0.3K", "1.G", "2 G", "18446744073709551616",
		"16777216T", "1..5G", "0xZZ", "1e9", ".5G", "1.0000000000001G",
	};
	static const struct {
		uint64_t v;
		const char *want;
	} fmt[] = {
		{ 0, "0B" }, { 1000, "1000B" }, { 1024, "1KiB" }, { 4ull << 30, "4GiB" },
		{ 4194304000ull, "3.9GiB" }, { 512ull << 20, "512MiB" }, { 1536, "1.5KiB" },
		{ UINT64_MAX, "16.0EiB" },
	};
	static const struct {
		const char *in, *hint;
	} decimal[] = {
		{ "1GB", "GB is ambiguous: write G or GiB (binary)" },
		{ "1.5MB", "MB is ambiguous: write M or MiB (binary)" },
		{ "4gb", "gb is ambiguous: write G or GiB (binary)" },
		{ "64KB", "KB is ambiguous: write K or KiB (binary)" },
		{ "2TB", "TB is ambiguous: write T or TiB (binary)" },
	};
	static const struct {
		uint64_t v;
		const char *want;
	} exact[] = {
		{ 0, "0" }, { 1000, "1000" }, { 4096, "4K" }, { 4ull << 30, "4G" },
		{ 4194304000ull, "4000M" }, { 3ull << 40, "3T" }, { 5ull << 50, "5120T" },
		{ 4194304001ull, "4194304001" },
	};
	char err[256], buf[32];
	uint64_t v;
	uint32_t u;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		int rc = size_parse(good[i].in, &v, err, sizeof(err));

		ok(!rc && v == good[i].want, "size '%s' = %llu", good[i].in,
		   (unsigned long long)good[i].want);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = 0;
		ok(size_parse(bad[i], &v, err, sizeof(err)) && err[0],
		   "size '%s' rejected (%s)", bad[i], err);
	}
	for (i = 0; i < sizeof(decimal) / sizeof(decimal[0]); i++) {
		err[0] = 0;
		ok(size_parse(decimal[i].in, &v, err, sizeof(err)) &&
		   !strcmp(err, decimal[i].hint),
		   "decimal unit '%s' refused with the hint (%s)", decimal[i].in, err);
	}
	for (i = 0; i < sizeof(exact) / sizeof(exact[0]); i++) {
		is_str(size_format_exact(exact[i].v, buf, sizeof(buf)), exact[i].want,
		       "exact format %llu", (unsigned long long)exact[i].v);
		ok(!size_parse(buf, &v, err, sizeof(err)) && v == exact[i].v,
		   "exact format %s reads back", buf);
	}
	for (i = 0; i < sizeof(fmt) / sizeof(fmt[0]); i++)
		is_str(size_format(fmt[i].v, buf, sizeof(buf)), fmt[i].want,
		       "format %llu", (unsigned long long)fmt[i].v);
	/* round trip of exact values */
	for (i = 0; i < 40; i++) {
		uint64_t x = (1ull << i) * 3, y;

		size_format(x, buf, sizeof(buf));
		if (size_parse(buf, &y, err, sizeof(err)) || x != y)
			break;
	}
	ok(i == 40, "format/parse round trip of exact sizes");
	ok(!u32_parse("65535", 65535, &u, err, sizeof(err)) && u == 65535, "u32 at max");
	ok(u32_parse("65536", 65535, &u, err, sizeof(err)) && strstr(err, "out of range"),
	   "u32 above max: %s", err);
	ok(u32_parse("12a", 100, &u, err, sizeof(err)), "u32 with junk rejected");
	ok(u32_parse("-1", 100, &u, err, sizeof(err)), "u32 negative rejected");
	ok(!u32_parse("0x10", 100, &u, err, sizeof(err)) && u == 16, "u32 hex");
	return tap_done();
}
