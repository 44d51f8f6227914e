// SPDX-License-Identifier: GPL-2.0
/* vfctl: command dispatch, global options, shared helpers, exit codes. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd_export.h"
#include "cmd_host.h"
#include "pfaddr.h"
#include "persist.h"

struct gopts g_opts = { .sysroot = "/sys" };

static const char help_text[] =
"usage: vfctl [--json] [--profile-dir DIR] COMMAND [ARGS]\n"
"\n"
"Provision SR-IOV VFs atomically through the vfprov kernel module.\n"
"\n"
"Commands:\n"
"  list                         PFs known to vfprov (index, address, card, VFs)\n"
"  show PF                      a PF, its resources and its VFs\n"
"  plan PF [APPLY OPTIONS]      what apply would set (the kernel's plan, any user)\n"
"  apply PF --vfs N [OPTIONS]   provision PF in one transaction\n"
"  apply -f FILE... [--sequential]  apply config files; several PFs: all-or-nothing, in parallel\n"
"  apply --boot                 apply /etc/vfctl/*.conf (the systemd unit runs this)\n"
"  apply --recover              undo a host-wide apply whose vfctl died (journal in /run/vfctl)\n"
"  apply -f DIR --pf ADDR       only PF ADDR's section of DIR/*.conf (udev's unit runs this)\n"
"  reset PF [--force]           disable all VFs of PF\n"
"  export PF|--all [--format F] the live state as a config file (conf), json, or for\n"
"                               libvirt, libvirt-domain, kubevirt, proxmox, nova\n"
"  assert -f FILE...            exit 0 if the host matches the files, 9 listing every difference\n"
"  hook DOMAIN OP SUBOP         libvirt qemu hook: refuse a domain that passes through a PF with VFs\n"
"  monitor                      print vfprov events until interrupted\n"
"  watch -f FILE|DIR...         apply a PF's section whenever it appears or its driver binds\n"
"  vf ACTION PF:VF [--force]    stop, pause, resume, clear or flr (reset) one VF\n"
"  top [PF] [--interval S] [--once]   every VF: owner, state, LMEM, adverse events\n"
"  profiles                     list profiles and scheduler presets\n"
"  check [--mode M]             is this host ready for sriov or passthrough\n"
"  kernel-args --mode M [--apply|--dry-run]   kernel arguments for M, via the boot loader\n"
"  passthrough PF / release PF  bind a whole PF to vfio-pci and back\n"
"  probe PF [-o FILE]           record what the PF's i915 does (0 VFs; writes undone)\n"
"  launch (--vf PF:N|--pf PF) [OPTIONS]   start a guest with a VF or a PF\n"
"  help, --help                 this text\n"
"  --version                    the version\n"
"\n"
"PF is a PCI address (0000:4d:00.0), a drm card (card0) or an index from `vfctl list`;\n"
"config files name PFs by PCI address only (indices shift when a card is added).\n"
"\n"
"Apply options:\n"
"  --vfs N                 number of VFs (0 disables them)\n"
"  --lmem SIZE --ggtt SIZE --contexts N --doorbells N\n"
"                          quota of every VF (unset: fair share by the kernel)\n"
"  --exec-quantum MS --preempt-timeout US   scheduling of every VF\n"
"  --vf K:KEY=VAL[,KEY=VAL] one VF, e.g. --vf 2:lmem=4G,ggtt=1G\n"
"                          per GT (xe, caps per-gt): --vf 2:gt1.contexts=512\n"
"                          (gtN.contexts, .doorbells, .exec_quantum_ms, .preempt_timeout_us)\n"
"  --weight K:W            planner share weight of VF K (1..1000)\n"
"  --profile NAME          resource profile (flex170-4, or flex170 with --vfs 4, card, fair)\n"
"  --ecc on|off            which LMEM row of a profile (default: from the card)\n"
"  --sched PRESET          scheduler preset (flexible_30fps, fixed_30fps, guide)\n"
"  --driver vfio-pci|xe-vfio-pci|none  driver the VFs are bound to\n"
"  --spare KEY=VAL[,...]   PF spares: lmem=, ggtt=, contexts=, doorbells=\n"
"  --set KEY=VAL           any config-file key (pf.exec_quantum_ms=20, sched_if_idle=1)\n"
"  --force                 reconfigure VFs a guest is using\n"
"  --dry-run               validate and plan in the kernel, change nothing (= plan)\n"
"  --rebalance             share unset quotas afresh (default: VFs that stay\n"
"                          keep their live quotas and are not disabled)\n"
"  --expect-gen G          refuse unless the PF is at generation G\n"
"\n"
"SIZE: bytes, or with K M G T / KiB MiB GiB TiB (1024-based); KB MB GB TB are refused.\n"
"\n"
"Exit status:\n"
"  0 ok (or unchanged)   1 other error       2 usage or config file error\n"
"  3 no such PF, or vfprov not loaded       4 needs root (CAP_SYS_ADMIN)\n"
"  5 rejected by validation, nothing changed\n"
"  6 failed and rolled back to the previous state\n"
"  7 failed and the rollback failed too: degraded\n"
"  8 check: the host is not ready for the mode; apply/watch --pf: the PF is not ready\n"
"  9 the vfprov module speaks another netlink ABI (rebuild it)\n"
"  10 interrupted while waiting: the transaction goes on in the kernel\n"
"  11 assert: the host differs from the files\n"
"\n"
"See vfctl(8).\n";

void usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("vfctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n(see `vfctl help`)\n", stderr);
}

int open_nl(struct vfnl *nl)
{
	char err[256];
	int rc = vfnl_open(nl, err, sizeof(err));

	if (rc)
		fprintf(stderr, "vfctl: %s\n", err);
	return rc;
}

void fill_card(struct pf_state *pf)
{
	if (pfaddr_pci_to_card(g_opts.sysroot, pf->addr, pf->card,
			       sizeof(pf->card)))
		pf->card[0] = 0;
}

int resolve_pf_listed(struct vfnl *nl, const char *spec, char *addr,
		      size_t len)
{
	struct vf_result res = { 0 };
	struct pf_state *pfs;
	const char **addrs;
	char err[256];
	int n, i, rc;

	if (vfnl_pf_list_sorted(nl, &pfs, &n, &res)) {
		fprintf(stderr, "vfctl: cannot list PFs: %s\n",
			res.extack[0] ? res.extack : strerror(-res.nl_err));
		return result_exit_code(res.nl_err, &res) == EXIT_PERM ?
		       EXIT_PERM : EXIT_ERR;
	}
	addrs = calloc((size_t)n + 1, sizeof(*addrs));
	if (!addrs) {
		free(pfs);
		return EXIT_ERR;
	}
	for (i = 0; i < n; i++)
		addrs[i] = pfs[i].addr;
	rc = pfaddr_resolve(g_opts.sysroot, spec, addrs, n, addr, len, err,
			    sizeof(err));
	if (rc)
		fprintf(stderr, "vfctl: %s\n", err);
	free(addrs);
	free(pfs);
	return rc;
}

/*
 * A PCI address or a card name needs no PF dump: the request itself fails
 * with ENODEV ("no such SR-IOV PF") when vfprov does not know the PF, and
 * the dump costs a snapshot of every PF. An index needs the dump's order.
 */
