// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl passthrough PF / vfctl release PF: hand a whole PCI function to
 * vfio-pci at run time and give it back to the driver it had.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd_host.h"
#include "host.h"

#define STATE_DIR "/run/vfctl/passthrough"
#define DEFAULT_PF_DRIVER "i915"

static void state_path(const char *addr, char *buf, size_t len)
{
	snprintf(buf, len, STATE_DIR "/%s.driver", addr);
}

/* Load vfio-pci when its driver is not registered yet. */
static int need_driver(const char *drv)
{
	char p[HOST_PATH_MAX];
	char *argv[] = { "modprobe", (char *)drv, NULL };

	snprintf(p, sizeof(p), "/sys/bus/pci/drivers/%s", drv);
	if (host_exists(p))
		return 0;
	if (!host_is_fake() && host_run(argv) == 0 && host_exists(p))
		return 0;
	fprintf(stderr, "vfctl: driver %s is not available: modprobe %s\n", drv,
		drv);
	return -1;
}

/* Refusals before anything is written; EXIT_OK when it may go ahead. */
static int take_refusals(const char *addr, bool whole_pf)
{
	char why[256];
	unsigned long vfs = 0;

	if (whole_pf && !pci_attr_ul(addr, "sriov_numvfs", &vfs) && vfs) {
		fprintf(stderr,
			"vfctl: %s has %lu VFs enabled; disable them first (vfctl reset %s)\n",
			addr, vfs, addr);
		return EXIT_REJECTED;
	}
	if (pci_in_use(addr, why, sizeof(why))) {
		fprintf(stderr, "vfctl: %s is in use: %s\n", addr, why);
		return EXIT_REJECTED;
	}
	if (pci_iommu_group(addr) < 0) {
		fprintf(stderr,
			"vfctl: %s has no IOMMU group: enable the IOMMU (vfctl check)\n",
			addr);
		return EXIT_REJECTED;
	}
	if (iommu_group_viable(pci_iommu_group(addr), addr, why, sizeof(why)) != 1) {
		fprintf(stderr,
			"vfctl: IOMMU group %d of %s is not viable: %s (bind it to vfio-pci or unbind it)\n",
			pci_iommu_group(addr), addr, why);
		return EXIT_REJECTED;
	}
	return EXIT_OK;
}

static void save_driver(const char *addr, const char *drv)
{
	char p[HOST_PATH_MAX];
	int rc = host_mkdirs(STATE_DIR);

	state_path(addr, p, sizeof(p));
	if (!rc)
		rc = host_write_file(p, drv);
	if (rc)
		fprintf(stderr, "vfctl: warning: cannot remember %s's driver %s (%s); release will use %s\n",
			addr, drv, strerror(-rc), DEFAULT_PF_DRIVER);
}

/* The group is usable now: viable with @addr on vfio-pci, its node there. */
static int check_group_ready(const char *addr)
{
	int g = pci_iommu_group(addr);
	char why[256], p[HOST_PATH_MAX];

	if (iommu_group_viable(g, NULL, why, sizeof(why)) != 1) {
		fprintf(stderr, "vfctl: IOMMU group %d of %s is not viable: %s\n",
			g, addr, why);
		return EXIT_REJECTED;
	}
	snprintf(p, sizeof(p), "/dev/vfio/%d", g);
	if (!host_exists(p)) {
		fprintf(stderr, "vfctl: %s is missing (is vfio loaded?)\n", p);
		return EXIT_ERR;
	}
	return EXIT_OK;
}

int vfio_take(const char *addr, bool whole_pf)
{
	char drv[64], err[512];
	int rc;

	pci_driver(addr, drv, sizeof(drv));
	/* a VF on xe-vfio-pci keeps it: it is VFIO, with migration */
	if (!pci_driver_is_vfio(drv)) {
		rc = take_refusals(addr, whole_pf);
		if (rc)
			return rc;
		if (need_driver("vfio-pci"))
			return EXIT_ERR;
		if (whole_pf && drv[0])
			save_driver(addr, drv);
		if (pci_rebind(addr, "vfio-pci", err, sizeof(err))) {
			fprintf(stderr, "vfctl: %s\n", err);
			return EXIT_ERR;
		}
		if (!g_opts.quiet)
			fprintf(stderr, "vfctl: %s bound to vfio-pci (was %s)\n",
				addr, drv[0] ? drv : "unbound");
	}
	return check_group_ready(addr);
}

