// SPDX-License-Identifier: GPL-2.0
/* vfctl list: every PF vfprov knows, in index order. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "json_out.h"

int cmd_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct vf_result res = { 0 };
	struct pf_state *pfs;
	struct vfnl nl;
	int c, n, i, rc;

	while ((c = getopt_long(argc, argv, "j", opts, NULL)) != -1) {
		if (c != 'j') {
			usage_error("usage: vfctl list [--json]");
			return EXIT_USAGE;
		}
		g_opts.json = true;
	}
	if (optind < argc) {
		usage_error("list takes no arguments");
		return EXIT_USAGE;
	}
	rc = open_nl(&nl);
	if (rc)
		return rc;
	if (vfnl_pf_list_sorted(&nl, &pfs, &n, &res)) {
		rc = result_exit_code(res.nl_err, &res);
		print_failure("list", "PFs", rc == EXIT_OK ? EXIT_ERR : rc, &res);
		vfnl_close(&nl);
		return rc == EXIT_OK ? EXIT_ERR : rc;
	}
	vfnl_close(&nl);
	for (i = 0; i < n; i++)
		fill_card(&pfs[i]);
	if (g_opts.json) {
		json_print(json_list(pfs, n), false);
	} else if (!n) {
		printf("no SR-IOV PFs known to vfprov\n");
	} else {
		printf("%-3s  %-12s  %-6s  %-11s  %-10s  %-7s  %5s  %-8s  %s\n",
		       "IDX", "PF", "CARD", "BACKEND", "DRIVER", "VFS", "GEN",
		       "STATE", "LAST");
		for (i = 0; i < n; i++) {
			char vfs[24];

			snprintf(vfs, sizeof(vfs), "%u/%u", pfs[i].num_vfs,
				 pfs[i].total_vfs);
			printf("%-3d  %-12s  %-6s  %-11s  %-10s  %-7s  %5" PRIu64 "  %-8s  %s\n",
			       i, pfs[i].addr, pfs[i].card[0] ? pfs[i].card : "-",
			       pfs[i].backend[0] ? pfs[i].backend : "-",
			       pfs[i].driver[0] ? pfs[i].driver : "-", vfs,
			       pfs[i].generation, state_name(pfs[i].state),
			       result_name(pfs[i].last_result));
		}
	}
	free(pfs);
	return EXIT_OK;
}
