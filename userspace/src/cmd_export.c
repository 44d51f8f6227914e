// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl export PF|--all [--format FMT]: the live state read as `vfctl show`
 * reads it, printed by the pure exporters (export.c, export_orch.c).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd_export.h"
#include "export.h"
#include "host.h"
#include "json_out.h"
#include "size.h"

static const char export_usage[] =
	"usage: vfctl export PF|--all [--format conf|json|libvirt|libvirt-domain|kubevirt|proxmox|nova]\n"
	"                    [--vf K] [--name NAME] [--node NAME]";

static uint16_t read_id(const char *dev, const char *file)
{
	char path[512];
	unsigned long v = 0;

	snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/%s", g_opts.sysroot,
		 dev, file);
	if (host_read_ul(path, &v) || v > 0xffff)
		return 0;
	return (uint16_t)v;
}

/* The PCI IDs netlink does not carry, from sysfs. */
static void fill_ids(struct exp_pf *e)
{
	const struct pf_state *pf = e->st;
	int k;

	e->vendor = read_id(pf->addr, "vendor");
	e->device = read_id(pf->addr, "device");
	/*
	 * What the orchestrators compare is each VF's own sysfs vendor/device
	 * (lspci, PVE's pci_device_info, KubeVirt, libvirt's nodedev): read
	 * them from an enabled VF; the PF's sriov_vf_device (the SR-IOV
	 * capability) only when none is enabled. They can differ: QEMU's
	 * emulated NVMe VFs read 1b36:0010 while the capability says 000a.
	 */
	e->vf_vendor = e->vendor;
	e->vf_device = read_id(pf->addr, "sriov_vf_device");
	for (k = 0; k < pf->nvfs; k++)
		if (pf->vf[k].enabled && pf->vf[k].pci_addr[0]) {
			const char *vf = pf->vf[k].pci_addr;

			e->vf_vendor = read_id(vf, "vendor") ?: e->vf_vendor;
			e->vf_device = read_id(vf, "device") ?: e->vf_device;
			e->vf_sub_vendor = read_id(vf, "subsystem_vendor");
			e->vf_sub_device = read_id(vf, "subsystem_device");
			break;
		}
}

/* One PF as `vfctl show` reads it. An exit code; the reason is printed. */
static int read_pf(struct vfnl *nl, const char *addr, struct pf_state *pf)
{
	struct vf_result res = { 0 };
	int rc = vfnl_pf_get(nl, addr, pf, &res);

	if (!rc) {
		memset(&res, 0, sizeof(res));
		snprintf(pf->addr, sizeof(pf->addr), "%s", addr);
		rc = vfnl_vf_dump(nl, pf, &res);
	}
	if (rc) {
		rc = result_exit_code(res.nl_err, &res);
		rc = rc == EXIT_REJECTED || rc == EXIT_OK ? EXIT_ERR : rc;
		print_failure("export", addr, rc, &res);
		return rc;
	}
	fill_card(pf);
	return EXIT_OK;
}

int read_host(struct vfnl *nl, const char *const *addrs, int n,
	      struct pf_state **out)
{
	struct pf_state *pfs = calloc((size_t)(n ? n : 1), sizeof(*pfs));
	int i, rc = EXIT_OK;

	if (!pfs)
		return EXIT_ERR;
	for (i = 0; i < n && !rc; i++)
		rc = read_pf(nl, addrs[i], &pfs[i]);
	if (rc) {
		free(pfs);
		return rc;
	}
	*out = pfs;
	return EXIT_OK;
}

/* Every PF vfprov knows, in `vfctl list` order. */
static int all_addrs(struct vfnl *nl, char (**addrs)[VFPROV_ADDR_LEN], int *n)
{
	struct vf_result res = { 0 };
	struct pf_state *pfs;
	int i;

	if (vfnl_pf_list_sorted(nl, &pfs, n, &res)) {
		fprintf(stderr, "vfctl: cannot list PFs: %s\n",
			res.extack[0] ? res.extack : strerror(-res.nl_err));
		return EXIT_ERR;
	}
	*addrs = calloc((size_t)(*n ? *n : 1), sizeof(**addrs));
	if (!*addrs) {
		free(pfs);
		return EXIT_ERR;
	}
	for (i = 0; i < *n; i++)
		snprintf((*addrs)[i], VFPROV_ADDR_LEN, "%s", pfs[i].addr);
	free(pfs);
	return EXIT_OK;
}

/*
 * --all leaves out the PFs vfprov lists but cannot provision, so that
 * `export --all | apply -f -` changes nothing and fails nowhere: a PF with
 * no driver bound, and one with more VFs than vfprov handles.
 */
static bool skip_pf(const struct pf_state *pf)
{
	const char *why = !pf->driver[0] ? "no driver bound" :
			  pf->total_vfs > VFPROV_MAX_VFS ? "more VFs than vfprov handles" :
			  NULL;

	if (why && !g_opts.quiet)
		fprintf(stderr, "vfctl: export --all: %s left out (%s)\n", pf->addr, why);
	return why != NULL;
}

