// SPDX-License-Identifier: GPL-2.0
/* vfctl show PF: the PF, its resources and its VFs. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "hostwide.h"
#include "json_out.h"
#include "size.h"
#include "top.h"

static bool is_bytes(const char *res)
{
	return !strcmp(res, "lmem") || !strcmp(res, "ggtt");
}

static const char *fmt_res(const char *res, uint64_t v, char *buf, size_t len)
{
	if (is_bytes(res))
		return size_format(v, buf, len);
	snprintf(buf, len, "%" PRIu64, v);
	return buf;
}

static const char *fmt_opt_size(bool set, uint64_t v, char *buf, size_t len)
{
	if (!set)
		return "-";
	return size_format(v, buf, len);
}

static const char *fmt_opt_u(bool set, uint64_t v, char *buf, size_t len)
{
	if (!set)
		return "-";
	snprintf(buf, len, "%" PRIu64, v);
	return buf;
}

/* "VF 2 thresholds: page_fault_count 10, h2g_time_us 500" per VF with any */
static void print_thresholds(uint32_t id, const struct vf_cfg *c)
{
	int i, n = 0;

	if (!(c->set & VF_SET_THR_ALL))
		return;
	printf("VF %u thresholds:", id);
	for (i = 0; i < VFCTL_NTHR; i++)
		if (c->set & VF_SET_THR(i))
			printf("%s %s %u", n++ ? "," : "", threshold_key((uint32_t)i),
			       c->thr[i]);
	putchar('\n');
}

/* "     gt1: contexts 512, exec_quantum_ms 20" per GT with values of its own */
static void print_gts(const struct vf_cfg *c)
{
	uint32_t bit;
	int gt, i, n;

	if (!(c->set & VF_SET_GT))
		return;
	for (gt = 0; gt < VFCTL_NGT; gt++) {
		const struct vf_gt *g = &c->gt[gt];

		if (!(g->set & VF_SET_GT_KEYS))
			continue;
		printf("     gt%d:", gt);
		for (i = 0, n = 0; i < VFCTL_NGT_KEYS; i++) {
			const char *key = gt_key(i, &bit);

			if (g->set & bit)
				printf("%s %s %u", n++ ? "," : "", key,
				       gt_value(g, bit));
		}
		putchar('\n');
	}
}

static void print_policies(const struct vf_req *r)
{
	char a[32], b[32];

	if (!(r->set & (REQ_SET_ENGINE_RESET | REQ_SET_SAMPLE_PERIOD | REQ_SET_SCHED_PRIO)))
		return;
	printf("PF policies: engine_reset %s, sample_period_ms %s, sched_priority %s\n",
	       fmt_opt_u(r->set & REQ_SET_ENGINE_RESET, r->engine_reset, a, sizeof(a)),
	       fmt_opt_u(r->set & REQ_SET_SAMPLE_PERIOD, r->sample_period_ms, b, sizeof(b)),
	       r->set & REQ_SET_SCHED_PRIO ? sched_prio_name(r->sched_priority) : "-");
}

/* What the PF's driver can do; nothing from a kernel that does not say. */
static void print_caps(const struct pf_state *pf)
{
	uint32_t bit;

	if (!pf->have_caps)
		return;
	printf("  caps:");
	for (bit = 1; bit <= VFPROV_CAPS_PER_GT; bit <<= 1)
		if (pf->caps & bit)
			printf(" %s", cap_name(bit));
	printf("%s\n", pf->caps ? "" : " none");
}

