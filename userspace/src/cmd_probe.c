// SPDX-License-Identifier: GPL-2.0
/* vfctl probe PF [-o FILE]: record what the PF's driver does (probe.c). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd_host.h"
#include "host.h"
#include "pfaddr.h"
#include "probe.h"

int cmd_probe(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	char addr[32], norm[32], file[256] = "", sys[HOST_PATH_MAX];
	unsigned int idx;
	FILE *out;
	int c, rc;

	while ((c = getopt_long(argc, argv, "o:", lo, NULL)) != -1) {
		if (c != 'o') {
			usage_error("usage: vfctl probe PF [-o FILE]");
			return EXIT_USAGE;
		}
		snprintf(file, sizeof(file), "%s", optarg);
	}
	if (optind != argc - 1) {
		usage_error("usage: vfctl probe PF [-o FILE]");
		return EXIT_USAGE;
	}
	snprintf(sys, sizeof(sys), "%s/sys", host_root());
	switch (pfaddr_classify(argv[optind], norm, sizeof(norm), &idx)) {
	case PFADDR_PCI:
		snprintf(addr, sizeof(addr), "%s", norm);
		break;
	case PFADDR_CARD:
		if (!pfaddr_card_to_pci(sys, norm, addr, sizeof(addr)))
			break;
		/* fall through */
	default:
		usage_error("probe: '%s': give the PF's PCI address or drm card",
			    argv[optind]);
		return EXIT_USAGE;
	}
	if (geteuid() && !host_is_fake()) {
		fprintf(stderr, "vfctl: probe writes the PF's sysfs files: run it as root\n");
		return EXIT_PERM;
	}
	if (!file[0])
		snprintf(file, sizeof(file), "vfprov-probe-%s.txt", addr);
	out = strcmp(file, "-") ? fopen(file, "w") : stdout;
	if (!out) {
		fprintf(stderr, "vfctl: %s: %s\n", file, strerror(errno));
		return EXIT_ERR;
	}
	rc = probe_run(addr, out);
	if (out != stdout)
		fclose(out);
	if (rc == -ENODEV) {
		fprintf(stderr, "vfctl: probe %s: no SR-IOV PF there (no sriov_numvfs)\n",
			addr);
		return EXIT_NOTFOUND;
	}
	if (rc == -EBUSY) {
		fprintf(stderr, "vfctl: probe %s: VFs are enabled; it runs with 0 VFs only (vfctl reset %s)\n",
			addr, addr);
		return EXIT_REJECTED;
	}
	if (rc) {
		fprintf(stderr, "vfctl: probe %s: an undo failed or a value differs after it: see %s\n",
			addr, file);
		return EXIT_DEGRADED;
	}
	if (out != stdout)
		printf("%s: probe written to %s\n", addr, file);
	return EXIT_OK;
}