struct export_args {
	const char *format;
	bool all;
	const char *pf;
	struct exp_opts o;
};

static int parse_args(int argc, char **argv, struct export_args *a)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'F' },
		{ "vf", required_argument, NULL, 'v' },
		{ "name", required_argument, NULL, 'n' },
		{ "node", required_argument, NULL, 'N' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	char err[128];
	int c;

	a->format = "conf";
	while ((c = getopt_long(argc, argv, "aF:j", opts, NULL)) != -1) {
		switch (c) {
		case 'a': a->all = true; break;
		case 'F': a->format = optarg; break;
		case 'j': a->format = "json"; break;
		case 'n': a->o.name = optarg; break;
		case 'N': a->o.node = optarg; break;
		case 'v':
			if (u32_parse(optarg, VFPROV_MAX_VFS, &a->o.only_vf, err,
				      sizeof(err)) || !a->o.only_vf) {
				usage_error("--vf '%s': a VF number 1..%d", optarg,
					    VFPROV_MAX_VFS);
				return EXIT_USAGE;
			}
			break;
		default:
			usage_error("%s", export_usage);
			return EXIT_USAGE;
		}
	}
	if (g_opts.json && !strcmp(a->format, "conf"))
		a->format = "json";
	if (a->all == (optind < argc) || optind < argc - 1) {
		usage_error("%s", export_usage);
		return EXIT_USAGE;
	}
	a->pf = a->all ? NULL : argv[optind];
	return EXIT_OK;
}

static int print_format(const struct export_args *a, const struct exp_pf *e,
			int n)
{
	char err[256] = "", host[256] = "";
	struct exp_opts o = a->o;
	int rc;

	if (!o.node && !gethostname(host, sizeof(host) - 1)) {
		host[strcspn(host, ".")] = 0;	/* PVE names nodes by short name */
		o.node = host;
	}
	if (!strcmp(a->format, "conf")) {
		export_conf(stdout, e, n);
		return EXIT_OK;
	}
	if (!strcmp(a->format, "json")) {
		json_print(export_json(e, n), false);
		return EXIT_OK;
	}
	if (!strcmp(a->format, "libvirt") || !strcmp(a->format, "libvirt-domain"))
		rc = export_libvirt(stdout, e, n, &o, a->format[7] == '-', err, sizeof(err));
	else if (!strcmp(a->format, "kubevirt"))
		rc = export_kubevirt(stdout, e, n, &o, err, sizeof(err));
	else if (!strcmp(a->format, "proxmox"))
		rc = export_proxmox(stdout, e, n, &o, err, sizeof(err));
	else if (!strcmp(a->format, "nova"))
		rc = export_nova(stdout, e, n, &o, err, sizeof(err));
	else {
		usage_error("--format '%s': conf, json, libvirt, libvirt-domain, kubevirt, proxmox or nova",
			    a->format);
		return EXIT_USAGE;
	}
	if (rc) {
		fprintf(stderr, "vfctl: export --format %s: %s\n", a->format, err);
		return EXIT_ERR;
	}
	return EXIT_OK;
}

int cmd_export(int argc, char **argv)
{
	struct export_args a = { 0 };
	char (*addrs)[VFPROV_ADDR_LEN] = NULL;
	const char **list = NULL;
	struct pf_state *pfs = NULL;
	struct exp_pf *e = NULL;
	struct vfnl nl;
	int rc, n = 1, i, ne = 0;

	rc = parse_args(argc, argv, &a);
	if (rc)
		return rc;
	rc = open_nl(&nl);
	if (rc)
		return rc;
	if (a.all) {
		rc = all_addrs(&nl, &addrs, &n);
	} else {
		addrs = calloc(1, sizeof(*addrs));
		rc = addrs ? resolve_pf(&nl, a.pf, addrs[0], sizeof(addrs[0])) : EXIT_ERR;
	}
	list = rc ? NULL : calloc((size_t)(n ? n : 1), sizeof(*list));
	if (!rc && !list)
		rc = EXIT_ERR;
	for (i = 0; !rc && i < n; i++)
		list[i] = addrs[i];
	if (!rc)
		rc = read_host(&nl, list, n, &pfs);
	vfnl_close(&nl);
	e = rc ? NULL : calloc((size_t)(n ? n : 1), sizeof(*e));
	if (!rc && !e)
		rc = EXIT_ERR;
	for (i = 0, ne = 0; !rc && i < n; i++) {
		if (a.all && skip_pf(&pfs[i]))
			continue;
		e[ne].st = &pfs[i];
		fill_ids(&e[ne++]);
	}
	if (!rc)
		rc = print_format(&a, e, ne);
	free(e);
	free(pfs);
	free(list);
	free(addrs);
	return rc;
}
