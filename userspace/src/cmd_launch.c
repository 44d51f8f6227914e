// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl launch: start a guest with a VF (PF:N) or a whole PF through
 * vfio-pci. The qemu line comes from qemu_cmd.c; this file resolves the
 * device, prepares it and execs qemu, so signals and the exit status are
 * qemu's own.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd_host.h"
#include "host.h"
#include "qemu_cmd.h"

static const char launch_help[] =
"usage: vfctl launch (--vf PF:N | --pf PF) [OPTIONS]\n"
"  --disk IMG            virtio disk image (.qcow2 / .img / .raw)\n"
"  --create-disk SIZE    create --disk first (qemu-img create -f qcow2)\n"
"  --cdrom ISO           install medium, booted once\n"
"  --mem SIZE            guest memory (4G)\n"
"  --cpus N              guest CPUs (4)\n"
"  --vnc :N | --headless display on VNC, or serial console on this terminal\n"
"  --ssh-port P          host port P forwarded to the guest's port 22\n"
"  --forward tcp:H:G,... more forwards (tcp or udp)\n"
"  --no-net              no network device\n"
"  --name NAME           guest name\n"
"  --qemu BINARY         qemu binary (qemu-system-x86_64)\n"
"  --kernel K [--initrd I] [--append A]   direct kernel boot\n"
"  --root DIR            host tree prefix (tests)\n"
"  --dry-run             print the qemu command, change nothing\n";

struct launch_args {
	struct qemu_opts q;
	const char *vf;		/* "PF:N" */
	const char *pf;
	const char *disk_size;	/* --create-disk */
	bool dry_run;
};

enum {
	OPT_VF = 256, OPT_PF, OPT_DISK, OPT_CDROM, OPT_CREATE, OPT_MEM,
	OPT_CPUS, OPT_VNC, OPT_HEADLESS, OPT_SSH, OPT_FWD, OPT_NAME, OPT_QEMU,
	OPT_KERNEL, OPT_INITRD, OPT_APPEND, OPT_DRY, OPT_ROOT, OPT_NONET,
};

static const struct option launch_opts[] = {
	{ "vf", required_argument, NULL, OPT_VF },
	{ "pf", required_argument, NULL, OPT_PF },
	{ "disk", required_argument, NULL, OPT_DISK },
	{ "cdrom", required_argument, NULL, OPT_CDROM },
	{ "create-disk", required_argument, NULL, OPT_CREATE },
	{ "mem", required_argument, NULL, OPT_MEM },
	{ "cpus", required_argument, NULL, OPT_CPUS },
	{ "vnc", required_argument, NULL, OPT_VNC },
	{ "headless", no_argument, NULL, OPT_HEADLESS },
	{ "ssh-port", required_argument, NULL, OPT_SSH },
	{ "forward", required_argument, NULL, OPT_FWD },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "qemu", required_argument, NULL, OPT_QEMU },
	{ "kernel", required_argument, NULL, OPT_KERNEL },
	{ "initrd", required_argument, NULL, OPT_INITRD },
	{ "append", required_argument, NULL, OPT_APPEND },
	{ "dry-run", no_argument, NULL, OPT_DRY },
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "no-net", no_argument, NULL, OPT_NONET },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int parse_uint(const char *s, unsigned int max, unsigned int *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || v < 1 || v > max)
		return -1;
	*out = (unsigned int)v;
	return 0;
}

/* One option into @la; -1 for a bad value (already reported). */
static int launch_opt(int c, const char *arg, struct launch_args *la)
{
	struct qemu_opts *q = &la->q;

	switch (c) {
	case OPT_VF: la->vf = arg; break;
	case OPT_PF: la->pf = arg; break;
	case OPT_DISK: q->disk = arg; break;
	case OPT_CDROM: q->cdrom = arg; break;
	case OPT_CREATE: la->disk_size = arg; break;
	case OPT_MEM: q->mem = arg; break;
	case OPT_VNC: q->vnc = arg; break;
	case OPT_HEADLESS: q->headless = true; break;
	case OPT_FWD: q->forwards = arg; break;
	case OPT_NONET: q->no_net = true; break;
	case OPT_NAME: q->name = arg; break;
	case OPT_QEMU: q->qemu = arg; break;
	case OPT_KERNEL: q->kernel = arg; break;
	case OPT_INITRD: q->initrd = arg; break;
	case OPT_APPEND: q->append = arg; break;
	case OPT_DRY: la->dry_run = true; break;
	case OPT_ROOT: host_set_root(arg); break;
	case OPT_CPUS:
		if (parse_uint(arg, 1024, &q->cpus))
			return usage_error("--cpus wants 1..1024, not '%s'", arg), -1;
		break;
	case OPT_SSH:
		if (parse_uint(arg, 65535, &q->ssh_port))
			return usage_error("--ssh-port wants 1..65535, not '%s'", arg), -1;
		break;
	default:
		return -1;
	}
	return 0;
}