int resolve_pf(struct vfnl *nl, const char *spec, char *addr, size_t len)
{
	unsigned int idx;
	char norm[64];

	switch (pfaddr_classify(spec, norm, sizeof(norm), &idx)) {
	case PFADDR_PCI:
		snprintf(addr, len, "%s", norm);
		return EXIT_OK;
	case PFADDR_CARD:
		if (!pfaddr_card_to_pci(g_opts.sysroot, norm, addr, len))
			return EXIT_OK;
		break;
	default:
		break;
	}
	return resolve_pf_listed(nl, spec, addr, len);
}

/* Capability @cap in the effective set, from /proc/self/status. */
static bool have_cap(int cap)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	bool ok = geteuid() == 0;

	if (!f)
		return ok;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "CapEff:", 7)) {
			unsigned long long caps = strtoull(line + 7, NULL, 16);

			ok = caps & (1ull << cap);
			break;
		}
	fclose(f);
	return ok;
}

bool have_net_admin(void)
{
	return have_cap(12);	/* CAP_NET_ADMIN */
}

/* What ABI v2's apply and reset need (in the initial user namespace). */
bool have_sys_admin(void)
{
	return have_cap(21);	/* CAP_SYS_ADMIN */
}

static const struct {
	const char *name;
	int (*fn)(int, char **);
} cmds[] = {
	{ "list", cmd_list },
	{ "ls", cmd_list },
	{ "show", cmd_show },
	{ "plan", cmd_plan },
	{ "apply", cmd_apply },
	{ "reset", cmd_reset },
	{ "monitor", cmd_monitor },
	{ "profiles", cmd_profiles },
	{ "check", cmd_check },
	{ "probe", cmd_probe },
	{ "kernel-args", cmd_kargs },
	{ "passthrough", cmd_passthrough },
	{ "release", cmd_release },
	{ "launch", cmd_launch },
	{ "export", cmd_export },
	{ "assert", cmd_assert },
	{ "hook", cmd_hook },
	{ "watch", cmd_watch },
	{ "vf", cmd_vf },
	{ "top", cmd_top },
};

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "profile-dir", required_argument, NULL, 'P' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *env = getenv("VFCTL_SYSFS");
	size_t i;
	int c;

	if (env && *env)
		g_opts.sysroot = env;
	while ((c = getopt_long(argc, argv, "+jqP:Vh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			g_opts.json = true;
			break;
		case 'q':
			g_opts.quiet = true;
			break;
		case 'P':
			g_opts.profile_dir = optarg;
			break;
		case 'V':
			printf("vfctl %s (vfprov genl ABI version %d)\n",
			       VFCTL_VERSION, VFPROV_GENL_VERSION);
			return EXIT_OK;
		case 'h':
			fputs(help_text, stdout);
			return EXIT_OK;
		default:
			fputs("(see `vfctl help`)\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs(help_text, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[optind], "help")) {
		fputs(help_text, stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[optind], "version")) {
		printf("vfctl %s (vfprov genl ABI version %d)\n", VFCTL_VERSION,
		       VFPROV_GENL_VERSION);
		return EXIT_OK;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[optind], cmds[i].name)) {
			int sub_argc = argc - optind;

			optind = 0;	/* glibc: full re-init for the command */
			return cmds[i].fn(sub_argc, argv + (argc - sub_argc));
		}
	usage_error("unknown command '%s'", argv[optind]);
	return EXIT_USAGE;
}
