// SPDX-License-Identifier: GPL-2.0
/* PF names: PCI addresses, drm cards (fake sysfs), indexes. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pfaddr.h"
#include "vfctl_tap.h"

static void mkpath(const char *root, const char *rel)
{
	char p[PATH_MAX], *s;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	for (s = p + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = 0;
		mkdir(p, 0755);
		*s = '/';
	}
	mkdir(p, 0755);
}

static void lnk(const char *root, const char *target, const char *rel)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	if (symlink(target, p))
		perror(p);
}

int main(void)
{
	static const struct {
		const char *in, *want;
	} good[] = {
		{ "0000:4d:00.0", "0000:4d:00.0" }, { "4d:00.0", "0000:4d:00.0" },
		{ "0000:4D:00.1", "0000:4d:00.1" }, { "10000:01:1f.7", NULL },
		{ "ffff:ff:1f.7", "ffff:ff:1f.7" }, { "0000:4d:20.0", NULL },
		{ "0000:4d:00.8", NULL }, { "0000:4d:00", NULL }, { "4d.00.0", NULL },
		{ "0000:4d:00.0x", NULL }, { "g0:00.0", NULL }, { ":00.0", NULL },
		{ "0000:0:00.0", "0000:00:00.0" },
	};
	const char *addrs[] = { "0000:03:00.0", "0000:4d:00.0" };
	char out[64], err[256], root[] = "/tmp/vfctl-sysfs-XXXXXX";
	unsigned int idx;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		int rc = pfaddr_parse_pci(good[i].in, out, sizeof(out));

		if (good[i].want)
			ok(!rc && !strcmp(out, good[i].want), "pci '%s' -> %s",
			   good[i].in, good[i].want);
		else
			ok(rc, "pci '%s' rejected", good[i].in);
	}
	ok(pfaddr_classify("card0", out, sizeof(out), &idx) == PFADDR_CARD &&
	   !strcmp(out, "card0"), "card0 is a card");
	ok(pfaddr_classify("card", out, sizeof(out), &idx) == PFADDR_INVALID, "card alone invalid");
	ok(pfaddr_classify("card1x", out, sizeof(out), &idx) == PFADDR_INVALID, "card1x invalid");
	ok(pfaddr_classify("2", out, sizeof(out), &idx) == PFADDR_INDEX && idx == 2, "2 is an index");
	ok(pfaddr_classify("4d:00.0", out, sizeof(out), &idx) == PFADDR_PCI, "short address is PCI");
	ok(pfaddr_classify("", out, sizeof(out), &idx) == PFADDR_INVALID, "empty invalid");
	ok(pfaddr_classify("99999", out, sizeof(out), &idx) == PFADDR_INVALID, "huge index invalid");

	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 1;
	}
	mkpath(root, "devices/pci0000:00/0000:00:01.0/0000:4d:00.0/drm/card1");
	mkpath(root, "devices/pci0000:00/0000:03:00.0");
	mkpath(root, "class/drm/card1");
	mkpath(root, "class/drm/card7");
	mkpath(root, "bus/pci/devices");
	lnk(root, "../../../devices/pci0000:00/0000:00:01.0/0000:4d:00.0", "class/drm/card1/device");
	lnk(root, "../../../devices/pci0000:00/0000:09:00.0", "class/drm/card7/device");
	lnk(root, "../../../devices/pci0000:00/0000:00:01.0/0000:4d:00.0", "bus/pci/devices/0000:4d:00.0");
	lnk(root, "../../../devices/pci0000:00/0000:03:00.0", "bus/pci/devices/0000:03:00.0");
	/* a card without /sys/class/drm (atsm_sim): only <pci>/drm/card100 */
	mkpath(root, "devices/pci0000:00/0000:03:00.0/drm/card100");

	ok(!pfaddr_card_to_pci(root, "card1", out, sizeof(out)) &&
	   !strcmp(out, "0000:4d:00.0"), "card1 -> 0000:4d:00.0 via class/drm/card1/device");
	ok(pfaddr_card_to_pci(root, "card3", out, sizeof(out)), "card3 absent");
	ok(!pfaddr_card_to_pci(root, "card100", out, sizeof(out)) &&
	   !strcmp(out, "0000:03:00.0"), "card100 found under the PCI device's drm/");
	ok(!pfaddr_pci_to_card(root, "0000:4d:00.0", out, sizeof(out)) &&
	   !strcmp(out, "card1"), "0000:4d:00.0 -> card1");
	ok(!pfaddr_pci_to_card(root, "0000:03:00.0", out, sizeof(out)) && !strcmp(out, "card100"),
	   "0000:03:00.0 -> card100");

	ok(pfaddr_resolve(root, "0", addrs, 2, out, sizeof(out), err, sizeof(err)) == 0 &&
	   !strcmp(out, "0000:03:00.0"), "index 0 -> first in list order");
	ok(pfaddr_resolve(root, "1", addrs, 2, out, sizeof(out), err, sizeof(err)) == 0 &&
	   !strcmp(out, "0000:4d:00.0"), "index 1");
	ok(pfaddr_resolve(root, "2", addrs, 2, out, sizeof(out), err, sizeof(err)) == 3 &&
	   strstr(err, "no PF with index 2"), "index 2 not found: %s", err);
	ok(pfaddr_resolve(root, "card1", addrs, 2, out, sizeof(out), err, sizeof(err)) == 0 &&
	   !strcmp(out, "0000:4d:00.0"), "card1 resolves");
	ok(pfaddr_resolve(root, "card7", addrs, 2, out, sizeof(out), err, sizeof(err)) == 3 &&
	   strstr(err, "0000:09:00.0 is not a PF"), "card7 is not a vfprov PF: %s", err);
	ok(pfaddr_resolve(root, "card9", addrs, 2, out, sizeof(out), err, sizeof(err)) == 3 &&
	   strstr(err, "no drm device card9"), "card9 absent: %s", err);
	ok(pfaddr_resolve(root, "4D:00.0", addrs, 2, out, sizeof(out), err, sizeof(err)) == 0 &&
	   !strcmp(out, "0000:4d:00.0"), "short upper-case address resolves");
	ok(pfaddr_resolve(root, "0000:4e:00.0", addrs, 2, out, sizeof(out), err, sizeof(err)) == 3,
	   "unknown address: 3");
	ok(pfaddr_resolve(root, "nvme0", addrs, 2, out, sizeof(out), err, sizeof(err)) == 2 &&
	   strstr(err, "is not a PF"), "garbage: usage (2): %s", err);

	{
		char cmd[PATH_MAX + 16];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
		if (system(cmd))
			printf("# cleanup of %s failed\n", root);
	}
	return tap_done();
}