/* Returns an exit code; *@done when the command is finished. */
static int parse_launch(int argc, char **argv, struct launch_args *la,
			bool *done)
{
	int c;

	*done = true;
	while ((c = getopt_long(argc, argv, "h", launch_opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(launch_help, stdout);
			return EXIT_OK;
		}
		if (launch_opt(c, optarg, la))
			return EXIT_USAGE;
	}
	if (optind != argc || !la->vf == !la->pf) {
		usage_error("launch wants exactly one of --vf PF:N or --pf PF");
		return EXIT_USAGE;
	}
	if (la->disk_size && !la->q.disk) {
		usage_error("--create-disk needs --disk IMG (the file to create)");
		return EXIT_USAGE;
	}
	*done = false;
	return EXIT_OK;
}

/* "0000:02:00.0:1" -> the VF's address. PF names contain ':', N is last. */
static int resolve_vf(const char *spec, char *addr, size_t len)
{
	char pf_spec[64], pf[PCI_ADDR_LEN], err[256];
	const char *colon = strrchr(spec, ':');
	unsigned int n;
	int rc;

	if (!colon || (size_t)(colon - spec) >= sizeof(pf_spec) ||
	    parse_uint(colon + 1, 4096, &n)) {
		usage_error("--vf wants PF:N, e.g. 0000:4d:00.0:1 or card0:1");
		return EXIT_USAGE;
	}
	snprintf(pf_spec, sizeof(pf_spec), "%.*s", (int)(colon - spec), spec);
	if (pci_resolve(pf_spec, pf, sizeof(pf), err, sizeof(err))) {
		fprintf(stderr, "vfctl: %s\n", err);
		return EXIT_NOTFOUND;
	}
	rc = pci_vf_addr(pf, n, addr, len);
	if (rc) {
		unsigned long num = 0;

		pci_attr_ul(pf, "sriov_numvfs", &num);
		fprintf(stderr, "vfctl: VF %u of %s is not enabled (%lu VFs enabled)\n",
			n, pf, num);
		return EXIT_NOTFOUND;
	}
	return EXIT_OK;
}

static int resolve_target(const struct launch_args *la, char *addr,
			  size_t len)
{
	char err[256];

	if (la->vf)
		return resolve_vf(la->vf, addr, len);
	if (pci_resolve(la->pf, addr, len, err, sizeof(err))) {
		fprintf(stderr, "vfctl: %s\n", err);
		return EXIT_NOTFOUND;
	}
	return EXIT_OK;
}

/* KVM when /dev/kvm opens read-write; else say that TCG will be slow. */
static bool use_kvm(void)
{
	char why[128];

	if (host_kvm_usable(why, sizeof(why)))
		return true;
	fprintf(stderr,
		"vfctl: /dev/kvm is not usable (%s): falling back to TCG software emulation, the guest will be slow\n",
		why);
	return false;
}

static void build_qemu_img(const struct launch_args *la, char **argv)
{
	argv[0] = "qemu-img";
	argv[1] = "create";
	argv[2] = "-f";
	argv[3] = "qcow2";
	argv[4] = (char *)la->q.disk;
	argv[5] = (char *)la->disk_size;
	argv[6] = NULL;
}

static int create_disk(const struct launch_args *la)
{
	char *argv[7];
	int rc;

	if (!access(la->q.disk, F_OK)) {
		fprintf(stderr, "vfctl: %s exists; not overwriting it (drop --create-disk)\n",
			la->q.disk);
		return EXIT_REJECTED;
	}
	build_qemu_img(la, argv);
	rc = host_run(argv);
	if (rc) {
		fprintf(stderr, "vfctl: qemu-img create failed (%d)%s\n", rc,
			rc == 127 ? ": install qemu-utils" : "");
		return EXIT_ERR;
	}
	return EXIT_OK;
}

static int dry_run(const struct launch_args *la, char *const *argv,
		   const char *addr)
{
	char *line, drv[64];

	if (la->disk_size) {
		char *img[7];

		build_qemu_img(la, img);
		line = shell_join(img);
		if (line)
			puts(line);
		free(line);
	}
	line = shell_join(argv);
	if (!line)
		return EXIT_ERR;
	puts(line);
	free(line);
	pci_driver(addr, drv, sizeof(drv));
	if (strcmp(drv, "vfio-pci"))
		fprintf(stderr, "vfctl: dry run: would bind %s (now: %s) to vfio-pci\n",
			addr, drv[0] ? drv : "no driver");
	fprintf(stderr, "vfctl: dry run: nothing changed, nothing started\n");
	return EXIT_OK;
}

static int start(const struct launch_args *la, char *const *argv,
		 const char *addr)
{
	int rc = vfio_take(addr, la->pf != NULL);

	if (rc)
		return rc;
	if (la->disk_size && (rc = create_disk(la)))
		return rc;
	fflush(NULL);
	execvp(argv[0], argv);
	fprintf(stderr, "vfctl: cannot run %s: %s (install qemu-system-x86 or give --qemu)\n",
		argv[0], strerror(errno));
	return EXIT_ERR;
}

int cmd_launch(int argc, char **argv)
{
	struct launch_args la = { 0 };
	struct qemu_argv qa;
	char addr[PCI_ADDR_LEN], err[256];
	bool done;
	int rc = parse_launch(argc, argv, &la, &done);

	if (done)
		return rc;
	rc = resolve_target(&la, addr, sizeof(addr));
	if (rc)
		return rc;
	la.q.host_pci = addr;
	la.q.kvm = use_kvm();
	if (qemu_build(&la.q, &qa, err, sizeof(err))) {
		usage_error("%s", err);
		return EXIT_USAGE;
	}
	rc = la.dry_run ? dry_run(&la, qa.argv, addr) : start(&la, qa.argv, addr);
	qemu_argv_free(&qa);
	return rc;
}
