// SPDX-License-Identifier: GPL-2.0
/* vfctl check [--mode sriov|passthrough]: is this host ready? */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "cmd_host.h"
#include "host.h"
#include "hostwide.h"
#include "json_out.h"

static void print_text(const struct check_report *rep)
{
	int i, fails = 0, warns = 0;

	for (i = 0; i < rep->n; i++) {
		const struct check_item *it = &rep->item[i];

		printf("%-4s  %-18s %s\n", check_status_name(it->status),
		       it->name, it->detail);
		if (it->fix[0])
			printf("      %-18s fix: %s\n", "", it->fix);
		fails += it->status == CHECK_FAIL;
		warns += it->status == CHECK_WARN;
	}
	if (!fails)
		printf("host is ready for %s (%d warning%s)\n",
		       check_mode_name(rep->mode), warns, warns == 1 ? "" : "s");
	else
		printf("host is NOT ready for %s: %d failed, %d warning%s\n",
		       check_mode_name(rep->mode), fails, warns,
		       warns == 1 ? "" : "s");
}

int cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "mode", required_argument, NULL, 'm' },
		{ "json", no_argument, NULL, 'j' },
		{ "root", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum check_mode mode = CHECK_SRIOV;
	struct check_report rep;
	struct check_limits lim;
	int c;

	while ((c = getopt_long(argc, argv, "m:jh", opts, NULL)) != -1) {
		switch (c) {
		case 'm':
			if (check_parse_mode(optarg, &mode)) {
				usage_error("--mode wants sriov or passthrough");
				return EXIT_USAGE;
			}
			break;
		case 'j':
			g_opts.json = true;
			break;
		case 'r':
			host_set_root(optarg);
			break;
		case 'h':
			puts("usage: vfctl check [--mode sriov|passthrough] [--json] [--root DIR]");
			return EXIT_OK;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		usage_error("check takes no arguments");
		return EXIT_USAGE;
	}
	check_limits_self(&lim);
	check_run(mode, &lim, &rep);
	if (g_opts.json)
		json_print(check_json(&rep), false);
	else
		print_text(&rep);
	hw_journal_warn_stale();	/* a host-wide apply died half-way */
	return check_ready(&rep) ? EXIT_OK : EXIT_NOTREADY;
}