void print_config_table(const struct vf_req *r)
{
	char a[32], b[32], c[32], d[32], e[32], f[32], w[32];
	uint32_t i;

	if (r->set & REQ_SET_NUM_VFS)
		printf("VFs: %u\n", r->num_vfs);
	if (r->set & REQ_SET_DRIVER)
		printf("VF driver: %s\n", driver_name(r->driver));
	if (r->set & (REQ_SET_LMEM_SPARE | REQ_SET_GGTT_SPARE |
		      REQ_SET_CTX_SPARE | REQ_SET_DB_SPARE))
		printf("PF spare: lmem %s, ggtt %s, contexts %s, doorbells %s\n",
		       fmt_opt_size(r->set & REQ_SET_LMEM_SPARE, r->lmem_spare, a, sizeof(a)),
		       fmt_opt_size(r->set & REQ_SET_GGTT_SPARE, r->ggtt_spare, b, sizeof(b)),
		       fmt_opt_u(r->set & REQ_SET_CTX_SPARE, r->contexts_spare, c, sizeof(c)),
		       fmt_opt_u(r->set & REQ_SET_DB_SPARE, r->doorbells_spare, d, sizeof(d)));
	if (r->set & (REQ_SET_PF_EQ | REQ_SET_PF_PT | REQ_SET_IDLE))
		printf("PF scheduling: exec_quantum_ms %s, preempt_timeout_us %s, sched_if_idle %s\n",
		       fmt_opt_u(r->set & REQ_SET_PF_EQ, r->pf_eq, a, sizeof(a)),
		       fmt_opt_u(r->set & REQ_SET_PF_PT, r->pf_pt, b, sizeof(b)),
		       fmt_opt_u(r->set & REQ_SET_IDLE, r->sched_if_idle, c, sizeof(c)));
	print_policies(r);
	if (!r->num_vfs)
		return;
	printf("%-3s  %-10s  %-10s  %-8s  %-9s  %-7s  %-8s  %s\n", "VF", "LMEM",
	       "GGTT", "CONTEXTS", "DOORBELLS", "EQ_MS", "PT_US", "WEIGHT");
	for (i = 0; i < r->num_vfs && i < VFPROV_MAX_VFS; i++) {
		const struct vf_cfg *v = &r->vf[i];

		printf("%-3u  %-10s  %-10s  %-8s  %-9s  %-7s  %-8s  %s\n", i + 1,
		       fmt_opt_size(v->set & VF_SET_LMEM, v->lmem, a, sizeof(a)),
		       fmt_opt_size(v->set & VF_SET_GGTT, v->ggtt, b, sizeof(b)),
		       fmt_opt_u(v->set & VF_SET_CONTEXTS, v->contexts, c, sizeof(c)),
		       fmt_opt_u(v->set & VF_SET_DOORBELLS, v->doorbells, d, sizeof(d)),
		       fmt_opt_u(v->set & VF_SET_EQ, v->eq, e, sizeof(e)),
		       fmt_opt_u(v->set & VF_SET_PT, v->pt, f, sizeof(f)),
		       fmt_opt_u(v->set & VF_SET_WEIGHT, v->weight, w, sizeof(w)));
		print_gts(v);
	}
	for (i = 0; i < r->num_vfs && i < VFPROV_MAX_VFS; i++)
		print_thresholds(i + 1, &r->vf[i]);
}

/* The running transaction and the latest outcomes (ABI v2), by id. */
static void print_txns(const struct pf_state *pf)
{
	int i;

	if (pf->have_running)
		printf("  running: transaction %llu (%s), step %s%s%.0u\n",
		       (unsigned long long)pf->running.txn_id,
		       txn_op_name(pf->running.op),
		       pf->running.step ? step_name(pf->running.step) : "starting",
		       pf->running.vf ? ", VF " : "", pf->running.vf);
	for (i = 0; i < pf->nout && i < VFPROV_OUTCOMES_KEPT; i++) {
		const struct vf_result *o = &pf->out[i];

		printf("  %s transaction %llu (%s): %s", i ? "      " : "recent:",
		       (unsigned long long)o->txn_id, txn_op_name(o->op),
		       result_name(o->result));
		if (o->have_gen)
			printf(", generation %" PRIu64, o->generation);
		if (o->err)
			printf(", %s", strerrorname_np(-o->err) ?: "?");
		if (o->step[0])
			printf(", step %s", o->step);
		putchar('\n');
	}
}

/* "ok", or the adverse counters that are not zero */
static const char *health(const struct vf_state *v, char *buf, size_t len)
{
	top_adverse_text(v, buf, len);
	if (!strcmp(buf, "-"))
		snprintf(buf, len, "ok");
	return buf;
}

