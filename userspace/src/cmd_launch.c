// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl launch: start a guest with a VF (PF:N) or a whole PF through
 * vfio-pci. The qemu line comes from qemu_cmd.c; this file resolves the
 * device, prepares it and execs qemu, so signals and the exit status are
 * qemu's own.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd_host.h"
#include "host.h"
#include "launch_run.h"
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
"  --firmware uefi|bios  OVMF with this guest's own vars file (default when\n"
"                        the ovmf package is installed), or SeaBIOS\n"
"  --os windows|linux    windows: Hyper-V enlightenments, localtime RTC,\n"
"                        AHCI disk and e1000e NIC (no virtio-win needed)\n"
"  --vf-rom              keep the VF's ROM BAR (default: rombar=0)\n"
"  --user NAME           run qemu as NAME (default " LAUNCH_DEFAULT_USER "); the VF's\n"
"                        /dev/vfio/N is handed over and given back at exit\n"
"  --as-root             keep qemu running as root\n"
"  --debugcon FILE       firmware debug port 0x402 into FILE\n"
"  --root DIR            host tree prefix (tests)\n"
"  --dry-run             print the qemu command, change nothing\n";

struct launch_args {
	struct qemu_opts q;
	const char *vf;		/* "PF:N" */
	const char *pf;
	const char *disk_size;	/* --create-disk */
	const char *firmware;	/* "uefi", "bios", NULL: uefi if installed */
	const char *user;	/* NULL: LAUNCH_DEFAULT_USER */
	bool as_root;
	bool dry_run;
	char fw_code[512], fw_vars[512], fw_tmpl[512], fw_name[128];
};

enum {
	OPT_VF = 256, OPT_PF, OPT_DISK, OPT_CDROM, OPT_CREATE, OPT_MEM,
	OPT_CPUS, OPT_VNC, OPT_HEADLESS, OPT_SSH, OPT_FWD, OPT_NAME, OPT_QEMU,
	OPT_KERNEL, OPT_INITRD, OPT_APPEND, OPT_DRY, OPT_ROOT, OPT_NONET,
	OPT_FW, OPT_OS, OPT_VFROM, OPT_USER, OPT_ASROOT, OPT_DEBUGCON,
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
	{ "firmware", required_argument, NULL, OPT_FW },
	{ "os", required_argument, NULL, OPT_OS },
	{ "vf-rom", no_argument, NULL, OPT_VFROM },
	{ "user", required_argument, NULL, OPT_USER },
	{ "as-root", no_argument, NULL, OPT_ASROOT },
	{ "debugcon", required_argument, NULL, OPT_DEBUGCON },
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
	case OPT_VFROM: q->rom = true; break;
	case OPT_USER: la->user = arg; break;
	case OPT_ASROOT: la->as_root = true; break;
	case OPT_DEBUGCON: q->debugcon = arg; break;
	case OPT_FW:
		if (strcmp(arg, "uefi") && strcmp(arg, "bios"))
			return usage_error("--firmware wants uefi or bios, not '%s'", arg), -1;
		la->firmware = arg;
		break;
	case OPT_OS:
		if (strcmp(arg, "windows") && strcmp(arg, "linux"))
			return usage_error("--os wants windows or linux, not '%s'", arg), -1;
		q->windows = !strcmp(arg, "windows");
		break;
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
	if (la->as_root && la->user) {
		usage_error("--as-root and --user exclude each other");
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

/* A name safe in a file name: the vars file is STATE_DIR/<name>_VARS.fd. */
static bool valid_name(const char *n)
{
	size_t i;

	for (i = 0; n[i]; i++)
		if (!isalnum((unsigned char)n[i]) && !strchr("._-", n[i]))
			return false;
	return i > 0 && n[0] != '.';
}

/* --firmware: uefi by default when OVMF is there, bios (SeaBIOS) else. */
static int setup_firmware(struct launch_args *la, const char *addr)
{
	char name[64];
	const char *n = la->q.name;
	bool found = !fw_locate(la->fw_code, sizeof(la->fw_code),
				la->fw_tmpl, sizeof(la->fw_tmpl));
	int rc;

	if (la->firmware && !strcmp(la->firmware, "bios"))
		return EXIT_OK;
	if (!found) {
		if (la->firmware) {
			fprintf(stderr, "vfctl: --firmware uefi: no OVMF in /usr/share/OVMF (install ovmf)\n");
			return EXIT_NOTREADY;
		}
		fprintf(stderr, "vfctl: no OVMF installed (package ovmf): booting with SeaBIOS\n");
		return EXIT_OK;
	}
	if (!n) {
		/* the VF address, ':' made '_' so it is a plain file name */
		snprintf(name, sizeof(name), "%s", addr);
		for (char *p = name; *p; p++)
			if (*p == ':')
				*p = '_';
		n = name;
	} else if (!valid_name(n)) {
		usage_error("--name wants letters, digits, '.', '_' or '-' with UEFI (it names the vars file), not '%s'", n);
		return EXIT_USAGE;
	}
	snprintf(la->fw_name, sizeof(la->fw_name), "%s", n);
	/* only the path here: the file is made in start(), once all is checked */
	rc = fw_vars_copy(la->fw_tmpl, n, la->fw_vars, sizeof(la->fw_vars), true);
	if (rc)
		return rc;
	la->q.fw_code = la->fw_code;
	la->q.fw_vars = la->fw_vars;
	return EXIT_OK;
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
	if (!pci_driver_is_vfio(drv))
		fprintf(stderr, "vfctl: dry run: would bind %s (now: %s) to vfio-pci\n",
			addr, drv[0] ? drv : "no driver");
	if (la->q.runas)
		fprintf(stderr, "vfctl: dry run: would hand /dev/vfio/%d to %s while qemu runs\n",
			pci_iommu_group(addr), la->q.runas);
	fprintf(stderr, "vfctl: dry run: nothing changed, nothing started\n");
	return EXIT_OK;
}

static int start(struct launch_args *la, char *const *argv,
		 const char *addr)
{
	int rc = vfio_take(addr, la->pf != NULL);

	if (rc)
		return rc;
	if (la->disk_size && (rc = create_disk(la)))
		return rc;
	if (la->q.fw_vars &&
	    (rc = fw_vars_copy(la->fw_tmpl, la->fw_name, la->fw_vars,
			       sizeof(la->fw_vars), false)))
		return rc;
	if (la->q.runas)
		return launch_as_user(argv, addr, la->q.runas,
				      qemu_mem_bytes(la->q.mem) + (1ULL << 30));
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
	la.q.rom = la.q.rom || la.pf;	/* a whole PF keeps its ROM (GPU VBIOS) */
	if (!la.as_root)
		la.q.runas = la.user ? la.user : LAUNCH_DEFAULT_USER;
	rc = setup_firmware(&la, addr);
	if (rc)
		return rc;
	la.q.kvm = use_kvm();
	if (qemu_build(&la.q, &qa, err, sizeof(err))) {
		usage_error("%s", err);
		return EXIT_USAGE;
	}
	if (la.q.runas && (rc = launch_user_check(la.q.runas))) {
		qemu_argv_free(&qa);
		return rc;
	}
	rc = la.dry_run ? dry_run(&la, qa.argv, addr) : start(&la, qa.argv, addr);
	qemu_argv_free(&qa);
	return rc;
}
