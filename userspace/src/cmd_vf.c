// SPDX-License-Identifier: GPL-2.0
/*
 * vfctl vf ACTION PF:VF [--force]: stop, pause, resume, clear or FLR one
 * VF. The kernel runs it as a transaction of its own (vf-action); vfctl
 * waits for its outcome as apply does and prints the VF's state after.
 * The refusals name their cause: another transaction on the PF, a guest
 * holding the VF (and which), a driver that cannot do the action.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_wait.h"
#include "holder.h"
#include "json_out.h"

#define VF_USAGE "usage: vfctl vf stop|pause|resume|clear|flr PF:VF [--force] [--json]"

/* "0000:4d:00.0:2", "card0:2", "0:2": the PF and the VF after the last ':' */
static int split_target(const char *arg, char *pf, size_t len, uint32_t *vf)
{
	const char *colon = strrchr(arg, ':');
	char *end;
	unsigned long k;

	if (!colon || colon == arg || (size_t)(colon - arg) >= len)
		return -1;
	k = strtoul(colon + 1, &end, 10);
	if (end == colon + 1 || *end || k < 1 || k > VFPROV_MAX_VFS)
		return -1;
	snprintf(pf, len, "%.*s", (int)(colon - arg), arg);
	*vf = (uint32_t)k;
	return 0;
}

/* VF @id of PF @addr from a vf dump into @out; -1 if absent. */
static int get_vf(struct vfnl *nl, const char *addr, uint32_t id,
		  struct vf_state *out)
{
	struct pf_state *pf = calloc(1, sizeof(*pf));
	struct vf_result res = { 0 };
	int i, rc = -1;

	if (!pf)
		return -1;
	snprintf(pf->addr, sizeof(pf->addr), "%s", addr);
	if (!vfnl_vf_dump(nl, pf, &res))
		for (i = 0; i < pf->nvfs; i++)
			if (pf->vf[i].id == id) {
				*out = pf->vf[i];
				rc = 0;
			}
	free(pf);
	return rc;
}

/* EBUSY: another transaction, or a guest holds the VF. */
static void busy_hint(struct vfnl *nl, const char *addr, uint32_t id,
		      char *why, size_t len)
{
	struct pf_state *pf = calloc(1, sizeof(*pf));
	struct vf_result res = { 0 };
	struct vf_state vs;
	struct holder h;

	snprintf(why, len, "a transaction is running on PF %s or VF %u is in use: `vfctl show %s`",
		 addr, id, addr);
	if (pf && !vfnl_pf_get(nl, addr, pf, &res) &&
	    (pf->have_running || pf->state == VFPROV_STATE_APPLYING)) {
		snprintf(why, len, "a transaction is running on PF %s: wait for it (vfctl show %s)",
			 addr, addr);
	} else if (!get_vf(nl, addr, id, &vs)) {
		holder_find(vs.pci_addr, vs.iommu_group, &h);
		if (h.kind == HOLDER_FOUND)
			snprintf(why, len, "guest %s%s%s pid %d holds it: stop the guest, or use --force",
				 h.comm, h.guest[0] ? " " : "", h.guest, h.pid);
		else if (vs.in_use)
			snprintf(why, len, "a guest holds it (%s): stop the guest, or use --force",
				 h.kind == HOLDER_UNKNOWN ? "which one: not permitted to see" :
				 "vfio-pci reports it in use");
	}
	free(pf);
}

static void fail_hint(struct vfnl *nl, const char *addr, uint32_t id,
		      uint32_t action, const struct vf_result *r, char *why,
		      size_t len)
{
	int err = r->err ? r->err : r->nl_err;

	why[0] = 0;
	if (err == -EBUSY)
		busy_hint(nl, addr, id, why, len);
	else if (err == -EOPNOTSUPP)
		snprintf(why, len, "%s is not supported by this driver version (the PF lacks the %s capability: `vfctl show %s` lists its caps)",
			 vf_action_name(action),
			 action == VFPROV_VF_ACTION_FLR ? "vf-flr" : "vf-control", addr);
}

