// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl assert -f FILE...: does the host hold what the files say? Exit 0 if
 * it does, EXIT_DIFFERS (11) with every difference listed if not. Read-only:
 * for monitoring and CI of hosts. The comparison is assert.c's.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assert.h"
#include "cmd.h"
#include "cmd_export.h"
#include "conffile.h"
#include "export.h"
#include "host.h"
#include "json_out.h"
#include "profile.h"

/* profile = card: the PF's own XPU Manager rows, as apply picks them. */
static int card_name(const char *addr, struct vf_req *r)
{
	char path[512];
	unsigned long ven = 0, dev = 0;
	const char *name;

	snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/vendor", g_opts.sysroot, addr);
	if (!host_read_ul(path, &ven)) {
		snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/device",
			 g_opts.sysroot, addr);
		host_read_ul(path, &dev);
	}
	name = profile_for_device((uint16_t)ven, (uint16_t)dev);
	if (!name)
		return -1;
	snprintf(r->profile, sizeof(r->profile), "%s", name);
	return 0;
}

static bool known(const struct pf_state *pfs, int n, const char *addr)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(pfs[i].addr, addr))
			return true;
	return false;
}

static int check_pf(struct vfnl *nl, const struct conf_pf *c,
		    const struct profile_dirs *dirs, struct diffs *out)
{
	struct vf_req *expl = malloc(sizeof(*expl)), *want = malloc(sizeof(*want));
	struct vf_req *have = malloc(sizeof(*have));
	const char *addr = c->spec;
	struct pf_state *pf = NULL;
	char err[512];
	int rc = EXIT_ERR;

	if (!expl || !want || !have)
		goto out;
	*expl = c->req;
	if (!strcmp(expl->profile, "card") && card_name(addr, expl)) {
		fprintf(stderr, "vfctl: [pf %s]: profile = card: no XPU Manager rows for this card\n",
			addr);
		rc = EXIT_USAGE;
		goto out;
	}
	if (request_resolve(dirs, expl, want, err, sizeof(err))) {
		fprintf(stderr, "vfctl: [pf %s] (line %d): %s\n", addr, c->line, err);
		rc = EXIT_USAGE;
		goto out;
	}
	rc = read_host(nl, &addr, 1, &pf);
	if (rc)
		goto out;
	export_live_req(pf, have);
	rc = assert_compare(pf->addr, want, have, out) < 0 ? EXIT_ERR : EXIT_OK;
out:
	free(pf);
	free(expl);
	free(want);
	free(have);
	return rc;
}

static void print_diffs(const struct diffs *d)
{
	int i;

	if (g_opts.json) {
		struct json_object *top = json_object_new_object();
		struct json_object *arr = json_object_new_array();

		json_object_object_add(top, "schema_version", json_object_new_int(VFCTL_JSON_SCHEMA));
		json_object_object_add(top, "matches", json_object_new_boolean(!d->n));
		for (i = 0; i < d->n; i++) {
			struct json_object *o = json_object_new_object();

			json_object_object_add(o, "pf", json_object_new_string(d->d[i].pf));
			if (d->d[i].vf)
				json_object_object_add(o, "vf", json_object_new_int((int)d->d[i].vf));
			json_object_object_add(o, "field", json_object_new_string(d->d[i].field));
			json_object_object_add(o, "want", json_object_new_string(d->d[i].want));
			json_object_object_add(o, "have", json_object_new_string(d->d[i].have));
			json_object_array_add(arr, o);
		}
		json_object_object_add(top, "differences", arr);
		json_print(top, false);
		return;
	}
	if (!d->n) {
		if (!g_opts.quiet)
			printf("the host matches\n");
		return;
	}
	printf("%-12s  %-3s  %-22s  %-12s  %s\n", "PF", "VF", "FIELD", "WANT", "HAVE");
	for (i = 0; i < d->n; i++) {
		char vf[16] = "-";

		if (d->d[i].vf)
			snprintf(vf, sizeof(vf), "%u", d->d[i].vf);
		printf("%-12s  %-3s  %-22s  %-12s  %s\n", d->d[i].pf, vf,
		       d->d[i].field, d->d[i].want, d->d[i].have);
	}
	printf("%d difference%s\n", d->n, d->n == 1 ? "" : "s");
}

static int parse_assert(int argc, char **argv, struct conf *conf)
{
	static const struct option opts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	char err[512];
	int c, files = 0;

	while ((c = getopt_long(argc, argv, "f:j", opts, NULL)) != -1) {
		if (c == 'j') {
			g_opts.json = true;
			continue;
		}
		if (c != 'f') {
			usage_error("usage: vfctl assert -f FILE... [--json]");
			return EXIT_USAGE;
		}
		if (conf_parse_file(optarg, conf, err, sizeof(err))) {
			fprintf(stderr, "vfctl: %s\n", err);
			return EXIT_USAGE;
		}
		files++;
	}
	if (!files || optind < argc) {
		usage_error("usage: vfctl assert -f FILE... [--json]");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int cmd_assert(int argc, char **argv)
{
	struct conf conf = { 0 };
	struct diffs d = { 0 };
	struct vf_result res = { 0 };
	struct profile_dirs dirs;
	struct pf_state *known_pfs = NULL;
	struct vfnl nl;
	int rc, i, nknown = 0;

	rc = parse_assert(argc, argv, &conf);
	if (rc)
		goto out;
	profile_dirs_default(&dirs, g_opts.profile_dir);
	rc = open_nl(&nl);
	if (rc)
		goto out;
	if (vfnl_pf_list_sorted(&nl, &known_pfs, &nknown, &res)) {
		fprintf(stderr, "vfctl: cannot list PFs: %s\n",
			res.extack[0] ? res.extack : strerror(-res.nl_err));
		rc = EXIT_ERR;
	}
	for (i = 0; !rc && i < conf.n; i++) {
		if (!known(known_pfs, nknown, conf.pf[i].spec))
			rc = assert_missing(conf.pf[i].spec, &d) < 0 ? EXIT_ERR : EXIT_OK;
		else
			rc = check_pf(&nl, &conf.pf[i], &dirs, &d);
	}
	vfnl_close(&nl);
	if (!rc) {
		print_diffs(&d);
		rc = d.n ? EXIT_DIFFERS : EXIT_OK;
	}
out:
	free(known_pfs);
	diffs_free(&d);
	conf_free(&conf);
	return rc;
}
