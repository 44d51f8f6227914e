// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl kernel-args --mode sriov|passthrough [--vfs N] [--gpu PCI|--ids IDS]
 * [--apply|--dry-run] [--boot-loader NAME]: the kernel command line a mode
 * needs, optionally installed with the host's boot loader (bootldr.h).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootldr.h"
#include "cmd.h"
#include "cmd_host.h"
#include "gpu_gen.h"
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
	bool dry_run;
	bool forced;		/* --boot-loader */
	enum boot_kind kind;
	char ids[128];
	const char *driver;	/* --driver: NULL (i915) or "xe" */
	char force[80];		/* xe: the ids xe.force_probe needs */
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
		if (c->k.xe) {
			gpu_xe_force_ids(c->force, sizeof(c->force));
			c->k.force_probe = c->force[0] ? c->force : NULL;
		}
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
	case 'd': cli->dry_run = true; break;
	case 'b':
		if (boot_kind_parse(arg, &cli->kind)) {
			usage_error("--boot-loader wants grub, grubby, kernelstub or proxmox");
			return -1;
		}
		cli->forced = true;
		break;
	case 'j': g_opts.json = true; break;
	case 'r': host_set_root(arg); break;
	case 'D': cli->driver = arg; break;
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
		{ "dry-run", no_argument, NULL, 'd' },
		{ "boot-loader", required_argument, NULL, 'b' },
		{ "json", no_argument, NULL, 'j' },
		{ "root", required_argument, NULL, 'r' },
		{ "driver", required_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "m:", opts, NULL)) != -1)
		if (parse_kargs_opt(c, optarg, cli))
			return EXIT_USAGE;
	if (optind != argc || !cli->mode) {
		usage_error("kernel-args --mode sriov|passthrough [--vfs N] [--driver i915|xe] [--gpu PCI|--ids IDS] [--apply|--dry-run] [--boot-loader NAME]");
		return EXIT_USAGE;
	}
	if (strcmp(cli->mode, "sriov") && strcmp(cli->mode, "passthrough")) {
		usage_error("--mode wants sriov or passthrough");
		return EXIT_USAGE;
	}
	cli->k.passthrough = !strcmp(cli->mode, "passthrough");
	if (cli->driver && strcmp(cli->driver, "i915") && strcmp(cli->driver, "xe")) {
		usage_error("--driver wants i915 or xe, not '%s'", cli->driver);
		return EXIT_USAGE;
	}
	if (cli->driver && cli->k.passthrough) {
		usage_error("--driver is for --mode sriov (passthrough binds vfio-pci)");
		return EXIT_USAGE;
	}
	cli->k.xe = cli->driver && !strcmp(cli->driver, "xe");
	if (cli->apply && cli->dry_run) {
		usage_error("--apply and --dry-run exclude each other");
		return EXIT_USAGE;
	}
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

/* The boot loader, detected unless --boot-loader named it. Exit code. */
static int pick_loader(struct kargs_cli *c, const char *args, char *why,
		       size_t len)
{
	if (c->forced) {
		snprintf(why, len, "--boot-loader %s", boot_kind_name(c->kind));
		return EXIT_OK;
	}
	c->kind = boot_detect(why, len);
	if (c->kind != BOOT_NONE)
		return EXIT_OK;
	fprintf(stderr, "vfctl: no boot loader vfctl knows (found %s); nothing written.\n"
		"vfctl: add these arguments to your boot loader's kernel command line by hand: %s\n",
		why, args);
	return EXIT_NOTFOUND;
}

/* --dry-run: the file and its text, the commands, exactly as --apply. */
static void print_plan(const struct boot_plan *p, FILE *out)
{
	char line[2048];
	int i;

	if (p->unchanged) {
		fprintf(out, "%s: unchanged: nothing to write or run\n",
			p->file[0] ? p->file : boot_kind_name(p->kind));
		return;
	}
	if (p->file[0])
		fprintf(out, "would write %s:\n%s", p->file, p->text);
	for (i = 0; i < p->ncmds; i++) {
		boot_cmd_str(&p->cmd[i], line, sizeof(line));
		fprintf(out, "would run: %s\n", line);
	}
	if (p->note[0])
		fprintf(out, "%s\n", p->note);
}