static int report(struct vfnl *nl, const char *addr, uint32_t id,
		  uint32_t action, struct vf_result *res)
{
	struct vf_state vs;
	bool have = !get_vf(nl, addr, id, &vs);
	const char *state = have && vs.have_state ? vf_run_state_name(vs.run_state) : "unknown";

	if (g_opts.json) {
		struct json_object *o = json_result(addr, "committed", EXIT_OK, res);

		json_object_object_add(o, "vf", json_object_new_int((int)id));
		json_object_object_add(o, "action", json_object_new_string(vf_action_name(action)));
		json_object_object_add(o, "vf_state", json_object_new_string(state));
		json_print(o, false);
	} else if (!g_opts.quiet) {
		printf("%s VF %u%s%s%s: %s, state %s\n", addr, id,
		       have && vs.pci_addr[0] ? " (" : "", have ? vs.pci_addr : "",
		       have && vs.pci_addr[0] ? ")" : "", vf_action_done(action), state);
	}
	return EXIT_OK;
}

static int run_action(struct vfnl *nl, const char *addr, uint32_t id,
		      uint32_t action, uint32_t flags)
{
	struct vf_result res = { 0 };
	char what[32], why[256];
	struct wait_ui ui;
	int rc;

	snprintf(what, sizeof(what), "vf %s", vf_action_name(action));
	wait_ui_start(&ui, addr, what);
	rc = vfnl_vf_action_wait(nl, addr, id, action, flags, &ui.w, &res);
	wait_ui_end(&ui);
	if (rc == -EINTR) {
		rc = print_detached(what, addr, &res);
		if (g_opts.json)
			json_print(json_result(addr, "interrupted", rc, &res), false);
		return rc;
	}
	result_no_outcome(rc, &res);
	rc = result_exit_code(rc, &res);
	if (!rc)
		return report(nl, addr, id, action, &res);
	fail_hint(nl, addr, id, action, &res, why, sizeof(why));
	if (g_opts.json)
		json_print(json_result(addr, result_status(rc, &res), rc, &res), false);
	print_failure_hint(what, addr, rc, &res, why[0] ? why : NULL);
	return rc;
}

int cmd_vf(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, 'F' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	char spec[VFPROV_ADDR_LEN + 16], addr[VFPROV_ADDR_LEN];
	uint32_t flags = 0, action, id;
	struct vfnl nl;
	int c, rc;

	while ((c = getopt_long(argc, argv, "j", opts, NULL)) != -1) {
		if (c == 'F') {
			flags |= VFCTL_F_FORCE;
		} else if (c == 'j') {
			g_opts.json = true;
		} else {
			usage_error(VF_USAGE);
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 2) {
		usage_error(VF_USAGE);
		return EXIT_USAGE;
	}
	if (vf_action_parse(argv[optind], &action)) {
		usage_error("vf: unknown action '%s' (stop, pause, resume, clear, flr)",
			    argv[optind]);
		return EXIT_USAGE;
	}
	if (split_target(argv[optind + 1], spec, sizeof(spec), &id)) {
		usage_error("vf: '%s' is not PF:VF (e.g. 0000:4d:00.0:1, card0:1, 0:1; VF 1..%d)",
			    argv[optind + 1], VFPROV_MAX_VFS);
		return EXIT_USAGE;
	}
	if (!have_sys_admin()) {
		fprintf(stderr, "vfctl: vf %s needs root (CAP_SYS_ADMIN)\n",
			vf_action_name(action));
		return EXIT_PERM;
	}
	rc = open_nl(&nl);
	if (rc)
		return rc;
	rc = resolve_pf(&nl, spec, addr, sizeof(addr));
	if (!rc)
		rc = run_action(&nl, addr, id, action, flags);
	vfnl_close(&nl);
	return rc;
}
