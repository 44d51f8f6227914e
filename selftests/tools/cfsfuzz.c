// SPDX-License-Identifier: GPL-2.0
/*
 * cfsfuzz - seeded random writes into a vfprov configfs PF directory.
 *
 *   cfsfuzz DIR SEED COUNT
 *
 * COUNT operations on DIR (a claimed PF directory, or the vfprov root):
 * writes of random values (numbers at the edges, negative numbers,
 * suffixes, words, whitespace, binary, strings up to 64 KiB) to random
 * attributes (the real names, misspelled ones, paths with ../), of the PF
 * and of vfN directories, plus random mkdir/rmdir of vf names (valid and
 * not). Never writes "commit" or "reset": the caller commits and checks
 * the state. Prints "# cfsfuzz seed=... ops=... ok=... refused=..." and
 * the errno counts. Exit 0 unless DIR vanished.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "../lib/xorshift.h"

static const char *const attrs[] = {
	"num_vfs", "vf_driver", "lmem_spare", "ggtt_spare", "contexts_spare",
	"doorbells_spare", "exec_quantum_ms", "preempt_timeout_us",
	"sched_if_idle", "force", "expected_generation", "plan", "status",
	"last_error", "applied", "generation", "num_vfsx", "Num_vfs", "",
	"../num_vfs", "vf1/../num_vfs",
};

static const char *const vf_attrs[] = {
	"lmem_quota", "ggtt_quota", "contexts_quota", "doorbells_quota",
	"exec_quantum_ms", "preempt_timeout_us", "weight", "lmem", "x",
};

static const char *const words[] = {
	"", "\n", "auto", "none", "vfio-pci", "vfio", "i915", "1", "0", "-1",
	"-0", "+1", "4G", "512m", "0x10M", "1.5G", "12Q", "20ms", "1 2",
	"0x", "0777", "08", "18446744073709551615", "18446744073709551616",
	"99999999999999999999999999999999999999999", "16E", "1T", "y", "on",
	"off", "-9223372036854775808", " 5", "5 ", "5\n\n", "\t", "4K\n",
	"63", "64", "31", "32", "256", "257", "65535", "65536", "1000",
	"1001",
};

static char buf[65536 + 16];

static size_t value(void)
{
	size_t len, i;

	switch (rn(6)) {
	case 0:
	case 1:
		strcpy(buf, words[rn(sizeof(words) / sizeof(words[0]))]);
		return strlen(buf);
	case 2:
		return snprintf(buf, sizeof(buf), "%lld",
				(long long)(rnd() >> rn(64)) * (rn(2) ? -1 : 1));
	case 3:
		return snprintf(buf, sizeof(buf), "%llu%s",
				(unsigned long long)(rnd() >> rn(64)),
				(const char *[]){ "", "K", "M", "G", "T", "k",
						  "P", "\n" }[rn(8)]);
	case 4:	/* binary */
		len = rn(64);
		for (i = 0; i < len; i++)
			buf[i] = rnd();
		return len;
	default:	/* long: up to 64 KiB */
		len = rn(2) ? 4000 + rn(200) : rn(65536);
		memset(buf, rn(2) ? '9' : 'A' + rn(26), len);
		return len;
	}
}

int main(int argc, char **argv)
{
	unsigned long count, i, ok = 0, refused = 0, errs[160] = { 0 };
	char path[4096];
	const char *dir;
	int fd, e;

	if (argc != 4)
		return 2;
	dir = argv[1];
	rs = strtoull(argv[2], NULL, 0) * 0x9E3779B97F4A7C15ULL | 1;
	count = strtoul(argv[3], NULL, 0);
	for (i = 0; i < count; i++) {
		unsigned int vf = rn(4) ? rn(5) : rn(70);
		size_t len;
		ssize_t n;

		if (rn(10) == 0) {	/* mkdir / rmdir of a VF name */
			static const char *const names[] = {
				"vf%u", "vf0%u", "VF%u", "vf%u ", "vf-%u", "x%u",
			};
			snprintf(path, sizeof(path), "%s/", dir);
			snprintf(path + strlen(path), sizeof(path) - strlen(path),
				 names[rn(4) ? 0 : rn(6)], vf);
			e = (rn(2) ? mkdir(path, 0755) : rmdir(path)) ? errno : 0;
		} else {
			if (vf && rn(2))
				snprintf(path, sizeof(path), "%s/vf%u/%s", dir, vf,
					 vf_attrs[rn(sizeof(vf_attrs) / sizeof(vf_attrs[0]))]);
			else
				snprintf(path, sizeof(path), "%s/%s", dir,
					 attrs[rn(sizeof(attrs) / sizeof(attrs[0]))]);
			len = value();
			fd = open(path, O_WRONLY);
			if (fd < 0) {
				e = errno;
			} else {
				n = write(fd, buf, len);
				e = n < 0 ? errno : 0;
				close(fd);
			}
		}
		if (e) {
			refused++;
			errs[e < 160 ? e : 159]++;
		} else {
			ok++;
		}
		if (access(dir, F_OK))
			return printf("# cfsfuzz: %s vanished\n", dir), 1;
	}
	printf("# cfsfuzz seed=%s ops=%lu ok=%lu refused=%lu:", argv[2], count,
	       ok, refused);
	for (e = 1; e < 160; e++)
		if (errs[e])
			printf(" %s=%lu", strerrorname_np(e) ?: "?", errs[e]);
	printf("\n");
	return 0;
}