/*
 * Parse "CMD [--root DIR] PF"; the PF's address into @addr. Returns an exit
 * code; *@done when the command is finished (error or --help).
 */
static int parse_pf_cmd(int argc, char **argv, char *addr, size_t len,
			bool *done)
{
	static const struct option opts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char err[256];
	int c;

	*done = true;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'r') {
			host_set_root(optarg);
			continue;
		}
		if (c != 'h')
			return EXIT_USAGE;
		printf("usage: vfctl %s [--root DIR] PF\n", argv[0]);
		return EXIT_OK;
	}
	if (optind + 1 != argc) {
		usage_error("%s wants one PF", argv[0]);
		return EXIT_USAGE;
	}
	if (pci_resolve(argv[optind], addr, len, err, sizeof(err))) {
		fprintf(stderr, "vfctl: %s\n", err);
		return EXIT_NOTFOUND;
	}
	*done = false;
	return EXIT_OK;
}

int cmd_passthrough(int argc, char **argv)
{
	char addr[PCI_ADDR_LEN];
	bool done;
	int rc = parse_pf_cmd(argc, argv, addr, sizeof(addr), &done);

	if (done)
		return rc;
	rc = vfio_take(addr, true);
	if (!rc && !g_opts.quiet)
		printf("%s: passed through (vfio-pci, IOMMU group %d)\n", addr,
		       pci_iommu_group(addr));
	return rc;
}

/* The driver @addr had before passthrough: stored, or i915. */
static void previous_driver(const char *addr, char *drv, size_t len)
{
	char p[HOST_PATH_MAX];

	state_path(addr, p, sizeof(p));
	if (host_read(p, drv, len) || !drv[0])
		snprintf(drv, len, "%s", DEFAULT_PF_DRIVER);
}

static int give_back(const char *addr, const char *prev)
{
	char err[512], p[HOST_PATH_MAX], now[64];

	if (!host_is_fake())
		need_driver(prev);	/* loads it; binding says if it failed */
	if (pci_rebind(addr, prev, err, sizeof(err)))
		fprintf(stderr, "vfctl: warning: %s\n", err);
	/* The override has done its job; a later probe may pick freely. */
	snprintf(p, sizeof(p), "/sys/bus/pci/devices/%s/driver_override", addr);
	if (host_write(p, "\n"))
		fprintf(stderr, "vfctl: warning: cannot clear %s\n", p);
	state_path(addr, p, sizeof(p));
	if (host_path(err, sizeof(err), "%s", p) == 0)
		unlink(err);
	pci_driver(addr, now, sizeof(now));
	return strcmp(now, prev) ? EXIT_ERR : EXIT_OK;
}

int cmd_release(int argc, char **argv)
{
	char addr[PCI_ADDR_LEN], drv[64], why[256];
	bool done;
	int rc = parse_pf_cmd(argc, argv, addr, sizeof(addr), &done);

	if (done)
		return rc;
	pci_driver(addr, drv, sizeof(drv));
	if (strcmp(drv, "vfio-pci")) {
		printf("%s: not passed through (driver: %s), nothing to do\n",
		       addr, drv[0] ? drv : "none");
		return EXIT_OK;
	}
	if (pci_in_use(addr, why, sizeof(why))) {
		fprintf(stderr, "vfctl: %s is in use: %s\n", addr, why);
		return EXIT_REJECTED;
	}
	previous_driver(addr, drv, sizeof(drv));
	rc = give_back(addr, drv);
	pci_driver(addr, why, sizeof(why));
	if (rc)
		fprintf(stderr, "vfctl: %s is now bound to %s, not %s\n", addr,
			why[0] ? why : "no driver", drv);
	else if (!g_opts.quiet)
		printf("%s: released to %s\n", addr, drv);
	return rc;
}