/* --apply: what was written and run. */
static void print_done(const struct boot_plan *p, FILE *out)
{
	char line[2048];
	int i;

	if (p->file[0])
		fprintf(out, "%s: %s\n", p->file, p->unchanged ? "unchanged" : "written");
	else if (p->unchanged)
		fprintf(out, "%s: unchanged\n", boot_kind_name(p->kind));
	for (i = 0; !p->unchanged && i < p->ncmds; i++) {
		boot_cmd_str(&p->cmd[i], line, sizeof(line));
		fprintf(out, "ran: %s\n", line);
	}
	if (p->note[0])
		fprintf(out, "%s\n", p->note);
	else if (!p->unchanged)
		fprintf(out, "reboot to use the new arguments\n");
}

static const char *plan_status(const struct kargs_cli *c,
			       const struct boot_plan *p)
{
	if (!c->apply && !c->dry_run)
		return "not applied";
	if (p->unchanged)
		return "unchanged";
	return c->dry_run ? "dry run" : "written";
}

static void print_json(const struct kargs_cli *c, const char *args,
		       const struct boot_plan *p)
{
	struct json_object *o = json_object_new_object();
	struct json_object *cmds = json_object_new_array();
	char line[2048];
	int i;

	json_object_object_add(o, "mode", json_object_new_string(c->mode));
	if (c->k.xe)
		json_object_object_add(o, "driver", json_object_new_string("xe"));
	json_object_object_add(o, "args", json_object_new_string(args));
	json_object_object_add(o, "status", json_object_new_string(plan_status(c, p)));
	if (c->apply || c->dry_run) {
		json_object_object_add(o, "boot_loader",
				       json_object_new_string(boot_kind_name(p->kind)));
		json_object_object_add(o, "file", json_object_new_string(p->file));
		if (p->kind == BOOT_GRUB)
			json_object_object_add(o, "dropin", json_object_new_string(GRUB_DROPIN));
		if (p->file[0])
			json_object_object_add(o, "text", json_object_new_string(p->text));
		for (i = 0; !p->unchanged && i < p->ncmds; i++) {
			boot_cmd_str(&p->cmd[i], line, sizeof(line));
			json_object_array_add(cmds, json_object_new_string(line));
		}
		json_object_object_add(o, "note", json_object_new_string(p->note));
	}
	json_object_object_add(o, "commands", cmds);
	json_print(o, false);
}

/* Plan for the boot loader, then write and run it unless --dry-run. Exit code. */
static int install(struct kargs_cli *c, const char *args, struct boot_plan *p)
{
	char why[512], err[1024];
	int rc = pick_loader(c, args, why, sizeof(why));

	if (rc)
		return rc;
	if (boot_plan_build(c->kind, args, c->mode, p, err, sizeof(err))) {
		fprintf(stderr, "vfctl: %s: %s\n", boot_kind_name(c->kind), err);
		return EXIT_ERR;
	}
	if (c->dry_run)
		return EXIT_OK;
	rc = boot_plan_run(p, err, sizeof(err));
	if (rc)
		fprintf(stderr, "vfctl: %s: %s\n", boot_kind_name(c->kind), err);
	if (rc == -EACCES || rc == -EPERM)
		return EXIT_PERM;
	return rc ? EXIT_ERR : EXIT_OK;
}

int cmd_kargs(int argc, char **argv)
{
	struct kargs_cli c = { 0 };
	struct boot_plan *p = calloc(1, sizeof(*p));
	char args[512], err[256];
	int rc = p ? parse_kargs(argc, argv, &c) : EXIT_ERR;

	if (!rc)
		rc = complete_args(&c);
	if (rc)
		goto out;
	if (c.ids[0])
		c.k.ids = c.ids;
	if (kargs_build(&c.k, args, sizeof(args), err, sizeof(err))) {
		usage_error("%s", err);
		rc = EXIT_USAGE;
		goto out;
	}
	if ((c.apply || c.dry_run) && (rc = install(&c, args, p)))
		goto out;
	if (g_opts.json) {
		print_json(&c, args, p);
		goto out;
	}
	puts(args);
	if (c.k.passthrough)
		puts(softdep_hint);
	if (c.dry_run || c.apply)
		printf("boot loader: %s\n", boot_kind_name(p->kind));
	if (c.dry_run)
		print_plan(p, stdout);
	else if (c.apply)
		print_done(p, stdout);
out:
	free(p);
	return rc;
}
