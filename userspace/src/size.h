/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VFCTL_SIZE_H
#define VFCTL_SIZE_H

#include <stddef.h>
#include <stdint.h>

/*
 * size_parse() - "4294967296", "0x1000", "512M", "2G", "1.5GiB", "64K".
 * K/M/G/T and KiB/MiB/GiB/TiB are binary (1024-based), in either case;
 * KB/MB/GB/TB are refused as ambiguous (with a hint to write G or GiB);
 * an optional trailing "B" on a bare number means bytes. Fractions must
 * come out to whole bytes. Returns 0, or -1 with a reason in @err.
 */
int size_parse(const char *s, uint64_t *out, char *err, size_t errlen);

/* Plain unsigned decimal or 0x hex, at most @max. */
int u32_parse(const char *s, uint32_t max, uint32_t *out, char *err,
	      size_t errlen);
int u64_parse(const char *s, uint64_t *out, char *err, size_t errlen);

/* "4GiB", "3.9GiB", "512MiB", "1000B": exact when it is, else 1 decimal. */
char *size_format(uint64_t v, char *buf, size_t len);

/* Exact, for files read back: "4G", "512M", "4194304000" (no rounding). */
char *size_format_exact(uint64_t v, char *buf, size_t len);

#endif
