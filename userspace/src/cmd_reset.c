// SPDX-License-Identifier: GPL-2.0
/* vfctl reset PF: disable every VF in one transaction. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>

#include "cmd.h"
#include "cmd_wait.h"
#include "json_out.h"
#include "size.h"

int cmd_reset(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, 'F' },
		{ "json", no_argument, NULL, 'j' },
		{ "expect-gen", required_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 },
	};
	struct vf_result res = { 0 };
	struct wait_ui ui;
	char addr[VFPROV_ADDR_LEN], err[128];
	uint32_t flags = 0;
	uint64_t gen = 0;
	bool have_gen = false;
	struct vfnl nl;
	int c, rc;

	while ((c = getopt_long(argc, argv, "j", opts, NULL)) != -1) {
		switch (c) {
		case 'F':
			flags |= VFCTL_F_FORCE;
			break;
		case 'j':
			g_opts.json = true;
			break;
		case 'g':
			if (u64_parse(optarg, &gen, err, sizeof(err))) {
				usage_error("--expect-gen: %s", err);
				return EXIT_USAGE;
			}
			have_gen = true;
			break;
		default:
			usage_error("usage: vfctl reset PF [--force] [--expect-gen G]");
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		usage_error("usage: vfctl reset PF [--force] [--expect-gen G]");
		return EXIT_USAGE;
	}
	if (!have_sys_admin()) {
		fprintf(stderr, "vfctl: reset needs root (CAP_SYS_ADMIN)\n");
		return EXIT_PERM;
	}
	rc = open_nl(&nl);
	if (rc)
		return rc;
	rc = resolve_pf(&nl, argv[optind], addr, sizeof(addr));
	if (rc)
		goto out;
	wait_ui_start(&ui, addr, "reset");
	rc = vfnl_reset_wait(&nl, addr, flags, have_gen ? &gen : NULL, &ui.w,
			     &res);
	wait_ui_end(&ui);
	if (rc == -EINTR) {
		rc = print_detached("reset", addr, &res);
		if (g_opts.json)
			json_print(json_result(addr, "interrupted", rc, &res), false);
		goto out;
	}
	result_no_outcome(rc, &res);
	rc = result_exit_code(rc, &res);
	if (g_opts.json)
		json_print(json_result(addr, rc ? result_status(rc, &res) : "committed",
				       rc, &res), false);
	else if (!rc && !g_opts.quiet)
		printf("%s: reset, 0 VFs%s\n", addr, "");
	if (rc)
		print_failure("reset", addr, rc, &res);
out:
	vfnl_close(&nl);
	return rc;
}
