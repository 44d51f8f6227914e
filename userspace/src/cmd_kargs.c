// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl kernel-args --mode sriov|passthrough [--vfs N] [--gpu PCI|--ids IDS]
 * [--apply]: the kernel command line a mode needs, optionally written as a
 * grub drop-in.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_host.h"
#include "grub.h"
#include "host.h"
#include "json_out.h"

/* Without an SR-IOV GPU to ask: Flex 170's VF count. */
#define DEFAULT_VFS 31

static const char softdep_hint[] =
	"# vfio-pci must claim the GPU before i915 does: "
	"echo 'softdep i915 pre: vfio-pci' > /etc/modprobe.d/vfctl-vfio.conf; update-initramfs -u";

struct kargs_cli {
	struct kargs k;
	const char *mode;
	const char *gpu;
	bool apply;
	char ids[128];
};

/* The largest totalvfs of the SR-IOV GPUs, or DEFAULT_VFS. */
static unsigned int default_vfs(void)
{
	struct pci_gpu g[PCI_MAX_GPUS];
	int i, n = pci_list_gpus(g, PCI_MAX_GPUS), best = 0;

	for (i = 0; i < n; i++)
		if (g[i].total_vfs > best)
			best = g[i].total_vfs;
	return best ? (unsigned int)best : DEFAULT_VFS;
}

/* "VVVV:DDDD" of every Flex GPU, de-duplicated, into @buf. */
static void flex_ids(char *buf, size_t len)
{
	struct pci_gpu g[PCI_MAX_GPUS];
	int i, n = pci_list_gpus(g, PCI_MAX_GPUS);
	char one[16];

	buf[0] = 0;
	for (i = 0; i < n; i++) {
		if (!g[i].model)
			continue;
		snprintf(one, sizeof(one), "%04x:%04x", g[i].vendor, g[i].device);
		if (strstr(buf, one))
			continue;
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s",
			 buf[0] ? "," : "", one);
	}
}

static int ids_of_gpu(const char *spec, char *buf, size_t len)
{
	char addr[PCI_ADDR_LEN], err[256];
	unsigned long ven, dev;

	if (pci_resolve(spec, addr, sizeof(addr), err, sizeof(err)) ||
	    pci_attr_ul(addr, "vendor", &ven) || pci_attr_ul(addr, "device", &dev)) {
		fprintf(stderr, "vfctl: --gpu %s: %s\n", spec, err);
		return EXIT_NOTFOUND;
	}
	snprintf(buf, len, "%04lx:%04lx", ven, dev);
	return EXIT_OK;
}