static void print_pf(const struct pf_state *pf)
{
	char a[32], b[32], c[32], d[32], e[32], f[32];
	int i, shown;

	printf("PF %s%s%s%s\n", pf->addr, pf->card[0] ? " (" : "", pf->card,
	       pf->card[0] ? ")" : "");
	printf("  backend %s, driver %s\n", pf->backend[0] ? pf->backend : "-",
	       pf->driver[0] ? pf->driver : "-");
	printf("  VFs %u of %u enabled, generation %" PRIu64 ", state %s, last result %s\n",
	       pf->num_vfs, pf->total_vfs, pf->generation, state_name(pf->state),
	       result_name(pf->last_result));
	if (pf->last_errno || pf->last_error[0])
		printf("  last error: %s%s%s\n", pf->last_error,
		       pf->last_errno ? " -- " : "",
		       pf->last_errno ? strerrorname_np(-pf->last_errno) ?: "?" : "");
	print_caps(pf);
	if (pf->gts > 1)
		printf("  GTs %u: a VF's contexts, doorbells and scheduling may differ per GT\n",
		       pf->gts);
	if (pf->have_cfg)
		print_policies(&pf->cfg);
	print_txns(pf);
	if (pf->nres) {
		printf("\n%-10s  %-10s  %-10s  %-10s  %-10s  %-10s  %s\n",
		       "RESOURCE", "FREE", "MAX_QUOTA", "SPARE", "SPARE_MIN",
		       "GRANULE", "VF_MAX");
		for (i = 0; i < pf->nres; i++) {
			const struct res_info *r = &pf->res[i];

			printf("%-10s  %-10s  %-10s  %-10s  %-10s  %-10s  %s\n",
			       r->name,
			       fmt_res(r->name, r->free, a, sizeof(a)),
			       fmt_res(r->name, r->max_quota, b, sizeof(b)),
			       fmt_res(r->name, r->spare, c, sizeof(c)),
			       fmt_res(r->name, r->spare_min, d, sizeof(d)),
			       fmt_res(r->name, r->granule, e, sizeof(e)),
			       fmt_res(r->name, r->vf_max, f, sizeof(f)));
		}
	}
	for (i = 0, shown = 0; i < pf->nvfs; i++)
		shown += pf->vf[i].enabled || pf->vf[i].cfg.set;
	if (!shown)
		return;
	printf("\n%-3s  %-12s  %-3s  %-9s  %-5s  %-3s  %-9s  %-9s  %-5s  %-4s  %-5s  %-6s  %-8s  %s\n",
	       "VF", "PCI", "ON", "DRIVER", "IOMMU", "USE", "LMEM", "GGTT",
	       "CTX", "DB", "EQ_MS", "PT_US", "STATE", "HEALTH");
	for (i = 0; i < pf->nvfs; i++) {
		const struct vf_state *v = &pf->vf[i];
		const struct vf_cfg *q = &v->cfg;
		char g[16], hl[128];

		/* disabled VFs only when they hold a configuration */
		if (!v->enabled && !q->set)
			continue;

		snprintf(g, sizeof(g), "%d", v->iommu_group);
		printf("%-3u  %-12s  %-3s  %-9s  %-5s  %-3s  %-9s  %-9s  %-5s  %-4s  %-5s  %-6s  %-8s  %s\n",
		       v->id, v->pci_addr[0] ? v->pci_addr : "-",
		       v->enabled ? "yes" : "no",
		       v->driver[0] ? v->driver : "-",
		       v->iommu_group >= 0 ? g : "-", v->in_use ? "yes" : "no",
		       fmt_opt_size(q->set & VF_SET_LMEM, q->lmem, a, sizeof(a)),
		       fmt_opt_size(q->set & VF_SET_GGTT, q->ggtt, b, sizeof(b)),
		       fmt_opt_u(q->set & VF_SET_CONTEXTS, q->contexts, c, sizeof(c)),
		       fmt_opt_u(q->set & VF_SET_DOORBELLS, q->doorbells, d, sizeof(d)),
		       fmt_opt_u(q->set & VF_SET_EQ, q->eq, e, sizeof(e)),
		       fmt_opt_u(q->set & VF_SET_PT, q->pt, f, sizeof(f)),
		       v->have_state ? vf_run_state_name(v->run_state) : "-",
		       health(v, hl, sizeof(hl)));
		print_gts(q);
	}
	for (i = 0; i < pf->nvfs; i++)
		if (pf->vf[i].enabled)
			print_thresholds(pf->vf[i].id, &pf->vf[i].cfg);
}

int cmd_show(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct vf_result res = { 0 };
	char addr[VFPROV_ADDR_LEN];
	struct pf_state *pf;
	struct vfnl nl;
	int c, rc;

	while ((c = getopt_long(argc, argv, "j", opts, NULL)) != -1) {
		if (c != 'j') {
			usage_error("usage: vfctl show PF [--json]");
			return EXIT_USAGE;
		}
		g_opts.json = true;
	}
	if (optind != argc - 1) {
		usage_error("usage: vfctl show PF [--json]");
		return EXIT_USAGE;
	}
	rc = open_nl(&nl);
	if (rc)
		return rc;
	rc = resolve_pf(&nl, argv[optind], addr, sizeof(addr));
	if (rc) {
		vfnl_close(&nl);
		return rc;
	}
	pf = calloc(1, sizeof(*pf));
	if (!pf) {
		vfnl_close(&nl);
		return EXIT_ERR;
	}
	rc = vfnl_pf_get(&nl, addr, pf, &res);
	if (!rc) {
		memset(&res, 0, sizeof(res));
		snprintf(pf->addr, sizeof(pf->addr), "%s", addr);
		rc = vfnl_vf_dump(&nl, pf, &res);
	}
	if (rc) {
		rc = result_exit_code(res.nl_err, &res);
		rc = rc == EXIT_REJECTED || rc == EXIT_OK ? EXIT_ERR : rc;
		print_failure("show", addr, rc, &res);
		goto out;
	}
	fill_card(pf);
	if (g_opts.json)
		json_print(json_show(pf), false);
	else
		print_pf(pf);
	hw_journal_warn_stale();	/* a host-wide apply died half-way */
	rc = EXIT_OK;
out:
	free(pf);
	vfnl_close(&nl);
	return rc;
}