/* Fill the parts the user left out from what the host has. */
static int complete_args(struct kargs_cli *c)
{
	c->k.amd = host_iommu_amd();
	if (!c->k.passthrough) {
		if (!c->k.vfs)
			c->k.vfs = default_vfs();
		return EXIT_OK;
	}
	if (c->gpu)
		return ids_of_gpu(c->gpu, c->ids, sizeof(c->ids));
	if (!c->k.ids) {
		flex_ids(c->ids, sizeof(c->ids));
		if (!c->ids[0]) {
			usage_error("no Intel Flex GPU found: give --gpu PCIADDR or --ids VVVV:DDDD");
			return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

static int parse_kargs_opt(int c, const char *arg, struct kargs_cli *cli)
{
	char *end;

	switch (c) {
	case 'm': cli->mode = arg; break;
	case 'g': cli->gpu = arg; break;
	case 'i': cli->k.ids = arg; break;
	case 'a': cli->apply = true; break;
	case 'j': g_opts.json = true; break;
	case 'r': host_set_root(arg); break;
	case 'n':
		cli->k.vfs = (unsigned int)strtoul(arg, &end, 10);
		if (*end || !*arg || *arg == '-' || !cli->k.vfs) {
			usage_error("--vfs wants a number of VFs, not '%s'", arg);
			return -1;
		}
		break;
	default:
		return -1;
	}
	return 0;
}

static int parse_kargs(int argc, char **argv, struct kargs_cli *cli)
{
	static const struct option opts[] = {
		{ "mode", required_argument, NULL, 'm' },
		{ "vfs", required_argument, NULL, 'n' },
		{ "gpu", required_argument, NULL, 'g' },
		{ "ids", required_argument, NULL, 'i' },
		{ "apply", no_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "root", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "m:", opts, NULL)) != -1)
		if (parse_kargs_opt(c, optarg, cli))
			return EXIT_USAGE;
	if (optind != argc || !cli->mode) {
		usage_error("kernel-args --mode sriov|passthrough [--vfs N] [--gpu PCI|--ids IDS] [--apply]");
		return EXIT_USAGE;
	}
	if (strcmp(cli->mode, "sriov") && strcmp(cli->mode, "passthrough")) {
		usage_error("--mode wants sriov or passthrough");
		return EXIT_USAGE;
	}
	cli->k.passthrough = !strcmp(cli->mode, "passthrough");
	if (cli->gpu && cli->k.ids) {
		usage_error("--gpu and --ids exclude each other");
		return EXIT_USAGE;
	}
	if (cli->k.passthrough ? cli->k.vfs != 0 : cli->gpu || cli->k.ids) {
		usage_error("--vfs is for sriov, --gpu/--ids for passthrough");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* Run update-grub, or say what to run. Exit code. */
static int update_grub(void)
{
	char *argv[] = { "update-grub", NULL };
	FILE *out = g_opts.json ? stderr : stdout;	/* keep JSON clean */
	int rc;

	if (host_is_fake()) {
		fprintf(out, "not running update-grub under a root prefix; run: update-grub\n");
		return EXIT_OK;
	}
	if (!host_have_prog("update-grub")) {
		fprintf(out, "update-grub not found: run grub-mkconfig -o /boot/grub/grub.cfg (or grub2-mkconfig)\n");
		return EXIT_OK;
	}
	rc = host_run(argv);
	if (rc) {
		fprintf(stderr, "vfctl: update-grub failed (%d)\n", rc);
		return EXIT_ERR;
	}
	fprintf(out, "update-grub done; reboot to use the new arguments\n");
	return EXIT_OK;
}

/* Write the drop-in; *@status "written" or "unchanged". Exit code. */
static int apply_dropin(const struct kargs_cli *c, const char *args,
			const char **status)
{
	char text[1024];
	int rc;

	if (!host_exists(GRUB_DEFAULT)) {
		fprintf(stderr, "vfctl: no %s: not a grub system; add the arguments to your boot loader\n",
			GRUB_DEFAULT);
		return EXIT_ERR;
	}
	if (grub_dropin_text(args, c->mode, text, sizeof(text)))
		return EXIT_ERR;
	rc = grub_write_dropin(text);
	if (rc < 0) {
		fprintf(stderr, "vfctl: cannot write %s: %s\n", GRUB_DROPIN, strerror(-rc));
		return rc == -EACCES || rc == -EPERM ? EXIT_PERM : EXIT_ERR;
	}
	*status = rc == GRUB_UNCHANGED ? "unchanged" : "written";
	return EXIT_OK;
}

static void print_json(const struct kargs_cli *c, const char *args,
		       const char *status)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "mode", json_object_new_string(c->mode));
	json_object_object_add(o, "args", json_object_new_string(args));
	json_object_object_add(o, "dropin", json_object_new_string(GRUB_DROPIN));
	json_object_object_add(o, "status", json_object_new_string(status));
	json_print(o, false);
}

int cmd_kargs(int argc, char **argv)
{
	struct kargs_cli c = { 0 };
	const char *status = "not applied";
	char args[512], err[256];
	int rc = parse_kargs(argc, argv, &c);

	if (!rc)
		rc = complete_args(&c);
	if (rc)
		return rc;
	if (c.ids[0])
		c.k.ids = c.ids;
	if (kargs_build(&c.k, args, sizeof(args), err, sizeof(err))) {
		usage_error("%s", err);
		return EXIT_USAGE;
	}
	if (c.apply && (rc = apply_dropin(&c, args, &status)))
		return rc;
	if (g_opts.json) {
		print_json(&c, args, status);
	} else {
		puts(args);
		if (c.k.passthrough)
			puts(softdep_hint);
		if (c.apply)
			printf("%s: %s\n", GRUB_DROPIN, status);
	}
	/* Unchanged content was installed by an earlier run already. */
	if (c.apply && !strcmp(status, "written"))
		return update_grub();
	return EXIT_OK;
}
